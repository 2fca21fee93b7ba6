"""Tests of course_utils.gradients against derivatives known in closed form and TensorFlow's."""

from __future__ import annotations

from course_utils.gradients import (
    layer_gradient_norms,
    layer_signals,
    numerical_gradient,
    relative_error,
)

import keras
import numpy as np
import pytest
import tensorflow as tf


def test_numerical_gradient_of_a_quadratic_form():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(3, 3))
    x = rng.normal(size=3)
    grad = numerical_gradient(lambda v: v @ A @ v, x)
    assert isinstance(grad, np.ndarray) and grad.shape == (3,)
    assert np.allclose(grad, (A + A.T) @ x, rtol=1e-8, atol=1e-9)


def test_numerical_gradient_of_several_arrays_leaves_them_unchanged():
    W = np.array([[1.0, -2.0], [0.5, 3.0]])
    b = np.array([0.1, -0.2])
    before = [W.copy(), b.copy()]

    def f(params):
        K, c = params
        return np.sum(np.tanh(np.array([1.0, 2.0]) @ K + c))

    gK, gb = numerical_gradient(f, [W, b])
    z = np.array([1.0, 2.0]) @ W + b
    assert np.allclose(gb, 1 - np.tanh(z) ** 2, rtol=1e-7)
    assert np.allclose(gK, np.outer([1.0, 2.0], 1 - np.tanh(z) ** 2), rtol=1e-7)
    assert np.array_equal(W, before[0]) and np.array_equal(b, before[1])


def test_central_differences_beat_the_step_size():
    # The error of a central difference shrinks like eps**2: with eps = 1e-3 it is ~1e-7.
    grad = numerical_gradient(lambda v: float(np.exp(v).sum()), np.array([0.0, 1.0]), eps=1e-3)
    assert relative_error(grad, np.exp([0.0, 1.0])) < 1e-6


@pytest.mark.parametrize(
    ("f", "params", "kwargs", "error", "match"),
    [
        ("not callable", np.zeros(2), {}, TypeError, "f must be a callable"),
        (np.sum, [1.0, 2.0], {}, TypeError, r"params\[0\] must be a NumPy array"),
        (np.sum, [], {}, TypeError, "non-empty list"),
        (np.sum, "ab", {}, TypeError, "params must be a float64 NumPy array"),
        (np.sum, np.zeros(2, dtype=np.float32), {}, TypeError, "need float64"),
        (np.sum, np.zeros(2), {"eps": 0}, ValueError, "eps must be a finite number > 0; got 0"),
        (np.sum, np.zeros(2), {"eps": 1.0}, ValueError, "eps must be a finite number > 0 and < 1"),
        (np.sum, np.zeros(2), {"eps": True}, TypeError, "eps must be a finite number > 0"),
        (lambda v: v, np.zeros(2), {}, ValueError, "f must return one number"),
        (lambda v: -np.inf, np.zeros(1), {}, ValueError, "f returned -inf at params"),
    ],
)
def test_numerical_gradient_rejects_bad_input(f, params, kwargs, error, match):
    with pytest.raises(error, match=match):
        numerical_gradient(f, params, **kwargs)


def test_relative_error_is_scale_free_and_symmetric():
    a = [np.array([1.0, 2.0]), np.array([[3.0]])]
    b = [np.array([1.0, 2.0]), np.array([[3.3]])]
    err = relative_error(a, b)
    assert err == pytest.approx(relative_error(b, a))
    assert err == pytest.approx(relative_error([1e6 * p for p in a], [1e6 * p for p in b]))
    assert relative_error(np.ones(3), -np.ones(3)) == pytest.approx(1.0)
    assert relative_error(np.zeros(2), np.zeros(2)) == 0.0


@pytest.mark.parametrize(
    ("a", "b", "error", "match"),
    [
        (np.zeros(2), np.zeros(3), ValueError, "matching shapes"),
        ([np.zeros(2)], [np.zeros(2), np.zeros(1)], ValueError, "matching shapes"),
        ([], [], ValueError, "a must not be empty"),
        (["x"], [1.0], TypeError, "a must hold numbers"),
        (np.array([np.nan]), np.zeros(1), ValueError, "must be finite"),
    ],
)
def test_relative_error_rejects_bad_input(a, b, error, match):
    with pytest.raises(error, match=match):
        relative_error(a, b)


def _mlp(name="mlp"):
    keras.utils.set_random_seed(0)
    x_in = keras.Input(shape=(3,), name="x")
    h = keras.layers.Dense(4, activation="tanh", name="hidden")(x_in)
    out = keras.layers.Dense(1, activation="sigmoid", name="output")(h)
    return keras.Model(x_in, out, name=name)


def test_layer_gradient_norms_match_a_tape_by_hand():
    model = _mlp()
    x = np.random.default_rng(1).normal(size=(8, 3)).astype("float32")
    y = (x[:, :1] > 0).astype("float32")
    loss = keras.losses.BinaryCrossentropy()
    norms = layer_gradient_norms(model, x, y, loss)
    assert list(norms) == ["hidden", "output"]
    with tf.GradientTape() as tape:
        value = loss(y, model(x))
    g_hidden, g_out = tape.gradient(value, [model.layers[1].kernel, model.layers[2].kernel])
    assert norms["hidden"] == pytest.approx(float(tf.norm(g_hidden)), rel=1e-6)
    assert norms["output"] == pytest.approx(float(tf.norm(g_out)), rel=1e-6)


def test_layer_gradient_norms_rejects_bad_input():
    model = _mlp()
    x, y = np.zeros((4, 3), "float32"), np.zeros((4, 1), "float32")
    loss = keras.losses.BinaryCrossentropy()
    with pytest.raises(TypeError, match="model must be a keras.Model"):
        layer_gradient_norms("model", x, y, loss)
    with pytest.raises(TypeError, match="loss must be a callable"):
        layer_gradient_norms(model, x, y, "bce")
    with pytest.raises(ValueError, match="same number of rows; got 4 and 3"):
        layer_gradient_norms(model, x, y[:3], loss)
    x_in = keras.Input(shape=(3,), name="x")
    no_kernel = keras.Model(x_in, keras.layers.Activation("tanh", name="act")(x_in), name="act")
    with pytest.raises(ValueError, match="no layer with a kernel"):
        layer_gradient_norms(no_kernel, x, x, loss)


def test_layer_gradient_norms_names_a_disconnected_layer():
    x_in = keras.Input(shape=(3,), name="x")
    used = keras.layers.Dense(1, name="used")(x_in)
    unused = keras.layers.Dense(1, name="unused")(x_in)
    model = keras.Model(x_in, [used, unused], name="two_heads")

    def first_head_only(y_true, y_pred):
        return tf.reduce_mean((y_pred[0] - y_true) ** 2)

    x, y = np.ones((2, 3), "float32"), np.zeros((2, 1), "float32")
    with pytest.raises(ValueError, match=r"does not depend on the kernels of layers \['unused'\]"):
        layer_gradient_norms(model, x, y, first_head_only)


def test_layer_signals_give_activations_and_deltas_that_make_the_kernel_gradients():
    model = _mlp()
    x = np.random.default_rng(2).normal(size=(8, 3)).astype("float32")
    y = (x[:, :1] > 0).astype("float32")
    loss = keras.losses.BinaryCrossentropy()
    signals = layer_signals(model, x, y, loss)
    assert list(signals) == ["hidden", "output"]
    (h, delta_hidden), (p, delta_out) = signals["hidden"], signals["output"]
    np.testing.assert_allclose(p, model(x).numpy(), rtol=1e-5)
    np.testing.assert_allclose(delta_out, (p - y) / len(x), atol=1e-6)  # sigmoid + BCE
    with tf.GradientTape() as tape:
        value = loss(y, model(x))
    g_hidden, g_out = tape.gradient(value, [model.layers[1].kernel, model.layers[2].kernel])
    np.testing.assert_allclose(x.T @ delta_hidden, g_hidden.numpy(), atol=1e-6)
    np.testing.assert_allclose(h.T @ delta_out, g_out.numpy(), atol=1e-6)


def test_layer_signals_rejects_bad_input():
    model = _mlp()
    x, y = np.zeros((4, 3), "float32"), np.zeros((4, 1), "float32")
    loss = keras.losses.BinaryCrossentropy()
    with pytest.raises(TypeError, match="model must be a keras.Model"):
        layer_signals("model", x, y, loss)
    with pytest.raises(TypeError, match="loss must be a callable"):
        layer_signals(model, x, y, "bce")
    with pytest.raises(ValueError, match="same number of rows; got 4 and 3"):
        layer_signals(model, x, y[:3], loss)
    x_in = keras.Input(shape=(3,), name="x")
    act = keras.Model(x_in, keras.layers.Activation("tanh", name="act")(x_in), name="act")
    with pytest.raises(ValueError, match=r"chain of Dense layers; \['act'\] are not"):
        layer_signals(act, x, x, loss)
