"""pytest configuration shared by every test run from the repository root.

nbval sends each cell to the kernel with ``store_history=False``. IPython decides whether a
trailing ``;`` silences a cell's result by reading the cell from that history, so under nbval
``ax.plot(...);`` would show a repr (with a memory address) that nobody running the notebook
ever sees, and strict comparison would fail. Executing with history restores the behaviour
people get in JupyterLab and with nbconvert; nbval does not compare execution counts.
"""

from __future__ import annotations

try:
    from nbval.kernel import RunningKernel
except ImportError:  # nbval is a dev dependency; unit tests run without it
    RunningKernel = None

if RunningKernel is not None:

    def _execute_with_history(self, cell_input, allow_stdin=None):
        return self.kc.execute(
            cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False
        )

    RunningKernel.execute_cell_input = _execute_with_history
