"""Linear decision boundaries and their movement over training epochs.

A linear model on two features scores x with f(x) = w0·x0 + w1·x1 + b; its decision boundary
is the line f(x) = 0. These helpers draw that line, the labelled points, and the line moving
over the weights a :class:`course_utils.callbacks.WeightHistory` recorded, with the side where
f(x) > 0 shaded in the colour of the larger label (the class that side is assigned to).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._checks import check_ax, check_int, check_real
from . import _style as style
from ._checks import check_labels, check_limits, check_points_2d
from ._lines import check_history, check_line, n_correct, positive_side, segment, select

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "animate_boundary",
    "animation_html",
    "plot_boundary_grid",
    "plot_labeled_points",
    "plot_linear_boundary",
]

WINDOW_X = (-15.0, 15.0)
WINDOW_Y = (-6.0, 6.0)
MAX_GRID_PANELS = 8


def _check_points(X, y, *, two_classes):
    """X as floats, y as palette positions (0: the smaller label, 1: the larger), legend names."""
    X = check_points_2d(X, purpose="draw in the plane")
    y = check_labels(y, len(X))
    classes = np.unique(y)
    if len(classes) > 2 or (two_classes and len(classes) != 2):
        raise ValueError(
            f"y must hold {'exactly' if two_classes else 'at most'} 2 distinct labels "
            f"(a line separates two classes); got {len(classes)}: {classes.tolist()}"
        )
    positions, names = style.encode_labels(y, 2)
    return X, positions, style.legend_labels(names)


def _frame(ax, X, positions, labels, xlim, ylim, size=style.MARKER_SIZE):
    """Static parts of a boundary frame; returns the artists that move (shade, line)."""
    from matplotlib.patches import Polygon

    positive = style.class_colors(2)[1]
    shade = Polygon(np.zeros((1, 2)), facecolor=positive, alpha=0.2, edgecolor="none",
                    label="score > 0")
    ax.add_patch(shade)
    (line,) = ax.plot([], [], color="black", linewidth=2, label="boundary")
    style.scatter_classes(ax, X, positions, labels, size=size)
    ax.set(xlim=xlim, ylim=ylim)
    return shade, line


def _update(shade, line, w0, w1, b, xlim, ylim):
    shade.set_xy(positive_side(w0, w1, b, xlim, ylim))
    line.set_data(*segment(w0, w1, b, xlim, ylim))


def plot_labeled_points(X, y, *, ax=None, size=style.MARKER_SIZE) -> Axes:
    """Scatter 2-D points coloured by their labels, one legend entry per label.

    Parameters
    ----------
    X : array of shape (n_samples, 2)
        The points.
    y : array of shape (n_samples,)
        Their labels; at most two distinct values.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made only when None.
    size : float, default 36
        Marker area in points².

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_ax(ax)
    X, positions, labels = _check_points(X, y, two_classes=False)
    size = check_real(size, "size", low=0, low_open=True)
    ax = style.new_axes() if ax is None else ax
    style.label_axes(ax)
    style.scatter_classes(ax, X, positions, labels, size=size)
    return ax


def plot_linear_boundary(w, b, *, ax=None, xlim=WINDOW_X, ylim=WINDOW_Y, **kwargs) -> Axes:
    """Draw the line w0·x0 + w1·x1 + b = 0 across the window ``xlim`` × ``ylim``.

    Where w1 ≠ 0 this is x1 = (−b − w0·x0) / w1; where w1 = 0 it is the vertical line
    x0 = −b / w0. The window becomes the Axes' limits.

    Parameters
    ----------
    w : array-like with 2 entries
        The weights (w0, w1), e.g. a Dense kernel of shape (2, 1); not both 0.
    b : float or array-like with 1 entry
        The bias, e.g. a Dense bias of shape (1,).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made only when None.
    xlim, ylim : (float, float)
        The window (low, high) for x0 and x1.
    **kwargs
        Passed to ``Axes.plot`` (defaults: black, width 2, label "boundary").

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; the line is ``ax.lines[-1]``.
    """
    check_ax(ax)
    w0, w1, b = check_line(w, b)
    xlim, ylim = check_limits(xlim, "xlim"), check_limits(ylim, "ylim")
    ax = style.new_axes() if ax is None else ax
    style.label_axes(ax)
    line_style = {"color": "black", "linewidth": 2, "label": "boundary", **kwargs}
    ax.plot(*segment(w0, w1, b, xlim, ylim), **line_style)
    ax.set(xlim=xlim, ylim=ylim)
    return ax


def animate_boundary(weights_history, X, y, *, epochs=None, interval=300, xlim=WINDOW_X,
                     ylim=WINDOW_Y, figsize=style.FIGSIZE, dpi=80) -> FuncAnimation:
    """Animate the decision boundary over the recorded epochs, one frame per epoch.

    The figure is not registered with pyplot: Jupyter shows no extra static copy and
    pyplot's state is left alone. Show it inline without ffmpeg with
    ``IPython.display.HTML(anim.to_jshtml())`` or save it with ``anim.save("a.gif")``.
    A frame is a PNG of about 20 KB at the default size; choose ``epochs`` to keep a
    notebook small.

    Parameters
    ----------
    weights_history : WeightHistory or sequence of [kernel, bias]
        A :class:`~course_utils.callbacks.WeightHistory` (frames labelled with its
        ``epochs``) or a sequence of ``[kernel, bias]`` entries (labelled 1, 2, ...).
        An all-zero kernel draws no line.
    X : array of shape (n_samples, 2)
        The points.
    y : array of shape (n_samples,)
        Their labels, two classes; the larger label is the class a positive score stands for.
    epochs : int or sequence of int, optional
        Which recorded epochs to show, in order; default all.
    interval : float, default 300
        Milliseconds between frames.
    xlim, ylim : (float, float)
        The window.
    figsize : (float, float), default (6.4, 3.6)
        Size of the frames in inches.
    dpi : float, default 80
        Resolution of the frames.

    Returns
    -------
    matplotlib.animation.FuncAnimation
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.figure import Figure

    X, positions, point_labels = _check_points(X, y, two_classes=True)
    lines, labels = check_history(weights_history)
    frames = select(labels, epochs, default_count=None)
    xlim, ylim = check_limits(xlim, "xlim"), check_limits(ylim, "ylim")
    check_real(interval, "interval", low=0, low_open=True)
    check_real(dpi, "dpi", low=0, low_open=True)

    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
    ax = fig.add_subplot(xlabel="$x_0$", ylabel="$x_1$")
    shade, line = _frame(ax, X, positions, point_labels, xlim, ylim)
    ax.legend(loc="upper right", fontsize="small", framealpha=0.9)
    title = ax.set_title(" ")

    def draw(i):
        k = frames[i]
        _update(shade, line, *lines[k], xlim, ylim)
        correct = n_correct(*lines[k], X, positions)
        title.set_text(f"epoch {labels[k]}: {correct}/{len(X)} points correct")
        return shade, line, title

    return FuncAnimation(fig, draw, frames=len(frames), interval=interval)


def animation_html(animation, *, pixel_ratio=2) -> str:
    """The HTML player of ``animation.to_jshtml()``, its frames shown at 1/``pixel_ratio`` size.

    matplotlib's player shows each frame at its pixel size; a frame drawn at twice the
    resolution it is shown at stays sharp on a high-density screen or a projector. Draw the
    frames at ``pixel_ratio`` times the dpi they should look like (``animate_boundary(...,
    dpi=200)`` shows as a 100 dpi figure).

    Parameters
    ----------
    animation : matplotlib.animation.Animation
        The animation, for example from :func:`animate_boundary`.
    pixel_ratio : int, default 2
        Frame pixels per displayed CSS pixel.

    Returns
    -------
    str
        HTML for ``IPython.display.HTML``.
    """
    from matplotlib.animation import Animation

    if not isinstance(animation, Animation):
        raise TypeError(f"animation must be a matplotlib Animation; got {animation!r}")
    pixel_ratio = check_int(pixel_ratio, "pixel_ratio", low=1)
    fig = animation._fig
    width = fig.get_figwidth() * fig.dpi / pixel_ratio
    # The player's frame <img> carries no size of its own, so it is given one here.
    return animation.to_jshtml().replace("<img id=", f'<img style="width: {width:.0f}px" id=', 1)


def _label_outer_axes(axes, n_panels, ncols):
    for column in range(ncols):
        # The lowest visible panel of each column carries the x axis (sharex hid the others').
        bottom = axes[(n_panels - 1 - column) // ncols, column]
        bottom.xaxis.set_tick_params(labelbottom=True)
        bottom.set_xlabel("$x_0$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$x_1$")


def plot_boundary_grid(weights_history, X, y, *, epochs=None, ncols=4, xlim=WINDOW_X,
                       ylim=WINDOW_Y, figsize=None) -> Figure:
    """Small multiples of the decision boundary at a few recorded epochs, for slides and print.

    Parameters
    ----------
    weights_history, X, y, xlim, ylim
        As for :func:`animate_boundary`.
    epochs : int or sequence of int, optional
        Which recorded epochs to show; default up to 8, spread evenly from the first to the
        last.
    ncols : int, default 4
        Panels per row.
    figsize : (float, float), optional
        Default about 2 inches per panel, at most 8 inches wide.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure (made with pyplot, so Jupyter shows it).
    """
    import matplotlib.pyplot as plt

    X, positions, point_labels = _check_points(X, y, two_classes=True)
    lines, labels = check_history(weights_history)
    picked = select(labels, epochs, default_count=MAX_GRID_PANELS)
    xlim, ylim = check_limits(xlim, "xlim"), check_limits(ylim, "ylim")
    ncols = min(check_int(ncols, "ncols", low=1), len(picked))

    nrows = -(-len(picked) // ncols)
    figsize = figsize or (min(8.0, 2.1 * ncols), 1.5 * nrows + 0.6)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, sharex=True, sharey=True,
                             layout="constrained", squeeze=False)
    for ax, k in zip(axes.flat, picked, strict=False):
        frame = _frame(ax, X, positions, point_labels, xlim, ylim, size=style.MARKER_SIZE * 2 / 3)
        _update(*frame, *lines[k], xlim, ylim)
        correct = n_correct(*lines[k], X, positions)
        ax.set_title(f"epoch {labels[k]}: {correct}/{len(X)}", fontsize="medium")
        ax.tick_params(labelsize="small")
    for ax in axes.flat[len(picked) :]:
        ax.set_visible(False)
    _label_outer_axes(axes, len(picked), ncols)
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncols=len(names), fontsize="small")
    return fig
