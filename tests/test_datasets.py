"""Tests of course_utils.datasets: the shipped files' contents and the loaders' errors."""

from course_utils import datasets
from course_utils.datasets import PartyScores, load_party_scores, load_toy_points

from pathlib import Path

import numpy as np
import pytest

TOY_HEADER = "x0,x1,label\n"
PARTY_HEADER = "model,person,true_class,Other,Republican,Democrat\n"


def write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_data_dir_in_a_checkout_is_the_repository_data_folder():
    # A wheel carries the files inside the package; tests/test_package.py builds one.
    assert datasets.DATA_DIR == Path(__file__).resolve().parent.parent / "data"
    assert (datasets.DATA_DIR / "README.md").is_file()


def test_toy_points_values_and_shapes():
    X, y = load_toy_points()
    assert X.shape == (4, 2) and X.dtype == np.float64
    assert y.shape == (4,) and y.dtype == np.float64
    np.testing.assert_array_equal(X, [[2, 0], [5, -2], [-2, 2], [-1, -3]])
    np.testing.assert_array_equal(y, [-1, -1, 1, 1])


def test_toy_points_returns_fresh_arrays():
    X, _ = load_toy_points()
    X[0, 0] = 99.0
    assert load_toy_points()[0][0, 0] == 2.0


def test_party_scores_contents():
    scores = load_party_scores()
    assert isinstance(scores, PartyScores)
    assert scores.classes == ("Other", "Republican", "Democrat")
    assert scores.people == ("Person1", "Person2", "Person3")
    np.testing.assert_array_equal(scores.labels, [2, 1, 0])
    np.testing.assert_array_equal(scores.y_true, [[0, 0, 1], [0, 1, 0], [1, 0, 0]])
    assert scores.y_true.dtype == np.float64 and scores.labels.dtype == np.int64
    assert list(scores.models) == ["Model 1", "Model 2"]
    np.testing.assert_allclose(
        scores.models["Model 1"], [[0.3, 0.3, 0.4], [0.3, 0.4, 0.3], [0.1, 0.2, 0.7]]
    )
    np.testing.assert_allclose(
        scores.models["Model 2"], [[0.1, 0.2, 0.7], [0.1, 0.7, 0.2], [0.3, 0.4, 0.3]]
    )


def test_party_scores_reproduce_the_slides_losses():
    # The figures notebook 03 teaches; checked here so a typo in the CSV cannot slip through.
    scores = load_party_scores()
    sq = {k: ((p - scores.y_true) ** 2).sum(axis=1) for k, p in scores.models.items()}
    ce = {k: -np.log((p * scores.y_true).sum(axis=1)) for k, p in scores.models.items()}
    np.testing.assert_allclose(sq["Model 1"], [0.54, 0.54, 1.34])
    np.testing.assert_allclose(sq["Model 2"], [0.14, 0.14, 0.74])
    np.testing.assert_allclose(ce["Model 1"], [0.92, 0.92, 2.30], atol=0.005)
    np.testing.assert_allclose(ce["Model 2"], [0.36, 0.36, 1.20], atol=0.005)


def test_data_dir_override_reads_another_folder(tmp_path):
    write(tmp_path, "toy_points.csv", TOY_HEADER + "1,2,1\n3,4,-1\n")
    X, y = load_toy_points(data_dir=tmp_path)
    np.testing.assert_array_equal(X, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(y, [1, -1])
    X, _ = load_toy_points(data_dir=str(tmp_path))
    assert X.shape == (2, 2)


@pytest.mark.parametrize("loader", [load_toy_points, load_party_scores])
def test_missing_file_names_path_and_content(tmp_path, loader):
    with pytest.raises(FileNotFoundError, match=r"\.csv not found\. The course ships"):
        loader(data_dir=tmp_path)


@pytest.mark.parametrize("loader", [load_toy_points, load_party_scores])
def test_data_dir_of_wrong_type(loader):
    with pytest.raises(TypeError, match="data_dir must be a path"):
        loader(data_dir=3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b,c\n1,2,1\n", "must have the header x0,x1,label"),
        (TOY_HEADER, "no data rows"),
        (TOY_HEADER + "1,2,1\n1,2\n", "Line #3"),
        (TOY_HEADER + "1,nan,1\n", "finite x0, x1 and labels -1 or 1"),
        (TOY_HEADER + "1,2,0\n", "finite x0, x1 and labels -1 or 1"),
    ],
)
def test_malformed_toy_points(tmp_path, text, message):
    write(tmp_path, "toy_points.csv", text)
    with pytest.raises(ValueError, match=message):
        load_toy_points(data_dir=tmp_path)


GOOD_PARTY = (
    "Model 1,Person1,Democrat,0.3,0.3,0.4\n"
    "Model 1,Person2,Republican,0.3,0.4,0.3\n"
    "Model 2,Person1,Democrat,0.1,0.2,0.7\n"
    "Model 2,Person2,Republican,0.1,0.7,0.2\n"
)


def test_party_scores_from_another_folder(tmp_path):
    write(tmp_path, "party_scores.csv", PARTY_HEADER + GOOD_PARTY)
    scores = load_party_scores(data_dir=tmp_path)
    assert scores.people == ("Person1", "Person2")
    assert scores.models["Model 2"].shape == (2, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("model,person,Other,Democrat\nM,P,0.5,0.5\n", "must start with the columns model"),
        (PARTY_HEADER, "no data rows"),
        (
            PARTY_HEADER + GOOD_PARTY.replace("Model 2,Person2", "Model 2,Person9"),
            "model 'Model 2' must list the same people",
        ),
        (PARTY_HEADER + GOOD_PARTY.replace("0.1,0.7,0.2", "-0.1,0.9,0.2"), "a probability"),
        (PARTY_HEADER + GOOD_PARTY.replace("0.1,0.7,0.2", "0.1,0.7,0.3"), "a probability"),
        (
            PARTY_HEADER + GOOD_PARTY.replace("Republican,0", "Green,0"),
            r"true_class \['Green'\] is not one of the classes",
        ),
    ],
)
def test_malformed_party_scores(tmp_path, text, message):
    write(tmp_path, "party_scores.csv", text)
    with pytest.raises(ValueError, match=message):
        load_party_scores(data_dir=tmp_path)
