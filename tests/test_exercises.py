"""course_utils.exercises: the verdict lines, the registry and the numeric diagnoses."""

from course_utils import exercises as ex
from course_utils.exercises import _core

import math
import re
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
    assert verdict.kind is ex.Kind.PARTLY_ATTEMPTED


def test_anticipated_mistake_comes_first(demo):
    verdict = ex.evaluate(demo, [0.5, 0.3, 0.2])  # also the right numbers in another order
    assert verdict.hint == "you reversed the classes" and verdict.kind is ex.Kind.ANTICIPATED


def test_a_hint_written_by_the_check_counts_as_anticipated():
    ex.exercise("99.4")(lambda answer: "add the two numbers")
    try:
        verdict = ex.evaluate("99.4", 3)
    finally:
        del _core._REGISTRY["99.4"]
    assert verdict.kind is ex.Kind.ANTICIPATED and verdict.hint == "add the two numbers"


@pytest.mark.parametrize(
    ("answer", "kind", "fragment"),
    [
        ([0.2, 0.3], ex.Kind.SHAPE, "has shape (2,); expected shape (3,)"),
        ([[0.2, 0.3, 0.5]], ex.Kind.RESHAPED, "right values, wrong shape"),
        ([-0.2, -0.3, -0.5], ex.Kind.SIGN, "wrong sign"),
        ([0.2, 0.3, 0.6], ex.Kind.NOT_PROBABILITIES, "sum to 1"),
        ([0.2, -0.1, 0.9], ex.Kind.NOT_PROBABILITIES, "cannot be negative"),
        ("abc", ex.Kind.STRING, "a string, not a number: assign the value you computed"),
        ("0.2 0.3 0.5", ex.Kind.STRING, "a string, not a number"),
        (["0.2", "0.3", "0.5"], ex.Kind.STRING, "holds a string, not a number: write the number "
         "without quotes"),
        ({"a": 1}, ex.Kind.NOT_NUMBERS, "should be numbers (shape (3,)); got dict"),
        ([0.2, np.nan, 0.5], ex.Kind.NOT_FINITE, "nan or inf"),
        ([0.2, None, 0.5], ex.Kind.NONE_VALUE, "holds None: print(x) shows x but returns None"),
        (None, ex.Kind.NONE_VALUE, "None is not an answer: print(x)"),
        ([0.2, 0.5, 0.3], ex.Kind.ORDER, "two entries are swapped"),
        ([0.19, 0.31, 0.5], ex.Kind.DIFFERS, "in entries 1, 2 (counting from 1)"),
    ],
)
def test_generic_diagnoses(demo, answer, kind, fragment):
    verdict = ex.evaluate(demo, answer)
    assert verdict.status is ex.Status.INCORRECT and verdict.kind is kind, verdict
    assert fragment in verdict.hint, verdict.hint


def test_status_is_an_enum_that_prints_as_before(demo):
    verdict = ex.evaluate(demo, [0.2, 0.3, 0.5])
    assert verdict.status is ex.Status.CORRECT and verdict.status == "correct"
    assert ex.NOT_ATTEMPTED is ex.Status.NOT_ATTEMPTED == "not attempted"
    assert ex.evaluate(demo, ...).kind is None


def test_compare_numbers_returns_a_kind_and_its_text():
    diagnosis = ex.compare_numbers([1.0, 2.0], [1.0, 3.0], what="the pair")
    assert diagnosis == ex.Diagnosis(ex.Kind.DIFFERS,
                                     "the pair differs from the expected value in entry 2 "
                                     "(counting from 1)")
    assert str(diagnosis) == diagnosis.text
    assert diagnosis.about("first part") == ex.Diagnosis(ex.Kind.DIFFERS,
                                                         f"first part: {diagnosis.text}")
    assert ex.compare_numbers([1.0, 3.0], [1.0, 3.0]) is None
    assert ex.compare_numbers(2.0, 1.0, mistakes=[(2.0, "doubled")]) == ex.Diagnosis(
        ex.Kind.ANTICIPATED, "doubled")


def test_transposed_and_factors():
    expected = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    kinds = {
        "transposed": (expected.T, ex.Kind.TRANSPOSED),
        "3 times too large": (expected * 3, ex.Kind.FACTOR),
        "a third": (expected / 3, ex.Kind.FACTOR),
        "base 10": (expected / math.log(10), ex.Kind.FACTOR),
        "base 2": (expected / math.log(2), ex.Kind.FACTOR),
        "every entry of your answer is about 7 times the expected one": (expected * 7,
                                                                         ex.Kind.FACTOR),
        "in 1 of 6 entries": (expected + [[0, 0, 1], [0, 0, 0]], ex.Kind.DIFFERS),
    }
    for fragment, (answer, kind) in kinds.items():
        diagnosis = ex.compare_numbers(answer, expected)
        assert diagnosis.kind is kind and fragment in diagnosis.text, diagnosis


def test_an_expected_zero_is_no_factor():
    assert ex.compare_numbers([0.0, 1.0], [0.0, 0.0]).kind is ex.Kind.DIFFERS
    assert ex.compare_numbers([1.0, 1.0], [0.0, 2.0]).kind is ex.Kind.DIFFERS


def test_a_single_number_gets_no_unnamed_factor():
    diagnosis = ex.compare_numbers(7.0, 1.0, what="your bound")
    assert diagnosis == ex.Diagnosis(ex.Kind.DIFFERS,
                                     "your bound is too large: it differs from the "
                                     "expected value")
    # nor a named one by default (0.92**10 is 1/ln 10 of 0.25**10 by coincidence) ...
    assert ex.compare_numbers(0.23**10, 0.25**10, atol=1e-12).kind is ex.Kind.DIFFERS
    # ... unless the exercise has a mean or a log, where the factor says what went wrong
    assert ex.compare_numbers(3.0, 1.0, named_factors=True).kind is ex.Kind.FACTOR
    log10 = ex.compare_numbers(math.log10(5), math.log(5), named_factors=True)
    assert "base 10" in log10.text


def test_a_list_of_parts_of_different_sizes_is_named():
    diagnosis = ex.compare_numbers([np.ones((2, 2)), np.ones(2)], np.ones((2, 2)),
                                   what="your dL/dK1")
    assert diagnosis == ex.Diagnosis(
        ex.Kind.NOT_NUMBERS, "your dL/dK1 should be one array of shape (2, 2); got a list of "
        "2 parts of different sizes")
    assert "should be one number" in ex.compare_numbers(((0.5, 0.9), 0.8), 0.5).text


@pytest.mark.parametrize(("answer", "expected"), [(0.053, 0.0525), (0.052, 0.0525),
                                                   (0.13, 0.125), (0.12, 0.125)])
def test_rounding_half_up_or_half_to_even_is_rounding(answer, expected):
    assert ex.compare_numbers(answer, expected).kind is ex.Kind.ROUNDED


def test_a_number_off_by_more_than_half_a_digit_is_not_rounded():
    assert ex.compare_numbers(0.054, 0.0525).kind is ex.Kind.DIFFERS


SOFTMAX = np.exp([-1.85, 0.42, 0.15]) / np.exp([-1.85, 0.42, 0.15]).sum()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (1.47, 1.4702),
        (4.61, 4.60517),
        (0.82, 45 / 55),
        (np.float32(0.82), 45 / 55),  # float32 digits still read as two decimals
        (1e-6, 0.25**10),
        (230, 229.0145),  # to the tens
        ([0.055, 0.536, 0.409], SOFTMAX),
        ([0.06, 0.54, 0.41], SOFTMAX),  # sums to 1.01: rounded comes first
    ],
)
def test_numbers_rounded_by_hand_are_called_rounded(answer, expected):
    diagnosis = ex.compare_numbers(answer, expected, atol=1e-12, probabilities=True)
    assert diagnosis.kind is ex.Kind.ROUNDED and "close, but rounded" in diagnosis.text


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(0.0, 0.3), (3, 2), (0.7, 0.75), (1.4705123, 1.4702), (1.4, 1.4702),
     (2100, 2080), (2090, 2080)],  # a count is typed exactly, never rounded
)
def test_other_near_misses_are_not_called_rounded(answer, expected):
    assert ex.compare_numbers(answer, expected).kind is not ex.Kind.ROUNDED


def test_a_raising_check_becomes_a_line():
    @ex.exercise("99.2")
    def _check(answer):
        return answer.nonexistent

    try:
        verdict = ex.evaluate("99.2", 3)
    finally:
        del _core._REGISTRY["99.2"]
    assert verdict.status == "incorrect" and "AttributeError" in verdict.hint
    assert verdict.kind is ex.Kind.CHECK_FAILED


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


@pytest.mark.parametrize(
    ("hint", "line"),
    [
        ("your answer is transposed", "Your answer is transposed"),
        ("a third of it", "A third of it"),
        ("tf.multiply creates an op of type Mul", "tf.multiply creates an op of type Mul"),
        ("x² is x**2 (or x * x); you used x", "x² is x**2 (or x * x); you used x"),
        ("x * 2 doubles x", "x * 2 doubles x"),
        ("dL/dK1 is transposed", "dL/dK1 is transposed"),
        ("fan_in only", "fan_in only"),
        ("σ'(0) is 0.25", "σ'(0) is 0.25"),
        ("b1 + b2 adds biases", "b1 + b2 adds biases"),
        ("f - y is the gradient", "f - y is the gradient"),
    ],
)
def test_code_and_maths_keep_their_case(hint, line):
    verdict = ex.Verdict("99.9", ex.Status.INCORRECT, hint)
    assert verdict.line == f"Exercise 99.9: not correct yet. {line}"


def test_no_check_decides_on_a_hints_wording():
    folder = Path(ex.__file__).parent
    for path in sorted(folder.glob("nb*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"hint\.startswith|in hint\b|hint ==|hint !=|in mistakes\.values",
                             source), f"{path.name}: decide on hint.kind, not on its text"


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
