"""A small course notebook with two exercises, made with tools/exercise_format.py.

Used by tests/test_student_edition.py. Its exercises (ids 99.1 and 99.2) are registered by the
notebook's own setup cell, so the fixture depends on the check core of course_utils.exercises
only, not on any notebook's exercise module.
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools import exercise_format

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

SETUP = '''from course_utils.exercises import check, exercise


@exercise("99.1")
def _sum(answer):
    return None if answer == 4 else "add the two numbers"


@exercise("99.2")
def _square(answer):
    return None if answer == 9 else "multiply the number by itself"
'''


def slide(kind: str) -> dict:
    return {"slideshow": {"slide_type": kind}}


def exercise_cells(exercise_id: str, title: str, solution: str) -> list:
    """Task, answer cell and hidden solution cell of one exercise."""
    return exercise_format.exercise_cells(exercise_id, title, task="Work it out.",
                                          solution=solution)


def course_notebook() -> nbformat.NotebookNode:
    """The fixture notebook, unexecuted."""
    cells = [
        new_markdown_cell("# 99 · Fixture", metadata=slide("slide")),
        new_code_cell(SETUP, metadata=slide("skip")),
        *exercise_cells("99.1", "a sum", "answer = 2 + 2"),
        new_code_cell("print('between the exercises')", metadata=slide("-")),
        *exercise_cells("99.2", "a square", "answer = 3 * 3"),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC})
