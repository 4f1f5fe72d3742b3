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
class RedFlagFeature:
    """A clinical feature (sudden onset, fever, saddle numbness...) and the everyday words for it.

    `phrases`: lay words, misspellings and forum phrasings; a phrase matches the person's words in
    order, after case, punctuation, plurals and -ing/-ed/-ness endings are set aside; a `*` inside a
    phrase stands for up to three other words ("numb * down there"); `N` stands for a number.
    `places`: a queried place that is one of these or lies within one counts too, unless it lies
    within one of `outside` (the head holds the jaw, but a sore jaw is not a headache).
    `place_words`: whole place names as typed that count ("side"), too vague to count inside a sentence.
    `unless`: phrases that, where they overlap a match, mean something else ("fell asleep").
    `history`: a standing fact or past event (cancer, a fall): being in the past does not cancel it.
    """

    __pydantic_config__ = _STRICT

    id: Slug
    name: Text
    phrases: tuple[Text, ...] = ()
    places: tuple[Slug, ...] = ()
    outside: tuple[Slug, ...] = ()
    place_words: tuple[Text, ...] = ()
    unless: tuple[Text, ...] = ()
    history: bool = False


@_data
class RedFlagScope:
    """The words that take a feature out of play (NegEx/ConText style), each in the order met.

    A feature within `window` words after a `negation` in its clause is denied; a `pseudo_negation`
    ("not sure", "no better") is not a denial. `past` before a feature, or `resolved` after it in its
    clause (or at the start of the next one: "... but it's gone now"), means it came and went. A
    `family` phrase, or an `other_person` followed by an `other_verb` ("my dad had ...") in its clause,
    means it belongs to someone else. `terminators` end a clause, as punctuation does.
    """

    __pydantic_config__ = _STRICT

    negation: NonEmptyTexts
    pseudo_negation: tuple[Text, ...] = ()
    window: Annotated[int, Field(ge=1, le=12)] = 5
    past: tuple[Text, ...] = ()
    resolved: tuple[Text, ...] = ()
    other_person: tuple[Text, ...] = ()
    other_verbs: tuple[Text, ...] = ()
    family: tuple[Text, ...] = ()
    terminators: tuple[Text, ...] = ()


@_data
class RedFlagAges:
    """How an age is read: `patterns` with N for the number ("N year old", "im N"), `words` that
    imply one ("grandad", "toddler"), ignored right after an `object_verbs` phrase ("carrying my
    child") and when a `units` word follows the number ("30 weeks pregnant")."""

    __pydantic_config__ = _STRICT

    patterns: NonEmptyTexts
    words: dict[Text, Annotated[int, Field(ge=0, le=120)]]
    object_verbs: tuple[Text, ...] = ()
    units: tuple[Text, ...] = ()
    child_below: Annotated[int, Field(ge=1)] = 16
    older_from: Annotated[int, Field(ge=1)] = 65


@_data
class RedFlagTrigger:
    """One presentation that sets a rule off: every group of `all_of` has a feature present.

    `none_of`: features that stop it (a chest made sore by a workout). `min_age`/`max_age`: the age
    must be known and in range. `sex`: skipped when the person is known to be of the other sex.
    `came_and_went`: features that came and went count (a mini-stroke). `title` names the
    presentation in the warning; `urgency` overrides the rule's.
    """

    __pydantic_config__ = _STRICT

    title: Text
    all_of: Annotated[tuple[Annotated[tuple[Slug, ...], Field(min_length=1)], ...], Field(min_length=1)]
    none_of: tuple[Slug, ...] = ()
    min_age: Annotated[int, Field(ge=0)] | None = None
    max_age: Annotated[int, Field(ge=0)] | None = None
    sex: Literal["female", "male"] | None = None
    came_and_went: bool = False
    urgency: Urgency | None = None


@_data
class RedFlagRule:
    """A condition that needs a doctor, the presentations that suggest it, and what to do."""

    __pydantic_config__ = _STRICT
    id: Slug
    title: Text
    urgency: Urgency
    advice: Text
    why: Annotated[Text, Field(description="What the combination can mean.")]
    triggers: Annotated[tuple[RedFlagTrigger, ...], Field(min_length=1)]
    superseded_by: Annotated[
        tuple[Slug, ...], Field(description="Rules whose warning makes this one redundant.")
    ] = ()
    sources: NonEmptyTexts


@_data
class RedFlagFile:
    __pydantic_config__ = _STRICT
    scope: RedFlagScope
    ages: RedFlagAges
    features: Annotated[tuple[RedFlagFeature, ...], Field(min_length=1)]
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
    warnings: Annotated[
        tuple[RedFlagWarning, ...],
        Field(description="Red flags the line's words set off even though the query failed."),
    ] = ()


@_data
class MuscleRecord(Muscle):
    """`show --json`: a muscle's full record, versioned, with the disclaimer."""

    schema_version: Literal[1] = SCHEMA_VERSION
    disclaimer: str = DISCLAIMER
