"""The launch links and the hosted install cell follow the one repository URL in pyproject.toml."""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools import launch

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_everything_is_in_step_with_the_url_and_version():
    assert launch.stale() == [], "run: python tools/launch.py --write, then make execute"


def test_site_launch_buttons_use_the_same_repository():
    conf = {}
    exec((ROOT / "site" / "conf.py").read_text(encoding="utf-8"),  # noqa: S102
         {"__file__": str(ROOT / "site" / "conf.py"), "__name__": "conf"}, conf)
    owner, name, tag = launch.project()
    options = conf["html_theme_options"]
    assert options["repository_url"] == f"https://github.com/{owner}/{name}"
    assert options["repository_branch"] == tag
    assert set(options["launch_buttons"]) >= {"binderhub_url", "colab_url"}


def test_a_new_url_rewrites_every_notebook_and_the_readme(tmp_path):
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copy(ROOT / "README.md", tmp_path)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    old = tomllib.loads(text)["project"]["urls"]["Repository"]
    (tmp_path / "pyproject.toml").write_text(
        text.replace(old, "https://github.com/some-school/mlp"), encoding="utf-8")
    changed = launch.stale(tmp_path, write=True)
    assert len(changed) == len(NOTEBOOKS) + 1
    assert launch.stale(tmp_path) == []
    body = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "colab.research.google.com/github/some-school/mlp/blob/v" in body
    nb = (tmp_path / "notebooks" / NOTEBOOKS[-1].name).read_text(encoding="utf-8")
    assert "git+https://github.com/some-school/mlp@v" in nb


@pytest.mark.parametrize("url", ["", "https://gitlab.com/a/b", "github.com/a/b"])
def test_a_repository_url_that_is_not_github_is_refused(tmp_path, url):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    old = tomllib.loads(text)["project"]["urls"]["Repository"]
    (tmp_path / "pyproject.toml").write_text(text.replace(old, url), encoding="utf-8")
    with pytest.raises(ValueError, match=r"Repository must be a GitHub address"):
        launch.project(tmp_path)


def _run_install_cell(present: set[str]) -> tuple[list, str]:
    """Run the install cell with the given modules importable; return pip calls and output."""
    calls = []
    fake_util = SimpleNamespace(find_spec=lambda name: object() if name in present else None)
    fake_subprocess = SimpleNamespace(run=lambda args, check: calls.append(args))
    source = launch.install_cell().source
    source = source.replace("import importlib.util\nimport subprocess\n", "")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        fake_importlib = SimpleNamespace(util=fake_util, invalidate_caches=lambda: None)
    exec(source, {"importlib": fake_importlib,  # noqa: S102
                      "subprocess": fake_subprocess, "sys": sys})
    return calls, out.getvalue()


def test_install_cell_is_silent_where_the_course_is_installed():
    assert _run_install_cell({"course_utils", "tensorflow"}) == ([], "")


def test_install_cell_installs_the_matching_version_without_a_second_tensorflow():
    owner, name, tag = launch.project()
    calls, printed = _run_install_cell({"tensorflow"})
    assert printed == ""
    assert calls == [[sys.executable, "-m", "pip", "install", "-q",
                      f"mlp-course @ git+https://github.com/{owner}/{name}@{tag}"]]


def test_install_cell_brings_tensorflow_to_a_host_without_one():
    calls, _ = _run_install_cell(set())
    assert calls[0][-1].startswith("mlp-course[tensorflow] @ git+https://github.com/")


def test_install_cell_really_runs_silently_in_this_environment():
    # The real cell, unmodified, in the environment the notebooks run in.
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        exec(launch.install_cell().source, {})  # noqa: S102
    assert out.getvalue() == ""
