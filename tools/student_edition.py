"""Write the student edition of the course notebooks: solution cells removed, outputs cleared.

    python tools/student_edition.py --out build/student notebooks/*.ipynb   (make student)

The exercise format, and what the edition drops, is defined in tools/exercise_format.py. The
solution cells follow nbgrader's conventions, so an instructor's ``nbgrader
generate_assignment`` works on the same notebooks (see nbgrader_config.py). Every code cell's
outputs are cleared, because the edition is for working in, not reading (the course notebooks,
the site and the decks show the outputs). A broken solution cell, which would leak or lose a
solution, stops the build.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat

if not __package__:  # run as a script: the repository root holds the tools package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.exercise_format import run_command
from tools.exercise_format import strip_solutions as student_edition

__all__ = ["build", "main", "student_edition"]


def build(paths: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    """Write the student edition of every notebook in ``paths`` into ``out_dir``."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("paths must name at least one notebook")
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            raise ValueError(f"paths must be existing .ipynb files; got {str(path)!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        edition = student_edition(nbformat.read(path, as_version=4), name=path.name)
        target = out_dir / path.name
        nbformat.write(edition, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Run ``make student``: write the editions, or report a broken notebook in one line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/student", help="folder to write into")
    parser.add_argument("notebooks", nargs="+", help="course notebooks (.ipynb)")
    args = parser.parse_args(argv)
    return run_command("make student", lambda: build(args.notebooks, args.out))


if __name__ == "__main__":
    sys.exit(main())
