// hadath web view. Plain JavaScript, no framework, no network beyond this server.
// Safety rule: article text only ever reaches the DOM through textContent / createTextNode.
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const QUADS = [
    { key: "verbal cooperation", short: "Verbal cooperation", color: "var(--q-vcoop)", hex: "#3d8fd1" },
    { key: "material cooperation", short: "Material cooperation", color: "var(--q-mcoop)", hex: "#2f9e6a" },
    { key: "verbal conflict", short: "Verbal conflict", color: "var(--q-vconf)", hex: "#e0a126" },
    { key: "material conflict", short: "Material conflict", color: "var(--q-mconf)", hex: "#d4483b" },
  ];
  const QUAD_OF = {
    AGREE: 0, CONSULT: 0, SUPPORT: 0, CONCEDE: 0,
    COOPERATE: 1, AID: 1, RETREAT: 1,
    REQUEST: 2, ACCUSE: 2, REJECT: 2, THREATEN: 2,
    PROTEST: 3, SANCTION: 3, MOBILIZE: 3, COERCE: 3, ASSAULT: 3,
  };
  const quadColor = (type) => (type in QUAD_OF ? QUADS[QUAD_OF[type]].hex : "#8b93a5");
  // Colours go through classes: the page's Content-Security-Policy forbids inline styles.
  const qc = (type) => (type in QUAD_OF ? `qc${QUAD_OF[type]}` : "qcx");
  const DAY = 86400000;

  const state = {
    filter: { q: "", type: "", from: "", to: "", place: "", bbox: "", modality: "", actor: [] },
    events: [],
    total: 0,
    selected: null,
    fresh: new Set(),
    view: null, // [t0, t1] ms shown on the timeline
    home: null,
    busy: null,
    extent: null,
    lastDay: null,
    tlEvents: [],
    tlTotal: 0,
    tl: { L: 150, R: 16 },
  };

  // ---------- small helpers ----------
  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of kids) {
      if (c === null || c === undefined || c === false) continue;
      e.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }
  function svg(tag, attrs, ...kids) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, String(v));
    }
    for (const c of kids) if (c) e.append(c);
    return e;
  }
  const tip = (text) => svg("title", { text });
  const ar = (text, tag) => el(tag || "span", { class: "ar", lang: "ar", dir: "rtl", text });

  async function api(path, opts) {
    const r = await fetch(path, opts);
    let body;
    try {
      body = await r.json();
    } catch (_) {
      throw new Error(`${r.status} ${r.statusText}`);
    }
    if (!r.ok) throw new Error(body && body.error ? body.error : `${r.status} ${r.statusText}`);
    return body;
  }
  function showError(e) {
    const box = $("error");
    if (!e) {
      box.hidden = true;
      box.textContent = "";
      return;
    }
    box.hidden = false;
    box.textContent = String(e.message || e);
  }
  function query(extra) {
    const p = new URLSearchParams();
    const f = state.filter;
    for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]);
    for (const a of f.actor) p.append("actor", a);
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p.toString();
  }
  const parseDay = (s) => {
    if (!s) return null;
    const t = Date.parse(s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s);
    return Number.isFinite(t) ? t : null;
  };
  const fmtDay = (t) => new Date(t).toISOString().slice(0, 10);
  function partyLabel(p) {
    return p.name || p.code || p.text || "?";
  }

  // ---------- filters ----------
  function readForm() {
    const f = state.filter;
    f.q = $("f-q").value.trim();
    f.type = $("f-type").value;
    f.from = $("f-from").value.trim();
    f.to = $("f-to").value.trim();
    f.place = $("f-place").value.trim();
    f.modality = $("f-modality").value;
  }
  function writeForm() {
    const f = state.filter;
    $("f-q").value = f.q;
    $("f-type").value = f.type;
    $("f-from").value = f.from;
    $("f-to").value = f.to;
    $("f-place").value = f.place;
    $("f-modality").value = f.modality;
  }
  function renderChips() {
    const box = $("chips");
    box.replaceChildren();
    const f = state.filter;
    const add = (label, clear) =>
      box.append(el("span", { class: "chip" }, label, el("button", { type: "button", title: "Remove", "aria-label": `Remove ${label}`, onclick: clear, text: "×" })));
    for (const a of f.actor) add(`actor: ${actorName(a)}`, () => { f.actor = f.actor.filter((x) => x !== a); refresh(); });
    const names = { q: "search", type: "type", from: "from", to: "to", place: "place", bbox: "map box", modality: "modality" };
    for (const [k, n] of Object.entries(names)) if (f[k]) add(`${n}: ${f[k]}`, () => { f[k] = ""; writeForm(); refresh(); });
  }
  const actorNames = new Map();
  const actorName = (key) => actorNames.get(key) || key;

  // ---------- the address: every filter, the list order and the open event ----------
  // Written to the query string (a new history entry when the filters change, the same entry
  // when only the order or the open event does), read back on load and on the back button, so a
  // shared address opens the same view.
  const FILTER_KEYS = ["q", "type", "from", "to", "place", "bbox", "modality"];
  const emptyFilter = () => ({ q: "", type: "", from: "", to: "", place: "", bbox: "", modality: "", actor: [] });
  function addressQuery() {
    const p = new URLSearchParams();
    const f = state.filter;
    for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]);
    for (const a of f.actor) p.append("actor", a);
    if ($("order").value !== "date") p.set("order", $("order").value);
    if (state.selected) p.set("event", String(state.selected));
    return p.toString();
  }
  function writeAddress(push) {
    const s = addressQuery();
    if (s === location.search.replace(/^\?/, "")) return;
    const url = s ? `?${s}` : location.pathname;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
  const hasOption = (select, v) => Array.from($(select).options).some((o) => o.value === v);
  // The filters, order and event of the address; a type, modality or order the page does not
  // offer is dropped (the form could not show it).
  function readAddress() {
    const p = new URLSearchParams(location.search);
    const f = emptyFilter();
    for (const k of FILTER_KEYS) f[k] = (p.get(k) || "").trim();
    f.type = f.type.toUpperCase();
    f.modality = f.modality.toLowerCase();
    if (!hasOption("f-type", f.type)) f.type = "";
    if (!hasOption("f-modality", f.modality)) f.modality = "";
    f.actor = [...new Set(p.getAll("actor").map((a) => a.trim()).filter(Boolean))];
    state.filter = f;
    writeForm();
    const order = p.get("order") || "date";
    $("order").value = hasOption("order", order) ? order : "date";
    const id = Number(p.get("event"));
    return Number.isInteger(id) && id > 0 ? id : null;
  }

  // ---------- data loading ----------
  // Reload everything for the current filters; `fromAddress` when they were just read from the
  // address (no new history entry).
  async function refresh(fromAddress) {
    writeAddress(!fromAddress);
    renderChips();
    markMap();
    showError(null);
    try {
      await loading(Promise.all([loadEvents(false), loadNetwork(), loadTimeline()]));
    } catch (e) {
      showError(e);
    }
  }
  // body[data-loading] while the list, network or timeline are loading (for people and tests).
  let pending = 0;
  async function loading(p) {
    pending++;
    document.body.dataset.loading = "1";
    try {
      return await p;
    } finally {
      if (--pending === 0) delete document.body.dataset.loading;
    }
  }

  let eventsSeq = 0;
  async function loadEvents(more) {
    const offset = more ? state.events.length : 0;
    const seq = ++eventsSeq;
    const page = await api(`/api/events?${query({ limit: 500, offset, order: $("order").value })}`);
    if (seq !== eventsSeq) return; // a later load (other filters) superseded this one
    state.events = more ? state.events.concat(page.events) : page.events;
    state.total = page.total;
    renderList();
    drawTimeline();
  }

  // ---------- event list ----------
  function renderList() {
    const ol = $("events");
    ol.replaceChildren();
    for (const e of state.events) {
      const li = el(
        "li",
        { "data-id": e.id, class: state.selected === e.id ? "sel" : "", tabindex: 0 },
        el("span", { class: `bar-q ${qc(e.type)}` }),
        el(
          "div",
          {},
          el(
            "div",
            { class: "meta" },
            el("span", { class: `type-badge ${qc(e.type)}`, text: e.type }),
            el("span", { text: e.date_display }),
            e.location ? el("span", { text: partyLabel(e.location) }) : null,
            e.toll ? el("span", { class: "toll-badge", text: e.toll }) : null,
            el("span", { text: `${e.sources.length} source${e.sources.length === 1 ? "" : "s"}` }),
            e.modality !== "asserted" ? el("span", { text: e.modality }) : null
          ),
          el("p", { class: "sum", text: summaryText(e) })
        )
      );
      li.addEventListener("click", () => openEvent(e.id));
      li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openEvent(e.id); });
      ol.append(li);
    }
    const shown = state.events.length;
    $("count").textContent = `${shown} of ${state.total}`;
    $("more").hidden = shown >= state.total;
    if (!shown) ol.append(el("li", { class: "muted", text: "No event matches these filters." }));
  }
  // The stored summary starts with "date · place · "; the list shows those separately.
  function summaryText(e) {
    const parts = e.summary.split(" · ");
    return parts[parts.length - 1];
  }

  // ---------- timeline ----------
  let buckets = null;
  let timelineSeq = 0;
  // The timeline: buckets of every matching event (by first day), the last day any of them
  // reaches, then the dots of the events in view.
  async function loadTimeline() {
    const seq = ++timelineSeq;
    const b = await api(`/api/timeline/buckets?${query({ by: "day" })}`);
    const days = b.buckets.map((x) => x.period).filter((p) => parseDay(p) !== null);
    let last = days.length ? periodEnd(days[days.length - 1]) : null;
    if (days.length) {
      // Buckets count events by their first day; a month- or year-precise event (drawn at the
      // middle of its span) may reach further: the events that last into the last first day.
      const f = state.filter;
      const from = f.from && parseDay(f.from) > parseDay(days[days.length - 1]) ? f.from : days[days.length - 1];
      const tail = await api(`/api/events?${query({ from, order: "date", limit: 1000 })}`);
      for (const e of tail.events) {
        const t = parseDay(e.date_last || "");
        if (t !== null && t > last) last = t;
      }
    }
    if (seq !== timelineSeq) return;
    buckets = b;
    state.lastDay = last;
    state.view = null;
    home();
    await loadDots();
  }

  const MIN_T = Date.UTC(1, 0, 1), MAX_T = Date.UTC(9999, 11, 31);
  // The first view ("Fit") holds every dated event of the filters, from the first day of the
  // earliest to the last day of the latest, with a margin. "Busiest" zooms to the shortest span
  // holding 60% of them (stray dates, such as a year-48 mention in a large store, squeeze the
  // story into a few pixels of the first view).
  function home() {
    const bs = buckets ? buckets.buckets.map((b) => [parseDay(b.period), b.total]).filter((b) => b[0] !== null) : [];
    if (!bs.length) { state.extent = null; state.home = null; state.busy = null; state.view = null; return; }
    const total = bs.reduce((a, b) => a + b[1], 0);
    let best = [bs[0][0], bs[bs.length - 1][0]], sum = 0, i = 0;
    for (let j = 0; j < bs.length; j++) {
      sum += bs[j][1];
      while (sum - bs[i][1] >= total * 0.6) { sum -= bs[i][1]; i++; }
      if (sum >= total * 0.6 && bs[j][0] - bs[i][0] < best[1] - best[0]) best = [bs[i][0], bs[j][0]];
    }
    const lo = bs[0][0], hi = Math.max(bs[bs.length - 1][0], state.lastDay ?? -Infinity) + DAY;
    const pad = (a, b, f) => Math.max(DAY * 3, (b - a) * f);
    state.extent = [Math.max(MIN_T, lo - pad(lo, hi, 0.03)), Math.min(MAX_T, hi + pad(lo, hi, 0.03))];
    state.home = state.extent.slice();
    const [h0, h1] = [best[0], best[1] + DAY];
    state.busy = [Math.max(MIN_T, h0 - pad(h0, h1, 0.15)), Math.min(MAX_T, h1 + pad(h0, h1, 0.15))];
    if (!state.view) state.view = state.home.slice();
  }

  function periodEnd(s) {
    if (!s) return null;
    if (s.length === 4) return Date.UTC(Number(s), 11, 31);
    if (s.length === 7) return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)), 0);
    return parseDay(s);
  }
  let dotsSeq = 0;
  // The events in view (within the filters): the 400 most reported, so a busy view shows the
  // stories that matter rather than its first days.
  async function loadDots() {
    const seq = ++dotsSeq;
    if (!state.view) { state.tlEvents = []; state.tlTotal = 0; drawTimeline(); return; }
    const f = state.filter;
    let t0 = Math.max(state.view[0], MIN_T), t1 = Math.min(state.view[1], MAX_T);
    if (f.from && parseDay(f.from) !== null) t0 = Math.max(t0, parseDay(f.from));
    if (f.to && periodEnd(f.to) !== null) t1 = Math.min(t1, periodEnd(f.to));
    if (t1 < t0) { state.tlEvents = []; state.tlTotal = 0; drawTimeline(); return; }
    const page = await api(`/api/events?${query({ from: fmtDay(t0), to: fmtDay(t1), order: "sources", limit: 400 })}`);
    if (seq !== dotsSeq) return;
    state.tlEvents = page.events;
    state.tlTotal = page.total;
    drawTimeline();
  }

  // ---------- map (map.js): the timeline's events in view, where they happened ----------
  let mapView = null;
  let mapFitFor = null;
  let mapShown = "";
  // Draws the timeline's events (its dated dots and its undated grid) on the map; frames them
  // when the filters changed since the last framing (panning the timeline keeps the map where
  // the reader put it). Called by every drawing of the timeline: nothing to do when it shows the
  // same events.
  function drawMap(events) {
    if (!mapView) return;
    const key = query();
    const shown = `${key}|${events.map((e) => e.id).join(",")}`;
    if (shown === mapShown) return;
    mapShown = shown;
    const placed = mapView.show(events, key !== mapFitFor);
    mapFitFor = key;
    const n = events.length;
    $("map-count").textContent = `${placed} of the ${n} event${n === 1 ? "" : "s"} in the timeline's view placed`;
    // Redrawn dots keep the open event marked; the map stays where the reader put it.
    if (state.selected) mapView.select(state.selected, null, true);
  }
  // What the map marks of the filters: the drawn box and the country of a place code.
  function markMap() {
    if (!mapView) return;
    mapView.box(state.filter.bbox);
    mapView.country(/^[A-Za-z]{3}$/.test(state.filter.place) ? state.filter.place : "");
  }
  function setupMap() {
    if (!window.hadathMap || !window.L) return;
    const quadOf = (type) => (type in QUAD_OF ? QUAD_OF[type] : -1);
    mapView = window.hadathMap.create($("map"), {
      open: (id) => openEvent(id),
      box: (bbox) => { state.filter.bbox = bbox; refresh(); },
      // A second click on the country filtered by removes the filter.
      country: (code) => {
        state.filter.place = state.filter.place.toUpperCase() === code ? "" : code;
        writeForm();
        refresh();
      },
    }, quadOf);
    mapView.ready.catch(showError);
  }
  let dotsTimer = null;
  function reloadDotsSoon() {
    clearTimeout(dotsTimer);
    dotsTimer = setTimeout(() => loadDots().catch(showError), 250);
  }

  function dated() {
    return (state.tlEvents || []).filter((e) => e.date_first).map((e) => {
      const t0 = parseDay(e.date_first);
      const t1 = parseDay(e.date_last) || t0;
      return { e, t: (t0 + t1) / 2, t0, t1 };
    });
  }

  function drawTimeline() {
    const root = $("timeline");
    const W = root.clientWidth || 1000;
    const H = root.clientHeight || 250;
    root.setAttribute("viewBox", `0 0 ${W} ${H}`);
    root.replaceChildren();
    const pts = dated();
    const undated = state.events.filter((e) => !e.date_first);
    drawMap(pts.map((p) => p.e).concat(undated));
    const U = undated.length ? 96 : 0;
    const L = 150, R = 16 + U, top = 8, axisH = 22, histH = 34;
    state.tl = { L, R };
    const laneH = (H - top - axisH - histH) / 4;
    // lanes
    QUADS.forEach((q, i) => {
      const y = top + i * laneH;
      root.append(svg("rect", { class: "lane-bg", x: L, y: y + 1, width: W - L - 16, height: laneH - 2, rx: 4 }));
      root.append(svg("circle", { cx: 12, cy: y + laneH / 2, r: 5, fill: q.hex }));
      root.append(svg("text", { class: "lane-label", x: 22, y: y + laneH / 2 + 4, text: q.short }));
    });
    const axisY = top + 4 * laneH;
    if (U) drawUndated(root, undated, W - 16 - U + 8, W - 16, top, laneH, axisY);
    if (!state.view) {
      root.append(svg("text", { x: (L + W - R) / 2, y: H / 2, "text-anchor": "middle", class: "lane-label", text: "No dated events match these filters." }));
      $("tl-range").textContent = undatedNote();
      return;
    }
    const [v0, v1] = state.view;
    const x = (t) => L + ((t - v0) / (v1 - v0)) * (W - L - R);
    // The plot's edges (in the svg's pixels) and the days it shows.
    Object.assign(root.dataset, { x0: L, x1: W - R, from: fmtDay(Math.max(v0, MIN_T)), to: fmtDay(Math.min(v1, MAX_T)) });
    const clipId = "tl-clip";
    root.append(svg("defs", {}, svg("clipPath", { id: clipId }, svg("rect", { x: L, y: 0, width: W - L - R, height: H }))));
    const plot = svg("g", { "clip-path": `url(#${clipId})` });

    // axis ticks
    const axis = svg("g", { class: "axis" });
    for (const t of ticks(v0, v1, (W - L - R) / 90)) {
      const xx = x(t.t);
      if (xx < L - 1 || xx > W - R + 1) continue;
      axis.append(svg("line", { x1: xx, x2: xx, y1: top, y2: axisY + 4 }));
      if (xx < W - R - 40) axis.append(svg("text", { x: xx + 3, y: axisY + 15, text: t.label }));
    }
    root.append(axis, plot);

    // histogram of all matching events per day (stacked by quad)
    if (buckets && buckets.buckets.length) {
      const hy = axisY + axisH;
      const visible = buckets.buckets
        .map((b) => [parseDay(b.period), b])
        .filter(([t]) => t !== null && t >= v0 - DAY && t <= v1);
      const maxN = Math.max(1, ...visible.map(([, b]) => b.total));
      const bw = Math.max(2, x(v0 + DAY) - x(v0));
      for (const [t, b] of visible) {
        let y = hy + histH - 2;
        QUADS.forEach((q) => {
          const n = b.by_quad[q.key] || 0;
          if (!n) return;
          const h = Math.max(1.5, (n / maxN) * (histH - 6));
          y -= h;
          plot.append(svg("rect", { class: "bar", x: x(t), y, width: bw, height: h, fill: q.hex }, tip(`${b.period}: ${n} ${q.key}`)));
        });
      }
    }

    // dots, stacked within their lane when they collide
    const placed = QUADS.map(() => []);
    const labels = [];
    const sorted = pts.slice().sort((a, b) => a.t - b.t);
    for (const p of sorted) {
      const qi = QUAD_OF[p.e.type] ?? 0;
      const r = dotRadius(p.e);
      const cx = x(p.t);
      const lane = placed[qi];
      let row = 0;
      while (lane.some((o) => o.row === row && Math.abs(o.cx - cx) < o.r + r + 1)) row++;
      lane.push({ cx, r, row });
      const rows = Math.max(1, Math.floor((laneH - 6) / 11));
      const cy = top + qi * laneH + laneH / 2 + (((row % rows) - (rows - 1) / 2) * (laneH - 10)) / Math.max(1, rows);
      if (p.t1 - p.t0 > DAY) {
        plot.append(svg("line", { x1: x(p.t0), x2: x(p.t1), y1: cy, y2: cy, stroke: quadColor(p.e.type), "stroke-width": 3, "stroke-opacity": 0.3, "stroke-linecap": "round" }));
      }
      plot.append(dot(p.e, cx, cy, r));
      if (p.e.dead) {
        const text = `${p.e.dead} killed`;
        const w = text.length * 6;
        const right = cx + r + w + 4 < W - R;
        const lx0 = right ? cx + r + 3 : cx - r - 3 - w;
        const free = !labels.some((b) => b.y === Math.round(cy) && lx0 < b.x1 + 4 && lx0 + w > b.x0 - 4)
          && !pts.some((o) => o !== p && Math.abs(x(o.t) - (lx0 + w / 2)) < w / 2 && QUAD_OF[o.e.type] === qi && o.t !== p.t);
        if (free) {
          labels.push({ y: Math.round(cy), x0: lx0, x1: lx0 + w });
          plot.append(svg("text", { class: "toll", x: right ? cx + r + 3 : cx - r - 3, y: cy + 3.5, "text-anchor": right ? "start" : "end", text }));
        }
      }
    }
    const shown = pts.length, inView = state.tlTotal || 0;
    $("tl-range").textContent = `${fmtDay(Math.max(v0, MIN_T))} – ${fmtDay(Math.min(v1, MAX_T))} · ${inView > shown ? `the ${shown} most reported of ${inView} events in view` : `${inView} event${inView === 1 ? "" : "s"} in view`}`;
  }
  const dotRadius = (e) => 4.5 + Math.min(12, Math.sqrt(e.dead || 0) * 1.6);
  function dot(e, cx, cy, r) {
    const c = svg("circle", {
      class: `dot${state.selected === e.id ? " sel" : ""}${state.fresh.has(e.id) ? " new" : ""}`,
      cx, cy, r, fill: quadColor(e.type), "data-id": e.id,
    }, tip(`${e.date_display} · ${e.type}${e.toll ? " · " + e.toll : ""}\n${summaryText(e)}`));
    c.addEventListener("click", (ev) => { ev.stopPropagation(); openEvent(e.id); });
    return c;
  }
  // Undated events: a small grid per lane at the right of the timeline.
  function drawUndated(root, undated, x0, x1, top, laneH, axisY) {
    const g = svg("g", { class: "undated" });
    g.append(svg("line", { x1: x0 - 5, x2: x0 - 5, y1: top, y2: axisY, stroke: "#d5d9e2", "stroke-dasharray": "3 3" }));
    g.append(svg("text", { class: "lane-label", x: (x0 + x1) / 2, y: axisY + 15, "text-anchor": "middle", text: `undated (${undated.length})` }));
    const per = QUADS.map(() => []);
    for (const e of undated) per[QUAD_OF[e.type] ?? 0].push(e);
    // The largest grid step (11 px at most, 5 at least) at which the fullest lane fits.
    const most = Math.max(...per.map((l) => l.length));
    let step = 11;
    const fits = (st) => Math.floor((x1 - x0) / st) * Math.floor((laneH - 4) / st) >= most;
    while (step > 5 && !fits(step)) step--;
    const cols = Math.max(1, Math.floor((x1 - x0) / step));
    const rows = Math.max(1, Math.floor((laneH - 4) / step));
    per.forEach((list, qi) => {
      list.slice(0, cols * rows).forEach((e, k) => {
        const cx = x0 + step / 2 + (k % cols) * step;
        const cy = top + qi * laneH + 2 + step / 2 + Math.floor(k / cols) * step;
        g.append(dot(e, cx, cy, Math.min(step / 2 - 0.5, dotRadius(e))));
      });
    });
    root.append(g);
  }
  function undatedNote() {
    const n = state.events.filter((e) => !e.date_first).length;
    return n ? `${n} undated` : "";
  }

  function ticks(v0, v1, maxN) {
    const span = v1 - v0;
    const out = [];
    const d = new Date(v0);
    const steps = [
      [1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [3, "month"], [6, "month"], [1, "year"], [2, "year"], [5, "year"], [10, "year"],
    ];
    let step = steps[steps.length - 1];
    for (const s of steps) {
      const ms = s[1] === "day" ? s[0] * DAY : s[1] === "month" ? s[0] * 30.4 * DAY : s[0] * 365.25 * DAY;
      if (span / ms <= maxN) { step = s; break; }
    }
    const [n, unit] = step;
    let t;
    if (unit === "day") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    else if (unit === "month") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % n), 1);
    else t = Date.UTC(d.getUTCFullYear() - (d.getUTCFullYear() % n), 0, 1);
    const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    for (let i = 0; i < 400 && t <= v1; i++) {
      const z = new Date(t);
      const label = unit === "year" ? String(z.getUTCFullYear())
        : unit === "month" ? `${MONTHS[z.getUTCMonth()]} ${z.getUTCFullYear()}`
        : `${z.getUTCDate()} ${MONTHS[z.getUTCMonth()]}${z.getUTCDate() <= n ? " " + z.getUTCFullYear() : ""}`;
      if (t >= v0) out.push({ t, label });
      if (unit === "day") t += n * DAY;
      else if (unit === "month") t = Date.UTC(z.getUTCFullYear(), z.getUTCMonth() + n, 1);
      else t = Date.UTC(z.getUTCFullYear() + n, 0, 1);
    }
    return out;
  }

  function zoom(factor, centre) {
    if (!state.view) return;
    const [v0, v1] = state.view;
    const c = centre ?? (v0 + v1) / 2;
    let w = Math.max(DAY * 3, (v1 - v0) * factor);
    const ext = state.extent;
    w = Math.min(w, (ext[1] - ext[0]) * 1.5);
    const f = (c - v0) / (v1 - v0);
    state.view = [c - f * w, c + (1 - f) * w];
    drawTimeline();
    reloadDotsSoon();
  }
  function setupTimelineInput() {
    const root = $("timeline");
    const tAt = (clientX) => {
      const box = root.getBoundingClientRect();
      const { L, R } = state.tl;
      const [v0, v1] = state.view;
      return v0 + ((clientX - box.left - L) / (box.width - L - R)) * (v1 - v0);
    };
    root.addEventListener("wheel", (ev) => {
      if (!state.view) return;
      ev.preventDefault();
      zoom(ev.deltaY > 0 ? 1.25 : 0.8, tAt(ev.clientX));
    }, { passive: false });
    let drag = null;
    root.addEventListener("pointerdown", (ev) => {
      if (!state.view || ev.target.classList.contains("dot")) return;
      drag = { x: ev.clientX, view: state.view.slice() };
      root.setPointerCapture(ev.pointerId);
      root.classList.add("dragging");
    });
    root.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const box = root.getBoundingClientRect();
      const dt = ((ev.clientX - drag.x) / (box.width - state.tl.L - state.tl.R)) * (drag.view[1] - drag.view[0]);
      state.view = [drag.view[0] - dt, drag.view[1] - dt];
      drawTimeline();
      reloadDotsSoon();
    });
    const end = () => { drag = null; root.classList.remove("dragging"); };
    root.addEventListener("pointerup", end);
    root.addEventListener("pointercancel", end);
    $("tl-zoom-in").addEventListener("click", () => zoom(0.6));
    $("tl-zoom-out").addEventListener("click", () => zoom(1 / 0.6));
    $("tl-fit").addEventListener("click", () => { if (state.home) { state.view = state.home.slice(); drawTimeline(); reloadDotsSoon(); } });
    $("tl-busy").addEventListener("click", () => { if (state.busy) { state.view = state.busy.slice(); drawTimeline(); reloadDotsSoon(); } });
    window.addEventListener("resize", () => { drawTimeline(); });
  }

  // ---------- actor network ----------
  let network = null;
  let networkSeq = 0;
  async function loadNetwork() {
    // The network shows every actor of the other filters; the actor filter only highlights.
    const f = state.filter;
    const saved = f.actor;
    f.actor = [];
    const q = query({ top: 24 });
    // Two-sided clashes: the API's edges join actors to recipients (and CONSULT's co-actors), so
    // an ASSAULT whose sides are all actors ("clashes between A and B") links no one there. The
    // events of the other filters that may be clashes (ASSAULT, or the type filtered on, whose
    // mode may say clash), the 1000 most reported.
    const cq = query({ type: f.type || "ASSAULT", order: "sources", limit: 1000 });
    f.actor = saved;
    const seq = ++networkSeq;
    const [net, clashes] = await Promise.all([api(`/api/actors?${q}`), api(`/api/events?${cq}`)]);
    if (seq !== networkSeq) return;
    network = net;
    network.clashes = clashLinks(net, clashes.events);
    for (const a of network.actors) actorNames.set(a.key, a.name);
    renderChips();
    layoutNetwork();
    drawNetwork();
  }

  // The network's key of a participant: its English name, else its code (as the API's).
  const partyKey = (p) => p.name || p.code || null;
  // A clash: a two-sided fight, every side an actor and no recipient (or the mode says clash).
  function clashSides(e) {
    const uniq = (ps) => [...new Set(ps.map(partyKey).filter(Boolean))];
    if (e.mode === "clash") return uniq(e.actors.concat(e.recipients));
    if (e.type === "ASSAULT" && !e.recipients.length) return uniq(e.actors);
    return [];
  }
  // One link per pair of listed actors that clashed, counting their events; none where the API
  // already gives the pair a "clash" relation.
  function clashLinks(net, events) {
    const listed = new Set(net.actors.map((a) => a.key));
    const known = new Set(net.edges.filter((e) => e.relations.clash).map((e) => [e.source, e.target].sort().join("\n")));
    const pairs = new Map();
    for (const e of events) {
      const sides = clashSides(e).filter((k) => listed.has(k)).sort();
      for (let i = 0; i < sides.length; i++) {
        for (let j = i + 1; j < sides.length; j++) {
          const key = `${sides[i]}\n${sides[j]}`;
          if (known.has(key)) continue;
          const l = pairs.get(key) || { source: sides[i], target: sides[j], relations: { clash: 0 }, count: 0, events: [] };
          l.relations.clash++;
          l.count++;
          l.events.push(e.id);
          pairs.set(key, l);
        }
      }
    }
    return [...pairs.values()].sort((x, y) => y.count - x.count);
  }

  function layoutNetwork() {
    const root = $("network");
    const box = root.getBoundingClientRect();
    const W = Math.round(box.width) || 340, H = Math.round(box.height) || 420;
    // Actors linked to no one else are left out of the drawing (they are in the list).
    // The strongest edges only (the API lists them strongest first), so a large store does not
    // draw a hairball; actors on none of them are left out.
    const strong = network.edges.slice(0, Math.max(30, network.actors.length * 3))
      .concat(network.clashes.slice(0, 30).map((c) => ({ ...c, clash: true })));
    const linked = new Set();
    for (const e of strong) { linked.add(e.source); linked.add(e.target); }
    const actors = network.actors.filter((a) => linked.has(a.key));
    const maxEvents = Math.max(1, ...actors.map((a) => a.events));
    const nodes = actors.map((a, i) => {
      const ang = i * 2.399963; // golden angle: a deterministic, even start
      const rad = 10 + 8 * Math.sqrt(i);
      return { a, x: rad * Math.cos(ang), y: rad * Math.sin(ang), dx: 0, dy: 0, r: 5 + 11 * Math.sqrt(a.events / maxEvents) };
    });
    const idx = new Map(nodes.map((n, i) => [n.a.key, i]));
    const links = strong.map((e) => ({ s: idx.get(e.source), t: idx.get(e.target), e }))
      .filter((l) => l.s !== undefined && l.t !== undefined);
    // Fruchterman-Reingold in a unit square scaled later: repulsion k²/d, attraction d²/k.
    const k = Math.sqrt(10000 / Math.max(1, nodes.length));
    let temp = 30;
    for (let it = 0; it < 300; it++) {
      for (const n of nodes) { n.dx = 0; n.dy = 0; }
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy));
          const f = (k * k) / d;
          a.dx += (dx / d) * f; a.dy += (dy / d) * f;
          b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
        }
      }
      for (const l of links) {
        const a = nodes[l.s], b = nodes[l.t];
        const dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(0.5, Math.sqrt(dx * dx + dy * dy));
        const f = (d * d) / k;
        a.dx -= (dx / d) * f; a.dy -= (dy / d) * f;
        b.dx += (dx / d) * f; b.dy += (dy / d) * f;
      }
      for (const n of nodes) {
        n.dx -= n.x * 0.05; n.dy -= n.y * 0.05; // gravity keeps components together
        const d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1;
        n.x += (n.dx / d) * Math.min(d, temp);
        n.y += (n.dy / d) * Math.min(d, temp);
      }
      temp = Math.max(0.5, temp * 0.985);
    }
    // Fit the drawing to the box, leaving room for the labels.
    if (nodes.length) {
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (const n of nodes) { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); }
      const mx = 60, myTop = 34, myBot = 22;
      const sx = x1 > x0 ? (W - 2 * mx) / (x1 - x0) : 1;
      const sy = y1 > y0 ? (H - myTop - myBot) / (y1 - y0) : 1;
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      for (const n of nodes) {
        n.x = W / 2 + (n.x - cx) * sx;
        n.y = (myTop + H - myBot) / 2 + (n.y - cy) * sy;
      }
    }
    // Push apart nodes whose label boxes overlap, along the axis of least overlap, inside the box.
    const boxW = (n) => Math.max(2 * n.r, Math.min(n.a.name.length, 20) * 6.4) + 6;
    const boxH = (n) => 2 * n.r + 16;
    for (let it = 0; it < 120; it++) {
      let moved = false;
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          const dx = b.x - a.x, dy = (b.y - b.r) - (a.y - a.r);
          const ox = (boxW(a) + boxW(b)) / 2 - Math.abs(dx);
          const oy = (boxH(a) + boxH(b)) / 2 - Math.abs(dy);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          if (ox < oy) {
            const sx = dx >= 0 ? 1 : -1;
            a.x -= (sx * ox) / 2; b.x += (sx * ox) / 2;
          } else {
            const sy = dy >= 0 ? 1 : -1;
            a.y -= (sy * oy) / 2; b.y += (sy * oy) / 2;
          }
        }
      }
      for (const n of nodes) {
        const hw = boxW(n) / 2;
        n.x = Math.max(hw, Math.min(W - hw, n.x));
        n.y = Math.max(n.r + 16, Math.min(H - n.r - 4, n.y));
      }
      if (!moved) break;
    }
    network.layout = { nodes, links, W, H };
  }

  function relationQuad(rel) {
    if (rel === "met") return 0;
    if (rel === "mediated") return -1;
    if (rel === "clash") return 3;
    return QUAD_OF[rel] ?? -1;
  }
  function drawNetwork() {
    const root = $("network");
    root.replaceChildren();
    if (!network || !network.layout) return;
    const { nodes, links, W, H } = network.layout;
    root.setAttribute("viewBox", `0 0 ${W} ${H}`);
    if (!nodes.length) {
      root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "lane-label", text: "No named actors for these filters." }));
      return;
    }
    const sel = new Set(state.filter.actor);
    const near = new Set(sel);
    for (const l of links) {
      if (sel.has(nodes[l.s].a.key)) near.add(nodes[l.t].a.key);
      if (sel.has(nodes[l.t].a.key)) near.add(nodes[l.s].a.key);
    }
    const maxC = Math.max(1, ...links.map((l) => l.e.count));
    const g = svg("g");
    for (const l of links) {
      const a = nodes[l.s], b = nodes[l.t];
      // colour of the dominant relation
      let best = null, bestN = -1;
      for (const [rel, n] of Object.entries(l.e.relations)) if (n > bestN) { best = rel; bestN = n; }
      const qi = relationQuad(best);
      const color = qi >= 0 ? QUADS[qi].hex : "#8b93a5";
      const dim = sel.size && !(sel.has(a.a.key) || sel.has(b.a.key));
      if (l.e.clash) {
        // Drawn as an arc, beside any straight edge between the same two actors.
        const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
        const len = Math.sqrt(dx * dx + dy * dy) || 1, bow = Math.min(24, len * 0.18);
        const cx = mx - (dy / len) * bow, cy = my + (dx / len) * bow;
        const n = l.e.count;
        g.append(svg("path", {
          class: `edge clash${dim ? " dim" : ""}`, "data-source": a.a.key, "data-target": b.a.key,
          d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`,
          stroke: QUADS[3].hex, "stroke-width": 1.2 + (n / maxC) * 6, "stroke-opacity": 0.8,
        }, tip(`${a.a.name} ⇄ ${b.a.name}: ${n} clash${n === 1 ? "" : "es"} (both sides fought)`)));
        continue;
      }
      const rels = Object.entries(l.e.relations).map(([r, n]) => `${n} ${r === "met" ? "met" : r === "mediated" ? "mediated" : r}`).join(", ");
      g.append(svg("line", {
        class: `edge${best === "mediated" ? " mediated" : ""}${dim ? " dim" : ""}`, "data-source": a.a.key, "data-target": b.a.key,
        x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: color,
        "stroke-width": 1.2 + (l.e.count / maxC) * 6, "stroke-opacity": 0.7,
      }, tip(`${a.a.name} → ${b.a.name}: ${rels}`)));
    }
    root.append(g);
    for (const n of nodes) {
      const on = sel.has(n.a.key);
      const dim = sel.size && !near.has(n.a.key);
      const node = svg("g", { class: `node${on ? " sel" : ""}${dim ? " dim" : ""}`, "data-key": n.a.key, transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`, tabindex: 0, role: "button", "aria-label": `${n.a.name}, ${n.a.events} events` },
        svg("circle", { r: n.r, fill: on ? "#1f2a44" : "#5b6b8f" }),
        svg("text", { x: 0, y: -n.r - 4, "text-anchor": "middle", text: n.a.name.length > 20 ? n.a.name.slice(0, 19) + "…" : n.a.name }),
        tip(`${n.a.name}${n.a.code ? " (" + n.a.code + ")" : ""}: ${n.a.events} events. Click to filter.`));
      const toggle = () => {
        const f = state.filter;
        f.actor = f.actor.includes(n.a.key) ? f.actor.filter((x) => x !== n.a.key) : [n.a.key];
        writeAddress(true);
        renderChips();
        drawNetwork();
        loading(Promise.all([loadEvents(false), loadTimeline()])).catch(showError);
      };
      node.addEventListener("click", toggle);
      node.addEventListener("keydown", (ev) => { if (ev.key === "Enter") toggle(); });
      root.append(node);
    }
  }
  function netLegend() {
    const box = $("net-legend");
    const item = (cls, label) => el("span", {}, el("i", { class: cls }), label);
    box.append(item("qc0", "met / agreed"), item("qc1", "helped"), item("qc2", "accused / demanded"), item("qc3", "attacked / coerced"), item("clash", "clashed (arc)"), item("dashed", "mediated"));
    box.append(el("span", { text: "· width = number of events" }));
  }

  // ---------- event detail ----------
  async function openEvent(id) {
    state.selected = id;
    writeAddress(false);
    for (const li of document.querySelectorAll("#events li")) li.classList.toggle("sel", Number(li.dataset.id) === id);
    for (const c of document.querySelectorAll("#timeline .dot")) c.classList.toggle("sel", Number(c.dataset.id) === id);
    if (mapView) mapView.select(id);
    const box = $("detail");
    box.replaceChildren(el("p", { class: "muted", text: "Loading…" }));
    try {
      const x = await api(`/api/events/${encodeURIComponent(id)}`);
      const docs = await Promise.all(x.members.map((m) => api(`/api/documents/${encodeURIComponent(m.doc_id)}`).catch(() => null)));
      if (state.selected !== id) return;
      renderDetail(x, docs);
      if (mapView) mapView.select(id, x.event);
      // Bring the event into the timeline's view when it is outside it.
      const t0 = parseDay(x.event.date_first), t1 = parseDay(x.event.date_last);
      if (t0 !== null && state.view && (t1 + DAY < state.view[0] || t0 > state.view[1])) {
        const w = Math.max(state.view[1] - state.view[0], (t1 - t0) * 1.3);
        const c = (t0 + t1 + DAY) / 2;
        state.view = [c - w / 2, c + w / 2];
        await loadDots();
      }
    } catch (e) {
      box.replaceChildren(el("p", { class: "error", text: String(e.message || e) }));
    }
  }

  function partyList(ps) {
    if (!ps || !ps.length) return null;
    return el("span", {}, ...ps.map((p) => el("span", { class: "party" }, el("bdi", { text: partyLabel(p) }), p.text ? ar(p.text) : null)));
  }

  function renderDetail(x, docs) {
    const e = x.event;
    const box = $("detail");
    box.replaceChildren();
    const facts = el("dl", { class: "facts" });
    const fact = (k, v) => { if (v) facts.append(el("dt", { text: k }), el("dd", {}, v)); };
    fact("Type", el("span", {}, el("span", { class: `type-badge ${qc(e.type)}`, text: e.type }), ` ${e.quad}${e.mode ? " · " + e.mode : ""}${e.cameo ? " · CAMEO " + e.cameo : ""}`));
    fact("Date", `${e.date_display}${e.date_first && e.date_last && e.date_first !== e.date_last ? ` (${e.date_first} to ${e.date_last})` : ""}`);
    fact("Place", e.location ? partyLabel(e.location) : null);
    fact("Actors", partyList(e.actors));
    fact("Recipients", partyList(e.recipients));
    fact("Mediators", partyList(e.mediators));
    fact("Toll", e.toll ? el("span", { class: "toll-badge", text: e.toll }) : null);
    fact("Modality", e.modality);
    fact("Reports", `${e.sources.length} document${e.sources.length === 1 ? "" : "s"}, ${e.n_mentions} mention${e.n_mentions === 1 ? "" : "s"}`);
    box.append(
      el("div", { class: "muted", text: `Event #${e.id}` }),
      el("h2", { class: "summary", text: e.summary }),
      facts
    );
    if (Array.isArray(e.disagreements) && e.disagreements.length) {
      const d = el("div", { class: "disagree" }, el("b", { text: "Reports differ: " }));
      d.append(e.disagreements.map((g) => `${g.field}: ${(g.values || []).map((v) => `${v.value} (${(v.docs || []).length})`).join(" vs ")}`).join("; "));
      box.append(d);
    }
    const marks = el("div", { class: "marks" },
      el("span", {}, el("span", { class: "key trig" }), " trigger"),
      el("span", {}, el("span", { class: "key ev" }), " evidence"),
      el("label", {}, el("input", { type: "checkbox", id: "show-ent", checked: true }), el("span", { class: "key ent" }), "names"),
      el("label", {}, el("input", { type: "checkbox", id: "show-tx", checked: true }), el("span", { class: "key tx" }), "dates")
    );
    box.append(marks);
    const articles = [];
    x.members.forEach((m, i) => {
      const d = docs[i];
      const head = el("div", { class: "source-head" },
        outletOf(m.doc_id, d),
        d && d.source ? el("bdi", { class: "doc-id", text: m.doc_id }) : null,
        m.published ? el("span", { text: `published ${m.published}` }) : null,
        el("span", { class: "why", text: m.reason }));
      const sec = el("article", { class: "source" }, head);
      if (m.title) sec.append(el("h3", { class: "ar-title", lang: "ar", dir: "rtl", text: m.title }));
      if (d) {
        const art = renderArticle(d, m.evidence, m.event && m.event.trigger);
        articles.push(art);
        sec.append(art);
      } else {
        for (const s of m.evidence) sec.append(el("p", { class: "article", lang: "ar", dir: "rtl" }, el("mark", { class: "ev", text: s.text })));
      }
      box.append(sec);
    });
    const toggle = (id, cls) => $(id).addEventListener("change", (ev) => { for (const a of articles) a.classList.toggle(cls, !ev.target.checked); });
    toggle("show-ent", "no-ent");
    toggle("show-tx", "no-tx");
    for (const a of articles) {
      const first = a.querySelector(".ev");
      if (first) a.scrollTop = Math.max(0, first.offsetTop - a.offsetTop - 60);
    }
  }

  // An article's address, when it is a web address (http or https); anything else stays text.
  function webUrl(u) {
    if (typeof u !== "string" || !u.trim()) return null;
    try {
      const url = new URL(u.trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url : null;
    } catch (_) {
      return null;
    }
  }
  // A report's outlet: its name (else the site's host) linking to the article in a new tab, or
  // the outlet or document id as text when the document has no web address.
  function outletOf(docId, d) {
    const url = d && webUrl(d.url);
    const name = d && d.source ? d.source : null;
    if (!url) return el("b", { class: "outlet" }, el("bdi", { text: name || docId }));
    return el("a", { class: "outlet", href: url.href, target: "_blank", rel: "noopener noreferrer", title: url.href },
      el("bdi", { text: name || url.host }), el("span", { class: "ext", "aria-hidden": "true", text: " ↗" }),
      name ? el("span", { class: "host", text: ` ${url.host}` }) : null);
  }

  // Split a document's text at code-point offsets and mark evidence, trigger, names and dates.
  function renderArticle(doc, evidence, trigger) {
    const chars = Array.from(doc.text);
    const n = chars.length;
    const EV = 1, TRIG = 2, ENT = 4, TX = 8;
    const flags = new Uint8Array(n);
    const info = new Array(n);
    const mark = (s, e, f, label) => {
      for (let i = Math.max(0, s); i < Math.min(n, e); i++) {
        flags[i] |= f;
        if (label) info[i] = info[i] ? `${info[i]}\n${label}` : label;
      }
    };
    for (const s of evidence || []) mark(s.start, s.end, EV);
    if (trigger) mark(trigger.start, trigger.end, TRIG);
    for (const en of doc.entities) mark(en.start, en.end, ENT, `${en.type}${en.name ? ": " + en.name : ""}${en.code ? " (" + en.code + ")" : ""}${en.office ? ", " + en.office : ""}`);
    for (const t of doc.timexes) mark(t.start, t.end, TX, `${t.type}${t.value ? ": " + t.value : ""}`);
    const out = el("div", { class: "article", lang: "ar", dir: "rtl" });
    let i = 0;
    while (i < n) {
      let j = i + 1;
      while (j < n && flags[j] === flags[i] && info[j] === info[i]) j++;
      const text = chars.slice(i, j).join("");
      const f = flags[i];
      if (!f) out.append(document.createTextNode(text));
      else {
        const cls = [f & EV ? "ev" : "", f & TRIG ? "trig" : "", f & ENT ? "ent" : "", f & TX ? "tx" : ""].filter(Boolean).join(" ");
        out.append(el("mark", { class: cls, title: info[i] || null, text }));
      }
      i = j;
    }
    return out;
  }

  // ---------- paste ----------
  function setupPaste() {
    const dlg = $("paste");
    $("open-paste").addEventListener("click", () => {
      $("paste-result").replaceChildren();
      $("paste-status").textContent = "";
      dlg.showModal();
      $("p-text").focus();
    });
    $("paste-cancel").addEventListener("click", () => dlg.close());
    $("paste-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const text = $("p-text").value;
      if (!text.trim()) { $("paste-status").textContent = "Paste some Arabic text first."; return; }
      const body = { text };
      if ($("p-title").value.trim()) body.title = $("p-title").value.trim();
      if ($("p-published").value.trim()) body.published = $("p-published").value.trim();
      if ($("p-source").value.trim()) body.source = $("p-source").value.trim();
      if ($("p-url").value.trim()) body.url = $("p-url").value.trim();
      $("paste-submit").disabled = true;
      $("paste-status").textContent = "Extracting…";
      try {
        const r = await api("/api/extract", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        $("paste-status").textContent = r.stored ? "Added to the store." : `Already in the store (${r.plan.kind}).`;
        const doc = await api(`/api/documents/${encodeURIComponent(r.id)}`);
        showPasteResult(r, doc);
        for (const s of r.stories) state.fresh.add(s);
        await refresh();
        // Bring the new events into view on the timeline.
        const days = r.output.events.map((e) => parseDay(e.date || "")).filter((t) => t !== null);
        if (days.length) {
          const lo = Math.min(...days), hi = Math.max(...days) + DAY;
          const pad = Math.max(20 * DAY, (hi - lo) * 0.2);
          state.view = [lo - pad, hi + pad];
          await loadDots();
        }
      } catch (e) {
        $("paste-status").textContent = `Error: ${e.message || e}`;
      } finally {
        $("paste-submit").disabled = false;
      }
    });
  }
  function showPasteResult(r, doc) {
    const box = $("paste-result");
    box.replaceChildren();
    const o = r.output;
    const count = (n, label) => el("div", {}, el("b", { text: String(n) }), el("span", { class: "muted", text: label }));
    box.append(el("div", { class: "counts" }, count(o.entities.length, "names"), count(o.timexes.length, "dates and times"), count(o.events.length, "events"), count(r.merged, "merged into known events")));
    if (o.published) box.append(el("p", { class: "muted", text: `Publication date ${o.published.date}${o.published.inferred ? " (inferred from the text)" : ""}` }));
    const ul = el("ul", { class: "new-events" });
    o.events.forEach((e, i) => {
      const sid = r.event_stories[i];
      ul.append(el("li", {},
        el("span", { class: `type-badge ${qc(e.type)}`, text: e.type }), " ",
        sid ? el("a", { href: "#", text: `event #${sid}`, onclick: (ev) => { ev.preventDefault(); $("paste").close(); openEvent(sid); } }) : null,
        " ", ar(e.evidence.text)));
    });
    box.append(ul);
    const evidence = o.events.flatMap((e) => e.evidence_all || [e.evidence]);
    box.append(renderArticle(doc, evidence, null));
  }

  // ---------- start ----------
  async function init() {
    setupTimelineInput();
    setupMap();
    setupPaste();
    netLegend();
    $("legend").append(...QUADS.map((q) => el("span", {}, el("span", { class: `swatch qc${QUADS.indexOf(q)}` }), q.short)));
    $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); readForm(); refresh(); });
    $("f-clear").addEventListener("click", () => {
      state.filter = emptyFilter();
      writeForm();
      refresh();
    });
    $("more").addEventListener("click", () => loadEvents(true).catch(showError));
    $("order").addEventListener("change", () => { writeAddress(false); loading(loadEvents(false)).catch(showError); });
    try {
      const o = await api("/api/overview");
      const s = o.stats;
      $("stats").textContent = `${s.documents} articles · ${s.story_events} events · ${s.merged_story_events} told by several sources`;
      const sel = $("f-type");
      for (const q of QUADS) {
        const g = el("optgroup", { label: q.short });
        for (const c of o.quads[q.key] || []) g.append(el("option", { value: c, text: c }));
        sel.append(g);
      }
      for (const m of o.modalities) $("f-modality").append(el("option", { value: m, text: m }));
    } catch (e) {
      showError(e);
    }
    const emptyPane = $("detail").firstElementChild;
    // Back and forward: the filters, order and open event of that entry.
    window.addEventListener("popstate", () => {
      const id = readAddress();
      if (id && id !== state.selected) openEvent(id);
      else if (!id && state.selected) {
        state.selected = null;
        $("detail").replaceChildren(emptyPane);
      }
      refresh(true);
    });
    const id = readAddress();
    state.selected = id;
    await refresh(true);
    if (id) await openEvent(id);
    document.body.dataset.ready = "1";
  }
  document.addEventListener("DOMContentLoaded", init);
})();
