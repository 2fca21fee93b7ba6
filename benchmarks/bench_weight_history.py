"""How much faster is one ``fit(epochs=50)`` with ``WeightHistory`` than the slides' loop?

The lecture records the linear classifier's weights by calling ``fit(epochs=1)`` and
``predict`` fifty times. Notebook 02 replaces that with one ``fit(epochs=50)`` and the
``course_utils.callbacks.WeightHistory`` callback. This benchmark times both from identical
initial weights on the four toy points, checks they record identical weights, and times two
more variants that explain where the time goes:

- ``fair_loop``: the loop with ``predict_on_batch`` instead of ``predict``: the same numbers
  without building a ``predict`` input pipeline every epoch.
- ``dataset_callback``: the callback run fed from a repeated ``tf.data`` dataset with
  ``steps_per_epoch=1``. Keras turns numpy inputs into a ``tf.data`` pipeline and makes a new
  iterator over it at the start and again at the end of every epoch; creating one costs tens
  of milliseconds (far more than the training step on four points), so that, not ``fit``'s
  own set-up, is what dominates both the loop and ``fit(epochs=50)`` on arrays. An infinite
  dataset keeps one iterator for the whole run.

Functions are traced before timing (warm state): tracing costs the same once for every
variant and is not what the comparison is about.

Run it as a script (``python benchmarks/bench_weight_history.py``) or call ``run()``.
"""

from __future__ import annotations

import json
import statistics
import time

import numpy as np

__all__ = ["run"]

EPOCHS = 50


def _model():
    import keras

    model = keras.Sequential(
        [keras.Input((2,), name="features"), keras.layers.Dense(1, name="score")],
        name="linear_classifier",
    )
    model.compile(loss="mse", optimizer="sgd")
    return model


def _slides_loop(model, X, y, predict):
    """The lecture's loop: one epoch of training, then predictions and accuracy, 50 times."""
    weights = []
    for _ in range(EPOCHS):
        model.fit(X, y, epochs=1, shuffle=False, verbose=0)
        scores = predict(X).ravel()
        np.mean(np.sign(scores) == y)  # the accuracy the slides print each epoch
        weights.append(model.get_weights())
    return weights


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run(repeats: int = 3) -> dict:
    """Time the slides' loop against one fit with WeightHistory; return the figures.

    Keys: ``weight_history_speedup`` (median over repeats of loop / callback time, the
    slides' loop being the reference), ``loop_seconds`` and ``callback_seconds`` (medians),
    ``weights_identical`` (every repeat recorded bit-identical weights both ways),
    ``fair_loop_seconds`` and ``fair_speedup`` (loop with ``predict_on_batch``),
    ``dataset_callback_seconds`` and ``dataset_speedup`` (callback run on a repeated
    ``tf.data`` dataset, against the slides' loop), ``epochs`` and ``repeats``.
    """
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a positive int; got {repeats!r}")
    from course_utils.callbacks import WeightHistory
    from course_utils.datasets import load_toy_points
    from course_utils.setup import seed_everything

    import tensorflow as tf

    seed_everything(42)
    X, y = load_toy_points()
    model = _model()
    start = model.get_weights()
    # float32 as Keras trains in; the same dtype keeps the traced train function reusable.
    tensors = (X.astype("float32"), y.astype("float32"))
    dataset = tf.data.Dataset.from_tensor_slices(tensors).batch(len(X)).repeat()

    def loop():
        return _slides_loop(model, X, y, lambda data: model.predict(data, verbose=0))

    def fair_loop():
        return _slides_loop(model, X, y, model.predict_on_batch)

    def callback(data=None):
        history = WeightHistory()
        options = {"epochs": EPOCHS, "shuffle": False, "verbose": 0, "callbacks": [history]}
        if data is None:
            model.fit(X, y, **options)
        else:
            model.fit(data, steps_per_epoch=1, **options)
        return history.weights

    # Warm-up: trace the train and predict functions for both kinds of input.
    model.fit(X, y, epochs=1, shuffle=False, verbose=0)
    model.fit(dataset, epochs=1, steps_per_epoch=1, shuffle=False, verbose=0)
    model.predict(X, verbose=0)
    model.predict_on_batch(X)

    times = {"loop": [], "fair_loop": [], "callback": [], "dataset_callback": []}
    identical = True
    variants = {
        "loop": loop,
        "fair_loop": fair_loop,
        "callback": callback,
        "dataset_callback": lambda: callback(dataset),
    }
    for _ in range(repeats):
        recorded = {}
        for name, fn in variants.items():
            model.set_weights(start)
            seconds, recorded[name] = _timed(fn)
            times[name].append(seconds)
        reference = recorded["loop"]
        for name in ("fair_loop", "callback", "dataset_callback"):
            identical &= all(
                np.array_equal(a, b)
                for got, want in zip(recorded[name], reference, strict=True)
                for a, b in zip(got, want, strict=True)
            )

    def ratio(slow, fast):
        return statistics.median(s / f for s, f in zip(times[slow], times[fast], strict=True))

    median = {name: statistics.median(t) for name, t in times.items()}
    return {
        "weight_history_speedup": ratio("loop", "callback"),
        "loop_seconds": median["loop"],
        "callback_seconds": median["callback"],
        "weights_identical": bool(identical),
        "fair_loop_seconds": median["fair_loop"],
        "fair_speedup": ratio("fair_loop", "callback"),
        "dataset_callback_seconds": median["dataset_callback"],
        "dataset_speedup": ratio("loop", "dataset_callback"),
        "epochs": EPOCHS,
        "repeats": repeats,
    }


if __name__ == "__main__":
    figures = run()
    print(json.dumps(figures, indent=2))
    print(
        f"one fit(epochs={EPOCHS}) + WeightHistory is {figures['weight_history_speedup']:.1f}x "
        f"faster than the slides' loop ({figures['loop_seconds']:.2f} s -> "
        f"{figures['callback_seconds']:.2f} s); fed from a repeated tf.data dataset it is "
        f"{figures['dataset_speedup']:.1f}x faster; weights identical: "
        f"{figures['weights_identical']}"
    )
