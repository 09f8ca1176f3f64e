"""No CLI words below the CLI: the domain and the use-cases name inputs by slots
(legday.domain.terms), never by a command-line option (docs/conventions.md#hints)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "legday"

# Use-case modules still holding option names in their strings, left to the redesign of the app
# layer that rewrites them (ids instead of names, typed results). EMPTY THIS as each is rewritten;
# a module not listed here fails on its first option name.
APP_NOT_YET_NEUTRAL: frozenset[str] = frozenset()

# An option: two dashes right before a letter, a brace (built from a name) or a star, not inside
# a word or a longer run of dashes (a ruler "-----", an em-dash stand-in "a -- b").
OPTION = re.compile(r"(?<![\w-])--(?=[a-z{*])")


def strings_of(path: Path) -> list[tuple[int, str]]:
    """Every string literal (docstrings and f-string parts too) with its line; comments are not
    text anyone sees."""
    kinds = {tokenize.STRING} | {
        getattr(tokenize, k) for k in ("FSTRING_START", "FSTRING_MIDDLE") if hasattr(tokenize, k)
    }
    toks = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [(t.start[0], t.string) for t in toks if t.type in kinds]


def option_names(root: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name in skip and path.parent == root:
            continue
        for line, text in strings_of(path):
            if OPTION.search(text):
                found.append(f"{path.relative_to(SRC)}:{line}: {text.strip()[:70]}")
    return found


def test_the_domain_names_no_option() -> None:
    assert option_names(SRC / "domain") == []


def test_the_use_cases_name_no_option_outside_the_allow_list() -> None:
    assert option_names(SRC / "app", APP_NOT_YET_NEUTRAL) == []


def test_the_allow_list_names_only_modules_that_still_need_it() -> None:
    # Once a listed module is clean it leaves the list, so it cannot slip back.
    clean = [
        name
        for name in sorted(APP_NOT_YET_NEUTRAL)
        if (SRC / "app" / name).exists() and not option_names_in(SRC / "app" / name)
    ]
    assert clean == []


def option_names_in(path: Path) -> list[str]:
    return [text for _, text in strings_of(path) if OPTION.search(text)]


def test_the_scan_finds_what_it_is_meant_to(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        '"""Docstring naming ``--all``."""\n'
        'A = "give --age"\n'
        'B = f"--{name}"\n'
        'C = "composite: --pm-*"\n'
        "# a comment with --flag is not seen\n"
        'D = "a ruler ------ and a-- b and x--y"\n',
        encoding="utf-8",
    )
    hits = [line for line, text in strings_of(sample) if OPTION.search(text)]
    assert hits == [1, 2, 3, 4]
