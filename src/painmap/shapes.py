"""Drawing shapes: polygons, smooth closed curves, ellipses and SVG path data, as SVG and as polygons.

The atlas's outlines and landmark lines are written in these shapes (see data/atlas.json); this
module turns one into SVG path data and into flattened polygons for the terminal map.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from painmap.atlas import other_side
from painmap.frozen import frozen

Point = tuple[float, float]
Polygon = tuple[Point, ...]

#: straight segments used for each curve piece when a shape is turned into a polygon
_CURVE_STEPS = 10


def shape_subpaths(shape: Mapping[str, Any], mirror_width: float | None = None) -> tuple[Subpath, ...]:
    """A shape's outline as line and cubic pieces; mirrored about width/2 when `mirror_width` is given."""
    if "polygon" in shape:
        pts = [tuple(p) for p in shape["polygon"]]
        lines = tuple(Segment(p, None, None) for p in (*pts[1:], pts[0]))
        subs: tuple[Subpath, ...] = (Subpath(pts[0], lines, True),)
    elif "smooth" in shape:
        pts = [tuple(p) for p in shape["smooth"]]
        pieces = _smooth_controls(tuple(pts))
        subs = (Subpath(pts[0], tuple(Segment(end, c1, c2) for _, c1, c2, end in pieces), True),)
    elif "ellipse" in shape:
        subs = (_ellipse_subpath(shape["ellipse"]),)
    else:
        subs = _path_subpaths(shape["path"])
    if mirror_width is not None:
        subs = tuple(s.mirrored(mirror_width) for s in subs)
    return _clockwise(subs)


def placed(shape: Mapping[str, Any], width: float) -> list[tuple[Subpath, ...]]:
    """The shape as drawn in a view: itself, and its mirror image when it is marked `mirror`."""
    out = [shape_subpaths(shape)]
    if shape.get("mirror"):
        out.append(shape_subpaths(shape, width))
    return out


def zoom_pieces(atlas: Any, view: Any, mask: int, side: str | None) -> list[tuple[Subpath, ...]]:
    """The outline pieces of a whole-body view (a hand, a foot, the face) that stand in for a close-up
    holding any of these cells, on `side` ("r", "l") or both (None). A piece given once and mirrored
    is on the view's first side as given and on the other side as its mirror image."""
    out = []
    in_view = atlas.memo.get("view-bases")
    if in_view is None:  # each view's base cells: most close-ups hold none of the mask
        in_view = {}
        for i, base in enumerate(atlas.bases):
            in_view[atlas.base_view[base]] = in_view.get(atlas.base_view[base], 0) | 1 << i
        atlas.memo["view-bases"] = in_view
    if not any(mask & in_view.get(part.get("zoom"), 0) for part in view.outline):
        return out  # no close-up of this view holds any of the cells: nothing to trace
    parts = atlas.memo.get(("zoom-parts", view.id))
    if parts is None:  # once: a picture asks for each layer's pieces
        parts = atlas.memo[("zoom-parts", view.id)] = zoom_parts(view, placed_outline(atlas, view))
    for zoom, part_side, subs in parts:
        if side is not None and part_side not in (None, side):
            continue
        if mask & in_view.get(zoom, 0) and atlas.shaded(mask, part_side if side is None else side, zoom):
            out.append(subs)
    return out


def zoom_parts(
    view: Any, outline: list[tuple[Mapping[str, Any], list[tuple[Subpath, ...]]]] | None = None
) -> list[tuple[str, str | None, tuple[Subpath, ...]]]:
    """(close-up view id, side code or None, subpaths) for each outline piece of a view that stands
    in for a close-up; a mirrored piece is on the view's first side as given, the other mirrored.
    `outline`: the view's outline as `placed_outline` gives it, when already traced."""
    out = []
    for i, part in enumerate(view.outline):
        zoom = part.get("zoom")
        if zoom is None:
            continue
        sides = [view.first_side, other_side(view.first_side)] if part.get("mirror") else [None]
        copies = placed(part, view.width) if outline is None else outline[i][1]
        out += [(zoom, side, subs) for subs, side in zip(copies, sides, strict=False)]
    return out


def placed_outline(atlas: Any, view: Any) -> list[tuple[Mapping[str, Any], list[tuple[Subpath, ...]]]]:
    """Each outline part of a view with its placed copies, traced once per atlas: curves are costly
    to trace and a map needs them several times (the body, then the close-up stand-ins of each
    shaded layer)."""
    found = atlas.memo.get(("placed-outline", view.id))
    if found is None:
        found = [(part, placed(part, view.width)) for part in view.outline]
        atlas.memo[("placed-outline", view.id)] = found
    return found  # type: ignore[no-any-return]


def svg_path(subpaths: tuple[Subpath, ...]) -> str:
    return " ".join(sp.svg() for sp in subpaths)


def polygons(subpaths: tuple[Subpath, ...]) -> tuple[Polygon, ...]:
    return tuple(sp.polygon for sp in subpaths if sp.closed or len(sp.segments) >= 2)


@frozen
class Segment:
    """A straight line to `end`, or a cubic Bézier curve when both control points are given."""

    end: Point
    c1: Point | None = None
    c2: Point | None = None


@frozen
class Subpath:
    start: Point
    segments: tuple[Segment, ...]
    closed: bool

    def svg(self) -> str:
        parts = [f"M {_pt(self.start)}"]
        for seg in self.segments:
            if seg.c1 is None or seg.c2 is None:
                parts.append(f"L {_pt(seg.end)}")
            else:
                parts.append(f"C {_pt(seg.c1)} {_pt(seg.c2)} {_pt(seg.end)}")
        if self.closed:
            parts.append("Z")
        return " ".join(parts)

    @cached_property
    def polygon(self) -> Polygon:
        """The outline flattened (each curve in _CURVE_STEPS lines); traced once, as finding which way
        a subpath runs needs it too."""
        points = [self.start]
        for seg in self.segments:
            if seg.c1 is None or seg.c2 is None:
                points.append(seg.end)
            else:
                points.extend(_cubic(points[-1], seg.c1, seg.c2, seg.end))
        return tuple(points)

    def mirrored(self, width: float) -> Subpath:
        def m(p: Point | None) -> Point | None:
            return None if p is None else (width - p[0], p[1])

        return Subpath(
            (width - self.start[0], self.start[1]),
            tuple(Segment((width - s.end[0], s.end[1]), m(s.c1), m(s.c2)) for s in self.segments),
            self.closed,
        )

    def reversed(self) -> Subpath:
        starts = [self.start, *(s.end for s in self.segments[:-1])]
        segments = tuple(Segment(starts[i], s.c2, s.c1) for i, s in reversed(list(enumerate(self.segments))))
        return Subpath(self.segments[-1].end if self.segments else self.start, segments, self.closed)


def _signed_area(poly: Polygon) -> float:
    """Positive when the polygon runs clockwise on screen (y pointing down)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, (*poly[1:], poly[0]), strict=True)) / 2


def _clockwise(subpaths: tuple[Subpath, ...]) -> tuple[Subpath, ...]:
    return tuple(sp.reversed() if sp.closed and _signed_area(sp.polygon) < 0 else sp for sp in subpaths)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _pt(p: Point) -> str:
    return f"{_num(p[0])} {_num(p[1])}"


def _smooth_controls(points: tuple[Point, ...]) -> list[tuple[Point, Point, Point, Point]]:
    """Closed Catmull-Rom spline through `points` as cubic Bézier pieces (start, c1, c2, end)."""
    n = len(points)
    pieces = []
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        pieces.append((p1, c1, c2, p2))
    return pieces


_KAPPA = 0.5522847498  # control-point distance of a quarter circle drawn as one cubic


def _ellipse_subpath(e: Mapping[str, float]) -> Subpath:
    a = math.radians(e.get("rotate", 0))
    cos, sin = math.cos(a), math.sin(a)

    def at(u: float, v: float) -> Point:  # (u, v) on the unit circle -> the view
        x, y = u * e["rx"], v * e["ry"]
        return (e["cx"] + x * cos - y * sin, e["cy"] + x * sin + y * cos)

    quarters = [((1, 0), (0, 1)), ((0, 1), (-1, 0)), ((-1, 0), (0, -1)), ((0, -1), (1, 0))]
    segments = tuple(
        Segment(
            at(*q),
            at(p[0] + _KAPPA * q[0], p[1] + _KAPPA * q[1]),
            at(q[0] + _KAPPA * p[0], q[1] + _KAPPA * p[1]),
        )
        for p, q in quarters
    )
    return Subpath(at(1, 0), segments, True)


def _bernstein(t: float) -> tuple[float, float, float, float]:
    u = 1 - t
    return u**3, 3 * u * u * t, 3 * u * t * t, t**3


#: the cubic's weights at each step, worked out once (the same products, so the same points)
_WEIGHTS = tuple(_bernstein(i / _CURVE_STEPS) for i in range(1, _CURVE_STEPS + 1))


def _cubic(p0: Point, c1: Point, c2: Point, p1: Point) -> list[Point]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p0, c1, c2, p1
    return [(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3) for a, b, c, d in _WEIGHTS]


_TOKEN = re.compile(r"[MmLlHhVvCcSsQqZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "Z": 0}


def _path_commands(d: str) -> list[tuple[str, tuple[float, ...]]]:
    """Split path data into (command, numbers) steps; ValueError on anything else."""
    if _TOKEN.sub("", d).replace(",", "").strip():
        raise ValueError(f"path data {d[:40]!r} uses commands other than M L H V C S Q Z")
    tokens = _TOKEN.findall(d)
    steps: list[tuple[str, tuple[float, ...]]] = []
    i = 0
    command = ""
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                steps.append((command, ()))
                continue
        elif not command or command in "Zz":
            raise ValueError(f"path data {d[:40]!r} has numbers without a command")
        arity = _ARITY[command.upper()]
        args = tokens[i : i + arity]
        if len(args) < arity or any(a.isalpha() for a in args):
            raise ValueError(f"path data {d[:40]!r}: {command} needs {arity} numbers")
        steps.append((command, tuple(float(a) for a in args)))
        i += arity
        if command == "M":  # further pairs after a moveto are linetos
            command = "L"
        elif command == "m":
            command = "l"
    if not steps or steps[0][0] not in "Mm":
        raise ValueError(f"path data {d[:40]!r} must start with M")
    return steps


def _path_subpaths(d: str) -> tuple[Subpath, ...]:
    """Path data as absolute line and cubic pieces, one Subpath per moveto."""
    done: list[Subpath] = []
    start: Point = (0.0, 0.0)
    segments: list[Segment] = []
    x = y = 0.0
    last_c2: Point | None = None

    def finish(closed: bool) -> None:
        if segments:
            done.append(Subpath(start, tuple(segments), closed))

    for command, a in _path_commands(d):
        ox, oy = (x, y) if command.islower() else (0.0, 0.0)
        c = command.upper()
        c2: Point | None = None
        if c == "M":
            finish(False)
            segments = []
            x, y = ox + a[0], oy + a[1]
            start = (x, y)
        elif c in "LHV":
            if c == "L":
                x, y = ox + a[0], oy + a[1]
            elif c == "H":
                x = ox + a[0]
            else:
                y = oy + a[0]
            segments.append(Segment((x, y), None, None))
        elif c in "CS":
            if c == "C":
                c1, c2, end = (ox + a[0], oy + a[1]), (ox + a[2], oy + a[3]), (ox + a[4], oy + a[5])
            else:
                c1 = (2 * x - last_c2[0], 2 * y - last_c2[1]) if last_c2 else (x, y)
                c2, end = (ox + a[0], oy + a[1]), (ox + a[2], oy + a[3])
            segments.append(Segment(end, c1, c2))
            x, y = end
        elif c == "Q":
            q, end = (ox + a[0], oy + a[1]), (ox + a[2], oy + a[3])
            segments.append(
                Segment(
                    end,
                    (x + 2 / 3 * (q[0] - x), y + 2 / 3 * (q[1] - y)),
                    (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1])),
                )
            )
            x, y = end
        else:  # Z
            if (x, y) != start:
                segments.append(Segment(start, None, None))
            finish(True)
            segments = []
            x, y = start
        last_c2 = c2
    finish(False)
    return tuple(done)
