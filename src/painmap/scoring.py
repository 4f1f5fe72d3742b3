"""Rank muscles for a query: pure functions from (query, dataset) to ranked, explained matches.

The model is a likelihood with a clear meaning. For each muscle, how likely is it that a person
whose pain comes from it marks exactly these places?
- Each marked place is likely in proportion to how much of it the muscle's pattern covers (its
  essential cells count fully, its spillover cells in part); a place the pattern misses keeps a
  small background chance, since people also name places that hurt for other reasons.
- Pain the pattern predicts but the person did not mark costs a little: people under-report.
- A prior from how often the literature finds the muscle involved.
- Symptoms, conditions and activities that meet the muscle's record multiply the evidence.
Each side is tried (a pattern is one-sided: a left hip and a right knee are two patterns), the
best side kept. The scores are the likelihoods normalised over every muscle in the dataset: a
relative strength of evidence among them that adds up to 1, not a probability of a diagnosis.

The few weights below were fitted on the development half of benchmarks/eval_cases.json.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from painmap.dataset import Dataset, MusclePattern
from painmap.models import Muscle, MuscleMatch, Pattern, Query, Reason, Side
from painmap.text import key

# Weights of the model, fitted on the development split only (benchmarks/eval.py --split dev).
SPILLOVER = 0.8  # a spillover cell counts this much of an essential one
BACKGROUND = 0.01  # chance of naming a place the pattern misses
COVER_POWER = 0.5  # how fast covering more of a place raises its likelihood (1 = in proportion)
SHARE_POWER = 0.0  # how much it counts that a large share of the pattern lies in the place
UNMARKED = 0.5  # cost of the pattern's essential cells the person did not mark, when all are unmarked
PRIOR = {1: 1.0, 2: 1.25, 3: 1.6}  # how often the literature finds the muscle involved
SYMPTOM_WEIGHT = 1.2  # likelihood ratio of a fully matching symptom is 1 + this
CONDITION_WEIGHT = 1.4
ACTIVITY_WEIGHT = 1.5
TEXT_CUTOFF = 70.0  # rapidfuzz similarity below which a symptom or activity does not match
SIDES = ("r", "l")
_SIDE_OF = {"r": Side.RIGHT, "l": Side.LEFT}


@dataclass(frozen=True, slots=True)
class PlaceFit:
    """How one muscle's pattern (on one side) meets one marked place."""

    essential: int
    spillover: int
    size: int
    likelihood: float


def rank(query: Query, ds: Dataset) -> tuple[MuscleMatch, ...]:
    """Muscles with evidence for them, best first, at most `query.limit`; equal scores share a rank."""
    places = _marked(query, ds)
    texts = _text_evidence(query, ds)
    total = 0.0
    scored: list[tuple[float, str, str | None]] = []
    table = _table(ds)
    likes = _likelihoods(places, ds) if places else None
    marked = 0
    for place in places:
        marked |= place.mask
    for i, muscle_id in enumerate(table.ids):
        like, side = likes[i] if likes is not None else (1.0, None)
        hits = texts.get(muscle_id)
        weight = table.priors[i] * like
        if hits:  # (times 1 without: exact, so skipped)
            weight *= math.prod(f.ratio for f in hits)
        total += weight
        if places and not marked & table.reach[i]:  # its pattern touches none of the places
            continue
        if not places and not hits:
            continue
        scored.append((weight, muscle_id, side))
    if not scored or total <= 0:
        return ()
    scored.sort(key=lambda s: (-s[0], ds.muscles[s[1]].name))
    top = scored[: query.limit]
    # Scores equal as shown (4 decimals) share a rank, also with the first one cut off.
    rounded = [round(w / total, 4) for w, _, _ in scored[: query.limit + 1]]
    out = []
    for index, (weight, muscle_id, side) in enumerate(top):
        first = rounded.index(rounded[index])
        tied = rounded.count(rounded[index]) > 1
        out.append(
            _to_match(first + 1, tied, ds.muscles[muscle_id], weight / total, side, places, texts, ds)
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Marked:
    place_id: str
    input: str
    mask: int
    side: str | None  # "r", "l" or None (not said)


def _marked(query: Query, ds: Dataset) -> list[_Marked]:
    out = []
    for area in query.areas:
        side = None if area.side is None else ("l" if area.side == Side.LEFT else "r")
        out.append(_Marked(area.id, area.input, ds.places[area.id].mask, side))
    return out


def _side_mask(place: _Marked, side: str, ds: Dataset) -> int:
    """The part of a marked place a one-sided pattern on `side` can explain."""
    if place.side is None or place.side == side:
        return place.mask
    return place.mask & ds.atlas.midline


def fit(place_mask: int, pattern: MusclePattern) -> PlaceFit:
    """How well a pattern explains one marked place: the share of the place it covers (a word for
    a large place is weak evidence for any one small pattern in it) and the share of the pattern
    that lies in the place (a pattern spread far and wide explains any one place less)."""
    size = place_mask.bit_count()
    essential = (place_mask & pattern.essential).bit_count()
    spillover = (place_mask & pattern.spillover).bit_count()
    inside = essential + SPILLOVER * spillover
    cover = inside / size if size else 0.0
    total = pattern.essential.bit_count() + SPILLOVER * pattern.spillover.bit_count()
    share = inside / total if total else 0.0
    return PlaceFit(
        essential, spillover, size, BACKGROUND + (1 - BACKGROUND) * cover**COVER_POWER * share**SHARE_POWER
    )


@dataclass(frozen=True, slots=True)
class _Table:
    """What the scorer reads for every muscle of every query, laid out once per dataset."""

    ids: tuple[str, ...]
    patterns: tuple[MusclePattern, ...]
    priors: tuple[float, ...]
    reach: tuple[int, ...]  # essential | spillover


def _table(ds: Dataset) -> _Table:
    # keyed on the prior too: benchmarks/fit.py tries other weights on the same dataset
    memo_key = ("scoring-table", tuple(PRIOR.items()))
    found = ds.memo.get(memo_key)
    if found is None:
        ids = tuple(ds.patterns)
        patterns = tuple(ds.patterns.values())
        found = ds.memo[memo_key] = _Table(
            ids,
            patterns,
            tuple(PRIOR[ds.muscles[i].prevalence] for i in ids),
            tuple(p.essential | p.spillover for p in patterns),
        )
    return found  # type: ignore[return-value]


def _fit_column(mask: int, ds: Dataset) -> tuple[float, ...]:
    """Each muscle's place likelihood for one marked set of cells, in table order: a query's places
    come from a few hundred named places (and their sided parts), so each is computed once."""
    memo_key = ("fit-column", mask, SPILLOVER, BACKGROUND, COVER_POWER, SHARE_POWER)
    found = ds.memo.get(memo_key)
    if found is None:
        found = ds.memo[memo_key] = tuple(fit(mask, pattern).likelihood for pattern in _table(ds).patterns)
    return found  # type: ignore[return-value]


def _likelihoods(places: Sequence[_Marked], ds: Dataset) -> list[tuple[float, str | None]]:
    """Every muscle's likelihood of the marked places on its best side (one-sided patterns: each
    side tried, the best kept), in table order. The products are taken in the same order for every
    muscle, so scores do not depend on how they are laid out."""
    patterns = _table(ds).patterns
    essentials = [(p.essential, p.essential.bit_count()) for p in patterns]
    sided = any(p.side for p in places)
    best: list[tuple[float, str | None]] = [(-1.0, None)] * len(patterns)
    for side in SIDES if sided else (None,):
        like = [1.0] * len(patterns)
        union = 0
        for place in places:
            mask = place.mask if side is None else _side_mask(place, side, ds)
            union |= mask
            like = [a * b for a, b in zip(like, _fit_column(mask, ds), strict=True)]
        for i, (essential, total) in enumerate(essentials):
            # _unmarked_factor, inline: this loop runs for every muscle of every query
            value = like[i] * (1.0 - UNMARKED * (essential & ~union).bit_count() / total if total else 1.0)
            if value > best[i][0]:
                best[i] = (value, side)
    return best


def _unmarked_factor(pattern: MusclePattern, union: int) -> float:
    total = pattern.essential.bit_count()
    missing = (pattern.essential & ~union).bit_count()
    return 1.0 - UNMARKED * missing / total if total else 1.0


# --- symptoms, conditions, activities --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _TextHit:
    kind: str
    input: str
    matched: str
    similarity: float
    ratio: float


def _text_evidence(query: Query, ds: Dataset) -> dict[str, list[_TextHit]]:
    """Muscle id -> the symptoms, conditions and activities of the query its record meets."""
    out: dict[str, list[_TextHit]] = {}
    if not query.symptoms and not query.activities:
        return out
    columns = [_text_column("symptom", text, ds) for text in query.symptoms]
    columns += [_text_column("activity", text, ds) for text in query.activities]
    for muscle_id in ds.muscles:
        hits = [column[muscle_id] for column in columns if muscle_id in column]
        if hits:
            out[muscle_id] = hits
    return out


_TEXT_MEMO_SIZE = 4096  # distinct symptom and activity texts remembered per dataset


def _text_column(kind: str, text: str, ds: Dataset) -> dict[str, _TextHit]:
    """Muscle id -> what one symptom (or activity) of a query meets in its record. People use the
    same few words again and again, so each text is compared with every record once."""
    weights = (SYMPTOM_WEIGHT, CONDITION_WEIGHT, ACTIVITY_WEIGHT, TEXT_CUTOFF)
    memo = ds.memo.get(("text-columns", weights))
    if memo is None or len(memo) > _TEXT_MEMO_SIZE:  # type: ignore[arg-type]
        memo = ds.memo[("text-columns", weights)] = {}
    found = memo.get((kind, text))  # type: ignore[attr-defined]
    if found is not None:
        return found  # type: ignore[no-any-return]
    column: dict[str, _TextHit] = {}
    for muscle in ds.muscles.values():
        if kind == "symptom":
            # A symptom the user gives counts once: as the muscle's symptom or as a condition it
            # mimics, whichever it meets better.
            best = max(
                (
                    h
                    for h in (
                        _text_hit(text, "symptom", _keyed(muscle, "symptoms", ds), SYMPTOM_WEIGHT),
                        _text_hit(text, "condition", _keyed(muscle, "conditions", ds), CONDITION_WEIGHT),
                    )
                    if h is not None
                ),
                key=lambda h: h.ratio,
                default=None,
            )
        else:
            best = _text_hit(text, "activity", _keyed(muscle, "activities", ds), ACTIVITY_WEIGHT)
        if best is not None:
            column[muscle.id] = best
    memo[(kind, text)] = column  # type: ignore[index]
    return column


def unmatched_texts(symptoms: Sequence[str], activities: Sequence[str], ds: Dataset) -> tuple[str, ...]:
    """The symptoms and activities that meet nothing in any muscle's record."""
    # a text meets a record exactly when the scorer finds it evidence for some muscle
    out = [t for t in symptoms if not _text_column("symptom", t, ds)]
    out += [t for t in activities if not _text_column("activity", t, ds)]
    return tuple(out)


def _text_hit(
    text: str, kind: str, keyed: tuple[tuple[str, ...], tuple[str, ...]], weight: float
) -> _TextHit | None:
    keys, texts = keyed
    best = _best_phrase(key(text), keys)
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
        pairs = [(key(text), text) for text in getattr(muscle, field_name)]
        pairs = [(k, text) for k, text in pairs if k]
        found = (tuple(k for k, _ in pairs), tuple(text for _, text in pairs))
        ds.memo[memo_key] = found
    return found  # type: ignore[return-value]


@lru_cache(maxsize=1 << 16)
def _best_phrase(wanted: str, phrases: tuple[str, ...]) -> tuple[int, float] | None:
    """Index and similarity of the phrase `wanted` meets best, if any meets it well enough."""
    if not wanted or not phrases:
        return None
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
    places: Sequence[_Marked],
    texts: dict[str, list[_TextHit]],
    ds: Dataset,
) -> MuscleMatch:
    pattern = ds.patterns[muscle.id]
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
        else:
            detail = f"it does not send pain to the {name}; something else may explain that place"
            reasons.append(_reason("unexplained", place.input, name, detail, 0.0))
    if places:
        missing = pattern.essential & ~union
        if missing:
            where = describe_cells(missing, ds)
            detail = f"it would also be expected to hurt at the {where}, which you did not mark"
            weight = math.log(_unmarked_factor(pattern, union))
            reasons.append(_reason("unexplained", "", where, detail, weight))
    for hit in texts.get(muscle.id, ()):
        label = {"symptom": "a symptom", "condition": "a condition", "activity": "something"}[hit.kind]
        what = "that brings it on" if hit.kind == "activity" else "it is known for"
        detail = f"'{hit.input}' is close to {label} {what}: '{hit.matched}'"
        reasons.append(_reason(hit.kind, hit.input, hit.matched, detail, math.log(hit.ratio)))
    if muscle.prevalence > 1:
        label = "very often" if muscle.prevalence == 3 else "often"
        detail = f"the literature finds this muscle involved {label}"
        reasons.append(_reason("prevalence", str(muscle.prevalence), label, detail, math.log(PRIOR[muscle.prevalence])))
    reasons.sort(key=lambda r: -abs(r.weight) if r.kind != "unexplained" else 1 - abs(r.weight))
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
        pattern=pattern_places(muscle, ds),
    )


def _reason(kind: str, input: str, matched: str, detail: str, weight: float) -> Reason:
    return Reason(kind=kind, input=input, matched=matched, detail=detail, weight=round(weight, 4))  # type: ignore[arg-type]


def _place_detail(name: str, f: PlaceFit) -> str:
    main = round(100 * f.essential / f.size)
    spill = round(100 * f.spillover / f.size)
    if f.essential and f.spillover:
        return (
            f"the pain you marked at the {name} is in its main referral zone ({main} % of that place)"
            f" and its wider zone ({spill} %)"
        )
    if f.essential:
        return f"the pain you marked at the {name} is in its main referral zone ({main} % of that place)"
    return f"the pain you marked at the {name} is in the wider zone it sometimes reaches ({spill} % of that place)"


def describe_cells(mask: int, ds: Dataset, most: int = 2) -> str:
    """A short plain name for a set of cells: the places that cover most of it with least excess."""
    memo = ds.memo.get(("describe", mask, most))
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
            # nothing fits without spilling over: name the smallest place holding the rest
            holding = [p for p in ds.places.values() if p.mask & left == left]
            if holding:
                names.append(min(holding, key=lambda p: p.mask.bit_count()).name.lower())
            break
        names.append(best.name.lower())
        left &= ~best.mask
    text = " and the ".join(names) if names else "other places"
    ds.memo[("describe", mask, most)] = text
    return text


def pattern_places(muscle: Muscle, ds: Dataset) -> Pattern:
    """A muscle's whole pattern as place ids: its own, and its trigger points' own, in order."""
    found = ds.memo.get(("pattern-places", muscle.id))
    if found is None:
        found = ds.memo[("pattern-places", muscle.id)] = _pattern_places(muscle)
    return found  # type: ignore[return-value]


def _pattern_places(muscle: Muscle) -> Pattern:
    essential = list(muscle.pattern.essential)
    spillover = list(muscle.pattern.spillover)
    for point in muscle.trigger_points:
        if point.pattern is not None:
            essential += [p for p in point.pattern.essential if p not in essential]
            spillover += [p for p in point.pattern.spillover if p not in spillover]
    return Pattern(essential=tuple(essential), spillover=tuple(s for s in spillover if s not in essential))
