"""One exploration = a few controls and a drawing; shown live as widgets, statically as frames.

An :class:`Exploration` displays as a single output whose mime bundle holds both views:

- ``application/vnd.jupyter.widget-view+json``: ipywidgets controls and an image that the kernel
  redraws on every change (JupyterLab, Colab, VS Code: any front end with a kernel and the
  widget manager);
- ``text/html``: the frames of a small grid of settings, precomputed when the cell runs, with
  plain HTML sliders and a few lines of inline JavaScript that swap the frames. Nothing is
  fetched: each frame is a ``data:`` URI. The website, the slide decks and a notebook opened
  without a kernel (JupyterLab shows untrusted outputs through their ``text/html``) show this.

The HTML is a pure function of the frames, so a re-run writes the same bytes (strict nbval
compares it); the widget view carries a fresh model id per run, which nbval skips.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Control", "Exploration", "new_figure", "png_bytes"]

#: Displayed size of the drawing in CSS pixels; frames carry twice the pixels (sharp on slides).
DISPLAY_WIDTH = 480
#: The live view's MIME type: the website and the decks drop it and show the static view.
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def new_figure(**subplots):
    """A 4.8 × 3.2 in figure at 200 dpi on its own Agg canvas, outside pyplot, and its Axes.

    Outside pyplot, so that no copy of it appears under the cell and ``plt.show`` ignores it.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4.8, 3.2), dpi=200, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(**subplots)


def png_bytes(fig, *, quantize: bool = False, moving=()) -> bytes:
    """The figure as PNG bytes, the same bytes for the same drawing (no timestamp, no version).

    The first call lays the figure out; later calls keep that layout, which halves the time
    of a redraw, so only artists' data and texts should change between calls.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render, at its own size and dpi.
    quantize : bool, default False
        Reduce to a 64-colour palette: a quarter of the bytes for line art (static frames).
    moving : iterable of matplotlib artists, optional
        The artists that change between calls, and every artist that a full draw puts over
        them where they overlap; the spines and the title of their Axes are added here, as
        those always are. The first call renders the rest once and keeps it; later
        calls paste it back and draw only these, in a full draw's order (Axes by Axes, each
        by ``zorder``): a fraction of a full draw (blitting). Pass the same artists on every
        call. They stay marked animated, so a full draw of the figure leaves them out; a
        change of the figure's size or dpi draws the background again.

    Returns
    -------
    bytes
    """
    from PIL import Image

    moving = _in_drawing_order(fig, moving)
    kept = getattr(fig, "_course_blit", None)
    if kept is not None and {id(a) for a in moving} != {id(a) for a in kept[1]}:
        raise ValueError("moving must name the same artists on every call for one figure; "
                         "the background kept from the first call leaves them out")
    if kept is None:
        fig.canvas.draw()  # the layout, with every artist in it
        fig.set_layout_engine("none")
    if moving:
        if kept is None or kept[2] != fig.canvas.get_width_height():
            kept = _keep_background(fig, moving)
        background, moving, _ = kept
        fig.canvas.restore_region(background)
        for artist in moving:
            fig.draw_artist(artist)
    image = Image.frombuffer("RGBA", fig.canvas.get_width_height(), fig.canvas.buffer_rgba())
    image = image.convert("RGB")
    if quantize:
        image = image.quantize(64, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="png", compress_level=6 if quantize else 1)
    return out.getvalue()


def _in_drawing_order(fig, moving) -> list:
    """``moving`` as a list, in the order a full draw of ``fig`` draws its artists."""
    from matplotlib.artist import Artist

    message = f"moving must be an iterable of matplotlib artists; got {moving!r}"
    if isinstance(moving, (Artist, str)):
        raise TypeError(message)
    try:
        artists = list(moving)
    except TypeError:
        raise TypeError(message) from None
    if not all(isinstance(a, Artist) for a in artists):
        raise TypeError(message)
    if len({id(a) for a in artists}) != len(artists):
        raise ValueError("moving must name each artist once; one listed twice is drawn twice")
    listed = {id(a) for a in artists}
    for ax in {id(a.axes): a.axes for a in artists if a.axes is not None}.values():
        frame = [*ax.spines.values(), ax.title]  # drawn over everything inside the Axes
        artists += [a for a in frame if id(a) not in listed]
    axes = fig.get_axes()

    def order(artist):  # Figure.draw: Axes by zorder, then Axes.draw: its artists by zorder
        owner = artist.axes if artist.axes is not None else artist
        rank = next((k for k, ax in enumerate(axes) if ax is owner), len(axes))
        return owner.get_zorder(), rank, artist.get_zorder()

    return sorted(artists, key=order)  # stable, as both draws sort


def _keep_background(fig, moving):
    """Draw ``fig`` without the ``moving`` artists and keep that image, with them and its size."""
    from matplotlib.image import AxesImage

    for artist in moving:  # left out of every full draw from now on
        artist.set_animated(True)
    # matplotlib before 3.9 draws an animated image all the same: hide it for this draw
    images = [a for a in moving if isinstance(a, AxesImage) and a.get_visible()]
    for image in images:
        image.set_visible(False)
    fig.canvas.draw()
    for image in images:
        image.set_visible(True)
    background = fig.canvas.copy_from_bbox(fig.bbox)
    fig._course_blit = (background, moving, fig.canvas.get_width_height())
    return fig._course_blit


@dataclass(frozen=True)
class Control:
    """One knob of an exploration: a slider over numbers or a choice among names.

    Parameters
    ----------
    name : str
        The keyword the drawing function receives.
    label : str
        What the student reads next to it.
    live : tuple
        ``(low, high, step)`` for a slider, or the option names for a choice.
    static : tuple
        The values precomputed for the static view (a subset of ``live``); the first frame
        shows ``default``, which must be one of them.
    default : float, int or str
        The starting value.
    log : bool, default False
        A slider whose ``low``/``high`` are powers of ten (``FloatLogSlider``).
    continuous : bool, default True
        Redraw while the slider moves (False: when it is released, for slow drawings).
    """

    name: str
    label: str
    live: tuple
    static: tuple
    default: float | int | str
    log: bool = False
    continuous: bool = True

    def __post_init__(self):
        if not self.static or self.default not in self.static:
            raise ValueError(
                f"default must be one of the static values {self.static!r}; got {self.default!r}"
            )

    @property
    def is_choice(self) -> bool:
        """True for a choice among names, False for a numeric slider."""
        return isinstance(self.default, str)

    def widget(self):
        """The ipywidgets control for the live view."""
        import ipywidgets as w

        layout = w.Layout(width="340px")
        style = {"description_width": "110px"}
        common = {"description": self.label, "value": self.default, "layout": layout,
                  "style": style, "continuous_update": self.continuous}
        if self.is_choice:
            del common["continuous_update"]
            return w.Dropdown(options=list(self.live), **common)
        low, high, step = self.live
        if self.log:
            return w.FloatLogSlider(min=low, max=high, step=step, base=10, **common)
        if isinstance(self.default, int) and all(isinstance(v, int) for v in self.live):
            return w.IntSlider(min=low, max=high, step=step, **common)
        return w.FloatSlider(min=low, max=high, step=step, **common)


class Exploration:
    """Controls and a drawing, displayed live (ipywidgets) with a static fallback (HTML frames).

    Parameters
    ----------
    title : str
        Alternative text of the drawing, and the stem of the static view's element id.
    controls : sequence of Control
        The knobs, in display order.
    draw : callable
        ``draw(**values) -> bytes``: the PNG for one setting of every control, named by
        :attr:`Control.name`. It may keep a figure between calls and only move its artists.
    static_draw : callable, optional
        The same for the static frames (e.g. palette-quantized); ``draw`` when None.
    """

    def __init__(self, title: str, controls: Sequence[Control],
                 draw: Callable[..., bytes], static_draw: Callable[..., bytes] | None = None):
        self.title = title
        self.controls = tuple(controls)
        self.draw = draw
        self.static_draw = static_draw or draw
        self._frames: list[bytes] | None = None
        self._widget = None

    @property
    def defaults(self) -> dict:
        """Each control's starting value, by name."""
        return {c.name: c.default for c in self.controls}

    def frames(self) -> list[bytes]:
        """The static frames, one PNG per combination of static values (last control fastest)."""
        if self._frames is None:
            names = [c.name for c in self.controls]
            self._frames = [
                self.static_draw(**dict(zip(names, values, strict=True)))
                for values in itertools.product(*(c.static for c in self.controls))
            ]
        return self._frames

    def static_html(self) -> str:
        """The static view: the frames, an HTML control per knob, and the script that swaps them."""
        frames = self.frames()
        uris = ["data:image/png;base64," + base64.b64encode(f).decode("ascii") for f in frames]
        digest = hashlib.sha256("".join(uris).encode()).hexdigest()[:10]
        root = f"explore-{_slug(self.title)}-{digest}"
        start = [c.static.index(c.default) for c in self.controls]
        first = int(np.ravel_multi_index(start, [len(c.static) for c in self.controls]))
        rows = "".join(_static_control(c, i) for i, c in zip(start, self.controls, strict=True))
        height = _png_height(frames[first]) * DISPLAY_WIDTH // _png_width(frames[first])
        return (
            f'<div class="course-explore" id="{root}" style="display:flex;flex-wrap:wrap;'
            f'gap:0.5em 1.5em;align-items:center">'
            f'<img src="{uris[first]}" width="{DISPLAY_WIDTH}" height="{height}" '
            f'alt="{html.escape(self.title)}" style="flex:none;max-width:100%;height:auto">'
            f'<form style="display:grid;grid-template-columns:auto auto auto;gap:0.2em 0.6em;'
            f'align-items:center" onsubmit="return false">{rows}'
            f'<span style="grid-column:1/4">Precomputed: run the notebook for every value.'
            f"</span></form></div>\n"
            f"<script>{_SCRIPT % (json.dumps(root), json.dumps(uris))}</script>"
        )

    def widget(self):
        """The live view: an ipywidgets box whose image the kernel redraws on every change."""
        if self._widget is None:
            import ipywidgets as w

            knobs = {c.name: c.widget() for c in self.controls}
            image = w.Image(value=self.draw(**self.defaults), format="png",
                            layout=w.Layout(width=f"{DISPLAY_WIDTH}px"))

            def redraw(_change=None):
                image.value = self.draw(**{name: k.value for name, k in knobs.items()})

            for knob in knobs.values():
                knob.observe(redraw, names="value")
            self._widget = w.HBox([image, w.VBox(list(knobs.values()))],
                                  layout=w.Layout(flex_flow="row wrap", align_items="center"))
            self._widget.knobs = knobs  # for tests and benchmarks: set a value, see the image
            self._widget.image = image
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        # get_view_spec, not the widget's own _repr_mimebundle_, which ipywidgets 7 lacks.
        return {WIDGET_MIME: self.widget().get_view_spec(), "text/html": self.static_html(),
                "text/plain": f"{self.title} (interactive: run this cell in a notebook)"}


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())[:40]


def _png_width(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")


def _png_height(png: bytes) -> int:
    return int.from_bytes(png[20:24], "big")


def _static_control(control: Control, index: int) -> str:
    label = html.escape(control.label)
    values = [str(v) if control.is_choice else f"{v:g}" for v in control.static]
    if len(values) == 1:
        field = '<span></span>'
    elif control.is_choice:
        options = "".join(
            f'<option value="{i}"{" selected" if i == index else ""}>{html.escape(v)}</option>'
            for i, v in enumerate(values))
        field = f'<select data-knob aria-label="{label}" style="font:inherit">{options}</select>'
    else:
        field = (f'<input type="range" data-knob aria-label="{label}" min="0" '
                 f'max="{len(values) - 1}" step="1" value="{index}">')
    shown = html.escape(values[index])
    return (f"<span>{label}</span>{field}"
            f"<output data-values='{html.escape(json.dumps(values))}'>{shown}</output>")


# Mixed-radix index of the knobs' positions (last knob fastest), as Exploration.frames orders.
_SCRIPT = """(function () {
  var root = document.getElementById(%s), frames = %s;
  if (!root) return;
  var img = root.querySelector("img"), outs = root.querySelectorAll("output");
  var knobs = Array.prototype.map.call(outs, function (o) {
    var field = o.previousElementSibling;
    return { out: o, values: JSON.parse(o.dataset.values),
             input: field.matches("[data-knob]") ? field : null };
  });
  function show() {
    var k = 0;
    knobs.forEach(function (knob) {
      var i = knob.input ? Number(knob.input.value) : 0;
      k = k * knob.values.length + i;
      knob.out.textContent = knob.values[i];
    });
    img.src = frames[k];
  }
  knobs.forEach(function (knob) { if (knob.input) knob.input.addEventListener("input", show); });
})();"""
