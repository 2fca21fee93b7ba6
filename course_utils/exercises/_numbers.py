"""The numeric comparison behind the checks: :func:`compare_numbers` and its diagnoses."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

import numpy as np

__all__ = ["NONE_HINT", "Diagnosis", "Kind", "compare_numbers"]


class Kind(Enum):
    """What is wrong with an answer: checks decide on these, never on a hint's wording."""

    ANTICIPATED = "anticipated"  # a mistake the exercise itself names
    NONE_VALUE = "none"  # None, as from answer = print(x)
    STRING = "string"  # a string where numbers were asked for
    NOT_NUMBERS = "not numbers"  # anything else that is not numbers
    PARTLY_ATTEMPTED = "partly attempted"  # some parts are still ...
    CHECK_FAILED = "check failed"  # the check itself raised on this answer
    TRANSPOSED = "transposed"
    RESHAPED = "reshaped"  # the right values in another shape
    SHAPE = "shape"
    NOT_FINITE = "not finite"
    SIGN = "sign"
    ROUNDED = "rounded"  # the expected value, rounded by hand
    ORDER = "order"  # the right values in another order
    NOT_PROBABILITIES = "not probabilities"
    FACTOR = "factor"  # a constant multiple of the expected value
    DIFFERS = "differs"  # none of the above


@dataclass(frozen=True)
class Diagnosis:
    """A wrong answer's :class:`Kind`, and the hint that explains it to the student."""

    kind: Kind
    text: str

    def __str__(self) -> str:
        return self.text

    def about(self, part: str) -> Diagnosis:
        """The same diagnosis about one part of an answer: "part: text"."""
        return Diagnosis(self.kind, f"{part}: {self.text}")


# Constant factors worth naming when an answer is a multiple of the expected value: the
# per-class mean of Keras's MeanSquaredError (notebook 03), and a log in base 10 or 2.
_NAMED_FACTORS = (
    (3.0, "3 times too large: did you sum over 3 entries (such as 3 classes) where their "
     "mean is asked for?"),
    (1 / 3, "a third of the expected value: did you average over 3 entries (as Keras's "
     "MeanSquaredError averages over 3 classes) where their sum is asked for?"),
    (1 / math.log(10), "this looks like a log in base 10: use the natural log (np.log)"),
    (1 / math.log(2), "this looks like a log in base 2: use the natural log (np.log)"),
)
_NONE_WHY = ("print(x) shows x but returns None, so answer = print(x) stores None; assign the "
             "value itself (answer = x)")
NONE_HINT = f"None is not an answer: {_NONE_WHY}"


def _parts(answer, depth=0):
    """``answer`` and, for a list or tuple, its parts (two levels deep)."""
    yield answer
    if depth < 2 and isinstance(answer, (list, tuple)):
        for part in answer:
            yield from _parts(part, depth + 1)


def _not_numbers(answer, what: str, expected) -> Diagnosis | None:
    """The diagnosis of an answer that cannot be read as numbers, or None if it can."""
    parts = list(_parts(answer))
    if any(part is None for part in parts):
        return Diagnosis(Kind.NONE_VALUE, NONE_HINT if answer is None else
                         f"{what} holds None: {_NONE_WHY}")
    if any(isinstance(part, (str, bytes)) for part in parts):
        try:
            np.asarray(answer, dtype=np.float64)
            fix = "write the number without quotes"
        except (TypeError, ValueError):
            fix = "assign the value you computed"
        is_ = "is" if isinstance(answer, (str, bytes)) else "holds"
        return Diagnosis(Kind.STRING, f"{what} {is_} a string, not a number: {fix}")
    try:
        got = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        got = None
    if got is None and isinstance(answer, (list, tuple)) and len(answer) > 1:
        shape = "one number" if expected.ndim == 0 else f"one array of shape {expected.shape}"
        return Diagnosis(Kind.NOT_NUMBERS,
                         f"{what} should be {shape}; got a {type(answer).__name__} of "
                         f"{len(answer)} parts of different sizes")
    if got is None or got.dtype == object:
        numbers = "a number" if expected.ndim == 0 else f"numbers (shape {expected.shape})"
        return Diagnosis(Kind.NOT_NUMBERS,
                         f"{what} should be {numbers}; got {type(answer).__name__}")
    return None


def _constant_ratio(answer, expected, rtol):
    """The constant c with answer == c * expected, if there is one, else None."""
    nonzero = np.abs(expected) > 1e-12
    if not nonzero.any() or (np.abs(answer[~nonzero]) > 1e-9).any():
        return None
    ratios = answer[nonzero] / expected[nonzero]
    ratio = float(np.median(ratios))
    if ratio == 0 or not np.allclose(ratios, ratio, rtol=max(rtol, 1e-3)):
        return None
    return ratio


def _decimals(values):
    """Per entry, the fewest decimals (-6 to 15) that write it, to a float32's precision.

    Negative counts round to tens, hundreds, ...: 230 is written with -1 decimals.
    """
    decimals = np.full(values.shape, 15)
    for d in range(14, -7, -1):
        written = np.abs(np.round(values, d) - values) <= 1e-6 * np.abs(values)
        decimals = np.where(written, d, decimals)
    return decimals


def _half_up(value: float, decimals: int) -> float:
    """``value`` rounded half up, as a person rounds its printed digits (0.0525 -> 0.053)."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def _rounded_entries(got, expected):
    """Per entry, whether ``got`` is ``expected`` rounded to the decimals ``got`` is written in.

    Rounding half up (0.0525 -> 0.053) counts as well as NumPy's half to even (0.052). A whole
    number (a count) is typed exactly, so it is never taken as rounded.
    """
    decimals = _decimals(got)
    ok = []
    for g, e, d in zip(got.ravel(), expected.ravel(), decimals.ravel(), strict=True):
        candidates = [e] if e == np.round(e) else [np.round(e, d), _half_up(e, int(d))]
        ok.append(any(abs(g - c) <= 1e-6 * abs(c) for c in candidates))
    return np.array(ok).reshape(got.shape)


def _is_rounded(got, expected):
    """Whether ``got`` is ``expected`` rounded by hand.

    Every entry, written with d decimals, equals the expected one rounded to d decimals, and
    the whole answer is within 5 % of the expected value (so 0 is not a rounded 0.3).
    """
    close = np.linalg.norm(got - expected) <= 0.05 * np.linalg.norm(expected)
    return bool(close and _rounded_entries(got, expected).all())


def _order_hint(got, expected, what):
    """A hint if ``got`` is ``expected`` in another order (a 1-D answer), else None."""
    if got.ndim != 1 or got.size < 2 or np.allclose(got, expected):
        return None
    ordered, wanted = np.sort(got), np.sort(expected)
    if not (np.allclose(ordered, wanted) or _is_rounded(ordered, wanted)):
        return None
    moved = ~(np.isclose(got, expected) | _rounded_entries(got, expected))
    swapped = "two entries are swapped: " if moved.sum() == 2 else ""
    return f"{swapped}{what} has the right numbers in the wrong order"


def compare_numbers(
    answer,
    expected,
    *,
    rtol: float = 1e-4,
    atol: float = 1e-6,
    what: str = "your answer",
    mistakes: Iterable[tuple[object, str]] = (),
    probabilities: bool = False,
    named_factors: bool | None = None,
) -> Diagnosis | None:
    """Return ``None`` if ``answer`` matches ``expected`` numerically, else a :class:`Diagnosis`.

    Parameters
    ----------
    answer : object
        The student's answer: a number, a list or any array-like in any numeric dtype.
    expected : array-like
        The right value.
    rtol, atol : float
        The tolerances of ``np.allclose`` for a match.
    what : str
        A singular noun phrase naming the answer in hints ("your gradient", "the pair").
    mistakes : iterable of (wrong_value, hint)
        Mistakes the exercise anticipates; tried first, with the same tolerances.
    probabilities : bool, default False
        Also say so when rows do not sum to 1 or hold negative entries.
    named_factors : bool, optional
        Name a factor of 3, 1/3, 1/ln 10 or 1/ln 2 (a sum for a mean, a log in another base).
        By default only for arrays: a single wrong number is some factor off by coincidence,
        so a check of one number asks for them where the exercise has a mean or a log.

    Returns
    -------
    Diagnosis or None
        None for a match; otherwise the kind of mistake and its hint. The generic kinds are
        tried in this order: None, a string, not numbers, an anticipated mistake, transposed,
        reshaped, another shape, nan or inf, the sign, rounded by hand, another order, not
        probabilities, a constant factor (for arrays, or a named one), and differs.
    """
    expected = np.asarray(expected, dtype=np.float64)
    wrong = _not_numbers(answer, what, expected)
    if wrong is not None:
        return wrong
    got = np.asarray(answer, dtype=np.float64)
    if got.shape == expected.shape and np.allclose(got, expected, rtol=rtol, atol=atol):
        return None
    for value, hint in mistakes:
        value = np.asarray(value, dtype=np.float64)
        if got.shape == value.shape and np.allclose(got, value, rtol=rtol, atol=atol):
            return Diagnosis(Kind.ANTICIPATED, hint)
    if got.shape != expected.shape:
        return _shape_diagnosis(got, expected, rtol, atol, what)
    if named_factors is None:
        named_factors = expected.size > 1
    return _value_diagnosis(got, expected, rtol, atol, what, probabilities, named_factors)


def _shape_diagnosis(got, expected, rtol, atol, what) -> Diagnosis:
    if got.ndim == 2 and got.shape == expected.T.shape and np.allclose(got.T, expected,
                                                                        rtol=rtol, atol=atol):
        return Diagnosis(Kind.TRANSPOSED, f"{what} is transposed: expected shape "
                         f"{expected.shape}, got {got.shape}")
    if got.size == expected.size and np.allclose(got.reshape(expected.shape), expected,
                                                 rtol=rtol, atol=atol):
        return Diagnosis(Kind.RESHAPED, f"right values, wrong shape: expected {expected.shape}, "
                         f"got {got.shape}")
    return Diagnosis(Kind.SHAPE, f"{what} has shape {got.shape}; expected shape "
                     f"{expected.shape}")


def _value_diagnosis(got, expected, rtol, atol, what, probabilities,
                     named_factors) -> Diagnosis:
    if not np.isfinite(got).all():
        return Diagnosis(Kind.NOT_FINITE, f"{what} contains nan or inf: look for a log of 0 or "
                         "an overflowing exp")
    if np.allclose(got, -expected, rtol=rtol, atol=atol):
        return Diagnosis(Kind.SIGN, f"{what} has the wrong sign")
    if _is_rounded(got, expected):
        return Diagnosis(Kind.ROUNDED, "close, but rounded: let Python keep every digit (assign "
                         "the computed value, not digits copied from a printout)")
    order = _order_hint(got, expected, what)
    if order is not None:
        return Diagnosis(Kind.ORDER, order)
    if probabilities:
        sums = got.sum(axis=-1)
        if not np.allclose(sums, 1.0, atol=1e-3):
            return Diagnosis(Kind.NOT_PROBABILITIES, "probabilities must sum to 1 along the "
                             f"last axis; yours sum to {np.round(sums, 4)}")
        if (got < 0).any():
            return Diagnosis(Kind.NOT_PROBABILITIES, "probabilities cannot be negative")
    ratio = _constant_ratio(got, expected, rtol)
    if ratio is not None:
        for factor, hint in _NAMED_FACTORS if named_factors else ():
            if math.isclose(ratio, factor, rel_tol=max(rtol, 1e-3)):
                return Diagnosis(Kind.FACTOR, hint)
        if expected.size > 1:  # for a single number, any wrong value is some factor off
            return Diagnosis(Kind.FACTOR, f"every entry of {what} is about {ratio:.3g} times "
                             "the expected one: look for a constant factor")
    return _differs(got, expected, rtol, atol, what)


def _differs(got, expected, rtol, atol, what) -> Diagnosis:
    """Where the answer is off, never by how much: the gap would give the answer away."""
    if expected.size == 1:
        side = "too large" if got.item() > expected.item() else "too small"
        return Diagnosis(Kind.DIFFERS, f"{what} is {side}: it differs from the expected value")
    wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    if expected.ndim == 1:
        entries = [str(i + 1) for i in np.flatnonzero(wrong)]
        which = "entry" if len(entries) == 1 else "entries"
        return Diagnosis(Kind.DIFFERS, f"{what} differs from the expected value in {which} "
                         f"{', '.join(entries)} (counting from 1)")
    return Diagnosis(Kind.DIFFERS, f"{what} differs from the expected value in "
                     f"{int(wrong.sum())} of {expected.size} entries")
