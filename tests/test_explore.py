"""course_utils.explore: the live view redraws, the static view is complete and deterministic."""

from __future__ import annotations

from course_utils import explore
from course_utils.datasets import load_toy_points
from course_utils.explore import _core, _mlp
from course_utils.explore._core import WIDGET_MIME, Control, Exploration

import base64
import json
import re

import numpy as np
import pytest


def _png(i: int) -> bytes:
    fig, ax = _core.new_figure()
    ax.plot([0, 1], [0, i])
    return _core.png_bytes(fig, quantize=i % 2 == 0)


@pytest.fixture(scope="module")
def toy():
    return load_toy_points()


@pytest.fixture(scope="module")
def small():
    frames = {v: _png(v) for v in range(3)}
    controls = [Control("a", "a", (0, 2, 1), (0, 1), 1), Control("kind", "kind", ("x", "y"),
                                                                  ("x",), "x")]
    return Exploration("Small one", controls, lambda a, kind: frames[a])


def _frames_of(html: str) -> list[str]:
    return json.loads(re.search(r"frames = (\[.*?\]);", html).group(1))


def test_png_bytes_are_the_same_for_the_same_drawing():
    assert _png(1) == _png(1)
    assert _png(2)[:8] == b"\x89PNG\r\n\x1a\n"


def _scene(twin=False):
    """A figure whose redraw moves a line, under a marker, and changes the title.

    With ``twin``, a second Axes on top (``twinx``) moves a line of its own.
    """
    fig, ax = _core.new_figure()
    ax.plot(np.arange(10), np.arange(10) % 3, color="0.7")  # static, under the moving line
    (line,) = ax.plot([], [], linewidth=3)
    ax.plot(2, 1, marker="s", markersize=12, color="black")  # static, over it
    ax.set(xlim=(0, 9), ylim=(-1, 12))
    lines = [line]
    if twin:
        top = ax.twinx()
        lines += top.plot([], [], linewidth=6, color="tab:red")
        top.set(ylim=(-1, 12))
    return fig, ax, lines


def _moving(ax, lines):
    """The scene's moving lines and the marker over them, out of drawing order; png_bytes
    adds each Axes' spines and title."""
    return [*reversed(lines), ax.lines[2]]


def _redraw(scene, k):
    _, ax, lines = scene
    for j, line in enumerate(lines):
        line.set_data([0, 3 + k + j, 9], [0, 20 * k - 5 * j, 5])  # crosses marker and frame
    ax.set_title(f"frame {k}" * (k + 1), fontsize=10)


@pytest.mark.parametrize("twin", [False, True])
def test_blitted_redraws_give_the_full_draws_bytes(twin):
    full, blitted = _scene(twin), _scene(twin)
    moving = _moving(*blitted[1:])
    for k in range(4):
        _redraw(full, k)
        _redraw(blitted, k)
        if k == 2:  # a new size: the background is drawn again
            for scene in (full, blitted):
                scene[0].set_size_inches(5.2, 3.0)
        quantize = k % 2 == 1
        assert _core.png_bytes(full[0], quantize=quantize) == _core.png_bytes(
            blitted[0], quantize=quantize, moving=moving)


def test_png_bytes_refuses_bad_or_changed_moving_artists():
    fig, ax, (line,) = _scene()
    for bad in (line, None, "title", [line, "title"]):
        with pytest.raises(TypeError, match="moving must be an iterable of matplotlib artists"):
            _core.png_bytes(fig, moving=bad)
    with pytest.raises(ValueError, match="moving must name each artist once"):
        _core.png_bytes(fig, moving=[line, line])
    _core.png_bytes(fig, moving=(a for a in [line, ax.lines[2]]))  # any iterable, once
    assert _core.png_bytes(fig, moving=[ax.lines[2], line])  # the same artists, another order
    with pytest.raises(ValueError, match="moving must name the same artists on every call"):
        _core.png_bytes(fig, moving=[line])
    with pytest.raises(ValueError, match="moving must name the same artists on every call"):
        _core.png_bytes(fig)


def _off_grid(controls) -> dict:
    """The defaults, with the last slider that can be moved off the static grid moved off it."""
    for slider in reversed([c for c in controls if not c.is_choice]):
        low, high, step = slider.live
        value = low + 0.37 * (high - low)
        if slider.log:
            value = 10**value
        elif isinstance(slider.default, int):
            value = int(round(value / step) * step)
        if value not in slider.static:
            return {**{c.name: c.default for c in controls}, slider.name: value}
    raise AssertionError("every slider's live values are all static frames")


@pytest.mark.parametrize("name", ["linear_classifier", "softmax_losses", "optimizer_paths",
                                  "mlp_boundary"])
def test_each_exploration_blits_the_bytes_of_a_full_draw(name, toy, monkeypatch):
    """Its list of moving artists is complete: every static frame, and a live redraw off the
    grid at full colour, drawn by blitting and by full draws give the same bytes."""
    arguments = toy if name == "linear_classifier" else ()
    module = {"linear_classifier": "_linear", "softmax_losses": "_softmax",
              "optimizer_paths": "_optimizers", "mlp_boundary": "_mlp"}[name]
    blitted = getattr(explore, name)(*arguments)
    live = _off_grid(blitted.controls)
    want = [*blitted.frames(), blitted.draw(**live), blitted.draw(**blitted.defaults)]

    def full_draw(fig, quantize=False, moving=()):
        return _core.png_bytes(fig, quantize=quantize)

    monkeypatch.setattr(getattr(explore, module), "png_bytes", full_draw)
    full = getattr(explore, name)(*arguments)
    assert [*full.frames(), full.draw(**live), full.draw(**full.defaults)] == want


def test_control_default_must_be_a_static_value():
    with pytest.raises(ValueError, match="default must be one of the static values"):
        Control("a", "a", (0, 1, 0.1), (0.0, 1.0), 0.5)
    with pytest.raises(ValueError, match="default must be one of the static values"):
        Control("a", "a", (0, 1, 0.1), (), 0.5)


def test_control_widgets_match_their_kind():
    import ipywidgets as w

    assert isinstance(Control("a", "a", (0, 3, 1), (1,), 1).widget(), w.IntSlider)
    assert isinstance(Control("a", "a", (0.0, 3.0, 0.5), (1.0,), 1.0).widget(), w.FloatSlider)
    assert isinstance(Control("a", "a", (-2, 0, 0.1), (0.1,), 0.1, log=True).widget(),
                      w.FloatLogSlider)
    menu = Control("a", "a", ("p", "q"), ("q",), "q").widget()
    assert isinstance(menu, w.Dropdown) and menu.value == "q"


def test_static_view_holds_every_frame_in_grid_order(small):
    html = small.static_html()
    uris = _frames_of(html)
    assert len(uris) == 2  # a: (0, 1) × kind: (x,)
    assert [base64.b64decode(u.split(",")[1]) for u in uris] == small.frames()
    first = re.search(r'<img src="([^"]+)"', html).group(1)
    assert first == uris[1]  # the default a = 1
    assert html == small.static_html()  # the same bytes on every call
    assert "http" not in html  # nothing to fetch


def test_static_view_has_a_slider_for_a_grid_and_text_for_a_fixed_value(small):
    html = small.static_html()
    assert html.count('type="range"') == 1
    assert "<select" not in html  # kind has one static value: shown, not chosen
    assert "data-values='[&quot;x&quot;]'" in html


def test_static_view_offers_a_menu_for_a_choice():
    e = Exploration("m", [Control("k", "k", ("x", "y"), ("x", "y"), "y")],
                    lambda k: _png(0 if k == "x" else 1))
    html = e.static_html()
    assert '<option value="1" selected>y</option>' in html


def test_one_output_carries_the_widget_and_the_static_view(small):
    bundle = small._repr_mimebundle_()
    assert set(bundle) == {WIDGET_MIME, "text/html", "text/plain"}
    assert bundle[WIDGET_MIME]["model_id"] == small.widget().model_id
    assert bundle["text/html"] == small.static_html()


def test_moving_a_knob_redraws_the_image(small):
    box = small.widget()
    before = box.image.value
    box.knobs["a"].value = 2
    assert box.image.value != before and box.image.value == small.draw(a=2, kind="x")


def test_linear_classifier_reports_mse_and_accuracy(toy):
    X, y = toy
    e = explore.linear_classifier(X, y)
    assert len(e.frames()) == 4 * 3 * 3
    box = e.widget()
    first = box.image.value
    box.knobs["w0"].value = -1.0
    assert box.image.value != first
    assert e.draw(w0=0.5, w1=0.5, b=0.0) == first


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"w": (1.0,)}, ValueError, "w must be a pair of numbers"),
        ({"w": "ab"}, ValueError, "w must be a pair of numbers"),
        ({"w": (0.5, 0.7)}, ValueError, "default must be one of the static values"),
        ({"b": "x"}, TypeError, "b must be"),
    ],
)
def test_linear_classifier_refuses_bad_input(toy, kwargs, error, match):
    with pytest.raises(error, match=match):
        explore.linear_classifier(*toy, **kwargs)


def test_linear_classifier_needs_two_classes(toy):
    X, _ = toy
    with pytest.raises(ValueError, match="exactly 2 distinct labels"):
        explore.linear_classifier(X, np.ones(len(X)))


def test_softmax_losses_grid_and_redraw():
    e = explore.softmax_losses(true_class=1)
    assert len(e.frames()) == 4 * 3 * 1 * 3 * 1
    box = e.widget()
    before = box.image.value
    box.knobs["temperature"].value = 0.5
    assert box.image.value != before
    assert box.knobs["true_class"].value == "class 1"


@pytest.mark.parametrize(("value", "error"), [(3, ValueError), (1.5, TypeError)])
def test_softmax_losses_refuses_a_bad_true_class(value, error):
    with pytest.raises(error, match="true_class must be"):
        explore.softmax_losses(true_class=value)


def test_optimizer_paths_grid_and_redraw():
    e = explore.optimizer_paths(steps=10)
    assert len(e.frames()) == 3 * 3 * 3
    box = e.widget()
    before = box.image.value
    box.knobs["rule"].value = "Adam"
    assert box.image.value != before
    diverging = e.draw(rule="SGD", learning_rate=0.5, momentum=0.0)
    assert diverging != before


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"steps": 0}, "steps must be"), ({"start": (1.0,)}, "start must be 2 finite numbers"),
     ({"curvatures": (1.0,)}, "curvatures must be a pair")],
)
def test_optimizer_paths_refuses_bad_input(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        explore.optimizer_paths(**kwargs)


@pytest.mark.parametrize("name", _mlp.DATASETS)
def test_datasets_are_two_classes_in_the_window(name):
    X, y = _mlp.make_dataset(name)
    assert X.shape == (120, 2) and X.dtype == np.float32
    assert set(np.unique(y)) == {0.0, 1.0}
    assert np.abs(X).max() < 2.5
    np.testing.assert_array_equal(X, _mlp.make_dataset(name)[0])


def test_make_dataset_refuses_an_unknown_name():
    with pytest.raises(ValueError, match="name must be one of"):
        _mlp.make_dataset("spirals")


def test_forward_agrees_with_keras():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="tanh"),
                              keras.layers.Dense(1, activation="sigmoid")])
    points = np.random.default_rng(0).normal(size=(20, 2)).astype("float32")
    np.testing.assert_allclose(_mlp.forward(model.get_weights(), "tanh", points),
                               model(points).numpy().ravel(), rtol=1e-5)


def test_mlp_boundary_trains_once_per_architecture_and_replays_epochs():
    _mlp.train_snapshots.cache_clear()
    e = explore.mlp_boundary(dataset="XOR", units=4, activation="tanh", depth=1,
                             static_datasets=("XOR",))
    assert len(e.frames()) == _mlp.SNAPSHOTS + 1
    assert _mlp.train_snapshots.cache_info().misses == 1
    box = e.widget()
    last = box.image.value
    box.knobs["epoch"].value = 0
    assert box.image.value != last
    assert _mlp.train_snapshots.cache_info().misses == 1  # replaying an epoch does not train
    weights = _mlp.train_snapshots("XOR", 4, "tanh", 1)
    X, y = _mlp.make_dataset("XOR")
    assert np.mean((_mlp.forward(weights[-1], "tanh", X) > 0.5) == y) >= 0.9


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"dataset": "spirals"}, ValueError, "dataset must be one of"),
        ({"static_datasets": "moons"}, ValueError, "static_datasets must be a tuple"),
        ({"static_datasets": ("XOR",)}, ValueError, "default must be one of the static values"),
        ({"units": 0}, ValueError, "units must be"),
        ({"units": 33}, ValueError, "units must be"),
        ({"depth": 4}, ValueError, "depth must be"),
        ({"activation": "gelu"}, ValueError, "activation must be one of"),
    ],
)
def test_mlp_boundary_refuses_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        explore.mlp_boundary(**kwargs).frames()


@pytest.mark.parametrize(
    ("args", "match"),
    [(("XOR", 0, "relu", 1), "units must be"), (("XOR", 2, "relu", 0), "depth must be"),
     (("XOR", 2, "elu", 1), "activation must be one of")],
)
def test_train_snapshots_refuses_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        _mlp.train_snapshots(*args)
