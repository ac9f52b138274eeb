"""Area resampling: adaptive average pooling windows, derived from the continuous interval.

Pixel convention: input sample ``j`` covers the unit cell ``[j, j + 1)``; output ``i`` of ``out``
covers the continuous interval ``[i in/out, (i + 1) in/out)`` of the input axis and averages the
samples whose cells meet it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from itertools import pairwise

import sympy
from sympy import symbols

from spec._exact import float32 as _f32
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import TORCH_ADAPTIVE_AVG_CU, TORCH_ADAPTIVE_POOLING_H, TORCH_INTERPOLATE

__all__ = ["area_window", "float32_area_window"]


def area_window(i: int, n_in: int, n_out: int) -> tuple[int, int]:
    """Half-open input window ``[start, end)`` of output ``i`` (``resize.area``).

    ``start = floor(i n_in / n_out)``, ``end = ceil((i + 1) n_in / n_out)``, in exact integer
    arithmetic; the output is the mean of the samples in the window.

    >>> [area_window(i, 5, 3) for i in range(3)]
    [(0, 2), (1, 4), (3, 5)]
    >>> [area_window(i, 2, 3) for i in range(3)]
    [(0, 1), (0, 2), (1, 2)]
    """
    return (i * n_in) // n_out, -((-(i + 1) * n_in) // n_out)


def float32_area_window(i: int, n_in: int, n_out: int) -> tuple[int, int]:
    """The window as computed with float32 division, ``floor((float)(a c) / b)`` (older PyTorch).

    Not the spec: it shows what float index arithmetic does to the exact ``area_window``
    (``resize.area``).

    >>> float32_area_window(511, 65537, 512), area_window(511, 65537, 512)
    ((65409, 65537), (65408, 65537))
    """
    start = math.floor(_f32(_f32(float(i * n_in)) / _f32(float(n_out))))
    end = math.ceil(_f32(_f32(float((i + 1) * n_in)) / _f32(float(n_out))))
    return start, end


_SIZES = range(1, 17)
_DOMAIN = "n_in, n_out in 1..16, every output i"


def _matches_cell_intersection() -> Iterator[object]:
    for n in _SIZES:
        for o in _SIZES:
            for i in range(o):
                lo, hi = Fraction(i * n, o), Fraction((i + 1) * n, o)
                # Cell [j, j + 1) meets [lo, hi) iff j < hi and j + 1 > lo.
                cells = [j for j in range(-1, n + 2) if j < hi and j + 1 > lo]
                start, end = area_window(i, n, o)
                if cells != list(range(start, end)):
                    yield (n, o, i, cells, (start, end))


def _covers_and_overlaps() -> Iterator[object]:
    for n in _SIZES:
        for o in _SIZES:
            windows = [area_window(i, n, o) for i in range(o)]
            covered = set().union(*(range(a, b) for a, b in windows))
            if covered != set(range(n)) or windows[0][0] != 0 or windows[-1][1] != n:
                yield (n, o, "does not cover the input exactly")
            for (a0, b0), (a1, b1) in pairwise(windows):
                if not (a0 <= a1 and b0 <= b1 and a1 >= b0 - 1):
                    yield (n, o, (a0, b0), (a1, b1))


def _non_empty_and_small() -> Iterator[object]:
    for n in _SIZES:
        for o in _SIZES:
            for i in range(o):
                start, end = area_window(i, n, o)
                size = end - start
                if not 1 <= size <= -(-n // o) + 1:
                    yield (n, o, i, size)
                if o >= n and size > 2:
                    yield (n, o, i, size, "upsampling window wider than 2")


def _divisible_is_avg_pool() -> Iterator[object]:
    for n in _SIZES:
        for o in _SIZES:
            if n % o:
                continue
            k = n // o
            for i in range(o):
                if area_window(i, n, o) != (i * k, (i + 1) * k):
                    yield (n, o, i)


def _integer_forms() -> Iterator[object]:
    for b in range(1, 65):
        for c in range(1, 65):
            for a in range(b):
                start = (a // b) * c + ((a % b) * c) // b
                end = 1 + ((a + 1) * c - 1) // b
                if (start, end) != area_window(a, c, b):
                    yield (a, b, c, (start, end))


@derivation("resize.area")
def _area() -> Derivation:
    i, n, o = symbols("i n_in n_out", integer=True, nonnegative=True)
    lo = i * n / o
    hi = (i + 1) * n / o
    return Derivation(
        id="resize.area",
        title="Area resampling is adaptive average pooling",
        statement=(
            "PyTorch's mode='area' is adaptive average pooling: output i of n_out covers the "
            "continuous interval [i n_in/n_out, (i+1) n_in/n_out) of the input axis, and these "
            "intervals tile [0, n_in). "
            "Input sample j covers the cell [j, j+1), which meets [lo, hi) exactly for "
            "floor(lo) <= j < ceil(hi), so the window is start = floor(i n_in/n_out), "
            "end = ceil((i+1) n_in/n_out), computed exactly in integers, and the output is the "
            "mean of its end - start samples. "
            "Windows cover the input, are never empty and share at most one sample with the "
            "next; when n_out divides n_in this is average pooling with kernel = stride = "
            "n_in/n_out."
        ),
        result={
            "start": sympy.floor(lo),
            "end": sympy.ceiling(hi),
            "weight": 1 / (sympy.ceiling(hi) - sympy.floor(lo)),
        },
        claims=(
            symbolic(
                "the continuous intervals tile: end of i = start of i + 1",
                hi,
                sympy.Subs(lo, i, i + 1),
            ),
            symbolic("the first interval starts at 0", sympy.Subs(lo, i, 0), 0),
            symbolic("the last interval ends at n_in", sympy.Subs(hi, i, o - 1), n),
            exhaustive(
                "start/end equal the samples whose cells [j, j+1) meet [i n_in/n_out, "
                "(i+1) n_in/n_out)",
                _DOMAIN,
                _matches_cell_intersection,
            ),
            exhaustive(
                "windows cover the input exactly; starts and ends are non-decreasing and "
                "consecutive windows overlap by at most one sample",
                "n_in, n_out in 1..16",
                _covers_and_overlaps,
            ),
            exhaustive(
                "every window is non-empty, holds at most ceil(n_in/n_out) + 1 samples, and at "
                "most 2 when n_out >= n_in",
                _DOMAIN,
                _non_empty_and_small,
            ),
            exhaustive(
                "when n_out divides n_in: average pooling with kernel = stride = n_in/n_out",
                _DOMAIN,
                _divisible_is_avg_pool,
            ),
            exhaustive(
                "PyTorch's integer forms equal the exact floor and ceil",
                "output index a < output size b <= 64, input size c <= 64",
                _integer_forms,
            ),
            exhaustive(
                "float32 division moves the window: n_in = 65537, n_out = 512, i = 511",
                "that single case",
                lambda: (
                    []
                    if float32_area_window(511, 65537, 512) == (65409, 65537)
                    and area_window(511, 65537, 512) == (65408, 65537)
                    else [(float32_area_window(511, 65537, 512), area_window(511, 65537, 512))]
                ),
            ),
        ),
        references=(
            TORCH_INTERPOLATE.at(
                "mode='area' calls adaptive_avg_pool1d/2d/3d with the output size"
            ),
            TORCH_ADAPTIVE_POOLING_H.at(
                "start_index(a, b, c) = floor(a c / b), end_index(a, b, c) = ceil((a + 1) c / b) "
                "(a output index, b output size, c input size); computed in float32 at commit "
                "048e6c50"
            ),
            TORCH_ADAPTIVE_AVG_CU.at(
                "START_IND(a,b,c) = (a / b) * c + ((a % b) * c) / b, "
                "END_IND(a,b,c) = 1 + ((a + 1) * c - 1) / b (integer division)"
            ),
        ),
        implemented_by=("oracle.resize_plan",),
        notes=(
            "When upsampling each window holds one or two samples. PyTorch's integer forms "
            "(a/b) c + ((a mod b) c)/b and 1 + ((a+1) c - 1)/b equal the exact floor and ceil; "
            "older PyTorch computed them with float32 division, which is off by one for large "
            "sizes (n_in = 65537, n_out = 512, i = 511: start 65409 instead of 65408).",
            "Checked numerically against torch 2.13.0 CPU: interpolate(mode='area') weights equal "
            "1/(end - start) on [start, end) for every n_in, n_out <= 16, and the window at "
            "n_in = 65537, n_out = 512, i = 511 starts at 65408.",
        ),
    )
