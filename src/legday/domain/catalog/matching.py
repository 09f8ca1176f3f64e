"""Foreign exercise name → catalog id, with a confidence, or an honest "unknown".

Three steps, strictest first:

1. **Exact key**: the normalised name equals the normalised name, an alias or the id of one
   exercise (or a user's own mapping) → confidence 1.0.
2. **Equipment variant**: without its equipment and grip words the name equals a known name;
   the variant whose equipment the name mentions wins, else the plain exercise → 0.95 / 0.88.
   **Modifier**: without tempo, pause, stance, position or implement words the name is exactly
   a known leg exercise ("Tempo Squat", "B-Stance RDL") → that exercise at 0.85.
3. **Fuzzy**: names sharing words (or near-words: rapidfuzz) are short-listed; a candidate counts
   only if *every* word on both sides has a close partner (typos pass, extra or missing words
   do not, except tempo/grip/one-arm words in the foreign name), it scores at least ``ACCEPT``
   and it beats the best different exercise by ``MARGIN``.

Otherwise the answer is ``id = None``: a wrong match is worse than an unknown, because it
silently corrupts the athlete's history.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.catalog.registry import Catalog, load
from legday.domain.catalog.text import (
    EQUIPMENT_WORDS,
    LOAD,
    normalize_name,
    split_equipment,
    tokens,
)

__all__ = ["Candidate", "MatchResult", "Matcher", "match_name", "normalize_name"]

CONF_EXACT = 1.0
CONF_VARIANT = 0.95  # the named equipment picks one variant
CONF_BASE = 0.88  # the movement is known, the equipment variant is not in the catalog
ACCEPT = 0.9  # fuzzy scores below this are reported as unknown (tuned on ../shared/samples)
MARGIN = 0.03  # a fuzzy winner must beat the best other exercise by this much
WORD_MATCH = 85  # rapidfuzz ratio for two words to count as the same word with a typo
WORD_MATCH_SHORT = 90  # short words must match exactly ("side" is not "spider")
# Equipment that does not load an exercise: a named implement may load such an exercise.
UNLOADED = frozenset({"none", "box", "bench", "chair", "wall", "stability-pad", "pull-up-bar"})
SHORTLIST = 40
# Words that describe tempo, grip or one-sidedness; the catalog does not split exercises by them.
SOFT_WORDS = frozenset(
    {"pause", "paused", "tempo", "single", "arm", "unilateral", "alternate", "alternating",
     "underhand", "overhand", "wide", "close", "narrow", "neutral", "grip", "strict", "easy",
     "hard", "heavy", "light"}
)  # fmt: skip
SOFT_COST = 0.03
N_CANDIDATES = 5
CONF_MODIFIER = 0.85  # a known leg movement with a tempo/stance/position/implement word removed
# Words that say how a movement was done, not which movement it is: tempo and pauses, depth,
# stance and body position, grip, and implements the catalog does not split by. Without them a
# name that is exactly a catalog leg exercise maps to it (the raw name is kept by the caller).
# Words that name a different movement (sumo, front, reverse, single leg, split, box…) are
# deliberately absent.
MODIFIER_WORDS = frozenset(
    {"tempo", "pause", "paused", "pin", "pins", "stop", "atg", "deep", "deficit", "partial",
     "half", "quarter", "stance", "b", "kickstand", "staggered", "wide", "narrow", "close",
     "seated", "standing", "kneeling", "lying", "contralateral", "ipsilateral", "grip",
     "height", "band", "banded", "chain", "chains", "stability", "ball", "swiss", "physio",
     "bosu", "exercise"}
)  # fmt: skip
# Of those, the implements: removing one is only safe when the base exercise has no implement.
MODIFIER_IMPLEMENTS = frozenset(
    {
        "band",
        "banded",
        "chain",
        "chains",
        "stability",
        "ball",
        "swiss",
        "physio",
        "bosu",
        "exercise",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    query: str
    id: str | None
    name: str | None
    confidence: float
    candidates: tuple[Candidate, ...]
    method: str  # exact | user | variant | base | fuzzy | none

    def as_json(self) -> dict[str, Any]:
        """The match document (docs/contracts/exercises.md#match)."""
        return {
            "query": self.query,
            "id": self.id,
            "name": self.name,
            "confidence": round(self.confidence, 3),
            "candidates": [
                {"id": c.id, "name": c.name, "score": round(c.score, 3)} for c in self.candidates
            ],
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    words: tuple[str, ...]
    exercise: Exercise
    kit: frozenset[str]  # equipment words in this spelling


class Matcher:
    """Indexes of one catalog; answers are cached per normalised name."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.exact: dict[str, str] = {}
        self.base: dict[str, list[_Entry]] = {}
        self.entries: list[_Entry] = []
        for ex in catalog:
            for spelling in (ex.name, ex.id.replace("-", " "), *ex.aliases):
                words = tokens(spelling)
                if not words:
                    continue
                key = " ".join(words)
                core, kit = split_equipment(words)
                entry = _Entry(key, words, ex, kit)
                self.exact.setdefault(key, ex.id)
                if core:
                    self.base.setdefault(" ".join(core), []).append(entry)
                self.entries.append(entry)
        self.vocab: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for w in entry.words:
                self.vocab.setdefault(w, []).append(index)
        self.vocab_words = list(self.vocab)
        self._cache: dict[str, MatchResult] = {}

    def match(self, raw: str, extra_aliases: Mapping[str, str] | None = None) -> MatchResult:
        key = normalize_name(raw)
        if extra_aliases:
            mine = {normalize_name(k): v for k, v in extra_aliases.items() if v in self.catalog}
            if key in mine:
                ex = self.catalog.get(mine[key])
                found = self._cached(key)
                others = tuple(c for c in found.candidates if c.id != ex.id)
                top = (Candidate(ex.id, ex.name, CONF_EXACT), *others)[:N_CANDIDATES]
                return MatchResult(raw, ex.id, ex.name, CONF_EXACT, top, "user")
        found = self._cached(key)
        return MatchResult(
            raw, found.id, found.name, found.confidence, found.candidates, found.method
        )

    def _cached(self, key: str) -> MatchResult:
        hit = self._cache.get(key)
        if hit is None:
            hit = self._decide(key)
            self._cache[key] = hit
        return hit

    def _decide(self, key: str) -> MatchResult:
        if not key:
            return MatchResult(key, None, None, 0.0, (), "none")
        ranked = self._fuzzy(key)
        if key in self.exact:
            return self._result(key, self.exact[key], CONF_EXACT, ranked, "exact")
        words = tuple(key.split())
        variant = self._variant(words)
        if variant is not None:
            ex_id, conf, method = variant
            return self._result(key, ex_id, conf, ranked, method)
        base = self._modified(words)
        if base is not None:
            return self._result(key, base, CONF_MODIFIER, ranked, "modifier")
        if ranked:
            best_id, best = ranked[0]
            runner_up = next((s for i, s in ranked[1:] if i != best_id), 0.0)
            if best >= ACCEPT and best - runner_up >= MARGIN:
                return self._result(key, best_id, best, ranked, "fuzzy")
        return self._result(key, None, 0.0, ranked, "none")

    def _variant(self, words: tuple[str, ...]) -> tuple[str, float, str] | None:
        core, kit = split_equipment(words)
        if not core or core == words:
            return None
        found = self.base.get(" ".join(core), [])
        if not found:
            return None
        specific = kit - {LOAD}  # implements actually named ("weighted" names none)
        if kit:
            named = {e.exercise.id for e in found if kit & e.kit}
            if len(named) == 1:
                return (named.pop(), CONF_VARIANT, "variant")
            fits = {
                e.exercise.id for e in found if specific and specific <= set(e.exercise.equipment)
            }
            if len(fits) == 1:
                return (fits.pop(), CONF_VARIANT, "variant")
            if len(named) > 1 or len(fits) > 1:
                return None
        plain = {e.exercise for e in found if not e.kit}
        if len(plain) != 1:
            return None
        ex = plain.pop()
        # "Barbell Split Squat" → split-squat is the same movement with a load added; "Bench
        # Press Machine" → bench-press is not (a machine press is its own exercise): a named
        # implement may only load an exercise that has none of its own.
        if specific and not set(ex.equipment) <= UNLOADED:
            return None
        return (ex.id, CONF_BASE, "base")

    def _modified(self, words: tuple[str, ...]) -> str | None:
        """The leg exercise ``words`` name once modifier words are removed ("Tempo Squat",
        "B-Stance RDL", "Seated Good Morning"), or None. The rest must be exactly one catalog
        spelling; a removed implement may only go with an exercise that has none of its own."""
        dropped = {w for w in words if w in MODIFIER_WORDS}
        core = tuple(w for w in words if w not in MODIFIER_WORDS)
        if not dropped or not core:
            return None
        ex_id = self.exact.get(" ".join(core))
        if ex_id is None:
            found = self._variant(core)
            ex_id = found[0] if found is not None else None
        if ex_id is None:
            return None
        ex = self.catalog.get(ex_id)
        if not ex.is_lower:
            return None  # upper-body names: "seated dumbbell press" is not a bench press
        if dropped & MODIFIER_IMPLEMENTS and not set(ex.equipment) <= UNLOADED:
            return None  # "band squat" is not a barbell back squat
        return ex_id

    def _near_words(self, word: str) -> list[str]:
        """Vocabulary words equal to ``word`` or one typo away from it."""
        if word in self.vocab:
            return [word]
        from rapidfuzz import fuzz, process

        cutoff = WORD_MATCH_SHORT if len(word) <= 5 else WORD_MATCH
        hits = process.extract(word, self.vocab_words, scorer=fuzz.ratio, score_cutoff=cutoff)
        return [str(h[0]) for h in hits]

    def _fuzzy(self, key: str) -> list[tuple[str, float]]:
        """(id, score 0–1) best first, one row per exercise.

        Short list: spellings sharing the most words (typos allowed) with the name; then each is
        scored by word alignment, so ranking and acceptance use the same measure.
        """
        words = tuple(key.split())
        kit = split_equipment(words)[1] - {LOAD}
        plain = tuple(w for w in words if w not in EQUIPMENT_WORDS) or words
        shared: Counter[int] = Counter()
        for w in plain:
            for near in self._near_words(w):
                shared.update(self.vocab[near])
        best: dict[str, float] = {}
        for index, _ in shared.most_common(SHORTLIST):
            entry = self.entries[index]
            theirs = tuple(w for w in entry.words if w not in EQUIPMENT_WORDS) or entry.words
            score = _aligned(plain, theirs)
            if kit and entry.kit - {LOAD} and not kit & entry.kit:
                score -= 0.2  # "dumbbell" asked, this spelling names another implement
            elif kit and not kit <= set(entry.exercise.equipment):
                if not set(entry.exercise.equipment) <= UNLOADED:
                    score -= 0.12  # another implement: a different exercise, not a typo
            elif not kit and entry.kit:
                score -= 0.03
            if score > best.get(entry.exercise.id, -1.0):
                best[entry.exercise.id] = score
        return sorted(best.items(), key=lambda kv: -kv[1])

    def _result(
        self,
        key: str,
        ex_id: str | None,
        conf: float,
        ranked: list[tuple[str, float]],
        method: str,
    ) -> MatchResult:
        rows = [(ex_id, conf)] if ex_id else []
        rows += [(i, s) for i, s in ranked if i != ex_id and s > 0]
        cands = tuple(
            Candidate(i, self.catalog.get(i).name, max(0.0, min(1.0, s)))
            for i, s in rows[:N_CANDIDATES]
        )
        name = self.catalog.get(ex_id).name if ex_id else None
        return MatchResult(key, ex_id, name, conf, cands, method)


def _aligned(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """Mean word similarity (0–1) over both sides; a word without a close partner caps it.

    Acceptance needs every word on both sides to have a partner: one missing or extra word
    ("Sumo Deadlift" vs "Deadlift", "Cable Kickback" vs "Cable Glute Kickback") keeps the score
    below the acceptance line however similar the rest is. The one exception is a tempo, grip
    or one-arm word in the *foreign* name ("Pause Deadlift", "Lat Pulldown (Single Arm)"): it
    may go unmatched at a small cost, because the catalog does not split exercises by it.
    """
    from rapidfuzz import fuzz

    sims: list[float] = []
    complete = True
    cost = 0.0
    for side, (a, b) in enumerate(((left, right), (right, left))):
        for w in a:
            s = max(fuzz.ratio(w, other) for other in b)
            if s < (WORD_MATCH_SHORT if len(w) <= 5 else WORD_MATCH):
                if side == 0 and w in SOFT_WORDS:
                    cost += SOFT_COST
                    continue
                complete = False
            sims.append(s)
    if not sims:
        return 0.0
    mean = sum(sims) / len(sims) / 100 - cost
    return mean if complete else min(mean, ACCEPT - 0.2)


_matchers: dict[int, tuple[Catalog, Matcher]] = {}


# Ready-made matchers (the compiled catalog's) by catalog, made on first use.
_sources: dict[int, tuple[Catalog, Callable[[], Matcher | None]]] = {}


def matcher(catalog: Catalog | None = None) -> Matcher:
    """The (cached) matcher for a catalog; the shipped catalog when none is given."""
    cat = catalog if catalog is not None else load()
    held = _matchers.get(id(cat))
    if held is None or held[0] is not cat:
        source = _sources.pop(id(cat), None)
        made = source[1]() if source is not None and source[0] is cat else None
        held = (cat, made if made is not None else Matcher(cat))
        _matchers[id(cat)] = held
    return held[1]


def remember_matcher_source(catalog: Catalog, make: Callable[[], Matcher | None]) -> None:
    """``make()`` gives a ready-made matcher for ``catalog`` (None: build one as usual)."""
    _sources[id(catalog)] = (catalog, make)


def match_name(
    raw: str, catalog: Catalog | None = None, extra_aliases: Mapping[str, str] | None = None
) -> MatchResult:
    """Map a foreign exercise name to a catalog exercise (``id`` None when unsure).

    ``extra_aliases`` are the user's own mappings (raw name → id); they win over everything.
    """
    return matcher(catalog).match(raw, extra_aliases)
