"""Read a sentence ("my hip and buttock hurt when I lie on that side") as places, symptoms and activities.

Places are the longest place names found in the words, with the side words next to them. Words
after "when", "after", "while" ... up to the next place or stop describe an activity; other words
describe the pain. A place named right after a movement ("can't turn my head") is what moves, not
where it hurts. Words that mean nothing to painmap (no place, nothing in any muscle's record, not a
common word) are handed back as not understood, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import replace

from painmap.areas import _name, side_letters  # the one place-name lookup, shared with --area
from painmap.dataset import Dataset
from painmap.frozen import frozen
from painmap.models import ResolvedArea, Side
from painmap.text import FILLER, MOVEMENTS, as_said, fold, key, not_a_side, singular

_SIDES = {"left": Side.LEFT, "right": Side.RIGHT}
_BOTH = frozenset({"both"})
#: words that open an activity: what brings the pain on or makes it worse
_ACTIVITY_CUES = frozenset(
    "when whenever while after during if from doing since especially worse better".split()
)
#: prepositions between a movement and what it moves ("look over my shoulder", "reach behind my back")
_POSITIONAL = frozenset("over behind above across around".split())
#: ... and ones that say where the pain goes instead ("the pain is moving to my left ear")
_TOWARDS = frozenset("to into towards toward down".split())
#: little words that may stand between a movement and its object ("lean on my elbow"), but not
#: words of pain: "a pulling ache at the base of my skull" says where it hurts
_BETWEEN = frozenset("a an the my his her their our your its it of in on at that this".split())
#: what a place is said to be when it does not hurt ("my pinky is fine")
_FINE = frozenset("fine ok okay alright good normal unaffected perfect".split())
#: common words that carry no meaning of their own here, beyond the shared filler
_COMMON = frozenset(
    """and or but so then that this there these those which who what with without for from into onto
    along beside up down out off over under by near around about across through all also too again still even
    much more most less least lot lots little quite rather somewhat slightly lately recently now
    today yesterday week weeks month months year years day days time times ever never always often
    sometimes usually since for ago been be being was were am are has have had do does did dont
    doesnt didnt cant cannot can could would should will wont may might must go goes going went
    come comes came start started starts keep keeps kept make makes made seem seems seemed like
    thing things something anything one way bit lot quite also well bad badly worse worst
    when whenever while after during if especially better i im ive id my me mine myself he she they
    them it its we us our you your his her their sort kind really very just some any no not
    above below behind beneath underneath theres heres last next ago
    """.split()
)
_STOPS = re.compile(r"[.;!?,]")


@frozen
class Reading:
    areas: tuple[ResolvedArea, ...]
    symptoms: tuple[str, ...]
    activities: tuple[str, ...]
    ignored: tuple[str, ...]


def read_sentence(text: str, ds: Dataset) -> Reading:
    """What a sentence says about where it hurts, what it feels like and what brings it on."""
    vocabulary = _vocabulary(ds)
    understood = _understood(ds)
    areas: list[ResolvedArea] = []
    symptoms: list[str] = []
    activities: list[str] = []
    ignored: list[str] = []
    bare_sides: set[Side] = set()  # sides said in a clause that names no place ("always on the right")
    for clause in _STOPS.split(text):
        tokens = _clause_words(clause, ds)
        spans = _place_spans(tokens, ds)
        if all(_after_movement(tokens, i) or _not_hurting(tokens, i, spans[i][0]) for i in spans):
            # no place that hurts: "left side of it is stiff, I can't turn my head"
            bare_sides |= _bare_sides(tokens)
        conditions = _condition_spans(tokens, ds)
        inside = {i for i in spans if any(a <= i < b for a, b in conditions.items())}
        if any(
            i not in inside and not _after_movement(tokens, i) and not _not_hurting(tokens, i, spans[i][0])
            for i in spans
        ):
            # "shin splint pain along the inside of my shin": the condition's own place word is
            # its name, not a place; with no other place named ("I have tennis elbow") it is both
            spans = {i: v for i, v in spans.items() if i not in inside}
        runs: list[tuple[str, list[str]]] = []  # ("symptom" | "activity", words)
        kind = "symptom"
        last_side: set[Side] = set()
        said_until = 0  # where the last condition's name ends
        i = 0
        while i < len(tokens):
            if i < said_until and i not in spans:
                i += 1  # the rest of a condition's name, said already
                continue
            if i in conditions and i >= said_until:  # a name met for the first time
                said_until = conditions[i]
                runs.append(("condition", tokens[i : conditions[i]]))
                # on to the place the name holds, when it stands for one, else past the name
                i = min((k for k in spans if i <= k < conditions[i]), default=conditions[i])
                continue
            span = spans.get(i)
            if span is not None:
                end, place_ids, sides = span
                if _after_movement(tokens, i) or _not_hurting(tokens, i, end):
                    runs.append((kind, tokens[i:end]))
                else:
                    chosen = sides or last_side
                    last_side = chosen
                    named = [(p, " ".join(tokens[i:end])) for p in place_ids]
                    shared, first = _shared_noun(tokens, i, end, ds)
                    # "the front and side of my shoulder": "front and" named a place, no symptom
                    gone = tokens[first:i]
                    for word in reversed(gone):
                        if runs and runs[-1][1] == [word]:
                            runs.pop()
                        elif word not in _SIDES and word not in _BOTH:
                            break
                    for place_id, said in (*shared, *named):
                        place = ds.places[place_id]
                        for side in sorted(chosen) if place.lateral and chosen else [None]:
                            areas.append(
                                ResolvedArea(
                                    input=said,
                                    id=place_id,
                                    name=place.name,
                                    side=side,  # type: ignore[arg-type]
                                    how="sentence",
                                )
                            )
                    kind = "symptom" if kind == "activity" and not _is_cue(tokens, end) else kind
                i = end
                continue
            word = tokens[i]
            if word in _ACTIVITY_CUES or _is_doing(word, ds):
                kind = "activity"
            if word in _SIDES or word in _BOTH:
                i += 1
                continue
            runs.append((kind, [word]))
            i += 1
        for kind, group in _pieces(_merge(runs)):
            meaningful = [
                w for w in group if singular(w) not in FILLER and w not in _COMMON and not _a_number(w)
            ]
            known = [w for w in meaningful if _stem(w) in vocabulary]
            ignored += [w for w in meaningful if _stem(w) not in understood]
            if known:
                # the words as said, from the first that means something to the last ("stand up
                # after sitting", not "stand sitting"); matching drops the little words again
                first = next(n for n, w in enumerate(group) if w in meaningful)
                last = max(n for n, w in enumerate(group) if w in meaningful)
                (activities if kind == "activity" else symptoms).append(" ".join(group[first : last + 1]))
    if len(bare_sides) == 1 and all(a.side is None for a in areas):
        # "some days my back teeth ache, always on the right": the side of the places named
        (side,) = bare_sides
        areas = [replace(a, side=side) if ds.places[a.id].lateral else a for a in areas]
    seen: dict[tuple[str, Side | None], ResolvedArea] = {}
    for area in areas:
        seen.setdefault((area.id, area.side), area)
    # "the front of my knee ... my knee feels weak": the second mention adds no new place.
    # ("the collarbone and into my upper chest" names both: only a place named again in the words
    # of a finer one goes.)
    kept = {
        k: a
        for k, a in seen.items()
        if not any(
            o.id != a.id
            and o.side in (a.side, None)
            and ds.atlas.within(o.id, a.id)
            and set(key(a.input).split()) <= set(key(o.input).split())
            for o in seen.values()
        )
    }
    seen = kept
    return Reading(
        tuple(seen.values()),
        tuple(dict.fromkeys(symptoms)),
        tuple(dict.fromkeys(activities)),
        tuple(w for w in dict.fromkeys(ignored) if w not in _flag_words(ds)),
    )


def _clause_words(clause: str, ds: Dataset) -> list[str]:
    """A clause's words as read: folded, words typed short as the full words ("walkin", "n" for
    "and"), a lone R or L before a place as a side."""
    return side_letters([as_said(w) for w in not_a_side(fold(clause)).split()], ds)


def names_a_movement(text: str, ds: Dataset) -> bool:
    """Whether `text` names a place only as what a movement moves ("can't turn my head"): such a
    place is not where it hurts, so an --area holding it is read as a sentence."""
    for clause in _STOPS.split(text):
        tokens = _clause_words(clause, ds)
        if any(_after_movement(tokens, i) for i in _place_spans(tokens, ds)):
            return True
    return False


def _flag_words(ds: Dataset) -> frozenset[str]:
    """The words the red-flag check reads ("diabetes", "osteoporosis", "dad"): understood, though no
    muscle's record uses them. Built only when a sentence has words no record knows."""
    found = ds.memo.get("sentence_flag_words")
    if found is None:
        words = {w for f in ds.redflag_file.features for p in f.phrases for w in p.split()}
        scope = ds.redflag_file.scope
        words |= {w for p in (*scope.other_person, *scope.family, *scope.other_verbs) for w in p.split()}
        found = ds.memo["sentence_flag_words"] = frozenset(words)
    return found  # type: ignore[return-value]


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty"
    " hundred couple several".split()
)


def _a_number(word: str) -> bool:
    """A count or an amount ("two years ago", "for 3 weeks"): when, not what it feels like."""
    return word.isdigit() or word in _NUMBER_WORDS


def _is_cue(tokens: list[str], index: int) -> bool:
    return index < len(tokens) and tokens[index] in _ACTIVITY_CUES


def _merge(runs: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for kind, words in runs:
        if out and out[-1][0] == kind:
            out[-1][1].extend(words)
        else:
            out.append((kind, list(words)))
    return out


#: words that start a new thought inside a run: "heartburn that antacids don't help" says two things
_BREAKS = frozenset("that which but and because though although so or".split())
#: ... but "that" after these points at a thing: "when I lie on that side"
_BEFORE_A_NOUN = frozenset("on in at to with from into onto of for by under over about".split())


#: ... and "and" inside a fixed pair is no break: "pins and needles"
_BOUND_PAIRS = (["pins", "and", "needles"], ["on", "and", "off"], ["off", "and", "on"])


def _pieces(runs: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Each run cut where a new thought starts, so each piece is matched on its own."""
    out: list[tuple[str, list[str]]] = []
    for kind, words in runs:
        piece: list[str] = []
        for n, word in enumerate(words):
            if word in _BREAKS and not (
                (word == "that" and n and words[n - 1] in _BEFORE_A_NOUN)
                or words[max(0, n - 1) : n + 2] in _BOUND_PAIRS
            ):
                if piece:
                    out.append((kind, piece))
                piece = []
            else:
                piece.append(word)
        if piece:
            out.append((kind, piece))
    return out


def _bare_sides(tokens: list[str]) -> set[Side]:
    """Sides said on their own ("only on the left", "the right one", "left side"), not where a
    movement goes ("when I look to the left", "turning right")."""
    out: set[Side] = set()
    for n, word in enumerate(tokens):
        if word not in _SIDES:
            continue
        before = tokens[max(0, n - 3) : n]
        if any(w in MOVEMENTS or w in _TOWARDS_A_SIDE for w in before):
            continue
        out.add(_SIDES[word])
    return out


#: besides the movements, words that send one towards a side: "looked to the left", "veering right"
_TOWARDS_A_SIDE = frozenset("to towards toward looked veer veering turned".split())


def _condition_spans(tokens: list[str], ds: Dataset) -> dict[int, int]:
    """Start -> end of the names of conditions in the muscles' records that hold a place word
    ("tennis elbow", "shin splints", "frozen shoulder"), longest first, left to right."""
    names = _condition_names(ds)
    if not names:
        return {}
    longest = max(len(n) for n in names)
    plain = [singular(t) for t in tokens]
    out: dict[int, int] = {}
    i = 0
    while i < len(plain):
        for j in range(min(len(plain), i + longest), i + 1, -1):
            if tuple(plain[i:j]) in names:
                out[i] = j
                i = j - 1
                break
        i += 1
    return out


def _condition_names(ds: Dataset) -> frozenset[tuple[str, ...]]:
    """The records' two-word condition names and their other names in brackets, as singular
    words, that join a place word to a word of their own that is no place, pain or common word
    ("golfers elbow", "shin splints"; not "neck pain" or "ankle swelling")."""
    from painmap.areas import place_words

    found = ds.memo.get("condition_names")
    if found is None:
        places = place_words(ds)
        plain = _PAIN_WORDS | _COMMON | FILLER | {singular(w) for w in _GENERIC_CONDITION}
        names = set()
        for muscle in ds.muscles.values():
            for condition in muscle.conditions:
                for name in re.split(r"[(),]| or ", condition):
                    words = tuple(singular(w) for w in fold(name).split())
                    if (
                        len(words) == 2
                        and any(w in places for w in words)
                        and any(w not in places and w not in plain for w in words)
                    ):
                        names.add(words)
        found = ds.memo["condition_names"] = frozenset(names)
    return found  # type: ignore[return-value]


#: words of condition names that say no more than a place with pain does ("knee osteoarthritis" is
#: a painful knee to the reader; "tennis elbow" names something of its own)
_GENERIC_CONDITION = frozenset(
    """pain ache syndrome arthritis osteoarthritis bursitis strain sprain stiff mechanical medial
    posterior posterolateral upper lower low thoracic thoracolumbar joint instability tendinopathy
    tendinitis dysfunction impingement disorder related work tension anxiety swelling swollen chronic
    broken bruised contusion tear injury fracture stress""".split()
)


def _after_movement(tokens: list[str], start: int) -> bool:
    """The place at `start` is what a movement moves or where it goes ("turn my head", "lifting my
    arm up", "look over my shoulder", "reach behind my back", "arms over my head"), not where it
    hurts; a place the pain moves to ("moving to my left ear") is where it hurts."""
    k = start - 1
    positional = False
    while k >= max(0, start - 5):
        word = tokens[k]
        if word in _TOWARDS:
            return False
        if word in _POSITIONAL:
            positional = True
        elif singular(word) not in _BETWEEN and word not in _SIDES and word not in _BOTH:
            break
        k -= 1
    if k < 0 or k < start - 5:
        return False
    # "over my head", "above my head": where the arms are, whatever moved them
    return tokens[k] in MOVEMENTS or (positional and tokens[start] in ("head", "heads"))


_LITTLE = frozenset("on at in the both".split())


def _shared_noun(tokens: list[str], start: int, end: int, ds: Dataset) -> tuple[list[tuple[str, str]], int]:
    """Places named before "and" that share the place's last word, with the words that name them:
    "my ring and little fingers" are the ring finger ("ring fingers") and the little finger; and
    where those words begin."""
    out: list[tuple[str, str]] = []
    first = start
    k = start - 1
    while k >= 1 and tokens[k] in _LITTLE:  # "the front and on both sides of my knee"
        k -= 1
    if k < 1 or tokens[k] not in ("and", "or"):
        return out, first
    while k >= 1 and tokens[k] in ("and", "or"):
        word = tokens[k - 1]
        if word in _SIDES or _name([word], ds) is not None:  # "my upper back and shoulder": two places
            break
        # the noun is one of the place's own words ("second toes hurt on the left": toes)
        found = next(
            (
                (p, f"{word} {noun}")
                for noun in reversed(tokens[start:end])
                if (p := _name(key(f"{word} {noun}").split(), ds))
            ),
            None,
        )
        if found is None:
            break
        out.insert(0, found)
        first = k - 1
        k -= 2
    return out, first


#: what stands before a place the pain does not reach ("but not into the hand", "stops before the
#: elbow"), read backwards from the place, past little words
_SHORT_OF = (
    ("not",),
    ("not", "into"),
    ("not", "in"),
    ("not", "to"),
    ("not", "down", "to"),
    ("not", "as", "far", "as"),
    ("stops", "before"),
    ("stops", "above"),
    ("stops", "short", "of"),
    ("stopping", "before"),
    ("ends", "before"),
    ("ends", "above"),
    ("doesnt", "reach"),
    ("never", "reaches"),
    ("not", "reaching"),
    ("doesnt", "go", "into"),
    ("doesnt", "go", "to"),
    ("doesnt", "go", "down", "to"),
    ("except",),
    ("except", "for"),
)


def _not_hurting(tokens: list[str], start: int, end: int) -> bool:
    """A place said to be fine ("my pinky is fine"), one the pain stops short of ("but not into the
    hand"), or someone else's in a comparison ("like a cramp in your calf"), is named but does not
    hurt."""
    if start and tokens[start - 1] == "your":
        return True
    k = start
    while k and tokens[k - 1] in ("the", "my", "his", "her", "their", "its"):
        k -= 1
    if any(tuple(tokens[max(k - len(cue), 0) : k]) == cue for cue in _SHORT_OF):
        return True
    k = end
    while k < len(tokens) and k < end + 3 and tokens[k] in ("is", "are", "still", "feels", "seems", "looks"):
        k += 1
    return k > end and k < len(tokens) and tokens[k] in _FINE


def _place_spans(tokens: list[str], ds: Dataset) -> dict[int, tuple[int, tuple[str, ...], set[Side]]]:
    """Start -> (end, place ids, sides) for the longest place names in the words, left to right;
    direction words just before a name that no name holds narrow it ("the outside of my whole
    leg": the outer thigh, knee, leg and ankle)."""
    from painmap.areas import (
        _DIRECTIONS,
        _PART_WORDS,
        _longest_name,
        _whole_or_qualified,
        counted_digits,
        narrowed,
    )

    spans: dict[int, tuple[int, tuple[str, ...], set[Side]]] = {}
    taken_until = 0
    longest = _longest_name(ds) + 3  # names may have filler words between their words
    i = 0
    while i < len(tokens):
        found = None
        for j in range(min(len(tokens), i + longest), i, -1):
            if tokens[i] in FILLER or tokens[j - 1] in FILLER:
                continue
            words = key(" ".join(tokens[i:j])).split()
            words = [w for w in words if w not in _SIDES and w not in _BOTH]
            if not words:
                continue
            place_id = _name(words, ds)
            if place_id is not None:
                found = (j, place_id)
                break
        if found is None:
            found = _misspelt(tokens, i, ds)
        if found is None:
            i += 1
            continue
        end, place_id = found
        if not _plausible(tokens, i, end) or _only_a_direction(tokens, i, end, ds):
            i += 1
            continue
        start, place_ids = i, (place_id,)
        counted = counted_digits(key(" ".join(tokens[i - 2 : end])).split()) if i - 2 >= taken_until else None
        if counted:  # "my first two fingers": the index and middle fingers
            start, place_ids = i - 2, tuple(counted)
        k = start - 1
        while k >= taken_until and (
            tokens[k] in FILLER
            or tokens[k] in _SIDES
            # "the outer edge of my heel": the edge says no more than "outer" does
            or (tokens[k] in _PART_WORDS and k > taken_until and tokens[k - 1] in _DIRECTIONS)
        ):
            k -= 1
        if k >= taken_until and tokens[k] in _DIRECTIONS:
            named = [w for w in key(" ".join(tokens[i:end])).split() if w not in _SIDES and w not in _BOTH]
            before = _whole_or_qualified([tokens[k], *named], ds)
            if before and before != [place_id]:
                start, place_ids = k, tuple(before)
        elif k >= taken_until and (tokens[k] == "sides" or tokens[k - 1 : k + 1] == ["both", "side"]):
            # "both sides of my knee": its inner and outer sides (not the left and right knees)
            named = [w for w in key(" ".join(tokens[i:end])).split() if w not in _SIDES and w not in _BOTH]
            both_sides = [_name([d, *named], ds) for d in ("inner", "outer")]
            if all(both_sides):
                start, place_ids = k, tuple(both_sides)  # type: ignore[arg-type]
        # After it: "my elbow on the outside", "my big toe is sore on top", "... on the right side"
        k = end
        while k < len(tokens) and (tokens[k] in FILLER or tokens[k] in _SIDES or tokens[k] in _LINKS):
            k += 1
        named = [w for w in key(" ".join(tokens[start:end])).split() if w not in _SIDES and w not in _BOTH]
        if k + 1 < len(tokens) and tokens[k + 1] == "side" and len(place_ids) == 1 and k - end <= 4:
            # "my wrist hurts on the thumb side": the thumb side of the wrist
            sided = _name([tokens[k], "side", *named], ds)
            if sided is not None:
                place_ids, end = (sided,), k + 2
        elif (
            k < len(tokens)
            and (tokens[k] in _DIRECTIONS or tokens[k] == "side")
            and k - end <= 4
            # "... to the inside of my knee": the knee's, but "on the outside of it": this one's
            and not (tokens[k + 1 : k + 2] == ["of"] and tokens[k + 2 : k + 3] not in (["it"], ["them"]))
            # "just below my shoulder", "under the kneecap": where the next place is, not this one
            and not (tokens[k] in _PREPOSITIONS and tokens[k + 1 : k + 2] in (["my"], ["the"], ["your"]))
        ):
            if tokens[k] in _DIRECTIONS and len(place_ids) == 1:
                # the place its name says first ("my hip ... on the outside": the side of the hip)
                said = _name([tokens[k], *named], ds)
                narrower = [said] if said is not None else narrowed(place_ids[0], [tokens[k]], ds)
                if narrower:
                    place_ids = tuple(narrower)
            # "at the back" after a place says where on it, even where it cuts nothing off
            said_where = tokens[k] in _DIRECTIONS and any(t in ("at", "on", "in") for t in tokens[end:k])
            if (
                tokens[k] == "side"
                or any(t in _SIDES for t in tokens[end:k])
                or place_ids != (place_id,)
                or said_where
            ):
                end = k + 1
        elif any(t in _SIDES for t in tokens[end:k]) and k - end <= 6:
            # "my neck is killing me on the left": the side word belongs to the place before it
            end = max(j for j in range(end, k) if tokens[j] in _SIDES) + 1
            end += end < len(tokens) and tokens[end] == "side"
        sides = {_SIDES[w] for w in tokens[max(0, start - 2) : end] if w in _SIDES}
        if any(w in _BOTH for w in tokens[max(0, start - 2) : end]) and tokens[start] not in (
            "side",
            "sides",
        ):
            sides = {Side.LEFT, Side.RIGHT}
        spans[start] = (end, place_ids, sides)
        i = taken_until = end
    return spans


#: direction words that are also prepositions, placing what follows them
_PREPOSITIONS = frozenset("below under underneath beneath above behind over".split())


def _only_a_direction(tokens: list[str], start: int, end: int, ds: Dataset) -> bool:
    """A lone direction word that is not itself a place's name ("rear-ended"), or one said as
    where on something ("at the bottom", "towards the back"), is no place of its own."""
    from painmap.areas import _DIRECTIONS

    if end - start != 1 or tokens[start] not in _DIRECTIONS:
        return False
    if tokens[start] not in ds.place_index:
        return True
    return (
        start >= 2
        and tokens[start - 1] == "the"
        and tokens[start - 2] in ("at", "on", "to", "toward", "towards")
    )


def _misspelt(tokens: list[str], i: int, ds: Dataset) -> tuple[int, str] | None:
    """A place name misspelt by a letter or two ("my sholder blade", "lower bak") starting at word
    i: tried only where a word of it is neither a known word nor a place word."""
    from painmap.areas import _close_whole, place_words

    if tokens[i] in FILLER or tokens[i] in _COMMON or tokens[i] in _SIDES:
        return None
    for j in range(min(len(tokens), i + 3), i, -1):
        window = [w for w in key(" ".join(tokens[i:j])).split() if w not in _SIDES]
        if not window or sum(len(w) for w in window) < 5:
            continue
        if all(w in place_words(ds) for w in window) or tokens[j - 1] in FILLER:
            continue  # nothing misspelt here, or the window ends on a filler
        found = _close_whole(window, ds)
        if found:
            return j, found[0]
        if (
            j == i + 1
            and len(window[0]) >= 5
            and i
            and tokens[i - 1] in _OWNERS  # "my tempel", not "a check-up"
            and _stem(window[0]) not in _vocabulary(ds)
        ):
            near = _one_slip(window[0], ds)  # "tempel": two letters swapped
            if near is not None:
                return j, near
    return None


_OWNERS = frozenset("my your his her their our left right both".split())


def _one_slip(word: str, ds: Dataset) -> str | None:
    """The one-word place name `word` misses by one letter added, dropped, changed or two swapped."""
    from rapidfuzz.distance import DamerauLevenshtein

    names = ds.memo.get("one_word_place_names")
    if names is None:
        names = ds.memo["one_word_place_names"] = tuple(
            k for k in ds.place_index if " " not in k and len(k) >= 4
        )
    hits = {ds.place_index[n] for n in names if DamerauLevenshtein.distance(word, n, score_cutoff=1) <= 1}
    return hits.pop() if len(hits) == 1 else None


#: verbs that may stand between a place and a direction after it ("my big toe is sore on top")
_LINKS = frozenset(
    "is are feels feel hurts hurt aches ache sore painful tender killing me throbbing aching burning".split()
)
#: words after which a lone "back" or "side" is a body part ("my back"), not a direction ("comes back")
_DETERMINERS = frozenset(
    "my the your his her their our lower upper low mid middle whole left right both".split()
)
_DIRECTION_ONLY = frozenset("back behind side front top bottom".split())


#: words after which a place names a disease, not where it hurts ("breast cancer", "bowel screening")
_DISEASES = frozenset("cancer cancers carcinoma tumour tumours tumor tumors screening".split())


def _plausible(tokens: list[str], start: int, end: int) -> bool:
    """A one-word place that is also a direction word counts only after a determiner; a place
    named as a disease's ("my breast cancer") does not count."""
    if end < len(tokens) and tokens[end] in _DISEASES:
        return False
    if end - start == 1 and tokens[start] in _FURNITURE and (not start or tokens[start - 1] not in _OWNERS):
        return False  # "hard seats at work": not "my seat"
    if end < len(tokens) and tokens[end] in _FURNITURE:
        return False  # "the back seat of the car"
    if end - start != 1 or tokens[start] not in _DIRECTION_ONLY:
        return True
    if tokens[start] == "behind":
        return False
    before = tokens[start - 1] if start else ""
    after = tokens[end] if end < len(tokens) else ""
    return before in _DETERMINERS and after != "of"


#: place words that are more often the furniture than the body, unless they are someone's
_FURNITURE = frozenset({"seat", "seats"})


#: -ing words that say how it feels, not what one is doing
_FEELINGS = frozenset(
    """aching burning shooting stabbing throbbing tingling cramping pulling radiating spreading
    pounding gnawing nagging piercing pinching pricking stinging crushing squeezing killing
    annoying worrying bothering feeling getting having hurting""".split()
)


def _is_doing(word: str, ds: Dataset) -> bool:
    """An -ing word of something people do that a muscle's record lists as bringing pain on
    ("sitting at the computer", "going down stairs"): it opens an activity as "when" does."""
    return word.endswith("ing") and word not in _FEELINGS and _stem(word) in _activity_words(ds)


def _activity_words(ds: Dataset) -> frozenset[str]:
    found = ds.memo.get("sentence_activity_words")
    if found is None:
        words = {w for m in ds.muscles.values() for text in m.activities for w in fold(text).split()}
        found = ds.memo["sentence_activity_words"] = frozenset(_stem(w) for w in words - FILLER - _COMMON)
    return found  # type: ignore[return-value]


def _stem(word: str) -> str:
    """A rough stem, so that "chew", "chews" and "chewing" meet: enough to tell known from unknown."""
    word = singular(word)
    for suffix in ("ing", "ed", "es", "s", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _understood(ds: Dataset) -> frozenset[str]:
    """The vocabulary and the words for how pain feels: what is never handed back as not understood."""
    found = ds.memo.get("sentence_understood")
    if found is None:
        found = ds.memo["sentence_understood"] = _vocabulary(ds) | {_stem(w) for w in _DESCRIPTORS}
    return found  # type: ignore[return-value]


def _vocabulary(ds: Dataset) -> frozenset[str]:
    """Every word in any muscle's symptoms, conditions and activities, and common pain words."""
    found = ds.memo.get("sentence_vocabulary")
    if found is None:
        words: set[str] = set(_PAIN_WORDS)
        for muscle in ds.muscles.values():
            for text in (*muscle.symptoms, *muscle.conditions, *muscle.activities):
                words.update(fold(text).split())
        stems = {_stem(w) for w in words - FILLER - _COMMON}
        found = ds.memo["sentence_vocabulary"] = frozenset(stems)
    return found  # type: ignore[return-value]


#: how pain is described; kept so that such words count as understood even if no record uses them
_PAIN_WORDS = frozenset(
    """shooting stabbing burning throbbing tingling tingle numb numbness pins needles sharp dull deep
    stiff stiffness tight tightness cramp cramping spasm weak weakness tender radiating radiates
    spreading spreads electric ache aching sore pulling twinge niggle knot knots morning night
    waking wake sleep sleeping lying sitting standing walking running stairs""".split()
)
#: more words for how pain feels (the McGill Pain Questionnaire's descriptors, Melzack 1975, and
#: everyday ones): understood, but matched against the records only beside a word the records use
_DESCRIPTORS = frozenset(
    """flickering quivering pulsing throb throbs beating pounding jumping flashing shoot shoots pricking
    boring drilling stab stabs lancinating cutting lacerating pinching pressing gnawing crushing
    tugging wrenching hot scalding searing itchy smarting stinging heavy taut rasping splitting tiring
    exhausting sickening suffocating punishing gruelling grueling vicious killing kills blinding
    miserable intense unbearable penetrating piercing drawing squeezing tearing cool cold freezing
    nagging nauseating agonising agonizing agony excruciating dreadful torturing crick zap zaps zapping
    buzzing fizzing shock shocks jolt jolts fire raw bruised bruising swollen swelling puffy clicking
    popping grinding catching locking giving""".split()
)
