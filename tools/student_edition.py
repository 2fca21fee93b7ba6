"""Write the student edition of the course notebooks: solution cells removed, outputs cleared.

    python tools/student_edition.py --out build/student notebooks/*.ipynb   (make student)

A solution cell follows nbgrader's conventions, so that an instructor's
``nbgrader generate_assignment`` works on the same notebooks (see nbgrader_config.py): its
metadata says ``"nbgrader": {"solution": true, ...}`` and its source holds the worked answer
between ``### BEGIN SOLUTION`` and ``### END SOLUTION``, followed by the exercise's check. The
student edition drops such a cell whole: the answer cell before it, with its ``...``
placeholder and the same check, is where the student works. Every code cell's outputs are
cleared, because the edition is for working in, not reading (the course notebooks, the site and
the decks show the outputs).

A cell with the markers but without the metadata, or with the metadata but not the markers, is
an authoring mistake that would leak or lose a solution, so it stops the build.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat

__all__ = ["BEGIN", "END", "StudentEditionError", "build", "is_solution_cell", "student_edition"]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CHECK = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")


class StudentEditionError(ValueError):
    """A notebook's solution cells do not follow the convention; the message says where."""


def solution_metadata(exercise_id: str) -> dict:
    """The nbgrader metadata of exercise ``exercise_id``'s solution cell (CONTRIBUTING.md)."""
    return {
        "grade": False,
        "grade_id": "solution-" + exercise_id.replace(".", "-"),
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }


def is_solution_cell(cell, where: str = "cell") -> bool:
    """Whether ``cell`` is a solution cell; raise StudentEditionError if it is a broken one."""
    lines = [line.strip() for line in cell.source.splitlines()]
    begins, ends = lines.count(BEGIN), lines.count(END)
    marked = BEGIN in cell.source or END in cell.source
    solution = cell.metadata.get("nbgrader", {}).get("solution") is True
    if marked and not solution:
        raise StudentEditionError(
            f"{where} contains {BEGIN!r} but its metadata lacks nbgrader solution: true; add "
            "the nbgrader metadata of CONTRIBUTING.md, or the solution would reach students"
        )
    if not solution:
        return False
    if cell.cell_type != "code":
        raise StudentEditionError(f"{where} is a {cell.cell_type} cell marked as a solution; "
                                  "only code cells hold solutions in this course")
    if (begins, ends) != (1, 1) or lines.index(BEGIN) > lines.index(END):
        raise StudentEditionError(
            f"{where} is marked nbgrader solution: true, so it needs exactly one line "
            f"{BEGIN!r} followed later by one line {END!r} (found {begins} and {ends})"
        )
    if not cell.metadata["nbgrader"].get("grade_id"):
        raise StudentEditionError(f"{where} is a solution cell without an nbgrader grade_id")
    return True


def student_edition(nb, name: str = "notebook"):
    """Return a copy of ``nb`` without its solution cells and with every output cleared."""
    if not isinstance(nb, nbformat.NotebookNode) or "cells" not in nb:
        raise TypeError(f"nb must be a notebook read with nbformat; got {type(nb).__name__}")
    kept, removed_checks, grade_ids = [], [], set()
    for index, cell in enumerate(nb.cells):
        where = f"{name} cell {index}"
        if is_solution_cell(cell, where):
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            if grade_id in grade_ids:
                raise StudentEditionError(f"{where}: grade_id {grade_id!r} is used twice")
            grade_ids.add(grade_id)
            removed_checks += CHECK.findall(cell.source)
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        kept.append(cell)
    remaining = {i for cell in kept if cell.cell_type == "code" for i in CHECK.findall(cell.source)}
    orphans = sorted(set(removed_checks) - remaining)
    if orphans:
        raise StudentEditionError(
            f"{name}: exercises {orphans} have a solution cell but no answer cell; the student "
            "edition would leave nowhere to answer them"
        )
    edition = copy.deepcopy(nb)
    edition.cells = kept
    return edition


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="build/student", help="folder to write into")
    parser.add_argument("notebooks", nargs="+", help="course notebooks (.ipynb)")
    args = parser.parse_args(argv)
    try:
        written = build(args.notebooks, args.out)
    except (StudentEditionError, ValueError) as error:
        print(f"make student: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
