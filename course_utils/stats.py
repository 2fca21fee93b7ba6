"""How sure a test accuracy is: a normal-approximation interval and McNemar's paired test.

Both take per-example correctness (``pred == y``, one boolean per test example), so they
work for any classifier, and two models scored on the same examples can be compared pairwise.
"""

from __future__ import annotations

from course_utils._checks import check_real

import numpy as np

__all__ = ["accuracy_interval", "mcnemar_test"]


def _as_correct(correct, name):
    array = np.asarray(correct)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of booleans, one per example; "
                         f"got shape {array.shape}")
    if array.dtype != bool:
        if not np.isin(array, (0, 1)).all():
            raise ValueError(f"{name} must hold booleans (or 0 and 1), one per example")
        array = array.astype(bool)
    return array


def accuracy_interval(correct, *, z=1.96):
    """Accuracy, its standard error and a normal-approximation interval.

    Parameters
    ----------
    correct : array-like of bool, shape (n,)
        Whether each test example was classified correctly.
    z : float, default 1.96
        Half-width of the interval in standard errors (1.96 for about 95 %).

    Returns
    -------
    tuple of float
        ``(accuracy, standard_error, low, high)``, with ``standard_error``
        ``sqrt(acc · (1 − acc) / n)`` and the interval ``acc ± z · standard_error``.

    Examples
    --------
    >>> acc, se, low, high = accuracy_interval([True] * 90 + [False] * 10)
    >>> round(acc, 2), round(se, 3), round(low, 3), round(high, 3)
    (0.9, 0.03, 0.841, 0.959)
    """
    correct = _as_correct(correct, "correct")
    z = check_real(z, "z", low=0, low_open=True)
    acc = float(correct.mean())
    se = float(np.sqrt(acc * (1 - acc) / correct.size))
    return acc, se, acc - z * se, acc + z * se


def mcnemar_test(correct_a, correct_b):
    """McNemar's exact test of whether two classifiers differ on the same test examples.

    Only the examples on which the two disagree carry information: ``b`` that only A gets
    right, ``c`` that only B gets right. If the two were equally good, each disagreement
    would go either way with probability 1/2, so the p-value is the two-sided binomial
    probability of a split at least as uneven as ``b`` against ``c``.

    Parameters
    ----------
    correct_a, correct_b : array-like of bool, shape (n,)
        Per-example correctness of the two classifiers, on the same examples in the same order.

    Returns
    -------
    tuple
        ``(b, c, p_value)``: the two disagreement counts (ints) and the p-value (float).

    Examples
    --------
    >>> a = [True] * 95 + [False] * 5
    >>> b = [True] * 90 + [False] * 2 + [True] * 3 + [False] * 5
    >>> mcnemar_test(a, b)
    (2, 0, 0.5)
    """
    from scipy.stats import binomtest

    correct_a = _as_correct(correct_a, "correct_a")
    correct_b = _as_correct(correct_b, "correct_b")
    if correct_a.shape != correct_b.shape:
        raise ValueError("correct_a and correct_b must score the same examples; got "
                         f"{correct_a.size} and {correct_b.size} values")
    only_a = int(np.sum(correct_a & ~correct_b))
    only_b = int(np.sum(~correct_a & correct_b))
    if only_a + only_b == 0:
        return 0, 0, 1.0
    p_value = binomtest(only_a, only_a + only_b, 0.5).pvalue
    return only_a, only_b, float(min(p_value, 1.0))
