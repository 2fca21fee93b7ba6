"""Tests of course_utils.fitting: build_for_fit and restart."""

from course_utils.fitting import build_for_fit, restart

import contextlib

import keras
import numpy as np
import pytest
import tensorflow as tf

RNG = np.random.default_rng(0)
X = RNG.normal(size=(40, 6)).astype("float32")
Y = (X[:, 0] > 0).astype("int32") + (X[:, 1] > 0).astype("int32")  # three classes


def model_with_every_kind_of_state(seed: int = 1) -> keras.Model:
    """Dropout draws from the random state, batch norm moves statistics, L2 adds a loss."""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((6,)),
            keras.layers.Dense(
                16, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-3)
            ),
            keras.layers.BatchNormalization(),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


@contextlib.contextmanager
def new_variables():
    """The names of the variables created inside the block, in a list filled as they are."""
    created = []

    def record(next_creator, **kwargs):
        created.append(kwargs.get("name"))
        return next_creator(**kwargs)

    with tf.variable_creator_scope(record):
        yield created


def fit_recording_new_variables(model: keras.Model) -> tuple[dict, list[str]]:
    with new_variables() as created:
        history = model.fit(
            X, Y, batch_size=10, epochs=3, shuffle=False, verbose=0, validation_data=(X[:8], Y[:8])
        )
    return history.history, created


def test_fit_creates_no_variable_after_it():
    model = build_for_fit(model_with_every_kind_of_state(), X, Y)
    _, created = fit_recording_new_variables(model)
    assert created == []


def test_without_it_fit_creates_variables_while_tracing():
    # the reason the helper exists; if a Keras release builds these before tracing, this fails
    # and build_for_fit has become unnecessary
    _, created = fit_recording_new_variables(model_with_every_kind_of_state())
    assert created, "Keras no longer creates variables inside fit's first trace"


def test_training_is_unchanged():
    plain, built = model_with_every_kind_of_state(), model_with_every_kind_of_state()
    assert build_for_fit(built, X, Y) is built
    history_plain, _ = fit_recording_new_variables(plain)
    history_built, _ = fit_recording_new_variables(built)
    assert history_built == history_plain
    for a, b in zip(plain.get_weights(), built.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)  # moving statistics and optimizer steps included
    assert int(built.optimizer.iterations) == int(plain.optimizer.iterations) == 12


def test_binary_targets_as_a_column():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(0.1, momentum=0.9), loss="binary_crossentropy")
    y = (X[:, :1] > 0).astype("float32")
    build_for_fit(model, X, y)
    with new_variables() as created:
        model.fit(X, y, epochs=1, verbose=0)
    assert created == []


def small_model(rate: float = 0.05) -> keras.Model:
    keras.utils.set_random_seed(3)
    model = keras.Sequential(
        [
            keras.Input((6,)),
            keras.layers.Dense(8, activation="tanh"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(rate, momentum=0.9), loss="sparse_categorical_crossentropy"
    )
    return model


@pytest.mark.parametrize(
    "make",
    [
        lambda rate: keras.optimizers.SGD(rate, momentum=0.9),
        keras.optimizers.RMSprop,
        keras.optimizers.Adam,
        keras.optimizers.AdamW,
    ],
    ids=["SGD with momentum", "RMSprop", "Adam", "AdamW"],
)
def test_restart_trains_as_a_new_model_would(make):
    def compiled(rate):
        model = small_model()
        model.compile(optimizer=make(rate), loss="sparse_categorical_crossentropy")
        return model

    reused = compiled(0.01)
    start = reused.get_weights()
    reused.fit(X, Y, batch_size=10, epochs=2, shuffle=False, verbose=0)  # moves every variable
    assert restart(reused, start, 0.05) is reused
    assert int(reused.optimizer.iterations) == 0
    assert float(reused.optimizer.learning_rate) == pytest.approx(0.05)
    fresh = compiled(0.05)
    histories = [
        model.fit(X, Y, batch_size=10, epochs=3, shuffle=False, verbose=0).history
        for model in (reused, fresh)
    ]
    assert histories[0] == histories[1]
    for a, b in zip(reused.get_weights(), fresh.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_restart_refuses_a_schedule():
    model = small_model()
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    model.compile(optimizer=keras.optimizers.SGD(schedule), loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match="model's optimizer must have a plain learning rate"):
        restart(model, model.get_weights(), 0.1)


@pytest.mark.parametrize(
    ("weights", "rate", "error", "message"),
    [
        (
            lambda w: w[:-1],
            0.1,
            ValueError,
            r"weights must match the model's weights.*expected shapes \[\(6, 8\), \(8,\), "
            r"\(8, 3\), \(3,\)\], got \[\(6, 8\), \(8,\), \(8, 3\)\]",
        ),
        (lambda w: [w[0].T, *w[1:]], 0.1, ValueError, r"got \[\(8, 6\),"),
        (lambda w: w, 0.0, ValueError, "learning_rate must be a finite number > 0; got 0.0"),
        (
            lambda w: w,
            "0.1",
            TypeError,
            "learning_rate must be a finite number > 0; got '0.1' \\(str\\)",
        ),
    ],
)
def test_restart_names_bad_arguments(weights, rate, error, message):
    model = small_model()
    with pytest.raises(error, match=message):
        restart(model, weights(model.get_weights()), rate)


@pytest.mark.parametrize("optimizer", [keras.optimizers.Adagrad(0.1), keras.optimizers.Nadam(0.1)])
def test_restart_refuses_an_optimizer_whose_fresh_state_is_not_zero(optimizer):
    model = small_model()
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    name = type(optimizer).__name__
    with pytest.raises(ValueError, match=f"must be SGD, RMSprop, Adam or AdamW.*got {name}"):
        restart(model, model.get_weights(), 0.1)


def test_restart_needs_a_compiled_model():
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(3)])
    with pytest.raises(ValueError, match="model must be compiled before restart"):
        restart(model, model.get_weights(), 0.1)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("not a model", X, Y), TypeError, "model must be a keras.Model; got str"),
        (
            (keras.Sequential([keras.Input((6,)), keras.layers.Dense(3)]), X, Y),
            ValueError,
            r"model must be compiled before build_for_fit: call model.compile",
        ),
        ((None, X[:0], Y[:0]), ValueError, r"x must hold at least one example; got shape \(0, 6\)"),
        ((None, X, 3), ValueError, r"y must hold at least one example; got shape \(\)"),
        (
            (None, X, Y[:5]),
            ValueError,
            "x and y must hold the same number of examples; got 40 and 5",
        ),
    ],
)
def test_bad_arguments_are_named(args, error, message):
    model, x, y = args
    with pytest.raises(error, match=message):
        build_for_fit(model_with_every_kind_of_state() if model is None else model, x, y)
