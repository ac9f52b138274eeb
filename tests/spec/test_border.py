"""resize.border: edge replicate and crop extrapolation."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from sympy import Rational

from spec.resize.border import replicate_edges
from spec.resize.separable import linear_resize_matrix


@pytest.mark.spec("resize.border", "interp.linear.weights")
@pytest.mark.parametrize("mode", ["half_pixel", "align_corners", "asymmetric"])
def test_resize_matrix_rows_sum_to_one(mode: str) -> None:
    for in_len in range(1, 5):
        for out_len in range(1, 7):
            matrix = linear_resize_matrix(mode, in_len, out_len)
            assert matrix * sympy.ones(in_len, 1) == sympy.ones(out_len, 1)


@pytest.mark.spec("resize.border")
def test_extrapolated_rows_are_not_a_matrix() -> None:
    inside = linear_resize_matrix("tf_crop_and_resize", 3, 3, roi=(0, 1))
    assert inside == sympy.eye(3)
    with pytest.raises(ValueError, match="extrapolates"):
        linear_resize_matrix("tf_crop_and_resize", 3, 3, roi=(Rational(-1, 4), 1))


@pytest.mark.spec("resize.border")
def test_replicate_edges_adds_clamped_weights_on_the_edge_sample() -> None:
    weights = {-1: Fraction(-3, 32), 0: Fraction(19, 32), 1: Fraction(19, 32), 2: Fraction(-3, 32)}
    assert replicate_edges(weights, 2) == {0: Fraction(1, 2), 1: Fraction(1, 2)}
