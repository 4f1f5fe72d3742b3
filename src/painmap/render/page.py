"""What each human-readable page says, independent of how it is drawn (plain text or Rich)."""

from __future__ import annotations

from collections.abc import Iterable

from painmap.dataset import Dataset
from painmap.frozen import frozen
from painmap.models import MatchResult, Muscle, MuscleMatch, RedFlagWarning, ResolvedArea, TriggerPoint
from painmap.scoring import describe_cells


@frozen
class Section:
    title: str
    lines: tuple[str, ...]
    bullets: bool = True


def _point_line(point: TriggerPoint, ds: Dataset) -> str:
    if point.pattern is None or not point.pattern.essential:
        return point.where
    where = describe_cells(ds.atlas.cells_of(point.pattern.essential), ds, most=3, preposition="to")
    return f"{point.where} (sends pain mainly {where})"


def muscle_sections(muscle: Muscle, ds: Dataset) -> list[Section]:
    """The reference page of one muscle, section by section."""
    associated = tuple(f"{ds.muscles[a].name} (painmap show {a})" for a in muscle.associated_muscles)
    sections = [
        Section(
            "Where it sends pain",
            (
                muscle.referral,
                f"Main zone: {describe_cells(ds.patterns[muscle.id].essential, ds, most=5)}",
                "Wider zone (in some people): "
                + (
                    describe_cells(ds.patterns[muscle.id].spillover, ds, most=5)
                    if ds.patterns[muscle.id].spillover
                    else "none"
                ),
            ),
            bullets=False,
        ),
        Section("Trigger points", tuple(_point_line(p, ds) for p in muscle.trigger_points)),
        Section("What you may notice", muscle.symptoms),
        Section("What sets it off or keeps it going", muscle.activities),
        Section("Conditions it mimics or contributes to", muscle.conditions),
    ]
    if muscle.serious_mimics:
        sections.append(
            Section(
                "Rule these out first", tuple(f"{s.condition}: {s.rule_out}" for s in muscle.serious_mimics)
            )
        )
    sections += [
        Section(
            "Where it is",
            (
                muscle.location,
                f"Origin: {muscle.origin}",
                f"Insertion: {muscle.insertion}",
                f"Nerve: {muscle.innervation}",
            ),
            bullets=False,
        ),
        Section("What it does", muscle.actions),
        Section("Self-care", muscle.self_care),
    ]
    if muscle.avoid:
        sections.append(Section("Avoid", muscle.avoid))
    if muscle.facts:
        sections.append(Section("Worth knowing", muscle.facts))
    if associated:
        sections.append(Section("Check these too", associated))
    sections.append(Section("Sources", muscle.sources))
    return sections


def muscle_heading(muscle: Muscle) -> str:
    extra = f"; also called {', '.join(muscle.aliases)}" if muscle.aliases else ""
    return f"{muscle.name} ({muscle.id}){extra}"


def place_label(area: ResolvedArea) -> str:
    """A place as the person named it, with its side: "left hip", "breastbone"."""
    return f"{area.side.value} {area.name.lower()}" if area.side else area.name.lower()


def place_names(areas: Iterable[ResolvedArea]) -> str:
    """The places named, in one line: "left hip, right knee"."""
    return ", ".join(place_label(a) for a in areas)


def query_summary(result: MatchResult) -> str:
    """The query as painmap understood it, in one paragraph."""
    q = result.query
    places = []
    for area in q.areas:
        shown = place_label(area)
        plain_name = area.how == "exact" or area.input.strip().lower() in (area.name.lower(), area.id)
        places.append(shown if plain_name else f"{shown} (from {area.input!r})")
    text = (
        "Pain at: " + "; ".join(places)
        if places
        else "No place given: ranked by symptoms and activities alone"
    )
    if q.symptoms:
        text += ". Symptoms: " + "; ".join(q.symptoms)
    if q.activities:
        text += ". Brought on by: " + "; ".join(q.activities)
    return text + "."


def query_notes(result: MatchResult) -> list[str]:
    """What painmap could not use: words it did not understand, texts that meet no record."""
    notes = []
    if result.query.ignored:
        notes.append("Not understood: " + ", ".join(result.query.ignored))
    if result.query.unmatched:
        notes.append("Matches no muscle's record: " + "; ".join(result.query.unmatched))
    return notes


def rank_label(match: MuscleMatch) -> str:
    """'3' or, for a tie, '=3'."""
    return f"={match.rank}" if match.tied else str(match.rank)


def score_label(match: MuscleMatch) -> str:
    return f"{match.score:.0%} of the evidence" if match.score >= 0.005 else "<1% of the evidence"


def reason_line(match: MuscleMatch, index: int) -> str:
    reason = match.reasons[index]
    sign = "-" if reason.kind == "unexplained" or reason.weight < 0 else "+"
    return f"{sign} {reason.detail}"


def warning_lines(warning: RedFlagWarning) -> tuple[str, str]:
    head = f"{warning.urgency.value.upper()}: {warning.title}"
    return head, f"{warning.advice} ({warning.why})"
