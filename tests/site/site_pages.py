"""Shared pieces of the website tests: where the site is and what the notebooks hold.

The site must be built first (`make site`; `make test-site` does both). The browser side
reuses the deck tests' machinery (tests/browser/slide_decks.py): Debian's /usr/bin/chromium
(or CHROMIUM), driven by playwright-core from tools/slides/node_modules.

SITE_DIR and SITE_NOTEBOOKS point the tests at another build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from slide_decks import CHROMIUM, MATH, PLAYWRIGHT, read_notebook  # noqa: E402

__all__ = [
    "CHROMIUM", "DRIVER", "NOTEBOOKS", "PLAYWRIGHT", "ROOT", "SCREENSHOT_DIR", "SEARCH_WORD",
    "SITE_DIR",
    "animation_count", "image_output_count", "markdown_has_math", "page_path",
    "read_notebook", "require_site",
]  # fmt: skip

SITE_DIR = Path(os.environ.get("SITE_DIR", ROOT / "build" / "site")).resolve()
NOTEBOOK_DIR = Path(os.environ.get("SITE_NOTEBOOKS", ROOT / "notebooks"))
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SCREENSHOT_DIR = ROOT / "build" / "site-screenshots"
DRIVER = Path(__file__).with_name("check_site.cjs")
# The search check: searching the site for this word finds notebook 03's page.
SEARCH_WORD = "softmax"


def page_path(notebook: Path) -> Path:
    return SITE_DIR / "notebooks" / f"{notebook.stem}.html"


def require_site() -> None:
    """Fail unless the site has a page for every notebook, built after the notebook."""
    if not (SITE_DIR / "index.html").is_file():
        pytest.fail(f"no site in {SITE_DIR}: run `make site` first")
    missing = [nb.name for nb in NOTEBOOKS if not page_path(nb).is_file()]
    if missing:
        pytest.fail(f"the site in {SITE_DIR} has no page for {missing}: run `make site` again")
    stale = [nb.name for nb in NOTEBOOKS if page_path(nb).stat().st_mtime < nb.stat().st_mtime]
    if stale:
        pytest.fail(f"site pages older than their notebooks {stale}: run `make site` again")


def markdown_has_math(notebook: Path) -> bool:
    return any(
        cell.cell_type == "markdown" and MATH.search(cell.source)
        for cell in read_notebook(notebook).cells
    )


def _outputs(notebook: Path):
    for cell in read_notebook(notebook).cells:
        yield from cell.get("outputs", [])


def image_output_count(notebook: Path) -> int:
    image_types = {"image/png", "image/jpeg", "image/gif", "image/svg+xml"}
    return sum(bool(image_types & set(out.get("data", {}))) for out in _outputs(notebook))


def exploration_count(notebook: Path) -> int:
    """Outputs holding the static view of an exploration (course_utils.explore)."""
    return sum(
        'class="course-explore"' in out.get("data", {}).get("text/html", "")
        for out in _outputs(notebook)
    )


def animation_count(notebook: Path) -> int:
    """Outputs holding matplotlib's JavaScript animation player (Animation.to_jshtml())."""
    return sum(
        '<img id="_anim_img' in out.get("data", {}).get("text/html", "")
        for out in _outputs(notebook)
    )
