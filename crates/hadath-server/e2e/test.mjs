// End-to-end test of `hadath serve` in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core). Builds nothing: it uses the hadath binary already built (HADATH_BIN, else
// target/release/hadath, else target/debug/hadath), ingests the seeds (or examples/corpus when
// ../shared is absent) into a fresh store, serves it on 127.0.0.1 and walks through the page as
// a person would, saving screenshots to docs/screenshots/.
// HADATH_E2E_LIVE_ASSETS=1 serves the page's files from crates/hadath-server/assets/ instead of
// the ones compiled into the binary (the server's headers kept), to try a page change without a
// release build; run.sh does not set it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bin, chromiumPath, launch, root, run, serve, shots, watch as guard } from "./harness.mjs";

const seeds = process.env.HADATH_E2E_CORPUS
  || [resolve(root, "../shared/corpus/seeds"), join(root, "examples/corpus")].find(existsSync);

// An article written for this test: an attack with a toll and a date, plus HTML that must stay text.
const ARTICLE = [
  "قصفت القوات الروسية مدينة خاركيف الأوكرانية يوم 3 مارس 2022، ما أسفر عن مقتل 12 مدنياً وإصابة 30 آخرين، بحسب ما أعلنت السلطات المحلية.",
  "<script>window.__pwned = 1</script>",
  "وقال الرئيس الأوكراني فولوديمير زيلينسكي إن روسيا ارتكبت جرائم حرب، فيما دعت فرنسا إلى وقف فوري لإطلاق النار.",
  "<img src=x onerror=\"window.__pwned = 2\"> <b>نص عريض</b>",
].join("\n\n");

let work, server, base, context, page;
const problems = [];

before(async () => {
  assert.ok(bin, "no hadath binary: build it first (cargo build --release -p hadath-cli)");
  assert.ok(existsSync(chromiumPath), `no Chromium at ${chromiumPath} (apt-get install chromium)`);
  mkdirSync(shots, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "hadath-e2e-"));
  const db = join(work, "store.db");
  run(["ingest", seeds, "--db", db, "--quiet"]);
  ({ server, base } = await serve(db));
  context = await launch(join(work, "profile"));
  page = await watch(context.pages()[0] || (await context.newPage()));
});

const watch = (p) => guard(p, base, problems);

after(async () => {
  if (context) await context.close();
  if (server) server.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
});

const api = async (path) => (await fetch(base + path)).json();
const post = async (path, body) => {
  const r = await fetch(base + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(r.status, 200, `POST ${path}: ${r.status}`);
  return r.json();
};
const ready = (p) => p.waitForSelector("body[data-ready='1']", { timeout: 30000 });
// The list's count says "N of TOTAL".
const listTotal = (p, n) => p.waitForFunction((n) => document.querySelector("#count").textContent.endsWith(` of ${n}`), n);
// Waits until the page has loaded what its filters show.
const settled = (p) => p.waitForFunction(() => document.body.dataset.ready === "1" && !document.body.dataset.loading);
const search = async (p) => new URLSearchParams(await p.evaluate(() => location.search));
const params = async (p) => Object.fromEntries(new URLSearchParams(await p.evaluate(() => location.search)));

// Every event of a filter (a query string), all pages.
async function allEvents(q) {
  const out = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api(`/api/events?${q ? q + "&" : ""}limit=1000&offset=${offset}`);
    out.push(...page.events);
    if (out.length >= page.total || !page.events.length) return out;
  }
}

// Checks that every event of the filter has a dot inside the timeline's plot (dated events) or
// in its undated grid, in the view the page opens with.
async function everyEventOnTheTimeline(q) {
  const events = await allEvents(q);
  assert.ok(events.length > 0, `events for ${q}`);
  const dated = events.filter((e) => e.date_first).map((e) => e.id);
  const undated = events.filter((e) => !e.date_first).map((e) => e.id);
  const ids = dated.concat(undated);
  const missing = () => page.evaluate((ids) => ids.filter((id) => !document.querySelector(`#timeline .dot[data-id="${id}"]`)), ids);
  await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`#timeline .dot[data-id="${id}"]`)), ids, { timeout: 10000 }).catch(() => {});
  assert.deepEqual(await missing(), [], `events without a dot in the first view (${await page.textContent("#tl-range")})`);
  const where = await page.evaluate(({ dated, undated }) => {
    const svg = document.querySelector("#timeline"), box0 = svg.getBoundingClientRect();
    const plot = { left: box0.left + Number(svg.dataset.x0), right: box0.left + Number(svg.dataset.x1), top: box0.top, bottom: box0.bottom };
    const grid = document.querySelector("#timeline .undated");
    const box = grid ? grid.getBoundingClientRect() : null;
    const centre = (id) => {
      const r = document.querySelector(`#timeline .dot[data-id="${id}"]`).getBoundingClientRect();
      return [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
    };
    const outside = dated.filter((id) => { const [x, y] = centre(id); return x < plot.left || x > plot.right || y < plot.top || y > plot.bottom; });
    const gridOut = undated.filter((id) => { const [x, y] = centre(id); return !box || x < box.left || x > box.right || y < box.top || y > box.bottom; });
    return { outside, gridOut, range: document.querySelector("#tl-range").textContent };
  }, { dated, undated });
  assert.deepEqual(where.outside, [], `dated events outside the first view (${where.range})`);
  assert.deepEqual(where.gridOut, [], "undated events outside the undated grid");
  assert.match(where.range, new RegExp(`(^|· )${dated.length} events? in view`), `the header counts every dated event: ${where.range}`);
  return { dated: dated.length, undated: undated.length };
}

test("the page loads over the seeds' store", async () => {
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  const stats = await page.textContent("#stats");
  assert.match(stats, /\d+ articles · \d+ events/);
  assert.ok((await page.locator("#timeline .dot").count()) > 0, "timeline dots");
  assert.ok((await page.locator("#network .node").count()) > 1, "network nodes");
  assert.ok((await page.locator("#events li[data-id]").count()) > 0, "event list");
  await page.screenshot({ path: join(shots, "overview.png") });
});

test("the timeline's first view shows every event the filters select", async () => {
  // Over the whole store, then over ASSAULT alone (year-precise 2020 events drawn at mid-year
  // and 2022 events: a first view that fits only the busiest days loses some).
  const all = await everyEventOnTheTimeline("");
  assert.ok(all.dated > 1, "dated events");
  await page.goto(base + "/?type=ASSAULT");
  await ready(page);
  await everyEventOnTheTimeline("type=ASSAULT");
  // Zooming in hides some; Fit brings the first view back.
  const first = await page.textContent("#tl-range");
  await page.click("#tl-zoom-in");
  await page.click("#tl-zoom-in");
  assert.notEqual(await page.textContent("#tl-range"), first);
  await page.click("#tl-fit");
  await page.waitForFunction((b) => document.querySelector("#tl-range").textContent === b, first);
  await page.goto(base + "/");
  await ready(page);
});

test("a two-sided clash links its sides in the actor network", async () => {
  // The clashes among the network's actors: ASSAULT events whose sides are all actors (or whose
  // mode says clash). The seeds have Armenia and Azerbaijan's; a store without one gets one.
  const clashPairs = async () => {
    const net = await api("/api/actors?top=24");
    const listed = new Set(net.actors.map((a) => a.key));
    const pairs = new Set();
    for (const e of await allEvents("type=ASSAULT")) {
      if (e.recipients.length && e.mode !== "clash") continue;
      const sides = [...new Set(e.actors.concat(e.mode === "clash" ? e.recipients : []).map((p) => p.name || p.code).filter((k) => k && listed.has(k)))].sort();
      for (let i = 0; i < sides.length; i++) for (let j = i + 1; j < sides.length; j++) pairs.add(`${sides[i]}\n${sides[j]}`);
    }
    return [...pairs].map((p) => p.split("\n"));
  };
  let pairs = await clashPairs();
  if (!pairs.length) {
    await post("/api/extract", { text: "اندلعت اشتباكات عنيفة بين القوات الأرمينية والقوات الأذربيجانية على الحدود يوم 12 سبتمبر 2022، ما أسفر عن مقتل 49 جندياً.", published: "2022-09-13" });
    pairs = await clashPairs();
    await page.reload();
    await ready(page);
  }
  assert.ok(pairs.length > 0, "a clash between two listed actors");
  await page.waitForSelector("#network .edge.clash");
  for (const [a, b] of pairs.slice(0, 30)) {
    const edge = page.locator(`#network path.edge.clash[data-source=${JSON.stringify(a)}][data-target=${JSON.stringify(b)}]`);
    assert.equal(await edge.count(), 1, `a clash link ${a} ⇄ ${b}`);
    assert.match(await edge.locator("title").textContent(), /clash/);
    for (const k of [a, b]) assert.equal(await page.locator(`#network .node[data-key="${k}"]`).count(), 1, `node ${k}`);
  }
});

test("zoom changes the timeline's range", async () => {
  const before = await page.textContent("#tl-range");
  await page.click("#tl-zoom-in");
  assert.notEqual(await page.textContent("#tl-range"), before);
  await page.click("#tl-fit");
  await page.waitForFunction((b) => document.querySelector("#tl-range").textContent === b, before);
});

let actorKey;
test("clicking an actor filters the timeline", async () => {
  const net = await api("/api/actors?top=24");
  const linked = new Set(net.edges.flatMap((e) => [e.source, e.target]));
  actorKey = net.actors.find((a) => linked.has(a.key)).key;
  const all = (await api("/api/events?limit=1")).total;
  const want = (await api(`/api/events?limit=1&actor=${encodeURIComponent(actorKey)}`)).total;
  assert.ok(want > 0 && want < all, `actor ${actorKey}: ${want} of ${all}`);
  await page.locator(`#network .node[data-key="${actorKey}"]`).click();
  await page.waitForFunction((n) => document.querySelector("#count").textContent.endsWith(` of ${n}`), want);
  assert.match(await page.textContent("#chips"), /actor:/);
  assert.equal(await page.locator("#network .node.sel").count(), 1);
  await page.screenshot({ path: join(shots, "actor-filter.png") });
});

test("opening an event shows its evidence highlighted in right-to-left Arabic", async () => {
  // The actor's first event whose report has both evidence and a marked date or name.
  const list = await api(`/api/events?limit=200&actor=${encodeURIComponent(actorKey)}`);
  let chosen = null, detail = null;
  for (const e of list.events) {
    const x = await api(`/api/events/${e.id}`);
    const d = await api(`/api/documents/${encodeURIComponent(x.members[0].doc_id)}`);
    if (d.timexes.length && d.entities.length) { chosen = e; detail = x; break; }
  }
  assert.ok(chosen, "an event with dates and names");
  await page.locator(`#events li[data-id="${chosen.id}"]`).click();
  await page.waitForSelector(".article mark.ev");
  assert.equal(await page.textContent("#detail h2.summary"), chosen.summary);
  const article = page.locator(".source .article").first();
  assert.equal(await article.getAttribute("dir"), "rtl");
  assert.equal(await article.getAttribute("lang"), "ar");
  // The marked evidence is exactly the evidence spans of the first report.
  const marked = await article.evaluate((a) => {
    const out = [];
    let cur = "";
    let prevEv = false;
    const walk = (n) => {
      for (const c of n.childNodes) {
        const ev = c.nodeType === 1 && c.classList.contains("ev");
        if (ev) cur += c.textContent;
        else if (prevEv && cur) { out.push(cur); cur = ""; }
        prevEv = ev;
      }
    };
    walk(a);
    if (cur) out.push(cur);
    return out;
  });
  const spans = detail.members[0].evidence.map((s) => s.text);
  for (const s of spans) assert.ok(marked.some((m) => m.includes(s) || s.includes(m)), `evidence ${s} marked (${marked})`);
  assert.ok((await article.locator("mark.ent").count()) > 0, "names marked");
  assert.ok((await article.locator("mark.tx").count()) > 0, "dates marked");
  // Arabic is shaped: the rendered width of a joined word is less than its letters apart.
  const shaped = await page.evaluate(() => {
    const c = document.createElement("canvas").getContext("2d");
    c.font = "20px 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif";
    const joined = c.measureText("سلام").width;
    const apart = ["س", "ل", "ا", "م"].map((x) => c.measureText(x).width).reduce((a, b) => a + b, 0);
    return { joined, apart };
  });
  assert.ok(shaped.joined < shaped.apart, `Arabic shaping (${JSON.stringify(shaped)})`);
  await page.screenshot({ path: join(shots, "event.png"), fullPage: true });
});

test("the filters live in the address: set, reloaded, shared, and undone with the back button", async () => {
  await page.goto(base + "/");
  await ready(page);
  assert.equal(await page.evaluate(() => location.search), "");
  const all = (await api("/api/events?limit=1")).total;
  // A type and a date range, applied from the form: the commonest type whose actors are linked
  // in the network, from the year of its first dated event to ten years on.
  const overview = await api("/api/overview");
  let best = null;
  for (const type of Object.values(overview.quads).flat()) {
    const n = (await api(`/api/events?limit=1&type=${type}`)).total;
    const first = (await api(`/api/events?limit=1&order=date&type=${type}`)).events[0];
    if (!n || n >= all || !first || !first.date_first || (best && n <= best.n)) continue;
    if ((await api(`/api/actors?top=24&type=${type}`)).edges.length) best = { type, n, year: Number(first.date_first.slice(0, 4)) };
  }
  assert.ok(best, "a type with linked actors");
  const filters = { type: best.type, from: String(best.year), to: `${best.year + 10}-06` };
  const qs = (extra) => new URLSearchParams({ limit: 1, ...filters, ...extra }).toString();
  await page.selectOption("#f-type", filters.type);
  await page.fill("#f-from", filters.from);
  await page.fill("#f-to", filters.to);
  await page.click("#filters button[type=submit]");
  const typed = (await api(`/api/events?${qs()}`)).total;
  assert.ok(typed > 0 && typed < all, `${JSON.stringify(filters)}: ${typed} of ${all}`);
  await listTotal(page, typed);
  assert.deepEqual(await params(page), filters);
  // Then an actor of the network and an Arabic word.
  await settled(page);
  let key = null, acted = 0;
  for (const k of await page.locator("#network .node").evaluateAll((ns) => ns.map((n) => n.dataset.key))) {
    acted = (await api(`/api/events?${qs({ actor: k })}`)).total;
    if (acted > 0 && acted < typed) { key = k; break; }
  }
  assert.ok(key, "an actor in the network with some of the events");
  await page.locator(`#network .node[data-key=${JSON.stringify(key)}]`).click();
  await listTotal(page, acted);
  await settled(page);
  assert.equal((await search(page)).get("actor"), key);
  // The list's order and the open event ride along (without a history entry of their own).
  await page.selectOption("#order", "sources");
  await settled(page);
  const first = await page.locator("#events li[data-id]").first().getAttribute("data-id");
  await page.locator(`#events li[data-id="${first}"]`).click();
  await page.waitForSelector("#detail h2.summary");
  const url = await page.evaluate(() => location.href);
  assert.deepEqual(await params(page), { ...filters, actor: key, order: "sources", event: first });

  // Reloaded, the address gives the same filters, list and event.
  const view = (p) => p.evaluate(() => {
    const v = (id) => document.getElementById(id).value;
    const sel = document.querySelector("#network .node.sel");
    return {
      q: v("f-q"), type: v("f-type"), from: v("f-from"), to: v("f-to"), place: v("f-place"), modality: v("f-modality"),
      order: v("order"), chips: document.querySelector("#chips").textContent, count: document.querySelector("#count").textContent,
      selectedNode: sel && sel.dataset.key, summary: document.querySelector("#detail h2.summary").textContent,
      list: Array.from(document.querySelectorAll("#events li[data-id]"), (l) => l.dataset.id),
      selected: Array.from(document.querySelectorAll("#events li.sel"), (l) => l.dataset.id),
    };
  });
  await settled(page);
  const before = await view(page);
  assert.equal(before.count, `${acted} of ${acted}`);
  assert.equal(before.selectedNode, key);
  assert.deepEqual(before.selected, [first]);
  await page.reload();
  await ready(page);
  await page.waitForSelector("#detail h2.summary");
  assert.deepEqual(await view(page), before);
  // Shared: the same address in another tab opens the same view.
  const other = await watch(await context.newPage());
  await other.goto(url);
  await ready(other);
  await other.waitForSelector("#detail h2.summary");
  assert.deepEqual(await view(other), before);
  await other.close();

  // Back: the actor goes (the order and event stayed in their entry), then the type and dates.
  await page.goBack();
  await listTotal(page, typed);
  await settled(page);
  assert.deepEqual(await params(page), filters);
  assert.equal(await page.inputValue("#order"), "date");
  assert.equal(await page.locator("#detail h2.summary").count(), 0, "no event open");
  assert.equal(await page.inputValue("#f-type"), filters.type);
  assert.equal(await page.locator("#network .node.sel").count(), 0);
  assert.doesNotMatch(await page.textContent("#chips"), /actor:/);
  await page.goBack();
  await listTotal(page, all);
  assert.equal(await page.evaluate(() => location.search), "");
  assert.equal(await page.inputValue("#f-type"), "");
  assert.equal(await page.inputValue("#f-from"), "");
  assert.equal(await page.textContent("#chips"), "");
  // Forward again: the filters come back.
  await page.goForward();
  await listTotal(page, typed);
  assert.equal(await page.inputValue("#f-type"), filters.type);
  assert.equal(await page.inputValue("#f-to"), filters.to);
  // A search word too, and a chip removed: each a new entry.
  const word = "روسيا";
  await page.fill("#f-q", word);
  await page.click("#filters button[type=submit]");
  await page.waitForFunction((w) => new URLSearchParams(location.search).get("q") === w, word);
  assert.deepEqual(await params(page), { q: word, ...filters });
  const worded = (await api(`/api/events?${qs({ q: word })}`)).total;
  await listTotal(page, worded);
  await page.goBack();
  await listTotal(page, typed);
  assert.equal(await page.inputValue("#f-q"), "");
  await page.click("#f-clear");
  await listTotal(page, all);
  assert.equal(await page.evaluate(() => location.search), "");
});

test("a pasted article is extracted, added, and its HTML stays text", async () => {
  const before = (await api("/api/events?limit=1")).total;
  await page.click("#f-clear");
  await page.click("#open-paste");
  await page.fill("#p-title", "<i>قصف خاركيف</i>");
  await page.fill("#p-published", "2022-03-04");
  await page.fill("#p-text", ARTICLE);
  await page.click("#paste-submit");
  await page.waitForSelector("#paste-result .counts", { timeout: 60000 });
  const result = page.locator("#paste-result .article");
  const text = await result.textContent();
  assert.ok(text.includes("<script>window.__pwned = 1</script>"), "script shown as text");
  assert.ok(text.includes("<img src=x onerror="), "img shown as text");
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no injected script ran");
  assert.equal(await page.locator("#paste-result .article script, #paste-result .article img, #paste-result .article b").count(), 0);
  assert.ok((await page.locator("#paste-result .new-events li").count()) > 0, "events found");
  await page.screenshot({ path: join(shots, "paste.png") });
  await page.click("#paste-cancel");
  const after = (await api("/api/events?limit=1")).total;
  assert.ok(after > before, `events added (${before} → ${after})`);
  await page.waitForFunction((n) => document.querySelector("#count").textContent.endsWith(` of ${n}`), after);
  assert.ok((await page.locator("#timeline .dot.new").count()) > 0, "new events marked on the timeline");
  // The stored document's title and text are JSON strings, and the event panel shows them as text.
  const fresh = await page.locator("#timeline .dot.new").first().getAttribute("data-id");
  await page.locator(`#events li[data-id="${fresh}"]`).click();
  await page.waitForSelector(".source .article");
  assert.equal(await page.textContent(".source h3.ar-title"), "<i>قصف خاركيف</i>");
  assert.equal(await page.locator(".source i, .source script, .source img").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: join(shots, "pasted-event.png") });
});

test("an event's reports name their outlet and link to the article in a new tab", async () => {
  // An article with an outlet and an address, through the paste form: a clash on the seeds'
  // Armenian-Azerbaijani border, so it may join a seed's event (whose report has no address).
  const href = "https://news.example.org/2022/09/13/clash?id=7&lang=ar";
  await page.click("#open-paste");
  await page.fill("#p-title", "اشتباكات على الحدود");
  await page.fill("#p-published", "2022-09-13");
  await page.fill("#p-source", "Example News");
  await page.fill("#p-url", href);
  await page.fill("#p-text", "اندلعت اشتباكات عنيفة بين القوات الأرمينية والقوات الأذربيجانية على الحدود يوم 13 سبتمبر 2022، ما أسفر عن مقتل 49 جندياً.");
  await page.click("#paste-submit");
  await page.waitForSelector("#paste-result .new-events li a", { timeout: 60000 });
  await page.locator("#paste-result .new-events li a").first().click();
  const link = page.locator(".source-head a.outlet");
  await link.first().waitFor();
  assert.equal(await link.count(), 1, "one report with an address");
  assert.equal(await link.getAttribute("href"), href);
  assert.equal(await link.getAttribute("target"), "_blank");
  assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
  assert.match(await link.textContent(), /^Example News/);
  // Reports without an address show their outlet, else their id, as text.
  const id = Number((await search(page)).get("event"));
  const x = await api(`/api/events/${id}`);
  const heads = await page.locator(".source-head").evaluateAll((hs) => hs.map((h) => ({ link: !!h.querySelector("a"), outlet: h.querySelector(".outlet").textContent })));
  assert.equal(heads.length, x.members.length);
  for (const [i, m] of x.members.entries()) {
    const d = await api(`/api/documents/${encodeURIComponent(m.doc_id)}`);
    if (d.url) continue;
    assert.deepEqual(heads[i], { link: false, outlet: d.source || m.doc_id });
  }
  await link.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "outlet.png") });

  // An address that is not a web one is no link, and an outlet carrying HTML stays text.
  const r = await post("/api/extract", {
    text: "قصفت القوات الروسية مدينة خاركيف الأوكرانية يوم 5 مارس 2022.",
    published: "2022-03-06", url: "javascript:window.__pwned=3", source: "<b onmouseover=\"window.__pwned=4\">Bad</b> outlet",
  });
  assert.ok(r.event_stories.length > 0, "an event");
  await page.goto(`${base}/?event=${r.event_stories[0]}`);
  await ready(page);
  const mine = page.locator(".source", { has: page.locator(`.source-head .outlet`, { hasText: "Bad</b> outlet" }) });
  assert.equal(await mine.count(), 1);
  assert.equal(await mine.locator("a, b[onmouseover]").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test("the page made no errors and no outside requests", () => {
  assert.deepEqual(problems, []);
});
