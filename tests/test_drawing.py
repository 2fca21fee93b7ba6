"""Tests of course_utils.drawing: the house style, and rendering to PNG."""

from __future__ import annotations

from course_utils import drawing

import shutil

import graphviz
import pytest


@pytest.fixture
def small():
    dot = drawing.new_digraph("small", rankdir="TB")
    dot.node("a", "a", **drawing.node_style("input"))
    dot.edge("a", "b")
    return dot


def test_new_digraph_sets_the_house_font_and_direction():
    dot = drawing.new_digraph("g", rankdir="BT", fontsize=14, nodesep="0.25")
    assert dot.name == "g"
    assert dot.graph_attr == {
        "rankdir": "BT",
        "nodesep": "0.25",
        "fontname": "Helvetica",
        "fontsize": "14",
    }
    assert dot.node_attr == dot.edge_attr == {"fontname": "Helvetica", "fontsize": "14"}


def test_one_fill_per_role_for_every_shape():
    assert drawing.node_style("value")["fillcolor"] == drawing.FILLS["value"]
    assert drawing.node_style("input", shape="circle", width="0.5") == {
        "shape": "circle",
        "style": "filled",
        "fillcolor": "#fff4d6",
        "width": "0.5",
    }


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: drawing.new_digraph("g", rankdir="up"), ValueError, "rankdir must be one of"),
        (lambda: drawing.new_digraph("g", fontsize=0), ValueError, "fontsize must be an int >= 1"),
        (lambda: drawing.node_style("weight"), ValueError, r"role must be one of \['input'"),
    ],
)
def test_style_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_render_png_and_image(small):
    if not drawing.dot_available():
        pytest.skip("Graphviz's dot program is not installed")
    png = drawing.render_png(small)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    sharper = drawing.render_png(small, dpi=192)
    assert len(sharper) > len(png)
    assert "dpi" not in small.graph_attr, "rendering must not change the caller's diagram"
    image = drawing.to_image(small)
    assert image.format == "png"
    assert image.data == sharper, "twice the pixels of Graphviz's default 96 dpi"
    shown = int.from_bytes(png[16:20], "big")
    assert abs(image.width - shown) <= 1, "displayed at the size the default dpi gives"
    plain = drawing.to_image(small, dpi=72, pixel_ratio=1)
    assert plain.data == drawing.render_png(small, dpi=72)
    assert plain.width == int.from_bytes(plain.data[16:20], "big")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"pixel_ratio": 0}, "pixel_ratio must be an int >= 1; got 0"),
        ({"dpi": 0}, "dpi must be an int >= 1; got 0"),
    ],
)
def test_to_image_bad_input(small, kwargs, match):
    with pytest.raises(ValueError, match=match):
        drawing.to_image(small, **kwargs)


@pytest.mark.parametrize(
    ("dot", "kwargs", "error", "match"),
    [
        ("digraph {}", {}, TypeError, "dot must be a graphviz.Digraph.*got str"),
        (graphviz.Digraph(), {"dpi": 0}, ValueError, "dpi must be an int >= 1; got 0"),
        (graphviz.Digraph(), {"dpi": 96.0}, TypeError, r"dpi must be an int >= 1; got 96.0"),
    ],
)
def test_render_png_bad_input(dot, kwargs, error, match):
    with pytest.raises(error, match=match):
        drawing.render_png(dot, **kwargs)


def test_missing_dot_program_names_the_fix(monkeypatch, tmp_path, small):
    # An empty PATH hides the dot program exactly as on a machine without Graphviz.
    monkeypatch.setenv("PATH", str(tmp_path))
    assert drawing.dot_available() is False
    with pytest.raises(RuntimeError, match=r"install Graphviz.*apt-get.*brew.*conda") as info:
        drawing.render_png(small)
    assert info.value.__cause__ is None


def test_dot_available_agrees_with_path():
    assert drawing.dot_available() is (shutil.which("dot") is not None)
