"""Name matching against every exercise name in ../shared/samples, judged by hand once.

The judgements live in tests/data/exercise_name_judgements.toml. The set counts are recomputed
here from the sample files (only the name column of each format is read), so the "names that
cover 90 % of the sets" are the samples' own, not the data file's.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import samples_dir

from legday.domain.catalog.matching import match_name

JUDGEMENTS = Path(__file__).resolve().parents[2] / "data" / "exercise_name_judgements.toml"


def _strong(path: Path, counts: Counter[str]) -> None:
    text = path.read_text(encoding="utf-8-sig")
    head = text.split("\n", 1)[0]
    delim = ";" if head.count(";") > head.count(",") else ","
    for row in csv.DictReader(io.StringIO(text), delimiter=delim):
        if row.get("Set Order") in ("Rest Timer", "Note"):
            continue  # not sets (docs/evidence/import-formats.md: Strong rest-timer and note rows)
        counts[row["Exercise Name"]] += 1


def _hevy(path: Path, counts: Counter[str]) -> None:
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
        counts[row["exercise_title"]] += 1


def _fitnotes(path: Path, counts: Counter[str]) -> None:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    width = len(next(csv.reader(lines[:1])))
    for row in csv.reader(lines[1:]):
        # unquoted commas in names (docs/evidence/import-formats.md#fitnotes): rejoin them
        extra = len(row) - width
        counts[",".join(row[1 : 2 + extra])] += 1


def _jefit(path: Path, counts: Counter[str]) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index("### EXERCISE LOGS")
    end = text.index("\n###", start + 10)
    block = text[start:end].split("\n", 2)[2].strip("\n")
    for row in csv.DictReader(io.StringIO(block)):
        sets = [s for s in row["logs"].split(",") if s and s not in ("0x0", "0.0x0")]
        counts[row["ename"]] += max(len(sets), 1)


def sample_counts() -> Counter[str]:
    root = samples_dir()
    counts: Counter[str] = Counter()
    for p in sorted((root / "strong").glob("*.csv")):
        _strong(p, counts)
    for p in sorted((root / "hevy").glob("*.csv")):
        _hevy(p, counts)
    for p in sorted((root / "fitnotes").glob("fitnotes_20*.csv")):
        _fitnotes(p, counts)
    for p in sorted((root / "jefit").glob("*.csv")):
        _jefit(p, counts)
    return counts


def judgements() -> dict[str, str]:
    with JUDGEMENTS.open("rb") as f:
        return dict(tomllib.load(f)["names"])


def verdict(expected: str, got: str | None) -> str:
    """right / unknown (said null, should have named one) / wrong (named the wrong one)."""
    if expected == "unknown" or expected.startswith("gap:"):
        return "right" if got is None else "wrong"
    if got is None:
        return "unknown"
    return "right" if got in expected.split("|") else "wrong"


def head_names(counts: Counter[str], share: float) -> list[str]:
    """The most-logged names that together cover ``share`` of all sets."""
    total = sum(counts.values())
    out: list[str] = []
    covered = 0
    for name, n in counts.most_common():
        if covered >= share * total:
            break
        out.append(name)
        covered += n
    return out


@pytest.fixture(scope="module")
def counts() -> Counter[str]:
    return sample_counts()


def test_every_sample_name_is_judged(counts: Counter[str]) -> None:
    judged = judgements()
    missing = sorted(set(counts) - set(judged))
    assert not missing, f"judge these by hand first: {missing[:20]}"
    from legday.domain.catalog import load

    cat = load()
    for name, expected in judged.items():
        if expected == "unknown" or expected.startswith("gap:"):
            continue
        for ex_id in expected.split("|"):
            assert ex_id in cat, (name, ex_id)


def _rates(names: list[str], counts: Counter[str]) -> dict[str, list[str]]:
    judged = judgements()
    out: dict[str, list[str]] = {"right": [], "unknown": [], "wrong": []}
    for name in names:
        out[verdict(judged[name], match_name(name).id)].append(name)
    return out


def test_names_covering_90_percent_of_sets_map_correctly(
    counts: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    head = head_names(counts, 0.90)
    r = _rates(head, counts)
    n = len(head)
    with capsys.disabled():
        print(
            f"\nname matching, {n} names covering 90% of {sum(counts.values())} sets: "
            f"right {len(r['right'])} ({len(r['right']) / n:.1%}), "
            f"unknown {len(r['unknown'])} ({len(r['unknown']) / n:.1%}), "
            f"wrong {len(r['wrong'])} ({len(r['wrong']) / n:.1%})"
        )
        if r["wrong"] or r["unknown"]:
            print(f"  wrong: {r['wrong']}\n  unknown: {r['unknown']}")
    assert len(r["right"]) >= 0.95 * n
    assert len(r["wrong"]) <= 0.01 * n  # a wrong match is worse than an unknown


def test_all_sample_names_rates_are_reported(
    counts: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    names = list(counts)
    r = _rates(names, counts)
    n = len(names)
    sets_right = sum(counts[x] for x in r["right"])
    gaps = [x for x, v in judgements().items() if v.startswith("gap:") and x in counts]
    with capsys.disabled():
        print(
            f"\nname matching, all {n} distinct names: right {len(r['right']) / n:.1%}, "
            f"unknown {len(r['unknown']) / n:.1%}, wrong {len(r['wrong']) / n:.1%}; "
            f"sets mapped right {sets_right / sum(counts.values()):.1%}; "
            f"{len(gaps)} known catalog gaps"
        )
        print(f"  wrong: {r['wrong']}")
    # The long tail is custom names and typos; wrong answers must stay rare there too.
    assert len(r["wrong"]) <= 0.02 * n
