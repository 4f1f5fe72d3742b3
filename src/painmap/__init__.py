"""painmap: where does this pain come from? Muscles whose trigger points refer pain to a place."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from painmap.api import areas, find_muscle, match, muscles, show
from painmap.dataset import Dataset, load_dataset
from painmap.errors import AmbiguousMuscle, DatasetError, PainmapError, UnknownArea, UnknownMuscle, UsageError
from painmap.models import Area, MatchResult, Muscle, MuscleMatch, RedFlagRule, RedFlagWarning

try:
    __version__ = version("painmap")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "AmbiguousMuscle", "Area", "Dataset", "DatasetError", "MatchResult", "Muscle", "MuscleMatch", "PainmapError",
    "RedFlagRule", "RedFlagWarning", "UnknownArea", "UnknownMuscle", "UsageError", "__version__",
    "areas", "find_muscle", "load_dataset", "match", "muscles", "show",
]
