"""output_padding, output_size and SAME padding of transposed convolution.

A convolution maps ``s`` consecutive input lengths to the same output length, so its
transpose must be told which one to return: ``output_padding`` (PyTorch, ONNX) or
``output_size`` (PyTorch) / ``output_shape`` (ONNX, TensorFlow) say so.  SAME padding for
transposed convolution asks for ``s * L`` outputs, which needs negative padding when the
effective kernel plus output_padding is shorter than the stride.

Derivations: ``conv_transpose.output_padding``, ``conv_transpose.output_size``,
``conv_transpose.same``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import sympy
from sympy import symbols

from spec.conv import maps
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import (
    KERAS_DECONV_LENGTH,
    ONNX_CONV_TRANSPOSE,
    ONNX_REFERENCE_CONV_TRANSPOSE,
    ORT_CONV_TRANSPOSE,
    TF_CONV_TRANSPOSE,
    TF_PADDING,
    TORCH_CONV_TRANSPOSE,
    TORCH_CONV_TRANSPOSE_OUTPUT_SIZE,
    TORCH_OUTPUT_PADDING_CHECK,
)
from spec.window.length import effective_kernel, require_int
from spec.window.padding import same_padding

__all__ = [
    "output_padding_for_size",
    "tf_transpose_same",
    "transpose_same_padding",
]

_IMPL = ("oracle.conv_transpose",)


def output_padding_for_size(
    in_len: int,
    output_size: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
) -> int:
    """The output_padding that makes a transposed convolution return ``output_size``, as PyTorch.

    Valid sizes are ``m .. m + s - 1`` with ``m`` the length at output_padding 0; the answer
    is ``output_size - m``.  Cites ``conv_transpose.output_size``.

    >>> output_padding_for_size(6, 12, 3, 2, 1, 1)
    1
    """
    did = "conv_transpose.output_size"
    output_size = require_int("output_size", output_size, 1, did)
    least = maps.transpose_output_length(in_len, kernel_size, stride, p_begin, p_end, dilation)
    if not least <= output_size < least + stride:
        raise ValueError(
            f"output_size: {output_size} must lie in [{least}, {least + stride - 1}], the "
            f"lengths that a convolution maps back to {in_len} ({did})"
        )
    return output_size - least


def transpose_same_padding(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    dilation: int = 1,
    output_padding: int = 0,
    mode: str = "SAME_UPPER",
) -> tuple[int, int]:
    """ONNX ConvTranspose SAME padding: the pair that gives ``s * L`` outputs; may be negative.

    ``total = d(k-1) + 1 + output_padding - s``; SAME_UPPER pads ``total // 2`` at the
    beginning and the rest at the end, SAME_LOWER the mirror, with floor division as
    onnx.reference.  A negative entry is negative padding, which the oracle rejects.
    Cites ``conv_transpose.same``.

    >>> transpose_same_padding(5, 3, 2), transpose_same_padding(5, 1, 2)
    ((0, 1), (-1, 0))
    """
    did = "conv_transpose.same"
    in_len = require_int("in_len", in_len, 1, did)
    stride = require_int("stride", stride, 1, did)
    output_padding = require_int("output_padding", output_padding, 0, did)
    total = effective_kernel(kernel_size, dilation) + output_padding - stride
    if mode == "SAME_UPPER":
        return total // 2, total - total // 2
    if mode == "SAME_LOWER":
        return total - total // 2, total // 2
    raise ValueError(f"mode: {mode!r} is not one of SAME_UPPER, SAME_LOWER ({did})")


def tf_transpose_same(
    in_len: int, kernel_size: int, stride: int = 1, dilation: int = 1
) -> tuple[int, int, int]:
    """TensorFlow's SAME transposed convolution as ``(p_begin, p_end, output_padding)``.

    TensorFlow defines it as the transpose of the SAME convolution of length ``s * L``, so the
    padding is that convolution's (``window.same``), never negative, and the output_padding
    makes up the rest of ``s * L``.  Cites ``conv_transpose.same``.

    >>> tf_transpose_same(5, 3, 2), tf_transpose_same(5, 1, 2)
    ((0, 1, 0), (0, 0, 1))
    """
    did = "conv_transpose.same"
    in_len = require_int("in_len", in_len, 1, did)
    stride = require_int("stride", stride, 1, did)
    begin, end = same_padding(stride * in_len, kernel_size, stride, dilation, "SAME")
    least = maps._transpose_length(in_len, kernel_size, stride, begin, end, dilation, 0)
    return begin, end, stride * in_len - least


# --- output_padding ---------------------------------------------------------------------------


def _domain(max_op_extra: int = 0) -> Iterator[tuple[int, int, int, int, int, int, int]]:
    for size, k, s, d, pb, pe in itertools.product(
        range(1, 6), range(1, 4), range(1, 4), range(1, 4), range(3), range(3)
    ):
        for op in range(maps.output_padding_limit(s, d) + max_op_extra):
            if maps._transpose_length(size, k, s, pb, pe, d, op) >= 1:
                yield size, k, s, d, pb, pe, op


def _check_choice_below_stride() -> Iterator[object]:
    for size, k, s, d, pb, pe, op in _domain():
        if op >= s:
            continue
        length = maps._transpose_length(size, k, s, pb, pe, d, op)
        if maps._conv_length(length, k, s, pb, pe, d) != size:
            yield ("length", size, k, s, d, pb, pe, op)
        conv = maps.conv_terms(length, k, s, pb, pe, d)
        if maps.transpose_terms(size, k, s, pb, pe, d, op) != maps.transposed(conv):
            yield ("matrix", size, k, s, d, pb, pe, op)


def _check_general_adjoint() -> Iterator[object]:
    for size, k, s, d, pb, pe, op in _domain(max_op_extra=2):
        length = maps._transpose_length(size, k, s, pb, pe, d, op)
        conv = maps.conv_terms(length, k, s, pb, pe - op, d)
        if maps._conv_length(length, k, s, pb, pe - op, d) != size:
            yield ("length", size, k, s, d, pb, pe, op)
        if maps.transpose_terms(size, k, s, pb, pe, d, op) != maps.transposed(conv):
            yield ("matrix", size, k, s, d, pb, pe, op)


def _check_beyond_stride() -> Iterator[object]:
    """op >= s: the convolution with the same padding no longer maps back to i'."""
    for size, k, s, d, pb, pe, op in _domain():
        if op < s:
            continue
        length = maps._transpose_length(size, k, s, pb, pe, d, op)
        if maps._conv_length(length, k, s, pb, pe, d) <= size:
            yield (size, k, s, d, pb, pe, op)


def _check_trailing_zeros() -> Iterator[object]:
    for size, k, s, d, pb, pe, op in _domain():
        if op <= pe:
            continue
        length = maps._transpose_length(size, k, s, pb, pe, d, op)
        reached = [q for _, _, q in maps._scatter(size, k, s, pb, pe, d, op)]
        if reached and max(reached) != length - 1 - (op - pe):
            yield (size, k, s, d, pb, pe, op, max(reached))


def _issue_example() -> Iterator[object]:
    size, k, s, d, op = 5, 3, 1, 2, 1
    length = maps._transpose_length(size, k, s, 0, 0, d, op)
    got = (
        length,
        maps._conv_length(length, k, s, 0, 0, d),
        maps._conv_length(length, k, s, 0, -op, d),
    )
    if got != (10, 6, 5):
        yield got
    conv = maps.conv_terms(length, k, s, 0, -op, d)
    if maps.transpose_terms(size, k, s, 0, 0, d, op) != maps.transposed(conv):
        yield "not the transpose of the convolution with end padding -1"


@derivation("conv_transpose.output_padding")
def _output_padding() -> Derivation:
    i_t, k, s, d, pb, pe, op = symbols(
        "i' k s d p_begin p_end output_padding", integer=True, nonnegative=True
    )
    length = s * (i_t - 1) + d * (k - 1) + 1 - pb - pe + op
    return Derivation(
        id="conv_transpose.output_padding",
        title="output_padding: which convolution input length the transpose returns",
        statement=(
            "Accept 0 <= output_padding < max(stride, dilation), as PyTorch does. For "
            "output_padding < s it picks one of the s convolution input lengths that map to "
            "the same output length, and the transposed convolution is the transpose of that "
            "convolution with the same padding. In general it is the transpose of the "
            "convolution whose end padding is p_end - output_padding."
        ),
        result={"L_T": length, "matching convolution padding": sympy.Tuple(pb, pe - op)},
        claims=(
            exhaustive(
                "for output_padding < s the convolution with the same padding maps L_T back to "
                "i', and the transposed convolution is its transpose",
                "i' = 1..5, k = 1..3, s = 1..3, d = 1..3, p_begin, p_end = 0..2, "
                "output_padding < s",
                _check_choice_below_stride,
            ),
            exhaustive(
                "for every output_padding, the transposed convolution is the transpose of the "
                "convolution with padding (p_begin, p_end - output_padding) on L_T",
                "the same, output_padding = 0..max(s, d) + 1, beyond PyTorch's bound",
                _check_general_adjoint,
            ),
            exhaustive(
                "for s <= output_padding < d the convolution with the same padding maps L_T to "
                "more than i' outputs: only the general statement holds",
                "the same, s <= output_padding < max(s, d)",
                _check_beyond_stride,
            ),
            exhaustive(
                "when output_padding > p_end the last output reached is L_T - 1 - "
                "(output_padding - p_end): the last output_padding - p_end outputs receive no "
                "input",
                "i' = 1..5, k = 1..3, s = 1..3, d = 1..3, p_begin, p_end = 0..2, "
                "p_end < output_padding < max(s, d)",
                _check_trailing_zeros,
            ),
            exhaustive(
                "the example: k = 3, p = 0, s = 1, d = 2, output_padding 1 maps 5 to 10; the "
                "convolution maps 10 to 6 with padding 0 and to 5 with end padding -1, whose "
                "transpose it is",
                "that one case",
                _issue_example,
            ),
            symbolic(
                "output_padding adds to the length one for one",
                sympy.Derivative(length, op),
                1,
            ),
        ),
        references=(
            TORCH_OUTPUT_PADDING_CHECK.at(
                "slow_conv_transpose2d_shape_check: 'output padding must be smaller than "
                "either stride or dilation'"
            ),
            TORCH_CONV_TRANSPOSE.at(
                "ConvTranspose2d: output_padding, additional size added to one side of each "
                "dimension in the output shape"
            ),
            ONNX_CONV_TRANSPOSE.at(
                "attribute output_padding: additional elements added to the side with higher "
                "coordinate indices in the output"
            ),
        ),
        implemented_by=_IMPL,
        notes=(
            "Example: with k = 3, p = 0, s = 1, d = 2 and output_padding 1, length 5 becomes "
            "10; the convolution with padding 0 maps 10 back to 6, and with end padding -1 "
            "to 5, whose transpose the transposed convolution is.",
            "output_padding adds cells at the end (the side of higher indices) only, as in "
            "PyTorch and ONNX; adding them at the beginning is a bug that shifts every output.",
            "A negative end padding -1 means the convolution ignores its last input cell; "
            "the transposed convolution writes nothing there, only the bias.",
        ),
    )


# --- output_size ------------------------------------------------------------------------------


def _check_sizes() -> Iterator[object]:
    for size, k, s, d, pb, pe in itertools.product(
        range(1, 6), range(1, 4), range(1, 4), range(1, 3), range(2), range(2)
    ):
        least = maps._transpose_length(size, k, s, pb, pe, d, 0)
        if least < 1:
            continue
        for target in range(max(least - 1, 1), least + s + 1):
            back = maps._conv_length(target, k, s, pb, pe, d) == size
            try:
                op = output_padding_for_size(size, target, k, s, pb, pe, d)
            except ValueError:
                if back:
                    yield ("rejected", size, k, s, d, pb, pe, target)
                continue
            length = maps.transpose_output_length(size, k, s, pb, pe, d, op)
            if not back or length != target or not 0 <= op < s:
                yield ("accepted", size, k, s, d, pb, pe, target)


def _torch_docs_example() -> Iterator[object]:
    down = maps._conv_length(12, 3, 2, 1, 1, 1)
    op = output_padding_for_size(down, 12, 3, 2, 1, 1)
    if (down, op, maps.transpose_output_length(down, 3, 2, 1, 1, 1, op)) != (6, 1, 12):
        yield (down, op)


@derivation("conv_transpose.output_size")
def _output_size() -> Derivation:
    least, size = symbols("m output_size", integer=True)
    return Derivation(
        id="conv_transpose.output_size",
        title="output_size: choosing the transposed length directly",
        statement=(
            "PyTorch's output_size names the transposed length instead of output_padding: it "
            "must lie in m .. m + s - 1, where m is the length at output_padding 0, and it "
            "sets output_padding = output_size - m. These are exactly the lengths that the "
            "convolution maps back to the transposed convolution's input length, so "
            "output_size says which of them the transpose returns."
        ),
        result={"output_padding": size - least},
        claims=(
            exhaustive(
                "a size is accepted exactly when the convolution maps it back to i', and then "
                "output_padding = size - m < s gives that length",
                "i' = 1..5, k = 1..3, s = 1..3, d = 1..2, p_begin, p_end = 0..1, sizes "
                "m - 1 .. m + s",
                _check_sizes,
            ),
            exhaustive(
                "PyTorch's documented example: Conv2d(k 3, s 2, p 1) maps 12 to 6, and "
                "ConvTranspose2d with output_size 12 takes output_padding 1",
                "that one case",
                _torch_docs_example,
            ),
        ),
        references=(
            TORCH_CONV_TRANSPOSE_OUTPUT_SIZE.at(
                "_ConvTransposeNd._output_padding: sizes from min_size to min_size + stride "
                "- 1 are valid; output_padding = output_size - min_size"
            ),
            TORCH_CONV_TRANSPOSE_OUTPUT_SIZE.at(
                "ConvTranspose2d documentation example: Conv2d(16, 16, 3, stride=2, padding=1) "
                "maps 12 x 12 to 6 x 6, and ConvTranspose2d with output_size=(12, 12) maps it back"
            ),
            ONNX_CONV_TRANSPOSE.at(
                "output_shape: total_padding[i] = stride[i] * (input_size[i] - 1) + "
                "output_padding[i] + ((kernel_shape[i] - 1) * dilations[i] + 1) - output_shape[i]"
            ),
        ),
        implemented_by=("spec.conv.output_padding.output_padding_for_size", *_IMPL),
        notes=(
            "ONNX's output_shape instead regenerates the pads from total_padding = s(L - 1) "
            "+ output_padding + d(k-1) + 1 - output_shape and splits them by auto_pad, which "
            "can place the output cells differently from PyTorch's output_padding at the end.",
        ),
    )


# --- SAME -------------------------------------------------------------------------------------


def _same_domain() -> Iterator[tuple[int, int, int, int, int]]:
    for size, k, s, d in itertools.product(range(1, 7), range(1, 5), range(1, 5), range(1, 3)):
        for op in range(maps.output_padding_limit(s, d)):
            yield size, k, s, d, op


def _check_onnx_same() -> Iterator[object]:
    for size, k, s, d, op in _same_domain():
        total = d * (k - 1) + 1 + op - s
        for mode in ("SAME_UPPER", "SAME_LOWER"):
            pb, pe = transpose_same_padding(size, k, s, d, op, mode)
            if pb + pe != total or maps._transpose_length(size, k, s, pb, pe, d, op) != s * size:
                yield (size, k, s, d, op, mode)
            if (min(pb, pe) < 0) != (total < 0):
                yield ("negative", size, k, s, d, op, mode)


def _negative_example() -> Iterator[object]:
    size, k, s = 5, 1, 2
    upper = transpose_same_padding(size, k, s, mode="SAME_UPPER")
    lower = transpose_same_padding(size, k, s, mode="SAME_LOWER")
    if (upper, lower) != ((-1, 0), (0, -1)):
        yield (upper, lower)
    for pads, first in ((upper, 1), (lower, 0)):
        length = maps._transpose_length(size, k, s, *pads, 1, 0)
        places = [q for _, _, q in maps._scatter(size, k, s, *pads, 1, 0)]
        if length != 10 or places != list(range(first, 10, 2)):
            yield (pads, length, places)
    if maps._transpose_length(size, k, s, 0, 0, 1, 0) != 9:
        yield "clamped"


def _check_tf_same() -> Iterator[object]:
    for size, k, s, d, _ in _same_domain():
        pb, pe, op = tf_transpose_same(size, k, s, d)
        if min(pb, pe) < 0 or not 0 <= op < s:
            yield ("range", size, k, s, d, (pb, pe, op))
            continue
        conv = maps.conv_terms(s * size, k, s, pb, pe, d)
        if maps._conv_length(s * size, k, s, pb, pe, d) != size:
            yield ("length", size, k, s, d)
        if maps.transpose_terms(size, k, s, pb, pe, d, op) != maps.transposed(conv):
            yield ("transpose", size, k, s, d)
        if d * (k - 1) + 1 >= s and (pb, pe, op) != (*transpose_same_padding(size, k, s, d), 0):
            yield ("differs from SAME_UPPER", size, k, s, d)


@derivation("conv_transpose.same")
def _same() -> Derivation:
    size, k, s, d, op, shape = symbols(
        "L k s d output_padding output_shape", integer=True, positive=True
    )
    total_padding = s * (size - 1) + op + ((k - 1) * d + 1) - shape
    total = sympy.expand(total_padding.subs(shape, s * size))
    return Derivation(
        id="conv_transpose.same",
        title="SAME padding of transposed convolution, and where it turns negative",
        statement=(
            "ONNX's SAME_UPPER and SAME_LOWER ask for s L outputs, which takes total padding "
            "d(k-1) + 1 + output_padding - s, split as window.same splits it, and negative "
            "when d(k-1) + 1 + output_padding < s. The oracle rejects negative padding with a "
            "ValueError. TensorFlow's SAME is the transpose of the SAME convolution of length "
            "s L, whose padding is never negative, with output_padding making up the "
            "remaining cells."
        ),
        result={"total": total},
        claims=(
            symbolic(
                "ONNX's total_padding with output_shape = s L does not depend on L",
                sympy.Subs(total_padding, shape, s * size),
                d * (k - 1) + 1 + op - s,
            ),
            exhaustive(
                "both splits give exactly s L outputs, and a pad is negative exactly when the "
                "total is",
                "L = 1..6, k = 1..4, s = 1..4, d = 1..2, output_padding < max(s, d)",
                _check_onnx_same,
            ),
            exhaustive(
                "k = 1, s = 2, L = 5: SAME_UPPER pads (-1, 0) and places the inputs at the odd "
                "outputs 1..9 of 10; SAME_LOWER pads (0, -1) and places them at 0..8; the "
                "total clamped to 0 gives length 9",
                "that one case",
                _negative_example,
            ),
            exhaustive(
                "TensorFlow's SAME: non-negative padding, 0 <= output_padding < s, the "
                "transpose of the SAME convolution of length s L, and equal to SAME_UPPER "
                "whenever d(k-1) + 1 >= s",
                "L = 1..6, k = 1..4, s = 1..4, d = 1..2",
                _check_tf_same,
            ),
        ),
        references=(
            ONNX_CONV_TRANSPOSE.at(
                "output_shape given: total_padding[i] = stride[i] * (input_size[i] - 1) + "
                "output_padding[i] + ((kernel_shape[i] - 1) * dilations[i] + 1) - "
                "output_shape[i], split by auto_pad; SAME_UPPER / SAME_LOWER ask for "
                "output_shape[i] = input_shape[i] * strides[i]"
            ),
            ONNX_REFERENCE_CONV_TRANSPOSE.at(
                "ConvTranspose._run: the SAME pads split with Python floor division, "
                "total_padding // 2"
            ),
            ORT_CONV_TRANSPOSE.at(
                "ComputeTotalPad: total_pad = max(0, (in - 1) stride + adj + (kernel - 1) "
                "dilation + 1 - out_size)"
            ),
            TF_CONV_TRANSPOSE.at(
                "conv2d_transpose: the transpose (gradient) of conv2d, given the output_shape "
                "and padding of that conv2d"
            ),
            TF_PADDING.at(
                '"SAME": pad_along = max((out - 1) stride + filter - in, 0), pad_top = '
                "pad_along // 2"
            ),
            KERAS_DECONV_LENGTH.at(
                "deconv_output_length: padding 'same' without output_padding gives "
                "input_length * stride"
            ),
        ),
        implemented_by=(
            "spec.conv.output_padding.transpose_same_padding",
            "spec.conv.output_padding.tf_transpose_same",
            "oracle.conv_transpose",
            "oracle._window.padding_pairs",
        ),
        notes=(
            "With k = 1, s = 2 and L = 5, SAME_UPPER pads (-1, 0): onnx.reference returns "
            "length 10, while ONNX Runtime clamps the total at 0 and returns length 9.",
            "onnx.reference 1.23 was run on k = 1, s = 2, L = 5: SAME_UPPER returns "
            "[0, x0, 0, x1, ...] and SAME_LOWER [x0, 0, x1, 0, ...], both of length 10. ONNX "
            "Runtime's ComputeTotalPad takes max(0, total), so its output has length 9.",
            "C++ integer division truncates towards zero, so an implementation that splits "
            "a negative odd total with it gets (0, -1) for SAME_UPPER: the same length, "
            "shifted placement.",
        ),
    )
