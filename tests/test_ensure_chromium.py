"""tools/ensure_chromium.sh: make test stops before any test when the browser is missing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "ensure_chromium.sh"


def _run(chromium: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHROMIUM": chromium}
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True)


def test_a_missing_browser_gets_one_sentence_with_the_install_command(tmp_path):
    result = _run(str(tmp_path / "no-chromium"))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.rstrip().endswith("run make again.")
    assert "sudo apt-get install chromium fonts-dejavu-core fonts-liberation2" in result.stderr


def test_a_browser_that_is_there_passes_silently(tmp_path):
    browser = tmp_path / "chrome"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(0o755)
    result = _run(str(browser))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
