"""Per-cell wall time from an executed notebook's timing metadata (nbclient's ``record_timing``).

nbclient stamps every executed code cell with ``metadata.execution``: ISO timestamps for the
moment the kernel went busy and went idle again. The difference is the cell's wall time, as a
student would see it in JupyterLab.

The setup cell (the one that calls ``seed_everything``, after importing TensorFlow; the first
code cell if none does) and the cells before it are left out of ``slowest_cell``: importing
TensorFlow costs the same in every notebook, and the target is about the cells a student waits
for while reading.
"""

from __future__ import annotations

import statistics
from datetime import datetime

__all__ = [
    "cell_seconds", "median_cells", "setup_cell_index", "slowest_after_setup", "slowest_cell",
]  # fmt: skip

_START, _END = "iopub.status.busy", "iopub.status.idle"
_SETUP_CALL = "seed_everything("


def _timestamp(text: str) -> datetime:
    # Python 3.10's fromisoformat rejects the trailing "Z" that nbclient writes
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def cell_seconds(notebook) -> list[tuple[int, float]]:
    """``(cell index, seconds)`` for every code cell of an executed notebook, in order.

    ``notebook`` is a notebook node or a plain dict as json.load gives it. Raises ValueError
    when a code cell has no timing: the notebook was not executed with ``record_timing``.
    """
    out = []
    for index, cell in enumerate(_cells(notebook)):
        if cell["cell_type"] != "code":
            continue
        timing = cell.get("metadata", {}).get("execution", {})
        if _START not in timing or _END not in timing:
            raise ValueError(
                f"code cell {index} has no execution timing: execute the notebook with "
                "nbconvert's --ExecutePreprocessor.record_timing=True (its default)"
            )
        seconds = (_timestamp(timing[_END]) - _timestamp(timing[_START])).total_seconds()
        out.append((index, seconds))
    return out


def median_cells(runs: list[list[tuple[int, float]]]) -> list[tuple[int, float]]:
    """Per-cell median over repeated runs of one notebook, each as :func:`cell_seconds` gives."""
    if not runs:
        raise ValueError("runs must hold at least one run of cell timings")
    indices = [index for index, _ in runs[0]]
    if any([index for index, _ in run] != indices for run in runs):
        raise ValueError("runs must time the same code cells; the notebook changed between runs")
    return [
        (index, statistics.median(run[k][1] for run in runs)) for k, index in enumerate(indices)
    ]


def _cells(notebook) -> list:
    cells = notebook["cells"] if isinstance(notebook, dict) else getattr(notebook, "cells", None)
    if not isinstance(cells, list):
        raise TypeError(f"notebook must be a notebook with a 'cells' list; got {notebook!r:.60}")
    return cells


def setup_cell_index(notebook) -> int:
    """Index of the setup cell: the first code cell calling ``seed_everything``, else the first.

    Raises ValueError for a notebook without code cells.
    """
    code = [(i, c) for i, c in enumerate(_cells(notebook)) if c["cell_type"] == "code"]
    if not code:
        raise ValueError("notebook has no code cell, so no setup cell")
    source = [(i, "".join(c["source"])) for i, c in code]  # a list of lines in raw JSON
    return next((i for i, text in source if _SETUP_CALL in text), code[0][0])


def slowest_after_setup(cells: list[tuple[int, float]], setup: int) -> tuple[int, float]:
    """The slowest ``(cell index, seconds)`` among ``cells`` after index ``setup``.

    ``(-1, 0.0)`` when no code cell follows the setup cell.
    """
    after = [pair for pair in cells if pair[0] > setup]
    if not after:
        return -1, 0.0
    return max(after, key=lambda pair: pair[1])


def slowest_cell(notebook) -> tuple[int, float]:
    """``(cell index, seconds)`` of the slowest code cell after the setup cell.

    A notebook with no code cell after its setup cell gives ``(-1, 0.0)``.
    """
    return slowest_after_setup(cell_seconds(notebook), setup_cell_index(notebook))
