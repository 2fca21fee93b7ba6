"""The repo2docker configuration (Binder, BinderHub, a class JupyterHub's image) matches the course.

What repo2docker makes of it was checked with ``jupyter-repo2docker --no-build --debug .``
(CONTRIBUTING.md says how); building the image needs a Docker engine, which these tests do not.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / ".binder"


def test_binder_python_is_the_lowest_promised_one():
    low, _ = subprocess.run([sys.executable, str(ROOT / "tools" / "check_python.py"), "--range"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert (BINDER / "runtime.txt").read_text(encoding="utf-8").strip() == f"python-{low}"


def test_binder_installs_graphviz_from_apt():
    packages = [line.strip() for line in (BINDER / "apt.txt").read_text(encoding="utf-8")
                .splitlines() if line.strip() and not line.startswith("#")]
    assert packages == ["graphviz"]


def test_post_build_installs_the_lock_then_the_course_and_is_executable():
    script = BINDER / "postBuild"
    assert os.access(script, os.X_OK), "chmod +x .binder/postBuild"
    commands = [line for line in script.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    assert commands[0] == "set -euo pipefail"
    assert commands[1:] == [
        "python -m pip install --no-cache-dir -r requirements.lock",
        "python -m pip install --no-cache-dir --no-deps .",
    ]


def test_no_root_level_file_competes_with_the_binder_folder():
    # repo2docker reads .binder/ and ignores the root; a root requirements.txt or apt.txt
    # would suggest otherwise to a reader.
    for name in ("requirements.txt", "apt.txt", "postBuild", "runtime.txt"):
        assert not (ROOT / name).exists(), f"{name} belongs in .binder/"
