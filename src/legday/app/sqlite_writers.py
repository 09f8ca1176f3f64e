"""One writer at a time on a SQLite file, across the threads and the worker processes of a
server (``legday.app.db.Database`` takes it around every write transaction)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

# Set by `legday serve` for its worker processes when several share one SQLite file: only then do
# writers queue on a lock file beside the database. A person's own commands never make that
# file, so their data folder holds only the database and SQLite's own files.
SHARED_WRITERS_ENV = "LEGDAY_SQLITE_SHARED_WRITERS"


def shared_writers() -> bool:
    """Whether several processes of one server write this SQLite file (SHARED_WRITERS_ENV)."""
    return os.environ.get(SHARED_WRITERS_ENV) == "1"


class Writers:
    """One writer at a time on a SQLite file: the threads of this process queue on a lock, and
    the processes of a server with several workers on an exclusive ``flock`` of a file beside
    the database (``<file>-writer``; ``path`` None: no such file, the case of every command but
    a server of several workers). Both wake the next writer the moment the last one is done;
    without the file lock two processes meet in SQLite's busy handler, which sleeps and polls
    (p99 1.3 s with two workers logging 200 sets/s, docs/server.md#cost-of-a-set). Processes
    that do not take it (another legday command) still wait in the busy handler, as before.
    Without ``fcntl`` (Windows) or a lock file that cannot be made, only the thread lock."""

    def __init__(self, path: Path | None) -> None:
        self._threads = threading.Lock()
        self._path = Path(f"{path}-writer") if path is not None else None
        self._fd: int | None = None

    def __enter__(self) -> Writers:
        self._threads.acquire()
        try:
            fd = self._file()
            if fd is not None:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._fd is not None:
                import fcntl

                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _file(self) -> int | None:
        """The lock file's descriptor, opened once and kept (None: no file lock here)."""
        if self._fd is None and self._path is not None:
            try:
                import fcntl  # noqa: F401 - POSIX only

                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
            except (ImportError, OSError):
                self._path = None  # the thread lock alone, as before
        return self._fd
