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

module.exports = { chromium, ARGS, option, keepOnTheMachine };
