"""coord.*: each coordinate mode derived from geometry, checked against ONNX's published text."""

from __future__ import annotations

from fractions import Fraction

import pytest
from sympy import Rational

from spec.resize.coordinates import (
    COORDINATE_MODES,
    ONNX_PUBLISHED,
    closed_form,
    extrapolates,
    source_coordinate,
)


def onnx_text(
    mode: str,
    x_resized: int,
    length_original: int,
    length_resized: int,
    scale: Fraction,
    roi: tuple[Fraction, Fraction] = (Fraction(0), Fraction(1)),
) -> Fraction:
    """ONNX Resize-19, coordinate_transformation_mode, transcribed with Fractions."""
    half = Fraction(1, 2)
    if mode == "half_pixel":
        return (x_resized + half) / scale - half
    if mode == "half_pixel_symmetric":
        output_width = scale * length_original
        adjustment = length_resized / output_width
        center = Fraction(length_original, 2)
        offset = center * (1 - adjustment)
        return offset + (x_resized + half) / scale - half
    if mode == "pytorch_half_pixel":
        return (x_resized + half) / scale - half if length_resized > 1 else Fraction(0)
    if mode == "align_corners":
        return Fraction(x_resized * (length_original - 1), length_resized - 1)
    if mode == "asymmetric":
        return x_resized / scale
    start_x, end_x = roi
    if length_resized > 1:
        return start_x * (length_original - 1) + x_resized * (end_x - start_x) * (
            length_original - 1
        ) / (length_resized - 1)
    return half * (start_x + end_x) * (length_original - 1)


CASES = [
    # (in, out, scale): size-derived scales, and scale factors with floor(in s) != in s
    (4, 8, Fraction(2)),
    (8, 4, Fraction(1, 2)),
    (3, 4, Fraction(4, 3)),
    (3, 4, Fraction(3, 2)),
    (5, 3, Fraction(3, 5)),
    (5, 3, Fraction(7, 10)),
    (2, 7, Fraction(7, 2)),
]


MODES = [pytest.param(m, id=m, marks=pytest.mark.spec(f"coord.{m}")) for m in COORDINATE_MODES]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("in_len", "out_len", "scale"), CASES)
def test_matches_onnx_published_formula(
    mode: str, in_len: int, out_len: int, scale: Fraction
) -> None:
    roi = (Fraction(1, 4), Fraction(7, 8))
    for index in range(out_len):
        expected = onnx_text(mode, index, in_len, out_len, scale, roi)
        got = source_coordinate(mode, index, in_len, out_len, scale, roi)
        assert got == expected, (mode, in_len, out_len, scale, index)


@pytest.mark.spec("coord.half_pixel")
def test_half_pixel_on_concrete_numbers() -> None:
    # 4 -> 8: x = (i + 0.5)/2 - 0.5
    got = [source_coordinate("half_pixel", i, 4, 8) for i in range(8)]
    assert got == [Rational(k, 4) for k in (-1, 1, 3, 5, 7, 9, 11, 13)]


@pytest.mark.spec("coord.align_corners")
def test_align_corners_on_concrete_numbers() -> None:
    got = [source_coordinate("align_corners", i, 3, 5) for i in range(5)]
    assert got == [0, Rational(1, 2), 1, Rational(3, 2), 2]
    assert source_coordinate("align_corners", 0, 7, 1) == 0


@pytest.mark.spec("coord.pytorch_half_pixel", "coord.half_pixel")
def test_output_length_one() -> None:
    assert source_coordinate("pytorch_half_pixel", 0, 5, 1) == 0
    assert source_coordinate("half_pixel", 0, 5, 1) == 2
    assert source_coordinate("half_pixel_symmetric", 0, 5, 1, Rational(3, 10)) == 2
    assert source_coordinate("tf_crop_and_resize", 0, 5, 1) == 2


@pytest.mark.spec("coord.half_pixel_symmetric")
def test_half_pixel_symmetric_centres_the_canvas() -> None:
    scale = Rational(3, 2)  # in 3 -> out floor(4.5) = 4
    xs = [source_coordinate("half_pixel_symmetric", i, 3, 4, scale) for i in range(4)]
    assert xs[0] + xs[3] == 2 and xs[1] + xs[2] == 2
    hp = [source_coordinate("half_pixel", i, 3, 4, scale) for i in range(4)]
    assert hp[0] + hp[3] != 2


@pytest.mark.spec("coord.tf_crop_and_resize")
def test_crop_window_and_extrapolation() -> None:
    roi = (Rational(-1, 4), Rational(1, 2))
    xs = [source_coordinate("tf_crop_and_resize", i, 5, 4, roi=roi) for i in range(4)]
    assert xs == [-1, 0, 1, 2]
    assert [extrapolates(v, 5) for v in xs] == [True, False, False, False]


@pytest.mark.parametrize("mode", MODES)
def test_closed_form_is_the_published_one(mode: str) -> None:
    assert (closed_form(mode) - ONNX_PUBLISHED[mode]).simplify() == 0


@pytest.mark.spec("coord.half_pixel", "resize.output_length", "resize.coordinate_scale")
def test_invalid_arguments_raise_value_error_naming_them() -> None:
    with pytest.raises(ValueError, match="coordinate_mode"):
        source_coordinate("nearest", 0, 2, 2)
    with pytest.raises(ValueError, match="index"):
        source_coordinate("half_pixel", 2, 2, 2)
    with pytest.raises(ValueError, match="scale"):
        source_coordinate("half_pixel", 0, 2, 2, scale=0)
    with pytest.raises(ValueError, match="in_len"):
        source_coordinate("half_pixel", 0, 0, 2)
