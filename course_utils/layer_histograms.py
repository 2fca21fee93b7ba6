"""Per-layer histograms of what flows through a deep network: activations forward, δ back.

A deep network trains when the signal keeps its size on the way in (the activations h) and on
the way back (δ = ∂L/∂z). One row of small histograms per layer, stacked from the input side
down and drawn on a log scale of magnitude, shows at a glance where either one shrinks or
grows, and whether an initialisation keeps both steady. The numbers come from
`course_utils.gradients.layer_signals`; :func:`log_magnitude_histograms` computes the
histograms and :func:`plot_layer_histograms` draws them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ._checks import check_int

__all__ = ["log_magnitude_histograms", "plot_layer_histograms"]

_ROWS = ("activations $h$", r"$\delta = \partial L/\partial z$")
_XLABELS = (r"$\log_{10} |h|$ (nonzero $h$)", r"$\log_{10} |\delta|$")


def log_magnitude_histograms(
    arrays: Mapping[str, np.ndarray], edges: np.ndarray
) -> dict[str, np.ndarray]:
    """Fraction of each array's nonzero entries per bin of ``log10 |value|``.

    Zeros (units a ReLU switched off) are left out: they have no magnitude. Each histogram
    is scaled to a peak of 1, so layers of any width compare by shape and position.

    Parameters
    ----------
    arrays : mapping of str to array
        Name → values (any shape).
    edges : 1-D array
        Bin edges on the ``log10 |value|`` axis, increasing.

    Returns
    -------
    dict
        Name → bin heights (``len(edges) - 1`` of them, peak 1; all 0 if no entry is nonzero).

    Examples
    --------
    >>> h = log_magnitude_histograms({"a": [0.0, 0.01, 0.02, 1.0]}, np.array([-3, -1, 1]))
    >>> h["a"].tolist()
    [1.0, 0.5]
    """
    edges = np.asarray(edges, dtype=np.float64)
    if edges.ndim != 1 or len(edges) < 2 or (np.diff(edges) <= 0).any():
        raise ValueError(f"edges must be an increasing 1-D array of 2 or more; got {edges!r}")
    out = {}
    for name, values in arrays.items():
        magnitude = np.abs(np.asarray(values, dtype=np.float64)).ravel()
        counts, _ = np.histogram(np.log10(magnitude[magnitude > 0]), bins=edges)
        out[name] = counts / counts.max() if counts.max() > 0 else counts.astype(np.float64)
    return out


def _check_signals(signals) -> dict[str, dict[str, tuple[np.ndarray, np.ndarray]]]:
    if not isinstance(signals, Mapping) or not signals:
        raise TypeError(
            "signals must be a non-empty dict: label -> layer_signals(...) output; "
            f"got {type(signals).__name__}"
        )
    for label, by_layer in signals.items():
        if not isinstance(by_layer, Mapping) or not by_layer:
            raise TypeError(f"signals[{label!r}] must map layer names to (h, delta) pairs")
        if not all(isinstance(pair, tuple) and len(pair) == 2 for pair in by_layer.values()):
            raise TypeError(f"signals[{label!r}] must map layer names to (h, delta) pairs")
    return {label: dict(by_layer) for label, by_layer in signals.items()}


def plot_layer_histograms(signals, *, bins: int = 40, axes=None):
    """Draw per-layer histograms of ``log10 |h|`` and ``log10 |δ|``, one column per network.

    Parameters
    ----------
    signals : mapping
        Column label (say, an initialiser's name) → the dict of layer name → ``(h, delta)``
        that `course_utils.gradients.layer_signals` returns. The input-side layer is drawn on
        top.
    bins : int, default 40
        Bins across each row's range of magnitudes (shared by the columns of a row).
    axes : 2-D array of matplotlib Axes, optional
        Shape (2, number of columns); a new figure of 8 x 4.2 inches when None.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        Row 0: activations; row 1: δ.
    """
    signals = _check_signals(signals)
    bins = check_int(bins, "bins", low=2)
    n_cols = len(signals)
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(2, n_cols, figsize=(8, 4.2), sharey=True, squeeze=False,
                               layout="constrained")
    axes = np.asarray(axes)
    if axes.shape != (2, n_cols):
        raise ValueError(f"axes must have shape (2, {n_cols}); got {axes.shape}")
    for row in range(2):
        logs = np.concatenate([
            np.log10(np.abs(a[a != 0])) for by_layer in signals.values()
            for a in (np.asarray(pair[row]).ravel() for pair in by_layer.values())
        ])  # fmt: skip
        low = np.percentile(logs, 0.5)  # a few stray tiny values would squash the rest
        edges = np.linspace(np.floor(low), np.ceil(logs.max()), bins + 1)
        centres = (edges[:-1] + edges[1:]) / 2
        for col, (label, by_layer) in enumerate(signals.items()):
            ax = axes[row, col]
            heights = log_magnitude_histograms(
                {name: pair[row] for name, pair in by_layer.items()}, edges)
            for k, height in enumerate(heights.values()):
                base = len(heights) - 1 - k
                ax.fill_between(centres, base, base + 0.85 * height, color=f"C{row}",
                                alpha=0.7, linewidth=0)
            ax.set_yticks(range(len(heights)), list(heights)[::-1], fontsize=7)
            ax.set_xlabel(_XLABELS[row], fontsize=9)
            ax.set_title(f"{label}: {_ROWS[row]}", fontsize=10)
            ax.grid(axis="x", color="0.9")
    return axes
