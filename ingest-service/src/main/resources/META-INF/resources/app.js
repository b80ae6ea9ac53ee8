// The tagger web page: upload, follow each track through the pipeline, see and compare its tags.
// Plain JavaScript, no build step. The API key is in the session cookie set at sign-in (HttpOnly:
// this script never sees it); a 401 sends the browser back to the sign-in page.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { track: null, versions: [], showAll: false };
// Tags shown until "Show all" is pressed; how many there are in all is the model's tag count (the
// answer's scores), not a number of this page's.
const TOP_SHOWN = 10;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k.startsWith("data-") || k.startsWith("aria-") || k === "role") e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

function showError(message) { $("error").textContent = message || ""; }

// The answer's JSON and the response itself; an error (RFC 9457 problem details) throws its detail.
async function exchange(path, options = {}) {
  const res = await fetch(path, Object.assign({ credentials: "same-origin" }, options));
  if (res.status === 401) {
    window.location.assign("/login.html");
  }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const message = body && (body.detail || body.title) ? (body.detail || body.title) : "HTTP " + res.status;
    const err = new Error(message);
    err.status = res.status;
    throw err;
  }
  return { res, body };
}

async function api(path, options = {}) {
  return (await exchange(path, options)).body;
}

// --- signing out -----------------------------------------------------------------------------
$("sign-out").addEventListener("click", async () => {
  await fetch("/session", { method: "DELETE", credentials: "same-origin" });
  window.location.assign("/login.html");
});

// --- uploads ---------------------------------------------------------------------------------
const STEPS = ["uploaded", "segments published", "features", "tagged"];

function uploadRow(file) {
  const steps = el("ol", { class: "steps", "aria-label": "progress of " + file.name });
  const items = STEPS.map((s) => el("li", { "data-step": s }, s));
  items.forEach((i) => steps.append(i));
  const open = el("button", { type: "button", hidden: true }, "Show tags");
  const li = el("li", { class: "upload" }, el("strong", {}, file.name), " ", el("span", { class: "track-id" }), steps, open);
  $("uploads").append(li);
  return {
    li, open,
    mark(step, text) {
      const i = STEPS.indexOf(step);
      items.forEach((it, j) => { if (j <= i) it.classList.add("done"); });
      if (text) items[i].textContent = text;
    },
    fail(message) { li.append(el("p", { class: "error" }, message)); items.forEach((it) => { if (!it.classList.contains("done")) it.classList.add("failed"); }); },
  };
}

async function upload(file) {
  const row = uploadRow(file);
  const form = new FormData();
  form.append("file", file, file.name);
  let accepted;
  let tagsAt;
  try {
    row.mark("uploaded");
    // 202 Accepted: the segments are published; the tags will be at Location once the pipeline has tagged the track.
    const answer = await exchange("/tracks", { method: "POST", body: form });
    accepted = answer.body;
    tagsAt = answer.res.headers.get("Location") || "/tracks/" + encodeURIComponent(accepted.trackId) + "/tags";
  } catch (e) {
    row.fail(e.message);
    return;
  }
  const statusAt = tagsAt.replace(/\/tags$/, "/status");
  row.li.querySelector(".track-id").textContent = "[" + accepted.trackId + "]";
  row.li.dataset.trackId = accepted.trackId;
  row.mark("segments published", accepted.segments + " segments published");
  for (let attempt = 0; attempt < 600; attempt++) {
    await new Promise((r) => setTimeout(r, 1000));
    let status;
    try { status = await api(statusAt); } catch (e) { continue; }
    if (status.stage === "features") row.mark("features", "features " + status.segmentsWithFeatures + "/" + (status.segmentCount || accepted.segments));
    if (status.stage === "tagged") {
      row.mark("features", "features " + status.segmentCount + "/" + status.segmentCount);
      row.mark("tagged");
      row.open.hidden = false;
      row.open.addEventListener("click", () => openTrack(accepted.trackId));
      openTrack(accepted.trackId);
      search();
      return;
    }
  }
  row.fail("no tags after 10 minutes");
}

function uploadAll(files) {
  showError("");
  for (const f of files) upload(f);
}

const drop = $("drop");
["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (ev) => { ev.preventDefault(); drop.classList.add("over"); }));
["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
drop.addEventListener("drop", (ev) => { ev.preventDefault(); uploadAll(ev.dataTransfer.files); });
$("files").addEventListener("change", (ev) => { uploadAll(ev.target.files); ev.target.value = ""; });

// --- one track's result ----------------------------------------------------------------------
async function openTrack(id) {
  try {
    state.versions = await api("/tracks/" + encodeURIComponent(id) + "/versions");
  } catch (e) { showError(e.message); return; }
  state.track = id;
  $("result").hidden = false;
  $("result-id").textContent = id;
  const fill = (select, withNone) => {
    select.replaceChildren(...(withNone ? [el("option", { value: "" }, "(none)")] : []));
    state.versions.forEach((v, i) => select.append(el("option", { value: String(i) }, v.model + " " + v.version)));
  };
  fill($("version"), false);
  fill($("compare"), true);
  $("version").value = String(state.versions.length - 1);
  const names = $("tag-names");
  if (!names.children.length) Object.keys(state.versions[0].scores).forEach((t) => names.append(el("option", { value: t })));
  render();
}

function current() { return state.versions[Number($("version").value)]; }
function compared() { const v = $("compare").value; return v === "" ? null : state.versions[Number(v)]; }

function ranked(view) {
  return Object.entries(view.scores).sort((a, b) => b[1] - a[1]);
}

function render() {
  const view = current();
  const other = compared();
  const when = new Date(view.taggedTimeMs).toLocaleString();
  $("result-meta").textContent = view.model + " " + view.version + " · " + view.segmentsScored + " of " + view.segmentCount
    + " segments · tagged " + when + " · tags above threshold: " + (view.tags.join(", ") || "none");
  const shown = state.showAll ? ranked(view) : ranked(view).slice(0, TOP_SHOWN);
  $("toggle-all").textContent = state.showAll ? "Show the top " + TOP_SHOWN : "Show all " + Object.keys(view.scores).length + " tags";
  const bars = $("bars");
  bars.replaceChildren();
  for (const [tag, score] of shown) {
    const track = el("div", { class: "bar-track", role: "meter", "aria-label": tag, "aria-valuemin": "0", "aria-valuemax": "1",
      "aria-valuenow": score.toFixed(3), "data-tag": tag, "data-score": String(score) });
    track.append(el("div", { class: "bar-fill", style: "" }));
    track.firstChild.style.width = (100 * score).toFixed(2) + "%";
    let label = score.toFixed(2);
    if (other) {
      const o = other.scores[tag] ?? 0;
      const c = el("div", { class: "bar-fill compare", "data-compare-score": String(o) });
      c.style.width = (100 * o).toFixed(2) + "%";
      track.append(c);
      label += " / " + o.toFixed(2);
    }
    bars.append(el("span", {}, tag), track, el("span", { class: "score" }, label));
  }
  drawHeatmap(view, shown.map(([t]) => t));
}

function drawHeatmap(view, tags) {
  const order = Object.keys(view.scores);
  const segs = view.segmentScores;
  const cw = Math.max(18, Math.min(48, Math.floor(560 / Math.max(1, segs.length)))), ch = 18, left = 120, top = 20;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", left + cw * segs.length + 10);
  svg.setAttribute("height", top + ch * tags.length + 4);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Scores of " + tags.length + " tags in each of " + segs.length + " segments; darker is higher");
  segs.forEach((_, s) => {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", left + s * cw + cw / 2 - 4); t.setAttribute("y", 14); t.textContent = String(s + 1);
    svg.append(t);
  });
  tags.forEach((tag, r) => {
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", 0); label.setAttribute("y", top + r * ch + 13); label.textContent = tag;
    svg.append(label);
    const k = order.indexOf(tag);
    segs.forEach((scores, s) => {
      const v = scores[k];
      const cell = document.createElementNS(ns, "rect");
      cell.setAttribute("x", left + s * cw); cell.setAttribute("y", top + r * ch);
      cell.setAttribute("width", cw - 2); cell.setAttribute("height", ch - 2);
      cell.setAttribute("fill", "hsl(221, 83%, " + (96 - 62 * v).toFixed(1) + "%)");
      cell.setAttribute("data-tag", tag); cell.setAttribute("data-segment", String(s)); cell.setAttribute("data-score", String(v));
      const title = document.createElementNS(ns, "title");
      title.textContent = tag + ", segment " + (s + 1) + ": " + v.toFixed(3);
      cell.append(title);
      svg.append(cell);
    });
  });
  $("heatmap").replaceChildren(svg);
}

$("version").addEventListener("change", render);
$("compare").addEventListener("change", render);
$("toggle-all").addEventListener("click", (ev) => {
  state.showAll = !state.showAll;
  ev.target.setAttribute("aria-pressed", String(state.showAll));
  render(); // labels the button
});
$("download").addEventListener("click", () => {
  const blob = new Blob([JSON.stringify(current(), null, 2)], { type: "application/json" });
  const a = el("a", { href: URL.createObjectURL(blob), download: state.track + "-" + current().version + ".json" });
  document.body.append(a); a.click(); a.remove();
});

// --- browse and search -----------------------------------------------------------------------
async function search(ev) {
  if (ev) ev.preventDefault();
  const p = new URLSearchParams({ limit: "50" });
  if ($("q").value.trim()) p.set("q", $("q").value.trim());
  if ($("tag").value.trim()) { p.set("tag", $("tag").value.trim()); p.set("min", $("min").value || "0.5"); }
  let rows;
  try { rows = await api("/tracks?" + p.toString()); } catch (e) { showError(e.message); return; }
  const body = $("tracks").querySelector("tbody");
  body.replaceChildren();
  for (const r of rows) {
    const open = el("button", { type: "button" }, r.trackId);
    open.addEventListener("click", () => openTrack(r.trackId));
    const top = Object.entries(r.top).map(([t, s]) => t + " " + s.toFixed(2)).join(", ");
    body.append(el("tr", {}, el("td", {}, open), el("td", {}, top), el("td", {}, r.model + " " + r.version),
      el("td", {}, new Date(r.taggedTimeMs).toLocaleTimeString())));
  }
  if (!rows.length) body.append(el("tr", {}, el("td", { colSpan: 4 }, "No tagged tracks match.")));
}
$("search").addEventListener("submit", search);
search();
