"""The catalog and its name matcher in compiled form: one pickle shipped beside the TOML files.

Reading and validating the TOML files and indexing every spelling for the matcher took about
0.15-0.19 s per process (tomllib, the record checks, the word indexes); unpickling the finished
objects takes about 0.02 s. The pickle is only a cache: it carries a key made of the TOML files
and of the code that builds the objects, and it is used only when that key equals the key of the
files installed beside it. Otherwise (a data file or the matcher changed and nobody regenerated
it) the catalog is built from the TOML as before, so a stale file costs time, never correctness.
tests/domain/catalog/test_compiled.py fails while the file is stale or differs from a fresh build.

Regenerate with ``python -m legday.domain.catalog.compiled``.
"""

from __future__ import annotations

import hashlib
import pickle
from importlib import resources
from pathlib import Path

from legday.domain.catalog.matching import Matcher, remember_matcher
from legday.domain.catalog.registry import DATA_PACKAGE, Catalog, build, data_files

FILE = "compiled.pickle"  # in the data/ folder
PROTOCOL = 5  # readable by every Python legday supports (3.8+)
FORMAT = 1  # bump when the layout of the pickled tuple changes
# The modules whose code shapes the pickled objects; a change to any of them retires the file.
CODE = ("model.py", "schema.py", "registry.py", "matching.py", "text.py", "compiled.py")


def key(files: list[tuple[str, str]]) -> str:
    """A digest of the data files and of the code that turns them into objects."""
    h = hashlib.sha256(f"legday-catalog-{FORMAT}".encode())
    for name, text in files:
        h.update(name.encode() + b"\0" + text.encode() + b"\0")
    pkg = resources.files(DATA_PACKAGE)
    for name in CODE:
        h.update(name.encode() + b"\0" + pkg.joinpath(name).read_bytes() + b"\0")
    return h.hexdigest()


def read(files: list[tuple[str, str]], blob: bytes | None = None) -> Catalog | None:
    """The compiled catalog when the shipped file (or ``blob``) matches ``files`` and this code,
    else None. Its matcher is handed to ``matching`` so the first match needs no indexing."""
    try:
        if blob is None:
            blob = resources.files(DATA_PACKAGE).joinpath("data", FILE).read_bytes()
        stored_key, catalog, matcher = pickle.loads(blob)
        wanted = key(files)
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if stored_key != wanted or not isinstance(catalog, Catalog):
        return None
    if not isinstance(matcher, Matcher) or matcher.catalog is not catalog:
        return None
    remember_matcher(matcher)
    return catalog


def compile_catalog(files: list[tuple[str, str]]) -> bytes:
    """The pickle for ``files``: (key, catalog, matcher with an empty answer cache)."""
    catalog = build(files)
    matcher = Matcher(catalog)
    return pickle.dumps((key(files), catalog, matcher), protocol=PROTOCOL)


def write(folder: Path | None = None) -> Path:
    """Regenerate the shipped file (or write it into ``folder``)."""
    target = (folder or Path(__file__).with_name("data")) / FILE
    target.write_bytes(compile_catalog(data_files()))
    return target


if __name__ == "__main__":
    print(f"wrote {write()}")
