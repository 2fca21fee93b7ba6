"""course_utils.history: training and validation curves from a Keras History or a dict."""

from course_utils.history import history_dict, plot_history

import numpy as np
import pytest
from matplotlib.figure import Figure

LOGS = {"loss": [1.0, 0.5, 0.2], "val_loss": [1.1, 0.7, 0.9], "accuracy": [0.5, 0.8, 0.9]}


class FakeHistory:
    """What keras.callbacks.History exposes: a .history dict."""

    history = LOGS


def test_history_dict_accepts_a_history_or_a_dict():
    for source in (LOGS, FakeHistory()):
        out = history_dict(source)
        assert set(out) == set(LOGS)
        np.testing.assert_array_equal(out["val_loss"], LOGS["val_loss"])


def test_training_and_validation_drawn_with_the_same_colour():
    axes = plot_history(LOGS, ("loss", "accuracy"), ax=Figure().subplots(1, 2), label="run")
    loss_lines, acc_lines = axes[0].get_lines(), axes[1].get_lines()
    assert [ln.get_label() for ln in loss_lines] == ["run: training", "run: validation"]
    assert loss_lines[0].get_color() == loss_lines[1].get_color()
    assert loss_lines[1].get_linestyle() == "--"
    np.testing.assert_array_equal(loss_lines[1].get_xdata(), [1, 2, 3])  # epochs from 1
    assert len(acc_lines) == 1  # no val_accuracy recorded, so none drawn
    assert axes[0].get_xlabel() == "epoch" and axes[1].get_ylabel() == "accuracy"


def test_mark_epoch_and_log_scale():
    ax = Figure().subplots()
    plot_history(LOGS, "loss", ax=ax, mark_epoch=2, logy=True)
    assert ax.get_lines()[-1].get_xdata()[0] == 2 and ax.get_yscale() == "log"


def test_new_figure_with_one_axis_per_metric():
    import matplotlib.pyplot as plt

    axes = plot_history(LOGS, ("loss", "accuracy"))
    try:
        assert axes.shape == (2,) and axes[0].figure is axes[1].figure
    finally:
        plt.close(axes[0].figure)


@pytest.mark.parametrize(
    ("history", "kwargs", "error", "match"),
    [
        ([1, 2], {}, TypeError, "history must be a Keras History"),
        ({}, {}, ValueError, "history is empty"),
        ({"loss": ["a"]}, {}, ValueError, r"history\['loss'\] must be a list of numbers"),
        ({"loss": [1, 2], "val_loss": [1]}, {}, ValueError, "one value per epoch"),
        (LOGS, {"metrics": ("mae",)}, ValueError, r"\['mae'\] are not in the history"),
        (LOGS, {"metrics": ()}, ValueError, "at least one recorded metric"),
        (LOGS, {"mark_epoch": 4}, ValueError, "mark_epoch must be an int between 1 and 3; got 4"),
        (LOGS, {"mark_epoch": True}, TypeError, "mark_epoch must be an int between 1 and 3"),
        (LOGS, {"metrics": ("loss", "accuracy"), "ax": [Figure().subplots()]}, ValueError,
         "ax must hold 2 Axes, one per panel; got 1"),
        (LOGS, {"ax": "axes"}, TypeError, "ax must be a matplotlib Axes or a sequence of them"),
    ],
)
def test_bad_input_is_named(history, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_history(history, **kwargs)
