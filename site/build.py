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
import html
import math
import re
import shutil
import subprocess
import sys
import time
import tomllib
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


# The grading markers around a worked solution (nbgrader's); the student edition cuts what lies
# between them, and the site shows the solution folded, without the markers.
SOLUTION_MARKER = re.compile(r"^[ \t]*### (?:BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


def instructor_notes(text: str) -> str:
    """A speaker-notes cell as a collapsed "Instructor notes" block (HTML <details>).

    The notes explain the slide's finer points to whoever presents it; on a student's page they
    would read as part of the lesson, so they stay folded behind a summary a reader can open.
    MyST keeps the raw <details> lines as HTML and parses the notes between them as Markdown,
    so their math and code render as elsewhere.
    """
    text = re.sub(r"^\s*speaker notes:\s*", "", text, flags=re.IGNORECASE).strip()
    return (
        '<details class="instructor-notes">\n<summary>Instructor notes</summary>\n\n'
        f"{text}\n\n</details>"
    )


def site_notebook(nb):
    """Return the notebook as the site shows it: notes folded, solutions folded without their
    grading markers, nothing remote."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and slide_type(cell) == "notes" and cell.source.strip():
            cell.source = instructor_notes(cell.source)
        if cell.cell_type == "code":
            cell.source = SOLUTION_MARKER.sub("", cell.source)
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


# The study-time estimate for a notebook, one rule for all: prose read at 100 words a minute
# (study pace, formulas included), code read and run at 10 lines a minute, and 10 minutes per
# exercise (its solution's lines not counted as reading); rounded up to 5 minutes.
WORDS_PER_MINUTE = 100
CODE_LINES_PER_MINUTE = 10
MINUTES_PER_EXERCISE = 10


def is_solution(cell) -> bool:
    return cell.cell_type == "code" and bool(SOLUTION_MARKER.search(cell.source))


def study_minutes(nb) -> int:
    words = sum(len(re.findall(r"\w+", c.source)) for c in nb.cells if c.cell_type == "markdown")
    code = [c for c in nb.cells if c.cell_type == "code"
            and "remove-cell" not in c.metadata.get("tags", [])]  # fmt: skip
    lines = sum(len(c.source.splitlines()) for c in code if not is_solution(c))
    exercises = sum(is_solution(c) for c in code)
    minutes = (words / WORDS_PER_MINUTE + lines / CODE_LINES_PER_MINUTE
               + exercises * MINUTES_PER_EXERCISE)  # fmt: skip
    return max(5, 5 * math.ceil(minutes / 5))


def duration(minutes: int) -> str:
    """45 -> '45 min', 155 -> '2 h 35 min', 120 -> '2 h'."""
    hours, rest = divmod(minutes, 60)
    return " ".join([f"{hours} h"] * bool(hours) + [f"{rest} min"] * bool(rest or not hours))


def objectives(nb) -> list[str]:
    """The learning objectives: the first bulleted list of the notebook's first cell (under
    "After this notebook you can" or "You will be able to"), one string per item."""
    items: list[str] = []
    for line in nb.cells[0].source.splitlines():
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()  # an item's continuation line
        elif items:
            break
    return items


def descriptions(readme: str) -> dict[str, str]:
    """Each notebook's one-line description, from the README's table (file name -> text)."""
    row = re.compile(r"^\| \[[^\]]+\]\(notebooks/([^)]+\.ipynb)\) \| (.+?) \|\s*$", re.MULTILINE)
    rows = row.finditer(readme)
    return {m.group(1): m.group(2).strip() for m in rows}


def title(nb) -> str:
    first = nb.cells[0].source.splitlines()[0]
    return first.lstrip("#").strip()


def landing_notebooks(notebooks: list[Path], readme: str) -> str:
    """The landing page's list of notebooks, as MyST Markdown: for each, its title (linking its
    page), the README's one-line description, the study time and the learning objectives."""
    import nbformat

    known = descriptions(readme)
    parts = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        if path.name not in known:
            sys.exit(f"README.md's 'What you learn' table has no row for {path.name}")
        goals = objectives(nb)
        if not goals:
            sys.exit(f"{path.name}: its first cell has no bulleted list of learning objectives")
        minutes = study_minutes(nb)
        parts.append(
            f'<div class="course-notebook" id="nb-{html.escape(path.stem[:2])}">\n\n'
            f"**{{doc}}`{title(nb)} <notebooks/{path.stem}>`**\n\n"
            f"{known[path.name][0].upper()}{known[path.name][1:]}.\n\n"
            f'<p class="course-time">About {duration(minutes)} of study</p>\n\n'
            "After it you can:\n\n" + "\n".join(f"- {g}" for g in goals) + "\n\n</div>"
        )
    return "\n\n".join(parts)


LANDING_MARKER = "<!-- notebooks: written here by site/build.py -->"
REPOSITORY_MARKER = "<!-- repository: written here by site/build.py -->"


def landing_page(index: str, notebooks: list[Path]) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    repository = meta["urls"]["Repository"]
    for marker in (LANDING_MARKER, REPOSITORY_MARKER):
        if marker not in index:
            sys.exit(f"site/index.md lacks the line {marker}")
    index = index.replace(LANDING_MARKER, landing_notebooks(notebooks, readme))
    return index.replace(REPOSITORY_MARKER, f"The course's repository: <{repository}>")


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
    index = src / "index.md"
    index.write_text(landing_page(index.read_text(encoding="utf-8"), notebooks), encoding="utf-8")
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
