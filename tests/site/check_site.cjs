// Open the built course website in headless Chromium from file:// with the network cut off,
// crawl every page reachable from index.html, and report what the pytest side asserts on:
// every request stayed on file:// and succeeded, math typeset, images loaded, the animation
// plays, navigation and links resolve, and a search typed into the search box finds pages.
//
//   node tests/site/check_site.cjs --site build/site --report R.json --shots DIR \
//        [--search WORD] [--shot-page notebooks/03_x.html]
//
// Driven by tests/site/conftest.py. Like tests/browser/check_decks.cjs it uses playwright-core
// from tools/slides/node_modules (pinned there, installed by `make slides`) with Debian's
// /usr/bin/chromium, and never downloads a browser.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const { pathToFileURL, fileURLToPath } = require("url");

const ROOT = path.resolve(__dirname, "..", "..");
const { launchOffline, watchOffline, OFFLINE_ARGS } = require(path.join(ROOT, "tests", "browser", "offline_chromium.cjs"));
const { chromium } = require(path.join(ROOT, "tools", "slides", "node_modules", "playwright-core"));
const { dragExplorations } = require(path.join(ROOT, "tests", "browser", "explorations.cjs"));

const VIEWPORT = { width: 1280, height: 800 };
// The layout checks: two common laptop and desktop screens, each in the theme's light and dark mode.
const LAYOUT_VIEWPORTS = [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }];
const MODES = ["light", "dark"];
const debug = process.env.SITE_DEBUG ? (m) => console.error(`[check_site] ${m}`) : () => {};

function parseArgs(argv) {
  const args = { search: "softmax", shotPages: [], layoutShots: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--site") args.site = path.resolve(argv[++i]);
    else if (a === "--report") args.report = argv[++i];
    else if (a === "--shots") args.shots = argv[++i];
    else if (a === "--search") args.search = argv[++i];
    else if (a === "--shot-page") args.shotPages.push(argv[++i]);
    else if (a === "--layout-shot") args.layoutShots.push(argv[++i]);
    else if (a === "--toc-page") args.tocPage = argv[++i];
    else if (a === "--only") args.only = argv[++i].split(",");  // while working on one step
    else if (a === "--chromium") args.chromium = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.site || !args.report || !args.shots) {
    throw new Error("usage: check_site.cjs --site DIR --report R.json --shots DIR");
  }
  return args;
}

// Runs in the page once MathJax (if any) has finished: what a reader would see.
async function measurePage() {
  // Images below the fold may be lazy: load them all, then ask each whether it decoded.
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  const brokenImages = images.filter((img) => !(img.complete && img.naturalWidth > 0))
    .map((img) => (img.currentSrc || img.src || "(no src)").slice(0, 120));

  const mathEls = [...document.querySelectorAll("[role=main] .math")];
  const untypeset = mathEls.filter((el) => !el.querySelector(".mjx-chtml"))
    .map((el) => el.textContent.trim().slice(0, 80));
  const mathErrors = document.querySelectorAll(".mjx-merror, .MathJax_Error").length;
  const raw = [];
  const walker = document.createTreeWalker(document.querySelector("[role=main]") || document.body,
    NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest("script, style, pre, code, textarea")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
  while (walker.nextNode()) {
    const t = walker.currentNode.nodeValue;
    if (/\\\(|\\\[|\$\$|\\begin\{/.test(t)) raw.push(t.trim().slice(0, 120));
  }
  const mathFonts = [...document.fonts]
    .filter((f) => f.family.startsWith("MJXc-") && f.status === "loaded").map((f) => f.family);

  const links = [...document.querySelectorAll("a[href]")].map((a) => ({
    href: a.href, raw: a.getAttribute("href"), text: a.textContent.trim().slice(0, 60),
  }));
  const internal = (sel) => [...document.querySelectorAll(sel)].map((a) => a.getAttribute("href"));
  const codeBlocks = document.querySelectorAll("[role=main] div.highlight pre").length;
  const copyButtons = document.querySelectorAll("[role=main] button.copybtn").length;
  return {
    title: document.title,
    h1: (document.querySelector("[role=main] h1") || { textContent: "" }).textContent.replace(/#$/, "").trim(),
    images: images.length, brokenImages,
    math: { elements: mathEls.length, untypeset, errors: mathErrors, raw, fonts: mathFonts,
      mathJax: Boolean(window.MathJax && window.MathJax.Hub) },
    links,
    prev: internal("a.left-prev"), next: internal("a.right-next"),
    sidebar: internal("nav.bd-docs-nav a.reference.internal"),
    courseLinks: internal("p.course-links a"),
    codeBlocks, copyButtons,
  };
}

// Runs in the page at one viewport and colour mode: what scrolls sideways, how figures are
// scaled, what shows that students should not see.
function measureLayout() {
  const main = document.querySelector("[role=main]") || document.body;
  const pres = [...main.querySelectorAll("div.highlight pre")];
  // A code block scrolls sideways when its content is wider than its box (1 px of rounding).
  const overflowing = pres.filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
    .map((pre) => ({ scroll: pre.scrollWidth, client: pre.clientWidth,
      line: pre.textContent.split("\n").reduce((a, b) => (b.length > a.length ? b : a), "").slice(0, 100) }));
  // Wrapped: taller than its lines would be unwrapped (drawn, not scrolled; reported only).
  const wrapped = pres.filter((pre) => {
    const cs = getComputedStyle(pre);
    const lines = pre.textContent.replace(/\n$/, "").split("\n").length;
    return pre.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) > lines * parseFloat(cs.lineHeight) + 2;
  }).length;
  const luminance = (css) => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(",").map(Number);
    return a === 0 ? null : (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  const figures = [...main.querySelectorAll(".cell_output img")].filter((img) => !img.id.startsWith("_anim_img"))
    .map((img) => {
      const box = img.getBoundingClientRect();
      // The colour behind the figure: its own background, else the nearest ancestor's.
      let bg = null;
      for (let el = img; el && bg === null; el = el.parentElement) bg = luminance(getComputedStyle(el).backgroundColor);
      return { src: img.getAttribute("src").slice(-60), naturalWidth: img.naturalWidth,
        naturalHeight: img.naturalHeight, box: box.width,
        // The drawn picture's width, without padding or border.
        width: img.clientWidth - parseFloat(getComputedStyle(img).paddingLeft) - parseFloat(getComputedStyle(img).paddingRight),
        background: bg, overflows: box.right > main.getBoundingClientRect().right + 1 };
    });
  const notes = [...main.querySelectorAll("details.instructor-notes")];
  const text = main.innerText;
  return {
    theme: document.documentElement.dataset.theme, innerWidth, codeBlocks: pres.length, overflowing, wrapped,
    articleWidth: (document.querySelector(".bd-article") || main).getBoundingClientRect().width,
    figures,
    notes: { count: notes.length, open: notes.filter((d) => d.open).length,
      summaries: notes.map((d) => d.querySelector("summary").textContent.trim()),
      // A closed <details> keeps its content laid out but not rendered: checkVisibility() says so.
      visibleText: notes.filter((d) => [...d.children].some((c) => c.tagName !== "SUMMARY" && c.checkVisibility())).length },
    speakerNoteBoxes: [...main.querySelectorAll(".admonition-title")].filter((t) => /speaker notes/i.test(t.textContent)).length,
    solutionMarkers: (text.match(/#{3} (BEGIN|END) SOLUTION/g) || []).length,
    hostedInstall: /On Colab, Kaggle or a JupyterHub without the course/.test(main.textContent),
    bodyBackground: luminance(getComputedStyle(document.body).backgroundColor),
  };
}

// Every notebook page (and the landing page) at each viewport, in light and dark mode. Each page
// opens once per viewport, in the site's default mode (light: nothing the theme stored from the
// page before carries over), is measured, then switched to dark with the theme's own colour-mode
// button and measured again.
async function layout(browser, args, result) {
  result.layout = {};
  const pages = ["index.html", ...fs.readdirSync(path.join(args.site, "notebooks"))
    .filter((f) => /^\d\d_.*\.html$/.test(f)).sort().map((f) => `notebooks/${f}`)];
  for (const viewport of LAYOUT_VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, offline: true });
    await watchOffline(context, result);
    // The theme keeps the reader's colour mode in localStorage; every page starts from the default.
    await context.addInitScript(() => { try { localStorage.clear(); } catch (err) { /* opaque origin */ } });
    const page = await context.newPage();
    MODES.forEach((mode) => { result.layout[`${size}-${mode}`] = {}; });
    for (const rel of pages) {
      let opened = null;
      try {
        await openPage(page, pathToFileURL(path.join(args.site, rel)).href);
      } catch (err) {
        opened = String(err && err.stack || err);
      }
      for (const mode of MODES) {
        const key = `${size}-${mode}`;
        const entry = opened ? { error: opened } : {};
        result.layout[key][rel] = entry;
        if (opened) continue;
        try {
          await page.evaluate(() => window.scrollTo(0, 0));
          if (mode === "dark") {
            await page.evaluate(() => {
              const button = document.querySelector('.theme-change-button[data-mode="dark"]');
              if (!button) throw new Error("the theme has no dark-mode button");
              button.click();
            });
          }
          await page.evaluate(() => Promise.all([...document.images].map((img) => {
            img.loading = "eager"; return img.decode().catch(() => null);
          })));
          Object.assign(entry, await page.evaluate(measureLayout));
          if (rel === args.tocPage) entry.toc = await followContents(page);
          if (args.layoutShots.includes(rel)) {
            await page.evaluate(() => window.scrollTo(0, 0));
            fs.mkdirSync(args.shots, { recursive: true });
            const name = rel === "index.html" ? "landing" : path.basename(rel, ".html");
            const file = path.join(args.shots, `${name}-${key}.png`);
            await page.screenshot({ path: file });
            result.screenshots.push(file);
            // Further down: the first code block with a line of over 90 characters (wrapped),
            // the first figure and the first instructor notes.
            for (const [what, sel] of [["code", "[role=main] div.highlight pre"], ["figure", "[role=main] .cell_output img"],
              ["notes", "[role=main] details.instructor-notes"]]) {
              const found = await page.evaluate((q) => {
                const wide = (e) => e.tagName !== "PRE" || e.textContent.split("\n").some((l) => l.length > 90);
                const el = [...document.querySelectorAll(q)].find((e) => e.getBoundingClientRect().height > 20 && wide(e));
                if (el) el.scrollIntoView({ block: "center" });
                return Boolean(el);
              }, sel);
              if (!found) continue;
              await page.waitForTimeout(200);
              const more = path.join(args.shots, `${name}-${key}-${what}.png`);
              await page.screenshot({ path: more });
              result.screenshots.push(more);
            }
          }
        } catch (err) {
          entry.error = String(err && err.stack || err);
        }
      }
    }
    await context.close();
  }
}

// The on-page contents (right sidebar) as a reader scrolls with the mouse wheel: which entry is
// highlighted when a heading sits at a given height. Each probe puts heading `at` this far down
// the part of the window below the sticky article header; the section being read is the last one
// whose heading is above the top third of it.
const TOC_PROBES = [
  { heading: 0, at: 0.05, reading: 0 },  // scrolling down: a heading just below the header
  { heading: 1, at: 0.2, reading: 1 },  // the next one, in the top third
  { heading: 1, at: 0.6, reading: 0 },  // back up: the next heading lower down, the first read
  { heading: 1, at: 0.05, reading: 1 },
  { heading: 2, at: 0.9, reading: 1 },  // the one after, at the bottom of the window
];

async function followContents(page) {
  const hashes = await page.evaluate(() => [...document.querySelectorAll("#pst-page-toc-nav a.nav-link")]
    .map((a) => a.hash).filter((h) => h.length > 1));
  // Three headings in the middle of the page, so each can be scrolled to any height.
  const first = Math.max(0, Math.floor(hashes.length / 2) - 1);
  const probes = [];
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.evaluate(() => {
    const r = document.querySelector("article.bd-article").getBoundingClientRect();
    return { x: r.left + r.width / 2, y: innerHeight / 2 };
  });
  await page.mouse.move(box.x, box.y);
  for (const probe of TOC_PROBES) {
    const target = hashes[first + probe.heading];
    if (!target) break;
    const dy = await page.evaluate(([hash, at]) => {
      const header = document.querySelector(".bd-header-article");
      const top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
      const heading = document.getElementById(decodeURIComponent(hash.slice(1)));
      return heading.getBoundingClientRect().top - (top + at * (innerHeight - top));
    }, [target, probe.at]);
    await page.mouse.wheel(0, dy);
    await page.waitForFunction(() => new Promise((resolve) => {
      const y = window.scrollY;
      setTimeout(() => requestAnimationFrame(() => resolve(window.scrollY === y)), 150);
    }), null, { timeout: 10000 });
    await page.waitForTimeout(100);  // the theme's observer reports after the scroll ends
    probes.push(await page.evaluate(([hash, expected]) => ({
      heading: hash, expected,
      top: Math.round(document.getElementById(decodeURIComponent(hash.slice(1))).getBoundingClientRect().top),
      highlighted: [...document.querySelectorAll("#pst-page-toc-nav a.nav-link.active")].map((a) => a.hash),
    }), [target, hashes[first + probe.reading]]));
  }
  return { entries: hashes.length, probes };
}

// The animation player of matplotlib's to_jshtml(): press Play, see the frames change.
async function checkAnimations(page) {
  const ids = await page.evaluate(() => [...document.querySelectorAll('img[id^="_anim_img"]')]
    .map((img) => img.id.slice("_anim_img".length)));
  const results = [];
  for (const id of ids) {
    const img = page.locator(`#_anim_img${id}`);
    await img.scrollIntoViewIfNeeded();
    const state = () => page.evaluate((i) => ({
      frame: Number(document.getElementById(`_anim_slider${i}`).value),
      src: document.getElementById(`_anim_img${i}`).src.length,
    }), id);
    const before = await state();
    await page.locator(`button[onclick="anim${id}.play_animation()"]`).click();
    await page.waitForTimeout(1500);
    const after = await state();
    await page.locator(`button[onclick="anim${id}.pause_animation()"]`).click();
    // The buttons are icon-only: each icon must have been drawn (Font Awesome loaded).
    const icons = await page.evaluate((i) => {
      const buttons = [...document.querySelectorAll(`button[onclick^="anim${i}."]`)];
      return buttons.map((b) => {
        const icon = b.querySelector("svg, i");
        const box = icon ? icon.getBoundingClientRect() : { width: 0, height: 0 };
        return { title: b.title, drawn: box.width > 0 && box.height > 0 };
      });
    }, id);
    results.push({ id, before, after, playing: after.frame !== before.frame, icons });
  }
  return results;
}

async function openPage(page, url) {
  await page.goto(url, { waitUntil: "load", timeout: 30000 });
  const usesMathJax = await page.evaluate(() => Boolean(document.querySelector('script[src*="MathJax.js"]')));
  let mathJaxReady = null;
  if (usesMathJax) {
    mathJaxReady = await page.waitForFunction(() => window.MathJax && window.MathJax.isReady, null,
      { timeout: 30000 }).then(() => true, () => false);
    if (mathJaxReady) {
      // Braces matter: a MathJax callback that returns a Queue makes MathJax wait on it.
      await page.evaluate(() => new Promise((resolve) => {
        MathJax.Hub.Register.StartupHook("End", () => { MathJax.Hub.Queue(() => { resolve(); }); });
      }));
    }
  }
  await page.evaluate(() => document.fonts.ready.then(() => null));
  return mathJaxReady;
}

function idsIn(file, cache) {
  if (!cache.has(file)) {
    const text = fs.readFileSync(file, "utf-8");
    cache.set(file, new Set([...text.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1])));
  }
  return cache.get(file);
}

// Every link on every crawled page: the file must exist, and an anchor must name an element.
function checkLinks(pages, site) {
  const broken = [];
  const external = new Set();
  const idCache = new Map();
  for (const [pageFile, info] of Object.entries(pages)) {
    for (const link of info.links) {
      if (!link.href.startsWith("file:")) {
        if (!/^(javascript|mailto):/.test(link.href)) external.add(link.href);
        continue;
      }
      const url = new URL(link.href);
      const target = fileURLToPath(new URL(url.pathname, "file://"));
      const where = `${path.relative(site, pageFile)}: <a href="${link.raw}"> (${link.text})`;
      if (!target.startsWith(site + path.sep) && target !== site) {
        broken.push(`${where}: points outside the site`);
      } else if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
        broken.push(`${where}: no file ${path.relative(site, target)}`);
      } else if (url.hash.length > 1 && target.endsWith(".html")) {
        const id = decodeURIComponent(url.hash.slice(1));
        if (!idsIn(target, idCache).has(id)) broken.push(`${where}: no element id="${id}"`);
      }
    }
  }
  return { broken, external: [...external] };
}

async function crawl(context, args, result) {
  const page = await context.newPage();
  const start = path.join(args.site, "index.html");
  const queue = [start];
  const seen = new Set(queue);
  const decks = path.join(args.site, "slides") + path.sep;  // checked by the deck tests
  // Then every other page of the site (the search page, say), marked as not linked.
  const rest = fs.readdirSync(args.site, { recursive: true })
    .map((rel) => path.join(args.site, rel))
    .filter((f) => f.endsWith(".html") && !f.startsWith(decks)).sort();
  while (queue.length || rest.length) {
    const linked = queue.length > 0;
    const file = linked ? queue.shift() : rest.shift();
    if (!linked && seen.has(file)) continue;
    seen.add(file);
    debug(`opening ${path.relative(args.site, file)}`);
    const entry = { file: path.relative(args.site, file), linked };
    try {
      entry.mathJaxReady = await openPage(page, pathToFileURL(file).href);
      Object.assign(entry, await page.evaluate(measurePage));
      entry.animations = await checkAnimations(page);
      entry.explorations = await dragExplorations(page, "[role=main]");
    } catch (err) {
      entry.error = String(err && err.stack || err);
      entry.links = [];
    }
    result.pages[file] = entry;
    for (const link of entry.links) {
      if (!link.href.startsWith("file:")) continue;
      const target = fileURLToPath(new URL(new URL(link.href).pathname, "file://"));
      if (target.endsWith(".html") && target.startsWith(args.site + path.sep)
          && !target.startsWith(decks) && !seen.has(target) && fs.existsSync(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  await page.close();
}

// Type the word into the theme's search box on the landing page, as a reader would.
async function search(context, args, result) {
  const page = await context.newPage();
  const out = { query: args.search, hits: [], status: null };
  try {
    await openPage(page, pathToFileURL(path.join(args.site, "index.html")).href);
    await page.keyboard.press("Control+k");
    const box = page.locator(".search-button__search-container input[name=q], .bd-search input[name=q]").filter({ visible: true }).first();
    await box.fill(args.search);
    await Promise.all([page.waitForURL(/search\.html\?/, { timeout: 15000 }), box.press("Enter")]);
    out.url = page.url().slice(page.url().lastIndexOf("/") + 1);
    await page.waitForFunction(() => {
      const s = document.querySelector("#search-results .search-summary");
      return s && /finished|did not match/i.test(s.textContent);
    }, null, { timeout: 30000 });
    out.status = await page.evaluate(() => document.querySelector("#search-results .search-summary").textContent.trim());
    out.hits = await page.evaluate(() => [...document.querySelectorAll("#search-results ul.search li a")]
      .map((a) => ({ href: a.getAttribute("href"), text: a.textContent.trim() })));
    out.excerpts = await page.evaluate(() => document.querySelectorAll("#search-results ul.search li p.context").length);
    fs.mkdirSync(args.shots, { recursive: true });
    await page.screenshot({ path: path.join(args.shots, "search.png") });
  } catch (err) {
    out.error = String(err && err.stack || err);
  }
  result.search = out;
  await page.close();
}

// The site served over http from 127.0.0.1 (as `make serve-site` does), the network still cut:
// the same search, where each hit should now carry a text excerpt from its page.
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png",
  ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".json": "application/json" };
function serve(site) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(site, rel);
    if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function searchOverHttp(args, result) {
  const server = await serve(args.site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const out = { origin, query: args.search, hits: [], failed: [], external: [], errors: [] };
  // The offline browser sends even loopback to its dead proxy; this one reaches 127.0.0.1 only.
  const browser = await chromium.launch({
    executablePath: args.chromium || process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: [...OFFLINE_ARGS.filter((a) => !/^--(proxy-bypass-list|host-resolver-rules)=/.test(a)),
      "--proxy-bypass-list=127.0.0.1", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.route((url) => !url.href.startsWith(origin) && !LOCAL_HTTP.test(url.href), (route) => {
    out.external.push(route.request().url());
    return route.abort("internetdisconnected");
  });
  context.on("requestfailed", (req) => out.failed.push(`${req.url()} (${(req.failure() || {}).errorText})`));
  context.on("response", (res) => { if (res.status() >= 400) out.failed.push(`${res.url()} (${res.status()})`); });
  const page = await context.newPage();
  page.on("pageerror", (err) => out.errors.push(String(err)));
  page.on("console", (msg) => { if (msg.type() === "error") out.errors.push(msg.text()); });
  try {
    await page.goto(`${origin}/search.html?q=${encodeURIComponent(args.search)}`, { waitUntil: "load" });
    await page.waitForFunction(() => {
      const s = document.querySelector("#search-results .search-summary");
      return s && /finished|did not match/i.test(s.textContent);
    }, null, { timeout: 30000 });
    // The excerpts arrive after the list, one fetch per hit.
    await page.waitForFunction(() => {
      const items = document.querySelectorAll("#search-results ul.search li");
      return items.length && [...items].every((li) => li.querySelector("p.context"));
    }, null, { timeout: 15000 }).catch(() => null);
    out.hits = await page.evaluate(() => [...document.querySelectorAll("#search-results ul.search li")]
      .map((li) => ({ href: li.querySelector("a").getAttribute("href"),
        excerpt: (li.querySelector("p.context") || { textContent: "" }).textContent.trim().slice(0, 200) })));
    fs.mkdirSync(args.shots, { recursive: true });
    await page.screenshot({ path: path.join(args.shots, "search-http.png") });
  } catch (err) {
    out.error = String(err && err.stack || err);
  }
  await context.close();
  await browser.close();
  server.close();
  result.searchHttp = out;
}
const LOCAL_HTTP = /^(data|blob|about):/;

async function screenshots(context, args, result) {
  const page = await context.newPage();
  fs.mkdirSync(args.shots, { recursive: true });
  for (const rel of ["index.html", ...args.shotPages]) {
    const name = rel === "index.html" ? "landing" : path.basename(rel, ".html");
    await openPage(page, pathToFileURL(path.join(args.site, rel)).href);
    const file = path.join(args.shots, `${name}.png`);
    await page.screenshot({ path: file });
    result.screenshots.push(file);
    // A second view further down: the animation if the page has one, else the first display
    // formula, else the first figure.
    const anchor = await page.evaluate(() => {
      const el = ['img[id^="_anim_img"]', "[role=main] div.math", "[role=main] .cell_output img"]
        .map((sel) => document.querySelector(sel)).find(Boolean);
      if (!el) return null;
      el.scrollIntoView({ block: "center" });
      return true;
    });
    if (anchor) {
      await page.waitForTimeout(300);
      const more = path.join(args.shots, `${name}-content.png`);
      await page.screenshot({ path: more });
      result.screenshots.push(more);
    }
  }
  await page.close();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const browser = await launchOffline(args.chromium);
  const result = {
    chromium: browser.version(), site: args.site, requests: 0, external: [], failed: [],
    pageErrors: [], consoleErrors: [], pages: {}, screenshots: [],
  };
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, offline: true });
    await watchOffline(context, result);
    const step = (name) => !args.only || args.only.includes(name);
    if (step("crawl")) {
      await crawl(context, args, result);
      result.links = checkLinks(result.pages, args.site);
    }
    if (step("search")) await search(context, args, result);
    if (step("screenshots")) await screenshots(context, args, result);
    await context.close();
    if (step("layout")) await layout(browser, args, result);
    if (step("searchHttp")) await searchOverHttp(args, result);
  } finally {
    await browser.close();
  }
  // Keyed by path relative to the site, as the pytest side names pages.
  result.pages = Object.fromEntries(Object.values(result.pages).map((p) => [p.file, p]));
  fs.mkdirSync(path.dirname(path.resolve(args.report)), { recursive: true });
  fs.writeFileSync(args.report, JSON.stringify(result, null, 2));
}

main().catch((err) => { console.error(err); process.exit(1); });
