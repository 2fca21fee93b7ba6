"""One set of plotting conventions: linear and regions colour, size and name points alike."""

from course_utils.plotting import plot_decision_boundary, plot_labeled_points
from course_utils.plotting._style import FIGSIZE, MARKER_SIZE, class_colors

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

X = np.array([[2.0, 0.0], [5.0, -2.0], [-2.0, 2.0], [-1.0, -3.0]])


def points_by_label(ax):
    """{legend label: (RGB face colour, marker size)} of the labelled point collections."""
    return {
        c.get_label(): (tuple(mpl.colors.to_rgb(c.get_facecolor()[0])), float(c.get_sizes()[0]))
        for c in ax.collections
        if c.get_label().startswith("label")
    }


@pytest.mark.parametrize(
    ("y", "larger"),
    [
        ([-1, -1, 1, 1], "label +1"),
        ([0, 0, 1, 1], "label 1"),
        (["no", "no", "yes", "yes"], "label yes"),
    ],
)
def test_linear_and_regions_draw_the_same_points_the_same_way(y, larger):
    left, right = Figure().subplots(1, 2)
    plot_labeled_points(X, y, ax=left)
    plot_decision_boundary(lambda g: g[:, 1] - g[:, 0], X, y, ax=right, grid_resolution=10)
    ours, theirs = points_by_label(left), points_by_label(right)
    assert ours == theirs and len(ours) == 2
    tab10 = mpl.colormaps["tab10"].colors
    assert sorted(ours.values()) == sorted([(tuple(tab10[0]), 36.0), (tuple(tab10[1]), 36.0)])
    # The larger label takes the second colour: the one that shades "score > 0".
    assert ours[larger][0] == pytest.approx(tab10[1])


def test_class_colors_follow_tab10_and_repeat_after_ten():
    colors = class_colors(12)
    assert colors[:3] == ["#1f77b4", "#ff7f0e", "#2ca02c"]
    assert colors[10:] == colors[:2]


@pytest.mark.parametrize(
    ("y", "colour_of"),
    [
        # Labels 0..k-1 keep their colour even when one is missing from y.
        ([2, 0, 2], {"label 0": 0, "label 2": 2}),
        # Anything else is sorted: the larger label takes the later colour.
        ([-1.0, 1.0, 1.0], {"label -1": 0, "label +1": 1}),
        ([3, 5, 3], {"label 3": 0, "label 5": 1}),
        ([-2, 0, 2], {"label -2": 0, "label 0": 1, "label +2": 2}),
        (["b", "a", "a"], {"label a": 0, "label b": 1}),
        ([0.5, 1.5, 1.5], {"label 0.5": 0, "label 1.5": 1}),
    ],
)
def test_labels_pick_their_colour_and_legend_entry(y, colour_of):
    three = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    ax = plot_decision_boundary(
        lambda g: np.ones((len(g), 3)), three, y, ax=Figure().subplots(), grid_resolution=4
    )
    tab10 = mpl.colormaps["tab10"].colors
    assert {k: v[0] for k, v in points_by_label(ax).items()} == {
        k: tuple(tab10[j]) for k, j in colour_of.items()
    }


def test_axis_labels_only_where_the_axes_has_none():
    ax = Figure().subplots()
    ax.set_ylabel("height")
    plot_labeled_points(X, [0, 0, 1, 1], ax=ax)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$x_0$", "height")
    plot_decision_boundary(lambda g: g[:, 0], X, ax=ax, xlabel="width", ylabel="depth")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("width", "depth")


def test_shared_defaults():
    assert MARKER_SIZE == mpl.rcParamsDefault["lines.markersize"] ** 2
    ax = plot_labeled_points(X, [0, 0, 1, 1])
    try:
        assert tuple(ax.figure.get_size_inches()) == FIGSIZE == (6.4, 3.6)
    finally:
        plt.close(ax.figure)


def test_optimizer_color_is_one_colour_per_optimizer():
    from course_utils.plotting._style import optimizer_color

    assert optimizer_color("SGD(0.09)") == optimizer_color("SGD, batches of 20") == "#1f77b4"
    assert optimizer_color("momentum 0.9") == optimizer_color("momentum 0.7, lr 0.03")
    assert optimizer_color("Adam(0.3)") == optimizer_color("Adam")
    assert optimizer_color("gradient descent, full batch") != optimizer_color("SGD")
    colours = {optimizer_color(n) for n in ("full batch", "SGD", "momentum", "RMSprop", "Adam")}
    assert len(colours) == 5
    with pytest.raises(ValueError, match="names none of the optimizers"):
        optimizer_color("Adagrad")
    with pytest.raises(TypeError, match="label must be a str"):
        optimizer_color(3)
