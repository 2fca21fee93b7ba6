"""The plotting conventions that ``linear`` and ``regions`` share, so their figures agree.

- Palette: matplotlib's ``tab10``; class j of a plot always gets colour j, whichever function
  drew it, and the same colour shades the region the model assigns to that class.
- Legend: a point's entry reads ``label <value>``; whole numbers print without ``.0``, and
  with a sign when some label is negative (``label -1``, ``label +1``). Names given by the
  caller (``class_names``) replace the whole entry.
- Points: ``MARKER_SIZE`` points² with a thin black edge, drawn above lines and regions.
- Axes: ``$x_0$`` and ``$x_1$`` on axes that have no labels yet; a new figure is
  ``FIGSIZE`` inches (16:9, like a slide) and made with pyplot only when no Axes is given.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "FIGSIZE",
    "MARKER_SIZE",
    "class_colors",
    "encode_labels",
    "label_axes",
    "legend_labels",
    "new_axes",
    "optimizer_color",
    "scatter_classes",
]

PALETTE = "tab10"
MARKER_SIZE = 36  # matplotlib's own default: a 6-point marker
FIGSIZE = (6.4, 3.6)
POINT_STYLE = {"edgecolors": "black", "linewidths": 0.6, "zorder": 3}
# One colour per optimizer in every figure of a notebook (tab10 entries), looked up by the
# first keyword a curve's label contains: "momentum 0.9" and "momentum 0.7, lr 0.03" match.
OPTIMIZER_COLORS = {
    "full batch": "#7f7f7f",  # plain gradient descent: grey
    "Adam": "#d62728",
    "RMSprop": "#2ca02c",
    "momentum": "#ff7f0e",
    "SGD": "#1f77b4",
}


def optimizer_color(label: str) -> str:
    """The colour of the optimizer a curve's label names (see ``OPTIMIZER_COLORS``)."""
    if not isinstance(label, str):
        raise TypeError(f"label must be a str naming an optimizer; got {label!r}")
    for keyword, color in OPTIMIZER_COLORS.items():
        if keyword.lower() in label.lower():
            return color
    raise ValueError(f"label {label!r} names none of the optimizers {list(OPTIMIZER_COLORS)}")


def class_colors(n_classes: int) -> list[str]:
    """Hex colours of classes 0 .. n_classes - 1 (the palette repeats after 10)."""
    import matplotlib as mpl

    palette = mpl.colormaps[PALETTE]
    return [mpl.colors.to_hex(palette(i % palette.N)) for i in range(n_classes)]


def _label_name(value, signed: bool) -> str:
    if isinstance(value, (int, float, np.number)) and float(value).is_integer():
        return f"{int(value):+d}" if signed and value != 0 else str(int(value))
    return str(value)


def encode_labels(y: np.ndarray, n_classes: int) -> tuple[np.ndarray, list[str]]:
    """Map labels to palette positions, and name each position for the legend.

    Integer labels 0 .. n_classes - 1 keep their value, so a class missing from ``y`` does not
    shift the colours; anything else (-1/+1, strings) is sorted and numbered in that order, so
    the larger label takes the later colour: the one of "score above the threshold".

    Parameters
    ----------
    y : numpy.ndarray of shape (n_samples,)
        Labels, as ``check_labels`` returns them.
    n_classes : int
        How many classes the plot shows.

    Returns
    -------
    positions : numpy.ndarray of int, shape (n_samples,)
    names : list of str
        ``names[j]`` names position j; as long as ``n_classes`` or the number of distinct
        labels, whichever is larger.
    """
    values = np.unique(y)
    if np.issubdtype(values.dtype, np.number):
        whole = bool(np.all(values == np.round(values)))
        signed = bool(values.min() < 0)
        if whole and not signed and values.max() < n_classes:
            return y.astype(int), [str(i) for i in range(n_classes)]
        names = [_label_name(v.item(), signed) for v in values]
    else:
        names = [str(v) for v in values]
    return np.searchsorted(values, y), names


def legend_labels(names: list[str], class_names=None) -> list[str]:
    """Legend entries for the palette positions: ``class_names`` as given, else ``label <name>``."""
    return list(class_names) if class_names is not None else [f"label {n}" for n in names]


def scatter_classes(ax, X, positions, legend_labels, *, size=MARKER_SIZE) -> None:
    """Draw the points of each class present, one scatter (and legend entry) per class."""
    colors = class_colors(len(legend_labels))
    for j in np.unique(positions):
        ax.scatter(*X[positions == j].T, s=size, c=colors[j], label=legend_labels[j],
                   **POINT_STYLE)


def label_axes(ax, xlabel=None, ylabel=None) -> None:
    """Set the given axis labels; where none is given, ``$x_0$``/``$x_1$`` on an unlabelled axis."""
    if xlabel is not None or not ax.get_xlabel():
        ax.set_xlabel("$x_0$" if xlabel is None else xlabel)
    if ylabel is not None or not ax.get_ylabel():
        ax.set_ylabel("$x_1$" if ylabel is None else ylabel)


def new_axes(figsize=FIGSIZE):
    """A new pyplot figure of ``figsize`` inches with one Axes (so Jupyter shows it)."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax
