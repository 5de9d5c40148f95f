// hadath web view: the map. Leaflet (vendored, /vendor/leaflet.js) over Natural Earth's country
// outlines (vendored TopoJSON, read by topojson-client); no tile server, nothing fetched beyond
// this server. app.js owns the filters and the data: it hands this module the timeline's events
// in view and hears back which event was clicked, which box was drawn, which country clicked.
// Safety rule as in app.js: text reaches the DOM through textContent only.
"use strict";

window.hadathMap = (function () {
  const HOME = [[12, 25], [40, 60]]; // the Middle East, before any event has a place
  const QUAD_HEX = ["#3d8fd1", "#2f9e6a", "#e0a126", "#d4483b"];

  // The same size rule as the timeline's dots: the square root of the dead.
  const radius = (e) => 4.5 + Math.min(12, Math.sqrt(e.dead || 0) * 1.6);
  const text = (tag, s, cls) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    e.textContent = s;
    return e;
  };
  const round = (x, up) => (up ? Math.ceil(x * 100) : Math.floor(x * 100)) / 100;
  const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

  // `root`: the map's element. `on`: { open(id), box("w,s,e,n" | ""), country(alpha3) }.
  // `quadOf(type)`: the quad's index (0-3) or -1.
  function create(root, on, quadOf) {
    const map = L.map(root, {
      zoomSnap: 0.25,
      minZoom: 1,
      maxZoom: 12,
      boxZoom: false,
      worldCopyJump: true,
      attributionControl: true,
    });
    map.fitBounds(HOME);
    map.attributionControl.setPrefix(false);
    // Constant text (the licences are served beside the libraries).
    map.attributionControl.addAttribution(
      '<a href="/vendor/README.md" target="_blank" rel="noopener">Leaflet 1.9.4 (BSD-2-Clause) · ' +
        "Natural Earth outlines (public domain)</a>"
    );
    const countries = new Map(); // alpha-3 code -> its outline layers
    let place = "";
    const outlines = Promise.all([
      fetch("/vendor/countries-50m.json").then((r) => r.json()),
      fetch("/country-numeric.json").then((r) => r.json()),
    ]).then(([world, numeric]) => {
      const shapes = topojson.feature(world, world.objects.countries);
      L.geoJSON(shapes, {
        style: { className: "country", weight: 0.7, color: "#a9b3c6", fillColor: "#f6f3ec", fillOpacity: 1 },
        onEachFeature: (f, layer) => {
          const code = numeric[f.id] || "";
          const name = f.properties && f.properties.name ? f.properties.name : code;
          layer.bindTooltip(text("span", code ? `${name} (${code}): click to filter` : name), { sticky: true });
          if (!code) return;
          if (!countries.has(code)) countries.set(code, []);
          countries.get(code).push(layer);
          layer.on("add", () => {
            const el = layer.getElement();
            el.setAttribute("data-code", code);
            el.classList.toggle("on", code === place);
          });
          layer.on("click", () => { if (!drawing) on.country(code); });
        },
      }).addTo(map);
      dots.bringToFront();
      markCountry(place);
    });

    // ---------- the events' dots ----------
    const dots = L.featureGroup().addTo(map);
    const byId = new Map();
    let selected = null;
    function dot(e) {
      const q = quadOf(e.type);
      const m = L.circleMarker([e.latitude, e.longitude], {
        radius: radius(e),
        className: `map-dot ${q < 0 ? "qcx" : `qc${q}`}`,
        color: "#ffffff",
        weight: 1,
        fillColor: q < 0 ? "#8b93a5" : QUAD_HEX[q],
        fillOpacity: 0.8,
      });
      const label = `${e.type} · ${e.date_display} · ${e.location ? e.location.name || e.location.code || "" : ""}` +
        `${e.toll ? " · " + e.toll : ""} (${e.geo_precision || "place"})`;
      m.bindTooltip(text("span", label));
      m.on("click", () => on.open(e.id));
      m.on("add", () => {
        const el = m.getElement();
        el.setAttribute("data-id", String(e.id));
        el.setAttribute("data-r", String(radius(e)));
        if (e.id === selected) el.classList.add("sel");
      });
      return m;
    }
    // The events to show (rows of /api/events); `fit`: frame them. Returns how many have a place.
    function show(events, fit) {
      dots.clearLayers();
      byId.clear();
      // The smallest on top: a big toll does not hide the events beside it.
      const placed = events.filter((e) => e.latitude !== null && e.latitude !== undefined);
      placed.sort((a, b) => (b.dead || 0) - (a.dead || 0));
      for (const e of placed) {
        const m = dot(e).addTo(dots);
        byId.set(e.id, m);
      }
      const sel = byId.get(selected);
      if (sel) sel.bringToFront();
      if (fit) {
        if (placed.length) map.fitBounds(dots.getBounds().pad(0.15), { maxZoom: 7 });
        else map.fitBounds(HOME);
      }
      return placed.length;
    }
    // Marks an event open; `row` (its API row) draws it when it is not among the dots shown, and
    // the map pans to it when it is outside the view (unless `stay`).
    function select(id, row, stay) {
      selected = id;
      for (const el of root.querySelectorAll(".map-dot.sel")) el.classList.remove("sel");
      let m = byId.get(id);
      if (!m && row && row.latitude !== null && row.latitude !== undefined) {
        m = dot(row).addTo(dots);
        byId.set(id, m);
      }
      if (!m) return;
      m.bringToFront();
      const el = m.getElement();
      if (el) el.classList.add("sel");
      if (!stay && !map.getBounds().contains(m.getLatLng())) map.panTo(m.getLatLng());
    }

    // ---------- the filters the map sets: a drawn box, a country ----------
    let boxLayer = null;
    function box(bbox) {
      if (boxLayer) { boxLayer.remove(); boxLayer = null; }
      const v = (bbox || "").split(",").map(Number);
      if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) return;
      const [w, s, e, n] = v;
      boxLayer = L.rectangle([[s, w], [n, e < w ? e + 360 : e]], { className: "map-box", interactive: false, weight: 2, fill: false }).addTo(map);
    }
    function markCountry(code) {
      place = (code || "").toUpperCase();
      for (const el of root.querySelectorAll("path.country.on")) el.classList.remove("on");
      for (const layer of countries.get(place) || []) {
        const el = layer.getElement();
        if (el) el.classList.add("on");
      }
    }

    // Box mode: a drag draws the box instead of panning; releasing it filters.
    let drawing = false;
    let drag = null;
    let swallowClick = false;
    const boxButton = document.getElementById("map-box");
    function setDrawing(on) {
      drawing = on;
      boxButton.setAttribute("aria-pressed", on ? "true" : "false");
      root.classList.toggle("drawing", on);
    }
    boxButton.addEventListener("click", () => setDrawing(!drawing));
    const corner = (ev) => map.mouseEventToLatLng(ev);
    root.addEventListener("mousedown", (ev) => {
      if (!drawing || ev.button !== 0) return;
      ev.preventDefault();
      ev.stopPropagation();
      const a = corner(ev);
      drag = { a, x: ev.clientX, y: ev.clientY, rect: L.rectangle([a, a], { className: "map-box-live", interactive: false, weight: 2 }).addTo(map) };
    }, true);
    document.addEventListener("mousemove", (ev) => {
      if (drag) drag.rect.setBounds(L.latLngBounds(drag.a, corner(ev)));
    });
    document.addEventListener("mouseup", (ev) => {
      if (!drag) return;
      const d = drag;
      drag = null;
      d.rect.remove();
      setDrawing(false);
      // The click this release makes is the box's, not a click on a country.
      swallowClick = true;
      setTimeout(() => { swallowClick = false; }, 0);
      if (Math.abs(ev.clientX - d.x) < 4 && Math.abs(ev.clientY - d.y) < 4) return;
      const b = L.latLngBounds(d.a, corner(ev));
      // Longitudes on a copy of the world wrap back into -180..180 (a box across the
      // antimeridian then has its west edge east of its east edge, as the filter reads it).
      const wide = b.getEast() - b.getWest() >= 360;
      const wrap = (x) => L.Util.wrapNum(x, [-180, 180], true);
      const w = wide ? -180 : round(wrap(b.getWest()), false), e = wide ? 180 : round(wrap(b.getEast()), true);
      const s = clamp(round(b.getSouth(), false), -90, 90), n = clamp(round(b.getNorth(), true), -90, 90);
      on.box(`${w},${s},${e},${n}`);
    });
    root.addEventListener("click", (ev) => { if (drawing || swallowClick) ev.stopPropagation(); }, true);
    document.getElementById("map-fit").addEventListener("click", () => {
      if (dots.getLayers().length) map.fitBounds(dots.getBounds().pad(0.15), { maxZoom: 7 });
      else map.fitBounds(HOME);
    });

    return { show, select, box, country: markCountry, ready: outlines, resize: () => map.invalidateSize() };
  }

  return { create };
})();
