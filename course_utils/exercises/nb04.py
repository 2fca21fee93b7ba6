"""Checks for the exercises of notebook 04 (the multilayer perceptron).

- 04.1: how the perceptron's updates and weights change when the learning rate goes from 1
  to 10 (both runs start from zero weights).
- 04.2: weights of a 2-2-1 network (ReLU hidden units, linear output) whose output is XOR,
  in Keras's layout: kernels of shape (inputs, units).
- 04.3: the single ``Dense`` layer that computes the same as two stacked linear ones.
- 04.4: the parameter counts of the two layers of a 64-32-10 digit classifier.
"""

from __future__ import annotations

from course_utils.exercises._core import compare_numbers, exercise

import numpy as np

__all__ = ["STACK_B1", "STACK_B2", "STACK_K1", "STACK_K2", "XOR_INPUTS", "XOR_TARGETS"]

XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])
# Exercise 04.3: Dense(3) then Dense(1), no activation; kernels are (inputs, units).
STACK_K1 = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
STACK_B1 = np.array([1.0, 0.0, -1.0])
STACK_K2 = np.array([[1.0], [2.0], [0.5]])
STACK_B2 = np.array([2.0])
_DIGITS_WIDTHS = (64, 32, 10)


def _pair(answer, names):
    if not isinstance(answer, (tuple, list)) or len(answer) != len(names):
        return f"give {len(names)} parts: answer = ({', '.join(names)})"
    return None


def _uniform_ratio(value):
    """A ratio given as a number, or as an array whose entries all agree, as one float."""
    array = np.asarray(value, dtype=np.float64)
    if array.size > 1 and np.allclose(array, array.flat[0], rtol=1e-6):
        return float(array.flat[0])
    return value


@exercise("04.1")
def _learning_rate(answer):
    hint = _pair(answer, ["updates ratio", "weights ratio"])
    if hint:
        return hint
    updates_ratio, weights_ratio = answer
    hint = compare_numbers(_uniform_ratio(updates_ratio), 1.0, what="the updates ratio",
                           mistakes=[
        (10.0, "the number of updates does not grow with lr: step(lr * z) = step(z) for "
         "lr > 0, so the same points are mistakes, in the same order"),
        (0.1, "the number of updates does not shrink with lr: the same points are mistakes"),
    ])
    if hint:
        return hint.about("updates")
    hint = compare_numbers(_uniform_ratio(weights_ratio), 10.0, what="the weights ratio",
                           mistakes=[
        (1.0, "the weights do change: every update adds lr * (y - y_hat) * x, so from zero "
         "weights they are lr times the weights for lr = 1"),
        (0.1, "you divided the other way round: w(lr=10) / w(lr=1)"),
        (100.0, "each update adds lr * x once, so the weights grow by the factor lr, not lr^2"),
    ])
    return None if hint is None else hint.about("weights")


def _xor_shapes(K1, b1, K2, b2):
    if K1.shape == (2, 2) and b1.shape == (2,) and K2.shape == (2, 1) and b2.size == 1:
        return None
    if K2.shape == (1, 2):
        return ("K2 has shape (1, 2), the lecture's W2 (units x inputs); a Keras kernel is "
                "(inputs, units) = (2, 1): pass W2.T")
    return (f"expected shapes K1 (2, 2), b1 (2,), K2 (2, 1), b2 (1,); got K1 {K1.shape}, "
            f"b1 {b1.shape}, K2 {K2.shape}, b2 {b2.shape}")


def _xor_out(K1, b1, K2, b2):
    return (np.maximum(0.0, XOR_INPUTS @ K1 + b1) @ K2 + b2.reshape(1)).ravel()


@exercise("04.2")
def _xor_by_hand(answer):
    hint = _pair(answer, ["K1", "b1", "K2", "b2"])
    if hint:
        return hint
    K1, b1, K2, b2 = (np.asarray(part, dtype=np.float64) for part in answer)
    hint = _xor_shapes(K1, b1, K2, b2)
    if hint:
        return hint
    out = _xor_out(K1, b1, K2, b2)
    if np.allclose(out, XOR_TARGETS, atol=1e-6):
        return None
    if np.allclose(_xor_out(K1.T, b1, K2, b2), XOR_TARGETS, atol=1e-6):
        return ("K1 is transposed: Keras computes X @ K1, so K1[i, j] is the weight from input i "
                "to hidden unit j (rows: inputs, columns: units)")
    if np.allclose(out, -XOR_TARGETS, atol=1e-6):
        return "wrong sign: the output is -XOR; flip the signs of K2 and b2"
    if np.allclose(out, [0.0, 1.0, 1.0, 1.0], atol=1e-6):
        return ("your network computes OR: at (1, 1) it should output 0, so the unit that fires "
                "only there must cancel everything the other units add for that point")
    return (f"for the inputs (0,0), (0,1), (1,0), (1,1) your network outputs "
            f"{np.round(out, 3).tolist()}; XOR is [0, 1, 1, 0]")


@exercise("04.3")
def _collapse(answer):
    hint = _pair(answer, ["K", "b"])
    if hint:
        return hint
    K_answer, b_answer = answer
    hint = compare_numbers(K_answer, STACK_K1 @ STACK_K2, what="K", mistakes=[
        (STACK_K2.T @ STACK_K1.T, "K is transposed: a Keras kernel is (inputs, units), so "
         "K = K1 @ K2 has shape (2, 1)"),
    ])
    if hint:
        return hint.about("kernel")
    hint = compare_numbers(b_answer, STACK_B1 @ STACK_K2 + STACK_B2, what="b", mistakes=[
        (STACK_B2, "that is b2 alone: the first layer's bias goes through the second layer "
         "too, so b = b1 @ K2 + b2"),
        (STACK_B1 @ STACK_K2, "that is b1 @ K2 alone: add the second layer's bias b2"),
        (STACK_B1 + STACK_B2, "b1 + b2 adds biases of different layers: b1 goes through the "
         "second layer's kernel first, so b = b1 @ K2 + b2, of shape (1,)"),
    ])
    return None if hint is None else hint.about("bias")


@exercise("04.4")
def _digit_parameters(answer):
    pairs = list(zip(_DIGITS_WIDTHS, _DIGITS_WIDTHS[1:], strict=False))
    expected = [(n_in + 1) * n_out for n_in, n_out in pairs]
    if isinstance(answer, (int, float, np.number)):
        if np.isclose(float(answer), sum(expected)):
            return "the total is right; give the two layers separately: [hidden, output]"
        return "give one count per layer: answer = [hidden, output]"
    return compare_numbers(answer, expected, atol=0, rtol=0, what="your pair of counts", mistakes=[
        ([n_in * n_out for n_in, n_out in pairs], "you counted the weights only: every unit "
         "also has a bias, (n_in + 1) * n_out"),
        ([n_in * (n_out + 1) for n_in, n_out in pairs], "one bias per unit, not per input: "
         "(n_in + 1) * n_out"),
        (expected[::-1], "the right counts in the wrong order: hidden layer first, then output"),
    ])
