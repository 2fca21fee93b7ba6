"""The exercise format of the course notebooks, defined once: find, validate, create, strip.

One exercise ``NN.k`` is three consecutive cells (CONTRIBUTING.md, "Exercises"):

1. the task, markdown on a new subslide: ``**Exercise NN.k — short title.** ...``;
2. the answer cell, code on the same slide (``-``): ``answer = ...`` then ``check("NN.k",
   answer)``; its committed output is ``Exercise NN.k: not attempted yet. ...``;
3. the solution cell, code on a subslide of its own, hidden (``jupyter.source_hidden``), with
   nbgrader's solution metadata (:func:`solution_metadata`): the worked answer between
   :data:`BEGIN` and :data:`END`, then the same check; its committed output is
   ``Exercise NN.k: correct.``

The student edition (``make student``, :func:`strip_solutions`) drops the solution cells and
clears every output. ``tools/student_edition.py``, ``tools/new_exercise.py`` and the tests all
read the format from here. Nothing here imports course_utils.
"""

from __future__ import annotations

import ast
import copy
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor
from nbformat.v4 import new_code_cell, new_markdown_cell

__all__ = [
    "BEGIN",
    "END",
    "Exercise",
    "ExerciseFormatError",
    "checked_ids",
    "exercise_cells",
    "find_exercises",
    "is_solution_cell",
    "placeholder",
    "run_command",
    "solution_metadata",
    "strip_solutions",
    "validate",
]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
EXERCISE_ID = re.compile(r"^(\d\d)\.([1-9]\d*)$")
# Set on solution cells of the in-memory copy only, for nbconvert's TagRemovePreprocessor.
_SOLUTION_TAG = "course-solution-cell"


class ExerciseFormatError(ValueError):
    """A notebook's exercise cells do not follow the format; the message says where."""


@dataclass(frozen=True)
class Exercise:
    """Cell indices of one exercise's answer and solution cells (``None`` when missing)."""

    id: str
    answer: int | None = None
    solution: int | None = None


def _check_id(exercise_id: str) -> str:
    if not isinstance(exercise_id, str) or not EXERCISE_ID.match(exercise_id):
        raise ValueError(f"exercise_id must look like '05.5'; got {exercise_id!r}")
    return exercise_id


def _parse(source: str) -> ast.Module:
    """The cell's source as Python; IPython magics (``%time``) become calls first."""
    try:
        return ast.parse(source)
    except SyntaxError:
        from IPython.core.inputtransformer2 import TransformerManager

        return ast.parse(TransformerManager().transform_cell(source))


def checked_ids(source: str) -> list[str]:
    """The exercise ids that ``check("NN.k", ...)`` calls in ``source`` name, in order."""
    calls = [
        node for node in ast.walk(_parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id == "check" and node.args
        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    ]
    return [c.args[0].value for c in sorted(calls, key=lambda c: (c.lineno, c.col_offset))]


def placeholder(source: str):
    """The literal the answer cell ``source`` assigns to ``answer``: ``...``, ``(..., ...)``."""
    for node in _parse(source).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [
            "answer"
        ]:
            return ast.literal_eval(node.value)
    raise ExerciseFormatError("the answer cell assigns no placeholder to `answer`")


def solution_metadata(exercise_id: str) -> dict:
    """The nbgrader metadata of exercise ``exercise_id``'s solution cell."""
    return {
        "grade": False,
        "grade_id": "solution-" + _check_id(exercise_id).replace(".", "-"),
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }


def is_solution_cell(cell, where: str = "cell") -> bool:
    """Whether ``cell`` is a solution cell; raise ExerciseFormatError if it is a broken one."""
    lines = [line.strip() for line in cell.source.splitlines()]
    begins, ends = lines.count(BEGIN), lines.count(END)
    marked = BEGIN in cell.source or END in cell.source
    solution = cell.metadata.get("nbgrader", {}).get("solution") is True
    if marked and not solution:
        raise ExerciseFormatError(
            f"{where} contains {BEGIN!r} but its metadata lacks nbgrader solution: true; add "
            "the nbgrader metadata of CONTRIBUTING.md, or the solution would reach students"
        )
    if not solution:
        return False
    if cell.cell_type != "code":
        raise ExerciseFormatError(f"{where} is a {cell.cell_type} cell marked as a solution; "
                                  "only code cells hold solutions in this course")
    if (begins, ends) != (1, 1) or lines.index(BEGIN) > lines.index(END):
        raise ExerciseFormatError(
            f"{where} is marked nbgrader solution: true, so it needs exactly one line "
            f"{BEGIN!r} followed later by one line {END!r} (found {begins} and {ends})"
        )
    if not cell.metadata["nbgrader"].get("grade_id"):
        raise ExerciseFormatError(f"{where} is a solution cell without an nbgrader grade_id")
    return True


def find_exercises(cells, name: str = "notebook") -> dict[str, Exercise]:
    """{id: Exercise} of the code cells in ``cells`` that call ``check("NN.k", ...)``."""
    found: dict[str, Exercise] = {}
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        role = "solution" if is_solution_cell(cell, f"{name} cell {index}") else "answer"
        for exercise_id in checked_ids(cell.source):
            exercise = found.get(exercise_id, Exercise(exercise_id))
            if getattr(exercise, role) is not None:
                raise ExerciseFormatError(
                    f"{name} cell {index}: a second {role} cell for exercise {exercise_id}"
                )
            found[exercise_id] = replace(exercise, **{role: index})
    return found


def _text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.get("outputs", []))


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ExerciseFormatError(message)


def _validate_one(name: str, cells, ex: Exercise, outputs: bool) -> None:
    """Raise ExerciseFormatError unless exercise ``ex`` of notebook ``name`` is well formed."""
    i, a, s = ex.id, ex.answer, ex.solution
    task, answer, solution = cells[a - 1], cells[a], cells[s]
    _require(s > a, f"{name}: exercise {i}'s solution comes before its answer")
    _require(task.cell_type == "markdown" and f"**Exercise {i}" in task.source,
             f"{name} cell {a - 1}: the task of exercise {i} goes right before its answer "
             f"cell, starting with **Exercise {i} — title.**")
    _require(task.metadata["slideshow"]["slide_type"] in {"slide", "subslide"},
             f"{name} cell {a - 1}: an exercise's task starts a subslide")
    try:
        value = placeholder(answer.source)
    except (ExerciseFormatError, ValueError, SyntaxError):
        value = None
    _require(value is ... or (isinstance(value, tuple | dict) and ... in
                              (value.values() if isinstance(value, dict) else value)),
             f"{name} cell {a}: the answer cell of {i} needs the placeholder `answer = ...`")
    _require(answer.metadata["slideshow"]["slide_type"] == "-",
             f"{name} cell {a}: the answer cell stays on the task's slide (slide_type '-')")
    _require(solution.source.splitlines()[0].strip() == BEGIN,
             f"{name} cell {s}: a solution starts with {BEGIN} and ends the worked answer "
             f"with {END}")
    _require(solution.metadata.get("nbgrader") == solution_metadata(i),
             f"{name} cell {s}: nbgrader metadata must be {solution_metadata(i)}")
    _require(solution.metadata.get("jupyter", {}).get("source_hidden") is True,
             f"{name} cell {s}: hide the solution's source (jupyter.source_hidden: true)")
    _require(solution.metadata["slideshow"]["slide_type"] == "subslide",
             f"{name} cell {s}: a solution is a subslide of its own, revealed by moving down")
    if outputs:
        _require(f"Exercise {i}: not attempted yet." in _text(answer),
                 f"{name} cell {a}: the committed output of the answer cell must say "
                 f"'Exercise {i}: not attempted yet.'")
        _require(_text(solution).strip() == f"Exercise {i}: correct.",
                 f"{name} cell {s}: the committed output of the solution must be exactly "
                 f"'Exercise {i}: correct.'")


def validate(name: str, cells, *, outputs: bool = True) -> dict[str, Exercise]:
    """Raise ExerciseFormatError unless every exercise in ``cells`` follows the format.

    ``name`` is the notebook's file name, ``NN_title.ipynb``: its exercises are numbered
    ``NN.1``, ``NN.2``, ... With ``outputs``, the committed outputs are checked too.
    """
    exercises = find_exercises(cells, name)
    number = name[:2]
    expected = [f"{number}.{k}" for k in range(1, len(exercises) + 1)]
    _require(sorted(exercises, key=lambda i: int(i.split(".")[1])) == expected,
             f"{name}: exercise ids {sorted(exercises)}; number them {number}.1, {number}.2, ...")
    for ex in exercises.values():
        roles = [r for r in ("answer", "solution") if getattr(ex, r) is not None]
        _require(len(roles) == 2,
                 f"{name}: exercise {ex.id} has only a {' and a '.join(roles)} cell; it needs "
                 "an answer cell and a solution cell")
        _validate_one(name, cells, ex, outputs)
    return exercises


def exercise_cells(exercise_id: str, title: str, task: str = "The task.",
                   hint: str = "a number", solution: str = "answer = ...") -> list:
    """The three cells of a new exercise: task, answer cell and hidden solution cell."""
    _check_id(exercise_id)

    def slide(kind: str) -> dict:
        return {"slideshow": {"slide_type": kind}}

    check = f'check("{exercise_id}", answer)'
    return [
        new_markdown_cell(f"**Exercise {exercise_id} — {title}.** {task}",
                          metadata=slide("subslide")),
        new_code_cell(f"answer = ...  # YOUR ANSWER: {hint}\n{check}", metadata=slide("-")),
        new_code_cell(f"{BEGIN}\n{solution}\n{END}\n{check}",
                      metadata={**slide("subslide"), "jupyter": {"source_hidden": True},
                                "nbgrader": solution_metadata(exercise_id)}),
    ]


def strip_solutions(nb, name: str = "notebook"):
    """Return the student edition of ``nb``: solution cells removed, every output cleared."""
    if not isinstance(nb, nbformat.NotebookNode) or "cells" not in nb:
        raise TypeError(f"nb must be a notebook read with nbformat; got {type(nb).__name__}")
    edition, grade_ids, removed = copy.deepcopy(nb), set(), []
    for index, cell in enumerate(edition.cells):
        if is_solution_cell(cell, f"{name} cell {index}"):
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            if grade_id in grade_ids:
                raise ExerciseFormatError(f"{name} cell {index}: grade_id {grade_id!r} is used "
                                          "twice")
            grade_ids.add(grade_id)
            removed += checked_ids(cell.source)
            cell.metadata.setdefault("tags", []).append(_SOLUTION_TAG)
    TagRemovePreprocessor(remove_cell_tags={_SOLUTION_TAG}).preprocess(edition, {})
    ClearOutputPreprocessor(remove_metadata_fields={"execution"}).preprocess(edition, {})
    remaining = {i for cell in edition.cells if cell.cell_type == "code"
                 for i in checked_ids(cell.source)}
    orphans = sorted(set(removed) - remaining)
    if orphans:
        raise ExerciseFormatError(
            f"{name}: exercises {orphans} have a solution cell but no answer cell; the student "
            "edition would leave nowhere to answer them"
        )
    return edition


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names the cell binds anywhere, names it reads) of the code in ``source``."""
    tree = _parse(source)
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return bound, read


def solution_leaks(cells, name: str = "notebook") -> list[str]:
    """Where a later cell reads a name that a solution cell (re)bound: empty when none does.

    The student edition runs without the solution cells, so a cell that reads such a name
    would fail there, or see another value than in the course notebook. A cell that binds the
    name again itself ends the dependency.
    """
    leaks, from_solution = [], {}
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        bound, read = _names(cell.source)
        if is_solution_cell(cell, f"{name} cell {index}"):
            exercise_id = (checked_ids(cell.source) or ["?"])[0]
            from_solution.update(dict.fromkeys(bound - {"answer"}, exercise_id))
            continue
        leaks += [f"{name} cell {index} reads {n!r}, which the solution of {from_solution[n]} "
                  "binds" for n in sorted(read & from_solution.keys() - bound)]
        for n in bound:
            from_solution.pop(n, None)
    return leaks


def run_command(label: str, write: Callable[[], Iterable]) -> int:
    """Run a make target's ``write()``: list what it wrote, or say in one line why it could not.

    ``label`` starts the error line (``make student: ...``); the return value is the exit code.
    """
    try:
        written = write()
    except ValueError as error:  # ExerciseFormatError included
        print(f"{label}: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0
