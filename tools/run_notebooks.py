"""Run notebooks top to bottom in a fresh kernel each, and say in one line which cell failed.

    python tools/run_notebooks.py notebooks/*.ipynb            # run them where they are
    python tools/run_notebooks.py --copy-to /tmp/x notebooks/*.ipynb
                                                               # copy them out first, as a
                                                               # student who downloads them,
                                                               # and keep the executed copies
    python tools/run_notebooks.py --keep /tmp/x/*.ipynb        # keep the outputs in place

Outputs are not compared (strict nbval does that on the lock): a run passes when every cell
runs and every ``assert`` holds. The kernel is this interpreter's own (``python3`` from the
ipykernel installed beside it), so running the script with another venv's python tests that
venv. Exit status 1 when any notebook fails.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def run_one(path: Path, timeout: int, keep: bool = False) -> str | None:
    """Execute ``path`` in its own folder; None when it ran, else a one-line reason.

    With ``keep``, the executed notebook (outputs up to the failing cell) replaces ``path``.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        index = next((i for i, cell in enumerate(notebook.cells)
                      if any(o.get("output_type") == "error" for o in cell.get("outputs", []))),
                     None)
        last = str(error).strip().splitlines()
        return f"cell {index}: {last[-1] if last else error}"
    finally:
        if keep:
            nbformat.write(notebook, path)
    return None


def _timed(path: Path, timeout: int, keep: bool) -> tuple[str | None, float]:
    start = time.perf_counter()
    reason = run_one(path, timeout, keep=keep)
    return reason, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--copy-to", type=Path, help="copy the notebooks here and run the copies")
    parser.add_argument("--keep", action="store_true",
                        help="write the executed notebooks back (always with --copy-to)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at the same time")
    args = parser.parse_args(argv)
    paths = args.notebooks
    if args.copy_to:
        args.copy_to.mkdir(parents=True, exist_ok=True)
        paths = [Path(shutil.copy(p, args.copy_to / p.name)) for p in paths]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(_timed, path, args.timeout, args.keep or args.copy_to is not None)
                   for path in paths]
        failed = 0
        for path, future in zip(paths, futures, strict=True):
            reason, took = future.result()
            if reason is None:
                print(f"ok      {path.name} ({took:.1f} s)", flush=True)
            else:
                failed += 1
                print(f"FAILED  {path.name} ({took:.1f} s): {reason}", flush=True)
    print(f"{len(paths) - failed} of {len(paths)} notebooks ran top to bottom", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
