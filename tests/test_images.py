"""course_utils.images: grids of small images, from pictures or from flattened pixel rows."""

from course_utils.images import plot_image_grid

import numpy as np
import pytest
from matplotlib.figure import Figure

RNG = np.random.default_rng(0)
ROWS = RNG.integers(0, 17, size=(12, 64)).astype(float)  # like load_digits().data


def test_rows_are_folded_into_square_images():
    axes = plot_image_grid(ROWS, ax=Figure().subplots(3, 5))
    assert axes.shape == (3, 5)
    shown = axes[0, 0].get_images()[0].get_array()
    np.testing.assert_array_equal(shown, ROWS[0].reshape(8, 8))


def test_panels_past_the_last_image_are_empty_and_off():
    axes = plot_image_grid(ROWS, ax=Figure().subplots(3, 5))
    assert [len(ax.get_images()) for ax in axes.flat] == [1] * 12 + [0] * 3
    assert not any(ax.axison for ax in axes.flat)


def test_titles_and_one_shared_colour_scale():
    images = np.stack([np.zeros((2, 3)), np.full((2, 3), 5.0)])
    axes = plot_image_grid(images, ["a", "b"], ax=Figure().subplots(1, 2))
    assert axes.shape == (1, 2)
    assert [ax.get_title() for ax in axes.flat] == ["a", "b"]
    assert {ax.get_images()[0].get_clim() for ax in axes.flat} == {(0.0, 5.0)}


def test_non_square_rows_with_image_shape():
    axes = plot_image_grid(np.arange(12.0).reshape(2, 6), image_shape=(2, 3),
                           ax=Figure().subplots(1, 2))
    assert axes[0, 1].get_images()[0].get_array().shape == (2, 3)


def test_new_figure_when_none_given():
    import matplotlib.pyplot as plt

    axes = plot_image_grid(ROWS[:3])
    try:
        assert axes[0, 0].figure.get_size_inches()[0] == pytest.approx(3 * 0.8)
    finally:
        plt.close(axes[0, 0].figure)


@pytest.mark.parametrize(
    ("images", "kwargs", "error", "match"),
    [
        (np.zeros(5), {}, ValueError, r"shape \(n, height, width\) or \(n, pixels\)"),
        (np.zeros((0, 64)), {}, ValueError, "at least one image"),
        ([["a", "b"]], {}, ValueError, "array of numbers"),
        (np.zeros((2, 6)), {}, ValueError, "not square images; pass image_shape"),
        (np.zeros((2, 6)), {"image_shape": (4, 4)}, ValueError, "multiply out to the 6"),
        (np.zeros((2, 6)), {"image_shape": "ab"}, ValueError, "pair \\(height, width\\)"),
        (np.zeros((2, 3, 3)), {"image_shape": (9, 1)}, ValueError, "does not match"),
        (ROWS, {"ncols": 0}, ValueError, "ncols must be an int >= 1; got 0"),
        (ROWS, {"ncols": 2.5}, TypeError, "ncols must be an int >= 1"),
        (ROWS, {"panel_size": -1}, ValueError, "panel_size must be a finite number > 0"),
        (ROWS, {"titles": ["one"]}, ValueError, "1 titles for 12 images"),
        (ROWS, {"titles": "abc"}, TypeError, "not one string"),
        (ROWS, {"ax": "figure"}, TypeError, "ax must be a matplotlib Axes or a sequence of them"),
        (ROWS, {"ax": Figure().subplots(1, 2)}, ValueError, "ax must hold at least 12 Axes"),
    ],
)
def test_bad_input_is_named(images, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_image_grid(images, **kwargs)
