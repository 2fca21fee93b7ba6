"""Exercises of notebook 02: each check accepts the solution, reports the placeholder as not
attempted, and answers typical wrong answers with their own hint."""

from course_utils.datasets import load_toy_points
from course_utils.exercises import evaluate, nb02

import numpy as np
import pytest

X, y = load_toy_points()


def hint(exercise_id, answer):
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "incorrect", f"{answer!r} was accepted"
    return verdict.hint


# 02.1 -- scores in Keras's layout


def test_keras_scores_are_accepted():
    answer = X @ nb02.SCORES_W.T + nb02.SCORES_B
    assert answer.shape == (4, 3)
    assert evaluate("02.1", answer).status == "correct"
    assert evaluate("02.1", answer.astype(np.float32).tolist()).status == "correct"


def test_keras_scores_agree_with_a_dense_layer():
    import keras

    dense = keras.layers.Dense(3, name="three_scores")
    dense.build((None, 2))
    dense.set_weights([nb02.SCORES_W.T, nb02.SCORES_B])  # the kernel is W transposed
    answer = keras.ops.convert_to_numpy(dense(X))
    assert evaluate("02.1", answer).status == "correct"


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (nb02.SCORES_W @ X.T + nb02.SCORES_B[:, None], "lecture's layout"),
        (X @ nb02.SCORES_W.T, "left out the bias"),
        (X @ nb02.SCORES_W.T - nb02.SCORES_B, "added, not subtracted"),
        (X @ np.array([[1.0, -2.0], [0.5, 1.0]]).T + [0.5, -1.0], "two-class W and b"),
        (np.zeros((4, 2)), "shape (4, 2)"),
    ],
)
def test_keras_score_mistakes(answer, fragment):
    assert fragment in hint("02.1", answer)


# 02.2 -- the boundary line


def test_boundary_is_accepted_and_lies_on_the_line():
    (w0, w1), b = nb02.BOUNDARY_W, nb02.BOUNDARY_B
    slope, intercept = -w0 / w1, -b / w1
    x0 = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(w0 * x0 + w1 * (slope * x0 + intercept) + b, 0, atol=1e-12)
    assert evaluate("02.2", (slope, intercept)).status == "correct"
    assert evaluate("02.2", [2, 3]).status == "correct"


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ((-2.0, 3.0), "slope has the wrong sign"),
        ((2.0, -3.0), "intercept has the wrong sign"),
        ((0.5, -1.5), "solved for x0"),
        ((3.0, 2.0), "(intercept, slope)"),
        ((-2.0, -3.0), "both signs are wrong"),
    ],
)
def test_boundary_mistakes(answer, fragment):
    assert fragment in hint("02.2", answer)


# 02.3 -- one gradient step


def test_gradient_step_by_hand():
    w_new, b_new = np.array([0.78, 0.06]), -0.02  # worked out on paper
    np.testing.assert_allclose(nb02.gradient_step(X, y, nb02.STEP_W, nb02.STEP_B, 0.01),
                               [0.78, 0.06, -0.02])
    assert evaluate("02.3", (w_new, b_new)).status == "correct"
    assert evaluate("02.3", (w_new.reshape(2, 1), np.array([b_new]))).status == "correct"
    assert evaluate("02.3", [0.78, 0.06, -0.02]).status == "correct"


def test_gradient_step_agrees_with_keras_sgd():
    import keras

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, name="score")])
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=nb02.STEP_RATE))
    model.set_weights([np.array([[1.0], [0.0]]), np.array([0.0])])
    model.fit(X, y, epochs=1, batch_size=len(X), shuffle=False, verbose=0)
    kernel, bias = model.get_weights()
    assert evaluate("02.3", (kernel, bias)).status == "correct"


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ([22.0, -6.0, 2.0], "the gradient itself"),
        ([1.22, -0.06, 0.02], "stepped uphill"),
        ([0.89, 0.03, -0.01], "half as large"),
        ([0.12, 0.24, -0.08], "4 times too large"),
        ([0.56, 0.12, -0.04], "twice too large"),
        ([0.78, 0.06, 0.0], "step the bias too"),
        (np.array([0.78, 0.06]), "that is w alone"),
        (([0.78, 0.06], "b"), "holds a string, not a number"),
        ([0.78, 0.06, 0.0, 0.0], "shape (4,)"),
    ],
)
def test_gradient_step_mistakes(answer, fragment):
    assert fragment in hint("02.3", answer)


# 02.4 -- a fifth point


@pytest.mark.parametrize("answer", [["A"], ("a",), {"A"}, "A"])
def test_fifth_point_accepted(answer):
    assert evaluate("02.4", answer).status == "correct"


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (["A", "B"], "midpoint of the two -1 points"),
        ([], "A can join"),
        (["B"], "A can join"),
        (["C"], "candidates are A and B"),
        (True, "list of the letters"),
        ([1, 2], "list of the letters"),
    ],
)
def test_fifth_point_mistakes(answer, fragment):
    assert fragment in hint("02.4", answer)


def test_fifth_point_b_is_the_midpoint():
    np.testing.assert_allclose((X[0] + X[1]) / 2, [3.5, -1.0])
