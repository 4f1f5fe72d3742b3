"""Resolve what a person types ("left hip", "outer thigh", "sholder") to area ids."""

from __future__ import annotations

from painmap.dataset import Dataset
from painmap.errors import UnknownArea, UsageError
from painmap.models import ResolvedArea, Side
from painmap.text import key, words

FUZZY_CUTOFF = 84
_SIDES = {"left": Side.LEFT, "right": Side.RIGHT}
# Words that join two places in one phrase: "from the hip down the side of the thigh".
_JOINERS = frozenset(
    [
        "and",
        "to",
        "down",
        "into",
        "from",
        "through",
        "toward",
        "towards",
        "near",
        "by",
        "with",
        "also",
        "plus",
        "or",
        "up",
    ]
)


def resolve_areas(texts: list[str] | tuple[str, ...], ds: Dataset) -> tuple[ResolvedArea, ...]:
    """Every area named in `texts`, in order, each area once."""
    seen: dict[str, ResolvedArea] = {}
    for text in texts:
        for area in resolve_area(text, ds):
            seen.setdefault(area.id, area)
    return tuple(seen.values())


def resolve_area(text: str, ds: Dataset) -> tuple[ResolvedArea, ...]:
    """The area (or, for a phrase spanning places, the areas) that `text` names."""
    if not key(text):
        raise UsageError(f"empty area {text!r}: name a place such as 'hip' or 'lower back'")
    all_words = words(text)
    side = next((_SIDES[w] for w in all_words if w in _SIDES), None)
    rest = [w for w in all_words if w not in _SIDES]
    if not rest:
        raise UsageError(f"area {text!r} names only a side: say where, e.g. '{text.strip()} hip'")

    def make(area_id: str, how: str) -> ResolvedArea:
        area = ds.areas[area_id]
        return ResolvedArea(
            input=text, id=area_id, name=area.name, side=side if area.lateral else None, how=how
        )  # type: ignore[arg-type]

    whole = " ".join(rest)
    if whole in ds.area_index:
        return (make(ds.area_index[whole], "exact"),)
    spans = _split(rest, ds)
    if spans:
        return tuple(make(a, "phrase") for a in spans)
    fuzzy = _fuzzy(whole, ds)
    if fuzzy is not None:
        return (make(fuzzy, "fuzzy"),)
    raise UnknownArea(text, suggest_areas(whole, ds))


def _split(tokens: list[str], ds: Dataset) -> list[str]:
    """Areas named by the parts of a phrase between joining words, if every part names one."""
    parts: list[list[str]] = [[]]
    for token in tokens:
        if token in _JOINERS:
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(token)
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return []
    found: list[str] = []
    for part in parts:
        area_id = ds.area_index.get(" ".join(part)) or _fuzzy(" ".join(part), ds)
        if area_id is None:
            return []
        if area_id not in found:
            found.append(area_id)
    return found


def _fuzzy(phrase: str, ds: Dataset) -> str | None:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import DamerauLevenshtein

    # Indel ratio forgives a dropped or doubled letter; Damerau-Levenshtein a swapped pair ("thihg").
    hit = process.extractOne(phrase, ds.area_index.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    hit = hit or process.extractOne(
        phrase, ds.area_index.keys(), scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=0.79
    )
    return ds.area_index[hit[0]] if hit else None


def suggest_areas(phrase: str, ds: Dataset, limit: int = 3) -> tuple[str, ...]:
    """Names of the areas closest to `phrase`, best first."""
    from rapidfuzz import fuzz, process

    names: list[str] = []
    for word, _score, _ in process.extract(
        phrase, ds.area_index.keys(), scorer=fuzz.WRatio, limit=12, score_cutoff=60
    ):
        name = ds.areas[ds.area_index[word]].name.lower()
        if name not in names:
            names.append(name)
    return tuple(names[:limit])
