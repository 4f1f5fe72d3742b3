"""Text normalisation shared by area, muscle and symptom matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")

# Words that carry no meaning for where or what: dropped from both sides of every comparison.
FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "his",
        "her",
        "their",
        "our",
        "your",
        "of",
        "in",
        "on",
        "at",
        "to",
        "is",
        "it",
        "its",
        "i",
        "me",
        "im",
        "ive",
        "got",
        "get",
        "gets",
        "feel",
        "feels",
        "feeling",
        "pain",
        "pains",
        "painful",
        "ache",
        "aches",
        "aching",
        "achy",
        "hurt",
        "hurts",
        "hurting",
        "sore",
        "soreness",
        "area",
        "region",
        "kind",
        "sort",
        "bit",
        "really",
        "very",
        "just",
        "some",
    ]
)


#: movements whose object is the part that moves, not a place that hurts (the sentence reader
#: uses them; a cheap test on them keeps it unloaded for an --area that names no movement)
MOVEMENTS = frozenset(
    "turn turning move moving lift lifting raise raising bend bending look looking reach reaching open"
    " opening tilt tilting rotate rotating straighten straightening twist twisting nod nodding shrug"
    " shrugging swallow swallowing chew chewing point pointing extend extending"
    # and postures: "when I lie on my side" is how, not where
    " lie lying lay sleep sleeping slept roll rolling rolled"
    # and what a jaw does: "when I clench my jaw" is what it does, not another place
    " clench clenching clenched grind grinding"
    # and where weight is put: "when I lean on my elbow" presses there, it is not where it hurts
    " lean leaning leant leaned"
    # and what bears weight: "she can't stand on that leg", "standing on my toes"
    " stand standing stood"
    # and what is done to a part: "pulled my toes back", "tie my hair up", "when I wear heels"
    " pull pulling pulled push pushing pushed stretch stretching stretched curl curling curled wiggle"
    " wiggling wiggled flex flexing flexed tie tying brush brushing comb combing wash washing wear"
    " wearing wore"
    # and exercise or fidgeting: "when I train chest", "had to jiggle my foot"
    " train training trained jiggle jiggling jiggled shake shaking shook".split()
)


# Words typed short on a phone, as the full word: "red eye since last nite", "had c sections b4" (and
# "n" for "and": see `as_said`).
SHORT_FORMS = {
    "nite": "night",
    "nites": "nights",
    "tonite": "tonight",
    "2nite": "tonight",
    "2day": "today",
    "wk": "week",
    "wks": "weeks",
    "yday": "yesterday",
    "yest": "yesterday",
    "b4": "before",
    "tho": "though",
    "thru": "through",
    "prolly": "probably",
    "pos": "positive",
    "abt": "about",
    "rly": "really",
    "v": "very",
    "hosp": "hospital",
    "hrs": "hours",
    "hr": "hour",
}
# A final g left off ("walkin", "limpin", "throwin up"): the -ing form, unless the word is one of
# its own. Not after a vowel but y ("brain", "groin", "again" keep theirs), and "goin", "doin".
_DROPPED_G = re.compile(r"[a-z]{2,}(?:[b-df-hj-np-tv-xz]|y)in|goin|doin")
_OWN_IN = frozenset(
    "begin within cabin basin margin cousin raisin robin satin toxin vitamin insulin aspirin heparin"
    " warfarin penicillin amoxicillin metformin origin napkin pumpkin muffin coffin dolphin admin violin"
    " kevin martin justin colin austin dustin gabapentin pregabalin statin javelin bulletin".split()
)


def as_said(word: str) -> str:
    """A word of a person's text as the full word: `respelt`, and "n" as "and" (only there: in the
    red-flag file's phrases N stands for a number)."""
    return "and" if word == "n" else respelt(word)


def respelt(word: str) -> str:
    """A word typed short on a phone as the full word ("nite" -> "night", "walkin" -> "walking")."""
    found = SHORT_FORMS.get(word)
    if found is not None:
        return found
    return word + "g" if word not in _OWN_IN and _DROPPED_G.fullmatch(word) else word


# Rare words: these patterns are compiled when a text first holds them (re keeps them compiled).
_IT_BAND = r"\bit band\b"


def fold(text: str) -> str:
    """Lower-case, strip accents and apostrophes, turn every other punctuation run into a space."""
    if not text.isascii():  # (ASCII is its own NFKD form)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NON_WORD.sub(" ", text.lower().replace("'", "")).strip()
    # "IT band" is one word for the iliotibial band: "it" is filler everywhere else, and a lone
    # "band" is a headache's ("like a band around my forehead"), not the outer thigh
    return re.sub(_IT_BAND, "itband", text) if "it band" in text else text


# "right on the point of my shoulder", "right in the middle of my back": "right" says exactly
# where, not which side.
_NOT_A_SIDE = (
    r"\bright (?=(?:on|in|at|there|here|now|away|above|below|under|underneath|behind|between|across"
    r"|through|over|near|next|around|up|down|into|along|where|by|inside|to) )"
)


def not_a_side(folded: str) -> str:
    """A folded text without the "right" that means "exactly"."""
    if "right " not in folded + " ":  # most texts: nothing to take out
        return folded.strip()
    return re.sub(_NOT_A_SIDE, "", folded + " ").strip()


#: first words of place names that carry their own preposition ("around the eye", "deep in the buttock")
_PREPOSITIONAL = frozenset("inside beside around under behind between deep above below just along".split())


def at_place(name: str, preposition: str = "at") -> str:
    """'at the side of the hip', but 'around the eye' as it stands (preposition "" for 'the ...')."""
    if name.split(" ", 1)[0].lower() in _PREPOSITIONAL:
        return name
    return f"{preposition} the {name}".lstrip()


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ves"):
        return word[:-3] + "f"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The meaningful words of `text`, folded and singular."""
    return [w for w in (singular(w) for w in not_a_side(fold(text)).split()) if w not in FILLER]


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The lookup key for a phrase: its meaningful words, in order, joined by spaces."""
    return " ".join(words(text))


def kept_bytes(fill: str) -> bytes:
    """A bytes.translate table that keeps a-z, 0-9 and the line break and turns every other byte
    into `fill`."""
    return bytes(c if c in b"abcdefghijklmnopqrstuvwxyz0123456789\n" else ord(fill) for c in range(256))


_WORD_BYTES = kept_bytes(" ")
#: `_IT_BAND` opening with its letters, for a search over thousands of lines
_IT_BAND_IN_LINES = r"it band(?![a-z0-9])(?<![a-z0-9]it band)"
# `singular` on every word at once: "-ves" -> "-f" in words of five letters or more, then a final
# "s" off words of four or more not ending in "ss". Each pattern opens with the letters it looks
# for, so the search jumps from one to the next instead of trying every position.
_VES = re.compile(r"ves(?![a-z0-9])(?<=[a-z0-9]{2}ves)")
_S = re.compile(r"s(?![a-z0-9])(?<=[a-z0-9]{2}[a-rt-z0-9]s)")
_DROPPED = FILLER | {""}


def keys(texts: list[str]) -> list[str]:
    """`key` of each text, worked out together: the dataset's thousands of names and synonyms are
    folded in a few passes over them all instead of word by word (the same strings as `key` gives;
    a test checks it on every name)."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1 or not joined.isascii():
        return [key(text) for text in texts]
    folded = joined.lower().replace("'", "").encode("ascii").translate(_WORD_BYTES).decode("ascii")
    while "  " in folded:  # each line's words one space apart, as `fold` leaves them
        folded = folded.replace("  ", " ")
    if "it band" in folded:
        folded = re.sub(_IT_BAND_IN_LINES, "itband", folded)
    if "right " in folded:  # `not_a_side` reads each line with a space after its last word
        folded = re.sub(_NOT_A_SIDE, "", folded.replace("\n", " \n") + " ")
    folded = _S.sub("", _VES.sub("f", folded))
    words = [w for w in folded.replace("\n", " \n ").split(" ") if w not in _DROPPED]
    return [line.strip() for line in " ".join(words).split("\n")]


# Past forms that no ending rule reaches, of verbs people use for what brings pain on.
_IRREGULAR = {
    "lay": "lie",
    "lain": "lie",
    "lying": "lie",
    "sat": "sit",
    "stood": "stand",
    "slept": "sleep",
    "woke": "wake",
    "woken": "wake",
    "ran": "run",
    "bent": "bend",
    "drove": "drive",
    "driven": "drive",
    "wrote": "write",
    "written": "write",
    "threw": "throw",
    "thrown": "throw",
    "swam": "swim",
    "held": "hold",
    "carried": "carry",
}


def stem(word: str) -> str:
    """A word's rough stem, so that "lie", "lying" and "lay", or "type" and "typing", meet."""
    word = _IRREGULAR.get(word, word)
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if word[-1] == word[-2] and word[-1] not in "lsz":  # sitting, running; but falling
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]  # type / typ(ing)
    return word


@lru_cache(maxsize=8192)
def stemmed_key(text: str) -> str:
    """`key` with each word stemmed: the form symptoms and activities are compared in."""
    return " ".join(stem(w) for w in key(text).split())
