"""The evaluation error of the Lanczos kernel, and its terms in the resize model.

Derivation ``tolerance.lanczos``.  A backend evaluates ``L_a(t) = sinc(t) sinc(t/a)`` at its
float argument ``t`` (the argument's own error is the coordinate slack of
``tolerance.model``).  Each operation rounds with relative error at most ``u`` and each sine
with at most ``2u`` (faithful).  For ``sinc(z) = sin(pi z)/(pi z)`` computed as
``fl(sin(w)) / w`` with ``w = fl(fl(pi) z) = pi z (1 + theta_2)``:

* ``g(y) = sin(y)/y`` moves by ``|g'(xi)| |pi z theta_2|``, and ``|y g'(y)| =
  |cos y - sin(y)/y| <= C = 1.07``, so the rounded angle costs at most ``C gamma_2``;
* the sine's rounding and the division cost ``gamma_3 |g| <= gamma_3``;

so ``|fl(sinc(z)) - sinc(z)| <= C gamma_2 + gamma_3``.  The second factor's argument
``fl(t/a)`` adds one rounding to the angle, ``C gamma_3 + gamma_3``; both factors are at most 1
in magnitude and the product rounds once: ``(5C + 7) u <= 12.4u`` to first order.  jax's
``a sin(pi t) sin(pi t/a)/(pi^2 t^2)``: each sine's angle error over ``pi^2 t^2 / a`` is at
most ``gamma_2`` or ``gamma_3`` times a sinc (at most 1), each sine's rounding ``2u |L|``, and
the two products, the three roundings of the denominator and the division ``6u |L|``:
``15u``.  ``gamma_16`` bounds both.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction

import sympy
from sympy import pi, symbols

from spec._exact import float32 as _f32
from spec._exact import weighted_sum
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import HIGHAM_2002, JAX_SCALE, OPENCV_RESIZE, PILLOW_RESAMPLE
from spec.resize.lanczos import lanczos_float, lanczos_weights, sinc_product
from spec.tolerance.dot import gamma, unit_roundoff
from spec.tolerance.resize import (
    LANCZOS_EVALUATION_ROUNDINGS,
    _check_case,
    _coefficients,
    axis_terms,
    bound,
)

__all__ = ["jax_lanczos_f32", "opencv_lanczos4_f32", "sinc_product_f32"]

_U32 = unit_roundoff("float32")
_PI32 = _f32(math.pi)
_C = 1.07
"""A bound on ``|y d/dy (sin(y)/y)| = |cos y - sin(y)/y|`` for every real ``y``."""


def _sin32(v: float) -> float:
    """A float32 sine: the float64 sine of the float32 argument, rounded (within 1 ulp)."""
    return _f32(math.sin(v))


def _sinc32(z: float) -> float:
    if z == 0.0:
        return 1.0
    w = _f32(_PI32 * z)
    return _f32(_sin32(w) / w)


def sinc_product_f32(t: float, a_value: int) -> float:
    """Pillow's form ``sinc(t) sinc(t/a)`` in float32 arithmetic (``tolerance.lanczos``).

    >>> abs(sinc_product_f32(0.5, 3) - 6 / math.pi**2) < 1e-7
    True
    """
    d = abs(t)
    if d >= a_value:
        return 0.0
    return _f32(_sinc32(d) * _sinc32(_f32(d / a_value)))


def jax_lanczos_f32(t: float, a_value: int) -> float:
    """jax's ``_fill_lanczos_kernel`` in float32: ``((a sin(pi x)) sin(pi x / a)) / (pi^2 x^2)``,
    1 for ``x <= 1e-3``, 0 for ``x > a`` (``tolerance.lanczos``).

    >>> jax_lanczos_f32(0.0005, 3), jax_lanczos_f32(3.5, 3)
    (1.0, 0.0)
    """
    x = abs(t)
    if x > a_value:
        return 0.0
    if x <= 1e-3:
        return 1.0
    angle = _f32(_PI32 * x)
    y = _f32(_f32(a_value * _sin32(angle)) * _sin32(_f32(angle / a_value)))
    return _f32(y / _f32(_f32(math.pi**2) * _f32(x * x)))


_S45 = 0.70710678118654752440084436210485
_CS = ((1, 0), (-_S45, -_S45), (0, 1), (_S45, -_S45), (-1, 0), (_S45, _S45), (0, -1), (-_S45, _S45))


def opencv_lanczos4_f32(fx: float) -> list[float]:
    """OpenCV's interpolateLanczos4 for the float32 fraction ``fx``: coefficients in double,
    stored as float32, their float32 sum inverted and multiplied in (``tolerance.lanczos``).

    At ``fx = 0`` the centre tap takes OpenCV's stand-in ``1e30`` and the others keep their
    rounding residue, scaled down to about ``1e-30``:

    >>> weights = opencv_lanczos4_f32(0.0)
    >>> weights[3], all(abs(w) < 1e-29 for i, w in enumerate(weights) if i != 3)
    (1.0, True)
    """
    y0 = -(fx + 3) * math.pi * 0.25
    s0, c0 = math.sin(y0), math.cos(y0)
    coefficients = []
    total = 0.0
    for i, (cs0, cs1) in enumerate(_CS):
        offset = _f32(fx + 3 - i)
        if abs(offset) >= _f32(1e-6):
            y = -offset * math.pi * 0.25
            value = _f32((cs0 * s0 + cs1 * c0) / (y * y))
        else:
            value = _f32(1e30)
        coefficients.append(value)
        total = _f32(total + value)
    inverse = _f32(1.0 / total)
    return [_f32(c * inverse) for c in coefficients]


# --------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------


def _grid(a_value: int) -> Iterator[float]:
    for m in range(1, 256 * a_value):
        yield _f32(m / 256 + m * 1e-7)  # off the dyadic grid, exact in float32


def _angle_factor_bounded() -> Iterator[object]:
    """``|cos y - sin(y)/y| <= 1.07``: on a grid of step 1e-4 over (0, 6 pi] (its derivative is
    at most 2 in magnitude, so between grid points it exceeds the grid by at most 1e-4), and
    beyond 6 pi because ``|sin(y)/y| <= 1/(6 pi)``."""
    step = 1e-4
    worst = max(
        abs(math.cos(y) - math.sin(y) / y)
        for y in (step * m for m in range(1, math.ceil(6 * math.pi / step) + 1))
    )
    if worst + step > _C or 1 + 1 / (6 * math.pi) > _C:
        yield (worst, _C)


def _values_within_bound() -> Iterator[object]:
    limit = float(gamma(LANCZOS_EVALUATION_ROUNDINGS, _U32))
    for a_value in range(1, 6):
        for t in _grid(a_value):
            want = lanczos_float(Fraction(t), a_value)
            pillow = abs(sinc_product_f32(t, a_value) - want)
            jax = abs(jax_lanczos_f32(t, a_value) - want) if t > 1e-3 else 0.0
            if pillow > limit or jax > limit:
                yield (a_value, t, pillow, jax, limit)


def _value(dist: Fraction, a_value: int) -> Fraction:
    return Fraction(lanczos_float(dist, a_value))


def _opencv_within_bound() -> Iterator[object]:
    for n in range(1, 9):
        for out in range(1, 13):
            scale_x = n / out
            for i in range(out):
                fx = _f32((i + 0.5) * scale_x - 0.5)
                sx = math.floor(fx)
                coefficients = opencv_lanczos4_f32(_f32(fx - sx))
                weights = [(min(max(sx - 3 + k, 0), n - 1), c) for k, c in enumerate(coefficients)]
                x = (i + Fraction(1, 2)) * Fraction(n, out) - Fraction(1, 2)
                exact = lanczos_weights(x, Fraction(out, n), n, 4, value=_value)
                terms = axis_terms(x, n, "lanczos", _U32, lanczos_a=4)
                yield from _check_case(
                    weights, exact, _coefficients(terms), n, ("opencv", n, out, i)
                )


def _jax_within_bound() -> Iterator[object]:
    for a_value in (3, 5):
        for n in range(1, 9):
            for out in range(1, 11):
                inv_scale = _f32(1.0 / (out / n))
                kernel_scale = max(inv_scale, 1.0)
                s = Fraction(out, n)
                for i in range(out):
                    sample = _f32(_f32(_f32(i + 0.5) * inv_scale) - 0.5)
                    raw = [
                        jax_lanczos_f32(_f32(_f32(abs(_f32(sample - j))) / kernel_scale), a_value)
                        for j in range(n)
                    ]
                    total = 0.0
                    for w in raw:
                        total = _f32(total + w)
                    weights = [(j, _f32(w / total)) for j, w in enumerate(raw)]
                    x = (i + Fraction(1, 2)) / s - Fraction(1, 2)
                    exact = lanczos_weights(
                        x, s, n, a_value, antialias=True, exclude=True, value=_value
                    )
                    terms = axis_terms(
                        x, n, "lanczos", _U32, s=s, antialias=True, exclude=True, lanczos_a=a_value
                    )
                    yield from _check_case(
                        weights, exact, _coefficients(terms), n, ("jax", a_value, n, out, i)
                    )


# The sensitivity case: 8 -> 16, asymmetric, output 7: x = 7/2, taps 1..6 (a = 3), 0..7 (a = 4)
# and -1..8 (a = 5, edge replicate).
_SENS_X = Fraction(7, 2)
_SENS_N = 8
_SMOOTH = [10, 10, 11, 11, 10, 10, 10, 10]


def _sens_bound(samples: Sequence[int], a_value: int) -> Fraction:
    terms = axis_terms(_SENS_X, _SENS_N, "lanczos", _U32, lanczos_a=a_value)
    return bound([terms], lambda j: Fraction(abs(samples[j[0]])), _U32)


def _weight_error_caught() -> Iterator[object]:
    for a_value in (3, 4, 5):
        weights = lanczos_weights(_SENS_X, Fraction(1), _SENS_N, a_value, value=_value)
        for samples in ([0, 0, 0, 1, 0, 0, 0, 0], [1] * 8, _SMOOTH):
            error = abs(weights[3]) * Fraction(1, 10**4) * abs(samples[3])
            if not error > _sens_bound(samples, a_value):
                yield (a_value, samples, float(error), float(_sens_bound(samples, a_value)))


def _order_caught() -> Iterator[object]:
    for a_value in (3, 4, 5):
        for other in (a_value - 1, a_value + 1):
            mine = weighted_sum(
                lanczos_weights(_SENS_X, Fraction(1), _SENS_N, a_value, value=_value), _SMOOTH
            )
            theirs = weighted_sum(
                lanczos_weights(_SENS_X, Fraction(1), _SENS_N, other, value=_value), _SMOOTH
            )
            if not abs(mine - theirs) > _sens_bound(_SMOOTH, a_value):
                yield (a_value, other, float(abs(mine - theirs)))


@derivation("tolerance.lanczos")
def _lanczos_tolerance() -> Derivation:
    t, y = symbols("t y", real=True)
    a = symbols("a", integer=True, positive=True)
    u, c = symbols("u C", positive=True)
    g = sympy.sin(y) / y
    sinc_form = sympy.Add(2 * c * u, 3 * u, 3 * c * u, 3 * u, u, evaluate=False)
    jax_form = sympy.Add(2 * u, 2 * u, 3 * u, 2 * u, 6 * u, evaluate=False)
    limit = sympy.Limit((sinc_product() - 1) / t**2, t, 0)
    return Derivation(
        id="tolerance.lanczos",
        title="The evaluation error of the Lanczos kernel",
        statement=(
            "Evaluating L_a(t) = sinc(t) sinc(t/a) at a float t with sinc(z) = "
            "sin(fl(pi) z)/(fl(pi) z) errs by at most C gamma_2 + gamma_3 per sinc, where "
            "C = 1.07 bounds |y d/dy (sin y / y)| = |cos y - sin y / y|, by C gamma_3 + gamma_3 "
            "for the rounded t/a, and by u for the product, (5C + 7)u <= 12.4u to first order, "
            "while jax's a sin(pi t) sin(pi t/a)/(pi^2 t^2) errs by at most 15u; gamma_16 "
            "bounds both. "
            "The resize model (tolerance.model) always renormalises Lanczos weights, so tap j's "
            "evaluation term is gamma(16 + T)(1 + |w_j| T)/|S| over its T taps, with the "
            "float64 error of the model's own weights added and the coordinate slack taken "
            "over the union of the tap sets as for the other kernels. "
            "At float32 this bound holds for Pillow's, jax's and OpenCV's float paths, and it "
            "catches a relative error of 1e-4 in one weight and an order off by one."
        ),
        result={
            "y g'(y)": sympy.simplify(y * sympy.diff(g, y)),
            "first order, sinc form": sympy.expand(sinc_form.doit()),
            "first order, jax form": jax_form.doit(),
            "L_a t^2 coefficient": sympy.simplify(limit.doit()),
        },
        claims=(
            symbolic(
                "the rounded angle moves sin(y)/y by y g'(y) theta, and y g'(y) = cos y - sin(y)/y",
                sympy.Mul(y, sympy.Derivative(g, y), evaluate=False),
                sympy.cos(y) - sympy.sin(y) / y,
            ),
            exhaustive(
                "|cos y - sin(y)/y| <= C = 1.07 for every real y",
                "y = m 1e-4 in (0, 6 pi] with the derivative bound 2 between grid points; "
                "|y| > 6 pi by |sin(y)/y| <= 1/(6 pi)",
                _angle_factor_bounded,
            ),
            symbolic(
                "sinc form, first order: (C gamma_2 + gamma_3) + (C gamma_3 + gamma_3) + u "
                "= (5C + 7) u, at most 12.35 u",
                sinc_form,
                (5 * c + 7) * u,
            ),
            symbolic(
                "jax form, first order: gamma_2 + 2u + gamma_3 + 2u + 6u = 15u",
                jax_form,
                15 * u,
            ),
            symbolic(
                "jax's shortcut: L_a(t) = 1 - pi^2 (1 + 1/a^2) t^2/6 + O(t^4), so returning 1 "
                "for |t| <= 1e-3 errs by up to 1.65e-6 (1 + 1/a^2)",
                limit,
                -(pi**2) * (1 + 1 / a**2) / 6,
            ),
            exhaustive(
                "Pillow's and jax's forms in float32 err by at most gamma_16 (u = 2^-24)",
                "a = 1..5, t = fl32(m/256 + m 1e-7) for 0 < m < 256 a (jax for t > 1e-3); the "
                "reference in float64 with exactly reduced arguments",
                _values_within_bound,
            ),
            exhaustive(
                "OpenCV's float path (INTER_LANCZOS4: float32 fx, interpolateLanczos4 stored "
                "in float32 and normalised by the float32 sum, edge replicate, float32 dot) "
                "stays within the bound",
                "n in 1..8, out in 1..12, every output; samples 1000 e_m, (-1)^j 7 (j + 1), "
                "100 + (j mod 2)",
                _opencv_within_bound,
            ),
            exhaustive(
                "jax's float path (lanczos3 and lanczos5, antialias, weights over the input "
                "indices divided by their float32 sum, float32 dot) stays within the bound",
                "n in 1..8, out in 1..10, every output; the same samples",
                _jax_within_bound,
            ),
            exhaustive(
                "a 1e-4 relative error in the weight of tap 3 exceeds the float32 bound",
                "a = 3, 4, 5; n = 8, x = 7/2 (8 -> 16, asymmetric, output 7), edge "
                "replicate; samples e_3, all ones and (10, 10, 11, 11, 10, 10, 10, 10)",
                _weight_error_caught,
            ),
            exhaustive(
                "an order off by one changes y by more than the float32 bound",
                "a = 3, 4, 5 against a - 1 and a + 1, the same case, smooth samples",
                _order_caught,
            ),
        ),
        references=(
            HIGHAM_2002.at("Sec. 2.2 (the standard model), Lemma 3.1 (gamma_n)"),
            PILLOW_RESAMPLE.at("sinc_filter and lanczos_filter, evaluated in double"),
            JAX_SCALE.at("_fill_lanczos_kernel and compute_weight_mat, in the input's float type"),
            OPENCV_RESIZE.at(
                "interpolateLanczos4: coefficients in double, stored in float, float sum"
            ),
        ),
        implemented_by=("spec.tolerance.axis_terms", "conformance.tolerance.resize_bound"),
        notes=(
            "The sine is assumed faithful (relative error below 2u); the float32 emulation "
            "takes the float64 sine of the float32 angle and rounds it, within one ulp.",
            "Renormalising: with raw values r_i + e_i, |e_i| <= gamma_16, and their sum rounded "
            "with T - 1 additions, w_j moves by at most (gamma_16 + |w_j| (T gamma_16 + "
            "gamma_(T-1) sum_i |r_i|))/|S| + u |w_j|, within gamma(16 + T)(1 + |w_j| T)/|S| "
            "while sum_i |w_i| |S| <= T.",
            "jax returns 1 for 0 < |t| <= 1e-3, off by up to pi^2 (1 + 1/a^2) 1e-6/6, that is "
            "1.8e-6 for a = 3, against gamma_16 = 9.5e-7 at float32: a deviation the model may "
            "report where a case puts a tap within 1e-3 of the source coordinate.",
        ),
    )
