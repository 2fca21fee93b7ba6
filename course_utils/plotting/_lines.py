"""The geometry of a line w0·x0 + w1·x1 + b = 0, and the weight histories that move it.

Private to ``course_utils.plotting.linear``: parsing its ``w``/``b`` and ``weights_history``
arguments, and the few computations a frame needs (the segment inside the window, the side
where the score is positive, how many points are on their side).
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["check_history", "check_line", "n_correct", "positive_side", "segment", "select"]


def check_line(w, b, *, allow_zero=False):
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    if w.size != 2:
        raise ValueError(
            "w must have exactly 2 entries (w0, w1), e.g. a Dense kernel of shape (2, 1); "
            f"got shape {w.shape}"
        )
    if b.size != 1:
        raise ValueError(
            f"b must be one number (a scalar or a Dense bias of shape (1,)); got shape {b.shape}"
        )
    (w0, w1), b = w.ravel().tolist(), float(b.ravel()[0])
    if not np.all(np.isfinite([w0, w1, b])):
        raise ValueError(f"w and b must be finite; got w={[w0, w1]}, b={b} (did training diverge?)")
    if w0 == 0 and w1 == 0 and not allow_zero:
        raise ValueError("w must not be all zeros: w0·x0 + w1·x1 + b = 0 is then no line")
    return w0, w1, b


def check_history(weights_history):
    """(W (k, 2), B (k,), epoch labels) from a WeightHistory or a sequence of [kernel, bias]."""
    entries = getattr(weights_history, "weights", weights_history)
    if isinstance(entries, (str, bytes)) or not hasattr(entries, "__len__"):
        raise TypeError(
            "weights_history must be a WeightHistory or a sequence of [kernel, bias] entries; "
            f"got {type(weights_history).__name__}"
        )
    if len(entries) == 0:
        raise ValueError("weights_history is empty: record it with WeightHistory during fit")
    labels = [int(e) for e in getattr(weights_history, "epochs", range(1, len(entries) + 1))]
    if len(labels) != len(entries):
        raise ValueError(f"weights_history has {len(entries)} entries but {len(labels)} epochs")
    lines = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, (list, tuple)) or len(entry) != 2:
            got = f"{len(entry)} arrays" if isinstance(entry, (list, tuple)) else type(entry)
            raise ValueError(
                f"weights_history entry {i} must be [kernel, bias] of one Dense unit on "
                f"2 features; got {got}"
            )
        try:
            lines.append(check_line(*entry, allow_zero=True))
        except ValueError as err:
            raise ValueError(f"weights_history entry {i}: {err}") from None
    return np.array(lines), labels


def select(labels, epochs, default_count):
    if epochs is None:
        if default_count is None or len(labels) <= default_count:
            return list(range(len(labels)))
        return sorted(set(np.linspace(0, len(labels) - 1, default_count).round().astype(int)))
    wanted = [epochs] if isinstance(epochs, numbers.Integral) else list(epochs)
    if not wanted:
        raise ValueError("epochs must name at least one recorded epoch; got an empty selection")
    position = {e: i for i, e in enumerate(labels)}
    missing = [e for e in wanted if e not in position]
    if missing:
        raise ValueError(
            f"epochs must be recorded epochs ({labels[0]}..{labels[-1]}); not found: {missing[:5]}"
        )
    return [position[e] for e in wanted]


def segment(w0, w1, b, xlim, ylim):
    """Two points of the line w0·x0 + w1·x1 + b = 0 spanning the window (none if w = 0)."""
    if w1 != 0 and abs(w1) >= abs(w0):
        xs = np.array(xlim)
        return xs, (-b - w0 * xs) / w1
    if w0 != 0:
        ys = np.array(ylim)
        return (-b - w1 * ys) / w0, ys
    return np.array([]), np.array([])


def positive_side(w0, w1, b, xlim, ylim):
    """Polygon of the window where the score is positive (one Sutherland-Hodgman clip)."""
    (x_lo, x_hi), (y_lo, y_hi) = xlim, ylim
    corners = np.array([[x_lo, y_lo], [x_hi, y_lo], [x_hi, y_hi], [x_lo, y_hi]])
    inside = corners @ np.array([w0, w1]) + b
    out = []
    for i, j in zip(range(4), [1, 2, 3, 0], strict=True):
        if inside[i] >= 0:
            out.append(corners[i])
        if (inside[i] >= 0) != (inside[j] >= 0):
            out.append(corners[i] + inside[i] / (inside[i] - inside[j]) * (corners[j] - corners[i]))
    return np.array(out) if out else np.zeros((1, 2))  # one point: an empty, valid polygon


def n_correct(w0, w1, b, X, positions):
    scores = X @ np.array([w0, w1]) + b
    # A score of exactly 0 counts for neither class, as in the lecture's loop.
    return int(np.sum(np.where(positions == 1, scores > 0, scores < 0)))
