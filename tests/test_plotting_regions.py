"""course_utils.plotting.regions: decision regions of lambdas, estimators and Keras models."""

from course_utils.plotting import plot_decision_boundary
from course_utils.plotting import regions as R

import subprocess
import sys
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from sklearn.datasets import make_blobs
from sklearn.inspection import DecisionBoundaryDisplay
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
    assert legend_texts(ax) == ["-1", "1"]


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
    out = R._batched(model)(np.array([[0.0, 0.0], [0.0, 2.0]]))
    np.testing.assert_allclose(np.asarray(out)[:, 0], [0.5, -1.5])


# --- how predictions become classes -------------------------------------------------------


def test_single_score_sign_decides():
    labels, k, margins = R._decide(np.array([-2.0, -0.1, 0.0, 0.3, 5.0]), 5, "auto")
    assert k == 2 and labels.tolist() == [0, 0, 0, 1, 1]
    np.testing.assert_allclose(margins[0], [-2.0, -0.1, 0.0, 0.3, 5.0])


def test_single_probability_half_decides():
    labels, k, margins = R._decide(np.array([[0.1], [0.49], [0.51], [0.9]]), 4, "auto")
    assert k == 2 and labels.tolist() == [0, 0, 1, 1]
    np.testing.assert_allclose(margins[0], [-0.4, -0.01, 0.01, 0.4])


def test_explicit_score_overrides_auto():
    labels, _, _ = R._decide(np.array([0.1, 0.4, 0.9]), 3, "score")
    assert labels.tolist() == [1, 1, 1]


def test_matrix_argmax_decides_and_margins_trace_boundaries():
    out = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3]])
    labels, k, margins = R._decide(out, 3, "probability")
    assert k == 3 and labels.tolist() == [0, 2, 1]
    assert len(margins) == 2  # the last class's outline is already traced by the others
    np.testing.assert_allclose(margins[0], [0.5, -0.5, -0.3])
    np.testing.assert_allclose(margins[1], [-0.5, -0.3, 0.2])


def test_integer_output_is_accepted():
    labels, _, _ = R._decide(np.array([-1, 1, 1]), 3, "score")
    assert labels.tolist() == [0, 1, 1]


def test_labels_map_to_palette_positions():
    idx, names = R._class_indices(np.array([2, 0, 2]), 3)
    assert idx.tolist() == [2, 0, 2] and names == ["0", "1", "2"]
    idx, names = R._class_indices(np.array([-1.0, 1.0, -1.0]), 2)
    assert idx.tolist() == [0, 1, 0] and names == ["-1", "1"]
    idx, names = R._class_indices(np.array(["b", "a"]), 2)
    assert idx.tolist() == [1, 0] and names == ["a", "b"]
    idx, names = R._class_indices(np.array([0.5, 1.5]), 2)
    assert names == ["0.5", "1.5"]


# --- drawing ------------------------------------------------------------------------------


def test_probability_output_and_one_hot_labels(ax, tmp_path):
    clf = LogisticRegression().fit(X2, Y2)
    plot_decision_boundary(
        lambda g: clf.predict_proba(g)[:, 1], X2, np.eye(2)[Y2], ax=ax, response="probability"
    )
    assert legend_texts(ax) == ["0", "1"]
    ax.figure.savefig(tmp_path / "binary.png")
    assert (tmp_path / "binary.png").stat().st_size > 1000


@pytest.mark.parametrize("plot_method", ["contourf", "contour", "pcolormesh"])
@pytest.mark.parametrize(("X", "y"), [(X2, Y2), (X3, Y3)])
def test_plot_methods(ax, plot_method, X, y):
    clf = LogisticRegression().fit(X, y)
    plot_decision_boundary(clf.predict_proba, X, y, ax=ax, plot_method=plot_method)
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


def test_pyplot_state_and_rcparams_untouched(ax):
    before_rc = dict(mpl.rcParams)
    before_figs = plt.get_fignums()
    plot_decision_boundary(lambda g: g[:, 0] - g[:, 1], TOY, [-1, -1, 1, 1], ax=ax)
    assert plt.get_fignums() == before_figs
    assert dict(mpl.rcParams) == before_rc


def test_new_figure_only_when_ax_is_none():
    before_rc = dict(mpl.rcParams)
    before = set(plt.get_fignums())
    result = plot_decision_boundary(lambda g: g[:, 0], TOY, grid_resolution=10)
    try:
        assert set(plt.get_fignums()) - before == {result.figure.number}
        assert dict(mpl.rcParams) == before_rc
    finally:
        plt.close(result.figure)


def test_older_scikit_learn_without_n_classes(ax, monkeypatch):
    class OldDisplay(DecisionBoundaryDisplay):
        """scikit-learn < 1.9: no n_classes, a 2-D response goes straight to the plot method."""

        def __init__(self, *, xx0, xx1, response, xlabel=None, ylabel=None):
            super().__init__(
                xx0=xx0, xx1=xx1, n_classes=2, response=response, xlabel=xlabel, ylabel=ylabel
            )

    monkeypatch.setattr("sklearn.inspection.DecisionBoundaryDisplay", OldDisplay)
    clf = LogisticRegression().fit(X3, Y3)
    plot_decision_boundary(clf.predict_proba, X3, Y3, ax=ax, grid_resolution=20)
    assert ax.collections[0].get_cmap().N == 3


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
        ({"y": [[0], [1], [0]]}, r"y must have one label per row of X; got 3 labels"),
        ({"grid_resolution": 1}, r"grid_resolution must be an int >= 2; got 1"),
        ({"grid_resolution": 2.5}, r"grid_resolution must be an int >= 2; got 2.5"),
        ({"grid_resolution": True}, r"grid_resolution must be an int >= 2; got True"),
        ({"eps": -1.0}, r"eps must be a finite number >= 0; got -1.0"),
        ({"eps": float("nan")}, r"eps must be a finite number >= 0"),
        ({"eps": "1"}, r"eps must be a finite number >= 0"),
        ({"response": "logits"}, r"response must be one of \('auto', 'score', 'probability'\)"),
        ({"class_names": "ab"}, r"class_names must be a sequence of names"),
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


def test_non_callable_predict_fn_is_a_type_error(ax):
    with pytest.raises(TypeError, match=r"predict_fn must be callable .*; got ndarray"):
        plot_decision_boundary(np.zeros(3), TOY, ax=ax)


def test_validation_happens_before_any_prediction(ax):
    fn = Counter(lambda g: g[:, 0])
    with pytest.raises(ValueError, match="grid_resolution"):
        plot_decision_boundary(fn, TOY, grid_resolution=0, ax=ax)
    assert fn.calls == []
