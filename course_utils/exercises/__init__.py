"""Self-checks for the course's exercises: one printed line per check, never an exception.

A student writes an answer in place of the ``...`` placeholder and runs::

    from course_utils.exercises import check

    answer = ...  # your answer
    check("03.1", answer)

which prints exactly one line, starting with the exercise id:

- ``Exercise 03.1: correct.``
- ``Exercise 03.1: not correct yet. <hint>`` -- None (``answer = print(x)``), a string, a wrong
  shape, a transposed matrix, a wrong sign, a number rounded by hand, the right numbers in the
  wrong order, probabilities that do not sum to 1, a constant factor (3, or log base 10), or a
  mistake the exercise itself anticipates;
- ``Exercise 03.1: not attempted yet. Replace ... with your answer.``

The checks live in one module per notebook, ``course_utils.exercises.nbNN``, imported on first
use of an id ``"NN.k"``. Each registers a function with :func:`exercise` that takes the answer
and returns ``None`` when it is right or a hint when it is not; :func:`compare_numbers` does the
usual numeric work and returns a :class:`Diagnosis`, whose :class:`Kind` a check tests to decide
what to add (never the hint's wording). A :class:`Verdict` has a :class:`Status` and that kind.
Authoring errors (an unknown id) raise; anything a student's answer does wrong is turned into a
line, so "Run all" goes on.
"""

from course_utils.exercises._core import (
    NOT_ATTEMPTED,
    Diagnosis,
    Kind,
    Status,
    Verdict,
    check,
    compare_numbers,
    evaluate,
    exercise,
)

__all__ = ["NOT_ATTEMPTED", "Diagnosis", "Kind", "Status", "Verdict", "check", "compare_numbers",
           "evaluate", "exercise"]
