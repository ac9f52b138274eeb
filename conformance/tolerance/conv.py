"""Bounds for conv, conv_transpose, pixel_shuffle and pixel_unshuffle (tolerance.dot).

An output of a convolution is a sum of ``C_in / groups * prod(k)`` products
(and the bias): tolerance.dot bounds its error by ``gamma(n) * sum |w||x|``,
and ``sum |w||x|`` is the same op applied to ``|x|``, ``|w|`` and ``|bias|``,
which the oracle evaluates.  Index maps and output lengths are exact, so a
wrong shape or a misplaced tap exceeds the bound.  pixel_shuffle and
pixel_unshuffle move values unchanged: their bound is 0.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

import oracle
from conformance.case import Case
from conformance.compare import EXPECTATIONS, Expectation
from conformance.tolerance.dot import dot_bound

__all__ = ["conv_expectation", "permutation_expectation"]

_LENGTH = {
    "conv": "window.output_length",
    "conv_transpose": "conv_transpose.output_padding",
    "pixel_shuffle": "pixel_shuffle.permutation",
    "pixel_unshuffle": "pixel_shuffle.permutation",
}


def _terms(case: Case) -> int:
    """How many products (and the bias) one output sums, at most."""
    weight = case.arrays["weight"]
    groups = int(case.kwargs.get("groups", 1))
    per_group = int(weight.shape[1] if case.op == "conv" else weight.shape[0] // groups)
    return per_group * math.prod(weight.shape[2:]) + ("bias" in case.arrays)


def conv_expectation(case: Case, u: Fraction) -> Expectation:
    """What ``conv`` or ``conv_transpose`` must return on ``case`` with unit roundoff ``u``.

    tolerance.dot: within ``gamma(n) * op(|x|, |w|, |bias|)`` of the oracle,
    ``n`` the number of terms of one output (:func:`_terms`).  NaN where the
    oracle is NaN (conv.nan).
    """
    fn: Any = getattr(oracle, case.op)
    want = case.call(fn)
    magnitudes = Case(case.op, {k: np.abs(np.nan_to_num(v)) for k, v in case.arrays.items()},
                      case.kwargs)  # fmt: skip
    bound = dot_bound(magnitudes.call(fn), _terms(case), u)
    return Expectation(want, bound, _LENGTH[case.op])


def permutation_expectation(case: Case, u: Fraction) -> Expectation:
    """pixel_shuffle and pixel_unshuffle move values unchanged: the bound is 0."""
    want = case.call(getattr(oracle, case.op))
    return Expectation(want, np.zeros(()), _LENGTH[case.op])


EXPECTATIONS["conv"] = conv_expectation
EXPECTATIONS["conv_transpose"] = conv_expectation
EXPECTATIONS["pixel_shuffle"] = permutation_expectation
EXPECTATIONS["pixel_unshuffle"] = permutation_expectation
