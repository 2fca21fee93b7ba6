"""Optimizers on a two-parameter loss surface: the path each one takes, over contour lines.

The surface is the ill-conditioned quadratic ``L(θ) = ½ (a θ₀² + b θ₁²)``: a long, narrow
valley when the curvatures ``a`` and ``b`` differ a lot, the shape that makes plain gradient
descent zigzag across the valley while it crawls along it. :func:`keras_path` runs a real
Keras optimizer on it (so learning-rate schedules and gradient clipping come with it), and
:func:`plot_paths` draws the contour lines and the paths. Computing is kept apart from
drawing, so an interactive view can recompute paths and redraw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ._checks import check_int, check_real

__all__ = [
    "CURVATURES",
    "RULES",
    "keras_path",
    "plot_paths",
    "quadratic_gradient",
    "quadratic_loss",
    "rule_path",
]

CURVATURES = (1.0, 20.0)


def _curvatures(curvatures) -> np.ndarray:
    if isinstance(curvatures, (str, bytes)) or not isinstance(curvatures, Sequence):
        raise TypeError(f"curvatures must be a pair of numbers (a, b); got {curvatures!r}")
    if len(curvatures) != 2:
        raise ValueError(f"curvatures must be a pair of numbers (a, b); got {curvatures!r}")
    return np.array([check_real(c, f"curvatures[{i}]", low=0, low_open=True)
                     for i, c in enumerate(curvatures)])


def _point_checked(theta) -> np.ndarray:
    theta = np.asarray(theta, dtype=np.float64)
    if theta.shape[-1:] != (2,):
        raise ValueError(f"theta must have shape (..., 2); got {theta.shape}")
    return theta


def quadratic_loss(theta, curvatures=CURVATURES) -> np.ndarray:
    """``½ (a θ₀² + b θ₁²)`` for points ``theta`` of shape ``(..., 2)``.

    Parameters
    ----------
    theta : array-like of shape (..., 2)
        One point or a stack of points of the plane.
    curvatures : (float, float), default CURVATURES
        ``(a, b)``, the curvatures along the two axes; their ratio is the condition number.

    Returns
    -------
    numpy.ndarray
        The loss at each point, of shape ``theta.shape[:-1]``.

    Examples
    --------
    >>> float(quadratic_loss([1.0, 1.0], (1.0, 20.0)))
    10.5
    """
    theta = _point_checked(theta)
    return 0.5 * (theta**2 * _curvatures(curvatures)).sum(axis=-1)


def quadratic_gradient(theta, curvatures=CURVATURES) -> np.ndarray:
    """The gradient ``(a θ₀, b θ₁)`` of :func:`quadratic_loss`, shaped like ``theta``.

    Parameters
    ----------
    theta : array-like of shape (..., 2)
        One point or a stack of points of the plane.
    curvatures : (float, float), default CURVATURES
        ``(a, b)``, as for :func:`quadratic_loss`.

    Returns
    -------
    numpy.ndarray
        The gradient at each point, of the same shape as ``theta``.

    Examples
    --------
    >>> quadratic_gradient([1.0, -0.5], (1.0, 20.0)).tolist()
    [1.0, -10.0]
    """
    theta = _point_checked(theta)
    return theta * _curvatures(curvatures)


def keras_path(
    optimizer, start, *, steps: int = 30, curvatures=CURVATURES, noise: float = 0.0, seed: int = 0
) -> np.ndarray:
    """Run a Keras optimizer on :func:`quadratic_loss` and return every point it visits.

    Parameters
    ----------
    optimizer : keras.optimizers.Optimizer
        A new optimizer (it builds its slots for the one variable it is given here), with any
        learning rate, schedule, momentum or clipping.
    start : sequence of 2 floats
        The starting point θ.
    steps : int, default 30
        Number of updates.
    curvatures : pair of float, default (1, 20)
        ``a`` and ``b`` of the quadratic.
    noise : float, default 0
        Standard deviation of Gaussian noise added to every gradient component, a stand-in
        for the noise of mini-batch gradients.
    seed : int, default 0
        Seed of the noise.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, 2)``: the start, then θ after every step (float32 precision).
    """
    import keras
    import tensorflow as tf

    if not isinstance(optimizer, keras.optimizers.Optimizer):
        raise TypeError(f"optimizer must be a keras optimizer; got {type(optimizer).__name__}")
    if optimizer.built:
        raise ValueError("optimizer must be new: it has already updated other variables")
    start = np.asarray(start, dtype=np.float64)
    if start.shape != (2,) or not np.isfinite(start).all():
        raise ValueError(f"start must be 2 finite numbers; got {start.tolist()}")
    steps = check_int(steps, "steps", low=1)
    curv = _curvatures(curvatures)
    noise = check_real(noise, "noise", low=0)
    rng = np.random.default_rng(check_int(seed, "seed", low=0))
    theta = keras.Variable(start, dtype="float32", name="theta")
    path = [theta.numpy()]
    for _ in range(steps):
        grad = curv * theta.numpy() + noise * rng.standard_normal(2)
        grad = tf.constant(grad, dtype=tf.float32)
        optimizer.apply_gradients([(grad, theta)])
        path.append(theta.numpy())
    return np.array(path, dtype=np.float64)


#: The update rules :func:`rule_path` knows, as Keras names its optimizers.
RULES = ("SGD", "RMSprop", "Adam")
EPSILON = 1e-7  # Keras's default epsilon for RMSprop and Adam


def rule_path(
    rule: str, learning_rate: float, start, *, momentum: float = 0.0, steps: int = 30,
    curvatures=CURVATURES,
) -> np.ndarray:
    """The points :func:`keras_path` would visit, from the update rules written in NumPy.

    Keras's own formulas with its defaults (``rho = 0.9``, ``beta_2 = 0.999``, ``epsilon =
    1e-7``), in float64: about a thousand times faster than driving a Keras optimizer, fast
    enough to redraw while a slider moves; the tests hold it to :func:`keras_path`.

    Parameters
    ----------
    rule : {"SGD", "RMSprop", "Adam"}
        The optimizer.
    learning_rate : float
        Its learning rate, > 0.
    start : sequence of 2 floats
        The starting point θ.
    momentum : float, default 0
        In [0, 1): SGD's and RMSprop's ``momentum``, Adam's ``beta_1`` (its momentum).
    steps : int, default 30
        Number of updates.
    curvatures : pair of float, default (1, 20)
        ``a`` and ``b`` of the quadratic.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, 2)``: the start, then θ after every step (inf or nan once it
        diverges past float64).

    Examples
    --------
    >>> rule_path("SGD", 0.1, (1.0, 1.0), steps=1, curvatures=(1.0, 20.0)).tolist()
    [[1.0, 1.0], [0.9, -1.0]]
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}; got {rule!r}")
    lr = check_real(learning_rate, "learning_rate", low=0, low_open=True)
    momentum = check_real(momentum, "momentum", low=0)
    if momentum >= 1:
        raise ValueError(f"momentum must be in [0, 1); got {momentum}")
    theta = np.asarray(start, dtype=np.float64)
    if theta.shape != (2,) or not np.isfinite(theta).all():
        raise ValueError(f"start must be 2 finite numbers; got {theta.tolist()}")
    steps = check_int(steps, "steps", low=1)
    curv = _curvatures(curvatures)
    path, m, v = [theta], np.zeros(2), np.zeros(2)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            g = curv * theta
            if rule == "SGD":
                m = momentum * m - lr * g
                theta = theta + m
            elif rule == "RMSprop":
                v = 0.9 * v + 0.1 * g**2
                m = momentum * m + lr * g / np.sqrt(v + EPSILON)
                theta = theta - m
            else:
                m = m + (g - m) * (1 - momentum)
                v = v + (g**2 - v) * (1 - 0.999)
                alpha = lr * np.sqrt(1 - 0.999**t) / (1 - momentum**t)
                theta = theta - alpha * m / (np.sqrt(v) + EPSILON)
            path.append(theta)
    return np.array(path)


def plot_paths(
    paths: Mapping[str, np.ndarray],
    *,
    curvatures=CURVATURES,
    levels: int = 8,
    ax=None,
):
    """Contour lines of :func:`quadratic_loss` and each optimizer's path across them.

    Parameters
    ----------
    paths : mapping of str to array of shape (n, 2)
        Label → points, for instance from :func:`keras_path`; colour k of tab10 for path k.
    curvatures : pair of float, default (1, 20)
        The quadratic whose contour lines are drawn.
    levels : int, default 8
        Number of contour lines, spaced evenly in log(loss) from the minimum outwards.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not isinstance(paths, Mapping) or not paths:
        raise TypeError(f"paths must be a non-empty dict of label -> points; got {paths!r}")
    points = {}
    for label, path in paths.items():
        array = np.asarray(path, dtype=np.float64)
        if array.ndim != 2 or array.shape[1] != 2 or len(array) < 1:
            raise ValueError(f"paths[{label!r}] must have shape (n, 2); got {array.shape}")
        points[label] = array
    levels = check_int(levels, "levels", low=2)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8, 3.2), layout="constrained")
    every = np.concatenate(list(points.values()))
    span = np.abs(every[np.isfinite(every).all(axis=1)]).max(axis=0) * 1.15
    g0, g1 = np.meshgrid(np.linspace(-span[0], span[0], 200), np.linspace(-span[1], span[1], 200))
    surface = quadratic_loss(np.stack([g0, g1], axis=-1), curvatures)
    top = surface.max()
    ax.contour(g0, g1, surface, levels=np.geomspace(top * 1e-3, top, levels), colors="0.75",
               linewidths=0.8)
    for k, (label, array) in enumerate(points.items()):
        ax.plot(array[:, 0], array[:, 1], marker="o", markersize=3, linewidth=1.5,
                color=_path_color(label, k), label=f"{label} ({len(array) - 1} steps)")
    ax.plot(*every[0], marker="s", color="black", markersize=6, linestyle="none")
    ax.plot(0, 0, marker="*", color="black", markersize=12, linestyle="none")
    ax.set(xlabel=r"$\theta_0$", ylabel=r"$\theta_1$", xlim=(-span[0], span[0]),
           ylim=(-span[1], span[1]))
    return ax


def _path_color(label: str, k: int) -> str:
    """The optimizer's colour of the course palette, or the k-th default colour."""
    from .plotting._style import optimizer_color

    try:
        return optimizer_color(label)
    except ValueError:
        return f"C{k}"
