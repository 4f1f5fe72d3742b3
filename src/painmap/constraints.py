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


#: the modules whose models are annotated with the names above
MODEL_MODULES = ("painmap.models", "painmap.atlas_models", "painmap.schema")


@cache
def adapter(tp: Any) -> TypeAdapter[Any]:
    """A TypeAdapter for a models.py (atlas_models.py, schema.py) type, with the constraint names put
    where pydantic looks."""
    for module in filter(None, map(sys.modules.get, MODEL_MODULES)):
        for name, value in _NAMES.items():
            setattr(module, name, value)
    return TypeAdapter(tp)
