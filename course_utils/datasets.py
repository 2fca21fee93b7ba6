"""Loaders for the small CSV files in ``data/`` (see ``data/README.md`` for their origin).

Every loader reads from the course's ``data/`` folder by default and accepts ``data_dir`` to
read the same file name from somewhere else (tests, a student's own copy). A missing file
raises ``FileNotFoundError`` naming the path; content that does not have the expected shape
raises ``ValueError`` naming the file and what was wrong.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["DATA_DIR", "PartyScores", "load_party_scores", "load_toy_points"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

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


def _resolve(data_dir: str | os.PathLike[str] | None, name: str, what: str) -> Path:
    if data_dir is None:
        folder = DATA_DIR
    elif isinstance(data_dir, (str, os.PathLike)):
        folder = Path(data_dir)
    else:
        raise TypeError(f"data_dir must be a path (str or os.PathLike) or None; got {data_dir!r}")
    path = folder / name
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: it should hold {what}. The course ships it in data/; "
            "pass data_dir=... if your copy lives elsewhere."
        )
    return path


def _read_rows(path: Path, header: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    if not rows:
        raise ValueError(f"{path} is empty; expected a header line and data rows")
    found = [cell.strip() for cell in rows[0]]
    if header is not None and found != header:
        raise ValueError(f"{path} must have the header {','.join(header)}; got {','.join(found)}")
    body = [[cell.strip() for cell in row] for row in rows[1:]]
    for number, row in enumerate(body, start=2):
        if len(row) != len(found):
            raise ValueError(
                f"{path} line {number} has {len(row)} fields; expected {len(found)} like the header"
            )
    return found, body


def _number(path: Path, text: str, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{path}: column {column} must hold numbers; got {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{path}: column {column} must hold finite numbers; got {text!r}")
    return value


def load_toy_points(
    data_dir: str | os.PathLike[str] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Load the four 2-D points of the linear-classifier example (notebook 02).

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        Folder holding ``toy_points.csv``; the course's ``data/`` when None.

    Returns
    -------
    X : numpy.ndarray of float64, shape (4, 2)
        The points (2, 0), (5, -2), (-2, 2), (-1, -3).
    y : numpy.ndarray of float64, shape (4,)
        Their labels -1, -1, +1, +1. Both are fresh arrays on every call, so a notebook may
        modify them.
    """
    path = _resolve(data_dir, TOY_POINTS_FILE, "the four toy points (columns x0, x1, label)")
    header = ["x0", "x1", "label"]
    _, body = _read_rows(path, header)
    if not body:
        raise ValueError(f"{path} has a header but no data rows")
    table = np.array(
        [[_number(path, c, k) for c, k in zip(row, header, strict=True)] for row in body]
    )
    X, y = table[:, :2], table[:, 2]
    if not np.all(np.isin(y, (-1.0, 1.0))):
        raise ValueError(f"{path}: column label must hold -1 or 1; got {sorted(set(y.tolist()))}")
    return X, y


def load_party_scores(data_dir: str | os.PathLike[str] | None = None) -> PartyScores:
    """Load the three-person, two-model probability table of notebook 03.

    The file has one row per (model, person): ``model, person, true_class`` followed by one
    probability column per class. Every model must score the same people in the same order,
    each person's true class must be one of the class columns, and each row must be a
    probability distribution (entries in [0, 1], summing to 1 within 1e-6).

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        Where ``party_scores.csv`` is, as for :func:`load_toy_points`.

    Returns
    -------
    PartyScores
        With the shipped file ``y_true`` and each entry of ``models`` have shape (3, 3) and
        ``labels`` is ``[2, 1, 0]`` (Democrat, Republican, Other).
    """
    path = _resolve(
        data_dir, PARTY_SCORES_FILE, "the party probability table (model, person, true_class, ...)"
    )
    header, body = _read_rows(path)
    if header[:3] != ["model", "person", "true_class"] or len(header) < 5:
        raise ValueError(
            f"{path} must start with the columns model,person,true_class followed by at least "
            f"two class columns; got {','.join(header)}"
        )
    classes = tuple(header[3:])
    rows: dict[str, list[list[str]]] = {}
    for row in body:
        rows.setdefault(row[0], []).append(row)
    if not rows:
        raise ValueError(f"{path} has a header but no data rows")

    first = next(iter(rows.values()))
    people = tuple(row[1] for row in first)
    truth = tuple(row[2] for row in first)
    models: dict[str, np.ndarray] = {}
    for name, group in rows.items():
        if tuple(row[1] for row in group) != people or tuple(row[2] for row in group) != truth:
            raise ValueError(
                f"{path}: model {name!r} must list the same people with the same true classes, "
                f"in the same order, as the first model ({', '.join(people)})"
            )
        probs = np.array(
            [[_number(path, c, k) for c, k in zip(r[3:], classes, strict=True)] for r in group]
        )
        if np.any(probs < 0) or np.any(probs > 1):
            raise ValueError(f"{path}: model {name!r} has probabilities outside [0, 1]")
        if not np.allclose(probs.sum(axis=1), 1.0, atol=1e-6):
            raise ValueError(f"{path}: each row of model {name!r} must sum to 1")
        models[name] = probs

    unknown = sorted(set(truth) - set(classes))
    if unknown:
        raise ValueError(f"{path}: true_class {unknown} is not one of the classes {classes}")
    labels = np.array([classes.index(c) for c in truth], dtype=np.int64)
    y_true = np.eye(len(classes))[labels]
    return PartyScores(classes=classes, people=people, y_true=y_true, labels=labels, models=models)
