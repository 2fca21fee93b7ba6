"""Fail early, in one sentence, when the Python that builds .venv is outside 3.10-3.13."""

import sys

if not ((3, 10) <= sys.version_info[:2] <= (3, 13)):
    found = ".".join(map(str, sys.version_info[:3]))
    sys.exit(
        f"This course needs Python 3.10 to 3.13 (found {found} at {sys.executable}); "
        "install one and run again with PYTHON=/path/to/python3.12, for example."
    )
