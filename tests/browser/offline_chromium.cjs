// Headless Chromium with the network cut, shared by the deck and the site checks.
"use strict";

const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const { chromium } = require(path.join(ROOT, "tools", "slides", "node_modules", "playwright-core"));

// Playwright starts Chromium with a fresh temporary profile (its --user-data-dir). The closed
// network here refuses Chromium's background connections; these switches keep it quiet, and the
// proxy/resolver rules make sure nothing can leave even if a page asked.
const OFFLINE_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
  "--host-resolver-rules=MAP * ~NOTFOUND",
];

function launchOffline(executable) {
  return chromium.launch({
    executablePath: executable || process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: OFFLINE_ARGS,
  });
}

const LOCAL = /^(file|data|blob|about):/;

// Record in `result` (requests, external, failed, pageErrors, consoleErrors) everything that
// happens in `context`: anything not file:// is refused, and recorded, before it reaches the
// (closed) network. Listening on the context, not a page, counts popups and iframes too.
async function watchOffline(context, result) {
  const external = (url) => { if (!result.external.includes(url)) result.external.push(url); };
  await context.route((url) => !LOCAL.test(url.href), (route) => {
    external(route.request().url());
    return route.abort("internetdisconnected");
  });
  context.on("request", (req) => {
    result.requests++;
    if (!LOCAL.test(req.url())) external(req.url());
  });
  context.on("requestfailed", (req) => result.failed.push(`${req.url().slice(0, 200)} (${(req.failure() || {}).errorText})`));
  context.on("response", (res) => { if (res.status() >= 400) result.failed.push(`${res.url()} (${res.status()})`); });
  context.on("page", (p) => {
    p.on("pageerror", (err) => result.pageErrors.push(`${p.url()}: ${String(err && err.stack || err)}`));
    p.on("console", (msg) => { if (msg.type() === "error") result.consoleErrors.push(`${p.url()}: ${msg.text()}`); });
    p.on("websocket", (ws) => external(ws.url()));
  });
}

module.exports = { launchOffline, watchOffline, LOCAL, OFFLINE_ARGS };
