"""A body map for the terminal: the front and back figures rasterised into a grid of characters.

Drawn from the atlas cells, like the SVG pictures: the whole-body front and back views, with a
hand, foot or face shaded when the pattern lies in its close-up. Main and wider zones use different
characters, so the map reads without colour (NO_COLOR, pipes). Sides are honoured: a pattern or a
place on one side is drawn on that side only.
"""

from __future__ import annotations

import math
from itertools import compress, repeat
from operator import itemgetter, ne, sub, truediv
from typing import TYPE_CHECKING, Literal

from painmap.atlas import Atlas, Polygon
from painmap.dataset import Dataset
from painmap.shapes import placed_outline, polygons, zoom_pieces

if TYPE_CHECKING:
    from rich.text import Text

BODY_CHAR = "·"
PRIMARY_CHAR = "█"
SPILLOVER_CHAR = "░"
LEGEND = f"{PRIMARY_CHAR} main zone   {SPILLOVER_CHAR} wider zone   {BODY_CHAR} body"
MARKED_LEGEND = f"{PRIMARY_CHAR} where you said it hurts   {BODY_CHAR} body"
VIEWS = ("front", "back")

#: default grid per view; a terminal cell is about twice as tall as it is wide
COLUMNS = 32
ROWS = 36
_SUB = 3  # samples per cell side: a small zone still marks the cell it touches
_BODY_SAMPLES = 4  # of the _SUB * _SUB samples, how many must lie on the body for a body cell
_GAP = "    "
_Y = itemgetter(1)

Cell = Literal[" ", "b", "s", "p"]
_CHARS: dict[str, str] = {" ": " ", "b": BODY_CHAR, "s": SPILLOVER_CHAR, "p": PRIMARY_CHAR}


def body_map_text(
    primary: int,
    spillover: int,
    ds: Dataset,
    *,
    side: str | None = None,
    marked: tuple[tuple[int, str | None], ...] = (),
    legend: str = LEGEND,
    columns: int = COLUMNS,
    rows: int = ROWS,
) -> str:
    """The map as plain text: a header, the two views side by side, and a legend line.

    `primary` and `spillover` are bit sets of base cells; `side` ("r", "l") draws them on one side only.
    """
    lines = _lines(primary, spillover, ds, side, marked, legend, columns, rows)
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def body_map_rich(
    primary: int,
    spillover: int,
    ds: Dataset,
    *,
    side: str | None = None,
    marked: tuple[tuple[int, str | None], ...] = (),
    legend: str = LEGEND,
    columns: int = COLUMNS,
    rows: int = ROWS,
) -> Text:
    """The same map as a Rich Text: primary cells red, spillover cells a light red."""
    from rich.text import Text

    styles = {"p": "bold red", "s": "rgb(255,150,150)", "b": "grey50", "label": "bold", "": ""}
    out = Text(no_wrap=True, overflow="crop")
    for i, line in enumerate(_lines(primary, spillover, ds, side, marked, legend, columns, rows)):
        if i:
            out.append("\n")
        for text, kind in line:
            out.append(text, style=styles[kind])
    return out


def rasterise(
    atlas: Atlas,
    view: str,
    primary: int,
    spillover: int,
    side: str | None,
    columns: int,
    rows: int,
    marked: tuple[tuple[int, str | None], ...] = (),
) -> list[list[Cell]]:
    """One view as rows of cells: ' ' outside the body, 'b' body, 's' spillover, 'p' primary."""
    vm = atlas.views[view]
    sx, sy = vm.width / (columns * _SUB), vm.height / (rows * _SUB)
    outline = [p for _, copies in placed_outline(atlas, vm) for subs in copies for p in polygons(subs)]
    body = _coverage(outline, sx, sy, columns, rows)
    spill = _coverage(_polygons(atlas, spillover, side, view), sx, sy, columns, rows)
    prim_polys = _polygons(atlas, primary, side, view)
    for mask, marked_side in marked:
        prim_polys += _polygons(atlas, mask, marked_side, view)
    prim = _coverage(prim_polys, sx, sy, columns, rows)
    grid: list[list[Cell]] = []
    for r in range(rows):
        row: list[Cell] = []
        for inside, p, s in zip(body[r], prim[r], spill[r], strict=True):
            is_body = inside.bit_count() >= _BODY_SAMPLES
            # A zone counts only where it overlaps the body, as the SVG clips it; a zone that covers
            # several samples marks the cell even at the body's edge, so small zones do not vanish.
            if _marks(inside & p, is_body):
                row.append("p")
            elif _marks(inside & s, is_body):
                row.append("s")
            elif is_body:
                row.append("b")
            else:
                row.append(" ")
        grid.append(row)
    return grid


def _marks(samples: int, is_body: bool) -> bool:
    return samples != 0 and (is_body or samples.bit_count() >= 2)


def _lines(
    primary: int,
    spillover: int,
    ds: Dataset,
    side: str | None,
    marked: tuple[tuple[int, str | None], ...],
    legend: str,
    columns: int,
    rows: int,
) -> list[list[tuple[str, str]]]:
    """The map as lines of (text, kind) runs; kind is a cell kind, "label" or "" (plain)."""
    atlas = ds.atlas
    views = {
        v: [
            [(_CHARS[c], str(c)) for c in row]
            for row in rasterise(atlas, v, primary, spillover, side, columns, rows, marked)
        ]
        for v in VIEWS
    }
    # Rows blank in both views (above the head, below the feet) are dropped.
    used = [r for r in range(rows) if any(k != " " for v in VIEWS for _, k in views[v][r])]
    # The person's right is on the viewer's left in the front view and on the viewer's right behind.
    sides = {"front": ("R", "L"), "back": ("L", "R")}
    side_row = round(rows * 0.17)
    header: list[tuple[str, str]] = []
    for i, view in enumerate(VIEWS):
        header.append((_GAP if i else "", ""))
        header.append((f" {view.capitalize():^{columns}} ", "label"))
    lines = [header]
    for r in range(used[0], used[-1] + 1) if used else ():
        line: list[tuple[str, str]] = []
        for i, view in enumerate(VIEWS):
            left, right = sides[view] if r == side_row else (" ", " ")
            line.append(((_GAP if i else "") + left, "label"))
            for char, cell in views[view][r]:
                kind = "" if cell == " " else cell
                if line[-1][1] == kind:
                    line[-1] = (line[-1][0] + char, kind)
                else:
                    line.append((char, kind))
            line.append((right, "label"))
        lines.append(line)
    lines.append([("R/L: the person's right and left.  " + legend, "")])
    return [_rstrip(line) for line in lines]


def _rstrip(line: list[tuple[str, str]]) -> list[tuple[str, str]]:
    while line and not line[-1][0].rstrip():
        line = line[:-1]
    if line:
        line[-1] = (line[-1][0].rstrip(), line[-1][1])
    return line


def _polygons(atlas: Atlas, mask: int, side: str | None, view: str) -> list[Polygon]:
    """The cells of `mask` drawn in `view`, and the close-up pieces (a hand, a foot) standing in for
    cells drawn only in their close-up."""
    vm = atlas.views[view]
    out = [c.polygon for c in atlas.shaded(mask, side, view)]
    for subs in zoom_pieces(atlas, vm, mask, side):
        out += polygons(subs)
    return out


def _coverage(polygons: list[Polygon], sx: float, sy: float, columns: int, rows: int) -> list[list[int]]:
    """Per cell, a bit mask of which of its _SUB x _SUB sample points lie inside any polygon.

    Scanline test: for each sample row, the x positions where polygon edges cross it; a sample is
    inside a polygon when an odd number of crossings lie to its left.
    """
    limit = rows * _SUB
    # Per sample row, one bit per sample column inside any polygon: a run of samples is set at once.
    lines = [0] * limit
    heights = [(sr + 0.5) * sy for sr in range(limit)]  # each sample row's y, worked out once
    for poly in polygons:
        # Each edge adds its crossing to the sample rows it spans (half-open, so a vertex on a row
        # counts once), which is far cheaper than testing every edge against every row.
        crossings: dict[int, list[float]] = {}
        # The first sample row at or below each vertex (ceil(y / sy - 0.5), worked out in C): an edge
        # whose two ends share it crosses no row, as do most edges of a traced curve, and is passed
        # over without further work.
        starts = list(map(math.ceil, map(sub, map(truediv, map(_Y, poly), repeat(sy)), repeat(0.5))))
        ends = (*starts[1:], starts[0])
        # the edges that cross a row, picked out in C: a traced outline has thousands that do not
        for i in compress(range(len(poly)), map(ne, starts, ends)):
            k0, k1 = starts[i], ends[i]
            (x0, y0), (x1, y1) = poly[i], poly[i + 1 - len(poly)]
            low, high = (y0, y1) if y0 < y1 else (y1, y0)
            slope = (x1 - x0) / (y1 - y0)
            if k0 > k1:
                k0, k1 = k1, k0
            for sr in range(k0 if k0 > 0 else 0, k1 if k1 < limit else limit):
                y = heights[sr]
                if low <= y < high:
                    found = crossings.get(sr)
                    if found is None:
                        crossings[sr] = [x0 + (y - y0) * slope]
                    else:
                        found.append(x0 + (y - y0) * slope)
        for sr, found in crossings.items():
            xs = sorted(found)
            for left, right in zip(xs[::2], xs[1::2], strict=False):
                first = max(0, math.floor(left / sx - 0.5) + 1)
                last = min(columns * _SUB - 1, math.ceil(right / sx - 0.5) - 1)
                if first <= last:
                    lines[sr] |= (1 << (last + 1)) - (1 << first)
    cover = [[0] * columns for _ in range(rows)]
    cell = (1 << _SUB) - 1
    for sr, line in enumerate(lines):
        if not line:
            continue
        r, bit_row = divmod(sr, _SUB)
        row = cover[r]
        lowest = (line & -line).bit_length() - 1
        for c in range(lowest // _SUB, (line.bit_length() - 1) // _SUB + 1):
            row[c] |= (line >> (c * _SUB) & cell) << (bit_row * _SUB)
    return cover
