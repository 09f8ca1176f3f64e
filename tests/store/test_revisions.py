"""The Alembic-free schema check reads the same revisions as Alembic itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from legday.store import migrate, revisions
from legday.store.engine import make_engine


def test_chain_and_head_match_alembic() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    walked = [s.revision for s in script.walk_revisions()]  # head first
    assert list(revisions.chain()) == walked[::-1]
    assert revisions.head() == migrate.head_revision()


def test_stored_revision_matches_alembic(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)  # PostgreSQL's test databases come migrated; SQLite's do not
        with engine.connect() as conn:
            conn.info["legday_readonly"] = True
            ours = revisions.stored(conn)
        assert ours == migrate.current_revision(engine)
        assert ours == revisions.head()
    finally:
        engine.dispose()


def test_a_fresh_file_has_no_revision(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        with engine.connect() as conn:
            assert revisions.stored(conn) is None
    finally:
        engine.dispose()


def test_branching_scripts_are_left_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, rev, down in (("a.py", "a1", None), ("b.py", "b1", "a1"), ("c.py", "c1", "a1")):
        parent = "None" if down is None else f'"{down}"'
        (tmp_path / name).write_text(f'revision = "{rev}"\ndown_revision = {parent}\n')
    monkeypatch.setattr(revisions, "VERSIONS", tmp_path)
    revisions.chain.cache_clear()
    try:
        with pytest.raises(revisions.UnreadableScripts):
            revisions.chain()
    finally:
        revisions.chain.cache_clear()


def test_annotated_assignments_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "0001_a.py").write_text(
        'revision: str = "0001"\ndown_revision: str | None = None\n'
    )
    (tmp_path / "0002_b.py").write_text(
        'revision: str = "0002"\ndown_revision: Union[str, None] = "0001"\n'
    )
    monkeypatch.setattr(revisions, "VERSIONS", tmp_path)
    revisions.chain.cache_clear()
    try:
        assert revisions.chain() == ("0001", "0002")
    finally:
        revisions.chain.cache_clear()
