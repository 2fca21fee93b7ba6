"""Exercises of notebook 03: each accepts its solution, calls ``...`` not attempted, and names
the typical mistakes."""

from course_utils.exercises import Kind, evaluate, nb03

import json
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

Z = nb03.BATCH_SCORES
PERSON4 = nb03.PERSON4


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


SE4 = float(((PERSON4 - [0, 1, 0]) ** 2).sum())
CE4 = float(-np.log(PERSON4[1]))
GRAD = softmax(nb03.GRADIENT_SCORES) - [0, 1, 0]
RATIOS = nb03.gradient_ratios()

SOLUTIONS = {
    "03.1": softmax(Z),
    "03.2": (SE4, CE4),
    "03.3": GRAD,
    "03.4": RATIOS,
}


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_solution_is_correct(exercise_id):
    assert evaluate(exercise_id, SOLUTIONS[exercise_id]).status == "correct"


def test_other_dtypes_and_containers_pass():
    assert evaluate("03.1", softmax(Z).astype(np.float32).tolist()).status == "correct"
    assert evaluate("03.2", [np.float32(SE4), np.float64(CE4)]).status == "correct"
    assert evaluate("03.3", tuple(GRAD)).status == "correct"
    assert evaluate("03.4", np.array(RATIOS, dtype=np.float32)).status == "correct"
    assert evaluate("03.4", [229.0, 2]).status == "correct"  # within 0.1 %


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
        ("03.1", softmax(Z).round(3), "close, but rounded"),
        ("03.2", (1.47, 4.61), "squared error: close, but rounded"),
        ("03.2", (SE4, 4.61), "cross entropy: close, but rounded"),
        ("03.2", (CE4, SE4), "the two numbers are swapped"),
        ("03.2", (4.61, 1.47), "the two numbers are swapped"),
        ("03.2", (SE4, None), "cross entropy: None is not an answer"),
        ("03.2", ("1.47", CE4), "squared error: the squared error is a string"),
        ("03.3", GRAD.round(4), "close, but rounded"),
        ("03.4", RATIOS[::-1], "the first number is for section 5's wrong start"),
        ("03.4", (1 / RATIOS[0], 1 / RATIOS[1]), "divided squared error's gradient"),
        ("03.4", (RATIOS[0], RATIOS[0]), "both numbers are for the wrong start"),
        ("03.4", (2.0, 2.0), "both numbers are for all-zero weights"),
        ("03.4", nb03.gradient_ratios(se_factor=1.0), "misses a 2"),
        ("03.4", nb03.gradient_ratios("push"), "mean push"),
        ("03.4", nb03.gradient_ratios("loss"), "the losses themselves"),
        ("03.4", nb03.gradient_ratios(W_wrong=2 * nb03.W_WRONG), "2 * W_wrong"),
        ("03.4", (230, 2), "close, but rounded"),
        ("03.4", (65, 2), "differs from the expected value"),
        ("03.4", 229.0, "give a pair"),
        ("03.4", ([226.9, 231.4], [2.0, 2.0]), "not one ratio per weight"),
        ("03.4", ([226.9, 231.4], 2.0), "not one ratio per weight"),
        ("03.4", [[229.0145], [2.0]], "right values, wrong shape"),
        ("03.4", None, "print(x)"),
    ],
)
def test_typical_mistakes_get_their_hint(exercise_id, answer, fragment):
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "incorrect"
    assert fragment in verdict.hint, verdict.hint


def test_the_hints_agree_with_their_subject():
    line = evaluate("03.1", softmax(Z).T).line
    assert "Your softmax is transposed" in line and "probabilities is" not in line


def test_a_swapped_pair_is_not_called_a_factor():
    verdict = evaluate("03.2", (CE4, SE4))
    assert "factor" not in verdict.hint and verdict.kind is Kind.ANTICIPATED
    assert evaluate("03.2", (SE4, -CE4)).kind is Kind.SIGN  # a part's kind survives its label


def _gradient_tape_ratio(W, b):
    """The kernel gradients' length ratio, measured with Keras's own losses and a tape."""
    X, y = nb03.make_blobs(**nb03.BLOBS)
    unit = tf.keras.Sequential([tf.keras.Input((2,)),
                                tf.keras.layers.Dense(1, activation="sigmoid")])
    unit.set_weights([W, b])
    lengths = []
    for loss in ("binary_crossentropy", "mean_squared_error"):
        with tf.GradientTape() as tape:
            value = tf.reduce_mean(tf.keras.losses.get(loss)(y[:, None].astype("float32"),
                                                             unit(X)))
        lengths.append(np.linalg.norm(tape.gradient(value, unit.trainable_weights[0])))
    return lengths[0] / lengths[1]


def test_the_gradient_ratios_match_keras():
    measured = [_gradient_tape_ratio(nb03.W_WRONG, np.zeros(1)),
                _gradient_tape_ratio(np.zeros((2, 1)), np.zeros(1))]
    assert evaluate("03.4", measured).status == "correct", measured
    assert RATIOS[1] == 2.0 and RATIOS[0] > 200, "the notebook says: more than 200 times longer"
    # from zero weights the two losses push alike, so the old question (squared error's epoch)
    # had the same answer for either loss; the new one does not
    assert evaluate("03.4", (1.0, 1.0)).status == "incorrect"


def test_the_notebook_trains_on_the_checks_data():
    notebook = Path(__file__).parent.parent / "notebooks/03_softmax_cross_entropy.ipynb"
    source = "".join("".join(cell["source"]) for cell in json.loads(notebook.read_text())["cells"])
    assert "make_blobs(200, centers=[(-1.5, -1.5), (1.5, 1.5)], random_state=0)" in source
    assert "W_wrong, b_wrong = np.array([[-3.0], [-3.0]]), np.zeros(1)" in source


def test_gradient_ratios_names_a_bad_measure():
    with pytest.raises(ValueError, match="measure must be 'kernel', 'push' or 'loss'; got 'z'"):
        nb03.gradient_ratios("z")
