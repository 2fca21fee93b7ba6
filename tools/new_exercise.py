"""Scaffold exercise NN.k: its three notebook cells, a check stub and a test stub.

    make new-exercise ID=05.5        (python tools/new_exercise.py 05.5)

appends the task, answer and solution cells (tools/exercise_format.py) to the end of
notebooks/05_*.ipynb, a check that is not written yet to course_utils/exercises/nb05.py, and a
failing test to tests/test_exercises_nb05.py. Then: move the cells to where the exercise
belongs, write the task, the solution, the check and its tests, and ``make execute`` the
notebook.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

if not __package__:  # run as a script: the repository root holds the tools package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.exercise_format import EXERCISE_ID, exercise_cells, find_exercises, run_command

__all__ = ["main", "scaffold"]

ROOT = Path(__file__).resolve().parent.parent

CHECK_STUB = '''

@exercise("{id}")
def _exercise_{name}(answer):
    # None when the answer is right, else a hint naming the likely mistake;
    # compare_numbers(answer, expected, mistakes=[(wrong, hint)]) does the numeric work.
    raise NotImplementedError("the check of exercise {id} is not written yet")
'''
CHECK_HEADER = '''"""Checks of notebook {nn}'s exercises."""

from __future__ import annotations

from course_utils.exercises._core import compare_numbers, exercise  # noqa: F401

__all__: list[str] = []
'''
TEST_STUB = '''

def test_exercise_{name}():
    assert evaluate("{id}", ...).status == "not attempted"
    # The worked solution is "correct", and two typical mistakes each get their own hint.
    pytest.fail("write the tests of exercise {id}")
'''
TEST_HEADER = '''"""Notebook {nn}'s exercise checks."""

from course_utils.exercises import evaluate

import pytest
'''


def _append(path: Path, header: str, text: str) -> None:
    existing = path.read_text(encoding="utf-8") if path.exists() else header
    path.write_text(existing.rstrip("\n") + "\n" + text, encoding="utf-8")


def scaffold(exercise_id: str, root: str | Path = ROOT) -> list[Path]:
    """Write exercise ``exercise_id``'s cells and stubs under ``root``; return the files."""
    match = EXERCISE_ID.match(exercise_id) if isinstance(exercise_id, str) else None
    if not match:
        raise ValueError(f"ID must look like 05.5; got {exercise_id!r}")
    nn, root = match.group(1), Path(root)
    notebooks = sorted((root / "notebooks").glob(f"{nn}_*.ipynb"))
    if len(notebooks) != 1:
        raise ValueError(f"ID {exercise_id}: expected one notebook notebooks/{nn}_*.ipynb, "
                         f"found {len(notebooks)}")
    nb = nbformat.read(notebooks[0], as_version=4)
    following = f"{nn}.{len(find_exercises(nb.cells, notebooks[0].name)) + 1}"
    if exercise_id != following:
        raise ValueError(f"ID {exercise_id}: {notebooks[0].name}'s next exercise is {following}")
    nb.cells += exercise_cells(exercise_id, "TITLE", task="THE TASK.", hint="WHAT TO PUT HERE",
                               solution="answer = None  # THE WORKED SOLUTION")
    nbformat.write(nb, notebooks[0])
    fields = {"id": exercise_id, "name": exercise_id.replace(".", "_"), "nn": nn}
    check = root / "course_utils" / "exercises" / f"nb{nn}.py"
    test = root / "tests" / f"test_exercises_nb{nn}.py"
    _append(check, CHECK_HEADER.format(**fields), CHECK_STUB.format(**fields))
    _append(test, TEST_HEADER.format(**fields), TEST_STUB.format(**fields))
    return [notebooks[0], check, test]


def main(argv: list[str] | None = None) -> int:
    """Run ``make new-exercise ID=NN.k``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("id", help="the new exercise's id, NN.k")
    parser.add_argument("--root", default=ROOT, help="the repository (default: this one)")
    args = parser.parse_args(argv)
    return run_command("make new-exercise", lambda: scaffold(args.id, args.root))


if __name__ == "__main__":
    sys.exit(main())
