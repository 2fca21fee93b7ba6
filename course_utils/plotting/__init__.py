"""Plotting helpers: decision regions of any model, and linear boundaries over training.

The shared conventions (palette, legend wording, marker and figure size) are in ``_style``.
"""

from . import decision, linear, regions
from ._style import optimizer_color
from .decision import *  # noqa: F403
from .linear import *  # noqa: F403
from .regions import *  # noqa: F403

__all__ = [*decision.__all__, *regions.__all__, *linear.__all__, "optimizer_color"]
