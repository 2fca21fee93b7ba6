// Drives the classic Jupyter Notebook (6.x, the front end that ipywidgets 7 was made for) in
// headless Chromium with a kernel: opens a notebook, runs its cells, drags the first slider of
// the exploration it displays and reports whether the image the kernel sends back changed, and
// which version of the widget controls the front end made its models with. Only 127.0.0.1 is
// reachable; --shot saves what the page showed at the end. tools/compat.py (the colab run)
// runs it against Colab's notebook 6.5.7 and ipywidgets 7.7.1.
// Usage: node check_classic_widgets.cjs --base URL --token T --report FILE --chromium PATH
//        [--shot PNG] NOTEBOOK
"use strict";

const fs = require("fs");
const path = require("path");

const { chromium, ARGS, option, keepOnTheMachine, dragFirstSlider } = require(path.join(__dirname, "lab_chromium.cjs"));

(async () => {
  const [base, token, report] = ["--base", "--token", "--report"].map(option);
  const notebook = process.argv[process.argv.length - 1];
  const result = { consoleErrors: [], pageErrors: [], failed: [], external: [], requests: 0,
    error: null, before: null, after: null, label: null, readout: null, sliders: 0,
    controls: null };
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
    await page.goto(`${base}/notebooks/${encodeURIComponent(notebook)}?token=${token}`);
    // A cell run before the kernel is ready is dropped: wait until it is connected and idle.
    await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected() &&
      document.querySelector("#kernel_indicator_icon.kernel_idle_icon"), null, { timeout: 180000 });
    await page.evaluate(() => window.Jupyter.notebook.execute_all_cells());
    const view = page.locator(".output_area .widget-hbox").first();
    await view.waitFor({ timeout: 300000 });
    const img = view.locator("img").first();
    await img.waitFor({ timeout: 60000 });
    await page.waitForFunction((el) => el.getAttribute("src"), await img.elementHandle());
    // The version of the controls module the front end made the slider's model with.
    result.controls = await page.evaluate(async () => {
      const models = await Promise.all(Object.values(
        window.Jupyter.notebook.kernel.widget_manager._models));
      const slider = models.find((m) => /SliderModel$/.test(m.get("_model_name")));
      return slider ? slider.get("_model_module_version") : null;
    });
    // ipywidgets 7 draws its sliders with jQuery UI.
    await dragFirstSlider(page, view, img, result, ".ui-slider-handle", ".ui-slider");
  } catch (err) {
    result.error = String(err).split("\n")[0];
  }
  if (option("--shot")) await page.screenshot({ path: option("--shot") }).catch(() => null);
  await context.close();
  await browser.close();
  fs.writeFileSync(report, JSON.stringify(result, null, 1));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
