"""Launch links and the hosted install cell, all derived from the one repository URL.

The course's public address is written once, as ``Repository`` in ``[project.urls]`` of
pyproject.toml, and the release tag is ``v`` + the project's version. From those two this
module writes:

- in every notebook, after the title: a markdown cell with "Open in Colab" and "Launch Binder"
  links, and the first code cell, which installs the course where ``course_utils`` is missing
  (Colab, Kaggle, a bare JupyterHub) and does nothing, silently, where it is present;
- the launch table of README.md, between its ``launch-links`` markers.

The website's launch buttons read the same URL in site/conf.py.

    python tools/launch.py --write    # after changing the URL or the version
    python tools/launch.py --check    # exit 1 when anything is out of step (tests do this)
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
LINKS_TAG = "launch-links"
INSTALL_TAG = "launch-install"
README_BLOCK = re.compile(r"(<!-- launch-links:start -->\n).*?(<!-- launch-links:end -->)", re.S)
GITHUB = re.compile(r"^https://github\.com/([\w.-]+)/([\w.-]+?)/?$")


def project(root: Path = ROOT) -> tuple[str, str, str]:
    """(owner, name, tag) of the course's GitHub repository and of this version's release."""
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    url = meta.get("urls", {}).get("Repository", "")
    match = GITHUB.match(url)
    if match is None:
        raise ValueError("pyproject.toml's [project.urls] Repository must be a GitHub address "
                         f"like https://github.com/OWNER/NAME; got {url!r}")
    return match.group(1), match.group(2), f"v{meta['version']}"


def colab_url(notebook: str, root: Path = ROOT) -> str:
    owner, name, tag = project(root)
    return f"https://colab.research.google.com/github/{owner}/{name}/blob/{tag}/notebooks/{notebook}"


def binder_url(notebook: str, root: Path = ROOT) -> str:
    owner, name, tag = project(root)
    return f"https://mybinder.org/v2/gh/{owner}/{name}/{tag}?urlpath=lab/tree/notebooks/{notebook}"


def links_cell(notebook: str, root: Path = ROOT):
    text = (f"[Open in Colab]({colab_url(notebook, root)}) · "
            f"[Launch Binder]({binder_url(notebook, root)}) · "
            "or run it on your own machine (see the README)")
    return nbformat.v4.new_markdown_cell(
        text, metadata={"slideshow": {"slide_type": "skip"}, "tags": [LINKS_TAG]})


#: The install cell; URL is the course's git address at this release. It leaves the host's
#: packages as they are (pyproject.toml's bounds sit at or below Colab's versions), and says so
#: in one sentence where pip still changed one, or could not install at all.
INSTALL_SOURCE = """\
# On Colab, Kaggle or a JupyterHub without the course, this installs it (a minute or
# two; TensorFlow too if the host has none) and leaves the host's packages as they are.
# Where the course is installed, it does nothing.
import importlib.metadata
import importlib.util
import subprocess
import sys


def installed():
    importlib.invalidate_caches()  # see what pip just wrote
    return {d.name: d.version for d in importlib.metadata.distributions()}


if importlib.util.find_spec("course_utils") is None:
    extra = "" if importlib.util.find_spec("tensorflow") else "[tensorflow]"
    course = f"mlp-course{extra} @ URL"
    before = installed()
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", course],
                         capture_output=True, text=True)
    if pip.returncode != 0:
        raise ModuleNotFoundError(
            "The course is not installed here and pip could not install it (no network?): "
            f"install it into this kernel's environment with pip install '{course}' "
            "(or pip install . in the course folder), then restart the kernel."
        )
    after = installed()
    changed = [f"{n} {v} to {after[n]}" for n, v in before.items() if after.get(n, v) != v]
    if changed:
        print(f"Installing the course changed {', '.join(changed)}: restart the runtime "
              "(Colab: Runtime > Restart session), then run this notebook again.")"""


def install_cell(root: Path = ROOT):
    owner, name, tag = project(root)
    source = INSTALL_SOURCE.replace("URL", f"git+https://github.com/{owner}/{name}@{tag}")
    return nbformat.v4.new_code_cell(
        source, metadata={"slideshow": {"slide_type": "skip"},
                          "tags": [INSTALL_TAG, "remove-cell"]})


def with_launch_cells(nb, notebook: str, root: Path = ROOT):
    """The notebook with its launch cells (re)written right after the title cell."""
    kept = [c for c in nb.cells if not {LINKS_TAG, INSTALL_TAG} & set(c.metadata.get("tags", []))]
    wanted = [links_cell(notebook, root), install_cell(root)]
    old = {tuple(c.metadata["tags"]): c for c in nb.cells
           if {LINKS_TAG, INSTALL_TAG} & set(c.metadata.get("tags", []))}
    for cell in wanted:
        previous = old.get(tuple(cell.metadata["tags"]))
        if previous is not None:
            # Keep its id, and its place in the clean run: the install cell prints nothing
            # where the course is installed, so its stored (empty) output stays right.
            cell.id = previous.id
            if cell.cell_type == "code":
                cell.execution_count = previous.execution_count
    nb.cells = kept[:1] + wanted + kept[1:]
    return nb


def readme_table(root: Path = ROOT) -> str:
    rows = ["| notebook | Colab | Binder |", "|---|---|---|"]
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        rows.append(f"| {path.stem} | [open]({colab_url(path.name, root)}) | "
                    f"[launch]({binder_url(path.name, root)}) |")
    return "\n".join(rows) + "\n"


def stale(root: Path = ROOT, write: bool = False) -> list[str]:
    """Files whose launch cells or table differ from what the URL gives; rewritten if ``write``."""
    out = []
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        after = nbformat.writes(with_launch_cells(nb, path.name, root))
        if after != before:
            out.append(str(path.relative_to(root)))
            if write:
                path.write_text(after + "\n", encoding="utf-8")
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    if not README_BLOCK.search(text):
        raise ValueError("README.md has no <!-- launch-links:start --> ... :end --> block")
    new = README_BLOCK.sub(lambda m: m.group(1) + readme_table(root) + m.group(2), text)
    if new != text:
        out.append("README.md")
        if write:
            readme.write_text(new, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite what is out of step")
    args = parser.parse_args(argv)
    changed = stale(write=args.write)
    for name in changed:
        print(("rewrote " if args.write else "out of step: ") + name)
    if changed and not args.write:
        print("Run: python tools/launch.py --write (then re-execute the notebooks)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
