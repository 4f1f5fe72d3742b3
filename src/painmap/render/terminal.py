"""Rich renderables for a terminal. Imported only when stdout is a terminal without NO_COLOR.

Tables and trees are imported by the views that draw them: a muscle's page needs neither (rich.table
alone brings in fractions and decimal)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from painmap.atlas import Place
from painmap.dataset import Dataset
from painmap.models import DISCLAIMER, MatchResult, Muscle, RedFlagRule, RedFlagWarning, Urgency
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

_URGENCY_STYLE = {
    Urgency.EMERGENCY: "bold white on red",
    Urgency.URGENT: "bold black on yellow",
    Urgency.SOON: "bold black on cyan",
}


def warnings_view(warnings: Iterable[RedFlagWarning]) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for warning in warnings:
        head, body = warning_lines(warning)
        parts.append(
            Panel(
                Text(body),
                title=Text(f" {head} ", style=_URGENCY_STYLE[warning.urgency]),
                border_style="red",
                expand=True,
            )
        )
    return parts


def warnings_group(warnings: Iterable[RedFlagWarning]) -> RenderableType:
    return Group(*warnings_view(warnings))


def match_view(result: MatchResult) -> RenderableType:
    parts: list[RenderableType] = warnings_view(result.warnings)
    parts.append(Text(query_summary(result), style="bold"))
    parts += [Text(note, style="yellow") for note in query_notes(result)]
    if result.matches:
        from rich.table import Table

        table = Table(show_lines=True, expand=True)
        table.add_column("#", justify="right", style="bold")
        table.add_column("Muscle", ratio=2)
        table.add_column("Evidence", justify="right")
        table.add_column("Why", ratio=5)
        for m in result.matches:
            why = "\n".join(reason_line(m, i) for i in range(len(m.reasons)))
            table.add_row(
                rank_label(m),
                Text.assemble((m.name, "bold"), "\n", (m.id, "dim")),
                score_label(m).replace(" of the evidence", ""),
                why,
            )
        parts.append(table)
        parts.append(Text(f"Read more: painmap show {result.matches[0].id}", style="dim"))
    else:
        parts.append(Text("No muscle in the dataset refers pain there.", style="yellow"))
    if result.warnings and result.matches:
        # Again after the list: a long table must not scroll the warning off the screen.
        parts += warnings_view(result.warnings)
    parts.append(Text(result.disclaimer, style="italic dim"))
    return Group(*parts)


def show_view(muscle: Muscle, ds: Dataset, body_map: RenderableType | None = None) -> RenderableType:
    sub = f"{muscle.region.value}" + (f" · part of {muscle.part_of}" if muscle.part_of else "")
    parts: list[RenderableType] = [
        Panel(Text(sub), title=Text(muscle_heading(muscle), style="bold"), title_align="left")
    ]
    if body_map is not None:
        parts.append(body_map)
    for section in muscle_sections(muscle, ds):
        style = "bold red" if section.title.startswith("Rule these out") else "bold cyan"
        body = "\n".join(f"• {line}" if section.bullets else line for line in section.lines)
        parts.append(Text(section.title, style=style))
        parts.append(Text(body + "\n"))
    parts.append(Text(DISCLAIMER, style="italic dim"))
    return Group(*parts)


def titled(title: str, body: RenderableType) -> RenderableType:
    return Group(Text(title, style="bold"), body)


# Room the table needs beside the id column: borders and padding, and a few columns for the others.
_LIST_TABLE_EXTRA = 30


def list_fits(muscles: Iterable[Muscle], width: int) -> bool:
    """Whether list_view's table fits `width` columns with every id whole."""
    return max((len(m.id) for m in muscles), default=2) + _LIST_TABLE_EXTRA <= width


def list_view(muscles: Iterable[Muscle]) -> RenderableType:
    muscles = list(muscles)
    # The id is what people type into `show`: it keeps its full width whatever the terminal's,
    # and the other columns wrap (folding long words) into what is left.
    from rich.table import Table

    table = Table(expand=False)
    longest = max((len(m.id) for m in muscles), default=2)
    table.add_column("id", style="bold", no_wrap=True, min_width=longest)
    table.add_column("name", overflow="fold")
    table.add_column("region", style="dim", overflow="fold")
    for m in muscles:
        table.add_row(m.id, m.name, m.region.value)
    return table


def areas_view(
    places: Iterable[Place], roots: tuple[str, ...], children: dict[str, tuple[str, ...]]
) -> RenderableType:
    by_id = {p.id: p for p in places}
    from rich.tree import Tree

    root = Tree("Places on the body", guide_style="dim")

    def label(place: Place) -> Text:
        text = Text.assemble((place.name, "bold"), (f" [{place.id}]", "dim"))
        if place.synonyms:
            text.append(f"  {', '.join(place.synonyms)}", style="italic")
        return text

    def walk(place_id: str, node: Tree) -> None:
        branch = node.add(label(by_id[place_id]))
        for child in children.get(place_id, ()):
            walk(child, branch)

    for place_id in roots:
        walk(place_id, root)
    return root


def redflags_view(rules: Iterable[RedFlagRule]) -> RenderableType:
    from rich.table import Table

    table = Table(show_lines=True, expand=True)
    table.add_column("urgency")
    table.add_column("rule", ratio=2)
    table.add_column("advice", ratio=4)
    for rule in rules:
        table.add_row(
            Text(rule.urgency.value, style=_URGENCY_STYLE[rule.urgency]),
            Text.assemble((rule.title, "bold"), "\n", (rule.id, "dim")),
            rule.advice,
        )
    from painmap.redflags import TOGETHER_ABOUT, TOGETHER_ID, TOGETHER_TITLE

    table.add_row(
        Text("emergency or urgent", style=_URGENCY_STYLE[Urgency.EMERGENCY]),
        Text.assemble((TOGETHER_TITLE, "bold"), "\n", (TOGETHER_ID, "dim")),
        TOGETHER_ABOUT,
    )
    return table
