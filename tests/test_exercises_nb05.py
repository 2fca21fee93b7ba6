"""Notebook 05's exercise checks: solutions pass, placeholders are "not attempted", and the
typical mistakes get their own hints."""

from course_utils.exercises import evaluate

import math

import numpy as np
import pytest

# Section 1's network, written out again so the tests do not lean on the module under test.
K1 = np.array([[0.5, -0.4], [0.3, 0.8]])
b1 = np.array([0.1, -0.1])
K2 = np.array([[0.7], [-0.6]])
b2 = np.array([0.2])


def backprop_k1(x, y, tanh_prime=True):
    x = np.array([x], dtype=float)
    h = np.tanh(x @ K1 + b1)
    p = 1 / (1 + np.exp(-(h @ K2 + b2)))
    delta1 = (p - y) @ K2.T * ((1 - h**2) if tanh_prime else 1)
    return x.T @ delta1


def adam_step(g, lr=0.01, form="keras"):
    """Adam's first step, written out: Keras folds the bias correction into the rate."""
    m, v = 0.1 * g, 0.001 * g**2
    if form == "textbook":
        return -lr * (m / 0.1) / (np.sqrt(v / 0.001) + 1e-7)
    alpha = lr * np.sqrt(0.001) / 0.1 if form == "keras" else lr
    return -alpha * m / (np.sqrt(v) + 1e-7)


TINY_G = np.array([5e-7, -2e-6])


XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def bug_errors(absolute=False, summed=False):
    """Per-parameter errors of suspect_backprop, from central differences written out here."""
    from course_utils.exercises.nb05 import suspect_backprop

    params = [K1.copy(), b1.copy(), K2.copy(), b2.copy()]

    def mean_loss():
        p = 1 / (1 + np.exp(-(np.tanh(XOR_X @ params[0] + params[1]) @ params[2] + params[3])))
        losses = -(XOR_Y * np.log(p) + (1 - XOR_Y) * np.log(1 - p))
        return float(losses.sum() if summed else losses.mean())

    numeric = []
    for p in params:
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            saved = p[i]
            p[i] = saved + 1e-6
            up = mean_loss()
            p[i] = saved - 1e-6
            g[i] = (up - mean_loss()) / 2e-6
            p[i] = saved
        numeric.append(g)
    suspect = suspect_backprop(K1, b1, K2, b2, XOR_X, XOR_Y)
    return [np.linalg.norm(a - s) / (1 if absolute else np.linalg.norm(a) + np.linalg.norm(s))
            for a, s in zip(numeric, suspect, strict=True)]


SOLUTIONS = {
    "05.1": backprop_k1([0, 1], 1),
    "05.2": adam_step(TINY_G),
    "05.3": math.sqrt(6 / 96),
    "05.4": 0.25**10,
    "05.5": (bug_errors(), "b1"),
    "05.6": (-0.02 * 0.5 / (1 - 0.9), 44),
}

MISTAKES = [
    ("05.1", backprop_k1([0, 1], 1, tanh_prime=False), "tanh derivative is missing"),
    ("05.1", backprop_k1([1, 0], 1), "section 1's example"),
    ("05.1", np.array([[0.0], [1.0]]) @ backprop_k1([1, 0], 1)[:1], "section 1's delta1"),
    ("05.1", backprop_k1([0, 1], 1).T, "transposed"),
    ("05.1", -backprop_k1([0, 1], 1), "wrong sign"),
    ("05.1", np.vstack([backprop_k1([0, 1], 1)[1]] * 2), "must be 0"),
    ("05.1", float(backprop_k1([0, 1], 1)[1, 0]), "make x a 1 x 2 row"),
    ("05.2", -0.01 * TINY_G, "plain SGD's step"),
    ("05.2", adam_step(TINY_G, form="uncorrected"), "bias correction"),
    ("05.2", adam_step(TINY_G, form="textbook"), "the textbook form"),
    ("05.2", np.array([-0.01, 0.01]), "-lr * sign(g)"),
    ("05.2", np.array([0.01, -0.01]), "wrong sign"),
    ("05.2", -0.01 * (TINY_G / (np.abs(TINY_G) + 1e-8)), "the paper's epsilon, 1e-8"),
    ("05.4", 0.0, "too small"),
    ("05.3", 6 / 96, "square root"),
    ("05.3", math.sqrt(2 / 96), "Glorot *normal*"),
    ("05.4", 0.5**10, "slope there"),
    ("05.4", 2.5, "multiplies"),
    ("05.4", 0.25, "one layer's factor"),
    ("05.4", 1e-6, "close, but rounded"),
    ("05.4", 0.25**9, "nine factors"),
    ("05.4", 0.23**10, "the largest slope the sigmoid has"),
    ("05.1", [backprop_k1([0, 1], 1), np.zeros(2), np.zeros((2, 1)), np.zeros(1)],
     "only dL/dK1"),
    ("05.5", ("b1", bug_errors()), "the pair is (errors, name)"),
    ("05.5", (np.array(bug_errors()) * 1e5 + 0.2, "b1"), "need float64"),
    ("05.1", "[[0.1, 0.2], [0.3, 0.4]]", "is a string"),
    ("05.3", math.sqrt(6 / 64), "32 inputs and 32 units"),
    ("05.5", "b1", "should be a pair"),
    ("05.5", (0.3, "b1"), "one relative error per parameter"),
    ("05.5", ([1e-10, 2e-10, 1e-11, 3e-11], "b1"), "all four errors are tiny"),
    ("05.5", (bug_errors(absolute=True), "b1"), "absolute differences"),
    ("05.5", (bug_errors(), "K1"), "not the wrong one"),
    ("05.5", (bug_errors(summed=True), "b1"), "average them"),
    ("05.5", (bug_errors(), "bias"), "'K1', 'b1', 'K2' or 'b2'"),
    ("05.6", (-0.01, 44), "plain SGD's step"),
    ("05.6", (-0.2, 44), "effective learning rate"),
    ("05.6", (-0.01 / 1.9, 44), "v (1 - mu) = -lr * g"),
    ("05.6", (-0.1 * (1 - 0.9**10), 44), "not yet steady"),
    ("05.6", (0.1, 44), "wrong sign"),
    ("05.6", -0.1, "should be a pair"),
    ("05.6", (-0.1, 43), "not yet 99 %"),
    ("05.6", (-0.1, 10), "time constant"),
    ("05.6", (-0.1, 22), "geometric series"),
    ("05.6", (-0.1, "44"), "should be a step number"),
]


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_the_worked_solution_is_correct(exercise_id):
    verdict = evaluate(exercise_id, SOLUTIONS[exercise_id])
    assert verdict.status == "correct", verdict.line


@pytest.mark.parametrize(("exercise_id", "answer", "fragment"), MISTAKES)
def test_typical_mistakes_get_their_hint(exercise_id, answer, fragment):
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "incorrect" and fragment in verdict.hint, verdict.line


def test_lists_and_float32_are_accepted():
    assert evaluate("05.1", SOLUTIONS["05.1"].astype(np.float32).tolist()).status == "correct"
    assert evaluate("05.5", list(SOLUTIONS["05.5"])).status == "correct"
    assert evaluate("05.2", adam_step(TINY_G).astype(np.float32).tolist()).status == "correct"


def test_parts_left_as_placeholders_are_counted():
    assert evaluate("05.5", (..., ...)).status == "not attempted"
    assert "parts are still ..." in evaluate("05.5", (bug_errors(), ...)).hint
    assert evaluate("05.6", (..., ...)).status == "not attempted"
    assert evaluate("05.6", [-0.1, 44.0]).status == "correct"


def test_section_3s_dict_of_errors_is_read_in_order():
    errors = dict(zip(["dL/dK1", "dL/db1", "dL/dK2", "dL/db2"], bug_errors(), strict=True))
    assert evaluate("05.5", (errors, "b1")).status == "correct"


def test_hints_name_the_answer_in_the_singular_and_never_give_it():
    hint = evaluate("05.5", (bug_errors()[::-1], "b1")).hint
    assert "your list of relative errors has the right numbers" in hint, hint
    assert "0.25 **" not in evaluate("05.4", 9.5e-7).hint
    assert "0.14" not in evaluate("05.3", np.sqrt(1 / 96)).hint  # never the gap to the answer
    assert "98.9 % of its final value" in evaluate("05.6", (-0.1, 43)).hint


def test_text_gets_a_line_not_an_error():
    assert "a string, not a number" in evaluate("05.4", "abc").hint


def test_a_wrong_shape_is_named():
    verdict = evaluate("05.1", np.zeros(3))
    assert "shape (3,)" in verdict.hint
