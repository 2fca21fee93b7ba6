"""The repository's own papers: version, changelog, citation, licences, documents and CI.

The version in pyproject.toml is the newest changelog entry's and the citation's; the documents
link only to files that exist or to the course's declared address; no file points to anything
outside the repository; the GitHub workflow runs CI on the promised Pythons.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tools import check_python

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
DOCUMENTS = ["README.md", "INSTRUCTORS.md", "CONTRIBUTING.md", "CHANGELOG.md"]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI_WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"

# "## [1.2.3] - 2026-01-31", as Keep a Changelog writes a released version.
CHANGELOG_ENTRY = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)
# A pointer to a place the repository does not hold: a sibling checkout, a tracker item.
OUTSIDE_REFERENCE = re.compile(
    r"\.\./shared\b|\bissues?\s*(?:#\s*)?\d+|\bthe issue'?s\b", re.IGNORECASE
)
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
URL = re.compile(r"\bhttps?://[^\s)>\]`'\"]+")
MAKE_COMMAND = re.compile(r"(?:`|^)make ([a-z][a-z-]*)", re.M)


def _read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def _changelog_entries() -> list[tuple[str, str]]:
    return CHANGELOG_ENTRY.findall(_read("CHANGELOG.md"))


def _declared_urls() -> list[str]:
    return list(PROJECT.get("urls", {}).values())


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_the_version_is_the_newest_changelog_entry():
    entries = _changelog_entries()
    assert entries, "CHANGELOG.md must have entries headed '## [X.Y.Z] - YYYY-MM-DD'"
    assert entries[0][0] == PROJECT["version"], (
        f"pyproject.toml says version {PROJECT['version']}, but the newest CHANGELOG.md entry "
        f"is {entries[0][0]}: add an entry for the new version, or set the version to it"
    )
    versions = [_version_key(version) for version, _ in entries]
    assert versions == sorted(versions, reverse=True), "CHANGELOG.md lists the newest first"
    dates = [date for _, date in entries]
    assert dates == sorted(dates, reverse=True), "CHANGELOG.md's dates go back in time"


def test_the_citation_parses_and_follows_the_version_and_address():
    citation = yaml.safe_load(_read("CITATION.cff"))
    for key in ("cff-version", "message", "title", "authors", "version", "date-released"):
        assert citation.get(key), f"CITATION.cff needs {key!r}"
    newest_version, newest_date = _changelog_entries()[0]
    assert str(citation["version"]) == PROJECT["version"] == newest_version
    assert str(citation["date-released"]) == newest_date, (
        "CITATION.cff's date-released is the newest CHANGELOG.md entry's date"
    )
    assert citation["repository-code"] == PROJECT["urls"]["Repository"], (
        "CITATION.cff's repository-code is the Repository URL of pyproject.toml"
    )
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}


def test_both_licences_are_the_real_texts_and_the_readme_states_them():
    mit = _read("LICENSE")
    assert mit.startswith("MIT License") and "Permission is hereby granted" in mit
    content = _read("LICENSE-CONTENT")
    assert "Creative Commons Attribution 4.0 International Public License" in content
    assert "Section 8 – Interpretation." in content, "LICENSE-CONTENT holds the whole legal code"
    for path in ("notebooks/", "site/index.md"):
        assert path in content and (ROOT / path).exists(), f"LICENSE-CONTENT names {path}"
    assert PROJECT["license"] == "MIT"
    assert all((ROOT / name).is_file() for name in PROJECT["license-files"])
    readme = " ".join(_read("README.md").split())
    for words in ("MIT", "LICENSE", "Creative Commons Attribution 4.0", "LICENSE-CONTENT"):
        assert words in readme, f"README.md's licence section must mention {words!r}"


# Documentation of a tool a reader needs, and the example host of the nbgitpuller link.
OTHER_HOSTS = {"nbgitpuller.readthedocs.io", "hub.example.edu"}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_document_links_only_inside_the_repository_or_to_its_address(name):
    text = _read(name)
    repository = next(u for u in _declared_urls() if u.count("/") == 4)
    owner_name = repository.removeprefix("https://github.com")  # "/OWNER/NAME"
    for url in URL.findall(text):
        derived = owner_name in url  # Colab and Binder links, written by tools/launch.py
        assert (any(url.startswith(declared) for declared in _declared_urls()) or derived
                or url.split("/")[2] in OTHER_HOSTS), (
            f"{name} points outside the repository: {url} (only the [project.urls] addresses "
            "of pyproject.toml, links derived from them, and the hosts in OTHER_HOSTS may appear)"
        )
    for target in MARKDOWN_LINK.findall(text):
        if URL.match(target) or target.startswith("#"):
            continue
        path = target.split("#")[0]
        assert (ROOT / path).exists(), f"{name} links to {target}, which does not exist"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_make_command_a_document_gives_is_a_makefile_target(name):
    makefile = _read("Makefile")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    for target in MAKE_COMMAND.findall(_read(name)):
        assert target in targets, f"{name} gives 'make {target}', which the Makefile lacks"


def _tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
        return [ROOT / name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # an exported tree without git
        skip = {".git", ".venv", "node_modules", "build", "slides"}
        return [
            path for path in ROOT.rglob("*")
            if path.is_file() and not skip.intersection(path.relative_to(ROOT).parts)
        ]  # fmt: skip


def _readable_text(path: Path) -> str:
    """The file's text; for a notebook, its cells' sources and text outputs (no image data)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return ""
    if path.suffix != ".ipynb":
        return text
    parts = []
    for cell in json.loads(text)["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def test_the_outside_reference_pattern_catches_what_it_should():
    sibling, tracker = "../sha" + "red/COURSE.md", "iss" + "ue"
    for text in (sibling, f"cited in {tracker} 13", f"{tracker} #7", f"the {tracker}'s check"):
        assert OUTSIDE_REFERENCE.search(text), text
    assert not OUTSIDE_REFERENCE.search("a known problem with Keras 3.5 and 12 epochs")


def test_no_file_points_outside_the_repository():
    found = []
    for path in _tracked_files():
        for number, line in enumerate(_readable_text(path).splitlines(), start=1):
            if OUTSIDE_REFERENCE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not found, (
        "say it in the repository's own words instead of pointing to a tracker item or a file "
        "outside the repository:\n" + "\n".join(found)
    )


def _workflow(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_a_workflow_has_triggers_and_jobs_of_named_steps(path):
    workflow = _workflow(path)
    assert workflow.get("name") and workflow["on"], f"{path.name} needs a name and triggers"
    for job_name, job in workflow["jobs"].items():
        assert job.get("runs-on") and job.get("steps"), f"{path.name}: job {job_name}"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{path.name}: {step}"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_the_ci_workflow_runs_ci_on_the_lowest_and_highest_promised_python():
    low, high = check_python.promised_range(_read("pyproject.toml"))
    steps = _workflow(CI_WORKFLOW)["jobs"]["test"]["steps"]
    setup = [step for step in steps if step.get("uses", "").startswith("actions/setup-python")]
    assert len(setup) == 1
    versions = setup[0]["with"]["python-version"].split()
    assert sorted(versions) == [f"3.{low}", f"3.{high}"], (
        f"ci.yml must install Python 3.{low} and 3.{high}, the range pyproject.toml promises"
    )
    assert any(step.get("run", "").strip() in {".ci/run", "bash .ci/run"} for step in steps)
    triggers = _workflow(CI_WORKFLOW)["on"]
    assert "push" in triggers and "pull_request" in triggers


@pytest.mark.skipif(
    importlib.util.find_spec("check_jsonschema") is None,
    reason="check-jsonschema is not installed (it validates the workflows offline)",
)
def test_the_workflows_match_the_github_workflow_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
