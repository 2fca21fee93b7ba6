"""Checking gradients: central differences, relative error, per-layer gradient norms.

Backpropagation is easy to get subtly wrong (a missing activation derivative, a transposed
matrix), and the bug does not stop training, it only makes it worse. The remedy is old and
cheap on a small network: estimate every partial derivative from two evaluations of the loss
and compare. `numerical_gradient` does that in float64, `relative_error` turns the comparison
into one scale-free number, and `layer_gradient_norms` measures, layer by layer, how much
gradient reaches each kernel of a Keras model (to see gradients vanish or explode), and
`layer_signals` what flows through each layer: its activations forward, its δ = ∂L/∂z back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from ._checks import check_real

__all__ = ["layer_gradient_norms", "layer_signals", "numerical_gradient", "relative_error"]


def _check_params(params) -> tuple[list[np.ndarray], bool]:
    """The parameters as a list of float64 arrays, and whether a single array was passed."""
    single = isinstance(params, np.ndarray)
    if single:
        params = [params]
    if isinstance(params, (str, bytes)) or not isinstance(params, Sequence) or not params:
        raise TypeError(
            "params must be a float64 NumPy array or a non-empty list of them; "
            f"got {type(params).__name__}"
        )
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray):
            raise TypeError(f"params[{i}] must be a NumPy array; got {type(p).__name__}")
        if p.dtype != np.float64:
            # In float32 the loss is rounded to about 7 digits, and dividing that rounding
            # error by 2 * eps swamps the derivative.
            raise TypeError(
                f"params[{i}] has dtype {p.dtype}; central differences need float64 "
                "(convert with np.asarray(p, dtype=np.float64))"
            )
    return list(params), single


def _scalar(value, where: str) -> float:
    try:
        number = float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        raise ValueError(f"f must return one number; got {value!r} {where}") from None
    if not math.isfinite(number):
        raise ValueError(f"f returned {number} {where}; the gradient cannot be estimated there")
    return number


def numerical_gradient(f: Callable, params, *, eps: float = 1e-6):
    """Estimate the gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f(params)`` returns the loss (a number) for a list of arrays shaped like `params`
        (for a single array, ``f(array)``). It must not keep references to the arrays it is
        given: they are changed in place between calls.
    params : numpy.ndarray or sequence of numpy.ndarray
        The point at which to differentiate, in float64. Left unchanged.
    eps : float, default 1e-6
        The step: each partial derivative is ``(f(θ + eps) - f(θ - eps)) / (2 eps)``, whose
        error shrinks like ``eps**2``; much smaller steps lose digits to rounding.

    Returns
    -------
    numpy.ndarray or list of numpy.ndarray
        The estimate, shaped like `params` (an array for an array, a list for a list).
    """
    if not callable(f):
        raise TypeError(f"f must be a callable returning the loss; got {type(f).__name__}")
    if check_real(eps, "eps", low=0, low_open=True) >= 1:
        raise ValueError(f"eps must be a finite number > 0 and < 1; got {eps!r}")
    arrays, single = _check_params(params)
    work = [p.copy() for p in arrays]
    arg = work[0] if single else work
    _scalar(f(arg), "at params")
    grads = []
    for k, p in enumerate(work):
        grad = np.zeros_like(p)
        flat, gflat = p.reshape(-1), grad.reshape(-1)  # views: writes reach p and grad
        for i in range(flat.size):
            saved = flat[i]
            flat[i] = saved + eps
            up = _scalar(f(arg), f"at params[{k}].flat[{i}] + eps")
            flat[i] = saved - eps
            down = _scalar(f(arg), f"at params[{k}].flat[{i}] - eps")
            flat[i] = saved
            gflat[i] = (up - down) / (2 * eps)
        grads.append(grad)
    return grads[0] if single else grads


def _flatten(value, name: str) -> list[np.ndarray]:
    parts = list(value) if isinstance(value, (list, tuple)) else [value]
    if not parts:
        raise ValueError(f"{name} must not be empty")
    try:
        return [np.asarray(p, dtype=np.float64) for p in parts]
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numbers (an array or a list of arrays)") from None


def relative_error(a, b) -> float:
    """``‖a − b‖ / (‖a‖ + ‖b‖)``: how far two gradients disagree, whatever their scale.

    `a` and `b` are arrays or lists of arrays with matching shapes (for instance a numerical
    and a backpropagated gradient of every parameter); the norms run over all their elements.
    0 means identical and 1 means opposite or unrelated; backpropagation checked against
    central differences in float64 should give about 1e-7 or less.

    Parameters
    ----------
    a, b : array-like or list of array-like
        The two gradients, with matching shapes.
    """
    parts_a, parts_b = _flatten(a, "a"), _flatten(b, "b")
    shapes_a, shapes_b = [p.shape for p in parts_a], [p.shape for p in parts_b]
    if shapes_a != shapes_b:
        raise ValueError(f"a and b must have matching shapes; got {shapes_a} and {shapes_b}")
    flat_a = np.concatenate([p.ravel() for p in parts_a])
    flat_b = np.concatenate([p.ravel() for p in parts_b])
    if not (np.isfinite(flat_a).all() and np.isfinite(flat_b).all()):
        raise ValueError("a and b must be finite; a gradient holds nan or inf")
    scale = np.linalg.norm(flat_a) + np.linalg.norm(flat_b)
    if scale == 0:
        return 0.0
    return float(np.linalg.norm(flat_a - flat_b) / scale)


def layer_gradient_norms(model, x, y, loss: Callable) -> dict[str, float]:
    """The norm ``‖∂loss/∂K‖`` of the gradient of every layer's kernel K, input side first.

    Parameters
    ----------
    model : keras.Model
        A built model; every layer with a ``kernel`` (a ``Dense`` layer, say) is measured.
    x, y : array-like
        Inputs and targets with the same number of rows.
    loss : callable
        ``loss(y_true, y_pred)`` returning a scalar, e.g. ``keras.losses.BinaryCrossentropy()``.

    Returns
    -------
    dict
        Layer name → Euclidean (Frobenius) norm of the kernel's gradient, as a float.
    """
    import keras
    import tensorflow as tf

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; got {type(model).__name__}")
    if not callable(loss):
        raise TypeError(f"loss must be a callable loss(y_true, y_pred); got {type(loss).__name__}")
    layers = [layer for layer in model.layers if getattr(layer, "kernel", None) is not None]
    if not layers:
        raise ValueError(f"model {model.name!r} has no layer with a kernel to measure")
    n_x, n_y = len(x), len(y)
    if n_x != n_y:
        raise ValueError(f"x and y must have the same number of rows; got {n_x} and {n_y}")
    with tf.GradientTape() as tape:
        value = loss(y, model(x, training=True))
    grads = tape.gradient(value, [layer.kernel for layer in layers])
    missing = [layer.name for layer, g in zip(layers, grads, strict=True) if g is None]
    if missing:
        raise ValueError(f"the loss does not depend on the kernels of layers {missing}")
    return {layer.name: float(tf.norm(g)) for layer, g in zip(layers, grads, strict=True)}


def layer_signals(model, x, y, loss: Callable) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each Dense layer's activations h and its δ = ∂loss/∂z, for one batch, input side first.

    The kernel's gradient is ``hᵀ_prev δ``: it is small when either factor is, so the two are
    measured apart. z is the layer's weighted sum ``h_prev K + b`` before the activation.

    Parameters
    ----------
    model : keras.Model
        A chain of ``Dense`` layers (after its ``Input``), as built by ``keras.Input`` and
        ``Dense(...)(h)`` calls.
    x, y : array-like
        A batch of inputs and targets with the same number of rows.
    loss : callable
        ``loss(y_true, y_pred)`` returning a scalar.

    Returns
    -------
    dict
        Layer name → ``(h, delta)``, two float arrays of shape (rows of x, units).
    """
    import keras
    import tensorflow as tf

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; got {type(model).__name__}")
    if not callable(loss):
        raise TypeError(f"loss must be a callable loss(y_true, y_pred); got {type(loss).__name__}")
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    others = [layer.name for layer in layers if not isinstance(layer, keras.layers.Dense)]
    if others or not layers:
        raise ValueError(f"model must be a chain of Dense layers; {others or 'none'} are not")
    if len(x) != len(y):
        raise ValueError(f"x and y must have the same number of rows; got {len(x)} and {len(y)}")
    h, zs, hs = tf.convert_to_tensor(x, dtype=layers[0].kernel.dtype), [], []
    with tf.GradientTape() as tape:
        for layer in layers:
            z = h @ layer.kernel + (layer.bias if layer.use_bias else 0.0)
            tape.watch(z)
            h = layer.activation(z)
            zs.append(z)
            hs.append(h)
        value = loss(y, h)
    deltas = tape.gradient(value, zs)
    return {layer.name: (np.asarray(a), np.asarray(d))
            for layer, a, d in zip(layers, hs, deltas, strict=True)}
