// painmap serve: marks cells, sends the query, shows the answer. All ranking happens in Python.
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
    // The first clause of each of the first two trigger points: where to press, not the whole story.
    const spots = rec.trigger_points.slice(0, 2).map((t) => t.where.split(/;|: pain/)[0].replace(/[.\s]+$/, ""));
    box.replaceChildren(el("strong", {}, "Self-check: "), "press firmly for a few seconds at " + spots.join(", or ")
      + ". Does it bring on the pain you know?");
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
