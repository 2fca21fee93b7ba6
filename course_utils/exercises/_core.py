"""Registry, verdicts and the numeric comparison behind ``course_utils.exercises``."""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

__all__ = ["NOT_ATTEMPTED", "Verdict", "check", "compare_numbers", "evaluate", "exercise"]

NOT_ATTEMPTED = "not attempted"
_ID = re.compile(r"^(\d\d)\.(\d+)$")
_REGISTRY: dict[str, Callable[[object], str | None]] = {}
# Constant factors worth naming when an answer is a multiple of the expected value: the
# per-class mean of Keras's MeanSquaredError (notebook 03), and a log in base 10 or 2.
_NAMED_FACTORS = (
    (3.0, "your answer is 3 times too large: average over the 3 classes, or sum instead?"),
    (1 / 3, "your answer is a third of the expected value: sum over the classes instead of "
     "averaging (Keras's MeanSquaredError averages)"),
    (1 / math.log(10), "your answer looks like a log in base 10: use the natural log (np.log)"),
    (1 / math.log(2), "your answer looks like a log in base 2: use the natural log (np.log)"),
)


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check: ``status`` is "correct", "incorrect" or "not attempted"."""

    exercise_id: str
    status: str
    hint: str = ""

    @property
    def line(self) -> str:
        if self.status == "correct":
            return f"Exercise {self.exercise_id}: correct."
        if self.status == NOT_ATTEMPTED:
            return (f"Exercise {self.exercise_id}: not attempted yet. {self.hint}").rstrip()
        # hints are written as clauses ("your answer is transposed"); the line makes a sentence
        hint = self.hint[:1].upper() + self.hint[1:]
        return f"Exercise {self.exercise_id}: not correct yet. {hint}".rstrip()


def exercise(exercise_id: str):
    """Register ``func(answer) -> None | hint`` as the check of ``exercise_id`` ("NN.k")."""
    if not isinstance(exercise_id, str) or not _ID.match(exercise_id):
        raise ValueError(f"exercise_id must look like '03.1'; got {exercise_id!r}")

    def register(func):
        if exercise_id in _REGISTRY:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        _REGISTRY[exercise_id] = func
        return func

    return register


def _lookup(exercise_id):
    match = _ID.match(exercise_id) if isinstance(exercise_id, str) else None
    if match is None:
        raise ValueError(f"exercise_id must look like '03.1'; got {exercise_id!r}")
    if exercise_id not in _REGISTRY:
        try:
            importlib.import_module(f"course_utils.exercises.nb{match.group(1)}")
        except ModuleNotFoundError:
            pass
    if exercise_id not in _REGISTRY:
        raise ValueError(f"exercise_id {exercise_id!r} is not a known exercise")
    return _REGISTRY[exercise_id]


def _count_placeholders(answer, depth=0) -> tuple[int, int]:
    """(placeholders, parts) in an answer that may be a tuple, list or dict of parts."""
    if answer is Ellipsis:
        return 1, 1
    if depth < 2 and isinstance(answer, (tuple, list, dict)) and len(answer) > 0:
        parts = answer.values() if isinstance(answer, dict) else answer
        counts = [_count_placeholders(p, depth + 1) for p in parts]
        return sum(c[0] for c in counts), sum(c[1] for c in counts)
    return 0, 1


def evaluate(exercise_id: str, answer) -> Verdict:
    """Check ``answer`` against exercise ``exercise_id`` and return the :class:`Verdict`."""
    func = _lookup(exercise_id)
    missing, parts = _count_placeholders(answer)
    if missing == parts:
        return Verdict(exercise_id, NOT_ATTEMPTED,
                       "Replace ... with your answer.")
    if missing:
        return Verdict(exercise_id, "incorrect",
                       f"{missing} of {parts} parts are still ... : fill in every part.")
    try:
        hint = func(answer)
    except Exception as exc:  # a student's answer must never stop "Run all"
        hint = f"checking your answer raised {type(exc).__name__}: {exc}"
    if hint is None:
        return Verdict(exercise_id, "correct")
    return Verdict(exercise_id, "incorrect", hint)


def check(exercise_id: str, answer) -> None:
    """Print one line saying whether ``answer`` solves exercise ``exercise_id``."""
    print(evaluate(exercise_id, answer).line)


def _as_array(value):
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return array


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


def compare_numbers(
    answer,
    expected,
    *,
    rtol: float = 1e-4,
    atol: float = 1e-6,
    what: str = "your answer",
    mistakes: Iterable[tuple[object, str]] = (),
    probabilities: bool = False,
) -> str | None:
    """Return ``None`` if ``answer`` matches ``expected`` numerically, else a hint.

    ``answer`` may be a number, a list or any array-like in any numeric dtype. ``mistakes``
    lists ``(wrong_value, hint)`` pairs the exercise anticipates; they are tried before the
    generic diagnoses (shape, transpose, sign, named constant factors, and, with
    ``probabilities=True``, rows that do not sum to 1).
    """
    expected = np.asarray(expected, dtype=np.float64)
    got = _as_array(answer)
    if got is None or got.dtype == object:
        return f"{what} should be numbers (shape {expected.shape}); got {type(answer).__name__}"
    if got.shape == expected.shape and np.allclose(got, expected, rtol=rtol, atol=atol):
        return None
    for wrong, hint in mistakes:
        wrong = np.asarray(wrong, dtype=np.float64)
        if got.shape == wrong.shape and np.allclose(got, wrong, rtol=rtol, atol=atol):
            return hint
    if got.shape != expected.shape:
        if got.ndim == 2 and got.shape == expected.T.shape and np.allclose(got.T, expected,
                                                                            rtol=rtol, atol=atol):
            return f"{what} is transposed: expected shape {expected.shape}, got {got.shape}"
        if got.size == expected.size and np.allclose(got.reshape(expected.shape), expected,
                                                     rtol=rtol, atol=atol):
            return f"right values, wrong shape: expected {expected.shape}, got {got.shape}"
        return f"{what} has shape {got.shape}; expected shape {expected.shape}"
    if not np.isfinite(got).all():
        return f"{what} contains nan or inf: look for a log of 0 or an overflowing exp"
    if np.allclose(got, -expected, rtol=rtol, atol=atol):
        return f"{what} has the wrong sign"
    if probabilities:
        sums = got.sum(axis=-1)
        if not np.allclose(sums, 1.0, atol=1e-3):
            return (f"probabilities must sum to 1 along the last axis; "
                    f"yours sum to {np.round(sums, 4)}")
        if (got < 0).any():
            return "probabilities cannot be negative"
    ratio = _constant_ratio(got, expected, rtol)
    if ratio is not None:
        for factor, hint in _NAMED_FACTORS:
            if math.isclose(ratio, factor, rel_tol=max(rtol, 1e-3)):
                return hint
        return f"{what} is off by a constant factor of about {ratio:.3g}"
    worst = float(np.max(np.abs(got - expected)))
    return f"{what} differs from the expected value by up to {worst:.3g}"
