"""The launch links and the hosted install cell follow the one repository URL in pyproject.toml."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools import compat, launch

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


def _run_install_cell(present: set[str], returncode: int = 0,
                      versions: tuple[dict, dict] = ({}, {})) -> tuple[list, str]:
    """Run the install cell with fakes: the modules ``present``, pip's ``returncode``, and the
    distributions' ``versions`` before and after pip. Return pip's calls and what was printed."""
    calls = []
    snapshots = iter(versions)

    def fake_run(args, capture_output, text):
        assert capture_output and text
        calls.append(args)
        return SimpleNamespace(returncode=returncode, stdout="", stderr="pip's own report")

    def distributions():
        return [SimpleNamespace(name=n, version=v) for n, v in next(snapshots).items()]

    fake_importlib = SimpleNamespace(
        util=SimpleNamespace(find_spec=lambda name: object() if name in present else None),
        metadata=SimpleNamespace(distributions=distributions), invalidate_caches=lambda: None)
    source = launch.install_cell().source
    imports = "import importlib.metadata\nimport importlib.util\nimport subprocess\nimport sys\n"
    assert imports in source
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        exec(source.replace(imports, ""), {"importlib": fake_importlib,  # noqa: S102
                                           "subprocess": SimpleNamespace(run=fake_run),
                                           "sys": sys})
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


def test_install_cell_says_in_one_sentence_what_pip_changed_and_to_restart():
    before = {"ipywidgets": "7.7.1", "numpy": "2.1.3"}
    after = {"ipywidgets": "8.1.9", "numpy": "2.1.3", "mlp-course": "0.2.0"}
    _, printed = _run_install_cell({"tensorflow"}, versions=(before, after))
    assert printed.count("\n") == 1 and printed.count(". ") == 0
    assert printed.startswith("Installing the course changed ipywidgets 7.7.1 to 8.1.9: restart")
    assert "Runtime > Restart session" in printed and "numpy" not in printed


def test_install_cell_turns_a_failed_pip_into_one_sentence():
    with pytest.raises(ModuleNotFoundError) as failed:
        _run_install_cell({"tensorflow"}, returncode=1)
    message = str(failed.value)
    assert message.startswith("The course is not installed here and pip could not install it")
    assert "pip install 'mlp-course @ git+https://github.com/" in message
    assert "pip's own report" not in message and message.endswith("restart the kernel.")


@pytest.mark.slow
def test_install_cell_offline_fails_in_one_sentence_with_the_real_pip(tmp_path):
    # The real cell and the real pip, with course_utils hidden and every connection refused.
    hide = ("import importlib.util\n_find = importlib.util.find_spec\n"
            "importlib.util.find_spec = "
            "lambda n, *a: None if n == 'course_utils' else _find(n, *a)\n")
    script = tmp_path / "cell.py"
    script.write_text(hide + launch.install_cell().source, encoding="utf-8")
    env = {**os.environ, **dict.fromkeys(compat.PROXY_VARIABLES, compat.DEAD_PROXY)}
    done = subprocess.run([sys.executable, script], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError: The course is not installed here and pip could")
    assert "subprocess-exited-with-error" not in done.stderr, "pip's own report leaked out"


def test_install_cell_really_runs_silently_in_this_environment():
    # The real cell, unmodified, in the environment the notebooks run in.
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        exec(launch.install_cell().source, {})  # noqa: S102
    assert out.getvalue() == ""
