"""Prove the course on stacks other than its lock: every notebook runs and every assert holds.

    python tools/compat.py                  # lowest, newest, pip and colab (make test-compat)
    python tools/compat.py lowest colab     # some of them
    python tools/compat.py pre              # the canary (make test-compat COMPAT_RUNS=pre)

- ``lowest``: pyproject.toml's dependencies resolved to their lowest declared versions
  (uv ``--resolution lowest-direct``) on the lowest promised Python.
- ``newest``: the same dependencies resolved to the newest releases today, on the highest
  promised Python. Resolved afresh on every run, so an upstream release that breaks a
  notebook turns this red.
- ``pip``: the README's pip commands (the route without ``make``, Windows's too), run as
  written in a fresh copy of the course's files; JupyterLab must answer, and notebook 00 run.
- ``colab``: Google Colab's runtime as Google publishes it (``tests/compat/colab.txt``, exact
  pins, on its Python). With the network down, a notebook's install cell must fail in one
  sentence; pointed at a local git repository tagged as this release, it installs the course
  with the venv's own pip, which must change none of the pins. Then every notebook runs from a
  folder outside the repository, and each exploration it shows must be a live view of Colab's
  ipywidgets whose image is the first frame.
- ``pre``, the canary, outside the default: ``newest`` with release candidates of TensorFlow,
  Keras and numpy allowed, so that a coming release which breaks a notebook shows here first.

``lowest``, ``newest`` and ``pre`` also run the unit tests. Outputs are not compared (other
versions print other last digits); strict nbval compares them on the lock. Each run gets its own
venv under ``build/compat/``; the resolved versions go to ``build/compat/<run>.txt``.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

if not __package__:  # run as a script: the repository root holds the tools package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools import colab_stack, launch

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "compat"
SHOWN = ("tensorflow", "tensorflow-cpu", "keras", "numpy", "scikit-learn", "matplotlib",
         "ipywidgets")
UNIT_TESTS = ["tests", "course_utils", "--doctest-modules", "--ignore=tests/browser",
              "--ignore=tests/site", "--ignore=tests/rise", "-q", "-p", "no:cacheprovider"]
#: Published as release candidates before their final version: the canary admits those.
PRE_RELEASED = ("tensorflow", "tensorflow-cpu", "keras", "numpy")
#: The discard port: nothing listens there, so a proxy at it refuses every connection.
DEAD_PROXY = "http://127.0.0.1:9"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def sh(*args, check: bool = True, env: dict[str, str] | None = None) -> bool:
    """Run a command from the repository root, echoing it; stop on failure when ``check``."""
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check, env=env).returncode == 0


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


def prerelease_lines(wanted: list[Requirement], newest: dict[str, str]) -> list[str]:
    """``name>=version`` (with its marker) for each of ``wanted`` whose ``newest`` is an rc."""
    lines = []
    for requirement in wanted:
        version = newest.get(canonicalize_name(requirement.name))
        if version is not None and Version(version).is_prerelease:
            marker = f"; {requirement.marker}" if requirement.marker else ""
            lines.append(f"{requirement.name}>={version}{marker}")
    return lines


def prerelease_requirements(uv: str, minor: str, path: Path) -> Path:
    """``path``, written with a requirement for each of PRE_RELEASED whose newest is an rc.

    uv takes a pre-release only of a package whose requirement names one at or above it, so
    each package's newest version is found first (pre-releases allowed, for these alone); where
    that is a pre-release, the line ``name>=that`` lets the full resolution take it.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = [*project["dependencies"], *project["optional-dependencies"]["tensorflow"]]
    wanted = [Requirement(t) for t in texts if canonicalize_name(Requirement(t).name)
              in PRE_RELEASED]
    probe = path.with_suffix(".probe.in")
    probe.write_text("".join(f"{r}\n" for r in wanted), encoding="utf-8")
    newest = path.with_suffix(".probe.txt")
    sh(uv, "pip", "compile", probe, "--prerelease", "allow", "--python-version", minor,
       "--quiet", "--no-header", "--no-annotate", "-o", newest)
    lines = prerelease_lines(wanted, colab_stack.colab_pins(newest.read_text(encoding="utf-8")))
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"compat pre: release candidates taken: {', '.join(lines) or 'none'}", flush=True)
    return path


def resolved_run(uv: str, wheel: Path, name: str, minor: str) -> str:
    """pyproject.toml resolved as ``name`` says (lowest, newest, pre): unit tests, notebooks."""
    python = find_python(minor)
    pins = OUT / f"{name}.txt"
    sources: list[object] = ["pyproject.toml"]
    options = ["--resolution", "lowest-direct"] if name == "lowest" else []
    if name == "pre":
        sources.append(prerelease_requirements(uv, minor, OUT / "pre-releases.in"))
    sh(uv, "pip", "compile", *sources, "--extra", "tensorflow", "--extra", "lab", "--extra", "dev",
       "--python-version", minor, "--upgrade", "--quiet", *options, "-o", pins)
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


def installed(python: Path) -> dict[str, str]:
    """``{canonical name: version}`` of every distribution in ``python``'s environment."""
    code = ("import json; from importlib import metadata as m; "
            "print(json.dumps({d.name: d.version for d in m.distributions()}))")
    found = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return {canonicalize_name(n): v for n, v in json.loads(found.stdout).items()}


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What differs from ``before`` to ``after``, one phrase a package."""
    changed = [f"{n} {v} to {after.get(n, 'nothing')}" for n, v in sorted(before.items())
               if after.get(n) != v]
    return changed + [f"{n} {v} added" for n, v in sorted(after.items()) if n not in before]


def copy_course(folder: Path) -> Path:
    """A fresh copy of the course's files as they are now: tracked, and new but not ignored."""
    shutil.rmtree(folder, ignore_errors=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    return folder


def release_repository() -> str:
    """A local git repository of the course tagged as this release, as a pip URL."""
    tag = launch.project()[2]
    repo = copy_course(OUT / "release-repository")
    git = ["git", "-C", repo, "-c", "user.name=compat", "-c", "user.email=compat@localhost"]
    for args in (["init", "--quiet"], ["add", "--all"], ["commit", "--quiet", "-m", tag],
                 ["tag", tag]):
        subprocess.run([*git, *args], check=True)
    return f"git+{repo.as_uri()}@{tag}"


def install_cell(notebook) -> nbformat.NotebookNode:
    """A notebook's install cell (tools/launch.py writes it)."""
    return next(c for c in notebook.cells if launch.INSTALL_TAG in c.metadata.get("tags", []))


#: Appended to each notebook in the colab run. ``Out`` keeps every cell's result, so it keeps
#: each Exploration that a cell showed.
LIVE_VIEW_CHECK = """\
import ipywidgets
from course_utils.explore import WIDGET_MIME, Exploration

views = [v for v in Out.values() if isinstance(v, Exploration)]
assert len(views) == {count}, f"{{len(views)}} explorations shown, expected {count}"
assert ipywidgets.__version__ == "{version}", ipywidgets.__version__
for view in views:
    box = view.widget()
    assert isinstance(box, ipywidgets.Box), type(box)
    assert box.image.value[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "the live image is no PNG"
    first = box.image.value
    name, knob = next(iter(box.knobs.items()))
    knob.value = knob.options[-1] if hasattr(knob, "options") else knob.max
    moved = {{**view.defaults, name: knob.value}}
    assert box.image.value != first and box.image.value == view.draw(**moved), "no live redraw"
print(f"{{len(views)}} live view(s) on ipywidgets {{ipywidgets.__version__}}")
"""


def colab_notebook(source: Path, folder: Path, url: str, ipywidgets: str) -> Path:
    """A copy of ``source`` in ``folder``: its install cell takes ``url``; LIVE_VIEW_CHECK last."""
    notebook = nbformat.read(source, as_version=4)
    owner, name, tag = launch.project()
    published = f"git+https://github.com/{owner}/{name}@{tag}"
    cell = install_cell(notebook)
    if published not in cell.source:
        raise SystemExit(f"compat colab: {source.name}'s install cell does not name {published}")
    cell.source = cell.source.replace(published, url)
    count = sum(any(WIDGET_MIME in out.get("data", {}) for out in c.get("outputs", []))
                for c in notebook.cells if c.cell_type == "code")
    notebook.cells.append(nbformat.v4.new_code_cell(
        LIVE_VIEW_CHECK.format(count=count, version=ipywidgets)))
    path = folder / source.name
    nbformat.write(notebook, path)
    return path


def run_kept(python: Path, paths: list[Path], env: dict[str, str] | None = None,
             jobs: int = 1) -> bool:
    """tools/run_notebooks.py on ``paths``, keeping their outputs in place; True when all ran."""
    return sh(python, ROOT / "tools" / "run_notebooks.py", "--keep", "--jobs", jobs, *paths,
              check=False, env=env)


def offline_install(python: Path, folder: Path, source: str) -> None:
    """The real install cell, on a kernel without the course and with the network down."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    path = folder / "offline.ipynb"
    nbformat.write(notebook, path)
    if run_kept(python, [path], env={**os.environ, **dict.fromkeys(PROXY_VARIABLES, DEAD_PROXY)}):
        raise SystemExit("compat colab: the install cell went on without the network")
    (output,) = nbformat.read(path, as_version=4).cells[0].outputs
    sentence = "The course is not installed here and pip could not install it"
    if output.get("ename") != "ModuleNotFoundError" or not output["evalue"].startswith(sentence):
        raise SystemExit(f"compat colab: offline, the install cell gave {output}")


def colab_run(uv: str) -> str:
    """Colab's published runtime, the install cell for real, every notebook and its live views."""
    minor, pins, absent = colab_stack.read_stack()
    venv_python = new_venv(uv, "colab", find_python(minor))
    sh(uv, "pip", "install", "--quiet", "--no-deps", "--python", venv_python,
       "-r", colab_stack.STACK)
    host = installed(venv_python)
    if host != pins:
        raise SystemExit(f"compat colab: the venv differs from Colab's list: {changes(pins, host)}")
    folder = OUT / "colab-notebooks"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    offline_install(venv_python, folder, install_cell(nbformat.read(sources[0], 4)).source)
    if installed(venv_python) != host:
        raise SystemExit("compat colab: the failed install changed the venv")
    url = release_repository()
    paths = [colab_notebook(p, folder, url, pins["ipywidgets"]) for p in sources]
    # The first notebook's install cell installs the course; the others' find it installed.
    ran = run_kept(venv_python, paths[:1])
    # pip may add what Colab's list lacks (ipython's jedi) but must change nothing it has.
    after = installed(venv_python)
    added = sorted(set(after) - set(host))
    kept = all(after.get(n) == v for n, v in host.items())
    if not kept or "mlp-course" not in added or not set(added) <= {"mlp-course", *absent}:
        raise SystemExit(f"compat colab: installing the course did {changes(host, after)}; "
                         f"it may add only mlp-course and {', '.join(absent) or 'nothing'}")
    ran = run_kept(venv_python, paths[1:], jobs=2) and ran
    printed = [p.name for p in paths if install_cell(nbformat.read(p, 4)).outputs]
    if not ran or printed:
        raise SystemExit(f"compat colab: notebooks failed, or install cells printed {printed}, "
                         f"on {versions(venv_python)}")
    live = classic_live_view(venv_python)
    return (f"Python {minor}, Colab's list of {len(pins)} pins, none changed by the install "
            f"(added: {', '.join(added)}): {versions(venv_python)}; in notebook "
            f"{pins['notebook']}, a slider dragged to {live['readout']} redrew the image "
            f"(controls {live['controls']})")


def readme_pip_commands() -> list[str]:
    """The lines of the README's fenced block under its "### pip, without `make`" heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^### pip, without `make`.*?```bash\n(.*?)```", text, re.S | re.M)
    if match is None:
        raise SystemExit("README.md has no bash block under '### pip, without `make`'")
    return [line for line in match.group(1).splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(command: str, folder: Path, env: dict[str, str], url: str) -> Iterator[None]:
    """A Jupyter server started by ``command`` (as root, with --allow-root), while ``url``
    answers 200; stopped when the block ends."""
    if os.geteuid() == 0:
        command += " --allow-root"  # README's Troubleshooting: Jupyter refuses root without it
    print("+", command, flush=True)
    server = subprocess.Popen(["bash", "-c", command], cwd=folder, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=2) as page:
                    if page.status == 200:
                        break
            except OSError:
                time.sleep(1)
        else:
            raise SystemExit(f"compat: `{command}` did not answer at {url} within 2 min")
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def _serve_and_probe(command: str, folder: Path, env: dict[str, str]) -> None:
    """Start the README's `jupyter lab` line and wait until the server answers; then stop it."""
    port = free_port()
    extra = f" --no-browser --ServerApp.port={port} --IdentityProvider.token=''"
    with served(command + extra, folder, env, f"http://127.0.0.1:{port}/lab"):
        pass


def classic_live_view(python: Path) -> dict:
    """An exploration live in Colab's classic Notebook, dragged in Chromium: the driver's report.

    The server is the ``notebook`` package of ``python``'s environment, the front end ipywidgets
    7 was made for; tests/rise/check_classic_widgets.cjs drags the first slider.
    """
    node, driver = shutil.which("node"), ROOT / "tests" / "rise" / "check_classic_widgets.cjs"
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if node is None or not (ROOT / "tools/slides/node_modules/playwright-core").is_dir() or \
            not Path(chromium).is_file():
        raise SystemExit("compat colab drives Chromium from Node.js: run make check-chromium "
                         "and make slides first (make test-compat does).")
    folder = OUT / "colab-live"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "home").mkdir(parents=True)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(
        "from course_utils import explore\n\nexplore.softmax_losses()")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, folder / "explore.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, **{f"JUPYTER_{d.upper()}_DIR": str(folder / "home" / d)
                            for d in ("config", "data", "runtime")}}
    command = (f"{python} -m notebook --no-browser --ip=127.0.0.1 --port={port} "
               f"--NotebookApp.token={token} --notebook-dir={folder}")
    report = folder / "report.json"
    with served(command, folder, env, f"http://127.0.0.1:{port}/api/status?token={token}"):
        sh(node, driver, "--base", f"http://127.0.0.1:{port}", "--token", token, "--report",
           report, "--chromium", chromium, "--shot", folder / "live.png", "explore.ipynb")
    result = json.loads(report.read_text(encoding="utf-8"))
    problems = [result["error"], *result["consoleErrors"], *result["pageErrors"],
                *result["failed"], *result["external"]]
    if any(problems) or result["sliders"] < 3 or result["after"] == result["before"]:
        raise SystemExit(f"compat colab: the live view in the classic Notebook failed: {result}")
    return result


def pip_route_run(minor: str) -> str:
    """The README's pip route, literally, in a fresh copy of the course's tracked files.

    Its ``python`` is the Python ``minor`` (the lowest promised), put first on PATH, so the run
    does not depend on what a bare ``python`` means on the machine.
    """
    folder = OUT / "pip-route"
    shims = OUT / "pip-route-bin"
    shutil.rmtree(shims, ignore_errors=True)
    shims.mkdir(parents=True)
    (shims / "python").symlink_to(find_python(minor))
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ.get('PATH', '')}"}
    copy_course(folder)
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
    every = ["lowest", "newest", "pip", "colab"]
    known = [*every, "pre"]
    # No `choices=`: with nargs="*", Python 3.11's argparse checks the empty default against it.
    parser.add_argument("runs", nargs="*",
                        help=f"some of {', '.join(known)} (default: {', '.join(every)})")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.runs) - set(known))
    if unknown:
        parser.error(f"unknown run(s) {unknown}: choose from {', '.join(known)}")
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
        if name == "colab":
            stack = colab_run(uv)
        elif name == "pip":
            stack = pip_route_run(low)
        else:
            stack = resolved_run(uv, wheel, name, low if name == "lowest" else high)
        summary.append(f"{name}: passed in {time.perf_counter() - start:.0f} s on {stack}")
        print(f"== {summary[-1]}", flush=True)
    (OUT / "summary.txt").write_text("\n".join(summary) + "\n", encoding="utf-8")
    print("\n".join(["== make test-compat", *summary]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
