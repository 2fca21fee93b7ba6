"""Decision regions of any 2-D classifier, drawn from :func:`decision_regions`.

The model can be anything that maps an ``(n, 2)`` array to scores in one call: a Keras model,
an estimator's ``predict_proba`` or ``decision_function``, a plain function. It is predicted
once, on the whole grid, by :mod:`course_utils.plotting.decision`; this module only draws.

>>> from matplotlib.figure import Figure
>>> ax = plot_decision_boundary(lambda g: g[:, 0] - g[:, 1], [[0, 1], [1, 0]], [-1, 1],
...                             ax=Figure().subplots())
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['label -1', 'label +1']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._checks import check_ax, check_real
from . import _style as style
from ._checks import check_labels, check_points_2d
from .decision import _check_grid_args, _regions

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .decision import DecisionRegions

__all__ = ["plot_decision_boundary"]

_PLOT_METHODS = ("contourf", "contour", "pcolormesh")


def _check_drawing(ax, X, y, class_names, plot_method, alpha, size):
    """Check what drawing needs, before anything is predicted; ``X`` may be None."""
    check_ax(ax)
    if X is None and y is not None:
        raise ValueError("y colours the points X; pass X with it")
    X = None if X is None else check_points_2d(X, purpose="draw a boundary")
    y = None if y is None else check_labels(y, len(X))
    if class_names is not None:
        if isinstance(class_names, str) or not all(isinstance(n, str) for n in class_names):
            raise ValueError(f"class_names must be a sequence of str; got {class_names!r}")
        n_labels = 0 if y is None else len(np.unique(y))
        if len(class_names) < n_labels:
            raise ValueError(f"class_names must name all {n_labels} classes; got "
                             f"{len(class_names)} names")
    if plot_method not in _PLOT_METHODS:
        raise ValueError(f"plot_method must be one of {_PLOT_METHODS}; got {plot_method!r}")
    alpha = check_real(alpha, "alpha", low=0)
    size = check_real(size, "size", low=0, low_open=True)
    return X, y, alpha, size


def _legend(y, n_classes, class_names):
    """Palette positions of the points, and the legend entry of every position."""
    if y is None:
        return None, []
    positions, names = style.encode_labels(y, n_classes)
    n_colors = max(n_classes, len(names))
    if class_names is not None and len(class_names) < n_colors:
        raise ValueError(
            f"class_names must name all {n_colors} classes; got {len(class_names)} names"
        )
    return positions, style.legend_labels(names, class_names)


def _draw_regions(ax, regions, colors, plot_method, alpha):
    from matplotlib.collections import LineCollection
    from matplotlib.colors import ListedColormap

    k = regions.n_classes
    artist_kw = {"cmap": ListedColormap(colors[:k]), "alpha": alpha, "zorder": -1}
    xx0, xx1, labels = regions.xx0, regions.xx1, regions.labels
    if plot_method == "pcolormesh":
        # A pinned colour scale, so a class missing from the grid does not shift the others.
        ax.pcolormesh(xx0, xx1, labels, vmin=-0.5, vmax=k - 0.5, shading="auto", **artist_kw)
    else:
        getattr(ax, plot_method)(xx0, xx1, labels, levels=np.arange(k + 1) - 0.5, **artist_kw)
    # The boundary itself, exact rather than following the grid's cells; one LineCollection
    # draws every piece (a ContourSet per margin costs more and warns when a margin has no
    # zero crossing).
    lines = regions.boundary_lines()
    if lines:
        ax.add_collection(LineCollection(lines, colors="black", linewidths=1.2), autolim=False)


def _draw(regions, ax, X, y, *, class_names, plot_method, xlabel, ylabel, alpha, size):
    """Draw checked arguments: the regions, then the points ``X`` (if any) coloured by ``y``."""
    positions, labels = _legend(y, regions.n_classes, class_names)
    ax = style.new_axes() if ax is None else ax
    colors = style.class_colors(max(regions.n_classes, len(labels)))
    _draw_regions(ax, regions, colors, plot_method, alpha)
    style.label_axes(ax, xlabel, ylabel)
    if X is not None and y is None:
        ax.scatter(*X.T, s=size / 2, color="0.2", edgecolors="white", linewidths=0.5, zorder=3)
    elif X is not None:
        style.scatter_classes(ax, X, positions, labels, size=size)
        ax.legend(loc="best", framealpha=0.9)
    return ax


def _plot_regions(regions: DecisionRegions, ax=None, X=None, y=None, *, class_names=None,
                 plot_method="contourf", xlabel=None, ylabel=None, alpha=0.3,
                 size=style.MARKER_SIZE) -> Axes:
    """Draw computed regions; what :meth:`DecisionRegions.plot` does (its docstring says how)."""
    X, y, alpha, size = _check_drawing(ax, X, y, class_names, plot_method, alpha, size)
    return _draw(regions, ax, X, y, class_names=class_names, plot_method=plot_method,
                 xlabel=xlabel, ylabel=ylabel, alpha=alpha, size=size)


def plot_decision_boundary(
    predict_fn,
    X,
    y=None,
    *,
    ax: Axes | None = None,
    grid_resolution=200,
    eps=1.0,
    response="auto",
    class_names=None,
    plot_method="contourf",
    xlabel=None,
    ylabel=None,
    alpha=0.3,
    size=style.MARKER_SIZE,
) -> Axes:
    """Draw the decision regions of a 2-D classifier, and the points ``X`` coloured by ``y``.

    The same as ``decision_regions(predict_fn, X, ...).plot(ax=ax, X=X, y=y, ...)``; every
    argument is checked before the model is predicted.

    Parameters
    ----------
    predict_fn, X, grid_resolution, eps, response
        As for :func:`decision_regions`, which computes what is drawn.
    y : array of shape (n_samples,), (n_samples, 1) or one-hot (n_samples, k), optional
        Labels for colouring the points. An integer label j in 0..k-1 takes the colour of
        output column j; other labels (for example -1/+1) are sorted and matched to the
        columns in that order, so -1 goes with "score below the threshold".
    ax : matplotlib Axes, optional
        Where to draw. A new figure is made only when this is None.
    class_names : sequence of str, optional
        Legend entries, one per class, in output-column order; default ``label <value>``.
    plot_method : {'contourf', 'contour', 'pcolormesh'}, default 'contourf'
        How the regions are drawn: filled, outlined, or as grid cells.
    xlabel, ylabel : str, optional
        Axis labels; default ``$x_0$`` and ``$x_1$`` where the Axes has none yet.
    alpha : float, default 0.3
        Opacity of the regions.
    size : float, default 36
        Marker area of the points in points², as for ``Axes.scatter``.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. A black line marks the boundary itself (where the score is 0, the
        probability 0.5, or two classes tie).
    """
    X, y, alpha, size = _check_drawing(ax, X, y, class_names, plot_method, alpha, size)
    grid_resolution, eps = _check_grid_args(predict_fn, grid_resolution, eps, response)
    regions = _regions(predict_fn, X, grid_resolution, eps, response)
    return _draw(regions, ax, X, y, class_names=class_names, plot_method=plot_method,
                 xlabel=xlabel, ylabel=ylabel, alpha=alpha, size=size)
