"""A printable handout as one self-contained HTML page: inline CSS and SVG, nothing fetched.

Made to be taken to a therapist, printed or e-mailed: it opens offline, prints in black and white on
A4 or US Letter, and reads on a phone. Every piece of text, the person's own words included, is
escaped. Pure functions from results to a string; the date and version are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

from painmap.dataset import Dataset
from painmap.models import MatchResult, Muscle, MuscleMatch, RedFlagWarning, Urgency
from painmap.render.page import (
    muscle_heading,
    muscle_sections,
    place_label,
    place_names,
    query_notes,
    rank_label,
    reason_line,
    score_label,
)
from painmap.render.svg import Layers, marked_places, match_layers, muscle_svg, picture
from painmap.text import fold

#: how many of the best matches get a picture, a self-check card and a share of the checklist
TOP = 3

_CSS = """
:root { --ink: #1f1f1f; --muted: #555; --line: #bbb; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem; color: var(--ink); background: #fff;
  font: 16px/1.45 Helvetica, Arial, sans-serif; overflow-wrap: break-word; }
h1 { font-size: 1.45rem; margin: 0 0 .6rem; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 .3rem; }
h4 { font-size: .9rem; margin: .5rem 0 .1rem; }
p, ul, ol { margin: .25rem 0; }
ul, ol { padding-left: 1.3rem; }
.muted { color: var(--muted); }
.warning { border: 3px solid #000; background: #fff1f1; padding: .5rem .75rem; margin: 0 0 .75rem;
  break-inside: avoid; }
.warning.emergency { border-width: 5px; }
.warning h2 { border: 0; margin: 0 0 .25rem; font-size: 1.1rem; }
.warning .urgency { font-weight: bold; letter-spacing: .04em; }
dl.query { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: 0; }
dl.query dt { font-weight: bold; }
dl.query dd { margin: 0; }
.maps { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .75rem; }
figure { margin: 0; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-weight: bold; text-align: center; font-size: .95rem; }
ol.ranking { list-style: none; padding: 0; }
ol.ranking > li { margin: 0 0 .4rem; }
.rank { display: inline-block; min-width: 2.2rem; font-weight: bold; }
ul.reasons { font-size: .9rem; list-style: none; padding-left: 2.2rem; }
.card { border: 1px solid #777; border-radius: 4px; padding: .5rem .75rem; margin: 0 0 .6rem;
  break-inside: avoid; }
ul.checklist { list-style: none; padding-left: 0; columns: 2 18rem; column-gap: 1.5rem; }
ul.checklist li { padding-left: 1.6em; position: relative; break-inside: avoid; margin-bottom: .3em; }
ul.checklist li::before { content: ""; position: absolute; left: 0; top: .15em; width: .95em;
  height: .95em; border: 1.5px solid #000; }
.lead { break-inside: avoid; break-after: avoid; }
ul.sources { font-size: .85rem; }
footer { margin-top: 1.2rem; border-top: 1px solid var(--line); padding-top: .4rem; font-size: .9rem; }
@media (max-width: 30rem) {
  body { padding: .6rem; }
  dl.query { grid-template-columns: 1fr; }
  dl.query dd { margin-bottom: .3rem; }
}
@page { margin: 11mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.3; }
  h1 { font-size: 14pt; margin-bottom: 3mm; }
  h2, .warning h2 { font-size: 11pt; margin: 3mm 0 1.5mm; break-after: avoid; }
  .warning h2 { margin-top: 0; }
  h3 { font-size: 10pt; }
  h4 { font-size: 9pt; margin-top: 1.5mm; break-after: avoid; }
  footer { break-inside: avoid; margin-top: 3mm; }
  .warning { background: none; padding: 2mm 3mm; margin-bottom: 3mm; }
  .maps { grid-template-columns: repeat(3, 1fr); gap: 4mm; }
  .maps figure svg { max-height: 96mm; }
  .maps.single { grid-template-columns: minmax(0, 130mm); justify-content: center; }
  .maps.single figure svg { max-height: 200mm; }
  ol.ranking, ul.sources { columns: 2; column-gap: 6mm; }
  ul.sources, ul.checklist, .card { font-size: 8.5pt; }
  ul.reasons { font-size: 8pt; }
  ul.reasons { padding-left: 6mm; }
  .card { padding: 2mm 3mm; margin-bottom: 3mm; }
  .card .parts { columns: 2; column-gap: 5mm; }
  ul.checklist { columns: 3; column-gap: 4mm; font-size: 8pt; }
  ul.reasons li { display: inline; }
  ul.reasons li { margin-right: .5em; }
  ul.sources { font-size: 7pt; line-height: 1.25; }
  a[href]::after { content: " (" attr(href) ")"; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def match_html(result: MatchResult, ds: Dataset, *, made: str, version: str) -> str:
    """The handout for a match: warnings, the query, maps, ranking, cards, checklist, sources."""
    top = result.matches[:TOP]
    muscles = [ds.muscles[m.id] for m in top]
    body = [
        "<h1>Where this pain may come from</h1>",
        *_warnings(result.warnings),
        "<section><h2>What you told painmap</h2>",
        _query(result),
        "</section>",
        _maps(result, top, ds),
        _ranking(result),
    ]
    if top:
        body += [
            '<section><div class="lead"><h2>Check, ease, avoid: the top matches</h2>',
            '<p class="muted">To check a muscle, press slowly where it says: a tender spot that brings on '
            "your own pain points to it. Stop if pressing makes things worse.</p></div>",
            '<div class="cards">',
            *(_card(m, muscle) for m, muscle in zip(top, muscles, strict=True)),
            "</div></section>",
            '<section><div class="lead"><h2>What keeps these muscles going: a checklist</h2>',
            '<p class="muted">Tick what applies to you, and take it along.</p></div>',
            _list((a for muscle in muscles for a in muscle.activities), "checklist", distinct=True),
            "</section>",
        ]
    sources = [s for muscle in muscles for s in muscle.sources]
    fired = {w.id for w in result.warnings}
    sources += [s for rule in ds.redflags if rule.id in fired for s in rule.sources]
    if sources:
        body += ["<section><h2>Sources</h2>", _list(sources, "sources", distinct=True), "</section>"]
    body.append(_footer(result.disclaimer, made, version))
    return _document("painmap handout: " + _places(result), body)


def show_html(muscle: Muscle, ds: Dataset, *, made: str, version: str) -> str:
    """A muscle's whole reference page with its picture."""
    from painmap.models import DISCLAIMER

    body = [
        f"<h1>{_e(muscle_heading(muscle))}</h1>",
        f'<p class="muted">Region: {_e(muscle.region.value)}'
        + (f"; part of {_e(muscle.part_of)}" if muscle.part_of else "")
        + "</p>",
        f'<div class="maps single"><figure>{_inline_svg(muscle_svg(muscle, ds), "m")}</figure></div>',
    ]
    for section in muscle_sections(muscle, ds):
        body.append(f"<section><h2>{_e(section.title)}</h2>")
        if section.bullets:
            body.append(_list(section.lines))
        else:
            body += [f"<p>{_e(line)}</p>" for line in section.lines]
        body.append("</section>")
    body.append(_footer(DISCLAIMER, made, version))
    return _document(f"painmap: {muscle.name}", body)


def _document(title: str, body: Sequence[str]) -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched: the page must open offline and survive being e-mailed.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    page = "\n".join([*head, *body, "</body>", "</html>"]) + "\n"
    # A lone surrogate (undecodable command-line bytes) cannot be written as UTF-8: it shows as "?".
    return page.encode("utf-8", "replace").decode("utf-8")


def _warnings(warnings: Iterable[RedFlagWarning]) -> list[str]:
    out = []
    for w in warnings:
        heavy = " emergency" if w.urgency == Urgency.EMERGENCY else ""
        out.append(
            f'<section class="warning{heavy}" role="alert">'
            f'<h2><span class="urgency">{_e(w.urgency.value.upper())}:</span> {_e(w.title)}</h2>'
            f"<p><strong>{_e(w.advice)}</strong></p><p>{_e(w.why)}</p></section>"
        )
    return out


def _query(result: MatchResult) -> str:
    q = result.query
    rows: list[tuple[str, str]] = []
    if q.text:
        rows.append(("In your words", f"“{_e(q.text)}”"))
    places = []
    for area in q.areas:
        shown = _e(place_label(area))
        places.append(
            shown if area.how == "exact" else f"{shown} <span class=muted>(from “{_e(area.input)}”)</span>"
        )
    rows.append(("Where", "; ".join(places) or "no place given: ranked by symptoms and activities alone"))
    if q.side:
        rows.append(("Side", _e(q.side.value)))
    if q.symptoms:
        rows.append(("Feels like", _e("; ".join(q.symptoms))))
    if q.activities:
        rows.append(("Brought on by", _e("; ".join(q.activities))))
    for note in query_notes(result):
        label, _, rest = note.partition(": ")
        rows.append((label, _e(rest)))
    return '<dl class="query">' + "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _maps(result: MatchResult, top: Sequence[MuscleMatch], ds: Dataset) -> str:
    marked = marked_places(result.query.areas, ds)
    figures, points = [], False
    if not top:
        svg = picture("Where you said it hurts", Layers(marked=marked), ds, legend=False)
        figures.append(f"<figure>{_inline_svg(svg, 'p')}</figure>")
    for i, m in enumerate(top):
        points = points or bool(ds.patterns[m.id].points)
        layers = match_layers(m, marked, ds)
        title = f"{rank_label(m)}. {m.name}" + (f", {m.side.value} side" if m.side else "")
        figures.append(f"<figure>{_inline_svg(picture(title, layers, ds, legend=False), f'p{i}')}</figure>")
    single = " single" if len(figures) == 1 else ""
    # Named by pattern as well as colour, so the key still reads on a black-and-white printout.
    key = "Dashed blue outline: where you said it hurts."
    if top:
        key += " Solid dark red: the main pain zone; hatched: the wider zone some people feel."
    if points:
        key += " X: a trigger point that sends it."
    return (
        f'<section><h2>Body map</h2><p class="muted">{key}</p>'
        f'<div class="maps{single}">' + "".join(figures) + "</div></section>"
    )


def _ranking(result: MatchResult) -> str:
    if not result.matches:
        return (
            "<section><h2>Muscles that may be involved</h2>"
            "<p>No muscle in the dataset refers pain there or matches those words.</p></section>"
        )
    items = []
    for m in result.matches:
        side = f", {m.side.value} side" if m.side and result.query.side is None else ""
        tie = " (tied)" if m.tied else ""
        reasons = "".join(f"<li>{_e(reason_line(m, i))}</li>" for i in range(len(m.reasons)))
        items.append(
            f'<li><span class="rank">{_e(rank_label(m))}</span><strong>{_e(m.name)}</strong>{tie} '
            f'<span class="muted">{_e(score_label(m) + side)}</span>'
            f'<ul class="reasons">{reasons}</ul></li>'
        )
    return (
        '<section><div class="lead"><h2>Muscles that may be involved</h2>'
        '<p class="muted">Ranked by how well each one explains what you said; “=” marks a tie.</p></div>'
        f'<ol class="ranking">{"".join(items)}</ol></section>'
    )


def _card(m: MuscleMatch, muscle: Muscle) -> str:
    parts = [
        f'<article class="card"><h3>{_e(rank_label(m))}. {_e(muscle.name)}</h3><div class="parts">',
        "<h4>Self-check: where to press</h4>",
        _list(p.where for p in muscle.trigger_points),
        "<h4>Self-care</h4>",
        _list(muscle.self_care),
    ]
    if muscle.avoid:
        parts += ["<h4>Avoid</h4>", _list(muscle.avoid)]
    return "".join(parts) + "</div></article>"


def _footer(disclaimer: str, made: str, version: str) -> str:
    made_by = f"Made on {_e(made)} by painmap {_e(version)}."
    return f"<footer><p>{made_by} <strong>{_e(disclaimer)}</strong></p></footer>"


def _list(lines: Iterable[str], css: str | None = None, distinct: bool = False) -> str:
    seen: set[str] = set()
    items = []
    for line in lines:
        # Several muscles name the same habit in slightly different case or punctuation.
        folded = fold(line)
        if distinct and folded in seen:
            continue
        seen.add(folded)
        items.append(f"<li>{_e(line)}</li>")
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>{''.join(items)}</ul>"


def _places(result: MatchResult) -> str:
    return place_names(result.query.areas) or "your symptoms"


_ID = re.compile(r'\bid="([^"]+)"')


def _inline_svg(svg: str, prefix: str) -> str:
    """An SVG document made fit to sit inside HTML next to others: no XML prolog, and its ids
    (clip paths, the hatch pattern) prefixed so two pictures never share one."""
    body = svg.split("?>", 1)[1].strip() if svg.startswith("<?xml") else svg
    for name in set(_ID.findall(body)):
        body = body.replace(f'id="{name}"', f'id="{prefix}-{name}"').replace(
            f"url(#{name})", f"url(#{prefix}-{name})"
        )
    return body


def _e(text: str) -> str:
    return escape(text, quote=True)
