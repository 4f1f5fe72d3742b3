"""painmap's data types: the dataset (areas, muscles, red-flag rules) and the results.

They are plain frozen dataclasses so that a lookup never has to import pydantic: the hot path loads
a validated cache (see dataset.py). The models of data/atlas.json and data/places.json, which a
lookup never builds, live in `painmap.atlas_models`; those of whole output documents, only for their
JSON Schema, in `painmap.schema`. Pydantic validates them, and generates their JSON Schema, from
the constraint names used in the annotations below, which live in `painmap.constraints` and are
resolved only when validation is needed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from painmap.frozen import frozen

if TYPE_CHECKING:
    from pydantic import Field

    from painmap.constraints import NonEmptyTexts, Slug, Text

# Unknown keys in a data file are an error, not silently dropped.
_STRICT = {"extra": "forbid"}
_data = frozen(kw_only=True)


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
class Pattern:
    """Where a muscle (or one of its trigger points) sends pain: places or cell selectors."""

    __pydantic_config__ = _STRICT

    essential: Annotated[
        tuple[Text, ...],
        Field(description="Where the pain is felt in nearly everyone (solid in the charts)."),
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
        Text | None,
        Field(description="Place id or cell where the charts put the X (drawn on the pattern's side)."),
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
    present_in: Annotated[
        float | None,
        Field(
            gt=0,
            le=1,
            description="For a muscle many people lack: the share of people who have it, from anatomical"
            " studies (its source among `sources`). None: everyone has it.",
        ),
    ] = None
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
    phrase stands for up to six other words in the same clause ("numb * down there"); `N` stands for a number.
    `places`: a queried place that is one of these or lies within one counts too, unless it lies
    within one of `outside` (the head holds the jaw, but a sore jaw is not a headache).
    `place_words`: whole place names as typed that count ("side"), too vague to count inside a sentence.
    `unless`: phrases that, where they overlap a match, mean something else ("fell asleep").
    `history`: a standing fact or past event (cancer, a fall): being in the past does not cancel it.
    `not_from_a_place_name`: a place typed by its own name never sets it off ("rear end" is no
    collision, "saddle" no numbness, "bladder" no bladder that fails, "shin bone" no bone pain).
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
    not_from_a_place_name: bool = False


@_data
class RedFlagScope:
    """The words that take a feature out of play (NegEx/ConText style), each in the order met.

    A feature within `window` words after a `negation` in its clause is denied, and so is one that
    carries a negation inside its own words ("neck isn't stiff"), one that goes on a list the denial
    began ("no fever, rash or stiff neck"), and one followed closely by a `post_negation` ("bladder
    normal", "fever? nope"); a `pseudo_negation` ("not sure", "no better") is not a denial. `past`
    before a feature, or `resolved` after it in its clause (or at the start of the next one: "...
    but it's gone now"), means it came and went. A `family` phrase, or an `other_person` followed
    by an `other_verb` ("my dad had ...") in its clause, means it belongs to someone else.
    `terminators` end a clause, as punctuation does. A `then` opening a clause ("last month",
    "three weeks ago") with a `now_only` later on ("today just", "now only") tells a story whose
    signs in between are over: "last month I was breathless ... today just a sore rib".
    """

    __pydantic_config__ = _STRICT

    negation: NonEmptyTexts
    pseudo_negation: tuple[Text, ...] = ()
    post_negation: tuple[Text, ...] = ()
    window: Annotated[int, Field(ge=1, le=12)] = 5
    past: tuple[Text, ...] = ()
    resolved: tuple[Text, ...] = ()
    other_person: tuple[Text, ...] = ()
    other_verbs: tuple[Text, ...] = ()
    family: tuple[Text, ...] = ()
    terminators: tuple[Text, ...] = ()
    then: tuple[Text, ...] = ()
    now_only: tuple[Text, ...] = ()


@_data
class RedFlagAges:
    """How an age is read: `patterns` with N for the number ("N year old", "im N"), `words` that
    imply one ("grandad", "toddler"), ignored right after an `object_verbs` phrase ("carrying my
    child") and when a `units` word follows the number ("30 weeks pregnant")."""

    __pydantic_config__ = _STRICT

    patterns: NonEmptyTexts
    words: dict[str, Annotated[int, Field(ge=0, le=120)]]
    object_verbs: tuple[Text, ...] = ()
    units: tuple[Text, ...] = ()
    child_below: Annotated[int, Field(ge=1)] = 16
    older_from: Annotated[int, Field(ge=1)] = 65


@_data
class RedFlagTrigger:
    """One presentation that sets a rule off: every group of `all_of` has a feature present.

    `none_of`: features that stop it (a chest made sore by a workout). `min_age`/`max_age`: the age
    must be known and in range. `unless_under`: skipped when the person is known to be younger (an
    unknown age fires). `sex`: skipped when the person is known to be of the other sex.
    `came_and_went`: features that came and went count (a mini-stroke). `title` names the
    presentation in the warning; `urgency` overrides the rule's, and `advice` the rule's advice
    (a presentation less urgent than the rule's must say what to do at its own urgency).
    """

    __pydantic_config__ = _STRICT

    title: Text
    all_of: Annotated[tuple[Annotated[tuple[Slug, ...], Field(min_length=1)], ...], Field(min_length=1)]
    none_of: tuple[Slug, ...] = ()
    min_age: Annotated[int, Field(ge=0)] | None = None
    max_age: Annotated[int, Field(ge=0)] | None = None
    unless_under: Annotated[int, Field(ge=0)] | None = None
    sex: Literal["female", "male"] | None = None
    came_and_went: bool = False
    urgency: Urgency | None = None
    advice: Text | None = None


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
    side: Annotated[
        Side | None, Field(description="The side named; null for a midline place or no side.")
    ] = None
    how: Literal["exact", "phrase", "fuzzy", "sentence", "answer"]


@_data
class Reason:
    __pydantic_config__ = _STRICT
    kind: Literal["area", "unexplained", "symptom", "activity", "condition", "prevalence", "answer"]
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
    pattern: Annotated[
        Pattern,
        Field(
            description="Its whole referral pattern as atlas cells, one side's worth"
            " (`painmap areas --json` maps places to cells).",
        ),
    ]


QuestionKind = Literal["area", "symptom", "activity", "check"]


@_data
class Answer:
    """One answer taken from `--yes`/`--no`: a yes to a place or a symptom also joins the query's
    areas or symptoms; a no, and any answer to a self-check, is evidence of its own."""

    __pydantic_config__ = _STRICT
    id: Annotated[str, Field(description="The question id, e.g. 'area:side-of-thigh' or 'check:soleus'.")]
    kind: QuestionKind
    answer: Literal["yes", "no"]
    about: Annotated[
        str, Field(description="What was asked about: a place, symptom or activity, or a muscle.")
    ]


@_data
class Question:
    """A next-best question: the one whose answer would most change the ranking comes first."""

    __pydantic_config__ = _STRICT
    id: Annotated[str, Field(description="Stable id to give back with --yes ID or --no ID.")]
    kind: QuestionKind
    text: Annotated[str, Field(description="The question in plain words.")]
    place: Annotated[str | None, Field(description="The place asked about (area questions).")] = None
    muscle: Annotated[str | None, Field(description="The muscle to self-check (check questions).")] = None
    gain: Annotated[
        float, Field(ge=0, description="Expected information gain over the top candidates' scores, in bits.")
    ]


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
        tuple[str, ...],
        Field(description="Symptoms and activities that match nothing in any muscle's record."),
    ] = ()
    answers: Annotated[
        tuple[Answer, ...], Field(description="Answers to questions (--yes/--no), in the order given.")
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
    questions: Annotated[
        tuple[Question, ...], Field(description="Up to 5 next-best questions, best first.")
    ] = ()
    disclaimer: str = DISCLAIMER
