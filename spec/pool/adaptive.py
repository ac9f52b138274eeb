"""Adaptive pooling windows: output ``i`` of ``o`` on an axis of ``n`` cells.

Pixel convention: input cell ``j`` covers ``[j, j + 1)``, and output ``i`` covers the
continuous interval ``[i n/o, (i + 1) n/o)`` of the axis.  Its window is the cells that meet
that interval, ``start = floor(i n/o) <= j < end = ceil((i + 1) n/o)``, computed in exact
integers.  Axes are independent: an N-d window is the product of the axes' windows.
Adaptive average pooling averages the window (divisor ``end - start`` per axis); adaptive
max pooling selects in it as max pooling does (``pool.max.ties``, ``pool.max.nan``), with
flat indices in the plane (``pool.max.indices``).  Resize's area mode uses these windows.

Derivation: ``pool.adaptive.windows``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from itertools import pairwise

import sympy
from sympy import symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.pool.divisor import avg_axis_divisor
from spec.pool.geometry import Position, flat_index, window_taps
from spec.pool.max import max_select
from spec.references import TORCH_ADAPTIVE_POOLING
from spec.window import output_length
from spec.window.length import require_int

__all__ = [
    "adaptive_avg_pool_plane",
    "adaptive_max_pool_plane",
    "adaptive_window",
    "derive_adaptive_window",
]

DID = "pool.adaptive.windows"

i, m = symbols("i m", integer=True, nonnegative=True)
n, o = symbols("n o", integer=True, positive=True)
j = symbols("j", integer=True)


def adaptive_window(i: int, in_len: int, out_len: int) -> tuple[int, int]:
    """The half-open window ``[floor(i n/o), ceil((i + 1) n/o))`` of output ``i``.

    Exact integer arithmetic; ``0 <= i < out_len``.  Cites ``pool.adaptive.windows``.

    >>> [adaptive_window(i, 10, 4) for i in range(4)]
    [(0, 3), (2, 5), (5, 8), (7, 10)]
    """
    in_len = require_int("in_len", in_len, 1, DID)
    out_len = require_int("out_len", out_len, 1, DID)
    if not 0 <= i < out_len:
        raise ValueError(f"i: {i} must lie in 0..{out_len - 1} ({DID})")
    return (i * in_len) // out_len, -(-(i + 1) * in_len // out_len)


def _boxes(
    shape: Sequence[int], output_size: Sequence[int]
) -> Iterator[tuple[Position, list[Position]]]:
    """Each output position with the input positions of its window, row-major."""
    for out in itertools.product(*(range(x) for x in output_size)):
        axes = zip(out, shape, output_size, strict=True)
        spans = [range(*adaptive_window(a, nn, oo)) for a, nn, oo in axes]
        yield out, list(itertools.product(*spans))


def adaptive_avg_pool_plane(
    plane: Mapping[Position, Fraction], shape: Sequence[int], output_size: Sequence[int]
) -> dict[Position, Fraction]:
    """Adaptive average pooling of one ``(n, c)`` plane in exact arithmetic.

    Cites ``pool.adaptive.windows``.

    >>> x = {(j,): Fraction(j) for j in range(5)}
    >>> list(adaptive_avg_pool_plane(x, (5,), (3,)).values())
    [Fraction(1, 2), Fraction(2, 1), Fraction(7, 2)]
    """
    return {
        out: sum((plane[p] for p in cells), Fraction(0)) / len(cells)
        for out, cells in _boxes(shape, output_size)
    }


def adaptive_max_pool_plane(
    plane: Mapping[Position, float], shape: Sequence[int], output_size: Sequence[int]
) -> dict[Position, tuple[float, int]]:
    """Adaptive max pooling of one plane: output position to ``(value, flat index)``.

    Cites ``pool.adaptive.windows``, ``pool.max.ties``, ``pool.max.nan``, ``pool.max.indices``.

    >>> x = {(j,): float(v) for j, v in enumerate([3, 1, 3, 2, 5])}
    >>> adaptive_max_pool_plane(x, (5,), (2,))
    {(0,): (3.0, 0), (1,): (5.0, 4)}
    """
    out: dict[Position, tuple[float, int]] = {}
    for position, cells in _boxes(shape, output_size):
        value, which = max_select([plane[p] for p in cells])
        out[position] = (value, flat_index(cells[which], shape))
    return out


@functools.cache
def derive_adaptive_window() -> tuple[sympy.Expr, sympy.Expr]:
    """The first and one-past-last cell meeting ``[i n/o, (i + 1) n/o)``.

    Cell ``j`` meets it iff ``j + 1 > i n/o`` and ``j < (i + 1) n/o``; the boundaries solved
    for ``j`` give the least integer above ``i n/o - 1`` and the least integer not below
    ``(i + 1) n/o``.

    >>> derive_adaptive_window()
    (floor((i*n - o)/o) + 1, ceiling(n*(i + 1)/o))
    """
    (after,) = sympy.solve(sympy.Eq(j + 1, i * n / o), j)
    (before,) = sympy.solve(sympy.Eq(j, (i + 1) * n / o), j)
    return sympy.floor(after) + 1, sympy.ceiling(before)


# --- claims -----------------------------------------------------------------------------------

_SIZES = range(1, 25)
_DOMAIN = "n, o = 1..24, every output i"


def _check_cells_meeting() -> Iterator[object]:
    """Cell ``[j, j + 1)`` meets ``[i n/o, (i + 1) n/o)`` iff ``j o < (i + 1) n`` and
    ``(j + 1) o > i n``, in integers."""
    for nn, oo in itertools.product(_SIZES, _SIZES):
        for a in range(oo):
            cells = [
                c for c in range(-1, nn + 2) if c * oo < (a + 1) * nn and (c + 1) * oo > a * nn
            ]
            if cells != list(range(*adaptive_window(a, nn, oo))):
                yield (nn, oo, a, cells)


def _check_cover() -> Iterator[object]:
    for nn, oo in itertools.product(_SIZES, _SIZES):
        windows = [adaptive_window(a, nn, oo) for a in range(oo)]
        covered = set().union(*(range(*w) for w in windows))
        if covered != set(range(nn)) or windows[0][0] != 0 or windows[-1][1] != nn:
            yield (nn, oo, "does not cover 0..n-1")
        for a, ((s0, e0), (s1, e1)) in enumerate(pairwise(windows)):
            shared = e0 - s1
            if s1 < s0 or e1 < e0 or shared != int((a + 1) * nn % oo != 0):
                yield (nn, oo, a, (s0, e0), (s1, e1))


def _check_sizes() -> Iterator[object]:
    for nn, oo in itertools.product(_SIZES, _SIZES):
        least = -(-nn // oo)
        for a in range(oo):
            start, end = adaptive_window(a, nn, oo)
            if end - start not in (least, least + 1):
                yield (nn, oo, a, end - start)


def _check_avg_pool() -> Iterator[object]:
    for nn, oo in itertools.product(_SIZES, _SIZES):
        if nn % oo:
            continue
        kk = nn // oo
        if output_length(nn, kk, kk) != oo:
            yield (nn, oo, "length")
        for a in range(oo):
            start, end = adaptive_window(a, nn, oo)
            same_cells = window_taps(a, kk, kk) == tuple(range(start, end))
            if not same_cells or avg_axis_divisor(a, nn, kk, kk) != end - start:
                yield (nn, oo, a)


@derivation(DID)
def _windows() -> Derivation:
    start, end = derive_adaptive_window()
    lo, hi = i * n / o, (i + 1) * n / o
    return Derivation(
        id=DID,
        title="Adaptive pooling windows: floor(i n/o) to ceil((i + 1) n/o)",
        statement=(
            "Output i of o on an axis of n cells pools the cells [j, j + 1) that meet the "
            "interval [i n/o, (i + 1) n/o), which are start = floor(i n/o) <= j < end = "
            "ceil((i + 1) n/o), each axis independently, as PyTorch's start_index and "
            "end_index. The intervals tile [0, n), so the windows cover the input, never move "
            "back, hold ceil(n/o) or ceil(n/o) + 1 cells and share at most one cell with the "
            "next. When o divides n they are the windows of avg_pool and max_pool with "
            "k = s = n/o and no padding."
        ),
        result={"start": sympy.floor(lo), "end": sympy.ceiling(hi)},
        claims=(
            symbolic(
                "the first cell meeting the interval, the least j with j + 1 > i n/o, is "
                "PyTorch's start_index floor(i n/o)",
                start,
                sympy.floor(lo),
            ),
            exhaustive(
                "the cells [j, j + 1) that meet [i n/o, (i + 1) n/o) are exactly start <= j < end",
                _DOMAIN + ", cells j = -1..n + 1",
                _check_cells_meeting,
            ),
            symbolic(
                "the intervals tile [0, n): interval i ends where interval i + 1 begins, the "
                "first begins at 0 and the last ends at n",
                sympy.Matrix([hi, sympy.Subs(lo, i, 0), sympy.Subs(hi, i, o - 1)]),
                sympy.Matrix([sympy.Subs(lo, i, i + 1), 0, n]),
            ),
            symbolic(
                "so the first window starts at 0 and the last ends at n",
                sympy.Matrix([sympy.Subs(start, i, 0), sympy.Subs(end, i, o - 1)]),
                sympy.Matrix([0, n]),
            ),
            symbolic(
                "with n = m o the window of output i is [i m, (i + 1) m)",
                sympy.Matrix([sympy.Subs(start, n, m * o), sympy.Subs(end, n, m * o)]),
                sympy.Matrix([i * m, (i + 1) * m]),
            ),
            exhaustive(
                "the windows cover 0..n-1, starts and ends never decrease, and neighbours "
                "share exactly one cell when o does not divide (i + 1) n, else none",
                "n, o = 1..24",
                _check_cover,
            ),
            exhaustive(
                "every window holds ceil(n/o) or ceil(n/o) + 1 cells (1 or 2 when o >= n)",
                _DOMAIN,
                _check_sizes,
            ),
            exhaustive(
                "when o divides n, avg_pool with k = s = n/o has o windows with the same "
                "cells and divisor",
                _DOMAIN + ", o | n",
                _check_avg_pool,
            ),
        ),
        references=(
            TORCH_ADAPTIVE_POOLING.at(
                "AdaptivePooling.h: start_index(a, b, c) = floor(a c / b) and end_index(a, b, "
                "c) = ceil((a + 1) c / b), for output index a, output size b and input size c"
            ),
        ),
        implemented_by=("oracle.adaptive_avg_pool", "oracle.adaptive_max_pool"),
        notes=(
            "Adaptive average pooling divides by the window's size, the product of its "
            "lengths; adaptive max pooling selects in the window as max pooling does "
            "(pool.max.ties, pool.max.nan).",
            "Neighbours share a cell exactly when o does not divide (i + 1) n, which is why "
            "adaptive pooling with o not dividing n is no avg_pool: no single stride "
            "reproduces the starts. Both sizes occur: n = 5, o = 3 gives the windows [0, 2), "
            "[1, 4) and [3, 5).",
            "Resize's area mode, PyTorch's interpolate(mode='area'), is adaptive average "
            "pooling on these windows; resize.area cites this derivation for them.",
        ),
    )
