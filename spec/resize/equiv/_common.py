"""Domains and comparisons shared by the library equivalences."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction

import sympy

from spec._exact import fraction, nonzero
from spec.resize._domains import MAX_IN, MAX_OUT, SCALES, SCALES_TEXT
from spec.resize.coordinates import source_coordinate
from spec.resize.length import output_length
from spec.resize.linear import linear_tap_weights

__all__ = ["SCALE_DOMAIN", "SIZE_DOMAIN", "nonzero_fractions", "scale_cases", "spec_linear"]

SIZE_DOMAIN = f"in = 1..{MAX_IN}, out = 1..{MAX_OUT}, every output index"
SCALE_DOMAIN = f"in = 1..{MAX_IN}, scale_factor {SCALES_TEXT}, out = floor(in s) >= 1"


def scale_cases() -> Iterator[tuple[int, int, sympy.Rational]]:
    """``(in, out, s)`` for every scale of the domain with ``out = floor(in s) >= 1``."""
    for in_len in range(1, MAX_IN + 1):
        for scale in SCALES:
            if in_len * scale >= 1:
                yield in_len, output_length(in_len, scale_factor=scale), scale


def nonzero_fractions(weights: Mapping[int, object]) -> dict[int, Fraction]:
    """The nonzero weights, as Fractions, in index order."""
    return {k: fraction(w) for k, w in nonzero(dict(weights)).items()}


def spec_linear(
    mode: str, index: int, in_len: int, out_len: int, scale: object = None
) -> dict[int, Fraction]:
    """The spec's nonzero linear weights of one output (``interp.linear.weights``)."""
    position = source_coordinate(mode, index, in_len, out_len, scale)
    return nonzero_fractions(linear_tap_weights(position, in_len))
