"""Load and check the test data files (``data/*.toml``); a bad file fails loudly on first use."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from legday.domain.assess.model import (
    FINDING_KINDS,
    FLAGS,
    RATINGS,
    RTS_ROLES,
    InputSpec,
    NormTable,
    Source,
    TestSpec,
    TriageRule,
)
from legday.domain.errors import FileFormatError, NotFound

TEST_IDS: tuple[str, ...] = (
    "steadi-screen", "chair-stand-30s", "tug", "four-stage-balance", "single-leg-stance",
    "up-and-go-8ft", "cmj", "squat-jump", "y-balance", "rep-max", "nordic", "knee-to-wall",
    "single-leg-hop", "triple-hop", "crossover-hop", "timed-hop-6m", "quad-strength",
    "readiness",
)  # fmt: skip
STATUSES = ("VERIFIED", "DISPUTED", "UNVERIFIED")
TABLE_KINDS = (
    "range_by_age_sex", "cutoff_by_age_sex", "value_by_age", "threshold", "thresholds",
    "mean_sd_by_sex",
)  # fmt: skip
_REQUIRED = ("id", "name", "scorer", "unit", "better", "needs", "protocol", "formula")


def _fail(path: str, problem: str, expected: str | None = None) -> FileFormatError:
    return FileFormatError(f"legday/domain/assess/data/{path}", None, problem, expected)


def _input(path: str, name: str, raw: dict[str, Any]) -> InputSpec:
    if "help" not in raw:
        raise _fail(path, f"input {name!r} has no help text")
    choices = tuple(raw.get("choices", ()))
    if not choices and ("min" not in raw or "max" not in raw):
        raise _fail(path, f"input {name!r} needs min and max, or choices")
    plausible: tuple[float, float] | None = None
    if "plausible" in raw:
        pl = raw["plausible"]
        if (
            not isinstance(pl, list)
            or len(pl) != 2
            or not all(isinstance(x, int | float) for x in pl)
            or pl[0] > pl[1]
        ):
            raise _fail(path, f"input {name!r}: plausible = {pl!r}", "[low, high]")
        lo, hi = float(pl[0]), float(pl[1])
        if ("min" in raw and lo < float(raw["min"])) or ("max" in raw and hi > float(raw["max"])):
            raise _fail(path, f"input {name!r}: plausible range {pl!r} exceeds min/max")
        if not str(raw.get("plausible_why", "")).strip():
            raise _fail(path, f"input {name!r} has a plausible range without plausible_why")
        plausible = (lo, hi)
    return InputSpec(
        name=name,
        help=str(raw["help"]),
        unit=raw.get("unit"),
        min=float(raw["min"]) if "min" in raw else None,
        max=float(raw["max"]) if "max" in raw else None,
        integer=bool(raw.get("integer", False)),
        required=bool(raw.get("required", True)),
        choices=choices,
        default=raw.get("default"),
        plausible=plausible,
        plausible_why=str(raw.get("plausible_why", "")),
    )


def _table(path: str, key: str, raw: dict[str, Any], sources: dict[str, Source]) -> NormTable:
    for k in ("kind", "source", "status", "meaning"):
        if k not in raw:
            raise _fail(path, f"table {key!r} has no {k!r}")
    if raw["kind"] not in TABLE_KINDS:
        raise _fail(path, f"table {key!r} has unknown kind {raw['kind']!r}", ", ".join(TABLE_KINDS))
    if raw["status"] not in STATUSES:
        raise _fail(path, f"table {key!r} has unknown status {raw['status']!r}")
    cited = [raw["source"]] + [r["source"] for r in raw.get("rows", []) if "source" in r]
    cited += [r[k] for r in raw.get("rows", []) for k in r if k.endswith("_alt_source")]
    for s in cited:
        if s not in sources:
            raise _fail(path, f"table {key!r} cites {s!r}, which is not in [sources]")
    for row in raw.get("rows", []):
        if "age" in row and (len(row["age"]) != 2 or row["age"][0] > row["age"][1]):
            raise _fail(path, f"table {key!r} has a bad age band {row['age']!r}", "[low, high]")
    data = {k: v for k, v in raw.items() if k not in ("kind", "source", "status", "meaning")}
    return NormTable(key, raw["kind"], raw["source"], raw["status"], raw["meaning"], data)


def _age(path: str, i: int, raw: dict[str, Any], key: str) -> int | None:
    v = raw.get(key)
    if v is None:
        return None
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 120:
        raise _fail(path, f"triage entry {i}: {key} = {v!r}", "a whole number of years")
    return v


def _triage(path: str, entries: Any, sources: dict[str, Source]) -> tuple[TriageRule, ...]:
    """The ``[[triage]]`` entries: each maps one flag or one rating to a finding kind."""
    if not isinstance(entries, list):
        raise _fail(path, "triage must be a list of [[triage]] tables")
    known = {"flag", "rating", "kind", "source", "cites", "why", "min_age", "max_age", "sex"}
    rules: list[TriageRule] = []
    for i, raw in enumerate(entries, start=1):
        if not isinstance(raw, dict):
            raise _fail(path, f"triage entry {i} is not a table")
        extra = sorted(set(raw) - known)
        if extra:
            raise _fail(
                path, f"triage entry {i} has unknown keys {extra}", ", ".join(sorted(known))
            )
        flag, rating = raw.get("flag"), raw.get("rating")
        if (flag is None) == (rating is None):
            raise _fail(path, f"triage entry {i} needs exactly one of flag or rating")
        if flag is not None and flag not in FLAGS:
            raise _fail(path, f"triage entry {i}: unknown flag {flag!r}", ", ".join(FLAGS))
        if rating is not None and rating not in RATINGS:
            raise _fail(path, f"triage entry {i}: unknown rating {rating!r}", ", ".join(RATINGS))
        if raw.get("kind") not in FINDING_KINDS:
            raise _fail(
                path,
                f"triage entry {i}: unknown kind {raw.get('kind')!r}",
                ", ".join(FINDING_KINDS),
            )
        for k in ("source", "cites", "why"):
            if not isinstance(raw.get(k), str) or not raw[k].strip():
                raise _fail(path, f"triage entry {i} has no {k!r}")
        if raw["cites"] not in sources:
            raise _fail(path, f"triage entry {i} cites {raw['cites']!r}, which is not in [sources]")
        lo, hi = _age(path, i, raw, "min_age"), _age(path, i, raw, "max_age")
        if lo is not None and hi is not None and lo > hi:
            raise _fail(path, f"triage entry {i}: min_age {lo} is above max_age {hi}")
        sex = raw.get("sex")
        if sex is not None and sex not in ("female", "male"):
            raise _fail(path, f"triage entry {i}: sex {sex!r}", "female or male")
        rules.append(
            TriageRule(
                kind=raw["kind"],
                flag=flag,
                rating=rating,
                source=raw["source"],
                cites=raw["cites"],
                why=raw["why"],
                min_age=lo,
                max_age=hi,
                sex=sex,
            )
        )
    return tuple(rules)


def parse(path: str, raw: dict[str, Any]) -> TestSpec:
    """One data file → :class:`TestSpec`, checking that every table names a known source."""
    for k in _REQUIRED:
        if k not in raw:
            raise _fail(path, f"missing {k!r}")
    if raw["better"] not in ("higher", "lower"):
        raise _fail(path, f"better = {raw['better']!r}", "higher or lower")
    sources = {
        key: Source(key, str(s["citation"]), str(s.get("status", "VERIFIED")))
        for key, s in raw.get("sources", {}).items()
    }
    if not sources:
        raise _fail(path, "no [sources]", "at least one citation")
    role = raw.get("rts_role")
    if role is not None and role not in RTS_ROLES:
        raise _fail(path, f"rts_role = {role!r}", ", ".join(RTS_ROLES))
    daily = raw.get("daily", False)
    if not isinstance(daily, bool):
        raise _fail(path, f"daily = {daily!r}", "true or false")
    return TestSpec(
        id=raw["id"],
        name=raw["name"],
        scorer=raw["scorer"],
        unit=raw["unit"],
        better=raw["better"],
        needs=tuple(raw["needs"]),
        protocol=raw["protocol"],
        formula=raw["formula"],
        scoring_rule=raw.get("scoring_rule", ""),
        notes=tuple(raw.get("notes", ())),
        inputs={n: _input(path, n, i) for n, i in raw.get("inputs", {}).items()},
        sources=sources,
        tables={k: _table(path, k, t, sources) for k, t in raw.get("tables", {}).items()},
        triage=_triage(path, raw.get("triage", []), sources),
        rts_role=role,
        daily=daily,
    )


@cache
def _load() -> dict[str, TestSpec]:
    specs: dict[str, TestSpec] = {}
    folder = resources.files("legday.domain.assess") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        try:
            raw = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise _fail(entry.name, f"not valid TOML: {exc}") from exc
        spec = parse(entry.name, raw)
        if f"{spec.id}.toml" != entry.name:
            raise _fail(entry.name, f"id {spec.id!r} does not match the file name")
        specs[spec.id] = spec
    return specs


def all_tests() -> list[TestSpec]:
    """Every test, in the order of :data:`TEST_IDS` (then any others alphabetically)."""
    specs = _load()
    order = {t: i for i, t in enumerate(TEST_IDS)}
    return sorted(specs.values(), key=lambda s: (order.get(s.id, len(order)), s.id))


def get(test_id: str) -> TestSpec:
    """The test called ``test_id``; an unknown id lists the known ones."""
    specs = _load()
    key = test_id.strip().lower()
    if key not in specs:
        raise NotFound(f"unknown test {test_id!r}", "known tests: " + ", ".join(TEST_IDS))
    return specs[key]
