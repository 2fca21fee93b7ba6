"""The website opened in headless Chromium from file://, with the network cut off.

One run of check_site.cjs (the `site_report` fixture) crawls every page reachable from the
landing page, searches, and takes screenshots into build/site-screenshots/; these tests read
its report.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from site_pages import (
    NOTEBOOKS,
    SEARCH_WORD,
    SITE_DIR,
    animation_count,
    exploration_count,
    image_output_count,
    markdown_has_math,
    page_path,
)

IDS = [nb.stem for nb in NOTEBOOKS]


def _key(notebook: Path) -> str:
    return page_path(notebook).relative_to(SITE_DIR).as_posix()


def _page(report: dict, key: str) -> dict:
    page = report["pages"].get(key)
    if page is None:
        pytest.fail(f"{key} was never reached by following links from index.html")
    if page.get("error"):
        pytest.fail(f"{key}: the browser run stopped on this page: {page['error']}")
    return page


def test_every_request_stays_local_and_succeeds(site_report):
    assert site_report["requests"] > 0, "the driver saw no requests at all: it is not watching"
    problems = [f"left file://: {url}" for url in site_report["external"]]
    problems += [f"failed: {what}" for what in site_report["failed"]]
    problems += [f"JavaScript error: {what}" for what in site_report["pageErrors"]]
    problems += [f"console error: {what}" for what in site_report["consoleErrors"]]
    problems += [
        f"{key}: {page['error']}" for key, page in site_report["pages"].items() if page.get("error")
    ]
    if problems:
        pytest.fail("the site, opened from disk with the network cut:\n" + "\n".join(problems))


def test_landing_page_lists_every_notebook_in_order(site_report):
    landing = _page(site_report, "index.html")
    expected = [_key(nb) for nb in NOTEBOOKS]
    assert expected, "no notebooks found"
    assert landing["sidebar"] == expected, "the sidebar must list every notebook, in course order"
    assert landing["next"] == [expected[0]], (
        "the landing page's 'next' must lead to the first notebook"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_page_has_navigation_and_its_title(site_report, notebook):
    page = _page(site_report, _key(notebook))
    order = [nb.stem for nb in NOTEBOOKS]
    i = order.index(notebook.stem)
    assert page["prev"] == ["../index.html" if i == 0 else f"{order[i - 1]}.html"], page["prev"]
    assert page["next"] == ([f"{order[i + 1]}.html"] if i + 1 < len(order) else []), page["next"]
    # The sidebar entry of the page itself links to "#".
    sidebar = ["#" if stem == notebook.stem else f"{stem}.html" for stem in order]
    assert page["sidebar"] == sidebar, "the sidebar must list every notebook, in order"
    assert page["h1"].startswith(notebook.stem[:2]), (
        f"{notebook.name}: the page title {page['h1']!r} is not the notebook's '# NN · title'"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_page_links_its_deck_and_ipynb(site_report, notebook):
    page = _page(site_report, _key(notebook))
    deck = f"../slides/{notebook.stem}.slides.html"
    assert page["courseLinks"] == [deck, notebook.name], page["courseLinks"]
    folder = page_path(notebook).parent
    assert (folder / deck).resolve().is_file(), f"the deck {deck} is not in the site"
    copy = folder / notebook.name
    assert copy.read_bytes() == notebook.read_bytes(), f"{copy} differs from {notebook}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_every_image_loads(site_report, notebook):
    page = _page(site_report, _key(notebook))
    assert not page["brokenImages"], (
        f"{notebook.stem}: images that did not load: {page['brokenImages']}"
    )
    expected = image_output_count(notebook)
    assert page["images"] >= expected, (
        f"{notebook.stem}: {expected} image outputs in the notebook, {page['images']} on the page"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_math_is_typeset(site_report, notebook):
    page = _page(site_report, _key(notebook))
    math = page["math"]
    assert not math["raw"], f"{notebook.stem}: raw TeX left on the page: {math['raw']}"
    assert not math["untypeset"], (
        f"{notebook.stem}: formulas MathJax never typeset: {math['untypeset']}"
    )
    assert not math["errors"], f"{notebook.stem}: {math['errors']} formula(s) failed to typeset"
    if markdown_has_math(notebook):
        assert math["elements"] > 0, (
            f"{notebook.stem}: the notebook has LaTeX but the page has no math"
        )
        assert page["mathJaxReady"], f"{notebook.stem}: MathJax did not start"
        assert math["fonts"], f"{notebook.stem}: no MathJax web font loaded: the math is invisible"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_code_cells_have_a_copy_button(site_report, notebook):
    page = _page(site_report, _key(notebook))
    assert page["codeBlocks"] > 0, f"{notebook.stem}: no code blocks on the page"
    assert page["copyButtons"] == page["codeBlocks"], (
        f"{notebook.stem}: {page['codeBlocks']} code blocks but {page['copyButtons']} copy buttons"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_animations_play(site_report, notebook):
    expected = animation_count(notebook)
    if not expected:
        pytest.skip(f"{notebook.stem} has no animation")
    animations = _page(site_report, _key(notebook))["animations"]
    assert len(animations) == expected, (
        f"{notebook.stem}: {expected} animations, {len(animations)} players"
    )
    for anim in animations:
        assert anim["playing"], f"{notebook.stem}: pressing Play did not advance the frames: {anim}"
        blank = [icon["title"] for icon in anim["icons"] if not icon["drawn"]]
        assert not blank, f"{notebook.stem}: player buttons drawn without their icon: {blank}"


def test_no_internal_link_is_broken(site_report):
    linked = {key for key, page in site_report["pages"].items() if page["linked"]}
    expected = {"index.html", *(_key(nb) for nb in NOTEBOOKS)}
    assert expected <= linked, f"not reached from index.html: {sorted(expected - linked)}"
    broken = site_report["links"]["broken"]
    if broken:
        pytest.fail("broken links:\n" + "\n".join(broken))


def test_search_finds_the_softmax_notebook(site_report):
    search = site_report["search"]
    assert not search.get("error"), f"searching failed: {search['error']}"
    softmax = [nb for nb in NOTEBOOKS if nb.name.startswith("03_")]
    assert softmax, "notebook 03 (softmax) is missing"
    hits = [hit["href"] for hit in search["hits"]]
    assert _key(softmax[0]) in hits, f"searching {SEARCH_WORD!r}: {search['status']}; hits {hits}"
    # From disk the browser refuses the excerpts' fetches: _static/course.js leaves them out.
    assert search["excerpts"] == 0, "file:// search tried to show excerpts"


def test_search_over_http_shows_an_excerpt_of_every_hit(site_report):
    """Served from 127.0.0.1 (as `make serve-site` does), each hit shows text from its page."""
    search = site_report["searchHttp"]
    assert not search.get("error"), f"searching over http failed: {search['error']}"
    problems = [f"left {search['origin']}: {url}" for url in search["external"]]
    problems += [f"failed: {what}" for what in search["failed"]]
    problems += [f"error: {what}" for what in search["errors"]]
    assert not problems, "\n".join(problems)
    hits = {hit["href"]: hit["excerpt"] for hit in search["hits"]}
    softmax = next(nb for nb in NOTEBOOKS if nb.name.startswith("03_"))
    assert _key(softmax) in hits, f"searching {SEARCH_WORD!r} over http: hits {list(hits)}"
    without = [href for href, text in hits.items() if SEARCH_WORD not in text.lower()]
    assert not without, f"hits without an excerpt naming {SEARCH_WORD!r}: {without}"


def test_screenshots_of_the_landing_page_and_a_notebook_page(site_report):
    shots = [Path(p) for p in site_report["screenshots"]]
    names = {p.name for p in shots}
    assert "landing.png" in names, f"no screenshot of the landing page in {names}"
    assert any(nb.stem + ".png" in names for nb in NOTEBOOKS), f"no notebook page in {names}"
    sizes = {(1280, 800), (1366, 768), (1920, 1080)}  # the default view and the layout checks
    for shot in shots:
        header = shot.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{shot} is not a PNG"
        assert struct.unpack(">II", header[16:24]) in sizes, f"{shot} is not one of {sizes}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_explorations_answer_a_dragged_slider(site_report, notebook):
    """Each exploration's static view: dragging any of its sliders shows another frame."""
    expected = exploration_count(notebook)
    if not expected:
        pytest.skip(f"{notebook.stem} has no exploration")
    found = _page(site_report, _key(notebook))["explorations"]
    assert len(found) == expected, f"{notebook.stem}: {expected} explorations, {len(found)} shown"
    for exploration in found:
        assert exploration["sliders"], f"{exploration['id']}: no slider to drag"
        stuck = [s for s in exploration["sliders"] if not s["changed"] or s["to"] == s["from"]]
        assert not stuck, f"{exploration['id']}: the frame did not change for {stuck}"
