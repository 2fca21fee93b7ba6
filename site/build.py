"""Build the course website into build/site/ from the committed notebooks (no re-execution).

Usage (from the repository root, after ``make slides``; ``make site`` does both)::

    .venv/bin/python site/build.py [--out build/site]

It stages a Sphinx source folder in ``build/site-src/``: this folder's ``conf.py``,
``index.md`` and ``_static/``; MathJax from the decks' pinned copy (``slides/_static/mathjax``);
a copy of every ``notebooks/NN_*.ipynb`` for MyST-NB to render; and, under ``_extra/``, the
decks and the original ``.ipynb`` files, which Sphinx copies into the site unchanged. Then it
runs Sphinx with warnings as errors. The page list comes from the notebooks present: the
landing page's toctree globs ``notebooks/[0-9][0-9]_*``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
if str(ROOT) not in sys.path:  # run as a script: the repository root holds tools/
    sys.path.insert(0, str(ROOT))

from tools.slides.build import FONT_AWESOME_CDN  # noqa: E402

# matplotlib's Animation.to_jshtml() links Font Awesome 4.4 from a CDN for its player buttons.
# The theme's own Font Awesome (6, bundled) draws the same `fa fa-play`-style icons, so the
# remote link is dropped rather than pointed at a second copy (the decks point it at theirs).
REMOTE_FONT_AWESOME = re.compile(
    r'<link rel="stylesheet"\s+href="' + FONT_AWESOME_CDN.pattern + r'"\s*/?>\s*'
)


def slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def site_notebook(nb):
    """Return the notebook as the site shows it: notes boxed, solutions folded, nothing remote."""
    for cell in nb.cells:
        # Speaker notes read as asides on a page: set them apart, titled, as a note box. A
        # four-backtick fence leaves room for code fences inside the note.
        if cell.cell_type == "markdown" and slide_type(cell) == "notes" and cell.source.strip():
            text = re.sub(r"^\s*speaker notes:\s*", "", cell.source, flags=re.IGNORECASE)
            cell.source = f"````{{admonition}} Speaker notes\n:class: note\n\n{text}\n````"
        # A worked solution hidden in JupyterLab (`jupyter.source_hidden`) stays folded on
        # the site too: MyST-NB's `hide-input` tag shows a "Show code" toggle instead.
        if cell.metadata.get("jupyter", {}).get("source_hidden"):
            tags = cell.metadata.setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                data["text/html"] = REMOTE_FONT_AWESOME.sub("", data["text/html"])
    return nb


def stage(notebooks: list[Path], slides: Path, src: Path) -> None:
    """Fill ``src`` with everything Sphinx reads."""
    import nbformat

    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(HERE, src, ignore=shutil.ignore_patterns("build.py", "__pycache__"))
    # MathJax's accessibility extensions fetch their speech engine from a CDN when switched on
    # (from MathJax's menu, which the site turns off); the site leaves them out altogether.
    shutil.copytree(
        slides / "_static" / "mathjax",
        src / "_static" / "mathjax",
        ignore=lambda folder, names: {"a11y"} if Path(folder).name == "extensions" else set(),
    )
    shutil.copytree(slides, src / "_extra" / "slides")
    (src / "notebooks").mkdir()
    (src / "_extra" / "notebooks").mkdir(parents=True)
    for path in notebooks:
        shutil.copy2(path, src / "_extra" / "notebooks" / path.name)
        nb = site_notebook(nbformat.read(path, as_version=4))
        nbformat.write(nb, src / "notebooks" / path.name)


def check_decks(notebooks: list[Path], slides: Path) -> None:
    for path in notebooks:
        deck = slides / f"{path.stem}.slides.html"
        if not deck.is_file() or deck.stat().st_mtime < path.stat().st_mtime:
            sys.exit(f"{deck} is missing or older than {path.name}: run `make slides` first")
    if not (slides / "_static" / "mathjax" / "MathJax.js").is_file():
        sys.exit(f"{slides}/_static/mathjax is missing: run `make slides` first")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--src", type=Path, default=ROOT / "build" / "site-src")
    parser.add_argument("--slides", type=Path, default=ROOT / "slides")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    args = parser.parse_args(argv)
    notebooks = sorted(args.notebooks.glob(NOTEBOOK_GLOB))
    if not notebooks:
        sys.exit(f"no notebooks in {args.notebooks} (expected NN_name.ipynb)")
    check_decks(notebooks, args.slides)

    start = time.perf_counter()
    stage(notebooks, args.slides, args.src)
    if args.out.exists():
        shutil.rmtree(args.out)  # a full build: no page of a renamed notebook survives
    cmd = [
        sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
        "-d", str(args.src / ".doctrees"), str(args.src), str(args.out),
    ]  # fmt: skip
    proc = subprocess.run(cmd, check=False)
    if proc.returncode != 0:
        return proc.returncode
    # The themes ship these Jinja sources in their static folders, so Sphinx copies them as
    # if they were pages; opened, they would request files named "{{ pathto(...) }}".
    for leftover in ("webpack-macros.html", "sbt-webpack-macros.html"):
        (args.out / "_static" / leftover).unlink(missing_ok=True)
    if (args.out / "_sources").is_dir() and not any((args.out / "_sources").iterdir()):
        (args.out / "_sources").rmdir()  # html_copy_source is off; Sphinx makes it anyway
    pages = sorted(args.out.glob("notebooks/*.html"))
    elapsed = time.perf_counter() - start
    print(
        f"built {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: "
        f"landing page + {len(pages)} notebook page(s) in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
