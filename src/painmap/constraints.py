"""The pydantic constraints behind the names in models.py's annotations, and the validators.

Imported only when a data file must be validated or a JSON Schema generated: a lookup served from
the validated cache never pays for pydantic.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Annotated, Any

from pydantic import Field, StringConstraints, TypeAdapter

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
NonEmptyTexts = Annotated[tuple[Text, ...], Field(min_length=1)]
NonEmptySlugs = Annotated[tuple[Slug, ...], Field(min_length=1)]

_NAMES = {
    "Slug": Slug,
    "Text": Text,
    "NonEmptyTexts": NonEmptyTexts,
    "NonEmptySlugs": NonEmptySlugs,
    "Field": Field,
}


@cache
def adapter(tp: Any) -> TypeAdapter[Any]:
    """A TypeAdapter for a models.py type, with the constraint names put where pydantic looks."""
    models = sys.modules["painmap.models"]
    for name, value in _NAMES.items():
        setattr(models, name, value)
    return TypeAdapter(tp)
