"""The tools behind make test-compat: the notebook runner and the README route it reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools import compat, run_notebooks

ROOT = Path(__file__).resolve().parent.parent


def test_the_pip_route_is_read_from_the_readme_as_written():
    commands = compat.readme_pip_commands()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert commands[0] == "python -m venv .venv"
    assert any(" lab " in f"{c} " for c in commands), "the route must end by opening JupyterLab"
    assert "\n".join(commands) in readme


def test_a_missing_python_gets_one_sentence():
    with pytest.raises(SystemExit, match=r"Python 3\.99 is not installed: install it"):
        compat.find_python("3.99")


def _notebook(folder: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_runner_passes_a_notebook_and_names_the_cell_of_a_failed_assert(tmp_path):
    good = _notebook(tmp_path, "x = 1", "assert x == 1")
    assert run_notebooks.run_one(good, timeout=60) is None
    bad = _notebook(tmp_path, "x = 1", "print('fine')", "assert x == 2, 'x should be 2'")
    reason = run_notebooks.run_one(bad, timeout=60, keep=True)
    assert reason.startswith("cell 2: ") and "x should be 2" in reason
    kept = nbformat.read(bad, as_version=4)
    assert kept.cells[1].outputs[0]["text"] == "fine\n"


@pytest.mark.slow
def test_runner_exit_status_and_summary(tmp_path):
    _notebook(tmp_path, "1 / 0")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "run_notebooks.py"),
                           "--copy-to", str(tmp_path / "copies"), str(tmp_path / "tiny.ipynb")],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "FAILED  tiny.ipynb" in done.stdout and "ZeroDivisionError" in done.stdout
    assert done.stdout.rstrip().endswith("0 of 1 notebooks ran top to bottom")


def test_no_argument_means_every_run(monkeypatch, tmp_path):
    # make test-compat passes no argument: argparse must not refuse its own default.
    seen = []
    monkeypatch.setattr(compat.shutil, "which", lambda name, path=None: "/usr/bin/uv")
    monkeypatch.setattr(compat, "build_wheel", lambda uv: Path("x.whl"))
    monkeypatch.setattr(compat, "promised", lambda: ("3.11", "3.13"))
    monkeypatch.setattr(compat, "resolved_run",
                        lambda uv, w, name, minor, lowest: seen.append(name) or "")
    monkeypatch.setattr(compat, "pip_route_run", lambda minor: seen.append("pip") or "")
    monkeypatch.setattr(compat, "hosted_run", lambda uv, w: seen.append("hosted") or "")
    monkeypatch.setattr(compat, "OUT", tmp_path)
    assert compat.main([]) == 0
    assert seen == ["lowest", "newest", "pip", "hosted"]
    with pytest.raises(SystemExit):
        compat.main(["oldest"])
