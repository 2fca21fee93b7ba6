"""Side-by-side comparisons of runs: a table and a heat map of a grid search.

Both take results as they come out of a notebook loop (a list of rows, a 2-D array of scores)
and add nothing but layout, so every number shown is one the notebook computed. A table comes
as fixed-width text (:func:`format_table`, for ``print``) or as a :class:`Table`, which Jupyter,
the slides and the website show as an HTML table and a terminal as the same text.
"""

from __future__ import annotations

import html
import numbers

import numpy as np

from ._checks import check_ax

__all__ = ["Table", "format_table", "plot_heatmap"]


def _cell(value, floatfmt):
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)):
        return format(float(value), floatfmt)
    return str(value)


def _table_cells(rows, headers, floatfmt):
    """Validate a table's input: (headers as a list, rows of cell strings)."""
    if isinstance(headers, str) or not all(isinstance(h, str) for h in headers):
        raise TypeError("headers must be a sequence of strings, one per column")
    headers = list(headers)
    if not headers:
        raise ValueError("headers must name at least one column")
    try:
        format(1.0, floatfmt)
    except (TypeError, ValueError):
        raise ValueError(f"floatfmt must be a format spec such as '.3f'; got {floatfmt!r}"
                         ) from None
    cells = []
    for i, row in enumerate(rows):
        if isinstance(row, str):
            raise TypeError(f"row {i} must be a sequence of values, not a string")
        row = [_cell(v, floatfmt) for v in row]
        if len(row) != len(headers):
            raise ValueError(f"row {i} has {len(row)} values for {len(headers)} headers")
        cells.append(row)
    return headers, cells


def _text_table(headers, cells) -> str:
    widths = [max(len(r[j]) for r in [headers, *cells]) for j in range(len(headers))]

    def line(values):
        parts = [values[0].ljust(widths[0])]
        parts += [v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])


def format_table(rows, headers, *, floatfmt=".3f") -> str:
    """Lay out rows of values as a fixed-width text table.

    Parameters
    ----------
    rows : sequence of sequences
        One row per run; the first column is left-aligned (a name), the rest right-aligned.
    headers : sequence of str
        One header per column.
    floatfmt : str, default ".3f"
        Format for floats; ints and strings are shown as they are.

    Returns
    -------
    str
        The header line, a rule, and one line per row.

    See Also
    --------
    Table : the same table, shown as HTML in Jupyter, on slides and on the website.
    """
    return _text_table(*_table_cells(rows, headers, floatfmt))


# a run's name stays on one line; the values line up on their right edges
_NAME_STYLE = "text-align: left; white-space: nowrap"
_VALUE_STYLE = "text-align: right"


class Table:
    """A table of results that Jupyter shows as an HTML table and ``print`` as text.

    The last expression of a cell, a ``Table`` is displayed as a real table (in JupyterLab,
    on the slides and on the website), with names left-aligned and numbers right-aligned;
    its text form, ``str(table)``, is :func:`format_table`'s. Cell text is HTML-escaped, so
    a name such as ``"a < b"`` shows as written.

    Parameters
    ----------
    rows : sequence of sequences
        One row per run; the first column is a name, the others are values.
    headers : sequence of str
        One header per column.
    floatfmt : str, default ".3f"
        Format for floats; ints and strings are shown as they are.

    Attributes
    ----------
    headers : list of str
        The column headers.
    cells : list of list of str
        The rows, each value formatted as shown.

    Examples
    --------
    >>> table = Table([("wide", 0.5421), ("L2", 0.45)], ["model", "val loss"])
    >>> print(table)
    model  val loss
    -----  --------
    wide      0.542
    L2        0.450
    >>> table.cells[1]
    ['L2', '0.450']
    """

    def __init__(self, rows, headers, *, floatfmt=".3f"):
        self.headers, self.cells = _table_cells(rows, headers, floatfmt)

    def __str__(self) -> str:
        """The fixed-width text table, as :func:`format_table` lays it out."""
        return _text_table(self.headers, self.cells)

    def __repr__(self) -> str:
        """The text table: what a terminal, or a front end without HTML, shows."""
        return str(self)

    def _repr_html_(self) -> str:
        """The table as HTML, for Jupyter, the slides and the website."""
        def row(tag, values):
            # the first column names a run (left); the rest are values (right)
            return "<tr>" + "".join(
                f'<{tag} style="{_NAME_STYLE if j == 0 else _VALUE_STYLE}">'
                f"{html.escape(v)}</{tag}>" for j, v in enumerate(values)) + "</tr>"

        body = "".join(row("td", r) for r in self.cells)
        return (f'<table class="course-table"><thead>{row("th", self.headers)}</thead>'
                f"<tbody>{body}</tbody></table>")


def _check_grid(values, row_labels, col_labels, highlight):
    """Validate plot_heatmap's grid: (values as float64, row labels, column labels)."""
    try:
        values = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("values must be a 2-D array of numbers") from None
    if values.ndim != 2 or values.size == 0:
        raise ValueError(f"values must be a non-empty 2-D array; got shape {values.shape}")
    row_labels, col_labels = list(row_labels), list(col_labels)
    if len(row_labels) != values.shape[0] or len(col_labels) != values.shape[1]:
        raise ValueError(f"labels must match values of shape {values.shape}; got "
                         f"{len(row_labels)} row and {len(col_labels)} column labels")
    if highlight is not None:
        r, c = highlight
        if not (0 <= r < values.shape[0] and 0 <= c < values.shape[1]):
            raise ValueError(f"highlight must be a (row, column) inside {values.shape}; "
                             f"got {highlight!r}")
    return values, row_labels, col_labels


def plot_heatmap(values, row_labels, col_labels, *, ax=None, fmt=".3f", cmap="viridis",
                 xlabel=None, ylabel=None, colorbar_label=None, highlight=None):
    """Draw a 2-D grid of scores with each value written in its cell.

    Parameters
    ----------
    values : array-like of shape (n_rows, n_cols)
        The scores, e.g. validation accuracy for each (width, learning rate).
    row_labels, col_labels : sequence
        Labels of the rows (y axis) and columns (x axis).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    fmt : str, default ".3f"
        Format of the numbers written in the cells.
    cmap : str, default "viridis"
        Colour map.
    xlabel, ylabel, colorbar_label : str, optional
        Axis and colour-bar labels.
    highlight : (int, int), optional
        (row, column) of a cell to frame, e.g. the best setting.

    Returns
    -------
    matplotlib Axes
    """
    values, row_labels, col_labels = _check_grid(values, row_labels, col_labels, highlight)
    check_ax(ax)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(1.2 * values.shape[1] + 2, 0.6 * values.shape[0] + 1.4),
                             layout="constrained")
    image = ax.imshow(values, cmap=cmap, aspect="auto")
    for (r, c), value in np.ndenumerate(values):
        # dark text on light cells and light text on dark ones, whichever way the map runs
        red, green, blue, _ = image.cmap(image.norm(value))
        light = 0.299 * red + 0.587 * green + 0.114 * blue > 0.5
        ax.text(c, r, format(value, fmt), ha="center", va="center",
                color="black" if light else "white")
    ax.set_xticks(range(values.shape[1]), [str(v) for v in col_labels])
    ax.set_yticks(range(values.shape[0]), [str(v) for v in row_labels])
    ax.set(xlabel=xlabel or "", ylabel=ylabel or "")
    if highlight is not None:
        from matplotlib.patches import Rectangle

        ax.add_patch(Rectangle((highlight[1] - 0.5, highlight[0] - 0.5), 1, 1, fill=False,
                               edgecolor="red", linewidth=2.5))
    ax.figure.colorbar(image, ax=ax, label=colorbar_label or "")
    return ax
