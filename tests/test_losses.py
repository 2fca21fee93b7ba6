"""course_utils.losses against Keras/TensorFlow, finite differences and GradientTape."""

from course_utils import losses as L

import keras
import numpy as np
import pytest
import tensorflow as tf

SCORES = np.array([[-1.85, 0.42, 0.15], [2.0, -1.0, 0.5], [0.0, 0.0, 0.0], [3.0, 1.0, -4.0]])
Y = np.eye(3)[[1, 0, 2, 2]]
# The slides' three-person example: columns (Other, Republican, Democrat).
PEOPLE = np.eye(3)[[2, 1, 0]]
MODEL_1 = np.array([[0.3, 0.3, 0.4], [0.3, 0.4, 0.3], [0.1, 0.2, 0.7]])
MODEL_2 = np.array([[0.1, 0.2, 0.7], [0.1, 0.7, 0.2], [0.3, 0.4, 0.3]])


def numeric_grad(f, x, h=1e-6):
    """Central differences of a scalar function f at x, one coordinate at a time."""
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[idx] = h
        grad[idx] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


# --- softmax -----------------------------------------------------------------------------


def test_softmax_slide_example():
    np.testing.assert_allclose(L.softmax([-1.85, 0.42, 0.15]), [0.0553, 0.5357, 0.4090], atol=1e-4)


def test_softmax_matches_keras_and_tf():
    ours = L.softmax(SCORES)
    np.testing.assert_allclose(ours, keras.activations.softmax(SCORES).numpy(), rtol=1e-6)
    np.testing.assert_allclose(ours, tf.nn.softmax(SCORES).numpy(), rtol=1e-12)


def test_softmax_other_axis_matches_tf():
    np.testing.assert_allclose(
        L.softmax(SCORES, axis=0), tf.nn.softmax(SCORES, axis=0).numpy(), rtol=1e-12
    )


def test_softmax_large_scores_are_stable():
    probs = L.softmax([1000.0, 999.0, -1000.0])
    assert np.isfinite(probs).all()
    np.testing.assert_allclose(probs, L.softmax([1.0, 0.0, -2000.0]), rtol=1e-12)
    np.testing.assert_allclose(probs, tf.nn.softmax([1000.0, 999.0, -1000.0]).numpy(), atol=1e-7)


def test_softmax_is_shift_invariant_and_sums_to_one():
    np.testing.assert_allclose(L.softmax(SCORES + 7.5), L.softmax(SCORES), rtol=1e-12)
    np.testing.assert_allclose(L.softmax(SCORES).sum(axis=-1), 1.0)


@pytest.mark.parametrize(
    "scores", [[0, 0], np.array([0, 0], dtype=np.int8), np.array([0, 0], dtype=np.float32)]
)
def test_softmax_accepts_integer_lists(scores):
    # The scores become float64 first: NumPy's exp alone would give float16 for int8 scores.
    probs = L.softmax(scores)
    assert probs.dtype == np.float64
    np.testing.assert_allclose(probs, [0.5, 0.5])


def test_softmax_axis_must_be_an_int():
    with pytest.raises(TypeError, match=r"axis must be an int; got 0.5 \(float\)"):
        L.softmax([1.0, 2.0], axis=0.5)


# --- losses ------------------------------------------------------------------------------


def test_three_person_table():
    np.testing.assert_allclose(L.squared_error(PEOPLE, MODEL_1), [0.54, 0.54, 1.34], atol=1e-12)
    np.testing.assert_allclose(L.squared_error(PEOPLE, MODEL_2), [0.14, 0.14, 0.74], atol=1e-12)
    np.testing.assert_allclose(L.cross_entropy(PEOPLE, MODEL_1), [0.92, 0.92, 2.30], atol=5e-3)
    np.testing.assert_allclose(L.cross_entropy(PEOPLE, MODEL_2), [0.36, 0.36, 1.20], atol=5e-3)


@pytest.mark.parametrize("probs", [MODEL_1, MODEL_2, L.softmax(SCORES[:3])])
def test_cross_entropy_matches_keras(probs):
    keras_ce = keras.losses.CategoricalCrossentropy(reduction=None)(PEOPLE, probs)
    np.testing.assert_allclose(L.cross_entropy(PEOPLE, probs), np.asarray(keras_ce), rtol=1e-6)


def test_cross_entropy_is_minus_log_of_correct_class():
    np.testing.assert_allclose(L.cross_entropy(PEOPLE, MODEL_1), -np.log([0.4, 0.4, 0.1]))


def test_squared_error_is_keras_mse_times_classes():
    mse = keras.losses.MeanSquaredError(reduction=None)(PEOPLE, MODEL_1)
    np.testing.assert_allclose(L.squared_error(PEOPLE, MODEL_1), 3 * np.asarray(mse), rtol=1e-6)


def test_cross_entropy_unbounded_squared_error_bounded():
    y = np.array([1.0, 0.0])
    assert L.cross_entropy(y, [0.0, 1.0]) == np.inf
    assert L.cross_entropy(y, [1e-12, 1 - 1e-12]) > 27
    assert L.squared_error(y, [0.0, 1.0]) == pytest.approx(2.0)


def test_single_example_gives_scalar():
    assert L.cross_entropy([0, 1], [0.25, 0.75]).shape == ()
    assert L.squared_error([0, 1], [0.25, 0.75]) == pytest.approx(0.125)


def test_soft_labels():
    y, p = np.array([0.2, 0.8]), np.array([0.5, 0.5])
    assert L.cross_entropy(y, p) == pytest.approx(np.log(2))


def test_binary_cross_entropy_matches_keras():
    y = np.array([[1.0], [0.0], [1.0], [0.0]])
    p = np.array([[0.9], [0.2], [0.3], [0.999]])
    keras_bce = keras.losses.BinaryCrossentropy(reduction=None)(y, p)
    np.testing.assert_allclose(L.binary_cross_entropy(y, p)[:, 0], np.asarray(keras_bce), rtol=1e-5)
    assert L.binary_cross_entropy([1.0, 0.0], [0.0, 1.0]).tolist() == [np.inf, np.inf]


def test_sigmoid_matches_keras_and_is_stable():
    z = np.array([-1000.0, -5.0, 0.0, 2.0, 1000.0])
    np.testing.assert_allclose(L.sigmoid(z), keras.activations.sigmoid(z).numpy(), atol=1e-7)
    assert L.sigmoid(z)[0] == 0.0 and L.sigmoid(z)[-1] == 1.0


# --- gradients ---------------------------------------------------------------------------


def tape_grad(loss_fn, y, scores):
    s = tf.Variable(scores)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(loss_fn(tf.constant(y), s))
    return tape.gradient(loss, s).numpy()


def test_softmax_cross_entropy_grad_matches_tape():
    expected = tape_grad(
        lambda y, s: keras.losses.categorical_crossentropy(y, s, from_logits=True), Y, SCORES
    )
    np.testing.assert_allclose(L.softmax_cross_entropy_grad(Y, SCORES), expected, atol=1e-10)


def test_softmax_squared_error_grad_matches_tape():
    expected = tape_grad(lambda y, s: tf.reduce_sum((tf.nn.softmax(s) - y) ** 2, -1), Y, SCORES)
    np.testing.assert_allclose(L.softmax_squared_error_grad(Y, SCORES), expected, atol=1e-10)


@pytest.mark.parametrize("row", range(len(SCORES)))
def test_softmax_grads_match_finite_differences(row):
    y, s = Y[row], SCORES[row]
    fd_ce = numeric_grad(lambda v: L.cross_entropy(y, L.softmax(v)), s)
    fd_se = numeric_grad(lambda v: L.squared_error(y, L.softmax(v)), s)
    np.testing.assert_allclose(L.softmax_cross_entropy_grad(y, s), fd_ce, atol=1e-7)
    np.testing.assert_allclose(L.softmax_squared_error_grad(y, s), fd_se, atol=1e-7)


def test_sigmoid_grads_match_tape_and_finite_differences():
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    z = np.array([-3.0, 2.0, 0.5, -0.1, 4.0])
    ce = tape_grad(
        lambda t, s: keras.losses.binary_crossentropy(t[:, None], s[:, None], from_logits=True),
        y,
        z,
    )
    se = tape_grad(lambda t, s: (tf.sigmoid(s) - t) ** 2, y, z)
    np.testing.assert_allclose(L.sigmoid_cross_entropy_grad(y, z), ce, atol=1e-7)
    np.testing.assert_allclose(L.sigmoid_squared_error_grad(y, z), se, atol=1e-10)
    fd = numeric_grad(lambda v: np.sum(L.binary_cross_entropy(y, L.sigmoid(v))), z)
    np.testing.assert_allclose(L.sigmoid_cross_entropy_grad(y, z), fd, atol=1e-7)


def test_squared_error_gradient_vanishes_when_confidently_wrong():
    ce = L.sigmoid_cross_entropy_grad([1.0], [-10.0])[0]
    se = L.sigmoid_squared_error_grad([1.0], [-10.0])[0]
    assert ce == pytest.approx(-1.0, abs=1e-4)
    assert abs(se) < 1e-4
    s = np.array([10.0, -10.0])
    assert np.abs(L.softmax_squared_error_grad([0.0, 1.0], s)).max() < 1e-7
    np.testing.assert_allclose(L.softmax_cross_entropy_grad([0.0, 1.0], s), [1, -1], atol=1e-8)


def test_large_scores_give_finite_gradients():
    s = np.array([1000.0, -1000.0, 0.0])
    y = np.array([0.0, 1.0, 0.0])
    assert np.isfinite(L.softmax_cross_entropy_grad(y, s)).all()
    assert np.isfinite(L.softmax_squared_error_grad(y, s)).all()


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: L.softmax([]), r"scores must not be empty"),
        (lambda: L.softmax(3.0), r"scores must have at least one axis"),
        (lambda: L.softmax([1.0, np.nan]), r"scores contains NaN"),
        (lambda: L.softmax([1.0, np.inf]), r"scores must be finite"),
        (lambda: L.softmax(["a", "b"]), r"scores must be an array of numbers"),
        (lambda: L.softmax([[1.0, 2.0]], axis=2), r"axis 2 is out of range for scores with 2"),
        (lambda: L.softmax([1.0, 2.0], axis=-2), r"axis -2 is out of range"),
        (lambda: L.cross_entropy(PEOPLE, MODEL_1[:, :2]), r"y_true and probs must have the same"),
        (lambda: L.squared_error(PEOPLE[:2], MODEL_1), r"same shape; got \(2, 3\) and \(3, 3\)"),
        (lambda: L.cross_entropy([0, 1], [-0.1, 1.1]), r"probs must lie in \[0, 1\]"),
        (lambda: L.squared_error([0, 2], [0.5, 0.5]), r"y_true must lie in \[0, 1\]"),
        (lambda: L.cross_entropy([0, 1], [0.3, 0.3]), r"each row of probs must sum to 1"),
        (lambda: L.squared_error([0.5, 0.4], [0.5, 0.5]), r"each row of y_true must sum to 1"),
        (lambda: L.cross_entropy([0, 1], [np.nan, 1.0]), r"probs contains NaN"),
        (lambda: L.squared_error(np.empty((0, 3)), np.empty((0, 3))), r"y_true must not be empty"),
        (lambda: L.softmax_cross_entropy_grad([0, 1], [1.0, 2, 3]), r"y_true and scores must"),
        (lambda: L.softmax_squared_error_grad([0, 1], [1.0, np.nan]), r"scores contains NaN"),
        (lambda: L.binary_cross_entropy([1.0], [1.5]), r"probs must lie in \[0, 1\]"),
        (lambda: L.binary_cross_entropy([1.0, 0.0], [0.5]), r"y_true and probs must have"),
        (lambda: L.sigmoid_cross_entropy_grad([1.0], [1.0, 2.0]), r"y_true and scores must"),
        (lambda: L.sigmoid_squared_error_grad([1.0], [np.inf]), r"scores must be finite"),
        (lambda: L.sigmoid([]), r"scores must not be empty"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_float32_probabilities_from_keras_are_accepted():
    probs = keras.activations.softmax(np.float32(SCORES)).numpy()
    assert L.cross_entropy(Y, probs).shape == (4,)
