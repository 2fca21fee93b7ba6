"""Argument checks shared by the plotting modules, so both reject bad input in the same words."""

from __future__ import annotations

import numpy as np

__all__ = ["check_labels", "check_limits", "check_points_2d"]


def check_points_2d(X, *, purpose: str) -> np.ndarray:
    """Return ``X`` as a float64 ``(n, 2)`` array, or raise ValueError saying what was wrong.

    Parameters
    ----------
    X : array-like
        The points.
    purpose : str
        Completes the sentence "X must have exactly 2 features to ...".

    Returns
    -------
    numpy.ndarray of shape (n_samples, 2)
    """
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError("X must be an array of numbers of shape (n_samples, 2)") from exc
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n_samples, 2); got shape {X.shape}")
    if X.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 features to {purpose}; got {X.shape[1]}")
    if X.shape[0] == 0:
        raise ValueError("X must have at least one row; got an empty array")
    if np.isnan(X).any():
        raise ValueError("X contains NaN; drop or impute those rows before plotting")
    if not np.isfinite(X).all():
        raise ValueError("X must be finite; got an infinite value")
    return X


def check_labels(y, n_rows: int) -> np.ndarray:
    """Return ``y`` as a 1-D array of ``n_rows`` labels, or raise ValueError.

    Parameters
    ----------
    y : array-like of shape (n_rows,), (n_rows, 1) or one-hot (n_rows, k)
        Class labels of any type (numbers, strings). A column is flattened; one-hot rows, as
        categorical cross entropy uses them, become their class index.
    n_rows : int
        The number of points the labels belong to.

    Returns
    -------
    numpy.ndarray of shape (n_rows,)
    """
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    elif y.ndim == 2:
        y = y.argmax(axis=1)
    if y.ndim != 1:
        raise ValueError(f"y must be a 1-D array of labels (or one-hot rows); got shape {y.shape}")
    if len(y) != n_rows:
        raise ValueError(
            f"y must have one label per row of X; got {len(y)} labels for {n_rows} rows"
        )
    if np.issubdtype(y.dtype, np.number) and not np.all(np.isfinite(y)):
        raise ValueError("y must not contain NaN or infinite values")
    return y


def check_limits(lim, name: str) -> tuple[float, float]:
    """Return ``(low, high)`` floats from a finite pair with low < high, else raise ValueError."""
    try:
        low, high = (float(v) for v in lim)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair of numbers (low, high); got {lim!r}") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be finite with low < high; got {lim!r}")
    return low, high
