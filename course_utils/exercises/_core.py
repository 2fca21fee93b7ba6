"""Registry, verdicts and the printed line behind ``course_utils.exercises``."""

from __future__ import annotations

from course_utils.exercises._numbers import NONE_HINT, Diagnosis, Kind, compare_numbers

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["NOT_ATTEMPTED", "Diagnosis", "Kind", "Status", "Verdict", "check", "compare_numbers",
           "evaluate", "exercise"]


class Status(StrEnum):
    """What a check concluded. A ``StrEnum``: ``Status.CORRECT == "correct"``."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not attempted"


NOT_ATTEMPTED = Status.NOT_ATTEMPTED
_ID = re.compile(r"^(\d\d)\.(\d+)$")
_REGISTRY: dict[str, Callable[[object], str | Diagnosis | None]] = {}
# A hint's first word is code or maths, and keeps its case, if it holds any of these
# characters (tf.multiply, x², dL/dK1, fan_in, e^z) or is a single letter other than "a".
_CODE_OR_MATHS = re.compile(r"[^A-Za-z'’-]")


def _sentence(hint: str) -> str:
    """``hint`` with its first letter capitalised, unless the first word is code or maths."""
    first = re.split(r"[\s,:;]", hint, maxsplit=1)[0]
    if not first or _CODE_OR_MATHS.search(first) or (len(first) == 1 and first != "a"):
        return hint
    return hint[:1].upper() + hint[1:]


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check; ``kind`` says what is wrong when ``status`` is "incorrect"."""

    exercise_id: str
    status: Status
    hint: str = ""
    kind: Kind | None = None

    @property
    def line(self) -> str:
        if self.status is Status.CORRECT:
            return f"Exercise {self.exercise_id}: correct."
        if self.status is Status.NOT_ATTEMPTED:
            return (f"Exercise {self.exercise_id}: not attempted yet. {self.hint}").rstrip()
        # hints are written as clauses ("your answer is transposed"); the line makes a sentence
        return f"Exercise {self.exercise_id}: not correct yet. {_sentence(self.hint)}".rstrip()


def exercise(exercise_id: str):
    """Register ``func(answer) -> None | hint`` as the check of ``exercise_id`` ("NN.k").

    The hint is a :class:`Diagnosis` (as :func:`compare_numbers` returns it) or a plain string,
    which counts as a mistake the exercise anticipates.
    """
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
        return Verdict(exercise_id, Status.NOT_ATTEMPTED, "Replace ... with your answer.")
    if missing:
        return Verdict(exercise_id, Status.INCORRECT,
                       f"{missing} of {parts} parts are still ... : fill in every part.",
                       Kind.PARTLY_ATTEMPTED)
    if answer is None:
        return Verdict(exercise_id, Status.INCORRECT, NONE_HINT, Kind.NONE_VALUE)
    try:
        hint = func(answer)
    except Exception as exc:  # a student's answer must never stop "Run all"
        hint = Diagnosis(Kind.CHECK_FAILED,
                         f"checking your answer raised {type(exc).__name__}: {exc}")
    if hint is None:
        return Verdict(exercise_id, Status.CORRECT)
    if not isinstance(hint, Diagnosis):
        hint = Diagnosis(Kind.ANTICIPATED, str(hint))
    return Verdict(exercise_id, Status.INCORRECT, hint.text, hint.kind)


def check(exercise_id: str, answer) -> None:
    """Print one line saying whether ``answer`` solves exercise ``exercise_id``."""
    print(evaluate(exercise_id, answer).line)
