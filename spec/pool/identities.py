"""Identities: average pooling as a convolution, and global pooling as adaptive pooling.

Average pooling with ``count_include_pad`` in floor mode is the depthwise convolution
(``groups = C``) with the constant kernel ``1/prod k`` and zero padding: every floor window
has all its taps in the padded input (``pool.avg.divisor``).  Without ``count_include_pad``
the divisor is the same convolution applied to the input's indicator.  Global pooling is
adaptive pooling to length 1, whose only window is the whole axis, and so also pooling with
the kernel equal to the input size.

Derivations: ``pool.avg.as_conv``, ``pool.global``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from fractions import Fraction

import sympy
from sympy import IndexedBase, symbols

from spec.conv import evaluate as ev
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.pool import adaptive
from spec.pool.adaptive import (
    adaptive_avg_pool_plane,
    adaptive_max_pool_plane,
    derive_adaptive_window,
)
from spec.pool.divisor import avg_divisor, avg_pool_plane
from spec.pool.geometry import PoolGeometry, flat_index, input_taps, pool_shape
from spec.pool.max import max_pool_plane, max_select
from spec.references import (
    DUMOULIN_VISIN,
    ONNX_GLOBAL_POOL,
    TORCH_ADAPTIVE_POOLING,
    TORCH_AVG_POOL,
)
from spec.window import output_length

__all__: list[str] = []

_IMPL_AVG = ("oracle.avg_pool",)


def _geometries() -> Iterator[tuple[tuple[int, ...], PoolGeometry]]:
    """1-D and 2-D floor-mode geometries with padding pairs (each pad below k) and dilation."""
    for in_len, kk, ss, dd, pb, pe in itertools.product(
        range(1, 7), range(1, 4), range(1, 3), range(1, 3), range(3), range(3)
    ):
        if pb < kk and pe < kk and in_len + pb + pe >= dd * (kk - 1) + 1:
            yield (in_len,), PoolGeometry.of(1, kk, ss, ((pb, pe),), dd)
    for shape, kernel, strides, pads, dilation in (
        ((3, 4), (2, 3), (1, 2), ((1, 0), (1, 2)), (1, 1)),
        ((4, 3), (2, 2), (2, 1), ((0, 1), (1, 1)), (2, 1)),
        ((3, 3), (3, 2), (1, 1), ((1, 1), (0, 1)), (1, 2)),
    ):
        yield shape, PoolGeometry.of(2, kernel, strides, pads, dilation)


_DOMAIN = (
    "1-D: L = 1..6, k = 1..3, s = 1, 2, d = 1, 2, p_begin, p_end < k; 2-D: three geometries "
    "with unequal pads and dilation; 2 channels; symbolic inputs"
)


def _conv(x: ev.Array, shape: Sequence[int], g: PoolGeometry, channels: int) -> ev.Array:
    """Depthwise convolution of ``x`` with an all-ones kernel in the pooling's geometry."""
    ones = {
        (c, 0, taps): Counter({ev.ONE: 1})
        for c in range(channels)
        for taps in itertools.product(*(range(k) for k in g.kernel_size))
    }
    geometry = [
        (g.kernel_size[a], g.stride[a], *g.padding[a], g.dilation[a]) for a in range(g.ndim)
    ]
    out, _ = ev.conv_nd(x, shape, ones, (channels, channels, channels), geometry)
    return out


def _check_count_include_pad() -> Iterator[object]:
    channels = 2
    for shape, g in _geometries():
        x = ev.symbolic_array("x", channels, shape)
        conv = _conv(x, shape, g, channels)
        for c in range(channels):
            for o in itertools.product(*(range(n) for n in pool_shape(shape, g))):
                window_sum = sum((x[(c, p)] for p in input_taps(o, shape, g)), Counter())
                if avg_divisor(o, shape, g) != math.prod(g.kernel_size):
                    yield (shape, g, o, "divisor")
                if window_sum != conv[(c, o)]:
                    yield (shape, g, c, o)


def _check_indicator() -> Iterator[object]:
    for shape, g in _geometries():
        indicator = {(0, p): Counter({ev.ONE: 1}) for p in itertools.product(*map(range, shape))}
        counts = _conv(indicator, shape, g, 1)
        for o in itertools.product(*(range(n) for n in pool_shape(shape, g))):
            if Counter({ev.ONE: avg_divisor(o, shape, g, False)}) != +counts[(0, o)]:
                yield (shape, g, o)


@derivation("pool.avg.as_conv")
def _as_conv() -> Derivation:
    w = symbols("w", positive=True)
    k, k1, k2 = symbols("k k_1 k_2", integer=True, positive=True)
    t, t1, t2 = symbols("t t_1 t_2", integer=True)
    x = IndexedBase("x")
    (weight,) = sympy.solve(sympy.Eq(sympy.summation(w, (t, 0, k - 1)), 1), w)
    taps = ((t1, 0, k1 - 1), (t2, 0, k2 - 1))
    return Derivation(
        id="pool.avg.as_conv",
        title="Average pooling is a convolution with a constant kernel",
        statement=(
            "A convolution that averages its k taps has equal weights w with k w = 1, so "
            "w = 1/k, and 1/prod k in N-d. In floor mode with count_include_pad every window "
            "has all its taps in the padded input, so avg_pool is the depthwise convolution "
            "(groups = C) with that constant kernel and the same stride, dilation and zero "
            "padding. Without count_include_pad the divisor of each window is the all-ones "
            "convolution of the input's indicator."
        ),
        result={"w": weight},
        claims=(
            symbolic(
                "the equal weight solving sum_t w = 1 over the k taps, substituted back, makes "
                "the weights sum to 1",
                sympy.Subs(sympy.Sum(w, (t, 0, k - 1)), w, weight),
                1,
            ),
            symbolic(
                "in 2-D the constant kernel w = 1/(k_1 k_2) makes the convolution's window "
                "sum the mean of the window's k_1 k_2 taps",
                sympy.Subs(sympy.Sum(w * x[t1, t2], *taps), w, 1 / (k1 * k2)),
                sympy.Sum(x[t1, t2], *taps) / (k1 * k2),
            ),
            exhaustive(
                "with count_include_pad in floor mode the divisor is prod k and the window "
                "sum is the depthwise all-ones convolution, for every input",
                _DOMAIN,
                _check_count_include_pad,
            ),
            exhaustive(
                "without count_include_pad the divisor is the all-ones convolution of the "
                "input's indicator",
                _DOMAIN.replace("; 2 channels; symbolic inputs", ""),
                _check_indicator,
            ),
        ),
        references=(
            TORCH_AVG_POOL.at(
                "cpu_avg_pool: the window sum divided by pool_size = (ih1 - ih0)(iw1 - iw0), "
                "the padded window, with count_include_pad"
            ),
            DUMOULIN_VISIN.at(
                "Sec. 3, Relationship 7: pooling's output size o = floor((i - k)/s) + 1, as a "
                "convolution's without padding"
            ),
        ),
        implemented_by=_IMPL_AVG,
        notes=(
            "So avg_pool = conv(x, 1) / conv(1_input, 1) without count_include_pad, both "
            "convolutions with the all-ones kernel in the pooling's geometry.",
            "In ceil mode the extra window's divisor counts only taps before L + p_end "
            "(pool.avg.divisor), which no fixed-kernel convolution with zero padding "
            "reproduces.",
            "Dumoulin and Visin's output-length relationships hold for pooling as for "
            "convolution (window.output_length).",
        ),
    )


# --- global pooling ---------------------------------------------------------------------------


def _check_global_windows() -> Iterator[object]:
    for n, s in itertools.product(range(1, 25), range(1, 5)):
        g = PoolGeometry.of(1, n, s)
        whole = [(x,) for x in range(n)]
        if output_length(n, n, s) != 1 or input_taps((0,), (n,), g) != whole:
            yield (n, s)


def _planes() -> Iterator[tuple[tuple[int, ...], dict[tuple[int, ...], float]]]:
    for shape in ((5,), (2, 3), (2, 2, 2)):
        cells = list(itertools.product(*map(range, shape)))
        for variant in range(4):
            plane = {p: float((5 * flat_index(p, shape) + variant) % 3) for p in cells}
            if variant == 3:
                plane[cells[1]] = plane[cells[-2]] = math.nan
            yield shape, plane


def _check_global_pools() -> Iterator[object]:
    for shape, plane in _planes():
        ones = (1,) * len(shape)
        g = PoolGeometry.of(len(shape), shape)
        cells = sorted(plane, key=lambda p: flat_index(p, shape))
        value, which = max_select([plane[p] for p in cells])
        want_max = (value, flat_index(cells[which], shape))
        origin = (0,) * len(shape)
        maxima = [adaptive_max_pool_plane(plane, shape, ones), max_pool_plane(plane, shape, g)]
        if any(list(m) != [origin] or repr(m[origin]) != repr(want_max) for m in maxima):
            yield (shape, "max", maxima, want_max)
        exact = {p: Fraction(v) for p, v in plane.items() if not math.isnan(v)}
        if len(exact) == len(plane):
            mean = sum(exact.values(), Fraction(0)) / len(exact)
            averages = [
                adaptive_avg_pool_plane(exact, shape, ones),
                avg_pool_plane(exact, shape, g),
            ]
            if any(list(a.values()) != [mean] for a in averages):
                yield (shape, "avg", averages, mean)


@derivation("pool.global")
def _global() -> Derivation:
    start, end = derive_adaptive_window()
    at = ((adaptive.i, adaptive.o), (0, 1))
    whole = sympy.Matrix([start, end]).subs(dict(zip(*at, strict=True)))
    return Derivation(
        id="pool.global",
        title="Global pooling is adaptive pooling to length 1",
        statement=(
            "Global pooling reduces every spatial axis to length 1: it is adaptive pooling to "
            "output size 1, whose only window [floor(0 n/1), ceil(n/1)) = [0, n) is the whole "
            "axis. It is also avg_pool or max_pool with the kernel equal to the input size and "
            "no padding, which has exactly one window for every stride, as ONNX defines "
            "GlobalAveragePool and GlobalMaxPool. The global max's index is a flat position "
            "in the plane: the first maximum, or the last NaN, in row-major order."
        ),
        result={"window": whole},
        claims=(
            symbolic(
                "the adaptive window of output 0 of 1 is [0, n)",
                sympy.Matrix([sympy.Subs(start, *at), sympy.Subs(end, *at)]),
                sympy.Matrix([0, adaptive.n]),
            ),
            exhaustive(
                "pooling with k = n has one window, holding every cell, for every stride",
                "n = 1..24, s = 1..4",
                _check_global_windows,
            ),
            exhaustive(
                "adaptive pooling to (1, ..., 1) and pooling with the kernel equal to the input "
                "give the plane's mean, and its maximum at the first maximum or last NaN",
                "planes (5,), (2, 3), (2, 2, 2) with repeated values, and with two NaN",
                _check_global_pools,
            ),
        ),
        references=(
            ONNX_GLOBAL_POOL.at(
                "GlobalAveragePool, GlobalMaxPool: equivalent to AveragePool / MaxPool with "
                "kernel size equal to the spatial dimension of the input tensor"
            ),
            TORCH_ADAPTIVE_POOLING.at(
                "AdaptivePooling.h: start_index(a, b, c) and end_index(a, b, c), here with "
                "output size b = 1"
            ),
        ),
        implemented_by=(
            "oracle.adaptive_avg_pool",
            "oracle.adaptive_max_pool",
            "oracle.avg_pool",
            "oracle.max_pool",
        ),
        notes=("The windows are pool.adaptive.windows with o = 1.",),
    )
