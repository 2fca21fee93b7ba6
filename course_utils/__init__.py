"""Shared helpers for the MLP course notebooks.

Importing this package first (before TensorFlow) sets TensorFlow's environment variables,
``TF_ENV``, the one place they are written down (tools that start TensorFlow in a
subprocess copy them from here):

- ``TF_CPP_MIN_LOG_LEVEL=3`` quiets TensorFlow's C++ start-up logging. Those lines go straight
  to the process's stderr, appear when a notebook is run by hand or by nbconvert but not under
  nbval, and so would break strict output comparison. Level 3 (errors too) because
  TensorFlow 2.21's tf.data rewrite for op determinism, which every notebook turns on, logs a
  harmless C++ *error* line on the first ``fit``/``predict`` ("NodeDef mentions attribute
  use_unbounded_threadpool which is not in the op definition"); real failures still reach
  Python as exceptions.
- ``TF_ENABLE_ONEDNN_OPTS=0`` switches oneDNN's optimisations off: their start-up notice
  ignores the log level, and they may change float results with the thread layout; the
  course's models are far too small to miss them.

Values already set in the environment win.
"""

import os
from importlib import metadata

__all__ = ["TF_ENV", "__version__"]

TF_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}
for _name, _value in TF_ENV.items():
    os.environ.setdefault(_name, _value)

try:
    __version__ = metadata.version("mlp-course")
except metadata.PackageNotFoundError:  # imported from a checkout that was never installed
    __version__ = "0+unknown"
