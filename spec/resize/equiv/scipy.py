"""scipy.ndimage.zoom, modelled exactly and compared with the spec.

:func:`scipy_zoom_length` and :func:`scipy_zoom_coordinate` model scipy's output length and
source coordinate.  Derivations: ``equiv.scipy.zoom_grid_mode``; :func:`scipy_order0_index`
models order 0, ``equiv.scipy.resize.nearest_order0``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import fraction
from spec.core import Derivation, derivation, exhaustive
from spec.references import SCIPY_NI_INTERPOLATION, SCIPY_ZOOM
from spec.resize.coordinates import derive_half_pixel, n_in, n_out, s, source_coordinate
from spec.resize.length import output_length
from spec.resize.nearest import nearest_index

__all__ = ["scipy_order0_index", "scipy_zoom_coordinate", "scipy_zoom_length"]


def scipy_zoom_length(in_len: int, zoom: float) -> int:
    """scipy.ndimage.zoom's output length: Python ``round`` of the float product.

    Cites ``equiv.scipy.zoom_grid_mode``.

    >>> scipy_zoom_length(3, 0.5), scipy_zoom_length(5, 0.5), scipy_zoom_length(3, 1.5)
    (2, 2, 4)
    """
    return round(in_len * zoom)


def scipy_zoom_coordinate(index: int, in_len: int, out_len: int, *, grid_mode: bool) -> Fraction:
    """scipy.ndimage.zoom's source coordinate, in exact arithmetic.

    The ratio is recomputed from the shapes: ``in/out`` with grid_mode (coordinates
    ``(i + 1/2) in/out - 1/2``), else ``(in - 1)/(out - 1)`` (1 when ``out == 1``).
    Cites ``equiv.scipy.zoom_grid_mode``.

    >>> scipy_zoom_coordinate(0, 3, 4, grid_mode=True)
    Fraction(-1, 8)
    >>> scipy_zoom_coordinate(1, 3, 4, grid_mode=False)
    Fraction(2, 3)
    """
    if grid_mode:
        return (index + Fraction(1, 2)) * Fraction(in_len, out_len) - Fraction(1, 2)
    ratio = Fraction(in_len - 1, out_len - 1) if out_len > 1 else Fraction(1)
    return index * ratio


_ZOOMS = (0.25, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 1.7, 2.0, 2.5, 3.0, 1 / 3, 2 / 3)


def _zoom_cases() -> Iterator[tuple[int, float, int]]:
    for in_len in range(1, 13):
        for zoom in _ZOOMS:
            out_len = scipy_zoom_length(in_len, zoom)
            if out_len >= 1:
                yield in_len, zoom, out_len


def _check_scipy_grid_mode() -> list[object]:
    bad: list[object] = []
    for in_len, zoom, out_len in _zoom_cases():
        for o in range(out_len):
            if scipy_zoom_coordinate(o, in_len, out_len, grid_mode=True) != fraction(
                source_coordinate("half_pixel", o, in_len, out_len)
            ):
                bad.append(("grid", in_len, zoom, o))
            if scipy_zoom_coordinate(o, in_len, out_len, grid_mode=False) != fraction(
                source_coordinate("align_corners", o, in_len, out_len)
            ):
                bad.append(("no grid", in_len, zoom, o))
    return bad


def _check_scipy_scale_is_recomputed() -> list[object]:
    """grid_mode=True differs from half_pixel with s = zoom iff out != in * zoom (exactly)."""
    bad: list[object] = []
    for in_len, zoom, out_len in _zoom_cases():
        same = all(
            scipy_zoom_coordinate(o, in_len, out_len, grid_mode=True)
            == fraction(source_coordinate("half_pixel", o, in_len, out_len, zoom))
            for o in range(out_len)
        )
        if same != (Fraction(out_len) == in_len * Fraction(zoom)):
            bad.append((in_len, zoom))
    return bad


def _scipy_length_example() -> list[object]:
    facts = (
        scipy_zoom_length(3, 0.5) == 2,
        output_length(3, scale_factor=0.5) == 1,
        scipy_zoom_length(5, 0.5) == 2,
        scipy_zoom_length(3, 1.5) == 4,
        scipy_zoom_coordinate(0, 3, 4, grid_mode=True) == Fraction(-1, 8),
        fraction(source_coordinate("half_pixel", 0, 3, 4, Rational(3, 2))) == Fraction(-1, 6),
    )
    return [] if all(facts) else [facts]


@derivation("equiv.scipy.zoom_grid_mode")
def _scipy_zoom() -> Derivation:
    return Derivation(
        id="equiv.scipy.zoom_grid_mode",
        title="scipy.ndimage.zoom: grid_mode=True is half_pixel, grid_mode=False is align_corners",
        statement=(
            "scipy.ndimage.zoom sets the output length to round(in * zoom) (Python's round of "
            "the float product) and recomputes the zoom ratio from the shapes, so its scale is "
            "always out/in, never zoom itself. "
            "With grid_mode=True the ratio is in/out and x = (i + 1/2) in/out - 1/2, "
            "coord.half_pixel with s = out/in; with grid_mode=False (the default) it is "
            "(in - 1)/(out - 1), coord.align_corners. "
            "To reproduce zoom(x, zoom, order=1, mode='nearest', grid_mode=True) call the "
            "spec with size = round(in * zoom), linear, half_pixel."
        ),
        result={"x (grid_mode=True)": derive_half_pixel().subs(s, n_out / n_in)},
        claims=(
            exhaustive(
                "grid_mode=True coordinates equal half_pixel with s = out/in; grid_mode=False "
                "coordinates equal align_corners",
                "in = 1..12, zoom in {0.25, 0.5, 0.6, 0.75, 1, 1.25, 1.5, 1.7, 2, 2.5, 3, "
                "1/3, 2/3} (floats), out = round(in zoom) >= 1",
                _check_scipy_grid_mode,
            ),
            exhaustive(
                "grid_mode=True equals half_pixel with s = zoom exactly when out = in zoom",
                "in = 1..12, the same zooms",
                _check_scipy_scale_is_recomputed,
            ),
            exhaustive(
                "examples: length 3 with zoom 0.5 gives 2 (round) where floor gives 1; "
                "length 5 with zoom 0.5 gives 2 (ties to even); 3 with zoom 1.5 gives 4 and "
                "x(0) = -1/8, against -1/6 with s = 3/2",
                "the listed cases",
                _scipy_length_example,
            ),
        ),
        references=(
            SCIPY_ZOOM.at(
                "parameter grid_mode (SciPy 1.6.0): False zooms the distance between pixel "
                "centres (a signal of length 5 has length 4), True the distance including the "
                "full pixel extent (length 5)"
            ),
            SCIPY_ZOOM.at("output shape round(input.shape * zoom); ratio recomputed from shapes"),
        ),
        implemented_by=(
            "spec.resize.equiv.scipy.scipy_zoom_length",
            "spec.resize.equiv.scipy.scipy_zoom_coordinate",
        ),
        notes=(
            "When in * zoom is not an integer the coordinates differ from half_pixel with "
            "s = zoom: 3 -> round(4.5) = 4 with zoom 1.5 gives x(0) = -1/8, not -1/6.",
            "Measured with scipy 1.17.1: zoom(x, z, order=1, mode='nearest', grid_mode=True) "
            "equals the spec's linear half_pixel resize with size = round(in z) (1e-12) for "
            "in = 1..11 and z in {0.25, 1/3, 0.5, 0.7, 1.3, 1.5, 2, 2.5, 3}; grid_mode=False "
            "equals align_corners on the same cases. The equivalence needs order=1 (the "
            "default order=3 is a cubic B-spline, not the Keys kernel of interp.cubic.kernel) "
            "and mode='nearest' (edge replicate; the default 'constant' pads with cval).",
            "zoom returns the input unchanged when every zoom is 1 and prefilter is set.",
        ),
    )


def scipy_order0_index(index: int, in_len: int, out_len: int, *, grid_mode: bool) -> int:
    """zoom(order=0, mode="nearest") in exact arithmetic: ``floor(x + 1/2)`` clamped to
    ``[0, in - 1]`` at zoom's coordinate ``x`` (``equiv.scipy.resize.nearest_order0``).

    >>> [scipy_order0_index(i, 2, 4, grid_mode=True) for i in range(4)]
    [0, 0, 1, 1]
    """
    position = scipy_zoom_coordinate(index, in_len, out_len, grid_mode=grid_mode)
    return min(max(math.floor(position + Fraction(1, 2)), 0), in_len - 1)


def _check_order0() -> list[object]:
    bad: list[object] = []
    for in_len, zoom, out_len in _zoom_cases():
        for o in range(out_len):
            for grid_mode, mode in ((True, "half_pixel"), (False, "align_corners")):
                position = source_coordinate(mode, o, in_len, out_len)
                if scipy_order0_index(o, in_len, out_len, grid_mode=grid_mode) != nearest_index(
                    position, in_len, "round_prefer_ceil"
                ):
                    bad.append((grid_mode, in_len, zoom, o))
    return bad


def _order0_tie_example() -> list[object]:
    facts = (
        source_coordinate("align_corners", 1, 3, 5) == Rational(1, 2),
        scipy_order0_index(1, 3, 5, grid_mode=False) == 1,
        nearest_index(Rational(1, 2), 3, "round_prefer_floor") == 0,
    )
    return [] if all(facts) else [facts]


@derivation("equiv.scipy.resize.nearest_order0")
def _scipy_order0() -> Derivation:
    x = symbols("x", real=True)
    return Derivation(
        id="equiv.scipy.resize.nearest_order0",
        title="scipy.ndimage.zoom order 0 is nearest with round_prefer_ceil",
        statement=(
            "With order=0 scipy's spline interpolation reads the sample floor(x + 1/2) at "
            "zoom's coordinate x, and mode='nearest' clamps it to [0, in - 1]. "
            "So zoom(order=0, mode='nearest') is (nearest, half_pixel, round_prefer_ceil) "
            "with grid_mode=True and (nearest, align_corners, round_prefer_ceil) with "
            "grid_mode=False, at the scale out/in of equiv.scipy.zoom_grid_mode; a tie goes "
            "up (3 -> 5 without grid_mode, output 1: x = 1/2 reads 1)."
        ),
        result={"index": sympy.floor(x + Rational(1, 2))},
        claims=(
            exhaustive(
                "order-0 indices equal nearest_index(mode x, round_prefer_ceil), grid_mode=True "
                "with half_pixel and False with align_corners",
                "in = 1..12, zoom in {0.25, 0.5, 0.6, 0.75, 1, 1.25, 1.5, 1.7, 2, 2.5, 3, "
                "1/3, 2/3} (floats), out = round(in zoom) >= 1",
                _check_order0,
            ),
            exhaustive(
                "tie example: 3 -> 5, grid_mode=False, output 1 reads 1; round_prefer_floor "
                "would read 0",
                "the single case in = 3, out = 5, i = 1",
                _order0_tie_example,
            ),
        ),
        references=(
            SCIPY_NI_INTERPOLATION.at(
                "NI_ZoomShift / get_spline_interpolation_weights: for even order the first "
                "tap is floor(cc + 0.5) - order / 2; mode nearest clamps to the edge"
            ),
            SCIPY_ZOOM.at("parameters order (0-5) and mode ('nearest')"),
        ),
        implemented_by=(
            "conformance.backends.scipy",
            "spec.resize.equiv.scipy.scipy_order0_index",
        ),
        notes=(
            "Measured with the installed scipy by the lead: order 0 matched these "
            "parameterisations; scipy computes x in double, so a tie can round away from "
            "the exact value where in/out is not exact.",
        ),
    )
