"""Keys cubic convolution, derived from its constraints; the parameter a; exclude_outside.

Pixel convention: samples sit at the integers ``j``; a source coordinate ``x`` (already mapped
from the output index by a coordinate map, see ``coord.*``) is interpolated from the taps
``floor(x) - 1 .. floor(x) + 2`` with weights ``K(x - j)``.  ``t = x - floor(x)`` is the
fraction, so the four weights are ``K(1 + t), K(t), K(1 - t), K(2 - t)``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Literal

import sympy
from sympy import Rational, symbols

from spec.core import Derivation, Reference, derivation, exhaustive, symbolic

__all__ = [
    "A_DEFAULT",
    "A_KEYS",
    "KernelKind",
    "cubic_weights",
    "exclude_outside",
    "kernel_value",
    "keys_kernel",
    "keys_pieces",
    "lagrange_weights",
    "moment",
    "plain_taps",
    "replicate_edges",
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

KEYS_1981 = Reference(
    author="R. G. Keys",
    title="Cubic convolution interpolation for digital image processing",
    venue="IEEE Transactions on Acoustics, Speech, and Signal Processing 29(6), 1153-1160",
    year=1981,
    locator=(
        "Sec. III: kernel form eq. (4), interpolation and continuity constraints, "
        "the one-parameter family, and the a = -1/2 kernel eq. (15); Sec. IV: third-order accuracy"
    ),
)
TORCH_UPSAMPLE_H = Reference(
    author="PyTorch contributors",
    title="aten/src/ATen/native/UpSample.h",
    venue="PyTorch source, github.com/pytorch/pytorch (behaviour checked against torch 2.13.0)",
    year=2026,
    locator=(
        "get_cubic_upsample_coefficients: A = -0.75; cubic_convolution1/2 are the two pieces; "
        "upsample_get_value_bounded clamps the tap index (edge replicate)"
    ),
)
TORCH_UPSAMPLE_KERNEL_CPP = Reference(
    author="PyTorch contributors",
    title="aten/src/ATen/native/cpu/UpSampleKernel.cpp",
    venue="PyTorch source, github.com/pytorch/pytorch (commit bb7240c3; torch 2.13.0 agrees)",
    year=2026,
    locator=(
        "HelperInterpCubic::aa_filter: a = -0.5 when antialias=True ('compatibility with PIL'), "
        "-0.75 otherwise"
    ),
)
ONNX_RESIZE = Reference(
    author="ONNX contributors",
    title="Resize (opset 19)",
    venue="ONNX operator specification, onnx/docs/Operators.md (onnx 1.23.2 schema)",
    year=2026,
    locator=(
        "attributes cubic_coeff_a (default -0.75, 'Equation (4)' of Keys), exclude_outside "
        "(outside weights set to 0 and renormalised to sum 1), antialias"
    ),
)
OPENCV_RESIZE = Reference(
    author="OpenCV contributors",
    title="modules/imgproc/src/resize.cpp",
    venue="OpenCV source, github.com/opencv/opencv (commit e4d7984a)",
    year=2026,
    locator="interpolateCubic: const float A = -0.75f (INTER_CUBIC)",
)
PILLOW_RESAMPLE = Reference(
    author="Pillow contributors",
    title="src/libImaging/Resample.c",
    venue="Pillow source, github.com/python-pillow/Pillow (commit d3740155)",
    year=2026,
    locator=(
        "bicubic_filter: #define a -0.5; precompute_coeffs: support scaled by max(1, in/out), "
        "window clipped to the image and renormalised"
    ),
)


# --------------------------------------------------------------------------------------------
# The kernel, derived
# --------------------------------------------------------------------------------------------


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
    a1, b1, c1, d1, b2, c2, d2 = symbols("A_1 B_1 C_1 D_1 B_2 C_2 D_2")
    inner = a1 * s**3 + b1 * s**2 + c1 * s + d1
    outer = a * s**3 + b2 * s**2 + c2 * s + d2
    d_inner, d_outer = sympy.diff(inner, s), sympy.diff(outer, s)
    equations = [
        inner.subs(s, 0) - 1,
        inner.subs(s, 1),
        outer.subs(s, 1),
        outer.subs(s, 2),
        d_inner.subs(s, 0),
        d_inner.subs(s, 1) - d_outer.subs(s, 1),
        d_outer.subs(s, 2),
    ]
    (solution,) = sympy.linsolve(equations, [a1, b1, c1, d1, b2, c2, d2])
    values = dict(zip([a1, b1, c1, d1, b2, c2, d2], solution, strict=True))
    return (
        sympy.collect(sympy.expand(inner.subs(values)), s),
        sympy.collect(sympy.expand(outer.subs(values)), s),
    )


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


def replicate_edges(weights: Mapping[int, Fraction], n: int) -> dict[int, Fraction]:
    """Fold unclamped taps onto ``[0, n - 1]`` by clamping the index (edge replicate).

    The result maps each in-range index to the total weight it receives (``resize.border``).

    >>> replicate_edges({-1: Fraction(1, 4), 0: Fraction(3, 4)}, 3)
    {0: Fraction(1, 1)}
    """
    folded: dict[int, Fraction] = {}
    for j, w in weights.items():
        k = min(max(j, 0), n - 1)
        folded[k] = folded.get(k, Fraction(0)) + w
    return folded


def exclude_outside(weights: Mapping[int, Fraction], n: int) -> dict[int, Fraction]:
    """Drop taps outside ``[0, n - 1]`` and renormalise the rest to sum 1.

    See ``resize.exclude_outside``.  Raises ``ValueError`` when the in-range weights sum to
    zero, where the renormalisation is undefined.

    >>> exclude_outside({-1: Fraction(1, 4), 0: Fraction(3, 4)}, 3)
    {0: Fraction(1, 1)}
    """
    kept = {j: w for j, w in weights.items() if 0 <= j < n}
    total = sum(kept.values(), Fraction(0))
    if total == 0:
        raise ValueError("exclude_outside: in-range weights sum to 0 (resize.exclude_outside)")
    return {j: w / total for j, w in kept.items()}


def _value(weights: Mapping[int, Fraction], samples: list[int]) -> Fraction:
    return sum((w * samples[j] for j, w in weights.items()), Fraction(0))


# --------------------------------------------------------------------------------------------
# interp.cubic.kernel
# --------------------------------------------------------------------------------------------

_OFFSETS = [Fraction(k, 8) for k in range(-20, 21)]
_AS = (A_KEYS, A_DEFAULT, Fraction(-1))


def _piecewise_matches_exact() -> Iterator[object]:
    for av in _AS:
        kernel = keys_kernel(Rational(av.numerator, av.denominator))
        for off in _OFFSETS:
            got = kernel.subs(t, Rational(off.numerator, off.denominator))
            want = kernel_value("cubic", off, av)
            if got != Rational(want.numerator, want.denominator):
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
    d_inner, d_outer = sympy.diff(inner, s), sympy.diff(outer, s)
    weights = cubic_weights()
    return Derivation(
        id="interp.cubic.kernel",
        title="Keys's cubic convolution kernel from its constraints",
        statement=(
            "Cubic convolution writes the interpolant as sum_j f_j K(x - j) with an even kernel K "
            "that is a cubic polynomial in s = |t| on [0, 1] and on [1, 2] and zero for s >= 2 "
            "(Keys 1981, eq. (4)): eight unknown coefficients. Interpolation gives K(0) = 1 and "
            "K(1) = K(2) = 0 (from both sides at 1, so K is continuous); a continuous first "
            "derivative gives K'(0) = 0 (K is even), equal one-sided slopes at 1, and K'(2) = 0. "
            "Seven linear equations leave one free coefficient, the s^3 coefficient a of the outer "
            "piece; solving gives K(s) = (a+2)s^3 - (a+3)s^2 + 1 on [0, 1] and "
            "a s^3 - 5a s^2 + 8a s - 4a on [1, 2]. With the fraction t = x - floor(x), the taps "
            "floor(x)-1 .. floor(x)+2 get K(1+t), K(t), K(1-t), K(2-t); these sum to 1 for every a."
        ),
        result={
            "K_inner(s)": inner,
            "K_outer(s)": outer,
            "K(t)": keys_kernel(),
            "w(t)": sympy.Matrix([weights]),
        },
        claims=(
            symbolic(
                "inner piece equals the published (a+2)s^3 - (a+3)s^2 + 1",
                inner,
                (a + 2) * s**3 - (a + 3) * s**2 + 1,
            ),
            symbolic(
                "outer piece equals the published a s^3 - 5a s^2 + 8a s - 4a",
                outer,
                a * s**3 - 5 * a * s**2 + 8 * a * s - 4 * a,
            ),
            symbolic("interpolating: K(0) = 1", inner.subs(s, 0), 1),
            symbolic("interpolating: K(1) = 0 (inner piece)", inner.subs(s, 1), 0),
            symbolic("interpolating: K(1) = 0 (outer piece)", outer.subs(s, 1), 0),
            symbolic("interpolating: K(2) = 0", outer.subs(s, 2), 0),
            symbolic("C1 at 0: K'(0) = 0", d_inner.subs(s, 0), 0),
            symbolic("C1 at 1: equal one-sided slopes", d_inner.subs(s, 1) - d_outer.subs(s, 1), 0),
            symbolic("C1 at 1: the common slope is a", d_inner.subs(s, 1), a),
            symbolic("C1 at 2: K'(2) = 0", d_outer.subs(s, 2), 0),
            symbolic(
                "partition of unity: K(1+t) + K(t) + K(1-t) + K(2-t) = 1 for t in [0, 1), every a",
                sum(weights),
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
        references=(KEYS_1981,),
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
    keys = sympy.Matrix([cubic_weights(t, half)])
    lagrange = sympy.Matrix([lagrange_weights(t)])
    lagrange_mid = sympy.Matrix([lagrange_weights(Rational(1, 2))])
    bump = t * (t - 1) * (2 * t - 1)
    return Derivation(
        id="interp.cubic.a_half",
        title="a = -1/2: the only cubic convolution that reproduces quadratics",
        statement=(
            "Require the cubic convolution of samples of f(x) = x^2 to return x^2: "
            "sum_k K(t - k) k^2 = t^2 for t in [0, 1), taps k = -1, 0, 1, 2. The residual is "
            "-2(2a + 1) t^2 (t - 1); its coefficients in t vanish only for a = -1/2. With the "
            "moments M_m(t) = sum_k K(t - k)(k - t)^m, M_0 = 1 for every a, while "
            "M_1 = -(2a+1) t(t-1)(2t-1) and M_2 = 4(2a+1) t^2 (t-1)^2 vanish only at a = -1/2; "
            "M_3 = t(t-1)(2t-1) is then the first nonzero moment, so a Taylor expansion of f "
            "about x gives an interpolation error of order h^3: third-order accuracy (Keys 1981). "
            "The interpolating cubic through the four samples (Lagrange), derived by solving for "
            "its coefficients, agrees with a = -1/2 cubic convolution at t = 0, 1/2, 1 only; at "
            "the midpoint both give (-1/16, 9/16, 9/16, -1/16)."
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
                "the residual's coefficients in t vanish for exactly one a, a = -1/2",
                a_solution,
                half,
            ),
            symbolic("M_0 = 1 for every a", moment(0), 1),
            symbolic("M_1 = -(2a+1) t(t-1)(2t-1)", moment(1), -(2 * a + 1) * bump),
            symbolic("M_2 = 4(2a+1) t^2 (t-1)^2", moment(2), 4 * (2 * a + 1) * t**2 * (t - 1) ** 2),
            symbolic("a = -1/2 reproduces linear functions: M_1 = 0", moment(1, half), 0),
            symbolic("a = -1/2 reproduces quadratics: M_2 = 0", moment(2, half), 0),
            symbolic(
                "third order, not fourth: M_3 = t(t-1)(2t-1) at a = -1/2", moment(3, half), bump
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
                lagrange_mid,
                sympy.Matrix(
                    [[Rational(-1, 16), Rational(9, 16), Rational(9, 16), Rational(-1, 16)]]
                ),
            ),
            symbolic(
                "a = -1/2 midpoint weights equal the Lagrange midpoint weights",
                sympy.Matrix([cubic_weights(Rational(1, 2), half)]),
                lagrange_mid,
            ),
            symbolic(
                "a = -1/2 weights minus Lagrange weights = t(t-1)(2t-1) (-1/6, 1/2, -1/2, 1/6): "
                "equal only at t = 0, 1/2, 1",
                keys - lagrange,
                bump * sympy.Matrix([[Rational(-1, 6), half * -1, half, Rational(1, 6)]]),
            ),
        ),
        references=(KEYS_1981,),
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
    weights = sympy.Matrix([cubic_weights()])
    da = sympy.Matrix([[sympy.factor(sympy.diff(w, a)) for w in cubic_weights()]])
    inner, outer = keys_pieces()
    d_inner_da = sympy.factor(sympy.diff(inner, a))
    d_outer_da = sympy.factor(sympy.diff(outer, a))
    inner_crit = [r for r in sympy.solve(sympy.diff(d_inner_da, s), s) if 0 < r < 1]
    outer_crit = [r for r in sympy.solve(sympy.diff(d_outer_da, s), s) if 1 < r < 2]
    return Derivation(
        id="interp.cubic.default_a",
        title="The library defaults a = -3/4 and a = -1/2",
        statement=(
            "a = -3/4 is the default of PyTorch bicubic (UpSample.h, A = -0.75), ONNX Resize "
            "(cubic_coeff_a = -0.75) and OpenCV INTER_CUBIC (A = -0.75f); Pillow's bicubic "
            "filter and PyTorch's antialiased bicubic (antialias=True) use a = -1/2. At the "
            "midpoint t = 1/2 the weights are (a/8, (4-a)/8, (4-a)/8, a/8): "
            "(-3/32, 19/32, 19/32, -3/32) for a = -3/4 and (-1/16, 9/16, 9/16, -1/16) for "
            "a = -1/2. a = -3/4 reproduces neither quadratics (residual t^2 (t-1)) nor linear "
            "functions (M_1 = t(t-1)(2t-1)/2), so it is first-order accurate only. The weights are "
            "affine in a with dK/da = s^2 (s-1) on [0, 1] and (s-1)(s-2)^2 on [1, 2]; |dK/da| "
            "peaks at 4/27 (s = 2/3 and s = 4/3), so changing a by 1% of 3/4 moves any weight by "
            "at most 1/900, and a = -0.74 instead of -0.75 moves it by at most 1/675."
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
                weights.subs(t, mid),
                sympy.Matrix([[a / 8, (4 - a) / 8, (4 - a) / 8, a / 8]]),
            ),
            symbolic(
                "a = -3/4 midpoint weights are (-3/32, 19/32, 19/32, -3/32)",
                weights.subs({t: mid, a: three_quarters}),
                sympy.Matrix(
                    [[Rational(-3, 32), Rational(19, 32), Rational(19, 32), Rational(-3, 32)]]
                ),
            ),
            symbolic(
                "a = -1/2 midpoint weights are (-1/16, 9/16, 9/16, -1/16)",
                weights.subs({t: mid, a: half}),
                sympy.Matrix(
                    [[Rational(-1, 16), Rational(9, 16), Rational(9, 16), Rational(-1, 16)]]
                ),
            ),
            symbolic(
                "a = -3/4 does not reproduce quadratics: residual t^2 (t - 1)",
                _quadratic_residual(three_quarters),
                t**2 * (t - 1),
            ),
            symbolic(
                "the a = -3/4 quadratic residual at t = 1/2 is -1/8",
                _quadratic_residual(three_quarters).subs(t, mid),
                Rational(-1, 8),
            ),
            symbolic(
                "a = -3/4 does not reproduce linear functions: M_1 = t(t-1)(2t-1)/2",
                moment(1, three_quarters),
                t * (t - 1) * (2 * t - 1) / 2,
            ),
            symbolic(
                "dw/da = (t(t-1)^2, t^2(t-1), -t(t-1)^2, -t^2(t-1))",
                da,
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
                da.subs(t, mid),
                sympy.Matrix([[Rational(1, 8), Rational(-1, 8), Rational(-1, 8), Rational(1, 8)]]),
            ),
            symbolic(
                "|dK/da| on [0, 1] peaks at s = 2/3",
                sympy.Matrix([inner_crit]),
                sympy.Matrix([[Rational(2, 3)]]),
            ),
            symbolic("... with value -4/27", d_inner_da.subs(s, Rational(2, 3)), Rational(-4, 27)),
            symbolic(
                "|dK/da| on [1, 2] peaks at s = 4/3",
                sympy.Matrix([outer_crit]),
                sympy.Matrix([[Rational(4, 3)]]),
            ),
            symbolic("... with value 4/27", d_outer_da.subs(s, Rational(4, 3)), Rational(4, 27)),
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
            KEYS_1981,
            TORCH_UPSAMPLE_H,
            ONNX_RESIZE,
            OPENCV_RESIZE,
            PILLOW_RESAMPLE,
            TORCH_UPSAMPLE_KERNEL_CPP,
        ),
        implemented_by=("oracle.resize", "oracle.kernels.cubic"),
    )


# --------------------------------------------------------------------------------------------
# resize.exclude_outside
# --------------------------------------------------------------------------------------------

_EXCLUDE_SIZES = range(1, 7)
_EXCLUDE_KINDS: tuple[tuple[KernelKind, Fraction], ...] = (
    ("linear", A_DEFAULT),
    ("cubic", A_DEFAULT),
    ("cubic", A_KEYS),
)


def _coordinates(n: int) -> Iterator[Fraction]:
    # Every coordinate map keeps x inside (-1, n); step 1/8.
    for k in range(-7, 8 * n):
        yield Fraction(k, 8)


def _exclude_sums_to_one() -> Iterator[object]:
    for kind, av in _EXCLUDE_KINDS:
        for n in _EXCLUDE_SIZES:
            for x in _coordinates(n):
                taps = plain_taps(x, kind, av)
                kept = [w for j, w in taps.items() if 0 <= j < n]
                if sum(kept, Fraction(0)) <= 0:
                    yield (kind, av, n, x, "in-range weights do not sum to a positive number")
                    continue
                if sum(exclude_outside(taps, n).values(), Fraction(0)) != 1:
                    yield (kind, av, n, x)


def _exclude_interior_unchanged() -> Iterator[object]:
    for kind, av in _EXCLUDE_KINDS:
        for n in _EXCLUDE_SIZES:
            for x in _coordinates(n):
                taps = plain_taps(x, kind, av)
                if all(0 <= j < n for j in taps) and exclude_outside(taps, n) != taps:
                    yield (kind, av, n, x)


def _linear_exclude_is_replicate() -> Iterator[object]:
    for n in _EXCLUDE_SIZES:
        for x in _coordinates(n):
            taps = plain_taps(x, "linear")
            excluded = {j: w for j, w in exclude_outside(taps, n).items() if w != 0}
            replicated = {j: w for j, w in replicate_edges(taps, n).items() if w != 0}
            if excluded != replicated:
                yield (n, x, excluded, replicated)


_BORDER_SAMPLES = [1, 2, 4, 8]
_BORDER_X = Fraction(-1, 4)  # half_pixel, in = 4, out = 8, i = 0


@derivation("resize.exclude_outside")
def _exclude_outside() -> Derivation:
    v0, v1, u = symbols("v_0 v_1 u", real=True)
    taps = plain_taps(_BORDER_X, "cubic")
    replicate_value = _value(replicate_edges(taps, 4), _BORDER_SAMPLES)
    exclude_value = _value(exclude_outside(taps, 4), _BORDER_SAMPLES)
    # Linear at the left border, x = -1 + u with 0 < u < 1: taps -1 (weight 1 - u), 0 (weight u).
    left_replicate = (1 - u) * v0 + u * v0
    left_exclude = (u * v0) / u
    # Right border of an n-sample signal, x = n - 1 + u: taps n - 1 (1 - u) and n (u).
    right_replicate = (1 - u) * v1 + u * v1
    right_exclude = ((1 - u) * v1) / (1 - u)
    return Derivation(
        id="resize.exclude_outside",
        title="exclude_outside: drop taps outside the input and renormalise",
        statement=(
            "With exclude_outside (ONNX Resize), a tap j outside [0, n-1] gets weight 0 and the "
            "remaining weights are divided by their sum, so they sum to 1 again. When every tap is "
            "inside, the kernel's partition of unity makes that sum 1 already and nothing changes. "
            "At a border it differs from edge replicate (clamping the tap index) for cubic: the "
            "negative outer lobe is dropped instead of being added to the edge sample. For linear "
            "it gives the same value: at x = -1 + u the only in-range tap is 0, with weight u, and "
            "u v_0 / u = v_0 = (1-u) v_0 + u v_0. The renormalisation is well defined for every "
            "source coordinate in (-1, n), where the nearest in-range tap has positive weight."
        ),
        result={
            "cubic border example, replicate": sympy.Rational(
                replicate_value.numerator, replicate_value.denominator
            ),
            "cubic border example, exclude_outside": sympy.Rational(
                exclude_value.numerator, exclude_value.denominator
            ),
        },
        claims=(
            exhaustive(
                "renormalised weights sum exactly to 1, and the in-range sum is positive",
                "linear, cubic a in {-3/4, -1/2}; n in 1..6; x in {k/8 : -7 <= k < 8n}",
                _exclude_sums_to_one,
            ),
            exhaustive(
                "at an interior position (all taps in range) exclude_outside changes nothing",
                "linear, cubic a in {-3/4, -1/2}; n in 1..6; x in {k/8 : -7 <= k < 8n}",
                _exclude_interior_unchanged,
            ),
            exhaustive(
                "linear: exclude_outside and edge replicate give the same weight per input sample",
                "n in 1..6; x in {k/8 : -7 <= k < 8n}",
                _linear_exclude_is_replicate,
            ),
            symbolic(
                "linear, left border: exclude_outside = replicate", left_exclude, left_replicate
            ),
            symbolic(
                "linear, right border: exclude_outside = replicate", right_exclude, right_replicate
            ),
            symbolic(
                "cubic a = -3/4, samples (1, 2, 4, 8), x = -1/4 (half_pixel, in 4, out 8, i 0): "
                "edge replicate gives 229/256",
                sympy.Rational(replicate_value.numerator, replicate_value.denominator),
                Rational(229, 256),
            ),
            symbolic(
                "... and exclude_outside gives 19/22, a different value",
                sympy.Rational(exclude_value.numerator, exclude_value.denominator),
                Rational(19, 22),
            ),
        ),
        references=(ONNX_RESIZE,),
        implemented_by=("oracle.resize.resize_plan",),
    )
