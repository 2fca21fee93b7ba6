"""Exploration 1: move w and b of a linear classifier by hand; the MSE and accuracy follow."""

from __future__ import annotations

import numpy as np

from .._checks import check_real
from ..plotting import _style as style
from ..plotting._lines import n_correct
from ..plotting.linear import WINDOW_X, WINDOW_Y, _check_points, _frame, _update
from ._core import Control, Exploration, new_figure, png_bytes

W0_STATIC = (-1.0, -0.5, 0.0, 0.5)
W1_STATIC = (-0.5, 0.5, 1.0)
B_STATIC = (-2.0, 0.0, 2.0)


def linear_classifier(X, y, *, w=(0.5, 0.5), b=0.0, xlim=WINDOW_X, ylim=WINDOW_Y) -> Exploration:
    """Sliders for ``w₀, w₁, b``: the boundary, the shaded positive side, the MSE and accuracy.

    The score is ``f(x) = w₀ x₀ + w₁ x₁ + b``; the MSE is ``mean((f(x) − y)²)`` against the
    labels as numbers (the ±1 targets of notebook 02), and a point counts as correct when its
    score has the sign of its class (the larger label is the positive side).

    Parameters
    ----------
    X : array of shape (n_samples, 2)
        The points.
    y : array of shape (n_samples,)
        Their labels, two distinct numbers.
    w : (float, float), default (0.5, 0.5)
        Starting weights, values of the static grid: w₀ one of −1, −0.5, 0, 0.5;
        w₁ one of −0.5, 0.5, 1.
    b : float, default 0
        Starting bias; one of −2, 0, 2.
    xlim, ylim : (float, float)
        The window drawn.

    Returns
    -------
    Exploration
        Display it (last expression of a cell) to get the sliders.
    """
    X, positions, labels = _check_points(X, y, two_classes=True)
    targets = np.asarray(y, dtype=np.float64).ravel()
    if isinstance(w, (str, bytes)) or np.ndim(w) != 1 or len(w) != 2:
        raise ValueError(f"w must be a pair of numbers (w0, w1); got {w!r}")
    w0, w1 = (check_real(v, f"w[{i}]") for i, v in enumerate(w))
    b = check_real(b, "b")
    fig, ax = new_figure()
    shade, line = _frame(ax, X, positions, labels, xlim, ylim, size=80)
    style.label_axes(ax)
    ax.legend(loc="upper right", fontsize=10)
    moving = [shade, *ax.collections, line, ax.get_legend()]  # changed, or drawn over them

    def draw(w0, w1, b, quantize=False):
        _update(shade, line, w0, w1, b, xlim, ylim)
        scores = X @ np.array([w0, w1]) + b
        mse = float(np.mean((scores - targets) ** 2))
        right = n_correct(w0, w1, b, X, positions)
        ax.set_title(f"MSE {mse:.2f}   ·   {right} of {len(X)} correct", fontsize=12)
        return png_bytes(fig, quantize=quantize, moving=moving)

    controls = [
        Control("w0", "w₀", (-1.5, 1.5, 0.05), W0_STATIC, w0),
        Control("w1", "w₁", (-1.5, 1.5, 0.05), W1_STATIC, w1),
        Control("b", "b", (-5.0, 5.0, 0.1), B_STATIC, b),
    ]
    return Exploration("Linear classifier: w and b by hand", controls, draw,
                       lambda **v: draw(**v, quantize=True))
