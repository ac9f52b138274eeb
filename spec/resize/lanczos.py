"""Lanczos resampling: the windowed sinc kernel, its taps and the normalisation of its weights.

Pixel convention, as for the other kernels (``interp.cubic.kernel``): samples sit at the
integers ``j``; a source coordinate ``x`` comes from a coordinate map (``coord.*``).  For an
integer ``a >= 1`` the kernel is ``L_a(t) = sinc(t) sinc(t/a)`` for ``|t| < a`` and 0 beyond,
``sinc(t) = sin(pi t)/(pi t)``; tap ``j`` weighs ``L_a(x - j)`` (``L_a`` is even) over the
``2a`` taps ``floor(x) - a + 1 .. floor(x) + a``, and the weights are divided by their sum.
Antialias stretches the kernel by ``1/min(s, 1)`` as for linear and cubic
(``resize.antialias``), and the border is edge replicate (``resize.border``) or
exclude_outside (``resize.exclude_outside``).

Derivations: ``interp.lanczos.kernel``, ``interp.lanczos.weights``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import TypeVar

import sympy
from sympy import Rational, pi, symbols

from spec._exact import rational
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import (
    DUCHON_1979,
    JAX_SCALE,
    OPENCV_RESIZE,
    PILLOW_RESAMPLE,
    TURKOWSKI_1990,
)
from spec.resize.antialias import ANTIALIAS_DOMAIN, antialias_cases, stretched_window

__all__ = [
    "LANCZOS_AS",
    "lanczos_float",
    "lanczos_kernel",
    "lanczos_taps",
    "lanczos_value",
    "lanczos_weights",
    "plain_lanczos_taps",
    "sinc_product",
]

t = symbols("t", real=True)
"""The signed offset ``x - j`` between the source coordinate and a tap."""
a = symbols("a", integer=True, positive=True)
"""The Lanczos order: the kernel's half-width."""
k = symbols("k", integer=True, nonzero=True)
"""A nonzero integer offset."""
y = symbols("y", real=True)
"""OpenCV's angle ``y = -pi t / 4`` (interpolateLanczos4)."""

LANCZOS_AS = (1, 2, 3, 4, 5)
"""The orders the claims cover: 3 (Pillow, jax lanczos3), 4 (OpenCV), 5 (jax lanczos5) and 1, 2."""

V = TypeVar("V", Fraction, sympy.Expr)

LANCZOS_SOURCES = (
    DUCHON_1979.at(
        "the Lanczos sigma factor sin(pi k/n)/(pi k/n) windowing the ideal sinc weights"
    ),
    TURKOWSKI_1990.at("the Lanczos windowed sinc filters, sinc(x) sinc(x/a) for |x| < a"),
)


# --------------------------------------------------------------------------------------------
# The kernel
# --------------------------------------------------------------------------------------------


def sinc_product(offset: object = t, a_value: object = a) -> sympy.Expr:
    """``sin(pi t)/(pi t) * sin(pi t/a)/(pi t/a)``: ``L_a`` inside its support, for ``t != 0``.

    Written with ``sin`` (not SymPy's ``sinc``) so that SymPy simplifies it; this is Pillow's
    ``sinc_filter(t) * sinc_filter(t / a)`` (``interp.lanczos.kernel``).

    >>> sinc_product(Rational(1, 2), 3)
    6/pi**2
    """
    u = sympy.sympify(offset)
    av = sympy.sympify(a_value)
    return sympy.sin(pi * u) / (pi * u) * (sympy.sin(pi * u / av) / (pi * u / av))


def lanczos_kernel(a_value: object = a) -> sympy.Piecewise:
    """``L_a(t)`` as a SymPy ``Piecewise``: ``sinc(pi t) sinc(pi t / a)`` for ``|t| < a``, else 0.

    SymPy's ``sinc(z)`` is ``sin(z)/z`` with ``sinc(0) = 1`` (``interp.lanczos.kernel``).

    >>> lanczos_kernel(3).subs(t, 0), lanczos_kernel(3).subs(t, 3)
    (1, 0)
    """
    av = sympy.sympify(a_value)
    return sympy.Piecewise(
        (sympy.sinc(pi * t) * sympy.sinc(pi * t / av), sympy.Abs(t) < av),
        (sympy.Integer(0), True),
    )


@functools.lru_cache(maxsize=8192)
def lanczos_value(dist: Fraction, a_value: int) -> sympy.Expr:
    """``L_a(dist)`` exactly, as a SymPy number (``interp.lanczos.kernel``).

    >>> lanczos_value(Fraction(1, 2), 3), lanczos_value(Fraction(-3, 2), 3)
    (6/pi**2, -4/(3*pi**2))
    >>> lanczos_value(Fraction(0), 2), lanczos_value(Fraction(2), 2)
    (1, 0)
    """
    d = abs(dist)
    if d >= a_value:
        return sympy.Integer(0)
    if d == 0:
        return sympy.Integer(1)
    return sinc_product(rational(d), a_value)


def _sin_pi(q: Fraction) -> float:
    """``sin(pi q)`` in float64 with the argument reduced exactly: ``q = m + f``, ``|f| <= 1/2``."""
    m = round(q)
    f = q - m
    if f == 0:
        return 0.0
    value = math.sin(math.pi * float(f))
    return -value if m % 2 else value


def lanczos_float(dist: Fraction, a_value: int) -> float:
    """``L_a(dist)`` in float64, for the model's weights and the wide exhaustive claims.

    Each ``sin(pi q)`` is taken of the exactly reduced argument ``q - round(q)``, so the value
    is exact at the integers (1 at 0, 0 elsewhere) and off by at most ``2^-48`` relative
    elsewhere (a few roundings of ``2^-53``) (``interp.lanczos.kernel``).

    >>> lanczos_float(Fraction(1), 3), lanczos_float(Fraction(0), 3)
    (0.0, 1.0)
    >>> abs(lanczos_float(Fraction(1, 2), 3) / (6 / math.pi**2) - 1) < 2**-48
    True
    """
    d = abs(dist)
    if d >= a_value:
        return 0.0
    if d == 0:
        return 1.0
    value = _sin_pi(d) * _sin_pi(d / a_value) * a_value / (math.pi * math.pi)
    return value / float(d) / float(d)


# --------------------------------------------------------------------------------------------
# Taps and weights
# --------------------------------------------------------------------------------------------


def plain_lanczos_taps(x: Fraction, a_value: int) -> range:
    """The ``2a`` taps ``floor(x) - a + 1 .. floor(x) + a`` of ``x`` without a stretch.

    They are the integers with ``|j - x| < a``, plus ``j = x + a`` (weight 0) when ``x`` is an
    integer, as for cubic's four taps (``interp.lanczos.weights``).

    >>> list(plain_lanczos_taps(Fraction(5, 2), 3))
    [0, 1, 2, 3, 4, 5]
    """
    base = math.floor(x)
    return range(base - a_value + 1, base + a_value + 1)


def lanczos_taps(
    x: Fraction,
    s: Fraction,
    a_value: int,
    *,
    antialias: bool = False,
    value: Callable[[Fraction, int], V] = lanczos_value,
) -> dict[int, V]:
    """Unclamped tap index to raw weight ``L_a((j - x) sigma)`` (``interp.lanczos.weights``).

    Without antialias, or for ``s >= 1``, ``sigma = 1`` and the taps are
    :func:`plain_lanczos_taps`; with antialias and ``s < 1``, ``sigma = s`` and the taps are the
    integers ``j`` with ``|j - x| < a / s`` (``resize.antialias``).  ``value(dist, a)`` evaluates
    the kernel: :func:`lanczos_value` (exact) by default.

    >>> lanczos_taps(Fraction(0), Fraction(1), 1)
    {0: 1, 1: 0}
    >>> sorted(lanczos_taps(Fraction(1, 2), Fraction(1, 2), 1, antialias=True))
    [-1, 0, 1, 2]
    """
    stretch = min(s, Fraction(1)) if antialias else Fraction(1)
    if stretch == 1:
        taps: range | list[int] = plain_lanczos_taps(x, a_value)
    else:
        taps = stretched_window(x, a_value / stretch)
    return {j: value((j - x) * stretch, a_value) for j in taps}


def lanczos_weights(
    x: Fraction,
    s: Fraction,
    n: int,
    a_value: int,
    *,
    antialias: bool = False,
    exclude: bool = False,
    value: Callable[[Fraction, int], V] = lanczos_value,
) -> dict[int, V]:
    """Input index to normalised weight for an ``n``-sample axis (``interp.lanczos.weights``).

    Edge replicate divides by the sum over all taps and folds each tap outside ``[0, n - 1]``
    onto the edge sample; ``exclude`` drops those taps and divides by the sum over the rest,
    raising ``ValueError`` when it is 0 (``resize.exclude_outside``).

    >>> lanczos_weights(Fraction(0), Fraction(1), 3, 2)
    {0: 1, 1: 0, 2: 0}
    >>> lanczos_weights(Fraction(-1, 2), Fraction(1), 2, 1, exclude=True)
    {0: 1}
    """
    taps = lanczos_taps(x, s, a_value, antialias=antialias, value=value)
    zero = 0 * next(iter(taps.values()))
    if exclude:
        kept = {j: w for j, w in taps.items() if 0 <= j < n}
        total = sum(kept.values(), zero)
        if total == 0:
            raise ValueError("exclude_outside: in-range weights sum to 0 (interp.lanczos.weights)")
        return {j: w / total for j, w in kept.items()}
    total = sum(taps.values(), zero)
    folded: dict[int, V] = {}
    for j, w in taps.items():
        clamped = min(max(j, 0), n - 1)
        folded[clamped] = folded.get(clamped, zero) + w / total
    return folded


# --------------------------------------------------------------------------------------------
# interp.lanczos.kernel
# --------------------------------------------------------------------------------------------

_S45 = sympy.sqrt(2) / 2
#: OpenCV's table ``cs`` of interpolateLanczos4: the multipliers of ``sin(y0)`` and ``cos(y0)``.
_OPENCV_CS = (
    (1, 0),
    (-_S45, -_S45),
    (0, 1),
    (_S45, -_S45),
    (-1, 0),
    (_S45, _S45),
    (0, -1),
    (-_S45, _S45),
)


def _kernel_matches_values() -> Iterator[object]:
    for av in LANCZOS_AS:
        kernel = lanczos_kernel(av)
        for step in range(-8 * av - 4, 8 * av + 5):
            dist = Fraction(step, 8)
            got = kernel.subs(t, rational(dist))
            want = lanczos_value(dist, av)
            mirrored = lanczos_value(-dist, av)
            if abs(sympy.N(got - want, 30)) > 1e-25 or want != mirrored:
                yield (av, dist, got, want)
            if abs(dist) >= av and want != 0:
                yield (av, dist, "nonzero outside the support")
            if abs(float(sympy.N(want, 20)) - lanczos_float(dist, av)) > 2.0**-48:
                yield (av, dist, "float64 evaluation off")


def _held_sinc_product() -> sympy.Expr:
    """``sin(pi t)/(pi t) * sin(pi t/a)/(pi t/a)`` held as written, for a claim's side."""

    def held(z: sympy.Expr) -> sympy.Expr:
        return sympy.Mul(sympy.sin(z), sympy.Pow(z, -1, evaluate=False), evaluate=False)

    return sympy.Mul(held(pi * t), held(pi * t / a), evaluate=False)


@derivation("interp.lanczos.kernel")
def _kernel() -> Derivation:
    product = sympy.sinc(pi * t) * sympy.sinc(pi * t / a)
    second = 2 * (-1) ** (a + 1) / a**2
    y0_shifts = [y + i * pi / 4 for i in range(8)]
    numerators = sympy.Matrix(
        [[cs0 * sympy.sin(y) + cs1 * sympy.cos(y) for cs0, cs1 in _OPENCV_CS]]
    )
    jax_form = a * sympy.sin(pi * t) * sympy.sin(pi * t / a) / (pi**2 * t**2)
    return Derivation(
        id="interp.lanczos.kernel",
        title="The Lanczos kernel: sinc windowed by a wider sinc",
        statement=(
            "For an integer a >= 1 the Lanczos kernel is L_a(t) = sinc(t) sinc(t/a) for |t| < a "
            "and 0 beyond, with sinc(t) = sin(pi t)/(pi t): the ideal interpolator sinc(t) "
            "windowed by the central lobe of sinc(t/a) (Duchon 1979; Turkowski 1990). "
            "It is even and interpolating (L_a(0) = 1, L_a(k) = 0 at every other integer k), and "
            "it meets the zero tail with value and slope 0 but a second derivative "
            "2(-1)^(a+1)/a^2, so it is C^1 and not C^2. "
            "Pillow's lanczos_filter, jax's _fill_lanczos_kernel and OpenCV's "
            "interpolateLanczos4 (a = 4, up to a factor common to the eight taps) are written "
            "differently and equal L_a."
        ),
        result={
            "L_a(t)": lanczos_kernel(),
            "L_a''(a^-)": second,
            "L_3(1/2)": lanczos_value(Fraction(1, 2), 3),
            "L_3(3/2)": lanczos_value(Fraction(3, 2), 3),
            "L_3(5/2)": lanczos_value(Fraction(5, 2), 3),
        },
        claims=(
            symbolic("L_a(0) = 1", sympy.Subs(product, t, 0), 1),
            symbolic(
                "interpolating: L_a(k) = 0 at every nonzero integer k", sympy.Subs(product, t, k), 0
            ),
            symbolic("even: L_a(-t) = L_a(t)", sympy.Subs(product, t, -t), product),
            symbolic("zero at the edge of the support: L_a(a) = 0", sympy.Subs(product, t, a), 0),
            symbolic(
                "C^1 there: L_a'(a) = 0",
                sympy.Subs(sympy.Derivative(product, t), t, a),
                0,
            ),
            symbolic(
                "not C^2: L_a''(a^-) = 2(-1)^(a+1)/a^2, against 0 beyond the support",
                sympy.Subs(sympy.Derivative(product, t, 2), t, a),
                second,
            ),
            symbolic(
                "jax's a sin(pi t) sin(pi t/a)/(pi^2 t^2) is Pillow's "
                "sinc_filter(t) sinc_filter(t/a) (t != 0)",
                jax_form,
                _held_sinc_product(),
            ),
            symbolic(
                "OpenCV's numerators cs_i . (sin y0, cos y0) are (-1)^i sin(y0 + i pi/4), i = 0..7",
                numerators,
                sympy.Matrix([[(-1) ** i * sympy.sin(v) for i, v in enumerate(y0_shifts)]]),
            ),
            symbolic(
                "with y = -pi t/4: L_4(t) = sin(4y) sin(y)/(4 y^2)",
                sympy.Subs(sinc_product(t, 4), t, -4 * y / pi),
                sympy.sin(4 * y) * sympy.sin(y) / (4 * y**2),
            ),
            symbolic(
                "the factor sin(4 y_i), y_i = y0 + i pi/4, is (-1)^i sin(4 y0): OpenCV's "
                "coefficient (-1)^i sin(y_i)/y_i^2 is 4 L_4(x + 3 - i)/sin(4 y0)",
                sympy.Matrix(
                    [
                        [
                            sympy.sin(
                                sympy.Mul(
                                    4,
                                    sympy.Add(
                                        y, sympy.Mul(i, pi / 4, evaluate=False), evaluate=False
                                    ),
                                    evaluate=False,
                                ),
                                evaluate=False,
                            )
                            for i in range(8)
                        ]
                    ]
                ),
                sympy.Matrix([[(-1) ** i * sympy.sin(4 * y) for i in range(8)]]),
            ),
            exhaustive(
                "the Piecewise L_a agrees with the exact values, is even, vanishes for |t| >= a, "
                "and the float64 evaluation (exactly reduced arguments) is within 2^-48",
                "a = 1..5, t in {m/8 : |m| <= 8a + 4}; values compared to 30 digits",
                _kernel_matches_values,
            ),
        ),
        references=(
            *LANCZOS_SOURCES,
            PILLOW_RESAMPLE.at("sinc_filter, lanczos_filter (-3 <= x < 3), LANCZOS support 3"),
            JAX_SCALE.at(
                "_fill_lanczos_kernel(radius, x) = radius sin(pi x) sin(pi x/radius)/(pi^2 x^2), "
                "1 for x <= 1e-3, 0 for x > radius; LANCZOS3, LANCZOS5"
            ),
            OPENCV_RESIZE.at(
                "interpolateLanczos4: y0 = -(x + 3) pi/4, s0 = sin(y0), c0 = cos(y0), "
                "coeffs[i] = (cs[i][0] s0 + cs[i][1] c0)/y^2 with y = -(x + 3 - i) pi/4, "
                "divided by their float sum"
            ),
        ),
        implemented_by=("oracle.kernels.lanczos",),
        notes=(
            "SymPy's sinc(z) is sin(z)/z, so sinc(pi t) on this page is sin(pi t)/(pi t). "
            "Written out, L_a(t) = a sin(pi t) sin(pi t/a)/(pi^2 t^2) for 0 < |t| < a. "
            "L_a'' jumps at |t| = a because sinc(t) and sinc(t/a) both vanish there while "
            "their slopes (-1)^a/a and -1/a do not.",
            "OpenCV evaluates the eight coefficients of the taps floor(x) - 3 .. floor(x) + 4 "
            "from one sine and one cosine: sin(y_i) comes from sin(y0) and cos(y0) by the angle "
            "addition in its table cs, and the factor sin(4 y_i) = (-1)^i sin(4 y0) common to "
            "all taps is dropped, which the division by the coefficients' sum undoes.",
            "jax returns 1 for 0 <= |t| <= 1e-3, where L_a(t) = 1 - pi^2 (1 + 1/a^2) t^2/6 + "
            "O(t^4) differs from 1 by up to 1.9e-6 (tolerance.lanczos).",
        ),
    )


# --------------------------------------------------------------------------------------------
# interp.lanczos.weights
# --------------------------------------------------------------------------------------------

_SUM_MARGIN = 1e-3
"""Every normaliser checked below is at least this; the float64 sums err by under 1e-13."""


def _float_value(dist: Fraction, a_value: int) -> Fraction:
    return Fraction(lanczos_float(dist, a_value))


def _fractions() -> Iterator[Fraction]:
    for m in range(64):
        yield Fraction(m, 64)


def _plain_normaliser_positive() -> Iterator[object]:
    for av in LANCZOS_AS:
        for f in _fractions():
            total = sum(lanczos_float(f - j, av) for j in plain_lanczos_taps(f, av))
            if total < _SUM_MARGIN:
                yield (av, f, total)


def _exclude_normaliser_positive() -> Iterator[object]:
    for av in LANCZOS_AS:
        for n in range(1, 7):
            for m in range(-15, 16 * n):
                x = Fraction(m, 16)
                kept = sum(
                    lanczos_float(x - j, av) for j in plain_lanczos_taps(x, av) if 0 <= j < n
                )
                if kept < _SUM_MARGIN:
                    yield (av, n, x, kept)


def _antialias_normalisers_positive() -> Iterator[object]:
    for av in LANCZOS_AS:
        for n, _out, i, s, x in antialias_cases():
            if s >= 1:
                continue
            taps = lanczos_taps(x, s, av, antialias=True, value=_float_value)
            total = float(sum(taps.values(), Fraction(0)))
            kept = float(sum((w for j, w in taps.items() if 0 <= j < n), Fraction(0)))
            radius = av / s
            count = math.ceil(x + radius) - math.floor(x - radius) - 1
            top = math.ceil(2 * radius)
            if total < _SUM_MARGIN or kept < _SUM_MARGIN:
                yield (av, n, s, i, total, kept)
            if not (len(taps) == count and top - 1 <= count <= top):
                yield (av, n, s, i, len(taps), count, top)


def _upsampling_antialias_is_plain() -> Iterator[object]:
    for av in LANCZOS_AS:
        for _n, _out, i, s, x in antialias_cases():
            if s < 1:
                continue
            aa = lanczos_taps(x, s, av, antialias=True, value=_float_value)
            plain = lanczos_taps(x, s, av, value=_float_value)
            if aa != plain:
                yield (av, s, i)


def _interpolating_at_integers() -> Iterator[object]:
    for av in LANCZOS_AS:
        for n in range(1, 7):
            for xi in range(n):
                x = Fraction(xi)
                for exclude in (False, True):
                    weights = lanczos_weights(x, Fraction(1), n, av, exclude=exclude)
                    if {j: w for j, w in weights.items() if w != 0} != {xi: 1}:
                        yield (av, n, xi, exclude, weights)


def _held_taps(x: Fraction, a_value: int) -> sympy.Expr:
    values = lanczos_taps(x, Fraction(1), a_value)
    return sympy.Add(*values.values(), evaluate=False)


@derivation("interp.lanczos.weights")
def _weights() -> Derivation:
    half = Fraction(1, 2)
    three = _held_taps(half, 3)
    two = _held_taps(half, 2)
    ones = list(range(-2, 4))
    return Derivation(
        id="interp.lanczos.weights",
        title="Lanczos weights: 2a taps, divided by their sum",
        statement=(
            "Tap j of source coordinate x weighs L_a((j - x) sigma) over the 2a taps "
            "floor(x) - a + 1 .. floor(x) + a (sigma = 1), or with antialias and s < 1 over the "
            "integers with |j - x| < a/s (sigma = s, resize.antialias). "
            "Unlike the triangle and Keys's kernel these values do not sum to 1 (at x = 1/2 "
            "the six a = 3 taps sum to 736/(75 pi^2) = 0.9943 and the four a = 2 taps to "
            "64 sqrt(2)/(9 pi^2) = 1.0191), so they are divided by their sum: over all taps with "
            "edge replicate (resize.border), which then folds the outside taps onto the edge "
            "sample, or over the in-range taps with exclude_outside (resize.exclude_outside). "
            "Every such sum is positive on the domains below, and at an integer coordinate the "
            "weights are 1 on that sample and 0 elsewhere, so the resize interpolates."
        ),
        result={
            "sum, a = 3, x = 1/2": three.doit(),
            "sum, a = 2, x = 1/2": sympy.simplify(two.doit()),
        },
        claims=(
            symbolic(
                "a = 3, x = 1/2: the six raw weights sum to 736/(75 pi^2), not 1",
                three,
                Rational(736, 75) / pi**2,
            ),
            symbolic(
                "a = 2, x = 1/2: the four raw weights sum to 64 sqrt(2)/(9 pi^2), not 1",
                two,
                64 * sympy.sqrt(2) / (9 * pi**2),
            ),
            symbolic(
                "normalised, a = 3, x = 1/2 reproduces constants: sum_j w_j c = c",
                sympy.Mul(
                    sympy.Add(
                        *(lanczos_value(half - j, 3) * sympy.Symbol("c") for j in ones),
                        evaluate=False,
                    ),
                    sympy.Pow(three, -1, evaluate=False),
                    evaluate=False,
                ),
                sympy.Symbol("c"),
            ),
            exhaustive(
                "interpolating: at an integer coordinate the normalised weights are 1 on that "
                "sample and 0 elsewhere (edge replicate and exclude_outside)",
                "a = 1..5, n = 1..6, x in 0..n-1, exact",
                _interpolating_at_integers,
            ),
            exhaustive(
                "the sum of the 2a raw weights is positive (at least 1e-3)",
                "a = 1..5, fraction x - floor(x) in {m/64}; float64, error below 1e-13",
                _plain_normaliser_positive,
            ),
            exhaustive(
                "exclude_outside: the sum of the in-range raw weights is positive (at least 1e-3)",
                "a = 1..5, n = 1..6, x in {m/16 : -15 <= m < 16n}; float64, error below 1e-13",
                _exclude_normaliser_positive,
            ),
            exhaustive(
                "antialias, s < 1: both normalisers are positive (at least 1e-3), and there are "
                "ceil(x + a/s) - floor(x - a/s) - 1 taps, ceil(2a/s) or one fewer",
                f"a = 1..5; s < 1 in {ANTIALIAS_DOMAIN}; float64, error below 1e-13",
                _antialias_normalisers_positive,
            ),
            exhaustive(
                "for s >= 1 antialias changes nothing: the taps and their values are the plain "
                "kernel's",
                f"a = 1..5; s >= 1 in {ANTIALIAS_DOMAIN}",
                _upsampling_antialias_is_plain,
            ),
        ),
        references=(
            *LANCZOS_SOURCES,
            OPENCV_RESIZE.at(
                "hal::resize: INTER_LANCZOS4 has ksize = 8 taps from floor(fx) - 3 with "
                "fx = (dx + 0.5) scale_x - 0.5, clamped at the border; interpolateLanczos4 "
                "divides by the coefficients' sum"
            ),
            PILLOW_RESAMPLE.at(
                "precompute_coeffs: support 3 max(1, in/out), window clipped to the image, "
                "weights divided by their sum"
            ),
            JAX_SCALE.at(
                "compute_weight_mat: kernel(|sample_f - j| / max(1/scale, 1)) over the input "
                "indices j, divided by the column sum"
            ),
        ),
        implemented_by=("oracle.axis_weights", "oracle.resize_plan"),
        notes=(
            "Raw sums at x = 1/2: a = 3 gives 2 (6 - 4/3 + 6/25)/pi^2 = 736/(75 pi^2) from "
            "L_3(1/2) = 6/pi^2, L_3(3/2) = -4/(3 pi^2), L_3(5/2) = 6/(25 pi^2).",
            "By their sources: OpenCV INTER_LANCZOS4 is a = 4, half_pixel, edge replicate, "
            "no antialias; Pillow LANCZOS is a = 3, half_pixel, antialias, exclude_outside "
            "(its window is clipped to the image); jax lanczos3 and lanczos5 are a = 3 and "
            "a = 5, half_pixel, antialias by default, exclude_outside (its weights are "
            "computed for the input indices only). tests/spec/test_lanczos.py checks each "
            "against the installed library.",
            "With antialias and edge replicate a tiny s puts about 2a/s taps beyond the edges. "
            "The oracle sums a run beyond an edge directly when s > 2^-10 (at most about "
            "2048 a taps) and otherwise by Gregory's formula: the integral of the kernel "
            "(Gauss-Legendre), the trapezoid end terms and six end differences, whose "
            "truncation is of order s^8 relative to the sum.",
        ),
    )
