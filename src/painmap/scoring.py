"""Rank muscles for a query: pure functions from (query, dataset) to ranked, explained matches.

Every piece of evidence becomes a factor x in [0, 1): an area the muscle refers pain to, a symptom,
activity or condition that meets its record, and how often the literature finds it involved. The
score is the chance that at least one factor holds, 1 - prod(1 - x), so it stays in [0, 1] and no
added evidence can lower it. Each reason's contribution is its share of the score in proportion to
-log(1 - x), so a match's contributions add up to its score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from painmap.dataset import Dataset
from painmap.models import Muscle, MuscleMatch, Query, Reason
from painmap.text import key

# Weights of the model. Tuned against benchmarks/eval_cases.json, never against single queries.
PRIMARY = 1.0
SPILLOVER = 0.5
BROADER_QUERY = 0.6  # per level: the user names "thigh", the muscle refers to "outer thigh"
NARROWER_QUERY = 0.7  # per level: the user names "outer thigh", the muscle refers to "thigh"
AREA_WEIGHT = 0.85
COVERAGE_FLOOR = 0.35  # area factors scale from this (explains one of many) to 1 (explains all)
RARITY_FLOOR = 0.6  # an area every muscle refers to still counts this much of a rare one
SYMPTOM_WEIGHT = 0.45
CONDITION_WEIGHT = 0.5
ACTIVITY_WEIGHT = 0.3
PREVALENCE_STEP = 0.03
TEXT_CUTOFF = 70.0  # rapidfuzz similarity below which a symptom or activity does not match


class AreaHit(NamedTuple):
    credit: float
    zone: str
    detail: str


class _Factor(NamedTuple):
    kind: str
    input: str
    matched: str
    detail: str
    x: float


def rank(query: Query, ds: Dataset) -> tuple[MuscleMatch, ...]:
    """Muscles that refer pain to at least one queried area, best first, at most `query.limit`."""
    per_area = [area_hits(a.id, ds) for a in query.areas]
    n = len(ds.muscles)
    rarity = [
        RARITY_FLOOR + (1 - RARITY_FLOOR) * math.log(n / len(h)) / math.log(n) if h and n > 1 else 1.0
        for h in per_area
    ]
    candidates = {muscle_id for hits in per_area for muscle_id in hits}
    scored = []
    for muscle_id in candidates:
        muscle = ds.muscles[muscle_id]
        factors = score_factors(query, muscle, [h.get(muscle_id) for h in per_area], rarity, ds)
        scored.append((1.0 - math.prod(1.0 - f.x for f in factors), muscle, factors))
    scored.sort(key=lambda s: (-round(s[0], 9), -s[1].prevalence, s[1].id))
    return tuple(
        _to_match(number, muscle, score, factors)
        for number, (score, muscle, factors) in enumerate(scored[: query.limit], start=1)
    )


def area_hits(area_id: str, ds: Dataset) -> dict[str, AreaHit]:
    """Every muscle whose pattern touches `area_id`, with how well; computed once per area."""
    memo_key = ("area_hits", area_id)
    found = ds.memo.get(memo_key)
    if found is None:
        found = {}
        for muscle in ds.muscles.values():
            hit = _area_hit(area_id, muscle, ds)
            if hit is not None:
                found[muscle.id] = hit
        ds.memo[memo_key] = found
    return found  # type: ignore[return-value]


def score_factors(
    query: Query, muscle: Muscle, hits: Sequence[AreaHit | None], rarity: Sequence[float], ds: Dataset
) -> list[_Factor]:
    """The evidence for one muscle: one factor per matched area, symptom, activity, and prevalence."""
    coverage = sum(1 for h in hits if h) / len(hits)
    scale = COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage
    factors = [
        _Factor("area", area.input, hit.zone, hit.detail, AREA_WEIGHT * hit.credit * weight * scale)
        for area, hit, weight in zip(query.areas, hits, rarity, strict=True)
        if hit is not None
    ]
    if query.symptoms:
        # A symptom the user gives counts once: as the muscle's symptom or as a condition it mimics,
        # whichever it meets better.
        best: dict[str, _Factor] = {}
        for factor in (
            *_text_factors(query.symptoms, "symptom", _keyed(muscle, "symptoms", ds), SYMPTOM_WEIGHT),
            *_text_factors(query.symptoms, "condition", _keyed(muscle, "conditions", ds), CONDITION_WEIGHT),
        ):
            if factor.input not in best or factor.x > best[factor.input].x:
                best[factor.input] = factor
        factors += best.values()
    if query.activities:
        factors += _text_factors(
            query.activities, "activity", _keyed(muscle, "activities", ds), ACTIVITY_WEIGHT
        )
    if muscle.prevalence > 1:
        label = "very often" if muscle.prevalence == 3 else "often"
        factors.append(
            _Factor(
                "prevalence",
                str(muscle.prevalence),
                label,
                f"the literature finds this muscle involved {label}",
                PREVALENCE_STEP * (muscle.prevalence - 1),
            )
        )
    return factors


def _area_hit(area_id: str, muscle: Muscle, ds: Dataset) -> AreaHit | None:
    """How well `muscle`'s pattern covers `area_id`: the best of its zones, with the relation."""
    best: AreaHit | None = None
    for zones, weight, kind in (
        (muscle.primary_zones, PRIMARY, "primary"),
        (muscle.spillover_zones, SPILLOVER, "spillover"),
    ):
        for zone in zones:
            name = ds.areas[zone].name.lower()
            if zone == area_id:
                credit, detail = weight, f"in its {kind} referral zone"
            elif area_id in ds.ancestors[zone]:
                credit = weight * BROADER_QUERY ** (ds.ancestors[zone].index(area_id) + 1)
                detail = f"its {kind} zone, the {name}, lies within it"
            elif zone in ds.ancestors[area_id]:
                credit = weight * NARROWER_QUERY ** (ds.ancestors[area_id].index(zone) + 1)
                detail = f"lies within its {kind} zone, the {name}"
            else:
                continue
            hit = AreaHit(credit, ds.areas[zone].name, detail)
            if best is None or hit.credit > best.credit:
                best = hit
    return best


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


def _text_factors(
    inputs: Sequence[str], kind: str, keyed: tuple[tuple[str, ...], tuple[str, ...]], weight: float
) -> list[_Factor]:
    """One factor per input that meets one of the muscle's phrases closely enough."""
    keys, texts = keyed
    out: list[_Factor] = []
    for text in inputs:
        best = _best_phrase(key(text), keys)
        if best is None:
            continue
        index, similarity = best
        strength = (similarity - TEXT_CUTOFF) / (100 - TEXT_CUTOFF)
        out.append(
            _Factor(
                kind, text, texts[index], f"{similarity / 100:.0%} similar", weight * (0.5 + 0.5 * strength)
            )
        )
    return out


@lru_cache(maxsize=1 << 16)
def _best_phrase(wanted: str, phrases: tuple[str, ...]) -> tuple[int, float] | None:
    """Index and similarity of the phrase `wanted` meets best, if any meets it well enough.

    Cached: a batch repeats the same few symptom words against the same muscles many times.
    """
    if not wanted or not phrases:
        return None
    from rapidfuzz import fuzz, process

    hit = process.extractOne(wanted, phrases, scorer=fuzz.token_set_ratio, score_cutoff=TEXT_CUTOFF)
    return None if hit is None else (hit[2], hit[1])


def _to_match(number: int, muscle: Muscle, score: float, factors: list[_Factor]) -> MuscleMatch:
    logs = [-math.log(1.0 - f.x) for f in factors]
    total = sum(logs) or 1.0
    reasons = tuple(
        Reason(
            kind=f.kind,
            input=f.input,
            matched=f.matched,
            detail=f.detail,  # type: ignore[arg-type]
            contribution=round(score * lg / total, 4),
        )
        for f, lg in sorted(zip(factors, logs, strict=True), key=lambda p: -p[1])
    )
    return MuscleMatch(
        rank=number,
        id=muscle.id,
        name=muscle.name,
        score=round(score, 4),
        reasons=reasons,
        aliases=muscle.aliases,
        region=muscle.region,
        part_of=muscle.part_of,
        primary_zones=muscle.primary_zones,
        spillover_zones=muscle.spillover_zones,
    )
