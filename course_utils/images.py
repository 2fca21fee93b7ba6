"""Small images (such as scikit-learn's 8 x 8 digits) shown as a grid of panels.

A data set of images often arrives flattened, one row of pixels per example, because that is
what a ``Dense`` layer or a scikit-learn estimator takes; :func:`plot_image_grid` accepts those
rows as they are and folds them back into pictures for display.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import check_axes, check_int, check_real

__all__ = ["plot_image_grid"]


def _as_images(images, image_shape) -> np.ndarray:
    try:
        images = np.asarray(images, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError("images must be an array of numbers, one image or pixel row per "
                         "example") from exc
    if images.ndim not in (2, 3):
        raise ValueError("images must have shape (n, height, width) or (n, pixels); got "
                         f"shape {images.shape}")
    if images.shape[0] == 0:
        raise ValueError("images must hold at least one image; got none")
    if images.ndim == 3:
        if image_shape is not None and tuple(image_shape) != images.shape[1:]:
            raise ValueError(f"image_shape {tuple(image_shape)} does not match the images' "
                             f"shape {images.shape[1:]}")
        return images
    n_pixels = images.shape[1]
    if image_shape is None:
        side = math.isqrt(n_pixels)
        if side * side != n_pixels:
            raise ValueError(f"rows of {n_pixels} pixels are not square images; pass "
                             "image_shape=(height, width)")
        image_shape = (side, side)
    try:
        height, width = (int(v) for v in image_shape)
    except (TypeError, ValueError):
        raise ValueError(f"image_shape must be a pair (height, width); got {image_shape!r}"
                         ) from None
    if height <= 0 or width <= 0 or height * width != n_pixels:
        raise ValueError(f"image_shape {image_shape!r} must multiply out to the {n_pixels} "
                         "pixels of each row")
    return images.reshape(len(images), height, width)


def _check_options(n, titles, ncols, panel_size):
    check_int(ncols, "ncols", low=1)
    check_real(panel_size, "panel_size", low=0, low_open=True)
    if titles is None:
        return None
    if isinstance(titles, str):
        raise TypeError("titles must be a sequence with one title per image, not one string")
    titles = [str(t) for t in titles]
    if len(titles) != n:
        raise ValueError(f"titles must have one entry per image; got {len(titles)} titles for "
                         f"{n} images")
    return titles


def plot_image_grid(images, titles=None, *, image_shape=None, ncols=10, cmap="gray_r",
                    panel_size=0.8, ax=None, title_fontsize=9):
    """Show images side by side, ``ncols`` to a row, without axes ticks.

    Parameters
    ----------
    images : array-like of shape (n, height, width) or (n, pixels)
        The images; rows of pixels are folded into ``image_shape`` (square by default).
    titles : sequence of str, optional
        One title per image, e.g. its label or "true 3, predicted 8".
    image_shape : (int, int), optional
        Height and width of one image, for flattened rows that are not square.
    ncols : int, default 10
        Panels per row, when a new figure is made; the number of rows follows from the number
        of images.
    cmap : str, default "gray_r"
        Colour map; ``gray_r`` draws ink dark on white paper, as the digits were written.
    panel_size : float, default 0.8
        Width and height of one panel in inches, when a new figure is made.
    ax : array-like of matplotlib Axes, optional
        Where to draw: at least one Axes per image, laid out as wanted (for example
        ``subfig.subplots(2, 5)``); a new figure is made when None.
    title_fontsize : float, default 9
        Font size of the titles.

    Returns
    -------
    numpy.ndarray of matplotlib Axes, shape (rows, ncols), or the shape of ``ax``
        Panels beyond the last image are switched off.
    """
    images = _as_images(images, image_shape)
    titles = _check_options(len(images), titles, ncols, panel_size)
    if ax is None:
        import matplotlib.pyplot as plt

        ncols = min(int(ncols), len(images))
        nrows = math.ceil(len(images) / ncols)
        fig = plt.figure(figsize=(ncols * panel_size, nrows * panel_size * 1.15),
                         layout="constrained")
        ax = fig.subplots(nrows, ncols, squeeze=False)
    axes = np.atleast_2d(check_axes(ax, len(images), exact=False))
    low, high = float(images.min()), float(images.max())
    for index, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if index >= len(images):
            continue
        # one colour scale for every panel, so equal ink looks equal across images
        ax.imshow(images[index], cmap=cmap, vmin=low, vmax=high, interpolation="nearest")
        if titles is not None:
            ax.set_title(titles[index], fontsize=title_fontsize)
    return axes
