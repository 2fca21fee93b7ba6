"""`make bench`: measure the course's hot paths and write benchmarks/results.json.

Each figure is the median of several repeats, all measured in the same run on the same
machine. Targets (checked and reported here, never asserted in the test suite):

- suite_overhead_ratio: strict nbval over all notebooks / as many import-only notebooks, <= 2.0
- notebook_seconds: each notebook's clean execution, <= 20 s (04: <= 30 s, 06: <= 25 s)
- weight_history_speedup: the slides' 50x fit(epochs=1) + predict loop / one fit(epochs=50)
  with WeightHistory, >= 10
- boundary_vs_forward_ratio: plot_decision_boundary on 200x200 / one forward pass, <= 3
- setup_seconds: installing the lock into an empty venv, uv cache warm and cold
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}
BIN = Path(sys.executable).parent
TARGETS = {
    "suite_overhead_ratio": ("<=", 2.0),
    "weight_history_speedup": (">=", 10.0),
    "boundary_vs_forward_ratio": ("<=", 3.0),
}


def _timed(cmd: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def _nbval(paths: list[Path], workers: int = 2) -> list[str]:
    parallel = ["-n", str(workers), "--dist", "loadfile"] if workers > 1 else []
    return [
        str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", *parallel, "--nbval",
        "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", *map(str, paths),
    ]  # fmt: skip


def suite_overhead(repeats: int) -> dict:
    """nbval over the real notebooks against the floor: kernel start plus TF/Keras imports."""
    with tempfile.TemporaryDirectory() as tmp:
        floor = []
        for i in range(len(NOTEBOOKS)):
            nb = nbformat.v4.new_notebook(
                metadata={
                    "kernelspec": {
                        "name": "python3",
                        "language": "python",
                        "display_name": "Python 3",
                    }
                }
            )
            nb.cells = [
                nbformat.v4.new_code_cell("import course_utils\nimport keras\nimport tensorflow")
            ]
            path = Path(tmp) / f"{i:02d}_floor.ipynb"
            nbformat.write(nb, path)
            floor.append(path)
        real = [_timed(_nbval(NOTEBOOKS)) for _ in range(repeats)]
        base = [_timed(_nbval(floor)) for _ in range(repeats)]
        # One worker per core is what make test uses; the serial run shows what that buys.
        serial = [_timed(_nbval(NOTEBOOKS, workers=1)) for _ in range(repeats)]
    return {
        "suite_seconds": statistics.median(real),
        "suite_serial_seconds": statistics.median(serial),
        "floor_seconds": statistics.median(base),
        "suite_overhead_ratio": statistics.median(real) / statistics.median(base),
    }


def notebook_seconds(repeats: int) -> dict[str, float]:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for nb in NOTEBOOKS:
            runs = [
                _timed(
                    [
                        str(BIN / "jupyter"),
                        "nbconvert",
                        "--to",
                        "notebook",
                        "--execute",
                        "--output-dir",
                        tmp,
                        str(nb),
                    ],
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(repeats)
            ]
            out[nb.name] = statistics.median(runs)
    return out


def setup_seconds() -> dict[str, float]:
    """Install requirements.lock + the project into an empty venv, with uv's cache warm and cold."""
    out = {}
    uv = BIN / "uv"
    with tempfile.TemporaryDirectory() as tmp:
        for label, cache in (("warm_cache", None), ("cold_cache", Path(tmp) / "uv-cache")):
            venv = Path(tmp) / f"venv-{label}"
            env = {**ENV, **({"UV_CACHE_DIR": str(cache)} if cache else {})}
            start = time.perf_counter()
            install = [str(uv), "pip", "install", "-q", "--python", str(venv / "bin/python")]
            for cmd in (
                [sys.executable, "-m", "venv", str(venv)],
                [*install, "--compile-bytecode", "-r", "requirements.lock"],  # as make setup does
                [*install, "--no-deps", "-e", "."],
            ):
                subprocess.run(cmd, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
            out[label] = time.perf_counter() - start
    return out


def _verdict(key: str, value: float) -> str:
    if key not in TARGETS:
        return ""
    op, target = TARGETS[key]
    ok = value <= target if op == "<=" else value >= target
    return f"target {op} {target:g}: {'met' if ok else 'NOT met'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="repeats per figure (median reported)"
    )
    parser.add_argument("--skip-setup", action="store_true", help="skip the fresh-install timing")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    import bench_boundary
    import bench_weight_history

    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "repeats": args.repeats,
    }
    print("measuring notebook execution ...", flush=True)
    results["notebook_seconds"] = notebook_seconds(args.repeats)
    print("measuring the nbval suite against its floor ...", flush=True)
    results.update(suite_overhead(args.repeats))
    print("measuring weight recording ...", flush=True)
    wh = bench_weight_history.run(repeats=args.repeats)
    results["weight_history_speedup"] = wh["weight_history_speedup"]
    results["weight_history"] = wh
    print("measuring decision regions ...", flush=True)
    db = bench_boundary.run(repeats=max(args.repeats, 5))
    results["boundary_vs_forward_ratio"] = db["boundary_vs_forward_ratio"]
    results["boundary"] = db
    if not args.skip_setup:
        print("measuring a fresh install ...", flush=True)
        results["setup_seconds"] = setup_seconds()

    rows = [
        ("suite_overhead_ratio", results["suite_overhead_ratio"]),
        ("weight_history_speedup", results["weight_history_speedup"]),
        ("boundary_vs_forward_ratio", results["boundary_vs_forward_ratio"]),
    ]
    rows += [
        ("weight_history_speedup via a repeated tf.data dataset", wh["dataset_speedup"]),
        ("nbval suite, 2 workers (s)", results["suite_seconds"]),
        ("nbval suite, 1 worker (s)", results["suite_serial_seconds"]),
        ("nbval floor: import-only notebooks, 2 workers (s)", results["floor_seconds"]),
    ]
    rows += [(f"notebook_seconds[{k}]", v) for k, v in results["notebook_seconds"].items()]
    rows += [(f"setup_seconds[{k}]", v) for k, v in results.get("setup_seconds", {}).items()]
    print(f"\n{'figure':<56} {'value':>8}  verdict")
    for key, value in rows:
        verdict = _verdict(key, value)
        if key.startswith("notebook_seconds"):
            limit = {"04_": 30.0, "06_": 25.0}.get(key.split("[")[-1][:3], 20.0)
            verdict = f"target <= {limit:g} s: {'met' if value <= limit else 'NOT met'}"
        print(f"{key:<56} {value:>8.2f}  {verdict}")
    (ROOT / "benchmarks" / "results.json").write_text(
        json.dumps(results, indent=2, default=float) + "\n"
    )
    print("\nwritten to benchmarks/results.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
