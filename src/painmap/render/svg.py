"""Body-map pictures as standalone SVG: a front and a back figure with referral zones shaded.

Pure functions returning an SVG string; every shape comes from `data/bodymap.json` (see bodymap.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from painmap.bodymap import VIEWS, BodyMap, PlacedShape, Shape, ViewName, load_bodymap
from painmap.dataset import Dataset
from painmap.errors import UnknownArea
from painmap.models import Muscle, RedFlagWarning, Side

PRIMARY_FILL = "#c8102e"
SPILLOVER_FILL = "url(#spillover-hatch)"
SPILLOVER_BASE = "#f7c1c6"
SPILLOVER_LINE = "#d23a4f"
YOURS_STROKE = "#1d4ed8"
BODY_FILL = "#efe9e4"
BODY_STROKE = "#4a4440"
DETAIL_STROKE = "#9a8f88"
STAND_IN_STROKE = "#5c0011"
INK = "#1f1f1f"
MUTED = "#555555"

_MARGIN = 14.0
_GAP = 28.0
_TITLE_H = 64.0
_NOTE_H = 15.0
_SCALE = 1.5  # px per unit in width/height; the viewBox stays in view units
_FONT = "Helvetica, Arial, sans-serif"
_SIDE_LABEL_Y = 96.0  # beside the shoulders, where the canvas is empty


def muscle_svg(muscle: Muscle, ds: Dataset) -> str:
    """One muscle's referral pattern: primary zones solid red, spillover zones hatched light red."""
    return _picture(
        title=muscle.name,
        subtitle="Trigger-point referral pattern",
        outlined=(),
        primary=muscle.primary_zones,
        spillover=muscle.spillover_zones,
        ds=ds,
    )


def areas_svg(
    title: str,
    outlined_area_ids: Iterable[str],
    primary_ids: Iterable[str],
    spillover_ids: Iterable[str],
    ds: Dataset,
    side: Side | None = None,
    warnings: Iterable[RedFlagWarning] = (),
) -> str:
    """The user's areas outlined with a dashed blue line, plus optional primary and spillover zones.

    With `side`, paired places are drawn on that side of the body only; `warnings` are drawn in a
    red box above the body, so that a saved picture carries them too. Raises UnknownArea for an
    id that is not in the dataset.
    """
    return _with_warnings(
        _picture(
            title=title,
            subtitle=None,
            outlined=tuple(dict.fromkeys(outlined_area_ids)),
            primary=tuple(dict.fromkeys(primary_ids)),
            spillover=tuple(dict.fromkeys(spillover_ids)),
            ds=ds,
            side=side,
        ),
        tuple(warnings),
    )


_WARNING_FILL = {"emergency": "#b00020", "urgent": "#b45309", "soon": "#0e7490"}


def _with_warnings(svg: str, warnings: tuple[RedFlagWarning, ...]) -> str:
    """`svg` grown at the top by a box per warning: urgency and title in bold, then the advice."""
    if not warnings:
        return svg
    head, _, rest = svg.partition("<svg ")
    attrs, _, body = rest.partition(">")
    match = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', attrs)
    if match is None:
        return svg
    width, height = float(match.group(1)), float(match.group(2))
    boxes: list[str] = []
    y = _MARGIN / 2
    for warning in warnings:
        lines = _wrap(warning.advice, int((width - 2 * _MARGIN) / 5.2))
        box_h = 22 + 12 * len(lines)
        colour = _WARNING_FILL[warning.urgency.value]
        boxes.append(
            f'<g class="red-flag"><rect x="{_n(_MARGIN)}" y="{_n(y)}" width="{_n(width - 2 * _MARGIN)}" '
            f'height="{_n(box_h)}" rx="4" fill="#fff4f4" stroke="{colour}" stroke-width="2"/>'
        )
        boxes.append(
            f'<text x="{_n(_MARGIN + 8)}" y="{_n(y + 15)}" font-size="11" font-weight="bold" fill="{colour}">'
            f"{escape(warning.urgency.value.upper() + ': ' + warning.title)}</text>"
        )
        left = _n(_MARGIN + 8)
        boxes += [
            f'<text x="{left}" y="{_n(y + 29 + 12 * i)}" font-size="9" fill="{INK}">{escape(line)}</text>'
            for i, line in enumerate(lines)
        ]
        boxes.append("</g>")
        y += box_h + 6
    grow = y + _MARGIN / 2
    total = height + grow
    attrs = re.sub(
        r'height="[0-9.]+" viewBox="0 0 [0-9.]+ [0-9.]+"',
        f'height="{_n(total * _SCALE)}" viewBox="0 0 {_n(width)} {_n(total)}"',
        attrs,
    )
    # Everything already drawn moves down; the white background stays behind all of it.
    title_end = body.index("</title>") + len("</title>")
    inner, _, _ = body[title_end:].rpartition("</svg>")
    return (
        f"{head}<svg {attrs}>{body[:title_end]}\n"
        f'<rect width="100%" height="100%" fill="white"/>\n'
        + "\n".join(boxes)
        + f'\n<g transform="translate(0 {_n(grow)})">{inner}</g>\n</svg>\n'
    )


@dataclass(frozen=True)
class _Zones:
    outlined: tuple[str, ...]
    primary: tuple[str, ...]
    spillover: tuple[str, ...]
    side: Side | None = None


def _picture(
    *,
    title: str,
    subtitle: str | None,
    outlined: tuple[str, ...],
    primary: tuple[str, ...],
    spillover: tuple[str, ...],
    ds: Dataset,
    side: Side | None = None,
) -> str:
    for area_id in (*outlined, *primary, *spillover):
        if area_id not in ds.areas:
            raise UnknownArea(area_id)
    zones = _Zones(outlined, primary, spillover, side)
    bodymap = load_bodymap(ds)
    front, back = bodymap.views["front"], bodymap.views["back"]
    view_h = max(front.height, back.height)
    entries, notes = _legend(zones, bodymap, ds)
    width = 2 * _MARGIN + front.width + _GAP + back.width
    height = _TITLE_H + view_h + 30 + _NOTE_H * len(notes) + _MARGIN
    left: dict[ViewName, float] = {"front": _MARGIN, "back": _MARGIN + front.width + _GAP}

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width * _SCALE)}" '
        f'height="{_n(height * _SCALE)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f"font-family={quoteattr(_FONT)}>",
        f"<title>{escape(title)}</title>",
        *_defs(bodymap, zones),
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    # Long titles shrink to fit the width (a bold character is about 0.68 em wide).
    size = min(20.0, (width - 2 * _MARGIN) / (0.68 * max(len(title), 1)))
    out.append(
        f'<text x="{_n(width / 2)}" y="26" text-anchor="middle" font-size="{_n(size)}" '
        f'font-weight="bold" fill="{INK}">{escape(title)}</text>'
    )
    if subtitle:
        out.append(
            f'<text x="{_n(width / 2)}" y="42" text-anchor="middle" font-size="10" '
            f'fill="{MUTED}">{escape(subtitle)}</text>'
        )
    for view in VIEWS:
        out.append(f'<g transform="translate({_n(left[view])} {_n(_TITLE_H)})">')
        out.extend(_view(bodymap, view, zones, ds))
        out.append("</g>")
    out.extend(_legend_svg(entries, notes, _TITLE_H + view_h + 8))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _defs(bodymap: BodyMap, zones: _Zones) -> list[str]:
    out = [
        "<defs>",
        '<pattern id="spillover-hatch" patternUnits="userSpaceOnUse" width="4" height="4" '
        'patternTransform="rotate(45)">',
        f'<rect width="4" height="4" fill="{SPILLOVER_BASE}"/>',
        f'<line x1="1" y1="0" x2="1" y2="4" stroke="{SPILLOVER_LINE}" stroke-width="1.3"/>',
        "</pattern>",
    ]
    for view in VIEWS:
        out.append(f'<clipPath id="body-{view}">')
        out.extend(_path(s) for s in bodymap.outline[view])
        out.append("</clipPath>")
        yours = _union(bodymap, zones.outlined, view, zones.side)
        if not yours:
            continue
        vm = bodymap.views[view]
        box = f'x="-10" y="-10" width="{_n(vm.width + 20)}" height="{_n(vm.height + 20)}"'
        out.append(f'<clipPath id="yours-{view}">')
        out.extend(_path(s) for s in yours)
        out.append("</clipPath>")
        # Black where the user's areas cover the body: strokes there are hidden (see _outline).
        out.append(f'<mask id="outside-yours-{view}" maskUnits="userSpaceOnUse" {box}>')
        out.append(f'<rect {box} fill="white"/>')
        out.append(f'<g fill="black" clip-path="url(#body-{view})">')
        out.extend(_path(s) for s in yours)
        out.append("</g>")
        out.append("</mask>")
    out.append("</defs>")
    return out


def _view(bodymap: BodyMap, view: ViewName, zones: _Zones, ds: Dataset) -> list[str]:
    vm = bodymap.views[view]
    outline = bodymap.outline[view]
    out = [
        f'<text x="{_n(vm.width / 2)}" y="-6" text-anchor="middle" font-size="13" font-weight="bold" '
        f'fill="{INK}">{view.capitalize()}</text>'
    ]
    # The person's right is on the viewer's left in the front view, on the viewer's right behind.
    left_word, right_word = ("Right", "Left") if view == "front" else ("Left", "Right")
    out.append(f'<text x="2" y="{_n(_SIDE_LABEL_Y)}" font-size="10" fill="{MUTED}">{left_word}</text>')
    out.append(
        f'<text x="{_n(vm.width - 2)}" y="{_n(_SIDE_LABEL_Y)}" text-anchor="end" font-size="10" '
        f'fill="{MUTED}">{right_word}</text>'
    )

    out.append(
        f'<g class="body" fill="{BODY_FILL}" stroke="{BODY_STROKE}" stroke-width="2.4" '
        'stroke-linejoin="round">'
    )
    out.extend(_path(s) for s in outline)
    out.append("</g>")
    # The parts again without a stroke hide the lines where they overlap: only the silhouette stays.
    out.append(f'<g fill="{BODY_FILL}">')
    out.extend(_path(s) for s in outline)
    out.append("</g>")

    clip = f'clip-path="url(#body-{view})"'
    yours = _union(bodymap, zones.outlined, view, zones.side)
    if yours:
        # Opacity on the group, not the shapes, so overlapping shapes tint once.
        out.append(f'<g class="yours-tint" {clip} fill="{YOURS_STROKE}" opacity="0.12">')
        out.extend(_path(s) for s in yours)
        out.append("</g>")
    primary = _union(bodymap, zones.primary, view, zones.side)
    drawn = {(s.shape, s.mirrored) for s in primary}
    spillover = [
        s for s in _union(bodymap, zones.spillover, view, zones.side) if (s.shape, s.mirrored) not in drawn
    ]
    named = {*zones.primary, *zones.spillover}
    for kind, fill, shapes in (("spillover", SPILLOVER_FILL, spillover), ("primary", PRIMARY_FILL, primary)):
        if not shapes:
            continue
        out.append(f'<g class="{kind}" {clip} fill="{fill}">')
        out.extend(_path(s, ds.areas[s.area_id].name) for s in shapes)
        out.append("</g>")
        # A dotted edge marks a hidden place that was named itself, not one inside a named parent.
        stand_ins = [s for s in shapes if s.stand_in and s.area_id in named]
        if stand_ins:
            out.append(
                f'<g {clip} fill="none" stroke="{STAND_IN_STROKE}" stroke-width="0.8" '
                'stroke-dasharray="1.2 1.2">'
            )
            out.extend(_path(s) for s in stand_ins)
            out.append("</g>")

    out.append(
        f'<g class="details" fill="none" stroke="{DETAIL_STROKE}" stroke-width="0.8" stroke-linecap="round">'
    )
    out.extend(_path(s) for s in bodymap.details[view])
    out.append("</g>")
    if yours:
        out.extend(_outline(yours, outline, view))
    for label in vm.labels:
        for x in (label.x, vm.width - label.x) if label.mirror else (label.x,):
            out.append(
                f'<text x="{_n(x)}" y="{_n(label.y)}" text-anchor="middle" font-size="8" '
                f'fill="{MUTED}">{escape(label.text)}</text>'
            )
    return out


def _outline(yours: list[PlacedShape], body: tuple[PlacedShape, ...], view: ViewName) -> list[str]:
    """A dashed line around the union of the user's areas (as seen on the body), on top of the zones.

    Two sets of strokes: the areas' own edges where they lie on the body, and the body's silhouette
    where an area reaches it. The mask hides every stroke inside the union, so the edges shared by
    two areas vanish and only the outer half of the union's boundary is left.
    """
    return [
        f'<g class="yours" mask="url(#outside-yours-{view})" fill="none" stroke="{YOURS_STROKE}" '
        'stroke-width="2.8" stroke-dasharray="3.5 2.2">',
        f'<g clip-path="url(#body-{view})">',
        *(_path(s) for s in yours),
        "</g>",
        f'<g clip-path="url(#yours-{view})">',
        *(_path(s) for s in body),
        "</g>",
        "</g>",
    ]


def _union(
    bodymap: BodyMap, area_ids: tuple[str, ...], view: ViewName, side: Side | None = None
) -> list[PlacedShape]:
    """Every shape of these areas in one view, each once (a parent and its child share shapes).

    With `side`, a shape lying wholly on the body's other side is left out; midline shapes stay.
    """
    seen: set[tuple[Shape, bool]] = set()
    shapes: list[PlacedShape] = []
    middle = bodymap.views[view].width / 2
    for area_id in area_ids:
        for s in bodymap.shapes(area_id, view):
            if side is not None and _body_side(s, view, middle) not in (None, side):
                continue
            if (s.shape, s.mirrored) not in seen:
                seen.add((s.shape, s.mirrored))
                shapes.append(s)
    return shapes


def _body_side(shape: PlacedShape, view: ViewName, middle: float) -> Side | None:
    """Which side of the body a shape lies on, or None for a shape centred on the midline."""
    xs = [x for polygon in shape.polygons for x, _ in polygon]
    if not xs:
        return None
    centre = (min(xs) + max(xs)) / 2
    if abs(centre - middle) < 0.05 * middle:
        return None
    # Facing us (front view) the person's right is on our left; from behind it is on our right.
    return Side.RIGHT if (centre < middle) == (view == "front") else Side.LEFT


def _legend(zones: _Zones, bodymap: BodyMap, ds: Dataset) -> tuple[list[str], list[str]]:
    """The legend's swatches (those the picture uses) and its lines of text naming the areas."""
    entries: list[str] = []
    notes: list[str] = []
    if zones.outlined:
        entries.append("yours")
        notes += _wrap("Your areas: " + _names(zones.outlined, ds))
    if zones.primary or not zones.outlined:
        entries.append("primary")
        notes += _wrap("Primary: " + (_names(zones.primary, ds) or "none"))
    if zones.spillover or not zones.outlined:
        entries.append("spillover")
        notes += _wrap("Spillover: " + (_names(zones.spillover, ds) or "none"))
    hidden = [a for a in dict.fromkeys((*zones.primary, *zones.spillover)) if bodymap.is_stand_in(a)]
    if hidden:
        one = len(hidden) == 1
        where = (
            "lies deep or hidden; drawn where it is" if one else "lie deep or hidden; drawn where they are"
        )
        notes += _wrap(f"Dotted edge: {_names(tuple(hidden), ds)} {where}.")
    return entries, notes


_SWATCH = {
    "primary": (f'fill="{PRIMARY_FILL}" stroke="{INK}" stroke-width="0.5"', "Primary pain zone"),
    "spillover": (f'fill="{SPILLOVER_FILL}" stroke="{INK}" stroke-width="0.5"', "Spillover zone"),
    "yours": (
        f'fill="{YOURS_STROKE}" fill-opacity="0.12" stroke="{YOURS_STROKE}" stroke-width="1.5" '
        'stroke-dasharray="3 1.8"',
        "Your areas",
    ),
}


def _legend_svg(entries: list[str], notes: list[str], top: float) -> list[str]:
    out = [f'<g class="legend" transform="translate({_n(_MARGIN)} {_n(top)})" font-size="11" fill="{INK}">']
    x = 0.0
    for entry in entries:
        attrs, text = _SWATCH[entry]
        out.append(f'<rect x="{_n(x + 1)}" y="0.5" width="15" height="10" {attrs}/>')
        out.append(f'<text x="{_n(x + 21)}" y="9.5">{escape(text)}</text>')
        x += 21 + 6.2 * len(text) + 16
    for i, note in enumerate(notes):
        y = _n(28 + _NOTE_H * i)
        out.append(f'<text x="0" y="{y}" font-size="9.5" fill="#444444">{escape(note)}</text>')
    out.append("</g>")
    return out


def _names(ids: tuple[str, ...], ds: Dataset) -> str:
    return ", ".join(ds.areas[i].name.lower() for i in ids)


def _wrap(text: str, width: int = 84) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = "    " + word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _path(shape: PlacedShape, title: str | None = None) -> str:
    if title:
        return f'<path d="{shape.svg_path}"><title>{escape(title)}</title></path>'
    return f'<path d="{shape.svg_path}"/>'


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"
