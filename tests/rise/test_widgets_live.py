"""An exploration live in JupyterLab: with a kernel, dragging a slider redraws the image.

JupyterLab is started as `make lab` starts it, on a free port of 127.0.0.1, with its root in a
temporary folder holding one small notebook (the course's notebooks stay untouched), whose cell
displays course_utils.explore.softmax_losses(). check_widgets.cjs runs the cell, drags the
first slider and waits for the kernel's new image; only 127.0.0.1 can be reached.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from lab_server import ROOT, jupyterlab, require_node, run_driver

DRIVER = Path(__file__).with_name("check_widgets.cjs")
SHOT = ROOT / "build" / "widgets-live-failure.png"  # what the browser showed, when it failed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live_report(tmp_path_factory) -> dict:
    require_node()
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
    with jupyterlab(notebooks, home) as (base, token, log):
        result = run_driver(DRIVER, base, token, home / "report.json",
                            "--shot", str(SHOT), "explore.ipynb")
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
