"""Each deck opened in headless Chromium from file://, with the network cut off.

One run of check_decks.cjs (the `chromium_report` fixture) opens every deck; these tests read
its report. Screenshots land in build/slides-screenshots/<deck>/ (every slide with
SLIDES_ALL_SCREENSHOTS=1).
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest
from slide_decks import (
    NOTEBOOKS,
    cell_index_by_id,
    has_math,
    read_notebook,
    require_decks,
    slide_type,
)

IDS = [nb.stem for nb in NOTEBOOKS]


def _request_problems(result: dict) -> list[str]:
    problems = [f"left file://: {url}" for url in result["external"]]
    problems += [f"failed: {what}" for what in result["failed"]]
    return problems + [f"console error: {text}" for text in result["consoleErrors"]]


def _result(report: dict, notebook: Path) -> dict:
    result = report[notebook.stem]
    if result.get("error"):
        requests = "\n".join(_request_problems(result)) or "(no failed request)"
        pytest.fail(f"{notebook.stem}: the browser run stopped: {result['error']}\n{requests}")
    return result


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_reveal_initialises_with_the_notes_plugin(chromium_report, notebook):
    result = _result(chromium_report, notebook)
    assert result["ready"], f"{notebook.stem}: reveal.js never became ready"
    assert result["totalSlides"] > 0, f"{notebook.stem}: Reveal.getTotalSlides() is 0"
    assert result["notesPlugin"], f"{notebook.stem}: the speaker-notes plugin is not registered"
    if result["pageErrors"]:
        pytest.fail(f"{notebook.stem}: JavaScript errors:\n" + "\n".join(result["pageErrors"]))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_every_request_stays_local_and_succeeds(chromium_report, notebook):
    result = chromium_report[notebook.stem]  # checked even when the deck failed to start
    assert result["requests"] > 0, "the driver saw no requests at all: it is not watching"
    problems = _request_problems(result)
    if problems:
        pytest.fail(f"{notebook.stem}:\n" + "\n".join(problems))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_math_is_typeset(chromium_report, notebook):
    result = _result(chromium_report, notebook)
    math = result["math"]
    assert result["mathJaxLoaded"], f"{notebook.stem}: MathJax did not start or typeset the deck"
    if math["raw"]:
        pytest.fail(f"{notebook.stem}: raw TeX left on the slides: {math['raw']}")
    assert not math["errors"], f"{notebook.stem}: {math['errors']} formula(s) failed to typeset"
    if has_math(notebook):
        name = notebook.stem
        assert math["sources"] > 0, f"{name}: the notebook has LaTeX but MathJax found none"
        assert math["typeset"] >= math["sources"], f"{name}: {math}"
        assert math["fontsLoaded"], f"{name}: no MathJax web font loaded: the math is invisible"
        slides = result["slides"]
        unrendered = [s["number"] + 1 for s in slides if s["hasMath"] and not s["mathRendered"]]
        assert not unrendered, f"{name}: math never finished rendering on slide(s) {unrendered}"
        twice = [s["number"] + 1 for s in slides if s["previewsLeft"]]
        assert not twice, f"{name}: formulas shown twice (preview and final) on slide(s) {twice}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_every_slide_fits_1280x720(chromium_report, notebook):
    require_decks(notebook)  # the report names cells by index in the current notebook
    result = _result(chromium_report, notebook)
    index = cell_index_by_id(notebook)
    found = {}
    for slide in result["slides"]:
        lines = []
        for problem in slide["problems"]:
            cells = ", ".join(
                f"cell {index.get(c['cell'], '?')}"
                + (f" ({c['height']}px high)" if "height" in c else "")
                for c in problem["cells"]
            )
            h, v = slide["indices"]["h"], slide["indices"]["v"]
            where = f"slide {slide['number'] + 1} (#/{h}/{v}) {slide['title']!r}"
            lines.append(f"{where}: {problem['kind']}: {problem['detail']}; {cells}")
        if lines:
            found[_slide_cell_id(notebook, slide)] = "\n".join(lines)
    _ratchet(notebook, "fits", found,
             "content cut off on a 1280x720 slide (move part of it to a new 'slide' or "
             "'subslide' cell, shorten the code or its output, or shrink the figure)")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_speaker_view_shows_the_notes(chromium_report, notebook):
    cells = read_notebook(notebook).cells
    if not any(slide_type(c) == "notes" and c.source.strip() for c in cells):
        pytest.skip(f"{notebook.stem} has no notes cells")
    result = _result(chromium_report, notebook)
    assert result["speakerNotes"], (
        f"{notebook.stem}: pressing S on slide {result.get('speakerNotesSlide', 0) + 1} opened no "
        "speaker view with notes"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_screenshots_are_saved_at_1280x720(chromium_report, notebook):
    result = _result(chromium_report, notebook)
    assert result["screenshots"], f"{notebook.stem}: no screenshots"
    for shot in map(Path, result["screenshots"]):
        header = shot.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{shot} is not a PNG"
        assert struct.unpack(">II", header[16:24]) == (1280, 720), f"{shot} is not 1280x720"


# Legibility on a projector, in slide pixels of the 1280x720 design (the driver measures the
# computed size of every visible text run; math and the hidden prompts are left out).
MIN_TEXT_PX = 28
MIN_CODE_PX = 24
MAX_CODE_LINES = 12
MIN_BOTTOM_GAP_PX = 40


# Slides that still break a measurement, by notebook, measurement and the id of the slide's
# first cell: a ratchet. A new problem fails its test; so does a listed one that is gone, so
# that the list only shrinks. DECK_KNOWN_PROBLEMS=write rewrites it from a run.
KNOWN_PROBLEMS = Path(__file__).with_name("deck_known_problems.json")


def _known() -> dict:
    if not KNOWN_PROBLEMS.is_file():
        return {}
    return json.loads(KNOWN_PROBLEMS.read_text(encoding="utf-8"))


def _slide_cell_id(notebook: Path, slide: dict) -> str:
    index = slide.get("firstCell")
    cells = read_notebook(notebook).cells
    if index is None or not str(index).isdigit() or int(index) >= len(cells):
        return f"slide-{slide['number'] + 1}"
    return cells[int(index)].get("id", f"cell-{index}")


def _ratchet(notebook: Path, measure: str, found: dict[str, str], what: str) -> None:
    """Fail on problems not in KNOWN_PROBLEMS, and on listed ones that are fixed."""
    if os.environ.get("DECK_KNOWN_PROBLEMS") == "write":
        known = _known()
        known.setdefault(notebook.stem, {})[measure] = sorted(found)
        KNOWN_PROBLEMS.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n",
                                  encoding="utf-8")
        return
    listed = set(_known().get(notebook.stem, {}).get(measure, []))
    new = [line for key, line in found.items() if key not in listed]
    fixed = sorted(listed - set(found))
    message = []
    if new:
        message.append(f"{notebook.name}: {what}:\n" + "\n".join(new))
    if fixed:
        message.append(f"{notebook.name}: fixed, so remove from {KNOWN_PROBLEMS.name} "
                       f"({measure}): {fixed}")
    if message:
        pytest.fail("\n".join(message))


def _where(slide: dict) -> str:
    h, v = slide["indices"]["h"], slide["indices"]["v"]
    return f"slide {slide['number'] + 1} (#/{h}/{v}, cell {slide['firstCell']}) {slide['title']!r}"


def _fail_on(notebook: Path, lines: list[str], what: str) -> None:
    if lines:
        pytest.fail(f"{notebook.name}: {what}:\n" + "\n".join(lines))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_fonts_are_large_enough_for_a_projector(chromium_report, notebook):
    lines = []
    for slide in _result(chromium_report, notebook)["slides"]:
        fonts = slide["fonts"]
        for key, least in (("text", MIN_TEXT_PX), ("code", MIN_CODE_PX)):
            if fonts[key] is not None and fonts[key] < least - 0.01:
                sample = fonts[f"{key}Sample"]
                lines.append(f"{_where(slide)}: {key} at {fonts[key]}px < {least}px ({sample!r})")
    _fail_on(notebook, lines, "text too small for the back row")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_no_slide_shows_a_wall_of_code(chromium_report, notebook):
    found = {
        _slide_cell_id(notebook, s): f"{_where(s)}: {s['codeLines']} lines of code"
        for s in _result(chromium_report, notebook)["slides"]
        if s["codeLines"] > MAX_CODE_LINES
    }
    _ratchet(
        notebook,
        "code-lines",
        found,
        f"more than {MAX_CODE_LINES} code lines on a slide (split the cell with a 'subslide', "
        "or move setup lines to a 'skip' cell or a course_utils helper)",
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_content_clears_the_bottom_edge_and_the_controls(chromium_report, notebook):
    bottom, controls = {}, {}
    for slide in _result(chromium_report, notebook)["slides"]:
        gap = slide["bottomGap"]
        if gap is not None and gap < MIN_BOTTOM_GAP_PX:
            bottom[_slide_cell_id(notebook, slide)] = (
                f"{_where(slide)}: content ends {gap}px above the bottom edge")
        if slide["underControls"]:
            runs = slide["underControls"]
            controls[_slide_cell_id(notebook, slide)] = (
                f"{_where(slide)}: {runs} text run(s) under the controls")
    _ratchet(notebook, "bottom-gap", bottom,
             f"content within {MIN_BOTTOM_GAP_PX}px of the bottom edge")
    _ratchet(notebook, "controls", controls, "text under the navigation arrows")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_no_grading_markers_and_notes_math_shown_once(chromium_report, notebook):
    result = _result(chromium_report, notebook)
    marked = [_where(s) for s in result["slides"] if s["markers"]]
    _fail_on(notebook, marked, "### BEGIN/END SOLUTION shown on the slides")
    assert not result["math"]["notesTypeset"], (
        f"{notebook.stem}: {result['math']['notesTypeset']} formula(s) typeset in the speaker "
        "notes: the speaker view would show each twice"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_figures_have_twice_the_pixels_they_are_shown_at(chromium_report, notebook):
    found = {}
    for s in _result(chromium_report, notebook)["slides"]:
        for img in s["images"]:
            if img["natural"][0] < 2 * img["shown"][0] - 1:
                found[_slide_cell_id(notebook, s)] = (
                    f"{_where(s)}: image of {img['natural'][0]}x{img['natural'][1]} px shown "
                    f"at {img['shown'][0]}x{img['shown'][1]}")
    _ratchet(notebook, "figures-2x", found,
             "figures not drawn at 2x their displayed size (soft on a projector)")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_explorations_answer_a_dragged_slider(chromium_report, notebook):
    """On its slide, each exploration's static view shows another frame for a dragged slider."""
    nb = read_notebook(notebook)
    expected = sum('class="course-explore"' in out.get("data", {}).get("text/html", "")
                   for cell in nb.cells for out in cell.get("outputs", []))
    if not expected:
        pytest.skip(f"{notebook.stem} has no exploration")
    result = _result(chromium_report, notebook)
    found = [e for slide in result["slides"] for e in slide.get("explorations", [])]
    assert len(found) == expected, f"{notebook.stem}: {expected} explorations, {len(found)} shown"
    for exploration in found:
        assert exploration["sliders"], f"{exploration['id']}: no slider to drag"
        stuck = [s for s in exploration["sliders"] if not s["changed"] or s["to"] == s["from"]]
        assert not stuck, f"{exploration['id']}: the frame did not change for {stuck}"
