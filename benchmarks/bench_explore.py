"""How long does an exploration take to answer a slider, and how big is its static view?

For each of the four explorations of ``course_utils.explore``: the median time from setting a
widget's value to the new image (what the kernel does for a slider move; exploration 3 measured
twice, replaying an epoch and training a new architecture), the time to precompute its static
frames, and the size of the static HTML. Targets: a redraw <= 0.1 s, a new architecture <= 1 s,
a static view <= 1 MB.

Run it as a script (``python benchmarks/bench_explore.py``) or call ``run()``.
"""

from __future__ import annotations

from course_utils import explore
from course_utils.datasets import load_toy_points
from course_utils.explore import _mlp

import json
import statistics
import time

__all__ = ["run"]


def _median_seconds(widget, name, values):
    """Median time of setting the knob ``name`` to each of ``values`` in turn."""
    knob, times = widget.knobs[name], []
    for value in values:
        start = time.perf_counter()
        knob.value = value
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _warm_up() -> None:
    """Pay once what the first figure and the first Keras training cost in a new process.

    Otherwise the first exploration measured carries matplotlib's renderer start-up, and
    mlp_boundary TensorFlow's first trace, which a notebook has paid long before its cell.
    """
    from course_utils.explore._core import new_figure, png_bytes

    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    ax.set_title("warm-up")
    png_bytes(fig)
    _mlp.train_snapshots("XOR", 2, "tanh", 1, seed=1)


def run(repeats: int = 5) -> dict:
    _warm_up()
    X, y = load_toy_points()
    cases = {
        "linear_classifier": (lambda: explore.linear_classifier(X, y), "w0",
                              [-1.0 + 0.1 * k for k in range(repeats * 2)]),
        "softmax_losses": (explore.softmax_losses, "z0",
                           [-3.0 + 0.5 * k for k in range(repeats * 2)]),
        "optimizer_paths": (explore.optimizer_paths, "learning_rate",
                            [0.01 * (k + 1) for k in range(repeats * 2)]),
        "mlp_boundary": (explore.mlp_boundary, "epoch",
                         [25 * (k % (_mlp.SNAPSHOTS + 1)) for k in range(repeats * 2)]),
    }
    results: dict = {"redraw_seconds": {}, "static_seconds": {}, "static_bytes": {}}
    for name, (make, knob, values) in cases.items():
        start = time.perf_counter()
        exploration = make()
        html = exploration.static_html()
        results["static_seconds"][name] = time.perf_counter() - start
        results["static_bytes"][name] = len(html.encode())
        results["redraw_seconds"][name] = _median_seconds(exploration.widget(), knob, values)
        if name == "mlp_boundary":
            units = [2 + k for k in range(repeats)]
            results["train_seconds"] = _median_seconds(exploration.widget(), "units", units)
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
