"""Checks for the exercises of notebook 01 (graphs and sessions).

- 01.1: the names of the nodes that ``tf.add(1, 2)``, ``tf.add(3, 4)``, ``tf.multiply(5, 6)``
  put into a fresh graph.
- 01.2: the values of f(x, y) = x² + 3xy for x = [1, 2, 3], y = [4, 5, 6], run in a session.
- 01.3: how many times a ``tf.function`` traces for a given sequence of calls.
"""

from __future__ import annotations

from course_utils.exercises._core import compare_numbers, exercise

import re

import numpy as np

__all__ = ["NODE_NAMES", "RETRACE_CALLS", "TRACES", "XS", "YS"]

NODE_NAMES = ["Add/x", "Add/y", "Add", "Add_1/x", "Add_1/y", "Add_1", "Mul/x", "Mul/y", "Mul"]
XS, YS = [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]
# The calls of exercise 01.3, as the notebook writes them, and the traces they cause:
# int32 (), float32 (), int32 (2,) and the Python number 3. Four, not five: at five traces
# TensorFlow logs a retracing warning into the notebook.
RETRACE_CALLS = "tf.constant(1), tf.constant(5), tf.constant(2.0), tf.constant([1, 2]), 3, 3"
TRACES = 4
_TENSOR_SUFFIX = re.compile(r":\d+$")  # a tensor's output index: Add/x:0


def _names_hint(names: list[str]) -> str | None:
    """A hint for a list of node names that is not the expected one."""
    if names == ["Add", "Add_1", "Mul"]:
        return ("those are the three operations only: each Python number also becomes a Const "
                "node of its own, named after the parameter it fills (x or y)")
    if any(name in {"AddV2", "Const"} or re.match(r"^(AddV2|Const)(_\d+)?$", name)
           for name in names):
        return ("AddV2 and Const are op types; give the node names (Add, Add/x, ...), as "
                "op.name prints them")
    if any(name.startswith("Multiply") for name in names):
        return "tf.multiply creates an op of type Mul, and an unnamed op is named after its type"
    if names.count("Add/x") > 1 or ("Add_1" in names and "Add_1/x" not in names):
        return ("the constants of the second tf.add live in its own name scope, Add_1/: "
                "Add_1/x and Add_1/y (not Add/x again, and not Add/x_1)")
    if "Add_2" in names or "Mul_1" in names or "Mul_2" in names:
        return ("the suffix counts nodes of the same name only: the second Add is Add_1, and "
                "the first Mul is plain Mul")
    if "Add_0" in names or "Add1" in names:
        return "a second node named Add gets the suffix _1: Add_1 (and the first one has none)"
    if sorted(names) == sorted(NODE_NAMES):
        return ("the right names in the wrong order: each call creates its two constants first, "
                "then its operation, call after call")
    missing = [n for n in NODE_NAMES if n not in names]
    extra = [n for n in names if n not in NODE_NAMES]
    return (f"{len(names)} names, expected {len(NODE_NAMES)}; missing {missing}, "
            f"unexpected {extra}")


@exercise("01.1")
def _node_names(answer):
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return "give a list of node names (strings), such as ['Add/x', ...]"
    if not all(isinstance(name, str) for name in answer):
        return "every entry should be a node name in quotes, such as 'Add/x'"
    names = [name.strip() for name in answer]
    if names == NODE_NAMES:
        return None
    node_names = [_TENSOR_SUFFIX.sub("", name) for name in names]
    if node_names != names:  # tensor names, such as Add/x:0
        drop = ("drop the :0: 'Add/x:0' names the first output tensor of node Add/x; give the "
                "node names, as op.name prints them")
        return drop if node_names == NODE_NAMES else f"{drop}; then: {_names_hint(node_names)}"
    return _names_hint(names)


def _is_symbolic_tensor(answer) -> bool:
    # A graph-mode tensor knows its graph; an eager one has a value (.numpy) instead.
    return type(answer).__name__ == "SymbolicTensor" or (
        hasattr(answer, "graph") and hasattr(answer, "op") and not hasattr(answer, "numpy")
    )


@exercise("01.2")
def _session_values(answer):
    if _is_symbolic_tensor(answer):
        return ("that is the symbolic tensor, not its value: run it in a session, "
                "sess.run(f, feed_dict={x: ..., y: ...})")
    x, y = np.array(XS), np.array(YS)
    return compare_numbers(
        answer,
        x**2 + 3 * x * y,
        what="f(x, y)",
        mistakes=[
            (y**2 + 3 * x * y, "you computed y² + 3xy: are x and y swapped in feed_dict?"),
            (x + 3 * x * y, "x² is x**2 (or x * x); you used x"),
            (2 * x + 3 * x * y, "x * 2 doubles x; the square is x**2"),
            ((x**2 + 3 * x) * y,
             "mind the brackets: x**2 + 3 * x * y, without a product around the first terms"),
        ],
    )


@exercise("01.3")
def _trace_count(answer):
    if isinstance(answer, (bool, np.bool_, str, bytes)) or not hasattr(answer, "__int__"):
        return f"give the number of traces as an integer; got {type(answer).__name__}"
    return compare_numbers(
        answer,
        TRACES,
        what="the number of traces",
        mistakes=[
            (6, "not every call traces: a call whose signature was seen before reuses its graph"),
            (5, "one too many: tf.constant(5) has the signature of tf.constant(1) (int32, shape "
                "()), and the second 3 reuses the graph traced for the first"),
            (3, "one too few: a tensor of another shape (tf.constant([1, 2])) traces again, and "
                "so does a Python number"),
            (2, "count the tensors' signatures (dtype and shape), then each new Python number "
                "by its value"),
        ],
    )
