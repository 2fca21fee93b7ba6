"""Checks every committed notebook must pass before nbval even runs it.

Each failure names the notebook and the cell, so an author knows where to look.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from tools import exercise_format

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb"))
NAME = re.compile(r"^(\d\d)_[a-z0-9]+(?:_[a-z0-9]+)*\.ipynb$")
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
MEMORY_ADDRESS = re.compile(r"at 0x[0-9a-fA-F]{6,}>")
# Calls that fetch from the network: the course must run offline.
NETWORK = re.compile(
    r"https?://|urllib|requests\.|urlopen|get_file\(|fetch_[a-z0-9_]+\(|keras\.datasets|"
    r"tfds\.|load_dataset\(|pip install|wget |curl "
)


def _cells(path: Path, kind: str | None = None):
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if kind is None or cell.cell_type == kind:
            yield index, cell


def _code_lines(source: str) -> list[str]:
    return [ln for ln in source.splitlines() if not ln.strip().startswith("#")]


ids = [p.name for p in NOTEBOOKS]

# What JupyterLab 4 (with ipykernel) writes into a notebook's metadata when it saves one:
# committing exactly this keeps `git status` clean after a student opens, saves or presents a
# notebook (RISE saves before it starts). language_info.version is the kernel's Python, checked
# separately below.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}


def _promised_pythons() -> range:
    text = (NOTEBOOK_DIR.parent / "pyproject.toml").read_text(encoding="utf-8")
    low, below = re.search(r'requires-python = ">=3\.(\d+),<3\.(\d+)"', text).groups()
    return range(int(low), int(below))


def test_notebooks_exist_and_are_numbered_without_gaps():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOK_DIR}"
    bad = [p.name for p in NOTEBOOKS if not NAME.match(p.name)]
    assert not bad, f"notebook names must be NN_snake_case.ipynb: {bad}"
    numbers = [int(NAME.match(p.name).group(1)) for p in NOTEBOOKS]
    assert numbers == list(range(len(numbers))), (
        f"notebooks must be numbered 00, 01, ... without gaps: {ids}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_valid_nbformat_4_with_python3_kernel(path):
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert nb.nbformat == 4, f"{path.name}: nbformat {nb.nbformat}, expected 4"
    nbformat.validate(nb)
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    assert kernel == "python3", f"{path.name}: kernelspec is {kernel!r}, expected 'python3'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_metadata_is_what_jupyterlab_writes_on_save(path):
    metadata = nbformat.read(path, as_version=4).metadata
    assert set(metadata) == {"kernelspec", "language_info"}, (
        f"{path.name}: notebook metadata has keys {sorted(metadata)}; keep only kernelspec and "
        "language_info (other keys are editor state that changes from one save to the next)"
    )
    assert metadata.kernelspec == KERNELSPEC, (
        f"{path.name}: kernelspec is {dict(metadata.kernelspec)}, but JupyterLab saves "
        f"{KERNELSPEC}; re-run the notebook with make execute"
    )
    info = dict(metadata.language_info)
    version = info.pop("version", "")
    assert info == LANGUAGE_INFO, (
        f"{path.name}: language_info is {info}, but JupyterLab saves {LANGUAGE_INFO} "
        "(besides the version); re-run the notebook with make execute"
    )
    minor = re.match(r"3\.(\d+)\.\d+$", version)
    assert minor and int(minor.group(1)) in _promised_pythons(), (
        f"{path.name}: language_info.version {version!r} is not a Python the course promises; "
        "re-run the notebook with make execute"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_stored_in_canonical_json(path):
    text = path.read_text(encoding="utf-8")
    canonical = nbformat.writes(nbformat.reads(text, as_version=nbformat.NO_CONVERT))
    assert text.rstrip("\n") == canonical.rstrip("\n"), (
        f"{path.name} is not in Jupyter's canonical JSON form; re-save it with nbformat "
        "(make execute does)"
    )
    json.loads(text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_execution_counts_come_from_a_clean_run(path):
    counts = [(i, c.execution_count) for i, c in _cells(path, "code") if c.source.strip()]
    expected = list(range(1, len(counts) + 1))
    for (index, count), want in zip(counts, expected, strict=True):
        assert count == want, (
            f"{path.name} cell {index}: execution count {count}, expected {want}; "
            "re-run the notebook top to bottom in a fresh kernel (make execute)"
            + (" (this cell never ran)" if count is None else "")
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_errors_warnings_or_memory_addresses_in_outputs(path):
    for index, cell in _cells(path, "code"):
        for out in cell.get("outputs", []):
            where = f"{path.name} cell {index}"
            assert out.output_type != "error", f"{where}: error output {out.get('ename')}"
            text = out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            assert not MEMORY_ADDRESS.search(text), (
                f"{where}: an object repr with a memory address; end the line with ';'"
            )
            if out.get("name") == "stderr":
                raise AssertionError(
                    f"{where}: stderr output (a warning or log line): {text[:200]!r}"
                )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_ignored_outputs_say_why(path):
    for index, cell in _cells(path, "code"):
        if "NBVAL_IGNORE_OUTPUT" not in cell.source:
            continue
        reasons = [
            ln
            for ln in cell.source.splitlines()
            if ln.strip().startswith("#")
            and "NBVAL_IGNORE_OUTPUT" not in ln
            and len(ln.strip()) > 12
        ]
        assert reasons, (
            f"{path.name} cell {index}: NBVAL_IGNORE_OUTPUT without a comment saying why"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_every_cell_has_slide_metadata(path):
    for index, cell in _cells(path):
        slide_type = cell.metadata.get("slideshow", {}).get("slide_type")
        assert slide_type in SLIDE_TYPES, (
            f"{path.name} cell {index}: slideshow.slide_type is {slide_type!r}; "
            f"choose one of {sorted(SLIDE_TYPES)}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_code_cell_reaches_the_network(path):
    # The one exception is the launch cell, which installs the course only where it is missing
    # (Colab, a bare hub); tests/test_launch.py checks that it is exactly the generated one.
    for index, cell in _cells(path, "code"):
        if "launch-install" in cell.metadata.get("tags", []):
            continue
        for line in _code_lines(cell.source):
            assert not NETWORK.search(line), (
                f"{path.name} cell {index}: looks like a download: {line.strip()!r}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_execution_timestamps(path):
    # nbconvert records per-cell timestamps unless told not to (make execute tells it): they
    # change on every run and turn each re-execution into a diff of every cell.
    for index, cell in _cells(path, "code"):
        assert "execution" not in cell.metadata, (
            f"{path.name} cell {index}: execution timestamps in the metadata; "
            "re-run it with make execute"
        )


# Exercises: the format is defined in tools/exercise_format.py and checked here on the committed
# notebooks, outputs included; strict nbval proves the outputs still come out that way.
CONTENT = [p for p in NOTEBOOKS if 1 <= int(p.name[:2]) <= 6]
MIN_EXERCISES = 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_every_exercise_has_task_answer_and_hidden_solution(path):
    exercise_format.validate(path.name, nbformat.read(path, as_version=4).cells)


@pytest.mark.parametrize("path", CONTENT, ids=[p.name for p in CONTENT])
def test_every_content_notebook_has_at_least_three_exercises(path):
    count = len(exercise_format.find_exercises(nbformat.read(path, as_version=4).cells))
    assert count >= MIN_EXERCISES, (
        f"{path.name} has {count} checked exercises; every content notebook needs at least "
        f"{MIN_EXERCISES} (CONTRIBUTING.md, Exercises)"
    )
