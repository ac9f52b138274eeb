"""Area resampling: adaptive average pooling on the windows of ``pool.adaptive.windows``.

Pixel convention: input sample ``j`` covers the unit cell ``[j, j + 1)``; output ``i`` of ``out``
covers the continuous interval ``[i in/out, (i + 1) in/out)`` of the input axis and averages the
samples whose cells meet it.  The windows, and that they tile, cover and overlap by at most
one sample, are derived once in ``pool.adaptive.windows``; this module adds what libraries do
with them (``resize.area``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import sympy
from sympy import symbols

from spec._exact import float32 as _f32
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.pool import adaptive
from spec.pool.adaptive import adaptive_window
from spec.references import TORCH_ADAPTIVE_AVG_CU, TORCH_ADAPTIVE_POOLING, TORCH_INTERPOLATE

__all__ = ["area_window", "float32_area_window"]


def area_window(i: int, n_in: int, n_out: int) -> tuple[int, int]:
    """Half-open input window ``[start, end)`` of output ``i`` (``resize.area``).

    The window of ``pool.adaptive.windows`` (:func:`spec.pool.adaptive_window`):
    ``start = floor(i n_in / n_out)``, ``end = ceil((i + 1) n_in / n_out)``, in exact integer
    arithmetic; the output is the mean of the samples in the window.

    >>> [area_window(i, 5, 3) for i in range(3)]
    [(0, 2), (1, 4), (3, 5)]
    >>> [area_window(i, 2, 3) for i in range(3)]
    [(0, 1), (0, 2), (1, 2)]
    """
    return adaptive_window(i, n_in, n_out)


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


def _integer_forms() -> Iterator[object]:
    for b in range(1, 65):
        for c in range(1, 65):
            for a in range(b):
                start = (a // b) * c + ((a % b) * c) // b
                end = 1 + ((a + 1) * c - 1) // b
                if (start, end) != area_window(a, c, b):
                    yield (a, b, c, (start, end))


def _float32_example() -> Iterator[object]:
    got = (float32_area_window(511, 65537, 512), area_window(511, 65537, 512))
    if got != ((65409, 65537), (65408, 65537)):
        yield got


@derivation("resize.area")
def _area() -> Derivation:
    i, n, o = symbols("i n_in n_out", integer=True, nonnegative=True)
    j, w = symbols("j w")
    start, end = adaptive.derive_adaptive_window()
    at = ((adaptive.n, adaptive.o), (n, o))
    lo, hi = sympy.floor(i * n / o), sympy.ceiling((i + 1) * n / o)
    return Derivation(
        id="resize.area",
        title="Area resampling is adaptive average pooling",
        statement=(
            "PyTorch's mode='area' is adaptive average pooling: output i of n_out is the "
            "mean of the end - start samples of its window start = floor(i n_in/n_out) <= j "
            "< end = ceil((i + 1) n_in/n_out), the window of pool.adaptive.windows with "
            "n = n_in and o = n_out. PyTorch computes start and end with integer forms that "
            "equal the exact floor and ceil, where float32 division, as older PyTorch used, "
            "moves the windows of long axes."
        ),
        result={"start": lo, "end": hi, "weight": 1 / (hi - lo)},
        claims=(
            symbolic(
                "the window is pool.adaptive.windows' derived window at n = n_in, o = n_out",
                sympy.Matrix([sympy.Subs(start, *at), sympy.Subs(end, *at)]),
                sympy.Matrix([lo, hi]),
            ),
            symbolic(
                "the mean gives each of the window's samples the weight w = 1/(end - start), "
                "and these weights sum to 1",
                sympy.Subs(sympy.Sum(w, (j, lo, hi - 1)), w, 1 / (hi - lo)),
                1,
            ),
            exhaustive(
                "PyTorch's integer forms (a/b) c + ((a mod b) c)/b and 1 + ((a + 1) c - 1)/b "
                "equal the exact floor and ceil",
                "output index a < output size b <= 64, input size c <= 64",
                _integer_forms,
            ),
            exhaustive(
                "float32 division moves the window: n_in = 65537, n_out = 512, i = 511 starts "
                "at 65409 instead of 65408",
                "that single case",
                _float32_example,
            ),
        ),
        references=(
            TORCH_INTERPOLATE.at(
                "mode='area' calls adaptive_avg_pool1d/2d/3d with the output size"
            ),
            TORCH_ADAPTIVE_POOLING.at(
                "AdaptivePooling.h: start_index(a, b, c) = (a / b) c + ((a % b) c) / b and "
                "end_index(a, b, c) = 1 + ((a + 1) c - 1) / b in integer division (torch "
                "2.13.0); floor((float)(a c) / b) and ceil((float)((a + 1) c) / b) in float32 "
                "at commit 048e6c50"
            ),
            TORCH_ADAPTIVE_AVG_CU.at(
                "START_IND(a,b,c) = (a / b) * c + ((a % b) * c) / b, "
                "END_IND(a,b,c) = 1 + ((a + 1) * c - 1) / b (integer division)"
            ),
        ),
        implemented_by=("oracle.resize_plan",),
        notes=(
            "The windows are pool.adaptive.windows': it derives them from the cells meeting "
            "each interval and shows that they tile and cover the input, share at most one "
            "sample with the next, hold one or two samples when upsampling, and are "
            "avg_pool's with kernel = stride = n_in/n_out when n_out divides n_in.",
            "Float32 division is off by one for large sizes: n_in = 65537, n_out = 512, "
            "i = 511 starts at 65409 instead of 65408.",
            "Checked numerically against torch 2.13.0 CPU: interpolate(mode='area') weights equal "
            "1/(end - start) on [start, end) for every n_in, n_out <= 16, and the window at "
            "n_in = 65537, n_out = 512, i = 511 starts at 65408.",
        ),
    )
