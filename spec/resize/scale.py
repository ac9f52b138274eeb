"""Coordinate scale of one resized axis (``resize.coordinate_scale``).

Convention (docs/contract.md): the coordinate scale ``s`` is ``scale_factor`` if given, else
``size / in``; both may be given, as with ONNX's keep_aspect_ratio_policy, and then ``size``
sets the length (``resize.output_length``) and ``scale_factor`` the scale.
"""

from __future__ import annotations

import sympy
from sympy import Rational

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import ONNX_RESIZE, SCIPY_ZOOM, TORCH_INTERPOLATE, TORCH_UPSAMPLE_H
from spec.resize._domains import MAX_IN, SCALES, SCALES_TEXT
from spec.resize.coordinates import source_coordinate
from spec.resize.length import (
    RECOMPUTE_SCALE_FACTOR,
    exact_value,
    n_in,
    output_length,
    scale_factor,
    size,
)

__all__ = ["coordinate_scale"]

_SCALES = SCALES


def coordinate_scale(
    in_len: int, size: int | None = None, scale_factor: object = None
) -> sympy.Rational:
    """The coordinate scale ``s`` of one axis: ``scale_factor`` if given, else ``size / in_len``.

    Cites ``resize.coordinate_scale``.

    >>> coordinate_scale(3, size=4), coordinate_scale(3, size=4, scale_factor=1.5)
    (4/3, 3/2)
    """
    if scale_factor is not None:
        exact = exact_value(scale_factor)
        if exact <= 0:
            raise ValueError(
                f"scale_factor: {scale_factor!r} must be > 0 (resize.coordinate_scale)"
            )
        return exact
    return sympy.Rational(output_length(in_len, size=size), in_len)


def _check_scale_choice() -> list[object]:
    """With scale_factor given, the maps with s = scale_factor and s = out/in agree iff in s is
    an integer (half_pixel; asymmetric also at out = 1); align_corners ignores s."""
    bad: list[object] = []
    for in_len in range(1, MAX_IN + 1):
        for scale in _SCALES:
            if in_len * scale < 1:
                continue
            out_len = output_length(in_len, scale_factor=scale)
            integral = (in_len * scale).is_integer
            for mode in ("half_pixel", "asymmetric", "align_corners"):
                same = all(
                    source_coordinate(mode, k, in_len, out_len, scale)
                    == source_coordinate(mode, k, in_len, out_len)
                    for k in range(out_len)
                )
                if mode == "align_corners":
                    expected = True
                elif mode == "asymmetric":
                    expected = integral or out_len == 1
                else:
                    expected = integral
                if same != expected:
                    bad.append((mode, in_len, scale))
    return bad


def _scale_example() -> list[object]:
    given = source_coordinate("half_pixel", 0, 3, 4, Rational(3, 2))
    recomputed = source_coordinate("half_pixel", 0, 3, 4)
    ok = output_length(3, scale_factor=Rational(3, 2)) == 4
    return (
        []
        if ok and (given, recomputed) == (Rational(-1, 6), Rational(-1, 8))
        else [(given, recomputed)]
    )


@derivation("resize.coordinate_scale")
def _coordinate_scale() -> Derivation:
    return Derivation(
        id="resize.coordinate_scale",
        title="Coordinate scale: scale_factor if given, else size / in",
        statement=(
            "The coordinate maps of coord.* use a scale s: scale_factor when it is given, "
            "else size/in; when both are given, as with ONNX's keep_aspect_ratio_policy, size "
            "sets the length and scale_factor the scale. "
            "With scale_factor given, out = floor(in s) (resize.output_length) and out/in "
            "differs from s exactly when in s is not an integer, and then half_pixel and "
            "asymmetric sample different coordinates depending on which scale is used. "
            "align_corners and tf_crop_and_resize do not use s."
        ),
        result={"s (scale_factor given)": scale_factor, "s (size only)": size / n_in},
        claims=(
            exhaustive(
                "with scale_factor given, the half_pixel map with s = scale_factor and with "
                "s = out/in agree at every index iff in s is an integer; so does asymmetric, "
                "except at out = 1 where x(0) = 0 for every s; align_corners is unaffected",
                f"in = 1..{MAX_IN}, {SCALES_TEXT}, out = floor(in s) >= 1",
                _check_scale_choice,
            ),
            exhaustive(
                "example: in = 3, scale_factor = 3/2: out = 4, x(0) = -1/6 with s = 3/2 and "
                "-1/8 with s = 4/3",
                "the single case in = 3, s = 3/2",
                _scale_example,
            ),
            symbolic(
                "when in s is an integer the recomputed scale is s itself: (in s)/in = s",
                sympy.Mul(n_in * scale_factor, 1 / n_in, evaluate=False),
                scale_factor,
            ),
        ),
        references=(
            ONNX_RESIZE.at("inputs scales and sizes; attribute keep_aspect_ratio_policy"),
            TORCH_INTERPOLATE.at(RECOMPUTE_SCALE_FACTOR),
            TORCH_UPSAMPLE_H.at("area_pixel_compute_scale: 1/scale_factor when given, else in/out"),
            SCIPY_ZOOM.at("the zoom ratio is recomputed from the input and output shapes"),
        ),
        implemented_by=("oracle.resize", "oracle.resize_plan"),
        notes=(
            "This is a main source of disagreement between frameworks: PyTorch uses the "
            "given scale_factor unless recompute_scale_factor=True, scipy always recomputes "
            "it from the sizes. Example: in = 3, scale_factor = 3/2 gives out = 4 and "
            "x(0) = -1/6 under half_pixel, but -1/8 with s = 4/3.",
            "PyTorch passes a given scale_factor to the kernel, which uses 1/scale_factor "
            "rounded to the compute type (compute_scales_value); recompute_scale_factor=True "
            "drops it and uses in/out.",
        ),
    )
