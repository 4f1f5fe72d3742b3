"""Rich renderables for a terminal. Imported only when stdout is a terminal without NO_COLOR."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from painmap.dataset import Dataset
from painmap.models import DISCLAIMER, Area, MatchResult, Muscle, RedFlagRule, RedFlagWarning, Urgency
from painmap.render.page import muscle_heading, muscle_sections, query_summary, reason_line, warning_lines

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
    if result.matches:
        table = Table(show_lines=True, expand=True)
        table.add_column("#", justify="right", style="bold")
        table.add_column("Muscle", ratio=2)
        table.add_column("Score", justify="right")
        table.add_column("Why", ratio=5)
        for m in result.matches:
            why = "\n".join(f"• {reason_line(m, i)}" for i in range(len(m.reasons)))
            table.add_row(
                str(m.rank), Text.assemble((m.name, "bold"), "\n", (m.id, "dim")), f"{m.score:.2f}", why
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


def list_view(muscles: Iterable[Muscle]) -> RenderableType:
    table = Table(expand=False)
    table.add_column("id", style="bold")
    table.add_column("name")
    table.add_column("region", style="dim")
    for m in muscles:
        table.add_row(m.id, m.name, m.region.value)
    return table


def areas_view(areas: Iterable[Area], children: dict[str, tuple[str, ...]]) -> RenderableType:
    by_id = {a.id: a for a in areas}
    root = Tree("Body areas", guide_style="dim")

    def label(area: Area) -> Text:
        text = Text.assemble((area.name, "bold"), (f" [{area.id}]", "dim"))
        if area.synonyms:
            text.append(f"  {', '.join(area.synonyms)}", style="italic")
        return text

    def walk(area_id: str, node: Tree) -> None:
        branch = node.add(label(by_id[area_id]))
        for child in children.get(area_id, ()):
            walk(child, branch)

    for area in by_id.values():
        if area.parent is None:
            walk(area.id, root)
    return root


def redflags_view(rules: Iterable[RedFlagRule]) -> RenderableType:
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
    return table
