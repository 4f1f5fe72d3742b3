"""The guided interview's core: answers to questions, and the next questions worth asking.

A question is worth asking when its answer would most change the ranking. For each candidate
question the expected information gain is the entropy of the top candidates' normalised scores
now, less its expected entropy after the answer. The scores after "yes" and after "no" come from
the scorer itself (scoring.muscle_weight on the query with that answer added). How likely each
answer is, were a given muscle the source (the answer model):
- a place: PLACE_YES times the scorer's own likelihood of naming it (scoring.likelihood), from how
  much of it the pattern covers: people leave out places their pain reaches, asked or not;
- a symptom or activity: RECORD_YES when the muscle's record lists it, OTHER_YES otherwise;
- a self-check: the scorer's CHECK_SENSITIVITY for its muscle, CHECK_FALSE_ALARM for the others.

Question ids are stable: `area:<place id>`, `symptom:<slug>`, `activity:<slug>`, `check:<muscle id>`,
where a slug is the record's own phrase in lower case with hyphens.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from painmap.atlas import side_code
from painmap.dataset import Dataset, MusclePattern
from painmap.errors import UsageError
from painmap.frozen import frozen
from painmap.models import Answer, MuscleMatch, Query, Question, ResolvedArea, Side
from painmap.scoring import (
    CHECK_FALSE_ALARM,
    CHECK_NO,
    CHECK_SENSITIVITY,
    CHECK_YES,
    Evidence,
    _best_hit,
    _only_places,
    _text_fields,
    _unmarked_factor,
    absent_factor,
    absent_hit,
    blend,
    denied_factor,
    evidence,
    likelihood,
    muscle_weight,
    named,
    part_terms,
    rank,
)
from painmap.text import at_place, kept_bytes

MOST = 5  # questions offered at a time
CANDIDATES = 3  # top muscles whose scores the questions should separate (dev half of benchmarks/
# interview.py: once places already marked are not asked again, 3 did better than 2, 4 or 5 after
# three questions, and than 4 after one, two and five; a question that splits the leaders beats one
# that sorts the tail)
PLACE_YES = 0.4  # how often a person whose pattern covers an asked place says yes (fitted, dev half)
RECORD_YES = 0.6  # a person whose pain comes from a muscle says yes to a symptom its record lists
OTHER_YES = 0.15  # ... and to one it does not list
PLACE_CELLS = (2, 16)  # place questions ask about places of this many cells (named, mid-sized)
TEXT_FROM = 3  # symptoms and activities come from the records of this many top muscles (matching is slow)
CHECKS_FROM = 5  # self-checks are offered for this many top muscles
PER_KIND = {"area": 5, "symptom": 2, "activity": 2, "check": 2}  # at most this many of a kind at once

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def _phrases(ds: Dataset) -> dict[str, dict[str, str]]:
    """Kind -> slug -> the record's phrase, for symptoms and activities of every muscle."""
    found = ds.memo.get("interview_phrases")
    if found is None:
        found = {}
        for kind, field_name in (("symptom", "symptoms"), ("activity", "activities")):
            texts = [text for muscle in ds.muscles.values() for text in getattr(muscle, field_name)]
            by_slug: dict[str, str] = {}
            for s, text in zip(_slugs(texts), texts, strict=True):
                by_slug.setdefault(s, text)
            found[kind] = by_slug
        ds.memo["interview_phrases"] = found
    return found  # type: ignore[return-value]


_SLUG_LINES = r"[^a-z0-9\n]+"  # for phrases that are not ASCII: compiled then, by re
_SLUG_BYTES = kept_bytes("-")


def _slugs(texts: list[str]) -> list[str]:
    """`slug` of each text, worked out in one pass over them all (thousands of phrases): in ASCII,
    one bytes.translate and a few replaces, several times faster than the regular expression."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:  # a phrase of several lines: one at a time
        return [slug(text) for text in texts]
    lowered = joined.lower()
    if not lowered.isascii():
        return [line.strip("-") for line in re.sub(_SLUG_LINES, "-", lowered).split("\n")]
    hyphened = lowered.encode("ascii").translate(_SLUG_BYTES).decode("ascii")
    while "--" in hyphened:
        hyphened = hyphened.replace("--", "-")
    return [line.strip("-") for line in hyphened.split("\n")]


def read_answers(yes: Iterable[str], no: Iterable[str], ds: Dataset) -> tuple[Answer, ...]:
    """The answers given as question ids; UsageError naming an id that is not a question."""
    answers: dict[str, Answer] = {}
    for word, ids in (("yes", yes), ("no", no)):
        for raw in ids:
            ident = raw.strip()
            if ident in answers:
                if answers[ident].answer != word:
                    raise UsageError(f"question {ident!r} is answered both yes and no: give one answer")
                continue
            answers[ident] = Answer(id=ident, kind=_kind(ident), answer=word, about=_about(ident, ds))  # type: ignore[arg-type]
    return tuple(answers.values())


def _kind(ident: str) -> str:
    kind = ident.partition(":")[0]
    if kind not in PER_KIND:
        raise UsageError(
            f"unknown question id {ident!r}: ids look like area:<place>, symptom:<...>, activity:<...>"
            ' or check:<muscle>, as listed under "questions" in match --json'
        )
    return kind


def _about(ident: str, ds: Dataset) -> str:
    kind, _, rest = ident.partition(":")
    if kind == "area" and rest in ds.places:
        return ds.places[rest].name
    if kind == "check" and rest in ds.muscles:
        return ds.muscles[rest].name
    if kind in ("symptom", "activity") and rest in _phrases(ds)[kind]:
        return _phrases(ds)[kind][rest]
    what = {"area": "place", "check": "muscle"}.get(kind, kind)
    raise UsageError(f"unknown question id {ident!r}: no {what} {rest!r} (take ids from match --json)")


def apply_answers(
    areas: Sequence[ResolvedArea],
    symptoms: Sequence[str],
    activities: Sequence[str],
    answers: Sequence[Answer],
    side: Side | None,
    ds: Dataset,
) -> tuple[tuple[ResolvedArea, ...], tuple[str, ...], tuple[str, ...]]:
    """The query's places, symptoms and activities with the ones answered "yes" added."""
    areas, symptoms, activities = list(areas), list(symptoms), list(activities)
    for answer in answers:
        if answer.answer != "yes":
            continue
        kind, _, rest = answer.id.partition(":")
        if kind == "area":
            place = ds.places[rest]
            chosen = side if place.lateral else None
            if all((a.id, a.side) != (rest, chosen) for a in areas):
                areas.append(
                    ResolvedArea(input=answer.id, id=rest, name=place.name, side=chosen, how="answer")
                )
        elif kind == "symptom" and answer.about not in symptoms:
            symptoms.append(answer.about)
        elif kind == "activity" and answer.about not in activities:
            activities.append(answer.about)
    return tuple(areas), tuple(symptoms), tuple(activities)


# --- choosing questions ----------------------------------------------------------------------------


@frozen(slots=True)
class _Candidate:
    id: str
    kind: str
    about: str
    place: str | None = None
    muscle: str | None = None


def next_questions(
    query: Query, ds: Dataset, most: int = MOST, ranked: Sequence[MuscleMatch] | None = None
) -> tuple[Question, ...]:
    """Up to `most` questions, best first, that would most change the ranking of `query`.

    `ranked`: the query's ranking, when the caller has it (its leaders are the candidates, unless
    its limit cut it shorter than CANDIDATES)."""
    if ranked is None or query.limit < CANDIDATES:
        ranked = rank(replace(query, limit=CANDIDATES), ds)
    ids = [m.id for m in ranked[:CANDIDATES]]
    if len(ids) < 2:
        return ()
    now = _now(query, evidence(query, ds, ids), ids, ds)
    prior = now.weights
    before = _entropy(prior)
    asked = {a.id for a in query.answers}
    scored: list[tuple[float, _Candidate]] = []
    for cand in _candidates(query, ids, ds):
        if cand.id in asked:
            continue
        p_yes = _answer_model(cand, ids, ds)
        after = 0.0
        for answer, p_answer in (("yes", p_yes), ("no", [1 - p for p in p_yes])):
            reach = sum(p * q for p, q in zip(prior, p_answer, strict=True)) / sum(prior)
            if reach <= 0:
                continue
            posterior = _posterior(query, now, cand, answer, ds)
            after += reach * _entropy(posterior)
        gain = before - after
        if gain > 1e-4:
            scored.append((gain, cand))
    scored.sort(key=lambda s: (-s[0], s[1].id))
    out: list[Question] = []
    per_kind: dict[str, int] = {}
    for gain, cand in scored:
        if per_kind.get(cand.kind, 0) >= PER_KIND[cand.kind]:
            continue
        if cand.place is not None and any(_near(cand.place, q.place, ds) for q in out if q.place):
            continue  # one question per part of the body at a time
        per_kind[cand.kind] = per_kind.get(cand.kind, 0) + 1
        out.append(
            Question(
                id=cand.id,
                kind=cand.kind,  # type: ignore[arg-type]
                text=_text(cand, query, ds),
                place=cand.place,
                muscle=cand.muscle,
                gain=round(gain, 4),
            )
        )
        if len(out) == most:
            break
    return tuple(out)


def _near(a: str, b: str, ds: Dataset) -> bool:
    """Two places share at least half of the smaller one's cells, or are parts of one place."""
    ma, mb = ds.places[a].mask, ds.places[b].mask
    if 2 * (ma & mb).bit_count() >= min(ma.bit_count(), mb.bit_count()):
        return True
    up = ds.atlas.parent(a)
    return up is not None and up == ds.atlas.parent(b)


def _entropy(p: Sequence[float]) -> float:
    total = sum(p)
    return -sum(x / total * math.log2(x / total) for x in p if x > 0) if total > 0 else 0.0


def _candidates(query: Query, ids: list[str], ds: Dataset) -> list[_Candidate]:
    out: list[_Candidate] = []
    marked = [ds.places[area.id].mask for area in query.areas]
    reach = 0
    for muscle_id in ids:
        pattern = ds.patterns[muscle_id]
        reach |= pattern.essential | pattern.spillover
    low, high = PLACE_CELLS
    everywhere = [ds.patterns[m].essential | ds.patterns[m].spillover for m in ids]
    for place in ds.places.values():
        size = place.mask.bit_count()
        if not low <= size <= high or not place.mask & reach:
            continue
        # Only places apart from those marked: asked about a place sharing cells with one marked, a
        # person says yes for the part that already hurts, which tells nothing new (dev half of
        # benchmarks/interview.py: asking them lowered top-1 after three questions, .503 -> .473).
        if any(place.mask & m for m in marked):
            continue
        if all(place.mask & e for e in everywhere):
            continue  # every candidate reaches it: the answer would separate little
        out.append(_Candidate(f"area:{place.id}", "area", place.name, place=place.id))
    phrases = _phrases(ds)
    seen: set[str] = set(query.symptoms) | set(query.activities)
    for muscle_id in ids[:TEXT_FROM]:
        muscle = ds.muscles[muscle_id]
        for kind, texts in (("symptom", muscle.symptoms), ("activity", muscle.activities)):
            for text in texts:
                s = slug(text)
                if text in seen or phrases[kind].get(s) != text:
                    continue
                seen.add(text)
                out.append(_Candidate(f"{kind}:{s}", kind, text))
    for muscle_id in ids[:CHECKS_FROM]:
        if not clinician_only(muscle_id, ds):  # nobody can press these themselves
            out.append(
                _Candidate(f"check:{muscle_id}", "check", ds.muscles[muscle_id].name, muscle=muscle_id)
            )
    return out


def _answer_model(cand: _Candidate, ids: list[str], ds: Dataset) -> list[float]:
    """For each candidate muscle, how likely a "yes" is were it the source."""
    if cand.kind == "check":
        return [CHECK_SENSITIVITY if m == cand.muscle else CHECK_FALSE_ALARM for m in ids]
    if cand.kind == "area":
        # Asked on the query's side, where each candidate's best side lies too: the whole place.
        mask = ds.places[cand.place or ""].mask
        return [PLACE_YES * likelihood(mask, ds.patterns[m]) for m in ids]
    field_name = "symptoms" if cand.kind == "symptom" else "activities"
    return [RECORD_YES if cand.about in getattr(ds.muscles[m], field_name) else OTHER_YES for m in ids]


@frozen(slots=True)
class _Now:
    """Each top candidate's evidence now, split so one more answer can be added cheaply."""

    ids: list[str]
    #: weight / place likelihood: the prior and the words' and checks' factors
    rest: list[float]
    #: per muscle, per pattern and side tried: (pattern, side, product of the places' terms, cells
    #: marked on that side)
    terms: list[list[tuple[MusclePattern, str | None, float, int]]]
    marked: int  # how many different places the query names
    weights: list[float]


def _now(query: Query, base: Evidence, ids: list[str], ds: Dataset) -> _Now:
    rest, terms = [], []
    count = named(base.places)
    for m in ids:
        pattern = ds.patterns[m]
        weight, _, _ = muscle_weight(m, base, ds)
        sides = part_terms(base.places, base.denied, pattern, ds)
        like = _like(sides, pattern, count)
        rest.append(weight / like)
        terms.append(sides)
    weights = [r * _like(sides, ds.patterns[m], count) for m, r, sides in zip(ids, rest, terms, strict=True)]
    return _Now(ids, rest, terms, count, weights)


def _like(
    sides: list[tuple[MusclePattern, str | None, float, int]], pattern: MusclePattern, count: int
) -> float:
    return blend(
        ((part, t * (_unmarked_factor(part, u, count) if count else 1.0)) for part, _, t, u in sides), pattern
    )


def _posterior(query: Query, now: _Now, cand: _Candidate, answer: str, ds: Dataset) -> list[float]:
    """The top candidates' weights (unnormalised) after this answer: the scorer's terms, with the
    answer's own term added to what they are now (tests check it against a full rescoring)."""
    ids = now.ids
    if cand.kind == "check":
        factor = CHECK_YES if answer == "yes" else CHECK_NO
        return [w * (factor if m == cand.muscle else 1.0) for m, w in zip(ids, now.weights, strict=True)]
    if cand.kind == "area":
        place = ds.places[cand.place or ""]
        qside = side_code(query.side) if place.lateral else None
        out = []
        for m, rest, sides in zip(ids, now.rest, now.terms, strict=True):
            likes = []
            for pattern, side, product, union in sides:
                mask = (
                    place.mask
                    if qside is None or side is None or side == qside
                    else place.mask & ds.atlas.midline
                )
                if answer == "yes":
                    like = product * likelihood(mask, pattern)
                    like *= _unmarked_factor(pattern, union | mask, now.marked + 1)
                else:
                    like = product * denied_factor(mask, pattern)
                    like *= _unmarked_factor(pattern, union, now.marked) if now.marked else 1.0
                likes.append((pattern, like))
            out.append(rest * blend(likes, ds.patterns[m]))
        return out
    # A symptom or activity: its match in each record, as the scorer's `evidence` finds it for a
    # query of that one text ("yes") or of that one answer ("no"), without building either query.
    text = cand.about
    factors: list[float]
    if answer == "yes":
        as_symptom, as_activity = _text_fields()
        if cand.kind == "symptom" and _only_places(text, ds):
            factors = [1.0] * len(ids)  # a symptom naming only places is no text evidence
        else:
            fields = as_symptom if cand.kind == "symptom" else as_activity
            factors = [
                1.0 if (h := _best_hit(text, ds.muscles[m], fields, ds)) is None else h.ratio for m in ids
            ]
    else:
        field = "symptoms" if cand.kind == "symptom" else "activities"
        factors = [
            1.0 if (h := absent_hit(text, field, ds.muscles[m], ds)) is None else absent_factor(h)
            for m in ids
        ]
    return [w * f for w, f in zip(now.weights, factors, strict=True)]


def _text(cand: _Candidate, query: Query, ds: Dataset) -> str:
    if cand.kind == "area":
        place = ds.places[cand.place or ""]
        side = f"{query.side.value} " if query.side is not None and place.lateral else ""
        inside = any(place.mask & ds.places[a.id].mask == place.mask for a in query.areas)
        name = place.name.lower()
        if not side:
            where = at_place(name)
        elif at_place(name) == name:  # "around the eye on the left side"
            where = f"{name} on the {side.strip()} side"
        else:
            where = f"at the {side}{name}"
        return f"Does it hurt {where}{'' if inside else ', too'}?"
    if cand.kind == "symptom":
        return f"Is this part of it: {_lower_first(cand.about)}?"
    if cand.kind == "activity":
        return f"Does this bring it on or make it worse: {_lower_first(cand.about)}?"
    return self_check(cand.muscle or "", ds)


def clinician_only(muscle_id: str, ds: Dataset) -> bool:
    """The muscle's main trigger point (the one a self-check names) is reached only by a trained
    clinician (an internal examination of the pelvic floor, say): its record says so."""
    where = ds.muscles[muscle_id].trigger_points[0].where
    return "trained clinician" in where or "only by a clinician" in where


def self_check(muscle_id: str, ds: Dataset) -> str:
    """Where to press to check a muscle, in plain words, as a question; for a muscle only a trained
    clinician can reach, who can check it instead."""
    muscle = ds.muscles[muscle_id]
    if clinician_only(muscle_id, ds):
        return (
            f"Self-check for {muscle.name}: not one to press yourself; its trigger points are found by a"
            " trained clinician (a physiotherapist, say), who can check whether"
            " pressing them brings on the pain you know."
        )
    point = muscle.trigger_points[0]
    # A trigger point's description says where it lies and then where it sends pain, sometimes
    # after a short label ("Back trigger point: just below the iliac crest ...; it refers ...").
    label, colon, after = point.where.partition(":")
    where = after if colon and len(label.split()) <= 4 else label
    where, *rest = re.split(r";|\. ", where, maxsplit=2)
    where = re.sub(r"^TrP\s*\d+,\s*", "", where.strip().rstrip("."))
    # how to reach a deep point comes next when the record says it ("it cannot be pressed directly
    # and is reached through the soleus"): the self-check needs the way in, not only the spot
    if rest and re.search(r"\breach|\bcannot be (pressed|felt)", rest[0]):
        where += "; " + rest[0].strip().rstrip(".")
    if point.at is not None and point.at in ds.places:
        where += f" ({at_place(ds.places[point.at].name.lower())})"
    return (
        f"Self-check for {muscle.name}: find the spot ({_lower_first(where)}) and press firmly for a few"
        " seconds. Does that bring on the pain you know?"
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
