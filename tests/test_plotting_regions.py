"""course_utils.plotting.regions: decision regions of lambdas, estimators and Keras models."""

from course_utils.plotting import DecisionRegions, decision_regions, plot_decision_boundary
from course_utils.plotting import _style as style

import subprocess
import sys
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection, QuadMesh
from matplotlib.contour import QuadContourSet
from matplotlib.figure import Figure
from sklearn.datasets import make_blobs
from sklearn.linear_model import LogisticRegression

X2, Y2 = make_blobs(n_samples=60, centers=2, random_state=0)
X3, Y3 = make_blobs(n_samples=90, centers=3, random_state=0)
TOY = np.array([[2.0, 0.0], [5.0, -2.0], [-2.0, 2.0], [-1.0, -3.0]])


@pytest.fixture
def ax():
    """Axes on a bare Figure: outside pyplot, so nothing is left open."""
    return Figure().subplots()


class Counter:
    """A predict function that records every call it gets."""

    def __init__(self, fn):
        self.fn, self.calls = fn, []

    def __call__(self, grid):
        self.calls.append(np.array(grid))
        return self.fn(grid)


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


# --- one batched call, any kind of model --------------------------------------------------


def test_lambda_is_called_once_on_the_whole_grid(ax):
    fn = Counter(lambda g: g[:, 0] - g[:, 1])
    assert plot_decision_boundary(fn, TOY, [-1, -1, 1, 1], grid_resolution=50, ax=ax) is ax
    assert len(fn.calls) == 1
    grid = fn.calls[0]
    assert grid.shape == (2500, 2)
    np.testing.assert_allclose(grid.min(axis=0), TOY.min(axis=0) - 1.0)
    np.testing.assert_allclose(grid.max(axis=0), TOY.max(axis=0) + 1.0)
    assert legend_texts(ax) == ["label -1", "label +1"]


def test_sklearn_predict_proba_three_classes(ax):
    clf = LogisticRegression().fit(X3, Y3)
    fn = Counter(clf.predict_proba)
    plot_decision_boundary(fn, X3, Y3, ax=ax, class_names=["Other", "Republican", "Democrat"])
    assert len(fn.calls) == 1 and len(fn.calls[0]) == 200 * 200
    assert legend_texts(ax) == ["Other", "Republican", "Democrat"]
    assert len(boundary_lines(ax)) == 1


def boundary_lines(ax):
    return [c for c in ax.collections if isinstance(c, LineCollection)]


def test_boundary_line_is_exact(ax):
    plot_decision_boundary(lambda g: g[:, 0] - 1.0, TOY, ax=ax, grid_resolution=7)
    (lines,) = boundary_lines(ax)
    points = np.concatenate(lines.get_segments())
    np.testing.assert_allclose(points[:, 0], 1.0, atol=1e-12)
    np.testing.assert_allclose([points[:, 1].min(), points[:, 1].max()], [-4.0, 3.0])


def test_small_keras_model_is_called_once_on_the_whole_grid(ax, monkeypatch):
    keras = pytest.importorskip("keras")

    class Counting(keras.Model):
        """A small softmax model that records the batch size of every forward pass."""

        def __init__(self):
            super().__init__(name="counting")
            self.hidden = keras.layers.Dense(4, activation="relu", name="hidden")
            self.probs = keras.layers.Dense(3, activation="softmax", name="probs")
            self.batches = []

        def call(self, inputs):
            self.batches.append(int(inputs.shape[0]))
            return self.probs(self.hidden(inputs))

    model = Counting()
    model(np.zeros((1, 2), dtype="float32"))  # build
    model.batches.clear()

    def forbidden(*args, **kwargs):
        raise AssertionError("predict batches the grid by 32 (and traces); it must not be used")

    monkeypatch.setattr(model, "predict", forbidden)
    monkeypatch.setattr(model, "predict_on_batch", forbidden)
    plot_decision_boundary(model, X3, Y3, grid_resolution=30, ax=ax)
    assert model.batches == [900]


def test_bound_keras_predict_is_redirected_to_one_call(ax):
    keras = pytest.importorskip("keras")
    model = keras.Sequential(
        [keras.Input(shape=(2,)), keras.layers.Dense(3, activation="softmax", name="probs")]
    )
    calls = []
    original = model.call
    model.call = lambda inputs, *a, **k: (calls.append(int(inputs.shape[0])), original(inputs))[1]
    plot_decision_boundary(model.predict, X3, ax=ax, grid_resolution=25)
    assert calls == [625]


def test_keras_model_gives_same_regions_as_its_numpy_twin():
    keras = pytest.importorskip("keras")
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, name="score")])
    model.get_layer("score").set_weights([np.array([[1.0], [-1.0]]), np.array([0.5])])
    ours = decision_regions(model, TOY, grid_resolution=41, response="score")
    twin = decision_regions(lambda g: g[:, 0] - g[:, 1] + 0.5, TOY, grid_resolution=41)
    np.testing.assert_allclose(ours.margins[0], twin.margins[0], atol=1e-5)
    clear = np.abs(twin.margins[0]) > 1e-5  # float32 may round a point on the line either way
    np.testing.assert_array_equal(ours.labels[clear], twin.labels[clear])


# --- how predictions become classes -------------------------------------------------------


def regions_of(outputs, response="auto"):
    """decision_regions of a model that returns ``outputs`` for the 2 x 2 grid over TOY."""
    outputs = np.asarray(outputs)
    return decision_regions(lambda g: outputs, TOY, grid_resolution=2, response=response)


def test_grid_spans_the_data_plus_eps():
    r = decision_regions(lambda g: g[:, 0], TOY, grid_resolution=5, eps=0.5)
    assert isinstance(r, DecisionRegions) and r.xx0.shape == r.xx1.shape == (5, 5)
    np.testing.assert_allclose(r.xx0[0], np.linspace(-2.5, 5.5, 5))
    np.testing.assert_allclose(r.xx1[:, 0], np.linspace(-3.5, 2.5, 5))


def test_single_score_sign_decides():
    r = regions_of([-2.0, -0.1, 0.0, 5.0])
    assert r.n_classes == 2 and r.threshold == 0.0
    assert r.labels.ravel().tolist() == [0, 0, 0, 1]
    np.testing.assert_allclose(r.margins[0].ravel(), [-2.0, -0.1, 0.0, 5.0])


def test_single_probability_half_decides():
    r = regions_of([[0.1], [0.49], [0.51], [0.9]])
    assert r.n_classes == 2 and r.threshold == 0.5
    assert r.labels.ravel().tolist() == [0, 0, 1, 1]
    np.testing.assert_allclose(r.margins[0].ravel(), [-0.4, -0.01, 0.01, 0.4])
    np.testing.assert_allclose(r.fractions(), [0.5, 0.5])


def test_explicit_score_overrides_auto():
    r = regions_of([0.1, 0.4, 0.9, 0.2], response="score")
    assert r.threshold == 0.0 and r.labels.ravel().tolist() == [1, 1, 1, 1]
    assert r.boundary_lines() == []


def test_matrix_argmax_decides_and_margins_trace_boundaries():
    out = [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]
    r = regions_of(out, response="probability")
    assert r.n_classes == 3 and r.threshold is None
    assert r.labels.ravel().tolist() == [0, 2, 1, 2]
    assert len(r.margins) == 2  # the last class's outline is already traced by the others
    np.testing.assert_allclose(r.margins[0].ravel(), [0.5, -0.5, -0.3, -0.7])
    np.testing.assert_allclose(r.margins[1].ravel(), [-0.5, -0.3, 0.2, -0.7])
    np.testing.assert_allclose(r.fractions(), [0.25, 0.25, 0.5])


def test_integer_output_is_accepted():
    r = regions_of([-1, 1, 1, -1], response="score")
    assert r.labels.ravel().tolist() == [0, 1, 1, 0]
    assert r.margins[0].dtype == np.float64


def test_boundary_lines_of_a_diagonal_score_lie_on_the_diagonal():
    r = decision_regions(lambda g: g[:, 1] - g[:, 0], TOY, grid_resolution=30)
    (line,) = r.boundary_lines()
    np.testing.assert_allclose(line[:, 1], line[:, 0], atol=1e-9)
    assert line[:, 0].min() <= -2.9 and line[:, 0].max() >= 2.9


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        ([2, 0, 2], ["label 0", "label 2"]),  # class 1 absent: the colours do not shift
        ([-1.0, 1.0, -1.0], ["label -1", "label +1"]),
        (["b", "a", "b"], ["label a", "label b"]),
        ([0.5, 1.5, 0.5], ["label 0.5", "label 1.5"]),
        (np.eye(3)[[1, 0, 1]], ["label 0", "label 1"]),  # one-hot rows
        ([[1], [0], [1]], ["label 0", "label 1"]),  # a column
    ],
)
def test_labels_name_the_legend(ax, y, expected):
    three = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    plot_decision_boundary(lambda g: np.ones((len(g), 3)), three, y, ax=ax, grid_resolution=4)
    assert legend_texts(ax) == expected


# --- drawing ------------------------------------------------------------------------------


def test_probability_output_and_one_hot_labels(ax, tmp_path):
    clf = LogisticRegression().fit(X2, Y2)
    plot_decision_boundary(
        lambda g: clf.predict_proba(g)[:, 1], X2, np.eye(2)[Y2], ax=ax, response="probability"
    )
    assert legend_texts(ax) == ["label 0", "label 1"]
    ax.figure.savefig(tmp_path / "binary.png")
    assert (tmp_path / "binary.png").stat().st_size > 1000


@pytest.mark.parametrize(
    ("plot_method", "artist", "filled"),
    [("contourf", QuadContourSet, True), ("contour", QuadContourSet, False),
     ("pcolormesh", QuadMesh, None)],
)
@pytest.mark.parametrize(("X", "y"), [(X2, Y2), (X3, Y3)])
def test_plot_methods(ax, plot_method, artist, filled, X, y):
    clf = LogisticRegression().fit(X, y)
    plot_decision_boundary(clf.predict_proba, X, y, ax=ax, plot_method=plot_method, alpha=0.4)
    (surface,) = [c for c in ax.collections if isinstance(c, artist)]
    if filled is not None:
        assert surface.filled is filled
    k = len(np.unique(y))
    # One palette colour per class, the same as the points', and the scale pinned to k classes.
    expected = mpl.colormaps["tab10"].colors[:k]
    np.testing.assert_allclose(mpl.colors.to_rgba_array(surface.get_cmap().colors)[:, :3], expected)
    assert surface.get_alpha() == 0.4
    assert len(boundary_lines(ax)) == 1
    ax.figure.canvas.draw()


def test_no_points_without_y_and_no_warning_without_boundary(ax):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plot_decision_boundary(lambda g: np.ones(len(g)), TOY, ax=ax, grid_resolution=10)
    assert ax.get_legend() is None and boundary_lines(ax) == []
    assert ax.get_xlabel() == "$x_0$"


def test_labels_and_kwargs_reach_the_display(ax):
    plot_decision_boundary(
        lambda g: g[:, 0], TOY, ax=ax, xlabel="feature a", ylabel="feature b", alpha=0.5
    )
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("feature a", "feature b")
    (surface,) = [c for c in ax.collections if isinstance(c, QuadContourSet) and c.filled]
    assert surface.get_alpha() == 0.5


def test_pyplot_state_and_rcparams_untouched(ax):
    before_rc = dict(mpl.rcParams)
    before_figs = plt.get_fignums()
    plot_decision_boundary(lambda g: g[:, 0] - g[:, 1], TOY, [-1, -1, 1, 1], ax=ax)
    assert plt.get_fignums() == before_figs
    assert dict(mpl.rcParams) == before_rc


def test_a_new_figure_of_the_default_size_only_when_ax_is_none():
    before_rc = dict(mpl.rcParams)
    before = set(plt.get_fignums())
    result = plot_decision_boundary(lambda g: g[:, 0], TOY, grid_resolution=10)
    try:
        assert set(plt.get_fignums()) - before == {result.figure.number}
        assert tuple(result.figure.get_size_inches()) == style.FIGSIZE
        assert dict(mpl.rcParams) == before_rc
    finally:
        plt.close(result.figure)


def test_labels_are_kept_when_the_axes_has_them(ax):
    ax.set(xlabel="petal length", ylabel="petal width")
    plot_decision_boundary(lambda g: g[:, 0], TOY, ax=ax, grid_resolution=10)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("petal length", "petal width")


def test_sklearn_model_does_not_import_keras():
    code = (
        "import sys, numpy as np\n"
        "from matplotlib.figure import Figure\n"
        "from course_utils.plotting import plot_decision_boundary\n"
        "plot_decision_boundary(lambda g: g[:, 0], np.eye(2), ax=Figure().subplots())\n"
        "assert 'keras' not in sys.modules and 'tensorflow' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"X": np.zeros((5, 5))}, r"X must have exactly 2 features to draw a boundary; got 5"),
        ({"X": np.zeros(4)}, r"X must be a 2-D array of shape \(n_samples, 2\); got shape \(4,\)"),
        ({"X": np.zeros((0, 2))}, r"X must have at least one row"),
        ({"X": [[0.0, np.nan], [1.0, 1.0]]}, r"X contains NaN"),
        ({"X": [[0.0, np.inf], [1.0, 1.0]]}, r"X must be finite"),
        ({"X": [["a", "b"]]}, r"X must be an array of numbers"),
        ({"y": [0, 1, 0]}, r"y must have one label per row of X; got 3 labels for 4 rows"),
        ({"y": np.zeros((4, 2, 2))}, r"y must be a 1-D array of labels"),
        ({"y": [0, np.nan, 1, 1]}, r"y must not contain NaN"),
        ({"y": [[0], [1], [0]]}, r"y must have one label per row of X; got 3 labels"),
        ({"grid_resolution": 1}, r"grid_resolution must be an int >= 2; got 1"),
        ({"eps": -1.0}, r"eps must be a finite number >= 0; got -1.0"),
        ({"eps": float("nan")}, r"eps must be a finite number >= 0"),
        ({"alpha": -0.1}, r"alpha must be a finite number >= 0; got -0.1"),
        ({"size": 0}, r"size must be a finite number > 0; got 0"),
        ({"plot_method": "surface"}, r"plot_method must be one of \('contourf', 'contour'"),
        ({"response": "logits"}, r"response must be one of \('auto', 'score', 'probability'\)"),
        ({"class_names": "ab"}, r"class_names must be a sequence of str; got 'ab'"),
        ({"class_names": [0, 1]}, r"class_names must be a sequence of str; got \[0, 1\]"),
        ({"class_names": ["only one"]}, r"class_names must name all 2 classes; got 1 names"),
        ({"X": [[1.0, 2.0], [1.0, 3.0]], "y": None, "eps": 0}, r"feature 0 of X has no spread"),
        ({"predict_fn": lambda g: g[:10, 0]}, r"one row per grid point, shape \(100,\)"),
        ({"predict_fn": lambda g: np.zeros((len(g), 2, 2))}, r"got shape \(100, 2, 2\)"),
        ({"predict_fn": lambda g: np.zeros((len(g), 0))}, r"got shape \(100, 0\)"),
        ({"predict_fn": lambda g: np.full(len(g), np.nan)}, r"predict_fn returned NaN"),
        (
            {"predict_fn": lambda g: g[:, 0], "response": "probability"},
            r"response='probability' but predict_fn returned values outside \[0, 1\]",
        ),
    ],
)
def test_bad_input_raises_value_error(ax, kwargs, match):
    args = {"predict_fn": lambda g: g[:, 0], "X": TOY, "y": [-1, -1, 1, 1], "grid_resolution": 10}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        plot_decision_boundary(args.pop("predict_fn"), args.pop("X"), args.pop("y"), ax=ax, **args)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"predict_fn": np.zeros(3)}, r"predict_fn must be callable .*; got ndarray"),
        ({"grid_resolution": 2.5}, r"grid_resolution must be an int >= 2; got 2.5 \(float\)"),
        ({"grid_resolution": True}, r"grid_resolution must be an int >= 2; got True \(bool\)"),
        ({"eps": "1"}, r"eps must be a finite number >= 0; got '1' \(str\)"),
        ({"ax": "foo"}, r"ax must be a matplotlib Axes or None; got str"),
        # No **kwargs: a misspelt option fails at once, by name, before any work.
        ({"plot_methd": "contour"}, r"unexpected keyword argument 'plot_methd'"),
    ],
)
def test_wrong_types_and_unknown_keywords_are_type_errors(ax, kwargs, match):
    fn = Counter(lambda g: g[:, 0])
    args = {"predict_fn": fn, "ax": ax, **kwargs}
    with pytest.raises(TypeError, match=match):
        plot_decision_boundary(args.pop("predict_fn"), TOY, [0, 0, 1, 1], **args)
    assert fn.calls == []


def test_decision_regions_checks_its_arguments_too():
    with pytest.raises(ValueError, match=r"response must be one of"):
        decision_regions(lambda g: g[:, 0], TOY, response="logit")
    with pytest.raises(TypeError, match=r"predict_fn must be callable"):
        decision_regions("model", TOY)


def test_validation_happens_before_any_prediction(ax):
    fn = Counter(lambda g: g[:, 0])
    with pytest.raises(ValueError, match="grid_resolution"):
        plot_decision_boundary(fn, TOY, grid_resolution=0, ax=ax)
    assert fn.calls == []


# --- DecisionRegions.plot: compute once, check, draw ----------------------------------------


def test_computed_regions_draw_what_plot_decision_boundary_draws_without_predicting_again():
    fn = Counter(lambda g: g[:, 0] - g[:, 1])
    regions = decision_regions(fn, TOY, grid_resolution=20)
    drawn = regions.plot(ax=Figure().subplots(), X=TOY, y=[-1, -1, 1, 1], alpha=0.5)
    direct = plot_decision_boundary(fn, TOY, [-1, -1, 1, 1], ax=Figure().subplots(),
                                    grid_resolution=20, alpha=0.5)
    assert len(fn.calls) == 2  # one each: plot() predicted nothing
    assert legend_texts(drawn) == legend_texts(direct) == ["label -1", "label +1"]
    assert [type(c) for c in drawn.collections] == [type(c) for c in direct.collections]
    (line_a,), (line_b,) = boundary_lines(drawn), boundary_lines(direct)
    np.testing.assert_allclose(np.concatenate(line_a.get_segments()),
                               np.concatenate(line_b.get_segments()))


def test_computed_regions_draw_alone_on_a_new_figure():
    ax = decision_regions(lambda g: g[:, 0], TOY, grid_resolution=10).plot()
    try:
        assert ax.get_legend() is None and len(boundary_lines(ax)) == 1
    finally:
        plt.close(ax.figure)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"y": [0, 1, 0, 1]}, "y colours the points X; pass X with it"),
     ({"X": TOY, "y": [0, 1]}, "y must have one label per row of X"),
     ({"plot_method": "surface"}, "plot_method must be one of")],
)
def test_computed_regions_check_what_they_are_given(kwargs, match):
    regions = decision_regions(lambda g: g[:, 0], TOY, grid_resolution=10)
    with pytest.raises(ValueError, match=match):
        regions.plot(ax=Figure().subplots(), **kwargs)


def test_class_names_are_checked_before_the_model_is_predicted(ax):
    fn = Counter(lambda g: g[:, 0])
    with pytest.raises(ValueError, match="class_names must name all 3 classes; got 2 names"):
        plot_decision_boundary(fn, X3, Y3, ax=ax, class_names=["a", "b"])
    assert fn.calls == []
