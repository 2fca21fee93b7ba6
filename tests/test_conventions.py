"""Every public function of course_utils documents each of its parameters, numpydoc style.

ruff checks the rest of the docstrings (pydocstyle, numpy convention) and the size of functions
(C901, PLR0912, PLR0915), and pytest runs the docstring examples (--doctest-modules); neither
knows whether a Parameters section names every parameter.
"""

from __future__ import annotations

import course_utils

import importlib
import inspect
import pkgutil
import re

import pytest

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(course_utils.__path__, "course_utils.")
    if not any(part.startswith("_") for part in name.split("."))
)
FUNCTIONS = [
    (module, name)
    for module in MODULES
    for name, obj in vars(importlib.import_module(module)).items()
    if name in getattr(importlib.import_module(module), "__all__", ())
    and inspect.isfunction(obj) and obj.__module__ == module
]


def _documented(doc: str) -> set[str]:
    """The names the Parameters section of numpydoc docstring ``doc`` describes."""
    section = re.search(r"^Parameters\n-+\n(.*?)(?:^\S[^\n]*\n-+\n|\Z)", doc, re.M | re.S)
    if not section:
        return set()
    heads = re.findall(r"^(\*{0,2}\w[\w, *]*?)\s*(?::|$)", section.group(1), re.M)
    return {n.strip().lstrip("*") for head in heads for n in head.split(",")}


def test_the_public_functions_are_found():
    assert ("course_utils.losses", "softmax") in FUNCTIONS and len(FUNCTIONS) > 20


@pytest.mark.parametrize(("module", "name"), FUNCTIONS, ids=[f"{m}.{n}" for m, n in FUNCTIONS])
def test_every_parameter_is_documented(module, name):
    function = getattr(importlib.import_module(module), name)
    parameters = set(inspect.signature(function).parameters)
    missing = parameters - _documented(inspect.getdoc(function) or "")
    assert not missing, (
        f"{module}.{name}: its docstring's Parameters section does not describe {sorted(missing)}"
    )
