"""pytest configuration shared by every test run from the repository root.

nbval sends each cell to the kernel with ``store_history=False``. IPython decides whether a
trailing ``;`` silences a cell's result by reading the cell from that history, so under nbval
``ax.plot(...);`` would show a repr (with a memory address) that nobody running the notebook
ever sees, and strict comparison would fail. Executing with history restores the behaviour
people get in JupyterLab and with nbconvert; nbval does not compare execution counts.

That means replacing nbval's ``RunningKernel.execute_cell_input``, which is not public API.
The replacement is checked against the nbval versions it was written for and against the
method's signature; an nbval upgrade stops the test run with a message saying what to check,
rather than silently running notebooks some other way.
"""

from __future__ import annotations

import course_utils  # noqa: F401  (sets TensorFlow's environment before any test imports it)

import inspect
from importlib import metadata

from packaging.version import Version

# nbval releases whose RunningKernel.execute_cell_input(self, cell_input, allow_stdin=None)
# calls self.kc.execute(..., store_history=False, ...): the one line this file changes.
NBVAL_TESTED = (Version("0.11.0"), Version("0.12"))
_EXPECTED_PARAMETERS = ["self", "cell_input", "allow_stdin"]

try:
    from nbval.kernel import RunningKernel
except ImportError:  # nbval is a dev dependency; unit tests run without it
    RunningKernel = None


def _check_nbval_contract(version: str, method) -> None:
    """Raise RuntimeError unless nbval ``version`` and ``method`` are what the patch expects."""
    low, high = NBVAL_TESTED
    parameters = list(inspect.signature(method).parameters)
    if not low <= Version(version) < high or parameters != _EXPECTED_PARAMETERS:
        raise RuntimeError(
            f"conftest.py replaces nbval's private RunningKernel.execute_cell_input, written "
            f"for nbval >= {low}, < {high} with parameters {_EXPECTED_PARAMETERS}; found nbval "
            f"{version} with {parameters}. Read that method in the new nbval, update "
            "_execute_with_history and NBVAL_TESTED, and run the notebooks under nbval again."
        )


def _execute_with_history(self, cell_input, allow_stdin=None):
    return self.kc.execute(
        cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False
    )


if RunningKernel is not None:
    _check_nbval_contract(metadata.version("nbval"), RunningKernel.execute_cell_input)
    RunningKernel.execute_cell_input = _execute_with_history
