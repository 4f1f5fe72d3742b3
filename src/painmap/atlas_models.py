"""The shapes of data/atlas.json and data/places.json, for validating those files.

A lookup never builds these classes (the atlas is built straight from the files' JSON, see
atlas.build_atlas), so they stay out of `painmap.models`, which every lookup imports: creating a
frozen dataclass costs over a millisecond.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from painmap.models import _STRICT, _data

if TYPE_CHECKING:
    from pydantic import Field

    from painmap.constraints import Slug, Text

Point = tuple[float, float]


@_data
class AtlasRow:
    """One row of a segment, top to bottom, split into columns from the outer edge inwards."""

    __pydantic_config__ = _STRICT

    id: Annotated[str, Field(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*)?$")]
    size: Annotated[float, Field(gt=0, allow_inf_nan=False)] = 1.0
    cols: Annotated[
        tuple[Annotated[str, Field(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*)?$")] | tuple[Slug, float], ...],
        Field(min_length=1, description="Column names, or [name, relative width]."),
    ]


@_data
class AtlasSegment:
    """A four-cornered patch of a view (outer-top, inner-top, inner-bottom, outer-bottom) cut into cells."""

    __pydantic_config__ = _STRICT

    id: Slug
    layout: Literal["paired", "symmetric", "single"]
    quad: tuple[Point, Point, Point, Point]
    rows: Annotated[tuple[AtlasRow, ...], Field(min_length=1)]
    mid: Slug | None = None


@_data
class Ellipse:
    __pydantic_config__ = _STRICT
    cx: float
    cy: float
    rx: Annotated[float, Field(gt=0)]
    ry: Annotated[float, Field(gt=0)]
    rotate: float = 0.0


@_data
class Shape:
    """A drawn piece: exactly one of polygon, smooth (a closed curve through the points), ellipse or
    path (SVG path data); mirror draws it again reflected about the view's centre line; zoom names
    the close-up view that shows this piece in detail."""

    __pydantic_config__ = _STRICT

    name: str | None = None
    polygon: tuple[Point, ...] | None = None
    smooth: tuple[Point, ...] | None = None
    ellipse: Ellipse | None = None
    path: str | None = None
    mirror: bool = False
    zoom: Slug | None = None


@_data
class AtlasView:
    __pydantic_config__ = _STRICT

    id: Slug
    title: Text
    width: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    height: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    first_side: Literal["right", "left"]
    paired: bool = False
    outline: Annotated[tuple[Shape, ...], Field(min_length=1)]
    details: tuple[Shape, ...] = ()
    segments: Annotated[tuple[AtlasSegment, ...], Field(min_length=1)]


@_data
class AtlasFile:
    __pydantic_config__ = _STRICT
    schema_version: Literal[1]
    about: tuple[str, ...] = ()
    views: Annotated[tuple[AtlasView, ...], Field(min_length=1)]


@_data
class PlaceSpec:
    """A named place: cells (selectors) and other places, with the words people use for it."""

    __pydantic_config__ = _STRICT

    id: Slug
    name: Text
    synonyms: tuple[Text, ...] = ()
    cells: Annotated[tuple[Text, ...], Field(min_length=1)]
    #: cells taken out again, e.g. a whole limb except its joints
    excluding: tuple[Text, ...] = ()


@_data
class PlaceFile:
    __pydantic_config__ = _STRICT
    places: Annotated[tuple[PlaceSpec, ...], Field(min_length=1)]
