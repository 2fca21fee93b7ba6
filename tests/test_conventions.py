"""The conventions every course_utils module follows, checked over the whole package.

Small modules with ``__all__``, short functions, numpydoc docstrings (not Google's ``Args:``
sections), and docstring examples that run: each test names the module and the place to fix.
"""

from __future__ import annotations

import course_utils

import ast
import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

PACKAGE = Path(course_utils.__file__).parent
MODULES = sorted(
    name
    for _, name, is_package in pkgutil.walk_packages([str(PACKAGE)], "course_utils.")
    if not is_package
)
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
GOOGLE_SECTION = re.compile(r"^\s*(Args|Arguments|Returns|Raises|Attributes|Yields):\s*$", re.M)


def _path(module: str) -> Path:
    return PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")


def test_the_package_is_found():
    assert {"course_utils.plotting.regions", "course_utils.graphs", "course_utils.losses"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", MODULES)
def test_module_is_small_and_declares_its_api(module):
    source = _path(module).read_text(encoding="utf-8")
    n_lines = len(source.splitlines())
    assert n_lines < MAX_MODULE_LINES, f"{module}: {n_lines} lines; split it by topic"
    assert hasattr(importlib.import_module(module), "__all__"), f"{module}: no __all__"


@pytest.mark.parametrize("module", MODULES)
def test_no_function_is_long(module):
    tree = ast.parse(_path(module).read_text(encoding="utf-8"))
    long = [
        f"{node.name} (line {node.lineno}, {node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{module}: functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("module", MODULES)
def test_docstrings_are_numpydoc(module):
    tree = ast.parse(_path(module).read_text(encoding="utf-8"))
    nodes = [tree] + [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))
    ]
    google = [
        getattr(n, "name", "module")
        for n in nodes
        if (doc := ast.get_docstring(n)) and GOOGLE_SECTION.search(doc)
    ]
    assert not google, (
        f"{module}: Google-style sections (Args:, Returns:) in {google}; write numpydoc "
        "sections (Parameters / Returns with dashed underlines)"
    )


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{module}: {result.failed} docstring example(s) failed"


def test_the_losses_doctest_is_collected():
    import course_utils.losses

    assert doctest.testmod(course_utils.losses).attempted >= 1
