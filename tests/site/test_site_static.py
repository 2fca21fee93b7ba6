"""The built website, read as files: nothing remote, every asset present, every notebook in.

These need the site (`make site`) but no browser. The HTML scan is the deck tests' scanner
(tests/browser/test_decks_static.py); the decks' own assets under slides/_static are theirs
to check, so the JavaScript and CSS scan covers the site's _static/.
"""

from __future__ import annotations

import html
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from html_scan import missing_local_assets, remote_loads, scan, strip_comments
from site_pages import NOTEBOOKS, ROOT, SITE_DIR, page_path, read_notebook, require_site

_spec = importlib.util.spec_from_file_location("site_build", ROOT / "site" / "build.py")
site_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(site_build)

HTML_FILES = sorted(SITE_DIR.rglob("*.html")) if SITE_DIR.is_dir() else []
STATIC = SITE_DIR / "_static"
ASSETS = (
    sorted(p for p in STATIC.rglob("*") if p.suffix in {".js", ".css"} and p.is_file())
    if STATIC.is_dir()
    else []
)
# A web address written in JavaScript or CSS (after comments are stripped).
URL = re.compile(r"""(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?[^\s'"`)<>\\]*""", re.I)
# Web addresses the site's JavaScript and CSS contain but never load, and why. Anything else
# fails the scan: a new one must be shown not to load (the browser test) and listed here.
NOT_LOADED = {
    "http://www.w3.org/": "XML namespaces (SVG, MathML, XHTML, XLink, XSLT)",
    "http://exslt.org/": "an XSLT namespace in MathJax's MathML 3 extension",
    "http://www.mathjax.org/": "a link in the text of MathJax's About and Help dialogs",
    "http://www.stixfonts.org/": "a link in the text of MathJax's font warnings",
    "https://github.com/mathjax/": "a link in the text of MathJax's font warnings",
    "https://pydata-sphinx-theme.readthedocs.io/": "a link in the theme's console message "
    "about a version switcher, which the site does not configure",
    "https://popper.js.org": "a link in the text of Bootstrap's error messages",
    "https://cdn.mathjax.org/mathjax/contrib": "MathJax's [Contrib] path, used only by "
    "third-party extensions that the site's MathJax configuration never loads",
}


def _rel(path: Path) -> str:
    return path.relative_to(SITE_DIR).as_posix()


def test_every_notebook_has_its_page_ipynb_and_deck_in_the_site():
    require_site()
    missing = []
    for nb in NOTEBOOKS:
        for target in (
            page_path(nb),
            SITE_DIR / "notebooks" / nb.name,
            SITE_DIR / "slides" / f"{nb.stem}.slides.html",
        ):
            if not target.is_file():
                missing.append(_rel(target))
    assert not missing, f"missing from {SITE_DIR}: {missing}"
    assert (SITE_DIR / "_static" / "mathjax" / "MathJax.js").is_file(), "MathJax is not in the site"
    assert (SITE_DIR / ".nojekyll").is_file(), "GitHub Pages would drop _static/ without .nojekyll"


@pytest.mark.parametrize("path", HTML_FILES, ids=[_rel(p) for p in HTML_FILES])
def test_no_page_loads_anything_remote(path):
    remote = remote_loads(path)
    if remote:
        pytest.fail(f"{_rel(path)} loads from the network:\n" + "\n".join(remote))


@pytest.mark.parametrize("path", HTML_FILES, ids=[_rel(p) for p in HTML_FILES])
def test_every_local_asset_exists(path):
    missing = missing_local_assets(path)
    if missing:
        pytest.fail(f"{_rel(path)} refers to files not in the site:\n" + "\n".join(missing))


def test_mathjax_is_served_from_the_site():
    require_site()
    pages_with_mathjax = 0
    for nb in NOTEBOOKS:
        loads = [url for _, tag, url in scan(page_path(nb)).loads if tag == "<script src>"]
        mathjax = [url for url in loads if "MathJax.js" in url]
        assert all(url.startswith("../_static/mathjax/") for url in mathjax), (nb, mathjax)
        pages_with_mathjax += bool(mathjax)
    assert pages_with_mathjax, "no notebook page loads MathJax: the math would stay raw TeX"


def test_javascript_and_css_name_no_remote_host_they_could_load():
    assert ASSETS, f"no JavaScript or CSS in {STATIC}: run `make site`"
    unknown = []
    for path in ASSETS:
        code = strip_comments(path.read_text(encoding="utf-8", errors="replace"))
        for match in URL.finditer(code):
            url = match.group(0)
            if not any(re.sub("^(https?:)?", "", url).startswith(re.sub("^https?:", "", ok))
                       for ok in NOT_LOADED):  # fmt: skip
                unknown.append(f"{_rel(path)}: {url[:100]}")
        if path.suffix == ".css":
            unknown += [f"{_rel(path)}: {m.group(0)[:100]}" for m in re.finditer(
                r"(?:url\(|@import)\s*['\"]?\s*(?:https?:)?//[^)'\"\s]+", code)]  # fmt: skip
    if unknown:
        pytest.fail("remote addresses in the site's JavaScript/CSS:\n" + "\n".join(unknown))


def _text(fragment: str) -> str:
    """Visible text of an HTML fragment: entities decoded, Sphinx's curly quotes straight,
    whitespace folded."""
    blocks = re.sub(r"</?(?:p|li|ul|ol|div|h\d)\b[^>]*>", " ", fragment)
    text = html.unescape(re.sub(r"<[^>]+>", "", blocks))
    return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())


def _plain(markdown: str) -> str:
    """A Markdown line as the page shows its text: no backticks or emphasis marks."""
    return " ".join(re.sub(r"[`*]", "", markdown).split())


def _block(page: str, notebook: Path) -> str:
    match = re.search(
        rf'<div class="course-notebook" id="nb-{notebook.stem[:2]}">(.*?)</div>', page, re.S
    )
    assert match, f"the landing page has no block for {notebook.name}"
    return match.group(1)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_landing_page_describes_each_notebook(notebook):
    """Its README description, its learning objectives, its study time and a link to it."""
    require_site()
    block = _block((SITE_DIR / "index.html").read_text(encoding="utf-8"), notebook)
    nb = read_notebook(notebook)
    description = site_build.descriptions((ROOT / "README.md").read_text(encoding="utf-8"))
    text = _text(block)
    assert _plain(description[notebook.name])[1:] in text, f"{notebook.name}: no description"
    goals = site_build.objectives(nb)
    assert len(goals) >= 3, f"{notebook.name}: {goals}"
    missing = [g for g in goals if _plain(g) not in text]
    assert not missing, f"{notebook.name}: objectives not on the landing page: {missing}"
    assert block.count("<li>") == len(goals)
    time = f"About {site_build.duration(site_build.study_minutes(nb))} of study"
    assert time in text, f"{notebook.name}: no {time!r}"
    assert f'href="notebooks/{notebook.stem}.html"' in block, f"{notebook.name}: no link"


def test_landing_page_links_the_repository():
    require_site()
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    repository = meta["urls"]["Repository"]
    page = (SITE_DIR / "index.html").read_text(encoding="utf-8")
    assert f'href="{repository}"' in page, f"the landing page does not link {repository}"


def test_study_times_are_plausible():
    """The rule gives every notebook between 5 minutes and three hours."""
    for nb in NOTEBOOKS:
        minutes = site_build.study_minutes(read_notebook(nb))
        assert 5 <= minutes <= 180, (nb.name, minutes)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_no_solution_markers_and_no_hosted_install_cell_in_the_page(notebook):
    require_site()
    page = page_path(notebook).read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in page and "END SOLUTION" not in page, notebook.name
    cells = read_notebook(notebook).cells
    solutions = sum(site_build.is_solution(c) for c in cells)
    # Each solution stays folded behind its "Show code" toggle.
    assert page.count('class="cell tag_hide-input') >= solutions, notebook.name
    for cell in cells:
        if "remove-cell" in cell.metadata.get("tags", []):
            first = html.escape(cell.source.splitlines()[0], quote=False)
            assert _text(first) not in _text(page), f"{notebook.name}: a remove-cell cell shows"
