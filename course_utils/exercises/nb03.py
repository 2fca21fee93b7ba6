"""Checks for the exercises of notebook 03 (softmax, cross entropy versus squared error).

- 03.1: the softmax of a batch of two score vectors, one row per example.
- 03.2: the summed squared error and the cross entropy of one confidently wrong prediction.
- 03.3: the gradient of cross entropy through softmax with respect to the scores.
- 03.4: how many times longer cross entropy's kernel gradient is than squared error's, for
  the sigmoid unit of section 5 at its confidently wrong start and at all-zero weights.
"""

from __future__ import annotations

from course_utils.exercises._core import Kind, compare_numbers, exercise
from course_utils.losses import (
    binary_cross_entropy,
    sigmoid,
    sigmoid_cross_entropy_grad,
    sigmoid_squared_error_grad,
    softmax,
)

import numpy as np
from sklearn.datasets import make_blobs

__all__ = ["BATCH_SCORES", "BLOBS", "GRADIENT_SCORES", "PERSON4", "PERSON4_CLASS", "W_WRONG",
           "gradient_ratios"]

BATCH_SCORES = np.array([[-1.85, 0.42, 0.15], [1.0, 2.0, 3.0]])
PERSON4 = np.array([0.5, 0.01, 0.49])  # (Other, Republican, Democrat)
PERSON4_CLASS = 1  # a Republican
GRADIENT_SCORES = np.array([-1.85, 0.42, 0.15])  # class 1 correct
# 03.4: section 5's two blobs and its confidently wrong start, made as the notebook makes them
BLOBS = {"n_samples": 200, "centers": [(-1.5, -1.5), (1.5, 1.5)], "random_state": 0}
W_WRONG = np.array([[-3.0], [-3.0]])


def _one_hot(index, n=3):
    return np.eye(n)[index]


@exercise("03.1")
def _softmax_batch(answer):
    Z = BATCH_SCORES
    return compare_numbers(
        answer, softmax(Z), what="your softmax", probabilities=True, mistakes=[
            (softmax(Z.T).T, "each column sums to 1: you normalised over the examples "
             "(axis 0); softmax normalises each row over the classes (axis=-1, keepdims=True)"),
            (np.exp(Z) / np.exp(Z).sum(), "the whole batch sums to 1, not each row: divide each "
             "row by its own sum (axis=-1, keepdims=True)"),
            (np.exp(Z), "these are e^z before the division: divide each row by its sum"),
            (Z / Z.sum(axis=-1, keepdims=True), "you divided the scores by their sum; softmax "
             "exponentiates first: e^z / sum(e^z)"),
            (softmax(-Z), "the smallest score got the largest probability: exponentiate z, "
             "not -z (subtracting the maximum is fine, negating is not)"),
        ])


@exercise("03.2")
def _two_losses(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return "give a pair: answer = (squared_error, cross_entropy)"
    se_answer, ce_answer = answer
    y = _one_hot(PERSON4_CLASS)
    se = float(((PERSON4 - y) ** 2).sum())
    ce = float(-np.log(PERSON4[PERSON4_CLASS]))
    whole = compare_numbers(answer, [se, ce])
    if whole is not None and whole.kind is Kind.ORDER:
        return "the two numbers are swapped: answer = (squared_error, cross_entropy)"
    se_hint = compare_numbers(se_answer, se, what="the squared error", mistakes=[
        (se / 3, "the squared error is a third of the expected value: that is Keras's "
         "MeanSquaredError, which averages over the 3 classes; sum over them instead"),
        ((PERSON4[PERSON4_CLASS] - 1) ** 2, "that is the correct class's term only: sum "
         "(f_i - y_i)^2 over all three classes"),
        (np.sqrt(se), "that is the square root of the squared error: leave out np.sqrt"),
        # The one-hot y of a wrong class; for Other its error happens to be 1.0002 / 3 of the
        # right one, which the generic check would misread as Keras's averaging.
        *((((PERSON4 - _one_hot(wrong)) ** 2).sum(), "that is the squared error against the "
           f"one-hot y of {name}; the person is a Republican: y = [0, 1, 0]")
          for wrong, name in ((0, "Other"), (2, "Democrat"))),
    ])
    if se_hint is not None:
        return se_hint.about("squared error")
    ce_hint = compare_numbers(ce_answer, ce, what="the cross entropy", named_factors=True,
                              mistakes=[
        (-np.log(PERSON4[0]), "that is -log of the first entry (Other); take the probability of "
         "the correct class, Republican (index 1)"),
        (-np.log(PERSON4).sum(), "you summed -log f_i over all classes; the one-hot y keeps only "
         "the correct class: -log f_c"),
    ])
    return None if ce_hint is None else ce_hint.about("cross entropy")


@exercise("03.3")
def _softmax_gradient(answer):
    f = softmax(GRADIENT_SCORES)
    y = _one_hot(1)
    return compare_numbers(answer, f - y, what="your gradient", mistakes=[
        (y - f, "wrong sign: that is -dH/dz, the direction that lowers the loss; the gradient "
         "itself is f - y"),
        (f, "that is softmax(z) itself: subtract the one-hot y (the gradient is f - y)"),
        (-y / f, "that is dH/df, the gradient with respect to the probabilities; the exercise "
         "asks for the scores z, through the softmax"),
    ])


def _starts(W_wrong):
    return ((W_wrong, np.zeros(1)), (np.zeros((2, 1)), np.zeros(1)))


def gradient_ratios(measure="kernel", *, se_factor=2.0, W_wrong=W_WRONG):
    """03.4's answer, or a typical wrong one: per start, cross entropy's over squared error's.

    Parameters
    ----------
    measure : {"kernel", "push", "loss"}, default "kernel"
        What to compare: the lengths of the kernel gradients ∂L/∂K (the answer), the mean push
        |∂L/∂z| on the scores, or the losses themselves.
    se_factor : float, default 2.0
        The 2 of the derivative of (p - y)²; 1.0 reproduces forgetting it.
    W_wrong : array of shape (2, 1)
        The wrong start's kernel (its bias is 0).

    Returns
    -------
    tuple of float
        (ratio at the wrong start, ratio at all-zero weights).
    """
    if measure not in ("kernel", "push", "loss"):
        raise ValueError(f"measure must be 'kernel', 'push' or 'loss'; got {measure!r}")
    X, y = make_blobs(**BLOBS)
    ratios = []
    for W, b in _starts(W_wrong):
        z = (X @ W + b)[:, 0]
        ce, se = sigmoid_cross_entropy_grad(y, z), sigmoid_squared_error_grad(y, z) * se_factor / 2
        if measure == "kernel":
            ratios.append(np.linalg.norm(X.T @ ce) / np.linalg.norm(X.T @ se))
        elif measure == "push":
            ratios.append(np.abs(ce).mean() / np.abs(se).mean())
        else:
            p = sigmoid(z)
            ratios.append(binary_cross_entropy(y, p).mean() / ((p - y) ** 2).mean())
    return tuple(float(r) for r in ratios)


@exercise("03.4")
def _gradient_ratios(answer):
    try:
        shape = np.shape(answer)
    except ValueError:  # parts of different shapes
        shape = None
    if shape == () or (isinstance(answer, (tuple, list)) and len(answer) != 2):
        return "give a pair: answer = (ratio at W_wrong, ratio at all-zero weights)"
    if shape is None or shape[1:] not in ((), (1,)):
        return ("give one number per start: the ratio of the two gradients' lengths "
                "(np.linalg.norm of each), not one ratio per weight")
    wrong, zero = gradient_ratios()
    return compare_numbers(answer, (wrong, zero), rtol=1e-3, what="your pair", mistakes=[
        ((zero, wrong), "the first number is for section 5's wrong start (W_wrong, b_wrong), "
         "the second for all-zero weights"),
        ((1 / wrong, 1 / zero), "you divided squared error's gradient by cross entropy's: "
         "give how many times longer cross entropy's is"),
        ((wrong, wrong), "both numbers are for the wrong start: the second is for all-zero "
         "weights, np.zeros((2, 1)) and np.zeros(1)"),
        ((zero, zero), "both numbers are for all-zero weights: the first is for section 5's "
         "W_wrong and b_wrong"),
        (gradient_ratios(se_factor=1.0), "squared error's gradient misses a 2: the derivative "
         "of (p - y)² is 2(p - y)·σ′(z)"),
        (gradient_ratios("push"), "those compare the mean push |∂L/∂z| on the scores; the "
         "kernel's gradient weighs each point's push by its x: X_b.T @ dL/dz / N"),
        (gradient_ratios("loss"), "those compare the losses themselves; a step follows the "
         "gradient, so compare the gradients with respect to the kernel"),
        (gradient_ratios(W_wrong=2 * W_WRONG), "that is the start of section 5's last slide, "
         "2 * W_wrong; use W_wrong itself"),
    ])
