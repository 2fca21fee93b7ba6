"""Write tests/compat/colab.txt: the lines of Colab's published package list that the course meets.

    python tools/colab_stack.py path/to/pip-freeze.txt --commit SHA --date YYYY-MM-DD

Google publishes the exact package list of Colab's runtime in the repository
googlecolab/backend-info (``pip-freeze.txt``; its Python in ``os-info.txt``). The course needs
only part of it: what the course's wheel depends on, TensorFlow, and what the notebooks' kernel
and widgets run on (``ROOTS``), with everything those depend on. This tool resolves that closure
with uv, every package constrained to Colab's exact version, and writes it pinned, with its
source, commit and date, for the ``colab`` run of ``tools/compat.py``, which installs exactly
these (``--no-deps``). Colab's list is not closed: a dependency it does without (ipython 7.34's
jedi) is named in a comment, so the run can tell it from a package the course's install adds.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "tests" / "compat" / "colab.txt"
SOURCE = "https://github.com/googlecolab/backend-info/blob/{commit}/pip-freeze.txt"
#: Beside the course's own dependencies: the host's TensorFlow, and what runs a notebook's kernel,
#: its widgets and the notebook runner (tools/run_notebooks.py).
ROOTS = ("tensorflow", "ipykernel", "ipython", "jupyter_client", "jupyter_core", "nbclient",
         "nbformat", "widgetsnbextension", "jupyterlab_widgets", "pip")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")


def colab_pins(freeze: str) -> dict[str, str]:
    """``{canonical name: version}`` of every ``name==version`` line of a pip-freeze file."""
    pins = {}
    for line in freeze.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def course_roots() -> list[str]:
    """The names the closure starts from: the course's dependencies, then ``ROOTS``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [Requirement(r).name for r in project["dependencies"]]
    return sorted({canonicalize_name(n) for n in [*names, *ROOTS]})


def closure(pins: dict[str, str], python: str) -> tuple[dict[str, str], list[str]]:
    """The roots and all they depend on, at Colab's versions, resolved by uv for ``python``.

    Also the names in that closure that Colab's list lacks.
    """
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        raise SystemExit("tools/colab_stack.py needs uv: run make setup first.")
    missing = [n for n in course_roots() if n not in pins]
    if missing:
        raise SystemExit(f"Colab's list has no {', '.join(missing)}: the course needs them.")
    with tempfile.TemporaryDirectory() as tmp:
        wanted = Path(tmp, "roots.in")
        wanted.write_text("".join(f"{n}=={pins[n]}\n" for n in course_roots()), encoding="utf-8")
        constraints = Path(tmp, "colab.txt")
        constraints.write_text("".join(f"{n}=={v}\n" for n, v in pins.items()), encoding="utf-8")
        out = Path(tmp, "closure.txt")
        subprocess.run([uv, "pip", "compile", "--quiet", "--no-header", "--no-annotate",
                        "--python-version", python, "-c", constraints, "-o", out, wanted],
                       check=True)
        resolved = colab_pins(out.read_text(encoding="utf-8"))
    absent = sorted(n for n in resolved if n not in pins)
    return {n: v for n, v in resolved.items() if n in pins}, absent


def render(resolved: dict[str, str], absent: list[str], commit: str, date: str,
           python: str) -> str:
    """The text of tests/compat/colab.txt."""
    header = [
        f"# Google Colab's runtime as published on {date}, Python {python}: the lines of its",
        "# pip-freeze.txt that the course, its TensorFlow, the notebooks' kernel and widgets meet,",
        "# with everything they depend on. Written by tools/colab_stack.py from",
        "# " + SOURCE.format(commit=commit),
        "# Do not edit by hand: CONTRIBUTING.md says how to refresh it.",
        "# python " + python,
        "# absent: " + " ".join(absent),
    ]
    return "\n".join(header + [f"{n}=={v}" for n, v in sorted(resolved.items())]) + "\n"


def read_stack(path: Path = STACK) -> tuple[str, dict[str, str], list[str]]:
    """The Python minor version, the pins and the absent names of a file :func:`render` wrote."""
    text = path.read_text(encoding="utf-8")
    python = re.search(r"^# python (\d+\.\d+)$", text, re.M)
    absent = re.search(r"^# absent:(.*)$", text, re.M)
    if python is None or absent is None:
        raise SystemExit(f"{path} lacks its '# python' or '# absent' line: write it again with "
                         "tools/colab_stack.py")
    return python[1], colab_pins(text), absent[1].split()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("freeze", type=Path, help="Colab's pip-freeze.txt")
    parser.add_argument("--commit", required=True, help="backend-info's commit of that file")
    parser.add_argument("--date", required=True, help="that commit's date, YYYY-MM-DD")
    parser.add_argument("--python", required=True, help="Colab's Python, X.Y (os-info.txt)")
    args = parser.parse_args(argv)
    resolved, absent = closure(colab_pins(args.freeze.read_text(encoding="utf-8")), args.python)
    STACK.write_text(render(resolved, absent, args.commit, args.date, args.python),
                     encoding="utf-8")
    print(f"wrote {STACK.relative_to(ROOT)}: {len(resolved)} packages; not in Colab's list: "
          f"{', '.join(absent) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
