"""Exploration 4: an optimizer's path down an ill-conditioned quadratic, step by step."""

from __future__ import annotations

import numpy as np

from ..optimizer_paths import CURVATURES, RULES, plot_paths, quadratic_loss, rule_path
from ..plotting._style import optimizer_color
from ._core import Control, Exploration, new_figure, png_bytes

START = (-4.0, 1.0)
SPAN = (4.6, 1.6)  # the window: the start and a little room around the valley
LR_STATIC = (0.03, 0.09, 0.3)
MOMENTUM_STATIC = (0.0, 0.5, 0.9)


def optimizer_paths(*, start=START, steps: int = 30, curvatures=CURVATURES) -> Exploration:
    """Menus and sliders for the optimizer, learning rate and momentum; its path is drawn.

    The loss is :func:`course_utils.optimizer_paths.quadratic_loss`; the path comes from
    :func:`course_utils.optimizer_paths.rule_path` (Keras's update rules, in NumPy) and is
    drawn over the contour lines of :func:`course_utils.optimizer_paths.plot_paths`.
    Momentum is SGD's and RMSprop's ``momentum`` and Adam's ``beta_1``.

    Parameters
    ----------
    start : sequence of 2 floats, default (-4, 1)
        The starting point θ.
    steps : int, default 30
        Steps per path.
    curvatures : pair of float, default (1, 20)
        The quadratic's curvatures.

    Returns
    -------
    Exploration
    """
    rule_path("SGD", 0.01, start, steps=steps, curvatures=curvatures)  # checks the arguments
    fig, ax = new_figure()
    # plot_paths frames its paths with 15 % to spare and marks the first point as the start.
    frame = np.array([start, [-SPAN[0], -SPAN[1]], [SPAN[0], SPAN[1]]]) / [[1, 1], [1.15] * 2,
                                                                          [1.15] * 2]
    plot_paths({"SGD": frame}, curvatures=curvatures, ax=ax)
    (path_line,) = ax.lines[0:1]
    path_line.set_label(None)
    moving = list(ax.lines)  # the path, and the start and minimum marks drawn over it

    def draw(rule, learning_rate, momentum, quantize=False):
        path = rule_path(rule, learning_rate, start, momentum=momentum, steps=steps,
                         curvatures=curvatures)
        shown = np.clip(np.nan_to_num(path, nan=1e6), -1e6, 1e6)
        path_line.set_data(shown[:, 0], shown[:, 1])
        path_line.set_color(optimizer_color(rule))
        loss = float(quadratic_loss(path[-1], curvatures))
        end = f"loss after {steps} steps {loss:.3g}" if np.isfinite(loss) and loss < 1e6 \
            else "diverges"
        ax.set_title(f"{rule}, lr {learning_rate:g}, momentum {momentum:g}: {end}", fontsize=10)
        return png_bytes(fig, quantize=quantize, moving=moving)

    controls = [
        Control("rule", "optimizer", RULES, RULES, "SGD"),
        Control("learning_rate", "learning rate", (-3.0, 0.0, 0.05), LR_STATIC, 0.03, log=True),
        Control("momentum", "momentum", (0.0, 0.95, 0.05), MOMENTUM_STATIC, 0.0),
    ]
    return Exploration("Optimizers on a loss surface", controls, draw,
                       lambda **v: draw(**v, quantize=True))
