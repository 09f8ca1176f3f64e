"""Staging folders a killed import left behind are deleted by the next import; a running
import's folder is not."""

from __future__ import annotations

import os
import time
from pathlib import Path

from legday.store.import_staging import FOLDER_PREFIX, STALE_AFTER_S, sweep_stale


def _folder(parent: Path, name: str, age_s: float) -> Path:
    folder = parent / name
    folder.mkdir()
    (folder / "stage-0.db").write_bytes(b"x" * 1024)
    then = time.time() - age_s
    os.utime(folder, (then, then))
    return folder


def test_only_stale_staging_folders_are_swept(tmp_path: Path) -> None:
    killed = _folder(tmp_path, FOLDER_PREFIX + "killed", STALE_AFTER_S + 60)
    running = _folder(tmp_path, FOLDER_PREFIX + "running", 30)
    someone_elses = _folder(tmp_path, "other-tool-old", STALE_AFTER_S * 4)
    sweep_stale(tmp_path)
    assert not killed.exists()
    assert running.exists() and (running / "stage-0.db").exists()
    assert someone_elses.exists()  # only legday's own folders are touched


def test_a_later_sweep_takes_what_has_grown_old(tmp_path: Path) -> None:
    folder = _folder(tmp_path, FOLDER_PREFIX + "slow", 60)
    sweep_stale(tmp_path)
    assert folder.exists()
    sweep_stale(tmp_path, now=time.time() + STALE_AFTER_S)
    assert not folder.exists()
