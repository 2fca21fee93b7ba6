"""benchmarks/cell_timing.py: per-cell wall time from an executed notebook's metadata."""

import json
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import cell_timing  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)


def timed_cell(start: float, end: float):
    """A code cell that ran from ``start`` to ``end`` seconds past 12:00:00."""
    cell = nbformat.v4.new_code_cell("pass")
    stamp = "2026-01-01T12:00:{:09.6f}Z"
    cell.metadata["execution"] = {
        "iopub.status.busy": stamp.format(start),
        "iopub.execute_input": stamp.format(start),
        "shell.execute_reply": stamp.format(end),
        "iopub.status.idle": stamp.format(end),
    }
    return cell


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# title"), *cells]
    return nb


def test_cell_seconds_reads_code_cells_in_order():
    nb = notebook(timed_cell(0, 6.5), nbformat.v4.new_markdown_cell("x"), timed_cell(7, 7.25))
    assert cell_timing.cell_seconds(nb) == [(1, 6.5), (3, 0.25)]
    # json.load gives plain dicts, which work the same
    assert cell_timing.cell_seconds(nbformat.from_dict(dict(nb))) == [(1, 6.5), (3, 0.25)]


def test_slowest_cell_leaves_out_the_setup_cell():
    nb = notebook(timed_cell(0, 9.0), timed_cell(9, 10.0), timed_cell(10, 13.0), timed_cell(13, 14))
    assert cell_timing.setup_cell_index(nb) == 1  # no seed_everything: the first code cell
    assert cell_timing.slowest_cell(nb) == (3, 3.0)


def test_the_setup_cell_is_the_one_that_seeds():
    """As in notebook 00, cells may come before the setup cell; they are left out too."""
    early, setup, late = timed_cell(0, 7.0), timed_cell(7, 15.0), timed_cell(15, 16.5)
    setup.source = "import tensorflow as tf\n\nSEED = seed_everything(42)"
    nb = notebook(early, setup, late)
    assert cell_timing.setup_cell_index(nb) == 2
    assert cell_timing.slowest_cell(nb) == (3, 1.5)
    assert cell_timing.setup_cell_index(nbformat.from_dict(json.loads(nbformat.writes(nb)))) == 2


def test_slowest_cell_of_a_setup_only_notebook():
    assert cell_timing.slowest_cell(notebook(timed_cell(0, 5.0))) == (-1, 0.0)


def test_no_code_cell_no_setup_cell():
    with pytest.raises(ValueError, match="no code cell"):
        cell_timing.setup_cell_index(notebook())


def test_median_cells_per_cell():
    runs = [[(1, 5.0), (2, 1.0)], [(1, 7.0), (2, 3.0)], [(1, 6.0), (2, 8.0)]]
    assert cell_timing.median_cells(runs) == [(1, 6.0), (2, 3.0)]
    assert cell_timing.slowest_after_setup(cell_timing.median_cells(runs), 1) == (2, 3.0)


def test_missing_timing_names_the_cell_and_the_fix():
    nb = notebook(timed_cell(0, 1.0), nbformat.v4.new_code_cell("pass"))
    with pytest.raises(ValueError, match="code cell 2 has no execution timing.*record_timing"):
        cell_timing.cell_seconds(nb)


def test_not_a_notebook():
    with pytest.raises(TypeError, match="notebook must be a notebook with a 'cells' list"):
        cell_timing.cell_seconds([1, 2])


def test_median_cells_rejects_empty_or_mismatched_runs():
    with pytest.raises(ValueError, match="at least one run"):
        cell_timing.median_cells([])
    with pytest.raises(ValueError, match="the same code cells"):
        cell_timing.median_cells([[(1, 1.0)], [(2, 1.0)]])


@pytest.mark.slow
def test_timed_run_of_a_real_notebook(tmp_path):
    """nbclient's own metadata, from a real execution of a two-cell notebook."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                           "language": "python",
                                                           "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("import time\n"
                                                                              "time.sleep(0.3)")]
    NotebookClient(nb, timeout=60, kernel_name="python3", record_timing=True).execute()
    index, seconds = cell_timing.slowest_cell(nb)
    assert index == 1 and 0.3 <= seconds < 5


def test_readme_rows_cover_every_notebook_run():
    import run

    results = {
        "notebook_seconds": {"00_a.ipynb": 10.0, "05_b.ipynb": 26.04},
        "slowest_cell_seconds": {"00_a.ipynb": 1.0, "05_b.ipynb": 4.96},
        "course_seconds": 36.04,
    }
    rows = run.notebook_table_rows(results)
    assert rows[0] == ("| notebook 00 / 05 clean execution (`notebook_seconds`) | 10.0 / 26.0 s "
                       "| ≤ 25 s each — **not met** |")
    assert "| 1.0 / 5.0 s | ≤ 5 s each — met |" in rows[1]
    assert rows[2] == "| all 2 notebooks one after another (`course_seconds`) | 36.0 s | — |"
