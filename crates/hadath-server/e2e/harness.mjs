// What the end-to-end tests share: the binary under test, a server over a store, a headless
// Chromium whose pages may contact nothing but that server.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../../..");
export const shots = join(root, "docs/screenshots");
export const bin = process.env.HADATH_BIN
  || [join(root, "target/release/hadath"), join(root, "target/debug/hadath")].find(existsSync);
export const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

export function run(args) {
  return execFileSync(bin, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
}

// `hadath serve` over `db` on a free port: the process and its address.
export async function serve(db) {
  const server = spawn(bin, ["serve", "--db", db, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  const base = await new Promise((ok, fail) => {
    let err = "";
    const timer = setTimeout(() => fail(new Error(`server did not start: ${err}`)), 60000);
    server.stderr.on("data", (d) => {
      err += d;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.on("exit", (c) => fail(new Error(`server exited (${c}): ${err}`)));
  });
  return { server, base };
}

export function launch(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1440, height: 1000 },
    deviceScaleFactor: 1,
  });
}

// HADATH_E2E_LIVE_ASSETS=1 serves the page's files from crates/hadath-server/assets/ instead of
// the ones compiled into the binary (the server's headers kept), to try a page change without a
// release build; run.sh does not set it.
const liveAssets = process.env.HADATH_E2E_LIVE_ASSETS === "1";
const ASSET_FILES = { "/": "index.html", "/index.html": "index.html", "/app.js": "app.js", "/map.js": "map.js", "/app.css": "app.css" };

// Records a page's errors in `problems`, and lets it contact nothing but the server at `base`.
export async function watch(p, base, problems) {
  p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  p.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await p.route("**/*", async (route) => {
    const u = new URL(route.request().url());
    if (u.origin !== base) {
      problems.push(`request outside the server: ${u}`);
      return route.abort();
    }
    if (liveAssets && ASSET_FILES[u.pathname]) {
      const response = await route.fetch();
      return route.fulfill({ response, body: readFileSync(join(here, "../assets", ASSET_FILES[u.pathname])) });
    }
    return route.continue();
  });
  return p;
}
