"""Exact-arithmetic helpers shared by the chapters.

Index decisions and exhaustive claims use exact rationals: :class:`fractions.Fraction` in
loops, :class:`sympy.Rational` in closed forms.  These helpers convert between the two,
take exact floors, emulate rounding to a binary format, and build the weighted sums that
claims compare, both evaluated and held for display.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

import sympy

__all__ = [
    "float32",
    "floor",
    "fraction",
    "held_sum",
    "nonzero",
    "rational",
    "round_significand",
    "weighted_sum",
]

K = TypeVar("K")
V = TypeVar("V", Fraction, sympy.Expr)

_BINARY32 = struct.Struct("f")


def fraction(value: object) -> Fraction:
    """The exact value of an int, Fraction, float (its binary64 bits) or SymPy rational.

    >>> fraction(0.5), fraction(sympy.Rational(2, 3)), fraction(3)
    (Fraction(1, 2), Fraction(2, 3), Fraction(3, 1))
    """
    if isinstance(value, bool):
        raise ValueError(f"value: {value!r} is a bool, not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | float):
        return Fraction(value)
    exact = sympy.Rational(value)
    return Fraction(int(exact.p), int(exact.q))


def rational(value: object) -> sympy.Rational:
    """The exact value of ``value`` as a SymPy ``Rational``; a float gives its binary64 value.

    >>> rational(Fraction(3, 4)), rational(0.1) == sympy.Rational(1, 10)
    (3/4, False)
    """
    exact = fraction(value)
    return sympy.Rational(exact.numerator, exact.denominator)


def floor(value: Fraction | sympy.Rational) -> int:
    """``floor(value)`` of an exact rational, as a Python int.

    >>> floor(sympy.Rational(-1, 4)), floor(Fraction(7, 2))
    (-1, 3)
    """
    if isinstance(value, Fraction):
        return math.floor(value)
    return int(value.p // value.q)


def float32(value: float) -> float:
    """Round a binary64 value to the nearest binary32 value, ties to even.

    An exact product or quotient of two binary32 values rounds correctly when it is first
    rounded to binary64 and then to binary32 (53 >= 2 * 24 + 2), so emulating one binary32
    operation is ``float32(a op b)``.

    >>> float32(0.1) == 0.1, float32(0.5) == 0.5
    (False, True)
    """
    packed: tuple[float] = _BINARY32.unpack(_BINARY32.pack(value))
    return packed[0]


def round_significand(value: Fraction, precision: int) -> Fraction:
    """Round ``value`` to ``precision`` significant bits, ties to even, unbounded exponent.

    The rounding of a binary format with that significand precision (24 float32, 11 tf32 and
    float16, 8 bfloat16), ignoring overflow and subnormals.

    >>> round_significand(Fraction(1, 3), 8), round_significand(Fraction(5, 2), 2)
    (Fraction(171, 512), Fraction(2, 1))
    """
    if precision < 1:
        raise ValueError(f"precision: {precision} must be >= 1")
    if value == 0:
        return value
    magnitude = abs(value)
    exponent = math.floor(math.log2(magnitude))
    while Fraction(2) ** exponent > magnitude:
        exponent -= 1
    while Fraction(2) ** (exponent + 1) <= magnitude:
        exponent += 1
    ulp = Fraction(2) ** (exponent - precision + 1)
    units = magnitude / ulp
    whole = math.floor(units)
    rest = units - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2 == 1):
        whole += 1
    return (whole * ulp) if value > 0 else -(whole * ulp)


def weighted_sum(weights: Mapping[int, Fraction], samples: Sequence[int | Fraction]) -> Fraction:
    """``sum_j w_j x_j`` over the taps ``j`` of ``weights``, exactly.

    >>> weighted_sum({0: Fraction(1, 4), 2: Fraction(3, 4)}, [4, 0, 8])
    Fraction(7, 1)
    """
    return sum((w * samples[j] for j, w in weights.items()), Fraction(0))


def held_sum(weights: Mapping[int, Fraction], samples: Sequence[int | Fraction]) -> sympy.Expr:
    """``sum_j w_j x_j`` as an unevaluated SymPy sum, for a claim's rendered side.

    >>> held_sum({0: Fraction(1, 4), 2: Fraction(3, 4)}, [4, 0, 8])
    (1/4)*4 + (3/4)*8
    >>> held_sum({0: Fraction(1, 4), 2: Fraction(3, 4)}, [4, 0, 8]).doit()
    7
    """
    terms = [
        sympy.Mul(rational(w), rational(samples[j]), evaluate=False) for j, w in weights.items()
    ]
    return sympy.Add(*terms, evaluate=False)


def nonzero(weights: Mapping[K, V]) -> dict[K, V]:
    """The entries of nonzero weight, in key order: two weight maps give the same output on
    every finite input exactly when these agree.

    >>> nonzero({1: Fraction(0), 0: Fraction(1, 2)})
    {0: Fraction(1, 2)}
    """
    return {k: w for k, w in sorted(weights.items()) if w != 0}
