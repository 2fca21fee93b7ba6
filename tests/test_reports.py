"""course_utils.reports: text and HTML tables of runs and a heat map of a grid search."""

from course_utils.reports import Table, format_table, plot_heatmap

import numpy as np
import pytest
from matplotlib.figure import Figure


def test_table_aligns_names_left_and_numbers_right():
    text = format_table([("wide", 0.54213, 12), ("L2, λ = 0.001", 0.45, 3)],
                        ["model", "val loss", "epochs"])
    lines = text.splitlines()
    assert lines[0] == "model          val loss  epochs"
    assert lines[1] == "-------------  --------  ------"
    assert lines[2] == "wide              0.542      12"
    assert lines[3] == "L2, λ = 0.001     0.450       3"


def test_table_float_format_and_numpy_scalars():
    text = format_table([("a", np.float32(0.5), np.int64(7))], ["x", "y", "z"], floatfmt=".1%")
    assert text.splitlines()[-1] == "a  50.0%  7"


def test_table_of_headers_only():
    assert format_table([], ["a", "bb"]) == "a  bb\n-  --"


@pytest.mark.parametrize(
    ("rows", "headers", "kwargs", "error", "match"),
    [
        ([("a", 1)], "ab", {}, TypeError, "headers must be a sequence of strings"),
        ([("a", 1)], ["a", 2], {}, TypeError, "headers must be a sequence of strings"),
        ([], [], {}, ValueError, "at least one column"),
        ([("a", 1, 2)], ["a", "b"], {}, ValueError, "row 0 has 3 values for 2 headers"),
        (["ab"], ["a", "b"], {}, TypeError, "row 0 must be a sequence of values"),
        ([("a", 1.0)], ["a", "b"], {"floatfmt": "q"}, ValueError, "floatfmt must be a format"),
    ],
)
def test_table_bad_input_is_named(rows, headers, kwargs, error, match):
    with pytest.raises(error, match=match):
        format_table(rows, headers, **kwargs)


def test_heatmap_writes_every_value_with_readable_colours():
    values = np.array([[0.1, 0.5, 0.9], [0.2, 0.3, 0.4]])
    ax = plot_heatmap(values, [16, 64], [0.001, 0.01, 0.1], ax=Figure().subplots(),
                      xlabel="learning rate", ylabel="units", colorbar_label="accuracy",
                      highlight=(0, 2))
    texts = {t.get_text(): t.get_color() for t in ax.texts}
    assert set(texts) == {f"{v:.3f}" for v in values.flat}
    # viridis runs dark to light: the smallest value gets white text, the largest black
    assert texts["0.100"] == "white" and texts["0.900"] == "black"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.001", "0.01", "0.1"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["16", "64"]
    assert len(ax.patches) == 1 and ax.patches[0].get_xy() == (1.5, -0.5)
    assert ax.get_xlabel() == "learning rate"


def test_heatmap_text_follows_a_reversed_colour_map():
    ax = plot_heatmap([[0.1, 0.9]], ["a"], ["b", "c"], ax=Figure().subplots(),
                      cmap="viridis_r")
    assert {t.get_text(): t.get_color() for t in ax.texts} == {"0.100": "black",
                                                               "0.900": "white"}


def test_heatmap_new_figure_when_none_given():
    import matplotlib.pyplot as plt

    ax = plot_heatmap(np.ones((2, 2)), ["a", "b"], ["c", "d"], fmt=".0f")
    try:
        assert [t.get_text() for t in ax.texts] == ["1"] * 4
    finally:
        plt.close(ax.figure)


@pytest.mark.parametrize(
    ("values", "rows", "cols", "kwargs", "match"),
    [
        ([1, 2], ["a"], ["b", "c"], {}, "non-empty 2-D array"),
        ([["x"]], ["a"], ["b"], {}, "2-D array of numbers"),
        ([[1, 2]], ["a", "b"], ["c", "d"], {}, "2 row and 2 column labels"),
        ([[1, 2]], ["a"], ["c", "d"], {"highlight": (1, 0)}, "highlight must be a"),
    ],
)
def test_heatmap_bad_input_is_named(values, rows, cols, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_heatmap(values, rows, cols, ax=Figure().subplots(), **kwargs)


def test_heatmap_rejects_an_ax_that_is_not_an_axes():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None; got str"):
        plot_heatmap([[1.0, 2.0]], ["a"], ["x", "y"], ax="foo")


def test_table_shows_as_html_with_the_text_as_fallback():
    rows = [("wide", 0.54213, 12), ("a < b & c", 0.45, 3)]
    table = Table(rows, ["model", "val loss", "epochs"])
    assert str(table) == repr(table) == format_table(rows, ["model", "val loss", "epochs"])
    assert table.headers == ["model", "val loss", "epochs"]
    assert table.cells == [["wide", "0.542", "12"], ["a < b & c", "0.450", "3"]]
    page = table._repr_html_()
    assert page.startswith('<table class="course-table"><thead><tr>')
    assert page.count("<tr>") == 3 and page.count("<th ") == 3 and page.count("<td ") == 6
    assert '<td style="text-align: left; white-space: nowrap">a &lt; b &amp; c</td>' in page
    assert '<td style="text-align: right">0.450</td>' in page
    assert "a < b" not in page


def test_table_float_format():
    assert Table([("a", 0.5)], ["x", "y"], floatfmt=".1%").cells == [["a", "50.0%"]]


@pytest.mark.parametrize(
    ("rows", "headers", "kwargs", "error", "match"),
    [
        ([("a", 1)], "ab", {}, TypeError, "headers must be a sequence of strings"),
        ([], [], {}, ValueError, "at least one column"),
        ([("a", 1, 2)], ["a", "b"], {}, ValueError, "row 0 has 3 values for 2 headers"),
        (["ab"], ["a", "b"], {}, TypeError, "row 0 must be a sequence of values"),
        ([("a", 1.0)], ["a", "b"], {"floatfmt": "q"}, ValueError, "floatfmt must be a format"),
    ],
)
def test_table_object_bad_input_is_named(rows, headers, kwargs, error, match):
    with pytest.raises(error, match=match):
        Table(rows, headers, **kwargs)
