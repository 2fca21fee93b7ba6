"""course_utils.stats: the accuracy interval and McNemar's paired test."""

from course_utils.stats import accuracy_interval, mcnemar_test

import numpy as np
import pytest


def test_interval_of_0_969_on_360_examples_has_standard_error_near_0_009():
    correct = np.arange(360) < 349  # 349 of 360 right
    acc, se, low, high = accuracy_interval(correct)
    assert np.isclose(acc, 349 / 360) and abs(se - 0.009) < 0.0005
    assert np.isclose(high - acc, 1.96 * se) and np.isclose(acc - low, 1.96 * se)


def test_interval_accepts_zeros_and_ones_and_a_wider_z():
    assert accuracy_interval([1, 0, 1, 1], z=3)[:2] == accuracy_interval(
        np.array([True, False, True, True]), z=3)[:2]


def test_mcnemar_counts_only_disagreements():
    a = np.array([True, True, False, False, True])
    b = np.array([True, False, True, False, False])
    only_a, only_b, p = mcnemar_test(a, b)
    assert (only_a, only_b) == (2, 1)
    assert np.isclose(p, 1.0)  # 2 against 1 is as even as 3 disagreements allow


def test_mcnemar_is_symmetric_and_small_for_a_lopsided_split():
    a = np.ones(40, dtype=bool)
    b = np.arange(40) >= 12  # 12 examples only a gets right
    assert mcnemar_test(a, b) == (12, 0, pytest.approx(2 * 0.5**12))
    assert mcnemar_test(b, a)[2] == mcnemar_test(a, b)[2]


def test_mcnemar_without_disagreements_is_p_one():
    assert mcnemar_test([True, False], [True, False]) == (0, 0, 1.0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: accuracy_interval([]), "correct must be a non-empty 1-D array"),
        (lambda: accuracy_interval([[True]]), "correct must be a non-empty 1-D array"),
        (lambda: accuracy_interval([0.5, 1]), "correct must hold booleans"),
        (lambda: mcnemar_test([True], [True, False]), "must score the same examples"),
        (lambda: mcnemar_test([2], [True]), "correct_a must hold booleans"),
    ],
)
def test_bad_input_says_what_was_expected(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_z_must_be_positive():
    with pytest.raises(ValueError, match="z must be"):
        accuracy_interval([True], z=0)
    with pytest.raises(TypeError, match="z must be"):
        accuracy_interval([True], z="2")
