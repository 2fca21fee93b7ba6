"""TensorFlow graphs and Keras models as Graphviz diagrams.

:func:`graph_to_digraph` draws a TensorFlow graph (operations as nodes, tensors as edges) and
:func:`model_to_digraph` a Keras model (one node per layer), both as a ``graphviz.Digraph`` in
the house style of :mod:`course_utils.drawing`. Rendering lives there too; ``render_png``,
``to_image``, ``dot_available`` and ``INSTALL_HINT`` are re-exported here so that one import
serves a notebook that builds and shows a graph.
"""

from __future__ import annotations

from collections.abc import Sequence

import graphviz

from ._checks import check_int
from .drawing import INSTALL_HINT, dot_available, new_digraph, node_style, render_png, to_image

__all__ = [
    "INSTALL_HINT",
    "PLUMBING_OPS",
    "dot_available",
    "graph_to_digraph",
    "model_to_digraph",
    "render_png",
    "to_image",
]

# Ops that `tf.function` adds around the user's computation: an Identity per output and NoOps
# for control dependencies. Hiding them makes a traced graph read like the TF1 one.
PLUMBING_OPS = frozenset({"Identity", "NoOp"})

_STYLE = {"Const": node_style("value"), "Placeholder": node_style("input")}
_OP_STYLE = node_style("operation", shape="ellipse")


def _node_id(name: str) -> str:
    # graphviz reads "a:b" in an edge as node a, port b; TF op names never hold ':', but
    # Keras layer names may.
    return name.replace(":", "_")


def _resolve_graph(graph_or_function, args):
    """Return the tf.Graph behind a graph, a ConcreteFunction or a tf.function."""
    import tensorflow as tf

    if args is not None and not isinstance(args, (tuple, list)):
        raise TypeError(f"args must be a tuple or list of TensorSpecs or values; got {args!r}")
    if isinstance(graph_or_function, tf.Graph):
        graph = graph_or_function
    elif isinstance(graph_or_function, tf.types.experimental.ConcreteFunction):
        graph = graph_or_function.graph
    elif isinstance(graph_or_function, tf.types.experimental.PolymorphicFunction):
        try:
            graph = graph_or_function.get_concrete_function(*(args or ())).graph
        except (TypeError, ValueError) as err:
            raise TypeError(
                f"could not trace {graph_or_function.__name__!r}: pass example values or "
                f"tf.TensorSpecs for its parameters as args=(...); TensorFlow said: {err}"
            ) from err
        return graph
    elif callable(graph_or_function):
        raise TypeError(
            "graph_or_function is a plain Python callable; decorate it with @tf.function "
            "(or pass fn.get_concrete_function(...)) so TensorFlow can trace it into a graph"
        )
    else:
        raise TypeError(
            "graph_or_function must be a tf.Graph, a tf.function or a ConcreteFunction; "
            f"got {type(graph_or_function).__name__}"
        )
    if args is not None:
        raise ValueError("args only applies to a tf.function, which it is used to trace")
    return graph


def _const_text(op, max_const_elements: int) -> str:
    import numpy as np
    import tensorflow as tf

    value = tf.make_ndarray(op.get_attr("value"))
    if value.size > max_const_elements:
        return f"{value.dtype} {value.shape}"
    if value.ndim == 0:
        text = repr(value.item())
    else:
        text = np.array2string(value, separator=", ", precision=4)
    # Backslashes in string constants would otherwise be read as Graphviz escapes.
    return graphviz.escape(text.replace("\n", " "))


def _op_label(op, max_const_elements: int) -> str:
    if op.type == "Const":
        return f"{op.name}\\nConst = {_const_text(op, max_const_elements)}"
    return f"{op.name}\\n{op.type}"


def _tensor_label(tensor) -> str:
    # TensorShape prints "()" for a scalar, as in TF's own Tensor repr.
    label = f"{tensor.dtype.name} {tensor.shape}"
    if len(tensor.op.outputs) > 1:
        label = f":{tensor.value_index} {label}"
    return label


def graph_to_digraph(
    graph_or_function,
    *,
    name: str | None = None,
    max_const_elements: int = 4,
    hide_plumbing: bool = False,
    args: Sequence | None = None,
    rankdir: str = "LR",
) -> graphviz.Digraph:
    """Build a diagram of a TensorFlow graph: operations as nodes, tensors as edges.

    Parameters
    ----------
    graph_or_function : tf.Graph, tf.function or ConcreteFunction
        A graph (for instance one built under ``with tf.Graph().as_default():``), a
        ``tf.function`` (traced with ``get_concrete_function(*args)``) or a concrete function.
    name : str, optional
        Name of the Digraph; defaults to ``"tf_graph"``.
    max_const_elements : int, default 4
        A constant with at most this many elements shows its value; a larger one its shape.
    hide_plumbing : bool, default False
        Leave out the ops in `PLUMBING_OPS` (the Identity ops `tf.function` adds for its
        outputs, NoOps); edges are routed through them so nothing gets disconnected.
    args : tuple or list, optional
        Example values or ``tf.TensorSpec`` objects for a ``tf.function``'s parameters.
    rankdir : {"LR", "TB", "BT", "RL"}, default "LR"
        Direction in which the data flows in the drawing.

    Returns
    -------
    graphviz.Digraph
        Each node's label is ``name`` and op type (constants: their value), each edge's label
        the tensor's dtype and shape; control dependencies are dashed edges without a label.
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a str or None; got {type(name).__name__}")
    max_const_elements = check_int(max_const_elements, "max_const_elements", low=1)
    graph = _resolve_graph(graph_or_function, args)
    dot = new_digraph(name or "tf_graph", rankdir=rankdir)
    _add_operations(dot, graph, max_const_elements, hide_plumbing)
    return dot



def _add_operations(dot, graph, max_const_elements: int, hide_plumbing: bool) -> None:
    def hidden(op) -> bool:
        return hide_plumbing and op.type in PLUMBING_OPS

    def source_of(tensor):
        # A hidden op is an Identity (NoOps have no outputs): follow it back to what it passes on.
        while hidden(tensor.op):
            tensor = tensor.op.inputs[0]
        return tensor

    for op in graph.get_operations():
        if hidden(op):
            continue
        style = _STYLE.get(op.type, _OP_STYLE)
        dot.node(op.name, _op_label(op, max_const_elements), **style)
        for tensor in op.inputs:
            src = source_of(tensor)
            dot.edge(src.op.name, op.name, label=_tensor_label(src))
        for dep in op.control_inputs:
            if not hidden(dep):
                dot.edge(dep.name, op.name, style="dashed")


def _layer_label(layer, shapes) -> str:
    kind = type(layer).__name__
    activation = getattr(getattr(layer, "activation", None), "__name__", None)
    if activation and activation != "linear":
        kind = f"{kind} ({activation})"
    shape_text = ", ".join(str(tuple(s)) for s in shapes)
    lines = [layer.name, kind] + ([shape_text] if shape_text else [])
    return graphviz.escape("\n".join(lines)).replace("\n", "\\n")


def _walk_layers(outputs):
    """Layers reachable from ``outputs``, each with its output shapes and inbound layers."""
    # Keras keeps the connectivity only in the private `_keras_history` of each symbolic
    # tensor; `keras.utils.model_to_dot` walks it the same way, from the outputs back.
    order, shapes, inbound, seen = [], {}, {}, set()
    stack = outputs[::-1]
    while stack:
        layer, node_index, _ = stack.pop()._keras_history
        if (id(layer), node_index) in seen:
            continue
        seen.add((id(layer), node_index))
        node = layer._inbound_nodes[node_index]
        if id(layer) not in shapes:
            order.append(layer)
            shapes[id(layer)] = [t.shape for t in node.output_tensors]
        inbound.setdefault(id(layer), []).extend(t._keras_history[0] for t in node.input_tensors)
        stack.extend(node.input_tensors[::-1])
    return order, shapes, inbound


def model_to_digraph(model, *, name: str | None = None, rankdir: str = "TB") -> graphviz.Digraph:
    """Build a diagram of a functional or Sequential Keras model: one node per layer.

    It needs no pydot, unlike ``keras.utils.plot_model``.

    Parameters
    ----------
    model : keras.Model
        A functional or Sequential model built from ``keras.Input`` (a subclassed model has
        no layer graph to draw).
    name : str, optional
        Name of the Digraph; defaults to the model's name.
    rankdir : {"TB", "LR", "BT", "RL"}, default "TB"
        Direction in which the data flows in the drawing.

    Returns
    -------
    graphviz.Digraph
        Each node shows the layer's name, its class (with the activation, if any) and its
        output shape; edges follow the connectivity from the model's inputs to its outputs.
    """
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(
            f"model must be a keras.Model (functional or Sequential); got {type(model).__name__}"
        )
    if not model.layers:
        raise ValueError(f"model {model.name!r} has no layers to draw")
    try:
        outputs = list(model.outputs)
    except (AttributeError, ValueError):  # Keras before 3.6 raises for a Sequential without Input
        outputs = []
    if not outputs:
        raise ValueError(
            f"model {model.name!r} has no defined inputs and outputs; build it from "
            "keras.Input(...) (a subclassed model cannot be drawn layer by layer)"
        )
    order, shapes, inbound = _walk_layers(outputs)
    # Draw in the model's own order (inputs first) so the DOT text is stable.
    position = {id(layer): i for i, layer in enumerate(model.layers)}
    order.sort(key=lambda layer: (id(layer) in position, position.get(id(layer), 0)))
    dot = new_digraph(name or model.name, rankdir=rankdir)
    for layer in order:
        style = _STYLE["Placeholder"] if type(layer).__name__ == "InputLayer" else {"shape": "box"}
        dot.node(_node_id(layer.name), _layer_label(layer, shapes[id(layer)]), **style)
        for src in inbound.get(id(layer), []):
            dot.edge(_node_id(src.name), _node_id(layer.name))
    return dot
