"""Checks for the exercises of notebook 06 (training an MLP well, on real data)."""

from __future__ import annotations

from course_utils.exercises._core import Kind, compare_numbers, exercise

import numpy as np

__all__: list[str] = []

# 06.1: keras.regularizers.L2(0.01) on this kernel
_W = np.array([[0.5, -1.0], [2.0, 0.0]])
_LAMBDA = 0.01
_SQUARES = float(np.sum(_W**2))  # 5.25


@exercise("06.1")
def _l2_penalty(answer):
    if np.size(answer) != 1:
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


@exercise("06.2")
def _batch_norm_parameters(answer):
    if np.size(answer) != 2:
        return "answer with a pair (total, trainable), e.g. (1000, 900)"
    total, trainable = _DENSE + _BN_TRAINABLE + _BN_MOVING, _DENSE + _BN_TRAINABLE
    hint = compare_numbers(
        answer,
        [total, trainable],
        rtol=0,
        atol=0.5,
        what="your pair",
        mistakes=[
            ([trainable, total], "the pair is (total, trainable): the total comes first"),
            ([trainable, trainable], "BatchNormalization also keeps a moving mean and a moving "
             "variance per unit: they count in the total, as non-trainable parameters"),
            ([total, total], "the moving mean and variance are averaged from batches, not "
             "learned by gradient descent: they are not trainable"),
            ([_DENSE, _DENSE], "that is the Dense layer alone: BatchNormalization adds 4 "
             "numbers per unit (γ, β, moving mean, moving variance)"),
            ([total + 4 * 32, trainable + 2 * 32], "BatchNormalization normalises the Dense "
             "layer's 32 outputs, not its 64 inputs"),
            ([total - 32, trainable - 32], "a Dense layer has a bias per unit as well: "
             "64·32 weights + 32 biases"),
            ([_BN_TRAINABLE + _BN_MOVING, _BN_TRAINABLE], "that is BatchNormalization "
             "alone: the question asks for both layers, so add the Dense layer's 64·32 "
             "weights and 32 biases"),
        ],
    )
    if hint is None or hint.kind is not Kind.DIFFERS:
        return hint
    # a pair of numbers, wrong somewhere: say which half (len(trainable_weights) counts
    # variables, not numbers, a likely source of a wrong second half)
    got_total, got_trainable = np.asarray(answer, dtype=np.float64).reshape(2)
    if abs(got_total - total) < 0.5:
        return ("the total is right; trainable counts the numbers in the Dense kernel and "
                "bias plus γ and β, not the number of weight arrays")
    if abs(got_trainable - trainable) < 0.5:
        return ("the trainable count is right; the total adds the non-trainable moving mean "
                "and moving variance")
    return hint


# 06.3: 45 of 50 malignant tumours found, 15 benign ones called malignant
_TP, _FN, _FP = 45, 5, 15
_PRECISION, _RECALL = _TP / (_TP + _FP), _TP / (_TP + _FN)
_F1 = 2 * _PRECISION * _RECALL / (_PRECISION + _RECALL)


@exercise("06.3")
def _precision_recall_f1(answer):
    if np.size(answer) != 3:
        return "answer with three numbers: (precision, recall, f1)"
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
    # numbers of the right shape but wrong somewhere: say which part
    precision, recall, f1 = np.asarray(answer, dtype=np.float64).reshape(3)
    if np.allclose([precision, recall, f1], expected, rtol=0, atol=0.005):
        return ("close: your numbers look rounded by hand; let Python keep every digit, "
                "e.g. precision = 45 / 60, and compute F1 from those")
    if np.allclose([precision, recall], [_RECALL, _PRECISION], rtol=1e-3):
        return ("precision and recall are swapped: precision divides by everything called "
                "malignant (TP + FP), recall by every malignant tumour (TP + FN)")
    if not np.isclose(precision, _PRECISION, rtol=1e-3):
        return ("check the precision: of the 60 tumours called malignant (45 right, 15 "
                "benign), the share that are malignant")
    if not np.isclose(recall, _RECALL, rtol=1e-3):
        return "check the recall: of the 50 malignant tumours, the share the model found"
    return "precision and recall are right; F1 is 2·P·R / (P + R) with those two"
