"""course_utils.exercises: the verdict lines, the registry and the numeric diagnoses."""

from course_utils import exercises as ex
from course_utils.exercises import _core

import math
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tools import exercise_format


@pytest.fixture
def demo():
    """Register a throw-away exercise 99.1 whose answer is [0.2, 0.3, 0.5]."""

    @ex.exercise("99.1")
    def _check(answer):
        return ex.compare_numbers(answer, [0.2, 0.3, 0.5], probabilities=True,
                                  mistakes=[([0.5, 0.3, 0.2], "you reversed the classes")])

    yield "99.1"
    del _core._REGISTRY["99.1"]


def test_correct_in_any_dtype_or_container(demo, capsys):
    for answer in ([0.2, 0.3, 0.5], np.array([0.2, 0.3, 0.5], dtype=np.float32), (0.2, 0.3, 0.5)):
        assert ex.evaluate(demo, answer).status == "correct"
    ex.check(demo, [0.2, 0.3, 0.5])
    assert capsys.readouterr().out == "Exercise 99.1: correct.\n"


def test_placeholder_is_not_attempted(demo, capsys):
    ex.check(demo, ...)
    out = capsys.readouterr().out
    assert out.startswith("Exercise 99.1: not attempted yet.") and out.count("\n") == 1


def test_partly_filled_tuple(demo):
    verdict = ex.evaluate(demo, (1.0, ...))
    assert verdict.status == "incorrect" and "1 of 2 parts" in verdict.hint


def test_anticipated_mistake_comes_first(demo):
    assert ex.evaluate(demo, [0.5, 0.3, 0.2]).hint == "you reversed the classes"


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ([0.2, 0.3], "shape (2,); expected shape (3,)"),
        ([[0.2, 0.3, 0.5]], "right values, wrong shape"),
        ([-0.2, -0.3, -0.5], "wrong sign"),
        ([0.2, 0.3, 0.6], "sum to 1"),
        ("abc", "should be numbers"),
        ([0.2, np.nan, 0.5], "nan or inf"),
    ],
)
def test_generic_diagnoses(demo, answer, fragment):
    verdict = ex.evaluate(demo, answer)
    assert verdict.status == "incorrect" and fragment in verdict.hint


def test_transposed_and_named_factors():
    expected = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert "transposed" in ex.compare_numbers(expected.T, expected)
    assert "3 times too large" in ex.compare_numbers(expected * 3, expected)
    assert "a third" in ex.compare_numbers(expected / 3, expected)
    assert "base 10" in ex.compare_numbers(expected / math.log(10), expected)
    assert "factor of about 7" in ex.compare_numbers(expected * 7, expected)
    assert "differs" in ex.compare_numbers(expected + [[0, 0, 1], [0, 0, 0]], expected)


def test_a_raising_check_becomes_a_line():
    @ex.exercise("99.2")
    def _check(answer):
        return answer.nonexistent

    try:
        verdict = ex.evaluate("99.2", 3)
    finally:
        del _core._REGISTRY["99.2"]
    assert verdict.status == "incorrect" and "AttributeError" in verdict.hint


def test_authoring_errors_raise():
    with pytest.raises(ValueError, match="exercise_id must look like '03.1'; got 'x'"):
        ex.evaluate("x", 1)
    with pytest.raises(ValueError, match="'98.7' is not a known exercise"):
        ex.evaluate("98.7", 1)
    with pytest.raises(ValueError, match="exercise_id must look like"):
        ex.exercise("3.1")
    ex.exercise("99.3")(lambda a: None)
    try:
        with pytest.raises(ValueError, match="registered twice"):
            ex.exercise("99.3")(lambda a: None)
    finally:
        del _core._REGISTRY["99.3"]


def test_the_hint_starts_a_sentence(demo):
    assert ex.evaluate(demo, [-0.2, -0.3, -0.5]).line.startswith(
        "Exercise 99.1: not correct yet. Your answer has the wrong sign"
    )


def _answer_cells():
    """(notebook name, exercise id, placeholder) of every answer cell in the course."""
    found = []
    for path in sorted(Path(__file__).parent.parent.glob("notebooks/[0-9][0-9]_*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        for exercise_id, where in exercise_format.find_exercises(cells, path.name).items():
            value = exercise_format.placeholder(cells[where.answer].source)
            found.append((path.name, exercise_id, value))
    return found


ANSWER_CELLS = _answer_cells()


def test_every_notebook_placeholder_is_found():
    assert len({exercise_id for _, exercise_id, _ in ANSWER_CELLS}) >= 18


@pytest.mark.parametrize(("notebook", "exercise_id", "placeholder"), ANSWER_CELLS,
                         ids=[f"{i}" for _, i, _ in ANSWER_CELLS])
def test_the_placeholder_a_student_sees_is_not_attempted(notebook, exercise_id, placeholder):
    assert exercise_id.startswith(notebook[:2]), f"{notebook} checks another notebook's exercise"
    assert ex.evaluate(exercise_id, placeholder).status == "not attempted"
