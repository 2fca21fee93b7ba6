"""The built decks, read as files: nothing remote, every asset present, notes in, skips out.

These need the decks (`make slides`) but no browser.
"""

from __future__ import annotations

import re

import pytest
from html_scan import missing_local_assets, remote_loads, scan
from slide_decks import NOTEBOOKS, SLIDES_DIR, deck_path, read_notebook, require_decks, slide_type

HTML_FILES = sorted(SLIDES_DIR.glob("*.html")) if SLIDES_DIR.is_dir() else []


def test_every_notebook_has_a_deck_and_the_index_lists_them_in_order():
    require_decks()
    index = SLIDES_DIR / "index.html"
    assert index.is_file(), f"{index} is missing: run `make slides`"
    hrefs = re.findall(r'<a href="([^"]+\.slides\.html)"', index.read_text(encoding="utf-8"))
    expected = [deck_path(nb).name for nb in NOTEBOOKS]
    assert hrefs == expected, "index.html must list every deck, in course order"


@pytest.mark.parametrize("path", HTML_FILES, ids=[p.name for p in HTML_FILES])
def test_no_remote_script_stylesheet_or_font(path):
    remote = remote_loads(path)
    if remote:
        pytest.fail(f"{path.name} loads from the network:\n" + "\n".join(remote))


@pytest.mark.parametrize("path", HTML_FILES, ids=[p.name for p in HTML_FILES])
def test_every_local_asset_exists(path):
    missing = missing_local_assets(path)
    if missing:
        pytest.fail(f"{path.name} refers to files not in {SLIDES_DIR}:\n" + "\n".join(missing))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notes_become_speaker_notes_and_skipped_cells_are_left_out(notebook):
    require_decks(notebook)
    rendered = scan(deck_path(notebook)).cell_ids
    wrong = []
    for index, cell in enumerate(read_notebook(notebook).cells):
        kind, cell_id = slide_type(cell), cell.get("id")
        if kind == "skip" and cell_id in rendered:
            wrong.append(f"cell {index} is 'skip' but appears in the deck")
        elif kind == "notes" and rendered.get(cell_id) is not True:
            wrong.append(f"cell {index} is 'notes' but is not in an <aside class=\"notes\">")
        elif kind not in {"skip", "notes"} and rendered.get(cell_id) is not False:
            wrong.append(f"cell {index} ({kind!r}) is missing from the slides")
    if wrong:
        pytest.fail(f"{notebook.name}:\n" + "\n".join(wrong))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_plots_are_embedded(notebook):
    require_decks(notebook)
    shown = sum(
        1
        for cell in read_notebook(notebook).cells
        if cell.cell_type == "code" and slide_type(cell) not in {"skip", "notes"}
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )
    embedded = deck_path(notebook).read_text(encoding="utf-8").count('src="data:image/png;base64,')
    assert embedded >= shown, f"{notebook.name}: {shown} plot(s) on slides, {embedded} in the deck"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_no_grading_markers_in_the_deck(notebook):
    require_decks(notebook)
    deck = deck_path(notebook).read_text(encoding="utf-8")
    markers = re.findall(r"#+ *(?:BEGIN|END) (?:SOLUTION|HIDDEN TESTS)", deck)
    assert not markers, f"{notebook.name}: nbgrader markers on the slides: {markers}"
