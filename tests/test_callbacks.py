"""Tests of course_utils.callbacks.WeightHistory."""

from course_utils.callbacks import WeightHistory

import keras
import numpy as np
import pytest

X = np.array([[2.0, 0.0], [5.0, -2.0], [-2.0, 2.0], [-1.0, -3.0]])
Y = np.array([-1.0, -1.0, 1.0, 1.0])


def linear_model(seed: int = 0) -> keras.Model:
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, name="score")])
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(learning_rate=0.01))
    return model


def test_records_one_entry_per_epoch_with_logs():
    model = linear_model()
    history = WeightHistory()
    fit = model.fit(X, Y, epochs=5, verbose=0, callbacks=[history])
    assert len(history.weights) == len(history.logs) == 5
    assert history.epochs == [1, 2, 3, 4, 5]
    kernel, bias = history.weights[0]
    assert kernel.shape == (2, 1) and bias.shape == (1,)
    assert [logs["loss"] for logs in history.logs] == pytest.approx(fit.history["loss"])
    for got, final in zip(history.weights[-1], model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, final)


def test_same_weights_as_the_slides_loop_of_single_epoch_fits():
    # shuffle=False: shuffling the single batch reorders the float32 sum of the four errors,
    # and the two runs draw different permutations, which can flip the last bit.
    # Ten epochs, not the slides' fifty: every epoch runs the same ops, so a difference shows in
    # the first ones, and each single-epoch fit spends a quarter of a second building its data.
    epochs = 10
    looped = linear_model(seed=7)
    start = looped.get_weights()
    loop_weights = []
    for _ in range(epochs):
        looped.fit(X, Y, epochs=1, shuffle=False, verbose=0)
        loop_weights.append(looped.get_weights())

    once = linear_model(seed=123)
    once.set_weights(start)
    history = WeightHistory()
    once.fit(X, Y, epochs=epochs, shuffle=False, verbose=0, callbacks=[history])

    assert len(history.weights) == epochs
    for epoch, (a, b) in enumerate(zip(loop_weights, history.weights, strict=True), start=1):
        for left, right in zip(a, b, strict=True):
            np.testing.assert_array_equal(left, right, err_msg=f"epoch {epoch}")


def test_entries_are_copies_not_references():
    model = linear_model()
    history = WeightHistory()
    model.fit(X, Y, epochs=3, verbose=0, callbacks=[history])
    first = [w.copy() for w in history.weights[0]]
    assert not np.array_equal(history.weights[0][0], history.weights[-1][0])
    model.fit(X, Y, epochs=2, verbose=0)  # trains on without the callback
    model.set_weights([np.zeros((2, 1)), np.zeros(1)])
    for got, expected in zip(history.weights[0], first, strict=True):
        np.testing.assert_array_equal(got, expected)
    history.weights[1][0][:] = 99.0
    assert not np.any(history.weights[2][0] == 99.0)


def test_state_is_reset_on_a_second_fit():
    model = linear_model()
    history = WeightHistory()
    model.fit(X, Y, epochs=4, verbose=0, callbacks=[history])
    model.fit(X, Y, epochs=2, verbose=0, callbacks=[history])
    assert len(history.weights) == len(history.logs) == 2
    assert history.epochs == [1, 2]
    for got, final in zip(history.weights[-1], model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, final)


def test_record_initial_prepends_the_untrained_weights():
    model = linear_model()
    start = model.get_weights()
    history = WeightHistory(record_initial=True)
    model.fit(X, Y, epochs=3, verbose=0, callbacks=[history])
    assert history.epochs == [0, 1, 2, 3]
    assert len(history.weights) == len(history.logs) == 4
    assert history.logs[0] == {} and "loss" in history.logs[1]
    for got, expected in zip(history.weights[0], start, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_record_initial_honours_initial_epoch():
    model = linear_model()
    history = WeightHistory(record_initial=True)
    model.fit(X, Y, epochs=5, initial_epoch=3, verbose=0, callbacks=[history])
    assert history.epochs == [3, 4, 5]


def test_model_without_weights_is_rejected_at_train_begin():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Activation("relu", name="relu")])
    model.compile(loss="mse", optimizer="sgd")
    with pytest.raises(ValueError, match="WeightHistory needs a model with weights"):
        model.fit(X, np.zeros((4, 2)), epochs=1, verbose=0, callbacks=[WeightHistory()])


def test_record_initial_must_be_bool():
    with pytest.raises(TypeError, match="record_initial must be True or False; got 'yes'"):
        WeightHistory(record_initial="yes")
