"""course_utils._checks: one wording for every int and real-number argument in the package."""

from course_utils._checks import check_int, check_real

import numpy as np
import pytest


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (3, {}, 3),
        (np.int64(2), {"low": 2}, 2),
        (10, {"low": 1, "high": 10}, 10),
        (-5, {"high": 0}, -5),
    ],
)
def test_check_int_accepts_whole_numbers_in_range(value, kwargs, expected):
    result = check_int(value, "n", **kwargs)
    assert result == expected and type(result) is int


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "match"),
    [
        (2.0, {}, TypeError, r"^n must be an int; got 2\.0 \(float\)$"),
        (True, {"low": 0}, TypeError, r"^n must be an int >= 0; got True \(bool\)$"),
        ("3", {}, TypeError, r"^n must be an int; got '3' \(str\)$"),
        (0, {"low": 1}, ValueError, r"^n must be an int >= 1; got 0$"),
        (11, {"low": 1, "high": 10}, ValueError, r"^n must be an int between 1 and 10; got 11$"),
        (1, {"high": 0}, ValueError, r"^n must be an int <= 0; got 1$"),
    ],
)
def test_check_int_rejects(value, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_int(value, "n", **kwargs)


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [(0.5, {}, 0.5), (np.float32(2), {"low": 2}, 2.0), (3, {"low": 0, "low_open": True}, 3.0)],
)
def test_check_real_accepts_finite_numbers_in_range(value, kwargs, expected):
    result = check_real(value, "x", **kwargs)
    assert result == expected and type(result) is float


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "match"),
    [
        ("1", {}, TypeError, r"^x must be a finite number; got '1' \(str\)$"),
        (False, {}, TypeError, r"^x must be a finite number; got False \(bool\)$"),
        (float("nan"), {}, ValueError, r"^x must be a finite number; got nan$"),
        (float("inf"), {"low": 0}, ValueError, r"^x must be a finite number >= 0; got inf$"),
        (-0.1, {"low": 0}, ValueError, r"^x must be a finite number >= 0; got -0\.1$"),
        (0, {"low": 0, "low_open": True}, ValueError, r"^x must be a finite number > 0; got 0$"),
    ],
)
def test_check_real_rejects(value, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_real(value, "x", **kwargs)
