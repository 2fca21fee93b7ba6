"""Tests of course_utils.plotting.linear: geometry, figure structure and input errors."""

from course_utils.plotting import (
    animate_boundary,
    animation_html,
    plot_boundary_grid,
    plot_labeled_points,
    plot_linear_boundary,
)

import gc
from types import SimpleNamespace

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure

plt.switch_backend("Agg")

X = np.array([[2.0, 0.0], [5.0, -2.0], [-2.0, 2.0], [-1.0, -3.0]])
Y = np.array([-1.0, -1.0, 1.0, 1.0])


def entry(w0, w1, b):
    return [np.array([[w0], [w1]], dtype=np.float32), np.array([b], dtype=np.float32)]


def history(n=11, record_initial=True):
    """A WeightHistory look-alike: the line turns from wrong to right over the epochs."""
    first = 0 if record_initial else 1
    epochs = list(range(first, first + n))
    weights = [entry(1.0 - 2 * t, 0.2, 0.1) for t in np.linspace(0, 1, n)]
    return SimpleNamespace(weights=weights, epochs=epochs)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def on_line(xs, ys, w0, w1, b):
    np.testing.assert_allclose(w0 * np.asarray(xs) + w1 * np.asarray(ys) + b, 0, atol=1e-9)


# --- plot_linear_boundary -----------------------------------------------------------------


def test_line_spans_the_window_and_satisfies_the_equation():
    ax = plot_linear_boundary(np.array([[1.0], [2.0]]), np.array([-2.0]))
    xs, ys = ax.lines[0].get_data()
    np.testing.assert_allclose(xs, [-15, 15])
    np.testing.assert_allclose(ys, [8.5, -6.5])  # x1 = (2 - x0) / 2
    assert ax.get_xlim() == (-15, 15) and ax.get_ylim() == (-6, 6)
    assert ax.get_xlabel() == "$x_0$" and ax.lines[0].get_label() == "boundary"


def test_vertical_line_when_w1_is_zero():
    ax = plot_linear_boundary([2.0, 0.0], -4.0)
    xs, ys = ax.lines[0].get_data()
    np.testing.assert_allclose(xs, [2, 2])
    np.testing.assert_allclose(ys, [-6, 6])


@pytest.mark.parametrize(("w", "b"), [((3.0, 0.1), 1.0), ((0.0, 1.0), 2.0), ((-1.0, 1.0), 0.5)])
def test_steep_flat_and_diagonal_lines_lie_on_the_boundary(w, b):
    ax = plot_linear_boundary(w, b, xlim=(-5, 5), ylim=(-2, 2))
    on_line(*ax.lines[0].get_data(), *w, b)


def test_draws_on_the_given_axes_without_touching_pyplot_state():
    fig, ax = plt.subplots()
    other_fig, other_ax = plt.subplots()
    params = dict(matplotlib.rcParams)
    figures = plt.get_fignums()
    returned = plot_linear_boundary([1, 1], 0, ax=ax, color="red", label="epoch 3")
    assert returned is ax
    assert plt.get_fignums() == figures and plt.gca() is other_ax
    assert dict(matplotlib.rcParams) == params
    assert ax.lines[0].get_color() == "red" and ax.lines[0].get_label() == "epoch 3"


def test_new_figure_only_when_ax_is_none():
    before = len(plt.get_fignums())
    plot_linear_boundary([1, 1], 0)
    assert len(plt.get_fignums()) == before + 1


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"w": [1, 2, 3], "b": 0}, ValueError, r"w must have exactly 2 entries .* shape \(3,\)"),
        ({"w": [1, 2], "b": [0, 1]}, ValueError, r"b must be one number .* got shape \(2,\)"),
        ({"w": [np.nan, 2], "b": 0}, ValueError, "w and b must be finite"),
        ({"w": [1, 2], "b": np.inf}, ValueError, "w and b must be finite"),
        ({"w": [0, 0], "b": 1}, ValueError, "w must not be all zeros"),
        ({"w": [1, 2], "b": 0, "xlim": (5, 1)}, ValueError, "xlim must be finite with low < high"),
        ({"w": [1, 2], "b": 0, "ylim": 3}, ValueError, "ylim must be a pair of numbers"),
        ({"w": [1, 2], "b": 0, "ax": "axes"}, TypeError, "ax must be a matplotlib Axes or None"),
    ],
)
def test_plot_linear_boundary_rejects_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        plot_linear_boundary(**kwargs)


# --- plot_labeled_points ------------------------------------------------------------------


def test_points_one_collection_per_label_with_legend_names():
    ax = plot_labeled_points(X, Y)
    assert len(ax.collections) == 2
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), X[:2])
    np.testing.assert_array_equal(ax.collections[1].get_offsets(), X[2:])
    assert [c.get_label() for c in ax.collections] == ["label -1", "label +1"]


def test_points_with_text_labels_and_given_axes():
    fig, ax = plt.subplots()
    assert plot_labeled_points(X, ["a", "a", "b", "b"], ax=ax) is ax
    assert [c.get_label() for c in ax.collections] == ["label a", "label b"]


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        (np.zeros(4), Y, r"X must be a 2-D array of shape \(n_samples, 2\); got shape \(4,\)"),
        (np.zeros((4, 5)), Y, "X must have exactly 2 features to draw in the plane; got 5"),
        (np.zeros((0, 2)), [], "X must have at least one row"),
        (np.array([[np.nan, 0]] * 4), Y, "X contains NaN"),
        (np.array([["a", "b"]] * 4), Y, "X must be an array of numbers"),
        (X, Y[:3], r"y must have one label per row of X; got 3 labels for 4 rows"),
        (X, np.zeros((4, 2, 2)), r"y must be a 1-D array of labels .*got shape \(4, 2, 2\)"),
        (X, [np.nan, 1, 1, 1], "y must not contain NaN"),
        (X, [0, 1, 2, 2], r"y must hold at most 2 distinct labels .* got 3: \[0, 1, 2\]"),
    ],
)
def test_plot_labeled_points_rejects_bad_input(X, y, message):
    with pytest.raises(ValueError, match=message):
        plot_labeled_points(X, y)


# --- geometry of the shaded side ----------------------------------------------------------


@pytest.mark.parametrize(
    ("w0", "w1", "b", "corners"),
    [
        (1.0, 0.0, 0.0, {(0, -6), (15, -6), (15, 6), (0, 6)}),  # x0 > 0: the right half
        (0.0, 0.0, 1.0, {(-15, -6), (15, -6), (15, 6), (-15, 6)}),  # every point positive
    ],
)
def test_shaded_side_is_where_the_score_is_positive(w0, w1, b, corners):
    hist = SimpleNamespace(weights=[entry(w0, w1, b)], epochs=[1])
    (ax,) = plot_boundary_grid(hist, X, Y).axes
    assert {tuple(p) for p in ax.patches[0].get_xy()} == corners


def test_nothing_is_shaded_where_no_score_is_positive():
    hist = SimpleNamespace(weights=[entry(0, 0, -1)], epochs=[1])
    (ax,) = plot_boundary_grid(hist, X, Y).axes
    xy = ax.patches[0].get_xy()
    assert np.ptp(xy[:, 0]) == 0 and np.ptp(xy[:, 1]) == 0  # a polygon of no area


# --- animate_boundary ---------------------------------------------------------------------


def test_animation_has_one_frame_per_selected_epoch_and_stays_out_of_pyplot():
    figures = plt.get_fignums()
    anim = animate_boundary(history(), X, Y, epochs=[0, 5, 10], interval=100)
    assert isinstance(anim, FuncAnimation)
    assert len(list(anim.new_frame_seq())) == 3
    assert plt.get_fignums() == figures
    html = anim.to_jshtml()
    assert html.count("data:image/png;base64") == 3


# These animations are only inspected, never rendered, which matplotlib warns about.
@pytest.mark.filterwarnings("ignore:Animation was deleted without rendering")
def test_animation_defaults_to_every_recorded_epoch_and_accepts_plain_lists():
    anim = animate_boundary(history(n=6), X, Y)
    assert len(list(anim.new_frame_seq())) == 6
    # The slides' parameter_history: (w, b) tuples after each epoch, labelled 1, 2, ...
    anim = animate_boundary([tuple(e) for e in history(n=4).weights], X, Y, epochs=[1, 4])
    assert len(list(anim.new_frame_seq())) == 2
    del anim
    gc.collect()  # so the warning is raised (and filtered) here, not in a later test


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"weights_history": []}, ValueError, "weights_history is empty"),
        ({"weights_history": 3}, TypeError, "weights_history must be a WeightHistory"),
        ({"weights_history": [[1, 2, 3]]}, ValueError, r"entry 0 must be \[kernel, bias\] .*3"),
        ({"weights_history": [entry(1, 2, 3), 7]}, ValueError, "entry 1 must be"),
        ({"weights_history": [entry(1, np.nan, 0)]}, ValueError, "entry 0: w and b must be finite"),
        ({"weights_history": [[np.ones(3), 0]]}, ValueError, "entry 0: w must have exactly 2"),
        (
            {"weights_history": SimpleNamespace(weights=[entry(1, 1, 0)], epochs=[1, 2])},
            ValueError,
            "weights_history has 1 entries but 2 epochs",
        ),
        ({"epochs": [0, 60]}, ValueError, r"epochs must be recorded epochs \(0..10\); .*\[60\]"),
        ({"epochs": []}, ValueError, "epochs must name at least one recorded epoch"),
        ({"X": np.zeros((4, 3))}, ValueError, "X must have exactly 2 features"),
        ({"y": [1, 1, 1, 1]}, ValueError, "y must hold exactly 2 distinct labels"),
        ({"interval": 0}, ValueError, "interval must be a finite number > 0; got 0"),
        ({"dpi": "high"}, TypeError, r"dpi must be a finite number > 0; got 'high' \(str\)"),
        ({"xlim": (0, 0)}, ValueError, "xlim must be finite with low < high"),
    ],
)
def test_animate_boundary_rejects_bad_input(kwargs, error, message):
    args = {"weights_history": history(), "X": X, "y": Y, **kwargs}
    with pytest.raises(error, match=message):
        animate_boundary(args.pop("weights_history"), args.pop("X"), args.pop("y"), **args)


def test_animation_html_shows_frames_at_half_their_pixels():
    anim = animate_boundary(history(), X, Y, epochs=[0, 10], figsize=(4, 2), dpi=160)
    html = animation_html(anim)
    assert html.count('<img style="width: 320px" id=') == 1
    assert html.count("data:image/png;base64") == 2
    assert '<img style="width: 640px" id=' in animation_html(anim, pixel_ratio=1)


# The animations built here are never rendered, which matplotlib warns about.
@pytest.mark.filterwarnings("ignore:Animation was deleted without rendering")
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"animation": "frames"}, TypeError, "animation must be a matplotlib Animation; got 'fr"),
        ({"pixel_ratio": 0}, ValueError, "pixel_ratio must be"),
        ({"pixel_ratio": 1.5}, TypeError, "pixel_ratio must be"),
    ],
)
def test_animation_html_rejects_bad_input(kwargs, error, message):
    args = {"pixel_ratio": 2, **kwargs}
    animation = args.pop("animation", None) or animate_boundary(history(), X, Y, epochs=[0])
    with pytest.raises(error, match=message):
        animation_html(animation, **args)
    del animation
    gc.collect()  # so the warning is raised (and filtered) here, not in a later test


# --- plot_boundary_grid -------------------------------------------------------------------


def test_grid_panels_titles_and_lines():
    hist = history()
    fig = plot_boundary_grid(hist, X, Y, epochs=[0, 5, 10], ncols=2)
    assert isinstance(fig, Figure)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(fig.axes) == 4 and len(visible) == 3
    assert [ax.get_title() for ax in visible] == ["epoch 0: 0/4", "epoch 5: 2/4", "epoch 10: 4/4"]
    for ax, k in zip(visible, [0, 5, 10], strict=True):
        (w0, w1), b = hist.weights[k][0].ravel(), hist.weights[k][1][0]
        on_line(*ax.lines[0].get_data(), w0, w1, b)
        assert len(ax.collections) == 2 and len(ax.patches) == 1
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "score > 0",
        "boundary",
        "label -1",
        "label +1",
    ]
    # The lone panel of the last row's missing column hands its x axis to the one above.
    assert fig.axes[1].get_xlabel() == "$x_0$"


def test_grid_default_picks_at_most_eight_epochs_from_first_to_last():
    fig = plot_boundary_grid(history(n=51), X, Y)
    titles = [ax.get_title().split(":")[0] for ax in fig.axes]
    assert len(titles) == 8 and titles[0] == "epoch 0" and titles[-1] == "epoch 50"
    fig = plot_boundary_grid(history(n=3), X, Y, epochs=2)
    assert [ax.get_title() for ax in fig.axes] == ["epoch 2: 4/4"]


def test_grid_zero_kernel_draws_no_line():
    hist = SimpleNamespace(weights=[entry(0, 0, 1), entry(-1, 0, 0)], epochs=[0, 1])
    fig = plot_boundary_grid(hist, X, Y)
    assert len(fig.axes[0].lines[0].get_xdata()) == 0
    assert len(fig.axes[1].lines[0].get_xdata()) == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ncols": 0}, "ncols must be an int >= 1; got 0"),
        ({"epochs": [99]}, "epochs must be recorded epochs"),
        ({"y": Y[:2]}, "y must have one label per row of X"),
    ],
)
def test_plot_boundary_grid_rejects_bad_input(kwargs, message):
    args = {"y": Y, **kwargs}
    with pytest.raises(ValueError, match=message):
        plot_boundary_grid(history(), X, args.pop("y"), **args)


def test_plot_boundary_grid_rejects_a_fractional_column_count():
    with pytest.raises(TypeError, match=r"ncols must be an int >= 1; got 2.5 \(float\)"):
        plot_boundary_grid(history(), X, Y, ncols=2.5)
