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

from spec.core import Derivation, Reference, derivation, exhaustive, symbolic
from spec.resize.cubic import (
    A_DEFAULT,
    A_KEYS,
    ONNX_RESIZE,
    PILLOW_RESAMPLE,
    KernelKind,
    exclude_outside,
    kernel_value,
    keys_pieces,
    plain_taps,
    replicate_edges,
)
from spec.resize.cubic import s as s_sym

__all__ = [
    "antialias_taps",
    "antialias_weights",
    "support_radius",
    "torch_antialias_weights",
]

sigma = symbols("sigma", positive=True)
"""``min(s, 1)``: the factor by which the kernel argument is compressed."""
tau = symbols("tau", nonnegative=True)

TORCH_AA = Reference(
    author="PyTorch contributors",
    title="aten/src/ATen/native/cpu/UpSampleKernel.cpp",
    venue="PyTorch source, github.com/pytorch/pytorch (commit bb7240c3; torch 2.13.0 agrees)",
    year=2026,
    locator=(
        "HelperInterpBase::_compute_indices_min_size_weights_aa (center = scale (i + 0.5), "
        "support = (interp_size/2) scale if scale >= 1 else interp_size/2, "
        "xmin = max(int(center - support + 0.5), 0), xmax = min(int(center + support + 0.5), "
        "input_size), weights filter((j + xmin - center + 0.5) invscale) divided by their sum); "
        "_compute_index_ranges_weights; HelperInterpLinear::aa_filter (triangle); "
        "HelperInterpCubic::aa_filter (a = -0.5)"
    ),
)
TORCH_INTERPOLATE = Reference(
    author="PyTorch contributors",
    title="torch.nn.functional.interpolate",
    venue="torch/nn/functional.py, torch 2.13.0",
    year=2026,
    locator=(
        "antialias=True only for bilinear/bicubic on 4-D input; it is forwarded to "
        "_upsample_bilinear2d_aa / _upsample_bicubic2d_aa"
    ),
)


def support_radius(kind: KernelKind) -> int:
    """Half-width ``r`` of the unstretched kernel: 1 (triangle) or 2 (Keys), ``resize.antialias``.

    >>> support_radius("linear"), support_radius("cubic")
    (1, 2)
    """
    return 1 if kind == "linear" else 2


def antialias_taps(
    x: Fraction, s: Fraction, kind: KernelKind, a_value: Fraction = A_DEFAULT
) -> dict[int, Fraction]:
    """Unclamped taps and unnormalised weights ``K((j - x) sigma)``, ``sigma = min(s, 1)``.

    The taps are all integers ``j`` with ``|j - x| < r / sigma`` (``resize.antialias``).

    >>> antialias_taps(Fraction(1, 2), Fraction(2, 5), "linear")
    {-1: Fraction(2, 5), 0: Fraction(4, 5), 1: Fraction(4, 5), 2: Fraction(2, 5)}
    """
    stretch = min(s, Fraction(1))
    radius = support_radius(kind) / stretch
    first = math.floor(x - radius)
    last = math.ceil(x + radius)
    return {
        j: kernel_value(kind, (j - x) * stretch, a_value)
        for j in range(first, last + 1)
        if abs(j - x) < radius
    }


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


def torch_antialias_weights(i: int, n: int, s: Fraction, kind: KernelKind) -> dict[int, Fraction]:
    """PyTorch's antialias window and weights for output ``i``, in exact arithmetic.

    A model of ``_compute_indices_min_size_weights_aa`` (UpSampleKernel.cpp) with
    ``align_corners=False``: ``scale = 1/s``, ``center = scale (i + 1/2)``,
    ``support = r scale`` if ``scale >= 1`` else ``r``, ``invscale = 1/scale`` if ``scale >= 1``
    else 1; taps ``xmin = max(trunc(center - support + 1/2), 0)`` up to
    ``min(trunc(center + support + 1/2), n)`` (exclusive); weight ``filter((j - center + 1/2)
    invscale)``, divided by the sum.  The cubic filter has ``a = -1/2`` (``equiv.torch.antialias``).

    >>> torch_antialias_weights(0, 5, Fraction(2), "cubic")
    {0: Fraction(37, 34), 1: Fraction(-3, 34)}
    """
    scale = 1 / s
    r = support_radius(kind)
    center = scale * (i + Fraction(1, 2))
    support = r * scale if scale >= 1 else Fraction(r)
    invscale = 1 / scale if scale >= 1 else Fraction(1)
    xmin = max(math.trunc(center - support + Fraction(1, 2)), 0)
    xsize = min(math.trunc(center + support + Fraction(1, 2)), n) - xmin
    xsize = min(max(xsize, 0), math.ceil(support) * 2 + 1)
    a_value = A_KEYS
    raw = {
        j: kernel_value(kind, (j - center + Fraction(1, 2)) * invscale, a_value)
        for j in range(xmin, xmin + xsize)
    }
    total = sum(raw.values(), Fraction(0))
    return {j: w / total for j, w in raw.items()} if total != 0 else raw


def _nonzero(weights: dict[int, Fraction]) -> dict[int, Fraction]:
    return {j: w for j, w in weights.items() if w != 0}


def _half_pixel(i: int, s: Fraction) -> Fraction:
    return (i + Fraction(1, 2)) / s - Fraction(1, 2)


_KINDS: tuple[tuple[KernelKind, Fraction], ...] = (
    ("linear", A_DEFAULT),
    ("cubic", A_DEFAULT),
    ("cubic", A_KEYS),
)
_DOMAIN = "n in 1..8, out in 1..16 (s = out/n), every output i, half_pixel x"


def _cases() -> Iterator[tuple[int, int, int, Fraction, Fraction]]:
    for n in range(1, 9):
        for out in range(1, 17):
            s = Fraction(out, n)
            for i in range(out):
                yield n, out, i, s, _half_pixel(i, s)


def _sums_to_one() -> Iterator[object]:
    for kind, av in _KINDS:
        for n, _out, i, s, x in _cases():
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
        for n, _out, i, s, x in _cases():
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
        for n, _out, i, s, x in _cases():
            if s < 1:
                continue
            plain = plain_taps(x, kind, av)
            for exclude in (False, True):
                got = antialias_weights(x, s, n, kind, av, exclude)
                want = exclude_outside(plain, n) if exclude else replicate_edges(plain, n)
                if _nonzero(got) != _nonzero(want):
                    yield (kind, av, n, s, i, exclude)


def _stretched_integral(kind: KernelKind) -> sympy.Expr:
    inner, outer = keys_pieces()
    pieces = [(1 - s_sym, 0, 1)] if kind == "linear" else [(inner, 0, 1), (outer, 1, 2)]
    total = sum(
        sympy.integrate(sigma * p.subs(s_sym, sigma * tau), (tau, lo / sigma, hi / sigma))
        for p, lo, hi in pieces
    )
    return sympy.simplify(2 * total)


def _unstretched_integral(kind: KernelKind) -> sympy.Expr:
    inner, outer = keys_pieces()
    if kind == "linear":
        return 2 * sympy.integrate(1 - s_sym, (s_sym, 0, 1))
    return sympy.expand(
        2 * (sympy.integrate(inner, (s_sym, 0, 1)) + sympy.integrate(outer, (s_sym, 1, 2)))
    )


def _fraction(value: Fraction) -> sympy.Rational:
    return Rational(value.numerator, value.denominator)


@derivation("resize.antialias")
def _antialias() -> Derivation:
    two_fifths = Fraction(2, 5)
    at_zero = two_fifths * sum(antialias_taps(Fraction(0), two_fifths, "linear").values())
    at_half = two_fifths * sum(antialias_taps(Fraction(1, 2), two_fifths, "linear").values())
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
            "When downsampling by s < 1, each output should average the input over a window of "
            "about 1/s samples, so the interpolation kernel K (triangle, r = 1; Keys cubic, "
            "r = 2) is stretched: K_sigma(t) = sigma K(sigma t) with sigma = min(s, 1). It still "
            "integrates to 1 for every sigma > 0 (substitute tau = sigma t), and its support "
            "radius grows to r/sigma, so the taps are the integers j with |j - x| < r/sigma: "
            "ceil(x + r/sigma) - floor(x - r/sigma) - 1 of them, which is ceil(2r/sigma) or one "
            "fewer. Sampled at the integers, sigma sum_j K(sigma (j - x)) is not 1 in general "
            "(linear, s = 2/5: 26/25 at x = 0 and 24/25 at x = 1/2), so the weights "
            "K(sigma (j - x)) are divided by their sum. Out-of-range taps replicate the edge "
            "sample unless exclude_outside drops them and renormalises over the in-range taps. "
            "For s >= 1, sigma = 1: the taps and weights are the plain kernel's, which already "
            "sum to 1, so antialias changes nothing. This is ONNX Resize antialias=1, Pillow's "
            "resampling, and (with exclude_outside) PyTorch antialias=True; see "
            "equiv.torch.antialias."
        ),
        result={
            "K_sigma(t) (cubic)": stretched,
            "integral of K_sigma (cubic)": _stretched_integral("cubic"),
            "integral of K_sigma (linear)": _stretched_integral("linear"),
            "linear s=2/5: sigma sum K at x=0": _fraction(at_zero),
            "linear s=2/5: sigma sum K at x=1/2": _fraction(at_half),
        },
        claims=(
            symbolic(
                "Keys's kernel integrates to 1 for every a", _unstretched_integral("cubic"), 1
            ),
            symbolic("the triangle integrates to 1", _unstretched_integral("linear"), 1),
            symbolic(
                "the stretched cubic sigma K(sigma t) integrates to 1 for every sigma > 0 and a",
                _stretched_integral("cubic"),
                1,
            ),
            symbolic(
                "the stretched triangle integrates to 1 for every sigma > 0",
                _stretched_integral("linear"),
                1,
            ),
            symbolic(
                "sampling does not preserve the sum: linear, s = 2/5, x = 0 gives 26/25",
                _fraction(at_zero),
                Rational(26, 25),
            ),
            symbolic(
                "... and x = 1/2 gives 24/25, hence the renormalisation",
                _fraction(at_half),
                Rational(24, 25),
            ),
            exhaustive(
                "renormalised weights sum exactly to 1 with edge replicate and with "
                "exclude_outside, and both normalisers are positive",
                f"linear, cubic a in {{-3/4, -1/2}}; {_DOMAIN}",
                _sums_to_one,
            ),
            exhaustive(
                "tap count = ceil(x + r/s) - floor(x - r/s) - 1, which is ceil(2r/s) or one less, "
                "and at most 2 ceil(r/s) + 1",
                f"linear, cubic; s < 1 in {_DOMAIN}",
                _tap_count,
            ),
            exhaustive(
                "for s >= 1 antialias changes nothing: the weights equal the plain kernel's "
                "(edge replicate and exclude_outside)",
                f"linear, cubic a in {{-3/4, -1/2}}; s >= 1 in {_DOMAIN}",
                _upsampling_is_plain,
            ),
        ),
        references=(ONNX_RESIZE, PILLOW_RESAMPLE, TORCH_AA),
        implemented_by=(
            "oracle.resize.resize_plan",
            "oracle.kernels.linear",
            "oracle.kernels.cubic",
        ),
    )


# --------------------------------------------------------------------------------------------
# equiv.torch.antialias
# --------------------------------------------------------------------------------------------

_SAMPLES = [1, 5, 2, 7, 3]


def _value(weights: dict[int, Fraction], samples: list[int]) -> Fraction:
    return sum((w * samples[j] for j, w in weights.items()), Fraction(0))


def _torch_equals_oracle() -> Iterator[object]:
    for kind in ("linear", "cubic"):
        for n, _out, i, s, x in _cases():
            torch = _nonzero(torch_antialias_weights(i, n, s, kind))
            oracle = _nonzero(antialias_weights(x, s, n, kind, A_KEYS, exclude=True))
            if torch != oracle:
                yield (kind, n, s, i, torch, oracle)


def _torch_linear_upsampling_is_plain() -> Iterator[object]:
    for n, _out, i, s, x in _cases():
        if s < 1:
            continue
        torch = _nonzero(torch_antialias_weights(i, n, s, "linear"))
        plain = _nonzero(replicate_edges(plain_taps(x, "linear"), n))
        if torch != plain:
            yield (n, s, i, torch, plain)


@derivation("equiv.torch.antialias")
def _torch_antialias() -> Derivation:
    s_up = Fraction(2)
    x0 = _half_pixel(0, s_up)
    torch_val = _value(torch_antialias_weights(0, 5, s_up, "cubic"), _SAMPLES)
    oracle_excl = _value(antialias_weights(x0, s_up, 5, "cubic", A_KEYS, exclude=True), _SAMPLES)
    oracle_repl = _value(antialias_weights(x0, s_up, 5, "cubic", A_KEYS, exclude=False), _SAMPLES)
    oracle_default = _value(
        antialias_weights(x0, s_up, 5, "cubic", A_DEFAULT, exclude=True), _SAMPLES
    )
    i_sym, n_sym, out_sym = symbols("i n out", positive=True)
    ratio = (n_sym - 1) / (out_sym - 1)
    torch_ac = ratio * (i_sym + Rational(1, 2)) - Rational(1, 2)
    return Derivation(
        id="equiv.torch.antialias",
        title="PyTorch antialias=True is antialias with exclude_outside and a = -1/2",
        statement=(
            "torch.nn.functional.interpolate(x, mode='bilinear' or 'bicubic', antialias=True, "
            "align_corners=False) on 4-D input equals oracle.resize(mode='linear' or 'cubic', "
            "coordinate_mode='half_pixel', antialias=True, exclude_outside=True, cubic_a=-0.5), "
            "at every scale, upsampling included. PyTorch's aa path (UpSampleKernel.cpp, "
            "_compute_indices_min_size_weights_aa) computes, per output i, center = (i + 1/2)/s, "
            "a window [xmin, xmax) of half-width r/min(s, 1) clipped to [0, n), weights "
            "filter((j - center + 1/2) min(s, 1)) and divides them by their sum over the clipped "
            "window: out-of-range taps are dropped and renormalised, which is exclude_outside. "
            "Its cubic filter uses a = -1/2 (aa_filter, 'compatibility with PIL'), not the -0.75 "
            "of antialias=False. The clipping applies for s >= 1 too, where antialias otherwise "
            "changes nothing: there PyTorch's antialiased bicubic differs from its plain bicubic "
            "at the borders (and everywhere through a), while antialiased bilinear equals plain "
            "bilinear because exclude_outside equals edge replicate for linear "
            "(resize.exclude_outside). The equivalence fails with exclude_outside=False (cubic, "
            "at the borders), with cubic_a = -0.75, and with align_corners=True, where PyTorch's "
            "aa path keeps center = (i + 1/2)(n-1)/(out-1) - a map that is none of the "
            "coordinate modes (it is neither align_corners nor half_pixel)."
        ),
        result={
            "torch aa bicubic, in 5 -> out 10, i = 0, samples (1,5,2,7,3)": _fraction(torch_val),
            "oracle, exclude_outside, a = -1/2": _fraction(oracle_excl),
            "oracle, edge replicate, a = -1/2": _fraction(oracle_repl),
            "oracle, exclude_outside, a = -3/4": _fraction(oracle_default),
            "torch aa source coordinate, align_corners=True": torch_ac,
        },
        claims=(
            exhaustive(
                "PyTorch's aa window and weights equal antialias with exclude_outside "
                "(a = -1/2 for cubic)",
                f"bilinear, bicubic; {_DOMAIN}, down- and upsampling",
                _torch_equals_oracle,
            ),
            exhaustive(
                "for s >= 1 PyTorch's antialiased bilinear equals plain bilinear (edge replicate)",
                f"s >= 1 in {_DOMAIN}",
                _torch_linear_upsampling_is_plain,
            ),
            symbolic(
                "bicubic upsampling 5 -> 10, i = 0: PyTorch aa equals the exclude_outside value",
                _fraction(torch_val),
                _fraction(oracle_excl),
            ),
            exhaustive(
                "... and differs from the edge-replicate value",
                "bicubic 5 -> 10, i = 0, samples (1, 5, 2, 7, 3)",
                lambda: [] if torch_val != oracle_repl else [(torch_val, oracle_repl)],
            ),
            exhaustive(
                "... and from the value with a = -3/4",
                "bicubic 5 -> 10, i = 0, samples (1, 5, 2, 7, 3)",
                lambda: [] if torch_val != oracle_default else [(torch_val, oracle_default)],
            ),
            symbolic(
                "align_corners=True: PyTorch's aa coordinate minus the align_corners map "
                "i (n-1)/(out-1) is ((n-1)/(out-1) - 1)/2, nonzero unless n = out",
                torch_ac - i_sym * ratio,
                (ratio - 1) / 2,
            ),
        ),
        references=(TORCH_AA, TORCH_INTERPOLATE, PILLOW_RESAMPLE, ONNX_RESIZE),
        implemented_by=("oracle.resize",),
        notes=(
            "Checked numerically against torch 2.13.0 CPU (float64): bilinear and bicubic, "
            "sizes and scale factors, down- and upsampling, agree with this model to 3e-15.",
            "PyTorch's CUDA aa kernels define the same Pillow-derived bicubic filter with "
            "a = -0.5.",
        ),
    )
