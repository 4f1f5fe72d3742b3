"""Body-map pictures as standalone SVG, drawn from the atlas cells.

The whole-body front and back views come first; below them, a close-up of the face, the side of the
head, a hand or a foot whenever the pattern or the places marked lie there. Main zones are solid,
wider zones hatched (so they read in black and white), the places a person marked are outlined in
blue, and trigger points are drawn as the charts draw them, an X. Sides are honoured throughout.
Pure functions returning an SVG string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field

from painmap.atlas import Atlas, Cell, View, centroid, side_code
from painmap.dataset import Dataset
from painmap.frozen import frozen
from painmap.models import MatchResult, Muscle, RedFlagWarning, Urgency
from painmap.render.page import place_names
from painmap.scoring import describe_cells
from painmap.shapes import placed, svg_path, zoom_pieces

PRIMARY_FILL = "#c8102e"
SPILLOVER_BASE = "#f7c1c6"
SPILLOVER_LINE = "#d23a4f"
MARKED_FILL = "#bcd0fb"
MARKED_STROKE = "#1d4ed8"
BODY_FILL = "#efe9e4"
BODY_STROKE = "#4a4440"
DETAIL_STROKE = "#9a8f88"
ZOOM_HINT = "#e7a1a9"
INK = "#1f1f1f"
MUTED = "#555555"

_MARGIN = 14.0
_GAP = 28.0
_SCALE = 1.4  # px per unit; the viewBox stays in view units
_FONT = "Helvetica, Arial, sans-serif"
_CLOSE_W = 130.0  # width each close-up is drawn at


# xml.sax.saxutils's escape and quoteattr, written out: importing it brings urllib.request and
# http.client along, which costs more than drawing the picture.
def escape(text: str) -> str:
    """`text` as XML character data: &, > and < as entities."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """`text` as a quoted XML attribute value (in single quotes when it holds only double ones)."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


WHOLE = ("front", "back")


@frozen
class Layers:
    """What to draw: bit sets of base cells, each on one side ("r", "l") or both (None)."""

    essential: int = 0
    spillover: int = 0
    side: str | None = None
    #: places the person marked: (bit set, side or None for both)
    marked: tuple[tuple[int, str | None], ...] = ()
    #: trigger-point locations (bit sets); drawn at their centre on the pattern's side(s)
    points: tuple[int, ...] = ()
    marked_label: str = "Where you said it hurts"
    warnings: tuple[RedFlagWarning, ...] = field(default=())


def marked_places(areas: Sequence[object], ds: Dataset) -> tuple[tuple[int, str | None], ...]:
    """The places a person named (resolved areas) as (cells, side code) for a picture."""
    return tuple((ds.places[a.id].mask, side_code(a.side)) for a in areas)  # type: ignore[attr-defined]


def match_layers(
    match: object, marked: tuple[tuple[int, str | None], ...], ds: Dataset, **extra: object
) -> Layers:
    """A matched muscle's pattern on its side, with the person's places."""
    pattern = ds.patterns[match.id]  # type: ignore[attr-defined]
    side = side_code(match.side)  # type: ignore[attr-defined]
    return Layers(pattern.essential, pattern.spillover, side, marked, pattern.points, **extra)  # type: ignore[arg-type]


def muscle_svg(muscle: Muscle, ds: Dataset, warnings: Sequence[RedFlagWarning] = ()) -> str:
    """One muscle's referral pattern, drawn on both sides with its trigger points."""
    pattern = ds.patterns[muscle.id]
    subtitle = "Trigger-point referral pattern: mainly " + describe_cells(pattern.essential, ds, most=4)
    return picture(
        muscle.name,
        Layers(pattern.essential, pattern.spillover, None, (), pattern.points, warnings=tuple(warnings)),
        ds,
        subtitle=subtitle,
    )


def match_picture(result: MatchResult, ds: Dataset) -> str:
    """A ranking's picture: the places marked, the top match's pattern on its side, the warnings."""
    marked = marked_places(result.query.areas, ds)
    names = place_names(result.query.areas) or "your symptoms"
    if not result.matches:
        return picture(f"{names}: no match", Layers(marked=marked, warnings=result.warnings), ds)
    top = result.matches[0]
    tied = [m.name for m in result.matches if m.rank == top.rank]
    title = f"{names}: " + (f"top match {top.name}" if len(tied) == 1 else "tied: " + ", ".join(tied))
    return picture(title, match_layers(top, marked, ds, warnings=result.warnings), ds)


def picture(title: str, layers: Layers, ds: Dataset, subtitle: str | None = None, legend: bool = True) -> str:
    """The standalone SVG document; `legend=False` leaves the key to the page that holds several."""
    atlas = ds.atlas
    closeups = _closeups(atlas, layers)
    body_w = 2 * atlas.views["front"].width + _GAP
    width = 2 * _MARGIN + body_w
    y = 14.0
    out: list[str] = []
    for warning in layers.warnings:
        block, h = _warning_box(warning, width, y)
        out += block
        y += h + 6
    size = min(20.0, (width - 2 * _MARGIN) / (0.62 * max(len(title), 1)))
    out.append(
        f'<text x="{_n(width / 2)}" y="{_n(y + 18)}" text-anchor="middle" font-size="{_n(size)}" '
        f'font-weight="bold" fill="{INK}">{escape(title)}</text>'
    )
    y += 24
    if subtitle:
        for line in _wrap(subtitle, 86):
            out.append(
                f'<text x="{_n(width / 2)}" y="{_n(y + 10)}" text-anchor="middle" font-size="9" '
                f'fill="{MUTED}">{escape(line)}</text>'
            )
            y += 12
    y += 16
    x = _MARGIN
    for view_id in WHOLE:
        view = atlas.views[view_id]
        out += _view_labels(view, x, y)
        out += _draw_view(atlas, view, None, layers, x, y, 1.0)
        x += view.width + _GAP
    y += atlas.views["front"].height + 10
    # Close-ups in rows of three.
    per_row = max(1, int((width - 2 * _MARGIN + 12) // (_CLOSE_W + 12)))
    for start in range(0, len(closeups), per_row):
        row = closeups[start : start + per_row]
        row_h = 0.0
        x = _MARGIN + (width - 2 * _MARGIN - len(row) * (_CLOSE_W + 12) + 12) / 2
        for view, side in row:
            scale = _CLOSE_W / view.width
            label = view.title + (f" ({'right' if side == 'r' else 'left'})" if side else "")
            out.append(
                f'<text x="{_n(x + _CLOSE_W / 2)}" y="{_n(y + 10)}" text-anchor="middle" font-size="9" '
                f'font-weight="bold" fill="{INK}">{escape(label)}</text>'
            )
            out += _draw_view(atlas, view, side, layers, x, y + 14, scale)
            row_h = max(row_h, view.height * scale + 18)
            x += _CLOSE_W + 12
        y += row_h + 6
    if legend:
        key, h = _legend(layers, _MARGIN, y + 4)
        out += key
        y += h
    height = y + _MARGIN
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width * _SCALE)}" '
        f'height="{_n(height * _SCALE)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f"font-family={quoteattr(_FONT)}>",
        f"<title>{escape(title)}</title>",
        "<defs>",
        '<pattern id="spillover-hatch" patternUnits="userSpaceOnUse" width="3" height="3" '
        'patternTransform="rotate(45)">',
        f'<rect width="3" height="3" fill="{SPILLOVER_BASE}"/>',
        f'<line x1="0" y1="0" x2="0" y2="3" stroke="{SPILLOVER_LINE}" stroke-width="1.1"/>',
        "</pattern>",
        "</defs>",
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    return "\n".join([*head, *out, "</svg>"]) + "\n"


def _closeups(atlas: Atlas, layers: Layers) -> list[tuple[View, str | None]]:
    """The close-up views (and sides) in which anything is drawn, in atlas order."""
    out: list[tuple[View, str | None]] = []
    for view in atlas.views.values():
        if view.id in WHOLE:
            continue
        sides: tuple[str | None, ...] = ("r", "l") if view.paired else (None,)
        if view.paired and layers.side is None and not layers.marked:
            sides = ("r",)  # a pattern drawn on both sides: one close-up shows it, as the charts do
        for side in sides:
            if any(_drawn(atlas, c, layers) for c in _view_cells(atlas, view, side)):
                out.append((view, side))
    return out


def _drawn(atlas: Atlas, cell: Cell, layers: Layers) -> bool:
    """Whether a cell is shaded, outlined or marked with an X in this picture."""
    bit = atlas.bit[cell.base]
    pattern = layers.essential | layers.spillover
    for point in layers.points:
        pattern |= point
    if pattern >> bit & 1 and (layers.side is None or cell.side in (layers.side, "")):
        return True
    return any(mask >> bit & 1 and (side is None or cell.side in (side, "")) for mask, side in layers.marked)


def _marked_union(layers: Layers) -> int:
    union = 0
    for mask, _ in layers.marked:
        union |= mask
    return union


def _view_cells(atlas: Atlas, view: View, side: str | None) -> list[Cell]:
    return [c for c in atlas.view_cells(view.id) if side is None or c.side == side]


def _draw_view(
    atlas: Atlas, view: View, side: str | None, layers: Layers, x: float, y: float, scale: float
) -> list[str]:
    """One view (one side of a paired close-up) translated to (x, y)."""
    mirrored = side is not None and side != view.first_side
    outline = " ".join(_outline_paths(view, mirrored))
    clip = f"clip-{view.id}-{side or 'both'}-{int(x)}-{int(y)}"
    out = [
        f'<g transform="translate({_n(x)} {_n(y)}) scale({_n(scale)})">',
        f'<clipPath id="{clip}"><path d="{outline}"/></clipPath>',
        # Stroked twice as wide, then filled over: only the outer edge of the union shows, not the
        # seams where the parts (head, neck, arms) overlap.
        f'<path d="{outline}" fill="{BODY_FILL}" stroke="{BODY_STROKE}" stroke-width="{_n(1.6 / scale)}"/>',
        f'<path d="{outline}" fill="{BODY_FILL}" stroke="none"/>',
        f'<g clip-path="url(#{clip})">',
    ]
    cells = _view_cells(atlas, view, side)
    sided = [c for c in cells if layers.side is None or c.side in (layers.side, "")]
    for cell in sided:
        bit = atlas.bit[cell.base]
        if layers.essential >> bit & 1:
            out.append(_poly(cell, PRIMARY_FILL, None))
        elif layers.spillover >> bit & 1:
            out.append(_poly(cell, "url(#spillover-hatch)", None))
    if view.id in WHOLE:
        out += _zoom_hints(atlas, view, layers)
    for mask, marked_side in layers.marked:
        for cell in cells:
            if mask >> atlas.bit[cell.base] & 1 and (marked_side is None or cell.side in (marked_side, "")):
                out.append(
                    f'<polygon points="{_points(cell.polygon)}" fill="{MARKED_FILL}" fill-opacity="0.45" '
                    f'stroke="{MARKED_STROKE}" stroke-width="{_n(0.9 / scale)}" stroke-dasharray="2 1.2"/>'
                )
    out.append("</g>")
    for detail in view.details:
        for subs in placed(detail, view.width):
            d = svg_path(subs if not mirrored else tuple(s.mirrored(view.width) for s in subs))
            out.append(
                f'<path d="{d}" fill="none" stroke="{DETAIL_STROKE}" stroke-width="{_n(0.5 / scale)}"/>'
            )
    for point in layers.points:
        spots = [c for c in sided if point >> atlas.bit[c.base] & 1]
        for spot_side in sorted({c.side for c in spots}):
            here = [c for c in spots if c.side == spot_side]
            cx = sum(centroid(c.polygon)[0] for c in here) / len(here)
            cy = sum(centroid(c.polygon)[1] for c in here) / len(here)
            r = 3.2 / max(scale, 0.6) if view.id in WHOLE else 5.0
            out.append(_cross(cx, cy, r, scale))
    out.append("</g>")
    return out


def _outline_paths(view: View, mirrored: bool) -> list[str]:
    out = []
    for part in view.outline:
        for subs in placed(part, view.width):
            out.append(svg_path(tuple(s.mirrored(view.width) for s in subs) if mirrored else subs))
    return out


def _zoom_hints(atlas: Atlas, view: View, layers: Layers) -> list[str]:
    """Shade a hand, foot or face on a whole-body view when its close-up holds part of the pattern."""
    pieces = zoom_pieces(atlas, view, layers.essential | layers.spillover, layers.side)
    return [f'<path d="{svg_path(subs)}" fill="{ZOOM_HINT}" stroke="none"/>' for subs in pieces]


def _view_labels(view: View, x: float, y: float) -> list[str]:
    first, second = ("Right", "Left") if view.first_side == "r" else ("Left", "Right")
    return [
        f'<text x="{_n(x + view.width / 2)}" y="{_n(y - 4)}" text-anchor="middle" font-size="11" '
        f'font-weight="bold" fill="{INK}">{escape(view.title)}</text>',
        f'<text x="{_n(x + 2)}" y="{_n(y + 100)}" font-size="8" fill="{MUTED}">{first}</text>',
        f'<text x="{_n(x + view.width - 2)}" y="{_n(y + 100)}" text-anchor="end" font-size="8" '
        f'fill="{MUTED}">{second}</text>',
    ]


def _legend(layers: Layers, x: float, y: float) -> tuple[list[str], float]:
    entries = []
    if layers.marked:
        entries.append(
            (f'fill="{MARKED_FILL}" stroke="{MARKED_STROKE}" stroke-dasharray="2 1.2"', layers.marked_label)
        )
    if layers.essential:
        entries.append((f'fill="{PRIMARY_FILL}"', "Main pain zone (felt by nearly everyone)"))
    if layers.spillover:
        entries.append(('fill="url(#spillover-hatch)"', "Wider zone (felt by some)"))
    out = []
    for i, (style, label) in enumerate(entries):
        yy = y + i * 14
        out.append(f'<rect x="{_n(x)}" y="{_n(yy)}" width="14" height="9" {style}/>')
        out.append(
            f'<text x="{_n(x + 20)}" y="{_n(yy + 8)}" font-size="9" fill="{INK}">{escape(label)}</text>'
        )
    h = len(entries) * 14
    if layers.points:
        out.append(_cross(x + 7, y + h + 4.5, 3.5, 1.0))
        out.append(
            f'<text x="{_n(x + 20)}" y="{_n(y + h + 8)}" font-size="9" fill="{INK}">Trigger point</text>'
        )
        h += 14
    note = "painmap is an aid to understanding, not a diagnosis."
    out.append(f'<text x="{_n(x)}" y="{_n(y + h + 10)}" font-size="8" fill="{MUTED}">{escape(note)}</text>')
    return out, h + 14


def _warning_box(warning: RedFlagWarning, width: float, y: float) -> tuple[list[str], float]:
    """A red-flag warning as a black-bordered box that survives black-and-white printing."""
    lines = _wrap(f"{warning.advice} {warning.why}", 92)
    h = 22 + 11 * len(lines)
    heavy = warning.urgency == Urgency.EMERGENCY
    out = [
        f'<g class="red-flag" data-urgency="{warning.urgency.value}">',
        f'<rect x="{_n(_MARGIN)}" y="{_n(y)}" width="{_n(width - 2 * _MARGIN)}" height="{_n(h)}" '
        f'fill="#fff1f1" stroke="#000" stroke-width="{2.4 if heavy else 1.4}"/>',
        f'<text x="{_n(_MARGIN + 8)}" y="{_n(y + 14)}" font-size="10.5" font-weight="bold" fill="#000">'
        f"{escape(warning.urgency.value.upper() + ': ' + warning.title)}</text>",
    ]
    for i, line in enumerate(lines):
        yy = _n(y + 27 + 11 * i)
        out.append(f'<text x="{_n(_MARGIN + 8)}" y="{yy}" font-size="8.5" fill="#000">{escape(line)}</text>')
    out.append("</g>")
    return out, h


def _cross(cx: float, cy: float, r: float, scale: float) -> str:
    w = _n(1.6 / max(scale, 0.5))
    return (
        f'<path d="M {_n(cx - r)} {_n(cy - r)} L {_n(cx + r)} {_n(cy + r)} M {_n(cx - r)} {_n(cy + r)} '
        f'L {_n(cx + r)} {_n(cy - r)}" stroke="#000" stroke-width="{w}" stroke-linecap="round"/>'
    )


def _poly(cell: Cell, fill: str, stroke: str | None) -> str:
    extra = f' stroke="{stroke}"' if stroke else f' stroke="{fill}" stroke-width="0.25"'
    return f'<polygon points="{_points(cell.polygon)}" fill="{fill}"{extra}/>'


def _points(poly: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in poly)


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"
