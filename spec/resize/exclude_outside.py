"""exclude_outside: drop the taps outside the input and renormalise (``resize.exclude_outside``).

ONNX Resize's ``exclude_outside`` is the alternative to edge replicate (``resize.border``):
taps outside ``[0, n - 1]`` get weight 0 and the rest are divided by their sum.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import held_sum, rational, weighted_sum
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import ONNX_RESIZE
from spec.resize.border import replicate_edges
from spec.resize.cubic import A_DEFAULT, A_KEYS, KernelKind, plain_taps

__all__ = ["exclude_outside"]


def exclude_outside(weights: Mapping[int, Fraction], n: int) -> dict[int, Fraction]:
    """Drop taps outside ``[0, n - 1]`` and renormalise the rest to sum 1.

    See ``resize.exclude_outside``.  Raises ``ValueError`` when the in-range weights sum to
    zero, where the renormalisation is undefined.

    >>> exclude_outside({-1: Fraction(1, 4), 0: Fraction(3, 4)}, 3)
    {0: Fraction(1, 1)}
    """
    kept = {j: w for j, w in weights.items() if 0 <= j < n}
    total = sum(kept.values(), Fraction(0))
    if total == 0:
        raise ValueError("exclude_outside: in-range weights sum to 0 (resize.exclude_outside)")
    return {j: w / total for j, w in kept.items()}


_EXCLUDE_SIZES = range(1, 7)


_EXCLUDE_KINDS: tuple[tuple[KernelKind, Fraction], ...] = (
    ("linear", A_DEFAULT),
    ("cubic", A_DEFAULT),
    ("cubic", A_KEYS),
)


def _coordinates(n: int) -> Iterator[Fraction]:
    # Every coordinate map keeps x inside (-1, n); step 1/8.
    for k in range(-7, 8 * n):
        yield Fraction(k, 8)


def _exclude_sums_to_one() -> Iterator[object]:
    for kind, av in _EXCLUDE_KINDS:
        for n in _EXCLUDE_SIZES:
            for x in _coordinates(n):
                taps = plain_taps(x, kind, av)
                kept = [w for j, w in taps.items() if 0 <= j < n]
                if sum(kept, Fraction(0)) <= 0:
                    yield (kind, av, n, x, "in-range weights do not sum to a positive number")
                    continue
                if sum(exclude_outside(taps, n).values(), Fraction(0)) != 1:
                    yield (kind, av, n, x)


def _exclude_interior_unchanged() -> Iterator[object]:
    for kind, av in _EXCLUDE_KINDS:
        for n in _EXCLUDE_SIZES:
            for x in _coordinates(n):
                taps = plain_taps(x, kind, av)
                if all(0 <= j < n for j in taps) and exclude_outside(taps, n) != taps:
                    yield (kind, av, n, x)


def _linear_exclude_is_replicate() -> Iterator[object]:
    for n in _EXCLUDE_SIZES:
        for x in _coordinates(n):
            taps = plain_taps(x, "linear")
            excluded = {j: w for j, w in exclude_outside(taps, n).items() if w != 0}
            replicated = {j: w for j, w in replicate_edges(taps, n).items() if w != 0}
            if excluded != replicated:
                yield (n, x, excluded, replicated)


_BORDER_SAMPLES = [1, 2, 4, 8]


_BORDER_X = Fraction(-1, 4)  # half_pixel, in = 4, out = 8, i = 0


@derivation("resize.exclude_outside")
def _exclude_outside() -> Derivation:
    v0, v1, u = symbols("v_0 v_1 u", real=True)
    taps = plain_taps(_BORDER_X, "cubic")
    replicated = replicate_edges(taps, 4)
    excluded = exclude_outside(taps, 4)
    # Linear at the left border, x = -1 + u with 0 < u < 1: taps -1 (weight 1 - u), 0 (weight u).
    # Right border of an n-sample signal, x = n - 1 + u: taps n - 1 (1 - u) and n (u).
    with sympy.evaluate(False):
        left_replicate = (1 - u) * v0 + u * v0
        left_exclude = (u * v0) / u
        right_replicate = (1 - u) * v1 + u * v1
        right_exclude = ((1 - u) * v1) / (1 - u)
    return Derivation(
        id="resize.exclude_outside",
        title="exclude_outside: drop taps outside the input and renormalise",
        statement=(
            "With exclude_outside (ONNX Resize), a tap j outside [0, n-1] gets weight 0 and "
            "the remaining weights are divided by their sum, so they sum to 1 again; with "
            "every tap inside, partition of unity makes that sum 1 already and nothing "
            "changes. "
            "At a border it differs from edge replicate for cubic, whose negative outer lobe "
            "is dropped instead of being added to the edge sample, while for linear both "
            "give the same value (at x = -1 + u: u v_0 / u = v_0 = (1-u) v_0 + u v_0). "
            "The renormalisation is well defined for every source coordinate in (-1, n), "
            "where the nearest in-range tap has positive weight."
        ),
        result={
            "cubic border example, replicate": rational(weighted_sum(replicated, _BORDER_SAMPLES)),
            "cubic border example, exclude_outside": rational(
                weighted_sum(excluded, _BORDER_SAMPLES)
            ),
        },
        claims=(
            exhaustive(
                "renormalised weights sum exactly to 1, and the in-range sum is positive",
                "linear, cubic a in {-3/4, -1/2}; n in 1..6; x in {k/8 : -7 <= k < 8n}",
                _exclude_sums_to_one,
            ),
            exhaustive(
                "at an interior position (all taps in range) exclude_outside changes nothing",
                "linear, cubic a in {-3/4, -1/2}; n in 1..6; x in {k/8 : -7 <= k < 8n}",
                _exclude_interior_unchanged,
            ),
            exhaustive(
                "linear: exclude_outside and edge replicate give the same weight per input sample",
                "n in 1..6; x in {k/8 : -7 <= k < 8n}",
                _linear_exclude_is_replicate,
            ),
            symbolic(
                "linear, left border: exclude_outside = replicate", left_exclude, left_replicate
            ),
            symbolic(
                "linear, right border: exclude_outside = replicate", right_exclude, right_replicate
            ),
            symbolic(
                "cubic a = -3/4, samples (1, 2, 4, 8), x = -1/4 (half_pixel, in 4, out 8, i 0): "
                "edge replicate gives 229/256",
                held_sum(replicated, _BORDER_SAMPLES),
                Rational(229, 256),
            ),
            symbolic(
                "... and exclude_outside gives 19/22, a different value",
                held_sum(excluded, _BORDER_SAMPLES),
                Rational(19, 22),
            ),
        ),
        references=(
            ONNX_RESIZE.at(
                "attribute exclude_outside: the weight of sampling locations outside the "
                "tensor is set to 0 and the weights are renormalised to sum to 1"
            ),
        ),
        implemented_by=("oracle.resize_plan",),
    )
