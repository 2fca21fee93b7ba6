"""Stop early, in one sentence, when a Python outside the course's promised versions is used.

The promise is ``requires-python`` in pyproject.toml (read here with a regular expression, so
that this script runs, and explains, even on a Python too old to have ``tomllib``).

    python tools/check_python.py               # the Python that will build .venv
    python tools/check_python.py --venv .venv  # the Python an existing venv was made with
    python tools/check_python.py --range       # prints the promised range, e.g. "3.11 3.13"

Written for any Python 3 (no f-strings), since its whole job is to talk to the wrong one.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRES = re.compile(r'^requires-python\s*=\s*">=\s*3\.(\d+)\s*,\s*<\s*3\.(\d+)\s*"', re.M)


def promised_range(pyproject_text):
    """(lowest, highest) minor version of Python 3 that ``requires-python`` promises."""
    match = REQUIRES.search(pyproject_text)
    if match is None:
        raise ValueError('pyproject.toml must say requires-python = ">=3.X,<3.Y"')
    low, below = int(match.group(1)), int(match.group(2))
    if below <= low:
        raise ValueError("requires-python promises no version: >=3.%d,<3.%d" % (low, below))
    return low, below - 1


def problem(version, executable, low, high, venv=None):
    """The one sentence to print for Python ``version`` (a tuple), or None if it is promised."""
    if (3, low) <= tuple(version[:2]) <= (3, high):
        return None
    found = ".".join(str(part) for part in version[:3])
    promise = "3.%d to 3.%d" % (low, high)
    if venv is not None:
        return (
            "%s was made with Python %s, but this course needs Python %s: delete it "
            "(rm -rf %s) and run make again, with PYTHON=python3.%d for example."
            % (venv, found, promise, venv, high)
        )
    if tuple(version[:2]) < (3, low):
        return (
            "This course needs Python %s (current Keras and NumPy releases need 3.%d or "
            "newer, and the notebooks' results are checked on these only), but %s is "
            "Python %s: install a newer one (your package manager's python3.%d, or pyenv) and "
            "run again with PYTHON=python3.%d, or take the conda route in README.md, which "
            "brings its own Python." % (promise, low, executable, found, high, high)
        )
    return (
        "This course needs Python %s (TensorFlow publishes no wheels for newer ones yet), but "
        "%s is Python %s: run again with PYTHON=python3.%d, for example, or take the conda "
        "route in README.md." % (promise, executable, found, high)
    )


def main(argv):
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as handle:
        low, high = promised_range(handle.read())
    if argv[1:] == ["--range"]:
        print("3.%d 3.%d" % (low, high))
        return 0
    if len(argv) == 3 and argv[1] == "--venv":
        venv = argv[2]
        # The venv's own interpreter runs this script, so sys.version_info is the venv's.
        message = problem(sys.version_info, sys.executable, low, high, venv=venv)
    elif len(argv) == 1:
        message = problem(sys.version_info, sys.executable, low, high)
    else:
        print("usage: check_python.py [--range | --venv DIR]", file=sys.stderr)
        return 2
    if message:
        print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
