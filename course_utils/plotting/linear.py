"""Linear decision boundaries and their movement over training epochs.

A linear model on two features scores x with f(x) = w0·x0 + w1·x1 + b; its decision boundary
is the line f(x) = 0. These helpers draw that line, the labelled points, and the line moving
over the weights a :class:`course_utils.callbacks.WeightHistory` recorded, with the side where
f(x) > 0 shaded in the colour of the larger label (the class that side is assigned to).
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING

import numpy as np

from ._checks import check_ax as _check_ax
from ._checks import check_limits as _check_limits
from ._checks import check_points_2d
from ._checks import check_positive as _check_positive

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["animate_boundary", "plot_boundary_grid", "plot_labeled_points", "plot_linear_boundary"]

WINDOW_X = (-15.0, 15.0)
WINDOW_Y = (-6.0, 6.0)
CLASS_COLORS = ("#1f77b4", "#ff7f0e")  # tab10's first two, as in course_utils.plotting.regions
MAX_GRID_PANELS = 8


def _check_line(w, b, *, allow_zero=False):
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    if w.size != 2:
        raise ValueError(
            "w must have exactly 2 entries (w0, w1), e.g. a Dense kernel of shape (2, 1); "
            f"got shape {w.shape}"
        )
    if b.size != 1:
        raise ValueError(
            f"b must be one number (a scalar or a Dense bias of shape (1,)); got shape {b.shape}"
        )
    (w0, w1), b = w.ravel().tolist(), float(b.ravel()[0])
    if not np.all(np.isfinite([w0, w1, b])):
        raise ValueError(f"w and b must be finite; got w={[w0, w1]}, b={b} (did training diverge?)")
    if w0 == 0 and w1 == 0 and not allow_zero:
        raise ValueError("w must not be all zeros: w0·x0 + w1·x1 + b = 0 is then no line")
    return w0, w1, b


def _check_points(X, y, *, two_classes):
    X, y = check_points_2d(X, purpose="draw in the plane"), np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must be 1-D, one label per row of X ({len(X)}); got shape {y.shape}")
    if np.issubdtype(y.dtype, np.number) and not np.all(np.isfinite(y)):
        raise ValueError("y must not contain NaN or infinite values")
    classes = np.unique(y)
    if len(classes) > 2 or (two_classes and len(classes) != 2):
        raise ValueError(
            f"y must hold {'exactly' if two_classes else 'at most'} 2 distinct labels "
            f"(a line separates two classes); got {len(classes)}: {classes.tolist()}"
        )
    return X, y, classes


def _check_history(weights_history):
    """(W (k, 2), B (k,), epoch labels) from a WeightHistory or a sequence of [kernel, bias]."""
    entries = getattr(weights_history, "weights", weights_history)
    if isinstance(entries, (str, bytes)) or not hasattr(entries, "__len__"):
        raise TypeError(
            "weights_history must be a WeightHistory or a sequence of [kernel, bias] entries; "
            f"got {type(weights_history).__name__}"
        )
    if len(entries) == 0:
        raise ValueError("weights_history is empty: record it with WeightHistory during fit")
    labels = [int(e) for e in getattr(weights_history, "epochs", range(1, len(entries) + 1))]
    if len(labels) != len(entries):
        raise ValueError(f"weights_history has {len(entries)} entries but {len(labels)} epochs")
    lines = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, (list, tuple)) or len(entry) != 2:
            got = f"{len(entry)} arrays" if isinstance(entry, (list, tuple)) else type(entry)
            raise ValueError(
                f"weights_history entry {i} must be [kernel, bias] of one Dense unit on "
                f"2 features; got {got}"
            )
        try:
            lines.append(_check_line(*entry, allow_zero=True))
        except ValueError as err:
            raise ValueError(f"weights_history entry {i}: {err}") from None
    return np.array(lines), labels


def _select(labels, epochs, default_count):
    if epochs is None:
        if default_count is None or len(labels) <= default_count:
            return list(range(len(labels)))
        return sorted(set(np.linspace(0, len(labels) - 1, default_count).round().astype(int)))
    wanted = [epochs] if isinstance(epochs, numbers.Integral) else list(epochs)
    if not wanted:
        raise ValueError("epochs must name at least one recorded epoch; got an empty selection")
    position = {e: i for i, e in enumerate(labels)}
    missing = [e for e in wanted if e not in position]
    if missing:
        raise ValueError(
            f"epochs must be recorded epochs ({labels[0]}..{labels[-1]}); not found: {missing[:5]}"
        )
    return [position[e] for e in wanted]


def _segment(w0, w1, b, xlim, ylim):
    """Two points of the line w0·x0 + w1·x1 + b = 0 spanning the window (none if w = 0)."""
    if w1 != 0 and abs(w1) >= abs(w0):
        xs = np.array(xlim)
        return xs, (-b - w0 * xs) / w1
    if w0 != 0:
        ys = np.array(ylim)
        return (-b - w1 * ys) / w0, ys
    return np.array([]), np.array([])


def _positive_side(w0, w1, b, xlim, ylim):
    """Polygon of the window where the score is positive (one Sutherland-Hodgman clip)."""
    (x_lo, x_hi), (y_lo, y_hi) = xlim, ylim
    corners = np.array([[x_lo, y_lo], [x_hi, y_lo], [x_hi, y_hi], [x_lo, y_hi]])
    inside = corners @ np.array([w0, w1]) + b
    out = []
    for i, j in zip(range(4), [1, 2, 3, 0], strict=True):
        if inside[i] >= 0:
            out.append(corners[i])
        if (inside[i] >= 0) != (inside[j] >= 0):
            out.append(corners[i] + inside[i] / (inside[i] - inside[j]) * (corners[j] - corners[i]))
    return np.array(out) if out else np.zeros((1, 2))  # one point: an empty, valid polygon


def _n_correct(w0, w1, b, X, y, positive):
    scores = X @ np.array([w0, w1]) + b
    # A score of exactly 0 counts for neither class, as in the lecture's loop.
    return int(np.sum(np.where(y == positive, scores > 0, scores < 0)))


def _new_axes():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    return ax


def _scatter(ax, X, y, classes, size=50):
    for color, label in zip(CLASS_COLORS, classes, strict=False):
        name = f"{label:+g}" if isinstance(label, numbers.Number) else label
        ax.scatter(*X[y == label].T, s=size, c=color, edgecolors="black", linewidths=0.6,
                   zorder=3, label=f"label {name}")


def _frame(ax, X, y, classes, xlim, ylim, size=50):
    """Static parts of a boundary frame; returns the artists that move (shade, line)."""
    from matplotlib.patches import Polygon

    shade = Polygon(np.zeros((1, 2)), facecolor=CLASS_COLORS[1], alpha=0.2, edgecolor="none",
                    label="score > 0")
    ax.add_patch(shade)
    (line,) = ax.plot([], [], color="black", linewidth=2, label="boundary")
    _scatter(ax, X, y, classes, size=size)
    ax.set(xlim=xlim, ylim=ylim)
    return shade, line


def _update(shade, line, w0, w1, b, xlim, ylim):
    shade.set_xy(_positive_side(w0, w1, b, xlim, ylim))
    line.set_data(*_segment(w0, w1, b, xlim, ylim))


def plot_labeled_points(X, y, *, ax=None, size=50) -> Axes:
    """Scatter 2-D points ``X`` (n_samples, 2) coloured by their labels ``y`` (n_samples,).

    At most two distinct labels; each gets a legend entry. ``size`` is the marker area in
    points². A new figure (6.4 × 3.6 in) is made only when ``ax`` is None. Returns the Axes.
    """
    _check_ax(ax)
    X, y, classes = _check_points(X, y, two_classes=False)
    ax = _new_axes() if ax is None else ax
    _scatter(ax, X, y, classes, size=size)
    return ax


def plot_linear_boundary(w, b, *, ax=None, xlim=WINDOW_X, ylim=WINDOW_Y, **kwargs) -> Axes:
    """Draw the line w0·x0 + w1·x1 + b = 0 across the window ``xlim`` × ``ylim``.

    Where w1 ≠ 0 this is x1 = (−b − w0·x0) / w1; where w1 = 0 it is the vertical line
    x0 = −b / w0. The window becomes the Axes' limits.

    Args:
        w: the 2 weights (w0, w1), any shape with 2 entries, e.g. a Dense kernel (2, 1);
            not both 0.
        b: the bias, a number or an array with 1 entry, e.g. a Dense bias (1,).
        ax: the Axes to draw on; a new figure is made only when None.
        xlim, ylim: the window (low, high) for x0 and x1.
        **kwargs: passed to ``Axes.plot`` (defaults: black, width 2, label "boundary").

    Returns:
        The Axes drawn on; the line is ``ax.lines[-1]``.
    """
    _check_ax(ax)
    w0, w1, b = _check_line(w, b)
    xlim, ylim = _check_limits(xlim, "xlim"), _check_limits(ylim, "ylim")
    ax = _new_axes() if ax is None else ax
    style = {"color": "black", "linewidth": 2, "label": "boundary", **kwargs}
    ax.plot(*_segment(w0, w1, b, xlim, ylim), **style)
    ax.set(xlim=xlim, ylim=ylim)
    return ax


def animate_boundary(weights_history, X, y, *, epochs=None, interval=300, xlim=WINDOW_X,
                     ylim=WINDOW_Y, figsize=(6.4, 3.6), dpi=80) -> FuncAnimation:
    """Animate the decision boundary over the recorded epochs, one frame per epoch.

    The figure is not registered with pyplot: Jupyter shows no extra static copy and
    pyplot's state is left alone. Show it inline without ffmpeg with
    ``IPython.display.HTML(anim.to_jshtml())`` or save it with ``anim.save("a.gif")``.
    A frame is a PNG of about 20 KB at the default size; choose ``epochs`` to keep a
    notebook small.

    Args:
        weights_history: a :class:`~course_utils.callbacks.WeightHistory` (frames labelled
            with its ``epochs``) or a sequence of ``[kernel, bias]`` entries (labelled 1, 2, ...).
            An all-zero kernel draws no line.
        X: points, shape (n_samples, 2). y: their labels, shape (n_samples,), two classes;
            the larger label is the class a positive score stands for.
        epochs: which recorded epochs to show, in order; default all.
        interval: milliseconds between frames.
        xlim, ylim: the window. figsize, dpi: size of the frames.

    Returns:
        A ``matplotlib.animation.FuncAnimation``.
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.figure import Figure

    X, y, classes = _check_points(X, y, two_classes=True)
    lines, labels = _check_history(weights_history)
    frames = _select(labels, epochs, default_count=None)
    xlim, ylim = _check_limits(xlim, "xlim"), _check_limits(ylim, "ylim")
    _check_positive(interval, "interval", "number of milliseconds")
    _check_positive(dpi, "dpi", "number")

    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
    ax = fig.add_subplot(xlabel="$x_0$", ylabel="$x_1$")
    shade, line = _frame(ax, X, y, classes, xlim, ylim)
    ax.legend(loc="upper right", fontsize="small", framealpha=0.9)
    title = ax.set_title(" ")

    def draw(i):
        k = frames[i]
        _update(shade, line, *lines[k], xlim, ylim)
        correct = _n_correct(*lines[k], X, y, classes[1])
        title.set_text(f"epoch {labels[k]}: {correct}/{len(y)} points correct")
        return shade, line, title

    return FuncAnimation(fig, draw, frames=len(frames), interval=interval)


def plot_boundary_grid(weights_history, X, y, *, epochs=None, ncols=4, xlim=WINDOW_X,
                       ylim=WINDOW_Y, figsize=None) -> Figure:
    """Small multiples of the decision boundary at a few recorded epochs, for slides and print.

    Args:
        weights_history, X, y, xlim, ylim: as for :func:`animate_boundary`.
        epochs: which recorded epochs to show; default up to 8, spread evenly from the first
            to the last.
        ncols: panels per row.
        figsize: default about 2 inches per panel, at most 8 inches wide.

    Returns:
        The new ``matplotlib.figure.Figure`` (made with pyplot, so Jupyter shows it).
    """
    import matplotlib.pyplot as plt

    X, y, classes = _check_points(X, y, two_classes=True)
    lines, labels = _check_history(weights_history)
    picked = _select(labels, epochs, default_count=MAX_GRID_PANELS)
    xlim, ylim = _check_limits(xlim, "xlim"), _check_limits(ylim, "ylim")
    if isinstance(ncols, bool) or not isinstance(ncols, numbers.Integral) or ncols < 1:
        raise ValueError(f"ncols must be a positive int; got {ncols!r}")

    ncols = min(ncols, len(picked))
    nrows = -(-len(picked) // ncols)
    figsize = figsize or (min(8.0, 2.1 * ncols), 1.5 * nrows + 0.6)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, sharex=True, sharey=True,
                             layout="constrained", squeeze=False)
    for ax, k in zip(axes.flat, picked, strict=False):
        _update(*_frame(ax, X, y, classes, xlim, ylim, size=25), *lines[k], xlim, ylim)
        correct = _n_correct(*lines[k], X, y, classes[1])
        ax.set_title(f"epoch {labels[k]}: {correct}/{len(y)}", fontsize="medium")
        ax.tick_params(labelsize="small")
    for ax in axes.flat[len(picked) :]:
        ax.set_visible(False)
    for column in range(ncols):
        # The lowest visible panel of each column carries the x axis (sharex hid the others').
        bottom = axes[(len(picked) - 1 - column) // ncols, column]
        bottom.xaxis.set_tick_params(labelbottom=True)
        bottom.set_xlabel("$x_0$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$x_1$")
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncols=len(names), fontsize="small")
    return fig
