"""Training curves from a Keras ``History``: the training and the validation value per epoch.

Overfitting shows as the two curves parting: the training loss keeps falling while the
validation loss turns upwards. :func:`plot_history` draws both on one axis per metric and can
mark the epoch a callback such as ``EarlyStopping`` kept.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_axes, check_int

__all__ = ["history_dict", "plot_history"]


def history_dict(history) -> dict[str, np.ndarray]:
    """Return ``{metric: values per epoch}`` from a Keras ``History`` or a plain dict.

    Raises ``TypeError`` for anything else and ``ValueError`` when it is empty or when the
    metrics were recorded for different numbers of epochs.

    Parameters
    ----------
    history : keras.callbacks.History or dict
        What ``fit`` returns, or a dict of per-epoch lists such as its ``history``.
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict):
        raise TypeError("history must be a Keras History (what fit returns) or a dict of "
                        f"lists; got {type(history).__name__}")
    if not logs:
        raise ValueError("history is empty: was the model fitted for at least one epoch?")
    out = {}
    for key, values in logs.items():
        try:
            out[str(key)] = np.asarray(values, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            raise ValueError(f"history[{key!r}] must be a list of numbers") from None
    lengths = {len(v) for v in out.values()}
    if len(lengths) != 1 or 0 in lengths:
        raise ValueError("every metric in history must have one value per epoch; got "
                         f"lengths { {k: len(v) for k, v in out.items()} }")
    return out


def _check_metrics(metrics, logs):
    if isinstance(metrics, str):
        metrics = (metrics,)
    metrics = tuple(metrics)
    if not metrics:
        raise ValueError("metrics must name at least one recorded metric, e.g. 'loss'")
    missing = [m for m in metrics if m not in logs]
    if missing:
        raise ValueError(f"metrics {missing} are not in the history; it holds "
                         f"{sorted(logs)}")
    return metrics


def plot_history(history, metrics=("loss",), *, ax=None, mark_epoch=None, label=None,
                 logy=False):
    """Plot training and validation curves, one axis per metric.

    Parameters
    ----------
    history : keras.callbacks.History or dict of lists
        What ``fit`` returns, or its ``.history`` dict.
    metrics : str or sequence of str, default ("loss",)
        Metrics to draw; ``"val_" + name`` is drawn beside each when it was recorded.
    ax : matplotlib Axes or sequence of Axes, optional
        One Axes per metric; a new figure is made when None.
    mark_epoch : int, optional
        An epoch (counted from 1) to mark with a dotted line, e.g. the one early stopping kept.
    label : str, optional
        Prefix for the legend entries, to tell several runs apart on the same axes.
    logy : bool, default False
        Log scale on the y axis: losses near 0 differ by orders of magnitude.

    Returns
    -------
    numpy.ndarray of matplotlib Axes, one per metric
    """
    logs = history_dict(history)
    metrics = _check_metrics(metrics, logs)
    n_epochs = len(next(iter(logs.values())))
    if mark_epoch is not None:
        check_int(mark_epoch, "mark_epoch", low=1, high=n_epochs)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(1, len(metrics), figsize=(4 * len(metrics), 2.8),
                             layout="constrained", squeeze=False)
    axes = check_axes(ax, len(metrics)).reshape(-1)
    epochs = np.arange(1, n_epochs + 1)
    prefix = f"{label}: " if label else ""
    for ax, metric in zip(axes, metrics, strict=True):
        (line,) = ax.plot(epochs, logs[metric], label=f"{prefix}training")
        if f"val_{metric}" in logs:
            # same colour, dashed: the pair belongs to one run even with several runs drawn
            ax.plot(epochs, logs[f"val_{metric}"], linestyle="--", color=line.get_color(),
                    label=f"{prefix}validation")
        if mark_epoch is not None:
            ax.axvline(mark_epoch, color="0.5", linestyle=":", label=f"epoch {mark_epoch}")
        ax.set(xlabel="epoch", ylabel=metric)
        if logy:
            ax.set_yscale("log")
    return axes
