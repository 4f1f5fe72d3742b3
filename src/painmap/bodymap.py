"""The body-map pictures: which part of a front and a back figure each area id covers.

`data/bodymap.json` is the single source of truth; this module loads it once, validates it and
checks it against the areas, and turns every shape into an SVG path and a polygon for rasterising.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources.abc import Traversable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from painmap.dataset import Dataset, data_root, invalid_file, load_dataset, parse_data, read_data_file
from painmap.errors import DatasetError

BODYMAP_FILE = "bodymap.json"

ViewName = Literal["front", "back"]
VIEWS: tuple[ViewName, ...] = ("front", "back")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Point = tuple[float, float]
Polygon = tuple[Point, ...]

#: straight segments used for each curve piece when a shape is turned into a polygon
_CURVE_STEPS = 10


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Ellipse(_Frozen):
    cx: float
    cy: float
    rx: float = Field(gt=0)
    ry: float = Field(gt=0)
    rotate: float = Field(0, description="Clockwise rotation in degrees.")


class Shape(_Frozen):
    """One drawable piece: exactly one of `polygon`, `smooth`, `ellipse` or `path`.

    `smooth` is a closed curve through its points. `mirror` also draws the shape reflected about
    the vertical centre line of the view, which is how left/right paired places get both sides.
    """

    polygon: Annotated[tuple[Point, ...], Field(min_length=3)] | None = None
    smooth: Annotated[tuple[Point, ...], Field(min_length=3)] | None = None
    ellipse: Ellipse | None = None
    path: Text | None = Field(None, description="SVG path data: absolute or relative M L H V C S Q Z.")
    mirror: bool = False
    name: Text | None = Field(None, description="What the piece is, for people editing the file.")

    @model_validator(mode="after")
    def _one_kind(self) -> Shape:
        given = [k for k in ("polygon", "smooth", "ellipse", "path") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a shape needs exactly one of polygon, smooth, ellipse or path"
                + (f", not {' and '.join(given)}" if given else "")
            )
        if self.path is not None:
            _path_commands(self.path)  # raises ValueError on path data painmap cannot draw
        return self

    def subpaths(self) -> tuple[Subpath, ...]:
        """The shape's outline as line and cubic pieces, in the view's coordinates (before mirroring)."""
        if self.polygon is not None:
            pts = self.polygon
            return (Subpath(pts[0], tuple(Segment(p) for p in (*pts[1:], pts[0])), True),)
        if self.smooth is not None:
            pieces = _smooth_controls(self.smooth)
            return (Subpath(self.smooth[0], tuple(Segment(end, c1, c2) for _, c1, c2, end in pieces), True),)
        if self.ellipse is not None:
            return (_ellipse_subpath(self.ellipse),)
        assert self.path is not None
        return _path_subpaths(self.path)


class Label(_Frozen):
    """A word written on a view, e.g. "sole" next to the sole inset."""

    text: Text
    x: float
    y: float
    mirror: bool = False


class ViewMap(_Frozen):
    """One view's canvas: the body silhouette (the union of `outline`) and landmark lines."""

    width: float = Field(gt=0)
    height: float = Field(gt=0)
    outline: Annotated[tuple[Shape, ...], Field(min_length=1)]
    details: tuple[Shape, ...] = Field(
        (), description="Landmark lines (eyes, collarbones, spine...), not filled."
    )
    labels: tuple[Label, ...] = ()


class Views(_Frozen):
    front: ViewMap
    back: ViewMap


class RegionSpec(_Frozen):
    """Where one area is drawn: its own shapes per view, or the union of its children's."""

    from_children: bool = False
    stand_in: bool = Field(False, description="Not visible from front or back: drawn at its location.")
    note: Text | None = None
    front: tuple[Shape, ...] = ()
    back: tuple[Shape, ...] = ()

    @model_validator(mode="after")
    def _shapes_or_children(self) -> RegionSpec:
        if self.from_children and (self.front or self.back):
            raise ValueError("a region drawn from its children cannot have shapes of its own")
        if not self.from_children and not (self.front or self.back):
            raise ValueError("a region needs shapes in the front or back view, or from_children: true")
        return self


class BodyMapFile(_Frozen):
    schema_version: Literal[1]
    about: tuple[Text, ...] = ()
    views: Views
    regions: Mapping[Slug, RegionSpec]


@dataclass(frozen=True)
class PlacedShape:
    """A shape as drawn in one view (mirrored or not), with the area it belongs to.

    Closed outlines all run the same way round, so that a renderer's nonzero fill or clip unions
    overlapping parts instead of cutting holes where a mirrored part meets an unmirrored one.
    """

    area_id: str
    shape: Shape
    mirrored: bool
    stand_in: bool
    subpaths: tuple[Subpath, ...]

    @cached_property
    def svg_path(self) -> str:
        """SVG path data in view coordinates."""
        return " ".join(sp.svg() for sp in self.subpaths)

    @cached_property
    def polygons(self) -> tuple[Polygon, ...]:
        """The filled area as polygons (curves flattened), in view coordinates."""
        return tuple(sp.polygon() for sp in self.subpaths if sp.closed or len(sp.segments) >= 2)


@dataclass(frozen=True)
class BodyMap:
    """The validated body map: views, and every area's shapes per view (children resolved)."""

    views: Mapping[ViewName, ViewMap]
    regions: Mapping[str, RegionSpec]
    origin: str
    outline: Mapping[ViewName, tuple[PlacedShape, ...]] = field(repr=False)
    details: Mapping[ViewName, tuple[PlacedShape, ...]] = field(repr=False)
    _shapes: Mapping[tuple[ViewName, str], tuple[PlacedShape, ...]] = field(repr=False)

    def shapes(self, area_id: str, view: ViewName) -> tuple[PlacedShape, ...]:
        """Where `area_id` is drawn in `view` (its own shapes or its descendants'); may be empty."""
        return self._shapes.get((view, area_id), ())

    def is_stand_in(self, area_id: str) -> bool:
        return self.regions[area_id].stand_in


_CACHE: dict[tuple[str, str], BodyMap] = {}


def load_bodymap(ds: Dataset | None = None) -> BodyMap:
    """The body map painmap draws with, read from the dataset folder and checked against `ds`.

    Loaded and validated once per data folder; raises DatasetError when the file is missing,
    malformed, leaves an area without a region, or has a region for an area that does not exist.
    """
    dataset = load_dataset() if ds is None else ds
    root = data_root()
    origin = str(root)
    key = (origin, dataset.origin)
    if key not in _CACHE:
        _CACHE[key] = _build(_read(root, origin), dataset, origin)
    return _CACHE[key]


def _read(root: Traversable, origin: str) -> BodyMapFile:
    raw = read_data_file(root, BODYMAP_FILE, origin)
    parse_data(raw, f"{origin}/{BODYMAP_FILE}")  # strict JSON first: no duplicate keys, NaN or Infinity
    try:
        return BodyMapFile.model_validate_json(raw)
    except ValidationError as exc:
        raise invalid_file(exc, f"{origin}/{BODYMAP_FILE}") from None


def _build(doc: BodyMapFile, ds: Dataset, origin: str) -> BodyMap:
    def fail(message: str) -> DatasetError:
        return DatasetError(f"invalid body map {origin}/{BODYMAP_FILE}: {message}")

    unknown = sorted(set(doc.regions) - set(ds.areas))
    if unknown:
        raise fail(
            f"region {unknown[0]!r} names no area in areas.json"
            + (f" (nor do {len(unknown) - 1} more)" if len(unknown) > 1 else "")
        )
    missing = [a for a in ds.areas if a not in doc.regions]
    if missing:
        raise fail(
            f"area {missing[0]!r} has no region; every area in areas.json needs one"
            + (f" ({len(missing) - 1} more are missing)" if len(missing) > 1 else "")
        )
    views: dict[ViewName, ViewMap] = {"front": doc.views.front, "back": doc.views.back}

    def place(area_id: str, shapes: tuple[Shape, ...], view: ViewName, stand_in: bool) -> list[PlacedShape]:
        width = views[view].width
        placed = []
        for shape in shapes:
            subpaths = shape.subpaths()
            placed.append(PlacedShape(area_id, shape, False, stand_in, _clockwise(subpaths)))
            if shape.mirror:
                flipped = tuple(sp.mirrored(width) for sp in subpaths)
                placed.append(PlacedShape(area_id, shape, True, stand_in, _clockwise(flipped)))
        return placed

    own: dict[tuple[ViewName, str], list[PlacedShape]] = {}
    for area_id, spec in doc.regions.items():
        if spec.from_children and not ds.children[area_id]:
            raise fail(f"region {area_id!r} is drawn from its children, but the area has none")
        for view in VIEWS:
            own[(view, area_id)] = place(area_id, getattr(spec, view), view, spec.stand_in)

    resolved: dict[tuple[ViewName, str], tuple[PlacedShape, ...]] = {}

    def resolve(area_id: str, view: ViewName) -> tuple[PlacedShape, ...]:
        if (view, area_id) not in resolved:
            if doc.regions[area_id].from_children:
                resolved[(view, area_id)] = tuple(s for c in ds.children[area_id] for s in resolve(c, view))
            else:
                resolved[(view, area_id)] = tuple(own[(view, area_id)])
        return resolved[(view, area_id)]

    for area_id in ds.areas:
        if not [s for view in VIEWS for s in resolve(area_id, view)]:
            raise fail(f"region {area_id!r} draws nothing in either view")

    return BodyMap(
        views=views,
        regions=dict(doc.regions),
        origin=origin,
        outline={v: tuple(place("", views[v].outline, v, False)) for v in VIEWS},
        details={v: tuple(place("", views[v].details, v, False)) for v in VIEWS},
        _shapes=resolved,
    )


# --- geometry ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A straight line to `end`, or a cubic Bézier curve when both control points are given."""

    end: Point
    c1: Point | None = None
    c2: Point | None = None


@dataclass(frozen=True)
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

    def polygon(self) -> Polygon:
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
    return tuple(sp.reversed() if sp.closed and _signed_area(sp.polygon()) < 0 else sp for sp in subpaths)


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


def _ellipse_subpath(e: Ellipse) -> Subpath:
    a = math.radians(e.rotate)
    cos, sin = math.cos(a), math.sin(a)

    def at(u: float, v: float) -> Point:  # (u, v) on the unit circle -> the view
        x, y = u * e.rx, v * e.ry
        return (e.cx + x * cos - y * sin, e.cy + x * sin + y * cos)

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


def _cubic(p0: Point, c1: Point, c2: Point, p1: Point) -> list[Point]:
    out = []
    for i in range(1, _CURVE_STEPS + 1):
        t = i / _CURVE_STEPS
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p1[0],
                u**3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p1[1],
            )
        )
    return out


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
            segments.append(Segment((x, y)))
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
                segments.append(Segment(start))
            finish(True)
            segments = []
            x, y = start
        last_c2 = c2
    finish(False)
    return tuple(done)
