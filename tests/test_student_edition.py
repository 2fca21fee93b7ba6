"""tools/student_edition.py and tools/exercise_format.py: solution cells removed, placeholders
and metadata kept, the format validated, and the student edition proven to run.

The student edition of a course notebook is that notebook less its solution cells (the first
tests below), and strict nbval runs the course notebook, answer cells included, whose committed
outputs say "not attempted" (test_notebook_hygiene.py). What is left to prove, that no later cell
reads what a solution cell bound, is checked statically here, and by running the fixture.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell

from tests.student_edition_fixture import course_notebook, exercise_cells, slide
from tools import exercise_format
from tools.exercise_format import (
    BEGIN,
    END,
    ExerciseFormatError,
    checked_ids,
    is_solution_cell,
    placeholder,
    solution_leaks,
    solution_metadata,
    validate,
)
from tools.student_edition import build, main, student_edition

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _executed(nb):
    nb = copy.deepcopy(nb)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return nb


def _exercise_lines(nb) -> list[str]:
    return [
        line
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        for line in out.get("text", "").splitlines()
        if line.startswith("Exercise ")
    ]


def test_solution_cells_go_and_everything_else_stays_in_order():
    course = course_notebook()
    edition = student_edition(course)
    solutions = [c for c in course.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert len(solutions) == 2
    assert [c.source for c in edition.cells] == [
        c.source for c in course.cells if c not in solutions
    ]
    assert not any(BEGIN in c.source or END in c.source for c in edition.cells)


def test_placeholders_and_metadata_are_kept():
    course = course_notebook()
    edition = student_edition(course)
    answers = [c for c in edition.cells if c.source.startswith("answer = ...")]
    assert [a.source.splitlines()[1] for a in answers] == [
        'check("99.1", answer)', 'check("99.2", answer)'
    ]
    assert [c.metadata for c in edition.cells] == [
        c.metadata for c in course.cells if "nbgrader" not in c.metadata
    ]
    assert edition.metadata == course.metadata
    nbformat.validate(edition)


def test_outputs_are_cleared_and_the_course_notebook_is_left_alone():
    course = course_notebook()
    for cell in course.cells:
        if cell.cell_type == "code":
            cell.execution_count = 1
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
            cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    before = copy.deepcopy(course)
    edition = student_edition(course)
    code = [c for c in edition.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert not any("execution" in c.metadata for c in code)
    assert course == before


def test_markers_without_nbgrader_metadata_are_an_error():
    course = course_notebook()
    del course.cells[4].metadata["nbgrader"]
    with pytest.raises(ExerciseFormatError, match=r"fixture cell 4 .* lacks nbgrader solution"):
        student_edition(course, name="fixture")


@pytest.mark.parametrize(
    "source, match",
    [
        ('answer = 4\ncheck("99.1", answer)', r"found 0 and 0"),
        (f"{END}\nanswer = 4\n{BEGIN}\ncheck('99.1', answer)", r"followed later by"),
        (f"{BEGIN}\n{BEGIN}\nanswer = 4\n{END}\ncheck('99.1', answer)", r"found 2 and 1"),
    ],
)
def test_nbgrader_metadata_without_proper_markers_is_an_error(source, match):
    course = course_notebook()
    course.cells[4].source = source
    with pytest.raises(ExerciseFormatError, match=match):
        student_edition(course)


def test_a_markdown_solution_cell_is_an_error():
    cell = new_markdown_cell(f"{BEGIN}\nthe answer\n{END}",
                             metadata={"nbgrader": solution_metadata("99.1")})
    with pytest.raises(ExerciseFormatError, match="markdown cell marked as a solution"):
        is_solution_cell(cell)


def test_grade_ids_must_exist_and_differ():
    course = course_notebook()
    course.cells[4].metadata["nbgrader"]["grade_id"] = ""
    with pytest.raises(ExerciseFormatError, match="without an nbgrader grade_id"):
        student_edition(course)
    course = course_notebook()
    course.cells[8].metadata["nbgrader"]["grade_id"] = "solution-99-1"
    with pytest.raises(ExerciseFormatError, match="'solution-99-1' is used twice"):
        student_edition(course)


def test_a_solution_without_an_answer_cell_is_an_error():
    course = course_notebook()
    course.cells.extend(exercise_cells("99.3", "orphan", "answer = 1")[2:])
    with pytest.raises(ExerciseFormatError, match=r"\['99.3'\] have a solution cell but no answer"):
        student_edition(course)


def test_ordinary_cells_are_not_solutions():
    assert not is_solution_cell(new_code_cell("x = 1", metadata=slide("-")))
    assert not is_solution_cell(new_markdown_cell("# BEGIN SOLUTION is not the marker"))


def test_rejects_what_is_not_a_notebook():
    with pytest.raises(TypeError, match="nb must be a notebook"):
        student_edition({"cells": []})


def test_build_writes_one_edition_per_notebook(tmp_path):
    source = tmp_path / "99_fixture.ipynb"
    nbformat.write(course_notebook(), source)
    written = build([source], tmp_path / "student")
    assert written == [tmp_path / "student" / "99_fixture.ipynb"]
    assert len(nbformat.read(written[0], as_version=4).cells) == len(course_notebook().cells) - 2


@pytest.mark.parametrize("paths, match", [([], "at least one"), (["nope.txt"], "existing .ipynb")])
def test_build_rejects_bad_paths(tmp_path, paths, match):
    with pytest.raises(ValueError, match=match):
        build(paths, tmp_path)


def test_command_line_reports_a_broken_notebook_in_one_line(tmp_path, capsys):
    course = course_notebook()
    del course.cells[4].metadata["nbgrader"]
    nbformat.write(course, tmp_path / "99_broken.ipynb")
    assert main(["--out", str(tmp_path / "out"), str(tmp_path / "99_broken.ipynb")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("make student: 99_broken.ipynb cell 4") and err.count("\n") == 1
    nbformat.write(course_notebook(), tmp_path / "99_fine.ipynb")
    assert main(["--out", str(tmp_path / "out"), str(tmp_path / "99_fine.ipynb")]) == 0
    assert "wrote " in capsys.readouterr().out


@pytest.fixture(scope="module")
def executed_course():  # starts a kernel: the tests that use it are marked slow
    return _executed(course_notebook())


@pytest.mark.slow
def test_fixture_course_checks_say_correct_and_its_student_edition_says_not_attempted(
    executed_course,
):
    course = executed_course
    assert _exercise_lines(course) == [
        "Exercise 99.1: not attempted yet. Replace ... with your answer.",
        "Exercise 99.1: correct.",
        "Exercise 99.2: not attempted yet. Replace ... with your answer.",
        "Exercise 99.2: correct.",
    ]
    edition = _executed(student_edition(course))
    lines = _exercise_lines(edition)
    assert [line.split(":")[0] for line in lines] == ["Exercise 99.1", "Exercise 99.2"]
    assert all("not attempted yet" in line for line in lines)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_student_edition_of_a_course_notebook_is_it_less_its_solutions(path):
    course = nbformat.read(path, as_version=4)
    edition = student_edition(course, name=path.name)
    kept = [c for c in course.cells if not is_solution_cell(c)]
    assert [(c.cell_type, c.source, c.metadata) for c in edition.cells] == [
        (c.cell_type, c.source, {k: v for k, v in c.metadata.items() if k != "execution"})
        for c in kept
    ]
    for index, cell in enumerate(edition.cells):
        assert "nbgrader" not in cell.metadata, f"{path.name} edition cell {index}: nbgrader cell"
        assert "BEGIN SOLUTION" not in cell.source, f"{path.name} edition cell {index}: solution"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_cell_of_a_course_notebook_reads_what_a_solution_bound(path):
    assert solution_leaks(nbformat.read(path, as_version=4).cells, path.name) == []


def test_a_cell_reading_a_solutions_name_is_found():
    course = course_notebook()
    solution = course.cells[4]
    solution.source = solution.source.replace("answer = 2 + 2", "s = 2\nanswer = s + s")
    course.cells.insert(5, new_code_cell("print(s, answer)"))
    assert solution_leaks(course.cells, "fixture") == [
        "fixture cell 5 reads 's', which the solution of 99.1 binds"
    ]
    course.cells.insert(5, new_code_cell("s = 5"))
    assert solution_leaks(course.cells, "fixture") == []


@pytest.mark.slow
def test_the_hygiene_check_accepts_the_executed_fixture(executed_course):
    validate("99_fixture.ipynb", executed_course.cells)


@pytest.mark.parametrize(
    "cell, change, match",
    [
        (4, lambda c: c.outputs.clear(), "must be exactly 'Exercise 99.1: correct.'"),
        (3, lambda c: c.outputs.clear(), "must say 'Exercise 99.1: not attempted yet.'"),
        (3, lambda c: setattr(c, "source", 'answer = 4\ncheck("99.1", answer)'), "placeholder"),
        (3, lambda c: setattr(c, "source", 'x = ...\ncheck("99.1", x)'), "placeholder"),
        (4, lambda c: c.metadata["jupyter"].clear(), "source_hidden"),
        (4, lambda c: c.metadata["nbgrader"].update(grade_id="x"), "nbgrader metadata must be"),
        (4, lambda c: c.metadata["slideshow"].update(slide_type="-"), "subslide of its own"),
        (2, lambda c: setattr(c, "source", "Now try this."), "task of exercise 99.1"),
        (8, lambda c: c.metadata.clear(), "lacks nbgrader solution: true"),
        (5, lambda c: setattr(c, "source", 'check("99.2", 1)'), "second answer cell for .* 99.2"),
    ],
)
@pytest.mark.slow
def test_the_hygiene_check_names_what_is_wrong(executed_course, cell, change, match):
    cells = copy.deepcopy(executed_course.cells)
    change(cells[cell])
    with pytest.raises(ExerciseFormatError, match=match):
        validate("99_fixture.ipynb", cells)


@pytest.mark.slow
def test_the_hygiene_check_wants_ids_numbered_from_1(executed_course):
    with pytest.raises(ExerciseFormatError, match="number them 98.1, 98.2"):
        validate("98_fixture.ipynb", executed_course.cells)


@pytest.mark.parametrize(
    "source, ids",
    [
        ('check("05.1", answer)\ncheck(\'05.2\', (1, 2))', ["05.1", "05.2"]),
        ('# check("05.1", answer)\nprint("check(\'05.3\'")', []),
        ('%time x = 1\ncheck(\n    "06.2", x)', ["06.2"]),
    ],
)
def test_checked_ids_reads_the_calls_not_the_text(source, ids):
    assert checked_ids(source) == ids


def test_new_exercise_cells_pass_the_format_check():
    nb = course_notebook()
    nb.cells += exercise_format.exercise_cells("99.3", "a third", solution="answer = 1")
    found = validate("99_fixture.ipynb", nb.cells, outputs=False)
    assert list(found) == ["99.1", "99.2", "99.3"] and found["99.3"].solution == 11
    assert placeholder(nb.cells[10].source) is ...
    with pytest.raises(ValueError, match="exercise_id must look like '05.5'; got '5.5'"):
        exercise_format.exercise_cells("5.5", "bad")
