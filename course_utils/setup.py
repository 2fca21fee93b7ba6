"""Notebook set-up: reproducible seeding, and the environment check of notebook 00."""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib import metadata

from ._checks import check_int

__all__ = ["Check", "check_environment", "format_report", "seed_everything"]

DIST_NAME = "mlp-course"
# The extra that brings TensorFlow to a fresh environment. A host that has TensorFlow already
# (Colab, Kaggle, a JupyterHub image) installs the course without it.
TF_EXTRA = "tensorflow"
# Either wheel provides `import tensorflow`; the report checks whichever is installed.
_TF_DISTS = ("tensorflow-cpu", "tensorflow")
# Import names differ from distribution names for a few packages; what a student types to
# check a version by hand is the import name, so the report shows that.
_IMPORT_NAMES = {"scikit-learn": "sklearn", "tensorflow-cpu": "tensorflow"}


def seed_everything(seed: int = 42) -> int:
    """Seed Python, NumPy and the Keras backend, and make TensorFlow ops deterministic.

    On a CPU this makes training runs reproduce exactly, which is what lets nbval compare
    the numbers a notebook prints.

    Parameters
    ----------
    seed : int, default 42
        A non-negative seed.

    Returns
    -------
    int
        The seed, so a notebook can show it.
    """
    seed = check_int(seed, "seed", low=0)
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    _reset_keras_seed_generator()
    tf.config.experimental.enable_op_determinism()
    _retina_figures()
    return seed


def _retina_figures() -> None:
    """In a notebook, draw inline figures at twice their pixels, at the same displayed size.

    Sharp on a projector or a high-DPI screen. Outside an IPython kernel, nothing to do.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every Jupyter kernel
        return
    shell = get_ipython()
    if shell is not None and "IPKernelApp" in shell.config:
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['retina']")


def _reset_keras_seed_generator() -> None:
    """Make unseeded Keras draws start over, as ``set_random_seed`` itself does from Keras 3.13.

    Older Keras keeps its global ``SeedGenerator`` across ``set_random_seed`` calls, so
    re-running a notebook's setup cell in the same kernel would not repeat the numbers.
    """
    try:
        from keras.src.backend.common import global_state
    except ImportError:  # a Keras that moved it; from 3.13 set_random_seed resets it anyway
        return
    global_state.set_global_attribute("global_seed_generator", None)


@dataclass(frozen=True)
class Check:
    """One line of the environment report: what was found and what to do if it is wrong.

    ``note`` is a plain-words remark for a line that is fine but worth knowing about (a
    hosted service's own TensorFlow, say); it is printed under the table.
    """

    name: str
    found: str | None
    required: str
    ok: bool
    fix: str = ""
    note: str = ""


def _requirements(dist: str, extra: str = "") -> list[tuple[str, str]]:
    """(name, specifier) pairs of the course's dependencies (or one extra's) that apply here.

    Read from the installed project's metadata so that pyproject.toml stays the one place
    where minimum versions are written down.
    """
    from packaging.requirements import Requirement

    try:
        raw = metadata.requires(dist) or []
    except metadata.PackageNotFoundError as exc:
        raise RuntimeError(
            f"The course package '{dist}' is not installed in this Python "
            f"({platform.python_version()}); "
            "run 'make setup' (or 'pip install -e .') from the course folder."
        ) from exc
    out = []
    for line in raw:
        req = Requirement(line)
        in_extra = req.marker is not None and "extra" in str(req.marker)
        if in_extra != bool(extra):
            continue
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        out.append((req.name, str(req.specifier)))
    return out


def _tensorflow_check(dist: str) -> list[Check]:
    """One line for TensorFlow, whichever wheel provides it, and for the tensorboard it needs."""
    from packaging.specifiers import SpecifierSet

    wanted = dict(_requirements(dist, TF_EXTRA))
    expected = next((name for name in _TF_DISTS if name in wanted), None)
    if expected is None:  # an extra without TensorFlow: nothing to check
        return []
    spec = wanted[expected]
    installed = [(name, _version_of(name)) for name in _TF_DISTS if _version_of(name)]
    checks = []
    if not installed:
        checks.append(Check("tensorflow", None, spec, False,
                            f"pip install '{DIST_NAME}[{TF_EXTRA}]' (or run 'make setup' again)"))
    else:
        name, found = installed[0]
        ok = SpecifierSet(spec).contains(found, prereleases=True)
        note = ""
        if name != expected or len(installed) > 1:
            note = (
                f"TensorFlow comes from the '{name}' wheel, as on Colab, Kaggle and most "
                "JupyterHubs: the course runs on it, though the last digits it prints may "
                "differ from the stored outputs"
            )
            if len(installed) > 1:
                note += (f"; both {' and '.join(n for n, _ in installed)} are installed, so "
                         f"uninstall the one you did not mean to have")
        fix = "" if ok else f"pip install --upgrade '{name}{spec}'"
        checks.append(Check("tensorflow", found, spec, ok, fix, note))
    for other, other_spec in wanted.items():
        if other not in _TF_DISTS:
            found = _version_of(other)
            ok = found is not None and SpecifierSet(other_spec).contains(found, prereleases=True)
            checks.append(Check(other, found, other_spec, ok,
                                "" if ok else f"pip install '{other}{other_spec}'"))
    return checks


def _version_of(dist_name: str) -> str | None:
    try:
        return metadata.version(dist_name)
    except metadata.PackageNotFoundError:
        return None


#: Measured: JupyterLab 4's widget manager (jupyterlab_widgets 3) refuses an ipywidgets 7
#: kernel's models ("@jupyter-widgets/base ^1.2.0 is not registered"); Colab's front end and the
#: classic Notebook 6 draw them (tools/compat.py, the colab run, drags a slider in the latter).
_IPYWIDGETS_7 = (
    "ipywidgets 7 shows the sliders on Colab and in the classic Notebook, but JupyterLab 4 "
    "shows only ipywidgets 8's: in JupyterLab, run pip install --upgrade 'ipywidgets>=8' and "
    "restart JupyterLab"
)


def check_environment(dist: str = DIST_NAME) -> list[Check]:
    """Check Python, every runtime dependency and Graphviz's ``dot`` against the course's needs.

    Parameters
    ----------
    dist : str, default DIST_NAME
        The installed distribution whose requirements are checked (the course's own).
    """
    if not isinstance(dist, str) or not dist:
        raise ValueError(f"dist must be a non-empty distribution name; got {dist!r}")
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    py_required = metadata.metadata(dist).get("Requires-Python", "") if _version_of(dist) else ""
    py_found = platform.python_version()
    py_ok = py_found in SpecifierSet(py_required) if py_required else True
    checks = [
        Check(
            "python",
            py_found,
            py_required,
            py_ok,
            "" if py_ok else f"use a Python {py_required} and recreate the environment",
        )
    ]
    checks.extend(_tensorflow_check(dist))
    for name, spec in _requirements(dist):
        found = _version_of(name)
        ok = found is not None and SpecifierSet(spec).contains(found, prereleases=True)
        fix = "" if ok else f"pip install '{name}{spec}' (or run 'make setup' again)"
        old_widgets = name == "ipywidgets" and ok and Version(found).major < 8
        checks.append(Check(_IMPORT_NAMES.get(name, name), found, spec, ok, fix,
                            _IPYWIDGETS_7 if old_widgets else ""))
    dot = shutil.which("dot")
    dot_version = _dot_version(dot) if dot else None
    checks.append(
        Check(
            "graphviz dot program",
            dot_version,
            "any",
            dot is not None,
            ""
            if dot
            else "install Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), "
            "'brew install graphviz' (macOS) or 'conda install -c conda-forge graphviz'",
        )
    )
    return checks


def format_report(checks: list[Check]) -> str:
    """A fixed-width table of the checks, then one line per problem saying how to fix it.

    Parameters
    ----------
    checks : list of Check
        What :func:`check_environment` returns.
    """
    if not isinstance(checks, list | tuple) or not all(isinstance(c, Check) for c in checks):
        raise TypeError("checks must be a list of Check objects from check_environment()")
    if not checks:
        raise ValueError("checks must not be empty")
    width = max(len(c.name) for c in checks)
    lines = [f"{'component':<{width}}  {'found':<10}  {'needed':<13}  status"]
    for c in checks:
        status = "ok" if c.ok else "PROBLEM"
        lines.append(f"{c.name:<{width}}  {c.found or 'missing':<10}  {c.required:<13}  {status}")
    problems = [c for c in checks if not c.ok]
    lines.append("")
    lines.extend(f"Note on {c.name}: {c.note}." for c in checks if c.note)
    if problems:
        lines.extend(f"To fix {c.name}: {c.fix}." for c in problems)
    else:
        lines.append("Everything the course needs is installed.")
    return "\n".join(lines)


def _dot_version(dot: str) -> str | None:
    # `dot -V` prints e.g. "dot - graphviz version 2.43.0 (0)" on stderr.
    try:
        done = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"version\s+(\d+(?:\.\d+)+)", done.stderr + done.stdout)
    return match.group(1) if match else None
