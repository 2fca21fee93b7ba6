"""Prove the course on stacks other than its lock: every notebook runs and every assert holds.

    python tools/compat.py                  # all three runs below (make test-compat)
    python tools/compat.py lowest hosted    # some of them

- ``lowest``: pyproject.toml's dependencies resolved to their lowest declared versions
  (uv ``--resolution lowest-direct``) on the lowest promised Python.
- ``newest``: the same dependencies resolved to the newest releases today, on the highest
  promised Python. Resolved afresh on every run, so an upstream release that breaks a
  notebook turns this red.
- ``pip``: the README's pip commands (the route without ``make``, Windows's too), run as
  written in a fresh copy of the course's files; JupyterLab must answer, and notebook 00 run.
- ``hosted``: a Python 3.12 venv that already holds a hosted service's full ``tensorflow``
  (``tests/compat/hosted.txt``); the course's wheel is installed with plain pip, which must
  not add ``tensorflow-cpu``, and the notebooks run from a folder outside the repository.

``lowest`` and ``newest`` also run the unit tests. Outputs are not compared (other versions
print other last digits); strict nbval compares them on the lock. Each run gets its own venv
under ``build/compat/``; the resolved versions go to ``build/compat/<run>.txt``.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "compat"
HOSTED_STACK = ROOT / "tests" / "compat" / "hosted.txt"
HOSTED_PYTHON = "3.12"
SHOWN = ("tensorflow", "tensorflow-cpu", "keras", "numpy", "scikit-learn", "matplotlib")
UNIT_TESTS = ["tests", "course_utils", "--doctest-modules", "--ignore=tests/browser",
              "--ignore=tests/site", "--ignore=tests/rise", "-q", "-p", "no:cacheprovider"]


def sh(*args, check: bool = True) -> bool:
    """Run a command from the repository root, echoing it; stop on failure when ``check``."""
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check).returncode == 0


def find_python(minor: str) -> str:
    """An interpreter for Python ``minor`` ("3.12"): on PATH, else one that pyenv installed."""
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = [shutil.which(f"python{minor}")]
    candidates += sorted(glob.glob(f"{root}/versions/{minor}.*/bin/python{minor}"))
    for candidate in filter(None, candidates):
        code = "import sys; print('%d.%d' % sys.version_info[:2])"
        probe = subprocess.run([candidate, "-c", code], capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == minor:
            return candidate
    raise SystemExit(f"Python {minor} is not installed: install it (pyenv install {minor}, or "
                     f"your package manager's python{minor}) and run make test-compat again.")


def promised() -> tuple[str, str]:
    low, high = subprocess.run([sys.executable, "tools/check_python.py", "--range"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.split()
    return low, high


def build_wheel(uv: str) -> Path:
    dist = OUT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    sh(uv, "build", "--wheel", "--quiet", "--out-dir", dist, ROOT)
    (wheel,) = dist.glob("mlp_course-*.whl")
    return wheel


def new_venv(uv: str, name: str, python: str) -> Path:
    venv = OUT / name
    shutil.rmtree(venv, ignore_errors=True)
    sh(uv, "venv", "--quiet", "--seed", "--python", python, venv)
    return venv / "bin" / "python"


def versions(python: Path) -> str:
    code = ("from importlib import metadata as m\n"
            f"for n in {SHOWN!r}:\n"
            "    try: print(f'{n} {m.version(n)}', end='; ')\n"
            "    except m.PackageNotFoundError: pass\n")
    return subprocess.run([python, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip(" ;")


def run_notebooks(python: Path, name: str) -> bool:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    folder = OUT / f"{name}-notebooks"
    shutil.rmtree(folder, ignore_errors=True)
    return sh(python, ROOT / "tools" / "run_notebooks.py", "--jobs", "2", "--copy-to", folder,
              *notebooks, check=False)


def resolved_run(uv: str, wheel: Path, name: str, minor: str, lowest: bool) -> str:
    """The lowest or newest resolution of pyproject.toml: unit tests and every notebook."""
    python = find_python(minor)
    pins = OUT / f"{name}.txt"
    resolution = ["--resolution", "lowest-direct"] if lowest else []
    sh(uv, "pip", "compile", "pyproject.toml", "--extra", "tensorflow", "--extra", "lab",
       "--extra", "dev", "--python-version", minor, "--upgrade", "--quiet", *resolution, "-o", pins)
    venv_python = new_venv(uv, name, python)
    sh(uv, "pip", "install", "--quiet", "--python", venv_python, "-r", pins)
    sh(uv, "pip", "install", "--quiet", "--python", venv_python, "--no-deps", wheel)
    units = sh(venv_python, "-m", "pytest", *UNIT_TESTS, check=False)
    notebooks = run_notebooks(venv_python, name)
    if not (units and notebooks):
        failed = " and ".join(w for w, ok in (("unit tests", units), ("notebooks", notebooks))
                              if not ok)
        raise SystemExit(f"compat {name}: the {failed} failed on {versions(venv_python)}")
    return f"Python {minor}: {versions(venv_python)}"


def hosted_run(uv: str, wheel: Path) -> str:
    """A host's full TensorFlow, then the course's wheel with plain pip, as a student would."""
    venv_python = new_venv(uv, "hosted", find_python(HOSTED_PYTHON))
    sh(uv, "pip", "install", "--quiet", "--python", venv_python, "-r", HOSTED_STACK)
    sh(venv_python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    installed = versions(venv_python)
    if "tensorflow-cpu" in installed:
        raise SystemExit(f"pip added tensorflow-cpu beside the host's tensorflow: {installed}")
    if not run_notebooks(venv_python, "hosted"):
        raise SystemExit(f"compat hosted: notebooks failed on {installed}")
    return f"Python {HOSTED_PYTHON}: {installed}"


def readme_pip_commands() -> list[str]:
    """The lines of the README's fenced block under its "### pip, without `make`" heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^### pip, without `make`.*?```bash\n(.*?)```", text, re.S | re.M)
    if match is None:
        raise SystemExit("README.md has no bash block under '### pip, without `make`'")
    return [line for line in match.group(1).splitlines() if line.strip()]


def _serve_and_probe(command: str, folder: Path, env: dict[str, str]) -> None:
    """Start the README's `jupyter lab` line and wait until the server answers; then stop it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    extra = f" --no-browser --ServerApp.port={port} --IdentityProvider.token=''"
    if os.geteuid() == 0:
        extra += " --allow-root"  # README's Troubleshooting: Jupyter refuses root without it
    print("+", command + extra, flush=True)
    server = subprocess.Popen(["bash", "-c", command + extra], cwd=folder, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab", timeout=2) as page:
                    if page.status == 200:
                        return
            except OSError:
                time.sleep(1)
        raise SystemExit(f"compat pip: `{command}` did not answer on port {port} within 2 min")
    finally:
        server.terminate()
        server.wait(timeout=30)


def pip_route_run(minor: str) -> str:
    """The README's pip route, literally, in a fresh copy of the course's tracked files.

    Its ``python`` is the Python ``minor`` (the lowest promised), put first on PATH, so the run
    does not depend on what a bare ``python`` means on the machine.
    """
    folder = OUT / "pip-route"
    shutil.rmtree(folder, ignore_errors=True)
    shims = OUT / "pip-route-bin"
    shutil.rmtree(shims, ignore_errors=True)
    shims.mkdir(parents=True)
    (shims / "python").symlink_to(find_python(minor))
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ.get('PATH', '')}"}
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    for command in readme_pip_commands():
        if " lab " in f"{command} ":
            _serve_and_probe(command, folder, env)
        else:
            print("+", command, flush=True)
            subprocess.run(["bash", "-c", command], cwd=folder, env=env, check=True)
    venv_python = folder / ".venv" / "bin" / "python"
    sh(venv_python, ROOT / "tools" / "run_notebooks.py",
       folder / "notebooks" / "00_setup_check.ipynb")
    python = subprocess.run([venv_python, "--version"], capture_output=True, text=True)
    return f"{python.stdout.strip()}: {versions(venv_python)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    every = ["lowest", "newest", "pip", "hosted"]
    # No `choices=`: with nargs="*", Python 3.11's argparse checks the empty default against it.
    parser.add_argument("runs", nargs="*", help=f"some of {', '.join(every)} (default: all)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.runs) - set(every))
    if unknown:
        parser.error(f"unknown run(s) {unknown}: choose from {', '.join(every)}")
    args.runs = args.runs or every
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        raise SystemExit("make test-compat needs uv: run make setup first.")
    OUT.mkdir(parents=True, exist_ok=True)
    low, high = promised()
    wheel = build_wheel(uv)
    summary = []
    for name in args.runs:
        start = time.perf_counter()
        if name == "hosted":
            stack = hosted_run(uv, wheel)
        elif name == "pip":
            stack = pip_route_run(low)
        else:
            stack = resolved_run(uv, wheel, name, low if name == "lowest" else high,
                                 lowest=name == "lowest")
        summary.append(f"{name}: passed in {time.perf_counter() - start:.0f} s on {stack}")
        print(f"== {summary[-1]}", flush=True)
    (OUT / "summary.txt").write_text("\n".join(summary) + "\n", encoding="utf-8")
    print("\n".join(["== make test-compat", *summary]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
