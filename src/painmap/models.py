"""Pydantic models for painmap's dataset (areas, muscles, red-flag rules) and its results."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
NonEmptyTexts = Annotated[tuple[Text, ...], Field(min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


class Area(_Frozen):
    """A place on the body a person can name, with the words people use for it."""

    id: Slug
    name: Text
    parent: Slug | None = None
    view: View
    lateral: bool = Field(True, description="True for paired (left/right) places, False for midline ones.")
    synonyms: tuple[Text, ...] = ()


class AreaFile(_Frozen):
    areas: Annotated[tuple[Area, ...], Field(min_length=1)]


class SeriousMimic(_Frozen):
    """A dangerous condition whose pain this muscle's pattern resembles, and what rules it out."""

    condition: Text
    rule_out: Text


class Muscle(_Frozen):
    """One muscle (or one distinct part of a muscle) and everything its reference page covers."""

    id: Slug
    name: Text
    aliases: tuple[Text, ...] = ()
    region: Region
    part_of: Text | None = Field(None, description="Whole muscle this entry is one part of, e.g. 'trapezius'.")
    location: Text
    origin: Text
    insertion: Text
    innervation: Text
    actions: NonEmptyTexts
    referral: Text = Field(description="The referral pattern in plain words.")
    primary_zones: Annotated[tuple[Slug, ...], Field(min_length=1)]
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
    prevalence: Literal[1, 2, 3] = Field(
        2, description="How often the literature finds it involved: 3 very often, 2 often, 1 less often."
    )
    sources: NonEmptyTexts


class MuscleFile(_Frozen):
    muscles: Annotated[tuple[Muscle, ...], Field(min_length=1)]


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"


class RedFlagTrigger(_Frozen):
    """One way a rule can fire: every condition listed here must hold.

    `areas`: a queried area is one of these, lies inside one, or contains one.
    `all_terms`: every group must be met by the query's words (areas, symptoms, activities); a group
    is met when all the words of any one of its phrases occur, in any order.
    `none_of`: the trigger does not fire when any of these phrases occurs.
    """

    areas: tuple[Slug, ...] = ()
    all_terms: tuple[Annotated[tuple[Text, ...], Field(min_length=1)], ...] = ()
    none_of: tuple[Text, ...] = ()


class RedFlagRule(_Frozen):
    id: Slug
    title: Text
    urgency: Urgency
    advice: Text
    why: Text = Field(description="What the combination can mean.")
    triggers: Annotated[tuple[RedFlagTrigger, ...], Field(min_length=1)]
    sources: NonEmptyTexts


class RedFlagFile(_Frozen):
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


class ResolvedArea(_Frozen):
    """One area the user named, with their own words and how painmap understood them."""

    input: str
    id: str
    name: str
    side: Side | None = None
    how: Literal["exact", "phrase", "fuzzy"]


class Reason(_Frozen):
    kind: Literal["area", "symptom", "activity", "condition", "prevalence"]
    input: str = Field(description="What the user typed (or, for prevalence, the muscle's rating).")
    matched: str = Field(description="What in the muscle's record it met.")
    detail: str
    contribution: float = Field(description="This reason's share of the score; a match's shares sum to its score.")


class MuscleMatch(_Frozen):
    rank: int = Field(ge=1)
    id: str
    name: str
    score: float = Field(ge=0, le=1)
    reasons: tuple[Reason, ...]
    aliases: tuple[str, ...]
    region: Region
    part_of: str | None = None
    primary_zones: tuple[str, ...]
    spillover_zones: tuple[str, ...]


class Query(_Frozen):
    areas: tuple[ResolvedArea, ...]
    symptoms: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    side: Side | None = None
    limit: int = Field(10, ge=1)


class RedFlagWarning(_Frozen):
    id: str
    title: str
    urgency: Urgency
    advice: str
    why: str
    matched: tuple[str, ...] = Field(description="The user's words that set the rule off.")


class MatchResult(_Frozen):
    schema_version: Literal[1] = SCHEMA_VERSION
    query: Query
    matches: tuple[MuscleMatch, ...]
    warnings: tuple[RedFlagWarning, ...] = ()
    disclaimer: str = DISCLAIMER
