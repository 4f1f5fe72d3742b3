"""Resolve what a person types ("left hip", "outside of my upper arm near the elbow", "sholder") to areas.

In order: the words as a whole name an area (after case, plurals, punctuation and filler words are
folded away); they do so once direction words are put in one form ("outside", "lateral" -> outer;
"under", "beneath" -> bottom ...); a phrase joined by "and", "down", "near" ... names an area in each
part; a close misspelling of a whole name; and last, the longest names found inside the phrase,
with words that qualify them ("thumb side of", "edge of") set aside.
"""

from __future__ import annotations

from collections.abc import Iterable

from painmap.dataset import Dataset
from painmap.errors import UnknownArea, UsageError
from painmap.models import ResolvedArea, Side
from painmap.text import key, words

FUZZY_CUTOFF = 84
_SIDES = {"left": Side.LEFT, "right": Side.RIGHT}
# Words that join two places in one phrase: "from the hip down the side of the thigh".
_JOINERS = frozenset(
    "and to down into from through toward towards near by with also plus or up across".split()
)
# Direction words, each put in one form on both sides of the comparison.
_DIRECTIONS = {
    **dict.fromkeys(("outer", "outside", "lateral", "outward"), "outer"),
    **dict.fromkeys(("inner", "inside", "medial", "inward"), "inner"),
    **dict.fromkeys(("front", "anterior"), "front"),
    **dict.fromkeys(("back", "rear", "posterior"), "back"),
    **dict.fromkeys(("top", "upper"), "top"),
    **dict.fromkeys(("bottom", "under", "underneath", "underside", "beneath", "below", "lower"), "bottom"),
}


def resolve_areas(texts: list[str] | tuple[str, ...], ds: Dataset) -> tuple[ResolvedArea, ...]:
    """Every area named in `texts`, in order, each area once."""
    seen: dict[str, ResolvedArea] = {}
    for text in texts:
        for area in resolve_area(text, ds):
            seen.setdefault(area.id, area)
    return tuple(seen.values())


def common_side(areas: Iterable[ResolvedArea]) -> Side | None:
    """The one side the areas were named on, or None when none or both sides were named."""
    sides = {a.side for a in areas if a.side is not None}
    return sides.pop() if len(sides) == 1 else None


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
            input=text,
            id=area_id,
            name=area.name,
            side=side if area.lateral else None,
            how=how,  # type: ignore[arg-type]
        )

    whole = _name(rest, ds)
    if whole is not None:
        return (make(whole, "exact"),)
    for attempt in (_split, _fuzzy_whole, _one_word_less, _spans):
        found = attempt(rest, ds)
        if found:
            how = "fuzzy" if attempt is _fuzzy_whole else "phrase"
            return tuple(make(a, how) for a in found)
    raise UnknownArea(text, suggest_areas(" ".join(rest), ds))


def _name(tokens: list[str], ds: Dataset) -> str | None:
    """The area these words name as a whole, as typed or with direction words in one form."""
    phrase = " ".join(tokens)
    return ds.area_index.get(phrase) or _canonical_index(ds).get(_canonical(tokens))


def _canonical(tokens: list[str]) -> str:
    return " ".join(_DIRECTIONS.get(t, t) for t in tokens)


def _canonical_index(ds: Dataset) -> dict[str, str]:
    """Area keys with direction words in one form; a form two areas share is left out."""
    found = ds.memo.get("canonical_area_index")
    if found is None:
        index: dict[str, str | None] = {}
        for phrase, area_id in ds.area_index.items():
            canonical = _canonical(phrase.split())
            index[canonical] = area_id if index.get(canonical, area_id) == area_id else None
        found = {k: v for k, v in index.items() if v is not None}
        ds.memo["canonical_area_index"] = found
    return found  # type: ignore[return-value]


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
        area_id = _name(part, ds) or _fuzzy(" ".join(part), ds)
        if area_id is None:
            spans = _spans(part, ds)
            if not spans:
                return []
            found += [a for a in spans if a not in found]
        elif area_id not in found:
            found.append(area_id)
    return found


def _one_word_less(tokens: list[str], ds: Dataset) -> list[str]:
    """An area named once one extra word is left out ("bottom front teeth", "lower right side belly")."""
    if not 3 <= len(tokens) <= _longest_name(ds) + 1:
        return []
    for i in range(len(tokens)):
        area_id = _name(tokens[:i] + tokens[i + 1 :], ds)
        if area_id is not None:
            return [area_id]
    return []


def _spans(tokens: list[str], ds: Dataset) -> list[str]:
    """The longest area names inside the phrase, left to right, without overlaps.

    A name that only qualifies a later one is set aside: a lone direction word ("back of the
    fingers") or a place followed by "side" ("thumb side of the forearm"). Other words left over
    are filler; a phrase that names no place at all still resolves to nothing.
    """
    spans: list[tuple[int, int, str]] = []
    longest = _longest_name(ds)
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + longest), i, -1):
            area_id = _name(tokens[i:j], ds)
            if area_id is not None:
                spans.append((i, j, area_id))
                i = j
                break
        else:
            i += 1
    found: list[str] = []
    for n, (i, j, area_id) in enumerate(spans):
        qualifier = (j - i == 1 and tokens[i] in _DIRECTIONS) or (j < len(tokens) and tokens[j] == "side")
        if qualifier and n + 1 < len(spans):
            continue
        if area_id not in found:
            found.append(area_id)
    return found


def _longest_name(ds: Dataset) -> int:
    """How many words the longest area name has: no window of a phrase needs to be longer."""
    found = ds.memo.get("longest_area_name")
    if found is None:
        found = ds.memo["longest_area_name"] = max(len(k.split()) for k in ds.area_index)
    return found  # type: ignore[return-value]


def _fuzzy_whole(tokens: list[str], ds: Dataset) -> list[str]:
    found = _fuzzy(" ".join(tokens), ds)
    return [found] if found else []


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
