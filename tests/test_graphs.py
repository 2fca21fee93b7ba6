"""Tests of course_utils.graphs: the structure of the built diagrams, and the errors."""

from __future__ import annotations

from course_utils import drawing, graphs

import re

import graphviz
import keras
import pytest
import tensorflow as tf

NODE = re.compile(r'^\t("(?:[^"\\]|\\.)*"|\S+) \[(.*)\]$')
EDGE = re.compile(r'^\t("(?:[^"\\]|\\.)*"|\S+) -> ("(?:[^"\\]|\\.)*"|\S+)(?: \[(.*)\])?$')
ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')


def _unquote(text: str) -> str:
    return text[1:-1] if text.startswith('"') else text


def structure(dot: graphviz.Digraph):
    """Nodes as {id: {attr: value}} and edges as [(tail, head, {attr: value})], from DOT text."""
    nodes, edges = {}, []
    for line in dot.body:
        line = line.rstrip("\n")
        if match := EDGE.match(line):
            attrs = {k: _unquote(v) for k, v in ATTR.findall(match[3] or "")}
            edges.append((_unquote(match[1]), _unquote(match[2]), attrs))
        elif match := NODE.match(line):
            nodes[_unquote(match[1])] = {k: _unquote(v) for k, v in ATTR.findall(match[2])}
    return nodes, edges


def pairs(edges):
    return sorted((tail, head) for tail, head, _ in edges)


@pytest.fixture
def graph_7776():
    with tf.Graph().as_default() as graph:
        x = tf.constant(2, name="x")
        y = tf.constant(3, name="y")
        tf.pow(tf.multiply(x, y), tf.add(x, y))
    return graph


@tf.function
def pow_mul_add(x, y):
    return tf.pow(tf.multiply(x, y), tf.add(x, y))


EXPECTED_7776 = [
    ("Add", "Pow"),
    ("Mul", "Pow"),
    ("x", "Add"),
    ("x", "Mul"),
    ("y", "Add"),
    ("y", "Mul"),
]


def test_7776_graph_nodes_labels_and_edges(graph_7776):
    nodes, edges = structure(graphs.graph_to_digraph(graph_7776, name="slides"))
    assert set(nodes) == {"x", "y", "Add", "Mul", "Pow"}
    assert nodes["x"]["label"] == r"x\nConst = 2"
    assert nodes["y"]["label"] == r"y\nConst = 3"
    # tf.add creates an op named Add whose type is AddV2.
    assert nodes["Add"]["label"] == r"Add\nAddV2"
    assert nodes["Pow"]["label"] == r"Pow\nPow"
    assert pairs(edges) == EXPECTED_7776
    assert {attrs["label"] for _, _, attrs in edges} == {"int32 ()"}


def test_auto_named_constants_of_tf1_add():
    with tf.Graph().as_default() as graph:
        tf.add(3, 5)
    nodes, edges = structure(graphs.graph_to_digraph(graph))
    assert set(nodes) == {"Add/x", "Add/y", "Add"}
    assert pairs(edges) == [("Add/x", "Add"), ("Add/y", "Add")]


def test_digraph_options(graph_7776):
    dot = graphs.graph_to_digraph(graph_7776, name="g", rankdir="TB")
    assert dot.name == "g"
    assert dot.graph_attr["rankdir"] == "TB"
    assert graphs.graph_to_digraph(graph_7776).name == "tf_graph"


def test_large_constant_shows_shape_small_one_its_value():
    with tf.Graph().as_default() as graph:
        tf.constant([[1.5, 2.0], [3.0, 4.0]], name="small")
        tf.constant(list(range(10)), name="big")
        tf.constant("a\\b", name="text")
    nodes, _ = structure(graphs.graph_to_digraph(graph, max_const_elements=4))
    assert nodes["small"]["label"] == r"small\nConst = [[1.5, 2. ],  [3. , 4. ]]"
    assert nodes["big"]["label"] == r"big\nConst = int32 (10,)"
    # The backslash is escaped so Graphviz draws it instead of reading an escape.
    assert nodes["text"]["label"] == r"text\nConst = b'a\\\\b'"
    nodes, _ = structure(graphs.graph_to_digraph(graph, max_const_elements=10))
    assert nodes["big"]["label"] == r"big\nConst = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"


def test_multi_output_op_and_control_dependency_edges():
    with tf.Graph().as_default() as graph:
        parts = tf.split(tf.constant([1.0, 2.0, 3.0, 4.0], name="v"), 2, name="split")
        gate = tf.constant(0, name="gate")
        with tf.control_dependencies([gate]):
            tf.identity(parts[1], name="second")
    _, edges = structure(graphs.graph_to_digraph(graph))
    labels = {(tail, head): attrs for tail, head, attrs in edges if tail == "split"}
    assert labels[("split", "second")] == {"label": ":1 float32 (2,)"}
    dashed = [(t, h) for t, h, attrs in edges if attrs.get("style") == "dashed"]
    assert dashed == [("gate", "second")]


def test_tf_function_traced_with_args_keeps_plumbing_by_default():
    dot = graphs.graph_to_digraph(pow_mul_add, args=(tf.constant(2), tf.constant(3)))
    nodes, edges = structure(dot)
    assert set(nodes) == {"x", "y", "Add", "Mul", "Pow", "Identity"}
    assert nodes["x"]["label"] == r"x\nPlaceholder"
    assert ("Pow", "Identity") in pairs(edges)


def test_tf_function_with_hidden_plumbing_reads_like_tf1(graph_7776):
    spec = tf.TensorSpec(shape=(), dtype=tf.int32)
    dot = graphs.graph_to_digraph(pow_mul_add, args=[spec, spec], hide_plumbing=True)
    nodes, edges = structure(dot)
    assert set(nodes) == {"x", "y", "Add", "Mul", "Pow"}
    assert pairs(edges) == EXPECTED_7776


def test_concrete_function_and_input_signature_function():
    concrete = pow_mul_add.get_concrete_function(tf.constant(2.0), tf.constant(3.0))
    nodes, edges = structure(graphs.graph_to_digraph(concrete, hide_plumbing=True))
    assert {attrs["label"] for _, _, attrs in edges} == {"float32 ()"}

    @tf.function(input_signature=[tf.TensorSpec(shape=(None,), dtype=tf.float32)])
    def double(v):
        return 2.0 * v

    nodes, edges = structure(graphs.graph_to_digraph(double))
    assert ("v", "mul", {"label": "float32 (None,)"}) in edges


def test_hidden_identity_is_bypassed_and_noop_dropped():
    @tf.function
    def with_identity(v):
        w = tf.identity(v * 2.0, name="middle")
        with tf.control_dependencies([tf.no_op(name="barrier")]):
            return w + 1.0

    dot = graphs.graph_to_digraph(with_identity, args=(tf.constant(1.0),), hide_plumbing=True)
    nodes, edges = structure(dot)
    assert not {"middle", "barrier", "Identity"} & set(nodes)
    assert ("mul", "add") in pairs(edges)


@pytest.mark.parametrize(
    ("bad", "kwargs", "error", "match"),
    [
        ([1, 2], {}, TypeError, "graph_or_function must be a tf.Graph.*got list"),
        (3, {}, TypeError, "graph_or_function must be .*got int"),
        (lambda x: x, {}, TypeError, "plain Python callable.*tf.function"),
        (pow_mul_add, {}, TypeError, "could not trace 'pow_mul_add'.*args="),
        (pow_mul_add, {"args": tf.constant(1)}, TypeError, "args must be a tuple or list"),
        (None, {"max_const_elements": 0}, ValueError, "max_const_elements must be an int >= 1"),
        (None, {"max_const_elements": True}, TypeError, r"max_const_elements .*got True \(bool\)"),
        (None, {"max_const_elements": 2.5}, TypeError, "max_const_elements must be an int"),
        (None, {"name": 7}, TypeError, "name must be a str"),
        (None, {"rankdir": "up"}, ValueError, "rankdir must be one of"),
        (None, {"args": (1,)}, ValueError, "args only applies to a tf.function"),
    ],
)
def test_graph_to_digraph_bad_input(graph_7776, bad, kwargs, error, match):
    with pytest.raises(error, match=match):
        graphs.graph_to_digraph(graph_7776 if bad is None else bad, **kwargs)


def test_model_to_digraph_functional_two_inputs():
    a = keras.Input((1,), name="a")
    b = keras.Input((1,), name="b")
    model = keras.Model([a, b], keras.layers.Add(name="sum")([a, b]), name="adder")
    dot = graphs.model_to_digraph(model)
    nodes, edges = structure(dot)
    assert list(nodes) == ["a", "b", "sum"]
    assert nodes["sum"]["label"] == r"sum\nAdd\n(None, 1)"
    assert nodes["a"]["label"] == r"a\nInputLayer\n(None, 1)"
    assert [(t, h) for t, h, _ in edges] == [("a", "sum"), ("b", "sum")]
    assert dot.name == "adder"


def test_model_to_digraph_sequential_mlp_with_activations():
    model = keras.Sequential(
        [
            keras.Input((2,), name="features"),
            keras.layers.Dense(4, activation="relu", name="hidden"),
            keras.layers.Dense(1, name="score"),
        ],
        name="mlp",
    )
    nodes, edges = structure(graphs.model_to_digraph(model, name="net", rankdir="LR"))
    assert list(nodes) == ["features", "hidden", "score"]
    assert nodes["hidden"]["label"] == r"hidden\nDense (relu)\n(None, 4)"
    # A linear activation is the default and is not worth a word on the diagram.
    assert nodes["score"]["label"] == r"score\nDense\n(None, 1)"
    assert [(t, h) for t, h, _ in edges] == [("features", "hidden"), ("hidden", "score")]


def test_model_to_digraph_shared_layer_and_awkward_name():
    x = keras.Input((3,), name="x")
    shared = keras.layers.Dense(3, name="odd:name")
    model = keras.Model(x, shared(shared(x)), name="twice")
    nodes, edges = structure(graphs.model_to_digraph(model))
    assert list(nodes) == ["x", "odd_name"]
    assert nodes["odd_name"]["label"] == r"odd:name\nDense\n(None, 3)"
    assert sorted((t, h) for t, h, _ in edges) == [("odd_name", "odd_name"), ("x", "odd_name")]


def test_model_to_digraph_diamond_lists_each_layer_once():
    x = keras.Input((2,), name="x")
    left = keras.layers.Dense(2, name="left")(x)
    right = keras.layers.Dense(2, name="right")(x)
    model = keras.Model(x, keras.layers.Add(name="join")([left, right]))
    nodes, edges = structure(graphs.model_to_digraph(model))
    assert list(nodes) == ["x", "left", "right", "join"]
    assert pairs(edges) == [("left", "join"), ("right", "join"), ("x", "left"), ("x", "right")]


class _Subclassed(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)

    def call(self, inputs):
        return self.dense(inputs)


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: [keras.layers.Dense(1)], TypeError, "model must be a keras.Model.*got list"),
        (lambda: keras.Sequential(), ValueError, "has no layers"),
        (lambda: keras.Sequential([keras.layers.Dense(1)]), ValueError, "keras.Input"),
        (_Subclassed, ValueError, "no defined inputs"),
    ],
)
def test_model_to_digraph_bad_input(make, error, match):
    with pytest.raises(error, match=match):
        graphs.model_to_digraph(make())


def test_rendering_is_reexported_from_its_one_home():
    for name in ("INSTALL_HINT", "dot_available", "render_png", "to_image"):
        assert getattr(graphs, name) is getattr(drawing, name)
