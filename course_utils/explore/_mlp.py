"""Exploration 3: an MLP's decision boundary forming over the epochs, for a chosen architecture.

Each setting of data set, width, activation and depth trains one small Keras model (full-batch
Adam, seeded) and keeps its weights at a few epochs; moving the epoch slider then only redraws,
from those weights with a NumPy forward pass over a grid.
"""

from __future__ import annotations

import functools

import numpy as np

from .._checks import check_int
from ..plotting import _style as style
from ._core import Control, Exploration, new_figure, png_bytes

DATASETS = ("XOR", "moons", "circles")
ACTIVATIONS = ("relu", "tanh", "sigmoid")
N_POINTS = 120
SNAPSHOTS = 8  # weights kept after every EPOCHS // SNAPSHOTS epochs
EPOCHS = 200
GRID = 90
WINDOW = (-2.0, 2.0)


def make_dataset(name: str, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """One of the exploration's data sets: 120 points in [−2, 2]², labels 0 and 1.

    Parameters
    ----------
    name : {"XOR", "moons", "circles"}
        XOR: four Gaussian clusters, opposite corners alike; moons and circles as scikit-learn
        makes them, centred and scaled into the window.
    seed : int, default 0
        Seed of the noise.

    Returns
    -------
    X : numpy.ndarray of shape (120, 2), float32
    y : numpy.ndarray of shape (120,), float32
    """
    if name not in DATASETS:
        raise ValueError(f"name must be one of {DATASETS}; got {name!r}")
    seed = check_int(seed, "seed", low=0)
    from sklearn.datasets import make_circles, make_moons

    if name == "XOR":
        rng = np.random.default_rng(seed)
        corners = rng.integers(0, 2, size=(N_POINTS, 2))
        X = (corners * 2 - 1) * 1.0 + rng.normal(scale=0.35, size=(N_POINTS, 2))
        y = corners[:, 0] ^ corners[:, 1]
    elif name == "moons":
        X, y = make_moons(N_POINTS, noise=0.15, random_state=seed)
        X = (X - [0.5, 0.25]) * 1.4
    else:
        X, y = make_circles(N_POINTS, noise=0.08, factor=0.45, random_state=seed)
        X = X * 1.6
    return X.astype("float32"), y.astype("float32")


@functools.lru_cache(maxsize=32)
def train_snapshots(dataset: str, units: int, activation: str, depth: int, seed: int = 0):
    """Train one MLP on a data set; its weights after every ``EPOCHS // SNAPSHOTS`` epochs.

    Parameters
    ----------
    dataset : {"XOR", "moons", "circles"}
    units : int
        Hidden units per layer, 1 to 32.
    activation : {"relu", "tanh", "sigmoid"}
    depth : int
        Hidden layers, 1 to 3.
    seed : int, default 0
        Seeds the data and the initial weights.

    Returns
    -------
    list of list of numpy.ndarray
        ``SNAPSHOTS + 1`` weight lists (``model.get_weights()``), the first before training.
    """
    units = check_int(units, "units", low=1, high=32)
    depth = check_int(depth, "depth", low=1, high=3)
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}; got {activation!r}")
    X, y = make_dataset(dataset, seed=seed)
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    x = inputs = keras.Input(shape=(2,), name="point")
    for i in range(1, depth + 1):
        x = keras.layers.Dense(units, activation=activation, name=f"hidden_{i}")(x)
    outputs = keras.layers.Dense(1, activation="sigmoid", name="output")(x)
    model = keras.Model(inputs, outputs, name="explore_mlp")
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy")
    snapshots = [model.get_weights()]
    keep = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: snapshots.append(model.get_weights()))
    # One full-batch step is one epoch; fit's "epoch" here is a stretch of them between two
    # snapshots, which keeps fit's per-epoch bookkeeping to SNAPSHOTS rounds.
    batches = tf.data.Dataset.from_tensor_slices((X, y)).batch(len(X)).repeat()
    model.fit(batches, epochs=SNAPSHOTS, steps_per_epoch=EPOCHS // SNAPSHOTS, verbose=0,
              shuffle=False, callbacks=[keep])
    return snapshots


def forward(weights, activation: str, points: np.ndarray) -> np.ndarray:
    """P(class 1) of an MLP given by its Keras weights, evaluated with NumPy."""
    act = {"relu": lambda a: np.maximum(a, 0), "tanh": np.tanh,
           "sigmoid": lambda a: 1 / (1 + np.exp(-a))}[activation]
    h = points
    for k in range(0, len(weights) - 2, 2):
        h = act(h @ weights[k] + weights[k + 1])
    z = h @ weights[-2] + weights[-1]
    return (1 / (1 + np.exp(-z))).ravel()


def mlp_boundary(*, dataset: str = "moons", units: int = 8, activation: str = "relu",
                 depth: int = 1, static_datasets=("moons",)) -> Exploration:
    """Choose a data set, the width, activation and depth; watch the boundary form.

    Each new architecture trains a Keras model for 200 full-batch epochs (Adam, learning rate
    0.05, seeded; cached, so coming back to a setting is instant); the epoch slider replays
    its boundary after every 25 epochs.

    Parameters
    ----------
    dataset : {"XOR", "moons", "circles"}, default "moons"
    units : int, default 8
        Hidden units per layer, 1 to 32.
    activation : {"relu", "tanh", "sigmoid"}, default "relu"
    depth : int, default 1
        Hidden layers, 1 to 3.
    static_datasets : tuple of str, default ("moons",)
        The data sets precomputed for the static view (one training each), at the starting
        width, activation and depth; must include ``dataset``.

    Returns
    -------
    Exploration
    """
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {DATASETS}; got {dataset!r}")
    if isinstance(static_datasets, str) or not set(static_datasets) <= set(DATASETS):
        raise ValueError(f"static_datasets must be a tuple of {DATASETS}; got {static_datasets!r}")
    units = check_int(units, "units", low=1, high=32)
    depth = check_int(depth, "depth", low=1, high=3)
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}; got {activation!r}")
    fig, ax = new_figure()
    ax.set(xlim=WINDOW, ylim=WINDOW, aspect="equal")
    style.label_axes(ax)
    ticks = np.linspace(*WINDOW, GRID)
    g0, g1 = np.meshgrid(ticks, ticks)
    grid = np.column_stack([g0.ravel(), g1.ravel()]).astype("float32")
    colors = style.class_colors(2)
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap([colors[0], colors[1]])
    regions = ax.imshow(np.zeros((GRID, GRID)), extent=(*WINDOW, *WINDOW), origin="lower",
                        cmap=cmap, vmin=0, vmax=1, alpha=0.25, interpolation="nearest")
    points = ax.scatter([], [], s=14, edgecolors="black", linewidths=0.4, zorder=3)
    point_colors = np.array([colors[0], colors[1]])
    moving = [regions, points]  # what a redraw changes

    def draw(dataset, units, activation, depth, epoch, quantize=False):
        X, y = make_dataset(dataset)
        weights = train_snapshots(dataset, units, activation, depth)[epoch // (EPOCHS // SNAPSHOTS)]
        inside = forward(weights, activation, grid).reshape(GRID, GRID) > 0.5
        regions.set_data(inside.astype(float))
        points.set_offsets(X)
        points.set_facecolor(point_colors[y.astype(int)])
        accuracy = float(np.mean((forward(weights, activation, X) > 0.5) == (y == 1)))
        ax.set_title(f"{dataset}, {depth} × {units} {activation}: epoch {epoch}, "
                     f"accuracy {accuracy:.2f}", fontsize=10)
        return png_bytes(fig, quantize=quantize, moving=moving)

    step = EPOCHS // SNAPSHOTS
    epochs = tuple(range(0, EPOCHS + 1, step))
    controls = [
        Control("dataset", "data set", DATASETS, tuple(static_datasets), dataset),
        Control("units", "hidden units", (1, 32, 1), (units,), units, continuous=False),
        Control("activation", "activation", ACTIVATIONS, (activation,), activation),
        Control("depth", "hidden layers", (1, 3, 1), (depth,), depth, continuous=False),
        Control("epoch", "epoch", (0, EPOCHS, step), epochs, EPOCHS),
    ]
    return Exploration("MLP: the boundary over the epochs", controls, draw,
                       lambda **v: draw(**v, quantize=True))
