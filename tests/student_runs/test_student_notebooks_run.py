"""The student edition of every course notebook runs top to bottom in a fresh kernel.

With the solutions gone, every check must print "not attempted" and nothing may fail: later
cells must not depend on an exercise's answer. make test-notebooks runs these beside strict
nbval (they execute whole notebooks, so the unit-test run leaves them out); COURSE_NOTEBOOKS
narrows them to the notebooks that make's NB names.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools.student_edition import CHECK, student_edition

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(
    ROOT / p for p in os.environ.get("COURSE_NOTEBOOKS", "").split()
) or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
VERDICT = re.compile(r"^Exercise (\d\d\.\d+): (.*)$", re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_student_edition_runs_and_every_check_says_not_attempted(path, tmp_path):
    edition = student_edition(nbformat.read(path, as_version=4), name=path.name)
    asked = [
        i for cell in edition.cells if cell.cell_type == "code" for i in CHECK.findall(cell.source)
    ]
    # Run where make student writes it: beside nothing but itself, so a notebook that reads a
    # file relative to notebooks/ fails here as it would for a student.
    client = NotebookClient(edition, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    printed = "".join(
        out.get("text", "") for cell in edition.cells if cell.cell_type == "code"
        for out in cell.outputs
    )
    verdicts = VERDICT.findall(printed)
    assert [v[0] for v in verdicts] == asked, (
        f"{path.name}: the checks printed {verdicts}, expected one line for each of {asked}"
    )
    for exercise_id, verdict in verdicts:
        assert verdict.startswith("not attempted yet."), (
            f"{path.name}: in the student edition, exercise {exercise_id} printed {verdict!r}, "
            "not 'not attempted'"
        )
