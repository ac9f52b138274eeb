"""tolerance.model: the pure-Python functions, and a 2-D float32 check of ``bound``."""

from __future__ import annotations

import math
import struct
from fractions import Fraction

import pytest

import spec.resize.cubic as cubic
from spec import tolerance
from spec.resize.border import replicate_edges

ID = "tolerance.model"
U32 = tolerance.unit_roundoff("float32")


@pytest.mark.spec(ID)
def test_accumulation_count_matches_the_model() -> None:
    assert tolerance.accumulation_count([4, 4]) == 1 + (4 + 10) * 2


@pytest.mark.spec(ID)
def test_evaluation_magnitude_bounds_the_kernel() -> None:
    for k in range(0, 33):
        d = Fraction(k, 16)
        assert tolerance.evaluation_magnitude("cubic", d) >= abs(cubic.kernel_value("cubic", d))
        assert tolerance.evaluation_magnitude("linear", d) >= abs(cubic.kernel_value("linear", d))
    # The outer cubic piece at s = 2 sums terms of size 48|a| = 36 to give 0.
    assert tolerance.evaluation_magnitude("cubic", Fraction(2)) == 36


@pytest.mark.spec(ID)
def test_bound_of_one_axis_is_the_coefficient_form() -> None:
    terms = tolerance.axis_terms(Fraction(-3, 10), 2, "cubic", U32)
    samples = [7, -3]
    k = tolerance.accumulation_count([terms.taps])
    want = sum(
        (tolerance.gamma(k, U32) * terms.weights_abs.get(j, Fraction(0)) + terms.slack[j])
        * abs(samples[j])
        for j in terms.slack
    )
    got = tolerance.bound([terms], lambda j: Fraction(abs(samples[j[0]])), U32)
    assert got == want


@pytest.mark.spec(ID)
def test_union_of_tap_sets_enters_the_slack() -> None:
    # x = 1 exactly, n = 3: tap 0 is outside the exact linear tap set {1, 2} but inside the
    # tap set of x - d; its slack is of order d.
    terms = tolerance.axis_terms(Fraction(1), 3, "linear", U32)
    assert terms.weights_abs.get(0, Fraction(0)) == 0
    assert terms.slack[0] >= tolerance.coordinate_slack(Fraction(1), U32)


def _f32(v: float) -> float:
    return float(struct.unpack("f", struct.pack("f", v))[0])


def _bilinear_f32_weights(i: int, n: int, out: int) -> list[tuple[int, float]]:
    scale = _f32(n / out)
    real = _f32(_f32(scale * (i + 0.5)) - 0.5)
    base = math.floor(real)
    t = _f32(real - base)
    return [(min(max(base, 0), n - 1), _f32(1.0 - t)), (min(max(base + 1, 0), n - 1), t)]


@pytest.mark.spec(ID)
@pytest.mark.parametrize(("n", "out"), [(3, 7), (4, 3), (5, 9), (2, 5)])
def test_bound_holds_for_float32_bilinear_in_two_dimensions(n: int, out: int) -> None:
    # Nested evaluation as in PyTorch's generic N-d kernel: rows first, then the column sum.
    image = [[(3 * r - 2 * c) * 37 % 101 - 50 for c in range(n)] for r in range(n)]
    s = Fraction(out, n)
    for i in range(out):
        for k in range(out):
            rows = _bilinear_f32_weights(i, n, out)
            cols = _bilinear_f32_weights(k, n, out)
            acc = 0.0
            for position, (r, wr) in enumerate(rows):
                inner = 0.0
                for q, (c, wc) in enumerate(cols):
                    term = _f32(wc * image[r][c])
                    inner = term if q == 0 else _f32(inner + term)
                term = _f32(wr * inner)
                acc = term if position == 0 else _f32(acc + term)
            xr = (i + Fraction(1, 2)) / s - Fraction(1, 2)
            xc = (k + Fraction(1, 2)) / s - Fraction(1, 2)
            wr_exact = replicate_edges(cubic.plain_taps(xr, "linear"), n)
            wc_exact = replicate_edges(cubic.plain_taps(xc, "linear"), n)
            y = sum(
                wr * wc * image[r][c] for r, wr in wr_exact.items() for c, wc in wc_exact.items()
            )
            axes = [
                tolerance.axis_terms(xr, n, "linear", U32),
                tolerance.axis_terms(xc, n, "linear", U32),
            ]
            limit = tolerance.bound(axes, lambda j: Fraction(abs(image[j[0]][j[1]])), U32)
            assert abs(Fraction(acc) - y) <= limit, (n, out, i, k)


@pytest.mark.spec(ID)
def test_sensitivity_case_numbers() -> None:
    # 8 -> 4, i = 1: x = 5/2, weights (-3/32, 19/32, 19/32, -3/32) on taps 1..4.
    taps = cubic.plain_taps(Fraction(5, 2), "cubic")
    assert list(taps.values()) == [
        Fraction(-3, 32),
        Fraction(19, 32),
        Fraction(19, 32),
        Fraction(-3, 32),
    ]
    smooth = [10, 10, 11, 11, 10, 10, 10, 10]

    def value(a_value: Fraction) -> Fraction:
        w = cubic.plain_taps(Fraction(5, 2), "cubic", a_value)
        return sum((wj * smooth[j] for j, wj in w.items()), Fraction(0))

    assert value(cubic.A_DEFAULT) == Fraction(179, 16)
    assert abs(value(Fraction(-37, 50)) - value(cubic.A_DEFAULT)) == Fraction(1, 400)
    assert abs(value(Fraction(-297, 400)) - value(cubic.A_DEFAULT)) == Fraction(3, 1600)
