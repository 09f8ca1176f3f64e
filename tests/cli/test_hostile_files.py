"""Files the user names are handled as files: --out replaces only a regular file (or makes a new
one) atomically; imports read only regular files of bounded size; every refusal is one line."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from tests.cli.test_plan_cmd import _setup
from tests.helpers import run_cli

from legday.domain.errors import InvalidInput
from legday.interop import files


def _one_line(r: object) -> str:
    err: str = r.stderr  # type: ignore[attr-defined]
    assert r.exit_code == 1, err  # type: ignore[attr-defined]
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err


def _targets(tmp_path: Path) -> dict[str, Path]:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.ics"
    link.symlink_to(victim)
    folder = tmp_path / "folder"
    folder.mkdir()
    return {"fifo": fifo, "symlink": link, "folder": folder, "device": Path("/dev/null")}


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder", "device"])
def test_plan_export_refuses_what_is_not_a_regular_file(
    db_url: str, tmp_path: Path, kind: str
) -> None:
    _setup(db_url)
    target = _targets(tmp_path)[kind]
    before = os.lstat(target)
    r = run_cli("plan", "export", "--format", "ics", "--out", str(target), db=db_url)
    assert "regular file" in _one_line(r)
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)  # not replaced
    assert (tmp_path / "victim.txt").read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_export_out_refuses_too(db_url: str, tmp_path: Path, kind: str) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    target = _targets(tmp_path)[kind]
    r = run_cli("export", "--out", str(target), db=db_url)
    _one_line(r)
    assert (tmp_path / "victim.txt").read_text() == "keep me"


def test_out_paths_that_cannot_be_written_are_one_line(db_url: str, tmp_path: Path) -> None:
    _setup(db_url)
    for target in (tmp_path / "missing" / "plan.ics", tmp_path / ("x" * 300 + ".ics")):
        r = run_cli("plan", "export", "--format", "ics", "--out", str(target), db=db_url)
        _one_line(r)
    ok = tmp_path / "plan.ics"
    ok.write_text("old")
    r = run_cli("plan", "export", "--format", "ics", "--out", str(ok), db=db_url)
    assert r.exit_code == 0 and ok.read_text().startswith("BEGIN:VCALENDAR")


def test_read_only_folder(db_url: str, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    _setup(db_url)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        r = run_cli("plan", "export", "--format", "ics", "--out", str(ro / "p.ics"), db=db_url)
        _one_line(r)
    finally:
        ro.chmod(0o700)


def test_db_backup_refuses_links_and_existing_files(sqlite_url: str, tmp_path: Path) -> None:
    run_cli("athlete", "add", "Sam", db=sqlite_url)
    t = _targets(tmp_path)
    dangling = tmp_path / "dangling.db"
    dangling.symlink_to(tmp_path / "nowhere.db")
    for target in (t["fifo"], t["symlink"], t["folder"], dangling, tmp_path / "victim.txt"):
        _one_line(run_cli("db", "backup", str(target), db=sqlite_url))
    assert not (tmp_path / "nowhere.db").exists()
    _one_line(run_cli("db", "backup", str(tmp_path / ("y" * 300)), db=sqlite_url))
    good = tmp_path / "sub" / "backup.db"
    r = run_cli("db", "backup", str(good), "--json", db=sqlite_url)
    assert r.exit_code == 0 and r.json()["integrity"] == "ok" and good.is_file()


def test_import_refuses_a_fifo_without_blocking(db_url: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(run_cli("import", str(fifo), db=db_url)))
    worker.start()
    worker.join(30)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        worker.join()
        pytest.fail("import blocked on a FIFO")
    assert "named pipe" in _one_line(done[0])


def test_import_refuses_devices_folders_and_long_paths(db_url: str, tmp_path: Path) -> None:
    for path in ("/dev/zero", str(tmp_path), str(tmp_path / ("z" * 300))):
        _one_line(run_cli("import", path, db=db_url))
    assert "no file" in _one_line(run_cli("import", str(tmp_path / "absent.csv"), db=db_url))


def test_plan_import_refuses_a_folder_and_a_fifo(db_url: str, tmp_path: Path) -> None:
    _setup(db_url)
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    for path in (tmp_path, fifo):
        _one_line(run_cli("plan", "import", str(path), db=db_url))


def test_read_input_caps_the_bytes_it_reads(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2048)
    assert files.read_input(big, limit=2048) == b"x" * 2048
    with pytest.raises(InvalidInput, match="at most"):
        files.read_input(big, limit=2047)


def test_write_output_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(InvalidInput, match="No space left"):
        files.write_output(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
