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

module.exports = { launchOffline, OFFLINE_ARGS };
