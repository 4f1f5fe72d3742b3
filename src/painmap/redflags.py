"""Red flags: find the pains that need a doctor before any muscle is considered.

Three steps, each driven by data/redflags.json:
1. Features. Every text the person gave (the places as typed, even ones that resolve to nothing,
   the symptoms, the activities, a free sentence) is cut into words and clauses, and each clinical
   feature's lay phrases are looked up in them; resolved places count for the features that name
   them. Age and sex are read the same way ("I'm 72", "my 6 year old", "my grandad").
2. Scope, NegEx/ConText style: a feature after "no", "never", "didn't"... in its clause is denied;
   one marked "used to" or "... but it's gone now" came and went; "my dad had ..." is someone else's.
3. Rules: each rule's triggers are conditions over features, age and sex. Triggers are indexed by
   the features of their first group, so a query tries only the triggers it could set off.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from painmap.dataset import Dataset
from painmap.frozen import frozen
from painmap.lasting import uncollected
from painmap.models import (
    Query,
    RedFlagFeature,
    RedFlagFile,
    RedFlagRule,
    RedFlagTrigger,
    RedFlagWarning,
    Urgency,
)
from painmap.text import as_said, key, respelt, singular

_ORDER = {Urgency.EMERGENCY: 0, Urgency.URGENT: 1, Urgency.SOON: 2}
_TOKEN = re.compile(r"[a-z]+|[0-9]+|[.;!?,]")
_BREAKS = frozenset(".;!?,")
_SUFFIXES = ("ness", "ing", "ed", "ly")
_GAP = 6  # words a `*` in a phrase may stand for (3 to 6 alike on the dev sets but for two
# cases only 6 catches: "throbbing sort of pain right by my belly button"; none lost)
_NUMBER = "N"


# --- places: the one function that knows how places relate -------------------------------------


def _places(area_ids: Iterable[str], ds: Dataset) -> tuple[str, ...]:
    """The queried places and every place they lie within ("lower back" lies within "back"), in
    the order named, each place before the larger ones holding it (so the words a warning quotes
    never depend on how a set happens to be ordered).

    Only upwards: a place that merely contains a feature's place (the head holds the jaw) does not
    count, or "headache" would set off every rule about the jaw. This is the one place test in the
    red-flag code; a finer body atlas replaces its body, not its meaning.
    """
    out: dict[str, None] = {}
    for area_id in area_ids:
        if area_id in ds.places:
            out.update(dict.fromkeys(_holding(area_id, ds)))
    return tuple(out)


def _holding(place_id: str, ds: Dataset) -> tuple[str, ...]:
    """The place and every place whose cells include all of its cells, smallest first."""
    found = ds.memo.get(("redflag_holding", place_id))
    if found is None:
        mask = ds.places[place_id].mask
        holders = [p for p in ds.places.values() if p.mask & mask == mask]
        found = tuple(p.id for p in sorted(holders, key=lambda p: (p.mask.bit_count(), p.id)))
        ds.memo[("redflag_holding", place_id)] = found
    return found  # type: ignore[return-value]


# --- words ---------------------------------------------------------------------------------------


@cache
def _norm(word: str) -> str:
    """One word as compared: singular, without -ing/-ed/-ness/-ly ("sweating" -> "sweat"); a
    past "couldn't" (or a formal "cannot") as "can't"; and a verb's final e the ending took off in
    one form, put back or taken off in every form alike ("breathe", "breathing" -> "breath";
    "moving", "move" -> "move")."""
    if word.isdigit():
        return word
    if word in _COULD_NOT:
        return "cant"
    word = respelt(word)
    word = singular(word)
    if len(word) > 4 and word.endswith("the"):
        return word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            # no English word ends in v or a single z: "moving", "sneezed" lost an e
            if stem[-1] == "v" or (stem[-1] == "z" and stem[-2] != "z"):
                return stem + "e"
            return stem
    return word


_COULD_NOT = frozenset({"couldnt", "cudnt", "couldn", "cannot"})


def _raw_tokens(text: str) -> list[str]:
    """Folded words, numbers and clause marks: "I'm 72, can't pee" -> im 72 , cant pee."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _TOKEN.findall(folded.replace("'", ""))


# a number opening a clause after a dash, then a comma: "Bit daft this - 71, had tests"
_DASHED_AGE = re.compile(r"(?:\s[-\u2013\u2014]+\s*|[\u2013\u2014]\s*)(\d{2,3})\s*,")


_PLAIN = re.compile(r"[a-z ]*")


def _tokens(text: str) -> list[str]:
    """`_raw_tokens` as compared: each word through `_norm`."""
    if _PLAIN.fullmatch(text):  # most phrases of the data file: nothing to fold
        return [_norm(t) for t in text.split()]
    return [t if t in _BREAKS else _norm(t) for t in _raw_tokens(text)]


Pattern = tuple[tuple[str, ...], ...]  # parts separated by gaps of up to _GAP words


@cache
def _pattern(phrase: str) -> Pattern:
    return tuple(
        p for p in (tuple(t for t in _tokens(part) if t not in _BREAKS) for part in phrase.split("*")) if p
    )


def _part_at(tokens: list[str], i: int, part: tuple[str, ...]) -> bool:
    if i + len(part) > len(tokens):
        return False
    for k, want in enumerate(part):
        got = tokens[i + k]
        if want == _NUMBER.lower() and got.isdigit():
            continue
        if got != want:
            return False
    return True


def _match_at(tokens: list[str], i: int, pattern: Pattern) -> int | None:
    """Where `pattern` ends when it starts at word `i`, or None; gaps never cross a clause mark."""
    if not _part_at(tokens, i, pattern[0]):
        return None
    end = i + len(pattern[0])
    for part in pattern[1:]:
        for skip in range(_GAP + 1):
            at = end + skip
            if at < len(tokens) and skip and tokens[at - 1] in _BREAKS:
                return None  # the gap reached a clause mark before the next part was found
            if _part_at(tokens, at, part):
                end = at + len(part)
                break
        else:
            return None
    return end


class _ByFirst:
    """First word -> (pattern, kind, feature id or ""), longest pattern first. The phrases are kept
    in file order with their first words as written; a word's phrases are found and compiled when a
    text first holds that word: most of the file's phrases cannot occur in a query, and most of its
    first words never need comparing (`_norm`) at all. Finding them is a search of the first words
    as one text, so the thousands of phrases are not indexed one by one before a query is read."""

    def __init__(self, chunks: list[tuple[tuple[str, ...], list[str], str, str]]) -> None:
        #: (phrases, their first words as written, kind, feature), in file order
        self._chunks = chunks
        self._starts: list[int] = []  # where each chunk's phrases begin in the file order
        firsts: list[str] = []
        for _, chunk_firsts, _, _ in chunks:
            self._starts.append(len(firsts))
            firsts += chunk_firsts
        self._firsts = "\n".join(firsts)  # one first word a line, the phrases' order
        self._known = set(firsts)
        self._known.discard("")
        self._written = sorted(self._known)
        self._compiled: dict[str, tuple[tuple[Pattern, str, str], ...]] = {}

    def get(
        self, first: str, default: tuple[tuple[Pattern, str, str], ...] = ()
    ) -> tuple[tuple[Pattern, str, str], ...]:
        found = self._compiled.get(first)
        if found is None:
            written = self.written_as(first)
            if not written:
                return default
            lines = re.compile("^(?:" + "|".join(map(re.escape, written)) + ")$", re.MULTILINE)
            entries = []
            for hit in lines.finditer(self._firsts):
                at = self._firsts.count("\n", 0, hit.start())  # the phrase's place in file order
                chunk = bisect_right(self._starts, at) - 1
                phrases, _, kind, feature = self._chunks[chunk]
                entries.append((_pattern(phrases[at - self._starts[chunk]]), kind, feature))
            # Longest phrase first, so "no position helps" wins over "no".
            found = self._compiled[first] = tuple(sorted(entries, key=lambda e: -sum(map(len, e[0]))))
        return found

    def written_as(self, word: str) -> list[str]:
        """The first words as written that are `word` as compared. `_norm` only takes an ending off
        a word (putting back an e, or f for "ves"), so each of them begins with all of `word` but its
        last letter; besides, the past forms of "can't" are "cant"."""
        prefix = word[:-1] if len(word) > 1 else word
        out = [w for w in _COULD_NOT if w in self._known] if word == "cant" else []
        at = bisect_left(self._written, prefix)
        while at < len(self._written) and self._written[at].startswith(prefix):
            if _norm(self._written[at]) == word:
                out.append(self._written[at])
            at += 1
        return out


_PLAIN_PHRASE = re.compile(r"[a-z *]*")
_WORD = re.compile(r"[a-z]+")
_PLAIN_LINES = re.compile(r"[a-z *\n]*")
# each line's first word, found after the line break put before every line (a search that opens with
# a character skips to it; one that opens with ^ in MULTILINE mode stops at every position)
_FIRST_WORDS = re.compile(r"\n[ *]*([a-z]*)")


def _first_written(phrase: str) -> str:
    """The word `_pattern(phrase)` starts with, before `_norm` ("#" for a number; "" for none)."""
    if _PLAIN_PHRASE.fullmatch(phrase):  # most phrases: the first run of letters
        word = _WORD.search(phrase)
        return word.group() if word else ""
    first = next((t for t in _raw_tokens(phrase) if t not in _BREAKS), "")
    return "#" if first == "n" and "N" in phrase.split() else first


@frozen
class _Lexicon:
    """The phrases of data/redflags.json, indexed by their first word, with what they mark."""

    by_first: _ByFirst
    features: Mapping[str, RedFlagFeature]
    place_words: Mapping[str, tuple[str, ...]]  # folded place name -> feature ids
    by_place: Mapping[str, tuple[str, ...]]  # area id -> feature ids naming it
    index: Mapping[str, tuple[tuple[int, RedFlagRule, RedFlagTrigger], ...]]
    age_words: Mapping[str, int]
    other_people: frozenset[str]  # the other_person words, as compared


def _lexicon(ds: Dataset) -> _Lexicon:
    """The phrases compiled for matching, on first use: `show`, `list` and `areas` never need them."""
    found = ds.memo.get("redflag_lexicon")
    if found is None:
        found = ds.memo["redflag_lexicon"] = uncollected(lambda: compile_lexicon(ds.redflag_file))
    return found  # type: ignore[return-value]


def compile_lexicon(file: RedFlagFile) -> _Lexicon:
    """Every phrase of the red-flag file indexed by its first word as written (compared and tokenised
    only when a text holds that word: doing so for them all costs more than a whole lookup)."""
    chunks: list[tuple[tuple[str, ...], list[str], str, str]] = []

    def add(phrases: tuple[str, ...], kind: str, feature: str = "") -> None:
        joined = "\n".join(phrases)
        firsts = _FIRST_WORDS.findall("\n" + joined) if _PLAIN_LINES.fullmatch(joined) else []
        if len(firsts) != len(phrases):  # some phrase is not plain: one at a time
            firsts = [_first_written(phrase) for phrase in phrases]
        if phrases:
            chunks.append((phrases, firsts, kind, feature))

    place_words: dict[str, list[str]] = {}
    by_place: dict[str, list[str]] = {}
    for feature in file.features:
        add(feature.phrases, "feature", feature.id)
        add(feature.unless, "unless", feature.id)
        for word in feature.place_words:
            place_words.setdefault(" ".join(_tokens(word)), []).append(feature.id)
        for area_id in feature.places:
            by_place.setdefault(area_id, []).append(feature.id)
    scope = file.scope
    for kind, phrases in (
        ("negation", scope.negation),
        ("pseudo", scope.pseudo_negation),
        ("post", scope.post_negation),
        ("past", scope.past),
        ("resolved", scope.resolved),
        ("other", scope.other_person),
        ("verb", scope.other_verbs),
        ("family", scope.family),
        ("end", scope.terminators),
        ("then", scope.then),
        ("now", scope.now_only),
        ("object", file.ages.object_verbs),
    ):
        add(phrases, kind)
    add(file.ages.patterns, "age")
    index: dict[str, list[tuple[int, RedFlagRule, RedFlagTrigger]]] = {}
    position = 0
    for rule in file.rules:
        for trigger in rule.triggers:
            position += 1  # ties between a rule's triggers go to the one listed first
            for feature_id in trigger.all_of[0]:
                index.setdefault(feature_id, []).append((position, rule, trigger))
    return _Lexicon(
        by_first=_ByFirst(chunks),
        features={f.id: f for f in file.features},
        place_words={k: tuple(v) for k, v in place_words.items()},
        by_place={k: tuple(v) for k, v in by_place.items()},
        index={k: tuple(v) for k, v in index.items()},
        age_words={" ".join(_tokens(k)): v for k, v in file.ages.words.items()},
        other_people=frozenset(t for w in scope.other_person for t in _tokens(w)),
    )


# --- step 1 and 2: features in scope ------------------------------------------------------------


@frozen
class Findings:
    """What the words say: features present now, ones that came and went, age and sex."""

    present: Mapping[str, str]  # feature id -> the person's words that show it
    resolved: Mapping[str, str]
    age: int | None = None
    sex: str | None = None
    denied: frozenset[str] = frozenset()  # features the words call normal ("neck fine") and never state
    guessed: frozenset[str] = frozenset()  # explanations given up as a guess ("I thought I'd strained it")


@frozen
class _Hit:
    start: int
    end: int
    kind: str
    feature: str
    number: int | None = None
    words: frozenset[str] = frozenset()  # the phrase's own words (not those its gaps skip)


def _hits(tokens: list[str], lex: _Lexicon) -> list[_Hit]:
    out: list[_Hit] = []
    for i, token in enumerate(tokens):
        candidates = lex.by_first.get(token, ())
        if token.isdigit():
            candidates = (*candidates, *lex.by_first.get("#", ()))
        taken: set[tuple[str, str]] = set()
        for pattern, kind, feature in candidates:
            if (kind, feature) in taken:
                continue
            end = _match_at(tokens, i, pattern)
            if end is not None:
                number = next((int(t) for t in tokens[i:end] if t.isdigit()), None)
                own = frozenset(t for part in pattern for t in part)
                out.append(_Hit(i, end, kind, feature, number, own))
                taken.add((kind, feature))
    return out


def _clauses(tokens: list[str], hits: list[_Hit]) -> list[int]:
    """The clause number of each word: punctuation and terminator words ("but") start a new one."""
    starts = {h.start for h in hits if h.kind == "end"}
    out, clause = [], 0
    for i, token in enumerate(tokens):
        # ", but" is one boundary, not two: the clause after it is still the next one.
        if token in _BREAKS or (i in starts and not (i and tokens[i - 1] in _BREAKS)):
            clause += 1
        out.append(clause)
    return out


def _covered(hit: _Hit, by: list[_Hit], tokens: list[str]) -> bool:
    """`hit` is part of another hit's own words, not of the words its gaps skip."""
    return any(
        o is not hit
        and o.start <= hit.start
        and hit.end <= o.end
        and all(tokens[i] in o.words for i in range(hit.start, hit.end))
        for o in by
    )


def _overlaps(a: _Hit, b: _Hit) -> bool:
    return a.start < b.end and b.start < a.end


def read_text(
    text: str, ds: Dataset, *, for_age: bool = True
) -> tuple[dict[str, str], dict[str, str], list[int]]:
    """The features of one text, split into present and came-and-went, and the ages it states."""
    present, resolved, ages, _, _ = _read_text(text, ds, for_age=for_age)
    return dict(present), dict(resolved), list(ages)


_Read = tuple[dict[str, str], dict[str, str], list[int], frozenset[str], frozenset[str]]
TEXTS_KEPT = 4096  # texts read kept per dataset: places and words repeat from query to query


def _read_text(text: str, ds: Dataset, *, for_age: bool = True) -> _Read:
    """`read_text`, with the features the text says are normal in so many words ("neck fine") and
    the explanations it gives only as a guess it has given up ("I thought I'd strained it"). Read
    once per text and dataset; what it gives is shared, so callers never change it."""
    kept: dict[tuple[str, bool], _Read] = ds.memo.setdefault("texts read", {})  # type: ignore[assignment]
    found = kept.get((text, for_age))
    if found is None:
        if len(kept) >= TEXTS_KEPT:  # a long batch of ever-new words: start again
            kept.clear()
        found = kept[(text, for_age)] = _read_text_afresh(text, ds, for_age=for_age)
    return found


def _read_text_afresh(text: str, ds: Dataset, *, for_age: bool = True) -> _Read:
    lex = _lexicon(ds)
    raw = _raw_tokens(text)
    tokens = [t if t in _BREAKS else _norm(as_said(t)) for t in raw]
    hits = _hits(tokens, lex)
    features = [h for h in hits if h.kind == "feature"]
    # A scope word inside a feature's own phrase ("can't pee", "no position helps") is not a scope word;
    # but whose feature it is still reads through one ("my dad had a heart attack": "had" is both), and
    # so does whom an age word names ("after lifting the kids" is a strain and says the kids are young).
    scope = [
        h
        for h in hits
        if h.kind not in ("feature", "unless")
        and (h.kind in ("verb", "object") or not _covered(h, features, tokens))
    ]
    unless = [h for h in hits if h.kind == "unless"]
    features = [f for f in features if not any(u.feature == f.feature and _overlaps(u, f) for u in unless)]
    denials = [
        h
        for h in scope
        if h.kind == "negation" and not any(_overlaps(h, p) for p in scope if p.kind == "pseudo")
    ]
    # "doesn't fade" denies only the fading: what follows is not denied, and nothing came and went
    negations = [h for h in denials if not _denies_an_ending(h, raw)]
    clause = _clauses(tokens, hits)
    window = ds.redflag_file.scope.window
    present: dict[str, str] = {}
    resolved: dict[str, str] = {}
    # Where each clause's first feature starts: "..., but it went away the next day" reaches back to
    # the clause before, "..., but the fever went" does not (the fever is what went).
    first_feature: dict[int, int] = {}
    for f in features:
        first_feature[clause[f.start]] = min(f.start, first_feature.get(clause[f.start], f.start))
    denied: list[_Hit] = []
    said_at: dict[str, int] = {}  # a present feature said only by a bare number -> where
    doubted: set[str] = set()
    firm: set[str] = set()
    others_apart: bool | None = None  # another person's words are theirs, not the patient's
    # every negation counts here, also one inside a pseudo-negation: "not easing" is not over
    every_negation = [h for h in scope if h.kind == "negation"]
    not_over = [
        h
        for h in scope
        if h.kind == "resolved"
        and (
            _not_over(h, tokens, every_negation)
            or _came_back(h, raw)
            or _the_person_did_it(h, raw)
            or _lost_for_good(h, raw)
            or _stops_a_thing(h, raw, features)
        )
    ]
    scope = [h for h in scope if h not in not_over]
    # where a negation of an ending starts ("hasn't eased", "never fully settled")
    denying_an_end = frozenset(
        n.start for n in denials for h in not_over if n.end <= h.start <= n.end + _DENIED_REACH
    )
    posts = [h for h in scope if h.kind == "post" and not _after_negation(h, negations)]
    cleared = _cleared(features, raw, clause)
    histories = [h for h in features if lex.features[h.feature].history]
    inside_a_history = [
        f
        for f in features
        if not lex.features[f.feature].history
        and any(
            h.start <= f.start and f.end <= h.end and h.end - h.start > f.end - f.start for h in histories
        )
    ]
    for f in features:
        c = clause[f.start]
        words = " ".join(raw[f.start : f.end])
        if (
            any(clause[n.start] == c and n.end <= f.start and f.start - n.end <= window for n in negations)
            or _negated_inside(f, negations)
            or _on_a_denied_list(f, denied, tokens)
            or _denied_after(f, posts, tokens, raw, clause, denying_an_end)
            or _a_normal_reading(f, raw)
            or f.start in cleared
        ):
            denied.append(f)
            continue
        if others_apart is None:
            others_apart = _others_apart(tokens, lex, features)
        if others_apart and _someone_else(f, scope, clause, lex, raw):
            continue
        if not lex.features[f.feature].history and _told_of_then(f, scope, clause, raw):
            continue  # long past, not a sign that came and went just now
        # "I thought I'd strained it, but ...": an explanation the person has given up (or only
        # guessed at, "I assumed I'd slept on it"), which still says what happened but no longer
        # explains the pain away, now or in the past
        guess = f.feature in _EXPLANATIONS and any(
            raw[k] in _DOUBTS for k in range(f.start) if clause[k] == c
        )
        if not lex.features[f.feature].history and _in_the_past(f, scope, clause, first_feature, raw):
            if f not in inside_a_history:  # the knee of "a new knee 3 months ago" is not a past pain
                resolved.setdefault(f.feature, words)
                (doubted if guess else firm).add(f.feature)
            continue
        (doubted if guess else firm).add(f.feature)
        number = f.end - f.start == 1 and raw[f.start].isdigit()
        if f.feature not in present or (f.feature in said_at and not number):
            present[f.feature] = words  # the words, not a bare number, when both say it
            said_at.pop(f.feature, None)
            if number:
                said_at[f.feature] = f.start
    if "fever" not in present:
        for f in features:
            if f.feature == "heat" and f not in denied and _a_hot_person(f, features, raw, lex):
                present["fever"] = " ".join(raw[f.start : f.end])
                break
    ages: list[int] = []
    aged: set[int] = set()  # where a number was read as an age
    if for_age:
        # A number opening the text, or a sentence or clause (after a full stop, semicolon or dash),
        # is an age: "68, high blood pressure, ...", "15, play football ...", "Bit daft this - 71, ..."
        for k, token in enumerate(tokens):
            if not token.isdigit() or (k and tokens[k - 1] not in _CLAUSE_ENDS):
                continue
            opener = tokens[k + 1] if k + 1 < len(tokens) else ","
            if 10 <= int(token) <= 110 and opener in _AGE_OPENERS and not _decimal(tokens, k):
                ages.append(int(token))
                aged.add(k)
        ages += [int(m[1]) for m in _DASHED_AGE.finditer(text) if 10 <= int(m[1]) <= 110]
        # ... or closing a sentence after a comma: "nothing helps, 61", "PMR lady here, 68. ..."
        for k in range(2, len(tokens)):
            closes = k + 1 == len(tokens) or (tokens[k + 1] in _SENTENCE_ENDS and not _decimal(tokens, k))
            if closes and tokens[k].isdigit() and tokens[k - 1] == "," and 16 <= int(tokens[k]) <= 110:
                ages.append(int(tokens[k]))
                aged.add(k)
        objects = [h for h in scope if h.kind == "object"]
        for h in hits:
            if h.kind == "age" and h.number is not None and 0 < h.number <= 110:
                after = tokens[h.end] if h.end < len(tokens) else ""
                if after not in _units(ds) and after != "ago":  # "15 yrs ago" is a time, not an age
                    # "18 month old", "5 week old": a baby, whatever the number
                    ages.append(0 if h.words & _UNDER_A_YEAR else h.number)
                    aged.update(k for k in range(h.start, h.end) if tokens[k] == str(h.number))
        # a pregnant writer's "baby" is the one she carries ("the baby pushing up"), not the patient
        unborn = "baby" if "pregnant" in present else None
        for i in range(len(tokens)):
            for size in (3, 2, 1):
                phrase = " ".join(tokens[i : i + size])
                if (
                    phrase in lex.age_words
                    and phrase.split()[-1] != unborn
                    and not any(
                        o.end <= i and i - o.end <= 1 and clause[o.start] == clause[i] for o in objects
                    )
                ):
                    ages.append(-lex.age_words[phrase] - 1)  # negative: implied by a word, not stated
                    break
    # a bare number read as an age is no temperature: "38, otherwise fit"
    for feature_id in [k for k, at in said_at.items() if at in aged]:
        del present[feature_id]
    normal = frozenset(f.feature for f in denied if _flatly_denied(f, raw, cleared))
    return present, resolved, ages, normal, frozenset(doubted - firm)


def _a_hot_person(f: _Hit, features: list[_Hit], raw: list[str], lex: _Lexicon) -> bool:
    """Hot to the touch in a sentence about a person that names no part of the body: "tonight he's
    drenched in sweat, hot to touch and not making sense" is a fever; "my knee is red, hot to the
    touch" is a hot joint."""
    if "touch" not in f.words:
        return False
    start, end = f.start, f.end
    while start and raw[start - 1] not in _SENTENCE_ENDS:
        start -= 1
    while end < len(raw) and raw[end] not in _SENTENCE_ENDS:
        end += 1
    said = set(raw[start:end])
    if not _PERSONS & said or _A_PART & said:
        return False
    return not any(
        start <= h.start < end and (lex.features[h.feature].places or lex.features[h.feature].place_words)
        for h in features
        if h is not f
    )


_PERSONS = frozenset({"he", "hes", "she", "shes", "they", "theyre", "im"})
_A_PART = frozenset("skin it its area patch lump spot bite wound scar cut site bump".split())


def _decimal(tokens: list[str], k: int) -> bool:
    """The number at `k` is the whole part of a decimal ("38.5" read as 38, ".", 5): a measure."""
    return k + 2 < len(tokens) and tokens[k + 1] == "." and tokens[k + 2].isdigit()


_UNDER_A_YEAR = frozenset({"month", "mth", "mo", "week", "wk", "day"})  # units of an age, as compared
_AGE_OPENERS = frozenset({",", ".", "and", "m", "f", "male", "female", "yo", "year", "yr"})
_LIST_WORDS = frozenset({"or", "and", "nor", "any"})
_LONE_POSTS = frozenset({"normal", "fine", "ok", "okay", "good", "clear", "strong"})
_DENIED_REACH = 2  # words between a negation and the resolution it denies ("never fully settled")
_WORKING = frozenset({"work", "function"})  # as compared: "bladder working normally" denies
_POST_REACH = 3  # words between a feature and a post-negation ("saddle area feels totally normal")


# Verbs of going away, as typed: "doesn't fade", "won't stop", "isn't easing". Denying one says the
# thing persists, which is itself the sign ("spots that don't go when I press a glass on them").
_ENDINGS = frozenset(
    {
        *("go", "going", "fade", "fading", "disappear", "disappearing", "vanish", "vanishing"),
        *("blanch", "blanching", "budge", "budging", "shift", "stop", "stopping", "ease", "easing"),
        *("settle", "settling", "subside", "subsiding", "improve", "improving", "lift", "lifting"),
    }
)
_BEFORE_AN_ENDING = frozenset(
    {"really", "fully", "completely", "even", "ever", "properly", "totally", "actually"}
)
# "it doesn't go down my arm" denies where the pain goes, not that it goes away
_WHERE_TO = frozenset(
    {"down", "into", "to", "up", "through", "round", "around", "across", "along", "out", "in", "anywhere"}
)


def _denies_an_ending(n: _Hit, raw: list[str]) -> bool:
    """A negation of a verb of ending ("doesn't fade", "won't really go away") denies the ending only:
    the words after it are not denied ("the rash doesn't go when I press a glass on it")."""
    i = n.end
    if i < len(raw) and raw[i] in _BEFORE_AN_ENDING:
        i += 1
    if i >= len(raw) or raw[i] not in _ENDINGS:
        return False
    after = raw[i + 1] if i + 1 < len(raw) else "."
    return not (raw[i] in ("go", "going") and after in _WHERE_TO)


def _flatly_denied(f: _Hit, raw: list[str], cleared: set[int]) -> bool:
    """A feature said to be normal in so many words ("turns his neck fine", "my face ... it was
    normal"), not one that a negation nearby may or may not reach."""
    if f.start in cleared:
        return True
    state = raw[f.end] if f.end < len(raw) else ""
    after = raw[f.end + 1] if f.end + 1 < len(raw) else "."
    return state in _CLEARED_STATES and (after in _BREAKS or after in ("and", "but"))


_TEMPERATURE_WORDS = frozenset({"temp", "temps", "temperature", "temperatures", "temprature", "tempreture"})


def _a_normal_reading(f: _Hit, raw: list[str]) -> bool:
    """A temperature given as a number well below a fever (38 C, 100.4 F): "temperature 37.2" is
    normal; from 37.5 a person may call it a slight temperature, and it still counts."""
    if f.feature != "fever" or not any(w in _TEMPERATURE_WORDS for w in raw[f.start : f.end]):
        return False
    at = next((k for k in range(f.start, min(f.end + 3, len(raw))) if raw[k].isdigit()), None)
    if at is None:
        return False
    whole = int(raw[at])
    tenths = int(raw[at + 2][0]) if _decimal(raw, at) else 0
    return 34 <= whole <= 36 or (whole == 37 and tenths < 5) or 93 <= whole <= 98


def _negated_inside(f: _Hit, negations: list[_Hit]) -> bool:
    """A negation among the words a feature's phrase skips ("neck isn't stiff" for "neck * stiff")."""
    return any(f.start < n.start and n.end <= f.end for n in negations)


# verbs that open a new thing told, as compared (a denied list's items are things, not events)
_EVENT_VERBS = frozenset(
    _norm(w) for w in ("fell", "slipped", "tripped", "landed", "crashed", "collapsed", "woke", "went")
)


def _on_a_denied_list(f: _Hit, denied: list[_Hit], tokens: list[str]) -> bool:
    """The next item of a list whose item before it was denied: "no fever, rash or stiff neck".
    A comma or a list word ("or", "and") ends what stands between them, and at most two words of an
    item not known here ("no sweating, sickness or breathlessness")."""
    before = [d for d in denied if d.end <= f.start]
    if not before or tokens[f.start] in _EVENT_VERBS:
        return False  # "never broken anything, fell off the ladder": a new thing told, not an item
    between = tokens[max(d.end for d in before) : f.start]
    # items are parted by a comma or a list word: "chest xray all fine" is no list after "chest"
    if not between or (between[-1] not in _LIST_WORDS and between[-1] != ","):
        return False
    others = [t for t in between if t not in _LIST_WORDS and t != ","]
    return len(others) <= 2 and not any(t in _BREAKS and t != "," for t in between)


def _denied_after(
    f: _Hit,
    posts: list[_Hit],
    tokens: list[str],
    raw: list[str],
    clause: list[int],
    denying_an_end: frozenset[int],
) -> bool:
    """A post-negation soon after the feature in its clause ("saddle area feels totally normal"; a
    lone word such as "normal" or "fine" only right after it: "bladder normal"), or right after a
    question mark that follows it ("fever? nope"). An adverb is not one ("can't walk normally")."""
    for p in posts:
        if (
            raw[p.end - 1].endswith("ly")
            and tokens[p.start] not in _WORKING
            and _an_adverb_of(p, raw, clause)
        ):
            continue  # "can't walk normally", "not really" (but "totally normal", "working normally" deny)
        if p.start in denying_an_end:  # "the pain never fully settled": "never" denies the settling
            continue
        lone = p.end - p.start == 1 and tokens[p.start] in _LONE_POSTS
        if lone and raw[p.start].endswith("ing"):
            continue  # a verb, not a state: "fell off my ladder clearing the gutters"
        reach = 0 if lone else _POST_REACH
        if clause[p.start] == clause[f.start] and f.end <= p.start <= f.end + reach:
            return True
        if clause[p.start] == clause[f.start] and _pair_before(f, p, tokens):
            return True
        if p.start == f.end + 1 and tokens[f.end] == "?":
            return True
        if _list_before(f, p, tokens):
            return True
    return False


# Words that make an adverb such as "normally" part of what is wrong: "can't walk normally".
_NOT_WORDS = frozenset(
    {"cant", "cannot", "couldnt", "not", "unable", "wont", "dont", "doesnt", "didnt", "isnt"}
)
_NOT_WORDS |= frozenset({"arent", "wasnt", "werent", "never", "no", "hardly", "barely"})


def _an_adverb_of(p: _Hit, raw: list[str], clause: list[int]) -> bool:
    """A post-negation ending in -ly that is no all-clear: one of several words ("not really"), or
    one word after a word of not doing in its clause ("can't pee normally" is the trouble,
    "weeing normally" the all-clear)."""
    return p.end - p.start > 1 or any(
        raw[k] in _NOT_WORDS for k in range(p.start) if clause[k] == clause[p.start]
    )


def _list_before(f: _Hit, p: _Hit, tokens: list[str]) -> bool:
    """An item of a list that a post-negation with "all" or "totally" closes: "face, arms, speech all
    normal the whole time". The feature opens its clause, and commas or list words part up to four
    items of a word or two before the post-negation."""
    between = tokens[f.end : p.start]
    if not (_opens_clause(f, tokens) and between and between[0] == "," and tokens[p.start] in _WHOLLY):
        return False
    items: list[list[str]] = [[]]
    for t in between[1:]:
        if t in _LIST_WORDS or t == ",":
            items.append([])
        elif t in _BREAKS:
            return False
        else:
            items[-1].append(t)
    items = [i for i in items if i]
    return 1 <= len(items) <= 4 and all(len(i) <= 2 for i in items)


# A check that cleared the thing named just before it: "checked my face in the mirror and it was normal",
# "did a Doppler on my calf and it was clear", "my aorta was normal size", "the scan came back clear".
_CLEARED_STATES = frozenset({"normal", "clear", "fine", "ok", "okay", "negative"})
_CLEARED_VERBS = frozenset(
    {"was", "were", "is", "are", "looked", "looks", "seemed", "seems"}
    # what a body part does: "neck moves fine", "arm works fine"
    | {"moves", "move", "turns", "turn", "bends", "bend", "works", "feels", "feel"}
)
_ANAPHORS = frozenset({"it", "they", "that", "its", "theyre", "thats"})  # "it's", "they're" as typed
_WHOLLY = frozenset({"all", "totally", "completely", "perfectly", "absolutely", "quite"})
# a time before the pronoun makes it an ending, not a check ("went numb, then it was fine")
_THEN_WORDS = frozenset({"then", "now", "after", "afterwards", "later", "again", "soon", "but", "until"})
_AFTER_CLEARED = frozenset({"and", "but", "so", "too", "size", "though"})


def _clearings(raw: list[str]) -> list[tuple[int, int, bool]]:
    """Where a clearing starts and ends, and whether its subject is a pronoun ("it was clear")
    rather than the word right before it ("aorta was normal"). The state ends its clause ("it was
    fine until Tuesday" says when it changed) and no time comes before the pronoun."""
    out: list[tuple[int, int, bool]] = []
    for i, word in enumerate(raw):
        pronoun = word in _ANAPHORS
        j = i + 1 if pronoun else i
        if raw[j : j + 2] == ["came", "back"]:
            j += 2
        elif j < len(raw) and raw[j] in _CLEARED_VERBS:
            j += 1
        elif not (pronoun and word in ("its", "theyre", "thats")):
            continue
        if j < len(raw) and raw[j] in _WHOLLY:
            j += 1
        if j >= len(raw) or raw[j] not in _CLEARED_STATES:
            continue
        after = raw[j + 1] if j + 1 < len(raw) else "."
        if not (after in _BREAKS or after in _AFTER_CLEARED):
            continue
        if pronoun and i and raw[i - 1] in _THEN_WORDS:
            continue
        out.append((i, j + 1, pronoun))
    return out


def _cleared(features: list[_Hit], raw: list[str], clause: list[int]) -> set[int]:
    """The features a clearing denies (by start): the one named right before a clearing with no
    pronoun, or the last one named before the pronoun in its clause or the clause before."""
    out: set[int] = set()
    for start, _end, pronoun in _clearings(raw):
        if not pronoun:
            out.update(f.start for f in features if f.end == start)
            continue
        before = [f for f in features if f.end <= start and clause[start] - clause[f.start] <= 1]
        if before:
            last = max(f.start for f in before)
            out.update(f.start for f in before if f.start == last or f.end > last)
    return out


_PAIR_OPENERS = frozenset({"my", "his", "her", "their", "the", "and", "but", "so", "also"})


def _opens_clause(f: _Hit, tokens: list[str]) -> bool:
    """The feature opens its clause, or follows a word such as "my" or "and"."""
    return f.start == 0 or tokens[f.start - 1] in _BREAKS or tokens[f.start - 1] in _PAIR_OPENERS


def _pair_before(f: _Hit, p: _Hit, tokens: list[str]) -> bool:
    """The first of two things a post-negation closes: "face and speech fine", "bladder and bowels
    totally normal" say both are normal. The feature opens its clause (or follows "my"), one "and" or
    "or" and a word or two lead to the post-negation, and the post-negation ends the clause; "arm
    weak and leg fine" is not such a pair (the arm's word is not followed by "and")."""
    between = tokens[f.end : p.start]
    after = tokens[p.end] if p.end < len(tokens) else "."
    return (
        _opens_clause(f, tokens)
        and 2 <= len(between) <= 3
        and between[0] in ("and", "or")
        and not any(t in _BREAKS or t in _LIST_WORDS for t in between[1:])
        and (after in _BREAKS or after in ("and", "but"))
    )


def _after_negation(h: _Hit, negations: list[_Hit]) -> bool:
    """A post-negation that is itself denied ("speech isn't normal") denies nothing."""
    return any(n.end == h.start or n.end == h.start - 1 for n in negations)


@cache
def _units_of(units: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_norm(u) for u in units)


def _units(ds: Dataset) -> frozenset[str]:
    return _units_of(ds.redflag_file.ages.units)


def _someone_else(f: _Hit, scope: list[_Hit], clause: list[int], lex: _Lexicon, raw: list[str]) -> bool:
    c = clause[f.start]
    if any(h.kind == "family" and clause[h.start] == c for h in scope):
        return True
    if _carried_over(f, scope, clause, raw, lex.other_people):
        return True
    for person in (h for h in scope if h.kind == "other" and clause[h.start] == c and h.end <= f.start):
        if _possessive(person, raw) and (
            not (lex.features[f.feature].history or f.feature in _DIAGNOSES)
            or (person.end < len(raw) and _norm(raw[person.end]) in _BODY_PARTS)
        ):
            # "my husband's face is drooping", "my husband's arm got trapped under the car": his
            # body now, the person to help, not a history
            continue
        if f.start == person.end and _NOW_WORDS & set(_clause_words(f, clause, raw)):
            continue  # "my gran fell this morning": not her history, the person to help now
        if (
            lex.features[f.feature].history
            or f.start == person.end  # "my gran fell"
            # "my dad had a stroke", "my mum has lost height" (the verb may open the feature's words)
            or any(v.kind == "verb" and person.end <= v.start <= f.start for v in scope)
        ):
            return True
    return False


def _clause_words(f: _Hit, clause: list[int], raw: list[str]) -> list[str]:
    return [raw[k] for k in range(len(raw)) if clause[k] == clause[f.start]]


_BODY_PARTS = frozenset(
    _norm(w)
    for w in (
        "arm leg hand foot knee back neck head face chest hip ankle wrist shoulder finger toe elbow calf"
        " thigh eye belly tummy stomach side skin"
    ).split()
)
_DIAGNOSES = frozenset({"heart-word"})  # a feature that names an illness ("my dad's heart attack")
_NOW_WORDS = frozenset("now today tonight currently still since this".split())


def _clause_start(f: _Hit, clause: list[int], raw: list[str]) -> int:
    """Where the clause holding `f` starts: its first word after the stop that opens it."""
    start = f.start
    while start and clause[start - 1] == clause[f.start]:
        start -= 1
    while start < f.start and raw[start] in _SENTENCE_ENDS:
        start += 1
    return start


def _carried_over(
    f: _Hit, scope: list[_Hit], clause: list[int], raw: list[str], people: frozenset[str]
) -> bool:
    """A clause with no one of its own, in the same sentence as someone else's past illness and not
    brought to the present, goes on about them: "my dad had a stroke 3 years ago, one side
    paralysed", "dad had a mini stroke - arm went, leg dragged, speech slurred - so I'm on edge"."""
    c = clause[f.start]
    start = _clause_start(f, clause, raw)
    if start and raw[start - 1] in _SENTENCE_ENDS:
        return False  # a new sentence speaks for itself
    own = [raw[k] for k in range(start, len(raw)) if clause[k] == c]
    if _FIRST_PERSON & set(own) or _NOW_WORDS & set(own):
        return False
    for h in scope:
        if h.kind not in ("family", "other") or clause[h.start] >= c:
            continue
        between = raw[h.end : start]
        if any(w in _SENTENCE_ENDS or w in _FIRST_PERSON for w in between):
            continue
        # the writer turns to themselves: "my flatmates had covid last week, guess it's my turn - ..."
        if any(w == "my" and _norm(n) not in people for w, n in pairwise(between)):
            continue
        # ... and only about an illness long past ("3 years ago", "last month"), not one now
        told = raw[h.start : start]
        if not _LONG_PAST & set(told):
            continue
        if h.kind == "family" or any(v.kind == "verb" and h.end <= v.start < start for v in scope):
            return True
    return False


_LONG_PAST = frozenset("ago last before".split())


def _possessive(person: _Hit, raw: list[str]) -> bool:
    """A person word written with 's ("husband's", "mum's"), seen as it was typed: "husbands"."""
    word = raw[person.end - 1]
    return word.endswith("s") and _norm(word) != word


_FIRST_PERSON = frozenset({"i", "im", "ive", "id", "me", "myself"})
_THIRD_PERSON = frozenset({"he", "she", "hes", "shes", "his", "her", "him", "hed", "shed"})
_CONDITIONS = frozenset({"if", "when", "whenever", "unless", "while", "whilst"})
_TIME_WORDS = frozenset({"year", "last", "ago", "month", "week", "day"})  # as compared
_SINCE = frozenset({"since", "from", "for", "over"})
_STILL_GOING = frozenset({"now", "away", "completely", "off", "again", "since", "by", "down"})


def _others_apart(tokens: list[str], lex: _Lexicon, features: list[_Hit]) -> bool:
    """Whether another person's history is someone else's: not when the whole text tells of that
    person ("my husband (77) has prostate cancer, his legs have gone heavy": he is the patient),
    that is when it names them before telling of anything, says he or she, and never I, me or my
    (but "my dad")."""
    people = lex.other_people
    for i, token in enumerate(tokens):
        if token in _FIRST_PERSON:
            return True
        if token == "my" and i + 1 < len(tokens) and tokens[i + 1] not in people:
            return True
    # about someone else from before anything is told, who is then "he" or "she": "my husband (77)
    # has prostate cancer, his legs ...", "need advice, my mom had a weird turn, her words ..." (but
    # "my uncle had a heart attack at 50" is family history, and in "worried about chest pain, my
    # dad had one at 50" the pain was told first)
    told = min((f.start for f in features if f.feature not in _SEX), default=len(tokens))
    about_them = any(t in people or t in _THIRD_PERSON for t in tokens[:told])
    return not (about_them and any(t in _THIRD_PERSON for t in tokens))


_SEX = frozenset({"female", "male"})  # features that say whom a text is about, not what is wrong


_RETURNS = frozenset({"returned", "recurred", "restarted"})
_BACK_VERBS = frozenset({"came", "come", "comes", "coming", "started", "starts", "flared"})
_SENTENCE_ENDS = frozenset(".!?")
_CLAUSE_ENDS = frozenset(".!?;")


# Features that explain a pain away (a strain, a knock), and the words that make one a guess
_EXPLANATIONS = frozenset({"strain", "trauma", "positional", "hangover"})
_DOUBTS = frozenset({"thought", "assumed", "figured", "reckoned", "presumed", "blamed"})


def _stops_a_thing(h: _Hit, raw: list[str], features: list[_Hit]) -> bool:
    """An ending with an object is someone stopping something, not the pain ending: "stopped the
    blood thinner", "stopped taking my tablets", "quit the injections early"."""
    if raw[h.end - 1] not in _STOPPING or h.end >= len(raw):
        return False
    after = raw[h.end]
    return after in _OBJECT_OPENERS or any(f.start == h.end for f in features)


_STOPPING = frozenset({"stopped", "stopping", "quit", "quitting"})
_OBJECT_OPENERS = frozenset(
    {"the", "my", "his", "her", "their", "taking", "using", "having", "all", "those", "these", "them"}
)


def _lost_for_good(h: _Hit, raw: list[str]) -> bool:
    """After a "can't", "anymore" says something was lost, not that it ended: "I can't tell when I
    need a wee anymore"."""
    if raw[h.start] not in ("anymore", "any"):
        return False
    before = raw[max(0, h.start - 8) : h.start]
    return any(w in _CANNOT for w in before) and not any(w in _BREAKS for w in before[-3:])


_CANNOT = frozenset({"cant", "cannot", "couldnt", "unable"})
_PARTLY = frozenset(
    {"a lot", "a bit", "a little", "a fair bit", "slight", "somewhat", "most", "part", "some"}
)  # as compared


def _the_person_did_it(h: _Hit, raw: list[str]) -> bool:
    """An ending whose subject is a person, not the pain: "sweating even though I stopped", "we
    eased off" (the person stopped what they were doing)."""
    return 0 < h.start < len(raw) and raw[h.start - 1] in _PEOPLE and raw[h.start] in _DOINGS


_PEOPLE = frozenset({"i", "we", "he", "she", "they", "you"})
_DOINGS = frozenset({"stopped", "eased", "settled"})


def _came_back(h: _Hit, raw: list[str]) -> bool:
    """An ending the same sentence takes back: "eased at dinner but came straight back when he
    jogged", "settled, then started again" (a return is not an ending)."""
    for i in range(h.end, len(raw)):
        if raw[i] in _SENTENCE_ENDS:
            return False
        if raw[i] in _RETURNS:
            return True
        if raw[i] in _BACK_VERBS and ("back" in raw[i + 1 : i + 3] or raw[i + 1 : i + 2] == ["again"]):
            return True
    return False


def _not_over(h: _Hit, tokens: list[str], negations: list[_Hit]) -> bool:
    """A 'resolved' phrase that says when it eases ("only easing if I hunch forward"), how it has
    changed ("it's gone pale") or that it has not happened ("hasn't eased", "never fully settled")
    rather than that it is over."""
    after = tokens[h.end] if h.end < len(tokens) else "."
    before = tokens[h.start - 1] if h.start else ""
    if after in _CONDITIONS or before == "only":
        return True
    rest = h.end + (tokens[h.end : h.end + 1] == ["off"])  # "has eased | off a lot"
    following = tokens[rest : rest + 2]
    if " ".join(following) in _PARTLY or (following and following[0] in _PARTLY):
        return True  # "it's eased off a lot", "settled a bit": less, not over
    if before in _SINCE and h.words <= _TIME_WORDS:  # "since last year" is when it began, not ended
        return True
    if any(
        n.end <= h.start <= n.end + _DENIED_REACH and not any(t in _BREAKS for t in tokens[n.end : h.start])
        for n in negations
    ):
        return True
    # "it's gone pale" is a change; "long gone", "long since gone" are over whatever follows
    return (
        tokens[h.end - 1] == "gone"
        and "long" not in h.words
        and after not in _BREAKS
        and after not in _STILL_GOING
    )


def _in_the_past(
    f: _Hit, scope: list[_Hit], clause: list[int], first_feature: Mapping[int, int], raw: list[str]
) -> bool:
    c = clause[f.start]
    if _before_now(f, scope, clause) or _dated_after(f, scope, clause, raw):
        return True
    for h in scope:
        hc = clause[h.start]
        if h.kind == "past" and hc == c and h.end <= f.start:
            return True
        if (
            h.kind == "resolved"
            and h.start >= f.end
            and (
                hc == c
                # "..., but it went away the next day" reaches back, past a clause that only says
                # when ("went dead while I was ironing, now fine"); a bare time ("a scan last year
                # showed gallstones") dates only its own clause, not the one before
                or (
                    c < hc <= c + 2
                    and all(first_feature.get(k, h.start) >= h.start for k in range(c + 1, hc + 1))
                    and not h.words <= _TIME_WORDS
                    and not _EARLIER_BOUTS & set(_clause_words(h, clause, raw))
                )
            )
        ):
            return True
    return False


# "I had smaller bouts before that settled", "it usually settles": earlier bouts, not this one
_EARLIER_BOUTS = frozenset({"before", "previously", "usually", "normally", "always", "other", "those"})


def _dated_after(f: _Hit, scope: list[_Hit], clause: list[int], raw: list[str]) -> bool:
    """A clause that opens with "had" and ends with a time months or more ago tells of then: "had
    shingles on my back in the spring", "I had chest pain last year" (not "had it last night", nor
    "I've had it since last year": a recent time, or one the pain has gone on from)."""
    c = clause[f.start]
    start = _clause_start(f, clause, raw)
    opening = raw[start : start + 2]
    if opening[:1] and opening[0] in _PEOPLE:  # "I had ...", "she had ..."
        opening = opening[1:]
    if opening[:1] != ["had"]:
        return False
    return any(
        h.kind == "then" and clause[h.start] == c and h.start >= f.end and h.words & _LONG_AGO for h in scope
    )


_LONG_AGO = frozenset(
    _norm(w) for w in ("month", "months", "year", "years", "spring", "summer", "autumn", "fall", "winter")
)


def _before_now(f: _Hit, scope: list[_Hit], clause: list[int]) -> bool:
    """Told between a time gone by that opens a clause ("last month I woke with ...") and a "now"
    that leaves only something less ("... today just a sore rib"): over, like its story."""
    thens = [h for h in scope if h.kind == "then" and h.end <= f.start]
    if not thens:
        return False
    nows = [h.start for h in scope if h.kind == "now"]
    return any(
        (h.start == 0 or clause[h.start - 1] != clause[h.start])
        and not any(h.end <= n < f.start for n in nows)
        and any(n >= f.end for n in nows)
        for h in thens
    )


def _told_of_then(f: _Hit, scope: list[_Hit], clause: list[int], raw: list[str]) -> bool:
    """A clause with no time of its own, right after one dated long ago in the same sentence, tells
    more of that time: "I had a mini stroke two years ago, face went droopy for 20 minutes"."""
    c = clause[f.start]
    own = set(_clause_words(f, clause, raw))
    if own & (_NOW_WORDS | _RECENT | _PRESENT) or not own & _PAST_TENSE:
        return False  # "..., back pain keeps waking me" is now
    for h in scope:
        if h.kind != "resolved" or clause[h.start] != c - 1 or "ago" not in h.words:
            continue
        if not any(raw[k] in _SENTENCE_ENDS for k in range(h.end, f.start)):
            return True
    return False


_RECENT = frozenset({"again", "yesterday", "ago", "tomorrow", "morning", "tonight", "recently", "just"})
_PAST_TENSE = frozenset({"went", "was", "were", "had", "got", "felt", "came", "did", "lasted", "turned"})
_PRESENT = frozenset(
    {"is", "are", "am", "im", "has", "have", "keeps", "keep", "hurts", "wakes", "gets", "comes", "feels"}
)


def findings(
    texts: Iterable[str],
    area_ids: Iterable[str],
    ds: Dataset,
    *,
    age_texts: Iterable[str] = (),
    place_names: Iterable[str] = (),
) -> Findings:
    """The clinical features in `texts` and the places `area_ids`, with age and sex.

    Ages are read from `age_texts` only (symptoms and sentences, not "carrying my child" as an activity).
    `place_names`: places typed by a place's own name, which name no event or failure (the features
    marked `not_from_a_place_name`).
    """
    lex = _lexicon(ds)
    present: dict[str, str] = {}
    resolved: dict[str, str] = {}
    labels: dict[str, str] = {}  # features of the places and activities as typed, which carry no tense
    guessed: set[str] = set()
    for text, named in [(t, False) for t in texts] + [(t, True) for t in place_names]:
        p, r, _, _, g = _read_text(text, ds, for_age=False)
        guessed |= g
        for k, v in p.items():
            if not (named and lex.features[k].not_from_a_place_name):
                labels.setdefault(k, v)
        for k, v in r.items():
            resolved.setdefault(k, v)
    stated: list[int] = []
    implied: list[int] = []
    denied: set[str] = set()
    for text in age_texts:
        p, r, ages, d, g = _read_text(text, ds)
        denied |= d
        guessed |= g
        for k, v in p.items():
            present.setdefault(k, v)
        for k, v in r.items():
            resolved.setdefault(k, v)
        stated += [a for a in ages if a >= 0]
        implied += [-a - 1 for a in ages if a < 0]
    # A sentence saying a feature came and went ("it eased off") or denying it ("turns his neck fine")
    # outranks the bare place label.
    denied -= present.keys()
    for k, v in labels.items():
        if k in present or (k not in resolved and k not in denied):
            present.setdefault(k, v)
    queried = _places(area_ids, ds)
    for place in queried:
        for feature_id in lex.by_place.get(place, ()):
            feature = lex.features[feature_id]
            # The words outrank a bare place on time: "calf" with "it eased off" is a calf pain that went;
            # and on what they deny: "neck" with "turns his neck fine" is a neck that is fine.
            if (
                feature_id not in resolved
                and feature_id not in denied
                and not (set(feature.outside) & set(queried))
            ):
                present.setdefault(feature_id, ds.places[place].name.lower())
    for feature_id in present:
        resolved.pop(feature_id, None)
    age = stated[0] if stated else (implied[0] if implied else None)
    ages = ds.redflag_file.ages
    if age is not None:
        if age < ages.child_below:
            present.setdefault("child", f"age {age}")
        if age >= ages.older_from:
            present.setdefault("older-adult", f"age {age}")
    sex = None
    if "female" in present and "male" not in present:
        sex = "female"
    elif "male" in present and "female" not in present:
        sex = "male"
    return Findings(
        present=present,
        resolved=resolved,
        age=age,
        sex=sex,
        denied=frozenset(denied),
        guessed=frozenset(guessed),
    )


def place_word_features(texts: Iterable[str], ds: Dataset) -> dict[str, str]:
    """Features named by a whole place as typed ("side"), which mean too much inside a sentence."""
    lex = _lexicon(ds)
    out: dict[str, str] = {}
    for text in texts:
        folded = " ".join(t for t in _tokens(text) if t not in _BREAKS)
        for feature_id in lex.place_words.get(folded, ()):
            out.setdefault(feature_id, text.strip())
    return out


# --- step 3: rules ------------------------------------------------------------------------------


def check(found: Findings, ds: Dataset) -> tuple[RedFlagWarning, ...]:
    """The warnings the findings set off, most urgent first, one per rule."""
    lex = _lexicon(ds)
    best: dict[str, tuple[RedFlagRule, RedFlagTrigger, Urgency, tuple[str, ...]]] = {}
    candidates: dict[int, tuple[RedFlagRule, RedFlagTrigger]] = {}
    for feature_id in (*found.present, *found.resolved):
        for position, rule, trigger in lex.index.get(feature_id, ()):
            candidates[position] = (rule, trigger)
    for _, (rule, trigger) in sorted(candidates.items()):
        matched = _fires(trigger, found)
        if matched is None:
            continue
        urgency = trigger.urgency or rule.urgency
        if rule.id not in best or _ORDER[urgency] < _ORDER[best[rule.id][2]]:
            best[rule.id] = (rule, trigger, urgency, matched)
    out = [
        RedFlagWarning(
            id=rule.id,
            title=trigger.title,
            urgency=urgency,
            advice=trigger.advice or rule.advice,
            why=rule.why,
            matched=matched,
        )
        for rule, trigger, urgency, matched in best.values()
        # a rule gives way to one that says more, unless its own warning is the more urgent
        if not any(o in best and _ORDER[best[o][2]] <= _ORDER[urgency] for o in rule.superseded_by)
    ]
    return tuple(sorted(out, key=_most_urgent))


def _fires(trigger: RedFlagTrigger, found: Findings) -> tuple[str, ...] | None:
    """The person's words that set `trigger` off, or None when it does not fire."""
    # an explanation that came and went still explains ("since digging ..., already easing")
    if any((f in found.present or f in found.resolved) and f not in found.guessed for f in trigger.none_of):
        return None
    if trigger.min_age is not None and (found.age is None or found.age < trigger.min_age):
        return None
    if trigger.max_age is not None and (found.age is None or found.age > trigger.max_age):
        return None
    if trigger.unless_under is not None and found.age is not None and found.age < trigger.unless_under:
        return None
    if trigger.sex is not None and found.sex is not None and found.sex != trigger.sex:
        return None
    matched: list[str] = []
    for group in trigger.all_of:
        hit = next((found.present[f] for f in group if f in found.present), None)
        if hit is None and trigger.came_and_went:
            hit = next((found.resolved[f] for f in group if f in found.resolved), None)
        if hit is None:
            return None
        if hit not in matched:
            matched.append(hit)
    if (trigger.min_age is not None or trigger.max_age is not None) and found.age is not None:
        matched.append(f"age {found.age}")
    return tuple(matched)


# --- entry points -------------------------------------------------------------------------------


def evaluate(query: Query, ds: Dataset, text: str | None = None) -> tuple[RedFlagWarning, ...]:
    """The warnings whose rules a resolved query sets off, most urgent first."""
    places = [a.input for a in query.areas]
    # "right lower abdomen" named as --side right plus a place reads as the words would.
    places += [f"{a.side.value} {a.name}" for a in query.areas if a.side is not None]
    found = read_findings(
        places=places,
        area_ids=[a.id for a in query.areas],
        symptoms=query.symptoms,
        activities=query.activities,
        text=text,
        ds=ds,
    )
    return scan(found, ds)


def scan(found: Findings, ds: Dataset) -> tuple[RedFlagWarning, ...]:
    """The warnings for what the words say (see `read_findings`): the rules', and the signs
    together's when no rule warns as urgently, most urgent first."""
    warnings = check(found, ds)
    together = signs_together(found, warnings, ds)
    return warnings if together is None else tuple(sorted((*warnings, together), key=_most_urgent))


def read_findings(
    *,
    places: Iterable[str],
    area_ids: Iterable[str],
    symptoms: Iterable[str],
    activities: Iterable[str],
    text: str | None,
    ds: Dataset,
) -> Findings:
    """What raw words say, before any rule is tried: places as typed (resolved or not), symptoms,
    activities, a sentence."""
    places = [p for p in places if p and p.strip()]
    told = [s for s in (*symptoms, *([text] if text else ())) if s and s.strip()]
    # A place the sentence reader took from the words is read there, in its context: "bladder" in
    # "bladder pain when I pee" is where it hurts, not a bladder that fails.
    said = [f" {' '.join(_tokens(s))} " for s in told]
    apart = [p for p in places if not any(f" {' '.join(_tokens(p))} " in s for s in said)]
    # A place typed by its name ("bladder", "rear end", "saddle") says where it hurts, not what
    # happened there or what fails there: those features come only from words said about it.
    named = [p for p in apart if key(p) in ds.place_index]
    apart = [p for p in apart if p not in named]
    found = findings([*apart, *activities], area_ids, ds, age_texts=told, place_names=named)
    extra = {k: v for k, v in place_word_features(places, ds).items() if k not in found.denied}
    if extra:
        found = replace(found, present={**extra, **found.present})
    return found


def _most_urgent(w: RedFlagWarning) -> tuple[int, str]:
    return _ORDER[w.urgency], w.id


# --- step 4: signs together ---------------------------------------------------------------------
# The rules name presentations one by one; people describe them in ways no rule foresaw. Two logistic
# models over the features the words show now, every pair of them and the age band, fitted on the
# development halves of the red-flag evaluation sets (benchmarks/redflag_model.py), say how much the
# signs together look like the emergencies there, and like the dangerous presentations of any
# urgency, rather than the ordinary pains that share their words. Only the features count, never
# the wording, so what they weigh can be named.

MODEL_FILE = Path(__file__).with_name("redflag_model.json")
TOGETHER_ID = "several-warning-signs"
TOGETHER_TITLE = "Several warning signs together"
TOGETHER_ABOUT = (
    "Beside the rules: when the signs the words show, taken together, look much more like the"
    " dangerous presentations painmap was checked against than like ordinary aches, and no rule has"
    " warned as urgently (two models fitted on painmap's development cases; the README tells how)."
)


def model_features(found: Findings) -> frozenset[str]:
    """The model's inputs for what the words say: each feature present, each pair of them, and the
    age band when an age is given."""
    present = sorted(found.present)
    pairs = (f"{a}+{b}" for i, a in enumerate(present) for b in present[i + 1 :])
    band = () if found.age is None else (f"age:{_age_band(found.age)}",)
    return frozenset((*(f"f:{f}" for f in present), *(f"p:{p}" for p in pairs), *band))


def _age_band(age: int) -> str:
    return "child" if age < 16 else "older" if age >= 65 else "50s" if age >= 50 else "adult"


def _model() -> dict[str, Any] | None:
    if not _MODEL:
        from painmap.files import read_shipped

        doc = read_shipped(MODEL_FILE)
        try:
            ok = all(isinstance(doc["models"][k]["weights"], dict) for k in _LEVELS)
            _MODEL.append(doc["models"] if ok else None)
        except (AttributeError, KeyError, TypeError):
            _MODEL.append(None)
    return _MODEL[0]


_MODEL: list[dict[str, Any] | None] = []
#: the model's two questions, most urgent first: is this an emergency; is it dangerous at all
_LEVELS = {"emergency": Urgency.EMERGENCY, "danger": Urgency.URGENT}


def together_chance(found: Findings, level: str = "danger") -> tuple[float, list[tuple[float, str]]]:
    """How much the signs together look like a dangerous presentation ("danger") or like one that
    needs emergency care ("emergency"), from 0 to 1, and the features that weigh for it, heaviest
    first."""
    models = _model()
    if models is None:
        return 0.0, []
    return _chance(models[level], sorted(model_features(found)))


def _chance(model: dict[str, Any], inputs: list[str]) -> tuple[float, list[tuple[float, str]]]:
    """`together_chance` for inputs in one order of summing, whatever the string hashes."""
    weights: dict[str, float] = model["weights"]
    z = float(model["bias"]) + sum(weights.get(x, 0.0) for x in inputs)
    chance = 1 / (1 + math.exp(-max(-40.0, min(40.0, z))))
    own = [(weights[x], x[2:]) for x in inputs if x.startswith("f:") and weights.get(x, 0.0) > 0]
    return chance, sorted(own, reverse=True)


def signs_together(
    found: Findings, warnings: tuple[RedFlagWarning, ...], ds: Dataset
) -> RedFlagWarning | None:
    """A warning when the signs together look like an emergency, or like a dangerous presentation,
    and no rule has already warned as urgently."""
    models = _model()
    if models is None or _a_period_explains(found, ds):
        return None
    worst = min((_ORDER[w.urgency] for w in warnings), default=len(_ORDER))
    inputs = sorted(model_features(found))  # the same for both models: made once
    for level, urgency in _LEVELS.items():
        if _ORDER[urgency] >= worst:
            return None  # a rule warns as urgently already
        chance, weighing = _chance(models[level], inputs)
        if chance >= float(models[level]["threshold"]):
            return _together_warning(found, urgency, weighing, ds)
    return None


def _a_period_explains(found: Findings, ds: Dataset) -> bool:
    """Period cramps with feeling faint, dizzy, clammy or sick and nothing else: a common picture
    (dizziness and nausea are among the usual symptoms of painful periods, and a vasovagal faint can
    come with the cramps), not signs together. The rules still judge them (a late period, a
    pregnancy, one-sided pain); this only keeps the model of signs together from adding a warning."""
    present = found.present
    if "menstrual" not in present or _PREGNANCY_SIGNS & present.keys():
        return False
    where = {f.id for f in ds.redflag_file.features if f.places or f.place_words} | _NOT_SIGNS
    return all(f in where or f in _PERIOD_SIGNS for f in present)


_PERIOD_SIGNS = frozenset({"menstrual", "cramp", "faint", "dizzy", "sweating", "nausea", "severe", "lasting"})
_PREGNANCY_SIGNS = frozenset({"pregnant", "late-period", "vaginal-bleeding"})


def _together_warning(
    found: Findings, urgency: Urgency, weighing: list[tuple[float, str]], ds: Dataset
) -> RedFlagWarning:
    # the signs by their names; where it hurts, sex and age are part of the weighing, not signs
    where = {f.id for f in ds.redflag_file.features if f.places or f.place_words} | _NOT_SIGNS
    names = {f.id: f.name for f in ds.redflag_file.features}
    signs = [f for _, f in weighing if f not in where][:4]
    who = next((_WHO[f] for _, f in weighing if f in _WHO), "")
    if urgency == Urgency.EMERGENCY:
        advice = (
            "Get medical help now: call emergency services or go to an emergency department. If you"
            " are unsure, call an urgent-care line (NHS 111 in England) and describe every sign."
        )
        like = "the emergencies"
    else:
        advice = (
            "See a doctor today: call your GP surgery or an urgent-care line (NHS 111 in England) for a"
            " same-day assessment, and describe every sign. Call emergency services if it gets worse."
        )
        like = "the serious presentations"
    return RedFlagWarning(
        id=TOGETHER_ID,
        title=TOGETHER_TITLE,
        urgency=urgency,
        advice=advice,
        why=(
            f"No rule here warns as urgently on its own, but these signs together{who} look much more"
            f" like {like} painmap was checked against than like ordinary aches:"
            f" {'; '.join(names.get(f, f) for f in signs) or 'see the words below'}."
        ),
        matched=tuple(dict.fromkeys(found.present[f] for _, f in weighing if f not in _SEX)),
    )


_WHO = {"child": " in a child", "older-adult": " in someone older"}
_NOT_SIGNS = _SEX | set(_WHO) | {"sided-limb"}  # whom it is about, and which side: no sign in itself


def rules(ds: Dataset) -> tuple[RedFlagRule, ...]:
    return tuple(sorted(ds.redflags, key=lambda r: (_ORDER[r.urgency], r.id)))
