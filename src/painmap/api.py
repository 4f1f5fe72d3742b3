"""The Python API: what `painmap match`, `show`, `list` and `areas` do, without the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import replace

from painmap.areas import common_side, resolve_areas
from painmap.dataset import load_dataset
from painmap.errors import AmbiguousMuscle, PainmapError, UnknownMuscle, UsageError
from painmap.models import Area, MatchResult, Muscle, Query, RedFlagWarning, Side
from painmap.redflags import evaluate, scan
from painmap.scoring import rank
from painmap.text import key

MAX_LIMIT = 500


def match(
    areas: Iterable[str],
    symptoms: Iterable[str] = (),
    activities: Iterable[str] = (),
    side: str | Side | None = None,
    limit: int = 10,
) -> MatchResult:
    """Rank the muscles whose trigger points refer pain to `areas`, with reasons and warnings."""
    ds = load_dataset()
    areas = [areas] if isinstance(areas, str) else list(areas)
    symptoms = [symptoms] if isinstance(symptoms, str) else list(symptoms)
    activities = [activities] if isinstance(activities, str) else list(activities)
    if not areas:
        raise UsageError("no area given: name at least one place that hurts, e.g. --area hip")
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {limit}")
    chosen = _side(side)
    try:
        resolved = resolve_areas(areas, ds)
    except PainmapError as exc:
        # An unknown place never hides a red flag: the error carries what the words alone set off.
        exc.warnings = red_flags(None, areas, symptoms, activities)
        raise
    if chosen is not None:
        resolved = tuple(replace(a, side=chosen) if ds.areas[a.id].lateral else a for a in resolved)
    else:
        chosen = common_side(resolved)
    query = Query(
        areas=resolved,
        symptoms=tuple(s for s in symptoms if s.strip()),
        activities=tuple(a for a in activities if a.strip()),
        side=chosen,
        limit=limit,
    )
    return MatchResult(query=query, matches=rank(query, ds), warnings=evaluate(query, ds))


def red_flags(
    text: str | None = None,
    areas: Iterable[str] = (),
    symptoms: Iterable[str] = (),
    activities: Iterable[str] = (),
) -> tuple[RedFlagWarning, ...]:
    """The red-flag warnings for a free sentence and/or places, symptoms and activities, most
    urgent first. Places are read as words and resolved where they can be; one that names no
    known place is never an error here."""
    ds = load_dataset()
    areas = [areas] if isinstance(areas, str) else list(areas)
    symptoms = [symptoms] if isinstance(symptoms, str) else list(symptoms)
    activities = [activities] if isinstance(activities, str) else list(activities)
    area_ids: list[str] = []
    for place in areas:
        with suppress(PainmapError):  # a place that resolves to nothing still counts as words
            area_ids += [a.id for a in resolve_areas([place], ds)]
    return scan(places=areas, area_ids=area_ids, symptoms=symptoms, activities=activities, text=text, ds=ds)


def show(name: str) -> Muscle:
    """The full record of the muscle named by id, name, alias or a close misspelling."""
    return load_dataset().muscles[find_muscle(name)]


def muscles(region: str | None = None) -> tuple[Muscle, ...]:
    """Every muscle, optionally only those of one region, in dataset order."""
    all_muscles = tuple(load_dataset().muscles.values())
    if region is None:
        return all_muscles
    regions = sorted({m.region.value for m in all_muscles})
    wanted = key(region).replace(" ", "-")
    if wanted not in regions:
        raise UsageError(f"unknown region {region!r}; choose one of {', '.join(regions)}")
    return tuple(m for m in all_muscles if m.region.value == wanted)


def areas() -> tuple[Area, ...]:
    """The body-area vocabulary, in dataset order (parents before their children)."""
    return tuple(load_dataset().areas.values())


def find_muscle(name: str) -> str:
    """The id of the muscle `name` refers to; UnknownMuscle with suggestions otherwise."""
    ds = load_dataset()
    k = key(name)
    if not k:
        raise UsageError(f"empty muscle name {name!r}: give an id such as 'gluteus-medius'")
    named = ds.muscle_index.get(k, ())
    parts = tuple(m.id for m in ds.muscles.values() if m.part_of and key(m.part_of) == k)
    if len(named) > 1 or (parts and not named):
        raise AmbiguousMuscle(name, named or parts)
    if named:
        return named[0]
    from rapidfuzz import fuzz, process

    hit = process.extractOne(k, ds.muscle_index.keys(), scorer=fuzz.ratio, score_cutoff=85)
    if hit is not None:
        if len(ds.muscle_index[hit[0]]) > 1:
            raise AmbiguousMuscle(name, ds.muscle_index[hit[0]])
        return ds.muscle_index[hit[0]][0]
    near = process.extract(k, ds.muscle_index.keys(), scorer=fuzz.WRatio, limit=10, score_cutoff=50)
    ids: list[str] = []
    for word, _score, _ in near:
        ids += [i for i in ds.muscle_index[word] if i not in ids]
    raise UnknownMuscle(name, tuple(ids[:3]))


def _side(side: str | Side | None) -> Side | None:
    if side is None or isinstance(side, Side):
        return side
    try:
        return Side(side.strip().lower())
    except ValueError:
        raise UsageError(f"side must be 'left' or 'right', not {side!r}") from None
