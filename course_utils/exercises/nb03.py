"""Checks for the exercises of notebook 03 (softmax, cross entropy versus squared error).

- 03.1: the softmax of a batch of two score vectors, one row per example.
- 03.2: the summed squared error and the cross entropy of one confidently wrong prediction.
- 03.3: the gradient of cross entropy through softmax with respect to the scores.
- 03.4: the epoch in which the squared-error unit of section 5, started from zero weights,
  first reaches 95 % accuracy.
"""

from __future__ import annotations

from course_utils.exercises._core import compare_numbers, exercise
from course_utils.losses import softmax

import numpy as np

__all__ = ["BATCH_SCORES", "GRADIENT_SCORES", "PERSON4", "PERSON4_CLASS", "WRONG_START_EPOCH",
           "ZERO_START_EPOCH"]

BATCH_SCORES = np.array([[-1.85, 0.42, 0.15], [1.0, 2.0, 3.0]])
PERSON4 = np.array([0.5, 0.01, 0.49])  # (Other, Republican, Democrat)
PERSON4_CLASS = 1  # a Republican
GRADIENT_SCORES = np.array([-1.85, 0.42, 0.15])  # class 1 correct
# Measured in notebook 03 (full-batch SGD from all-zero weights is deterministic): every
# prediction starts at 0.5, where the sigmoid is steepest, so the first step already fixes it.
ZERO_START_EPOCH = 2
WRONG_START_EPOCH = 65  # the confidently wrong start of section 5, for the hint


def _one_hot(index, n=3):
    return np.eye(n)[index]


@exercise("03.1")
def _softmax_batch(answer):
    Z = BATCH_SCORES
    return compare_numbers(
        answer, softmax(Z), what="your probabilities", probabilities=True, mistakes=[
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
        return f"squared error: {se_hint}"
    ce_hint = compare_numbers(ce_answer, ce, what="the cross entropy", mistakes=[
        (-np.log(PERSON4[0]), "that is -log of the first entry (Other); take the probability of "
         "the correct class, Republican (index 1)"),
        (-np.log(PERSON4).sum(), "you summed -log f_i over all classes; the one-hot y keeps only "
         "the correct class: -log f_c"),
    ])
    return None if ce_hint is None else f"cross entropy: {ce_hint}"


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


@exercise("03.4")
def _zero_start_epoch(answer):
    if answer is None:
        return ("None means the run never reached 95 % accuracy: start from np.zeros((2, 1)) "
                "and np.zeros(1), with the squared-error loss")
    mistakes = {
        ZERO_START_EPOCH - 1: "count epochs from 1, as first_epoch does: index 0 of the history "
        "is epoch 1",
        WRONG_START_EPOCH: "that is the epoch from the confidently wrong start of section 5; "
        "pass all-zero weights: np.zeros((2, 1)) and np.zeros(1)",
    }
    hint = compare_numbers(answer, ZERO_START_EPOCH, atol=0, rtol=0, what="your epoch",
                           mistakes=list(mistakes.items()))
    if hint is None or hint in mistakes.values() or "numbers" in hint or np.size(answer) != 1:
        return hint
    return ("not that epoch: train with train_unit('mean_squared_error', np.zeros((2, 1)), "
            "np.zeros(1)) and read the epoch with first_epoch(run['accuracy'])")
