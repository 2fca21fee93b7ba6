// Drives JupyterLab in headless Chromium with a kernel: opens a notebook, runs its one cell,
// drags the first slider of the exploration it displays, and reports whether the image the
// kernel sends back changed. Only 127.0.0.1 is reachable.
// Usage: node check_widgets.cjs --base URL --token T --report FILE --chromium PATH NOTEBOOK
"use strict";

const fs = require("fs");
const path = require("path");

const { chromium, ARGS, option, keepOnTheMachine } = require(path.join(__dirname, "lab_chromium.cjs"));

(async () => {
  const [base, token, report] = ["--base", "--token", "--report"].map(option);
  const notebook = process.argv[process.argv.length - 1];
  const result = { consoleErrors: [], pageErrors: [], failed: [], external: [], requests: 0,
    error: null, before: null, after: null, label: null, sliders: 0 };
  const browser = await chromium.launch({
    executablePath: option("--chromium") || "/usr/bin/chromium", headless: true, args: ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await keepOnTheMachine(context, result);
  context.on("requestfailed", (r) => result.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") result.consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => result.pageErrors.push(String(e)));
  try {
    await page.goto(`${base}/lab/workspaces/widgets/tree/${encodeURIComponent(notebook)}` +
      `?reset&token=${token}`);
    const panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)");
    await panel.locator(".jp-Cell .jp-InputPrompt").first().waitFor({ timeout: 60000 });
    // A cell run before the kernel is ready is dropped: wait for the status bar's "Idle".
    await page.waitForFunction(() => /\|\s*Idle/.test(document.querySelector(".jp-StatusBar-Widget")?.innerText || ""),
      null, { timeout: 180000 });
    await panel.locator(".jp-CodeCell").first().click();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+Enter");
    const view = panel.locator(".jp-OutputArea-output .widget-hbox").first();
    await view.waitFor({ timeout: 300000 });
    const img = view.locator("img").first();
    await img.waitFor({ timeout: 60000 });
    result.before = await img.getAttribute("src");
    const sliders = view.locator(".widget-slider");
    result.sliders = await sliders.count();
    const slider = sliders.first();
    result.label = await slider.locator("label").textContent();
    const handle = slider.locator(".noUi-handle").first();
    const track = await slider.locator(".noUi-target, .slider").first().boundingBox();
    const start = await handle.boundingBox();
    await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await page.mouse.down();
    await page.mouse.move(track.x + track.width * 0.15, start.y + start.height / 2, { steps: 8 });
    await page.mouse.up();
    // The kernel redraws and sends the PNG back; the view swaps its blob: URL.
    await page.waitForFunction(([el, before]) => el.getAttribute("src") !== before,
      [await img.elementHandle(), result.before], { timeout: 60000 });
    result.after = await img.getAttribute("src");
    result.readout = await slider.locator(".widget-readout").textContent();
  } catch (err) {
    result.error = String(err).split("\n")[0];
    if (option("--shot")) await page.screenshot({ path: option("--shot") }).catch(() => null);
  }
  await context.close();
  await browser.close();
  fs.writeFileSync(report, JSON.stringify(result, null, 1));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
