"""An exploration live in JupyterLab: with a kernel, dragging a slider redraws the image.

JupyterLab is started as `make lab` starts it, on a free port of 127.0.0.1, with its root in a
temporary folder holding one small notebook (the course's notebooks stay untouched), whose cell
displays course_utils.explore.softmax_losses(). check_widgets.cjs runs the cell, drags the
first slider and waits for the kernel's new image; only 127.0.0.1 can be reached.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from test_rise import CHROMIUM, PLAYWRIGHT, ROOT, _free_port, _wait_until_up

DRIVER = Path(__file__).with_name("check_widgets.cjs")
SHOT = ROOT / "build" / "widgets-live-failure.png"  # what the browser showed, when it failed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live_report(tmp_path_factory) -> dict:
    node = subprocess.run(["which", "node"], capture_output=True, text=True).stdout.strip()
    if not node or not PLAYWRIGHT.is_dir() or not Path(CHROMIUM).is_file():
        pytest.fail("needs node, Chromium and `make slides` (playwright-core), as tests/rise does")
    home = tmp_path_factory.mktemp("jupyter")
    SHOT.parent.mkdir(exist_ok=True)
    SHOT.unlink(missing_ok=True)
    notebooks = tmp_path_factory.mktemp("notebooks")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from course_utils import explore\n\nexplore.softmax_losses()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, notebooks / "explore.ipynb")
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
        f"--ServerApp.root_dir={notebooks}", "--no-browser", f"--IdentityProvider.token={token}",
        *(["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []),
    ]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    log = home / "server.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(f"{base}/api/status?token={token}", server, log)
        report = home / "report.json"
        proc = subprocess.run(
            [node, str(DRIVER), "--base", base, "--token", token, "--report", str(report),
             "--chromium", CHROMIUM, "--shot", str(SHOT), "explore.ipynb"],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        if proc.returncode != 0 or not report.is_file():
            pytest.fail(f"browser driver failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
        result = json.loads(report.read_text(encoding="utf-8"))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    result["server_log"] = log.read_text(encoding="utf-8")[-3000:]
    return result


def test_dragging_a_slider_redraws_the_image_from_the_kernel(live_report):
    assert live_report["error"] is None, f"{live_report['error']}\n{live_report['server_log']}"
    assert live_report["sliders"] >= 3, live_report
    assert live_report["before"] and live_report["after"] != live_report["before"], live_report


def test_the_live_page_stays_on_the_machine_without_errors(live_report):
    assert live_report["requests"] > 0, "the driver saw no requests at all: it is not watching"
    problems = [f"console error: {t}" for t in live_report["consoleErrors"]]
    problems += [f"page error: {t}" for t in live_report["pageErrors"]]
    problems += [f"failed request: {t}" for t in live_report["failed"]]
    problems += [f"left the machine: {u}" for u in live_report["external"]]
    assert not problems, "\n".join(problems)
