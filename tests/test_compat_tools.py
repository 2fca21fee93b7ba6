"""The tools behind make test-compat: the notebook runner and the README route it reads."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tools import colab_stack, compat, run_notebooks

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
                        lambda uv, w, name, minor: seen.append((name, minor)) or "")
    monkeypatch.setattr(compat, "pip_route_run", lambda minor: seen.append("pip") or "")
    monkeypatch.setattr(compat, "colab_run", lambda uv: seen.append("colab") or "")
    monkeypatch.setattr(compat, "OUT", tmp_path)
    assert compat.main([]) == 0
    assert seen == [("lowest", "3.11"), ("newest", "3.13"), "pip", "colab"]
    seen.clear()
    assert compat.main(["pre"]) == 0  # the canary runs only when asked for
    assert seen == [("pre", "3.13")]
    with pytest.raises(SystemExit):
        compat.main(["oldest"])


def test_the_canary_asks_for_a_release_candidate_only_where_it_is_the_newest():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = [*project["dependencies"], *project["optional-dependencies"]["tensorflow"]]
    wanted = [Requirement(t) for t in texts if t.startswith(("tensorflow", "keras", "numpy"))]
    newest = {"tensorflow-cpu": "2.22.0rc0", "keras": "3.15.1", "numpy": "2.5.0rc1"}
    lines = compat.prerelease_lines(wanted, newest)
    cpu = next(r for r in wanted if r.name == "tensorflow-cpu")
    assert lines == ["numpy>=2.5.0rc1", f"tensorflow-cpu>=2.22.0rc0; {cpu.marker}"]
    assert Requirement(lines[1]).specifier.contains("2.22.0rc0", prereleases=True)
    assert compat.prerelease_lines(wanted, {"keras": "3.15.1"}) == []


def test_colab_list_is_read_with_its_python_and_what_it_lacks():
    python, pins, absent = colab_stack.read_stack()
    assert python == "3.13" and absent == ["jedi"]
    assert pins["ipywidgets"] == "7.7.1" and pins["tensorflow"] == "2.20.0"
    assert "tensorflow-cpu" not in pins
    assert set(colab_stack.course_roots()) <= set(pins)


def test_every_declared_bound_admits_colabs_version():
    # Installing the course on Colab upgrades nothing: each bound holds Colab's own version.
    _, pins, _ = colab_stack.read_stack()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = [r for r in project["optional-dependencies"]["tensorflow"]
             if not r.startswith("tensorflow-cpu")]  # Colab has the full wheel
    for text in [*project["dependencies"], *extra]:
        requirement = Requirement(text)
        version = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version), f"{text} refuses Colab's {version}"


def test_a_colab_list_written_by_hand_is_refused(tmp_path):
    stack = tmp_path / "colab.txt"
    stack.write_text("numpy==2.1.3\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"lacks its '# python' or '# absent' line"):
        colab_stack.read_stack(stack)


def test_colab_pins_skip_what_is_not_name_equals_version():
    freeze = ("jupyter_kernel_gateway @ git+https://github.com/g/kg@b134\nIPython==7.34.0\n"
              "# comment\nml_dtypes==0.6.0\n\n")
    assert colab_stack.colab_pins(freeze) == {"ipython": "7.34.0", "ml-dtypes": "0.6.0"}


def test_colab_notebook_points_the_install_cell_at_the_url_and_counts_live_views(tmp_path):
    source = ROOT / "notebooks" / "02_linear_classifier.ipynb"
    path = compat.colab_notebook(source, tmp_path, "git+file:///repo@v9", "7.7.1")
    notebook = nbformat.read(path, as_version=4)
    cell = compat.install_cell(notebook)
    assert '@ git+file:///repo@v9"' in cell.source and "github.com" not in cell.source
    assert "assert len(views) == 1," in notebook.cells[-1].source
    assert '__version__ == "7.7.1"' in notebook.cells[-1].source
    first = compat.colab_notebook(ROOT / "notebooks" / "00_setup_check.ipynb", tmp_path, "u",
                                  "7.7.1")
    assert "assert len(views) == 0," in nbformat.read(first, as_version=4).cells[-1].source


@pytest.mark.slow
@pytest.mark.parametrize(("shown", "passes"), [(1, True), (2, False)])
def test_live_view_check_passes_a_live_exploration_and_fails_a_wrong_count(tmp_path, shown,
                                                                             passes):
    import ipywidgets

    check = compat.LIVE_VIEW_CHECK.format(count=shown, version=ipywidgets.__version__)
    path = _notebook(tmp_path, "from course_utils import explore",
                     "explore.softmax_losses(true_class=0)", check)
    reason = run_notebooks.run_one(path, timeout=120)
    assert (reason is None) == passes, reason
    if not passes:
        assert "1 explorations shown, expected 2" in reason


def test_the_classic_live_view_without_node_or_chromium_says_what_to_run(monkeypatch):
    monkeypatch.setattr(compat.shutil, "which", lambda name, path=None: None)
    with pytest.raises(SystemExit, match=r"run make check-chromium and make slides first"):
        compat.classic_live_view(Path("python"))
