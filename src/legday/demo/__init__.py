"""`legday demo`: the main job end to end — assess → plan → train → track — for three sample
athletes, on a fresh throwaway database inside the output folder (never the user's own data).

Each step is a module with ``TITLE`` and ``run(ctx)``; they run in the order of :data:`STEPS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from legday.app.analysis_results import Analysis
from legday.app.db import Database, open_database
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput
from legday.interop.files import write_output

STEPS: tuple[str, ...] = (
    "legday.demo.athletes_step",
    "legday.demo.catalog_step",
    "legday.demo.assess_step",
    "legday.demo.readiness_step",
    "legday.demo.import_step",
    "legday.demo.log_step",
    "legday.demo.plan_step",
    "legday.demo.train_step",
    "legday.demo.track_step",
    "legday.demo.report_step",
)

# The three people legday is for (docs/conventions.md): role → name.
LIFTER = "Sam Lifter"  # trains upper body, skips legs
HOOPER = "Jordan Hooper"  # 16-year-old basketball player
SENIOR = "Margaret Steady"  # 72, at risk of falling


def _as_is(analysis: Analysis, athlete: str) -> Analysis:
    del athlete
    return analysis


# The running shell's words for an analysis document (the CLI adds its fix as a command line),
# given the document and the athlete's name.
WordAnalysis = Callable[[Analysis, str], Analysis]


@dataclass
class DemoContext:
    db: Database
    out: Path
    today: date
    word_analysis: WordAnalysis = _as_is
    summary: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        """The demo database's local user, who owns the three athletes."""
        return self.db.local_actor()

    def athlete(self, name: str) -> int:
        """The id of the demo athlete called ``name``."""
        from legday.app import athletes

        return athletes.lookup(self.db, self.actor, name)

    def who(self, name: str) -> tuple[Database, Actor, int]:
        """(database, actor, athlete id): the first arguments of every athlete use-case."""
        return self.db, self.actor, self.athlete(name)

    def note(self, line: str) -> None:
        """A line for the closing summary."""
        self.summary.append(line)

    def write_json(self, name: str, data: Any) -> Path:
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_output(path, json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n")
        self.files.append(path)
        return path


@dataclass(frozen=True)
class DemoResult:
    out: Path
    database: Path
    summary: list[str]
    files: list[Path]
    results: dict[str, Any]


def default_out_dir(now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path.cwd() / f"legday-demo-{stamp}"


def steps() -> list[tuple[str, Callable[[DemoContext], None]]]:
    mods = [import_module(name) for name in STEPS]
    return [(m.TITLE, m.run) for m in mods]


def run_demo(
    out: Path | None = None,
    on_step: Callable[[int, int, str], None] | None = None,
    today: date | None = None,
    word_analysis: WordAnalysis | None = None,
) -> DemoResult:
    out = (out or default_out_dir()).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file in the way, no permission: the user's --out to change
        raise InvalidInput(
            f"cannot use {str(out)!r} as the demo folder: {exc.strerror}",
            "give --out a new or empty folder you may write to",
        ) from None
    db_path = out / "demo.db"
    if db_path.exists():
        db_path.unlink()  # a demo always starts from nothing; it is our own file in our folder
    db = open_database(f"sqlite:///{db_path}")
    ctx = DemoContext(db=db, out=out, today=today or date.today())
    if word_analysis is not None:
        ctx.word_analysis = word_analysis
    todo = steps()
    for i, (title, fn) in enumerate(todo):
        if on_step:
            on_step(i, len(todo), title)
        fn(ctx)
    if on_step:
        on_step(len(todo), len(todo), "done")
    ctx.write_json("summary.json", {"summary": ctx.summary, "results": ctx.results})
    return DemoResult(out, db_path, ctx.summary, ctx.files, ctx.results)
