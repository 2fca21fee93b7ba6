// Drives JupyterLab in headless Chromium: opens each notebook, starts RISE with Alt+R, and
// reports what the browser saw. Only 127.0.0.1 is reachable; every other request is refused
// and reported. Usage: node check_rise.cjs --base URL --token T --report FILE NOTEBOOK...
"use strict";

const fs = require("fs");
const path = require("path");

const { chromium, ARGS, option, keepOnTheMachine } = require(path.join(__dirname, "lab_chromium.cjs"));

async function present(notebook, browser, base, token, index) {
  const result = {
    notebook, consoleErrors: [], warnings: [], pageErrors: [], failed: [], httpErrors: [], external: [],
    requests: 0, slide: null, error: null,
  };
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await keepOnTheMachine(context, result);
  context.on("requestfailed", (r) => {
    result.failed.push(`${r.url()} (${r.failure() ? r.failure().errorText : "failed"})`);
  });
  context.on("response", (r) => {
    const kind = r.request().resourceType();
    const type = r.headers()["content-type"] || "";
    if (r.status() >= 400) {
      result.httpErrors.push(`${r.status()} ${r.url()}`);
    } else if (["stylesheet", "script", "font", "image"].includes(kind) && type.startsWith("text/html")) {
      // A server's "page not found" page, or a page answering for a file it does not have.
      result.httpErrors.push(`${kind} answered with an HTML page: ${r.url()}`);
    }
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") result.consoleErrors.push(`${m.text()} (${m.location().url})`);
    if (m.type() === "warning") result.warnings.push(m.text().slice(0, 300));
  });
  page.on("pageerror", (e) => result.pageErrors.push(String(e)));
  try {
    // A workspace of its own per notebook, so that none reopens the previous one's panels.
    const url = `${base}/lab/workspaces/rise-${index}/tree/${encodeURIComponent(notebook)}` +
      `?reset&token=${token}`;
    await page.goto(url);
    const prompt = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-InputPrompt");
    await prompt.first().waitFor({ timeout: 60000 });
    await prompt.first().click();
    await page.keyboard.press("Escape"); // command mode, where Alt+R starts RISE
    await page.keyboard.press("Alt+r");
    const frame = page.frameLocator("iframe[src*='/rise/']");
    const slide = frame.locator(".reveal .slides section.present").first();
    await slide.waitFor({ state: "visible", timeout: 60000 });
    await page.waitForTimeout(1500); // late typesetting and stylesheets report their errors
    result.slide = await slide.evaluate((section) => {
      const box = section.getBoundingClientRect();
      return { text: section.innerText.trim().slice(0, 200), width: box.width, height: box.height };
    });
    // Type sizes on every slide, as they would be on a 1280x720 screen: notebooks/rise.css
    // scales them with the panel, as reveal.js scales the static decks.
    result.type = await slide.evaluate(() => {
      const scale = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
      const sizes = (selector) => [...document.querySelectorAll(selector)]
        .filter((e) => e.textContent.trim())
        .map((e) => parseFloat(getComputedStyle(e).fontSize) / scale);
      const least = (list) => (list.length ? Math.min(...list) : null);
      const clipped = [...document.querySelectorAll('mjx-container[display="true"]')]
        .filter((m) => m.scrollWidth > m.clientWidth + 1 &&
          !["auto", "scroll"].includes(getComputedStyle(m).overflowX))
        .map((m) => m.textContent.slice(0, 60));
      return {
        scale,
        body: least(sizes(".jp-RenderedMarkdown p, .jp-RenderedMarkdown li")),
        code: least(sizes(".jp-InputArea .cm-content, .jp-OutputArea-output pre")),
        clippedEquations: clipped,
      };
    });
  } catch (err) {
    result.error = String(err).split("\n")[0];
  }
  await context.close();
  return result;
}

(async () => {
  const base = option("--base");
  const token = option("--token");
  const report = option("--report");
  const notebooks = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") &&
    !(i > 0 && all[i - 1].startsWith("--")));
  const browser = await chromium.launch({
    executablePath: option("--chromium") || process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ARGS,
  });
  // Two notebooks at a time, each in its own browser context and workspace: much of a
  // presentation is waiting (for the server, the kernel, the slideshow's frame).
  const results = new Array(notebooks.length);
  let next = 0;
  const worker = async () => {
    while (next < notebooks.length) {
      const i = next++;
      results[i] = await present(notebooks[i], browser, base, token, i);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(2, notebooks.length) }, worker));
  } finally {
    await browser.close();
  }
  fs.writeFileSync(report, JSON.stringify({ results }, null, 1));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
