"""Explore by hand: sliders next to the notebooks' ideas, live with a kernel, static without.

Each function returns an :class:`Exploration`; make it the last expression of a cell::

    explore.linear_classifier(X, y)

With a kernel (JupyterLab, Colab) the sliders are ipywidgets and every move redraws. The same
output also carries a static view, frames of a small grid of settings and plain HTML sliders,
which the website, the slide decks and a notebook opened without running it show.
"""

from __future__ import annotations

from ._core import WIDGET_MIME, Control, Exploration
from ._linear import linear_classifier
from ._mlp import mlp_boundary
from ._optimizers import optimizer_paths
from ._softmax import softmax_losses

__all__ = [
    "WIDGET_MIME",
    "Control",
    "Exploration",
    "linear_classifier",
    "mlp_boundary",
    "optimizer_paths",
    "softmax_losses",
]
