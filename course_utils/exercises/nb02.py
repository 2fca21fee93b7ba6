"""Checks for the exercises of notebook 02 (the linear classifier).

Every check computes its expected value from the four toy points (``data/toy_points.csv``) and
the numbers the exercise states, so the notebook's trained weights play no part.

- 02.1: the scores of a 3-class linear classifier, in Keras's layout (one row per example).
- 02.2: slope and intercept of the decision boundary of given weights.
- 02.3: one step of plain gradient descent on the MSE, from given weights.
- 02.4: which candidate fifth point keeps the two classes separable by a line.
"""

from __future__ import annotations

from course_utils.datasets import load_toy_points
from course_utils.exercises._core import compare_numbers, exercise

import re

import numpy as np

__all__ = [
    "BOUNDARY_B", "BOUNDARY_W", "SCORES_B", "SCORES_W", "STEP_B", "STEP_RATE", "STEP_W",
    "gradient_step", "scores",
]  # fmt: skip

# 02.1: the lecture's W is (classes, features); b one bias per class.
SCORES_W = np.array([[1.0, -2.0], [0.5, 1.0], [-1.0, 0.5]])
SCORES_B = np.array([0.5, -1.0, 0.0])
# 02.2: f(x) = 0.6 x0 - 0.3 x1 + 0.9, whose boundary is x1 = 2 x0 + 3.
BOUNDARY_W, BOUNDARY_B = (0.6, -0.3), 0.9
# 02.3: one step of size 0.01 from w = (1, 0), b = 0.
STEP_W, STEP_B, STEP_RATE = (1.0, 0.0), 0.0, 0.01


def scores(X, W, b):
    """Scores in Keras's layout: ``X @ W.T + b``, that is X K + b with the kernel K = Wᵀ.

    Parameters
    ----------
    X : array-like of shape (examples, features)
    W : array-like of shape (classes, features)
        The lecture's weight matrix, one row per class.
    b : array-like of shape (classes,)

    Returns
    -------
    numpy.ndarray of shape (examples, classes)
    """
    return np.asarray(X) @ np.asarray(W).T + np.asarray(b)


@exercise("02.1")
def _keras_scores(answer):
    X, _ = load_toy_points()
    return compare_numbers(
        answer,
        scores(X, SCORES_W, SCORES_B),
        what="the score matrix",
        mistakes=[
            (SCORES_W @ X.T + SCORES_B[:, None],
             "that is the lecture's layout W·Xᵀ + b, one column per example; Keras puts one "
             "row per example: X @ K + b with the kernel K = W.T"),
            (X @ SCORES_W.T, "you left out the bias b (one per class, added to every row)"),
            (scores(X, SCORES_W[:2], SCORES_B[:2]),
             "those are the scores of the two-class W and b from the slides above; write the "
             "three-class W and b of this exercise"),
            (X @ SCORES_W.T - SCORES_B, "the bias is added, not subtracted"),
        ],
    )


def _boundary(w, b):
    w0, w1 = w
    return [-w0 / w1, -b / w1]


@exercise("02.2")
def _boundary_line(answer):
    (w0, w1), b = BOUNDARY_W, BOUNDARY_B
    return compare_numbers(
        answer,
        _boundary(BOUNDARY_W, BOUNDARY_B),
        what="(slope, intercept)",
        mistakes=[
            ([w0 / w1, -b / w1], "the slope has the wrong sign: w0·x0 changes sign when it "
                                 "moves to the other side of the equation"),
            ([-w0 / w1, b / w1], "the intercept has the wrong sign: b changes sign when it "
                                 "moves to the other side of the equation"),
            ([w0 / w1, b / w1], "both signs are wrong: w0·x0 and b change sign when they "
                                "move to the other side of the equation"),
            ([-w1 / w0, -b / w0], "you solved for x0: divide by w1 to get x1 as a function of x0"),
            ([-b / w1, -w0 / w1], "you gave (intercept, slope): the order is (slope, intercept)"),
        ],
    )


def gradient_step(X, y, w, b, rate, *, factor=2.0, mean=True, sign=1.0):
    """One gradient-descent step on the MSE of f(x) = x·w + b, or a typical wrong one.

    Parameters
    ----------
    X : array-like of shape (examples, features)
    y : array-like of shape (examples,)
    w : array-like of shape (features,)
    b : float
    rate : float
        The learning rate η.
    factor : float, default 2.0
        The 2 of the derivative of a square; 1.0 reproduces forgetting it.
    mean : bool, default True
        Average over the examples, as the MSE does; False sums instead.
    sign : float, default 1.0
        -1.0 steps uphill, as a swapped error y - f(x) does.

    Returns
    -------
    numpy.ndarray of shape (features + 1,)
        The new weights followed by the new bias.
    """
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
    error = X @ w + b - y
    scale = factor / len(X) if mean else factor
    grad_w, grad_b = scale * X.T @ error, scale * error.sum()
    return np.append(w - sign * rate * grad_w, b - sign * rate * grad_b)


def _flatten_parameters(answer):
    # (w, b) with w of any shape holding 2 numbers, or the 3 numbers [w0, w1, b] directly
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        try:
            return np.concatenate([np.ravel(np.asarray(part, dtype=float)) for part in answer])
        except (TypeError, ValueError):
            return answer  # not numbers: compare_numbers says so
    return answer


@exercise("02.3")
def _one_step(answer):
    X, y = load_toy_points()
    step = (X, y, STEP_W, STEP_B, STEP_RATE)
    error = X @ np.asarray(STEP_W) + STEP_B - y
    gradient = np.append(2 / len(X) * X.T @ error, 2 / len(X) * error.sum())
    return compare_numbers(
        _flatten_parameters(answer),
        gradient_step(*step),
        what="(w, b) after the step",
        mistakes=[
            (gradient, "that is the gradient itself; the step is w - 0.01 * grad_w "
                       "(and the same for b)"),
            (gradient_step(*step, sign=-1.0), "you stepped uphill: subtract the gradient "
                                              "(error = f(x) - y, not y - f(x))"),
            (gradient_step(*step, factor=1.0), "the step is half as large as it should be: the "
                                               "derivative of (f - y)² is 2 (f - y)"),
            (gradient_step(*step, mean=False), "the step is 4 times too large: the MSE averages "
                                               "over the N = 4 points, so divide by N"),
            (gradient_step(*step, factor=1.0, mean=False), "the step is twice too large: the "
                                                           "gradient carries 2/N = 2/4, not 1"),
            (np.append(gradient_step(*step)[:2], STEP_B), "w is right, but b did not move: "
                                                          "step the bias too"),
            (gradient_step(*step)[:2], "that is w alone, and it is right: give the bias too, "
                                       "answer = (w, b)"),
        ],
    )


def _letters(answer):
    if isinstance(answer, str):
        answer = [part for part in re.split(r"[,\s]+", answer.strip()) if part]
    if not isinstance(answer, (list, tuple, set)):
        return None
    if not all(isinstance(part, str) for part in answer):
        return None
    return {part.strip().upper() for part in answer}


@exercise("02.4")
def _fifth_point(answer):
    letters = _letters(answer)
    if letters is None:
        return 'give a list of the letters of the points that can join, such as ["X"] or []'
    if not letters <= {"A", "B"}:
        return f"the candidates are A and B; got {sorted(letters - {'A', 'B'})}"
    hints = []
    if "A" not in letters:
        hints.append("A can join: a line with A on the +1 side exists (the trained line "
                     "already puts (-4, 0) there)")
    if "B" in letters:
        hints.append("B cannot: it is the midpoint of the two -1 points, so any line gives it "
                     "the mean of their two scores, negative when both are negative")
    return "; ".join(hints) or None
