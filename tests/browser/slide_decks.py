"""Shared pieces of the slide-deck tests: where the decks are and what the notebooks hold.

The decks must be built first (`make slides`; `make test-slides` does both). Chromium is
Debian's `/usr/bin/chromium` (set CHROMIUM to use another), driven by playwright-core from
`tools/slides/node_modules`, which `make slides` installs with `npm ci`.

SLIDES_DIR and SLIDES_NOTEBOOKS point the tests at another build (a sample deck, say).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SLIDES_DIR = Path(os.environ.get("SLIDES_DIR", ROOT / "slides"))
NOTEBOOK_DIR = Path(os.environ.get("SLIDES_NOTEBOOKS", ROOT / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SCREENSHOT_DIR = ROOT / "build" / "slides-screenshots"
DRIVER = Path(__file__).with_name("check_decks.cjs")
PLAYWRIGHT = ROOT / "tools" / "slides" / "node_modules" / "playwright-core"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# LaTeX the way the course writes it in markdown: $...$, $$...$$, \(...\), \[...\], environments.
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\s][^$\n]*\$|\\\(.+?\\\)|\\\[.+?\\\]|\\begin\{", re.DOTALL)


def deck_path(notebook: Path) -> Path:
    return SLIDES_DIR / f"{notebook.stem}.slides.html"


def read_notebook(notebook: Path):
    return nbformat.read(notebook, as_version=4)


def slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def cell_index_by_id(notebook: Path) -> dict[str, int]:
    return {cell.get("id"): i for i, cell in enumerate(read_notebook(notebook).cells)}


def has_math(notebook: Path) -> bool:
    return any(
        cell.cell_type == "markdown"
        and slide_type(cell) not in {"skip", "notes"}
        and MATH.search(cell.source)
        for cell in read_notebook(notebook).cells
    )


def require_decks(*notebooks: Path, stale_ok: bool = False) -> None:
    """Fail unless every notebook (default: all) has a deck, built after the notebook."""
    notebooks = notebooks or tuple(NOTEBOOKS)
    missing = [nb.name for nb in notebooks if not deck_path(nb).is_file()]
    if missing:
        pytest.fail(f"no deck in {SLIDES_DIR} for {missing}: run `make slides` first")
    stale = [nb.name for nb in notebooks if deck_path(nb).stat().st_mtime < nb.stat().st_mtime]
    if stale and not stale_ok:
        pytest.fail(f"decks older than their notebooks {stale}: run `make slides` again")


def require_browser() -> str:
    """Path of ``node``; fails with the fix if node, playwright-core or Chromium is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the browser test drives Chromium from Node.js")
    if not PLAYWRIGHT.is_dir():
        pytest.fail(f"{PLAYWRIGHT} is missing: run `make slides` (it runs npm ci)")
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (Debian), "
            "or set CHROMIUM to a Chromium or Chrome binary"
        )
    return node
