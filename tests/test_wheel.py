"""The built wheel carries course_utils with its data, readable from any working directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed (make setup installs it into the venv)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv, "build", "--wheel", "--quiet", "--out-dir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (built,) = out.glob("mlp_course-*.whl")
    return built


def test_wheel_ships_the_data_folder_inside_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "data").iterdir() if p.is_file()}
    assert shipped, "data/ is empty"
    for name in shipped:
        assert f"course_utils/data/{name}" in names, f"{name} is missing from the wheel"
    assert not any(n.startswith(("tests/", "notebooks/", "data/")) for n in names)


def test_wheel_declares_tensorflow_only_as_an_extra(wheel):
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        requires = [line for line in archive.read(meta).decode().splitlines()
                    if line.startswith("Requires-Dist:")]
    tensorflow = [line for line in requires if "tensorflow" in line.split(";")[0]]
    assert tensorflow, "the tensorflow extra is missing"
    assert all("extra == 'tensorflow'" in line or 'extra == "tensorflow"' in line
               for line in tensorflow), tensorflow


def test_unpacked_wheel_loads_its_data_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "from course_utils import datasets; "
        "print(datasets.DATA_DIR); print(datasets.load_toy_points()[0].shape)"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                          capture_output=True, text=True, check=True)
    data_dir, shape = done.stdout.split("\n")[:2]
    assert Path(data_dir) == site / "course_utils" / "data"
    assert shape == "(4, 2)"
