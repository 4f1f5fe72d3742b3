"""painmap's data types: the dataset (areas, muscles, red-flag rules) and the results.

They are plain frozen dataclasses so that a lookup never has to import pydantic: the hot path loads
a validated cache (see dataset.py). Pydantic validates them, and generates their JSON Schema, from
the constraint names used in the annotations below, which live in `painmap.constraints` and are
resolved only when validation is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

if TYPE_CHECKING:
    from pydantic import Field

    from painmap.constraints import NonEmptySlugs, NonEmptyTexts, Slug, Text

# Unknown keys in a data file are an error, not silently dropped.
_STRICT = {"extra": "forbid"}
_data = dataclass(frozen=True, kw_only=True)


class Region(StrEnum):
    """Body region a muscle belongs to, used to group `painmap list`."""

    HEAD_AND_FACE = "head-and-face"
    NECK = "neck"
    SHOULDER_AND_UPPER_BACK = "shoulder-and-upper-back"
    CHEST = "chest"
    ARM = "arm"
    FOREARM_AND_HAND = "forearm-and-hand"
    TRUNK = "trunk"
    ABDOMEN = "abdomen"
    LOW_BACK = "low-back"
    PELVIS = "pelvis"
    HIP_AND_BUTTOCK = "hip-and-buttock"
    THIGH = "thigh"
    LEG = "leg"
    FOOT = "foot"


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


@_data
class Pattern:
    """Where a muscle (or one of its trigger points) sends pain: places or cell selectors."""

    __pydantic_config__ = _STRICT

    essential: Annotated[
        tuple[Text, ...], Field(description="Where the pain is felt in nearly everyone (solid in the charts).")
    ] = ()
    spillover: Annotated[
        tuple[Text, ...], Field(description="Where it is felt in some people (stippled in the charts).")
    ] = ()


@_data
class TriggerPoint:
    """One trigger point: where it lies, in words and on the atlas, and its own pattern if the charts
    draw one for it."""

    __pydantic_config__ = _STRICT

    where: Text
    at: Annotated[
        Text | None, Field(description="Place id or cell where the charts put the X (drawn on the pattern's side).")
    ] = None
    pattern: Pattern | None = None


@_data
class SeriousMimic:
    """A dangerous condition whose pain this muscle's pattern resembles, and what rules it out."""

    __pydantic_config__ = _STRICT

    condition: Text
    rule_out: Text


@_data
class Muscle:
    """One muscle (or one distinct part of a muscle) and everything its reference page covers."""

    __pydantic_config__ = _STRICT

    id: Slug
    name: Text
    aliases: tuple[Text, ...] = ()
    region: Region
    part_of: Annotated[
        Text | None, Field(description="Whole muscle this entry is one part of, e.g. 'trapezius'.")
    ] = None
    location: Text
    origin: Text
    insertion: Text
    innervation: Text
    actions: NonEmptyTexts
    referral: Annotated[Text, Field(description="The referral pattern in plain words.")]
    pattern: Annotated[
        Pattern, Field(description="The whole muscle's pattern; each trigger point's own pattern adds to it.")
    ]
    trigger_points: Annotated[tuple[TriggerPoint, ...], Field(min_length=1)]
    symptoms: NonEmptyTexts
    activities: NonEmptyTexts
    conditions: NonEmptyTexts
    serious_mimics: tuple[SeriousMimic, ...] = ()
    associated_muscles: tuple[Slug, ...] = ()
    self_care: NonEmptyTexts
    avoid: tuple[Text, ...] = ()
    facts: tuple[Text, ...] = ()
    prevalence: Annotated[
        Literal[1, 2, 3],
        Field(description="How often the literature finds it involved: 3 very often, 2 often, 1 less often."),
    ] = 2
    sources: NonEmptyTexts


@_data
class MuscleFile:
    __pydantic_config__ = _STRICT
    muscles: Annotated[tuple[Muscle, ...], Field(min_length=1)]


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"


@_data
class RedFlagTrigger:
    """One way a rule can fire: every condition listed here must hold.

    `areas`: a queried area is one of these, lies inside one, or contains one.
    `all_terms`: every group must be met by the query's words (areas, symptoms, activities); a group
    is met when all the words of any one of its phrases occur, in any order.
    `none_of`: the trigger does not fire when any of these phrases occurs.
    """

    __pydantic_config__ = _STRICT

    areas: tuple[Slug, ...] = ()
    all_terms: tuple[Annotated[tuple[Text, ...], Field(min_length=1)], ...] = ()
    none_of: tuple[Text, ...] = ()


@_data
class RedFlagRule:
    __pydantic_config__ = _STRICT
    id: Slug
    title: Text
    urgency: Urgency
    advice: Text
    why: Annotated[Text, Field(description="What the combination can mean.")]
    triggers: Annotated[tuple[RedFlagTrigger, ...], Field(min_length=1)]
    sources: NonEmptyTexts


@_data
class RedFlagFile:
    __pydantic_config__ = _STRICT
    rules: Annotated[tuple[RedFlagRule, ...], Field(min_length=1)]


# --- results -------------------------------------------------------------------------------------

SCHEMA_VERSION = 2

DISCLAIMER = (
    "painmap is an aid to understanding, not a diagnosis. See a clinician if pain is severe, "
    "persists, keeps coming back, or comes with other symptoms."
)


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@_data
class ResolvedArea:
    """One place the user named, with their own words and how painmap understood them."""

    __pydantic_config__ = _STRICT

    input: str
    id: str
    name: str
    side: Annotated[Side | None, Field(description="The side named; null for a midline place or no side.")] = None
    how: Literal["exact", "phrase", "fuzzy", "sentence"]


@_data
class Reason:
    __pydantic_config__ = _STRICT
    kind: Literal["area", "unexplained", "symptom", "activity", "condition", "prevalence"]
    input: Annotated[str, Field(description="What the user typed (or, for prevalence, the muscle's rating).")]
    matched: Annotated[str, Field(description="What in the muscle's record it met.")]
    detail: Annotated[str, Field(description="The reason in plain words.")]
    weight: Annotated[
        float,
        Field(description="How much this reason moved the evidence: the log of its likelihood ratio."),
    ]


@_data
class MuscleMatch:
    __pydantic_config__ = _STRICT
    rank: Annotated[int, Field(ge=1, description="Equal scores share a rank.")]
    tied: Annotated[bool, Field(description="Another listed muscle has exactly this score.")] = False
    id: str
    name: str
    score: Annotated[
        float,
        Field(
            ge=0,
            le=1,
            description="Relative strength of evidence among all muscles in the dataset (they add up to 1);"
            " not a probability of diagnosis.",
        ),
    ]
    reasons: tuple[Reason, ...]
    aliases: tuple[str, ...]
    region: Region
    part_of: str | None = None
    side: Annotated[Side | None, Field(description="The side whose pattern fits the places best.")] = None
    pattern: Annotated[Pattern, Field(description="Its referral pattern, as place ids.")]


@_data
class Query:
    __pydantic_config__ = _STRICT
    text: Annotated[str | None, Field(description="The sentence given, if any.")] = None
    areas: tuple[ResolvedArea, ...]
    symptoms: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    side: Side | None = None
    limit: Annotated[int, Field(ge=1)] = 10
    ignored: Annotated[
        tuple[str, ...], Field(description="Words of the sentence painmap did not understand.")
    ] = ()
    unmatched: Annotated[
        tuple[str, ...], Field(description="Symptoms and activities that match nothing in any muscle's record.")
    ] = ()


@_data
class RedFlagWarning:
    __pydantic_config__ = _STRICT
    id: str
    title: str
    urgency: Urgency
    advice: str
    why: str
    matched: Annotated[
        tuple[str, ...], Field(description="The user's words and areas that set the rule off.")
    ] = ()


@_data
class MatchResult:
    __pydantic_config__ = _STRICT
    schema_version: Literal[2] = SCHEMA_VERSION
    query: Query
    matches: tuple[MuscleMatch, ...]
    warnings: tuple[RedFlagWarning, ...] = ()
    disclaimer: str = DISCLAIMER


@_data
class BatchResult(MatchResult):
    """One line of `match --batch` output for a good query: the match result and its line number."""

    line: Annotated[int, Field(ge=1)]


@_data
class BatchError:
    """One line of `match --batch` output for a bad query."""

    __pydantic_config__ = _STRICT
    schema_version: Literal[2] = SCHEMA_VERSION
    line: Annotated[int, Field(ge=1)]
    error: str


@_data
class MuscleRecord(Muscle):
    """`show --json`: a muscle's full record, versioned, with the disclaimer."""

    schema_version: Literal[2] = SCHEMA_VERSION
    disclaimer: str = DISCLAIMER
