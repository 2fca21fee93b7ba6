"""course_utils itself: its version, the TensorFlow environment it sets, the nbval patch."""

from __future__ import annotations

import course_utils

import importlib
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_version_comes_from_the_installed_metadata():
    assert course_utils.__version__ == metadata.version("mlp-course")


def test_version_of_an_uninstalled_checkout(monkeypatch):
    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    try:
        assert importlib.reload(course_utils).__version__ == "0+unknown"
    finally:
        monkeypatch.undo()
        importlib.reload(course_utils)


def test_tensorflow_environment_is_set_on_import_and_explicit_values_win():
    code = "import os, course_utils; print(os.environ['TF_CPP_MIN_LOG_LEVEL'], course_utils.TF_ENV)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split()[0] == "3"
    env["TF_CPP_MIN_LOG_LEVEL"] = "1"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split()[0] == "1"


def _root_conftest():
    """The repository's conftest.py, as pytest loaded it (not executed again)."""
    path = str(ROOT / "conftest.py")
    return next(m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == path)


def test_nbval_patch_is_installed_for_the_tested_nbval():
    pytest.importorskip("nbval")
    from nbval.kernel import RunningKernel

    patch = RunningKernel.execute_cell_input
    assert patch.__module__ == _root_conftest().__name__
    assert patch.__name__ == "_execute_with_history"


@pytest.mark.parametrize(
    ("version", "method", "match"),
    [
        ("0.12.0", lambda self, cell_input, allow_stdin=None: None, r"found nbval 0\.12\.0"),
        ("0.10.0", lambda self, cell_input, allow_stdin=None: None, r"found nbval 0\.10\.0"),
        ("0.11.0", lambda self, source, stdin=None, timeout=None: None, r"'source', 'stdin'"),
    ],
)
def test_nbval_patch_refuses_an_nbval_it_was_not_written_for(version, method, match):
    pytest.importorskip("nbval")
    conftest = _root_conftest()
    with pytest.raises(RuntimeError, match=match):
        conftest._check_nbval_contract(version, method)
