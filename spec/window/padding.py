"""Padding forms and "SAME" padding, as the (begin, end) pairs they stand for.

Convention: every padding is a ``(begin, end)`` pair per spatial axis, in cells added
before the first and after the last input cell (``window.output_length``).  An int or
one int per axis pads both ends equally.  ONNX lists ``pads`` as all the begins, then
all the ends; TensorFlow's explicit padding lists a ``[begin, end]`` pair per dimension,
batch and channel included.  "SAME" padding is the least total padding that gives
``ceil(L/s)`` outputs, split in two with the odd cell at the end (ONNX SAME_UPPER,
TensorFlow "SAME") or at the beginning (ONNX SAME_LOWER).

Derivations: ``window.padding``, ``window.same``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence

import sympy
from sympy import symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import ONNX_CONV, TF_PADDING, TORCH_CONV
from spec.window.length import effective_kernel, output_length, require_int

__all__ = [
    "SAME_MODES",
    "derive_same_total",
    "onnx_pads",
    "padding_pairs",
    "pairs_from_onnx_pads",
    "same_padding",
    "tf_explicit_paddings",
]

#: The modes of :func:`same_padding`: ONNX's two and TensorFlow's "SAME".
SAME_MODES = ("SAME_UPPER", "SAME_LOWER", "SAME")

L, s, e, c = symbols("L s e c", integer=True, positive=True)
P = symbols("P", integer=True)

Pairs = tuple[tuple[int, int], ...]


def padding_pairs(padding: object, ndim: int) -> Pairs:
    """The ``(begin, end)`` pair of each of ``ndim`` axes for any of the three padding forms.

    ``padding`` is an int (every end of every axis), a tuple of ``ndim`` ints (both ends of
    each axis) or a tuple of ``ndim`` ``(begin, end)`` pairs.  Values are integers ``>= 0``.
    Cites ``window.padding``.

    >>> padding_pairs(1, 2), padding_pairs((1, 2), 2), padding_pairs(((0, 1), (2, 3)), 2)
    (((1, 1), (1, 1)), ((1, 1), (2, 2)), ((0, 1), (2, 3)))
    """
    did = "window.padding"
    ndim = require_int("ndim", ndim, 1, did)
    if isinstance(padding, int) and not isinstance(padding, bool):
        value = require_int("padding", padding, 0, did)
        return ((value, value),) * ndim
    if not isinstance(padding, (tuple, list)) or len(padding) != ndim:
        raise ValueError(
            f"padding: {padding!r} must be an int or a sequence of {ndim} entries, one per "
            f"spatial axis ({did})"
        )
    pairs = []
    for axis, entry in enumerate(padding):
        if isinstance(entry, (tuple, list)):
            if len(entry) != 2:
                raise ValueError(
                    f"padding: entry {axis} {entry!r} must be a (begin, end) pair ({did})"
                )
            begin = require_int(f"padding[{axis}][0]", entry[0], 0, did)
            end = require_int(f"padding[{axis}][1]", entry[1], 0, did)
            pairs.append((begin, end))
        else:
            value = require_int(f"padding[{axis}]", entry, 0, did)
            pairs.append((value, value))
    return tuple(pairs)


def onnx_pads(pairs: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """ONNX's ``pads`` attribute for these pairs: every begin, then every end.

    Cites ``window.padding``.

    >>> onnx_pads(((0, 1), (2, 3)))
    (0, 2, 1, 3)
    """
    return tuple(b for b, _ in pairs) + tuple(e for _, e in pairs)


def pairs_from_onnx_pads(pads: Sequence[int]) -> Pairs:
    """The pairs of ONNX's ``pads = [x1_begin, x2_begin, ..., x1_end, x2_end]``.

    Cites ``window.padding``.

    >>> pairs_from_onnx_pads((0, 2, 1, 3))
    ((0, 1), (2, 3))
    """
    if len(pads) % 2:
        raise ValueError(f"pads: {tuple(pads)!r} must have an even length (window.padding)")
    half = len(pads) // 2
    return tuple((pads[a], pads[half + a]) for a in range(half))


def tf_explicit_paddings(pairs: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """TensorFlow's explicit ``padding`` list in NCHW order: no padding on N and C.

    Cites ``window.padding``.

    >>> tf_explicit_paddings(((0, 1),))
    ((0, 0), (0, 0), (0, 1))
    """
    return ((0, 0), (0, 0), *((int(b), int(e)) for b, e in pairs))


def _split(total: int, mode: str) -> tuple[int, int]:
    if mode in ("SAME_UPPER", "SAME"):
        return total // 2, total - total // 2
    if mode == "SAME_LOWER":
        return total - total // 2, total // 2
    raise ValueError(f"mode: {mode!r} is not one of {', '.join(SAME_MODES)} (window.same)")


def same_padding(
    in_len: int, kernel_size: int, stride: int = 1, dilation: int = 1, mode: str = "SAME_UPPER"
) -> tuple[int, int]:
    """The ``(begin, end)`` padding of "SAME" on one axis, for convolution and pooling.

    The total is ``max((ceil(L/s) - 1)*s + d(k-1) + 1 - L, 0)``, the least padding that gives
    ``ceil(L/s)`` windows.  SAME_UPPER and TensorFlow's "SAME" put the odd cell at the end,
    SAME_LOWER at the beginning.  Cites ``window.same``.

    >>> same_padding(5, 3, 2), same_padding(6, 3, 2), same_padding(6, 4, 1, mode="SAME_LOWER")
    ((1, 1), (0, 1), (2, 1))
    """
    did = "window.same"
    in_len = require_int("in_len", in_len, 1, did)
    stride = require_int("stride", stride, 1, did)
    extent = effective_kernel(kernel_size, dilation)
    windows = -(-in_len // stride)
    total = max((windows - 1) * stride + extent - in_len, 0)
    return _split(total, mode)


@functools.cache
def derive_same_total() -> sympy.Expr:
    """Solve for the total padding ``P`` at which the last of ``c`` windows just fits.

    ``c`` windows of extent ``e`` and stride ``s`` need ``L + P - e >= (c - 1)*s``; the
    boundary is the least total.

    >>> derive_same_total()
    -L + c*s + e - s
    """
    (total,) = sympy.solve(sympy.Eq(L + P - e, (c - 1) * s), P)
    return sympy.expand(total)


# --- claims -----------------------------------------------------------------------------------


def _check_forms() -> Iterator[object]:
    for ndim in (1, 2, 3):
        for values in itertools.product(range(3), repeat=ndim):
            if padding_pairs(values, ndim) != tuple((v, v) for v in values):
                yield ("per-axis", values)
            pairs = tuple((v, (v + a) % 3) for a, v in enumerate(values))
            if padding_pairs(pairs, ndim) != pairs:
                yield ("pairs", pairs)
            if pairs_from_onnx_pads(onnx_pads(pairs)) != pairs:
                yield ("onnx", pairs)
            if tf_explicit_paddings(pairs)[2:] != pairs:
                yield ("tf", pairs)
        for value in range(3):
            if padding_pairs(value, ndim) != ((value, value),) * ndim:
                yield ("int", value, ndim)


def _check_lengths_depend_on_the_sum() -> Iterator[object]:
    """The window count depends on the pads through their sum only."""
    for in_len, kk, ss in itertools.product(range(1, 9), range(1, 4), range(1, 4)):
        for total in range(5):
            lengths = set()
            for begin in range(total + 1):
                if in_len + total >= kk:
                    lengths.add(output_length(in_len, kk, ss, begin, total - begin))
            if len(lengths) > 1:
                yield (in_len, kk, ss, total, sorted(lengths))


def _same_domain() -> Iterator[tuple[int, int, int, int]]:
    yield from itertools.product(range(1, 13), range(1, 5), range(1, 5), range(1, 4))


def _check_same_length() -> Iterator[object]:
    for in_len, kk, ss, dd in _same_domain():
        for mode in SAME_MODES:
            begin, end = same_padding(in_len, kk, ss, dd, mode)
            if output_length(in_len, kk, ss, begin, end, dd) != -(-in_len // ss):
                yield (in_len, kk, ss, dd, mode)


def _check_same_minimal() -> Iterator[object]:
    for in_len, kk, ss, dd in _same_domain():
        begin, end = same_padding(in_len, kk, ss, dd)
        total = begin + end
        if total == 0:
            continue
        span = in_len + total - 1 - (dd * (kk - 1) + 1)
        if span >= 0 and span // ss + 1 >= -(-in_len // ss):
            yield (in_len, kk, ss, dd, total)


def _check_same_split() -> Iterator[object]:
    for in_len, kk, ss, dd in _same_domain():
        upper = same_padding(in_len, kk, ss, dd, "SAME_UPPER")
        lower = same_padding(in_len, kk, ss, dd, "SAME_LOWER")
        tf = same_padding(in_len, kk, ss, dd, "SAME")
        total = sum(upper)
        if upper != (total // 2, total - total // 2) or lower != upper[::-1] or tf != upper:
            yield (in_len, kk, ss, dd, upper, lower, tf)


def _check_unit_stride() -> Iterator[object]:
    """s = 1: the total is d(k-1) for every L, PyTorch's padding='same'."""
    for in_len, kk, ss, dd in _same_domain():
        if ss != 1:
            continue
        total = dd * (kk - 1)
        if same_padding(in_len, kk, 1, dd) != (total // 2, total - total // 2):
            yield (in_len, kk, dd)


@derivation("window.padding")
def _padding() -> Derivation:
    return Derivation(
        id="window.padding",
        title="Padding forms: an int, one int per axis, or (begin, end) pairs",
        statement=(
            "Every padding form stands for one (begin, end) pair per spatial axis: an int "
            "pads both ends of every axis, a tuple of ints pads both ends of its axis, and a "
            "tuple of pairs is taken as it is. ONNX's pads [x1_begin, ..., x1_end, ...] and "
            "TensorFlow's explicit [[0, 0], [0, 0], [begin, end], ...] are the same pairs in "
            "other layouts. The window count depends on a pair through its sum only; the "
            "begin decides where the windows sit."
        ),
        result={},
        claims=(
            exhaustive(
                "the int, per-axis and pair forms give the stated pairs, and the ONNX and TF "
                "layouts round-trip to them",
                "1 to 3 axes, every padding value in 0..2",
                _check_forms,
            ),
            exhaustive(
                "the output length is the same for every split of a total padding",
                "L = 1..8, k = 1..3, s = 1..3, total = 0..4, every split",
                _check_lengths_depend_on_the_sum,
            ),
        ),
        references=(
            ONNX_CONV.at(
                "Conv, attribute pads: [x1_begin, x2_begin, ..., x1_end, x2_end], the pixels "
                "added at the beginning and end of each axis"
            ),
            TF_PADDING.at(
                "certain ops allow the amount of padding per dimension to be specified by "
                "passing a list to padding"
            ),
            TORCH_CONV.at(
                "Conv2d: padding is an int or a tuple of ints, the implicit padding applied on "
                "both sides"
            ),
        ),
        implemented_by=("oracle._window.padding_pairs", "oracle.conv", "oracle.conv_transpose"),
        notes=(
            "PyTorch's Conv and ConvTranspose take symmetric padding only; ONNX pads and "
            "TensorFlow's explicit padding are asymmetric pairs.",
            "The oracle rejects negative padding with a ValueError.",
        ),
    )


@derivation("window.same")
def _same() -> Derivation:
    total = derive_same_total()
    published = (c - 1) * s + e - L
    return Derivation(
        id="window.same",
        title='"SAME" padding: ONNX SAME_UPPER, SAME_LOWER and TensorFlow "SAME" as pairs',
        statement=(
            "SAME asks for ceil(L/s) windows, and the least total padding that gives them is "
            "max((ceil(L/s) - 1)s + d(k-1) + 1 - L, 0), the same for convolution and "
            "pooling. SAME_UPPER and TensorFlow's SAME pad total//2 at the beginning and the "
            "rest at the end, and SAME_LOWER puts the odd cell at the beginning instead. For "
            "stride 1 the total is d(k-1) whatever L is, as PyTorch's padding='same'."
        ),
        result={"total (c = ceil(L/s), e = d(k-1) + 1)": sympy.Max(total, 0)},
        claims=(
            symbolic(
                "solving L + P - e = (c - 1)s for the total P gives TensorFlow's "
                "(out - 1) stride + filter - in",
                total,
                published,
            ),
            exhaustive(
                "with the SAME pairs every mode gives exactly ceil(L/s) windows",
                "L = 1..12, k = 1..4, s = 1..4, d = 1..3, all three modes",
                _check_same_length,
            ),
            exhaustive(
                "the total is least: one cell less gives fewer than ceil(L/s) windows",
                "L = 1..12, k = 1..4, s = 1..4, d = 1..3",
                _check_same_minimal,
            ),
            exhaustive(
                "SAME_UPPER is (total//2, total - total//2), SAME_LOWER its mirror, and "
                "TensorFlow's SAME equals SAME_UPPER",
                "L = 1..12, k = 1..4, s = 1..4, d = 1..3",
                _check_same_split,
            ),
            exhaustive(
                "for stride 1 the pairs are (d(k-1)//2, d(k-1) - d(k-1)//2) for every L",
                "L = 1..12, k = 1..4, d = 1..3",
                _check_unit_stride,
            ),
        ),
        references=(
            ONNX_CONV.at(
                "Conv, auto_pad: SAME_UPPER and SAME_LOWER pad so that output_shape[i] = "
                "ceil(input_shape[i] / strides[i]), the extra padding at the end (SAME_UPPER) "
                "or the beginning (SAME_LOWER)"
            ),
            TF_PADDING.at(
                '"SAME": out = ceil(in / stride); pad_along = max((out - 1) stride + filter - '
                "in, 0); pad_top = pad_along // 2, pad_bottom = pad_along - pad_top"
            ),
            TORCH_CONV.at(
                "Conv2d: padding='same' pads the input so the output has the shape of the "
                "input, stride 1 only"
            ),
        ),
        implemented_by=(
            "spec.window.padding.same_padding",
            "oracle._window.padding_pairs",
            "oracle._window.output_length",
            "oracle.conv",
        ),
        notes=(
            "ONNX's operator text writes the total without the max(., 0); that differs only "
            "when d(k-1) + 1 < L - (ceil(L/s) - 1)s, where it gives negative padding. The "
            "spec clamps at zero, as TensorFlow does, so SAME padding for convolution and "
            "pooling is never negative.",
            "Transposed convolution has its own SAME rule, which may need negative padding "
            "(conv_transpose.same).",
        ),
    )
