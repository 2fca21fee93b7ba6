"""Graphviz drawing shared by ``graphs`` and ``diagrams``: one house style, and rendering.

Building a diagram (a ``graphviz.Digraph``) is kept apart from rendering it, in the spirit of
Keras's ``model_to_dot``: tests check the nodes and edges of a built diagram without the
``dot`` program, and only :func:`render_png` and :func:`to_image` need it. Notebooks show
PNGs, because nbval skips PNG bytes but would compare SVG text, which changes between
Graphviz versions.

The house style gives every node a role, and each role one fill colour wherever it appears:
``"input"`` (placeholders, a network's inputs), ``"value"`` (constants, units) and
``"operation"`` (ops, a weighted sum, an activation).
"""

from __future__ import annotations

import subprocess

import graphviz

from ._checks import check_int

__all__ = [
    "FILLS",
    "INSTALL_HINT",
    "RANKDIRS",
    "dot_available",
    "new_digraph",
    "node_style",
    "render_png",
    "to_image",
]

INSTALL_HINT = (
    "Graphviz's 'dot' program was not found, so the graph cannot be drawn; install Graphviz "
    "(sudo apt-get install graphviz / brew install graphviz / "
    "conda install -c conda-forge graphviz) and restart the kernel."
)
FILLS = {"input": "#fff4d6", "value": "#e8f0fe", "operation": "#f5f5f5"}
RANKDIRS = ("TB", "LR", "BT", "RL")
_FONT_NAME = "Helvetica"


def node_style(role: str, shape: str = "box", **attrs: str) -> dict[str, str]:
    """Node attributes for a ``role`` in :data:`FILLS`: filled, boxes with rounded corners.

    Parameters
    ----------
    role : str
        A key of :data:`FILLS`: what the node stands for; it sets the fill colour.
    shape : str, default "box"
        Graphviz's node shape; a box gets rounded corners.
    **attrs : str
        Further Graphviz node attributes, which win over the ones above.

    Examples
    --------
    >>> node_style("operation")
    {'shape': 'box', 'style': 'rounded,filled', 'fillcolor': '#f5f5f5'}
    """
    if role not in FILLS:
        raise ValueError(f"role must be one of {sorted(FILLS)}; got {role!r}")
    style = "rounded,filled" if shape == "box" else "filled"
    return {"shape": shape, "style": style, "fillcolor": FILLS[role], **attrs}


def new_digraph(
    name: str, *, rankdir: str = "LR", fontsize: int = 12, **graph_attr: str
) -> graphviz.Digraph:
    """An empty Digraph in the house font (for nodes, edges and captions), flowing ``rankdir``.

    Parameters
    ----------
    name : str
        The Digraph's name.
    rankdir : {"LR", "TB", "BT", "RL"}, default "LR"
        Direction in which the data flows in the drawing.
    fontsize : int, default 12
        Font size of node and edge labels, in points.
    **graph_attr
        Further Graphviz graph attributes, such as ``nodesep="0.25"``.
    """
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {RANKDIRS}; got {rankdir!r}")
    font = {"fontname": _FONT_NAME, "fontsize": str(check_int(fontsize, "fontsize", low=1))}
    return graphviz.Digraph(
        name=name,
        graph_attr={"rankdir": rankdir, **graph_attr, **font},
        node_attr=dict(font),
        edge_attr=dict(font),
    )


_GRAPHVIZ_DPI = 96  # what dot uses when a graph sets no dpi


def render_png(dot, *, dpi: int | None = None) -> bytes:
    """Render a diagram to PNG bytes with Graphviz's ``dot`` program.

    Parameters
    ----------
    dot : graphviz.Digraph
        A built diagram, for instance from ``graph_to_digraph`` or ``mlp_digraph``.
    dpi : int, optional
        Resolution; Graphviz's default (96) when None. The caller's diagram is not changed.

    Returns
    -------
    bytes
        The PNG file's content.

    Raises
    ------
    RuntimeError
        When ``dot`` is missing, with :data:`INSTALL_HINT` instead of the backend's traceback.
    """
    if not isinstance(dot, graphviz.graphs.BaseGraph):
        raise TypeError(
            "dot must be a graphviz.Digraph (from graph_to_digraph, model_to_digraph or "
            f"course_utils.diagrams); got {type(dot).__name__}"
        )
    if dpi is not None:
        dot = dot.copy()
        dot.graph_attr["dpi"] = str(check_int(dpi, "dpi", low=1))
    try:
        return dot.pipe(format="png")
    except graphviz.ExecutableNotFound:
        raise RuntimeError(INSTALL_HINT) from None


def to_image(dot, *, dpi: int | None = None, pixel_ratio: int = 2):
    """Render a diagram as an ``IPython.display.Image`` (PNG), for a notebook cell.

    The PNG holds ``pixel_ratio`` times the pixels it is displayed at, so that the diagram
    stays sharp on a projector or a high-DPI screen while taking the room it would take at
    ``dpi``.

    Parameters
    ----------
    dot, dpi
        As for :func:`render_png`; ``dpi`` sets the displayed size (Graphviz's 96 when None).
    pixel_ratio : int, default 2
        How many image pixels per displayed pixel, along each side.

    Returns
    -------
    IPython.display.Image
        With ``width`` set to the displayed width in CSS pixels.
    """
    from IPython.display import Image

    shown_dpi = _GRAPHVIZ_DPI if dpi is None else check_int(dpi, "dpi", low=1)
    ratio = check_int(pixel_ratio, "pixel_ratio", low=1)
    png = render_png(dot, dpi=shown_dpi * ratio)
    # A PNG's width is the big-endian integer at bytes 16-19 of its IHDR chunk.
    width = int.from_bytes(png[16:20], "big")
    return Image(data=png, format="png", width=max(1, round(width / ratio)))


def dot_available() -> bool:
    """Whether Graphviz's ``dot`` program can be run (what :func:`render_png` needs)."""
    try:
        graphviz.version()
    except (graphviz.ExecutableNotFound, subprocess.CalledProcessError, OSError):
        return False
    return True
