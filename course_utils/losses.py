"""NumPy reference versions of softmax, cross entropy and squared error, with their gradients.

These are the formulas of notebook 03 written out plainly, so a reader can check Keras and
TensorFlow against them (and the tests do). Everything works on the last axis, one example per
row: ``y_true`` and ``probs`` have shape ``(n_examples, n_classes)`` (or ``(n_classes,)`` for a
single example) and the losses return one value per example, shape ``(n_examples,)``.

Two conventions differ from Keras on purpose, because they are the slides' conventions:

- ``squared_error`` sums over the classes; ``keras.losses.MeanSquaredError`` averages over
  them, so it reports these figures divided by the number of classes.
- ``cross_entropy`` uses the natural log and does not clip: a correct class with probability 0
  costs ``inf``. Keras clips probabilities to ``[1e-7, 1 - 1e-7]`` first.

The binary helpers cover one sigmoid unit, where the score ``z`` gives ``p = sigmoid(z)``, the
probability of class 1.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_int

__all__ = [
    "SUM_TOLERANCE",
    "softmax",
    "cross_entropy",
    "squared_error",
    "softmax_cross_entropy_grad",
    "softmax_squared_error_grad",
    "sigmoid",
    "binary_cross_entropy",
    "sigmoid_cross_entropy_grad",
    "sigmoid_squared_error_grad",
]

#: How far a row of probabilities may sum away from 1 and still count as a distribution
#: (float32 outputs of Keras are off by about 1e-7 per class).
SUM_TOLERANCE = 1e-4


def _as_float_array(value, name: str) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of numbers; got {type(value).__name__}") from exc
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one axis (the classes); got a scalar")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    return arr


def _check_scores(scores, name: str = "scores") -> np.ndarray:
    arr = _as_float_array(scores, name)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite; got an infinite value")
    return arr


def _check_probs(arr: np.ndarray, name: str, *, distribution: bool) -> np.ndarray:
    if arr.min() < 0 or arr.max() > 1:
        raise ValueError(
            f"{name} must lie in [0, 1]; got values from {arr.min():.4g} to {arr.max():.4g}"
        )
    if distribution:
        sums = arr.sum(axis=-1)
        if not np.allclose(sums, 1.0, rtol=0, atol=SUM_TOLERANCE):
            raise ValueError(
                f"each row of {name} must sum to 1 over the classes (last axis, within "
                f"{SUM_TOLERANCE}); got sums from {sums.min():.6g} to {sums.max():.6g}"
            )
    return arr


def _check_pair(y_true, other, other_name: str, *, distribution: bool):
    """Validate ``y_true`` against ``probs`` (or ``scores``): types, shapes, then values."""
    y = _as_float_array(y_true, "y_true")
    if other_name == "scores":
        o = _check_scores(other)
    else:
        o = _as_float_array(other, other_name)
    if y.shape != o.shape:
        raise ValueError(
            f"y_true and {other_name} must have the same shape; got {y.shape} and {o.shape}"
        )
    _check_probs(y, "y_true", distribution=distribution)
    if other_name == "probs":
        _check_probs(o, "probs", distribution=distribution)
    return y, o


def softmax(scores, axis: int = -1) -> np.ndarray:
    """Turn scores into probabilities: ``exp(f_i) / sum_j exp(f_j)`` along ``axis``.

    Subtracting the largest score first leaves the result unchanged (the factor ``exp(-max)``
    cancels) and keeps every exponent at most 0, so scores like 1000 do not overflow.

    Parameters
    ----------
    scores : array-like
        Real scores (logits), any shape.
    axis : int, default -1
        The axis that holds the classes.

    Examples
    --------
    >>> softmax([-1.85, 0.42, 0.15]).round(3)
    array([0.055, 0.536, 0.409])
    """
    arr = _check_scores(scores)
    axis = check_int(axis, "axis")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis {axis} is out of range for scores with {arr.ndim} dimension(s)")
    shifted = arr - arr.max(axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)


def cross_entropy(y_true, probs) -> np.ndarray:
    """Cross entropy ``H_y(f) = -sum_i y_i log f_i`` per example (natural log).

    For a one-hot ``y_true`` this is ``-log f_c``, the negative log probability of the
    correct class ``c``. It grows without bound as ``f_c`` goes to 0 (``inf`` at exactly 0).

    Parameters
    ----------
    y_true : array-like
        Targets: a distribution over the classes (one-hot or soft).
    probs : array-like
        Predicted probabilities, each row a distribution, with the shape of ``y_true``.
    """
    y, p = _check_pair(y_true, probs, "probs", distribution=True)
    # Only classes with y_i > 0 contribute; this avoids 0 * log(0) = nan for the others.
    used = y > 0
    with np.errstate(divide="ignore"):
        logs = np.log(np.where(used, p, 1.0))
    return -np.sum(np.where(used, y * logs, 0.0), axis=-1)


def squared_error(y_true, probs) -> np.ndarray:
    """Squared error ``sum_i (f_i - y_i)^2`` per example, summed over the classes.

    For distributions it is at most 2 (all the probability on one wrong class).
    ``keras.losses.MeanSquaredError`` averages over the classes instead of summing.

    Parameters
    ----------
    y_true : array-like
        Targets: a distribution over the classes (one-hot or soft).
    probs : array-like
        Predicted probabilities, each row a distribution, with the shape of ``y_true``.
    """
    y, p = _check_pair(y_true, probs, "probs", distribution=True)
    return np.sum((p - y) ** 2, axis=-1)


def softmax_cross_entropy_grad(y_true, scores) -> np.ndarray:
    """Gradient of ``cross_entropy(y_true, softmax(scores))`` with respect to the scores.

    It is simply ``softmax(scores) - y_true``: the softmax derivative cancels against the
    derivative of the log, so nothing shrinks it when the model is confidently wrong.

    Parameters
    ----------
    y_true : array-like
        Targets: a distribution over the classes (one-hot or soft).
    scores : array-like
        Real scores (logits) before the softmax, with the shape of ``y_true``.
    """
    y, s = _check_pair(y_true, scores, "scores", distribution=True)
    return softmax(s) - y


def softmax_squared_error_grad(y_true, scores) -> np.ndarray:
    """Gradient of ``squared_error(y_true, softmax(scores))`` with respect to the scores.

    The chain rule goes through the softmax Jacobian ``J_ij = p_i (delta_ij - p_j)``:
    ``grad_j = sum_i 2 (p_i - y_i) J_ij = 2 p_j [(p_j - y_j) - sum_i (p_i - y_i) p_i]``.
    The leading factor ``p_j`` (and the bracket) make it vanish when the softmax saturates,
    which is why a confidently wrong model learns slowly under squared error.

    Parameters
    ----------
    y_true : array-like
        Targets: a distribution over the classes (one-hot or soft).
    scores : array-like
        Real scores (logits) before the softmax, with the shape of ``y_true``.
    """
    y, s = _check_pair(y_true, scores, "scores", distribution=True)
    p = softmax(s)
    residual = p - y
    inner = np.sum(residual * p, axis=-1, keepdims=True)
    return 2.0 * p * (residual - inner)


def sigmoid(scores) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-z))``, computed without overflow for large ``|z|``.

    Parameters
    ----------
    scores : array-like
        Real scores ``z``, any shape.
    """
    z = _check_scores(scores)
    # exp of a non-positive number never overflows; pick the form that needs only that.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def binary_cross_entropy(y_true, probs) -> np.ndarray:
    """Binary cross entropy ``-[y log p + (1 - y) log(1 - p)]`` elementwise (natural log).

    ``probs`` is the probability of class 1 from one sigmoid unit, so nothing sums to 1 here;
    the result has the shape of the inputs (Keras's ``BinaryCrossentropy`` also averages over
    the last axis, which for one unit is the same number).

    Parameters
    ----------
    y_true : array-like
        Targets: 0 or 1 (or a probability of class 1), elementwise.
    probs : array-like
        Predicted probabilities of class 1, in [0, 1], with the shape of ``y_true``.
    """
    y, p = _check_pair(y_true, probs, "probs", distribution=False)
    with np.errstate(divide="ignore"):
        pos = np.where(y > 0, y * np.log(np.where(y > 0, p, 1.0)), 0.0)
        neg = np.where(y < 1, (1 - y) * np.log(np.where(y < 1, 1 - p, 1.0)), 0.0)
    return -(pos + neg)


def sigmoid_cross_entropy_grad(y_true, scores) -> np.ndarray:
    """Gradient of ``binary_cross_entropy(y_true, sigmoid(z))`` with respect to ``z``: ``p - y``.

    Parameters
    ----------
    y_true : array-like
        Targets: 0 or 1 (or a probability of class 1), elementwise.
    scores : array-like
        Real scores ``z`` before the sigmoid, with the shape of ``y_true``.
    """
    y, z = _check_pair(y_true, scores, "scores", distribution=False)
    return sigmoid(z) - y


def sigmoid_squared_error_grad(y_true, scores) -> np.ndarray:
    """Gradient of ``(sigmoid(z) - y)^2`` with respect to ``z``: ``2 (p - y) p (1 - p)``.

    The factor ``p (1 - p)`` is the sigmoid's derivative; it is close to 0 whenever the unit
    saturates (``|z|`` large), right or wrong.

    Parameters
    ----------
    y_true : array-like
        Targets: 0 or 1 (or a probability of class 1), elementwise.
    scores : array-like
        Real scores ``z`` before the sigmoid, with the shape of ``y_true``.
    """
    y, z = _check_pair(y_true, scores, "scores", distribution=False)
    p = sigmoid(z)
    return 2.0 * (p - y) * p * (1.0 - p)
