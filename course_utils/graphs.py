"""TensorFlow graphs and Keras models as Graphviz diagrams.

Building a diagram (a `graphviz.Digraph`) is kept apart from rendering it, in the spirit of
Keras's `model_to_dot`: tests can check the nodes and edges of the built graph without the
`dot` program, and only `render_png`/`to_image` need it. Notebooks show PNGs, because nbval
skips PNG bytes but would compare SVG text, which changes between Graphviz versions.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

import graphviz

__all__ = [
    "INSTALL_HINT",
    "PLUMBING_OPS",
    "dot_available",
    "graph_to_dot",
    "model_to_digraph",
    "render_png",
    "to_image",
]

INSTALL_HINT = (
    "Graphviz's 'dot' program was not found, so the graph cannot be drawn; install Graphviz "
    "(sudo apt-get install graphviz / brew install graphviz / "
    "conda install -c conda-forge graphviz) and restart the kernel."
)

# Ops that `tf.function` adds around the user's computation: an Identity per output and NoOps
# for control dependencies. Hiding them makes a traced graph read like the TF1 one.
PLUMBING_OPS = frozenset({"Identity", "NoOp"})

_RANKDIRS = ("TB", "LR", "BT", "RL")
_FONT = {"fontname": "Helvetica", "fontsize": "12"}
_STYLE = {
    "Const": {"shape": "box", "style": "rounded,filled", "fillcolor": "#e8f0fe"},
    "Placeholder": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fff4d6"},
}
_OP_STYLE = {"shape": "ellipse", "style": "filled", "fillcolor": "#f5f5f5"}


def _new_digraph(name: str, rankdir: str) -> graphviz.Digraph:
    if rankdir not in _RANKDIRS:
        raise ValueError(f"rankdir must be one of {_RANKDIRS}; got {rankdir!r}")
    return graphviz.Digraph(
        name=name, graph_attr={"rankdir": rankdir}, node_attr=dict(_FONT), edge_attr=dict(_FONT)
    )


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


def graph_to_dot(
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

    Each node's label is ``name`` and op type (constants: their value), each edge's label the
    tensor's dtype and shape; control dependencies are dashed edges without a label.
    """
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a str or None; got {type(name).__name__}")
    if (
        isinstance(max_const_elements, bool)
        or not isinstance(max_const_elements, int)
        or max_const_elements < 1
    ):
        raise ValueError(f"max_const_elements must be a positive int; got {max_const_elements!r}")
    graph = _resolve_graph(graph_or_function, args)
    dot = _new_digraph(name or "tf_graph", rankdir)

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
    return dot


def _layer_label(layer, shapes) -> str:
    kind = type(layer).__name__
    activation = getattr(getattr(layer, "activation", None), "__name__", None)
    if activation and activation != "linear":
        kind = f"{kind} ({activation})"
    shape_text = ", ".join(str(tuple(s)) for s in shapes)
    lines = [layer.name, kind] + ([shape_text] if shape_text else [])
    return graphviz.escape("\n".join(lines)).replace("\n", "\\n")


def model_to_digraph(model, *, name: str | None = None, rankdir: str = "TB") -> graphviz.Digraph:
    """Build a diagram of a functional or Sequential Keras model: one node per layer.

    Each node shows the layer's name, its class (with the activation, if any) and its output
    shape; edges follow the connectivity from the model's inputs to its outputs. It needs no
    pydot, unlike ``keras.utils.plot_model``.
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
    except AttributeError:
        outputs = []
    if not outputs:
        raise ValueError(
            f"model {model.name!r} has no defined inputs and outputs; build it from "
            "keras.Input(...) (a subclassed model cannot be drawn layer by layer)"
        )

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

    # Draw in the model's own order (inputs first) so the DOT text is stable.
    position = {id(layer): i for i, layer in enumerate(model.layers)}
    order.sort(key=lambda layer: (id(layer) in position, position.get(id(layer), 0)))
    dot = _new_digraph(name or model.name, rankdir)
    for layer in order:
        style = _STYLE["Placeholder"] if type(layer).__name__ == "InputLayer" else {"shape": "box"}
        dot.node(_node_id(layer.name), _layer_label(layer, shapes[id(layer)]), **style)
        for src in inbound.get(id(layer), []):
            dot.edge(_node_id(src.name), _node_id(layer.name))
    return dot


def _check_dot(dot) -> None:
    if not isinstance(dot, graphviz.graphs.BaseGraph):
        raise TypeError(
            f"dot must be a graphviz.Digraph (from graph_to_dot or model_to_digraph); "
            f"got {type(dot).__name__}"
        )


def render_png(dot, *, dpi: int | None = None) -> bytes:
    """Render a diagram to PNG bytes with Graphviz's ``dot`` program.

    Raises a RuntimeError naming the install command when ``dot`` is missing, instead of
    the backend's traceback.
    """
    _check_dot(dot)
    if dpi is not None:
        if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi < 1:
            raise ValueError(f"dpi must be a positive int or None; got {dpi!r}")
        # Work on a copy so rendering leaves the caller's diagram as it was built.
        dot = dot.copy()
        dot.graph_attr["dpi"] = str(dpi)
    try:
        return dot.pipe(format="png")
    except graphviz.ExecutableNotFound:
        raise RuntimeError(INSTALL_HINT) from None


def to_image(dot, *, dpi: int | None = None):
    """Render a diagram as an ``IPython.display.Image`` (PNG), for a notebook cell."""
    from IPython.display import Image

    return Image(data=render_png(dot, dpi=dpi), format="png")


def dot_available() -> bool:
    """Whether Graphviz's ``dot`` program can be run (what `render_png` needs)."""
    try:
        graphviz.version()
    except (graphviz.ExecutableNotFound, subprocess.CalledProcessError, OSError):
        return False
    return True
