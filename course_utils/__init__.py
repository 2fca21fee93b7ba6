"""Shared helpers for the MLP course notebooks.

Importing this package first (before TensorFlow) quiets TensorFlow's C++ start-up logging:
those lines are written straight to the process's stderr, appear when a notebook is run by
hand or by nbconvert but not under nbval, and so would break strict output comparison.
oneDNN's optimisations are switched off for the same reason and because they may change
float results with the thread layout; the course's models are far too small to miss them.
Values already set in the environment win.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

__all__ = ["__version__"]
__version__ = "0.1.0"
