#!/usr/bin/env bash
# Make sure Graphviz's `dot` program exists: the graph drawings in notebooks 00, 01 and 04
# need it. As root on Debian/Ubuntu we install it; otherwise we say how, in one sentence.
set -euo pipefail
command -v dot >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Graphviz (the 'dot' program) with apt-get ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  command -v dot >/dev/null 2>&1 && exit 0
fi
echo "Graphviz's 'dot' program is missing: install it with 'sudo apt-get install graphviz'" \
     "(Debian/Ubuntu), 'brew install graphviz' (macOS) or 'conda install -c conda-forge graphviz'," \
     "then run make again." >&2
exit 1
