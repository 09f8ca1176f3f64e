"""Exercise-name normalisation: the spellings other apps use, reduced to one comparable key.

Strong writes ``Squat (Barbell)``, JEFIT ``Barbell Squat``, FitNotes ``Barbell Back Squat``, a
user ``bb squats``. After normalisation the words are lower-case, singular, with abbreviations
expanded and compound words joined (``push up`` → ``pushup``), and sorted, so that word order and
punctuation no longer matter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Multi-word spellings → one canonical spelling (applied to the lower-cased, de-punctuated text).
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\b\d+:\d+\b", " "),  # "Plank 1:00": a duration, not part of the name
        (r"\b(?:each|per) (?:side|arm|leg)\b", " "),
        (r"\bpush ?ups?\b", "pushup"),
        (r"\bpress ?ups?\b", "pushup"),
        (r"\bpull ?ups?\b", "pullup"),
        (r"\bchin ?ups?\b", "chinup"),
        (r"\bsit ?ups?\b", "situp"),
        (r"\bstep ?ups?\b", "stepup"),
        (r"\bstep ?downs?\b", "stepdown"),
        (r"\bget ?ups?\b", "getup"),
        (r"\bv ?ups?\b", "vup"),
        (r"\bpull ?downs?\b", "pulldown"),
        (r"\bpush ?downs?\b", "pushdown"),
        (r"\bpress ?downs?\b", "pushdown"),
        (r"\bskull ?crushers?\b", "skullcrusher"),
        (r"\bkick ?backs?\b", "kickback"),
        (r"\bwood ?(?:chops?|choppers?|cutters?)\b", "woodchop"),
        (r"\bhyper ?extensions?\b", "hyperextension"),
        (r"\bdead ?lifts?\b", "deadlift"),
        (r"\bdead ?bugs?\b", "deadbug"),
        (r"\bbird ?dogs?\b", "birddog"),
        (r"\b(?:one|1|single) ?legg?(?:ed)?\b", "single leg"),
        (r"\b(?:one|1|single) ?arm(?:ed)?\b", "single arm"),
        (r"\b(?:trap|hex) ?bar\b", "trapbar"),
        (r"\bez ?(?:curl )?bar\b", "ezbar"),
        (r"\bsmith machine\b", "smith"),
        (r"\bplate ?loaded\b", "machine"),
        (r"\bkettle ?bells?\b", "kettlebell"),
        (r"\bbody ?weight\b", "bodyweight"),
        (r"\bwith\b", " "),
    )
)

# Single words: abbreviations and common misspellings seen in real exports.
_WORDS: dict[str, str] = {
    "db": "dumbbell", "dbs": "dumbbell", "dumbell": "dumbbell", "dumbel": "dumbbell",
    "dumbbel": "dumbbell", "dumbells": "dumbbell", "bb": "barbell", "barbel": "barbell",
    "kb": "kettlebell", "bw": "bodyweight", "ez": "ezbar", "tricep": "triceps",
    "bicep": "biceps", "rdl": "romanian deadlift", "sldl": "stiff leg deadlift",
    "ohp": "overhead press", "ghr": "glute ham raise", "cmj": "countermovement jump",
    "rfess": "rear foot elevated split squat", "flye": "fly", "flyes": "fly", "flys": "fly",
    "flies": "fly", "calves": "calf", "abductors": "abductor", "adductors": "adductor",
    "lbs": "", "kg": "", "kgs": "",
}  # fmt: skip

_STOP: frozenset[str] = frozenset({"the", "a", "an", "on", "of", "for", "and", "in", "to", "at"})
# Words that never lose an "s": anatomy and words that end in s in the singular.
_KEEP_S: frozenset[str] = frozenset({"triceps", "biceps", "abs", "press", "cross", "plus", "ss"})

LOAD = "load"  # "weighted": some external load, implement not named (Garmin's weighted_… names)
# Equipment words in names → catalog equipment ids (used to pick a variant, never to name one).
EQUIPMENT_WORDS: dict[str, str] = {
    "barbell": "barbell", "ezbar": "barbell", "dumbbell": "dumbbell", "kettlebell": "kettlebell",
    "cable": "cable", "machine": "machine", "smith": "smith", "band": "band", "banded": "band",
    "bodyweight": "none", "trapbar": "trap-bar", "sled": "sled", "weighted": LOAD,
}  # fmt: skip
# Grip and attachment details that do not change which exercise it is.
QUALIFIER_WORDS: frozenset[str] = frozenset(
    {"rope", "grip", "wide", "close", "narrow", "neutral", "straight", "attachment",
     "plate", "loaded", "strict", "iso", "alternate", "alternating"}
)  # fmt: skip


def _singular(word: str) -> str:
    if len(word) <= 3 or word in _KEEP_S or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def tokens(raw: str) -> tuple[str, ...]:
    """The canonical words of a name, sorted and without repeats."""
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    text = re.sub(r"[^a-z0-9:]+", " ", text)
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    text = text.replace(":", " ")
    out: set[str] = set()
    for word in text.split():
        for part in _WORDS.get(word, word).split():
            part = _singular(part)
            for final in _WORDS.get(part, part).split():
                if final not in _STOP:
                    out.add(final)
    return tuple(sorted(out))


@lru_cache(maxsize=65536)  # imports ask for the same few hundred names over and over
def normalize_name(raw: str) -> str:
    """The key under which a foreign exercise name is compared and remembered.

    ``normalize_name("Squat (Barbell)") == normalize_name("barbell squats") == "barbell squat"``.
    """
    return " ".join(tokens(raw))


def split_equipment(words: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    """(words without equipment and grip details, the catalog equipment ids named)."""
    core = tuple(w for w in words if w not in EQUIPMENT_WORDS and w not in QUALIFIER_WORDS)
    kit = frozenset(EQUIPMENT_WORDS[w] for w in words if w in EQUIPMENT_WORDS)
    return core, kit
