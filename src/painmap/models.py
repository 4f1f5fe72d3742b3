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


class View(StrEnum):
    FRONT = "front"
    BACK = "back"
    SIDE = "side"


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


@_data
class Area:
    """A place on the body a person can name, with the words people use for it."""

    __pydantic_config__ = _STRICT

    id: Slug
    name: Text
    parent: Slug | None = None
    view: View
    lateral: Annotated[
        bool, Field(description="True for paired (left/right) places, False for midline ones.")
    ] = True
    synonyms: tuple[Text, ...] = ()


@_data
class AreaFile:
    __pydantic_config__ = _STRICT
    areas: Annotated[tuple[Area, ...], Field(min_length=1)]


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
    primary_zones: NonEmptySlugs
    spillover_zones: tuple[Slug, ...] = ()
    trigger_points: NonEmptyTexts
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

SCHEMA_VERSION = 1

DISCLAIMER = (
    "painmap is an aid to understanding, not a diagnosis. See a clinician if pain is severe, "
    "persists, keeps coming back, or comes with other symptoms."
)


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@_data
class ResolvedArea:
    """One area the user named, with their own words and how painmap understood them."""

    __pydantic_config__ = _STRICT

    input: str
    id: str
    name: str
    side: Side | None = None
    how: Literal["exact", "phrase", "fuzzy"]


@_data
class Reason:
    __pydantic_config__ = _STRICT
    kind: Literal["area", "symptom", "activity", "condition", "prevalence"]
    input: Annotated[str, Field(description="What the user typed (or, for prevalence, the muscle's rating).")]
    matched: Annotated[str, Field(description="What in the muscle's record it met.")]
    detail: str
    contribution: Annotated[
        float, Field(description="This reason's share of the score; a match's shares add up to its score.")
    ]


@_data
class MuscleMatch:
    __pydantic_config__ = _STRICT
    rank: Annotated[int, Field(ge=1)]
    id: str
    name: str
    score: Annotated[float, Field(ge=0, le=1)]
    reasons: tuple[Reason, ...]
    aliases: tuple[str, ...]
    region: Region
    part_of: str | None = None
    primary_zones: tuple[str, ...]
    spillover_zones: tuple[str, ...]


@_data
class Query:
    __pydantic_config__ = _STRICT
    areas: tuple[ResolvedArea, ...]
    symptoms: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    side: Side | None = None
    limit: Annotated[int, Field(ge=1)] = 10


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
    schema_version: Literal[1] = SCHEMA_VERSION
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
    schema_version: Literal[1] = SCHEMA_VERSION
    line: Annotated[int, Field(ge=1)]
    error: str


@_data
class MuscleRecord(Muscle):
    """`show --json`: a muscle's full record, versioned, with the disclaimer."""

    schema_version: Literal[1] = SCHEMA_VERSION
    disclaimer: str = DISCLAIMER
