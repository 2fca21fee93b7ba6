// What the JupyterLab drivers (check_rise.cjs, check_widgets.cjs) share: playwright-core from
// tools/slides, the deck tests' offline Chromium switches, reading --name value options, and
// keeping every request on 127.0.0.1.
"use strict";

const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const { chromium } = require(path.join(ROOT, "tools", "slides", "node_modules", "playwright-core"));
const { OFFLINE_ARGS } = require(path.join(ROOT, "tests", "browser", "offline_chromium.cjs"));

// The deck tests' switches, less the proxy and the resolver rule, which would cut off
// 127.0.0.1 too; each driver's page.route refuses everything else.
const ARGS = OFFLINE_ARGS.filter((a) => !a.startsWith("--proxy") && !a.startsWith("--host-resolver"))
  .concat(["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]);

function option(name) {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

// Refuses every request that is not for 127.0.0.1, and counts the requests in result
// (result.requests) and lists those for another host (result.external).
async function keepOnTheMachine(context, result) {
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    return url.hostname === "127.0.0.1" ? route.continue() : route.abort("blockedbyclient");
  });
  context.on("request", (r) => {
    result.requests += 1;
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== "127.0.0.1") {
      result.external.push(r.url());
    }
  });
}

// Drags the first slider of an exploration's live view to 15 % of its track, waits for the
// image the kernel sends back, and records what the slider and the image showed in result.
// handle and track are the CSS selectors of the front end's slider (noUiSlider in ipywidgets
// 8, jQuery UI in ipywidgets 7).
async function dragFirstSlider(page, view, img, result, handle, track) {
  result.before = await img.getAttribute("src");
  const sliders = view.locator(".widget-slider");
  result.sliders = await sliders.count();
  const slider = sliders.first();
  result.label = await slider.locator("label").first().textContent();
  const box = await slider.locator(track).first().boundingBox();
  const start = await slider.locator(handle).first().boundingBox();
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.15, start.y + start.height / 2, { steps: 8 });
  await page.mouse.up();
  // The kernel redraws and sends the PNG back; the view swaps its blob: URL.
  await page.waitForFunction(([el, before]) => el.getAttribute("src") !== before,
    [await img.elementHandle(), result.before], { timeout: 60000 });
  result.after = await img.getAttribute("src");
  result.readout = await slider.locator(".widget-readout").textContent();
}

module.exports = { chromium, ARGS, option, keepOnTheMachine, dragFirstSlider };
