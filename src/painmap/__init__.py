"""painmap: where does this pain come from? Muscles whose trigger points refer pain to a place."""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from painmap.api import areas, find_muscle, match, muscles, red_flags, search, show
    from painmap.atlas import Place
    from painmap.dataset import Dataset, load_dataset
    from painmap.errors import (
        AmbiguousMuscle,
        DatasetError,
        PainmapError,
        UnknownArea,
        UnknownMuscle,
        UsageError,
    )
    from painmap.models import MatchResult, Muscle, MuscleMatch, RedFlagRule, RedFlagWarning

# The public names and the modules that define them, imported on first use: `painmap --version` or
# `--help` must not pay for the dataset, the models and the scorer (PEP 562).
_HOMES = {
    **dict.fromkeys(
        ("areas", "find_muscle", "match", "muscles", "red_flags", "search", "show"), "painmap.api"
    ),
    "Place": "painmap.atlas",
    **dict.fromkeys(("Dataset", "load_dataset"), "painmap.dataset"),
    **dict.fromkeys(
        ("AmbiguousMuscle", "DatasetError", "PainmapError", "UnknownArea", "UnknownMuscle", "UsageError"),
        "painmap.errors",
    ),
    **dict.fromkeys(
        ("MatchResult", "Muscle", "MuscleMatch", "RedFlagRule", "RedFlagWarning"), "painmap.models"
    ),
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is not None:
        from importlib import import_module

        value = getattr(import_module(home), name)
        globals()[name] = value
        return value
    # The version lives in painmap/_version.py (the package metadata is built from it), so that
    # `painmap --version` never pays for importlib.metadata (~50 ms).
    if name == "__version__":
        from painmap._version import __version__

        return __version__
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
    "search",
    "show",
]


class _Package(types.ModuleType):
    """`painmap.areas` is the public function, although a submodule has the same name: importing
    the submodule (which the API itself does) must not replace the function on the package."""

    @property
    def areas(self) -> object:
        from painmap.api import areas

        return areas

    @areas.setter
    def areas(self, module: object) -> None:
        pass  # the submodule stays reachable as sys.modules["painmap.areas"]


sys.modules[__name__].__class__ = _Package
