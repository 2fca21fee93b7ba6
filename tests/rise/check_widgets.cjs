// Drives JupyterLab in headless Chromium with a kernel: opens a notebook, runs its one cell,
// drags the first slider of the exploration it displays, and reports whether the image the
// kernel sends back changed. Only 127.0.0.1 is reachable.
// Usage: node check_widgets.cjs --base URL --token T --report FILE --chromium PATH NOTEBOOK
"use strict";

const fs = require("fs");
const path = require("path");

const { chromium, ARGS, option, keepOnTheMachine, dragFirstSlider } = require(path.join(__dirname, "lab_chromium.cjs"));

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
    await dragFirstSlider(page, view, img, result, ".noUi-handle", ".noUi-target, .slider");
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
