"""Concept diagrams of single neurons and small networks, as Graphviz digraphs.

These draw the *idea* of a model (inputs, weights, a weighted sum, an activation), not a
Keras object: for a built Keras model use `course_utils.graphs.model_to_digraph`. Both use the
house style of `course_utils.drawing`, and as there, building a diagram is kept apart from
rendering it: tests check nodes and edges without the ``dot`` program; render with
`course_utils.drawing.to_image` (also importable from `course_utils.graphs`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import graphviz

from ._checks import check_int, check_real
from .drawing import new_digraph, node_style

__all__ = ["MAX_UNITS", "mlp_digraph", "perceptron_digraph"]

# More units than this per layer make a neuron-level drawing unreadable on a slide.
MAX_UNITS = 10

_INPUT = node_style("input", shape="circle", width="0.5")
_UNIT = node_style("value", shape="circle", width="0.5")
_BIAS = {"shape": "circle", "style": "dashed", "width": "0.5"}
_OPERATION = node_style("operation")
_ACTIVATIONS = {
    "step": "step<BR/>1 if z &ge; 0 else 0",
    "sign": "sign<BR/>+1 if z &ge; 0 else &minus;1",
    "sigmoid": "sigmoid<BR/>1 / (1 + e<SUP>&minus;z</SUP>)",
}


def _fmt(value: float) -> str:
    return f"{value:.3g}".replace("-", "&minus;")


def _new_digraph(name: str) -> graphviz.Digraph:
    return new_digraph(name, fontsize=14, nodesep="0.25", ranksep="0.6")


def perceptron_digraph(
    n_inputs: int = 3,
    *,
    weights: Iterable[float] | None = None,
    bias: float | None = None,
    activation: str = "step",
) -> graphviz.Digraph:
    """Build a diagram of Rosenblatt's perceptron: inputs, weights, a sum, an activation.

    Parameters
    ----------
    n_inputs : int, default 3
        Number of inputs x_1 ... x_n (1 to `MAX_UNITS`).
    weights : sequence or 1-D array of float, optional
        One weight per input, written on the edges; symbols w_1 ... w_n when omitted.
    bias : float, optional
        Written on the edge from the constant input 1; the symbol b when omitted.
    activation : {"step", "sign", "sigmoid"}, default "step"
        The function applied to the weighted sum z.

    Node names: ``x1`` ... ``xn``, ``one`` (the bias input), ``sum``, ``activation``,
    ``output``; edges run from every input and ``one`` to ``sum``, then on to ``output``.
    """
    n_inputs = check_int(n_inputs, "n_inputs", low=1, high=MAX_UNITS)
    if weights is not None:
        if isinstance(weights, (str, bytes)) or not isinstance(weights, Iterable):
            raise TypeError(f"weights must be a sequence of numbers; got {type(weights).__name__}")
        weights = list(weights)  # also takes a 1-D NumPy array, such as trained weights
        if len(weights) != n_inputs:
            raise ValueError(
                f"weights must hold one number per input ({n_inputs}); got {len(weights)}"
            )
        weight_labels = [_fmt(check_real(w, f"weights[{i}]")) for i, w in enumerate(weights)]
    else:
        weight_labels = [f"w<SUB>{i}</SUB>" for i in range(1, n_inputs + 1)]
    bias_label = "b" if bias is None else _fmt(check_real(bias, "bias"))
    if activation not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}; got {activation!r}")

    dot = _new_digraph("perceptron")
    for i, label in enumerate(weight_labels, start=1):
        dot.node(f"x{i}", f"<x<SUB>{i}</SUB>>", **_INPUT)
        dot.edge(f"x{i}", "sum", label=f"<{label}>")
    dot.node("one", "1", **_BIAS)
    dot.edge("one", "sum", label=f"<{bias_label}>")
    dot.node("sum", "<&Sigma;<BR/>z = w&middot;x + b>", **_OPERATION)
    dot.node("activation", f"<{_ACTIVATIONS[activation]}>", **_OPERATION)
    dot.node("output", "<y&#770;>", shape="plaintext")
    dot.edge("sum", "activation", label="z")
    dot.edge("activation", "output")
    return dot


def _layer_names(layer_names: Sequence[str] | None, n_layers: int) -> list[str]:
    """The caption of each of ``n_layers`` layers: ``layer_names`` checked, or the defaults."""
    if layer_names is None:
        hidden = ["hidden"] if n_layers == 3 else [f"hidden {i}" for i in range(1, n_layers - 1)]
        return ["input", *hidden, "output"]
    if isinstance(layer_names, str) or not isinstance(layer_names, Sequence):
        raise TypeError(f"layer_names must be a sequence of str; got {layer_names!r}")
    if len(layer_names) != n_layers or not all(isinstance(s, str) for s in layer_names):
        raise ValueError(
            f"layer_names must hold one str per layer ({n_layers}); got {list(layer_names)}"
        )
    return list(layer_names)


def mlp_digraph(
    layer_sizes: Sequence[int], *, layer_names: Sequence[str] | None = None
) -> graphviz.Digraph:
    """Build a neuron-level diagram of a fully connected network (biases not drawn).

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, input layer first and output layer last; at least two layers, each
        with 1 to `MAX_UNITS` units. ``(2, 2, 1)`` is the smallest network that solves XOR.
    layer_names : sequence of str, optional
        A caption per layer; defaults to "input", "hidden" (or "hidden 1", "hidden 2", ...
        when there are several), "output".

    Node names are ``L{layer}_{unit}`` counted from 0 (``L0_0`` is the first input); every
    unit of one layer has an edge to every unit of the next.
    """
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
        raise TypeError(f"layer_sizes must be a sequence of ints; got {type(layer_sizes).__name__}")
    if len(layer_sizes) < 2:
        raise ValueError(
            f"layer_sizes must list at least an input and an output layer; got {list(layer_sizes)}"
        )
    sizes = [
        check_int(n, f"layer_sizes[{i}]", low=1, high=MAX_UNITS) for i, n in enumerate(layer_sizes)
    ]
    n_layers = len(sizes)
    names = _layer_names(layer_names, n_layers)
    dot = _new_digraph("mlp")
    # Straight edges, and units kept in their own order down each layer: with every unit
    # joined to every unit of the next layer no order crosses fewer edges, so crossing
    # minimisation (which would shuffle them) is all but switched off.
    dot.graph_attr.update(splines="line", ordering="out", mclimit="0.01")
    for layer, (size, caption) in enumerate(zip(sizes, names, strict=True)):
        style = _INPUT if layer == 0 else _UNIT
        symbol = "x" if layer == 0 else ("y&#770;" if layer == n_layers - 1 else "h")
        with dot.subgraph(name=f"cluster_{layer}") as cluster:
            cluster.attr(label=caption, style="rounded", color="#bbbbbb")
            for unit in range(size):
                sub = f"<SUB>{unit + 1}</SUB>" if size > 1 else ""
                cluster.node(f"L{layer}_{unit}", f"<{symbol}{sub}>", **style)
    for layer in range(n_layers - 1):
        for a in range(sizes[layer]):
            for b in range(sizes[layer + 1]):
                dot.edge(f"L{layer}_{a}", f"L{layer + 1}_{b}", arrowsize="0.6")
    return dot
