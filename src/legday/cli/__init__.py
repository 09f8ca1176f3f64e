"""Typer commands: parse flags, call the app layer, render with Rich or as JSON. No logic here."""
