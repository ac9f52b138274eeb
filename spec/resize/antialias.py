"""Antialiased linear and cubic resampling: the kernel stretched by 1/s when downsampling.

Pixel convention: samples at the integers ``j``; the source coordinate ``x`` comes from a
coordinate map (``coord.*``) and the coordinate scale ``s = out/in`` (``resize.coordinate_scale``).
With ``sigma = min(s, 1)`` the taps are the integers ``j`` with ``|j - x| < r/sigma``
(``r = 1`` linear, ``r = 2`` cubic) and the weight of tap ``j`` is ``K((j - x) sigma)``,
renormalised to sum 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import nonzero, rational
from spec._moved import forwarder
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import ONNX_RESIZE, PILLOW_RESAMPLE, TORCH_UPSAMPLE_KERNEL
from spec.resize.border import replicate_edges
from spec.resize.cubic import (
    A_DEFAULT,
    A_KEYS,
    KernelKind,
    kernel_value,
    keys_pieces,
    plain_taps,
)
from spec.resize.cubic import s as s_sym
from spec.resize.exclude_outside import exclude_outside

__all__ = [
    "antialias_taps",
    "antialias_weights",
    "support_radius",
]

sigma = symbols("sigma", positive=True)
"""``min(s, 1)``: the factor by which the kernel argument is compressed."""
tau = symbols("tau", nonnegative=True)

#: PyTorch's antialias path, where its window and weights are computed.
TORCH_AA = TORCH_UPSAMPLE_KERNEL.at(
    "HelperInterpBase::_compute_indices_min_size_weights_aa (center = scale (i + 0.5), "
    "support = (interp_size/2) scale if scale >= 1 else interp_size/2, "
    "xmin = max(int(center - support + 0.5), 0), xmax = min(int(center + support + 0.5), "
    "input_size), weights filter((j + xmin - center + 0.5) invscale) divided by their sum); "
    "_compute_index_ranges_weights; HelperInterpLinear::aa_filter (triangle); "
    "HelperInterpCubic::aa_filter (a = -0.5)"
)


# torch_antialias_weights moved to spec.resize.equiv.torch; still importable from here.
__getattr__ = forwarder(__name__, {"torch_antialias_weights": "spec.resize.equiv.torch"})


def support_radius(kind: KernelKind) -> int:
    """Half-width ``r`` of the unstretched kernel: 1 (triangle) or 2 (Keys), ``resize.antialias``.

    >>> support_radius("linear"), support_radius("cubic")
    (1, 2)
    """
    return 1 if kind == "linear" else 2


def stretched_window(x: Fraction, radius: Fraction) -> list[int]:
    """The integers ``j`` with ``|j - x| < radius``: the taps of a kernel stretched to ``radius``.

    The window is open at both ends, so a sample exactly ``radius`` away is not a tap
    (``resize.antialias``).  Antialiased resize and antialiased Lanczos both take their taps
    from it.

    >>> stretched_window(Fraction(1, 2), Fraction(5, 2))
    [-1, 0, 1, 2]
    """
    window = range(math.floor(x - radius), math.ceil(x + radius) + 1)
    return [j for j in window if abs(j - x) < radius]


def antialias_taps(
    x: Fraction, s: Fraction, kind: KernelKind, a_value: Fraction = A_DEFAULT
) -> dict[int, Fraction]:
    """Unclamped taps and unnormalised weights ``K((j - x) sigma)``, ``sigma = min(s, 1)``.

    The taps are all integers ``j`` with ``|j - x| < r / sigma`` (``resize.antialias``).

    >>> antialias_taps(Fraction(1, 2), Fraction(2, 5), "linear")
    {-1: Fraction(2, 5), 0: Fraction(4, 5), 1: Fraction(4, 5), 2: Fraction(2, 5)}
    """
    stretch = min(s, Fraction(1))
    taps = stretched_window(x, support_radius(kind) / stretch)
    return {j: kernel_value(kind, (j - x) * stretch, a_value) for j in taps}


def antialias_weights(
    x: Fraction,
    s: Fraction,
    n: int,
    kind: KernelKind,
    a_value: Fraction = A_DEFAULT,
    exclude: bool = False,
) -> dict[int, Fraction]:
    """Input index to weight for antialiased resampling of an ``n``-sample axis.

    Without ``exclude`` the weights are divided by their sum over all taps and out-of-range taps
    are folded onto the edge sample (edge replicate); with ``exclude`` out-of-range taps are
    dropped and the rest renormalised (``resize.antialias``, ``resize.exclude_outside``).

    >>> antialias_weights(Fraction(1, 2), Fraction(2, 5), 4, "linear")
    {0: Fraction(1, 2), 1: Fraction(1, 3), 2: Fraction(1, 6)}
    >>> antialias_weights(Fraction(1, 2), Fraction(2, 5), 4, "linear", exclude=True)
    {0: Fraction(2, 5), 1: Fraction(2, 5), 2: Fraction(1, 5)}
    """
    taps = antialias_taps(x, s, kind, a_value)
    if exclude:
        return exclude_outside(taps, n)
    total = sum(taps.values(), Fraction(0))
    return replicate_edges({j: w / total for j, w in taps.items()}, n)


def half_pixel_coordinate(i: int, s: Fraction) -> Fraction:
    return (i + Fraction(1, 2)) / s - Fraction(1, 2)


_KINDS: tuple[tuple[KernelKind, Fraction], ...] = (
    ("linear", A_DEFAULT),
    ("cubic", A_DEFAULT),
    ("cubic", A_KEYS),
)
ANTIALIAS_DOMAIN = "n in 1..8, out in 1..16 (s = out/n), every output i, half_pixel x"


def antialias_cases() -> Iterator[tuple[int, int, int, Fraction, Fraction]]:
    for n in range(1, 9):
        for out in range(1, 17):
            s = Fraction(out, n)
            for i in range(out):
                yield n, out, i, s, half_pixel_coordinate(i, s)


def _sums_to_one() -> Iterator[object]:
    for kind, av in _KINDS:
        for n, _out, i, s, x in antialias_cases():
            taps = antialias_taps(x, s, kind, av)
            total = sum(taps.values(), Fraction(0))
            kept = sum((w for j, w in taps.items() if 0 <= j < n), Fraction(0))
            if total <= 0 or kept <= 0:
                yield (kind, av, n, s, i, "normaliser not positive")
                continue
            for exclude in (False, True):
                weights = antialias_weights(x, s, n, kind, av, exclude)
                if sum(weights.values(), Fraction(0)) != 1:
                    yield (kind, av, n, s, i, exclude)


def _tap_count() -> Iterator[object]:
    for kind, _av in _KINDS[:2]:
        r = support_radius(kind)
        for n, _out, i, s, x in antialias_cases():
            if s >= 1:
                continue
            radius = r / s
            count = len(antialias_taps(x, s, kind))
            formula = math.ceil(x + radius) - math.floor(x - radius) - 1
            top = math.ceil(2 * radius)
            if not (count == formula and top - 1 <= count <= top <= 2 * math.ceil(radius) + 1):
                yield (kind, n, s, i, count, formula, top)


def _upsampling_is_plain() -> Iterator[object]:
    for kind, av in _KINDS:
        for n, _out, i, s, x in antialias_cases():
            if s < 1:
                continue
            plain = plain_taps(x, kind, av)
            for exclude in (False, True):
                got = antialias_weights(x, s, n, kind, av, exclude)
                want = exclude_outside(plain, n) if exclude else replicate_edges(plain, n)
                if nonzero(got) != nonzero(want):
                    yield (kind, av, n, s, i, exclude)


def _kernel_integral(kind: KernelKind, stretched: bool) -> sympy.Expr:
    """``int K`` over the real line, held unevaluated: twice the integral over ``[0, r]``.

    ``stretched`` integrates ``sigma K(sigma tau)`` over ``[0, r / sigma]`` instead.
    """
    inner, outer = keys_pieces()
    pieces = [(1 - s_sym, 0, 1)] if kind == "linear" else [(inner, 0, 1), (outer, 1, 2)]
    if stretched:
        integrals = [
            sympy.Integral(sigma * p.subs(s_sym, sigma * tau), (tau, lo / sigma, hi / sigma))
            for p, lo, hi in pieces
        ]
    else:
        integrals = [sympy.Integral(p, (s_sym, lo, hi)) for p, lo, hi in pieces]
    total = integrals[0] if len(integrals) == 1 else sympy.Add(*integrals, evaluate=False)
    return sympy.Mul(2, total, evaluate=False)


def _sampled_sum(x: Fraction, s: Fraction) -> sympy.Expr:
    """``sigma sum_j K(sigma (j - x))`` for the triangle, held unevaluated."""
    weights = antialias_taps(x, s, "linear").values()
    total = sympy.Add(*(rational(w) for w in weights), evaluate=False)
    return sympy.Mul(rational(min(s, Fraction(1))), total, evaluate=False)


@derivation("resize.antialias")
def _antialias() -> Derivation:
    two_fifths = Fraction(2, 5)
    at_zero = _sampled_sum(Fraction(0), two_fifths)
    at_half = _sampled_sum(Fraction(1, 2), two_fifths)
    inner, outer = keys_pieces()
    t = symbols("t", real=True)
    stretched = sympy.Piecewise(
        (sigma * inner.subs(s_sym, sigma * sympy.Abs(t)), sigma * sympy.Abs(t) <= 1),
        (sigma * outer.subs(s_sym, sigma * sympy.Abs(t)), sigma * sympy.Abs(t) < 2),
        (0, True),
    )
    return Derivation(
        id="resize.antialias",
        title="Antialias: stretch the kernel by 1/s when downsampling, renormalise",
        statement=(
            "When downsampling by s < 1 each output should average about 1/s input samples, "
            "so the kernel K (triangle, r = 1; Keys cubic, r = 2) is stretched to "
            "K_sigma(t) = sigma K(sigma t), sigma = min(s, 1), which still integrates to 1 and "
            "whose taps are the integers j with |j - x| < r/sigma. "
            "Sampled at the integers its weights do not sum to 1 in general, so they are "
            "divided by their sum, and out-of-range taps replicate the edge sample unless "
            "exclude_outside drops them and renormalises over the in-range taps. "
            "For s >= 1 the taps and weights are the plain kernel's, so antialias changes "
            "nothing; this is ONNX Resize antialias=1, Pillow's resampling and (with "
            "exclude_outside) PyTorch antialias=True (equiv.torch.antialias)."
        ),
        result={
            "K_sigma(t) (cubic)": stretched,
            "integral of K_sigma (cubic)": sympy.simplify(_kernel_integral("cubic", True).doit()),
            "integral of K_sigma (linear)": sympy.simplify(_kernel_integral("linear", True).doit()),
            "linear s=2/5: sigma sum K at x=0": at_zero.doit(),
            "linear s=2/5: sigma sum K at x=1/2": at_half.doit(),
        },
        claims=(
            symbolic(
                "Keys's kernel integrates to 1 for every a", _kernel_integral("cubic", False), 1
            ),
            symbolic("the triangle integrates to 1", _kernel_integral("linear", False), 1),
            symbolic(
                "the stretched cubic sigma K(sigma t) integrates to 1 for every sigma > 0 and a",
                _kernel_integral("cubic", True),
                1,
            ),
            symbolic(
                "the stretched triangle integrates to 1 for every sigma > 0",
                _kernel_integral("linear", True),
                1,
            ),
            symbolic(
                "sampling does not preserve the sum: linear, s = 2/5, x = 0 gives 26/25",
                at_zero,
                Rational(26, 25),
            ),
            symbolic(
                "... and x = 1/2 gives 24/25, hence the renormalisation",
                at_half,
                Rational(24, 25),
            ),
            exhaustive(
                "renormalised weights sum exactly to 1 with edge replicate and with "
                "exclude_outside, and both normalisers are positive",
                f"linear, cubic a in {{-3/4, -1/2}}; {ANTIALIAS_DOMAIN}",
                _sums_to_one,
            ),
            exhaustive(
                "tap count = ceil(x + r/s) - floor(x - r/s) - 1, which is ceil(2r/s) or one less, "
                "and at most 2 ceil(r/s) + 1",
                f"linear, cubic; s < 1 in {ANTIALIAS_DOMAIN}",
                _tap_count,
            ),
            exhaustive(
                "for s >= 1 antialias changes nothing: the weights equal the plain kernel's "
                "(edge replicate and exclude_outside)",
                f"linear, cubic a in {{-3/4, -1/2}}; s >= 1 in {ANTIALIAS_DOMAIN}",
                _upsampling_is_plain,
            ),
        ),
        references=(
            ONNX_RESIZE.at("attribute antialias: a stretched filter when downsampling"),
            PILLOW_RESAMPLE.at(
                "precompute_coeffs: support scaled by max(1, in/out), window clipped to the "
                "image and renormalised"
            ),
            TORCH_AA,
        ),
        implemented_by=("oracle.resize_plan", "oracle.axis_weights"),
        notes=(
            "The integral is unchanged by the stretch (substitute tau = sigma t); the support "
            "radius grows to r/sigma, so there are ceil(x + r/sigma) - floor(x - r/sigma) - 1 "
            "taps, ceil(2r/sigma) or one fewer.",
            "Linear, s = 2/5: sigma sum_j K(sigma (j - x)) is 26/25 at x = 0 and 24/25 at x = 1/2.",
        ),
    )
