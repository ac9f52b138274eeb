"""NaN and infinity through a resize: the tap set decides (``resize.nan``).

An output is ``sum_k W_k x_k`` over its tap set, the tensor product of the per-axis taps.
IEEE 754 makes ``0 * NaN = NaN``, so a NaN anywhere in the tap set poisons the output,
whatever its weight.  The claims check this rule, PyTorch's tap sets against it, and the
decomposition into finite and non-finite samples that the oracle evaluates.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

import sympy
from sympy import Rational

from spec.core import Derivation, derivation, exhaustive
from spec.references import IEEE_754_2008, TORCH_UPSAMPLE_H, TORCH_UPSAMPLE_KERNEL
from spec.resize._domains import MAX_IN, MAX_OUT, size_cases
from spec.resize.coordinates import source_coordinate
from spec.resize.equiv.torch import torch_linear_taps
from spec.resize.linear import linear_tap_weights, linear_taps
from spec.resize.separable import linear_resize_matrix

__all__: list[str] = []


def _check_ieee_nan() -> list[object]:
    nan = math.nan
    bad: list[object] = []
    for weight in (0.0, -0.0, 0.25, 0.5, 1.0):
        for other in (0.0, 1.0, -3.5, 1e300):
            for other_weight in (0.0, 0.5, 1.0):
                if not math.isnan(weight * nan + other_weight * other):
                    bad.append((weight, other, other_weight))
                if not math.isnan(other_weight * other + weight * nan):
                    bad.append((other_weight, other, weight))
    return bad


def _check_non_finite_terms_decide() -> list[object]:
    """A float64 sum with a non-finite term is the sum of its non-finite terms alone."""
    inf, nan = math.inf, math.nan
    bad: list[object] = []
    finite_terms = (0.0, -0.0, 1.0, -3.5, 1e300, -1e300)
    for count in (1, 2, 3):
        for special in itertools.product((nan, inf, -inf), repeat=count):
            mixed = any(math.isnan(v) for v in special) or {inf, -inf} <= set(special)
            alone = nan if mixed else special[0]
            for finite in itertools.combinations(finite_terms, 2):
                for order in itertools.permutations((*special, *finite)):
                    total = 0.0
                    for term in order:
                        total += term
                    same = math.isnan(total) if math.isnan(alone) else total == alone
                    if not same:
                        bad.append(order)
    return bad


def _check_product_of_non_finite() -> list[object]:
    """w * v is not finite for every finite weight w and non-finite v (0 * inf is NaN)."""
    return [
        (w, v)
        for w in (0.0, -0.0, 0.25, -0.5, 1.0, 1e-300)
        for v in (math.nan, math.inf, -math.inf)
        if math.isfinite(w * v)
    ]


def _check_float_nan_pattern() -> list[object]:
    """Evaluating sum w_k x_k over the tap set in float64 gives NaN iff the NaN is a tap."""
    bad: list[object] = []
    for mode in ("half_pixel", "align_corners", "asymmetric"):
        for in_len in range(1, 7):
            for out_len in range(1, 11):
                taps = [
                    linear_tap_weights(source_coordinate(mode, o, in_len, out_len), in_len)
                    for o in range(out_len)
                ]
                for poisoned in range(in_len):
                    signal = [float(k + 1) for k in range(in_len)]
                    signal[poisoned] = math.nan
                    for o, weights in enumerate(taps):
                        value = math.fsum(float(w) * signal[k] for k, w in weights.items())
                        if math.isnan(value) != (poisoned in weights):
                            bad.append((mode, in_len, out_len, poisoned, o))
    return bad


def _check_zero_weight_poisons() -> list[object]:
    """Some outputs read a tap with weight exactly 0 (e.g. x integer): a NaN there still wins."""
    seen = 0
    for in_len, out_len in size_cases():
        for o in range(out_len):
            weights = linear_tap_weights(
                source_coordinate("align_corners", o, in_len, out_len), in_len
            )
            seen += any(w == 0 for w in weights.values())
    return [] if seen else ["no zero-weight tap in the domain"]


def _identity_nan_example() -> list[object]:
    """out == in with s = 1: finite values are copied, but NaN at k also poisons output k - 1."""
    in_len = 4
    matrix = linear_resize_matrix("half_pixel", in_len, in_len)
    taps = [
        linear_tap_weights(source_coordinate("half_pixel", o, in_len, in_len), in_len)
        for o in range(in_len)
    ]
    facts = (matrix == sympy.eye(in_len), 1 in taps[0], taps[0][1] == 0)
    return [] if all(facts) else [facts]


def _torch_tap_cases() -> Iterator[tuple[bool, int, int, int, Rational, set[int]]]:
    """Every output of the exhaustive domain with PyTorch's tap set there.

    Yields ``(align_corners, in_len, out_len, o, x, torch_taps)`` for both
    align_corners values and every ``(in_len, out_len)`` of ``size_cases``.
    """
    for align_corners in (False, True):
        mode = "align_corners" if align_corners else "half_pixel"
        for in_len, out_len in size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                torch_taps = set(torch_linear_taps(o, in_len, out_len, align_corners=align_corners))
                yield align_corners, in_len, out_len, o, position, torch_taps


def _check_torch_taps() -> list[object]:
    """PyTorch's taps differ from the spec's exactly when out == in or (half-pixel and x < 0)."""
    bad: list[object] = []
    for align_corners, in_len, out_len, o, position, torch_taps in _torch_tap_cases():
        spec_taps = set(linear_taps(position, in_len))
        expected_differ = (out_len == in_len and o < in_len - 1) or (
            not align_corners and position < 0 and in_len > 1
        )
        if (spec_taps != torch_taps) != expected_differ:
            bad.append((align_corners, in_len, out_len, o))
    return bad


def _check_conformance_nan_rule() -> list[object]:
    """PyTorch's taps lie between the nonzero-weight taps and the taps widened by one sample."""
    bad: list[object] = []
    for align_corners, in_len, out_len, o, position, torch_taps in _torch_tap_cases():
        weights = linear_tap_weights(position, in_len)
        required = {j for j, w in weights.items() if w != 0}
        taps = linear_taps(position, in_len)
        allowed = {k for j in taps for k in (j - 1, j, j + 1) if 0 <= k < in_len}
        if not required <= torch_taps <= allowed:
            bad.append((align_corners, in_len, out_len, o))
    return bad


def _nan_pattern_direct(
    taps0: Sequence[set[int]], taps1: Sequence[set[int]], nan_at: tuple[int, int]
) -> list[list[bool]]:
    return [[nan_at[0] in t0 and nan_at[1] in t1 for t1 in taps1] for t0 in taps0]


def _nan_pattern_passes(
    taps: Sequence[Sequence[set[int]]],
    shape: tuple[int, int],
    nan_at: tuple[int, int],
    order: tuple[int, int],
) -> list[list[bool]]:
    grid = {(a, b): (a, b) == nan_at for a in range(shape[0]) for b in range(shape[1])}
    current_shape = list(shape)
    for axis in order:
        new_shape = list(current_shape)
        new_shape[axis] = len(taps[axis])
        new_grid = {}
        for a in range(new_shape[0]):
            for b in range(new_shape[1]):
                out_index = (a, b)[axis]
                new_grid[(a, b)] = any(
                    grid[(k, b) if axis == 0 else (a, k)] for k in taps[axis][out_index]
                )
        grid = new_grid
        current_shape = new_shape
    return [[grid[(a, b)] for b in range(current_shape[1])] for a in range(current_shape[0])]


def _check_nan_separable() -> list[object]:
    """Axis-by-axis passes, in either order, give the NaN pattern of the tensor-product taps."""
    bad: list[object] = []
    for in0, in1 in itertools.product((1, 2, 3), repeat=2):
        for out0, out1 in itertools.product((1, 2, 3, 5), repeat=2):
            taps = [
                [set(linear_taps(source_coordinate("half_pixel", o, n, m), n)) for o in range(m)]
                for n, m in ((in0, out0), (in1, out1))
            ]
            for nan_at in itertools.product(range(in0), range(in1)):
                direct = _nan_pattern_direct(taps[0], taps[1], nan_at)
                for order in ((0, 1), (1, 0)):
                    if _nan_pattern_passes(taps, (in0, in1), nan_at, order) != direct:
                        bad.append((in0, in1, out0, out1, nan_at, order))
    return bad


@derivation("resize.nan")
def _nan() -> Derivation:
    return Derivation(
        id="resize.nan",
        title="NaN propagation through the tap set",
        statement=(
            "IEEE 754 makes 0 x NaN = NaN and any sum with a NaN term NaN, so an output "
            "sum_k W_k x_k is NaN exactly when some value in its tap set (for linear: "
            "clamp(floor(x)) and clamp(floor(x) + 1) on each axis) is NaN, whatever its "
            "weight, and the pattern does not depend on the axis order of the passes. "
            "Conformance asks, per output: NaN when a tap of nonzero weight (beyond its slack "
            "in tolerance.model) is NaN, not NaN when no NaN lies within one sample of the "
            "tap set on every axis, either in between; PyTorch's tap sets lie within that "
            "band. "
            "Because a sum with a non-finite term is decided by its non-finite terms alone "
            "(barring overflow), an output can be evaluated as the resize of the finite "
            "samples, replaced by the resize of the non-finite samples wherever the latter "
            "is not finite; the oracle does so."
        ),
        result={"0 * NaN": sympy.Integer(0) * sympy.nan},
        claims=(
            exhaustive(
                "IEEE 754: a weighted sum with a NaN term is NaN even at weight 0",
                "weights in {0, -0, 1/4, 1/2, 1}, other terms in {0, 1, -3.5, 1e300}",
                _check_ieee_nan,
            ),
            exhaustive(
                "float64 evaluation of sum W_k x_k over the tap set is NaN exactly when the "
                "NaN sample is a tap",
                "half_pixel, align_corners, asymmetric; in = 1..6, out = 1..10; one NaN at "
                "each position",
                _check_float_nan_pattern,
            ),
            exhaustive(
                "zero-weight taps occur (x an integer), so the rule is not the same as "
                "'NaN where its weight is nonzero'",
                f"align_corners, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_zero_weight_poisons,
            ),
            exhaustive(
                "with out == in = 4 and half_pixel the resize matrix is the identity, yet "
                "output 0 reads input 1 with weight 0",
                "the single case in = out = 4",
                _identity_nan_example,
            ),
            exhaustive(
                "PyTorch's linear tap set differs from this rule exactly at the outputs "
                "i < in - 1 of an axis with out == in, and where align_corners=False gives "
                "x < 0 (for in > 1)",
                f"align_corners False and True, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_torch_taps,
            ),
            exhaustive(
                "the conformance band: PyTorch's taps contain every tap of nonzero weight and "
                "lie within one sample of this rule's tap set",
                f"align_corners False and True, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_conformance_nan_rule,
            ),
            exhaustive(
                "a float64 sum with a non-finite term equals the sum of its non-finite terms "
                "alone, in every order, whatever its finite terms (none overflowing): NaN "
                "if one is NaN or both infinities occur, else that infinity",
                "1 to 3 terms from {NaN, inf, -inf} with 2 from {0, -0, 1, -3.5, +-1e300}, "
                "every order",
                _check_non_finite_terms_decide,
            ),
            exhaustive(
                "weight times a non-finite sample is never finite",
                "weights in {0, -0, 1/4, -1/2, 1, 1e-300}, samples NaN, inf, -inf",
                _check_product_of_non_finite,
            ),
            exhaustive(
                "2-D: axis-by-axis passes in either order give the NaN pattern of the "
                "tensor-product tap set",
                "half_pixel, in = 1..3 and out in {1, 2, 3, 5} per axis, one NaN anywhere",
                _check_nan_separable,
            ),
        ),
        references=(
            IEEE_754_2008.at(
                "7.2 invalid operation: 0 x NaN and every operation on a quiet NaN give NaN"
            ),
            TORCH_UPSAMPLE_H.at("area_pixel_compute_source_index"),
            TORCH_UPSAMPLE_KERNEL.at(
                "compute_source_index_and_lambda: output_size == input_size copies; taps "
                "index0 = (int64) x and index1 = index0 + (index0 < input_size - 1)"
            ),
        ),
        implemented_by=("oracle.resize", "oracle.apply_plan"),
        notes=(
            "A NaN neighbour with weight 0 still poisons, as when x is an integer and the tap "
            "floor(x) + 1 has weight 0: with out == in and s = 1 the resize copies finite "
            "inputs, yet a NaN at k also makes output k - 1 NaN.",
            "PyTorch reads the tap pair floor(x), floor(x) + 1 too, with two exceptions: an "
            "axis with out == in is copied (tap i only), and align_corners=False clamps a "
            "negative coordinate to 0 before choosing taps, so the pair is 0 and 1 where this "
            "rule reads only 0.",
            "A weight within its slack counts as possibly 0 because a backend's float "
            "coordinate may land on a sample (2 -> 3 half_pixel with scale_factor "
            "1.6666666666666667 gives x = 1 - 6.7e-17 exactly, 1 in float32) and then not "
            "read the sample before it.",
            "Measured on PyTorch 2.13 CPU: [0, NaN, 2, 3] linearly resized to 8 "
            "(align_corners=False) gives NaN at output 0, where this rule gives 0 (x = -1/4 "
            "reads only sample 0); resized to 4 it gives [0, NaN, 2, 3], where this rule "
            "gives NaN at output 0 too (x = 0 reads samples 0 and 1). The model "
            "torch_linear_taps matched PyTorch's NaN pattern on every case of in = 1..8, "
            "out = 1..16, both align_corners values, one NaN at each position.",
            "TensorFlow's resize_bilinear reads floor(x) and ceil(x), a single tap at "
            "integer x, so its NaN pattern differs from both at integer coordinates.",
        ),
    )
