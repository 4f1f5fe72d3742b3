"""Plain, colourless text for pipes and NO_COLOR. Pure functions from results to strings."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from painmap.atlas import Place
from painmap.dataset import Dataset
from painmap.models import DISCLAIMER, MatchResult, Muscle, RedFlagRule, RedFlagWarning
from painmap.render.page import (
    muscle_heading,
    muscle_sections,
    query_notes,
    query_summary,
    rank_label,
    reason_line,
    score_label,
    warning_lines,
)

WIDTH = 88


def _wrap(text: str, indent: str, first: str | None = None) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent
    )


def warnings_text(warnings: Iterable[RedFlagWarning]) -> str:
    """Each warning in a box of !, so that it stands out in a pipe or a log."""
    out: list[str] = []
    for warning in warnings:
        head, body = warning_lines(warning)
        out += ["!" * WIDTH, _wrap(head, "!! ", "!! "), _wrap(body, "!! "), "!" * WIDTH, ""]
    return "\n".join(out)


def match_text(result: MatchResult) -> str:
    out: list[str] = []
    if result.warnings:
        out.append(warnings_text(result.warnings))
    out.append(_wrap(query_summary(result), "  ", ""))
    out += [_wrap(note, "  ", "") for note in query_notes(result)]
    out.append("")
    for m in result.matches:
        side = f", {m.side.value} side" if m.side and result.query.side is None else ""
        out.append(f"{rank_label(m):>3}. {m.name} ({m.id})  {score_label(m)}{side}")
        out += [_wrap(reason_line(m, i), "         ", "       ") for i in range(len(m.reasons))]
    if result.matches:
        out += ["", f"Read more: painmap show {result.matches[0].id}"]
    else:
        out.append("No muscle in the dataset refers pain there.")
    if result.warnings and result.matches:
        # Again after the list, so a long list never scrolls the warning out of sight.
        out += ["", warnings_text(result.warnings).rstrip()]
    out += ["", _wrap(result.disclaimer, "")]
    return "\n".join(out)


def show_text(muscle: Muscle, ds: Dataset, body_map: str | None = None) -> str:
    heading = muscle_heading(muscle)
    out = [heading, "=" * min(len(heading), WIDTH), f"Region: {muscle.region.value}"]
    if muscle.part_of:
        out.append(f"Part of: {muscle.part_of}")
    if body_map:
        out += ["", body_map]
    for section in muscle_sections(muscle, ds):
        out += ["", section.title.upper()]
        for line in section.lines:
            out.append(_wrap(line, "    ", "  - ") if section.bullets else _wrap(line, "  "))
    out += ["", _wrap(DISCLAIMER, "")]
    return "\n".join(out)


def list_text(muscles: Iterable[Muscle]) -> str:
    rows = [(m.id, m.name, m.region.value) for m in muscles]
    width = max((len(r[0]) for r in rows), default=2)
    return "\n".join(f"{i:<{width}}  {name}  [{region}]" for i, name, region in rows)


def areas_text(places: Iterable[Place], roots: tuple[str, ...], children: dict[str, tuple[str, ...]]) -> str:
    by_id = {p.id: p for p in places}
    out: list[str] = []

    def walk(place_id: str, depth: int) -> None:
        place = by_id[place_id]
        also = f"  (also: {', '.join(place.synonyms)})" if place.synonyms else ""
        out.append(_wrap(f"{place.name} [{place.id}]{also}", "  " * depth + "      ", "  " * depth))
        for child in children.get(place_id, ()):
            walk(child, depth + 1)

    for place_id in roots:
        walk(place_id, 0)
    return "\n".join(out)


def redflags_text(rules: Iterable[RedFlagRule]) -> str:
    out: list[str] = []
    for rule in rules:
        out += [f"[{rule.urgency.value}] {rule.title} ({rule.id})", _wrap(rule.advice, "    "), ""]
    from painmap.redflags import TOGETHER_ABOUT, TOGETHER_ID, TOGETHER_TITLE

    out += [f"[emergency or urgent] {TOGETHER_TITLE} ({TOGETHER_ID})", _wrap(TOGETHER_ABOUT, "    ")]
    return "\n".join(out).rstrip()
