#!/usr/bin/env bash
# Make sure the Chromium that the slide-deck tests drive exists ($CHROMIUM, by default Debian's
# /usr/bin/chromium), with the fonts the decks are measured in. As root on Debian/Ubuntu we
# install it; otherwise we stop, before any test runs, with the one command that installs it.
set -euo pipefail
browser="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ -z "${CHROMIUM:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and fonts (for the slide-deck tests) with apt-get ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends chromium fonts-dejavu-core fonts-liberation2 >/dev/null
  [ -x "$browser" ] && exit 0
fi
echo "Chromium is missing at $browser (make test opens the slide decks in it): install it with" \
     "'sudo apt-get install chromium fonts-dejavu-core fonts-liberation2' (Debian/Ubuntu)," \
     "or set CHROMIUM=/path/to/chromium-or-chrome, then run make again." >&2
exit 1
