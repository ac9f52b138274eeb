"""Borders of resize: edge replicate, and crop extrapolation (``resize.border``).

Convention: a tap index ``k`` outside ``[0, in - 1]`` reads the edge sample
``x_clamp(k)``; the weights of clamped taps add up on the edge sample.
``tf_crop_and_resize`` does not clamp coordinates: an output whose coordinate lies outside
``[0, in - 1]`` is ``extrapolation_value``.  ``exclude_outside`` is the alternative to
edge replicate (``resize.exclude_outside``).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import floor
from spec.core import Derivation, derivation, exhaustive
from spec.references import ONNX_RESIZE, TORCH_UPSAMPLE_H
from spec.resize._domains import LINEAR_MODES, MAX_IN, MAX_OUT, size_cases
from spec.resize.coordinates import extrapolates, source_coordinate
from spec.resize.length import n_in
from spec.resize.linear import linear_tap_weights, nonzero_weights

__all__ = ["replicate_edges"]


def replicate_edges(weights: Mapping[int, Fraction], n: int) -> dict[int, Fraction]:
    """Fold unclamped taps onto ``[0, n - 1]`` by clamping the index (edge replicate).

    The result maps each in-range index to the total weight it receives (``resize.border``).

    >>> replicate_edges({-1: Fraction(1, 4), 0: Fraction(3, 4)}, 3)
    {0: Fraction(1, 1)}
    """
    folded: dict[int, Fraction] = {}
    for j, w in weights.items():
        k = min(max(j, 0), n - 1)
        folded[k] = folded.get(k, Fraction(0)) + w
    return folded


def _check_edges_read_edge_sample() -> list[object]:
    """Coordinates below 0 read exactly the first sample, above in - 1 exactly the last."""
    bad: list[object] = []
    for mode in LINEAR_MODES:
        for in_len, out_len in size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                weights = nonzero_weights(linear_tap_weights(position, in_len))
                if position < 0 and weights != {0: 1}:
                    bad.append((mode, in_len, out_len, o))
                if position > in_len - 1 and weights != {in_len - 1: 1}:
                    bad.append((mode, in_len, out_len, o))
    return bad


def _check_partition_after_clamp() -> list[object]:
    bad: list[object] = []
    for mode in LINEAR_MODES:
        for in_len, out_len in size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                if sum(linear_tap_weights(position, in_len).values()) != 1:
                    bad.append((mode, in_len, out_len, o))
    return bad


def _check_linear_exclude_outside() -> list[object]:
    """For the linear kernel, exclude_outside gives the same weights as edge replicate."""
    bad: list[object] = []
    for mode in LINEAR_MODES:
        for in_len, out_len in size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                replicate = nonzero_weights(linear_tap_weights(position, in_len))
                excluded = nonzero_weights(
                    linear_tap_weights(position, in_len, exclude_outside=True)
                )
                if replicate != excluded:
                    bad.append((mode, in_len, out_len, o))
    return bad


def _check_taps_within_one() -> list[object]:
    """Unclamped linear taps floor(x), floor(x) + 1 stay within [-1, in]."""
    bad: list[object] = []
    for mode in LINEAR_MODES:
        for in_len, out_len in size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                left = floor(position)
                if left < -1 or left + 1 > in_len:
                    bad.append((mode, in_len, out_len, o))
    return bad


_ROIS = tuple((Rational(a, 4), Rational(b, 4)) for a in range(-2, 7) for b in range(-2, 7) if a < b)


def _check_crop_edges() -> list[object]:
    """tf_crop_and_resize: x = in - 1 reads the last sample; x in [0, in - 1] never extrapolates."""
    bad: list[object] = []
    for in_len in range(2, 6):
        for out_len in range(1, 7):
            for roi in _ROIS:
                for o in range(out_len):
                    position = source_coordinate("tf_crop_and_resize", o, in_len, out_len, roi=roi)
                    if extrapolates(position, in_len) != (position < 0 or position > in_len - 1):
                        bad.append((in_len, out_len, roi, o))
                    if position == in_len - 1 and nonzero_weights(
                        linear_tap_weights(position, in_len)
                    ) != {in_len - 1: 1}:
                        bad.append((in_len, out_len, roi, o, "last"))
    return bad


@derivation("resize.border")
def _border() -> Derivation:
    return Derivation(
        id="resize.border",
        title="Borders: edge replicate, crop extrapolation, and exclude_outside",
        statement=(
            "A tap index k outside [0, in - 1] reads the edge sample x_clamp(k), "
            "clamp(k) = min(max(k, 0), in - 1), so the weights of clamped taps add up on the "
            "edge sample, weights still sum to one, and an output whose linear coordinate "
            "lies below 0 (above in - 1) is exactly the first (last) sample. "
            "tf_crop_and_resize does not clamp coordinates: an output whose coordinate lies "
            "outside [0, in - 1] on any axis is extrapolation_value (x = in - 1 itself reads "
            "the last sample). "
            "exclude_outside instead drops out-of-range taps and renormalises the rest "
            "(resize.exclude_outside)."
        ),
        result={"clamp(k)": sympy.Min(sympy.Max(symbols("k", integer=True), 0), n_in - 1)},
        claims=(
            exhaustive(
                "linear coordinates below 0 read exactly the first sample, above in - 1 "
                "exactly the last",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}, "
                "s = out/in",
                _check_edges_read_edge_sample,
            ),
            exhaustive(
                "after clamping the linear weights sum to one",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_partition_after_clamp,
            ),
            exhaustive(
                "the unclamped linear taps stay within [-1, in]",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_taps_within_one,
            ),
            exhaustive(
                "for the linear kernel, exclude_outside gives the same weights as edge replication",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_linear_exclude_outside,
            ),
            exhaustive(
                "tf_crop_and_resize extrapolates exactly when x < 0 or x > in - 1, and "
                "x = in - 1 reads the last sample",
                "in = 2..5, out = 1..6, start < end in {-1/2, -1/4, ..., 3/2}",
                _check_crop_edges,
            ),
        ),
        references=(
            ONNX_RESIZE.at("attributes exclude_outside and extrapolation_value"),
            TORCH_UPSAMPLE_H.at("upsample_get_value_bounded clamps the tap index (edge replicate)"),
        ),
        implemented_by=("oracle.resize",),
        notes=(
            "The linear taps floor(x), floor(x) + 1 never leave [-1, in] under the "
            "coordinate modes, so one clamp step suffices.",
            "For the 2-tap linear kernel exclude_outside gives the same weights as edge "
            "replication; for the cubic kernel it does not (resize.exclude_outside).",
        ),
    )
