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
import re
import shutil
from pathlib import Path

import pytest
from lab_server import ROOT, jupyterlab, require_node, run_driver

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
DRIVER = Path(__file__).with_name("check_rise.cjs")

pytestmark = pytest.mark.slow

# jupyter_server answers GET /api/kernels with a 500 when it lists a kernel whose start has not
# finished: a race in the server (seen with 2.21.1 on a busy 2-core machine, two notebooks
# opening at once), not in the course. Such a request is excused only when the server log shows
# that very error for that very request; any other failed request still fails the test.
KERNEL_LIST_RACE = (
    "The 'last_activity' trait of a ServerKernelManager instance expected a datetime, "
    "not the NoneType None"
)


def _excused(problem: str, server_log: str) -> bool:
    request = re.search(r"\b500\b.*http://127\.0\.0\.1:\d+(/api/kernels\?\d+)", problem)
    return (request is not None and KERNEL_LIST_RACE in server_log
            and f"500 GET {request.group(1)} " in server_log)


def _digests(folder: Path = NOTEBOOK_DIR) -> dict[str, str]:
    return {nb.name: hashlib.sha256((folder / nb.name).read_bytes()).hexdigest()
            for nb in NOTEBOOKS}  # fmt: skip


@pytest.fixture(scope="module")
def rise_report(tmp_path_factory) -> dict:
    require_node()
    home = tmp_path_factory.mktemp("jupyter")
    served = home / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, served)
    before = _digests()
    with jupyterlab(served, home) as (base, token, log):
        results = run_driver(DRIVER, base, token, home / "report.json",
                             *(nb.name for nb in NOTEBOOKS))["results"]
    after = _digests(served)
    return {"results": {r["notebook"]: r for r in results}, "before": before, "after": after,
            "server_log": log.read_text(encoding="utf-8")}


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
    problems = [p for p in problems if not _excused(p, rise_report["server_log"])]
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


def test_only_the_logged_kernel_list_race_is_excused():
    url = "http://127.0.0.1:60869/api/kernels?1796223701588"
    log = f"{KERNEL_LIST_RACE}.\n[E ServerApp] 500 GET /api/kernels?1796223701588 (x@127.0.0.1)\n"
    console = ("console error: Failed to load resource: the server responded with a status of "
               f"500 (Internal Server Error) ({url})")
    assert _excused(console, log) and _excused(f"failed request: 500 {url}", log)
    assert not _excused(f"failed request: 500 {url}", log.replace(KERNEL_LIST_RACE, "other"))
    assert not _excused(f"failed request: 500 {url}0", log)  # another request
    assert not _excused(f"failed request: 500 {url.replace('kernels', 'sessions')}", log)
    assert not _excused(f"failed request: 404 {url}", log)
