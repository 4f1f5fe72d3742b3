"""Red-flag rules: find presentations that need medical care before any muscle is considered."""

from __future__ import annotations

from painmap.dataset import Dataset
from painmap.models import Query, RedFlagWarning


def evaluate(query: Query, ds: Dataset) -> tuple[RedFlagWarning, ...]:
    """The warnings whose rules the query sets off, most urgent first."""
    return ()
