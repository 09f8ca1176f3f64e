"""The catalog and its name matcher in compiled form: one pickle shipped beside the TOML files.

Reading and validating the TOML files and indexing every spelling for the matcher took about
0.15-0.19 s per process (tomllib, the record checks, the word indexes); unpickling the finished
catalog takes under 0.01 s, and its matcher another 0.015 s when a name is first matched.
The pickle is only a cache: it carries a key made of the TOML files and of the code that builds
the objects, and it is used only when that key equals the key of the files installed beside it.
Otherwise (a data file or the matcher changed and nobody regenerated it) the catalog is built
from the TOML as before, so a stale file costs time, never correctness.
tests/domain/catalog/test_compiled.py fails while the file is stale or differs from a fresh build.

Regenerate with ``python -m legday.domain.catalog.compiled`` (after any change to the data files
or to the modules named in ``CODE``, this one included).
"""

from __future__ import annotations

import hashlib
import io
import pickle
from functools import partial
from importlib import resources
from pathlib import Path

from legday.domain.catalog.matching import Matcher, remember_matcher_source
from legday.domain.catalog.model import Exercise
from legday.domain.catalog.registry import DATA_PACKAGE, Catalog, build, data_files

FILE = "compiled.pickle"  # in the data/ folder
PROTOCOL = 5  # readable by every Python legday supports (3.8+)
FORMAT = 2  # bump when the layout of the pickled tuple changes
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
    else None. Its matcher is unpickled only when a name is first matched (matching.matcher):
    most commands never match a name, and the matcher is two thirds of the file."""
    try:
        if blob is None:
            blob = resources.files(DATA_PACKAGE).joinpath("data", FILE).read_bytes()
        stored_key, catalog_blob, matcher_blob = pickle.loads(blob)
        if stored_key != key(files):
            return None
        catalog = pickle.loads(catalog_blob)
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(catalog, Catalog):
        return None
    remember_matcher_source(catalog, partial(_load_matcher, catalog, matcher_blob))
    return catalog


class _CatalogPickler(pickle.Pickler):
    """Pickles a matcher with its catalog and exercises as references, not copies."""

    def __init__(self, file: io.BytesIO, catalog: Catalog) -> None:
        super().__init__(file, protocol=PROTOCOL)
        self.catalog = catalog

    def persistent_id(self, obj: object) -> object:
        if obj is self.catalog:
            return "catalog"
        if isinstance(obj, Exercise) and obj.id in self.catalog and self.catalog.get(obj.id) is obj:
            return ("exercise", obj.id)
        return None


class _CatalogUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, catalog: Catalog) -> None:
        super().__init__(file)
        self.catalog = catalog

    def persistent_load(self, pid: object) -> object:
        if pid == "catalog":
            return self.catalog
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "exercise":
            return self.catalog.get(str(pid[1]))
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


def _load_matcher(catalog: Catalog, blob: bytes) -> Matcher | None:
    try:
        found = _CatalogUnpickler(io.BytesIO(blob), catalog).load()
    except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError, KeyError):
        return None
    return found if isinstance(found, Matcher) and found.catalog is catalog else None


def compile_catalog(files: list[tuple[str, str]]) -> bytes:
    """The file for ``files``: (key, pickled catalog, pickled matcher whose catalog and
    exercises refer to the first pickle's), the matcher's answer cache empty."""
    catalog = build(files)
    buf = io.BytesIO()
    _CatalogPickler(buf, catalog).dump(Matcher(catalog))
    parts = (key(files), pickle.dumps(catalog, protocol=PROTOCOL), buf.getvalue())
    return pickle.dumps(parts, protocol=PROTOCOL)


def write(folder: Path | None = None) -> Path:
    """Regenerate the shipped file (or write it into ``folder``)."""
    target = (folder or Path(__file__).with_name("data")) / FILE
    target.write_bytes(compile_catalog(data_files()))
    return target


if __name__ == "__main__":
    print(f"wrote {write()}")
