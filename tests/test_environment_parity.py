"""environment.yml (conda) must offer every dependency that pyproject.toml declares."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
# PyPI name -> conda-forge name, where they differ.
CONDA_NAMES = {"graphviz": "python-graphviz"}


def _pyproject_requirements(group: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (
        project["dependencies"] if group == "runtime" else project["optional-dependencies"][group]
    )
    return [Requirement(line) for line in lines]


def _environment() -> tuple[dict[str, str], dict[str, Requirement]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env.get("channels", [None])[0] == "conda-forge", "environment.yml must use conda-forge"
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for line in dep.get("pip", []):
                if not line.startswith("-"):
                    req = Requirement(line)
                    pip[req.name] = req
            continue
        name = dep.split("=")[0].split(">")[0].split("<")[0].strip()
        conda[name] = dep[len(name) :].strip()
    return conda, pip


def _groups() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return ["runtime", *project["optional-dependencies"]]


@pytest.mark.parametrize("group", _groups())
def test_every_pyproject_dependency_is_in_environment_yml(group):
    conda, pip = _environment()
    missing, wrong_bound = [], []
    for req in _pyproject_requirements(group):
        if req.name in pip:
            if (
                str(pip[req.name].specifier) != str(req.specifier)
                or pip[req.name].marker != req.marker
            ):
                wrong_bound.append(f"{req} (environment.yml pip: {pip[req.name]})")
            continue
        conda_name = CONDA_NAMES.get(req.name, req.name)
        if conda_name not in conda:
            missing.append(f"{req.name} (conda name {conda_name})")
        elif (
            conda[conda_name].replace(" ", "").split("#")[0] != str(req.specifier).replace(" ", "")
            and str(req.specifier) not in conda[conda_name]
        ):
            wrong_bound.append(f"{req} (environment.yml: {conda_name}{conda[conda_name]})")
    assert not missing, (
        f"pyproject.toml {group} dependencies missing from environment.yml: {missing}"
    )
    assert not wrong_bound, (
        f"lower bounds differ between pyproject.toml and environment.yml: {wrong_bound}"
    )


def test_environment_yml_installs_the_project_editable():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_lines = next(dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict))
    assert "-e ." in pip_lines


def test_lock_file_pins_every_dependency():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {line.split("==")[0].strip().lower() for line in lock.splitlines() if "==" in line}
    for group in _groups():
        for req in _pyproject_requirements(group):
            assert req.name.lower() in pinned, (
                f"{req.name} is not pinned in requirements.lock; run make lock"
            )
