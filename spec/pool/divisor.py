"""Average pooling: the divisor, and the average it makes.

Convention (``spec.pool.geometry``): on one axis window ``j`` has the ``k`` taps
``x_t = j*s - p_begin + t*d``.  With ``count_include_pad`` the divisor counts the taps in the
padded input ``[-p_begin, L + p_end)``: explicit padding counts, the ``ceil_mode`` overhang
past ``L + p_end`` does not.  Without it, only the taps in the input ``[0, L)`` count.  An
N-d window and both regions are boxes, so the N-d divisor is the product of the axes'
counts; ``divisor_override`` replaces it.  The divisor counts taps, not the ``d(k-1) + 1``
cells they span.  The average is the sum of the in-input taps (padding adds zeros) over the
divisor; a window with no in-input tap averages to 0.

Derivation: ``pool.avg.divisor``.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction

import sympy
from sympy import symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.pool.geometry import (
    PoolGeometry,
    Position,
    input_taps,
    pool_shape,
    window_positions,
    window_taps,
)
from spec.references import ONNX_AVERAGE_POOL, ORT_POOL, TORCH_AVG_POOL
from spec.window import output_length
from spec.window.length import require_int

__all__ = [
    "avg_axis_divisor",
    "avg_divisor",
    "avg_pool_plane",
    "derive_tap_count",
    "tap_count",
]

DID = "pool.avg.divisor"

j = symbols("j", integer=True, nonnegative=True)
k, s, d, L = symbols("k s d L", integer=True, positive=True)
p_begin, p_end = symbols("p_begin p_end", integer=True, nonnegative=True)
t, x0, lo, hi = symbols("t x_0 lo hi", integer=True)


def tap_count(first: int, kernel_size: int, dilation: int, lo: int, hi: int) -> int:
    """How many of the taps ``first + t*d``, ``t = 0 .. k - 1``, lie in ``[lo, hi)``.

    ``max(0, min(k - 1, floor((hi - 1 - first)/d)) - max(0, ceil((lo - first)/d)) + 1)``,
    in exact integers.  Cites ``pool.avg.divisor``.

    >>> tap_count(-1, 2, 2, -1, 8), tap_count(-1, 2, 2, 0, 7), tap_count(5, 3, 1, 0, 7)
    (2, 1, 2)
    """
    t_first = max(0, -((first - lo) // dilation))
    t_last = min(kernel_size - 1, (hi - 1 - first) // dilation)
    return max(0, t_last - t_first + 1)


def avg_axis_divisor(
    j: int,
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
    count_include_pad: bool = True,
) -> int:
    """The divisor of window ``j`` on one axis: its taps in ``[-p_begin, L + p_end)`` or ``[0, L)``.

    Cites ``pool.avg.divisor``.

    >>> avg_axis_divisor(3, 6, 3, 2, 1, 1)  # the ceil_mode window reads 5, 6 and overhang 7
    2
    >>> avg_axis_divisor(0, 6, 3, 2, 1, 1, count_include_pad=False)
    2
    """
    first = j * stride - p_begin
    if count_include_pad:
        return tap_count(first, kernel_size, dilation, -p_begin, in_len + p_end)
    return tap_count(first, kernel_size, dilation, 0, in_len)


def avg_divisor(
    out: Sequence[int],
    shape: Sequence[int],
    geometry: PoolGeometry,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> int:
    """The divisor of output ``out``: ``divisor_override``, else the product of the axes' counts.

    Cites ``pool.avg.divisor``.

    >>> g = PoolGeometry.of(2, 3, 2, 1, ceil_mode=True)
    >>> avg_divisor((0, 3), (6, 6), g), avg_divisor((0, 3), (6, 6), g, False)
    (6, 2)
    >>> avg_divisor((0, 3), (6, 6), g, divisor_override=5)
    5
    """
    if divisor_override is not None:
        return require_int("divisor_override", divisor_override, 1, DID)
    g = geometry
    return math.prod(
        avg_axis_divisor(
            o, n, g.kernel_size[a], g.stride[a], *g.padding[a], g.dilation[a], count_include_pad
        )
        for a, (o, n) in enumerate(zip(out, shape, strict=True))
    )


def avg_pool_plane(
    plane: Mapping[Position, Fraction],
    shape: Sequence[int],
    geometry: PoolGeometry,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> dict[Position, Fraction]:
    """Average pooling of one ``(n, c)`` plane in exact arithmetic.

    Output ``o`` is the sum of ``plane`` over the window's in-input taps divided by
    :func:`avg_divisor`, and 0 for a window with no in-input tap.  Cites ``pool.avg.divisor``.

    >>> x = {(i,): Fraction(i + 1) for i in range(6)}
    >>> list(avg_pool_plane(x, (6,), PoolGeometry.of(1, 3, 2, 1, ceil_mode=True)).values())
    [Fraction(1, 1), Fraction(3, 1), Fraction(5, 1), Fraction(3, 1)]
    """
    out: dict[Position, Fraction] = {}
    for o in itertools.product(*(range(n) for n in pool_shape(shape, geometry))):
        taps = input_taps(o, shape, geometry)
        if not taps:
            out[o] = Fraction(0)
            continue
        total = sum((plane[p] for p in taps), Fraction(0))
        out[o] = total / avg_divisor(o, shape, geometry, count_include_pad, divisor_override)
    return out


@functools.cache
def derive_tap_count() -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """Solve for the first and last tap of ``x_0 + t*d`` inside ``[lo, hi)``; count them.

    Returns ``(t_first, t_last, count)`` before the clamp at zero.

    >>> derive_tap_count()[2]
    -Max(0, ceiling((lo - x_0)/d)) + Min(k - 1, floor((hi - x_0 - 1)/d)) + 1
    """
    (first,) = sympy.solve(sympy.Eq(x0 + t * d, lo), t)
    (last,) = sympy.solve(sympy.Eq(x0 + t * d, hi - 1), t)
    t_first = sympy.Max(0, sympy.ceiling(first))
    t_last = sympy.Min(k - 1, sympy.floor(last))
    return t_first, t_last, t_last - t_first + 1


def _count_in(region: tuple[sympy.Expr, sympy.Expr]) -> sympy.Expr:
    """The derived count at dilation 1, written with ``|.|``, with ``region`` held."""
    count = derive_tap_count()[2].subs(d, 1).rewrite(sympy.Abs)
    return sympy.Subs(count, (lo, hi), region)


# --- claims -----------------------------------------------------------------------------------

_AXES = "L = 1..8, k = 1..4, s = 1..3, d = 1..3, p_begin, p_end = 0..2, floor and ceil mode"


def _axes() -> Iterator[tuple[int, int, int, int, int, int, bool]]:
    for in_len, kk, ss, dd, pb, pe, ceil in itertools.product(
        range(1, 9), range(1, 5), range(1, 4), range(1, 4), range(3), range(3), (False, True)
    ):
        if in_len + pb + pe >= dd * (kk - 1) + 1:
            yield in_len, kk, ss, dd, pb, pe, ceil


def _windows(in_len: int, kk: int, ss: int, dd: int, pb: int, pe: int, ceil: bool) -> range:
    return range(output_length(in_len, kk, ss, pb, pe, dd, ceil))


def _check_closed_form() -> Iterator[object]:
    for in_len, kk, ss, dd, pb, pe, ceil in _axes():
        for jj in _windows(in_len, kk, ss, dd, pb, pe, ceil):
            taps = window_taps(jj, kk, ss, pb, dd)
            padded = sum(-pb <= x < in_len + pe for x in taps)
            inside = sum(0 <= x < in_len for x in taps)
            got = (
                avg_axis_divisor(jj, in_len, kk, ss, pb, pe, dd, True),
                avg_axis_divisor(jj, in_len, kk, ss, pb, pe, dd, False),
            )
            if got != (padded, inside):
                yield (in_len, kk, ss, dd, pb, pe, ceil, jj, got)


def _check_overhang() -> Iterator[object]:
    """Floor windows count k; a ceil window counts k less its taps at or past L + p_end."""
    for in_len, kk, ss, dd, pb, pe, ceil in _axes():
        floor_len = output_length(in_len, kk, ss, pb, pe, dd)
        for jj in _windows(in_len, kk, ss, dd, pb, pe, ceil):
            taps = window_taps(jj, kk, ss, pb, dd)
            overhang = sum(x >= in_len + pe for x in taps)
            divisor = avg_axis_divisor(jj, in_len, kk, ss, pb, pe, dd, True)
            if divisor != kk - overhang or (divisor < kk) != (jj >= floor_len):
                yield (in_len, kk, ss, dd, pb, pe, jj, divisor)


def _check_product() -> Iterator[object]:
    shapes = [(2, 3), (3, 3), (4, 2)]
    for shape, kk, ss, pb, dd, ceil in itertools.product(
        shapes, ((2, 2), (3, 2)), ((1, 2), (2, 2)), range(2), ((1, 1), (1, 2)), (False, True)
    ):
        try:
            g = PoolGeometry.of(2, kk, ss, ((pb, 1), (1, pb)), dd, ceil)
            out_shape = pool_shape(shape, g)
        except ValueError:
            continue
        for o in itertools.product(*(range(n) for n in out_shape)):
            pads = [(-pb, shape[0] + 1), (-1, shape[1] + pb)]
            taps = window_positions(o, g)
            padded = sum(all(a <= p < b for p, (a, b) in zip(q, pads, strict=True)) for q in taps)
            inside = len(input_taps(o, shape, g))
            got = (avg_divisor(o, shape, g), avg_divisor(o, shape, g, False))
            overridden = {avg_divisor(o, shape, g, c, 7) for c in (True, False)}
            if got != (padded, inside) or overridden != {7}:
                yield (shape, kk, ss, pb, dd, ceil, o, got, overridden)


def _check_examples() -> Iterator[object]:
    def pooled(values: Sequence[int], g: PoolGeometry, include: bool = True) -> list[Fraction]:
        plane: dict[Position, Fraction] = {(i,): Fraction(v) for i, v in enumerate(values)}
        return list(avg_pool_plane(plane, (len(values),), g, include).values())

    seven = range(1, 8)
    dilated = PoolGeometry.of(1, 2, 1, 1, 2)
    cases = (
        (pooled(seven, dilated), [1, 2, 3, 4, 5, 6, 3]),
        (pooled(seven, dilated, False), [2, 2, 3, 4, 5, 6, 6]),
        (pooled(range(1, 7), PoolGeometry.of(1, 3, 2, 1, ceil_mode=True)), [1, 3, 5, 3]),
        (
            pooled(range(1, 6), PoolGeometry.of(1, 2, 2, ceil_mode=True)),
            [Fraction(3, 2), Fraction(7, 2), Fraction(5)],
        ),
    )
    for got, want in cases:
        if got != [Fraction(v) for v in want]:
            yield (got, want)


def _check_empty_windows() -> Iterator[object]:
    """The in-input count is 0 only with dilation, once every pad is below k."""
    for in_len, kk, ss, dd, pb, pe, ceil in _axes():
        if pb >= kk or pe >= kk:
            continue
        for jj in _windows(in_len, kk, ss, dd, pb, pe, ceil):
            if avg_axis_divisor(jj, in_len, kk, ss, pb, pe, dd, False) == 0 and dd == 1:
                yield (in_len, kk, ss, pb, pe, jj)
    if avg_axis_divisor(0, 2, 2, 1, 1, 1, 3, False) != 0:
        yield ("L = 2, k = 2, s = 1, p = 1, d = 3 should read no input cell",)


@derivation(DID)
def _divisor() -> Derivation:
    t_first, t_last, count = derive_tap_count()
    torch_padded = sympy.Min(x0 + k, L + p_end) - x0
    torch_inside = sympy.Min(x0 + k, L) - sympy.Max(x0, 0)
    window_start = {x0: j * s - p_begin}
    return Derivation(
        id=DID,
        title="Average pooling divisor: padding, the ceil_mode overhang, dilation, override",
        statement=(
            "Window j has the k taps j s - p_begin + t d on each axis, and its divisor counts "
            "those in the padded input [-p_begin, L + p_end) with count_include_pad (explicit "
            "padding, but not the ceil_mode overhang past it) or in the input [0, L) without; "
            "the N-d divisor is the product over the axes, and divisor_override replaces it. "
            "With dilation it counts taps, not the d(k-1) + 1 cells they span, as ONNX "
            "AveragePool and ONNX Runtime do. The average is the sum of the in-input taps "
            "over the divisor, and 0 for a window with no in-input tap."
        ),
        result={"t_first": t_first, "t_last": t_last, "count": sympy.Max(0, count)},
        claims=(
            symbolic(
                "with d = 1 the count in [-p_begin, L + p_end) is PyTorch's pool_size "
                "min(x_0 + k, L + p_end) - x_0 at x_0 = j s - p_begin; both sides are written "
                "with min(a, b) = (a + b - |a - b|)/2 and max(a, b) = (a + b + |a - b|)/2",
                _count_in((-p_begin, L + p_end)),
                torch_padded.rewrite(sympy.Abs),
                where=window_start,
            ),
            symbolic(
                "with d = 1 the count in [0, L) is PyTorch's clipped count min(x_0 + k, L) - "
                "max(x_0, 0), both sides written with |.|",
                _count_in((0, L)),
                torch_inside.rewrite(sympy.Abs),
                where=window_start,
            ),
            exhaustive(
                "the closed form equals the taps counted one by one, for every floor and ceil "
                "window, in both regions",
                _AXES,
                _check_closed_form,
            ),
            exhaustive(
                "with count_include_pad a floor-mode window counts all k taps, and the ceil "
                "window counts k less its taps at or past L + p_end, and only it counts fewer",
                _AXES,
                _check_overhang,
            ),
            exhaustive(
                "in 2-D the taps counted in the padded box, or in the input, are the product "
                "of the axes' counts, and divisor_override replaces both",
                "shapes (2, 3), (3, 3), (4, 2); k in (2, 2), (3, 2); s in (1, 2), (2, 2); "
                "pads ((p, 1), (1, p)), p = 0, 1; d in (1, 1), (1, 2); floor and ceil",
                _check_product,
            ),
            exhaustive(
                "worked examples: x = 1..7, k = 2, d = 2, p = 1 gives 1, 2, 3, 4, 5, 6, 3 "
                "with count_include_pad and 2, 2, 3, 4, 5, 6, 6 without; x = 1..6, k = 3, "
                "s = 2, p = 1, ceil gives 1, 3, 5, 3; x = 1..5, k = s = 2, ceil gives 3/2, "
                "7/2, 5",
                "the four listed cases",
                _check_examples,
            ),
            exhaustive(
                "with every pad below k only a dilated window can miss the input; L = 2, "
                "k = 2, s = 1, p = 1, d = 3 has one",
                _AXES + ", p_begin, p_end < k",
                _check_empty_windows,
            ),
        ),
        references=(
            TORCH_AVG_POOL.at(
                "cpu_avg_pool: ih1 = min(ih0 + kH, H + padH), pool_size = (ih1 - ih0)(iw1 - "
                "iw0); divide_factor = divisor_override if given, else pool_size with "
                "count_include_pad, else the count after clipping to [0, H); AvgPool2d has no "
                "dilation parameter"
            ),
            ONNX_AVERAGE_POOL.at(
                "AveragePool (opset 19): dilations, count_include_pad and ceil_mode; "
                "onnx.reference averages the taps range(start, start + (k - 1) d + 1, d) that "
                "lie before the end padding's end"
            ),
            ORT_POOL.at(
                "AveragePool1DTask: hend = min(hstart + k d, H + pad_end), divisor 1 + (hend - "
                "hstart - 1)/d with count_include_pad, else the in-input taps; a window with "
                "no in-input tap gives 0"
            ),
        ),
        implemented_by=("oracle.avg_pool",),
        notes=(
            "PyTorch's avg_pool has no dilation; a window with no in-input tap, which needs "
            "dilation once every pad is below k, averages to 0 as PyTorch's and ONNX "
            "Runtime's kernels write.",
            "The windows themselves, and so which window is the ceil_mode one, are "
            "window.output_length and window.ceil_mode; ONNX's SAME_UPPER and SAME_LOWER "
            "pads are window.same, and they count as explicit padding here.",
            "The first two worked examples are onnx.reference 1.23's outputs and the last "
            "two torch 2.13's avg_pool1d outputs.",
        ),
    )
