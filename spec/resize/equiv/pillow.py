"""Pillow's ``Image.resize``, modelled exactly and compared with the spec.

:func:`pillow_filter_weights` is ``precompute_coeffs`` of ``src/libImaging/Resample.c`` in
exact arithmetic (BILINEAR, BICUBIC); :func:`pillow_nearest_index` and
:func:`pillow_nearest_double` are NEAREST, which Pillow runs as an affine transform.
Derivations: ``equiv.pillow.resize.filters``, ``equiv.pillow.resize.nearest``, and the spec
fact they rely on, ``resize.linear_exclude_outside``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from typing import Literal

import sympy
from sympy import Rational, symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import PILLOW_GEOMETRY, PILLOW_IMAGING, PILLOW_RESAMPLE
from spec.resize.antialias import antialias_weights
from spec.resize.coordinates import source_coordinate
from spec.resize.cubic import A_KEYS, kernel_value
from spec.resize.equiv._common import nonzero_fractions
from spec.resize.linear import linear_tap_weights
from spec.resize.nearest import is_tie, nearest_index

__all__ = ["pillow_filter_weights", "pillow_nearest_double", "pillow_nearest_index"]

PillowFilter = Literal["BILINEAR", "BICUBIC"]

#: Filter support (half-width) and kernel of each modelled Pillow filter.
_SUPPORT = {"BILINEAR": 1, "BICUBIC": 2}


def _kernel(name: PillowFilter, t: Fraction) -> Fraction:
    return kernel_value("linear" if name == "BILINEAR" else "cubic", t, A_KEYS)


def pillow_filter_weights(
    index: int,
    in_len: int,
    out_len: int,
    name: PillowFilter,
    box: tuple[Fraction, Fraction] | None = None,
) -> dict[int, Fraction]:
    """Pillow's ``precompute_coeffs`` for one output, in exact arithmetic.

    ``scale = (x1 - x0)/out``, ``filterscale = max(scale, 1)``, ``center = x0 + (i + 1/2)
    scale``; taps ``xmin = max(trunc(center - support + 1/2), 0)`` to ``min(trunc(center +
    support + 1/2), in)`` (exclusive) weighted ``K((j - center + 1/2)/filterscale)`` and divided
    by their sum; BILINEAR is the triangle, BICUBIC Keys with ``a = -1/2``
    (``equiv.pillow.resize.filters``).

    >>> pillow_filter_weights(0, 4, 2, "BILINEAR")
    {0: Fraction(3, 7), 1: Fraction(3, 7), 2: Fraction(1, 7)}
    """
    x0, x1 = box if box is not None else (Fraction(0), Fraction(in_len))
    scale = (x1 - x0) / out_len
    filterscale = max(scale, Fraction(1))
    support = _SUPPORT[name] * filterscale
    center = x0 + (index + Fraction(1, 2)) * scale
    xmin = max(math.trunc(center - support + Fraction(1, 2)), 0)
    xmax = min(math.trunc(center + support + Fraction(1, 2)), in_len)
    raw = {j: _kernel(name, (j - center + Fraction(1, 2)) / filterscale) for j in range(xmin, xmax)}
    total = sum(raw.values(), Fraction(0))
    return {j: w / total for j, w in raw.items()} if total != 0 else raw


def pillow_nearest_index(
    index: int, in_len: int, out_len: int, box: tuple[Fraction, Fraction] | None = None
) -> int:
    """Pillow NEAREST in exact arithmetic: ``floor(x0 + (i + 1/2) (x1 - x0)/out)``.

    Cites ``equiv.pillow.resize.nearest``.

    >>> [pillow_nearest_index(i, 4, 2) for i in range(2)]
    [1, 3]
    """
    x0, x1 = box if box is not None else (Fraction(0), Fraction(in_len))
    return min(math.floor(x0 + (index + Fraction(1, 2)) * (x1 - x0) / out_len), in_len - 1)


def pillow_nearest_double(index: int, in_len: int, out_len: int) -> int:
    """Pillow NEAREST as its affine transform computes it in double (full box).

    ``a0 = in/out``; ``xx = a0/2``, then ``xx += a0`` once per output; the sample is
    ``(int) xx`` (``equiv.pillow.resize.nearest``).

    >>> pillow_nearest_double(3, 2, 7), pillow_nearest_index(3, 2, 7)
    (0, 1)
    """
    step = in_len / out_len
    position = 0.0 + step * 0.5
    for _ in range(index):
        position += step
    return min(int(position), in_len - 1)


_DOMAIN = "in = 1..8, out = 1..16, every output; box (0, in) and, for in >= 2, (1/2, in - 1/2)"


def _boxes(in_len: int) -> Iterator[tuple[Fraction, Fraction]]:
    yield Fraction(0), Fraction(in_len)
    if in_len >= 2:
        yield Fraction(1, 2), in_len - Fraction(1, 2)


def _check_filters() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 9):
        for out_len in range(1, 17):
            for box in _boxes(in_len):
                step = (box[1] - box[0]) / out_len
                for o in range(out_len):
                    x = box[0] + (o + Fraction(1, 2)) * step - Fraction(1, 2)
                    for name, kind in (("BILINEAR", "linear"), ("BICUBIC", "cubic")):
                        got = nonzero_fractions(
                            pillow_filter_weights(o, in_len, out_len, name, box)  # type: ignore[arg-type]
                        )
                        want = nonzero_fractions(
                            antialias_weights(x, 1 / step, in_len, kind, A_KEYS, exclude=True)  # type: ignore[arg-type]
                        )
                        if got != want:
                            bad.append((name, in_len, out_len, box, o))
    return bad


def _check_nearest() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 13):
        for out_len in range(1, 25):
            for o in range(out_len):
                position = source_coordinate("half_pixel", o, in_len, out_len)
                want = nearest_index(position, in_len, "round_prefer_ceil")
                if pillow_nearest_index(o, in_len, out_len) != want:
                    bad.append(("exact", in_len, out_len, o))
                if pillow_nearest_double(o, in_len, out_len) != want and not is_tie(position):
                    bad.append(("double off a tie", in_len, out_len, o))
    return bad


def _nearest_double_example() -> list[object]:
    facts = (
        source_coordinate("half_pixel", 3, 2, 7) == Rational(1, 2),
        pillow_nearest_index(3, 2, 7) == 1,
        pillow_nearest_double(3, 2, 7) == 0,
    )
    return [] if all(facts) else [facts]


@derivation("equiv.pillow.resize.filters")
def _filters() -> Derivation:
    step, x0, i, j = symbols("step x_0 i j", real=True)
    with sympy.evaluate(False):
        offset = j + Rational(1, 2) - (x0 + (i + Rational(1, 2)) * step)
        centred = j - (x0 + (i + Rational(1, 2)) * step - Rational(1, 2))
    return Derivation(
        id="equiv.pillow.resize.filters",
        title="Pillow BILINEAR and BICUBIC are antialiased, exclude_outside resizes",
        statement=(
            "Pillow weights input j by K((j + 1/2 - center)/max(step, 1)) with center = "
            "x0 + (i + 1/2) step and step = (x1 - x0)/out, keeps only the taps inside "
            "[0, in) and divides by their sum. "
            "That is the spec's (mode, antialias, exclude_outside) resize at the affine "
            "coordinate x = x0 + (i + 1/2) step - 1/2 with coordinate scale 1/step: BILINEAR "
            "is linear and BICUBIC is cubic with a = -1/2, at every scale."
        ),
        result={"x": x0 + (i + Rational(1, 2)) * step - Rational(1, 2)},
        claims=(
            exhaustive(
                "BILINEAR and BICUBIC weights equal antialias_weights(x, 1/step, exclude=True) "
                "(linear; cubic a = -1/2)",
                _DOMAIN,
                _check_filters,
            ),
            symbolic(
                "the tap offset j + 1/2 - center is j - x",
                offset,
                centred,
            ),
        ),
        references=(
            PILLOW_RESAMPLE.at(
                "precompute_coeffs: scale = (in1 - in0)/outSize, filterscale = max(scale, 1), "
                "support = filter support * filterscale, center = in0 + (xx + 0.5) scale, "
                "xmin/xmax clipped to [0, inSize), weights filter((x + xmin - center + 0.5) ss) "
                "normalised; bilinear_filter, bicubic_filter (a = -0.5)"
            ),
        ),
        implemented_by=(
            "conformance.backends.pillow.affine_box",
            "spec.resize.equiv.pillow.pillow_filter_weights",
        ),
        notes=(
            "Measured with the installed Pillow in mode F, as the lead's fingerprints: "
            "BILINEAR, BICUBIC and LANCZOS follow this rule at every scale; LANCZOS has no "
            "spec kernel and is not modelled.",
        ),
    )


@derivation("equiv.pillow.resize.nearest")
def _nearest() -> Derivation:
    return Derivation(
        id="equiv.pillow.resize.nearest",
        title="Pillow NEAREST is (half_pixel, round_prefer_ceil), in double",
        statement=(
            "Pillow resizes with NEAREST through an affine transform that reads sample "
            "floor(x0 + (i + 1/2) step), which with the full box is floor(x + 1/2) at the "
            "half_pixel x, so (nearest, half_pixel, round_prefer_ceil) in exact arithmetic. "
            "Pillow accumulates the position in double, adding step once per output, and so "
            "can miss a tie: 2 -> 7, output 3 (x = 1/2) reads 0, not 1."
        ),
        result={
            "index": sympy.floor(symbols("x_0") + (symbols("i") + Rational(1, 2)) * symbols("step"))
        },
        claims=(
            exhaustive(
                "exact Pillow NEAREST equals (half_pixel, round_prefer_ceil); the double model "
                "differs only at ties",
                "in = 1..12, out = 1..24, every output index, full box",
                _check_nearest,
            ),
            exhaustive(
                "counterexample: 2 -> 7, output 3, x = 1/2: exact 1, double 0",
                "the single case in = 2, out = 7, i = 3",
                _nearest_double_example,
            ),
        ),
        references=(
            PILLOW_IMAGING.at(
                "_resize: NEAREST runs ImagingTransform with the affine a[0] = (box[2] - "
                "box[0])/xsize, a[2] = box[0]"
            ),
            PILLOW_GEOMETRY.at(
                "affine_transform: xo = a[2] + a[0] 0.5, xx += a[0] per pixel; COORD(v) = "
                "(int) v for v >= 0"
            ),
        ),
        implemented_by=(
            "conformance.backends.pillow",
            "spec.resize.equiv.pillow.pillow_nearest_index",
            "spec.resize.equiv.pillow.pillow_nearest_double",
        ),
        notes=(
            "Measured with the installed Pillow (mode F, in = 1..12, out = 1..24): the double "
            "model matched every output; the exact model missed 44 ties.",
        ),
    )


def _coordinates(n: int) -> Iterator[Fraction]:
    for k in range(-7, 8 * n):
        yield Fraction(k, 8)


def _check_linear_exclude() -> list[object]:
    bad: list[object] = []
    for n in range(1, 9):
        for x in _coordinates(n):
            excluded = nonzero_fractions(linear_tap_weights(x, n, exclude_outside=True))
            clamped = nonzero_fractions(linear_tap_weights(x, n))
            if excluded != clamped:
                bad.append((n, x))
    return bad


def _stretched_example() -> list[object]:
    x, s = Fraction(1, 2), Fraction(2, 5)
    excluded = antialias_weights(x, s, 4, "linear", exclude=True)
    clamped = antialias_weights(x, s, 4, "linear")
    facts = (
        excluded == {0: Fraction(2, 5), 1: Fraction(2, 5), 2: Fraction(1, 5)},
        clamped == {0: Fraction(1, 2), 1: Fraction(1, 3), 2: Fraction(1, 6)},
    )
    return [] if all(facts) else [facts]


@derivation("resize.linear_exclude_outside")
def _linear_exclude_outside() -> Derivation:
    u, v1 = symbols("u v_1", real=True)
    with sympy.evaluate(False):
        right_excluded = ((1 - u) * v1) / ((1 - u) + 0)
        right_clamped = (1 - u) * v1 + u * v1
    return Derivation(
        id="resize.linear_exclude_outside",
        title="Linear with exclude_outside is linear with the clamped border (unstretched)",
        statement=(
            "Unstretched linear interpolation with exclude_outside keeps the taps floor(x) "
            "and floor(x) + 1 that lie in [0, n - 1] and divides by their weight sum; for "
            "every x in (-1, n) this gives the same weight per sample as the clamped border, "
            "because a single kept tap gets weight 1 either way. "
            "With the antialias stretch (s < 1) the two differ: at x = 1/2, s = 2/5, n = 4 "
            "exclude_outside gives (2/5, 2/5, 1/5), the clamped border (1/2, 1/3, 1/6)."
        ),
        result={"right border, exclude_outside": sympy.simplify(right_excluded)},
        claims=(
            exhaustive(
                "linear_tap_weights with exclude_outside equals the clamped weights",
                "n = 1..8, x = k/8 with -7 <= k < 8 n",
                _check_linear_exclude,
            ),
            symbolic(
                "right border x = n - 1 + u: (1 - u) v_1 / (1 - u) = (1 - u) v_1 + u v_1",
                right_excluded,
                right_clamped,
            ),
            exhaustive(
                "stretched: x = 1/2, s = 2/5, n = 4 differ",
                "the single case",
                _stretched_example,
            ),
        ),
        references=(
            PILLOW_RESAMPLE.at("precompute_coeffs: taps clipped to [0, inSize), normalised"),
        ),
        implemented_by=("conformance.backends.pillow", "conformance.backends.jax"),
        notes=(
            "resize.exclude_outside states the same fact among others; this record is the "
            "linear case the library backends cite.",
        ),
    )
