"""Shared helpers for the MLP course notebooks.

Importing this package first (before TensorFlow) quiets TensorFlow's C++ start-up logging:
those lines are written straight to the process's stderr, appear when a notebook is run by
hand or by nbconvert but not under nbval, and so would break strict output comparison.
Level 3 (errors too) because TensorFlow 2.21's tf.data rewrite for op determinism, which
every notebook turns on, logs a harmless C++ *error* line on the first ``fit``/``predict``
("NodeDef mentions attribute use_unbounded_threadpool which is not in the op definition");
real failures still reach Python as exceptions. oneDNN's optimisations are switched off
because their start-up notice ignores the log level and because they may change float results
with the thread layout; the course's models are far too small to miss them.
Values already set in the environment win.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

__all__ = ["__version__"]
__version__ = "0.1.0"
