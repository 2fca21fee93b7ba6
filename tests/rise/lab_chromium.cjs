// What the JupyterLab drivers (check_rise.cjs, check_widgets.cjs) share: playwright-core from
// tools/slides, the deck tests' offline Chromium switches, and reading --name value options.
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

module.exports = { chromium, ARGS, option };
