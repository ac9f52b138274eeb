"""resize.output_length, resize.coordinate_scale, resize.border, resize.nan, resize.separable."""

from __future__ import annotations

import math

import pytest
import sympy
from sympy import Rational

import spec
from spec.resize.length import (
    coordinate_scale,
    exact_value,
    float_output_length,
    linear_resize_matrix,
    output_length,
    separable_operator,
    torch_linear_taps,
)

IDS = (
    "resize.output_length",
    "resize.coordinate_scale",
    "resize.border",
    "resize.nan",
    "resize.separable",
)
CLAIMS = [(did, n) for did in IDS for n in range(len(spec.get(did).claims))]


@pytest.mark.parametrize(("did", "number"), CLAIMS)
def test_claim_holds(did: str, number: int) -> None:
    result = spec.get(did).claims[number].evaluate()
    assert result.holds, f"{did} claim {number}: {result.claim.statement}: {result.detail}"


@pytest.mark.spec("resize.output_length")
def test_length_uses_the_exact_value_of_the_float() -> None:
    assert exact_value(1.2) < Rational(6, 5)
    assert output_length(5, scale_factor=1.2) == 5
    assert float_output_length(5, 1.2) == 6
    assert output_length(10, scale_factor=0.3) == 2
    assert output_length(10, scale_factor=0.1 * 3) == 3
    assert output_length(4, size=9, scale_factor=2.0) == 9


@pytest.mark.spec("resize.output_length")
@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"size": 0}, "size"),
        ({"scale_factor": -2.0}, "scale_factor"),
        ({"scale_factor": 0.2}, "scale_factor"),
        ({}, "size, scale_factor"),
        ({"scale_factor": True}, "value"),
    ],
)
def test_invalid_lengths_raise_value_error_naming_the_parameter(
    kwargs: dict[str, object], name: str
) -> None:
    with pytest.raises(ValueError, match=name):
        output_length(3, **kwargs)  # type: ignore[arg-type]


@pytest.mark.spec("resize.coordinate_scale")
def test_coordinate_scale() -> None:
    assert coordinate_scale(3, size=4) == Rational(4, 3)
    assert coordinate_scale(3, scale_factor=1.5) == Rational(3, 2)
    assert coordinate_scale(3, size=5, scale_factor=1.5) == Rational(3, 2)
    with pytest.raises(ValueError, match="scale_factor"):
        coordinate_scale(3, scale_factor=0.0)


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


@pytest.mark.spec("resize.separable")
def test_separable_operator_orders_agree_on_real_resizes() -> None:
    a = linear_resize_matrix("half_pixel", 3, 5)
    b = linear_resize_matrix("align_corners", 2, 4)
    c = linear_resize_matrix("asymmetric", 2, 3)
    first = separable_operator([a, b, c], (0, 1, 2))
    assert first == separable_operator([a, b, c], (2, 0, 1))
    assert first == sympy.kronecker_product(a, b, c)


@pytest.mark.spec("resize.nan")
def test_torch_tap_model_on_the_measured_cases() -> None:
    # PyTorch 2.13, [0, NaN, 2, 3] linear, align_corners=False:
    # to 8 -> output 0 is NaN (reads samples 0 and 1); to 4 -> copy, output 0 is 0.
    assert set(torch_linear_taps(0, 4, 8, align_corners=False)) == {0, 1}
    assert set(torch_linear_taps(0, 4, 4, align_corners=False)) == {0}
    assert torch_linear_taps(7, 4, 8, align_corners=False) == {3: 1}


def _torch_nan_pattern(in_len: int, out_len: int, poisoned: int, align_corners: bool) -> list[bool]:
    torch = pytest.importorskip("torch")
    signal = torch.zeros(1, 1, in_len, dtype=torch.float64)
    signal[0, 0, poisoned] = math.nan
    out = torch.nn.functional.interpolate(
        signal, size=out_len, mode="linear", align_corners=align_corners
    )
    return [bool(v) for v in torch.isnan(out).flatten()]


@pytest.mark.spec("resize.nan")
@pytest.mark.parametrize("align_corners", [False, True])
def test_torch_tap_model_matches_torch(align_corners: bool) -> None:
    for in_len in range(1, 6):
        for out_len in range(1, 9):
            for poisoned in range(in_len):
                expected = [
                    poisoned in torch_linear_taps(o, in_len, out_len, align_corners=align_corners)
                    for o in range(out_len)
                ]
                got = _torch_nan_pattern(in_len, out_len, poisoned, align_corners)
                assert got == expected, (in_len, out_len, poisoned)
