"""`make bench`: measure the course's hot paths and write benchmarks/results.json.

Each figure is the median of several repeats, all measured in the same run on the same
machine. Targets (checked and reported here, never asserted in the test suite):

- suite_overhead_ratio: strict nbval over all notebooks / as many import-only notebooks, <= 2.0
- notebook_seconds: each notebook's clean execution, <= 25 s; course_seconds is their sum
- slowest_cell_seconds: each notebook's slowest code cell after the setup cell (the one that
  imports TensorFlow and calls seed_everything), <= 5 s; slowest_cell says which cell it is
- weight_history_speedup: the slides' 50x fit(epochs=1) + predict loop / one fit(epochs=50)
  with WeightHistory, >= 10
- boundary_vs_forward_ratio: plot_decision_boundary on 200x200 / one forward pass, <= 3
- setup_seconds: installing the lock into an empty venv, uv cache warm and cold
- explore: each exploration's redraw after a slider move (<= 0.1 s; a new MLP architecture
  trains, <= 1 s), the time to precompute its static frames, and its static view (<= 1 MB)
"""

from __future__ import annotations

from course_utils import TF_ENV

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
ENV = {**os.environ, **TF_ENV}
BIN = Path(sys.executable).parent
TARGETS = {
    "suite_overhead_ratio": ("<=", 2.0),
    "weight_history_speedup": (">=", 10.0),
    "boundary_vs_forward_ratio": ("<=", 3.0),
}
NOTEBOOK_LIMIT_S, CELL_LIMIT_S = 25.0, 5.0
RESULTS = ROOT / "benchmarks" / "results.json"


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


def notebook_timings(repeats: int) -> dict:
    """Each notebook's clean execution, and its slowest code cell after the setup cell.

    Medians over the repeats: of the whole run, and of each cell before picking the slowest.
    The cell times come from the timing metadata nbclient records (its default).
    """
    import cell_timing

    seconds, slowest = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for nb in NOTEBOOKS:
            runs, cell_runs = [], []
            for _ in range(repeats):
                runs.append(_timed([
                    str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.record_timing=True", "--output-dir", tmp, str(nb),
                ], stderr=subprocess.DEVNULL))  # fmt: skip
                cell_runs.append(cell_timing.cell_seconds(nbformat.read(Path(tmp) / nb.name, 4)))
            seconds[nb.name] = statistics.median(runs)
            setup = cell_timing.setup_cell_index(nbformat.read(nb, 4))
            cells = cell_timing.median_cells(cell_runs)
            index, cell_s = cell_timing.slowest_after_setup(cells, setup)
            slowest[nb.name] = {"cell": index, "seconds": cell_s}
    return {
        "notebook_seconds": seconds,
        "course_seconds": sum(seconds.values()),
        "slowest_cell_seconds": {name: cell["seconds"] for name, cell in slowest.items()},
        "slowest_cell": slowest,
    }


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


def notebook_table_rows(results: dict) -> list[str]:
    """CONTRIBUTING.md's benchmark rows on notebook timing, for whatever notebooks were run."""
    names = list(results["notebook_seconds"])
    numbers = " / ".join(name[:2] for name in names)

    def joined(values, limit):
        met = "met" if all(v <= limit for v in values) else "**not met**"
        return " / ".join(f"{v:.1f}" for v in values) + " s", f"≤ {limit:g} s each — {met}"

    run, run_target = joined(results["notebook_seconds"].values(), NOTEBOOK_LIMIT_S)
    cell, cell_target = joined(results["slowest_cell_seconds"].values(), CELL_LIMIT_S)
    return [
        f"| notebook {numbers} clean execution (`notebook_seconds`) | {run} | {run_target} |",
        f"| notebook {numbers} slowest code cell after the setup cell (`slowest_cell_seconds`) "
        f"| {cell} | {cell_target} |",
        f"| all {len(names)} notebooks one after another (`course_seconds`) "
        f"| {results['course_seconds']:.1f} s | — |",
    ]


def _read_results() -> dict:
    return json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}


def _write_results(results: dict) -> None:
    RESULTS.write_text(json.dumps(results, indent=2, default=float) + "\n")


def _notebooks_only(repeats: int) -> int:
    """Re-measure the notebook figures alone, keeping the rest of results.json."""
    results = _read_results()
    start = os.getloadavg()[0]
    print("measuring notebook execution, cell by cell ...", flush=True)
    results.update(notebook_timings(repeats))
    results["notebook_load_average"] = [start, os.getloadavg()[0]]
    _write_results(results)
    print("\n".join(notebook_table_rows(results)))
    print(f"load average (1 min): {start:.1f} at the start, "
          f"{results['notebook_load_average'][1]:.1f} at the end, on {os.cpu_count()} cores")
    return 0


def _explore(repeats: int) -> dict:
    """Measure the explorations and print their table (it stays out of the closing rows)."""
    import bench_explore

    print("measuring the explorations ...", flush=True)
    load = os.getloadavg()[0]
    explore = {**bench_explore.run(repeats=max(repeats, 5)), "load_average": load,
               "repeats": max(repeats, 5)}
    print(f"\n{'exploration':<20} {'redraw (s)':>10} {'static (s)':>10} {'static (kB)':>11}")
    for name, redraw in explore["redraw_seconds"].items():
        print(f"{name:<20} {redraw:>10.3f} {explore['static_seconds'][name]:>10.2f} "
              f"{explore['static_bytes'][name] / 1000:>11.0f}")
    print(f"mlp_boundary, a new architecture trains in {explore['train_seconds']:.2f} s "
          f"(targets: redraw <= 0.1 s, training <= 1 s, static <= 1000 kB); "
          f"load average {explore['load_average']:.1f}")
    return explore


def _explore_only(repeats: int) -> int:
    """Re-measure the explorations alone, keeping the rest of results.json."""
    results = _read_results()
    results["explore"] = _explore(repeats)
    _write_results(results)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="repeats per figure (median reported)"
    )
    parser.add_argument("--skip-setup", action="store_true", help="skip the fresh-install timing")
    parser.add_argument(
        "--table", action="store_true",
        help="measure nothing: print CONTRIBUTING.md's notebook rows from benchmarks/results.json",
    )  # fmt: skip
    parser.add_argument(
        "--explore-only", action="store_true",
        help="measure only the explorations (redraw times, static views) and update results.json",
    )  # fmt: skip
    parser.add_argument(
        "--notebooks-only", action="store_true",
        help="measure only the notebooks (run time, slowest cell) and update results.json",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.notebooks_only or args.explore_only:
        return (_notebooks_only if args.notebooks_only else _explore_only)(args.repeats)
    if args.table:
        results = _read_results()
        if "slowest_cell_seconds" not in results:
            parser.error("benchmarks/results.json predates slowest_cell_seconds: run make bench")
        print("\n".join(notebook_table_rows(results)))
        return 0
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    import bench_boundary
    import bench_weight_history

    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "repeats": args.repeats,
        # timings scale with whatever else runs: keep the 1-minute load beside them
        "load_average_start": os.getloadavg()[0],
    }
    print("measuring notebook execution, cell by cell ...", flush=True)
    results.update(notebook_timings(args.repeats))
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
    results["explore"] = _explore(args.repeats)
    if not args.skip_setup:
        print("measuring a fresh install ...", flush=True)
        results["setup_seconds"] = setup_seconds()

    results["load_average_end"] = os.getloadavg()[0]
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
    rows += [("course_seconds (all notebooks)", results["course_seconds"])]
    rows += [(f"slowest_cell_seconds[{k}] (cell {results['slowest_cell'][k]['cell']})", v)
             for k, v in results["slowest_cell_seconds"].items()]
    rows += [(f"setup_seconds[{k}]", v) for k, v in results.get("setup_seconds", {}).items()]
    print(f"\n{'figure':<66} {'value':>8}  verdict")
    for key, value in rows:
        verdict = _verdict(key, value)
        for prefix, limit in (("notebook_seconds", NOTEBOOK_LIMIT_S),
                              ("slowest_cell_seconds", CELL_LIMIT_S)):
            if key.startswith(prefix):
                verdict = f"target <= {limit:g} s: {'met' if value <= limit else 'NOT met'}"
        print(f"{key:<66} {value:>8.2f}  {verdict}")
    print(f"load average (1 min): {results['load_average_start']:.1f} at the start, "
          f"{results['load_average_end']:.1f} at the end, on {os.cpu_count()} cores")
    _write_results(results)
    print("\nwritten to benchmarks/results.json; CONTRIBUTING.md's notebook rows:\n")
    print("\n".join(notebook_table_rows(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
