"""Exercises of notebook 04: each accepts its solution, calls ``...`` not attempted, and names
the typical mistakes."""

from course_utils.exercises import evaluate, nb04

import numpy as np
import pytest

K_XOR, B1_XOR = np.ones((2, 2)), np.array([0.0, -1.0])
K2_XOR, B2_XOR = np.array([[1.0], [-2.0]]), np.zeros(1)
# A second solution whose first kernel is not symmetric, so a transposed one shows:
# h1 = x0 + x1, h2 = relu(2 x0 + 2 x1 - 2), output h1 - h2.
K_ASYM, B1_ASYM, K2_ASYM = np.array([[1.0, 2.0], [1.0, 2.0]]), np.array([0.0, -2.0]), \
    np.array([[1.0], [-1.0]])
K_STACK = nb04.STACK_K1 @ nb04.STACK_K2
B_STACK = nb04.STACK_B1 @ nb04.STACK_K2 + nb04.STACK_B2

SOLUTIONS = {
    "04.1": (1, 10),
    "04.2": (K_XOR, B1_XOR, K2_XOR, B2_XOR),
    "04.3": (K_STACK, B_STACK),
    "04.4": [2080, 330],
}


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_solution_is_correct(exercise_id):
    assert evaluate(exercise_id, SOLUTIONS[exercise_id]).status == "correct"


def test_other_forms_pass():
    # ratios as the arrays a student computes, kernels as lists, a scalar bias, float32
    assert evaluate("04.1", (21 / 21, np.array([10.0, 10.0]))).status == "correct"
    assert evaluate("04.2", (K_ASYM.tolist(), B1_ASYM, K2_ASYM, 0.0)).status == "correct"
    assert evaluate("04.3", (K_STACK.astype(np.float32), list(B_STACK))).status == "correct"
    assert evaluate("04.4", np.array([2080, 330], dtype=np.int64)).status == "correct"


def test_stack_values():
    assert K_STACK.tolist() == [[2.0], [1.5]] and B_STACK.tolist() == [2.5]


@pytest.mark.parametrize(
    ("exercise_id", "answer", "fragment"),
    [
        ("04.1", (10, 10), "does not grow with lr"),
        ("04.1", (1, 1), "the weights do change"),
        ("04.1", (1, 0.1), "divided the other way"),
        ("04.1", (1, [100.0, 100.0]), "not lr^2"),
        ("04.1", 10, "give 2 parts"),
        ("04.2", (K_XOR, B1_XOR, K2_XOR.T, B2_XOR), "pass W2.T"),
        ("04.2", (K_ASYM.T, B1_ASYM, K2_ASYM, B2_XOR), "K1 is transposed"),
        ("04.2", (K_XOR, B1_XOR, -K2_XOR, B2_XOR), "wrong sign"),
        ("04.2", (K_XOR, np.zeros(2), K2_XOR, B2_XOR), "outputs [0.0, -1.0, -1.0, -2.0]"),
        ("04.2", (np.ones((3, 2)), B1_XOR, K2_XOR, B2_XOR), "expected shapes"),
        ("04.2", (K_XOR, B1_XOR, np.array([[1.0], [-1.0]]), B2_XOR), "computes OR"),
        ("04.2", (K_XOR, K2_XOR), "give 4 parts: answer = (K1, b1, K2, b2)"),
        ("04.3", K_STACK, "give 2 parts: answer = (K, b)"),
        ("04.3", (K_STACK.T, B_STACK), "a Keras kernel is (inputs, units)"),
        ("04.3", (K_STACK, nb04.STACK_B2), "b2 alone"),
        ("04.3", (K_STACK, nb04.STACK_B1 @ nb04.STACK_K2), "add the second layer's bias"),
        ("04.3", (K_STACK, nb04.STACK_B1 + nb04.STACK_B2), "b1 goes through the second"),
        ("04.3", (nb04.STACK_K2 @ nb04.STACK_K1[:1], B_STACK), "kernel: K has shape"),
        ("04.4", [2048, 320], "weights only"),
        ("04.4", [2112, 352], "not per input"),
        ("04.4", [330, 2080], "wrong order"),
        ("04.4", 2410, "the total is right"),
        ("04.4", 2368, "one count per layer"),
    ],
)
def test_typical_mistakes_get_their_hint(exercise_id, answer, fragment):
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "incorrect"
    assert fragment in verdict.hint, verdict.hint
