"""Tests of course_utils.diagrams: the built graphs' nodes and edges, and argument checks."""

from __future__ import annotations

from course_utils import drawing
from course_utils.diagrams import MAX_UNITS, mlp_digraph, perceptron_digraph

import re

import graphviz
import pytest

EDGE = re.compile(r"^\s*(\w+) -> (\w+)")
NODE = re.compile(r"^\s*(\w+) \[")


def _edges(dot: graphviz.Digraph) -> list[tuple[str, str]]:
    return [m.groups() for line in dot.body if (m := EDGE.match(line))]


def _nodes(dot: graphviz.Digraph) -> list[str]:
    return [m.group(1) for line in dot.body if (m := NODE.match(line)) and "->" not in line]


def test_perceptron_has_inputs_bias_sum_activation_output():
    dot = perceptron_digraph(3)
    assert isinstance(dot, graphviz.Digraph)
    assert _nodes(dot) == ["x1", "x2", "x3", "one", "sum", "activation", "output"]
    assert _edges(dot) == [
        ("x1", "sum"),
        ("x2", "sum"),
        ("x3", "sum"),
        ("one", "sum"),
        ("sum", "activation"),
        ("activation", "output"),
    ]
    assert "w<SUB>2</SUB>" in dot.source
    assert "step" in dot.source


def test_perceptron_writes_given_weights_and_bias():
    dot = perceptron_digraph(2, weights=[1.5, -2], bias=0.25, activation="sign")
    assert "label=<1.5>" in dot.source
    assert "label=<&minus;2>" in dot.source
    assert "label=<0.25>" in dot.source
    assert "sign" in dot.source and "w<SUB>" not in dot.source


def test_perceptron_accepts_numpy_numbers_and_arrays():
    np = pytest.importorskip("numpy")
    dot = perceptron_digraph(np.int64(2), weights=np.array([0.5, 1.0]), bias=np.float32(1))
    assert _nodes(dot)[:2] == ["x1", "x2"]
    assert "label=<0.5>" in dot.source and "label=<1>" in dot.source
    with pytest.raises(TypeError, match=r"weights\[0\] must be a finite number; got .*\(ndarray\)"):
        perceptron_digraph(2, weights=np.ones((2, 2)))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_inputs": 0}, ValueError, "n_inputs must be an int between 1 and 10; got 0"),
        ({"n_inputs": MAX_UNITS + 1}, ValueError, "n_inputs must be an int between 1 and"),
        ({"n_inputs": 2.0}, TypeError, r"n_inputs must be an int .*; got 2.0 \(float\)"),
        ({"n_inputs": True}, TypeError, r"n_inputs must be .*; got True \(bool\)"),
        ({"n_inputs": 2, "weights": [1.0]}, ValueError, r"one number per input \(2\); got 1"),
        ({"n_inputs": 1, "weights": "1"}, TypeError, "weights must be a sequence of numbers"),
        ({"n_inputs": 1, "weights": 1.0}, TypeError, "weights must be a sequence of numbers"),
        ({"n_inputs": 2, "weights": [1.0, "a"]}, TypeError, r"weights\[1\] must be a finite"),
        ({"bias": "b"}, TypeError, r"bias must be a finite number; got 'b' \(str\)"),
        ({"bias": float("inf")}, ValueError, "bias must be a finite number; got inf"),
        ({"activation": "relu"}, ValueError, "activation must be one of .*got 'relu'"),
    ],
)
def test_perceptron_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        perceptron_digraph(**kwargs)


def test_mlp_connects_every_unit_to_the_next_layer():
    dot = mlp_digraph((2, 3, 1))
    assert _nodes(dot) == ["L0_0", "L0_1", "L1_0", "L1_1", "L1_2", "L2_0"]
    edges = _edges(dot)
    assert len(edges) == 2 * 3 + 3 * 1
    assert ("L0_1", "L1_2") in edges and ("L1_2", "L2_0") in edges
    assert all(int(a[1]) + 1 == int(b[1]) for a, b in edges)
    assert "label=hidden" in dot.source and "label=output" in dot.source


def test_mlp_numbers_hidden_layers_and_takes_names():
    assert "hidden 2" in mlp_digraph([2, 4, 4, 1]).source
    dot = mlp_digraph([2, 2], layer_names=["features", "score"])
    assert "label=features" in dot.source and "label=score" in dot.source
    assert len(_edges(dot)) == 4


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((3,), {}, TypeError, "layer_sizes must be a sequence of ints; got int"),
        (("22",), {}, TypeError, "layer_sizes must be a sequence of ints; got str"),
        (([2],), {}, ValueError, r"at least an input and an output layer; got \[2\]"),
        (([2, 0],), {}, ValueError, r"layer_sizes\[1\] must be an int between 1 and"),
        (([2, MAX_UNITS + 1],), {}, ValueError, r"layer_sizes\[1\] must be an int between 1"),
        (([2, 1.5],), {}, TypeError, r"layer_sizes\[1\] must be an int .*\(float\)"),
        (([2, 1],), {"layer_names": "ab"}, TypeError, "layer_names must be a sequence of str"),
        (([2, 1],), {"layer_names": ["a"]}, ValueError, r"one str per layer \(2\)"),
        (([2, 1],), {"layer_names": ["a", 1]}, ValueError, r"one str per layer \(2\)"),
    ],
)
def test_mlp_rejects_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        mlp_digraph(*args, **kwargs)


def test_diagrams_render_when_dot_is_installed():
    if not drawing.dot_available():
        pytest.skip("Graphviz's dot program is not installed")
    for dot in (perceptron_digraph(2), mlp_digraph((2, 2, 1))):
        assert drawing.render_png(dot).startswith(b"\x89PNG")
