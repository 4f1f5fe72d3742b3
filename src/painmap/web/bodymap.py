"""The clickable body map: every atlas cell as a polygon, grouped by the finest place holding it.

Drawn from the same atlas as the SVG pictures (cells, outlines and landmark lines through
shapes.py): the whole-body front and back, then each close-up (a paired one once per side, the
other side mirrored). Each cell carries its base id and side (`data-cell`, `data-side`); each group
is one place on one side (`data-key="place:side"`), focusable and labelled, so a click, a tap or
Enter marks the whole place. Pure: dataset in, HTML out.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from painmap.atlas import SIDE_NAMES, Atlas, Cell, View, other_side
from painmap.dataset import Dataset
from painmap.shapes import placed, svg_path, zoom_parts

WHOLE = ("front", "back")


def body_map_html(ds: Dataset) -> tuple[str, str]:
    """The figures as HTML with inline SVG: the whole-body views, and the close-ups."""
    atlas = ds.atlas
    whole = [_figure(atlas, atlas.views[v], None) for v in WHOLE]
    close = [
        _figure(atlas, view, side)
        for view in atlas.views.values()
        if view.id not in WHOLE
        for side in ((view.first_side, other_side(view.first_side)) if view.paired else (None,))
    ]
    return f'<div class="whole">{"".join(whole)}</div>', f'<div class="close">{"".join(close)}</div>'


def place_key(atlas: Atlas, cell: Cell) -> str:
    """The group a cell is marked with: its finest place on its side ("outer-buttock:r")."""
    return f"{atlas.finest_place(cell.base).id}:{cell.side}"


def _figure(atlas: Atlas, view: View, side: str | None) -> str:
    mirrored = side is not None and side != view.first_side
    anchor = f"view-{view.id}" + (f"-{side}" if side else "")
    caption = view.title + (f" ({SIDE_NAMES[side]})" if side else "")
    outline = " ".join(
        svg_path(tuple(s.mirrored(view.width) for s in subs) if mirrored else subs)
        for part in view.outline
        for subs in placed(part, view.width)
    )
    out = [
        f'<figure class="view" id="{anchor}" data-view="{view.id}">',
        f"<figcaption>{escape(caption)}</figcaption>",
        f'<svg viewBox="0 0 {_n(view.width)} {_n(view.height)}" role="group" '
        f"aria-label={quoteattr(caption + ': choose where it hurts')}>",
        f'<defs><clipPath id="clip-{anchor}"><path d="{outline}"/></clipPath></defs>',
        # The edge is stroked under the body's fill, so only the silhouette's outer edge shows, not
        # the seams where its parts (head, neck, arms) overlap.
        f'<path class="edge" d="{outline}"/>',
        f'<path class="body" d="{outline}"/>',
        *(_zoom_links(view) if view.id in WHOLE else ()),
        f'<g clip-path="url(#clip-{anchor})">',
    ]
    groups: dict[str, list[Cell]] = {}
    for cell in atlas.cells:
        if cell.view == view.id and (side is None or cell.side == side):
            groups.setdefault(place_key(atlas, cell), []).append(cell)
    for key, cells in groups.items():
        place = atlas.finest_place(cells[0].base)
        code = cells[0].side
        label = (f"{SIDE_NAMES[code]} " if code else "") + place.name.lower()
        out.append(
            f'<g class="place" data-key="{key}" tabindex="0" role="button" aria-pressed="false" '
            f"aria-label={quoteattr(label)}><title>{escape(label)}</title>"
        )
        for cell in cells:
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in cell.polygon)
            out.append(f'<polygon data-cell="{cell.base}" data-side="{cell.side}" points="{points}"/>')
        out.append("</g>")
    out.append("</g>")
    for detail in view.details:
        for subs in placed(detail, view.width):
            d = svg_path(tuple(s.mirrored(view.width) for s in subs) if mirrored else subs)
            out.append(f'<path class="detail" d="{d}"/>')
    if view.id in WHOLE:
        first, second = (SIDE_NAMES[view.first_side], SIDE_NAMES[other_side(view.first_side)])
        out.append(f'<text class="side" x="4" y="100">{first.capitalize()}</text>')
        out.append(
            f'<text class="side" x="{_n(view.width - 4)}" y="100" text-anchor="end">'
            f"{second.capitalize()}</text>"
        )
    out.append("</svg></figure>")
    return "".join(out)


def _zoom_links(view: View) -> list[str]:
    """Hands, feet, face and ears on a whole-body view link to their close-ups (the cells there are
    drawn only in the close-up)."""
    out = []
    for zoom, side, subs in zoom_parts(view):
        target = f"view-{zoom}" + (f"-{side}" if side and zoom != "face" else "")
        out.append(f'<a class="zoom" href="#{target}" tabindex="-1"><path d="{svg_path(subs)}"/></a>')
    return out


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"
