"""Nearest-neighbour rounding: the four rounding modes with exact ties, and the clamped index.

Convention: nearest-neighbour resize reads the single input sample ``R(x)`` at the source
coordinate ``x`` of ``coord.*``, clamped to ``[0, in - 1]``.  ``R`` is one of ONNX's four
``nearest_mode`` values.  Decisions are made on the exact rational ``x``; a tie is a ``x``
exactly halfway between two integers.

Derivation: ``nearest.rounding``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import fraction
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import C99, IEEE_754_2008, ONNX_REFERENCE_RESIZE, ONNX_RESIZE
from spec.resize.coordinates import COORDINATE_MODES, source_coordinate

__all__ = [
    "NEAREST_MODES",
    "c_round",
    "derive_tie",
    "is_tie",
    "nearest_index",
    "round_index",
]

#: ONNX's nearest_mode values.
NEAREST_MODES = ("round_prefer_floor", "round_prefer_ceil", "floor", "ceil")

_t = symbols("t", real=True, nonnegative=True)


@functools.cache
def derive_tie() -> tuple[sympy.Expr, sympy.Set]:
    """Solve where the lower neighbour is nearer, and where the two neighbours tie.

    With ``t = x - floor(x)`` in ``[0, 1)`` the distances to ``floor(x)`` and
    ``floor(x) + 1`` are ``t`` and ``1 - t``.  Returns ``(tie value of t, set of t where the
    floor is strictly nearer)``.

    >>> derive_tie()
    (1/2, Interval.Ropen(0, 1/2))
    """
    (tie,) = sympy.solve(sympy.Eq(_t, 1 - _t), _t)
    floor_nearer = sympy.solveset(_t < 1 - _t, _t, sympy.Interval.Ropen(0, 1))
    return tie, floor_nearer


def is_tie(position: object) -> bool:
    """Whether ``position`` is exactly halfway between two integers (``nearest.rounding``).

    >>> is_tie(Rational(5, 2)), is_tie(Rational(7, 3)), is_tie(2)
    (True, False, False)
    """
    xf = fraction(position)
    return xf - math.floor(xf) == Fraction(1, 2)


def round_index(position: object, mode: str) -> int:
    """Round the exact coordinate ``position`` to an integer under ONNX ``nearest_mode``.

    ``round_prefer_floor`` and ``round_prefer_ceil`` pick the nearest integer and break an
    exact tie towards the floor or the ceiling; ``floor`` and ``ceil`` are the usual
    functions.  No clamping (see :func:`nearest_index`).  Cites ``nearest.rounding``.

    >>> [round_index(Rational(5, 2), m) for m in NEAREST_MODES]
    [2, 3, 2, 3]
    >>> [round_index(Rational(-1, 4), m) for m in NEAREST_MODES]
    [0, 0, -1, 0]
    """
    xf = fraction(position)
    low = math.floor(xf)
    if mode == "floor":
        return low
    if mode == "ceil":
        return math.ceil(xf)
    frac = xf - low
    tie, _ = derive_tie()
    half = Fraction(int(tie.p), int(tie.q))
    if mode == "round_prefer_floor":
        return low if frac <= half else low + 1
    if mode == "round_prefer_ceil":
        return low if frac < half else low + 1
    raise ValueError(
        f"nearest_mode: {mode!r} is not one of {', '.join(NEAREST_MODES)} (nearest.rounding)"
    )


def nearest_index(position: object, in_len: int, mode: str) -> int:
    """The input index read by nearest resize: ``round_index`` clamped to ``[0, in_len - 1]``.

    >>> nearest_index(Rational(-1, 4), 4, "floor"), nearest_index(Rational(13, 4), 4, "ceil")
    (0, 3)
    """
    return min(max(round_index(position, mode), 0), in_len - 1)


# --- exhaustive domains -------------------------------------------------------------------

MAX_DENOMINATOR = 12
MAX_ABS = 4


def _rationals() -> Iterator[Fraction]:
    seen: set[Fraction] = set()
    for q in range(1, MAX_DENOMINATOR + 1):
        for p in range(-MAX_ABS * q, MAX_ABS * q + 1):
            value = Fraction(p, q)
            if value not in seen:
                seen.add(value)
                yield value


_DOMAIN = f"x = p/q for q = 1..{MAX_DENOMINATOR}, |x| <= {MAX_ABS}"


def _check_closed_forms() -> list[object]:
    half = Fraction(1, 2)
    bad: list[object] = []
    for value in _rationals():
        if round_index(value, "round_prefer_floor") != math.ceil(value - half):
            bad.append(("round_prefer_floor", value))
        if round_index(value, "round_prefer_ceil") != math.floor(value + half):
            bad.append(("round_prefer_ceil", value))
    return bad


def _check_nearest() -> list[object]:
    """Both round modes return an integer at minimal distance."""
    bad: list[object] = []
    for value in _rationals():
        best = min(abs(value - n) for n in (math.floor(value), math.ceil(value)))
        for mode in ("round_prefer_floor", "round_prefer_ceil"):
            if abs(value - round_index(value, mode)) != best:
                bad.append((mode, value))
    return bad


def _check_ties() -> list[object]:
    bad: list[object] = []
    for value in _rationals():
        down = round_index(value, "round_prefer_floor")
        up = round_index(value, "round_prefer_ceil")
        if is_tie(value) and up - down != 1:
            bad.append(("tie", value))
        if not is_tie(value) and up != down:
            bad.append(("off tie", value))
    return bad


def c_round(value: Fraction) -> int:
    """C's ``round()`` in exact arithmetic: halfway cases away from zero (``nearest.rounding``).

    >>> c_round(Fraction(5, 2)), c_round(Fraction(-5, 2))
    (3, -3)
    """
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


def _check_c_round() -> list[object]:
    bad: list[object] = []
    for value in _rationals():
        expected_mode = "round_prefer_ceil" if value >= 0 else "round_prefer_floor"
        if c_round(value) != round_index(value, expected_mode):
            bad.append(value)
    return bad


def _python_round_example() -> list[object]:
    """Python's round (ties to even) is neither mode: round(1/2) = 0 but round(3/2) = 2."""
    half, three_halves = Fraction(1, 2), Fraction(3, 2)
    facts = (
        round(half) == round_index(half, "round_prefer_floor") == 0,
        round(half) != round_index(half, "round_prefer_ceil"),
        round(three_halves) == round_index(three_halves, "round_prefer_ceil") == 2,
        round(three_halves) != round_index(three_halves, "round_prefer_floor"),
    )
    return [] if all(facts) else [facts]


def _check_clamping() -> list[object]:
    """Unclamped indices leave [0, in - 1] somewhere; clamped ones never do."""
    outside = 0
    bad: list[object] = []
    for mode in COORDINATE_MODES:
        if mode == "tf_crop_and_resize":
            continue
        for in_len in range(1, 7):
            for out_len in range(1, 13):
                for index in range(out_len):
                    xv = source_coordinate(mode, index, in_len, out_len)
                    for rmode in NEAREST_MODES:
                        raw = round_index(xv, rmode)
                        outside += not 0 <= raw <= in_len - 1
                        if not 0 <= nearest_index(xv, in_len, rmode) <= in_len - 1:
                            bad.append((mode, in_len, out_len, index, rmode))
    if outside == 0:
        bad.append("no index needed clamping")
    return bad


def _float_tie_example() -> list[object]:
    """In float64, ONNX's half_pixel formula misses the exact tie at in=14, out=17, i=8."""
    in_len, out_len, index = 14, 17, 8
    exact = source_coordinate("half_pixel", index, in_len, out_len)
    scale = out_len / in_len
    approx = (index + 0.5) / scale - 0.5
    facts = (
        exact == Rational(13, 2),
        Fraction(approx) > Fraction(13, 2),
        round_index(exact, "round_prefer_floor") == 6,
        round_index(Fraction(approx), "round_prefer_floor") == 7,
    )
    return [] if all(facts) else [facts]


@derivation("nearest.rounding")
def _rounding() -> Derivation:
    tie, floor_nearer = derive_tie()
    xs = symbols("x", real=True)
    return Derivation(
        id="nearest.rounding",
        title="Nearest rounding modes with exact ties",
        statement=(
            "With t = x - floor(x) the distances from x to floor(x) and floor(x) + 1 are t and "
            "1 - t, so the floor is strictly nearer for t < 1/2, the ceiling for t > 1/2, and "
            "t = 1/2 is a tie. "
            "round_prefer_floor breaks a tie towards the floor and equals ceil(x - 1/2), "
            "round_prefer_ceil towards the ceiling and equals floor(x + 1/2); floor and ceil "
            "are the usual functions, and the index read is clamped to [0, in - 1]. "
            "Ties are decided on the exact rational x, since a float evaluation of the "
            "coordinate can move an exact tie."
        ),
        result={
            "tie": tie,
            "t where the floor is nearer": floor_nearer,
            "round_prefer_floor": sympy.ceiling(xs - Rational(1, 2)),
            "round_prefer_ceil": sympy.floor(xs + Rational(1, 2)),
        },
        claims=(
            symbolic(
                "the distances t and 1 - t differ by 2t - 1, zero only at the tie t = 1/2",
                sympy.Add(_t, -(1 - _t), evaluate=False),
                sympy.Mul(2, _t - Rational(1, 2), evaluate=False),
            ),
            symbolic(
                "the floor is strictly nearer exactly when 1 - t - t = 2 (1/2 - t) > 0, "
                "that is for t in [0, 1/2)",
                sympy.Add(1 - _t, -_t, evaluate=False),
                sympy.Mul(2, Rational(1, 2) - _t, evaluate=False),
            ),
            exhaustive(
                "round_prefer_floor(x) = ceil(x - 1/2) and round_prefer_ceil(x) = floor(x + 1/2)",
                _DOMAIN,
                _check_closed_forms,
            ),
            exhaustive(
                "both round modes return an integer nearest to x",
                _DOMAIN,
                _check_nearest,
            ),
            exhaustive(
                "the two round modes agree off ties and differ by exactly 1 at ties",
                _DOMAIN,
                _check_ties,
            ),
            exhaustive(
                "C round() (halfway away from zero) is round_prefer_ceil for x >= 0 and "
                "round_prefer_floor for x < 0",
                _DOMAIN,
                _check_c_round,
            ),
            exhaustive(
                "Python's round() (ties to even) is neither mode: round(1/2) = 0, round(3/2) = 2",
                "x in {1/2, 3/2}",
                _python_round_example,
            ),
            exhaustive(
                "the clamp is needed: some unclamped index leaves [0, in - 1]; every clamped "
                "index is inside",
                "every coordinate mode but tf_crop_and_resize, in = 1..6, out = 1..12, "
                "s = out/in, all four modes",
                _check_clamping,
            ),
            exhaustive(
                "float evaluation moves exact ties: for in = 14, out = 17, i = 8, half_pixel "
                "gives exactly 13/2 (round_prefer_floor reads 6), but (i + 0.5)/(17/14) - 0.5 "
                "in float64 exceeds 13/2 and reads 7",
                "the single case in = 14, out = 17, i = 8",
                _float_tie_example,
            ),
        ),
        references=(
            ONNX_RESIZE.at(
                'attribute nearest_mode: "round_prefer_floor" (also known as round half '
                'down), "round_prefer_ceil" (also known as round half up), "floor", "ceil"'
            ),
            C99.at("7.12.9.6, the round functions round halfway cases away from zero"),
            IEEE_754_2008.at("4.3.1 roundTiesToEven, the rounding of Python's round()"),
            ONNX_REFERENCE_RESIZE.at("_nearest_coeffs; coordinates evaluated in float64"),
        ),
        implemented_by=("oracle.kernels.nearest_index", "oracle.resize"),
        notes=(
            "The two round modes agree everywhere except at ties, where they differ by "
            "exactly 1; the clamp is needed, since floor, ceil and both round modes leave "
            "[0, in - 1] at the edges.",
            "C's round() (halfway away from zero) agrees with round_prefer_ceil for x >= 0, "
            "and Python's round() (ties to even) agrees with neither.",
            "ONNX's reference implementation (onnx 1.23.2) evaluates the coordinate in "
            "float64 and so reads input 7 at output 8 of a 14 -> 17 half_pixel "
            "round_prefer_floor resize, and input 6 (not 7) at output 4 of a 14 -> 9 "
            "round_prefer_ceil resize (measured); the exact ties read 6 and 7.",
        ),
    )
