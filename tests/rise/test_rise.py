"""RISE, the live slideshow in JupyterLab: every notebook presents cleanly, offline.

One JupyterLab server, started the way `make lab` starts it (tools/jupyter_server_config.py),
on a free port of 127.0.0.1 with settings and workspaces in a temporary folder. Its root is a copy
of notebooks/ in that folder: RISE saves each notebook before presenting it, which leaves the
content alone but not the modification time, and the deck and site stages that run beside this
one (make test) check their builds are newer than the notebooks. check_rise.cjs opens each
notebook in headless Chromium, presses Alt+R, and reports the console, the requests and the first
slide; only 127.0.0.1 can be reached.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
DRIVER = Path(__file__).with_name("check_rise.cjs")
PLAYWRIGHT = ROOT / "tools" / "slides" / "node_modules" / "playwright-core"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _digests(folder: Path = NOTEBOOK_DIR) -> dict[str, str]:
    return {nb.name: hashlib.sha256((folder / nb.name).read_bytes()).hexdigest()
            for nb in NOTEBOOKS}  # fmt: skip


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


@pytest.fixture(scope="module")
def rise_report(tmp_path_factory) -> dict:
    node = subprocess.run(["which", "node"], capture_output=True, text=True).stdout.strip()
    if not node:
        pytest.fail("node is not on PATH: the RISE test drives Chromium from Node.js")
    if not PLAYWRIGHT.is_dir():
        pytest.fail(f"{PLAYWRIGHT} is missing: run `make slides` (it runs npm ci)")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it, or set CHROMIUM")
    home = tmp_path_factory.mktemp("jupyter")
    env = {
        **os.environ,
        # The user's own JupyterLab settings, workspaces and config stay out of the test.
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    served = home / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, served)
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab", "--config=tools/jupyter_server_config.py",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={served}", "--no-browser", f"--IdentityProvider.token={token}",
        *(["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []),
    ]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    log = home / "server.log"
    before = _digests()
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(f"{base}/api/status?token={token}", server, log)
        report = home / "report.json"
        proc = subprocess.run(
            [node, str(DRIVER), "--base", base, "--token", token, "--report", str(report),
             "--chromium", CHROMIUM, *(nb.name for nb in NOTEBOOKS)],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        if proc.returncode != 0 or not report.is_file():
            pytest.fail(f"browser driver failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
        results = json.loads(report.read_text(encoding="utf-8"))["results"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    after = _digests(served)
    return {"results": {r["notebook"]: r for r in results}, "before": before, "after": after}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_rise_starts_without_an_error_or_a_request_leaving_the_machine(rise_report, notebook):
    result = rise_report["results"][notebook.name]
    assert result["requests"] > 0, "the driver saw no requests at all: it is not watching"
    problems = [f"console error: {text}" for text in result["consoleErrors"]]
    problems += [f"page error: {text}" for text in result["pageErrors"]]
    problems += [f"failed request: {what}" for what in result["failed"] + result["httpErrors"]]
    problems += [f"left the machine: {url}" for url in result["external"]]
    if result["error"]:
        problems.append(f"the slideshow did not start: {result['error']}")
    assert not problems, f"{notebook.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_no_extension_is_loaded_against_the_wrong_versions(rise_report, notebook):
    """Webpack's "Unsatisfied version" warnings: an extension built for another JupyterLab."""
    warnings = rise_report["results"][notebook.name]["warnings"]
    mismatched = [w for w in warnings if "atisf" in w and "version" in w]
    assert not mismatched, f"{notebook.name}:\n" + "\n".join(mismatched)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_the_first_slide_renders(rise_report, notebook):
    slide = rise_report["results"][notebook.name]["slide"]
    assert slide, f"{notebook.name}: no slide was shown"
    assert slide["text"], f"{notebook.name}: the first slide is empty"
    assert slide["width"] > 0 and slide["height"] > 0, f"{notebook.name}: {slide}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_type_is_as_large_as_the_static_decks(rise_report, notebook):
    """Body text >= 28 px and code >= 24 px at 1280x720 (notebooks/rise.css), no equation cut."""
    kind = rise_report["results"][notebook.name].get("type")
    assert kind, f"{notebook.name}: the slideshow did not start"
    assert kind["body"] is not None and kind["body"] >= 27.9, f"{notebook.name}: {kind}"
    if kind["code"] is not None:  # 00 shows no code on its slides
        assert kind["code"] >= 23.9, f"{notebook.name}: {kind}"
    assert not kind["clippedEquations"], f"{notebook.name}: equations cut off: {kind}"


def test_presenting_leaves_the_notebooks_unchanged(rise_report):
    changed = [
        name for name, digest in rise_report["before"].items()
        if rise_report["after"][name] != digest
    ]  # fmt: skip
    assert not changed, f"opening or presenting changed {changed} on disk"
