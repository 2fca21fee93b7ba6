"""One Chromium run over every deck, shared by the browser tests (see slide_decks.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from slide_decks import (
    CHROMIUM,
    DRIVER,
    NOTEBOOKS,
    SCREENSHOT_DIR,
    deck_path,
    require_browser,
    require_decks,
)


@pytest.fixture(scope="session")
def chromium_report() -> dict[str, dict]:
    """Run the browser driver once over every deck; results keyed by notebook stem."""
    require_decks(stale_ok=True)  # a stale deck still loads; the per-notebook tests say so
    node = require_browser()
    report = SCREENSHOT_DIR / "report.json"
    cmd = [
        node, str(DRIVER), "--chromium", CHROMIUM, "--report", str(report),
        "--shots", str(SCREENSHOT_DIR),
        *(["--all-shots"] if os.environ.get("SLIDES_ALL_SCREENSHOTS") else []),
        *(str(deck_path(nb)) for nb in NOTEBOOKS),
    ]  # fmt: skip
    shutil.rmtree(SCREENSHOT_DIR, ignore_errors=True)  # no screenshots left from older decks
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0 or not report.is_file():
        pytest.fail(f"browser driver failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    return {Path(r["file"]).name.removesuffix(".slides.html"): r for r in results}
