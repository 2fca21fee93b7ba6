"""Build one offline reveal.js deck per notebook, plus an index page.

Usage (from the repository root, after ``npm ci --prefix tools/slides``)::

    .venv/bin/python tools/slides/build.py [--out slides] [NOTEBOOK ...]

Each deck is what ``jupyter nbconvert --to slides`` makes (the same ``SlidesExporter``), with
the exporter options that point reveal.js, RequireJS, jQuery and MathJax at copies under
``<out>/_static/`` (taken from the pinned npm packages in ``tools/slides/node_modules``), a
1280x720 slide, and the ``offline_reveal`` template (``templates/``), which drops the CDN
references no option reaches and fixes two display glitches of the stock template. A CDN link
that a notebook's own output carries (matplotlib's animation player) is pointed at a local copy
too. All asset paths are relative, so the output folder opens from the file system, or from a
USB stick, with no network.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NODE_MODULES = HERE / "node_modules"
TEMPLATES = HERE / "templates"
STATIC = "_static"

# Slide size the course designs for (COURSE.md: "a slide holds what fits on 1280x720").
SLIDE_WIDTH = 1280
SLIDE_HEIGHT = 720

# (npm package, files or folders inside it to copy). Pruned to what the decks load, plus
# the licences; the browser test fails on any request for a file left out.
ASSETS: dict[str, list[str]] = {
    "reveal.js": [
        "LICENSE",
        "dist/reveal.js",
        "dist/reveal.css",
        "dist/reset.css",
        "dist/theme",
        "plugin/notes/notes.js",
    ],
    "requirejs": ["require.js", "README.md"],
    # For matplotlib's Animation.to_jshtml() player buttons (see OUTPUT_REWRITES).
    "font-awesome": ["README.md", "css/font-awesome.min.css", "fonts"],
    "jquery": ["LICENSE.txt", "dist/jquery.min.js"],
    "mathjax": [
        "LICENSE",
        "MathJax.js",
        "config/TeX-AMS_CHTML-full.js",
        "config/Safe.js",
        "config/local",
        "extensions",
        "jax/input/TeX",
        "jax/element",
        # CommonHTML is the configured renderer; the others are what MathJax's own
        # right-click menu can switch to, kept with the TeX font only.
        "jax/output/CommonHTML",
        "jax/output/PreviewHTML",
        "jax/output/NativeMML",
        "jax/output/PlainSource",
        "jax/output/HTML-CSS",
        "jax/output/SVG",
        "fonts/HTML-CSS/TeX/woff",
        "fonts/HTML-CSS/TeX/otf",
        "localization/en",
    ],
}
# Remote references inside notebook *outputs*, which no exporter option reaches, mapped to the
# local copy: matplotlib's Animation.to_jshtml() links Font Awesome 4.4 from a CDN for its
# player buttons (4.7, the last 4.x, has the same icons).
# site/build.py drops the same link (its theme bundles Font Awesome 6).
FONT_AWESOME_CDN = re.compile(
    r"(?:https?:)?//maxcdn\.bootstrapcdn\.com/font-awesome/[0-9.]+/css/font-awesome(?:\.min)?\.css"
)
OUTPUT_REWRITES = [(FONT_AWESOME_CDN, f"{STATIC}/font-awesome/css/font-awesome.min.css")]
# nbgrader's region markers, each a whole line of a code cell (with its newline).
GRADING_MARKER = re.compile(r"^[ \t]*#+[ \t]*(?:BEGIN|END)[ \t]+(?:SOLUTION|HIDDEN TESTS)[ \t]*\n?", re.M)
# Speaker notes: the notes plugin copies a slide's notes as HTML into the speaker view, which has
# no MathJax stylesheet, so a formula MathJax typeset in the notes shows there twice (its
# CommonHTML output and the hidden MathML copy). MathJax skips tex2jax_ignore; the presenter
# reads the TeX source once.
NOTES_TAG = ('<aside class="notes">', '<aside class="notes tex2jax_ignore">')
# MathJax ships every renderer with seven font families (about 20 MB); the decks use TeX.
_MATHJAX_FONT_DIRS = re.compile(r"^jax/output/(HTML-CSS|SVG)/fonts/(?!TeX$)[^/]+$")


def _pinned_versions() -> dict[str, str]:
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in ASSETS}


def copy_assets(out: Path) -> dict[str, str]:
    """Copy the pinned front-end files into ``out/_static/<package>``; return their versions."""
    versions = _pinned_versions()
    for package, entries in ASSETS.items():
        src_root = NODE_MODULES / package
        installed = json.loads((src_root / "package.json").read_text(encoding="utf-8"))["version"]
        if installed != versions[package]:
            sys.exit(
                f"tools/slides/node_modules/{package} is {installed}, the lock pins "
                f"{versions[package]}: run `npm ci --prefix tools/slides`"
            )
        dst_root = out / STATIC / package
        if dst_root.exists():
            shutil.rmtree(dst_root)
        for entry in entries:
            src, dst = src_root / entry, dst_root / entry
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():

                def ignore(folder: str, names: list[str], _root: Path = src_root) -> set[str]:
                    rel = Path(folder).relative_to(_root).as_posix()
                    return {n for n in names if _MATHJAX_FONT_DIRS.match(f"{rel}/{n}")}

                shutil.copytree(src, dst, ignore=ignore)
            else:
                shutil.copy2(src, dst)
    return versions


def make_exporter():
    from nbconvert.exporters import SlidesExporter
    from nbconvert.preprocessors import Preprocessor
    from traitlets.config import Config

    class CellIndexPreprocessor(Preprocessor):
        """Tag each slide, subslide and fragment with the notebook index of its first cell.

        nbconvert renders ``slideshow.data`` as ``data-*`` attributes on those elements, so
        the browser test can say "cell 12" when a slide overflows.
        """

        def preprocess_cell(self, cell, resources, index):
            slideshow = cell.metadata.setdefault("slideshow", {})
            slideshow.setdefault("data", {})["cell_index"] = str(index)
            return cell, resources

    class GradingMarkerPreprocessor(Preprocessor):
        """Drop nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION`` lines from code cells.

        They delimit what the student edition removes; on a slide they are noise. The notebooks
        keep them (tests/test_student_edition.py relies on them).
        """

        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code" and GRADING_MARKER.search(cell.source):
                cell.source = GRADING_MARKER.sub("", cell.source)
            return cell, resources

    from course_utils.explore import WIDGET_MIME

    class StaticExplorationPreprocessor(Preprocessor):
        """Keep the static view of an exploration, not its live widget view.

        An exploration's output (course_utils.explore) holds both; without a kernel the widget
        view has nothing to show, and nbconvert would rank it first and load the widget manager
        from a CDN for it.
        """

        def preprocess(self, nb, resources):
            nb.metadata.pop("widgets", None)
            return super().preprocess(nb, resources)

        def preprocess_cell(self, cell, resources, index):
            for output in cell.get("outputs", []):
                output.get("data", {}).pop(WIDGET_MIME, None)
            return cell, resources

    c = Config()
    c.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.SlidesExporter.template_name = "offline_reveal"
    c.SlidesExporter.reveal_url_prefix = f"{STATIC}/reveal.js"
    c.SlidesExporter.reveal_theme = "white"  # its font (Source Sans Pro) ships with reveal.js
    c.SlidesExporter.reveal_width = str(SLIDE_WIDTH)
    c.SlidesExporter.reveal_height = str(SLIDE_HEIGHT)
    c.SlidesExporter.require_js_url = f"{STATIC}/requirejs/require.js"
    c.SlidesExporter.jquery_url = f"{STATIC}/jquery/dist/jquery.min.js"
    c.SlidesExporter.mathjax_url = f"{STATIC}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    # Not referenced by the offline template; set anyway so nothing can fall back to a CDN.
    c.SlidesExporter.mermaid_js_url = ""
    c.SlidesExporter.mermaid_layout_elk_js_url = ""
    c.SlidesExporter.jupyter_widgets_base_url = ""
    c.SlidesExporter.font_awesome_url = ""
    exporter = SlidesExporter(config=c)
    exporter.register_preprocessor(CellIndexPreprocessor(), enabled=True)
    exporter.register_preprocessor(GradingMarkerPreprocessor(), enabled=True)
    exporter.register_preprocessor(StaticExplorationPreprocessor(), enabled=True)
    return exporter


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def notebook_title(nb, fallback: str) -> str:
    if nb.metadata.get("title"):
        return str(nb.metadata["title"])
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*#*\s*$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1)
    return fallback


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Multilayer Perceptron: slides</title>
<style>
body {{ font-family: sans-serif; max-width: 48rem; margin: 3rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
ul {{ list-style: none; padding-left: 0; }}
li {{ margin: 0.4rem 0; }}
code {{ background: #f3f3f3; padding: 0 0.2em; }}
</style>
</head>
<body>
<h1>The Multilayer Perceptron: slides</h1>
<p>One deck per notebook, in course order. Arrow keys move between slides, <kbd>S</kbd>
opens the speaker notes, <kbd>F</kbd> goes full screen, <kbd>Esc</kbd> shows an overview.
Everything here is local: the folder works offline and can be copied as a whole.</p>
<ul>
{items}
</ul>
<p><small>Built from <code>notebooks/</code> by <code>make slides</code> with
{versions}.</small></p>
</body>
</html>
"""


def build(notebooks: list[Path], out: Path) -> list[Path]:
    import nbformat

    out.mkdir(parents=True, exist_ok=True)
    versions = copy_assets(out)
    exporter = make_exporter()
    items, decks = [], []
    for nb_path in notebooks:
        nb = nbformat.read(nb_path, as_version=4)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": nb_path.stem}})
        for pattern, local in OUTPUT_REWRITES:
            body = pattern.sub(local, body)
        body = body.replace(*NOTES_TAG)
        deck = out / f"{nb_path.stem}.slides.html"
        deck.write_text(body, encoding="utf-8")
        decks.append(deck)
        title = notebook_title(nb, nb_path.stem)
        items.append(
            f'<li><a href="{html.escape(deck.name)}">{html.escape(title)}</a> '
            f"<small>({html.escape(nb_path.name)})</small></li>"
        )
        print(f"  {_shown(nb_path)} -> {_shown(deck)}")
    pins = ", ".join(f"{name} {v}" for name, v in versions.items())
    (out / "index.html").write_text(
        INDEX_TEMPLATE.format(items="\n".join(items), versions=html.escape(pins)),
        encoding="utf-8",
    )
    return decks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN_*.ipynb")
    parser.add_argument("--out", type=Path, default=ROOT / "slides")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        sys.exit("no notebooks to build (expected notebooks/NN_name.ipynb)")
    if not NODE_MODULES.is_dir():
        sys.exit("tools/slides/node_modules is missing: run `npm ci --prefix tools/slides`")
    start = time.perf_counter()
    decks = build(notebooks, args.out)
    elapsed = time.perf_counter() - start
    print(f"built {len(decks)} deck(s) and {_shown(args.out / 'index.html')} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
