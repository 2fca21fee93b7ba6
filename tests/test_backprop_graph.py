"""Tests of course_utils.backprop_graph: the labelled edges, the built digraph, bad input."""

from __future__ import annotations

from course_utils.backprop_graph import GRADIENT_COLOR, backprop_digraph, backprop_edges

import graphviz
import numpy as np
import pytest

# a * b + c with a = 2, b = -3, c = 4, and upstream gradient 1: the multiply gate swaps, the
# add gate distributes.
OPS = [("ab", "×", ["a", "b"]), ("f", "+", ["ab", "c"])]
VALUES = {"a": 2.0, "b": -3.0, "c": 4.0, "ab": -6.0, "f": -2.0}
GRADS = {"a": -3.0, "b": 2.0, "c": 1.0, "ab": 1.0, "f": 1.0}


def test_edges_join_leaves_operations_and_the_result():
    edges = backprop_edges(OPS, VALUES, GRADS)
    assert [(e["tail"], e["head"], e["tensor"]) for e in edges] == [
        ("a", "op_ab", "a"), ("b", "op_ab", "b"),
        ("op_ab", "op_f", "ab"), ("c", "op_f", "c"),
        ("op_f", "result_f", "f"),
    ]  # fmt: skip
    assert [(e["value"], e["grad"]) for e in edges][:2] == [("2", "&minus;3"), ("&minus;3", "2")]


def test_rows_and_matrices_are_written_row_by_row():
    ops = [("y", "matmul", ["x", "K"])]
    values = {"x": np.array([[1.0, 0.0]]), "K": np.array([[0.5, -0.4], [0.3, 0.8]]),
              "y": np.array([[0.5, -0.4]])}
    edges = backprop_edges(ops, values, digits=2)
    assert edges[1]["value"] == "[0.5, &minus;0.4]<BR/>[0.3, 0.8]"
    assert edges[0]["value"] == "[1, 0]" and edges[0]["grad"] == ""


def test_a_tensor_without_gradient_shows_its_value_only():
    edges = backprop_edges(OPS, VALUES, {"f": 1.0})
    assert edges[0]["grad"] == "" and edges[-1]["grad"] == "1"


def test_the_digraph_draws_every_edge_with_both_labels():
    dot = backprop_digraph(OPS, VALUES, GRADS)
    assert isinstance(dot, graphviz.Digraph)
    source = dot.source
    assert source.count("->") == 5
    assert GRADIENT_COLOR in source and "op_ab -> op_f" in source
    assert "<I>ab</I>" in source and "rankdir=LR" in source


@pytest.mark.parametrize(("ops", "error", "match"), [
    ("a + b", TypeError, "ops must be a non-empty list"),
    ([], TypeError, "ops must be a non-empty list"),
    ([("f", "+")], TypeError, r"ops\[0\] must be a tuple"),
    ([("f", "+", "ab")], TypeError, r"ops\[0\]'s inputs must be"),
    ([("f", "+", ["a"]), ("f", "+", ["b"])], ValueError, "computed twice"),
    ([("f", "+", ["a", 3])], TypeError, "with strings"),
])  # fmt: skip
def test_bad_ops_are_named(ops, error, match):
    with pytest.raises(error, match=match):
        backprop_edges(ops, VALUES)


def test_missing_values_and_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"missing \['c'\]"):
        backprop_edges(OPS, {k: v for k, v in VALUES.items() if k != "c"})
    with pytest.raises(TypeError, match="mappings"):
        backprop_edges(OPS, VALUES, [1.0])
    with pytest.raises(ValueError, match="digits must be an int"):
        backprop_edges(OPS, VALUES, digits=0)
    with pytest.raises(ValueError, match="rows or matrices"):
        backprop_edges([("f", "+", ["a", "b"])], {"a": np.zeros((2, 2, 2)), "b": 1, "f": 1})
    with pytest.raises(ValueError, match="rankdir must be one of"):
        backprop_digraph(OPS, VALUES, rankdir="XY")
