"""Spend less of ``model.fit``'s time tracing: one trace per model, and one model per sweep.

With the TensorFlow backend and no distribution strategy, Keras creates the optimizer's slot
variables (Adam's moments, momentum's velocity), the compiled metrics' totals and, for a model
with several losses, the per-loss trackers *inside* the first trace of the training step. A
``tf.function`` that creates variables on its first call is traced a second time, so every new
model pays for two traces of its training step: about half a second each on two cores for the
course's models, more than the training itself for most of them. :func:`build_for_fit` creates
those variables beforehand, on one example, so that ``fit`` traces once. It changes no number:
the slots start at the same values either way, and ``fit`` resets the metrics at the start of
every epoch.

A sweep over learning rates need not build and trace a model per rate either: :func:`restart`
puts a compiled model back to given weights with a fresh optimizer at another rate, so the
next ``fit`` runs the graph already traced and trains as a new model would (for the optimizers
and models ``restart`` accepts).
"""

from __future__ import annotations

import keras
import numpy as np

from ._checks import check_real

__all__ = ["build_for_fit", "restart"]


def build_for_fit(model: keras.Model, x, y) -> keras.Model:
    """Create the variables ``model.fit`` would create while tracing its first step.

    Parameters
    ----------
    model : keras.Model
        A compiled model (``model.compile(optimizer=..., loss=...)`` already called).
    x, y : array-like
        Inputs and targets in the form ``fit`` will receive them; only the first example of
        each is used.

    Returns
    -------
    keras.Model
        ``model`` itself, so that a function that builds a model can end with
        ``return build_for_fit(model, x, y)``.

    Raises
    ------
    TypeError
        If ``model`` is not a ``keras.Model``.
    ValueError
        If ``model`` is not compiled, if ``x`` or ``y`` holds no example, or if they hold
        different numbers of examples.

    Notes
    -----
    The model is called once in inference mode, so no dropout mask is drawn from the random
    state and no batch-normalisation statistic moves: training afterwards gives the same
    weights and the same history as without this call.
    """
    _check_compiled(model, "build_for_fit")
    x, y = np.asarray(x), np.asarray(y)
    for name, values in (("x", x), ("y", y)):
        if values.ndim == 0 or len(values) == 0:
            raise ValueError(f"{name} must hold at least one example; got shape {values.shape}")
    if len(x) != len(y):
        raise ValueError(
            f"x and y must hold the same number of examples; got {len(x)} and {len(y)}"
        )
    x_one, y_one = x[:1], y[:1]
    y_pred = model(x_one, training=False)
    model.compute_metrics(x_one, y_one, y_pred, sample_weight=None)
    model.compute_loss(x_one, y_one, y_pred)
    model.optimizer.build(model.trainable_variables)
    return model


def restart(model: keras.Model, weights, learning_rate: float) -> keras.Model:
    """Put a compiled model back to ``weights``, with a fresh optimizer at ``learning_rate``.

    Every optimizer variable (the step count, the moment estimates or velocities) is set to
    zero, which is a new optimizer's state for SGD (with or without momentum), RMSprop, Adam
    and AdamW; ``restart`` refuses other optimizers, whose accumulators start elsewhere
    (Adagrad's at 0.1, for instance). The rate is then set. The next ``fit`` reuses the graph
    already traced, and trains exactly as a new model with these weights and a new optimizer
    of the same kind would, provided the model has no random layers (a ``Dropout`` layer's
    random state is not among its weights and is not reset) and the data pipeline is seeded
    the same way.

    Parameters
    ----------
    model : keras.Model
        A compiled model whose optimizer is SGD, RMSprop, Adam or AdamW with a plain learning
        rate, not a schedule.
    weights : list of numpy.ndarray
        As ``model.get_weights()`` returns them, for instance before the first ``fit``.
    learning_rate : float
        The new rate, > 0.

    Returns
    -------
    keras.Model
        ``model`` itself.

    Raises
    ------
    TypeError
        If ``model`` is not a ``keras.Model``, or ``learning_rate`` is not a real number.
    ValueError
        If ``model`` is not compiled, its optimizer is of another kind or follows a
        learning-rate schedule, ``weights`` does not match the model's weights, or
        ``learning_rate`` is not > 0.
    """
    _check_compiled(model, "restart")
    learning_rate = check_real(learning_rate, "learning_rate", low=0, low_open=True)
    optimizer = model.optimizer
    if not isinstance(optimizer, _RESTARTABLE):  # AdamW is an Adam
        raise ValueError(
            "model's optimizer must be SGD, RMSprop, Adam or AdamW, whose fresh state is all "
            f"zeros; got {type(optimizer).__name__}: compile a new model instead"
        )
    if not isinstance(optimizer.learning_rate, keras.Variable):  # a schedule's value
        raise ValueError(
            "model's optimizer must have a plain learning rate, not a schedule: restart sets "
            "the rate, which a schedule computes from the step count"
        )
    expected = [tuple(w.shape) for w in model.weights]
    got = [tuple(np.shape(w)) for w in weights]
    if got != expected:
        raise ValueError(
            f"weights must match the model's weights, as model.get_weights() returns them; "
            f"expected shapes {expected}, got {got}"
        )
    model.set_weights(weights)
    for variable in optimizer.variables:  # step count, rate, moments or velocities
        variable.assign(np.zeros(variable.shape, dtype=variable.dtype))
    optimizer.learning_rate.assign(learning_rate)
    return model


_RESTARTABLE = (keras.optimizers.SGD, keras.optimizers.RMSprop, keras.optimizers.Adam)


def _check_compiled(model, caller: str) -> None:
    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; got {type(model).__name__}")
    if not model.compiled or model.optimizer is None:
        raise ValueError(
            f"model must be compiled before {caller}: call "
            "model.compile(optimizer=..., loss=...) first"
        )
