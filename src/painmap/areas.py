"""Resolve what a person types ("left hip", "outside of my upper arm near the elbow", "sholder") to places.

In order: the words as a whole name an area (after case, plurals, punctuation and filler words are
folded away); they do so once direction words are put in one form ("outside", "lateral" -> outer;
"under", "beneath" -> bottom ...); a phrase joined by "and", "down", "near" ... names an area in each
part; a close misspelling of a whole name; and last, the longest names found inside the phrase,
with words that qualify them ("thumb side of", "edge of") set aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from painmap.atlas import iter_bits
from painmap.dataset import Dataset
from painmap.errors import UnknownArea, UsageError
from painmap.models import ResolvedArea, Side
from painmap.text import key, words

FUZZY_CUTOFF = 84
SUGGEST_CUTOFF = 78  # WRatio below which a place name is too far from the words to suggest
# (misspellings such as "sholdr", "ankel", "lowwer bak" score 80 to 94; unrelated words 60 to 77)
_SIDES = {"left": Side.LEFT, "right": Side.RIGHT}
_BOTH = frozenset({"both", "either", "each"})
# Words that join two places in one phrase: "from the hip down the side of the thigh".
_JOINERS = frozenset(
    "and to down into from through toward towards near by with also plus or up across".split()
)
# Direction words, each put in one form on both sides of the comparison.
_DIRECTIONS = {
    **dict.fromkeys(("outer", "outside", "lateral", "outward"), "outer"),
    **dict.fromkeys(("inner", "inside", "medial", "inward"), "inner"),
    **dict.fromkeys(("front", "anterior"), "front"),
    **dict.fromkeys(("back", "rear", "posterior", "behind"), "back"),
    **dict.fromkeys(("top", "upper"), "top"),
    **dict.fromkeys(
        ("bottom", "under", "underneath", "underside", "beneath", "below", "lower", "sole"), "bottom"
    ),
}
# A list's commas and a range's "to" join places too ("little, ring and middle fingers", "mid to low
# back"), though "to" is filler elsewhere.
_LISTED = re.compile(r"[,;/&]|\+")
_TO = re.compile(r"\bto\b", re.IGNORECASE)
# Which way "the thumb side of" or "the big toe side of" a place lies (the body standing, palms forward).
_SIDE_OF_DIGIT = {
    "thumb": "outer",
    "little finger": "inner",
    "pinky": "inner",
    "big toe": "inner",
    "little toe": "outer",
}
# Words that say how high, which a part joined by "and" may share too: "upper and lower back".
_LEVELS = frozenset({"mid", "middle", "low", "high"})


def resolve_areas(texts: list[str] | tuple[str, ...], ds: Dataset) -> tuple[ResolvedArea, ...]:
    """Every area named in `texts`, in order, each area once."""
    seen: dict[tuple[str, Side | None], ResolvedArea] = {}
    for text in texts:
        for area in resolve_area(text, ds):
            seen.setdefault((area.id, area.side), area)
    return tuple(seen.values())


def common_side(areas: Iterable[ResolvedArea]) -> Side | None:
    """The one side the areas were named on, or None when none or both sides were named."""
    sides = {a.side for a in areas if a.side is not None}
    return sides.pop() if len(sides) == 1 else None


def resolve_area(text: str, ds: Dataset) -> tuple[ResolvedArea, ...]:
    """The place (or, for a phrase spanning places, the places) that `text` names, with sides.

    Side words apply to the place they stand with ("left hip and right knee"); a part naming only
    a side lends it to the next place ("left and right hip": both hips); "both" names both sides;
    a place with no side word of its own takes the side named before it ("left hip down to the knee").
    """
    if not key(text):
        raise UsageError(f"empty area {text!r}: name a place such as 'hip' or 'lower back'")
    all_words = side_letters(words(text), ds)
    rest = [w for w in all_words if w not in _SIDES and w not in _BOTH]
    if not rest:
        raise UsageError(f"area {text!r} names only a side: say where, e.g. '{text.strip()} hip'")

    def make(area_id: str, how: str, sides: set[Side]) -> list[ResolvedArea]:
        place = ds.places[area_id]
        chosen: list[Side | None] = sorted(sides) if place.lateral and sides else [None]  # type: ignore[assignment]
        return [
            ResolvedArea(input=text, id=area_id, name=place.name, side=side, how=how)  # type: ignore[arg-type]
            for side in chosen
        ]

    def sides_of(tokens: list[str]) -> set[Side]:
        found = {_SIDES[w] for w in tokens if w in _SIDES}
        return {Side.LEFT, Side.RIGHT} if any(w in _BOTH for w in tokens) else found

    whole = _name(rest, ds)
    if whole is not None:
        return tuple(make(whole, "exact", sides_of(all_words)))
    # "the first two fingers", "the outer edge of the heel": the digits counted, the outer heel
    counted = counted_digits(rest)
    trimmed = _without_part_words(rest)
    found = counted or (trimmed != rest and (_whole_or_qualified(trimmed, ds)))
    if found:
        return tuple(r for a in found for r in make(a, "phrase", sides_of(all_words)))
    parts = _shared_heads(
        _parts(side_letters(words(_LISTED.sub(" and ", _TO.sub(" toward ", text))), ds)), ds
    )
    if len(parts) > 1:
        out: list[ResolvedArea] = []
        pending: set[Side] = set()
        last: set[Side] = set()
        for part in parts:
            own = sides_of(part)
            names = [w for w in part if w not in _SIDES and w not in _BOTH]
            if not names:
                pending |= own
                continue
            found = _part_places(names, ds)
            if not found:
                out = []
                break
            sides = own | pending or last
            pending, last = set(), sides
            for area_id in found:
                out += make(area_id, "phrase", sides)
        if out:
            return tuple(out)
    # A near-exact misspelling first; then a name with one unknown word left out, the names inside
    # the phrase, and last a looser misspelling.
    core = rest
    while len(core) > 1 and core[0] in _JOINERS:  # "down the outside of the leg"
        core = core[1:]
    for attempt in (_close_whole, _kept_directions, _qualified, _one_word_less, _spans, _fuzzy_whole):
        found = attempt(core, ds)
        if found:
            how = "fuzzy" if attempt in (_close_whole, _fuzzy_whole) else "phrase"
            return tuple(r for a in found for r in make(a, how, sides_of(all_words)))
    raise UnknownArea(text, suggest_areas(" ".join(rest), ds))


# Words for a part of a place that say no more than the direction before them: "the outer edge of".
_PART_WORDS = frozenset("edge edges part parts border borders aspect portion surface margin".split())
# The fingers (the thumb apart) and the toes, in order from the thumb or big-toe side.
_DIGITS = {
    "finger": ("index-finger", "middle-finger", "ring-finger", "little-finger"),
    "toe": ("big-toe", "second-toe", "third-toe", "fourth-toe", "pinky-toe"),
}
_COUNTS = {"two": 2, "2": 2, "couple": 2, "three": 3, "3": 3, "few": 3, "four": 4, "4": 4}
_FROM_START = frozenset({"first", "inner", "inside", "medial"})
_FROM_END = frozenset({"last", "outer", "outside", "lateral", "smallest", "small"})


def counted_digits(tokens: list[str]) -> list[str] | None:
    """The digits a count names ("first two fingers": index and middle; "last two toes": the
    fourth and little toes; "middle three toes"), or None when the words are not such a count
    (words as `words` gives them: "finger", "toe")."""
    if len(tokens) != 3 or tokens[2] not in _DIGITS or tokens[1] not in _COUNTS:
        return None
    digits, count = _DIGITS[tokens[2]], _COUNTS[tokens[1]]
    if count >= len(digits):
        return None
    if tokens[0] in _FROM_START:
        return list(digits[:count])
    if tokens[0] in _FROM_END:
        return list(digits[-count:])
    if tokens[0] == "middle" and len(digits) - count >= 2:
        start = (len(digits) - count) // 2
        return list(digits[start : start + count])
    return None


def _without_part_words(tokens: list[str]) -> list[str]:
    """A part word right after a direction word left out: "outer edge heel" -> "outer heel"."""
    return [t for i, t in enumerate(tokens) if not (t in _PART_WORDS and i and tokens[i - 1] in _DIRECTIONS)]


def _whole_or_qualified(tokens: list[str], ds: Dataset) -> list[str]:
    area_id = _name(tokens, ds)
    return [area_id] if area_id is not None else _qualified(tokens, ds)


def side_letters(tokens: list[str], ds: Dataset) -> list[str]:
    """A lone R or L before a place word or "side" is a side: "R knee", "L side"."""
    out = list(tokens)
    for n, token in enumerate(tokens):
        if (
            token in ("r", "l")
            and n + 1 < len(tokens)
            # the place words (every word of thousands of names) gathered only when asked about
            and (tokens[n + 1] == "side" or tokens[n + 1] in place_words(ds))
        ):
            out[n] = "right" if token == "r" else "left"
    return out


def _parts(tokens: list[str]) -> list[list[str]]:
    """The phrase cut at its joining words."""
    parts: list[list[str]] = [[]]
    for token in tokens:
        if token in _JOINERS:
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if p]


def _shared_heads(parts: list[list[str]], ds: Dataset) -> list[list[str]]:
    """Parts that are only direction or level words borrow the place of the part after them: "the
    outside and back of the leg" names the outside of the leg and the back of the leg; "mid to low
    back" the mid back and the low back; "middle and ring finger" the middle finger."""
    out = [list(p) for p in parts]
    for i in range(len(out) - 2, -1, -1):
        names = [w for w in out[i] if w not in _SIDES and w not in _BOTH]
        following = out[i + 1]
        qualifying = all(w in _DIRECTIONS or w in _LEVELS or w == "side" for w in names)
        if names and not qualifying and _name(names, ds) is None and _name(names + following[-1:], ds):
            out[i] = out[i] + following[-1:]  # "little and ring fingers": the little finger
            continue
        if names and qualifying:
            qualifiers = {*_DIRECTIONS, *_LEVELS, "side", *_SIDES}
            start = next((k for k, w in enumerate(following) if w not in qualifiers), len(following))
            front_or_back = any(_DIRECTIONS.get(w) in ("front", "back") for w in names)
            if (
                start == len(following)
                and following
                and _name(following[-1:], ds) is not None
                and not front_or_back
            ):
                start -= 1  # "upper and lower back": "back" is the place here (not in "front and back")
            if start < len(following):
                # "the front and outside of the right shoulder": the side goes with the place
                sides = [w for w in following[:start] if w in _SIDES or w in _BOTH]
                head = following[start:]
                if _name(names + head, ds) is None and _name(names + head[-1:], ds) is not None:
                    head = head[-1:]  # "middle and ring finger": the finger, not the ring finger
                out[i] = sides + out[i] + head
    # Direction words listed last qualify the place before them: "the thigh, front and back" is the
    # front and the back of the thigh (a lone place word stays a place: "neck and back").
    last = len(out)
    while (
        last > 0
        and all(w in _DIRECTIONS or w in _SIDES or w in _BOTH for w in out[last - 1])
        and (len(out[last - 1]) == 1 or _name(out[last - 1], ds) is None)  # "and upper back": a place
    ):
        last -= 1
    trailing = [w for part in out[last:] for w in part if w in _DIRECTIONS]
    if 0 < last < len(out) and any(_name([w], ds) is None for w in trailing):
        head = [w for w in out[last - 1] if w not in _SIDES and w not in _BOTH]
        sides = [w for w in out[last - 1] if w in _SIDES or w in _BOTH]
        # the place itself gives way to the parts of it named ("the thigh, front and back")
        out[last - 1 :] = [sides + part + head for part in out[last:]]
    return out


def _part_places(part: list[str], ds: Dataset) -> list[str]:
    area_id = _name(part, ds) or _fuzzy(" ".join(part), ds)
    if area_id is not None:
        return [area_id]
    return _kept_directions(part, ds) or _qualified(part, ds) or _one_word_less(part, ds) or _spans(part, ds)


def _qualified(tokens: list[str], ds: Dataset) -> list[str]:
    """A place named with direction words that no place's name holds ("outside of the upper
    thigh", "front of the ankle on the inner side"): the part of that place on that side, as the
    named places that make it up."""
    rest = list(tokens)
    directions = []
    if len(rest) >= 3 and rest[-1] == "side" and rest[-2] in _DIRECTIONS:
        directions.append(_DIRECTIONS[rest[-2]])
        rest = rest[:-2]
    elif len(rest) >= 2 and rest[-1] in _DIRECTIONS and _name(rest[:-1], ds) is not None:
        directions.append(_DIRECTIONS[rest[-1]])  # "lower ribs at the back", "knee on the inside"
        rest = rest[:-1]
    for digit, direction in _SIDE_OF_DIGIT.items():
        n = len(digit.split())
        if len(rest) > n + 1 and " ".join(rest[: n + 1]) == f"{digit} side":
            directions.append(direction)  # "the thumb side of the elbow": its outer side
            rest = rest[n + 1 :]
            break
    if not directions and len(rest) >= 2 and rest[0] == "side" and _name(rest, ds) is None:
        directions.append("outer")  # "the side of my leg", where no place of that name exists
        rest = rest[1:]
    lead = 0
    while lead < len(rest) and rest[lead] in _DIRECTIONS:
        lead += 1
    # "upper back" is a place, not a direction; "front of the shoulder joint" names its place; a
    # lone word is a direction though it names a place too ("back of the shin")
    if lead and not any(_name(rest[:k], ds) for k in range(max(lead, 2), len(rest))):
        directions += [_DIRECTIONS[w] for w in rest[:lead]]
        rest = rest[lead:]
    if not directions or not rest:
        return []
    base = _name(rest, ds) or next(iter(_one_word_less(rest, ds)), None)
    return [] if base is None else narrowed(base, directions, ds)


def narrowed(place_id: str, directions: list[str], ds: Dataset) -> list[str]:
    """The part of a place on the side the direction words say, as the named places that make it
    up; the place itself when they cut nothing off; nothing when they leave nothing."""
    whole = ds.places[place_id].mask
    mask = whole
    for direction in directions:
        mask &= _direction_cells(_DIRECTIONS.get(direction, direction), ds)
    if not mask:
        return _other_face(place_id, directions, ds)
    return [place_id] if mask == whole else ds.atlas.cover(mask)


#: the faces of the body, each the name of its whole-body drawing (atlas.json's views)
_FACES = frozenset({"front", "back"})


def _other_face(place_id: str, directions: list[str], ds: Dataset) -> list[str]:
    """The back of a place drawn wholly on the front of the body, or its front when drawn wholly on
    the back ("the back of the shin", "the front of the calf"): that face of the place just holding
    it (the lower leg: the calf, the shin), as the largest place lying within it. Nothing for any
    other direction, or when the place holding it has no such face."""
    wanted = {_DIRECTIONS.get(d, d) for d in directions}
    if len(wanted) != 1 or not wanted <= _FACES:
        return []
    atlas = ds.atlas
    view = wanted.pop()
    own = {atlas.base_view[atlas.bases[i]] for i in iter_bits(ds.places[place_id].mask)}
    up = atlas.parent(place_id)
    if len(own) != 1 or own == {view} or not own <= _FACES or up is None:
        return []
    face = sum(1 << i for i in iter_bits(ds.places[up].mask) if atlas.base_view[atlas.bases[i]] == view)
    inside = [p for p in ds.places.values() if p.mask and not p.mask & ~face]
    if not inside:
        return []
    return [max(inside, key=lambda p: p.mask.bit_count()).id]


def _direction_cells(direction: str, ds: Dataset) -> int:
    """The cells of every place whose name holds a direction word ("outer": the outer thigh,
    the outer knee, the outer ankle ...)."""
    memo = ds.memo.get(("direction_cells", direction))
    if memo is None:
        memo = 0
        for place in ds.places.values():
            if direction in _canonical(place.id.split("-")).split():
                memo |= place.mask
        ds.memo[("direction_cells", direction)] = memo
    return memo  # type: ignore[return-value]


def _name(tokens: list[str], ds: Dataset) -> str | None:
    """The area these words name as a whole, as typed or with direction words in one form."""
    phrase = " ".join(tokens)
    return ds.place_index.get(phrase) or _canonical_index(ds).get(_canonical(tokens))


def _canonical(tokens: list[str]) -> str:
    """Direction words in one form, and a run of them that opens the name in one order ("front
    bottom teeth" and "bottom front teeth" alike)."""
    forms = [_DIRECTIONS.get(t, t) for t in tokens]
    lead = 0
    while lead < len(tokens) and tokens[lead] in _DIRECTIONS:
        lead += 1
    return " ".join(sorted(forms[:lead]) + forms[lead:])


def _canonical_index(ds: Dataset) -> dict[str, str]:
    """Area keys with direction words in one form; a form two areas share is left out."""
    found = ds.memo.get("canonical_place_index")
    if found is None:
        index: dict[str, str | None] = {}
        forms = set(_DIRECTIONS.values())
        for phrase, area_id in ds.place_index.items():
            canonical = _canonical(phrase.split())
            if all(w in forms for w in canonical.split()):
                continue  # "lower back", "front of the sole": only as written ("below the back of my knee")
            index[canonical] = area_id if index.get(canonical, area_id) == area_id else None
        found = {k: v for k, v in index.items() if v is not None}
        ds.memo["canonical_place_index"] = found
    return found  # type: ignore[return-value]


def _kept_directions(tokens: list[str], ds: Dataset) -> list[str]:
    """`_one_word_less` leaving every direction word in ("front of the shoulder joint")."""
    return _one_word_less(tokens, ds, keep_directions=True)


def _one_word_less(tokens: list[str], ds: Dataset, keep_directions: bool = False) -> list[str]:
    """A place named once one extra word is left out ("sore front teeth"). A word that names a place
    itself may go only when what is left lies within it ("ball of the foot under the big toe"), so
    "thumb side of the hand" never loses its "thumb"."""
    if not 3 <= len(tokens) <= _longest_name(ds) + 1:
        return []
    known = place_words(ds)
    for i in range(len(tokens)):
        if keep_directions and tokens[i] in _DIRECTIONS:
            continue
        area_id = _name(tokens[:i] + tokens[i + 1 :], ds)
        if area_id is None:
            continue
        word = tokens[i]
        if word in known or _DIRECTIONS.get(word) in known:
            container = _name([word], ds)
            if container is None or not ds.atlas.within(area_id, container):
                continue
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
        found = ds.memo["longest_area_name"] = max(len(k.split()) for k in ds.place_index)
    return found  # type: ignore[return-value]


def place_words(ds: Dataset) -> frozenset[str]:
    """Every word of every place name, and the direction words in all their forms."""
    found = ds.memo.get("place_words")
    if found is None:
        words = {w for k in ds.place_index for w in k.split()} | set(_DIRECTIONS)
        found = ds.memo["place_words"] = frozenset(words)
    return found  # type: ignore[return-value]


def _close_whole(tokens: list[str], ds: Dataset) -> list[str]:
    """The whole phrase misspelt by a letter or two ("outter thigh", "sholder")."""
    from rapidfuzz import fuzz, process

    hit = process.extractOne(" ".join(tokens), ds.place_index.keys(), scorer=fuzz.ratio, score_cutoff=91)
    return [ds.place_index[hit[0]]] if hit else []


def _fuzzy_whole(tokens: list[str], ds: Dataset) -> list[str]:
    found = _fuzzy(" ".join(tokens), ds)
    return [found] if found else []


def _fuzzy(phrase: str, ds: Dataset) -> str | None:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import DamerauLevenshtein

    # Indel ratio forgives a dropped or doubled letter; Damerau-Levenshtein a swapped pair ("thihg").
    hit = process.extractOne(phrase, ds.place_index.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    hit = hit or process.extractOne(
        phrase, ds.place_index.keys(), scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=0.79
    )
    return ds.place_index[hit[0]] if hit else None


def suggest_areas(phrase: str, ds: Dataset, limit: int = 3) -> tuple[str, ...]:
    """Names of the areas closest to `phrase`, best first: only those close enough to be what was
    meant (a misspelling, a word left out); none rather than a guess ("urethra" is not "trap")."""
    from rapidfuzz import fuzz, process

    names: list[str] = []
    for word, _score, _ in process.extract(
        phrase, ds.place_index.keys(), scorer=fuzz.WRatio, limit=12, score_cutoff=SUGGEST_CUTOFF
    ):
        name = ds.places[ds.place_index[word]].name.lower()
        if name not in names:
            names.append(name)
    return tuple(names[:limit])
