"""Exercises of notebook 06: each solution is accepted, the placeholder is "not attempted",
and the typical mistakes each get their own hint."""

from course_utils.exercises import evaluate

import numpy as np
import pytest

SOLUTIONS = {
    "06.1": 0.01 * (0.5**2 + 1.0**2 + 2.0**2),
    "06.2": (64 * 32 + 32 + 4 * 32, 64 * 32 + 32 + 2 * 32),
    "06.4": (45 / 60, 45 / 50, 2 * 0.75 * 0.9 / 1.65),
    "06.3": (8, 5),
    "06.5": (0.33, 0.8),
}


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_the_solution_is_correct(exercise_id):
    assert evaluate(exercise_id, SOLUTIONS[exercise_id]).status == "correct"


def test_solutions_in_other_containers_and_dtypes():
    import keras

    W = np.array([[0.5, -1.0], [2.0, 0.0]])
    assert evaluate("06.1", keras.regularizers.L2(0.01)(W)).status == "correct"  # a tensor
    assert evaluate("06.1", [SOLUTIONS["06.1"]]).status == "correct"
    assert evaluate("06.2", np.array(SOLUTIONS["06.2"])).status == "correct"
    assert evaluate("06.4", list(np.float32(SOLUTIONS["06.4"]))).status == "correct"


@pytest.mark.parametrize(
    ("exercise_id", "answer", "fragment"),
    [
        ("06.1", 5.25, "without λ"),
        ("06.1", 0.01 * np.sqrt(5.25), "no square root"),
        ("06.1", 0.02625, "factor 1/2"),
        ("06.1", 0.035, "L1 penalty"),
        ("06.1", 0.015, "square each weight first"),
        ("06.1", 0.013125, "mean of the squares"),
        ("06.1", [0.0025, 0.01, 0.04, 0.0], "one number added to the loss"),
        ("06.1", "a lot", "a string, not a number"),
        ("06.2", (2144, 2208), "total comes first"),
        ("06.2", (2144, 2144), "moving mean and a moving variance"),
        ("06.2", (2208, 2208), "not trainable"),
        ("06.2", (2080, 2080), "Dense layer alone"),
        ("06.2", (2336, 2208), "not its 64 inputs"),
        ("06.2", (2176, 2112), "bias per unit"),
        ("06.2", 2208, "a pair (total, trainable)"),
        ("06.2", (128, 64), "BatchNormalization alone"),
        ("06.2", (2208, 4), "weight arrays"),
        ("06.2", (2208, 2000), "the total is right"),
        ("06.2", (2176, 2144), "the trainable count is right"),
        ("06.2", (2208, 64), "non-trainable part"),
        ("06.2", (5000, 4000), "differs from the expected value"),
        ("06.4", (0.9, 0.75, 0.8181818), "swapped"),
        ("06.4", (0.75, 0.9, 0.825), "harmonic mean"),
        ("06.4", (75.0, 90.0, 81.818182), "not percentages"),
        ("06.4", (45 / 65, 0.9, 0.8181818), "without the missed ones"),
        ("06.4", (0.75, 0.9), "three numbers"),
        ("06.4", (0.9, 0.75, 0.8), "swapped"),
        ("06.4", (0.7, 0.9, 0.8181818), "check the precision"),
        ("06.4", (0.75, 0.8, 0.8181818), "check the recall"),
        ("06.4", (0.75, 0.9, 0.5), "precision and recall are right"),
        ("06.4", (0.75, 0.9, 0.82), "rounded"),
        ("06.3", (8, 8), "restore_best_weights=True puts back"),
        ("06.3", (5, 8), "last epoch comes first"),
        ("06.3", (7, 4), "count epochs from 1"),
        ("06.3", (12, 5), "does not run all 12 epochs"),
        ("06.3", (7, 5), "the patience counts the epochs after the best one"),
        ("06.3", (9, 5), "not one epoch later"),
        ("06.3", (11, 8), "not just the previous epoch"),
        ("06.3", (6, 3), "restarts the patience"),
        ("06.3", 8, "a pair (last epoch run"),
        ("06.5", (0.27, 0.9), "chosen on the test tumours"),
        ("06.5", (0.12, 0.9), "finds all 10 validation cancers"),
        ("06.5", (0.41, 0.6), "recall 0.8, below"),
        ("06.5", (0.33, 0.9), "recall on the validation tumours"),
        ("06.5", (0.33, 0.7), "the threshold is right"),
        ("06.5", (0.3, 0.8), "choose the highest t that does"),
        ("06.5", 0.33, "a pair of numbers: (threshold t"),
        ("06.5", (0.35, 0.6), "only 8 of the 10 validation cancers"),
        ("06.5", (0.33, 80), "not a percentage"),
        ("06.5", (0.33, 8), "not a count"),
        ("06.3", ((9, 5), 3), "a pair (last epoch run"),
        ("06.5", ((0.33,), 0.8), "a pair of numbers"),
        ("06.4", ((0.75, 0.9), 0.818), "three numbers, side by side"),
        ("06.1", ([0.05], 0.0), "one number added to the loss"),
        ("06.1", 0.053, "rounded"),
    ],
)
def test_typical_mistakes_get_their_hint(exercise_id, answer, fragment):
    verdict = evaluate(exercise_id, answer)
    assert verdict.status == "incorrect"
    assert fragment in verdict.hint, verdict.line


class _Recorder:
    """Just enough of a model for EarlyStopping: weights are the epoch they were taken at."""

    def __init__(self):
        self.epoch, self.stop_training, self.restored = 0, False, None

    def get_weights(self):
        return [self.epoch]

    def set_weights(self, weights):
        self.restored = weights[0]


def test_early_stopping_answer_is_what_keras_does():
    from course_utils.exercises.nb06 import _PATIENCE, _VAL_LOSSES

    import keras

    model = _Recorder()
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=_PATIENCE,
                                         restore_best_weights=True)
    stop.set_model(model)
    stop.on_train_begin()
    for epoch, loss in enumerate(_VAL_LOSSES, start=1):
        model.epoch = epoch
        stop.on_epoch_end(epoch - 1, {"val_loss": loss})
        if model.stop_training:
            break
    stop.on_train_end()
    assert (model.epoch, model.restored) == SOLUTIONS["06.3"]


def test_threshold_answer_reaches_the_recall_on_validation_only():
    from course_utils.exercises.nb06 import _TEST_MALIGNANT, _VAL_MALIGNANT

    t, test_recall = SOLUTIONS["06.5"]
    assert np.mean(np.array(_VAL_MALIGNANT) >= t) >= 0.9
    assert np.mean(np.array(_VAL_MALIGNANT) >= t + 1e-9) < 0.9  # the highest such t
    assert np.isclose(np.mean(np.array(_TEST_MALIGNANT) >= t), test_recall)
