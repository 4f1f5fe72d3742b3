"""What each human-readable page says, independent of how it is drawn (plain text or Rich)."""

from __future__ import annotations

from dataclasses import dataclass

from painmap.dataset import Dataset
from painmap.models import MatchResult, Muscle, MuscleMatch, RedFlagWarning


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]
    bullets: bool = True


def zone_names(ids: tuple[str, ...], ds: Dataset) -> str:
    return ", ".join(ds.areas[i].name.lower() for i in ids) or "none"


def muscle_sections(muscle: Muscle, ds: Dataset) -> list[Section]:
    """The reference page of one muscle, section by section."""
    associated = tuple(f"{ds.muscles[a].name} (painmap show {a})" for a in muscle.associated_muscles)
    sections = [
        Section(
            "Where it sends pain",
            (
                muscle.referral,
                f"Primary zones: {zone_names(muscle.primary_zones, ds)}",
                f"Spillover zones: {zone_names(muscle.spillover_zones, ds)}",
            ),
            bullets=False,
        ),
        Section("Trigger points", muscle.trigger_points),
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


def query_summary(result: MatchResult) -> str:
    places = []
    for area in result.query.areas:
        side = f"{area.side.value} " if area.side else ""
        shown = f"{side}{area.name.lower()}"
        places.append(shown if area.how == "exact" else f"{shown} (from {area.input!r})")
    text = "Pain at: " + "; ".join(places)
    if result.query.symptoms:
        text += " | symptoms: " + "; ".join(result.query.symptoms)
    if result.query.activities:
        text += " | activities: " + "; ".join(result.query.activities)
    return text


def reason_line(match: MuscleMatch, index: int) -> str:
    reason = match.reasons[index]
    if reason.kind == "prevalence":
        text = reason.detail
    elif reason.kind == "area":
        text = f"{reason.input}: {reason.detail}"
    else:
        text = f"{reason.kind} '{reason.input}' matches \"{reason.matched}\""
    return f"{text} (+{reason.contribution:.2f})"


def warning_lines(warning: RedFlagWarning) -> tuple[str, str]:
    head = f"{warning.urgency.value.upper()}: {warning.title}"
    return head, f"{warning.advice} ({warning.why})"
