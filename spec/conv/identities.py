"""Identities that connect transposed convolution to upsampling.

Nearest upsampling by an integer factor ``f`` is a transposed convolution with a ones kernel
of size ``f`` and stride ``f``.  A stride-``f`` transposed convolution equals a convolution
with ``f^d`` times the output channels followed by pixel_shuffle (sub-pixel convolution,
Shi et al.): output ``q = u f + r`` of the transposed convolution, phase ``r``, only ever meets
the taps ``t = r + p_begin (mod f)``, and those form an ordinary stride-1 kernel.

The sub-pixel weight mapping, per axis, for kernel ``k``, factor ``f``, begin padding ``p``
and dilation 1: ``M = ceil(k/f)``, ``c_r = (r + p) // f``, ``rho_r = (r + p) mod f``,
``P = M - 1 - p // f`` (the convolution's begin padding), ``J = M + c_(f-1) - c_0`` (its
kernel size), and convolution tap ``j`` of phase ``r`` is transposed-convolution tap
``(P + c_r - j) f + rho_r`` when that lies in ``0 .. k - 1``, else zero.

Derivations: ``conv_transpose.nearest_upsampling``, ``conv_transpose.subpixel``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

from spec.conv import evaluate as ev
from spec.conv.pixel_shuffle import pixel_shuffle_index
from spec.core import Derivation, derivation, exhaustive
from spec.references import (
    DUMOULIN_VISIN,
    SHI_DECONVOLUTION_NOTE,
    SHI_SUBPIXEL,
    TORCH_PIXEL_SHUFFLE,
)
from spec.resize.coordinates import source_coordinate
from spec.resize.nearest import nearest_index
from spec.window.length import require_int

__all__ = ["subpixel_end_padding", "subpixel_geometry", "subpixel_tap"]


# --- sub-pixel weight mapping -----------------------------------------------------------------


def subpixel_geometry(kernel_size: int, factor: int, p_begin: int = 0) -> tuple[int, int]:
    """``(J, P)``: kernel size and begin padding of the sub-pixel convolution on one axis.

    ``M = ceil(k/f)``, ``P = M - 1 - p // f``, ``J = M + (f - 1 + p) // f - p // f``.
    ``P`` may be negative (it then crops).  Cites ``conv_transpose.subpixel``.

    >>> subpixel_geometry(4, 2, 1), subpixel_geometry(3, 3, 0)
    ((3, 1), (1, 0))
    """
    did = "conv_transpose.subpixel"
    k = require_int("kernel_size", kernel_size, 1, did)
    f = require_int("factor", factor, 1, did)
    p = require_int("p_begin", p_begin, 0, did)
    taps = -(-k // f)
    return taps + (f - 1 + p) // f - p // f, taps - 1 - p // f


def subpixel_tap(
    phase: int, tap: int, kernel_size: int, factor: int, p_begin: int = 0
) -> int | None:
    """The transposed-convolution tap that sub-pixel tap ``tap`` of ``phase`` reads, or None (zero).

    ``(P + c_r - j) f + rho_r`` with ``c_r = (r + p) // f``, ``rho_r = (r + p) mod f``, when in
    ``0 .. k - 1``.  Cites ``conv_transpose.subpixel``.

    >>> [[subpixel_tap(r, j, 4, 2, 1) for j in range(3)] for r in range(2)]
    [[3, 1, None], [None, 2, 0]]
    """
    size, begin = subpixel_geometry(kernel_size, factor, p_begin)
    if not 0 <= phase < factor or not 0 <= tap < size:
        raise ValueError(
            f"phase, tap: ({phase}, {tap}) must lie in [0, {factor}) x [0, {size}) "
            "(conv_transpose.subpixel)"
        )
    steps = begin + (phase + p_begin) // factor - tap
    source = steps * factor + (phase + p_begin) % factor
    return source if steps >= 0 and source < kernel_size else None


def subpixel_end_padding(
    in_len: int,
    kernel_size: int,
    factor: int,
    p_begin: int = 0,
    p_end: int = 0,
    output_padding: int = 0,
) -> int:
    """The sub-pixel convolution's end padding, so that it has ``L_T / f`` outputs.

    ``L_T = f(L - 1) + k - p_begin - p_end + output_padding`` must be divisible by ``f``.
    Cites ``conv_transpose.subpixel``.

    >>> subpixel_end_padding(5, 4, 2, 1, 1)
    1
    """
    did = "conv_transpose.subpixel"
    length = factor * (in_len - 1) + kernel_size - p_begin - p_end + output_padding
    if length < 1 or length % factor:
        raise ValueError(
            f"factor: the transposed length {length} must be a positive multiple of {factor} "
            f"for pixel_shuffle ({did})"
        )
    size, begin = subpixel_geometry(kernel_size, factor, p_begin)
    return length // factor - in_len - begin + size - 1


# --- claims -----------------------------------------------------------------------------------

Case = tuple[tuple[tuple[int, int, int, int, int], ...], tuple[int, int, int]]  # axes, channels


def _subpixel_cases() -> Iterator[Case]:
    for in_len, k, f, pb, pe in itertools.product(
        range(1, 4), range(1, 6), range(2, 4), range(3), range(3)
    ):
        for op in range(f):
            if (f * (in_len - 1) + k - pb - pe + op) % f == 0 and f * (in_len - 1) + k > pb + pe:
                yield ((in_len, k, f, pb, pe),), (1, 1, 1)
                if in_len == 2 and op == 0:
                    yield ((in_len, k, f, pb, pe),), (2, 2, 2)
    for axes in itertools.product(((2, 3, 2, 0, 1), (2, 4, 2, 1, 1), (1, 2, 2, 0, 0)), repeat=2):
        yield axes, (1, 2, 1)


def _output_padding_of(axis: tuple[int, int, int, int, int]) -> int:
    in_len, k, f, pb, pe = axis
    return -(f * (in_len - 1) + k - pb - pe) % f


def _check_subpixel() -> Iterator[object]:
    for axes, (cin, cout, groups) in _subpixel_cases():
        shape = [a[0] for a in axes]
        kernel = [a[1] for a in axes]
        geometry = [(k, f, pb, pe, 1) for _, k, f, pb, pe in axes]
        ops = [_output_padding_of(a) for a in axes]
        xs = ev.symbolic_array("x", cin, shape)
        ws = ev.symbolic_weight("w", cin, cout // groups, kernel)
        trans, trans_shape = ev.conv_transpose_nd(xs, shape, ws, (cin, cout, groups), geometry, ops)
        sub = [subpixel_geometry(k, f, pb) for _, k, f, pb, _ in axes]
        conv_geometry: list[ev.Geometry] = [
            (size, 1, begin, subpixel_end_padding(in_len, k, f, pb, pe, op), 1)
            for (size, begin), (in_len, k, f, pb, pe), op in zip(sub, axes, ops, strict=True)
        ]
        factor = axes[0][2]
        blocks = factor ** len(axes)
        weights: ev.Weight = {}
        for co in range(cout):
            for phases in itertools.product(*(range(a[2]) for a in axes)):
                channel = co * blocks + sum(
                    r * factor ** (len(axes) - 1 - a) for a, r in enumerate(phases)
                )
                group = co // (cout // groups)
                for local in range(cin // groups):
                    for taps in itertools.product(*(range(size) for size, _ in sub)):
                        src = [
                            subpixel_tap(r, j, a[1], a[2], a[3])
                            for r, j, a in zip(phases, taps, axes, strict=True)
                        ]
                        reads = tuple(t for t in src if t is not None)
                        owner = (group * (cin // groups) + local, co % (cout // groups), reads)
                        weights[(channel, local, taps)] = (
                            ws[owner] if len(reads) == len(src) else Counter()
                        )
        conv, conv_shape = ev.conv_nd(
            xs, shape, weights, (cin, cout * blocks, groups), conv_geometry
        )
        shuffled = {
            (c, pos): conv[pixel_shuffle_index(c, pos, factor)]
            for c in range(cout)
            for pos in itertools.product(*(range(n) for n in trans_shape))
        }
        if [n * factor for n in conv_shape] != list(trans_shape):
            yield ("shape", axes, trans_shape, conv_shape)
        elif ev.nonzero(shuffled) != ev.nonzero(trans):
            yield (axes, (cin, cout, groups))


def _dcgan_example() -> Iterator[object]:
    got = (
        subpixel_geometry(4, 2, 1),
        [[subpixel_tap(r, j, 4, 2, 1) for j in range(3)] for r in range(2)],
        subpixel_end_padding(8, 4, 2, 1, 1),
    )
    if got != ((3, 1), [[3, 1, None], [None, 2, 0]], 1):
        yield got


@derivation("conv_transpose.subpixel")
def _subpixel() -> Derivation:
    return Derivation(
        id="conv_transpose.subpixel",
        title="Sub-pixel convolution: a stride-f transposed convolution is a convolution and "
        "pixel_shuffle",
        statement=(
            "A stride-f transposed convolution with dilation 1 equals a stride-1 convolution "
            "with C_out f^d output channels followed by pixel_shuffle with factor f, when its "
            "length is a multiple of f. Output u f + r of the transposed convolution, phase "
            "r, meets only the taps t = r + p_begin (mod f), and those form the ordinary "
            "stride-1 kernel of output channel c f^d + phi(r)."
        ),
        result={},
        claims=(
            exhaustive(
                "the transposed convolution and pixel_shuffle of the mapped convolution give "
                "equal polynomials at every output",
                "1-D: L = 1..3, k = 1..5, f = 2..3, p_begin, p_end = 0..2, every output_padding "
                "< f making the length a multiple of f, one channel, and 2 channels in 2 groups "
                "at L = 2; 2-D: 9 pairs of axis geometries with C_in 1, C_out 2",
                _check_subpixel,
            ),
            exhaustive(
                "k = 4, f = 2, p = 1 (the usual 2x upsampling layer): a 3-tap convolution with "
                "padding 1 whose phase 0 reads taps (3, 1, -) and phase 1 taps (-, 2, 0)",
                "that one geometry",
                _dcgan_example,
            ),
        ),
        references=(
            SHI_SUBPIXEL.at(
                "Sec. 2.2, Eq. 4: a convolution with r^2 times the output channels followed "
                "by the periodic shuffling operator PS"
            ),
            SHI_DECONVOLUTION_NOTE.at(
                "a deconvolution layer with stride r equals a convolution in low-resolution "
                "space with r^2 times the output channels followed by periodic shuffling"
            ),
            DUMOULIN_VISIN.at("Sec. 4.5: the transposed convolution of a strided convolution"),
        ),
        implemented_by=("oracle.conv_transpose", "oracle.conv", "oracle.pixel_shuffle"),
        notes=(
            "The weight mapping, per axis: with M = ceil(k/f), c_r = (r + p_begin) // f and "
            "rho_r = (r + p_begin) mod f, the convolution has kernel J = M + c_(f-1) - c_0, "
            "begin padding P = M - 1 - c_0 and end padding L_T/f - L - P + J - 1, and its tap "
            "j for phase r is the transposed tap (P + c_r - j) f + rho_r, or zero outside "
            "0..k-1 (subpixel_geometry, subpixel_tap, subpixel_end_padding).",
            "The begin and end padding of the convolution may be negative for large "
            "p_begin; a negative amount crops, and the domain includes such cases.",
            "With k = f and p = 0 the convolution is 1 x 1 and copies transposed tap r to "
            "phase r: nearest upsampling is its special case with a ones kernel.",
        ),
    )


# --- nearest upsampling -----------------------------------------------------------------------


def _check_nearest_is_transpose() -> Iterator[object]:
    for channels, f in itertools.product((1, 2), (1, 2, 3)):
        for shape in ((1,), (3,), (4,), (2, 3), (1, 2, 2)):
            d = len(shape)
            xs = ev.symbolic_array("x", channels, shape)
            ones: ev.Weight = {
                (c, 0, taps): Counter({(): 1})
                for c in range(channels)
                for taps in itertools.product(range(f), repeat=d)
            }
            geometry = [(f, f, 0, 0, 1)] * d
            out, out_shape = ev.conv_transpose_nd(
                xs, shape, ones, (channels, channels, channels), geometry, [0] * d
            )
            if out_shape != tuple(n * f for n in shape):
                yield ("shape", channels, f, shape)
            for (c, q), value in out.items():
                if value != xs[(c, tuple(p // f for p in q))]:
                    yield (channels, f, shape, c, q)


def _check_nearest_is_resize() -> Iterator[object]:
    for in_len, f in itertools.product(range(1, 7), range(1, 5)):
        for q in range(in_len * f):
            torch_nearest = nearest_index(
                source_coordinate("asymmetric", q, in_len, in_len * f), in_len, "floor"
            )
            onnx_default = nearest_index(
                source_coordinate("half_pixel", q, in_len, in_len * f),
                in_len,
                "round_prefer_floor",
            )
            if not q // f == torch_nearest == onnx_default:
                yield (in_len, f, q)


def _check_subpixel_form() -> Iterator[object]:
    for f, r in ((factor, r) for factor in range(1, 5) for r in range(factor)):
        if subpixel_geometry(f, f) != (1, 0) or subpixel_tap(r, 0, f, f) != r:
            yield (f, r)


@derivation("conv_transpose.nearest_upsampling")
def _nearest() -> Derivation:
    return Derivation(
        id="conv_transpose.nearest_upsampling",
        title="Nearest upsampling by an integer factor is a transposed convolution",
        statement=(
            "A depthwise transposed convolution with a ones kernel of size f and stride f on "
            "every axis, no padding, sends input x to outputs x f .. x f + f - 1 through one tap "
            "each, so output q equals input q // f: nearest upsampling by the integer factor f. "
            "That is the index that the resize spec gives both PyTorch's nearest (asymmetric "
            "coordinates, floor) and ONNX's default (half_pixel, round_prefer_floor) at scale "
            "f."
        ),
        result={},
        claims=(
            exhaustive(
                "the ones-kernel transposed convolution gives exactly x[c, q // f] at every "
                "output, on 1, 2 and 3 axes",
                "C = 1..2 (groups = C), f = 1..3, shapes (1), (3), (4), (2, 3), (1, 2, 2)",
                _check_nearest_is_transpose,
            ),
            exhaustive(
                "q // f is the nearest index of coord.asymmetric with floor and of "
                "coord.half_pixel with round_prefer_floor",
                "L = 1..6, f = 1..4, every output q",
                _check_nearest_is_resize,
            ),
            exhaustive(
                "with k = f and p = 0 the sub-pixel convolution is 1 x 1 and phase r reads "
                "transposed tap r",
                "f = 1..4",
                _check_subpixel_form,
            ),
        ),
        references=(
            SHI_SUBPIXEL.at("Sec. 2.2: upsampling by a fractional stride 1/r in LR space"),
            TORCH_PIXEL_SHUFFLE.at(
                "PixelShuffle: (*, C r^2, H, W) -> (*, C, H r, W r), the sub-pixel form"
            ),
            DUMOULIN_VISIN.at(
                "Sec. 4.5, Relationship 12: the transposed convolution with k = s and p = 0"
            ),
        ),
        implemented_by=("oracle.conv_transpose", "oracle.resize"),
        notes=(
            "Its sub-pixel form (conv_transpose.subpixel) is a 1 x 1 convolution that repeats "
            "each channel f^d times, followed by pixel_shuffle.",
            "oracle.resize computes the same index q // f for mode 'nearest' at an integer "
            "scale (coord.asymmetric with floor, coord.half_pixel with round_prefer_floor); "
            "the second claim ties the two.",
            "Only an integer factor works: a non-integer scale has no stride, and its nearest "
            "index is not periodic.",
        ),
    )
