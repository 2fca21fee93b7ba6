"""Checks of notebook 05's exercises (how an MLP learns)."""

from __future__ import annotations

from course_utils.exercises._core import Kind, compare_numbers, exercise
from course_utils.losses import sigmoid

import math

import numpy as np

__all__ = ["suspect_backprop"]

# The 2-2-1 network of notebook 05, section 1: tanh hidden units, a sigmoid output, binary
# cross entropy; kernels as Keras stores them (features x units).
K1 = np.array([[0.5, -0.4], [0.3, 0.8]])
B1 = np.array([0.1, -0.1])
K2 = np.array([[0.7], [-0.6]])
B2 = np.array([0.2])


def _delta1(x, y, *, with_tanh_derivative=True):
    """dL/dz1 of the section-1 network for one example x (a 1 x 2 row), as a 1 x 2 row."""
    h = np.tanh(x @ K1 + B1)
    p = sigmoid(h @ K2 + B2)
    delta1 = (p - y) @ K2.T
    if with_tanh_derivative:
        delta1 = delta1 * (1 - h**2)
    return delta1


def _kernel1_gradient(x, y, *, with_tanh_derivative=True):
    """dL/dK1 of the section-1 network for one example, as a (features, units) array."""
    x = np.asarray(x, dtype=np.float64)[None, :]
    return x.T @ _delta1(x, y, with_tanh_derivative=with_tanh_derivative)


@exercise("05.1")
def _backprop_second_example(answer):
    if isinstance(answer, str):
        return ("your answer is a string (text); dL/dK1 is a 2 x 2 array of numbers, such as "
                "x_new.T @ delta1_new")
    if isinstance(answer, (list, tuple)) and len(answer) == 4 and np.shape(answer[0]) == (2, 2):
        return ("that looks like all four gradients, as tape.gradient returns them for "
                "[K1, b1, K2, b2]; the answer is only dL/dK1, the first: one 2 x 2 array")
    if not isinstance(answer, (list, tuple)) and np.ndim(answer) == 0:
        return ("your dL/dK1 is a single number: with a 1-D x, x.T @ delta1 is a dot product; "
                "make x a 1 x 2 row, np.array([[0.0, 1.0]]), as in section 1")
    expected = _kernel1_gradient([0.0, 1.0], 1.0)
    ones = np.ones((2, 1)) @ _kernel1_gradient([0.0, 1.0], 1.0)[1:]
    # The new x with section 1's delta1, left over from the example x = (1, 0).
    stale = np.array([[0.0], [1.0]]) @ _delta1(np.array([[1.0, 0.0]]), 1.0)
    return compare_numbers(
        answer, expected, rtol=1e-3, atol=1e-5, what="your dL/dK1",
        mistakes=[
            (_kernel1_gradient([0.0, 1.0], 1.0, with_tanh_derivative=False),
             "the tanh derivative is missing: delta1 = (delta2 @ K2.T) * (1 - h**2)"),
            (_kernel1_gradient([1.0, 0.0], 1.0),
             "that is the gradient for section 1's example x = (1, 0); use x = (0, 1)"),
            (stale,
             "that multiplies the new x by section 1's delta1, which belongs to x = (1, 0): "
             "run the forward pass again for x = (0, 1) (h and y-hat), then delta2 and delta1"),
            (expected.T,
             "your dL/dK1 is transposed: like K1 it is features x units, row i for input x_i "
             "and column j for hidden unit j"),
            (ones,
             "dL/dK1 = x.T @ delta1: row i is x_i * delta1, so the row of the input that is 0 "
             "must be 0"),
        ],
    )


# A tiny gradient, where Keras's epsilon decides the step: with |g| of about 1e-5 or more,
# every form of Adam steps about -lr * sign(g), and the skill would not show.
ADAM_GRADIENT = np.array([5e-7, -2e-6])
ADAM_LR = 0.01


def _adam_first_step(form="keras", eps=1e-7):
    """Adam's first step from 0 (t = 1), beta1 = 0.9, beta2 = 0.999, eps = 1e-7.

    ``form`` is "keras" (lr * sqrt(1 - beta2**t) / (1 - beta1**t) * m / (sqrt(v) + eps)),
    "textbook" (lr * m_hat / (sqrt(v_hat) + eps)) or "uncorrected" (lr * m / (sqrt(v) + eps)).
    """
    beta1, beta2 = 0.9, 0.999
    m = (1 - beta1) * ADAM_GRADIENT
    v = (1 - beta2) * ADAM_GRADIENT**2
    if form == "textbook":
        return -ADAM_LR * (m / (1 - beta1)) / (np.sqrt(v / (1 - beta2)) + eps)
    alpha = ADAM_LR * np.sqrt(1 - beta2) / (1 - beta1) if form == "keras" else ADAM_LR
    return -alpha * m / (np.sqrt(v) + eps)


@exercise("05.2")
def _adam_first_step_check(answer):
    return compare_numbers(
        answer, _adam_first_step(), rtol=1e-3, atol=1e-9, what="your step",
        mistakes=[
            (-ADAM_LR * np.sign(ADAM_GRADIENT),
             "that is -lr * sign(g), Adam's first step when |g| is far above epsilon; this g "
             "is tiny, so epsilon = 1e-7 changes the step: use Keras's rule exactly"),
            (_adam_first_step("textbook"),
             "that is the textbook form, epsilon added to sqrt(v-hat); Keras adds epsilon to "
             "sqrt(v) and puts the bias correction into the rate (section 7), which differs "
             "when g is this small"),
            (_adam_first_step("textbook", eps=1e-8),
             "that is the textbook form with the paper's epsilon, 1e-8; Keras's epsilon is "
             "1e-7, added to sqrt(v), with the bias correction in the rate (section 7)"),
            (_adam_first_step(eps=1e-8),
             "right form, but Keras's default epsilon is 1e-7, not the paper's 1e-8"),
            (-ADAM_LR * ADAM_GRADIENT,
             "that is plain SGD's step -lr * g; Adam divides m-hat by the square root of v-hat"),
            (_adam_first_step("uncorrected"),
             "the bias correction is missing: at step 1, Keras multiplies the rate by "
             "sqrt(1 - beta2) / (1 - beta1)"),
            (ADAM_LR * np.sign(ADAM_GRADIENT),
             "wrong sign, and this g is tiny, so epsilon changes the step: use Keras's rule"),
        ],
    )


@exercise("05.3")
def _glorot_limit(answer):
    fan_in, fan_out = 64, 32
    return compare_numbers(
        answer, math.sqrt(6 / (fan_in + fan_out)), rtol=1e-3, what="your limit",
        mistakes=[
            (math.sqrt(6 / fan_in),
             "that is sqrt(6 / 64): section 6's limit for 32 inputs and 32 units (and He "
             "uniform's sqrt(6 / fan_in) for 64 inputs); Glorot adds fan_in and fan_out, "
             "here 64 inputs and 32 units"),
            (6 / (fan_in + fan_out), "take the square root: limit = sqrt(6 / (fan_in + fan_out))"),
            (math.sqrt(2 / (fan_in + fan_out)),
             "that is the standard deviation of Glorot *normal*; the uniform limit has 6, not 2"),
            (math.sqrt(6 / (fan_in * fan_out)), "add fan_in and fan_out, do not multiply them"),
        ],
    )


@exercise("05.4")
def _sigmoid_chain(answer):
    bound = 0.25**10
    hint = compare_numbers(
        answer, bound, rtol=1e-3, atol=1e-12, what="your bound",
        mistakes=[
            (0.5**10,
             "0.5 is the value sigma(0); the slope there is sigma(0) * (1 - sigma(0)) = 0.25"),
            (0.25 * 10, "the chain rule multiplies the factors of the layers; it does not "
             "add them"),
            (0.25, "that is one layer's factor; ten layers multiply ten of them"),
            (1.0, "that is tanh's largest slope; the sigmoid's is 0.25"),
            (0.25**9, "that is nine factors; ten layers multiply ten of them"),
            (0.25**11, "that is eleven factors; ten layers multiply ten of them"),
        ],
    )
    number = isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool)
    if hint is None or not number:
        return hint
    if abs(float(answer) / bound - 1) < 0.1:
        return "close, but rounded: compute the product exactly, in Python"
    if 0.15**10 <= float(answer) < 0.249**10:
        return ("that uses a slope below 0.25, such as the mean slope measured in the network; "
                "a bound takes the largest slope the sigmoid has, at z = 0")
    return hint


XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
PARAMETER_NAMES = ("K1", "b1", "K2", "b2")


def suspect_backprop(K1, b1, K2, b2, X, y):
    """Backpropagation of the 2-2-1 network's mean binary cross entropy over a batch.

    Someone wrote it from the matrix form of notebook 05, section 2, and one of the four
    gradients it returns is wrong. A gradient check finds which one.

    Parameters
    ----------
    K1, b1, K2, b2 : numpy.ndarray
        The network's parameters, kernels as features x units.
    X, y : numpy.ndarray
        A batch of examples (N x 2) and labels (N x 1).

    Returns
    -------
    list of numpy.ndarray
        The gradients with respect to K1, b1, K2 and b2, in that order.
    """
    H = np.tanh(X @ K1 + b1)
    P = sigmoid(H @ K2 + b2)
    Delta2 = (P - y) / len(X)
    Delta1 = (Delta2 @ K2.T) * (1 - H**2)
    return [X.T @ Delta1, Delta1.mean(axis=0), H.T @ Delta2, Delta2.sum(axis=0)]


def _batch_gradients():
    H = np.tanh(XOR_X @ K1 + B1)
    Delta2 = (sigmoid(H @ K2 + B2) - XOR_Y) / len(XOR_X)
    Delta1 = (Delta2 @ K2.T) * (1 - H**2)
    return [XOR_X.T @ Delta1, Delta1.sum(axis=0), H.T @ Delta2, Delta2.sum(axis=0)]


def _per_parameter_errors(absolute=False, summed=False):
    right, suspect = _batch_gradients(), suspect_backprop(K1, B1, K2, B2, XOR_X, XOR_Y)
    if summed:  # central differences of the summed loss: N times the mean's gradients
        right = [len(XOR_X) * g for g in right]
    out = []
    for a, b in zip(right, suspect, strict=True):
        diff = np.linalg.norm(a - b)
        out.append(diff if absolute else diff / (np.linalg.norm(a) + np.linalg.norm(b)))
    return np.array(out)


@exercise("05.5")
def _locate_the_bug(answer):
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        return ("your answer should be a pair: (the four relative errors in the order K1, b1, "
                "K2, b2, the name of the parameter whose gradient is wrong)")
    errors, name = answer
    if isinstance(errors, str) and not isinstance(name, str):
        return "the pair is (errors, name): the four relative errors come first, then the name"
    if isinstance(errors, dict):  # as section 3 collects them, keyed by parameter
        errors = list(errors.values())
    if np.ndim(errors) == 0 and not isinstance(errors, str):
        return ("the first part should hold one relative error per parameter, four numbers in "
                "the order K1, b1, K2, b2: one error over all parameters says that there is a "
                "bug, not where")
    hint = compare_numbers(
        errors, _per_parameter_errors(), rtol=1e-2, atol=1e-6, what="your list of relative errors",
        mistakes=[
            (np.zeros(4), "all four errors are tiny, so the gradients you compared agree: "
             "compare suspect_backprop's gradients on all four XOR points (the bug shows on a "
             "batch) with central differences of the mean loss over those points"),
            (_per_parameter_errors(absolute=True), "those are absolute differences "
             "|g_num - g_bp|; the relative error divides by |g_num| + |g_bp|"),
            (_per_parameter_errors(summed=True), "your loss adds up the four examples' losses; "
             "suspect_backprop differentiates their mean, so average them (the 1/N of section 2)"),
        ],
    )
    values = np.asarray(errors, dtype=np.float64) if hint is not None and hint.kind in (
        Kind.DIFFERS, Kind.FACTOR) else None
    if values is not None and values.shape == (4,) and (values > 1e-4).all():
        return ("even the right gradients show relative errors far above 1e-7: central "
                "differences need float64, and a Keras loss computes in float32; compute the "
                "loss in NumPy (float64), as section 3 does")
    if hint is not None:
        return hint
    if name not in PARAMETER_NAMES:
        return "the second part should be the parameter's name: 'K1', 'b1', 'K2' or 'b2'"
    if name != PARAMETER_NAMES[int(np.argmax(_per_parameter_errors()))]:
        return (f"your errors are right, but {name}'s gradient is not the wrong one: the right "
                "gradients have relative errors near 1e-10, the wrong one far above 1e-7")
    return None


MOMENTUM_LR, MOMENTUM, STEADY_GRADIENT = 0.02, 0.9, 0.5


def _steady_change_hint(change):
    step = -MOMENTUM_LR * STEADY_GRADIENT / (1 - MOMENTUM)
    hint = compare_numbers(
        change, step, rtol=1e-2, atol=1e-6, what="your change per step",
        mistakes=[
            (-MOMENTUM_LR * STEADY_GRADIENT,
             "that is plain SGD's step -lr * g, momentum's first step: the velocity "
             "v = mu * v - lr * g keeps growing until it stops changing"),
            (-MOMENTUM_LR / (1 - MOMENTUM),
             "that is lr / (1 - mu), the effective learning rate: the step also scales with "
             "the gradient g = 0.5"),
            (-MOMENTUM_LR * STEADY_GRADIENT / (1 + MOMENTUM),
             "the velocity adds up the past steps: it stops changing when the new v equals "
             "the old one, v = mu * v - lr * g, that is v (1 - mu) = -lr * g"),
        ],
    )
    number = isinstance(change, (int, float, np.number)) and not isinstance(change, bool)
    if hint is not None and number and 0.5 < float(change) / step < 0.99:
        return ("on the way, but not yet steady: after t steps the velocity still misses "
                "part of its final value; take more steps, or solve v = mu * v - lr * g")
    return hint


@exercise("05.6")
def _momentum_builds_up(answer):
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        return ("your answer should be a pair: (theta's change per step once steady, the first "
                "step t at which the change reaches 99 % of it)")
    change, t = answer
    hint = _steady_change_hint(change)
    if hint is not None:
        return hint
    if isinstance(t, bool) or not isinstance(t, (int, np.integer, float, np.floating)):
        return f"the second part should be a step number; got {type(t).__name__}"
    first = math.ceil(math.log(0.01) / math.log(MOMENTUM))  # MOMENTUM**t <= 0.01
    if t == first:
        return None
    if t == first - 1:
        share = 100 * (1 - MOMENTUM ** (first - 1))
        return (f"at step {first - 1} the change is 1 - 0.9**{first - 1} = {share:.1f} % of "
                "its final value: not yet 99 %")
    if t == round(1 / (1 - MOMENTUM)):
        return ("10 = 1 / (1 - mu) is momentum's time constant: after 10 steps the change is "
                f"only {100 * (1 - MOMENTUM**10):.0f} % of its final value")
    return ("not the first step at 99 %: write the velocity after t steps as a sum of powers of "
            "mu (a geometric series), or run Keras step by step and watch theta's change")
