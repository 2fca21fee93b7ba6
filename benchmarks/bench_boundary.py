"""How much does drawing decision regions cost compared with one forward pass of the model?

``plot_decision_boundary`` predicts its whole 200 x 200 grid in one batch. This benchmark times
it on a small Keras MLP and divides by the time of one forward pass over the same 40,000
points, then does the same for the naive route, ``model.predict(grid)`` with Keras's default
batches of 32 rows, to show what batching saves.

Run it as a script (``python benchmarks/bench_boundary.py``) or call ``run()``.
"""

from __future__ import annotations

import json
import statistics
import time

import numpy as np

__all__ = ["run"]

GRID_RESOLUTION = 200


def _seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _interleaved(fns, repeats):
    """Time several functions in turns, after one warm-up call each.

    Timing them back to back in every round, rather than one after the other, keeps the
    ratios honest on a shared machine whose load drifts during the run. Returns one list of
    seconds per function.
    """
    for fn in fns:
        fn()  # warm-up: tracing and first-call allocations are not what we measure
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, bucket in zip(fns, times, strict=True):
            bucket.append(_seconds(fn))
    return times


def _median_ratio(numerators, denominators):
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def _small_mlp():
    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(2,), name="features"),
            keras.layers.Dense(16, activation="relu", name="hidden_1"),
            keras.layers.Dense(16, activation="relu", name="hidden_2"),
            keras.layers.Dense(3, activation="softmax", name="probabilities"),
        ],
        name="bench_mlp",
    )
    return model


def run(repeats: int = 5) -> dict:
    """Time the boundary plot against one forward pass; return the figures as a dict.

    Keys: ``boundary_vs_forward_ratio`` (plot / ``model(grid)``, the one call the plot makes),
    ``boundary_vs_compiled_forward_ratio`` (plot / ``model.predict_on_batch(grid)``, a traced
    single-batch pass, the fastest forward pass once traced), ``naive_predict_ratio`` (the plot
    driven by ``model.predict(grid)`` in batches of 32, over ``model(grid)``), the underlying
    median times in seconds and the sizes. The naive route takes seconds per call, so it is
    timed at most 3 times.
    """
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a positive int; got {repeats!r}")
    # course_utils comes before Keras is imported: it quiets TensorFlow's C++ start-up logs.
    from course_utils.plotting import plot_decision_boundary
    from course_utils.setup import seed_everything

    from matplotlib.figure import Figure
    from sklearn.datasets import make_blobs

    seed_everything(0)
    X, y = make_blobs(n_samples=300, centers=3, random_state=0)
    model = _small_mlp()

    # The same grid the plot builds: the data's range plus eps = 1 on each side.
    axes_values = [
        np.linspace(X[:, j].min() - 1.0, X[:, j].max() + 1.0, GRID_RESOLUTION) for j in range(2)
    ]
    xx0, xx1 = np.meshgrid(*axes_values)
    # float32, the model's own dtype, so the forward pass is not charged for a conversion.
    grid = np.column_stack([xx0.ravel(), xx1.ravel()]).astype("float32")

    def plot_with(predict_fn):
        # A bare Figure (not pyplot) so the benchmark leaves no open figures behind.
        ax = Figure().subplots()
        plot_decision_boundary(predict_fn, X, y, grid_resolution=GRID_RESOLUTION, ax=ax)

    forward_fn = lambda: model(grid, training=False)  # noqa: E731
    compiled_fn = lambda: model.predict_on_batch(grid)  # noqa: E731
    forward, compiled, boundary = _interleaved(
        [forward_fn, compiled_fn, lambda: plot_with(model)], repeats
    )
    naive_forward, naive = _interleaved(
        [forward_fn, lambda: plot_with(lambda g: model.predict(g, verbose=0))], min(repeats, 3)
    )
    return {
        "grid_points": int(len(grid)),
        "model_parameters": int(model.count_params()),
        "repeats": repeats,
        "forward_s": statistics.median(forward),
        "compiled_forward_s": statistics.median(compiled),
        "boundary_s": statistics.median(boundary),
        "naive_boundary_s": statistics.median(naive),
        # Medians of the per-round ratios: each compares calls made moments apart.
        "boundary_vs_forward_ratio": _median_ratio(boundary, forward),
        "boundary_vs_compiled_forward_ratio": _median_ratio(boundary, compiled),
        "naive_predict_ratio": _median_ratio(naive, naive_forward),
    }


if __name__ == "__main__":
    results = run()
    print(
        json.dumps(
            {k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}, indent=2
        )
    )
