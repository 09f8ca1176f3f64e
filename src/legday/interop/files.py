"""Files the user names, handled as files: what legday reads is a regular file of bounded size,
and what it writes replaces only a regular file or creates a new one, atomically.

A FIFO would block an import forever, ``/dev/zero`` would fill memory, and writing "to" a symlink,
a FIFO or a device node must not replace it with a regular file and report success. Every write
goes to a temporary file in the same folder and is renamed over the target, so a failed write
never leaves half a file (docs/import-limits.md).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from legday.domain.errors import InvalidInput, NotFound

# The largest file an import reads. The biggest real export seen is a few MB; 200,000 sets of
# Strong CSV are about 25 MB. 512 MiB leaves room for any history while keeping memory bounded.
MAX_READ_BYTES = 512 * 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _os_problem(path: Path, exc: OSError, doing: str, hint: str) -> InvalidInput:
    if exc.errno == errno.ENAMETOOLONG:
        return InvalidInput(f"the path {_shown(path)} is too long", "give a shorter path")
    reason = exc.strerror or type(exc).__name__
    return InvalidInput(f"cannot {doing} {_shown(path)}: {reason}", hint)


def _shown(path: Path) -> str:
    text = str(path)
    return repr(text if len(text) <= 200 else text[:200] + "…")


def read_input(path: str | Path, limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is one clear error."""
    p = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise NotFound(f"no file {_shown(p)}", "check the path") from None
    except IsADirectoryError:
        raise InvalidInput(f"{_shown(p)} is a folder", "give the export file itself") from None
    except OSError as exc:
        raise _os_problem(p, exc, "read", "check the path and its permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(
                f"{_shown(p)} is {_kind(info.st_mode)}", "give a regular file (an export)"
            )
        if info.st_size > limit:
            raise InvalidInput(
                f"{_shown(p)} is {info.st_size / 2**20:.0f} MiB",
                f"legday reads files of at most {limit / 2**20:.0f} MiB",
            )
        chunks: list[bytes] = []
        got = 0
        # The size fstat gave in one read (then nothing more to join: 86 MB in 1 MiB pieces took
        # 40 ms longer); the loop reads what a file that grew meanwhile added.
        want = min(info.st_size + 1, limit + 1)
        while True:  # read to the end, but never past the limit (a file may grow meanwhile)
            chunk = os.read(fd, want)
            want = min(1 << 20, limit + 1 - got - len(chunk))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if got > limit:
                raise InvalidInput(
                    f"{_shown(p)} is larger than {limit / 2**20:.0f} MiB",
                    f"legday reads files of at most {limit / 2**20:.0f} MiB",
                )
        return b"".join(chunks)
    except OSError as exc:
        raise _os_problem(p, exc, "read", "check the file") from None
    finally:
        os.close(fd)


def check_output(path: str | Path, what: str = "the output file") -> Path:
    """``path`` may be written: a new name in an existing folder, or an existing regular file."""
    p = Path(path)
    try:
        info = os.lstat(p)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _os_problem(p, exc, "write", "give a writable file path") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise InvalidInput(
            f"{what} {_shown(p)} is {_kind(info.st_mode)}",
            "give a regular file or a new file name",
        )
    parent = p.parent
    if not parent.is_dir():
        raise InvalidInput(
            f"the folder of {what} {_shown(p)} does not exist", "create the folder first"
        )
    return p


def write_output(path: str | Path, data: bytes | str, what: str = "the output file") -> Path:
    """Write ``data`` to ``path`` whole or not at all (temporary file + rename in one folder)."""
    p = check_output(path, what)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = p.with_name(f".{p.name[:100]}.{secrets.token_hex(4)}.partial")
    try:
        # O_EXCL: the temporary name is ours alone; 0o666 lets the umask decide, as for any file.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _os_problem(
            p, exc, "write", "give a file in a folder that exists and that you may write to"
        ) from None
    return p


def new_output(path: str | Path, what: str = "the output file") -> Path:
    """A path that must not exist yet (a backup never overwrites)."""
    p = check_output(path, what)
    if os.path.lexists(p):
        raise InvalidInput(f"{what} {_shown(p)} exists already", "choose a new file name")
    return p
