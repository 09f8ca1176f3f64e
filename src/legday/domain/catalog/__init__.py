"""The exercise catalog: data files plus pure queries over them.

``load()`` returns the shipped :class:`Catalog` (read once); ``query`` filters it and walks the
progression graph; ``matching`` maps other apps' exercise names onto catalog ids.
"""

from legday.domain.catalog.model import Exercise, MuscleLoad
from legday.domain.catalog.registry import Catalog, load

__all__ = ["Catalog", "Exercise", "MuscleLoad", "load"]
