"""The website's layout at 1366x768 and 1920x1080, in the theme's light and dark mode.

check_site.cjs opens the landing page and every notebook page at each viewport, switches dark
mode on with the theme's own buttons, and measures (its `layout` report): the code blocks that
scroll sideways, each figure's natural and drawn width and the colour behind it, the instructor
notes, solution markers and the hosted-install cell. Screenshots of the landing page and one
notebook page at each viewport and mode are in build/site-screenshots/.
"""

from __future__ import annotations

import statistics
import warnings

import pytest
from site_pages import NOTEBOOKS, SITE_DIR, page_path, read_notebook

VIEWPORTS = ["1366x768", "1920x1080"]
MODES = ["light", "dark"]
KEYS = [f"{v}-{m}" for v in VIEWPORTS for m in MODES]
# A figure drawn at least this many device pixels per CSS pixel is sharp on a high-DPI screen.
HIGH_DPI = 2.0


def _layout(report: dict, key: str) -> dict:
    pages = report["layout"][key]
    errors = {page: entry["error"] for page, entry in pages.items() if entry.get("error")}
    if errors:
        pytest.fail(f"{key}: the browser run stopped on {errors}")
    missing = {page_path(nb).relative_to(SITE_DIR).as_posix() for nb in NOTEBOOKS} - set(pages)
    assert not missing, f"{key}: pages not measured: {missing}"
    return pages


def _notebook_page(report: dict, key: str, notebook) -> dict:
    return _layout(report, key)[page_path(notebook).relative_to(SITE_DIR).as_posix()]


@pytest.mark.parametrize("key", KEYS)
def test_no_code_block_scrolls_sideways(site_report, key):
    pages = _layout(site_report, key)
    assert sum(entry["codeBlocks"] for entry in pages.values()) > 0, "no code blocks measured"
    wide = [
        f"{page}: {o['scroll']} px of content in a {o['client']} px block: {o['line']!r}"
        for page, entry in pages.items()
        for o in entry["overflowing"]
    ]
    assert not wide, f"{key}: {len(wide)} code blocks scroll sideways:\n" + "\n".join(wide)


@pytest.mark.parametrize("key", KEYS)
def test_the_theme_is_in_the_mode_asked_for(site_report, key):
    mode = key.rsplit("-", 1)[1]
    for page, entry in _layout(site_report, key).items():
        assert entry["theme"] == mode, f"{key}: {page} shows the {entry['theme']} theme"
        if mode == "dark":
            assert entry["bodyBackground"] < 0.3, f"{page}: the dark theme's page is not dark"


@pytest.mark.parametrize("key", KEYS)
def test_figures_are_never_stretched_or_wider_than_the_column(site_report, key):
    problems, ratios = [], []
    for page, entry in _layout(site_report, key).items():
        for fig in entry["figures"]:
            if not fig["width"]:
                continue
            ratios.append(fig["naturalWidth"] / fig["width"])
            if fig["width"] > fig["naturalWidth"] + 1:
                problems.append(f"{page}: {fig['src']} stretched {fig['naturalWidth']} -> "
                                f"{fig['width']:.0f} px")  # fmt: skip
            if fig["overflows"]:
                problems.append(f"{page}: {fig['src']} runs past the content column")
    assert ratios, f"{key}: no figures measured"
    assert not problems, "\n".join(problems)
    # The figures' sharpness is the notebooks' business (their PNGs' resolution): a ratio of
    # natural to drawn pixels below 2 is soft on a high-DPI screen. Reported, not failed.
    low = sum(r < HIGH_DPI - 0.05 for r in ratios)
    if low:
        warnings.warn(
            f"{key}: {low} of {len(ratios)} figures have fewer than {HIGH_DPI:g} image pixels per "
            f"CSS pixel (natural/drawn width: min {min(ratios):.2f}, median "
            f"{statistics.median(ratios):.2f}, max {max(ratios):.2f}); 2x PNGs would be sharp",
            stacklevel=1,
        )


@pytest.mark.parametrize("key", [k for k in KEYS if k.endswith("dark")])
def test_figures_keep_a_light_background_in_dark_mode(site_report, key):
    dark = [
        f"{page}: {fig['src']} (luminance {fig['background']})"
        for page, entry in _layout(site_report, key).items()
        for fig in entry["figures"]
        if fig["background"] is None or fig["background"] < 0.95
    ]
    assert not dark, "figures on a dark background, their black lines would vanish:\n" + "\n".join(
        dark
    )


def _notes_cells(notebook) -> int:
    return sum(
        cell.cell_type == "markdown"
        and cell.metadata.get("slideshow", {}).get("slide_type") == "notes"
        and bool(cell.source.strip())
        for cell in read_notebook(notebook).cells
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_speaker_notes_are_folded_instructor_notes(site_report, notebook):
    for key in ("1366x768-light", "1920x1080-dark"):
        page = _notebook_page(site_report, key, notebook)
        notes = page["notes"]
        assert page["speakerNoteBoxes"] == 0, f"{notebook.stem}: 'Speaker notes' boxes shown"
        assert notes["count"] == _notes_cells(notebook), (
            f"{notebook.stem}: {_notes_cells(notebook)} notes cells, {notes['count']} folded blocks"
        )
        assert notes["open"] == 0 and notes["visibleText"] == 0, f"{notebook.stem}: notes shown"
        assert set(notes["summaries"]) <= {"Instructor notes"}, notes["summaries"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_no_solution_marker_and_no_hosted_install_cell_shows(site_report, notebook):
    for key in KEYS:
        page = _notebook_page(site_report, key, notebook)
        assert page["solutionMarkers"] == 0, f"{key}: {notebook.stem} shows solution markers"
        assert not page["hostedInstall"], f"{key}: {notebook.stem} shows the hosted install cell"


def test_code_fits_unwrapped_on_a_wide_screen(site_report):
    """At 1920 px the page widens (course.css) so the 100-character lines fit: wrapping is for
    laptops. A few outputs may still wrap (2% of blocks at most)."""
    pages = _layout(site_report, "1920x1080-light")
    blocks = sum(entry["codeBlocks"] for entry in pages.values())
    wrapped = sum(entry["wrapped"] for entry in pages.values())
    assert wrapped <= 0.02 * blocks, f"1920x1080: {wrapped} of {blocks} code blocks wrap"


@pytest.mark.parametrize("key", KEYS)
def test_contents_highlight_the_section_being_read(site_report, key):
    """Scrolled with the mouse wheel, down and back up, the right sidebar's contents highlight the
    section whose heading is last above the top third of the window (below the sticky header)."""
    toc = [entry["toc"] for entry in _layout(site_report, key).values() if "toc" in entry]
    assert toc, f"{key}: no page's contents were followed"
    assert toc[0]["entries"] >= 3 and len(toc[0]["probes"]) >= 5, toc[0]
    wrong = [
        f"{p['heading']} at {p['top']} px: highlighted {p['highlighted']}, reading {p['expected']}"
        for p in toc[0]["probes"]
        if p["highlighted"] != [p["expected"]]
    ]
    assert not wrong, f"{key}: the contents highlight another section:\n" + "\n".join(wrong)
