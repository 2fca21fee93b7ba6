"""A static HTML scanner shared by the deck and site tests: what a page loads, and from where.

No browser: it reads the file. ``remote_loads`` finds anything fetched from another host (tags
and inline scripts or styles), ``missing_local_assets`` any local file a page needs but lacks.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
        for match in INLINE_REMOTE.finditer(strip_comments(text)):
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


def strip_comments(code: str) -> str:
    # Licence banners and "see https://..." comments are text, not loads.
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.DOTALL)
    return re.sub(r"(?m)(^|[^:'\"])//[^\n]*", r"\1", code)
