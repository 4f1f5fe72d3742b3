"""painmap: where does this pain come from? Muscles whose trigger points refer pain to a place."""

from __future__ import annotations

from painmap.api import areas, find_muscle, match, muscles, red_flags, show
from painmap.atlas import Place
from painmap.dataset import Dataset, load_dataset
from painmap.errors import AmbiguousMuscle, DatasetError, PainmapError, UnknownArea, UnknownMuscle, UsageError
from painmap.models import MatchResult, Muscle, MuscleMatch, RedFlagRule, RedFlagWarning


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~20 ms at start-up: read the version only when someone asks.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("painmap")
        except PackageNotFoundError:  # a checkout that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'painmap' has no attribute {name!r}")


__all__ = [
    "AmbiguousMuscle",
    "Dataset",
    "DatasetError",
    "MatchResult",
    "Muscle",
    "MuscleMatch",
    "PainmapError",
    "Place",
    "RedFlagRule",
    "RedFlagWarning",
    "UnknownArea",
    "UnknownMuscle",
    "UsageError",
    "__version__",
    "areas",
    "find_muscle",
    "load_dataset",
    "match",
    "muscles",
    "red_flags",
    "show",
]
