"""Red-flag rules: find presentations that need medical care before any muscle is considered.

Rules match on the words people type, not only clinical terms. Both the rule's phrases and the
query are reduced to word stems (case, punctuation, plurals, -ing/-ed/-ness endings and filler
words dropped), and a phrase is met when all its stems occur anywhere in the query, in any order.
A word right after "no", "without" or "never" is not counted, so "no fever" does not fire.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from painmap.dataset import Dataset
from painmap.models import Query, RedFlagRule, RedFlagTrigger, RedFlagWarning, Urgency
from painmap.text import words

_NEGATIONS = frozenset({"no", "without", "never", "denie", "deny"})
_SUFFIXES = ("ness", "ing", "ed", "ly")
_ORDER = {Urgency.EMERGENCY: 0, Urgency.URGENT: 1, Urgency.SOON: 2}


@cache
def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def stems(text: str, *, negated: bool = False) -> frozenset[str]:
    """The stems of `text`'s meaningful words, leaving out negated ones unless `negated`."""
    out: set[str] = set()
    negate = False
    for word in words(text):
        if word in _NEGATIONS:
            negate = True
            if negated:
                out.add(word)
            continue
        if negated or not negate:
            out.add(stem(word))
        negate = False
    return frozenset(out)


@cache
def _phrase(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))


def evaluate(query: Query, ds: Dataset) -> tuple[RedFlagWarning, ...]:
    """The warnings whose rules the query sets off, most urgent first."""
    texts = [a.input for a in query.areas] + [a.name for a in query.areas]
    texts += list(query.symptoms) + list(query.activities)
    # A phrase that itself says "no ..." ("no position helps") is met against the words as typed.
    said = _Said(
        frozenset().union(*(stems(t) for t in texts)),
        frozenset().union(*(stems(t, negated=True) for t in texts)),
    )
    area_ids = {a.id for a in query.areas}
    found: list[RedFlagWarning] = []
    for rule in ds.redflags:
        for trigger in rule.triggers:
            matched = _fires(trigger, said, area_ids, ds)
            if matched is not None:
                found.append(
                    RedFlagWarning(
                        id=rule.id,
                        title=rule.title,
                        urgency=rule.urgency,
                        advice=rule.advice,
                        why=rule.why,
                        matched=matched,
                    )
                )
                break
    return tuple(sorted(found, key=lambda w: _ORDER[w.urgency]))


class _Said(NamedTuple):
    plain: frozenset[str]
    with_negations: frozenset[str]

    def has(self, phrase: str) -> bool:
        wanted = _phrase(phrase)
        return bool(wanted) and wanted <= (self.with_negations if wanted & _NEGATIONS else self.plain)


def _fires(trigger: RedFlagTrigger, said: _Said, area_ids: set[str], ds: Dataset) -> tuple[str, ...] | None:
    """The phrases and areas that make `trigger` fire, or None when it does not."""
    if any(said.has(p) for p in trigger.none_of):
        return None
    matched: list[str] = []
    if trigger.areas:
        hits = area_ids & _related(trigger.areas, ds)
        if not hits:
            return None
        matched += [ds.places[a].name.lower() for a in sorted(hits)]
    for group in trigger.all_terms:
        if not _group_words(group) & said.with_negations:
            return None  # no phrase of the group can be met: skip testing them one by one
        phrase = next((p for p in group if said.has(p)), None)
        if phrase is None:
            return None
        matched.append(phrase)
    return tuple(matched) if matched else None


@cache
def _group_words(group: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_phrase(p) for p in group))


def _related(rule_areas: tuple[str, ...], ds: Dataset) -> frozenset[str]:
    """The areas that count as one of `rule_areas`: each, what lies inside it, what contains it."""
    memo_key = ("redflag_areas", rule_areas)
    found = ds.memo.get(memo_key)
    if found is None:
        masks = [ds.places[r].mask for r in rule_areas]
        found = frozenset(
            p.id for p in ds.places.values() for m in masks if p.mask & m in (p.mask, m)
        )
        ds.memo[memo_key] = found
    return found  # type: ignore[return-value]


def rules(ds: Dataset) -> tuple[RedFlagRule, ...]:
    return tuple(sorted(ds.redflags, key=lambda r: (_ORDER[r.urgency], r.id)))
