"""Domain errors raised by the core; the CLI turns each into one stderr line and an exit code."""

from __future__ import annotations

from typing import Any


class PainmapError(Exception):
    """Base of every error painmap reports to a user."""

    exit_code = 2
    #: red-flag warnings the query's words set off before it failed (an unknown place, say)
    warnings: tuple[Any, ...] = ()


class UsageError(PainmapError):
    """The query itself is wrong (bad limit, empty area, bad side...)."""


class _NotFound(UsageError):
    """A name that matches nothing; carries the closest names for the message and for scripts."""

    what = "name"
    listing = "painmap --help"

    def __init__(self, text: str, suggestions: tuple[str, ...] = ()) -> None:
        self.text = text
        self.suggestions = suggestions
        hint = f"; did you mean {_or_list(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {self.what} {text!r}{hint} ('{self.listing}' lists them all)")


class UnknownArea(_NotFound):
    what = "area"
    listing = "painmap areas"


class UnknownMuscle(_NotFound):
    what = "muscle"
    listing = "painmap list"


class AmbiguousMuscle(UsageError):
    def __init__(self, text: str, candidates: tuple[str, ...]) -> None:
        self.text = text
        self.suggestions = candidates
        super().__init__(
            f"{text!r} names {len(candidates)} entries: {', '.join(candidates)}; show one of them"
        )


class DatasetError(PainmapError):
    """The dataset (packaged or from PAINMAP_DATA) is missing, malformed or inconsistent."""

    exit_code = 1


class BatchCutShort(PainmapError):
    """A batch worker process died: the lines from `first_unanswered` on were not answered."""

    exit_code = 3

    def __init__(self, first_unanswered: int, cause: object = None) -> None:
        self.first_unanswered = first_unanswered
        why = f" ({cause})" if cause else ""
        super().__init__(
            f"a batch worker process died{why}; lines {first_unanswered} and after were not answered"
        )


def _or_list(items: tuple[str, ...]) -> str:
    quoted = [f"'{i}'" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
