"""Exercises of notebook 03: each accepts its solution, calls ``...`` not attempted, and names
the typical mistakes."""

from course_utils.exercises import evaluate, nb03

import numpy as np
import pytest

Z = nb03.BATCH_SCORES
PERSON4 = nb03.PERSON4


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


SE4 = float(((PERSON4 - [0, 1, 0]) ** 2).sum())
CE4 = float(-np.log(PERSON4[1]))
GRAD = softmax(nb03.GRADIENT_SCORES) - [0, 1, 0]

SOLUTIONS = {
    "03.1": softmax(Z),
    "03.2": (SE4, CE4),
    "03.3": GRAD,
    "03.4": 2,
}


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_solution_is_correct(exercise_id):
    assert evaluate(exercise_id, SOLUTIONS[exercise_id]).status == "correct"


def test_other_dtypes_and_containers_pass():
    assert evaluate("03.1", softmax(Z).astype(np.float32).tolist()).status == "correct"
    assert evaluate("03.2", [np.float32(SE4), np.float64(CE4)]).status == "correct"
    assert evaluate("03.3", tuple(GRAD)).status == "correct"
    assert evaluate("03.4", np.int64(2)).status == "correct"
    assert evaluate("03.4", 2.0).status == "correct"


def test_sum_of_squares_values_are_the_notebooks():
    assert np.isclose(SE4, 1.4702) and np.isclose(CE4, 4.60517, atol=1e-5)


@pytest.mark.parametrize(
    ("exercise_id", "answer", "fragment"),
    [
        ("03.1", softmax(Z, axis=0), "normalised over the examples"),
        ("03.1", np.exp(Z) / np.exp(Z).sum(), "whole batch sums to 1"),
        ("03.1", np.exp(Z), "before the division"),
        ("03.1", Z / Z.sum(axis=-1, keepdims=True), "exponentiates first"),
        ("03.1", softmax(-Z), "not -z"),
        ("03.1", softmax(Z).T, "transposed"),
        ("03.1", softmax(Z)[0], "shape (3,)"),
        ("03.2", (SE4 / 3, CE4), "Keras's MeanSquaredError"),
        ("03.2", (0.99**2, CE4), "correct class's term only"),
        # 0.4902 is within 0.02 % of SE4 / 3: it must not be taken for Keras's averaging
        ("03.2", (0.5**2 + 0.01**2 + 0.49**2, -np.log(0.5)), "one-hot y of Other"),
        ("03.2", (0.5**2 + 0.01**2 + 0.51**2, CE4), "one-hot y of Democrat"),
        ("03.2", (SE4, CE4 / np.log(10)), "base 10"),
        ("03.2", (SE4, -CE4), "cross entropy: the cross entropy has the wrong sign"),
        ("03.2", (SE4, -np.log(0.5)), "first entry (Other)"),
        ("03.2", (SE4, -np.log(PERSON4).sum()), "summed -log f_i"),
        ("03.2", SE4, "give a pair"),
        ("03.2", (SE4, ...), "1 of 2 parts"),
        ("03.3", -GRAD, "wrong sign"),
        ("03.3", softmax(nb03.GRADIENT_SCORES), "softmax(z) itself"),
        ("03.3", -np.array([0, 1, 0]) / softmax(nb03.GRADIENT_SCORES), "dH/df"),
        ("03.4", 1, "count epochs from 1"),
        ("03.4", nb03.WRONG_START_EPOCH, "confidently wrong start"),
        ("03.4", None, "never reached 95 %"),
        ("03.4", 3, "not that epoch"),
    ],
)
def test_typical_mistakes_get_their_hint(exercise_id, answer, fragment):
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "incorrect"
    assert fragment in verdict.hint, verdict.hint
