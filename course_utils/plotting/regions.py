"""Decision regions of any 2-D classifier, drawn with scikit-learn's ``DecisionBoundaryDisplay``.

The model can be anything that maps an ``(n, 2)`` array to scores in one call: a Keras model,
an estimator's ``predict_proba`` or ``decision_function``, a plain function. The whole grid is
predicted in one batched call, because a Keras model's default ``predict`` walks the grid in
batches of 32 and makes a 200 x 200 grid crawl.
"""

from __future__ import annotations

import inspect
import numbers
import sys

import numpy as np

from ._checks import check_points_2d

__all__ = ["plot_decision_boundary"]

_RESPONSES = ("auto", "score", "probability")


def _validate(predict_fn, X, y, grid_resolution, eps, response, class_names):
    if not callable(predict_fn):
        raise TypeError(
            "predict_fn must be callable (a Keras model, an estimator's predict_proba, a "
            f"function of an (n, 2) array); got {type(predict_fn).__name__}"
        )
    X = check_points_2d(X, purpose="draw a boundary")
    if y is not None:
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        elif y.ndim == 2:
            y = y.argmax(axis=1)  # one-hot labels, as categorical cross entropy uses them
        if y.ndim != 1:
            raise ValueError(f"y must be a 1-D array of labels (or one-hot rows); got {y.shape}")
        if len(y) != len(X):
            raise ValueError(
                f"y must have one label per row of X; got {len(y)} labels for {len(X)} rows"
            )
    if (
        isinstance(grid_resolution, bool)
        or not isinstance(grid_resolution, numbers.Integral)
        or grid_resolution < 2
    ):
        raise ValueError(f"grid_resolution must be an int >= 2; got {grid_resolution!r}")
    if (
        isinstance(eps, bool)
        or not isinstance(eps, numbers.Real)
        or not np.isfinite(eps)
        or eps < 0
    ):
        raise ValueError(f"eps must be a finite number >= 0; got {eps!r}")
    if response not in _RESPONSES:
        raise ValueError(f"response must be one of {_RESPONSES}; got {response!r}")
    if class_names is not None and isinstance(class_names, str):
        raise ValueError("class_names must be a sequence of names, not a single string")
    return X, y


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


def _decide(out, n_points, response):
    """Turn the raw predictions into class indices and the margins whose zero is a boundary."""
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
    if out.shape[1] == 1:
        values = out[:, 0]
        in_unit = values.min() >= 0 and values.max() <= 1
        if response == "probability" and not in_unit:
            raise ValueError(
                "response='probability' but predict_fn returned values outside [0, 1]; "
                "use response='score' for raw scores (sign decides)"
            )
        threshold = 0.5 if (response == "probability" or (response == "auto" and in_unit)) else 0
        margin = values - threshold
        return (margin > 0).astype(int), 2, [margin]
    labels = out.argmax(axis=1)
    n_classes = out.shape[1]
    rows = np.arange(len(out))
    best = out[rows, labels]
    runner_up = np.partition(out, -2, axis=1)[:, -2]
    # Every boundary separates two classes, so the outlines of all classes but the last
    # already trace every boundary: margin_c = f_c - (largest other score).
    margins = [out[:, c] - np.where(labels == c, runner_up, best) for c in range(n_classes - 1)]
    return labels, n_classes, margins


def _class_indices(y, n_classes):
    """Map labels to palette positions, and name each position for the legend.

    Integer labels 0..k-1 keep their value (so a class missing from ``y`` does not shift the
    colours); anything else, such as -1/+1 or strings, is sorted and numbered in that order.
    """
    values = np.unique(y)
    if np.issubdtype(values.dtype, np.number):
        whole = bool(np.all(values == np.round(values)))
        if whole and values.min() >= 0 and values.max() < n_classes:
            return y.astype(int), [str(i) for i in range(n_classes)]
        names = [str(int(v)) if whole else str(v) for v in values]
    else:
        names = [str(v) for v in values]
    return np.searchsorted(values, y), names


def plot_decision_boundary(
    predict_fn,
    X,
    y=None,
    *,
    grid_resolution=200,
    eps=1.0,
    ax=None,
    response="auto",
    class_names=None,
    **kwargs,
):
    """Draw the decision regions of a 2-D classifier, and the points ``X`` coloured by ``y``.

    Parameters
    ----------
    predict_fn : callable
        Maps an ``(n, 2)`` array to predictions of shape ``(n,)``, ``(n, 1)`` or ``(n, k)``:
        a Keras model (called once as ``model(grid)``), ``estimator.predict_proba``,
        ``estimator.decision_function`` or any function. It is called exactly once, on the
        whole grid.
    X : array of shape (n_samples, 2)
        The points; the grid spans their range plus ``eps`` on every side.
    y : array of shape (n_samples,) or one-hot (n_samples, k), optional
        Labels for colouring the points. An integer label j in 0..k-1 takes the colour of
        output column j; other labels (for example -1/+1) are sorted and matched to the
        columns in that order, so -1 goes with "score below 0".
    grid_resolution : int, default 200
        Grid points along each axis (at least 2).
    eps : float, default 1.0
        Margin added around the data's range.
    ax : matplotlib Axes, optional
        Where to draw. A new figure is made only when this is None.
    response : {'auto', 'score', 'probability'}, default 'auto'
        How to read a single output column: a raw ``'score'`` (its sign decides) or a sigmoid
        ``'probability'`` (0.5 decides). ``'auto'`` treats it as a probability when every
        prediction on the grid lies in [0, 1] and as a score otherwise; pass the value
        explicitly when a raw score might stay inside [0, 1]. With several columns the
        largest one wins (argmax) either way.
    class_names : sequence of str, optional
        Legend names, one per class, in output-column order.
    **kwargs
        Passed to ``DecisionBoundaryDisplay.plot``: ``plot_method`` ('contourf', 'contour',
        'pcolormesh'), ``xlabel``, ``ylabel`` and matplotlib options such as ``alpha``.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. A black line marks the boundary itself (where the score is 0, the
        probability 0.5, or two classes tie).
    """
    X, y = _validate(predict_fn, X, y, grid_resolution, eps, response, class_names)
    import contourpy
    import matplotlib as mpl
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from sklearn.inspection import DecisionBoundaryDisplay

    spans = []
    for j in range(2):
        lo, hi = X[:, j].min() - eps, X[:, j].max() + eps
        if hi == lo:
            raise ValueError(f"feature {j} of X has no spread and eps is 0; pass eps > 0")
        spans.append(np.linspace(lo, hi, grid_resolution))
    xx0, xx1 = np.meshgrid(*spans)
    grid = np.column_stack([xx0.ravel(), xx1.ravel()])

    labels, n_classes, margins = _decide(_batched(predict_fn)(grid), len(grid), response)
    point_idx, names = _class_indices(y, n_classes) if y is not None else (None, [])
    n_colors = max(n_classes, len(names))
    if class_names is not None and len(class_names) < n_colors:
        raise ValueError(
            f"class_names must name all {n_colors} classes; got {len(class_names)} names"
        )
    palette = mpl.colormaps["tab10"]
    rgba = np.array([palette(i % 10) for i in range(n_colors)])
    colors = [mpl.colors.to_hex(c) for c in rgba]

    plot_method = kwargs.pop("plot_method", "contourf")
    xlabel = kwargs.pop("xlabel", "$x_0$")
    ylabel = kwargs.pop("ylabel", "$x_1$")
    kwargs.setdefault("alpha", 0.3)
    display_args = {"xx0": xx0, "xx1": xx1, "response": labels.reshape(xx0.shape)}
    knows_n_classes = "n_classes" in inspect.signature(DecisionBoundaryDisplay).parameters
    if knows_n_classes:
        display_args["n_classes"] = n_classes
    if knows_n_classes and n_classes > 2:
        # scikit-learn >= 1.9 colours the classes itself; give it the points' palette.
        display_args["multiclass_colors"] = colors[:n_classes]
    else:
        # Binary, or scikit-learn < 1.9: the class indices go straight to the plot method.
        kwargs.setdefault("cmap", mpl.colors.ListedColormap(colors[:n_classes]))
        if plot_method == "pcolormesh":
            kwargs.setdefault("vmin", -0.5)
            kwargs.setdefault("vmax", n_classes - 0.5)
        else:
            kwargs.setdefault("levels", np.arange(n_classes + 1) - 0.5)
    if plot_method == "pcolormesh" and n_classes > 2:
        # Pin the colour scale so a class missing from the grid does not shift the others.
        kwargs.setdefault("vmin", -0.5)
        kwargs.setdefault("vmax", n_classes - 0.5)

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
    display = DecisionBoundaryDisplay(**display_args, xlabel=xlabel, ylabel=ylabel)
    display.plot(plot_method=plot_method, ax=ax, **kwargs)

    # The boundary itself, exact rather than following the grid's cells: the zero line of each
    # margin. contourpy (the engine behind ax.contour, a dependency of matplotlib) gives the
    # lines directly, and one LineCollection draws them all; a ContourSet per margin costs
    # several times more and warns when a margin has no zero crossing.
    segments = []
    for margin in margins:
        generator = contourpy.contour_generator(xx0, xx1, margin.reshape(xx0.shape))
        segments += [line for line in generator.lines(0.0) if len(line) > 1]
    if segments:
        ax.add_collection(LineCollection(segments, colors="black", linewidths=1.2), autolim=False)

    if y is None:
        ax.scatter(X[:, 0], X[:, 1], s=18, color="0.2", edgecolors="white", linewidths=0.5)
        return ax
    # One scatter call for all points, coloured by RGBA rows (colour names would be parsed
    # point by point); the legend gets one marker per class that occurs in y.
    ax.scatter(X[:, 0], X[:, 1], s=28, c=rgba[point_idx], edgecolors="black", linewidths=0.6)
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=6,
            markerfacecolor=colors[value],
            markeredgecolor="black",
            markeredgewidth=0.6,
            label=class_names[value] if class_names is not None else names[value],
        )
        for value in np.unique(point_idx)
    ]
    ax.legend(handles=handles, title="class", loc="best", framealpha=0.9)
    return ax
