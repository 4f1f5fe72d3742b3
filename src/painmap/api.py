"""The Python API: what `painmap match`, `show`, `list` and `areas` do, without the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import replace
from typing import Any

from painmap.areas import common_side, resolve_areas
from painmap.atlas import SIDE_NAMES, Place, iter_bits
from painmap.dataset import Dataset, load_dataset
from painmap.errors import AmbiguousMuscle, PainmapError, UnknownMuscle, UsageError
from painmap.models import Answer, MatchResult, Muscle, Query, Question, RedFlagWarning, Side
from painmap.scoring import rank, unmatched_texts
from painmap.text import MOVEMENTS, fold, key

MAX_LIMIT = 500


def match(
    areas: Iterable[str] = (),
    symptoms: Iterable[str] = (),
    activities: Iterable[str] = (),
    side: str | Side | None = None,
    limit: int = 10,
    text: str | None = None,
    yes: Iterable[str] = (),
    no: Iterable[str] = (),
    questions: int = 0,
) -> MatchResult:
    """Rank the muscles whose trigger points refer pain to `areas`, with reasons and warnings.

    `text` is a sentence in a person's own words ("my hip and buttock hurt when I lie on that side");
    its places, symptoms and activities join the ones given separately. With no place at all, the
    ranking rests on the symptoms and activities alone.

    `yes` and `no` answer questions by id (see interview.py); `questions` asks for up to that many
    next-best questions in the result.
    """
    ds = load_dataset()
    areas = [areas] if isinstance(areas, str) else list(areas)
    symptoms = [s for s in ([symptoms] if isinstance(symptoms, str) else list(symptoms)) if s.strip()]
    activities = [a for a in ([activities] if isinstance(activities, str) else list(activities)) if a.strip()]
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {limit}")
    chosen = _side(side)
    areas, text = _movements_as_sentence(areas, text, ds)
    try:
        resolved = list(resolve_areas(areas, ds))
    except PainmapError as exc:
        # An unknown place never hides a red flag: the error carries what the words alone set off.
        exc.warnings = red_flags(text, areas, symptoms, activities)
        raise
    ignored: tuple[str, ...] = ()
    if text is not None and text.strip():
        from painmap.sentence import read_sentence

        reading = read_sentence(text, ds)
        resolved += [a for a in reading.areas if (a.id, a.side) not in {(r.id, r.side) for r in resolved}]
        symptoms += [s for s in reading.symptoms if s not in symptoms]
        activities += [a for a in reading.activities if a not in activities]
        ignored = reading.ignored
    yes = [yes] if isinstance(yes, str) else list(yes)
    no = [no] if isinstance(no, str) else list(no)
    answers: tuple[Answer, ...] = ()
    if yes or no:
        from painmap.interview import apply_answers, read_answers

        answers = read_answers(yes, no, ds)
        side_now = chosen if chosen is not None else common_side(resolved)
        more, symptoms_t, activities_t = apply_answers(resolved, symptoms, activities, answers, side_now, ds)
        resolved, symptoms, activities = list(more), list(symptoms_t), list(activities_t)
    if not resolved and not symptoms and not activities:
        raise UsageError(
            "nothing to go on: name where it hurts (e.g. --area hip), or a symptom (e.g. -s 'tennis elbow')"
        )
    if chosen is not None:
        clash = [a for a in resolved if a.side is not None and a.side != chosen]
        if clash:
            raise UsageError(
                f"--side {chosen.value} conflicts with {clash[0].input!r}, which says {clash[0].side.value}:"
                " give the side once"
            )
        resolved = [replace(a, side=chosen) if ds.places[a.id].lateral else a for a in resolved]
    else:
        chosen = common_side(resolved)
    query = Query(
        text=text if text and text.strip() else None,
        areas=tuple(resolved),
        symptoms=tuple(symptoms),
        activities=tuple(activities),
        side=chosen,
        limit=limit,
        ignored=ignored,
        unmatched=unmatched_texts(symptoms, activities, ds) if symptoms or activities else (),
        answers=answers,
    )
    matches = rank(query, ds)
    asked: tuple[Question, ...] = ()
    if questions > 0:
        from painmap.interview import next_questions

        asked = next_questions(query, ds, most=questions, ranked=matches)
    return MatchResult(
        query=query,
        matches=matches,
        warnings=_redflags().evaluate(query, ds, text=query.text),
        questions=asked,
    )


def _movements_as_sentence(areas: list[str], text: str | None, ds: Dataset) -> tuple[list[str], str | None]:
    """An area that names a movement ("stiff neck, can't turn my head", "worse lying on my side") is
    read as a sentence, where the part that moves is not taken for a place that hurts: the areas
    left, and the text with them."""

    def moves(area: str) -> bool:
        if MOVEMENTS.isdisjoint(fold(area).split()):
            return False  # the common case, without loading the sentence reader
        from painmap.sentence import names_a_movement

        if names_a_movement(area, ds):
            return True
        try:
            resolve_areas([area], ds)
        except PainmapError:
            return True  # no place, but a movement: what brings it on
        return False

    moving = [area for area in areas if moves(area)]
    if not moving:
        return areas, text
    said = [*moving, text] if text is not None and text.strip() else moving
    return [area for area in areas if area not in moving], ". ".join(said)


def areas_of_cells(cells: Iterable[str]) -> tuple[str, ...]:
    """Place names with side words ("left side of hip") that cover the atlas cells given as drawn
    cell ids ("buttock.upper.outer:r", or a bare base id for the midline), ready for `match(areas=...)`.

    On each side the largest places lying wholly within the marked cells are taken first; a cell no
    such place covers brings in the smallest place holding it. So marking every cell of the hip names
    "hip", and a single cell names the finest place around it.
    """
    atlas = load_dataset().atlas
    marked: dict[str, int] = {"r": 0, "l": 0, "": 0}
    for cell in [cells] if isinstance(cells, str) else cells:
        base, _, code = cell.partition(":")
        bit = atlas.bit.get(base)
        if bit is None or code not in marked or (code == "") != bool(atlas.midline >> bit & 1):
            raise UsageError(f"unknown atlas cell {cell!r}")
        marked[code] |= 1 << bit
    by_size = sorted(atlas.places.values(), key=lambda p: -p.mask.bit_count())
    chosen: dict[str, set[str]] = {}  # place id -> the sides it was chosen on
    for code in [s for s in ("r", "l") if marked[s]] or ([""] if marked[""] else []):
        wanted = marked[code] | marked[""]
        left = wanted
        picked: list[Place] = []
        for place in by_size:
            if place.mask & wanted == place.mask and place.mask & left:
                picked.append(place)
                left &= ~place.mask
        picked += [atlas.finest_place(atlas.bases[i]) for i in iter_bits(left)]
        for place in picked:
            chosen.setdefault(place.id, set()).add(code if place.lateral else "")
    names: list[str] = []
    for place_id, codes in chosen.items():
        name = atlas.places[place_id].name.lower()
        # A place marked on both sides is named once, as `--area` reads a place without a side.
        names.append(f"{SIDE_NAMES[codes.pop()]} {name}" if len(codes) == 1 and "" not in codes else name)
    return tuple(names)


def red_flags(
    text: str | None = None,
    areas: Iterable[str] = (),
    symptoms: Iterable[str] = (),
    activities: Iterable[str] = (),
) -> tuple[RedFlagWarning, ...]:
    """The red-flag warnings for a free sentence and/or places, symptoms and activities, most
    urgent first. Places are read as words and resolved where they can be; one that names no
    known place is never an error here."""
    redflags = _redflags()
    words = red_flag_words(text, areas, symptoms, activities)
    return redflags.scan(redflags.read_findings(**words), words["ds"])


def red_flag_words(
    text: str | None = None,
    areas: Iterable[str] = (),
    symptoms: Iterable[str] = (),
    activities: Iterable[str] = (),
) -> dict[str, Any]:
    """What `red_flags` reads, as redflags.read_findings takes it: the places resolved where they can
    be."""
    ds = load_dataset()
    areas = [areas] if isinstance(areas, str) else list(areas)
    symptoms = [symptoms] if isinstance(symptoms, str) else list(symptoms)
    activities = [activities] if isinstance(activities, str) else list(activities)
    area_ids: list[str] = []
    for place in areas:
        with suppress(PainmapError):  # a place that resolves to nothing still counts as words
            area_ids += [a.id for a in resolve_areas([place], ds)]
    return {
        "places": areas,
        "area_ids": area_ids,
        "symptoms": symptoms,
        "activities": activities,
        "text": text,
        "ds": ds,
    }


def show(name: str) -> Muscle:
    """The full record of the muscle named by id, name, alias or a close misspelling."""
    return load_dataset().muscles[find_muscle(name)]


def muscles(region: str | None = None) -> tuple[Muscle, ...]:
    """Every muscle, optionally only those of one region or lying at one place, in dataset order.

    `region` is a region name ("thigh", "head-and-face") or any place a person names ("hip",
    "calf"): then the muscles with a trigger point there.
    """
    ds = load_dataset()
    all_muscles = tuple(ds.muscles.values())
    if region is None:
        return all_muscles
    regions = sorted({m.region.value for m in all_muscles})
    wanted = key(region).replace(" ", "-")
    if wanted in regions:
        return tuple(m for m in all_muscles if m.region.value == wanted)
    try:
        places = resolve_areas([region], ds)
    except PainmapError:
        raise UsageError(
            f"unknown region or place {region!r}; choose a region ({', '.join(regions)}) or a place"
            " ('painmap areas' lists them)"
        ) from None
    mask = 0
    for place in places:
        mask |= ds.places[place.id].mask
    return tuple(m for m in all_muscles if any(point & mask for point in ds.patterns[m.id].points))


def areas() -> tuple[Place, ...]:
    """The named places, in dataset order."""
    return tuple(load_dataset().places.values())


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


def search(words: str, limit: int = 8) -> dict[str, list[dict[str, str]]]:
    """Muscles, places, and the conditions and symptoms in muscles' records that `words` names.

    Each list is best first: {"id", "name", "why"} for muscles and places (the word that matched),
    {"text", "muscle"} for conditions and symptoms.
    """
    from rapidfuzz import fuzz, process

    ds = load_dataset()
    wanted = key(words)
    if not wanted:
        raise UsageError(f"nothing to search for in {words!r}: give a word such as 'tennis elbow' or 'jaw'")

    def best(choices: dict[str, tuple[str, ...]], cutoff: float) -> list[tuple[str, str]]:
        """(owner, matched text) for the choices nearest `wanted`, one per owner."""
        keyed = {(owner, text): key(text) for owner, texts in choices.items() for text in texts}
        hits = process.extract(wanted, keyed, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=cutoff)
        out: dict[str, str] = {}
        for _, _, (owner, text) in hits:
            out.setdefault(owner, text)
        return list(out.items())[:limit]

    muscles_found = best({m.id: (m.name, *m.aliases) for m in ds.muscles.values()}, 86)
    places_found = best({p.id: (p.name, *p.synonyms) for p in ds.places.values()}, 86)
    conditions = best({f"{m.id}\0{c}": (c,) for m in ds.muscles.values() for c in m.conditions}, 88)
    symptoms = best({f"{m.id}\0{t}": (t,) for m in ds.muscles.values() for t in m.symptoms}, 88)
    return {
        "muscles": [{"id": i, "name": ds.muscles[i].name, "why": t} for i, t in muscles_found],
        "places": [{"id": i, "name": ds.places[i].name, "why": t} for i, t in places_found],
        "conditions": [{"text": t, "muscle": o.split("\0")[0]} for o, t in conditions],
        "symptoms": [{"text": t, "muscle": o.split("\0")[0]} for o, t in symptoms],
    }


def _redflags() -> Any:
    # Imported when a query is read: show, list, areas and map never need the red-flag reader.
    from painmap import redflags

    return redflags
