"""Citations travel with the code: what src/ cites must be in this repository.

A comment, docstring, string or data file under src/ may cite a page of the repository
(``docs/evidence/doses.md#nordic-hamstring-exercise``) or a paper, never a document the
repository does not contain (``programming.md §6.2``), a tracker issue (``issue 9 §2``) or a
bare section number of some other document. Cited anchors must be headings of the cited page,
source keys in square brackets must be in docs/evidence/sources.md, and the links between the
docs/ pages must resolve (docs/evidence/README.md#how-to-cite).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DOCS = ROOT / "docs"

MD_REF = re.compile(
    r"(?<![\w/.-])(?P<path>(?:\.\./)*[\w][\w./-]*?\.md)(?:#(?P<anchor>[\w-]+))?(?!\w)"
)
ISSUE = re.compile(r"\b[Ii]ssues?\s+#?\d+")
BARE_SECTION = re.compile(r"§\s?\d")
KEY = re.compile(r"\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\]")
# Not sources: the shorthand grammar's placeholder, and the status marks "[S]" (read in a retrieved
# copy) and "[S2]" (read in a secondary source) of docs/evidence/README.md#status-words.
NOT_KEYS = frozenset({"MARK", "S", "S2"})
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces → hyphens."""
    text = re.sub(r"[`*_]", "", heading).strip().lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -")
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    out: set[str] = set()
    fenced = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if m:
            base = slug(m[2])
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.add(base if n == 0 else f"{base}-{n}")
    return out


def resolve(path: str, base: Path) -> Path | None:
    """A cited .md path: relative to the repository root, or to the citing file's folder."""
    for start in (ROOT, base):
        p = (start / path).resolve()
        if p.is_file() and ROOT in p.parents:
            return p
    return None


def bad_citations(text: str, base: Path) -> list[str]:
    """What ``text`` (a file under ``base``) cites that the repository does not contain."""
    bad: list[str] = []
    for m in MD_REF.finditer(text):
        page = resolve(m["path"], base)
        if page is None:
            bad.append(f"{m.group(0)!r}: no such file in the repository")
        elif m["anchor"] and m["anchor"] not in anchors(page):
            bad.append(f"{m.group(0)!r}: {page.name} has no heading with that anchor")
    bad += [
        f"{m.group(0)!r}: tracker issues are outside the repository" for m in ISSUE.finditer(text)
    ]
    for m in BARE_SECTION.finditer(text):
        bad.append(f"{text[m.start() : m.start() + 12]!r}: a section number of no repository page")
    return bad


def prose(path: Path) -> str:
    """The comments and strings of a Python file; the whole text of any other file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return text
    parts = [
        t.string
        for t in tokenize.generate_tokens(io.StringIO(text).readline)
        if t.type in (tokenize.COMMENT, tokenize.STRING)
    ]
    return "\n".join(parts)


def source_files() -> list[Path]:
    out = []
    for p in sorted(SRC.rglob("*")):
        # vendor/: third-party files served as published (htmx), not our prose
        skip = any(
            part in ("__pycache__", "vendor") or part.endswith(".egg-info") for part in p.parts
        )
        if p.is_file() and not skip:
            try:
                p.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # binary data
            out.append(p)
    return out


def source_keys() -> set[str]:
    table = (DOCS / "evidence" / "sources.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| ([A-Z][A-Z0-9-]*) \|", table, flags=re.M))


# --- the checker itself -----------------------------------------------------------------------


def test_checker_finds_outside_citations() -> None:
    base = SRC / "legday"
    text = (
        "# doses: programming.md §6.2 [PETERSEN11]\n"
        '"""The JSON of issue 9 §2; see also §4.1."""\n'
        "# ../shared/science/norms.md §3.1\n"
    )
    found = bad_citations(text, base)
    assert any("programming.md" in b for b in found)
    assert any("norms.md" in b for b in found)
    assert any("issue 9" in b for b in found)
    assert sum("section number" in b for b in found) == 4  # §6.2, §2, §4.1, §3.1
    assert len(found) == 7


def test_checker_accepts_repository_pages_and_refuses_unknown_anchors() -> None:
    base = SRC / "legday"
    good = "docs/evidence/doses.md#nordic-hamstring-exercise and docs/evidence/rules.md#r27"
    assert bad_citations(good, base) == []
    assert bad_citations("# a table: [tables.mdc]", base) == []
    wrong = bad_citations("docs/evidence/doses.md#nordic-hamstrings", base)
    assert len(wrong) == 1 and "no heading" in wrong[0]


def test_slug_follows_githubs_rule() -> None:
    assert slug("Percentage waves (5/3/1)") == "percentage-waves-531"
    assert slug("FIFA 11+") == "fifa-11"
    assert slug("4-stage balance") == "4-stage-balance"


# --- the repository ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_source_cites_only_what_the_repository_holds(path: Path) -> None:
    assert bad_citations(prose(path), path.parent) == []


def test_every_source_key_is_in_the_bibliography() -> None:
    from legday.domain.plan.sources import REFERENCES

    known = source_keys()
    cited: dict[str, str] = {}
    for path in source_files():
        for key in KEY.findall(prose(path)):
            if key not in NOT_KEYS:
                cited.setdefault(key, path.relative_to(SRC).as_posix())
    for key in REFERENCES:
        cited.setdefault(key, "legday/domain/plan/sources.py")
    missing = {k: where for k, where in cited.items() if k not in known}
    assert missing == {}


@pytest.mark.parametrize(
    "page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.relative_to(DOCS).as_posix()
)
def test_docs_links_resolve(page: Path) -> None:
    bad = []
    known = source_keys()
    text = page.read_text(encoding="utf-8")
    for m in LINK.finditer(text):
        target = m["target"]
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if dest.is_dir():
            dest = dest / "README.md"
        if not dest.is_file():
            bad.append(f"{target}: no such file")
        elif anchor and anchor not in anchors(dest):
            bad.append(f"{target}: no such heading")
    if page.parent.name == "evidence":
        bad += [f"[{k}] not in sources.md" for k in KEY.findall(text) if k not in known]
    assert bad == []
