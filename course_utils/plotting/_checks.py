"""Argument checks shared by the plotting modules, so both reject bad points in the same words."""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["check_ax", "check_limits", "check_points_2d", "check_positive"]


def check_points_2d(X, *, purpose: str) -> np.ndarray:
    """Return X as a float64 (n, 2) array, or raise ValueError saying what was wrong.

    ``purpose`` completes the sentence "X must have exactly 2 features to ...".
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


def check_ax(ax):
    """Raise TypeError unless ax is None or a matplotlib Axes."""
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")


def check_limits(lim, name):
    """Return (low, high) floats from a finite pair with low < high, else raise ValueError."""
    try:
        low, high = (float(v) for v in lim)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair of numbers (low, high); got {lim!r}") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be finite with low < high; got {lim!r}")
    return low, high


def check_positive(value, name, what):
    """Raise ValueError unless value is a real number > 0 (bools excluded)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
        raise ValueError(f"{name} must be a positive {what}; got {value!r}")
