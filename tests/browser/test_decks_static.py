"""The built decks, read as files: nothing remote, every asset present, notes in, skips out.

These need the decks (`make slides`) but no browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from slide_decks import NOTEBOOKS, SLIDES_DIR, deck_path, read_notebook, require_decks, slide_type

# Attributes through which a page loads something (a plain <a href> is a link, not a load).
LOADING_ATTRS = {"src", "srcset", "data", "poster", "background"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
# Remote loads written inside inline <script>/<style>: url(), @import, ES import, require([...]),
# or a string literal holding a web address.
INLINE_REMOTE = re.compile(
    r"""url\(\s*['"]?\s*(?:https?:)?//|@import\s+(?:url\()?\s*['"]?\s*(?:https?:)?//|"""
    r"""['"`](?:https?:)?//[^'"`\s]+['"`]""",
    re.IGNORECASE,
)
HTML_FILES = sorted(SLIDES_DIR.glob("*.html")) if SLIDES_DIR.is_dir() else []


class _Scan(HTMLParser):
    """Collect loaded URLs (with line numbers), inline script/style text, and cell ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[int, str, str]] = []
        self.inline: list[tuple[int, str]] = []
        self.cell_ids: dict[str, bool] = {}  # id -> inside <aside class="notes">
        self._aside_depth = 0
        self._raw: tuple[int, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs.items():
            loads = name in LOADING_ATTRS or (name == "href" and tag == "link")
            if loads and value:
                self.loads.append((line, f"<{tag} {name}>", value))
        if tag == "aside" and "notes" in (attrs.get("class") or "").split():
            self._aside_depth += 1
        elif tag == "aside" and self._aside_depth:
            self._aside_depth += 1
        cell_id = attrs.get("id") or ""
        if cell_id.startswith("cell-id="):
            self.cell_ids[cell_id.removeprefix("cell-id=")] = self._aside_depth > 0
        if tag in {"script", "style"}:
            self._raw = (line, "")

    def handle_endtag(self, tag):
        if tag == "aside" and self._aside_depth:
            self._aside_depth -= 1
        if tag in {"script", "style"} and self._raw is not None:
            self.inline.append(self._raw)
            self._raw = None

    def handle_data(self, data):
        if self._raw is not None:
            self._raw = (self._raw[0], self._raw[1] + data)


def scan(path: Path) -> _Scan:
    parser = _Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def remote_loads(path: Path) -> list[str]:
    """What ``path`` would load from another host: tags and inline scripts or styles."""
    found = scan(path)
    remote = [f"line {ln}: {tag} {url}" for ln, tag, url in found.loads if REMOTE.match(url)]
    for line, text in found.inline:
        for match in INLINE_REMOTE.finditer(_strip_comments(text)):
            remote.append(f"inline script/style near line {line}: {match.group(0)[:80]}")
    return remote


def missing_local_assets(path: Path) -> list[str]:
    """Lines of ``path`` that load a local file which does not exist, as "line N: tag url"."""
    missing = []
    for line, tag, url in scan(path).loads:
        if url.startswith(("data:", "#", "blob:", "about:")) or REMOTE.match(url):
            continue
        target = (path.parent / unquote(urlsplit(url).path)).resolve()
        if not target.is_file():
            missing.append(f"line {line}: {tag} {url}")
    return missing


def _strip_comments(code: str) -> str:
    # Licence banners and "see https://..." comments are text, not loads.
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.DOTALL)
    return re.sub(r"(?m)(^|[^:'\"])//[^\n]*", r"\1", code)


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
