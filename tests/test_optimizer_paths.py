"""Tests of course_utils.optimizer_paths: the quadratic, Keras's paths on it, the figure."""

from __future__ import annotations

from course_utils.optimizer_paths import (
    keras_path,
    plot_paths,
    quadratic_gradient,
    quadratic_loss,
    rule_path,
)

import warnings

import keras
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402


def test_loss_and_gradient_of_the_quadratic():
    theta = np.array([[1.0, 2.0], [-3.0, 0.5]])
    assert quadratic_loss(theta, (2.0, 4.0)).tolist() == [9.0, 9.5]
    assert quadratic_gradient(theta, (2.0, 4.0)).tolist() == [[2.0, 8.0], [-6.0, 2.0]]


def test_sgd_path_follows_the_update_rule():
    path = keras_path(keras.optimizers.SGD(0.1), (-4.0, 1.0), steps=3)
    expected = [np.array([-4.0, 1.0])]
    for _ in range(3):
        expected.append(expected[-1] - 0.1 * np.array([1.0, 20.0]) * expected[-1])
    np.testing.assert_allclose(path, expected, rtol=1e-6)


def test_noise_is_seeded_and_clipping_applies():
    one = keras_path(keras.optimizers.SGD(0.01), (1.0, 1.0), steps=5, noise=1.0, seed=3)
    two = keras_path(keras.optimizers.SGD(0.01), (1.0, 1.0), steps=5, noise=1.0, seed=3)
    np.testing.assert_array_equal(one, two)
    clipped = keras_path(keras.optimizers.SGD(0.1, global_clipnorm=1.0), (0.0, 10.0), steps=1)
    assert np.linalg.norm(clipped[1] - clipped[0]) == pytest.approx(0.1, rel=1e-5)


def test_plot_draws_contours_and_one_line_per_path():
    paths = {"a": np.array([[-4.0, 1.0], [-2.0, 0.0]]), "b": np.array([[-4.0, 1.0], [0.0, 0.0]])}
    ax = plot_paths(paths, levels=5)
    assert [line.get_label() for line in ax.get_lines()[:2]] == ["a (1 steps)", "b (1 steps)"]
    assert ax.get_xlim()[1] == pytest.approx(4.6)
    plt.close("all")


def test_bad_input_is_named():
    with pytest.raises(ValueError, match=r"theta must have shape \(\.\.\., 2\)"):
        quadratic_loss([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"curvatures\[1\] must be"):
        quadratic_gradient([1.0, 1.0], (1.0, 0.0))
    with pytest.raises(TypeError, match="curvatures must be a pair"):
        quadratic_loss([1.0, 1.0], "ab")
    with pytest.raises(ValueError, match="curvatures must be a pair"):
        quadratic_loss([1.0, 1.0], (1.0,))
    with pytest.raises(TypeError, match="optimizer must be a keras optimizer"):
        keras_path("sgd", (1.0, 1.0))
    used = keras.optimizers.SGD(0.1)
    keras_path(used, (1.0, 1.0), steps=1)
    with pytest.raises(ValueError, match="optimizer must be new"):
        keras_path(used, (1.0, 1.0))
    with pytest.raises(ValueError, match="start must be 2 finite numbers"):
        keras_path(keras.optimizers.SGD(0.1), (1.0, np.nan))
    with pytest.raises(ValueError, match="noise must be a finite number >= 0"):
        keras_path(keras.optimizers.SGD(0.1), (1.0, 1.0), noise=-1.0)
    with pytest.raises(TypeError, match="paths must be a non-empty dict"):
        plot_paths({})
    with pytest.raises(ValueError, match=r"paths\['a'\] must have shape \(n, 2\)"):
        plot_paths({"a": np.zeros((3, 3))})


@pytest.mark.parametrize(
    ("rule", "lr", "momentum", "make"),
    [
        ("SGD", 0.09, 0.0, lambda: keras.optimizers.SGD(0.09)),
        ("SGD", 0.03, 0.7, lambda: keras.optimizers.SGD(0.03, momentum=0.7)),
        ("RMSprop", 0.1, 0.0, lambda: keras.optimizers.RMSprop(0.1)),
        ("RMSprop", 0.1, 0.5, lambda: keras.optimizers.RMSprop(0.1, momentum=0.5)),
        ("Adam", 0.3, 0.9, lambda: keras.optimizers.Adam(0.3)),
        ("Adam", 0.3, 0.5, lambda: keras.optimizers.Adam(0.3, beta_1=0.5)),
    ],
)
def test_rule_path_follows_the_keras_optimizer(rule, lr, momentum, make):
    ours = rule_path(rule, lr, (-4.0, 1.0), momentum=momentum, steps=30)
    np.testing.assert_allclose(ours, keras_path(make(), (-4.0, 1.0), steps=30), atol=1e-4)


def test_rule_path_runs_past_divergence_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = rule_path("SGD", 2.0, (-4.0, 1.0), steps=400)
    assert not np.isfinite(path[-1]).all()


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (("Nadam", 0.1, (0, 1)), {}, ValueError, "rule must be one of"),
        (("SGD", 0.0, (0, 1)), {}, ValueError, "learning_rate must be"),
        (("SGD", 0.1, (0, 1)), {"momentum": 1.0}, ValueError, r"momentum must be in \[0, 1\)"),
        (("SGD", 0.1, (0, 1)), {"momentum": -0.1}, ValueError, "momentum must be"),
        (("SGD", 0.1, (0, np.inf)), {}, ValueError, "start must be 2 finite numbers"),
        (("SGD", 0.1, (0, 1)), {"steps": 0}, ValueError, "steps must be"),
    ],
)
def test_rule_path_refuses_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        rule_path(*args, **kwargs)
