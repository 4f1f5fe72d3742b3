"""The body atlas: the surface of the body as small cells on drawn views, and places as sets of cells.

`data/atlas.json` describes the drawings (views, their outlines and segments); every segment is a
four-cornered patch split into rows and columns, and each piece is a cell. `data/places.json` names
places as unions of cells. Everything else derives from these two files: which place lies within
which, where a muscle's pattern falls, and what a picture shades. The derivation is pure and cheap,
so it runs on every start; checking the geometry (no two cells overlap) runs with validation only.

Cells have a base id ("thigh-front.upper.outer") shared by both sides, and a side: "r" or "l" for
paired places, "" for the midline. Sets of base cells are Python ints used as bit sets: bit i is the
i-th base cell, so the scorer intersects patterns and places with `&` and counts with `bit_count()`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field
from functools import cached_property
from itertools import product
from typing import Any

from painmap.frozen import frozen

Point = tuple[float, float]
Polygon = tuple[Point, ...]

SIDE_CODES = {"right": "r", "left": "l"}
SIDE_NAMES = {"r": "right", "l": "left"}


@frozen(eq=False)
class Cell:
    """One drawn piece of the body surface on one side."""

    base: str
    side: str  # "r", "l" or "" (midline)
    view: str
    polygon: Polygon

    @property
    def id(self) -> str:
        return f"{self.base}:{self.side}" if self.side else self.base


@frozen(eq=False)
class View:
    """One drawing: whole-body views hold both sides; a paired close-up is drawn once per side."""

    id: str
    title: str
    width: float
    height: float
    first_side: str  # side code drawn as given ("r" or "l"); the other side is mirrored
    paired: bool
    outline: tuple[dict[str, Any], ...]
    details: tuple[dict[str, Any], ...]


@frozen(eq=False)
class Place:
    """A named place: a set of base cells, with the words people use for it."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    mask: int
    lateral: bool  # holds cells that exist on both sides


@frozen(eq=False)
class Atlas:
    views: Mapping[str, View]
    #: base cell ids in bit order
    bases: tuple[str, ...]
    bit: Mapping[str, int]
    places: Mapping[str, Place]
    #: base cells drawn on the midline (no side)
    midline: int
    #: base cell -> its view
    base_view: Mapping[str, str]
    #: each view's segments as atlas.json gives them, for drawing the cells
    segments: Mapping[str, tuple[Mapping[str, Any], ...]] = field(repr=False)
    memo: dict[object, object] = field(default_factory=dict, repr=False)

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        """Every drawn cell, sided, view by view: worked out on first use, as only pictures and
        checks need the polygons (a lookup needs the base ids, which `build_atlas` reads without
        drawing)."""
        return tuple(cell for view in self.views for cell in self.view_cells(view))

    def view_cells(self, view_id: str) -> tuple[Cell, ...]:
        """The drawn cells of one view, in `cells` order: a terminal map draws two views of the
        dozen, and only those need their polygons."""
        found = self.memo.get(("view-cells", view_id))
        if found is None:
            view = self.views[view_id]
            cells: list[Cell] = []
            for seg in self.segments[view.id]:
                for base, poly, kind in segment_cells(seg, view.width / 2):
                    if _sided(view, seg, kind):
                        mirrored = tuple((view.width - x, y) for x, y in reversed(poly))
                        cells.append(Cell(base, view.first_side, view.id, poly))
                        cells.append(Cell(base, other_side(view.first_side), view.id, mirrored))
                    else:
                        cells.append(Cell(base, "", view.id, poly))
            found = self.memo[("view-cells", view_id)] = tuple(cells)
        return found  # type: ignore[return-value]

    def cells_of(self, selectors: Iterable[str]) -> int:
        """The bit set named by place ids and cell selectors (see `select`)."""
        mask = 0
        for sel in selectors:
            place = self.places.get(sel)
            mask |= place.mask if place is not None else self.select(sel)
        return mask

    def select(self, selector: str) -> int:
        """Base cells matching a selector: 'segment', 'segment.row', 'segment.*.col', 'seg.a|b.col'.

        Each part of the selector matches one part of a base id (alternatives split by |, * any
        text within the part); a base id may go on beyond the selector's parts."""
        found = self.memo.get(("select", selector))
        if found is None and "*" not in selector:
            # Without wildcards a selector names id prefixes outright: look each one up (most
            # selectors have no alternatives either and name one prefix).
            prefixes = self._by_prefix()
            if "|" not in selector:
                found = prefixes.get(tuple(selector.split(".")), 0)
            else:
                found = 0
                for parts in product(*(dict.fromkeys(part.split("|")) for part in selector.split("."))):
                    found |= prefixes.get(parts, 0)
            self.memo[("select", selector)] = found
        if found is None:
            wanted = [_part_matcher(part) for part in selector.split(".")]
            by_segment = self._by_segment()
            first = selector.split(".", 1)[0].split("|")
            if "*" in selector.split(".", 1)[0]:
                candidates: Iterable[tuple[int, tuple[str, ...]]] = (
                    entry for entries in by_segment.values() for entry in entries
                )
            else:
                candidates = (
                    entry for segment in dict.fromkeys(first) for entry in by_segment.get(segment, ())
                )
            found = 0
            for i, parts in candidates:
                if len(parts) >= len(wanted) and all(m(p) for m, p in zip(wanted, parts, strict=False)):
                    found |= 1 << i
            self.memo[("select", selector)] = found
        return found  # type: ignore[return-value]

    def _by_prefix(self) -> dict[tuple[str, ...], int]:
        """Each leading run of a base id's parts -> the base cells whose ids start with it."""
        found = self.memo.get("by_prefix")
        if found is None:
            found = {}
            for i, base in enumerate(self.bases):
                parts = tuple(base.split("."))
                for end in range(1, len(parts) + 1):
                    found[parts[:end]] = found.get(parts[:end], 0) | 1 << i
            self.memo["by_prefix"] = found
        return found  # type: ignore[return-value]

    def _by_segment(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        # Selectors name segments: looking only at the named segment's cells keeps building the
        # places and patterns (thousands of selectors) cheap enough to do on every start.
        found = self.memo.get("by_segment")
        if found is None:
            found = {}
            for i, base in enumerate(self.bases):
                parts = tuple(base.split("."))
                found.setdefault(parts[0], []).append((i, parts))
            self.memo["by_segment"] = found
        return found  # type: ignore[return-value]

    def names(self, mask: int) -> list[str]:
        return [self.bases[i] for i in iter_bits(mask)]

    def within(self, inner: str, outer: str) -> bool:
        """Place `inner` lies within place `outer` (its cells are a subset)."""
        a, b = self.places[inner].mask, self.places[outer].mask
        return a != b and a & b == a

    def cover(self, mask: int, most: int = 6) -> list[str]:
        """Named places that together make up a set of cells: in turn, the place lying wholly
        within it that holds most of what is left; a cell no such place holds is named by its
        finest place when at least half of that lies in the set, else left out."""
        left, out = mask, []
        while left and len(out) < most:
            inside = [p for p in self.places.values() if p.mask & left and not p.mask & ~mask]
            if inside:
                best = max(inside, key=lambda p: ((p.mask & left).bit_count(), -p.mask.bit_count()))
            else:
                best = self.finest_place(self.bases[next(iter_bits(left))])
                if 2 * (best.mask & mask).bit_count() < best.mask.bit_count():
                    left &= left - 1  # drop that one cell
                    continue
            out.append(best.id)
            left &= ~best.mask
        return out

    def parent(self, place_id: str) -> str | None:
        """The smallest place holding all of this one's cells (places with the same cells are
        synonyms in all but name, and the later one hangs under the earlier): one scan of the
        places, so one question need not build the whole `tree`."""
        found = self.memo.get(("parent", place_id), False)
        if found is False:
            order = list(self.places)
            i = order.index(place_id)
            mask = self.places[place_id].mask
            found, size = None, 0
            for j, other in enumerate(order):
                om = self.places[other].mask
                if other == place_id or mask & om != mask or (om == mask and j > i):
                    continue
                if found is None or om.bit_count() < size:
                    found, size = other, om.bit_count()
            self.memo[("parent", place_id)] = found
        return found  # type: ignore[return-value]

    def tree(self) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
        """Places as a tree: the roots, and each place's children, under its `parent`."""
        found = self.memo.get("tree")
        if found is None:
            order = list(self.places)
            parent = {pid: self.parent(pid) for pid in order}
            children: dict[str, list[str]] = {p: [] for p in order}
            for pid, up in parent.items():
                if up is not None:
                    children[up].append(pid)
            roots = tuple(p for p in order if parent[p] is None)
            found = self.memo["tree"] = (roots, {p: tuple(c) for p, c in children.items()})
        return found  # type: ignore[return-value]

    def shaded(self, mask: int, side: str | None, view: str | None = None) -> list[Cell]:
        """The drawn cells of a set of base cells: on one side ("r"/"l", midline included) or on
        both (None), optionally in one view only."""
        return [
            c
            for c in (self.cells if view is None else self.view_cells(view))
            if mask >> self.bit[c.base] & 1
            and (side is None or c.side in (side, ""))
            and (view is None or c.view == view)
        ]

    def finest_place(self, base: str) -> Place:
        """The smallest named place holding a base cell (the first in dataset order on a tie)."""
        found = self.memo.get("finest")
        if found is None:
            found = {}
            for place in self.places.values():
                size = place.mask.bit_count()
                for i in iter_bits(place.mask):
                    held = found.get(self.bases[i])
                    if held is None or size < held.mask.bit_count():
                        found[self.bases[i]] = place
            self.memo["finest"] = found
        return found[base]  # type: ignore[index]


def side_code(side: object) -> str | None:
    """A side (Side.LEFT, "right" or None) as the atlas's side code: "l", "r" or None."""
    return None if side is None else SIDE_CODES[str(getattr(side, "value", side))]


def other_side(code: str) -> str:
    """The other side's code."""
    return "l" if code == "r" else "r"


def iter_bits(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _part_matcher(part: str) -> Callable[[str], bool]:
    """A test for one part of a base id: one of the |-separated alternatives, * standing for any
    text within the part."""
    alts = part.split("|")
    if "*" not in part:
        exact = frozenset(alts)
        return exact.__contains__
    if "*" in alts:
        return lambda text: True
    pattern = re.compile("|".join(re.escape(a).replace(r"\*", ".*") for a in alts))
    return lambda text: pattern.fullmatch(text) is not None


# --- building the atlas from its files ------------------------------------------------------------


def build_atlas(atlas_raw: Mapping[str, Any], places_raw: Mapping[str, Any]) -> Atlas:
    """Cells from the views' segments, places from their selectors. Assumes validated input."""
    views: dict[str, View] = {}
    segments: dict[str, tuple[Mapping[str, Any], ...]] = {}
    bases: list[str] = []
    base_view: dict[str, str] = {}
    midline_bases: set[str] = set()
    for spec in atlas_raw["views"]:
        view = View(
            id=spec["id"],
            title=spec["title"],
            width=float(spec["width"]),
            height=float(spec["height"]),
            first_side=SIDE_CODES[spec["first_side"]],
            paired=bool(spec.get("paired", False)),
            outline=tuple(spec.get("outline", ())),
            details=tuple(spec.get("details", ())),
        )
        views[view.id] = view
        segments[view.id] = tuple(spec["segments"])
        for seg in spec["segments"]:
            for base, _, kind in segment_cells(seg, drawn=False):
                if base in base_view:
                    raise ValueError(f"cell {base!r} is defined twice")
                bases.append(base)
                base_view[base] = view.id
                if not _sided(view, seg, kind):
                    midline_bases.add(base)
    bit = {b: i for i, b in enumerate(bases)}
    atlas = Atlas(
        views=views,
        bases=tuple(bases),
        bit=bit,
        places={},
        midline=sum(1 << bit[b] for b in midline_bases),
        base_view=base_view,
        segments=segments,
    )
    places: dict[str, Place] = {}
    pending = list(places_raw["places"])
    # A word that is both a place id and a segment id names the place.
    place_ids = {spec["id"] for spec in pending}
    # A place may name other places; resolve in dependency order.
    for _ in range(len(pending) + 1):
        if not pending:
            break
        later = []
        for spec in pending:
            refs = [p for p in (*spec.get("cells", ()), *spec.get("excluding", ())) if p in place_ids]
            if any(r not in places for r in refs):
                later.append(spec)
                continue
            mask = 0
            for sel in spec.get("cells", ()):
                mask |= places[sel].mask if sel in place_ids else _selected(atlas, sel, spec["id"])
            for sel in spec.get("excluding", ()):
                mask &= ~(places[sel].mask if sel in place_ids else _selected(atlas, sel, spec["id"]))
            places[spec["id"]] = Place(
                id=spec["id"],
                name=spec["name"],
                synonyms=tuple(spec.get("synonyms", ())),
                mask=mask,
                lateral=bool(mask & ~atlas.midline),
            )
        if len(later) == len(pending):
            names = ", ".join(sorted(s["id"] for s in later))
            raise ValueError(f"places name unknown places or each other in a circle: {names}")
        pending = later
    object.__setattr__(atlas, "places", places)
    return atlas


def _selected(atlas: Atlas, selector: str, place_id: str) -> int:
    found = atlas.select(selector)
    if not found:
        raise ValueError(f"place {place_id!r} names {selector!r}, which is neither a place nor a cell")
    return found


def _sided(view: View, seg: Mapping[str, Any], kind: str) -> bool:
    """A cell of this kind ('half' | 'mid') in this segment is drawn once on each side (else once,
    on the midline)."""
    return view.paired or (kind == "half" and seg["layout"] in ("paired", "symmetric"))


def segment_cells(
    seg: Mapping[str, Any], cx: float = 100.0, *, drawn: bool = True
) -> list[tuple[str, Polygon, str]]:
    """(base id, polygon, 'half' | 'mid') for every cell of a segment, as drawn on its first side;
    with `drawn` false the polygons are left empty (the ids and kinds alone are cheap)."""
    quad = [tuple(p) for p in seg["quad"]]
    rows = seg["rows"]
    out: list[tuple[str, Polygon, str]] = []
    row_edges = _edges([r.get("size", 1) for r in rows])
    for row, (v0, v1) in zip(rows, row_edges, strict=True):
        cols = [(c, 1.0) if isinstance(c, str) else (c[0], float(c[1])) for c in row["cols"]]
        col_edges = _edges([size for _, size in cols])
        for (col, _), (u0, u1) in zip(cols, col_edges, strict=True):
            poly = (
                (_at(quad, u0, v0), _at(quad, u1, v0), _at(quad, u1, v1), _at(quad, u0, v1)) if drawn else ()
            )
            out.append((_join(seg["id"], row["id"], col), poly, "half"))
        if seg.get("layout") == "symmetric":
            poly = ()
            if drawn:
                a, b = _at(quad, 1, v0), _at(quad, 1, v1)
                # the middle column spans the centre line: from this half's inner edge to its mirror
                poly = (a, (2 * cx - a[0], a[1]), (2 * cx - b[0], b[1]), b)
            out.append((_join(seg["id"], row["id"], seg["mid"]), poly, "mid"))
    return out


def _join(*parts: str) -> str:
    return ".".join(p for p in parts if p)


def _edges(sizes: Sequence[float]) -> list[tuple[float, float]]:
    total = float(sum(sizes))
    edges, start = [], 0.0
    for size in sizes:
        end = start + size / total
        edges.append((start, end))
        start = end
    edges[-1] = (edges[-1][0], 1.0)
    return edges


def _at(quad: Sequence[Point], u: float, v: float) -> Point:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    tx, ty = x0 + (x1 - x0) * u, y0 + (y1 - y0) * u
    bx, by = x3 + (x2 - x3) * u, y3 + (y2 - y3) * u
    return (round(tx + (bx - tx) * v, 3), round(ty + (by - ty) * v, 3))


# --- checks run with validation -------------------------------------------------------------------


def check_atlas(atlas: Atlas) -> list[str]:
    """Problems with the atlas: overlapping or non-convex cells, empty places, cells in no place."""
    problems = []
    by_view: dict[tuple[str, str], list[Cell]] = {}
    for cell in atlas.cells:
        key = (cell.view, cell.side if atlas.views[cell.view].paired else "")
        by_view.setdefault(key, []).append(cell)
    for (view, _), cells in by_view.items():
        boxes = [_bbox(c.polygon) for c in cells]
        for i in range(len(cells)):
            for j in range(i + 1, len(cells)):
                if not _boxes_meet(boxes[i], boxes[j]):
                    continue
                area = _overlap_area(cells[i].polygon, cells[j].polygon)
                if area > 0.5:
                    problems.append(f"cells {cells[i].id} and {cells[j].id} overlap in view {view}")
    for place in atlas.places.values():
        if not place.mask:
            problems.append(f"place {place.id} has no cells")
    covered = 0
    for place in atlas.places.values():
        covered |= place.mask
    for i, base in enumerate(atlas.bases):
        if not covered >> i & 1:
            problems.append(f"cell {base} belongs to no named place")
    return problems


def _bbox(poly: Polygon) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    return min(xs), min(ys), max(xs), max(ys)


def _boxes_meet(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlap_area(a: Polygon, b: Polygon) -> float:
    """Area shared by two convex polygons (Sutherland-Hodgman clipping)."""
    out = list(_ccw(a))
    clip = _ccw(b)
    for k in range(len(clip)):
        p, q = clip[k], clip[(k + 1) % len(clip)]
        if not out:
            break
        inp, out = out, []
        for m in range(len(inp)):
            cur, prev = inp[m], inp[m - 1]
            cin, pin = _left(p, q, cur), _left(p, q, prev)
            if cin:
                if not pin:
                    out.append(_cross_point(prev, cur, p, q))
                out.append(cur)
            elif pin:
                out.append(_cross_point(prev, cur, p, q))
    return abs(_signed_area(out)) if len(out) >= 3 else 0.0


def _signed_area(poly: Sequence[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, [*poly[1:], poly[0]], strict=True)) / 2


def _ccw(poly: Sequence[Point]) -> list[Point]:
    return list(poly) if _signed_area(poly) > 0 else list(reversed(poly))


def _left(p: Point, q: Point, r: Point) -> bool:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]) >= 0


def _cross_point(a: Point, b: Point, p: Point, q: Point) -> Point:
    x1, y1, x2, y2 = *a, *b
    x3, y3, x4, y4 = *p, *q
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if den == 0:
        return b
    t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
    return (x1 + t * (x2 - x1), y1 + t * (y2 - y1))


def centroid(poly: Polygon) -> Point:
    xs, ys = [p[0] for p in poly], [p[1] for p in poly]
    return sum(xs) / len(xs), sum(ys) / len(ys)
