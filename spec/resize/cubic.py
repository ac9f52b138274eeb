"""Keys cubic convolution, derived from its constraints, and the parameter a.

Pixel convention: samples sit at the integers ``j``; a source coordinate ``x`` (already mapped
from the output index by a coordinate map, see ``coord.*``) is interpolated from the taps
``floor(x) - 1 .. floor(x) + 2`` with weights ``K(x - j)``.  ``t = x - floor(x)`` is the
fraction, so the four weights are ``K(1 + t), K(t), K(1 - t), K(2 - t)``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from fractions import Fraction
from typing import Literal

import sympy
from sympy import Rational, symbols

from spec._exact import rational
from spec._moved import forwarder
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import (
    KEYS_1981,
    ONNX_RESIZE,
    OPENCV_RESIZE,
    PILLOW_RESAMPLE,
    TORCH_UPSAMPLE_H,
    TORCH_UPSAMPLE_KERNEL,
)

__all__ = [
    "A_DEFAULT",
    "A_KEYS",
    "KernelKind",
    "cubic_weights",
    "kernel_value",
    "keys_kernel",
    "keys_pieces",
    "lagrange_weights",
    "moment",
    "plain_taps",
]

t = symbols("t", real=True)
"""The fraction ``x - floor(x)`` (or, in ``keys_kernel``, the signed offset ``x - j``)."""
s = symbols("s", nonnegative=True)
"""The distance ``|x - j|`` from the sample to the tap."""
a = symbols("a", real=True)
"""Keys's free parameter: the cubic coefficient of the outer piece."""

A_DEFAULT = Fraction(-3, 4)
"""``a = -3/4``: the default of PyTorch bicubic, ONNX ``cubic_coeff_a`` and OpenCV INTER_CUBIC."""
A_KEYS = Fraction(-1, 2)
"""``a = -1/2``: Keys's third-order choice; Pillow and PyTorch's antialiased bicubic."""

KernelKind = Literal["linear", "cubic"]

#: Keys 1981, cited at the kernel's derivation and its third-order accuracy.
KEYS = KEYS_1981.at(
    "Sec. III: kernel form eq. (4), interpolation and continuity constraints, the "
    "one-parameter family, and the a = -1/2 kernel eq. (15); Sec. IV: third-order accuracy"
)

# Names that lived here before exclude_outside got its own module; still importable from here.
__getattr__ = forwarder(
    __name__,
    {"exclude_outside": "spec.resize.exclude_outside", "replicate_edges": "spec.resize.border"},
)


# --------------------------------------------------------------------------------------------
# The kernel, derived
# --------------------------------------------------------------------------------------------


_A1, _B1, _C1, _D1, _B2, _C2, _D2 = symbols("A_1 B_1 C_1 D_1 B_2 C_2 D_2")
_INNER_UNKNOWNS = (_A1, _B1, _C1, _D1)
_OUTER_UNKNOWNS = (_B2, _C2, _D2)
#: The two pieces with unknown coefficients; Keys names the outer s^3 coefficient a.
_INNER_FORM = _A1 * s**3 + _B1 * s**2 + _C1 * s + _D1
_OUTER_FORM = a * s**3 + _B2 * s**2 + _C2 * s + _D2


@functools.cache
def _keys_solution() -> dict[sympy.Symbol, sympy.Expr]:
    """The seven constrained coefficients, solved in terms of ``a``."""
    d_inner, d_outer = sympy.diff(_INNER_FORM, s), sympy.diff(_OUTER_FORM, s)
    equations = [
        _INNER_FORM.subs(s, 0) - 1,
        _INNER_FORM.subs(s, 1),
        _OUTER_FORM.subs(s, 1),
        _OUTER_FORM.subs(s, 2),
        d_inner.subs(s, 0),
        d_inner.subs(s, 1) - d_outer.subs(s, 1),
        d_outer.subs(s, 2),
    ]
    unknowns = [*_INNER_UNKNOWNS, *_OUTER_UNKNOWNS]
    (solution,) = sympy.linsolve(equations, unknowns)
    return dict(zip(unknowns, solution, strict=True))


@functools.cache
def keys_pieces() -> tuple[sympy.Expr, sympy.Expr]:
    """Derive Keys's kernel and return its two pieces as polynomials in the distance ``s``.

    Unknowns: ``K(s) = A1 s^3 + B1 s^2 + C1 s + D1`` on ``0 <= s <= 1`` and
    ``A2 s^3 + B2 s^2 + C2 s + D2`` on ``1 <= s <= 2`` (``K`` is even, zero for ``s >= 2``).
    Constraints (Keys 1981, Sec. III): ``K(0) = 1``, ``K(1) = 0`` from both sides, ``K(2) = 0``
    (interpolating and continuous), and a continuous first derivative at 0, 1 and 2
    (``K'(0) = 0`` by symmetry, ``K'(2) = 0`` to meet the zero tail).  Seven equations, eight
    unknowns: Keys names the free one ``a = A2``.  See ``interp.cubic.kernel``.

    >>> inner, outer = keys_pieces()
    >>> sympy.expand(inner.subs(a, Rational(-1, 2)))
    3*s**3/2 - 5*s**2/2 + 1
    >>> sympy.expand(outer.subs(a, Rational(-1, 2)))
    -s**3/2 + 5*s**2/2 - 4*s + 2
    """
    values = _keys_solution()
    return (
        sympy.collect(sympy.expand(_INNER_FORM.subs(values)), s),
        sympy.collect(sympy.expand(_OUTER_FORM.subs(values)), s),
    )


def _held_moment(m: int, a_value: object = a) -> sympy.Expr:
    """``sum_k w_k (k - t)^m`` over the four taps, unevaluated, for a claim's rendered side."""
    weights = cubic_weights(t, a_value)
    terms = [
        sympy.Mul(w, sympy.Pow(k - t, m, evaluate=False), evaluate=False)
        for w, k in zip(weights, (-1, 0, 1, 2), strict=True)
    ]
    return sympy.Add(*terms, evaluate=False)


def keys_kernel(a_value: object = a) -> sympy.Piecewise:
    """Keys's kernel ``K(t)`` as a SymPy ``Piecewise`` in the signed offset ``t``.

    ``K(t) = inner(|t|)`` for ``|t| <= 1``, ``outer(|t|)`` for ``|t| < 2``, else 0
    (``interp.cubic.kernel``).

    >>> K = keys_kernel(Rational(-3, 4))
    >>> [K.subs(t, v) for v in (0, Rational(1, 2), 1, Rational(-3, 2), 2)]
    [1, 19/32, 0, -3/32, 0]
    """
    inner, outer = keys_pieces()
    a_expr = sympy.sympify(a_value)
    dist = sympy.Abs(t)
    return sympy.Piecewise(
        (inner.subs(a, a_expr).subs(s, dist), dist <= 1),
        (outer.subs(a, a_expr).subs(s, dist), dist < 2),
        (sympy.Integer(0), True),
    )


def cubic_weights(frac: object = t, a_value: object = a) -> tuple[sympy.Expr, ...]:
    """The four weights of taps ``floor(x) - 1 .. floor(x) + 2`` at fraction ``frac``.

    They are ``K(1 + t), K(t), K(1 - t), K(2 - t)`` with ``0 <= t < 1`` (``interp.cubic.kernel``).

    >>> cubic_weights(Rational(1, 2), Rational(-3, 4))
    (-3/32, 19/32, 19/32, -3/32)
    >>> cubic_weights(Rational(1, 2), Rational(-1, 2))
    (-1/16, 9/16, 9/16, -1/16)
    """
    inner, outer = keys_pieces()
    f = sympy.sympify(frac)
    av = sympy.sympify(a_value)
    return tuple(
        sympy.expand(piece.subs(a, av).subs(s, dist))
        for piece, dist in ((outer, 1 + f), (inner, f), (inner, 1 - f), (outer, 2 - f))
    )


def moment(m: int, a_value: object = a) -> sympy.Expr:
    """``M_m(t) = sum_k K(t - k) (k - t)^m`` over the four taps ``k = -1, 0, 1, 2``, factored.

    ``M_0 = 1`` is the partition of unity; cubic convolution reproduces polynomials of degree
    ``< p`` exactly when ``M_1 = ... = M_(p-1) = 0`` (``interp.cubic.a_half``).

    >>> moment(1)
    -t*(2*a + 1)*(t - 1)*(2*t - 1)
    >>> moment(3, Rational(-1, 2))
    t*(t - 1)*(2*t - 1)
    """
    weights = cubic_weights(t, a_value)
    total = sum(w * (k - t) ** m for w, k in zip(weights, (-1, 0, 1, 2), strict=True))
    return sympy.factor(sympy.expand(total))


@functools.cache
def lagrange_weights(frac: object = t) -> tuple[sympy.Expr, ...]:
    """Weights of the interpolating cubic through ``(k, f_k)``, ``k = -1, 0, 1, 2``, at ``frac``.

    Derived by solving the 4x4 system ``c0 + c1 k + c2 k^2 + c3 k^3 = f_k`` for the unknown
    coefficients and reading off the factor of each ``f_k`` (``interp.cubic.a_half``).

    >>> lagrange_weights(Rational(1, 2))
    (-1/16, 9/16, 9/16, -1/16)
    """
    c = symbols("c_0:4")
    f = symbols("f_m1 f_0 f_1 f_2")
    nodes = (-1, 0, 1, 2)
    equations = [sum(c[i] * k**i for i in range(4)) - fk for k, fk in zip(nodes, f, strict=True)]
    (solution,) = sympy.linsolve(equations, list(c))
    x = sympy.sympify(frac)
    value = sympy.expand(sum(solution[i] * x**i for i in range(4)))
    return tuple(sympy.factor(value.coeff(fk)) for fk in f)


# --------------------------------------------------------------------------------------------
# Exact (Fraction) evaluation, for exhaustive claims and for the other chapters
# --------------------------------------------------------------------------------------------


def kernel_value(kind: KernelKind, dist: Fraction, a_value: Fraction = A_DEFAULT) -> Fraction:
    """The kernel at offset ``dist`` in exact arithmetic: the triangle or Keys's ``K``.

    ``linear``: ``max(0, 1 - |t|)`` (``interp.linear.weights``); ``cubic``: Keys's kernel with
    parameter ``a_value`` (``interp.cubic.kernel``).

    >>> kernel_value("cubic", Fraction(3, 2)), kernel_value("linear", Fraction(-1, 4))
    (Fraction(-3, 32), Fraction(3, 4))
    """
    d = abs(dist)
    if kind == "linear":
        return 1 - d if d < 1 else Fraction(0)
    if d <= 1:
        return (a_value + 2) * d**3 - (a_value + 3) * d**2 + 1
    if d < 2:
        return a_value * (d**3 - 5 * d**2 + 8 * d - 4)
    return Fraction(0)


def plain_taps(x: Fraction, kind: KernelKind, a_value: Fraction = A_DEFAULT) -> dict[int, Fraction]:
    """Unclamped tap index to weight at source coordinate ``x`` (no antialias).

    Linear: taps ``floor(x), floor(x) + 1``; cubic: ``floor(x) - 1 .. floor(x) + 2``; weight of
    tap ``j`` is ``K(x - j)`` (``interp.linear.weights``, ``interp.cubic.kernel``).

    >>> plain_taps(Fraction(5, 2), "cubic")
    {1: Fraction(-3, 32), 2: Fraction(19, 32), 3: Fraction(19, 32), 4: Fraction(-3, 32)}
    """
    base = math.floor(x)
    taps = range(base, base + 2) if kind == "linear" else range(base - 1, base + 3)
    return {j: kernel_value(kind, x - j, a_value) for j in taps}


# --------------------------------------------------------------------------------------------
# interp.cubic.kernel
# --------------------------------------------------------------------------------------------

_OFFSETS = [Fraction(k, 8) for k in range(-20, 21)]
_AS = (A_KEYS, A_DEFAULT, Fraction(-1))


def _piecewise_matches_exact() -> Iterator[object]:
    for av in _AS:
        kernel = keys_kernel(rational(av))
        for off in _OFFSETS:
            got = kernel.subs(t, rational(off))
            want = kernel_value("cubic", off, av)
            if got != rational(want):
                yield (av, off, got, want)


def _unity_on_grid() -> Iterator[object]:
    for av in _AS:
        for k in range(0, 16):
            x = Fraction(k, 16)
            total = sum((kernel_value("cubic", x - j, av) for j in range(-3, 5)), Fraction(0))
            if total != 1:
                yield (av, x, total)


@derivation("interp.cubic.kernel")
def _kernel() -> Derivation:
    inner, outer = keys_pieces()
    solution = _keys_solution()
    weights = cubic_weights()

    def at(piece: sympy.Expr, point: int) -> sympy.Subs:
        return sympy.Subs(piece, s, point)

    def slope(piece: sympy.Expr, point: int) -> sympy.Subs:
        return sympy.Subs(sympy.Derivative(piece, s), s, point)

    return Derivation(
        id="interp.cubic.kernel",
        title="Keys's cubic convolution kernel from its constraints",
        statement=(
            "Cubic convolution writes the interpolant as sum_j f_j K(x - j) with an even "
            "kernel K that is a cubic polynomial in s = |t| on [0, 1] and on [1, 2] and zero "
            "for s >= 2 (Keys 1981, eq. (4)), eight unknown coefficients. "
            "Interpolation (K(0) = 1, K(1) = K(2) = 0 from both sides) and a continuous first "
            "derivative (K'(0) = 0, equal slopes at 1, K'(2) = 0) are seven linear equations, "
            "which leave the outer s^3 coefficient a free and give "
            "K(s) = (a+2)s^3 - (a+3)s^2 + 1 on [0, 1] and a s^3 - 5a s^2 + 8a s - 4a on [1, 2]. "
            "With t = x - floor(x) the taps floor(x)-1 .. floor(x)+2 get K(1+t), K(t), K(1-t), "
            "K(2-t), which sum to 1 for every a."
        ),
        result={
            "K_inner(s)": inner,
            "K_outer(s)": outer,
            "K(t)": keys_kernel(),
            "w(t)": sympy.Matrix([weights]),
        },
        claims=(
            symbolic(
                "the solved inner piece is the published (a+2)s^3 - (a+3)s^2 + 1",
                sympy.Subs(
                    _INNER_FORM, _INNER_UNKNOWNS, tuple(solution[u] for u in _INNER_UNKNOWNS)
                ),
                (a + 2) * s**3 - (a + 3) * s**2 + 1,
            ),
            symbolic(
                "the solved outer piece is the published a s^3 - 5a s^2 + 8a s - 4a",
                sympy.Subs(
                    _OUTER_FORM, _OUTER_UNKNOWNS, tuple(solution[u] for u in _OUTER_UNKNOWNS)
                ),
                a * s**3 - 5 * a * s**2 + 8 * a * s - 4 * a,
            ),
            symbolic("interpolating: K(0) = 1", at(inner, 0), 1),
            symbolic("interpolating: K(1) = 0 (inner piece)", at(inner, 1), 0),
            symbolic("interpolating: K(1) = 0 (outer piece)", at(outer, 1), 0),
            symbolic("interpolating: K(2) = 0", at(outer, 2), 0),
            symbolic("C1 at 0: K'(0) = 0", slope(inner, 0), 0),
            symbolic(
                "C1 at 1: equal one-sided slopes",
                sympy.Add(slope(inner, 1), -slope(outer, 1), evaluate=False),
                0,
            ),
            symbolic("C1 at 1: the common slope is a", slope(inner, 1), a),
            symbolic("C1 at 2: K'(2) = 0", slope(outer, 2), 0),
            symbolic(
                "partition of unity: K(1+t) + K(t) + K(1-t) + K(2-t) = 1 for t in [0, 1), every a",
                sympy.Add(*weights, evaluate=False),
                1,
            ),
            exhaustive(
                "partition of unity over all taps: sum_j K(x - j) = 1",
                "x in {k/16 : 0 <= k < 16}, j in -3..4, a in {-1/2, -3/4, -1}",
                _unity_on_grid,
            ),
            exhaustive(
                "keys_kernel (Piecewise) agrees with the exact evaluation, is even and vanishes "
                "for |t| >= 2",
                "t in {k/8 : -20 <= k <= 20}, a in {-1/2, -3/4, -1}",
                _piecewise_matches_exact,
            ),
        ),
        references=(KEYS,),
        implemented_by=("oracle.kernels.cubic",),
    )


# --------------------------------------------------------------------------------------------
# interp.cubic.a_half
# --------------------------------------------------------------------------------------------


def _quadratic_residual(a_value: object = a) -> sympy.Expr:
    weights = cubic_weights(t, a_value)
    total = sum(w * k**2 for w, k in zip(weights, (-1, 0, 1, 2), strict=True))
    return sympy.factor(sympy.expand(total - t**2))


@derivation("interp.cubic.a_half")
def _a_half() -> Derivation:
    residual = _quadratic_residual()
    coefficients = sympy.Poly(sympy.expand(residual), t).coeffs()
    solutions = sympy.solve(coefficients, a, dict=True)
    a_solution = solutions[0][a] if len(solutions) == 1 else sympy.nan
    half = Rational(-1, 2)
    keys = sympy.ImmutableMatrix([cubic_weights(t, half)])
    lagrange = sympy.ImmutableMatrix([lagrange_weights(t)])
    lagrange_mid = sympy.ImmutableMatrix([lagrange_weights(Rational(1, 2))])
    mid = Rational(1, 2)
    bump = t * (t - 1) * (2 * t - 1)
    return Derivation(
        id="interp.cubic.a_half",
        title="a = -1/2: the only cubic convolution that reproduces quadratics",
        statement=(
            "Require the cubic convolution of samples of f(x) = x^2 to return x^2: the "
            "residual sum_k K(t - k) k^2 - t^2 over the taps k = -1, 0, 1, 2 is "
            "-2(2a + 1) t^2 (t - 1), which vanishes for every t only at a = -1/2. "
            "With the moments M_m(t) = sum_k K(t - k)(k - t)^m, M_0 = 1 for every a while M_1 "
            "and M_2 vanish only at a = -1/2, where M_3 = t(t-1)(2t-1) is the first nonzero "
            "moment, so the interpolation error is of order h^3: third-order accuracy "
            "(Keys 1981). "
            "The interpolating cubic through the four samples (Lagrange) agrees with "
            "a = -1/2 cubic convolution at t = 0, 1/2, 1 only."
        ),
        result={
            "R_2(t, a)": residual,
            "a": a_solution,
            "M_3(t) at a=-1/2": moment(3, half),
            "Lagrange L(t)": lagrange,
            "L(1/2)": lagrange_mid,
        },
        claims=(
            symbolic(
                "quadratic residual sum_k K(t-k) k^2 - t^2 = -2(2a+1) t^2 (t-1)",
                residual,
                -2 * (2 * a + 1) * t**2 * (t - 1),
            ),
            symbolic(
                "at a = -1/2 the residual vanishes for every t (its only factor in a is 2a + 1)",
                sympy.Subs(residual, a, half),
                0,
            ),
            symbolic("M_0 = 1 for every a", _held_moment(0), 1),
            symbolic("M_1 = -(2a+1) t(t-1)(2t-1)", moment(1), -(2 * a + 1) * bump),
            symbolic("M_2 = 4(2a+1) t^2 (t-1)^2", moment(2), 4 * (2 * a + 1) * t**2 * (t - 1) ** 2),
            symbolic(
                "a = -1/2 reproduces linear functions: M_1 = 0", sympy.Subs(moment(1), a, half), 0
            ),
            symbolic("a = -1/2 reproduces quadratics: M_2 = 0", sympy.Subs(moment(2), a, half), 0),
            symbolic(
                "third order, not fourth: M_3 = t(t-1)(2t-1) at a = -1/2",
                sympy.Subs(moment(3), a, half),
                bump,
            ),
            symbolic(
                "Lagrange weights equal the product form (-t(t-1)(t-2)/6, (t+1)(t-1)(t-2)/2, "
                "-(t+1)t(t-2)/2, (t+1)t(t-1)/6)",
                lagrange,
                sympy.Matrix(
                    [
                        [
                            -t * (t - 1) * (t - 2) / 6,
                            (t + 1) * (t - 1) * (t - 2) / 2,
                            -(t + 1) * t * (t - 2) / 2,
                            (t + 1) * t * (t - 1) / 6,
                        ]
                    ]
                ),
            ),
            symbolic(
                "Lagrange midpoint weights are (-1/16, 9/16, 9/16, -1/16)",
                sympy.Subs(lagrange, t, mid),
                sympy.Matrix(
                    [[Rational(-1, 16), Rational(9, 16), Rational(9, 16), Rational(-1, 16)]]
                ),
            ),
            symbolic(
                "a = -1/2 midpoint weights equal the Lagrange midpoint weights",
                sympy.Subs(keys, t, mid),
                sympy.Subs(lagrange, t, mid),
            ),
            symbolic(
                "a = -1/2 weights minus Lagrange weights = t(t-1)(2t-1) (-1/6, 1/2, -1/2, 1/6): "
                "equal only at t = 0, 1/2, 1",
                keys - lagrange,
                bump * sympy.Matrix([[Rational(-1, 6), half * -1, half, Rational(1, 6)]]),
            ),
        ),
        references=(KEYS,),
        implemented_by=("oracle.kernels.cubic",),
    )


# --------------------------------------------------------------------------------------------
# interp.cubic.default_a
# --------------------------------------------------------------------------------------------


def _weight_change_bound(a0: Fraction, a1: Fraction, bound: Fraction) -> Iterator[object]:
    hit = False
    for k in range(0, 61):
        frac = Fraction(k, 60)
        for j in range(-1, 3):
            diff = abs(kernel_value("cubic", frac - j, a1) - kernel_value("cubic", frac - j, a0))
            if diff > bound:
                yield (frac, j, diff)
            hit = hit or diff == bound
    if not hit:
        yield ("bound not attained on the grid", bound)


@derivation("interp.cubic.default_a")
def _default_a() -> Derivation:
    three_quarters = Rational(-3, 4)
    half = Rational(-1, 2)
    mid = Rational(1, 2)
    weights = sympy.ImmutableMatrix([cubic_weights()])
    da = sympy.ImmutableMatrix([[sympy.factor(sympy.diff(w, a)) for w in cubic_weights()]])
    inner, outer = keys_pieces()
    d_inner_da = sympy.factor(sympy.diff(inner, a))
    d_outer_da = sympy.factor(sympy.diff(outer, a))
    residual = _quadratic_residual()
    return Derivation(
        id="interp.cubic.default_a",
        title="The library defaults a = -3/4 and a = -1/2",
        statement=(
            "a = -3/4 is the default of PyTorch bicubic, ONNX Resize (cubic_coeff_a) and "
            "OpenCV INTER_CUBIC, while Pillow's bicubic filter and PyTorch's antialiased "
            "bicubic use a = -1/2; at the midpoint t = 1/2 the weights are "
            "(a/8, (4-a)/8, (4-a)/8, a/8). "
            "a = -3/4 reproduces neither quadratics (residual t^2 (t-1)) nor linear functions "
            "(M_1 = t(t-1)(2t-1)/2), so it is first-order accurate only. "
            "The weights are affine in a and |dK/da| peaks at 4/27, so a 1% change of a = -3/4 "
            "moves any weight by at most 1/900 and a = -0.74 by at most 1/675."
        ),
        result={
            "w(1/2; a)": weights.subs(t, mid),
            "w(1/2; -3/4)": weights.subs({t: mid, a: three_quarters}),
            "R_2(t) at a=-3/4": _quadratic_residual(three_quarters),
            "dw/da": da,
            "dK/da inner": d_inner_da,
            "dK/da outer": d_outer_da,
        },
        claims=(
            symbolic(
                "midpoint weights are (a/8, (4-a)/8, (4-a)/8, a/8)",
                sympy.Subs(weights, t, mid),
                sympy.Matrix([[a / 8, (4 - a) / 8, (4 - a) / 8, a / 8]]),
            ),
            symbolic(
                "a = -3/4 midpoint weights are (-3/32, 19/32, 19/32, -3/32)",
                sympy.Subs(weights, (t, a), (mid, three_quarters)),
                sympy.Matrix(
                    [[Rational(-3, 32), Rational(19, 32), Rational(19, 32), Rational(-3, 32)]]
                ),
            ),
            symbolic(
                "a = -1/2 midpoint weights are (-1/16, 9/16, 9/16, -1/16)",
                sympy.Subs(weights, (t, a), (mid, half)),
                sympy.Matrix(
                    [[Rational(-1, 16), Rational(9, 16), Rational(9, 16), Rational(-1, 16)]]
                ),
            ),
            symbolic(
                "a = -3/4 does not reproduce quadratics: residual t^2 (t - 1)",
                sympy.Subs(residual, a, three_quarters),
                t**2 * (t - 1),
            ),
            symbolic(
                "the a = -3/4 quadratic residual at t = 1/2 is -1/8",
                sympy.Subs(residual, (a, t), (three_quarters, mid)),
                Rational(-1, 8),
            ),
            symbolic(
                "a = -3/4 does not reproduce linear functions: M_1 = t(t-1)(2t-1)/2",
                sympy.Subs(moment(1), a, three_quarters),
                t * (t - 1) * (2 * t - 1) / 2,
            ),
            symbolic(
                "dw/da = (t(t-1)^2, t^2(t-1), -t(t-1)^2, -t^2(t-1))",
                sympy.ImmutableMatrix([[sympy.Derivative(w, a) for w in weights]]),
                sympy.Matrix(
                    [[t * (t - 1) ** 2, t**2 * (t - 1), -t * (t - 1) ** 2, -(t**2) * (t - 1)]]
                ),
            ),
            symbolic(
                "the weights are affine in a: w(t; a) - w(t; -3/4) = (a + 3/4) dw/da",
                weights - weights.subs(a, three_quarters),
                (a - three_quarters) * da,
            ),
            symbolic(
                "midpoint dw/da = (1/8, -1/8, -1/8, 1/8)",
                sympy.Subs(da, t, mid),
                sympy.Matrix([[Rational(1, 8), Rational(-1, 8), Rational(-1, 8), Rational(1, 8)]]),
            ),
            symbolic(
                "|dK/da| on [0, 1] is critical where d/ds vanishes: s = 0 and s = 2/3",
                sympy.Derivative(d_inner_da, s),
                sympy.Mul(s, 3 * s - 2, evaluate=False),
            ),
            symbolic(
                "... with value -4/27 at s = 2/3",
                sympy.Subs(d_inner_da, s, Rational(2, 3)),
                Rational(-4, 27),
            ),
            symbolic(
                "|dK/da| on [1, 2] is critical where d/ds vanishes: s = 4/3 and s = 2",
                sympy.Derivative(d_outer_da, s),
                sympy.Mul(3 * s - 4, s - 2, evaluate=False),
            ),
            symbolic(
                "... with value 4/27 at s = 4/3",
                sympy.Subs(d_outer_da, s, Rational(4, 3)),
                Rational(4, 27),
            ),
            exhaustive(
                "a 1% change of a = -3/4 (to -0.7425) moves every weight by at most 1/900, "
                "attained",
                "t in {k/60 : 0 <= k <= 60}, the four taps",
                lambda: _weight_change_bound(A_DEFAULT, Fraction(-297, 400), Fraction(1, 900)),
            ),
            exhaustive(
                "a = -0.74 instead of -0.75 moves every weight by at most 1/675, attained",
                "t in {k/60 : 0 <= k <= 60}, the four taps",
                lambda: _weight_change_bound(A_DEFAULT, Fraction(-37, 50), Fraction(1, 675)),
            ),
        ),
        references=(
            KEYS,
            TORCH_UPSAMPLE_H.at(
                "get_cubic_upsample_coefficients: A = -0.75; cubic_convolution1/2 are the two "
                "pieces"
            ),
            ONNX_RESIZE.at("attribute cubic_coeff_a (default -0.75, 'Equation (4)' of Keys)"),
            OPENCV_RESIZE.at("interpolateCubic: const float A = -0.75f (INTER_CUBIC)"),
            PILLOW_RESAMPLE.at("bicubic_filter: #define a -0.5"),
            TORCH_UPSAMPLE_KERNEL.at(
                "HelperInterpCubic::aa_filter: a = -0.5 when antialias=True ('compatibility "
                "with PIL'), -0.75 otherwise"
            ),
        ),
        implemented_by=("oracle.kernels.cubic",),
        notes=(
            "dK/da = s^2 (s - 1) on [0, 1] and (s - 1)(s - 2)^2 on [1, 2]; |dK/da| peaks at "
            "4/27 at s = 2/3 and s = 4/3.",
        ),
    )
