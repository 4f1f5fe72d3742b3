"""The pages `painmap serve` shows: the body map app, and one muscle's reference page.

One HTML document each, CSS and script inline, nothing fetched from elsewhere. The script only
marks cells, sends the query and shows the answer: all ranking happens in Python (routes.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from xml.sax.saxutils import escape

from painmap.dataset import load_dataset
from painmap.models import DISCLAIMER, Muscle
from painmap.render.svg import MARKED_FILL, MARKED_STROKE, muscle_svg

_CSS = """
:root{--ink:#1f1f1f;--muted:#555;--line:#d8d2cc;--mark:@MARK@;--mark-line:@MARK_LINE@;--warn:#b00020}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fbfaf8}
header{padding:.6rem 1rem;border-bottom:1px solid var(--line);background:#fff}
header h1{font-size:1.25rem;margin:0}
header p{margin:.2rem 0 0;color:var(--muted);font-size:.9rem}
main{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:1rem;padding:1rem;max-width:1400px;margin:auto}
@media (max-width:820px){main{grid-template-columns:1fr;padding:.5rem}}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.75rem}
h2{font-size:1.05rem;margin:.1rem 0 .5rem}
h3{font-size:.95rem;margin:.6rem 0 .3rem}
.whole{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}
.close{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:.5rem}
figure{margin:0;text-align:center}
figcaption{font-weight:600;font-size:.85rem}
svg{width:100%;height:auto;display:block;touch-action:manipulation}
.whole svg{max-height:78vh}
path.body{fill:#efe9e4;stroke:none}
path.outline{fill:none;stroke:#4a4440;stroke-width:.8;pointer-events:none}
path.detail{fill:none;stroke:#9a8f88;stroke-width:.5;pointer-events:none}
text.side{font-size:9px;fill:var(--muted);pointer-events:none}
a.zoom path{fill:transparent;cursor:zoom-in}
a.zoom:hover path{fill:#e7a1a955}
g.place polygon{fill:transparent;stroke:#b9aea6;stroke-width:.25;cursor:pointer}
g.place:hover polygon{fill:#bcd0fb88}
g.place:focus{outline:none}
g.place:focus polygon{stroke:var(--mark-line);stroke-width:1.1}
g.place polygon.on{fill:var(--mark);fill-opacity:.8;stroke:var(--mark-line);stroke-width:.6}
label{display:block;font-weight:600;font-size:.9rem;margin-top:.5rem}
input[type=text],input[type=search]{width:100%;font:inherit;padding:.45rem .5rem;border:1px solid #bbb;border-radius:6px}
button{font:inherit;padding:.35rem .7rem;border:1px solid #888;border-radius:6px;background:#f4f2ef;cursor:pointer;min-height:2.2rem}
button:focus-visible,input:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid var(--mark-line);outline-offset:1px}
.row{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
.row input{flex:1 1 12rem}
.hint{color:var(--muted);font-size:.85rem;margin:.25rem 0}
.err{color:var(--warn);font-size:.9rem;margin:.25rem 0}
#marked{display:flex;flex-wrap:wrap;gap:.3rem;margin:.4rem 0;padding:0;list-style:none}
#marked li button{background:#e8efff;border-color:var(--mark-line);font-size:.85rem;min-height:1.8rem}
#warnings:empty{display:none}
.warning{border:3px solid #000;background:#fff1f1;border-radius:6px;padding:.5rem .75rem;margin:0 0 .6rem}
.warning.soon{border-width:2px}
.warning strong{display:block;font-size:1.05rem}
#results ol{list-style:none;padding:0;margin:0}
#results li.match{border-top:1px solid var(--line);padding:.5rem 0}
.rank{display:inline-block;min-width:2.2rem;font-weight:700}
.score{color:var(--muted);font-size:.85rem;margin-left:.3rem}
.reasons{margin:.2rem 0 0 2.2rem;padding:0;list-style:none;font-size:.88rem}
.reasons li.against{color:var(--muted)}
.check{margin:.3rem 0 0 2.2rem;font-size:.88rem;background:#f6f8ff;border-left:3px solid var(--mark-line);padding:.25rem .5rem}
.question{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;margin:.4rem 0}
.question p{margin:0 0 .3rem}
#placelist{max-height:18rem;overflow:auto;margin:.4rem 0;padding:0;list-style:none}
#placelist li{display:flex;gap:.3rem;align-items:center;padding:.1rem 0}
#placelist li span{flex:1}
#placelist button{min-height:1.8rem;padding:.1rem .5rem;font-size:.85rem}
footer{color:var(--muted);font-size:.85rem;padding:0 1rem 1rem;max-width:1400px;margin:auto}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem}
""".replace("@MARK@", MARKED_FILL).replace("@MARK_LINE@", MARKED_STROKE)

# The script sends what is marked and typed, and draws what the server answers; it ranks nothing.
_SCRIPT = r"""
"use strict";
const FEATURES = JSON.parse(document.getElementById("features").textContent);
const $ = (s) => document.querySelector(s);
const marked = new Set();          // drawn cell ids: "base:r", "base:l" or "base" (midline)
const answers = {yes: [], no: []}; // ids of the questions answered
const unsure = new Set();
const cellEls = new Map();
for (const p of document.querySelectorAll("polygon[data-cell]")) {
  const id = p.dataset.side ? p.dataset.cell + ":" + p.dataset.side : p.dataset.cell;
  cellEls.set(id, p);
}
const groups = new Map();          // "place:side" -> [g, ...] (one per view it is drawn in)
for (const g of document.querySelectorAll("g.place")) {
  if (!groups.has(g.dataset.key)) groups.set(g.dataset.key, []);
  groups.get(g.dataset.key).push(g);
}
function cellsOf(key) {
  const out = [];
  for (const g of groups.get(key) || []) for (const p of g.querySelectorAll("polygon")) {
    out.push(p.dataset.side ? p.dataset.cell + ":" + p.dataset.side : p.dataset.cell);
  }
  return out;
}
function toggleGroup(key) {
  const cells = cellsOf(key);
  const on = !cells.every((c) => marked.has(c));
  for (const c of cells) on ? marked.add(c) : marked.delete(c);
  changed();
}
function paint() {
  for (const [id, p] of cellEls) p.classList.toggle("on", marked.has(id));
  for (const [key, gs] of groups) {
    const cells = cellsOf(key);
    const pressed = cells.length > 0 && cells.every((c) => marked.has(c));
    for (const g of gs) g.setAttribute("aria-pressed", String(pressed));
  }
}
document.addEventListener("click", (e) => {
  const g = e.target.closest && e.target.closest("g.place");
  if (g) { e.preventDefault(); toggleGroup(g.dataset.key); }
});
document.addEventListener("keydown", (e) => {
  const g = e.target.closest && e.target.closest("g.place");
  if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); toggleGroup(g.dataset.key); }
});

function listOf(text) {
  return text.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);
}
function query() {
  const q = {
    cells: [...marked],
    symptoms: listOf($("#symptoms").value),
    activities: listOf($("#activities").value),
    limit: 10,
  };
  if (FEATURES.answers) { q.yes = answers.yes; q.no = answers.no; }
  return q;
}
async function post(path, body) {
  return fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
}

let seq = 0, timer = null;
function changed(now) {
  paint();
  clearTimeout(timer);
  timer = setTimeout(rank, now ? 0 : 120);
}
async function rank() {
  const q = query();
  const mine = ++seq;
  const results = $("#results");
  if (!q.cells.length && !q.symptoms.length && !q.activities.length) {
    $("#warnings").replaceChildren();
    results.replaceChildren(el("p", {class: "hint"}, "Mark where it hurts on the body, or type a place, a symptom or an activity."));
    $("#understood").textContent = "";
    $("#questions").replaceChildren();
    results.dataset.state = "empty";
    return;
  }
  results.setAttribute("aria-busy", "true");
  let doc;
  try {
    const r = await post("/api/match", q);
    doc = await r.json();
    if (!r.ok) throw new Error(doc.error || ("error " + r.status));
  } catch (err) {
    if (mine !== seq) return;
    results.replaceChildren(el("p", {class: "err"}, String(err.message || err)));
    results.dataset.state = "error";
    return;
  } finally {
    if (mine === seq) results.removeAttribute("aria-busy");
  }
  if (mine !== seq) return;  // a newer query is on its way
  show(doc);
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const k of kids) if (k != null) e.append(k);
  return e;
}
function show(doc) {
  const warn = $("#warnings");
  warn.replaceChildren(...doc.warnings.map((w) => el("div", {class: "warning " + w.urgency, role: "alert"},
    el("strong", {}, w.urgency.toUpperCase() + ": " + w.title), el("span", {}, w.advice + " " + w.why))));
  const q = doc.query;
  const places = q.areas.map((a) => (a.side ? a.side + " " : "") + a.name.toLowerCase());
  let said = places.length ? "Pain at: " + places.join("; ") : "No place marked: ranked by symptoms and activities alone";
  if (q.symptoms.length) said += ". Symptoms: " + q.symptoms.join("; ");
  if (q.activities.length) said += ". Brought on by: " + q.activities.join("; ");
  if (q.unmatched && q.unmatched.length) said += ". Matches no muscle's record: " + q.unmatched.join("; ");
  $("#understood").textContent = said + ".";
  const list = el("ol", {});
  doc.matches.forEach((m, i) => {
    const label = (m.tied ? "=" : "") + m.rank;
    const score = m.score >= 0.005 ? Math.round(m.score * 100) + "% of the evidence" : "<1% of the evidence";
    const link = el("a", {href: "/muscle/" + encodeURIComponent(m.id), target: "_blank", rel: "noopener"}, m.name);
    const reasons = el("ul", {class: "reasons"}, ...m.reasons.map((r) =>
      el("li", {class: r.kind === "unexplained" ? "against" : "for"}, (r.kind === "unexplained" ? "− " : "+ ") + r.detail)));
    const item = el("li", {class: "match", "data-id": m.id, "data-rank": label},
      el("span", {class: "rank", title: m.tied ? "tied with another muscle" : ""}, label),
      link, m.side ? " (" + m.side + ")" : "", el("span", {class: "score"}, score), reasons);
    if (i < 3) item.append(selfCheck(m.id));
    list.append(item);
  });
  const results = $("#results");
  results.replaceChildren(doc.matches.length ? list : el("p", {class: "hint"}, "No muscle in the dataset refers pain there or matches those words; try a broader place."));
  results.dataset.state = "ranked";
  showQuestions(doc.questions || []);
  $("#disclaimer").textContent = doc.disclaimer;
}

const records = new Map();
function selfCheck(id) {
  const box = el("div", {class: "check"}, "Self-check: …");
  const fill = (rec) => {
    const where = rec.trigger_points.map((t) => t.where).join("; ");
    box.textContent = "Self-check: press gently at " + where + ". Does that bring on your pain?";
  };
  if (records.has(id)) { fill(records.get(id)); return box; }
  fetch("/api/muscle/" + encodeURIComponent(id)).then((r) => r.json()).then((rec) => {
    if (rec.trigger_points) { records.set(id, rec); fill(rec); } else box.remove();
  }).catch(() => box.remove());
  return box;
}

function showQuestions(questions) {
  const box = $("#questions");
  const open = FEATURES.answers ? questions.filter((q) => !unsure.has(q.id)
    && !answers.yes.includes(q.id) && !answers.no.includes(q.id)) : [];
  box.replaceChildren(...open.slice(0, 3).map((q) => {
    const answer = (kind) => () => {
      if (kind === "unsure") unsure.add(q.id); else answers[kind].push(q.id);
      changed(true);
    };
    const yes = el("button", {type: "button", "data-answer": "yes"}, "Yes");
    const no = el("button", {type: "button", "data-answer": "no"}, "No");
    const not = el("button", {type: "button", "data-answer": "unsure"}, "Not sure");
    yes.onclick = answer("yes"); no.onclick = answer("no"); not.onclick = answer("unsure");
    return el("div", {class: "question", "data-id": q.id}, el("p", {}, q.text), el("div", {class: "row"}, yes, no, not));
  }));
  box.hidden = open.length === 0;
  const taken = answers.yes.length + answers.no.length;
  $("#answers").textContent = taken ? taken + " answer" + (taken > 1 ? "s" : "") + " taken into account." : "";
}

async function lookUp(words) {
  const msg = $("#search-msg");
  msg.textContent = "";
  if (!words.trim()) return;
  const r = await fetch("/api/resolve?q=" + encodeURIComponent(words));
  const doc = await r.json();
  if (!r.ok) {
    msg.textContent = doc.error + (doc.suggestions && doc.suggestions.length ? "" : "");
    return false;
  }
  for (const a of doc.areas) for (const c of a.cells) marked.add(c);
  msg.textContent = "Marked: " + doc.areas.map((a) => (a.side ? a.side + " " : "") + a.name.toLowerCase()).join(", ");
  changed(true);
  return true;
}
$("#search").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (await lookUp($("#area").value)) $("#area").value = "";
});
for (const id of ["#symptoms", "#activities"]) $(id).addEventListener("input", () => changed());
$("#clear").addEventListener("click", () => {
  marked.clear(); answers.yes = []; answers.no = []; unsure.clear();
  $("#search-msg").textContent = "";
  changed(true);
});

let placesLoaded = false;
$("#places").addEventListener("toggle", async () => {
  if (placesLoaded || !$("#places").open) return;
  placesLoaded = true;
  const doc = await (await fetch("/api/places")).json();
  const list = $("#placelist");
  const filter = $("#placefilter");
  for (const p of doc.places) {
    const sides = p.lateral ? ["left", "right"] : [""];
    const buttons = sides.map((s) => {
      const b = el("button", {type: "button"}, s ? s[0].toUpperCase() + s.slice(1) : "Mark");
      b.setAttribute("aria-label", "Mark " + (s ? s + " " : "") + p.name.toLowerCase());
      b.onclick = () => lookUp((s ? s + " " : "") + p.name);
      return b;
    });
    list.append(el("li", {"data-name": p.name.toLowerCase()}, el("span", {}, p.name), ...buttons));
  }
  filter.addEventListener("input", () => {
    const w = filter.value.trim().toLowerCase();
    for (const li of list.children) li.hidden = !!w && !li.dataset.name.includes(w);
  });
});

$("#save").addEventListener("click", async () => {
  const msg = $("#save-msg");
  msg.textContent = "";
  const r = await post("/api/report", query());
  if (!r.ok) { msg.textContent = (await r.json()).error; return; }
  const blob = await r.blob();
  const name = FEATURES.handout ? "painmap-report.html" : "painmap-report.svg";
  const a = el("a", {href: URL.createObjectURL(blob), download: name});
  document.body.append(a); a.click(); a.remove();
  msg.textContent = "Saved " + name + ".";
});
rank();
"""

_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>painmap: where does it hurt?</title>
<style>{css}</style></head>
<body>
<a class="skip" href="#controls">Skip the body map</a>
<header><h1>painmap: where does it hurt?</h1>
<p>Tap or click where it hurts (left and right as drawn: the front view shows your right on the left),
or type the place. The list of muscles whose trigger points refer pain there updates as you go.</p></header>
<div id="warnings" aria-live="assertive" style="max-width:1400px;margin:1rem auto 0;padding:0 1rem"></div>
<main>
<section id="map" aria-label="Body map">
<h2>Body map</h2>
{body}
</section>
<div>
<section id="controls">
<h2>Where, what, when</h2>
<form id="search" role="search"><label for="area">Find a place (as with --area: "left hip", "side of thigh")</label>
<div class="row"><input id="area" type="search" autocomplete="off" placeholder="e.g. left side of hip">
<button type="submit">Mark</button></div></form>
<p id="search-msg" class="hint" aria-live="polite"></p>
<details id="places"><summary>Or choose from the list of places</summary>
<input id="placefilter" type="text" aria-label="Filter the places" placeholder="filter">
<ul id="placelist"></ul></details>
<label for="symptoms">What it feels like (symptoms, separated by commas)</label>
<input id="symptoms" type="text" placeholder="e.g. crushing pressure and sweating; numbness">
<label for="activities">What brings it on (activities)</label>
<input id="activities" type="text" placeholder="e.g. lying on my side, running">
<div class="row" style="margin-top:.6rem"><button type="button" id="clear">Clear all</button>
<button type="button" id="save">Save report</button><span id="save-msg" class="hint" aria-live="polite"></span></div>
</section>
<section aria-label="Ranking" style="margin-top:1rem">
<h2>Muscles that may refer this pain</h2>
<p id="understood" class="hint" aria-live="polite"></p>
<div id="questions" hidden aria-label="Questions"></div>
<p id="answers" class="hint"></p>
<div id="results" aria-live="polite"></div>
</section>
</div>
</main>
<footer><p id="disclaimer">{disclaimer}</p></footer>
<script type="application/json" id="features">{features}</script>
<script>{script}</script>
</body></html>
"""


def index_html(features: Mapping[str, bool]) -> str:
    """The app: body map, inputs and the ranking area; `features` says what the API offers."""
    from painmap.web.bodymap import body_map_html

    return _INDEX.format(
        css=_CSS,
        body=body_map_html(load_dataset()),
        disclaimer=escape(DISCLAIMER),
        features=json.dumps(dict(features)).replace("<", "\\u003c"),
        script=_SCRIPT,
    )


def muscle_html(muscle: Muscle) -> str:
    """One muscle's reference page: its picture and the sections `painmap show` prints."""
    from painmap.render.page import muscle_heading, muscle_sections

    ds = load_dataset()
    picture = "\n".join(line for line in muscle_svg(muscle, ds).splitlines() if not line.startswith("<?xml"))
    parts = [f"<h1>{escape(muscle_heading(muscle))}</h1>", f'<div class="picture">{picture}</div>']
    for section in muscle_sections(muscle, ds):
        parts.append(f"<h2>{escape(section.title)}</h2>")
        if section.bullets:
            parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in section.lines) + "</ul>")
        else:
            parts += [f"<p>{escape(line)}</p>" for line in section.lines]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(muscle.name)}: painmap</title><style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:auto;padding:1rem;color:#1f1f1f}"
        ".picture svg{width:100%;height:auto;max-width:34rem}h2{font-size:1.1rem;margin-top:1.4rem}"
        "</style></head><body>" + "".join(parts) + f'<p style="color:#555">{escape(DISCLAIMER)}</p>'
        '<p><a href="/">Back to the body map</a></p></body></html>'
    )
