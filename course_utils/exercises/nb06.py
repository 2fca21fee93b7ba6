"""Checks for the exercises of notebook 06 (training an MLP well, on real data)."""

from __future__ import annotations

from course_utils.exercises._core import Kind, compare_numbers, exercise

import numpy as np

__all__: list[str] = []

def _size(answer):
    """How many numbers ``answer`` holds, or None for parts of different sizes."""
    try:
        return np.size(answer)
    except ValueError:  # ((0.75, 0.9), 0.8): NumPy cannot make one array of it
        return None


# 06.1: keras.regularizers.L2(0.01) on this kernel
_W = np.array([[0.5, -1.0], [2.0, 0.0]])
_LAMBDA = 0.01
_SQUARES = float(np.sum(_W**2))  # 5.25


@exercise("06.1")
def _l2_penalty(answer):
    if _size(answer) != 1:
        return "the penalty is one number added to the loss, not one per weight: sum them"
    if np.ndim(answer) > 0:  # [0.05] or a 1-element array: the number inside
        answer = np.ravel(answer)[0]
    return compare_numbers(
        answer,
        _LAMBDA * _SQUARES,
        what="your penalty",
        mistakes=[
            (_SQUARES, "that is the sum of squares without λ: multiply by 0.01"),
            (_LAMBDA * np.sqrt(_SQUARES), "that is λ times the length of W; the L2 penalty "
             "uses the squared weights, with no square root"),
            (_LAMBDA * _SQUARES / 2, "that is λ/2 Σw², a convention some textbooks use; "
             "Keras's L2 has no factor 1/2"),
            (_LAMBDA * np.sum(np.abs(_W)), "that is the L1 penalty, λ Σ|w|; L2 squares the "
             "weights"),
            (_LAMBDA * np.sum(_W), "that is λ times the sum of the weights; square each "
             "weight first"),
            (_LAMBDA * np.mean(_W**2), "that is λ times the mean of the squares; the "
             "penalty sums them"),
        ],
    )


# 06.2: Dense(32) on 64 inputs, then BatchNormalization
_DENSE = 64 * 32 + 32
_BN_TRAINABLE, _BN_MOVING = 2 * 32, 2 * 32
_TOTAL, _TRAINABLE = _DENSE + _BN_TRAINABLE + _BN_MOVING, _DENSE + _BN_TRAINABLE


def _numbers(answer, size):
    """The answer as a flat float array of ``size`` numbers, or None if it is not one."""
    try:
        values = np.asarray(answer, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        return None
    return values if values.size == size and np.isfinite(values).all() else None


@exercise("06.2")
def _batch_norm_parameters(answer):
    if np.size(answer) != 2:
        return "answer with a pair (total, trainable), e.g. (1000, 900)"
    pair = _numbers(answer, 2)
    if pair is not None and abs(pair[0] - _TOTAL) < 0.5 and abs(pair[1] - _TRAINABLE) >= 0.5:
        # the total is right: say what the second number counts instead
        if abs(pair[1] - _BN_MOVING) < 0.5:
            return ("64 is the non-trainable part (the moving mean and variance, 2 per unit); "
                    "the question asks for the trainable count: everything else")
        if abs(pair[1] - _TOTAL) < 0.5:
            return ("the moving mean and variance are averaged from batches, not learned by "
                    "gradient descent: they are not trainable")
        if abs(pair[1] - 4) < 0.5:
            return ("4 is the number of trainable weight arrays (kernel, bias, γ, β); count "
                    "the numbers in them instead")
        return "the total is right; trainable counts the Dense kernel and bias plus γ and β"
    if pair is not None and abs(pair[1] - _TRAINABLE) < 0.5 and abs(pair[0] - _TOTAL) >= 0.5 \
            and abs(pair[0] - _TRAINABLE) >= 0.5:
        return ("the trainable count is right; the total adds the non-trainable moving mean "
                "and moving variance")
    return compare_numbers(
        answer,
        [_TOTAL, _TRAINABLE],
        rtol=0,
        atol=0.5,
        what="your pair",
        mistakes=[
            ([_TRAINABLE, _TOTAL], "the pair is (total, trainable): the total comes first"),
            ([_TRAINABLE, _TRAINABLE], "BatchNormalization also keeps a moving mean and a "
             "moving variance per unit: they count in the total, as non-trainable parameters"),
            ([_TOTAL + 4 * 32, _TRAINABLE + 2 * 32], "BatchNormalization normalises the Dense "
             "layer's 32 outputs, not its 64 inputs"),
            ([_DENSE, _DENSE], "that is the Dense layer alone: BatchNormalization adds 4 "
             "numbers per unit (γ, β, moving mean, moving variance)"),
            ([_TOTAL - 32, _TRAINABLE - 32], "a Dense layer has a bias per unit as well: "
             "64·32 weights + 32 biases"),
            ([_BN_TRAINABLE + _BN_MOVING, _BN_TRAINABLE], "that is BatchNormalization "
             "alone: the question asks for both layers, so add the Dense layer's 64·32 "
             "weights and 32 biases"),
        ],
    )


# 06.4: 45 of 50 malignant tumours found, 15 benign ones called malignant
_TP, _FN, _FP = 45, 5, 15
_PRECISION, _RECALL = _TP / (_TP + _FP), _TP / (_TP + _FN)
_F1 = 2 * _PRECISION * _RECALL / (_PRECISION + _RECALL)


@exercise("06.4")
def _precision_recall_f1(answer):
    if _size(answer) != 3:
        return "answer with three numbers, side by side: (precision, recall, f1)"
    expected = [_PRECISION, _RECALL, _F1]
    hint = compare_numbers(
        answer,
        expected,
        rtol=1e-3,
        what="your (precision, recall, f1)",
        mistakes=[
            ([_PRECISION, _RECALL, (_PRECISION + _RECALL) / 2], "F1 is the harmonic mean "
             "2·P·R / (P + R), not the arithmetic mean (P + R) / 2"),
            (np.multiply(expected, 100), "give fractions between 0 and 1, not percentages"),
            ([_TP / (_TP + _FP + _FN), _RECALL, _F1], "precision counts only what was called "
             "malignant: TP / (TP + FP), without the missed ones"),
        ],
    )
    if hint is None or hint.kind is not Kind.DIFFERS:
        return hint
    # numbers of the right shape but wrong somewhere (compare_numbers has ruled out rounding
    # and a swapped pair): say which part
    precision, recall, f1 = _numbers(answer, 3)
    if not np.isclose(precision, _PRECISION, rtol=1e-3):
        return ("check the precision: of the 60 tumours called malignant (45 right, 15 "
                "benign), the share that are malignant")
    if not np.isclose(recall, _RECALL, rtol=1e-3):
        return "check the recall: of the 50 malignant tumours, the share the model found"
    return "precision and recall are right; F1 is 2·P·R / (P + R) with those two"


# 06.3: EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True) over these
# validation losses, epochs counted from 1 as Keras prints them
_VAL_LOSSES = (0.90, 0.62, 0.51, 0.55, 0.49, 0.50, 0.52, 0.50, 0.53, 0.56, 0.60, 0.58)
_PATIENCE = 3


def _early_stopping(losses, patience, *, against_previous=False):
    """(last epoch run, epoch whose weights are restored), both counted from 1.

    Keras's rule (keras/src/callbacks/early_stopping.py): an epoch improves when its loss is
    strictly below the best so far; training stops after ``patience`` epochs in a row without
    an improvement; ``restore_best_weights`` puts back the best epoch's weights.
    ``against_previous`` is the common misreading: an improvement is a drop from the previous
    epoch.
    """
    best, wait = 1, 0
    for epoch in range(2, len(losses) + 1):
        reference = losses[epoch - 2] if against_previous else losses[best - 1]
        if losses[epoch - 1] < reference:
            best, wait = epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best
    return len(losses), best


@exercise("06.3")
def _early_stopping_epochs(answer):
    if _size(answer) != 2:
        return "answer with a pair (last epoch run, epoch whose weights are restored)"
    last, best = _early_stopping(_VAL_LOSSES, _PATIENCE)  # (8, 5)
    pair = _numbers(answer, 2)
    if pair is not None and abs(pair[0] - last) < 0.5 and abs(pair[1] - last) < 0.5:
        return ("training stops after epoch 8, but restore_best_weights=True puts back the "
                "weights of the epoch with the lowest validation loss")
    return compare_numbers(
        answer,
        [last, best],
        rtol=0,
        atol=0.5,
        what="your pair",
        mistakes=[
            ([best, last], "the pair is (last epoch run, epoch restored): the last epoch "
             "comes first"),
            ([last - 1, best - 1], "count epochs from 1, as Keras prints them (Epoch 1/12 "
             "is the first)"),
            ([len(_VAL_LOSSES), best], "training does not run all 12 epochs: it stops once "
             "3 epochs in a row have not beaten the best loss so far"),
            ([last - 1, best], "the patience counts the epochs after the best one: 3 epochs "
             "without improvement after epoch 5 means epochs 6, 7 and 8 run"),
            ([last + 1, best], "training stops at the end of the third epoch without "
             "improvement, not one epoch later"),
            (_early_stopping(_VAL_LOSSES, _PATIENCE, against_previous=True),
             "an improvement must beat the best loss so far (0.49), not just the previous "
             "epoch: 0.50 after 0.52 does not reset the patience"),
            ([_PATIENCE + 3, 3], "the first rise (epoch 4) is not the end: epoch 5's 0.49 "
             "beats 0.51 and restarts the patience"),
        ],
    )


# 06.5: choose the threshold on validation tumours, report its recall on test tumours
_VAL_MALIGNANT = (0.98, 0.95, 0.91, 0.86, 0.80, 0.72, 0.64, 0.41, 0.33, 0.12)
_TEST_MALIGNANT = (0.97, 0.88, 0.83, 0.69, 0.58, 0.45, 0.36, 0.34, 0.27, 0.05)
_REQUIRED_RECALL = 0.9


def _highest_threshold(scores, recall):
    """The highest t with share(scores >= t) >= recall: the k-th highest score."""
    k = int(np.ceil(recall * len(scores) - 1e-9))
    return float(np.sort(scores)[::-1][k - 1])


def _recall(scores, threshold):
    return float(np.mean(np.asarray(scores) >= threshold))


@exercise("06.5")
def _threshold_for_recall(answer):
    if _size(answer) != 2:
        return "answer with a pair of numbers: (threshold t, test recall at t)"
    t = _highest_threshold(_VAL_MALIGNANT, _REQUIRED_RECALL)  # 0.33
    t_test = _highest_threshold(_TEST_MALIGNANT, _REQUIRED_RECALL)  # 0.27
    pair = _numbers(answer, 2)
    if pair is not None and pair[1] > 1:
        if pair[1] <= len(_TEST_MALIGNANT) and pair[1] == round(pair[1]):
            return ("give the recall as a fraction (cancers found / 10), not a count of "
                    "cancers")
        return "give the recall as a fraction between 0 and 1, not a percentage"
    if pair is not None and abs(pair[0] - t) < 1e-6 and abs(pair[1] - _recall(
            _TEST_MALIGNANT, t)) > 1e-6:
        if abs(pair[1] - _REQUIRED_RECALL) < 1e-6:
            return ("the threshold is right; 0.9 is its recall on the validation tumours, "
                    "count the test tumours with p >= t instead")
        return "the threshold is right; its test recall is the share of test cancers with p >= t"
    if pair is not None and t < pair[0] <= 0.41:
        return (f"at t = {pair[0]:g} only 8 of the 10 validation cancers have p >= t: recall "
                "0.8, below the 0.9 required")
    if pair is not None and min(_VAL_MALIGNANT) < pair[0] < t and abs(pair[0] - t_test) > 1e-6:
        return (f"a higher t than {pair[0]:g} still keeps 9 of the 10 validation cancers: "
                "choose the highest t that does, which raises the fewest false alarms")
    return compare_numbers(
        answer,
        [t, _recall(_TEST_MALIGNANT, t)],
        rtol=0,
        atol=1e-6,
        what="your pair",
        mistakes=[
            ([t_test, _recall(_TEST_MALIGNANT, t_test)], "that threshold was chosen on the "
             "test tumours: choose t on the validation tumours, then report how it does on "
             "the test tumours"),
            ([min(_VAL_MALIGNANT), _recall(_TEST_MALIGNANT, min(_VAL_MALIGNANT))], "t = 0.12 "
             "finds all 10 validation cancers (recall 1.0); 0.9 is enough, and a higher t "
             "raises fewer false alarms"),
            ([0.41, _recall(_TEST_MALIGNANT, 0.41)], "at t = 0.41 only 8 of the 10 "
             "validation cancers have p >= t: recall 0.8, below the 0.9 required"),
        ],
    )
