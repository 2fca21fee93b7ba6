"""Tests of course_utils.layer_histograms: histogram numbers, the figure's axes, bad input."""

from __future__ import annotations

from course_utils.layer_histograms import log_magnitude_histograms, plot_layer_histograms

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402


def _signals(scale):
    rng = np.random.default_rng(0)
    return {f"hidden_{i}": (rng.normal(size=(5, 4)) * scale**i, rng.normal(size=(5, 4)))
            for i in range(1, 4)}


def test_histograms_skip_zeros_and_peak_at_one():
    edges = np.array([-2.0, -1.0, 0.0, 1.0])
    heights = log_magnitude_histograms({"a": [0, 0, 0.5, 0.6, 0.05, 5.0]}, edges)["a"]
    assert heights.tolist() == [0.5, 1.0, 0.5]
    assert log_magnitude_histograms({"z": np.zeros(3)}, edges)["z"].tolist() == [0, 0, 0]


def test_the_figure_has_a_row_per_signal_and_a_column_per_network():
    axes = plot_layer_histograms({"shrinking": _signals(0.1), "steady": _signals(1.0)}, bins=10)
    assert axes.shape == (2, 2)
    assert [t.get_text() for t in axes[0, 0].get_yticklabels()] == [
        "hidden_3", "hidden_2", "hidden_1"]
    assert "steady" in axes[1, 1].get_title() and len(axes[0, 0].collections) == 3
    plt.close("all")


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="edges must be an increasing"):
        log_magnitude_histograms({"a": [1.0]}, np.array([1.0, 0.0]))
    with pytest.raises(TypeError, match="signals must be a non-empty dict"):
        plot_layer_histograms({})
    with pytest.raises(TypeError, match=r"signals\['a'\] must map layer names"):
        plot_layer_histograms({"a": {"hidden_1": np.zeros(3)}})
    with pytest.raises(ValueError, match="bins must be an int >= 2"):
        plot_layer_histograms({"a": _signals(1.0)}, bins=1)
    _, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match=r"axes must have shape \(2, 1\)"):
        plot_layer_histograms({"a": _signals(1.0)}, axes=axes)
    plt.close("all")
