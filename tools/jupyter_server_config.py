"""Jupyter server configuration for `make lab` (loaded with --config).

Saving. When JupyterLab saves a notebook (so does RISE, before every slideshow), it writes the
running kernel's Python version into metadata.language_info.version. A student on Python 3.13
who opens and presents a notebook committed from 3.11 would find that line changed in
`git status`, though nothing they did changed. The hook below keeps the version that is already
on disk; the version in a notebook only records which Python made its committed outputs
(make execute).

Presenting (RISE). The slideshow starts without a console error and without a request that
leaves the machine (tests/rise):
- jupyter_config/labconfig/default_setting_overrides.json gives RISE a theme without web fonts
  (its default, reveal.js's "simple", asks Google Fonts for two) and slides that scroll rather
  than cut off what does not fit; it also turns off JupyterLab's news and update checks, which
  would ask a website. notebooks/rise.css sets the type sizes.
- RISE's slideshow page is an application of its own that would also load every JupyterLab
  extension; it has RISE built in, so loading RISE's JupyterLab extension a second time there
  only warns of version mismatches.
- RISE links a stylesheet named after the notebook beside it; the course has none, so that name
  is answered with an empty stylesheet rather than a 404 page.
- RISE's MathJax asks for its TeX fonts by name beside the slideshow page, where RISE answers
  with the page itself ("Failed to decode downloaded font", once per font and formula); RISE
  ships the same fonts under hashed names, and those are served under the names asked for.
"""

import json
import os
import struct
import warnings
import zlib
from functools import cache
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.files.handlers import FilesHandler
from jupyter_server.utils import ensure_async
from tornado import web


def keep_committed_python_version(model, path, contents_manager, **kwargs):
    """pre_save_hook: give the saved notebook the language_info.version that is on disk."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    info = model["content"].get("metadata", {}).get("language_info")
    try:
        with open(contents_manager._get_os_path(path), encoding="utf-8") as handle:
            on_disk = json.load(handle)["metadata"]["language_info"]["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # a new notebook, or one without the key: nothing to keep
    if isinstance(info, dict) and "version" in info:
        info["version"] = on_disk


class NotebookStylesheetHandler(FilesHandler):
    """/files/: a missing `<notebook>.css` beside `<notebook>.ipynb` is an empty stylesheet."""

    @web.authenticated
    async def get(self, path, include_body=True):
        path = path.strip("/")
        contents = self.contents_manager
        if (
            path.endswith(".css")
            and not await ensure_async(contents.file_exists(path))
            and await ensure_async(contents.file_exists(path[: -len(".css")] + ".ipynb"))
        ):
            self.set_header("Content-Type", "text/css; charset=utf-8")
            self.set_header("Cache-Control", "no-cache")
            self.absolute_path = None  # no file behind it: no ETag
            return self.finish("/* no styles of this notebook's own: see rise.css */\n")
        return await super().get(path, include_body=include_body)

    def compute_etag(self):
        return None if self.absolute_path is None else super().compute_etag()


def woff_font_name(data: bytes) -> str | None:
    """The full name (name ID 4) in a WOFF 1 font's name table; None if there is none."""
    if data[:4] != b"wOFF":
        return None
    for i in range(struct.unpack(">H", data[12:14])[0]):
        tag, offset, length, full_length, _ = struct.unpack(">4sIIII", data[44 + 20 * i :][:20])
        if tag != b"name":
            continue
        table = data[offset : offset + length]
        table = zlib.decompress(table) if length < full_length else table
        count, strings = struct.unpack(">HH", table[2:6])
        for j in range(count):
            platform, _, _, name_id, size, start = struct.unpack(">6H", table[6 + 12 * j :][:12])
            if name_id == 4:
                raw = table[strings + start : strings + start + size]
                return raw.decode("utf-16-be" if platform in (0, 3) else "latin-1")
    return None


@cache
def rise_mathjax_fonts() -> dict[str, Path]:
    """RISE's bundled MathJax fonts by the file name MathJax asks for: MathJax_Zero.woff, ..."""
    import jupyterlab_rise  # only where RISE is installed

    fonts = {}
    for path in (Path(jupyterlab_rise.__file__).parent / "static").glob("*.woff"):
        name = woff_font_name(path.read_bytes())
        if name and name.startswith("MathJax_"):
            fonts[f"{name}.woff"] = path
    return fonts


class MathJaxFontHandler(JupyterHandler):
    """rise/.../js/output/chtml/fonts/tex-woff-v2/<font>.woff: the font from RISE's bundle."""

    @web.authenticated
    def get(self, name):
        path = rise_mathjax_fonts().get(name)
        if path is None:
            raise web.HTTPError(404, f"RISE ships no font {name}")
        self.set_header("Content-Type", "font/woff")
        self.set_header("Cache-Control", "max-age=86400")
        self.finish(path.read_bytes())


def add_lab_config_path(config_dir):
    """Put config_dir first on JUPYTER_CONFIG_PATH (JupyterLab reads labconfig/ there)."""
    paths = [p for p in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    if str(config_dir) not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(config_dir), *paths])


if "get_config" in globals():  # run by Jupyter; a test imports the function alone
    c = get_config()  # noqa: F821
    c.FileContentsManager.pre_save_hook = keep_committed_python_version
    # The server and JupyterLab both load this file, so the hook is set twice, and traitlets
    # warns that it replaces itself.
    warnings.filterwarnings(
        "ignore", message=r"Overriding existing pre_save_hook \(keep_committed_python_version\)"
    )
    add_lab_config_path(Path(__file__).resolve().parent / "jupyter_config")
    c.ContentsManager.files_handler_class = NotebookStylesheetHandler
    c.RiseApp.labextensions_path = []
    c.RiseApp.extra_labextensions_path = []
    c.RiseApp.handlers = [
        (r"/rise/(?:.+/)?js/output/chtml/fonts/tex-woff-v2/([\w-]+\.woff)", MathJaxFontHandler)
    ]
