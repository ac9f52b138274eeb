"""A transposed convolution with the bilinear kernel is half_pixel linear resize, but at the ends.

Stride ``f``, the kernel of ``fcn.bilinear.kernel``, and

* even ``f``: ``k = 2f``, padding ``f/2`` on each side;
* odd ``f``: ``k = 2f - 1``, padding ``(f - 1)/2`` (``f/2`` is not an integer).

Both map ``L`` cells to ``(L - 1)f + k - 2p = Lf`` (``conv_transpose.output_length``).
Output ``q`` receives input ``o`` through tap ``t = q + p - o f``, at distance
``t - (k - 1)/2 = f (u_q - o)`` from the kernel's centre, where ``u_q = (q + 1/2)/f - 1/2``
is the half_pixel source coordinate of ``q`` (``coord.half_pixel``).  The tent gives the
weight ``1 - |u_q - o|``: linear interpolation at ``u_q`` with zero beyond the input, where
the resize replicates the edge sample (``resize.border``).

So they agree wherever ``0 <= u_q <= L - 1``.  ``u_q < 0`` exactly for the first
``floor(f/2)`` outputs ``q = j``, and ``u_q > L - 1`` for the last ``floor(f/2)``,
``q = Lf - 1 - j``; there the transposed convolution is the resize less
``(f - 1 - 2j)/(2f)`` times the edge sample.  Everywhere it is the resize of the input
zero-padded by one cell on each side, with ``f`` outputs cropped from each end.  In N-d
both sides are products of these 1-D operators (``resize.separable``, the outer-product
kernel), so the same holds on every axis.

Derivation: ``fcn.bilinear.identity``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import fraction
from spec.conv.maps import transpose_index_map, transpose_output_length
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.fcn.bilinear import upsample_filt
from spec.references import FCN_2015, FCN_REFERENCE_NETS, ONNX_RESIZE
from spec.resize.coordinates import source_coordinate
from spec.resize.linear import linear_tap_weights
from spec.window.length import require_int

__all__ = [
    "edge_correction",
    "identity_geometry",
    "resize_rows",
    "transpose_rows",
    "zero_padded_resize_rows",
]

_DID = "fcn.bilinear.identity"

Row = dict[int, Fraction]

q, o = symbols("q o", integer=True)
f, k, p = symbols("f k p", integer=True, positive=True)


def identity_geometry(factor: int) -> tuple[int, int]:
    """``(kernel_size, padding)`` of the transposed convolution that resizes by ``factor``.

    ``(2f, f/2)`` for even ``f`` and ``(2f - 1, (f - 1)/2)`` for odd ``f``.  Cites
    ``fcn.bilinear.identity``.

    >>> identity_geometry(2), identity_geometry(3), identity_geometry(32)
    ((4, 1), (5, 1), (64, 16))
    """
    factor = require_int("factor", factor, 1, _DID)
    if factor % 2 == 0:
        return 2 * factor, factor // 2
    return 2 * factor - 1, (factor - 1) // 2


def edge_correction(factor: int, j: int) -> Fraction:
    """``(f - 1 - 2j)/(2f)``: how much less of the edge sample the ``j``-th output from an end
    receives from the transposed convolution than from the resize (``j < floor(f/2)``).

    Cites ``fcn.bilinear.identity``.

    >>> edge_correction(2, 0), edge_correction(8, 3)
    (Fraction(1, 4), Fraction(1, 16))
    """
    return Fraction(factor - 1 - 2 * j, 2 * factor)


@functools.cache
def transpose_rows(in_len: int, factor: int) -> tuple[Row, ...]:
    """The transposed convolution's matrix, one row per output: ``{input: weight}``."""
    size, pad = identity_geometry(factor)
    kernel = upsample_filt(size)
    rows: list[Row] = [{} for _ in range(transpose_output_length(in_len, size, factor, pad, pad))]
    for inp, tap, out in transpose_index_map(in_len, size, factor, pad, pad):
        rows[out][inp] = rows[out].get(inp, Fraction(0)) + kernel[tap]
    return tuple({i: w for i, w in sorted(row.items()) if w} for row in rows)


@functools.cache
def resize_rows(in_len: int, out_len: int) -> tuple[Row, ...]:
    """Half_pixel linear resize's matrix, from the resize chapter's exact weights."""
    rows = []
    for out in range(out_len):
        weights = linear_tap_weights(source_coordinate("half_pixel", out, in_len, out_len), in_len)
        rows.append({i: fraction(w) for i, w in sorted(weights.items()) if w})
    return tuple(rows)


def zero_padded_resize_rows(in_len: int, factor: int) -> tuple[Row, ...]:
    """Resize by ``factor`` of the input padded with one zero on each side, ``factor`` outputs
    cropped from each end: padded cell ``i + 1`` is input ``i``, and the zeros drop out."""
    padded = resize_rows(in_len + 2, (in_len + 2) * factor)
    kept = padded[factor : factor + in_len * factor]
    return tuple({i - 1: w for i, w in row.items() if 1 <= i <= in_len} for row in kept)


def _domain() -> Iterator[tuple[int, int]]:
    yield from itertools.product(range(1, 9), range(1, 9))


def _check_length() -> Iterator[object]:
    for factor, in_len in itertools.product(range(1, 17), range(1, 17)):
        size, pad = identity_geometry(factor)
        if transpose_output_length(in_len, size, factor, pad, pad) != in_len * factor:
            yield (factor, in_len)


def _check_interior() -> Iterator[object]:
    """Rows agree exactly in the interior; the first and last floor(f/2) rows differ from the
    resize by -edge_correction on the edge sample, which is never 0."""
    for factor, in_len in _domain():
        conv, resize = transpose_rows(in_len, factor), resize_rows(in_len, in_len * factor)
        ends = factor // 2
        for out in range(in_len * factor):
            expected = dict(resize[out])
            j, edge = (out, 0) if out < ends else (in_len * factor - 1 - out, in_len - 1)
            if j < ends:
                correction = edge_correction(factor, j)
                if correction <= 0:
                    yield (factor, in_len, out, "no difference")
                expected[edge] = expected.get(edge, Fraction(0)) - correction
            if conv[out] != {i: w for i, w in expected.items() if w}:
                yield (factor, in_len, out)


def _check_zero_padded() -> Iterator[object]:
    for factor, in_len in _domain():
        if transpose_rows(in_len, factor) != zero_padded_resize_rows(in_len, factor):
            yield (factor, in_len)


def _tconv_2d(x: list[list[int]], factor: int) -> list[list[Fraction]]:
    """The 2-D transposed convolution with the outer-product kernel, by scattering."""
    size, pad = identity_geometry(factor)
    line = upsample_filt(size)
    rows, cols = len(x), len(x[0])
    out = [[Fraction(0)] * (cols * factor) for _ in range(rows * factor)]
    for (a, b), (ta, tb) in itertools.product(
        itertools.product(range(rows), range(cols)), itertools.product(range(size), repeat=2)
    ):
        ya, yb = a * factor - pad + ta, b * factor - pad + tb
        if 0 <= ya < rows * factor and 0 <= yb < cols * factor:
            out[ya][yb] += line[ta] * line[tb] * x[a][b]
    return out


def _resize_padded_2d(x: list[list[int]], factor: int) -> list[list[Fraction]]:
    """Bilinear half_pixel resize of the zero-padded input, by factor, cropped back."""
    rows, cols = len(x), len(x[0])
    padded = [[0] * (cols + 2)] + [[0, *row, 0] for row in x] + [[0] * (cols + 2)]
    along_rows = resize_rows(rows + 2, (rows + 2) * factor)
    along_cols = resize_rows(cols + 2, (cols + 2) * factor)
    return [
        [
            sum(
                (
                    wa * wb * padded[i][j]
                    for i, wa in along_rows[ya].items()
                    for j, wb in along_cols[yb].items()
                ),
                Fraction(0),
            )
            for yb in range(factor, factor + cols * factor)
        ]
        for ya in range(factor, factor + rows * factor)
    ]


def _check_2d() -> Iterator[object]:
    for factor, rows, cols in itertools.product((1, 2, 3, 4), (1, 2, 3), (1, 2, 3)):
        x = [[(7 * a + 3 * b) % 5 - 2 for b in range(cols)] for a in range(rows)]
        if _tconv_2d(x, factor) != _resize_padded_2d(x, factor):
            yield (factor, rows, cols)


@derivation("fcn.bilinear.identity")
def _identity() -> Derivation:
    u = (q + Rational(1, 2)) / f - Rational(1, 2)
    distance = (q + p - o * f) - (k - 1) / 2
    scaled = sympy.Mul(f, sympy.Add(u, -o, evaluate=False), evaluate=False)
    j = symbols("j", integer=True, nonnegative=True)
    return Derivation(
        id=_DID,
        title="Transposed convolution with the bilinear kernel is half_pixel bilinear resize",
        statement=(
            "A transposed convolution with stride f, the bilinear kernel and k = 2f, padding "
            "f/2 (even f) or k = 2f - 1, padding (f - 1)/2 (odd f) maps L cells to Lf and "
            "weights input o at output q by 1 - |u_q - o|, u_q = (q + 1/2)/f - 1/2, so it "
            "equals half_pixel linear resize by f wherever 0 <= u_q <= L - 1. Only the first "
            "and last floor(f/2) outputs differ, the j-th from an end receiving (f - 1 - 2j)/(2f) "
            "less of the edge sample than the resize gives it. At every output it equals the "
            "resize of the input zero-padded by one cell on each side, f outputs cropped from "
            "each end."
        ),
        result={
            "even f: (k, padding)": sympy.Tuple(2 * f, f / 2),
            "odd f: (k, padding)": sympy.Tuple(2 * f - 1, (f - 1) / 2),
            "u_q": u,
            "resize - transposed, j-th output from an end": (f - 1 - 2 * j) / (2 * f),
        },
        claims=(
            symbolic(
                "even f: tap t = q + p - o f lies f(u_q - o) from the centre (k - 1)/2",
                distance,
                scaled,
                where={k: 2 * f, p: f / 2},
            ),
            symbolic(
                "odd f: with k = 2f - 1 and p = (f - 1)/2 the distance is the same f(u_q - o)",
                distance,
                scaled,
                where={k: 2 * f - 1, p: (f - 1) / 2},
            ),
            exhaustive(
                "both geometries map L cells to exactly Lf (conv_transpose.output_length)",
                "f = 1..16, L = 1..16",
                _check_length,
            ),
            exhaustive(
                "the transposed convolution's rows equal half_pixel resize's rows except the "
                "first and last floor(f/2), which are the resize's less (f - 1 - 2j)/(2f) on "
                "the edge sample, a positive amount",
                "f = 1..8, L = 1..8, exact weight rows",
                _check_interior,
            ),
            exhaustive(
                "every row equals that of the resize by f of the input zero-padded by one cell "
                "on each side, f outputs cropped from each end",
                "f = 1..8, L = 1..8, exact weight rows",
                _check_zero_padded,
            ),
            exhaustive(
                "in 2-D the outer-product kernel's transposed convolution equals the bilinear "
                "resize of the zero-padded input, cropped, at every output",
                "f = 1..4, 1..3 x 1..3 inputs with values (7a + 3b) mod 5 - 2",
                _check_2d,
            ),
        ),
        references=(
            FCN_2015.at("Sec. 3.3: a deconvolution layer initialised to bilinear upsampling"),
            FCN_REFERENCE_NETS.at("surgery.py: upsample_filt"),
            ONNX_RESIZE.at("coordinate_transformation_mode half_pixel"),
        ),
        implemented_by=("oracle.fcn_fuse", "oracle.fcn_fuse_resize"),
        notes=(
            "The differing outputs have u_q < 0 or u_q > L - 1: the resize reads the edge "
            "sample there (resize.border), the transposed convolution a zero beyond it. For "
            "f = 2 the first and last outputs get 3/4 of the edge sample instead of all of it.",
            "For odd f, k = 2f with padding f/2 is impossible; k = 2f - 1 gives the same tent, "
            "its end taps being the tent's zeros.",
            "The reference nets upsample with no padding and crop instead: their crops hold "
            "the f/2 cells of padding plus the shift their trunk leaves (fcn.caffe.offsets).",
        ),
    )
