"""nearest.rounding: the four ONNX nearest modes with exact ties, and the clamped index."""

from __future__ import annotations

from fractions import Fraction

import pytest
from sympy import Rational

from spec.resize.nearest import NEAREST_MODES, is_tie, nearest_index, round_index

# ONNX Resize-19, nearest_mode: "round_prefer_floor" (round half down), "round_prefer_ceil"
# (round half up), "floor", "ceil".
TABLE = [
    (Fraction(5, 2), {"round_prefer_floor": 2, "round_prefer_ceil": 3, "floor": 2, "ceil": 3}),
    (Fraction(7, 3), {"round_prefer_floor": 2, "round_prefer_ceil": 2, "floor": 2, "ceil": 3}),
    (Fraction(8, 3), {"round_prefer_floor": 3, "round_prefer_ceil": 3, "floor": 2, "ceil": 3}),
    (Fraction(-1, 2), {"round_prefer_floor": -1, "round_prefer_ceil": 0, "floor": -1, "ceil": 0}),
    (Fraction(3), {"round_prefer_floor": 3, "round_prefer_ceil": 3, "floor": 3, "ceil": 3}),
]


@pytest.mark.spec("nearest.rounding")
@pytest.mark.parametrize(("value", "expected"), TABLE)
def test_onnx_mode_table(value: Fraction, expected: dict[str, int]) -> None:
    assert {m: round_index(value, m) for m in NEAREST_MODES} == expected


@pytest.mark.spec("nearest.rounding")
def test_accepts_sympy_rationals_and_ints() -> None:
    assert round_index(Rational(5, 2), "round_prefer_ceil") == 3
    assert round_index(4, "ceil") == 4
    assert is_tie(Rational(-3, 2)) and not is_tie(Rational(-4, 3))


@pytest.mark.spec("nearest.rounding")
def test_clamped_index() -> None:
    assert nearest_index(Fraction(-1, 2), 3, "round_prefer_floor") == 0
    assert nearest_index(Fraction(5, 2), 3, "round_prefer_ceil") == 2
    assert nearest_index(Fraction(1, 2), 3, "round_prefer_ceil") == 1


@pytest.mark.spec("nearest.rounding")
def test_unknown_mode_raises_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match="nearest_mode"):
        round_index(Fraction(1, 2), "round_half_even")
