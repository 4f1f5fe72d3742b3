"""Rank muscles for a query: pure functions from (query, dataset) to ranked, explained matches.

Every piece of evidence becomes a factor x in [0, 1): an area the muscle refers pain to, a symptom,
activity or condition that meets its record, and how often the literature finds it involved. The
score is the chance that at least one factor holds, 1 - prod(1 - x), so it stays in [0, 1] and no
added evidence can lower it. Each reason's contribution is its share of the score in proportion to
-log(1 - x), so a match's contributions add up to its score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

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


@dataclass(frozen=True)
class _AreaHit:
    credit: float
    zone: str
    detail: str


def rank(query: Query, ds: Dataset) -> tuple[MuscleMatch, ...]:
    """Muscles that refer pain to at least one queried area, best first, at most `query.limit`."""
    hits = {m.id: [_area_hit(a.id, m, ds) for a in query.areas] for m in ds.muscles.values()}
    n = len(ds.muscles)
    rarity = []
    for i in range(len(query.areas)):
        df = sum(1 for h in hits.values() if h[i] is not None)
        rarity.append(
            RARITY_FLOOR + (1 - RARITY_FLOOR) * math.log(n / df) / math.log(n) if df and n > 1 else 1.0
        )

    scored = []
    for muscle in ds.muscles.values():
        muscle_hits = hits[muscle.id]
        if not any(muscle_hits):
            continue
        scored.append(score_muscle(query, muscle, muscle_hits, rarity))
    scored.sort(key=lambda m: (-round(m[0], 9), -ds.muscles[m[1]].prevalence, m[1]))
    return tuple(
        _to_match(rank_no, ds.muscles[muscle_id], score, reasons)
        for rank_no, (score, muscle_id, reasons) in enumerate(scored[: query.limit], start=1)
    )


def score_muscle(
    query: Query, muscle: Muscle, hits: list[_AreaHit | None], rarity: list[float]
) -> tuple[float, str, list[tuple[Reason, float]]]:
    """The muscle's score and its reasons, each paired with its factor x."""
    coverage = sum(1 for h in hits if h) / len(hits)
    scale = COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage
    factors: list[tuple[Reason, float]] = []
    for area, hit, weight in zip(query.areas, hits, rarity, strict=True):
        if hit is None:
            continue
        factors.append(
            (
                Reason(kind="area", input=area.input, matched=hit.zone, detail=hit.detail, contribution=0.0),
                AREA_WEIGHT * hit.credit * weight * scale,
            )
        )
    factors += _text_factors(query.symptoms, "symptom", muscle.symptoms, SYMPTOM_WEIGHT)
    factors += _text_factors(query.symptoms, "condition", muscle.conditions, CONDITION_WEIGHT)
    factors += _text_factors(query.activities, "activity", muscle.activities, ACTIVITY_WEIGHT)
    if muscle.prevalence > 1:
        label = "very often" if muscle.prevalence == 3 else "often"
        factors.append(
            (
                Reason(
                    kind="prevalence",
                    input=str(muscle.prevalence),
                    matched=label,
                    detail=f"the literature finds this muscle involved {label}",
                    contribution=0.0,
                ),
                PREVALENCE_STEP * (muscle.prevalence - 1),
            )
        )
    return _combine(factors), muscle.id, factors


def _combine(factors: list[tuple[Reason, float]]) -> float:
    return 1.0 - math.prod(1.0 - x for _, x in factors)


def _area_hit(area_id: str, muscle: Muscle, ds: Dataset) -> _AreaHit | None:
    """How well `muscle`'s pattern covers `area_id`: the best of its zones, with the relation."""
    best: _AreaHit | None = None
    for zones, weight, kind in (
        (muscle.primary_zones, PRIMARY, "primary"),
        (muscle.spillover_zones, SPILLOVER, "spillover"),
    ):
        for zone in zones:
            name = ds.areas[zone].name.lower()
            if zone == area_id:
                hit = _AreaHit(weight, ds.areas[zone].name, f"in its {kind} referral zone")
            elif area_id in ds.ancestors[zone]:
                levels = ds.ancestors[zone].index(area_id) + 1
                hit = _AreaHit(
                    weight * BROADER_QUERY**levels,
                    ds.areas[zone].name,
                    f"its {kind} zone, the {name}, lies within it",
                )
            elif zone in ds.ancestors[area_id]:
                levels = ds.ancestors[area_id].index(zone) + 1
                hit = _AreaHit(
                    weight * NARROWER_QUERY**levels,
                    ds.areas[zone].name,
                    f"lies within its {kind} zone, the {name}",
                )
            else:
                continue
            if best is None or hit.credit > best.credit:
                best = hit
    return best


def _text_factors(
    inputs: Iterable[str], kind: str, candidates: tuple[str, ...], weight: float
) -> list[tuple[Reason, float]]:
    """One factor per input that meets one of `candidates` closely enough."""
    inputs = [text for text in inputs if key(text)]
    if not inputs:
        return []
    from rapidfuzz import fuzz, process

    keyed = {key(c): c for c in candidates}
    keyed.pop("", None)
    out: list[tuple[Reason, float]] = []
    for text in inputs:
        k = key(text)
        if not k or not keyed:
            continue
        hit = process.extractOne(k, keyed.keys(), scorer=fuzz.token_set_ratio, score_cutoff=TEXT_CUTOFF)
        if hit is None:
            continue
        similarity = hit[1] / 100
        strength = (hit[1] - TEXT_CUTOFF) / (100 - TEXT_CUTOFF)
        out.append(
            (
                Reason(
                    kind=kind,
                    input=text,
                    matched=keyed[hit[0]],  # type: ignore[arg-type]
                    detail=f"{similarity:.0%} similar",
                    contribution=0.0,
                ),
                weight * (0.5 + 0.5 * strength),
            )
        )
    return out


def _to_match(rank_no: int, muscle: Muscle, score: float, factors: list[tuple[Reason, float]]) -> MuscleMatch:
    logs = [-math.log(1.0 - x) for _, x in factors]
    total = sum(logs) or 1.0
    reasons = tuple(
        replace(reason, contribution=round(score * lg / total, 4))
        for (reason, _), lg in sorted(zip(factors, logs, strict=True), key=lambda p: -p[1])
    )
    return MuscleMatch(
        rank=rank_no,
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
