// End-to-end test of the web view's map in headless Chromium: the seeds' story (or
// examples/corpus when ../shared is absent) as dots over the vendored country outlines, linked
// with the list and the timeline both ways; a drawn box and a clicked country filter the page;
// all of SaudiNewsNet (when ../shared holds it) renders too. Saves docs/screenshots/map*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bin, chromiumPath, launch, root, run, serve, shots, watch } from "./harness.mjs";

const seeds = process.env.HADATH_E2E_CORPUS
  || [resolve(root, "../shared/corpus/seeds"), join(root, "examples/corpus")].find(existsSync);
const snnDir = resolve(root, "../shared/arabic-data/saudinewsnet");
const snnZips = existsSync(snnDir) ? readdirSync(snnDir).filter((f) => f.endsWith(".zip")).sort().map((f) => join(snnDir, f)) : [];

let work, server, base, context, page;
const problems = [];

before(async () => {
  assert.ok(bin, "no hadath binary: build it first (cargo build --release -p hadath-cli)");
  assert.ok(existsSync(chromiumPath), `no Chromium at ${chromiumPath} (apt-get install chromium)`);
  mkdirSync(shots, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "hadath-e2e-map-"));
  const db = join(work, "store.db");
  run(["ingest", seeds, "--db", db, "--quiet"]);
  ({ server, base } = await serve(db));
  context = await launch(join(work, "profile"));
  page = await watch(context.pages()[0] || (await context.newPage()), base, problems);
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
});

const api = async (path) => (await fetch(base + path)).json();
const settled = (p) => p.waitForFunction(() => document.body.dataset.ready === "1" && !document.body.dataset.loading);
const params = async (p) => Object.fromEntries(new URLSearchParams(await p.evaluate(() => location.search)));
const listTotal = async (p) => Number((await p.textContent("#count")).split(" of ")[1]);
const QUAD = { "verbal cooperation": 0, "material cooperation": 1, "verbal conflict": 2, "material conflict": 3 };

async function allEvents(q) {
  const out = [];
  for (let offset = 0; ; offset += 1000) {
    const pg = await api(`/api/events?${q ? q + "&" : ""}limit=1000&offset=${offset}`);
    out.push(...pg.events);
    if (out.length >= pg.total || !pg.events.length) return out;
  }
}
const ids = (p, sel) => p.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => Number(e.dataset.id)).sort((a, b) => a - b), sel);
// The map's dots: the timeline's dots that have a place, no other.
async function mapFollowsTimeline(p, byId) {
  await p.waitForFunction(() => document.querySelectorAll("#map .map-dot").length > 0);
  await settled(p);
  const tl = await ids(p, "#timeline .dot[data-id]");
  const placed = tl.filter((id) => byId.get(id) && byId.get(id).latitude !== null);
  assert.ok(placed.length > 0, "the timeline's events have places");
  await p.waitForFunction((n) => document.querySelectorAll("#map .map-dot").length === n, placed.length).catch(() => {});
  assert.deepEqual(await ids(p, "#map .map-dot"), placed);
  return placed;
}
const open = (p) => p.evaluate(() => Number(new URLSearchParams(location.search).get("event")));

test("the map shows the timeline's events where they happened, sized by toll and coloured by quad", async () => {
  await page.goto(base + "/");
  await settled(page);
  const byId = new Map((await allEvents("")).map((e) => [e.id, e]));
  const placed = await mapFollowsTimeline(page, byId);
  assert.equal(await page.locator("#map path.country").count(), 241, "Natural Earth's outlines");
  assert.equal(await page.locator("#map path.country[data-code]").count(), 236, "those with an ISO 3166 code");
  const dots = await page.evaluate(() => [...document.querySelectorAll("#map .map-dot")].map((d) => ({ id: Number(d.dataset.id), r: Number(d.dataset.r), cls: d.getAttribute("class") })));
  for (const d of dots) {
    const e = byId.get(d.id);
    assert.ok(d.cls.includes(`qc${QUAD[e.quad]}`), `${e.type} (${e.quad}) coloured by its quad: ${d.cls}`);
    assert.equal(d.r, 4.5 + Math.min(12, Math.sqrt(e.dead || 0) * 1.6), `event ${d.id}'s size follows its toll`);
  }
  // Where they are: each dot lies where the map projects its coordinates, inside its country.
  const deadliest = placed.map((id) => byId.get(id)).sort((a, b) => (b.dead || 0) - (a.dead || 0))[0];
  const inside = await page.evaluate(({ id, code }) => {
    const r = document.querySelector(`#map .map-dot[data-id="${id}"]`).getBoundingClientRect();
    const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    const shapes = [...document.querySelectorAll(`#map path.country[data-code="${code}"]`)];
    return shapes.some((s) => s.isPointInFill(new DOMPoint(x, y).matrixTransform(s.getScreenCTM().inverse())));
  }, { id: deadliest.id, code: deadliest.location.code });
  assert.ok(inside, `event ${deadliest.id} (${deadliest.location.name}, ${deadliest.location.code}) is drawn inside its country`);
  assert.match(await page.textContent("#map-count"), new RegExp(`^${placed.length} of the \\d+ events`));
  assert.match(await page.textContent("#map .leaflet-control-attribution"), /Leaflet 1\.9\.4 \(BSD-2-Clause\).*Natural Earth/);
  await page.locator(".map-panel").screenshot({ path: join(shots, "map.png") });
});

test("a dot opens its event in the list and on the timeline, and an event opened elsewhere is marked on the map", async () => {
  await settled(page);
  const first = (await ids(page, "#map .map-dot"))[0];
  await page.locator(`#map .map-dot[data-id="${first}"]`).dispatchEvent("click");
  await page.waitForFunction((id) => document.querySelector(".detail .muted") && document.querySelector(".detail .muted").textContent === `Event #${id}`, first);
  assert.equal(await open(page), first);
  assert.equal(await page.locator(`#timeline .dot.sel[data-id="${first}"]`).count(), 1);
  assert.equal(await page.locator(`#map .map-dot.sel[data-id="${first}"]`).count(), 1);
  // The other way: an event picked in the list is marked on the map, the first one no longer.
  const onMap = new Set(await ids(page, "#map .map-dot"));
  const other = (await ids(page, "#events li[data-id]")).find((id) => id !== first && onMap.has(id));
  assert.ok(other, "another placed event in the list");
  await page.click(`#events li[data-id="${other}"]`);
  await page.waitForSelector(`#map .map-dot.sel[data-id="${other}"]`);
  assert.equal(await page.locator("#map .map-dot.sel").count(), 1);
});

test("a box drawn on the map filters the list and the timeline to the events inside it", async () => {
  await settled(page);
  const total = await listTotal(page);
  const all = await allEvents("");
  // Draw around the dot of the placed event farthest from the others' centre.
  const placed = all.filter((e) => e.latitude !== null);
  const [mlat, mlon] = [placed.reduce((a, e) => a + e.latitude, 0) / placed.length, placed.reduce((a, e) => a + e.longitude, 0) / placed.length];
  const onMap = new Set(await ids(page, "#map .map-dot"));
  const target = placed.filter((e) => onMap.has(e.id))
    .sort((a, b) => Math.hypot(b.latitude - mlat, b.longitude - mlon) - Math.hypot(a.latitude - mlat, a.longitude - mlon))[0];
  await page.click("#map-box");
  assert.equal(await page.getAttribute("#map-box", "aria-pressed"), "true");
  await page.locator(".map-panel").scrollIntoViewIfNeeded();
  const r = await page.locator(`#map .map-dot[data-id="${target.id}"]`).boundingBox();
  const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
  await page.mouse.move(x - 30, y - 30);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.move(x + 30, y + 30, { steps: 3 });
  await page.mouse.up();
  await page.waitForFunction(() => new URLSearchParams(location.search).has("bbox"));
  await settled(page);
  const { bbox, ...others } = await params(page);
  assert.deepEqual(Object.keys(others).filter((k) => k !== "event"), [], "the box sets no other filter");
  const [w, s, e, n] = bbox.split(",").map(Number);
  assert.ok(w < target.longitude && target.longitude < e && s < target.latitude && target.latitude < n, `${bbox} holds ${target.id}`);
  const inBox = await allEvents(`bbox=${bbox}`);
  assert.ok(inBox.some((x) => x.id === target.id));
  for (const x of inBox) assert.ok(x.longitude >= w && x.longitude <= e && x.latitude >= s && x.latitude <= n, `event ${x.id} inside ${bbox}`);
  assert.ok(inBox.length < total, `the box selects fewer events (${inBox.length}) than the store (${total})`);
  // The list, the timeline and the map follow; the box is a chip and is drawn.
  assert.equal(await listTotal(page), inBox.length);
  const inside = new Set(inBox.map((x) => x.id));
  const listed = await ids(page, "#events li[data-id]");
  assert.ok(listed.length > 0 && listed.every((id) => inside.has(id)), `listed ${listed}`);
  const dots = await ids(page, "#timeline .dot[data-id]");
  assert.ok(dots.length > 0 && dots.every((id) => inside.has(id)), `timeline ${dots}`);
  assert.ok((await ids(page, "#map .map-dot")).every((id) => inside.has(id)));
  assert.equal(await page.locator("#map path.map-box").count(), 1);
  const chip = page.locator(".chip", { hasText: `map box: ${bbox}` });
  assert.equal(await chip.count(), 1);
  await page.locator(".map-panel").screenshot({ path: join(shots, "map-box.png") });
  // Removing the chip removes the box and brings every event back.
  await chip.locator("button").click();
  await page.waitForFunction((t) => document.querySelector("#count").textContent.endsWith(` of ${t}`), total);
  assert.equal((await params(page)).bbox, undefined);
  assert.equal(await page.locator("#map path.map-box").count(), 0);
});

test("clicking a country filters by its code, and clicking it again removes the filter", async () => {
  await settled(page);
  const total = await listTotal(page);
  const counts = new Map();
  for (const e of await allEvents("")) if (e.location && e.location.code) counts.set(e.location.code, (counts.get(e.location.code) || 0) + 1);
  const code = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  await page.locator(`#map path.country[data-code="${code}"]`).first().dispatchEvent("click");
  await page.waitForFunction((c) => new URLSearchParams(location.search).get("place") === c, code);
  await settled(page);
  const inCountry = await allEvents(`place=${code}`);
  assert.equal(await listTotal(page), inCountry.length);
  assert.ok(inCountry.length < total && inCountry.length >= counts.get(code));
  assert.equal(await page.inputValue("#f-place"), code);
  assert.ok(await page.locator(`#map path.country.on[data-code="${code}"]`).count() > 0, "the country is marked");
  const dots = await ids(page, "#timeline .dot[data-id]");
  const inside = new Set(inCountry.map((x) => x.id));
  assert.ok(dots.length > 0 && dots.every((id) => inside.has(id)));
  await page.locator(`#map path.country[data-code="${code}"]`).first().dispatchEvent("click");
  await page.waitForFunction((t) => document.querySelector("#count").textContent.endsWith(` of ${t}`), total);
  assert.equal((await params(page)).place, undefined);
  assert.equal(await page.locator("#map path.country.on").count(), 0);
});

test("the map renders SaudiNewsNet", { skip: !snnZips.length && "no ../shared/arabic-data/saudinewsnet" }, async () => {
  // Every article as JSON Lines, as hadath-testdata reads them (python3: the zip module).
  const jsonl = join(work, "snn.jsonl");
  execFileSync("python3", ["-c", `
import json, sys, zipfile
n = 0
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for path in sys.argv[2:]:
        z = zipfile.ZipFile(path)
        for name in z.namelist():
            for a in json.loads(z.read(name)):
                if (a.get("content") or "").strip():
                    out.write(json.dumps({"id": f"snn-{n}", "url": a.get("url"), "title": a.get("title"),
                        "published": (a.get("date_extracted") or "")[:10], "source": a.get("source"),
                        "text": a["content"]}, ensure_ascii=False) + "\\n")
                    n += 1
`, jsonl, ...snnZips]);
  const db = join(work, "snn.db");
  run(["ingest", jsonl, "--db", db, "--quiet"]);
  const snn = await serve(db);
  try {
    const p = await watch(await context.newPage(), snn.base, problems);
    await p.goto(snn.base + "/");
    await settled(p);
    const events = [];
    for (let offset = 0; ; offset += 1000) {
      const pg = await (await fetch(`${snn.base}/api/events?limit=1000&offset=${offset}`)).json();
      events.push(...pg.events);
      if (events.length >= pg.total || !pg.events.length) break;
    }
    const placed = await mapFollowsTimeline(p, new Map(events.map((e) => [e.id, e])));
    assert.ok(placed.length >= 200, `${placed.length} placed events on the map`);
    await p.locator(".map-panel").screenshot({ path: join(shots, "map-saudinewsnet.png") });
    await p.close();
  } finally {
    snn.server.kill("SIGTERM");
  }
});

test("the map made no errors and no outside requests", () => {
  assert.deepEqual(problems, []);
});
