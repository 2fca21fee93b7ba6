"""JupyterLab for the browser tests, started the way `make lab` starts it, and its Node driver.

The server uses tools/jupyter_server_config.py, listens on a free port of 127.0.0.1 behind a
token, and keeps its settings, workspaces and runtime files in a temporary folder, so that the
user's own JupyterLab stays out of the tests. A driver (a .cjs file next to this one) gets the
address and the token, and writes its findings to a JSON report.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAYWRIGHT = ROOT / "tools" / "slides" / "node_modules" / "playwright-core"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def require_node() -> str:
    """The path of node, after checking that playwright-core and Chromium are there too."""
    node = subprocess.run(["which", "node"], capture_output=True, text=True).stdout.strip()
    if not node:
        pytest.fail("node is not on PATH: the JupyterLab tests drive Chromium from Node.js")
    if not PLAYWRIGHT.is_dir():
        pytest.fail(f"{PLAYWRIGHT} is missing: run `make slides` (it runs npm ci)")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it, or set CHROMIUM")
    return node


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer within 90 s:\n{log.read_text()[-3000:]}")


@contextmanager
def jupyterlab(root_dir: Path, home: Path) -> Iterator[tuple[str, str, Path]]:
    """Run JupyterLab on ``root_dir`` while the block runs: (base URL, token, server log)."""
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab", f"--config={ROOT / 'tools/jupyter_server_config.py'}",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root_dir}", "--no-browser", f"--IdentityProvider.token={token}",
        *(["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []),
    ]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    log = home / "server.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(f"{base}/api/status?token={token}", server, log)
        yield base, token, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run_driver(driver: Path, base: str, token: str, report: Path, *args: str) -> dict:
    """Run a Node driver against the server and return its JSON report."""
    proc = subprocess.run(
        [require_node(), str(driver), "--base", base, "--token", token, "--report", str(report),
         "--chromium", CHROMIUM, *args],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if proc.returncode != 0 or not report.is_file():
        pytest.fail(f"browser driver failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(report.read_text(encoding="utf-8"))
