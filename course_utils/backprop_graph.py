"""Computational graphs with the forward value and the gradient written on every edge.

A network's forward pass is a chain of small operations; backpropagation runs the chain
backwards, and each operation passes gradients on by a pattern of its own: an addition hands
the incoming gradient unchanged to each input (it *distributes*), a multiplication hands each
input the incoming gradient times the *other* input (it *swaps*), and a maximum hands it all to
the input that won (it *routes*). Writing the value above and the gradient below every edge,
as CS231n's lecture figures do, shows these patterns in numbers.

`backprop_edges` lists the labelled edges (computing); `backprop_digraph` draws them in the
house style of `course_utils.drawing` (drawing). Render with `course_utils.drawing.to_image`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import graphviz
import numpy as np

from ._checks import check_int
from .drawing import new_digraph, node_style

__all__ = ["GRADIENT_COLOR", "backprop_digraph", "backprop_edges"]

GRADIENT_COLOR = "#b3261e"
_SUBSCRIPT = re.compile(r"^([^\d]+)(\d+)$")


def _check_ops(ops) -> list[tuple[str, str, tuple[str, ...]]]:
    if isinstance(ops, (str, bytes)) or not isinstance(ops, Sequence) or not ops:
        raise TypeError(f"ops must be a non-empty list of (output, label, inputs); got {ops!r}")
    checked, produced = [], set()
    for i, op in enumerate(ops):
        if not (isinstance(op, (tuple, list)) and len(op) == 3):
            raise TypeError(f"ops[{i}] must be a tuple (output, label, inputs); got {op!r}")
        output, label, inputs = op
        if isinstance(inputs, str) or not isinstance(inputs, Sequence) or not inputs:
            raise TypeError(f"ops[{i}]'s inputs must be a non-empty list of names; got {inputs!r}")
        if not all(isinstance(s, str) and s for s in (output, label, *inputs)):
            raise TypeError(f"ops[{i}] must name its output, label and inputs with strings")
        if output in produced:
            raise ValueError(f"ops[{i}]: {output!r} is computed twice")
        produced.add(output)
        checked.append((output, label, tuple(inputs)))
    return checked


def _check_values(checked, values, grads) -> tuple[set[str], set[str]]:
    """The names ops compute and the names they use, once every one has a value."""
    if not isinstance(values, Mapping) or not isinstance(grads, Mapping):
        raise TypeError("values and grads must be mappings from tensor names to numbers")
    produced = {output for output, _, _ in checked}
    used = {name for _, _, inputs in checked for name in inputs}
    missing = sorted((produced | used) - set(values))
    if missing:
        raise ValueError(f"values must hold every tensor of ops; missing {missing}")
    return produced, used


def _format(value, digits: int) -> str:
    """A number, a row or a matrix as HTML-label text: rows on lines of their own."""
    array = np.atleast_1d(np.asarray(value, dtype=np.float64))
    if array.ndim > 2:
        raise ValueError(f"values must be numbers, rows or matrices; got shape {array.shape}")

    def number(v):
        text = f"{v:.{digits}g}"
        return "0" if text == "-0" else text.replace("-", "&minus;")

    if array.size == 1:
        return number(array.item())
    rows = array if array.ndim == 2 else array[None, :]
    return "<BR/>".join("[" + ", ".join(number(v) for v in row) + "]" for row in rows)


def _pretty(name: str) -> str:
    match = _SUBSCRIPT.match(name)
    return f"{match.group(1)}<SUB>{match.group(2)}</SUB>" if match else name


def backprop_edges(
    ops: Sequence[tuple[str, str, Sequence[str]]],
    values: Mapping[str, object],
    grads: Mapping[str, object] | None = None,
    *,
    digits: int = 3,
) -> list[dict[str, str]]:
    """The edges of a computational graph, each with its tensor's value and gradient as text.

    Parameters
    ----------
    ops : sequence of (output, label, inputs)
        The operations in the order they run, for instance ``("z1", "+", ["xK1", "b1"])``.
        A name that no operation computes is a leaf (an input or a parameter); an output that no
        operation uses is a result (the loss) and gets an edge to a node of its own.
    values : mapping
        Name → forward value (a number, a row or a matrix) for every name in `ops`.
    grads : mapping, optional
        Name → gradient of the result with respect to that tensor; names left out (a label y,
        say) are shown with their value only.
    digits : int, default 3
        Significant digits of every number.

    Returns
    -------
    list of dict
        One dict per edge with keys ``tail``, ``head`` (node names: a leaf's own name, ``op_``
        plus the output for an operation, ``result_`` plus the name for a result),
        ``tensor``, ``value`` and ``grad`` (text; ``""`` without a gradient).

    Examples
    --------
    >>> edges = backprop_edges([("c", "+", ["a", "b"])], {"a": 2, "b": -3, "c": -1},
    ...                        {"a": 1.5, "b": 1.5, "c": 1.5})
    >>> [(e["tail"], e["head"], e["value"], e["grad"]) for e in edges]
    [('a', 'op_c', '2', '1.5'), ('b', 'op_c', '&minus;3', '1.5'), ('op_c', 'result_c', '&minus;1', '1.5')]
    """  # noqa: E501
    checked = _check_ops(ops)
    digits = check_int(digits, "digits", low=1, high=12)
    grads = {} if grads is None else grads
    produced, used = _check_values(checked, values, grads)

    def edge(tail, head, tensor):
        grad = grads.get(tensor)
        return {"tail": tail, "head": head, "tensor": tensor,
                "value": _format(values[tensor], digits),
                "grad": "" if grad is None else _format(grad, digits)}

    edges = []
    for output, _, inputs in checked:
        for name in inputs:
            edges.append(edge(f"op_{name}" if name in produced else name, f"op_{output}", name))
    for output, _, _ in checked:
        if output not in used:
            edges.append(edge(f"op_{output}", f"result_{output}", output))
    return edges


def backprop_digraph(
    ops: Sequence[tuple[str, str, Sequence[str]]],
    values: Mapping[str, object],
    grads: Mapping[str, object] | None = None,
    *,
    digits: int = 3,
    rankdir: str = "LR",
    fontsize: int = 12,
) -> graphviz.Digraph:
    """Draw a computational graph: the forward value on each edge, the gradient below it in red.

    Parameters
    ----------
    ops, values, grads, digits
        As for :func:`backprop_edges`.
    rankdir : {"LR", "TB", "BT", "RL"}, default "LR"
        Direction in which the forward pass flows.
    fontsize : int, default 12
        Font size of labels, in points.

    Returns
    -------
    graphviz.Digraph
        Leaves are drawn as inputs, operations as boxes with their label, a result as plain
        text; an operation's box names its output. Each edge carries its tensor's value and, below
        it in `GRADIENT_COLOR`, the gradient of the result with respect to that tensor.
    """
    edges = backprop_edges(ops, values, grads, digits=digits)
    dot = new_digraph("backprop", rankdir=rankdir, fontsize=fontsize, nodesep="0.3",
                      ranksep="0.35")
    dot.graph_attr["forcelabels"] = "true"
    for output, label, _ in _check_ops(ops):
        dot.node(f"op_{output}", f"<{label}<BR/><I>{_pretty(output)}</I>>",
                 **node_style("operation", margin="0.06,0.03"))
    heads = {e["head"] for e in edges}
    for e in edges:
        if e["tail"] not in heads and not e["tail"].startswith("op_"):
            dot.node(e["tail"], f"<{_pretty(e['tail'])}>", **node_style("input"))
        if e["head"].startswith("result_"):
            dot.node(e["head"], f"<{_pretty(e['tensor'])}>", shape="plaintext")
    for e in edges:
        label = e["value"]
        if e["grad"]:
            label += f'<BR/><FONT COLOR="{GRADIENT_COLOR}">{e["grad"]}</FONT>'
        dot.edge(e["tail"], e["head"], label=f"<{label}>", arrowsize="0.6")
    return dot
