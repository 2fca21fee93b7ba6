// Open each built deck in headless Chromium from file:// with the network cut off, and
// report what the pytest side asserts on: reveal.js initialised, MathJax typeset the math,
// every request stayed on file:// and succeeded, and each slide fits its 1280x720 box.
// Screenshots of a few slides per deck go to --shots (all slides with --all-shots).
//
//   node tests/browser/check_decks.cjs --report R.json --shots DIR [--all-shots] DECK.html...
//
// Driven by tests/browser/conftest.py; playwright-core (pinned in tools/slides/package.json)
// only talks to Debian's /usr/bin/chromium and never downloads a browser.
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const ROOT = path.resolve(__dirname, "..", "..");
const { launchOffline, watchOffline } = require(path.join(ROOT, "tests", "browser", "offline_chromium.cjs"));
const { dragExplorations } = require(path.join(ROOT, "tests", "browser", "explorations.cjs"));

const VIEWPORT = { width: 1280, height: 720 };
// Slack (CSS px, unscaled) before an element counts as sticking out of the slide.
const TOLERANCE = 4;
const debug = process.env.SLIDES_DEBUG ? (m) => console.error(`[check_decks] ${m}`) : () => {};

function parseArgs(argv) {
  const args = { decks: [], allShots: false, maxShots: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--report") args.report = argv[++i];
    else if (a === "--shots") args.shots = argv[++i];
    else if (a === "--all-shots") args.allShots = true;
    else if (a === "--max-shots") args.maxShots = Number(argv[++i]);
    else if (a === "--chromium") args.chromium = argv[++i];
    else args.decks.push(a);
  }
  if (!args.report || !args.shots || !args.decks.length) {
    throw new Error("usage: check_decks.cjs --report R.json --shots DIR DECK.html...");
  }
  return args;
}

// Runs in the page: everything measured about the current slide. Sizes are reported in
// slide pixels (the 1280x720 design size), whatever scale reveal.js draws the slide at.
function measureSlide(tolerance) {
  const R = window.__deckReveal;
  const slide = R.getCurrentSlide();
  const { height: H } = R.getConfig();
  const scale = R.getScale();
  const slideBox = document.querySelector(".reveal .slides").getBoundingClientRect();
  const cellOf = (el) => {
    const cell = el.closest('[id^="cell-id="]');
    return cell ? cell.id.slice("cell-id=".length) : null;
  };
  const describe = (el) => {
    const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/)[0] : "";
    const what = el.closest(".jp-OutputArea") ? "output"
      : el.closest(".jp-CodeCell .jp-InputArea") ? "code" : "markdown";
    return `${what} <${el.tagName.toLowerCase()}${cls ? " class=" + cls : ""}>`;
  };
  // What the reader can see of an element: the slide, cut down by every ancestor that clips.
  const visibleBox = (el) => {
    let { left, top, right, bottom } = slideBox;
    for (let p = el.parentElement; p && p !== slide.parentElement; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.overflowX !== "visible" || cs.overflowY !== "visible") {
        const r = p.getBoundingClientRect();
        if (cs.overflowX !== "visible") { left = Math.max(left, r.left); right = Math.min(right, r.right); }
        if (cs.overflowY !== "visible") { top = Math.max(top, r.top); bottom = Math.min(bottom, r.bottom); }
      }
    }
    return { left, top, right, bottom };
  };
  // The box of the content itself (text runs, not padding), so a long code line counts.
  const contentBox = (el) => {
    if (["IMG", "svg", "TABLE"].includes(el.tagName) || el.classList.contains("MathJax_Display")) {
      return el.getBoundingClientRect();
    }
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect();
  };
  const problems = [];
  // reveal.js pads a slide top and bottom; bottom padding may fall off the slide harmlessly.
  const contentHeight = Math.round(slide.scrollHeight - parseFloat(getComputedStyle(slide).paddingBottom));
  if (contentHeight > H + tolerance) {
    problems.push({
      kind: "too tall",
      detail: `content is ${contentHeight}px high, the slide ${H}px`,
      cells: [...slide.querySelectorAll('[id^="cell-id="]')]
        .filter((c) => !c.closest("aside.notes"))
        .map((c) => ({ cell: cellOf(c), height: Math.round(c.getBoundingClientRect().height / scale) })),
    });
  }
  const seen = new Set();
  const selector = "pre, img, svg, table, h1, h2, h3, h4, p, li, .MathJax_Display";
  for (const el of slide.querySelectorAll(selector)) {
    if (el.closest("aside.notes") || (el.parentElement && el.parentElement.closest("svg"))) continue;
    const c = contentBox(el);
    if (c.width === 0 && c.height === 0) continue;
    const v = visibleBox(el);
    const over = {
      right: (c.right - v.right) / scale, left: (v.left - c.left) / scale,
      bottom: (c.bottom - v.bottom) / scale, top: (v.top - c.top) / scale,
    };
    const side = Object.keys(over).reduce((a, b) => (over[a] >= over[b] ? a : b));
    if (over[side] <= tolerance) continue;
    const cell = cellOf(el);
    if (seen.has(`${cell}:${side}`)) continue;
    seen.add(`${cell}:${side}`);
    problems.push({
      kind: side === "left" || side === "right" ? "too wide" : "cut off",
      detail: `${describe(el)} is cut off ${Math.round(over[side])}px at the ${side}`,
      cells: [{ cell }],
    });
  }
  // Legibility from the back row: the smallest font of visible text (body and code apart, in
  // slide pixels), the code lines shown, how close content comes to the bottom edge, and
  // whether any content lies under the navigation controls.
  const fonts = { text: null, code: null, textSample: "", codeSample: "" };
  const skip = "aside.notes, script, style, .MathJax, .mjx-chtml, .MathJax_CHTML, .MathJax_Display, "
    + ".MJX_Assistive_MathML, .MathJax_Preview, .jp-InputPrompt, .jp-OutputPrompt";
  const texts = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const p = node.parentElement;
      return !p || !node.nodeValue.trim() || p.closest(skip)
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  const lineRects = [];
  while (texts.nextNode()) {
    const node = texts.currentNode;
    const p = node.parentElement;
    const cs = getComputedStyle(p);
    if (cs.visibility !== "visible" || !p.getClientRects().length) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) continue;
    lineRects.push(...rects);
    const size = parseFloat(cs.fontSize);
    const key = p.closest("pre, code") ? "code" : "text";
    if (fonts[key] === null || size < fonts[key]) {
      fonts[key] = size;
      fonts[`${key}Sample`] = node.nodeValue.trim().slice(0, 40);
    }
  }
  for (const el of slide.querySelectorAll("img, svg, table, .MathJax_Display, .mjx-chtml")) {
    if (el.closest("aside.notes") || (el.parentElement && el.parentElement.closest("svg"))) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) lineRects.push(r);
  }
  const bottom = lineRects.reduce((m, r) => Math.max(m, r.bottom), -Infinity);
  const bottomGap = lineRects.length ? Math.round((slideBox.bottom - bottom) / scale) : null;
  const controls = [...document.querySelectorAll(".reveal .controls button")]
    .filter((b) => getComputedStyle(b).visibility === "visible" && b.getClientRects().length)
    .map((b) => b.getBoundingClientRect());
  const underControls = lineRects.filter((r) => controls.some((c) =>
    r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top)).length;
  const codeLines = [...slide.querySelectorAll(".jp-InputArea pre")]
    .filter((pre) => !pre.closest("aside.notes"))
    .reduce((n, pre) => n + pre.textContent.replace(/\n+$/, "").split("\n").length, 0);
  const markers = (slide.textContent.match(/#+ *(BEGIN|END) (SOLUTION|HIDDEN TESTS)/g) || []).length;
  // The heading as read on screen: without MathJax's TeX source, hidden MathML and the anchor.
  const heading = slide.querySelector("h1, h2, h3");
  const title = heading && heading.cloneNode(true);
  if (title) {
    title.querySelectorAll("script, .MJX_Assistive_MathML, .MathJax_Preview, .anchor-link")
      .forEach((el) => el.remove());
  }
  return {
    indices: R.getIndices(slide),
    firstCell: slide.getAttribute("data-cell-index"),
    title: title ? title.textContent.trim() : "",
    hasMath: slide.querySelector('script[type^="math/tex"]') !== null,
    hasImage: slide.querySelector(".jp-OutputArea-output img, .jp-OutputArea-output svg") !== null,
    hasNotes: slide.querySelector("aside.notes") !== null,
    // MathJax's fast preview left beside the final output: the formula shows twice.
    fonts, codeLines, bottomGap, underControls, markers,
    images: [...slide.querySelectorAll(".jp-OutputArea-output img")].filter((img) => img.width > 0)
      .map((img) => ({ natural: [img.naturalWidth, img.naturalHeight], shown: [img.width, img.height] })),
    previewsLeft: [...slide.querySelectorAll(".MathJax_Preview")].filter((p) => p.innerHTML.trim()).length,
    problems,
  };
}

// Runs in the page once the deck is up: is the math typeset, and is raw TeX left over?
function mathReport() {
  const slides = document.querySelector(".reveal .slides");
  // MathJax 2 keeps each formula's TeX in a <script type="math/tex"> and puts its output in a
  // "<id>-Frame" element, class mjx-chtml for the CommonHTML renderer (after a re-render the
  // frame keeps mjx-chtml but can lose MathJax_CHTML).
  const scripts = [...slides.querySelectorAll('script[type^="math/tex"]')];
  const sources = scripts.length;
  const typeset = scripts.filter((script) => {
    const frame = script.id && document.getElementById(`${script.id}-Frame`);
    return frame && frame.classList.contains("mjx-chtml");
  }).length;
  const errors = slides.querySelectorAll(".MathJax_Error, .mjx-merror, merror").length;
  const raw = [];
  const walker = document.createTreeWalker(slides, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const p = node.parentElement;
      return !p || p.closest("script, style, pre, code, .jp-InputArea, .jp-OutputArea, aside.notes, .MathJax_Preview")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  while (walker.nextNode()) {
    const t = walker.currentNode.nodeValue;
    if (/\$\$|\\\[|\\\(|\\begin\{|\$[^$\s][^$]*\$/.test(t)) raw.push(t.trim().slice(0, 120));
  }
  // The speaker view copies each slide's notes as HTML, without MathJax's stylesheet: a
  // formula typeset in the notes shows there twice (the output and its hidden MathML copy).
  const notesTypeset = slides.querySelectorAll(
    "aside.notes .mjx-chtml, aside.notes .MathJax_CHTML, aside.notes .MJX_Assistive_MathML").length;
  return { sources, typeset, errors, raw, notesTypeset };
}

async function checkDeck(browser, deckPath, args) {
  const name = path.basename(deckPath).replace(/\.slides\.html$/, "");
  const result = {
    deck: name, file: deckPath, requests: 0, external: [], failed: [],
    pageErrors: [], consoleErrors: [], totalSlides: 0, ready: false, math: null,
    slides: [], screenshots: [], speakerNotes: null,
  };
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, offline: true });
  await watchOffline(context, result);
  const page = await context.newPage();

  fs.rmSync(path.join(args.shots, name), { recursive: true, force: true });
  try {
    debug(`${name}: opening`);
    await page.goto(pathToFileURL(deckPath).href, { waitUntil: "load", timeout: 30000 });
    // The template loads reveal.js through RequireJS (no global); ask RequireJS for the same module.
    await page.waitForFunction(() => typeof window.require === "function", null, { timeout: 15000 })
      .catch(() => { throw new Error("RequireJS never loaded"); });
    await page.evaluate(() => new Promise((resolve, reject) => {
      const href = document.querySelector('link[href$="dist/reveal.css"]').getAttribute("href");
      window.require([href.replace(/reveal\.css$/, "reveal.js")], (R) => { window.__deckReveal = R; resolve(); }, reject);
    }));
    await page.waitForFunction(() => window.__deckReveal.isReady(), null, { timeout: 20000 })
      .catch(() => { throw new Error("reveal.js loaded but never became ready"); });
    result.ready = true;
    debug(`${name}: reveal ready`);
    result.totalSlides = await page.evaluate(() => window.__deckReveal.getTotalSlides());
    result.notesPlugin = await page.evaluate(() => window.__deckReveal.hasPlugin("notes"));

    // Flip through the first slides at once, as a presenter who starts straight away would,
    // while MathJax is still typesetting: slide changes must not spoil the math (the
    // previewsLeft check below catches formulas left showing twice).
    await page.evaluate(() => {
      const R = window.__deckReveal;
      const first = R.getSlides().slice(0, 4).map((slide) => R.getIndices(slide));
      for (const { h, v } of [...first.slice(1), first[0]]) R.slide(h, v);
    });

    // Show every fragment and drop transitions so each screenshot is the slide's final state.
    await page.evaluate(() => window.__deckReveal.configure({ fragments: false, transition: "none", backgroundTransition: "none" }));
    // The first typeset covers the whole deck and ends by removing the fast previews; let it
    // finish (MathJax's queue waits for it), with any re-render the flipping above queued.
    result.mathJaxLoaded = await page.waitForFunction(() => window.MathJax && MathJax.isReady,
      null, { timeout: 30000 }).then(() => true, () => false);
    if (result.mathJaxLoaded) {
      await page.evaluate(() => new Promise((resolve) => {
        // Braces matter: a MathJax callback that returns a Queue makes MathJax wait on it.
        MathJax.Hub.Register.StartupHook("End", () => { MathJax.Hub.Queue(() => { resolve(); }); });
      }));
    }
    // On every "slidechanged" the deck calls MathJax.Hub.Rerender(slide); until that ends the
    // slide can show a formula twice (fast preview and final output), and a callback queued on
    // MathJax's queue by the test would not wait for it (the offline template queues it, but
    // an upstream deck runs it on a queue of its own). MathJax announces the end with an
    // "End Rerender" message either way: count them.
    await page.evaluate(() => {
      window.__rerendered = 0;
      if (window.MathJax) MathJax.Hub.Register.MessageHook("End Rerender", () => { window.__rerendered++; });
    });
    // Go to a slide and wait until it is drawn as a viewer would see it: its math re-rendered,
    // web fonts loaded (text in a font still loading is invisible), two frames painted.
    // Resolves to whether every formula on the slide has its CommonHTML output.
    const showSlide = (indices) => page.evaluate(({ h, v }) => new Promise((resolve) => {
      const R = window.__deckReveal;
      const before = R.getCurrentSlide();
      const ended = window.__rerendered;
      R.slide(h, v);
      const slide = R.getCurrentSlide();
      const changed = slide !== before && window.MathJax;
      const start = Date.now();
      const rendered = () => [...slide.querySelectorAll('script[type^="math/tex"]')].every((script) => {
        const frame = script.id && document.getElementById(`${script.id}-Frame`);
        return frame && frame.classList.contains("mjx-chtml");
      });
      const poll = () => {
        if (changed && window.__rerendered <= ended && Date.now() - start < 15000) {
          setTimeout(poll, 20);
          return;
        }
        document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(
          () => resolve(rendered()))));
      };
      poll();
    }), indices);
    const slideIndices = await page.evaluate(() =>
      window.__deckReveal.getSlides().map((s) => window.__deckReveal.getIndices(s)));
    result.math = await page.evaluate(mathReport);
    debug(`${name}: math ${JSON.stringify(result.math)}`);

    for (let i = 0; i < slideIndices.length; i++) {
      const mathRendered = await showSlide(slideIndices[i]);
      const info = await page.evaluate(measureSlide, TOLERANCE);
      info.mathRendered = mathRendered;
      info.number = i;
      // An exploration's static view on this slide: its sliders must swap the frames.
      info.explorations = await dragExplorations(page, ".reveal .slides section.present:not(.stack)");
      debug(`${name}: slide ${i} ${JSON.stringify(info.indices)} ${info.problems.length} problem(s)`);
      result.slides.push(info);
    }
    // MathJax's CommonHTML output draws glyphs in its own web fonts (MJXc-TeX-*), which load
    // when a formula is first shown; if none loaded (a font blocked on file://, say), the math
    // is in the DOM but invisible. Asked after every slide has been shown once.
    result.math.fontsLoaded = await page.evaluate(() => [...document.fonts]
      .filter((f) => f.family.startsWith("MJXc-") && f.status === "loaded").map((f) => f.family));

    // Speaker notes: on the first slide that has some, press S as a presenter would; the
    // notes plugin opens its speaker view in a popup, which must show them.
    const notesSlide = result.slides.find((s) => s.hasNotes);
    if (notesSlide) {
      await showSlide(notesSlide.indices);
      const [popup] = await Promise.all([
        context.waitForEvent("page", { timeout: 15000 }),
        page.keyboard.press("s"),
      ]);
      await popup.setViewportSize(VIEWPORT);
      result.speakerNotes = await popup.waitForFunction(() => {
        const el = document.querySelector(".speaker-controls-notes .value");
        return el && el.textContent.trim() ? el.textContent.trim().slice(0, 200) : false;
      }, null, { timeout: 15000 }).then((h) => h.jsonValue(), () => null);
      result.speakerNotesSlide = notesSlide.number;
      fs.mkdirSync(path.join(args.shots, name), { recursive: true });
      result.speakerViewShot = path.join(args.shots, name, "speaker-view.png");
      await popup.waitForTimeout(500);
      await popup.screenshot({ path: result.speakerViewShot });
      await popup.close();
    }

    // A few slides per deck: the title, the first with math, the first with a plot, the last,
    // and every slide that does not fit (or all of them with --all-shots).
    const pick = new Set();
    if (args.allShots) result.slides.forEach((s) => pick.add(s.number));
    else {
      const firstWith = (key) => result.slides.find((s) => s[key]);
      [result.slides[0], firstWith("hasMath"), firstWith("hasImage"), result.slides[result.slides.length - 1]]
        .forEach((s) => s && pick.add(s.number));
      for (const s of result.slides) if (s.problems.length && pick.size < args.maxShots + 10) pick.add(s.number);
    }
    const dir = path.join(args.shots, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const n of [...pick].sort((a, b) => a - b)) {
      const s = result.slides[n];
      await showSlide(s.indices);
      const file = path.join(dir, `slide-${String(n + 1).padStart(2, "0")}-h${s.indices.h}-v${s.indices.v}.png`);
      await page.screenshot({ path: file });
      result.screenshots.push(file);
    }
  } catch (err) {
    result.error = String(err && err.stack || err);
  } finally {
    await context.close();
  }
  return result;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const browser = await launchOffline(args.chromium);
  const version = browser.version();
  // Two decks at a time, each in its own browser context; the report keeps the given order.
  const results = new Array(args.decks.length);
  let next = 0;
  const worker = async () => {
    while (next < args.decks.length) {
      const i = next++;
      results[i] = await checkDeck(browser, path.resolve(args.decks[i]), args);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(2, args.decks.length) }, worker));
  } finally {
    await browser.close();
  }
  fs.mkdirSync(path.dirname(path.resolve(args.report)), { recursive: true });
  fs.writeFileSync(args.report, JSON.stringify({ chromium: version, results }, null, 2));
}

main().catch((err) => { console.error(err); process.exit(1); });
