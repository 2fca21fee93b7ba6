"""Exploration 2: three scores and a temperature; softmax, cross entropy and squared error."""

from __future__ import annotations

import numpy as np

from .._checks import check_int
from ..losses import cross_entropy, softmax, squared_error
from ..plotting import _style as style
from ._core import Control, Exploration, new_figure, png_bytes

Z0_STATIC = (-2.0, 0.0, 2.0, 4.0)
Z1_STATIC = (0.0, 2.0, 4.0)
T_STATIC = (0.5, 1.0, 2.0)
CLASSES = ("class 0", "class 1", "class 2")
LOSS_TOP = 6.0  # the loss panel's scale: cross entropy runs off it, squared error never exceeds 2


def softmax_losses(*, true_class: int = 0) -> Exploration:
    """Sliders for three scores and a temperature: the probabilities and both losses.

    The probabilities are ``softmax(z / T)``; the losses are those of notebook 03 for the
    chosen true class: cross entropy ``−log p_true`` and the squared error summed over the
    classes, ``Σ (p − one_hot)²``, which never exceeds 2 however confident the mistake.

    Parameters
    ----------
    true_class : int, default 0
        The correct class (0, 1 or 2) to start with; a menu changes it.

    Returns
    -------
    Exploration
    """
    true_class = check_int(true_class, "true_class", low=0, high=2)
    fig, (ax_p, ax_l) = new_figure(ncols=2, width_ratios=(3, 2))
    colors = style.class_colors(3)
    bars = ax_p.bar(range(3), [1 / 3] * 3, color=colors, edgecolor="black")
    ax_p.set(ylim=(0, 1), xticks=range(3), ylabel="probability")
    ax_p.set_xticklabels(CLASSES, fontsize=10)
    loss_bars = ax_l.bar([0, 1], [0, 0], color=["#d62728", "#7f7f7f"])
    texts = [ax_l.text(i, 0, "", ha="center", va="bottom", fontsize=10) for i in range(2)]
    ax_l.set(ylim=(0, LOSS_TOP), xticks=[0, 1])
    ax_l.set_xticklabels(["cross\nentropy", "squared\nerror"], fontsize=10)
    moving = [*bars, *loss_bars, *texts]  # what a redraw changes

    def draw(z0, z1, z2, temperature, true_class, quantize=False):
        t = CLASSES.index(true_class)
        p = softmax(np.array([z0, z1, z2]) / temperature)
        one_hot = np.eye(3)[t]
        losses = [float(cross_entropy(one_hot, p)), float(squared_error(one_hot, p))]
        for k, bar in enumerate(bars):
            bar.set_height(p[k])
            bar.set_linewidth(2.5 if k == t else 0.5)
        for bar, text, value in zip(loss_bars, texts, losses, strict=True):
            bar.set_height(min(value, LOSS_TOP))
            text.set_position((text.get_position()[0], min(value, LOSS_TOP - 0.6)))
            text.set_text(f"{value:.2f}")
        ax_p.set_title(f"true class {t}: p = {p[t]:.3f}", fontsize=10)
        return png_bytes(fig, quantize=quantize, moving=moving)

    controls = [
        Control("z0", "score z₀", (-6.0, 6.0, 0.1), Z0_STATIC, 0.0),
        Control("z1", "score z₁", (-6.0, 6.0, 0.1), Z1_STATIC, 2.0),
        Control("z2", "score z₂", (-6.0, 6.0, 0.1), (0.0,), 0.0),
        Control("temperature", "temperature T", (-1.0, 1.0, 0.05), T_STATIC, 1.0, log=True),
        Control("true_class", "true class", CLASSES, (CLASSES[true_class],), CLASSES[true_class]),
    ]
    return Exploration("Softmax: scores, temperature and two losses", controls, draw,
                       lambda **v: draw(**v, quantize=True))
