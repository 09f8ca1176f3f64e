"""Catalog data files (TOML); a package so that the files ship inside wheels."""
