"""Plotting helpers: decision regions of any model, and linear boundaries over training."""

from . import linear, regions
from .linear import *  # noqa: F403
from .regions import *  # noqa: F403

__all__ = [*regions.__all__, *linear.__all__]
