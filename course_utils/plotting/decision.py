"""A classifier's decision over a grid around 2-D data: the pure half of the boundary plot.

:func:`decision_regions` builds the grid, predicts it in one batched call (a Keras model's
default ``predict`` walks the grid in batches of 32 and makes a 200 x 200 grid crawl) and
decides a class at every grid point. :func:`course_utils.plotting.plot_decision_boundary`
draws what it returns; a notebook or a test can check a boundary with it and no figure.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from .._checks import check_int, check_real
from ._checks import check_points_2d

__all__ = ["DecisionRegions", "decision_regions"]

_RESPONSES = ("auto", "score", "probability")


@dataclass(frozen=True)
class DecisionRegions:
    """A classifier's decision over a grid: what :func:`decision_regions` returns.

    Attributes
    ----------
    xx0, xx1 : numpy.ndarray of shape (grid_resolution, grid_resolution)
        The grid's coordinates, as ``numpy.meshgrid`` makes them: ``xx0`` varies along axis 1,
        ``xx1`` along axis 0.
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

    def plot(self, ax=None, X=None, y=None, **kwargs):
        """Draw the regions and their boundary, and the points ``X`` coloured by ``y``.

        The scikit-learn Display pattern: compute once with :func:`decision_regions`, check
        what it found, then draw it, with no second prediction.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw. A new figure is made only when this is None.
        X : array of shape (n_samples, 2), optional
            Points to draw over the regions; usually the ``X`` the grid was built around.
        y : array of shape (n_samples,), (n_samples, 1) or one-hot (n_samples, k), optional
            Their labels, which colour them (needs ``X``).
        **kwargs
            ``class_names``, ``plot_method``, ``xlabel``, ``ylabel``, ``alpha`` and ``size``,
            as for :func:`course_utils.plotting.plot_decision_boundary`.

        Returns
        -------
        matplotlib.axes.Axes
            The axes drawn on.

        Examples
        --------
        >>> from matplotlib.figure import Figure
        >>> r = decision_regions(lambda g: g[:, 0] - 1.0, [[0.0, 0.0], [2.0, 1.0]])
        >>> ax = r.plot(ax=Figure().subplots(), X=[[0.0, 0.0], [2.0, 1.0]], y=[0, 1])
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['label 0', 'label 1']
        """
        from .regions import _plot_regions

        return _plot_regions(self, ax, X, y, **kwargs)

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
    X = check_points_2d(X, purpose="draw a boundary")
    grid_resolution, eps = _check_grid_args(predict_fn, grid_resolution, eps, response)
    return _regions(predict_fn, X, grid_resolution, eps, response)


def _regions(predict_fn, X, grid_resolution, eps, response):
    """:func:`decision_regions` of arguments already checked."""
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


def _check_grid_args(predict_fn, grid_resolution, eps, response):
    if not callable(predict_fn):
        raise TypeError(
            "predict_fn must be callable (a Keras model, an estimator's predict_proba, a "
            f"function of an (n, 2) array); got {type(predict_fn).__name__}"
        )
    grid_resolution = check_int(grid_resolution, "grid_resolution", low=2)
    eps = check_real(eps, "eps", low=0)
    if response not in _RESPONSES:
        raise ValueError(f"response must be one of {_RESPONSES}; got {response!r}")
    return grid_resolution, eps
