"""Keras callbacks for watching a model learn."""

from __future__ import annotations

import keras
import numpy as np

__all__ = ["WeightHistory"]


class WeightHistory(keras.callbacks.Callback):
    """Record a copy of the model's weights, and the epoch's logs, at the end of every epoch.

    One ``model.fit(X, y, epochs=50, callbacks=[WeightHistory()])`` gives the same record as
    fifty ``fit(epochs=1)`` calls with ``get_weights()`` after each, without paying ``fit``'s
    set-up cost fifty times. Like Keras's ``History``, the record is reset when training
    begins, so a second ``fit`` with the same callback starts a fresh record.

    Parameters
    ----------
    record_initial : bool, default False
        Also record the weights as they are when training starts (before the first update),
        as the first entry, with ``{}`` as its logs. Handy for an animation that should
        start from the untrained model.

    Attributes
    ----------
    weights : list of list of numpy.ndarray
        One entry per recorded state; each entry is the list of arrays that
        ``model.get_weights()`` returns (for one ``Dense`` unit on 2 features:
        ``[kernel (2, 1), bias (1,)]``), copied so later training does not change it.
    logs : list of dict
        The ``logs`` dict Keras passed at the end of each epoch (``loss`` and the compiled
        metrics), aligned with ``weights``.
    epochs : list of int
        For each entry, how many epochs had been completed when it was recorded: ``1, 2, ...``
        for the ends of epochs (Keras's ``History.epoch`` counts from 0 instead), and ``0``
        for the initial entry (``initial_epoch`` if ``fit`` was given one), so ``epochs[i]``
        is a label that reads "after epoch k".

    Raises
    ------
    ValueError
        At train begin, if the model has no weights to record.
    """

    def __init__(self, record_initial: bool = False):
        super().__init__()
        if not isinstance(record_initial, bool):
            raise TypeError(f"record_initial must be True or False; got {record_initial!r}")
        self.record_initial = record_initial
        self.weights: list[list[np.ndarray]] = []
        self.logs: list[dict] = []
        self.epochs: list[int] = []

    def _snapshot(self) -> list[np.ndarray]:
        # np.array(copy=True): get_weights() may hand back views of backend buffers.
        return [np.array(w, copy=True) for w in self.model.get_weights()]

    def on_train_begin(self, logs=None):
        """Start a new record; raise ValueError if the model has no weights."""
        if not self.model.get_weights():
            raise ValueError(
                "WeightHistory needs a model with weights to record; this model has none "
                "(add a layer with weights such as keras.layers.Dense, and build the model "
                "from keras.Input)"
            )
        self.weights, self.logs, self.epochs = [], [], []
        self._initial_pending = self.record_initial

    def on_epoch_begin(self, epoch, logs=None):
        """Record the untrained weights before the first epoch, if asked to."""
        # Recorded here rather than in on_train_begin so the label honours fit's initial_epoch.
        if self._initial_pending:
            self._initial_pending = False
            self.weights.append(self._snapshot())
            self.logs.append({})
            self.epochs.append(epoch)

    def on_epoch_end(self, epoch, logs=None):
        """Record the weights and the logs after the epoch."""
        self.weights.append(self._snapshot())
        self.logs.append(dict(logs or {}))
        self.epochs.append(epoch + 1)
