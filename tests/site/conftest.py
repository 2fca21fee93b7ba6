"""One Chromium run over the whole website, shared by the browser tests (see site_pages.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from site_pages import (
    CHROMIUM,
    DRIVER,
    NOTEBOOKS,
    SCREENSHOT_DIR,
    SEARCH_WORD,
    SITE_DIR,
    page_path,
    require_site,
)
from slide_decks import require_browser


def screenshot_notebook() -> Path | None:
    """The notebook page photographed besides the landing page: 03 (math and figures)."""
    return next((nb for nb in NOTEBOOKS if nb.name.startswith("03_")), None) or (
        NOTEBOOKS[0] if NOTEBOOKS else None
    )


def layout_shot_pages() -> list[str]:
    """Photographed at every viewport and colour mode: the landing page and notebook 05 (long
    code lines and many figures), or the last notebook."""
    nb = next((nb for nb in NOTEBOOKS if nb.name.startswith("05_")), None) or (
        NOTEBOOKS[-1] if NOTEBOOKS else None
    )
    return ["index.html", *([page_path(nb).relative_to(SITE_DIR).as_posix()] if nb else [])]


@pytest.fixture(scope="session")
def site_report() -> dict:
    """Run the browser driver once over the site; its report, pages keyed by relative path."""
    require_site()
    node = require_browser()
    shutil.rmtree(SCREENSHOT_DIR, ignore_errors=True)  # no screenshots left from older builds
    report = SCREENSHOT_DIR / "report.json"
    shot = screenshot_notebook()
    cmd = [
        node, str(DRIVER), "--chromium", CHROMIUM, "--site", str(SITE_DIR),
        "--report", str(report), "--shots", str(SCREENSHOT_DIR), "--search", SEARCH_WORD,
        *(["--shot-page", page_path(shot).relative_to(SITE_DIR).as_posix()] if shot else []),
        *(["--toc-page", page_path(shot).relative_to(SITE_DIR).as_posix()] if shot else []),
        *[arg for page in layout_shot_pages() for arg in ("--layout-shot", page)],
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0 or not report.is_file():
        pytest.fail(f"browser driver failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(report.read_text(encoding="utf-8"))
