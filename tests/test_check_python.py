"""tools/check_python.py: one sentence for a Python the course does not promise."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tools import check_python

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_reads_the_promise_from_pyproject():
    assert check_python.promised_range('requires-python = ">=3.11,<3.14"\n') == (11, 13)


@pytest.mark.parametrize(
    "text, match",
    [
        ('requires-python = ">=3.11"\n', "must say requires-python"),
        ('requires-python = ">=3.13,<3.13"\n', "promises no version"),
    ],
)
def test_rejects_a_promise_it_cannot_read(text, match):
    with pytest.raises(ValueError, match=match):
        check_python.promised_range(text)


@pytest.mark.parametrize("version", [(3, 11, 0), (3, 12, 4), (3, 13, 9)])
def test_promised_versions_pass(version):
    assert check_python.problem(version, "python3", 11, 13) is None


def test_python_3_10_gets_one_sentence_with_the_way_out():
    message = check_python.problem((3, 10, 12), "/usr/bin/python3", 11, 13)
    assert message.count(". ") == 0 and message.endswith(".")
    assert "Python 3.11 to 3.13" in message and "3.10.12" in message
    assert "PYTHON=python3.13" in message and "conda route" in message


def test_too_new_a_python_is_told_which_to_use():
    message = check_python.problem((3, 14, 0), "python3.14", 11, 13)
    assert "3.14.0" in message and "PYTHON=python3.13" in message


def test_a_venv_made_with_the_wrong_python_is_named_with_how_to_remove_it():
    message = check_python.problem((3, 10, 13), "python", 11, 13, venv=".venv")
    assert message.startswith(".venv was made with Python 3.10.13") and "rm -rf .venv" in message


def test_the_script_prints_the_range_and_exits_0_for_this_python():
    script = str(ROOT / "tools" / "check_python.py")
    rng = subprocess.run([sys.executable, script, "--range"], capture_output=True, text=True)
    assert rng.returncode == 0
    ok = subprocess.run([sys.executable, script], capture_output=True, text=True)
    assert (ok.returncode, ok.stderr) == (0, "")
    bad = subprocess.run([sys.executable, script, "--nonsense"], capture_output=True, text=True)
    assert bad.returncode == 2 and "usage" in bad.stderr


def test_every_file_makes_the_same_python_promise():
    low, high = check_python.promised_range(PYPROJECT)
    project = tomllib.loads(PYPROJECT)
    assert project["tool"]["ruff"]["target-version"] == f"py3{low}"
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert f"python>=3.{low},<3.{high + 1}" in env["dependencies"]
    assert f"--python-version 3.{low}" in (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python 3.{low}–3.{high}" in readme, "README.md must promise the same versions"
