"""tools/new_exercise.py, on a temporary copy of a course notebook and its two modules."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from tools.exercise_format import validate
from tools.new_exercise import main

ROOT = Path(__file__).resolve().parent.parent
NB05 = ROOT / "notebooks/05_how_an_mlp_learns.ipynb"
# The scaffold's next id for notebook 05, from the exercises the notebook has today.
NEXT = f"05.{len(validate(NB05.name, nbformat.read(NB05, as_version=4).cells)) + 1}"
BEYOND = f"05.{int(NEXT[3:]) + 2}"


@pytest.fixture
def copy(tmp_path):
    """A repository holding notebook 05, its checks and their tests."""
    for part in ["notebooks/05_how_an_mlp_learns.ipynb", "course_utils/exercises/nb05.py",
                 "tests/test_exercises_nb05.py"]:
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / part, tmp_path / part)
    return tmp_path


def test_the_scaffold_appends_three_valid_cells_and_two_stubs(copy, capsys):
    notebook = copy / "notebooks/05_how_an_mlp_learns.ipynb"
    before = nbformat.read(notebook, as_version=4)
    assert main([NEXT, "--root", str(copy)]) == 0
    assert capsys.readouterr().out.count("wrote ") == 3
    after = nbformat.read(notebook, as_version=4)
    assert after.cells[:-3] == before.cells
    found = validate(notebook.name, after.cells, outputs=False)
    assert (found[NEXT].answer, found[NEXT].solution) == (len(after.cells) - 2,
                                                          len(after.cells) - 1)
    for module in ["course_utils/exercises/nb05.py", "tests/test_exercises_nb05.py"]:
        source = (copy / module).read_text(encoding="utf-8")
        compile(source, module, "exec")
        assert source.startswith((ROOT / module).read_text(encoding="utf-8")) and NEXT in source


def test_a_new_notebooks_stubs_get_a_header(copy):
    (copy / "notebooks/05_how_an_mlp_learns.ipynb").rename(copy / "notebooks/07_new.ipynb")
    assert main(["07.1", "--root", str(copy)]) == 1  # it has exercises already
    nb = nbformat.read(copy / "notebooks/07_new.ipynb", as_version=4)
    nb.cells = nb.cells[:2]
    nbformat.write(nb, copy / "notebooks/07_new.ipynb")
    assert main(["07.1", "--root", str(copy)]) == 0
    check = (copy / "course_utils/exercises/nb07.py").read_text(encoding="utf-8")
    assert check.startswith('"""Checks of notebook 07') and '@exercise("07.1")' in check
    compile(check, "nb07.py", "exec")


@pytest.mark.parametrize(
    ("exercise_id", "match"),
    [("5.5", "ID must look like 05.5; got '5.5'"),
     (BEYOND, f"05_how_an_mlp_learns.ipynb's next exercise is {NEXT}"),
     ("08.1", "expected one notebook notebooks/08_*.ipynb, found 0")],
)
def test_a_wrong_id_is_refused_in_one_line(copy, capsys, exercise_id, match):
    assert main([exercise_id, "--root", str(copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("make new-exercise: ") and err.count("\n") == 1
    assert match in err
