"""Rank muscles for a query: pure functions from (query, dataset) to ranked, explained matches.

The model is a likelihood with a clear meaning. For each muscle, how likely is it that a person
whose pain comes from it marks exactly these places?
- Each marked place is likely in proportion to how much of it the muscle's pattern covers (its
  essential cells count fully, its spillover cells in part); a place the pattern misses keeps a
  small background chance, since people also name places that hurt for other reasons.
- Pain the pattern predicts but the person did not mark costs a little: people under-report. The
  more places a person names, the more fully they describe their pain, so the cost grows with
  each place named (each one more chance to have named the rest).
- A prior from how often the literature finds the muscle involved, times the share of people who
  have the muscle at all (a few, like the sternalis, are missing in most people).
- Symptoms, conditions and activities that meet the muscle's record multiply the evidence.
- Answers to questions (see interview.py): "no, it does not hurt there" counts against patterns
  whose cells cover that place, "no" to a symptom or activity against muscles whose record lists
  it, and a self-check ("pressing there brings on my pain") for or against its muscle.
Each side is tried (a pattern is one-sided: a left hip and a right knee are two patterns), the
best side kept. The scores are the likelihoods normalised over every muscle in the dataset: a
relative strength of evidence among them that adds up to 1, not a probability of a diagnosis.

The few weights below were fitted on the development half of benchmarks/eval_cases.json.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

from painmap.atlas import side_code
from painmap.dataset import Dataset, MusclePattern
from painmap.frozen import frozen
from painmap.models import Muscle, MuscleMatch, Pattern, Query, Reason, Side
from painmap.text import at_place, key, stemmed_key

# Weights of the model, fitted on the development split only (benchmarks/eval.py --split dev).
SPILLOVER = 0.8  # a spillover cell counts this much of an essential one
BACKGROUND = 0.1  # chance of naming a place the pattern misses (0.03 to 0.1 do alike on dev, 0.1 a
# little better on both halves of it; the larger is kinder to a place the charts draw differently)
COVER_POWER = 0.4  # how fast covering more of a place raises its likelihood (1 = in proportion)
SHARE_POWER = 0.0  # how much it counts that a large share of the pattern lies in the place
UNMARKED = 0.5  # cost of leaving all the pattern's essential cells unmarked, when one place is named
PRIOR = {1: 1.0, 2: 1.25, 3: 1.6}  # how often the literature finds the muscle involved
WHOLE_SHARE = 0.1  # a pattern with trigger points of its own: the share of the whole pattern's likelihood
# beside its best-fitting point's (pain mostly comes from one point, now and then from several)
SYMPTOM_WEIGHT = 0.6  # likelihood ratio of a fully matching symptom is 1 + this
CONDITION_WEIGHT = 0.7
ACTIVITY_WEIGHT = 0.8
# Answers. The check figures are set by reasoning, not fitted; see benchmarks/interview.py.
DENIED = 0.2  # a "no" to a place keeps 1 - DENIED * (how well the pattern covers it) of the evidence;
# fitted on the dev half through benchmarks/interview.py (0.0, 0.3, 0.5 and 0.8 did worse; 0.1 did better
# on the dev half, alike on muscle patients, worse on the test half: noise, so left at 0.2): like
# UNMARKED, a person often leaves out a place their pain reaches, so a "no" is weak evidence
ABSENT = 0.5  # a "no" to a symptom or activity a muscle's record lists keeps 1 - ABSENT * strength
# Pressing a trigger point and recognising one's own pain: how often it does so when that muscle is
# the source, and when it is not (recognition is the most reliable sign, kappa about 0.6 between
# examiners, Rathbone et al. 2017); the answers' likelihood ratios follow from the two.
CHECK_SENSITIVITY = 0.7
CHECK_FALSE_ALARM = 0.1
CHECK_YES = CHECK_SENSITIVITY / CHECK_FALSE_ALARM
CHECK_NO = (1 - CHECK_SENSITIVITY) / (1 - CHECK_FALSE_ALARM)
TEXT_CUTOFF = 70.0  # rapidfuzz similarity below which a symptom or activity does not match
SIDES = ("r", "l")
_SIDE_OF = {"r": Side.RIGHT, "l": Side.LEFT}


@frozen(slots=True)
class PlaceFit:
    """How one muscle's pattern (on one side) meets one marked place."""

    essential: int
    spillover: int
    size: int
    likelihood: float


def rank(query: Query, ds: Dataset) -> tuple[MuscleMatch, ...]:
    """Muscles with evidence for them, best first, at most `query.limit`; equal scores share a rank."""
    ev = evidence(query, ds)
    places, texts = ev.places, ev.texts
    total = 0.0
    scored: list[tuple[float, str, str | None, MusclePattern]] = []
    # Most muscles meet no place named and no word: their weight is their prior times the
    # likelihood `muscle_weight` gives every such pattern, found here once for all of them.
    marks = (*places, *ev.denied)
    named_mask = 0
    for place in marks:
        named_mask |= place.mask
    far = _far_likelihood(places)
    reach, priors = _reaches(ds)
    for muscle_id in ds.patterns:
        if marks and not reach[muscle_id] & named_mask and not _has_words(muscle_id, ev):
            total += priors[muscle_id] * far
            continue  # never listed: no place it meets, no word for it
        weight, side, part = muscle_weight(muscle_id, ev, ds)
        total += weight
        if places and not _touches(places, ds.patterns[muscle_id]) and muscle_id not in texts:
            continue
        if not places and muscle_id not in texts and muscle_id not in ev.checks:
            continue
        scored.append((weight, muscle_id, side, part))
    if not scored or total <= 0:
        return ()
    scored.sort(key=lambda s: (-s[0], ds.muscles[s[1]].name))
    top = scored[: query.limit]
    # Scores equal as shown (4 decimals) share a rank, also with the first one cut off.
    rounded = [round(w / total, 4) for w, *_ in scored[: query.limit + 1]]
    out = []
    for index, (weight, muscle_id, side, part) in enumerate(top):
        first = rounded.index(rounded[index])
        tied = rounded.count(rounded[index]) > 1
        out.append(_to_match(first + 1, tied, ds.muscles[muscle_id], weight / total, side, part, ev, ds))
    return tuple(out)


@frozen(slots=True)
class Evidence:
    """A query prepared for scoring: its places, its words met in each muscle's record, its answers."""

    places: list[_Marked]
    texts: dict[str, list[_TextHit]]
    #: places the person said do not hurt
    denied: list[_Marked]
    #: muscle id -> the denied symptoms and activities its record lists
    absent: dict[str, list[_TextHit]]
    #: muscle id -> whether pressing its trigger point brought on the pain
    checks: dict[str, bool]


def evidence(query: Query, ds: Dataset, muscles: Sequence[str] | None = None) -> Evidence:
    """The query prepared once for `muscle_weight`; text evidence only for `muscles` when given."""
    side = side_code(query.side)
    denied, checks = [], {}
    absent_symptoms, absent_activities = [], []
    for answer in query.answers:
        kind, _, ident = answer.id.partition(":")
        if kind == "area" and answer.answer == "no":
            place = ds.places[ident]
            denied.append(_Marked(ident, answer.about, place.mask, side if place.lateral else None))
        elif kind == "check":
            checks[ident] = answer.answer == "yes"
        elif answer.answer == "no":
            (absent_symptoms if kind == "symptom" else absent_activities).append(answer.about)
    absent: dict[str, list[_TextHit]] = {}
    if absent_symptoms or absent_activities:
        for muscle_id in muscles if muscles is not None else ds.muscles:
            muscle = ds.muscles[muscle_id]
            hits = [
                h
                for texts, field_name in ((absent_symptoms, "symptoms"), (absent_activities, "activities"))
                for text in texts
                if (h := absent_hit(text, field_name, muscle, ds)) is not None
            ]
            if hits:
                absent[muscle_id] = hits
    return Evidence(_marked(query, ds), _text_evidence(query, ds, muscles), denied, absent, checks)


def muscle_weight(muscle_id: str, ev: Evidence, ds: Dataset) -> tuple[float, str | None, MusclePattern]:
    """The unnormalised evidence for one muscle, the side whose pattern fits best, and which
    pattern: the whole one or one trigger point's own."""
    muscle = ds.muscles[muscle_id]
    pattern = ds.patterns[muscle_id]
    if not (ev.places or ev.denied):
        like, side, part = 1.0, None, pattern
    elif not _touches((*ev.places, *ev.denied), pattern):
        # A pattern that meets no place named: every place keeps its background chance and all the
        # pattern's cells go unmarked, on either side and for every trigger point alike (the same
        # value the full computation gives, found without it: most muscles, for most queries).
        like = _far_likelihood(ev.places)
        sided = any(p.side for p in (*ev.places, *ev.denied))
        side, part = (SIDES[0] if sided else None), pattern
    else:
        like, side, part = _place_likelihood(ev.places, ev.denied, pattern, ds)
    ratio = math.prod(f.ratio for f in ev.texts.get(muscle_id, ()))
    ratio *= math.prod(absent_factor(h) for h in ev.absent.get(muscle_id, ()))
    if muscle_id in ev.checks:
        ratio *= CHECK_YES if ev.checks[muscle_id] else CHECK_NO
    return prior(muscle) * like * ratio, side, part


def _far_likelihood(places: Sequence[_Marked]) -> float:
    """The likelihood of the marked places under a pattern that meets none of them: each keeps its
    background chance and all the pattern's cells go unmarked."""
    return BACKGROUND ** len(places) * ((1.0 - unmarked_cost(named(places))) if places else 1.0)


def _has_words(muscle_id: str, ev: Evidence) -> bool:
    return muscle_id in ev.texts or muscle_id in ev.absent or muscle_id in ev.checks


def _reaches(ds: Dataset) -> tuple[dict[str, int], dict[str, float]]:
    """Per muscle: the cells its whole pattern reaches, and its prior; computed once per dataset."""
    found = ds.memo.get("reaches")
    if found is None:
        reach = {m: p.essential | p.spillover for m, p in ds.patterns.items()}
        found = ds.memo["reaches"] = (reach, {m: prior(ds.muscles[m]) for m in ds.patterns})
    return found  # type: ignore[return-value]


def prior(muscle: Muscle) -> float:
    """How often the literature finds the muscle involved, times the share of people who have it."""
    return PRIOR[muscle.prevalence] * (muscle.present_in or 1.0)


@frozen(slots=True)
class _Marked:
    place_id: str
    input: str
    mask: int
    side: str | None  # "r", "l" or None (not said)


def _marked(query: Query, ds: Dataset) -> list[_Marked]:
    out = []
    for area in query.areas:
        side = side_code(area.side)
        out.append(_Marked(area.id, area.input, ds.places[area.id].mask, side))
    return out


def _touches(places: Sequence[_Marked], pattern: MusclePattern) -> bool:
    both = pattern.essential | pattern.spillover
    return any(p.mask & both for p in places)


def _side_mask(place: _Marked, side: str, ds: Dataset) -> int:
    """The part of a marked place a one-sided pattern on `side` can explain."""
    if place.side is None or place.side == side:
        return place.mask
    return place.mask & ds.atlas.midline


def fit(place_mask: int, pattern: MusclePattern) -> PlaceFit:
    """How well a pattern explains one marked place: the share of the place it covers (a word for
    a large place is weak evidence for any one small pattern in it) and the share of the pattern
    that lies in the place (a pattern spread far and wide explains any one place less)."""
    essential = (place_mask & pattern.essential).bit_count()
    spillover = (place_mask & pattern.spillover).bit_count()
    return PlaceFit(essential, spillover, place_mask.bit_count(), likelihood(place_mask, pattern))


def likelihood(place_mask: int, pattern: MusclePattern) -> float:
    """`fit`'s likelihood alone, as the scorer needs it for every place and pattern it tries."""
    size = place_mask.bit_count()
    inside = (place_mask & pattern.essential).bit_count() + SPILLOVER * (
        place_mask & pattern.spillover
    ).bit_count()
    if not inside:
        return BACKGROUND
    total = pattern.essential.bit_count() + SPILLOVER * pattern.spillover.bit_count()
    return BACKGROUND + (1 - BACKGROUND) * (inside / size) ** COVER_POWER * (inside / total) ** SHARE_POWER


def _place_likelihood(
    places: Sequence[_Marked], denied: Sequence[_Marked], pattern: MusclePattern, ds: Dataset
) -> tuple[float, str | None, MusclePattern]:
    """The likelihood of the marked places (and of the places said not to hurt) under the pattern,
    on its best side, and the best of the whole pattern and each trigger point's own: a person's
    pain often comes from one trigger point, not all of them."""
    best, best_side, best_part = -1.0, None, pattern
    likes = []
    for part, side, like, union in part_terms(places, denied, pattern, ds):
        like *= _unmarked_factor(part, union, named(places)) if places else 1.0
        likes.append((part, like))
        if like > best:
            best, best_side, best_part = like, side, part
    return blend(likes, pattern), best_side, best_part


def blend(likes: Iterable[tuple[MusclePattern, float]], whole: MusclePattern) -> float:
    """A muscle's likelihood from its patterns' (each side tried): the best one's, with a
    WHOLE_SHARE of the whole pattern's when it has trigger points of their own."""
    best = whole_best = 0.0
    for part, like in likes:
        best = max(best, like)
        if part is whole:
            whole_best = max(whole_best, like)
    return (1 - WHOLE_SHARE) * best + WHOLE_SHARE * whole_best if whole.parts else best


def part_terms(
    places: Sequence[_Marked], denied: Sequence[_Marked], pattern: MusclePattern, ds: Dataset
) -> list[tuple[MusclePattern, str | None, float, int]]:
    """`side_terms` for the whole pattern and each trigger point's own, with the pattern used."""
    return [
        (part, side, like, union)
        for part in (pattern, *pattern.parts)
        for side, like, union in side_terms(places, denied, part, ds)
    ]


def side_terms(
    places: Sequence[_Marked], denied: Sequence[_Marked], pattern: MusclePattern, ds: Dataset
) -> list[tuple[str | None, float, int]]:
    """For each side tried: the product of the places' terms, and the cells they cover on that side
    (the cost of unmarked cells is left to the caller, as it depends on all the places together)."""
    sided = any(p.side for p in (*places, *denied))
    out = []
    for side in SIDES if sided else (None,):
        like = 1.0
        union = 0
        for place in places:
            mask = place.mask if side is None else _side_mask(place, side, ds)
            union |= mask
            like *= likelihood(mask, pattern)
        for place in denied:
            like *= denied_factor(place.mask if side is None else _side_mask(place, side, ds), pattern)
        out.append((side, like, union))
    return out


def denied_factor(place_mask: int, pattern: MusclePattern) -> float:
    """What is left of the evidence for a pattern when the person says this place does not hurt."""
    size = place_mask.bit_count()
    if not size:
        return 1.0
    cover = (
        (place_mask & pattern.essential).bit_count()
        + SPILLOVER * (place_mask & pattern.spillover).bit_count()
    ) / size
    return 1.0 - DENIED * cover**COVER_POWER


def named(places: Sequence[_Marked]) -> int:
    """How many different places the person named (a place on both sides counts once)."""
    return len({p.place_id for p in places})


def unmarked_cost(count: int) -> float:
    """What leaving out every essential cell costs a pattern when `count` places were named: each
    place named was one more chance to name them, so 1 - (1 - UNMARKED) ** count."""
    return 1.0 - (1.0 - UNMARKED) ** max(count, 1)


def _unmarked_factor(pattern: MusclePattern, union: int, count: int = 1) -> float:
    total = pattern.essential.bit_count()
    missing = (pattern.essential & ~union).bit_count()
    return 1.0 - unmarked_cost(count) * missing / total if total else 1.0


# --- symptoms, conditions, activities --------------------------------------------------------------


@frozen(slots=True)
class _TextHit:
    kind: str
    input: str
    matched: str
    similarity: float
    ratio: float


def _text_evidence(
    query: Query, ds: Dataset, muscles: Sequence[str] | None = None
) -> dict[str, list[_TextHit]]:
    """Muscle id -> the symptoms, conditions and activities of the query its record meets."""
    out: dict[str, list[_TextHit]] = {}
    # A symptom that only names places ("medial knee pain") says nothing the places do not.
    symptoms = [text for text in query.symptoms if not _only_places(text, ds)]
    if not symptoms and not query.activities:
        return out
    found = [_hits_of(text, "symptom", ds) for text in symptoms]
    found += [_hits_of(text, "activity", ds) for text in query.activities]
    for muscle_id in muscles if muscles is not None else ds.muscles:
        hits = [h for by_muscle in found if (h := by_muscle.get(muscle_id)) is not None]
        if hits:
            out[muscle_id] = hits
    return out


TEXTS_KEPT = 4096  # a symptom's or activity's hits kept per dataset: a batch repeats its words


def _hits_of(text: str, kind: str, ds: Dataset) -> dict[str, _TextHit]:
    """Muscle id -> the best hit of a symptom (`kind` "symptom") or activity in its record; found
    once per text and dataset (the record fields' weights are part of the key: fit.py moves them)."""
    as_symptom, as_activity = _text_fields()
    fields = as_symptom if kind == "symptom" else as_activity
    kept: dict[tuple[object, ...], dict[str, _TextHit]] = ds.memo.setdefault("text hits", {})  # type: ignore[assignment]
    found = kept.get((text, fields))
    if found is None:
        found = {}
        for muscle in ds.muscles.values():
            best = _best_hit(text, muscle, fields, ds)
            if best is not None:
                found[muscle.id] = best
        if len(kept) >= TEXTS_KEPT:  # a long batch of ever-new words: start again
            kept.clear()
        kept[(text, fields)] = found
    return found


def _text_fields() -> tuple[tuple[tuple[str, str, float], ...], tuple[tuple[str, str, float], ...]]:
    """The record fields (kind, field name, weight) a symptom and an activity are each looked for in.
    A symptom counts once: as the muscle's symptom, a condition it mimics or something its record
    says brings it on ("stairs"), whichever it meets best; what brings it on may be written among
    the record's symptoms ("pain lying on the affected side"). Read at each call: fit.py sets the
    weights."""
    return (
        (
            ("symptom", "symptoms", SYMPTOM_WEIGHT),
            ("condition", "conditions", CONDITION_WEIGHT),
            ("activity", "activities", ACTIVITY_WEIGHT),
        ),
        (("activity", "activities", ACTIVITY_WEIGHT), ("symptom", "symptoms", SYMPTOM_WEIGHT)),
    )


def _best_hit(
    text: str, muscle: Muscle, fields: Iterable[tuple[str, str, float]], ds: Dataset
) -> _TextHit | None:
    """The best of `text`'s hits in the muscle's record fields (kind, field name, weight)."""
    found = (_text_hit(text, kind, _keyed(muscle, name, ds), weight) for kind, name, weight in fields)
    return max((h for h in found if h is not None), key=lambda h: h.ratio, default=None)


def _only_places(text: str, ds: Dataset) -> bool:
    """Two or more words, all naming places and directions (besides the pain words `key` drops):
    "medial knee pain". One word may be a condition's short name ("TMJ")."""
    from painmap.areas import place_words

    found = key(text).split()
    return len(found) >= 2 and all(w in place_words(ds) for w in found)


def unmatched_texts(symptoms: Sequence[str], activities: Sequence[str], ds: Dataset) -> tuple[str, ...]:
    """The symptoms and activities that meet nothing in any muscle's record."""
    return tuple(
        text
        for texts, kind in ((symptoms, "symptom"), (activities, "activity"))
        for text in texts
        if not _hits_of(text, kind, ds)
    )


def absent_hit(text: str, field_name: str, muscle: Muscle, ds: Dataset) -> _TextHit | None:
    """A symptom or activity the person said no to, met in the muscle's record (`field_name`)."""
    return _text_hit(text, field_name, _keyed(muscle, field_name, ds), 1.0)


def absent_factor(hit: _TextHit) -> float:
    """What is left of a muscle's evidence when the person says no to something its record lists."""
    return 1 - ABSENT * (hit.ratio - 1)


def _text_hit(
    text: str, kind: str, keyed: tuple[tuple[str, ...], tuple[str, ...]], weight: float
) -> _TextHit | None:
    keys, texts = keyed
    best = _best_phrase(stemmed_key(text), keys)
    if best is None:
        return None
    index, similarity = best
    strength = 0.5 + 0.5 * (similarity - TEXT_CUTOFF) / (100 - TEXT_CUTOFF)
    return _TextHit(kind, text, texts[index], similarity, 1.0 + weight * strength)


def _keyed(muscle: Muscle, field_name: str, ds: Dataset) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A muscle's symptoms (or conditions, activities) and their lookup keys; computed once."""
    memo_key = ("keyed", muscle.id, field_name)
    found = ds.memo.get(memo_key)
    if found is None:
        pairs = [(stemmed_key(text), text) for text in getattr(muscle, field_name)]
        pairs = [(k, text) for k, text in pairs if k]
        found = (tuple(k for k, _ in pairs), tuple(text for _, text in pairs))
        ds.memo[memo_key] = found
    return found  # type: ignore[return-value]


def record_keys(ds: Dataset) -> set[str]:
    """The lookup keys of every phrase in the record fields a symptom or activity is looked for in."""
    fields = {name for kinds in _text_fields() for _, name, _ in kinds}
    return {k for m in ds.muscles.values() for name in fields for k in _keyed(m, name, ds)[0]}


@lru_cache(maxsize=1 << 16)
def _best_phrase(wanted: str, phrases: tuple[str, ...]) -> tuple[int, float] | None:
    """Index and similarity of the phrase `wanted` meets best, if any meets it well enough: from
    the shipped table when it knows every pair (a record's phrase against records, as questions
    ask), else compared by rapidfuzz. The first of equally good phrases, as extractOne gives it."""
    if not wanted or not phrases:
        return None
    from painmap.known_matches import table

    known = table()
    row = known.row(wanted) if known is not None and known.cutoff <= TEXT_CUTOFF else None
    if row is not None and known is not None and known.known.issuperset(phrases):
        best: tuple[int, float] | None = None
        for index, phrase in enumerate(phrases):
            score = row.get(phrase)
            if score is not None and score >= TEXT_CUTOFF and (best is None or score > best[1]):
                best = (index, score)
        return best
    from rapidfuzz import fuzz, process

    hit = process.extractOne(wanted, phrases, scorer=fuzz.token_set_ratio, score_cutoff=TEXT_CUTOFF)
    return None if hit is None else (hit[2], hit[1])


# --- explanations ---------------------------------------------------------------------------------


def _to_match(
    rank_: int,
    tied: bool,
    muscle: Muscle,
    score: float,
    side: str | None,
    pattern: MusclePattern,
    ev: Evidence,
    ds: Dataset,
) -> MuscleMatch:
    places, texts = ev.places, ev.texts
    reasons: list[Reason] = []
    union = 0
    for place in places:
        mask = place.mask if side is None else _side_mask(place, side, ds)
        union |= mask
        f = fit(mask, pattern)
        name = ds.places[place.place_id].name.lower()
        weight = math.log(f.likelihood / BACKGROUND)
        if f.essential or f.spillover:
            reasons.append(_reason("area", place.input, name, _place_detail(name, f), weight))
        elif mask != place.mask and (place.mask & (pattern.essential | pattern.spillover)):
            # "both knees": this side's pattern reaches the other knee only as the same muscle on
            # the other side would, a trigger point of its own that the ranking does not count
            other = _SIDE_OF[place.side or ""].value
            detail = (
                f"it sends pain {at_place(name, 'to')} on its own side only; the same muscle on the {other}"
                " side could explain this one"
            )
            reasons.append(_reason("unexplained", place.input, name, detail, 0.0))
        else:
            detail = f"it does not send pain {at_place(name, 'to')}; something else may explain that place"
            reasons.append(_reason("unexplained", place.input, name, detail, 0.0))
    if places:
        missing = pattern.essential & ~union
        if missing:
            where = describe_cells(missing, ds, preposition="at")
            detail = f"it would also be expected to hurt {where}, which you did not mark"
            weight = math.log(_unmarked_factor(pattern, union, named(places)))
            reasons.append(_reason("unexplained", "", where, detail, weight))
    for hit in texts.get(muscle.id, ()):
        label = {"symptom": "a symptom", "condition": "a condition", "activity": "something"}[hit.kind]
        what = "that brings it on" if hit.kind == "activity" else "it is known for"
        detail = f"'{hit.input}' is close to {label} {what}: '{hit.matched}'"
        reasons.append(_reason(hit.kind, hit.input, hit.matched, detail, math.log(hit.ratio)))
    for place in ev.denied:
        factor = denied_factor(place.mask if side is None else _side_mask(place, side, ds), pattern)
        if factor < 1:
            name = ds.places[place.place_id].name.lower()
            detail = f"you said it does not hurt {at_place(name)}, where it sends pain"
            reasons.append(_reason("answer", place.input, name, detail, math.log(factor)))
    for hit in ev.absent.get(muscle.id, ()):
        detail = f"you said no to '{hit.input}', which its record lists"
        reasons.append(_reason("answer", hit.input, hit.matched, detail, math.log(absent_factor(hit))))
    if muscle.id in ev.checks:
        yes = ev.checks[muscle.id]
        detail = "pressing its trigger point " + (
            "brought on your pain" if yes else "did not bring on your pain"
        )
        reasons.append(
            _reason(
                "answer",
                "yes" if yes else "no",
                "self-check",
                detail,
                math.log(CHECK_YES if yes else CHECK_NO),
            )
        )
    if muscle.prevalence > 1:
        label = "very often" if muscle.prevalence == 3 else "often"
        detail = f"the literature finds this muscle involved {label}"
        reasons.append(
            _reason("prevalence", str(muscle.prevalence), label, detail, math.log(PRIOR[muscle.prevalence]))
        )
    if muscle.present_in is not None:
        share = round(muscle.present_in * 100)
        detail = f"not everyone has this muscle: anatomical studies find it in about {share} in 100 people"
        reasons.append(
            _reason(
                "prevalence", f"{muscle.present_in:g}", "present in some", detail, math.log(muscle.present_in)
            )
        )
    # What speaks for the muscle first, strongest first; then what speaks against it.
    reasons.sort(key=lambda r: -r.weight if r.kind != "unexplained" and r.weight >= 0 else 1 - abs(r.weight))
    return MuscleMatch(
        rank=rank_,
        tied=tied,
        id=muscle.id,
        name=muscle.name,
        score=round(score, 4),
        reasons=tuple(reasons),
        aliases=muscle.aliases,
        region=muscle.region,
        part_of=muscle.part_of,
        side=None if side is None else _SIDE_OF[side],
        pattern=pattern_cells(muscle, ds),
    )


def _reason(kind: str, input: str, matched: str, detail: str, weight: float) -> Reason:
    return Reason(kind=kind, input=input, matched=matched, detail=detail, weight=round(weight, 4))  # type: ignore[arg-type]


def _place_detail(name: str, f: PlaceFit) -> str:
    main = round(100 * f.essential / f.size)
    spill = round(100 * f.spillover / f.size)
    if f.essential and f.spillover:
        return (
            f"the pain you marked {at_place(name)} is in its main referral zone ({main} % of that place)"
            f" and its wider zone ({spill} %)"
        )
    if f.essential:
        return f"the pain you marked {at_place(name)} is in its main referral zone ({main} % of that place)"
    where = f"the pain you marked {at_place(name)}"
    return f"{where} is in the wider zone it sometimes reaches ({spill} % of that place)"


def describe_cells(mask: int, ds: Dataset, most: int = 2, preposition: str = "") -> str:
    """A short plain name for a set of cells, with its articles ("the sacrum and the belt line"; a
    preposition before the first, "at the sacrum ...", when given): the places that cover most of
    it with least excess."""
    memo = ds.memo.get(("describe", mask, most, preposition))
    if memo is not None:
        return memo  # type: ignore[return-value]
    left = mask
    names: list[str] = []
    while left and len(names) < most:
        best, best_score = None, 0.0
        for place in ds.places.values():
            inside = (place.mask & left).bit_count()
            if not inside:
                continue
            excess = (place.mask & ~mask).bit_count()
            value = inside - excess + 0.5 * (excess == 0)
            if value > best_score:
                best, best_score = place, value
        if best is None:
            # nothing fits without spilling over: the place holding most of the rest for its size
            # (only a place holding some of it can be; none does: nothing more to name)
            holding = [p for p in ds.places.values() if p.mask & left]
            if not holding:
                break
            best = max(holding, key=lambda p: (p.mask & left).bit_count() / max(p.mask.bit_count(), 1) ** 0.5)
        names.append(best.name.lower())
        left &= ~best.mask
    named = [at_place(n, "") for n in names]
    if named:
        named[0] = at_place(names[0], preposition)
    text = (
        (", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0])
        if named
        else "other places"
    )
    ds.memo[("describe", mask, most, preposition)] = text
    return text


def pattern_cells(muscle: Muscle, ds: Dataset) -> Pattern:
    """A muscle's whole pattern (its own and its trigger points') as atlas cells, one side's worth."""
    found = ds.memo.get(("pattern_cells", muscle.id))
    if found is None:  # the same for every query that lists the muscle
        pattern = ds.patterns[muscle.id]
        found = ds.memo[("pattern_cells", muscle.id)] = Pattern(
            essential=tuple(ds.atlas.names(pattern.essential)),
            spillover=tuple(ds.atlas.names(pattern.spillover)),
        )
    return found  # type: ignore[return-value]
