"""Decision regions of any 2-D classifier: computed by a pure function, then drawn.

The model can be anything that maps an ``(n, 2)`` array to scores in one call: a Keras model,
an estimator's ``predict_proba`` or ``decision_function``, a plain function.
:func:`decision_regions` builds the grid, predicts it in one batched call (a Keras model's
default ``predict`` walks the grid in batches of 32 and makes a 200 x 200 grid crawl) and
decides a class for every grid point; :func:`plot_decision_boundary` draws what it returns.
A notebook or a test can check a boundary through :func:`decision_regions` without a figure.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._checks import check_int, check_real
from ._checks import check_ax, check_labels, check_points_2d
from ._style import (
    MARKER_SIZE,
    class_colors,
    encode_labels,
    label_axes,
    legend_labels,
    new_axes,
    scatter_classes,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["DecisionRegions", "decision_regions", "plot_decision_boundary"]

_RESPONSES = ("auto", "score", "probability")
_PLOT_METHODS = ("contourf", "contour", "pcolormesh")
# Notebook 03's committed outputs print this size ("<Figure size 600x450 ...>"); it becomes
# the shared FIGSIZE when that notebook is next re-executed.
_FIGSIZE = (6.0, 4.5)


@dataclass(frozen=True)
class DecisionRegions:
    """A classifier's decision over a grid: what :func:`decision_regions` returns.

    Attributes
    ----------
    xx0, xx1 : numpy.ndarray of shape (grid_resolution, grid_resolution)
        The grid's coordinates, as ``numpy.meshgrid`` makes them (``xx0`` varies along rows).
    labels : numpy.ndarray of int, shape (grid_resolution, grid_resolution)
        The class decided at each grid point: the output column with the largest value, or
        for a single output 1 where the score is above its threshold and 0 elsewhere.
    n_classes : int
        2 for a single output column, else the number of columns.
    threshold : float or None
        For a single output, the value that separates the classes (0 for a score, 0.5 for a
        probability); None for several columns.
    margins : tuple of numpy.ndarray, each shaped like the grid
        Functions whose zero lines are the boundaries: the score minus the threshold, or for
        several columns ``f_c - max(other f)`` for every class but the last.
    """

    xx0: np.ndarray
    xx1: np.ndarray
    labels: np.ndarray
    n_classes: int
    threshold: float | None
    margins: tuple[np.ndarray, ...]

    def boundary_lines(self) -> list[np.ndarray]:
        """The boundary as polylines, each an ``(m, 2)`` array of points where a margin is 0.

        Exact between grid points (linear interpolation of the margins), not stepped along the
        grid's cells. Empty when one class fills the whole grid.
        """
        import contourpy

        lines = []
        for margin in self.margins:
            generator = contourpy.contour_generator(self.xx0, self.xx1, margin)
            lines += [line for line in generator.lines(0.0) if len(line) > 1]
        return lines

    def fractions(self) -> np.ndarray:
        """Share of the grid given to each class, shape ``(n_classes,)``; sums to 1."""
        return np.bincount(self.labels.ravel(), minlength=self.n_classes) / self.labels.size


def _grid(X, grid_resolution, eps):
    spans = []
    for j in range(2):
        lo, hi = X[:, j].min() - eps, X[:, j].max() + eps
        if hi == lo:
            raise ValueError(f"feature {j} of X has no spread and eps is 0; pass eps > 0")
        spans.append(np.linspace(lo, hi, grid_resolution))
    return np.meshgrid(*spans)


def _batched(predict_fn):
    """Return a function that predicts a whole array in one batch.

    A Keras model (or its bound ``predict``) is called directly, ``model(grid)``: one forward
    pass with no 32-row batching, no progress bar and no callbacks. ``predict_on_batch`` would
    be a little faster on a second call but traces a ``tf.function`` for every new model,
    which costs more than it saves on a one-off plot and makes TensorFlow warn about
    retracing when a notebook plots several models. Keras is looked up only if it is already
    imported, so plotting a scikit-learn model never loads TensorFlow.
    """
    keras = sys.modules.get("keras")
    if keras is None:
        return predict_fn
    model = None
    if isinstance(predict_fn, keras.Model):
        model = predict_fn
    owner = getattr(predict_fn, "__self__", None)
    if isinstance(owner, keras.Model) and getattr(predict_fn, "__name__", "") == "predict":
        model = owner
    if model is None:
        return predict_fn
    floatx = keras.backend.floatx()  # handing Keras its own float type saves a conversion
    return lambda grid: keras.ops.convert_to_numpy(model(grid.astype(floatx), training=False))


def _check_outputs(out, n_points):
    out = np.asarray(out)
    if not np.issubdtype(out.dtype, np.floating):
        out = out.astype(np.float64)
    if out.ndim == 1:
        out = out[:, None]
    if out.ndim != 2 or out.shape[0] != n_points or out.shape[1] == 0:
        raise ValueError(
            f"predict_fn must return one row per grid point, shape ({n_points},) or "
            f"({n_points}, n_outputs); got shape {out.shape}"
        )
    if np.isnan(out).any():
        raise ValueError("predict_fn returned NaN for some grid points")
    return out


def _decide(out, response):
    """Class per row, the threshold (single output) and the margins whose zeros are boundaries."""
    if out.shape[1] == 1:
        values = out[:, 0]
        in_unit = values.min() >= 0 and values.max() <= 1
        if response == "probability" and not in_unit:
            raise ValueError(
                "response='probability' but predict_fn returned values outside [0, 1]; "
                "use response='score' for raw scores (sign decides)"
            )
        probability = response == "probability" or (response == "auto" and in_unit)
        threshold = 0.5 if probability else 0.0
        margin = values - threshold
        return (margin > 0).astype(int), threshold, [margin]
    labels = out.argmax(axis=1)
    best = out[np.arange(len(out)), labels]
    runner_up = np.partition(out, -2, axis=1)[:, -2]
    # Every boundary separates two classes, so the outlines of all classes but the last
    # already trace every boundary: margin_c = f_c - (largest other score).
    margins = [out[:, c] - np.where(labels == c, runner_up, best) for c in range(out.shape[1] - 1)]
    return labels, None, margins


def decision_regions(predict_fn, X, *, grid_resolution=200, eps=1.0, response="auto"):
    """Predict a classifier on a grid around ``X`` and decide a class at every grid point.

    Parameters
    ----------
    predict_fn : callable
        Maps an ``(n, 2)`` array to predictions of shape ``(n,)``, ``(n, 1)`` or ``(n, k)``:
        a Keras model (called once as ``model(grid)``), ``estimator.predict_proba``,
        ``estimator.decision_function`` or any function. It is called exactly once, on the
        whole grid.
    X : array of shape (n_samples, 2)
        The points; the grid spans their range plus ``eps`` on every side.
    grid_resolution : int, default 200
        Grid points along each axis (at least 2).
    eps : float, default 1.0
        Margin added around the data's range (at least 0).
    response : {'auto', 'score', 'probability'}, default 'auto'
        How to read a single output column: a raw ``'score'`` (its sign decides) or a sigmoid
        ``'probability'`` (0.5 decides). ``'auto'`` treats it as a probability when every
        prediction on the grid lies in [0, 1] and as a score otherwise; pass the value
        explicitly when a raw score might stay inside [0, 1]. With several columns the
        largest one wins (argmax) either way.

    Returns
    -------
    DecisionRegions
        The grid, the class at each grid point and the margins; its ``boundary_lines()``
        gives the boundary itself and ``fractions()`` each class's share of the grid.

    Examples
    --------
    >>> r = decision_regions(lambda g: g[:, 0] - 1.0, [[0.0, 0.0], [2.0, 1.0]], eps=0.5)
    >>> r.n_classes, r.threshold, r.labels.shape
    (2, 0.0, (200, 200))
    >>> line = np.concatenate(r.boundary_lines())
    >>> bool(np.allclose(line[:, 0], 1.0))
    True
    """
    X, grid_resolution, eps = _check_grid_args(predict_fn, X, grid_resolution, eps, response)
    xx0, xx1 = _grid(X, grid_resolution, eps)
    grid = np.column_stack([xx0.ravel(), xx1.ravel()])
    out = _check_outputs(_batched(predict_fn)(grid), len(grid))
    labels, threshold, margins = _decide(out, response)
    return DecisionRegions(
        xx0=xx0,
        xx1=xx1,
        labels=labels.reshape(xx0.shape),
        n_classes=max(out.shape[1], 2),
        threshold=threshold,
        margins=tuple(m.reshape(xx0.shape) for m in margins),
    )


def _check_grid_args(predict_fn, X, grid_resolution, eps, response):
    if not callable(predict_fn):
        raise TypeError(
            "predict_fn must be callable (a Keras model, an estimator's predict_proba, a "
            f"function of an (n, 2) array); got {type(predict_fn).__name__}"
        )
    X = check_points_2d(X, purpose="draw a boundary")
    grid_resolution = check_int(grid_resolution, "grid_resolution", low=2)
    eps = check_real(eps, "eps", low=0)
    if response not in _RESPONSES:
        raise ValueError(f"response must be one of {_RESPONSES}; got {response!r}")
    return X, grid_resolution, eps


def _draw_regions(ax, regions, colors, plot_method, alpha):
    from matplotlib.colors import ListedColormap

    k = regions.n_classes
    style = {"cmap": ListedColormap(colors[:k]), "alpha": alpha, "zorder": -1}
    xx0, xx1, labels = regions.xx0, regions.xx1, regions.labels
    if plot_method == "pcolormesh":
        # A pinned colour scale, so a class missing from the grid does not shift the others.
        ax.pcolormesh(xx0, xx1, labels, vmin=-0.5, vmax=k - 0.5, shading="auto", **style)
    else:
        getattr(ax, plot_method)(xx0, xx1, labels, levels=np.arange(k + 1) - 0.5, **style)
    from matplotlib.collections import LineCollection

    # The boundary itself, exact rather than following the grid's cells; one LineCollection
    # draws every piece (a ContourSet per margin costs more and warns when a margin has no
    # zero crossing).
    lines = regions.boundary_lines()
    if lines:
        ax.add_collection(LineCollection(lines, colors="black", linewidths=1.2), autolim=False)


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
    size=MARKER_SIZE,
) -> Axes:
    """Draw the decision regions of a 2-D classifier, and the points ``X`` coloured by ``y``.

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

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = plot_decision_boundary(lambda g: g[:, 0] - g[:, 1], [[0, 1], [1, 0]], [-1, 1],
    ...                             ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['label -1', 'label +1']
    """
    check_ax(ax)
    X = check_points_2d(X, purpose="draw a boundary")
    y = None if y is None else check_labels(y, len(X))
    if class_names is not None and (
        isinstance(class_names, str) or not all(isinstance(n, str) for n in class_names)
    ):
        raise ValueError(f"class_names must be a sequence of str; got {class_names!r}")
    if plot_method not in _PLOT_METHODS:
        raise ValueError(f"plot_method must be one of {_PLOT_METHODS}; got {plot_method!r}")
    alpha = check_real(alpha, "alpha", low=0)
    size = check_real(size, "size", low=0, low_open=True)
    regions = decision_regions(
        predict_fn, X, grid_resolution=grid_resolution, eps=eps, response=response
    )
    positions, names = encode_labels(y, regions.n_classes) if y is not None else (None, [])
    n_colors = max(regions.n_classes, len(names))
    if class_names is not None and len(class_names) < n_colors:
        raise ValueError(
            f"class_names must name all {n_colors} classes; got {len(class_names)} names"
        )
    ax = new_axes(_FIGSIZE) if ax is None else ax
    _draw_regions(ax, regions, class_colors(n_colors), plot_method, alpha)
    label_axes(ax, xlabel, ylabel)
    if y is None:
        ax.scatter(*X.T, s=size / 2, color="0.2", edgecolors="white", linewidths=0.5, zorder=3)
        return ax
    scatter_classes(ax, X, positions, legend_labels(names, class_names), size=size)
    ax.legend(loc="best", framealpha=0.9)
    return ax
