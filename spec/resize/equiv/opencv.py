"""OpenCV's ``cv2.resize``, modelled exactly and compared with the spec.

Each interpolation flag's index or weight computation in ``modules/imgproc/src/resize.cpp`` is
written down as an exact rational model: :func:`cv_nearest_index`,
:func:`cv_nearest_exact_index`, :func:`cv_linear_weights`, :func:`cv_cubic_weights`,
:func:`pixel_area_weights` and :func:`cv_output_length`.  Derivations:
``equiv.opencv.resize.flags``, ``equiv.opencv.resize.output_length``,
``equiv.opencv.resize.area_integer_ratio``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

import sympy
from sympy import Rational, symbols

from spec._exact import fraction
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import OPENCV_RESIZE
from spec.resize.area import area_window
from spec.resize.border import replicate_edges
from spec.resize.box import box_weights, opencv_area_growing
from spec.resize.coordinates import source_coordinate
from spec.resize.cubic import A_DEFAULT, plain_taps
from spec.resize.equiv._common import nonzero_fractions, spec_linear
from spec.resize.length import output_length
from spec.resize.nearest import is_tie, nearest_index

__all__ = [
    "cv_cubic_weights",
    "cv_linear_weights",
    "cv_nearest_exact_index",
    "cv_nearest_index",
    "cv_output_length",
    "pixel_area_weights",
]

_MAX_IN = 12
_MAX_OUT = 24
_DOMAIN = f"in = 1..{_MAX_IN}, out = 1..{_MAX_OUT}, every output index"


def _cases() -> Iterator[tuple[int, int, int]]:
    for in_len in range(1, _MAX_IN + 1):
        for out_len in range(1, _MAX_OUT + 1):
            for o in range(out_len):
                yield in_len, out_len, o


def cv_nearest_index(index: int, in_len: int, out_len: int) -> int:
    """INTER_NEAREST (``resizeNN``) in exact arithmetic: ``min(floor(i in/out), in - 1)``.

    Cites ``equiv.opencv.resize.flags``.

    >>> [cv_nearest_index(i, 2, 5) for i in range(5)]
    [0, 0, 0, 1, 1]
    """
    return min(math.floor(index * Fraction(in_len, out_len)), in_len - 1)


def cv_nearest_exact_index(index: int, in_len: int, out_len: int) -> int:
    """INTER_NEAREST_EXACT (``resizeNN_bitexact``): 16.16 fixed point, as OpenCV computes it.

    ``ifx = ((in << 16) + out // 2) // out``, ``ifx0 = ifx // 2 - in % 2`` and the sample
    ``min((ifx i + ifx0) >> 16, in - 1)`` (``equiv.opencv.resize.flags``).

    >>> [cv_nearest_exact_index(i, 4, 2) for i in range(2)]
    [1, 3]
    """
    ifx = ((in_len << 16) + out_len // 2) // out_len
    ifx0 = ifx // 2 - in_len % 2
    return min((ifx * index + ifx0) >> 16, in_len - 1)


def cv_linear_weights(index: int, in_len: int, out_len: int) -> dict[int, Fraction]:
    """INTER_LINEAR in exact arithmetic: ``x = (i + 1/2) in/out - 1/2``, taps clamped.

    ``sx = floor(x)``, ``fx = x - sx``; ``sx < 0`` reads sample 0 alone and ``sx >= in - 1``
    the last sample alone, else ``sx`` and ``sx + 1`` with ``1 - fx`` and ``fx``
    (``equiv.opencv.resize.flags``).

    >>> cv_linear_weights(1, 2, 4)
    {0: Fraction(3, 4), 1: Fraction(1, 4)}
    """
    x = (index + Fraction(1, 2)) * Fraction(in_len, out_len) - Fraction(1, 2)
    sx = math.floor(x)
    fx = x - sx
    if sx < 0:
        return {0: Fraction(1)}
    if sx >= in_len - 1:
        return {in_len - 1: Fraction(1)}
    return {sx: 1 - fx, sx + 1: fx}


_t, _i, _n_in, _n_out = symbols("t i n_in n_out")


def _cubic_coeffs(fx: Any) -> tuple[Any, Any, Any]:
    """``interpolateCubic``'s first three coefficients (A = -0.75); the fourth is 1 minus
    their sum.  Works on Fractions and SymPy expressions."""
    a = A_DEFAULT if isinstance(fx, Fraction) else Rational(-3, 4)
    return (
        ((a * (fx + 1) - 5 * a) * (fx + 1) + 8 * a) * (fx + 1) - 4 * a,
        ((a + 2) * fx - (a + 3)) * fx * fx + 1,
        ((a + 2) * (1 - fx) - (a + 3)) * (1 - fx) * (1 - fx) + 1,
    )


def cv_cubic_weights(index: int, in_len: int, out_len: int) -> dict[int, Fraction]:
    """INTER_CUBIC in exact arithmetic: ``interpolateCubic`` (``A = -0.75``) on taps
    ``sx - 1 .. sx + 2``, each index clamped to ``[0, in - 1]`` (BORDER_REPLICATE).

    Cites ``equiv.opencv.resize.flags``.

    >>> cv_cubic_weights(0, 2, 4)
    {0: Fraction(283, 256), 1: Fraction(-27, 256)}
    """
    x = (index + Fraction(1, 2)) * Fraction(in_len, out_len) - Fraction(1, 2)
    sx = math.floor(x)
    coeffs = _cubic_coeffs(x - sx)
    weights = {sx - 1: coeffs[0], sx: coeffs[1], sx + 1: coeffs[2]}
    weights[sx + 2] = 1 - sum(coeffs, Fraction(0))
    out: dict[int, Fraction] = {}
    for j, w in weights.items():
        k = min(max(j, 0), in_len - 1)
        out[k] = out.get(k, Fraction(0)) + w
    return {k: w for k, w in sorted(out.items()) if w != 0}


def pixel_area_weights(index: int, in_len: int, out_len: int) -> dict[int, Fraction]:
    """Pixel-area weights of a downsampling output: overlap of ``[i r, (i + 1) r)`` with each
    input cell ``[j, j + 1)``, divided by ``r = in/out``.

    OpenCV's ``computeResizeAreaTab`` (INTER_AREA) weights the partial cells at both ends by
    their covered fraction and the whole cells by 1, over ``cellWidth = r``; JAX's and
    TensorFlow's area kernels use the same overlaps (``equiv.opencv.resize.area_integer_ratio``).
    These are box resampling's weights (``resize.box``) on a shrinking axis.

    >>> pixel_area_weights(0, 5, 3)
    {0: Fraction(3, 5), 1: Fraction(2, 5)}
    """
    return box_weights(index, Fraction(out_len, in_len), in_len)


def cv_output_length(in_len: int, fx: float) -> int:
    """cv2.resize's output length from ``fx``: ``saturate_cast<int>(in * fx)``, the double
    product rounded to nearest, ties to even (``equiv.opencv.resize.output_length``).

    >>> cv_output_length(3, 0.5), cv_output_length(5, 0.5), cv_output_length(7, 0.5)
    (2, 2, 4)
    """
    return round(in_len * fx)


def _spec_nearest(mode: str, rounding: str, in_len: int, out_len: int, o: int) -> int:
    return nearest_index(source_coordinate(mode, o, in_len, out_len), in_len, rounding)


def _check_nearest() -> list[object]:
    return [
        case
        for case in _cases()
        if cv_nearest_index(case[2], case[0], case[1])
        != _spec_nearest("asymmetric", "floor", *case)
    ]


def _check_nearest_exact() -> list[object]:
    """Equal to (half_pixel, round_prefer_ceil) off ties, and different at some tie."""
    bad: list[object] = []
    tie_differs = False
    for in_len, out_len, o in _cases():
        position = source_coordinate("half_pixel", o, in_len, out_len)
        equal = cv_nearest_exact_index(o, in_len, out_len) == nearest_index(
            position, in_len, "round_prefer_ceil"
        )
        tie_differs = tie_differs or not equal
        if not equal and not is_tie(position):
            bad.append((in_len, out_len, o))
    return bad if tie_differs else ["no tie differs"]


def _nearest_exact_example() -> list[object]:
    """in = 2, out = 5, output 2: x = 1/2 is a tie; round_prefer_ceil reads 1, the model 0."""
    position = source_coordinate("half_pixel", 2, 2, 5)
    facts = (
        position == Rational(1, 2),
        nearest_index(position, 2, "round_prefer_ceil") == 1,
        cv_nearest_exact_index(2, 2, 5) == 0,
    )
    return [] if all(facts) else [facts]


def _check_linear_cubic() -> list[object]:
    bad: list[object] = []
    for in_len, out_len, o in _cases():
        if nonzero_fractions(cv_linear_weights(o, in_len, out_len)) != spec_linear(
            "half_pixel", o, in_len, out_len
        ):
            bad.append(("linear", in_len, out_len, o))
        x = fraction(source_coordinate("half_pixel", o, in_len, out_len))
        spec_cubic = nonzero_fractions(replicate_edges(plain_taps(x, "cubic", A_DEFAULT), in_len))
        if cv_cubic_weights(o, in_len, out_len) != spec_cubic:
            bad.append(("cubic", in_len, out_len, o))
    return bad


AREA_DOMAIN = "in = 1..24, out = 1..in"


def check_area_model(model: Callable[[int, int, int], dict[int, Fraction]]) -> list[object]:
    """A library's area model equals :func:`pixel_area_weights` on ``AREA_DOMAIN``, and
    equals the mean over ``area_window`` for every output exactly when out divides in."""
    bad: list[object] = []
    for in_len in range(1, 25):
        for out_len in range(1, in_len + 1):
            same = True
            for o in range(out_len):
                got = model(o, in_len, out_len)
                if got != pixel_area_weights(o, in_len, out_len):
                    bad.append(("pixel area", in_len, out_len, o))
                start, end = area_window(o, in_len, out_len)
                same = same and got == {j: Fraction(1, end - start) for j in range(start, end)}
            if same != (in_len % out_len == 0):
                bad.append((in_len, out_len))
    return bad


def _check_length() -> list[object]:
    """round(in fx) equals floor(in fx) exactly when frac(in fx) < 1/2, or = 1/2 with an even
    floor (ties to even)."""
    bad: list[object] = []
    for in_len in range(1, 25):
        for k in range(1, 41):
            fx = k / 8
            exact = Fraction(in_len) * Fraction(fx)
            if exact < 1:
                continue
            frac = exact - math.floor(exact)
            agree = frac < Fraction(1, 2) or (frac == Fraction(1, 2) and math.floor(exact) % 2 == 0)
            floor_len = output_length(in_len, scale_factor=Rational(k, 8))
            if (cv_output_length(in_len, fx) == floor_len) != agree:
                bad.append((in_len, fx))
    return bad


@derivation("equiv.opencv.resize.flags")
def _flags() -> Derivation:
    return Derivation(
        id="equiv.opencv.resize.flags",
        title="cv2.resize's interpolation flags as spec parameterisations",
        statement=(
            "In exact arithmetic with dsize given, INTER_NEAREST reads min(floor(i in/out), "
            "in - 1), which is (nearest, asymmetric, floor); INTER_LINEAR is (linear, "
            "half_pixel) with the clamped border; INTER_CUBIC is (cubic, half_pixel, a = -3/4) "
            "with edge replication. "
            "INTER_NEAREST_EXACT computes floor((i + 1/2) in/out) in 16.16 fixed point, which "
            "is (nearest, half_pixel, round_prefer_ceil) off ties and can miss a tie: "
            "2 -> 5, output 2 (x = 1/2) reads input 0, not 1."
        ),
        result={"INTER_NEAREST index": sympy.floor(_i * _n_in / _n_out)},
        claims=(
            exhaustive(
                "INTER_NEAREST equals (nearest, asymmetric, floor)", _DOMAIN, _check_nearest
            ),
            exhaustive(
                "INTER_NEAREST_EXACT equals (nearest, half_pixel, round_prefer_ceil) wherever x "
                "is not a tie, and differs at some tie",
                _DOMAIN,
                _check_nearest_exact,
            ),
            exhaustive(
                "counterexample: 2 -> 5, output 2, x = 1/2: round_prefer_ceil reads 1, the "
                "fixed-point formula 0",
                "the single case in = 2, out = 5, i = 2",
                _nearest_exact_example,
            ),
            exhaustive(
                "INTER_LINEAR equals (linear, half_pixel) clamped; INTER_CUBIC equals (cubic, "
                "half_pixel, a = -3/4) with edge replication",
                _DOMAIN,
                _check_linear_cubic,
            ),
            symbolic(
                "INTER_CUBIC's fourth coefficient 1 - c0 - c1 - c2 is Keys' K(2 - t) at a = -3/4",
                1 - sum(_cubic_coeffs(_t), sympy.Integer(0)),
                Rational(-3, 4) * ((2 - _t) ** 3 - 5 * (2 - _t) ** 2 + 8 * (2 - _t) - 4),
            ),
        ),
        references=(
            OPENCV_RESIZE.at("resizeNN: sx = cvFloor(x * ifx), min(sx, ssize.width - 1)"),
            OPENCV_RESIZE.at(
                "resizeNN_bitexact: ifx = ((ssize.width << 16) + dsize.width / 2) / dsize.width, "
                "ifx0 = ifx / 2 - ssize.width % 2, sx = (ifx x + ifx0) >> 16"
            ),
            OPENCV_RESIZE.at(
                "resize (INTER_LINEAR, INTER_CUBIC): fx = (dx + 0.5) scale_x - 0.5, "
                "sx = cvFloor(fx); interpolateLinear, interpolateCubic (A = -0.75); "
                "borderInterpolate BORDER_REPLICATE"
            ),
        ),
        implemented_by=(
            "conformance.backends.opencv.cv2_flag",
            "spec.resize.equiv.opencv.cv_nearest_index",
            "spec.resize.equiv.opencv.cv_nearest_exact_index",
            "spec.resize.equiv.opencv.cv_linear_weights",
            "spec.resize.equiv.opencv.cv_cubic_weights",
        ),
        notes=(
            "OpenCV computes the INTER_NEAREST product in double and the INTER_LINEAR/CUBIC "
            "coordinate in float32; the models are exact, so rounding of the library's "
            "arithmetic is a tolerance question. With fx given, the coordinate scale is fx "
            "(INTER_NEAREST_EXACT ignores it and uses dsize/ssize).",
            "Measured with OpenCV 5.1.0 (float32, 1 x in images): INTER_NEAREST_EXACT equals "
            "round_prefer_ceil at every non-tie of in = 1..12, out = 1..24 and differs at 44 "
            "ties, not all the ones the fixed-point formula above misses (6 -> 9, output 4, "
            "x = 5/2 reads 2 in OpenCV 5.1.0, 3 in the formula); only the off-tie claim is "
            "checked against the library.",
        ),
    )


@derivation("equiv.opencv.resize.output_length")
def _length() -> Derivation:
    return Derivation(
        id="equiv.opencv.resize.output_length",
        title="cv2.resize with fx rounds in * fx to the output length",
        statement=(
            "Given fx and dsize = (0, 0), cv2.resize sets the output length to "
            "saturate_cast<int>(in * fx), the double product rounded to nearest with ties to "
            "even, where resize.output_length takes the floor. "
            "The two agree exactly when frac(in fx) < 1/2, or frac(in fx) = 1/2 with an even "
            "floor: in = 3, fx = 0.5 gives 2 against 1."
        ),
        result={"out": sympy.floor(symbols("n_in") * symbols("f_x") + Rational(1, 2))},
        claims=(
            exhaustive(
                "round(in fx) == floor(in fx) iff frac < 1/2 or a tie with an even floor",
                "in = 1..24, fx = k/8 for k = 1..40 (exact in double), in fx >= 1",
                _check_length,
            ),
            symbolic(
                "example: round(3 * 1/2) = 2 (ties to even), floor gives 1",
                sympy.Integer(cv_output_length(3, 0.5)),
                sympy.Add(sympy.floor(Rational(3, 2)), 1, evaluate=False),
            ),
        ),
        references=(
            OPENCV_RESIZE.at(
                "resize: dsize = Size(saturate_cast<int>(ssize.width * inv_scale_x), ...) when "
                "dsize is empty"
            ),
        ),
        implemented_by=(
            "conformance.backends.opencv",
            "spec.resize.equiv.opencv.cv_output_length",
        ),
    )


@derivation("equiv.opencv.resize.area_integer_ratio")
def _area() -> Derivation:
    return Derivation(
        id="equiv.opencv.resize.area_integer_ratio",
        title="cv2.INTER_AREA downsampling is resize.area at integer ratios",
        statement=(
            "When downsampling, INTER_AREA weights input cell j by its overlap with "
            "[i in/out, (i + 1) in/out), divided by in/out. "
            "When out divides in, every overlap is a whole cell and this is the mean over "
            "resize.area's window; at every other downsampling ratio some output differs "
            "(5 -> 3, output 0: 3/5 x_0 + 2/5 x_1 against the mean of x_0, x_1)."
        ),
        result={"weight (integer ratio k)": 1 / symbols("k", positive=True)},
        claims=(
            exhaustive(
                "pixel-area weights equal the mean over area_window iff out divides in",
                AREA_DOMAIN,
                lambda: check_area_model(pixel_area_weights),
            ),
            symbolic(
                "5 -> 3, output 0: pixel area gives weight 3/5 to x_0, area 1/2",
                sympy.Rational(pixel_area_weights(0, 5, 3)[0]),
                sympy.Add(Rational(1, 2), Rational(1, 10), evaluate=False),
            ),
        ),
        references=(
            OPENCV_RESIZE.at(
                "computeResizeAreaTab: fsx1 = dx scale, fsx2 = fsx1 + scale, partial cells "
                "weighted (sx1 - fsx1) / cellWidth and (fsx2 - sx2) / cellWidth, whole cells "
                "1 / cellWidth; resizeAreaFast for integer scales"
            ),
        ),
        implemented_by=(
            "conformance.backends.opencv",
            "spec.resize.equiv.opencv.pixel_area_weights",
        ),
    )


def _growing_formula(index: int, n: int, scale: Fraction) -> dict[int, Fraction]:
    """OpenCV's growing-axis INTER_AREA weights of output ``index``, taps merged, zeros dropped."""
    weights: dict[int, Fraction] = {}
    for tap, w in opencv_area_growing(index, n, scale):
        weights[tap] = weights.get(tap, Fraction(0)) + Fraction(w)
    return {tap: w for tap, w in weights.items() if w != 0}


def _check_mixed_axes() -> Iterator[object]:
    """Shrinking axes where the growing formula equals box, against "every cell meets at most
    two samples"; yields each (in, out) where the two disagree."""
    for n in range(1, 25):
        for out in range(1, n):
            scale = Fraction(out, n)
            same = all(
                _growing_formula(i, n, scale) == box_weights(i, scale, n) for i in range(out)
            )
            two = all(math.ceil((i + 1) / scale) - math.floor(i / scale) <= 2 for i in range(out))
            if same != two:
                yield (n, out, same, two)


@derivation("equiv.opencv.resize.area")
def _area_box() -> Derivation:
    return Derivation(
        id="equiv.opencv.resize.area",
        title="cv2.INTER_AREA is resize.box unless one axis grows while another shrinks",
        statement=(
            "cv2.resize takes its area table (resize.box on every axis) only when no axis "
            "grows; otherwise it runs its growing-axis formula, two taps per output, on every "
            "axis, which is resize.box on an axis that does not shrink. "
            "On a shrinking axis that formula is resize.box exactly when every cell "
            "[i/s, (i + 1)/s) meets at most two input samples: 32 -> 13 gives output 0 the "
            "weights 13/32, 19/32 on x_0, x_1 against box's 13/32, 13/32, 6/32."
        ),
        result={"x_1 weight, 32 -> 13, output 0": Rational(19, 32)},
        claims=(
            exhaustive(
                "on a shrinking axis the growing formula equals box iff every cell meets at "
                "most two samples",
                "in = 1..24, out = 1..in - 1",
                lambda: list(_check_mixed_axes()),
            ),
            symbolic(
                "32 -> 13, output 0: the growing formula's weight on x_1 is 1 - 13/32",
                sympy.Rational(_growing_formula(0, 32, Fraction(13, 32))[1]),
                sympy.Add(1, -Rational(13, 32), evaluate=False),
            ),
        ),
        references=(
            OPENCV_RESIZE.at(
                "resize: the area path only if interpolation == INTER_AREA && scale_x >= 1 "
                "&& scale_y >= 1, else the generic path with area_mode: sx = floor(dx scale_x), "
                "fx = (dx + 1) - (sx + 1) inv_scale_x, fractional part, weights 1 - fx and fx"
            ),
        ),
        implemented_by=("conformance.backends.opencv",),
    )
