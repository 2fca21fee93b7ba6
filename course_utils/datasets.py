"""Loaders for the small CSV files in ``data/`` (see ``data/README.md`` for their origin).

The files travel with the package: an installed wheel carries them in ``course_utils/data``,
and a checkout of the repository reads them from its top-level ``data/`` folder, so a notebook
finds them from any working directory. Every loader accepts ``data_dir`` to read the same file
name from somewhere else (tests, a student's own copy). A missing file raises
``FileNotFoundError`` naming the path; numbers that do not parse raise numpy's ``ValueError``,
which names the line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["DATA_DIR", "PartyScores", "load_party_scores", "load_toy_points"]


def _shipped_data_dir() -> Path:
    # A wheel installs data/ inside the package (pyproject.toml's force-include); a checkout,
    # editable install included, keeps it at the top of the repository.
    packaged = resources.files(__package__) / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data"


DATA_DIR = _shipped_data_dir()

TOY_POINTS_FILE = "toy_points.csv"
PARTY_SCORES_FILE = "party_scores.csv"


@dataclass(frozen=True)
class PartyScores:
    """The three-person example of notebook 03 (lecture slides on softmax and cross entropy).

    Attributes
    ----------
    classes : tuple of str
        The class names in column order, ``("Other", "Republican", "Democrat")``.
    people : tuple of str
        The people in row order, ``("Person1", "Person2", "Person3")``.
    y_true : numpy.ndarray of float, shape (n_people, n_classes) = (3, 3)
        One-hot true classes.
    labels : numpy.ndarray of int, shape (3,)
        Index of each person's true class in ``classes``.
    models : dict of str to numpy.ndarray
        Model name -> predicted probabilities, each of shape (3, 3) with rows following
        ``people`` and columns following ``classes``; names in file order (``"Model 1"``,
        ``"Model 2"``).
    """

    classes: tuple[str, ...]
    people: tuple[str, ...]
    y_true: np.ndarray
    labels: np.ndarray
    models: dict[str, np.ndarray]


def _read_table(data_dir, name: str, header: list[str] | None = None) -> np.ndarray:
    """The file's rows as a structured array, after the checks a student can act on."""
    if data_dir is not None and not isinstance(data_dir, str | os.PathLike):
        raise TypeError(f"data_dir must be a path (str or os.PathLike) or None; got {data_dir!r}")
    path = Path(DATA_DIR if data_dir is None else data_dir) / name
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found. The course ships {name} with course_utils; "
            "pass data_dir=... if your copy lives elsewhere."
        )
    table = np.genfromtxt(path, delimiter=",", names=True, dtype=None, encoding="utf-8",
                          ndmin=1, invalid_raise=True)
    found = list(table.dtype.names or ())
    if header is not None and found != header:
        raise ValueError(f"{path} must have the header {','.join(header)}; got {','.join(found)}")
    if table.size == 0:
        raise ValueError(f"{path} has a header but no data rows")
    return table


def load_toy_points(
    data_dir: str | os.PathLike[str] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Load the four 2-D points of the linear-classifier example (notebook 02).

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        Folder holding ``toy_points.csv``; the course's shipped data when None.

    Returns
    -------
    X : numpy.ndarray of float64, shape (4, 2)
        The points (2, 0), (5, -2), (-2, 2), (-1, -3).
    y : numpy.ndarray of float64, shape (4,)
        Their labels -1, -1, +1, +1. Both are fresh arrays on every call, so a notebook may
        modify them.

    Examples
    --------
    >>> X, y = load_toy_points()
    >>> X.shape, y.tolist()
    ((4, 2), [-1.0, -1.0, 1.0, 1.0])
    """
    table = _read_table(data_dir, TOY_POINTS_FILE, ["x0", "x1", "label"])
    X = np.column_stack([table["x0"], table["x1"]]).astype(np.float64)
    y = table["label"].astype(np.float64)
    if not np.all(np.isfinite(X)) or not np.all(np.isin(y, (-1.0, 1.0))):
        raise ValueError(f"{TOY_POINTS_FILE} must hold finite x0, x1 and labels -1 or 1")
    return X, y


def load_party_scores(data_dir: str | os.PathLike[str] | None = None) -> PartyScores:
    """Load the three-person, two-model probability table of notebook 03.

    The file has one row per (model, person): ``model, person, true_class`` followed by one
    probability column per class. Every model scores the same people in the same order.

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        Where ``party_scores.csv`` is, as for :func:`load_toy_points`.

    Returns
    -------
    PartyScores
        With the shipped file ``y_true`` and each entry of ``models`` have shape (3, 3) and
        ``labels`` is ``[2, 1, 0]`` (Democrat, Republican, Other).

    Examples
    --------
    >>> scores = load_party_scores()
    >>> scores.classes, scores.labels.tolist()
    (('Other', 'Republican', 'Democrat'), [2, 1, 0])
    """
    table = _read_table(data_dir, PARTY_SCORES_FILE)
    names = list(table.dtype.names)
    if names[:3] != ["model", "person", "true_class"] or len(names) < 5:
        raise ValueError(
            f"{PARTY_SCORES_FILE} must start with the columns model,person,true_class followed "
            f"by at least two class columns; got {','.join(names)}"
        )
    classes = tuple(names[3:])
    probs = np.column_stack([table[c] for c in classes]).astype(np.float64)
    model_names = list(dict.fromkeys(table["model"].tolist()))
    first = table["model"] == model_names[0]
    people = tuple(table["person"][first].tolist())
    truth = tuple(table["true_class"][first].tolist())
    models = {}
    for name in model_names:
        rows = table["model"] == name
        if tuple(table["person"][rows]) != people or tuple(table["true_class"][rows]) != truth:
            raise ValueError(f"{PARTY_SCORES_FILE}: model {name!r} must list the same people "
                             f"with the same true classes, in the same order, as the first")
        models[name] = probs[rows]
    if not np.allclose(probs.sum(axis=1), 1.0, atol=1e-6) or np.any(probs < 0):
        raise ValueError(f"{PARTY_SCORES_FILE}: each row must be a probability distribution")
    unknown = sorted(set(truth) - set(classes))
    if unknown:
        raise ValueError(f"true_class {unknown} is not one of the classes {classes}")
    labels = np.array([classes.index(c) for c in truth], dtype=np.int64)
    return PartyScores(classes=classes, people=people, y_true=np.eye(len(classes))[labels],
                       labels=labels, models=models)
