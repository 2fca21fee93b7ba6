"""tools/jupyter_server_config.py: saving in JupyterLab keeps the committed Python version."""

from __future__ import annotations

import json
import os
import re
import runpy
from pathlib import Path

import pytest
from traitlets.config import Config

CONFIG = Path(__file__).resolve().parent.parent / "tools" / "jupyter_server_config.py"


class FakeContents:
    def __init__(self, root: Path):
        self.root = root

    def _get_os_path(self, path: str) -> str:
        return str(self.root / path)


@pytest.fixture
def hook():
    return runpy.run_path(str(CONFIG))["keep_committed_python_version"]


def _model(version="3.13.0"):
    info = {"name": "python", "version": version}
    return {"type": "notebook", "content": {"metadata": {"language_info": info}, "cells": []}}


def test_a_save_keeps_the_version_on_disk(hook, tmp_path):
    (tmp_path / "a.ipynb").write_text(
        json.dumps({"metadata": {"language_info": {"version": "3.11.7"}}}), encoding="utf-8"
    )
    model = _model()
    hook(model=model, path="a.ipynb", contents_manager=FakeContents(tmp_path))
    assert model["content"]["metadata"]["language_info"] == {"name": "python", "version": "3.11.7"}


@pytest.mark.parametrize(
    "on_disk",
    [None, "not json", json.dumps({"metadata": {}}), json.dumps({"metadata": {"kernelspec": 1}})],
)
def test_a_new_or_versionless_notebook_is_saved_as_jupyter_gives_it(hook, tmp_path, on_disk):
    if on_disk is not None:
        (tmp_path / "a.ipynb").write_text(on_disk, encoding="utf-8")
    model = _model()
    hook(model=model, path="a.ipynb", contents_manager=FakeContents(tmp_path))
    assert model == _model()


def test_other_files_are_left_alone(hook, tmp_path):
    model = {"type": "file", "content": "print('hi')"}
    hook(model=model, path="x.py", contents_manager=FakeContents(tmp_path))
    assert model == {"type": "file", "content": "print('hi')"}


def test_jupyter_loading_the_file_installs_the_hook(monkeypatch):
    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    config = Config()
    namespace = runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: config})
    hook = config.FileContentsManager.pre_save_hook
    assert hook is namespace["keep_committed_python_version"]


def test_jupyter_loading_the_file_configures_rise(monkeypatch):
    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    config = Config()
    namespace = runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: config})
    assert config.ContentsManager.files_handler_class is namespace["NotebookStylesheetHandler"]
    assert config.RiseApp.labextensions_path == []
    assert config.RiseApp.extra_labextensions_path == []
    lab_config = CONFIG.parent / "jupyter_config"
    assert os.environ["JUPYTER_CONFIG_PATH"] == str(lab_config)
    overrides = json.loads(
        (lab_config / "labconfig" / "default_setting_overrides.json").read_text(encoding="utf-8")
    )
    # reveal.js's default theme for RISE ("simple") asks Google Fonts for its typefaces.
    assert overrides["jupyterlab-rise:plugin"]["theme"] == "white"


def test_the_lab_config_path_goes_first_once(monkeypatch):
    add = runpy.run_path(str(CONFIG))["add_lab_config_path"]
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/elsewhere")
    add("/course")
    add("/course")
    assert os.environ["JUPYTER_CONFIG_PATH"] == os.pathsep.join(["/course", "/elsewhere"])


def test_make_lab_loads_it():
    makefile = (CONFIG.parent.parent / "Makefile").read_text(encoding="utf-8")
    assert "jupyter lab --config=tools/jupyter_server_config.py" in makefile


def test_rise_mathjax_fonts_are_found_by_the_names_mathjax_asks_for(monkeypatch):
    pytest.importorskip("jupyterlab_rise")
    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    config = Config()
    namespace = runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: config})
    fonts = namespace["rise_mathjax_fonts"]()
    assert {"MathJax_Zero.woff", "MathJax_Main-Regular.woff", "MathJax_Math-Italic.woff"} <= set(
        fonts
    )
    assert namespace["woff_font_name"](b"not a font") is None
    pattern, handler = config.RiseApp.handlers[0]
    assert handler is namespace["MathJaxFontHandler"]
    match = re.fullmatch(pattern, "/rise/js/output/chtml/fonts/tex-woff-v2/MathJax_Zero.woff")
    assert match and match.group(1) == "MathJax_Zero.woff"
