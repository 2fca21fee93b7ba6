"""Jupyter server configuration for `make lab` (loaded with --config).

When JupyterLab saves a notebook (so does RISE, before every slideshow), it writes the running
kernel's Python version into metadata.language_info.version. A student on Python 3.13 who opens
and presents a notebook committed from 3.11 would find that line changed in `git status`,
though nothing they did changed. The hook below keeps the version that is already on disk; the
version in a notebook only records which Python made its committed outputs (make execute).
"""

import json
import warnings


def keep_committed_python_version(model, path, contents_manager, **kwargs):
    """pre_save_hook: give the saved notebook the language_info.version that is on disk."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    info = model["content"].get("metadata", {}).get("language_info")
    try:
        with open(contents_manager._get_os_path(path), encoding="utf-8") as handle:
            on_disk = json.load(handle)["metadata"]["language_info"]["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # a new notebook, or one without the key: nothing to keep
    if isinstance(info, dict) and "version" in info:
        info["version"] = on_disk


if "get_config" in globals():  # run by Jupyter; a test imports the function alone
    c = get_config()  # noqa: F821
    c.FileContentsManager.pre_save_hook = keep_committed_python_version
    # The server and JupyterLab both load this file, so the hook is set twice, and traitlets
    # warns that it replaces itself.
    warnings.filterwarnings(
        "ignore", message=r"Overriding existing pre_save_hook \(keep_committed_python_version\)"
    )
