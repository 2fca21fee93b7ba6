from __future__ import annotations

from course_utils import setup
from course_utils.setup import Check, check_environment, format_report, seed_everything

import numpy as np
import pytest


def test_seed_everything_makes_keras_reproducible():
    import keras

    seed_everything(7)
    first = keras.random.normal((3,)).numpy()
    np_first = np.random.rand(2)  # noqa: NPY002 (the legacy global state is what we seed)
    seed_everything(7)
    np.testing.assert_array_equal(first, keras.random.normal((3,)).numpy())
    np.testing.assert_array_equal(np_first, np.random.rand(2))  # noqa: NPY002


@pytest.mark.parametrize(
    ("bad", "error"),
    [(-1, ValueError), (1.5, TypeError), ("42", TypeError), (True, TypeError), (None, TypeError)],
)
def test_seed_everything_rejects_bad_seeds(bad, error):
    with pytest.raises(error, match=f"seed must be an int >= 0; got {bad!r}"):
        seed_everything(bad)


def test_check_environment_reports_every_runtime_dependency():
    checks = check_environment()
    names = [c.name for c in checks]
    assert names[0] == "python" and names[-1] == "graphviz dot program"
    for expected in ("tensorflow", "keras", "numpy", "matplotlib", "sklearn", "graphviz"):
        assert expected in names
    assert all(c.ok for c in checks), format_report(checks)


def test_check_environment_names_the_fix_when_dot_is_missing(monkeypatch):
    monkeypatch.setattr(setup.shutil, "which", lambda name: None)
    dot = check_environment()[-1]
    assert not dot.ok and dot.found is None
    assert "apt-get install graphviz" in dot.fix
    report = format_report([dot])
    assert "PROBLEM" in report and "To fix graphviz dot program: install Graphviz" in report


def test_check_environment_flags_a_version_below_the_minimum(monkeypatch):
    real = setup._version_of
    monkeypatch.setattr(
        setup, "_version_of", lambda name: "2.0.0" if name == "keras" else real(name)
    )
    keras_check = next(c for c in check_environment() if c.name == "keras")
    assert not keras_check.ok
    bound = dict(setup._requirements(setup.DIST_NAME))["keras"]  # pyproject.toml's, installed
    assert keras_check.fix.startswith(f"pip install 'keras{bound}'")


def test_check_environment_explains_a_missing_course_package():
    with pytest.raises(RuntimeError, match="is not installed .* run 'make setup'"):
        check_environment("no-such-course-package")


@pytest.mark.parametrize("bad", ["", None, 3])
def test_check_environment_rejects_bad_dist(bad):
    with pytest.raises(ValueError, match="dist must be a non-empty distribution name"):
        check_environment(bad)


def test_format_report_validates_its_argument():
    with pytest.raises(TypeError, match="checks must be a list of Check objects"):
        format_report(["numpy"])
    with pytest.raises(ValueError, match="checks must not be empty"):
        format_report([])


def test_format_report_says_all_is_well():
    report = format_report([Check("numpy", "2.4.6", ">=2.0", True)])
    assert report.splitlines()[1].split() == ["numpy", "2.4.6", ">=2.0", "ok"]
    assert report.endswith("Everything the course needs is installed.")


def test_dot_version_is_read_from_dot(monkeypatch):
    assert setup._dot_version("dot") is not None
    assert setup._dot_version("/nonexistent/dot") is None


def _pretend_installed(monkeypatch, versions):
    real = setup._version_of
    monkeypatch.setattr(
        setup, "_version_of", lambda name: versions[name] if name in versions else real(name)
    )


def _tensorflow_line(checks):
    return next(c for c in checks if c.name == "tensorflow")


def test_a_hosted_full_tensorflow_is_reported_in_plain_words(monkeypatch):
    # Colab, Kaggle and most JupyterHubs ship the full tensorflow wheel, not tensorflow-cpu.
    _pretend_installed(monkeypatch, {"tensorflow-cpu": None, "tensorflow": "2.19.0"})
    checks = check_environment()
    line = _tensorflow_line(checks)
    assert line.ok and line.found == "2.19.0"
    report = format_report(checks)
    assert "Note on tensorflow: TensorFlow comes from the 'tensorflow' wheel, as on Colab" in report
    assert report.endswith("Everything the course needs is installed.")


def test_a_missing_tensorflow_names_the_extra(monkeypatch):
    _pretend_installed(monkeypatch, {"tensorflow-cpu": None, "tensorflow": None})
    line = _tensorflow_line(check_environment())
    assert not line.ok and line.found is None
    assert line.fix.startswith("pip install 'mlp-course[tensorflow]'")


def test_two_tensorflows_are_flagged(monkeypatch):
    _pretend_installed(monkeypatch, {"tensorflow-cpu": "2.21.0", "tensorflow": "2.19.0"})
    line = _tensorflow_line(check_environment())
    assert "both tensorflow-cpu and tensorflow are installed" in line.note


def test_an_old_host_tensorflow_gets_an_upgrade_command(monkeypatch):
    _pretend_installed(monkeypatch, {"tensorflow-cpu": None, "tensorflow": "2.15.1"})
    line = _tensorflow_line(check_environment())
    assert not line.ok
    wanted = dict(setup._requirements(setup.DIST_NAME, setup.TF_EXTRA))
    bound = wanted.get("tensorflow-cpu", wanted.get("tensorflow"))
    assert line.fix == f"pip install --upgrade 'tensorflow{bound}'"


def test_inline_figures_are_drawn_at_twice_their_pixels_in_a_kernel(monkeypatch):
    import IPython

    calls = []

    class Shell:
        config = {"IPKernelApp": {}}

        def run_line_magic(self, name, line):
            calls.append((name, line))

    monkeypatch.setattr(IPython, "get_ipython", lambda: Shell())
    setup._retina_figures()
    assert calls == [("config", "InlineBackend.figure_formats = ['retina']")]
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    setup._retina_figures()  # a plain Python process: nothing to configure
    assert len(calls) == 1


@pytest.mark.parametrize(("version", "noted"), [("7.7.1", True), ("8.1.9", False), ("10.0", False)])
def test_ipywidgets_7_is_fine_but_its_limit_in_jupyterlab_is_said(monkeypatch, version, noted):
    _pretend_installed(monkeypatch, {"ipywidgets": version})
    line = next(c for c in check_environment() if c.name == "ipywidgets")
    assert line.ok and line.found == version
    report = format_report(check_environment())
    assert ("Note on ipywidgets: ipywidgets 7 shows the sliders on Colab" in report) == noted
    if noted:
        assert "pip install --upgrade 'ipywidgets>=8'" in line.note
    assert report.endswith("Everything the course needs is installed.")
