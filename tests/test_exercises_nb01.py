"""Exercises of notebook 01: each check accepts the solution, reports the placeholder as not
attempted, and answers typical wrong answers with their own hint."""

from course_utils.exercises import evaluate, nb01

import numpy as np
import pytest
import tensorflow as tf


def hint(exercise_id, answer):
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "incorrect", f"{answer!r} was accepted"
    return verdict.hint


# 01.1 -- node names


def test_node_names_from_a_real_graph_are_accepted():
    with tf.Graph().as_default() as graph:
        tf.add(1, 2)
        tf.add(3, 4)
        tf.multiply(5, 6)
    names = [op.name for op in graph.get_operations()]
    assert names == nb01.NODE_NAMES
    assert evaluate("01.1", names).status == "correct"
    assert evaluate("01.1", tuple(names)).status == "correct"


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (["Add", "Add_1", "Mul"], "Const node of its own"),
        (["Add/x", "Add/y", "Add", "Add/x", "Add/y", "Add_1", "Mul/x", "Mul/y", "Mul"],
         "own name scope"),
        (["Add/x", "Add/y", "Add", "Add/x_1", "Add/y_1", "Add_1", "Mul/x", "Mul/y", "Mul"],
         "not Add/x_1"),
        (["Add/x", "Add/y", "Add", "Add_1/x", "Add_1/y", "Add_1", "Mul_2/x", "Mul_2/y", "Mul_2"],
         "same name only"),
        (["Const", "Const_1", "AddV2", "Const_2", "Const_3", "AddV2_1", "Const_4", "Const_5",
          "Mul"], "op types"),
        (["Add", "Add/x", "Add/y", "Add_1", "Add_1/x", "Add_1/y", "Mul", "Mul/x", "Mul/y"],
         "wrong order"),
        (["Add/x", "Add/y", "Add"], "missing ['Add_1/x'"),
        (["Add_0/x", "Add_0/y", "Add_0", "Add1/x", "Add1/y", "Add1", "Mul/x", "Mul/y", "Mul"],
         "gets the suffix _1"),
        (["Add/x", "Add/y", "Add", "Add_1/x", "Add_1/y", "Add_1", "Multiply/x", "Multiply/y",
          "Multiply"], "named after its type"),
        ("Add/x, Add/y, Add", "list of node names"),
        ([1, 2, 3], "in quotes"),
    ],
)
def test_node_name_mistakes(answer, fragment):
    assert fragment in hint("01.1", answer)


def test_tensor_names_get_drop_the_suffix():
    tensor_names = [f"{name}:0" for name in nb01.NODE_NAMES]
    assert hint("01.1", tensor_names).startswith("drop the :0: 'Add/x:0' names the first output")
    assert "missing" not in hint("01.1", tensor_names)
    reordered = tensor_names[2:3] + tensor_names[:2] + tensor_names[3:]
    assert "; then: the right names in the wrong order" in hint("01.1", reordered)


def test_code_at_the_start_of_a_hint_keeps_its_case():
    multiply = nb01.NODE_NAMES[:6] + ["Multiply/x", "Multiply/y", "Multiply"]
    assert ". tf.multiply creates an op of type Mul" in evaluate("01.1", multiply).line
    assert ". x² is x**2 (or x * x)" in evaluate("01.2", [13.0, 32.0, 57.0]).line


# 01.2 -- f(x, y) = x² + 3xy in a session


def test_session_values_are_accepted():
    with tf.Graph().as_default() as graph:
        x = tf.compat.v1.placeholder(tf.float32, shape=(None,))
        y = tf.compat.v1.placeholder(tf.float32, shape=(None,))
        f = x**2 + 3.0 * x * y
        assert "symbolic tensor" in hint("01.2", f)
    with tf.compat.v1.Session(graph=graph) as sess:
        values = sess.run(f, feed_dict={x: nb01.XS, y: nb01.YS})
    assert evaluate("01.2", values).status == "correct"
    assert evaluate("01.2", [13, 34, 63]).status == "correct"  # a list of ints passes too


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        ([28.0, 55.0, 90.0], "swapped"),
        ([13.0, 32.0, 57.0], "you used x"),
        ([14.0, 34.0, 60.0], "x * 2 doubles"),
        ([16.0, 50.0, 108.0], "brackets"),
        ([13.0, 34.0], "shape (2,)"),
        ([-13.0, -34.0, -63.0], "wrong sign"),
        (None, "print(x) shows x but returns None"),
    ],
)
def test_session_value_mistakes(answer, fragment):
    assert fragment in hint("01.2", answer)


# 01.3 -- counting traces


def test_trace_count_matches_tensorflow():
    @tf.function
    def double(v):
        return v * 2

    for arg in eval(f"[{nb01.RETRACE_CALLS}]", {"tf": tf}):  # the calls the notebook makes
        double(arg)
    traces = double.experimental_get_tracing_count()
    assert traces == nb01.TRACES
    assert evaluate("01.3", traces).status == "correct"
    assert evaluate("01.3", np.int64(4)).status == "correct"


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (6, "not every call traces"),
        (5, "one too many"),
        (3, "one too few"),
        (2, "dtype and shape"),
        ("5", "as an integer"),
        (True, "as an integer"),
    ],
)
def test_trace_count_mistakes(answer, fragment):
    assert fragment in hint("01.3", answer)
