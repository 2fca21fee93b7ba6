"""Checks of scalar arguments, shared by every module so that they all reject in one wording.

A wrong type raises ``TypeError`` and a value out of range ``ValueError``; both messages read
``"<name> must be <what>; got <value>"``, for example ``grid_resolution must be an int >= 2;
got 2.5 (float)``. Booleans are refused where a number is expected: ``True`` is an ``int`` to
Python, but passing it for a count or a size is always a slip.

``sklearn.utils.check_scalar`` does a similar job but is not used here: it accepts ``True`` as
an int and NaN or infinity as a real, words its messages differently (``ncols == 0, must be >=
1.``), so a wrapper would have to pre-check, post-check and re-raise both exceptions, and
importing it costs about 0.9 s of CPU in notebooks that otherwise never load scikit-learn.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["check_ax", "check_axes", "check_int", "check_real"]


def _bounds(low, high, *, low_open: bool = False) -> str:
    if low is not None and high is not None:
        return f" between {low} and {high}"
    if low is not None:
        return f" {'>' if low_open else '>='} {low}"
    if high is not None:
        return f" <= {high}"
    return ""


def check_int(value, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an ``int`` if it is a whole number within ``[low, high]``.

    Parameters
    ----------
    value : object
        The argument to check: a Python or NumPy integer (not a bool).
    name : str
        The argument's name, for the message.
    low, high : int, optional
        Inclusive bounds; ``None`` leaves that side open.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If ``value`` is not an integer (a float such as ``2.0`` included).
    ValueError
        If it lies outside the bounds.

    Examples
    --------
    >>> check_int(3, "n_inputs", low=1, high=10)
    3
    >>> check_int(0, "ncols", low=1)
    Traceback (most recent call last):
    ...
    ValueError: ncols must be an int >= 1; got 0
    """
    what = "an int" + _bounds(low, high)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {what}; got {value!r} ({type(value).__name__})")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be {what}; got {value!r}")
    return int(value)


def check_real(value, name: str, *, low: float | None = None, low_open: bool = False) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number, at least ``low``.

    Parameters
    ----------
    value : object
        The argument to check: a Python or NumPy real number (not a bool).
    name : str
        The argument's name, for the message.
    low : float, optional
        Lower bound; ``None`` for none.
    low_open : bool, default False
        Exclude ``low`` itself (``> low`` rather than ``>= low``), as for a size or an interval.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it is NaN, infinite or below the bound.

    Examples
    --------
    >>> check_real(0.5, "eps", low=0)
    0.5
    >>> check_real(0, "interval", low=0, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: interval must be a finite number > 0; got 0
    """
    what = "a finite number" + _bounds(low, None, low_open=low_open)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {what}; got {value!r} ({type(value).__name__})")
    below = low is not None and (value <= low if low_open else value < low)
    if not math.isfinite(value) or below:
        raise ValueError(f"{name} must be {what}; got {value!r}")
    return float(value)


def check_ax(ax) -> None:
    """Raise TypeError unless ``ax`` is None or a matplotlib Axes.

    Parameters
    ----------
    ax : object
        The ``ax=`` argument of a plotting function.
    """
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")


def check_axes(ax, n: int, *, exact: bool = True):
    """Return ``ax``, one Axes or a sequence of them, as an object array of at least ``n``.

    Parameters
    ----------
    ax : matplotlib Axes or array-like of Axes
        The ``ax=`` argument of a function that draws several panels.
    n : int
        How many panels it draws.
    exact : bool, default True
        Require exactly ``n`` Axes, rather than at least ``n``.

    Returns
    -------
    numpy.ndarray of matplotlib Axes, shaped as ``ax`` was (at least 1-D)
    """
    from matplotlib.axes import Axes

    axes = np.atleast_1d(np.asarray(ax, dtype=object))
    if not all(isinstance(a, Axes) for a in axes.flat):
        raise TypeError(f"ax must be a matplotlib Axes or a sequence of them; got {ax!r}")
    if axes.size < n or (exact and axes.size != n):
        need = f"{n}" if exact else f"at least {n}"
        raise ValueError(f"ax must hold {need} Axes, one per panel; got {axes.size}")
    return axes
