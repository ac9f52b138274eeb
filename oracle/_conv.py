"""The convolution oracles: conv, conv_transpose, pixel_shuffle and pixel_unshuffle.

Arrays have the layout ``(N, C, *spatial)`` with 1 to 3 spatial axes.  On one
axis a convolution with kernel size ``k``, stride ``s``, dilation ``d`` and
padding ``(p_begin, p_end)`` computes output ``o`` from the padded input
positions ``o*s + t*d`` for the taps ``t = 0 .. k-1`` (window.output_length);
the index map is separable, so a tap of an N-d kernel is one tap per axis.

* :func:`conv` gathers, tap by tap, the strided view of the input that the
  tap reads into a column matrix ("im2col"; entries in the padding stay 0)
  and contracts it with the weights in one matrix product per group
  (conv.groups).
* :func:`conv_transpose` runs the same index map backwards: one matrix product
  per group gives every tap's contribution, and each tap adds its share into
  the strided view of the output it reaches ("col2im", a scatter-add).  That
  is the transpose of the convolution matrix (conv_transpose.matrix_transpose),
  equivalently zero insertion followed by a convolution with the flipped
  kernel (conv_transpose.zero_insertion).

Both walk the (window, position) pairs of :func:`oracle._window.tap_pairs`, and neither
materialises the padding: memory and time are bounded by the sizes of x,
weight and the output (the column matrix holds ``C_in * taps`` entries per
output position), however large the padding, stride or dilation.
* :func:`pixel_shuffle` and :func:`pixel_unshuffle` are a permutation of the
  elements and its inverse (pixel_shuffle.permutation).

Values are float64.  Every output is a plain IEEE sum of products over its
taps, the zero padding included: a NaN sample, or an infinite sample or
weight met by a zero, makes the output NaN even where the weight it meets is
0, as PyTorch's CPU convolutions do (conv.nan).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from oracle._args import invalid, is_int
from oracle._arrays import batch_array, ieee, real_array, spatial
from oracle._window import ints_per_axis, output_length, padding_pairs, tap_pairs

__all__ = ["conv", "conv_transpose", "pixel_shuffle", "pixel_unshuffle"]

_GROUPS = "conv.groups"
_TRANSPOSE = "conv_transpose.matrix_transpose"
_OUTPUT_PADDING = "conv_transpose.output_padding"
_LENGTH = "window.output_length"
_PADDING = "window.padding"
_SHUFFLE = "pixel_shuffle.permutation"
_UNSHUFFLE = "pixel_shuffle.permutation"


def _weight(
    value: object, x: NDArray[np.float64], layout: str, derivation_id: str
) -> NDArray[np.float64]:
    """Check ``weight``: a real array ``(A, B, *kernel)`` with x's number of spatial axes."""
    weight = real_array(value, "weight", derivation_id)
    if weight.ndim != x.ndim or 0 in weight.shape[2:]:
        raise invalid(
            "weight",
            f"must have shape {layout} with {x.ndim - 2} kernel axes of length >= 1 "
            f"(as x has {x.ndim - 2} spatial axes), got shape {weight.shape}",
            derivation_id,
        )
    return weight


def _groups(groups: object, channels: int) -> int:
    """Check ``groups``: a positive int dividing the ``channels`` input channels (conv.groups)."""
    if not is_int(groups) or groups < 1:
        raise invalid("groups", f"must be an int >= 1, got {groups!r}", _GROUPS)
    if channels % groups:
        raise invalid(
            "groups",
            f"must divide the input channels C_in = x.shape[1] = {channels}, got {groups}",
            _GROUPS,
        )
    return int(groups)


def _bias(value: object, out_channels: int) -> NDArray[np.float64] | None:
    """Check ``bias``: None, or a real array of shape ``(C_out,)``."""
    if value is None:
        return None
    bias = real_array(value, "bias", _GROUPS)
    if bias.shape != (out_channels,):
        raise invalid(
            "bias",
            f"must have shape (C_out,) = ({out_channels},), got shape {bias.shape}",
            _GROUPS,
        )
    return bias


def _add_bias(y: NDArray[np.float64], bias: NDArray[np.float64] | None) -> NDArray[np.float64]:
    """Add one bias per output channel (axis 1) in place, and return ``y``."""
    if bias is not None:
        y += bias.reshape(-1, *(1,) * (y.ndim - 2))
    return y


def _window_params(
    x: NDArray[np.float64], stride: object, padding: object, dilation: object
) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...], tuple[int, ...]]:
    """Check and normalise stride, padding and dilation to one entry per spatial axis of x."""
    ndim = x.ndim - 2
    return (
        ints_per_axis(stride, ndim, "stride", _LENGTH),
        padding_pairs(padding, ndim, _PADDING),
        ints_per_axis(dilation, ndim, "dilation", _LENGTH),
    )


def conv(
    x: NDArray[np.generic],
    weight: NDArray[np.generic],
    bias: NDArray[np.generic] | None = None,
    *,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] | Sequence[Sequence[int]] = 0,
    dilation: int | Sequence[int] = 1,
    groups: int = 1,
) -> NDArray[np.float64]:
    """Convolve ``(N, C_in, *spatial)`` with ``weight`` ``(C_out, C_in / groups, *k)``, as PyTorch.

    Cross-correlation, as in every deep-learning library (the kernel is not
    flipped).  On each axis, with stride ``s``, dilation ``d`` and padding
    ``(p_begin, p_end)``, output ``o`` reads the input positions
    ``o*s - p_begin + t*d`` for the taps ``t = 0 .. k-1``; positions outside
    the input read 0.  The output length is
    ``floor((L + p_begin + p_end - d*(k-1) - 1) / s) + 1`` (window.output_length)::

        y[n, g*Cg_out + j, *o] = bias[g*Cg_out + j]
            + sum over c < C_in/groups and taps t of
              weight[g*Cg_out + j, c, *t] * x_padded[n, g*C_in/groups + c, *(o*s + t*d)]

    where ``Cg_out = C_out / groups``: the channels split into ``groups``
    independent convolutions, a block-diagonal matrix (conv.groups);
    ``groups = C_in`` is a depthwise convolution.  Dumoulin and Visin's
    relationships give its output lengths (conv.arithmetic), and "SAME"
    padding arrives as the ``(begin, end)`` pairs it stands for (window.same).

    :func:`conv_transpose` with the same weight, stride, padding, dilation
    and groups is the transpose of this convolution's matrix
    (conv_transpose.matrix_transpose), its adjoint (conv_transpose.adjoint)
    and its gradient with respect to ``x`` (conv_transpose.gradient).  It is
    also this function applied, at stride 1, to the zero-inserted input with
    the flipped kernel (conv_transpose.zero_insertion), and at stride ``f``
    this function with ``f**d`` times the output channels followed by
    :func:`pixel_shuffle` (conv_transpose.subpixel).

    * ``stride``, ``dilation``: an int >= 1 for every axis, or one per axis.
    * ``padding``: an int >= 0, one per axis, or one ``(begin, end)`` pair per
      axis (window.padding).
    * ``bias``: None or an array of shape ``(C_out,)``.

    ``x``, ``weight`` and ``bias`` are real NumPy arrays, computed in float64;
    the result is a new float64 array ``(N, C_out, *out_lengths)``; ``N = 0``
    is valid.  Every output is a plain sum of products over its window, zero
    padding included, so a NaN anywhere in the window makes it NaN even where
    its weight is 0 (conv.nan).  Evaluation: every tap's strided view of the
    input is copied into a column matrix, 0 where the tap reads padding, and
    one matrix product per group contracts it with the weights.

    Every invalid argument raises ``ValueError`` naming the parameter, the
    constraint and the derivation ID.

    >>> x = np.arange(5.0).reshape(1, 1, 5)
    >>> conv(x, np.array([[[1.0, 10.0]]]), stride=2, padding=((1, 0),))[0, 0].tolist()
    [0.0, 21.0, 43.0]
    """
    x = batch_array(x, _GROUPS, nonempty=True)
    channels = x.shape[1]
    w = _weight(weight, x, "(C_out, C_in / groups, *kernel)", _GROUPS)
    g = _groups(groups, channels)
    out_channels, kernel = w.shape[0], w.shape[2:]
    if out_channels % g or w.shape[1] != channels // g:
        raise invalid(
            "weight",
            f"must have shape (C_out, C_in / groups, *kernel) with C_out divisible by "
            f"groups = {g} and C_in / groups = {channels // g}, got shape {w.shape}",
            _GROUPS,
        )
    b = _bias(bias, out_channels)
    stride_, pads, dilation_ = _window_params(x, stride, padding, dilation)
    lengths = x.shape[2:]
    out = tuple(
        output_length(n, k, s, pb, pe, d)
        for n, k, s, (pb, pe), d in zip(lengths, kernel, stride_, pads, dilation_, strict=True)
    )
    if min(out) < 1:
        padded = tuple(n + pb + pe for n, (pb, pe) in zip(lengths, pads, strict=True))
        spans = tuple(d * (k - 1) + 1 for d, k in zip(dilation_, kernel, strict=True))
        raise invalid(
            "padding",
            f"leaves no output: the padded lengths {padded} are shorter than the "
            f"dilated kernel {spans} on some axis",
            _LENGTH,
        )

    batch = x.shape[0]
    taps = math.prod(kernel)
    # columns[n, c, t, *o] = x[n, c, *(o*s - p_begin + t*d)], 0 where that lies in the padding.
    columns = np.zeros((batch, channels, taps, *out))
    begins = [pb for pb, _ in pads]
    for t, at_windows, at_positions in tap_pairs(kernel, stride_, dilation_, begins, out, lengths):
        columns[:, :, t][spatial(at_windows)] = x[spatial(at_positions)]
    # (N, groups, C_in/groups * taps, outputs) contracted with (groups, C_out/groups, same).
    with ieee():
        y = np.matmul(
            w.reshape(g, out_channels // g, -1),
            columns.reshape(batch, g, (channels // g) * taps, math.prod(out)),
        )
        return _add_bias(y.reshape(batch, out_channels, *out), b)


def conv_transpose(
    x: NDArray[np.generic],
    weight: NDArray[np.generic],
    bias: NDArray[np.generic] | None = None,
    *,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] | Sequence[Sequence[int]] = 0,
    output_padding: int | Sequence[int] = 0,
    dilation: int | Sequence[int] = 1,
    groups: int = 1,
) -> NDArray[np.float64]:
    """Transposed convolution of ``(N, C_in, *spatial)`` by ``weight`` ``(C_in, C_out/groups, *k)``.

    The transpose of :func:`conv`'s matrix (conv_transpose.matrix_transpose):
    on each axis input ``i`` reaches, through tap ``t``, the output
    ``o = i*s - p_begin + t*d``, and every output sums what reaches it::

        y[n, g*Cg_out + j, *o] = bias[g*Cg_out + j]
            + sum over c < C_in/groups, taps t and inputs i with o = i*s - p_begin + t*d of
              weight[g*C_in/groups + c, j, *t] * x[n, g*C_in/groups + c, *i]

    with ``Cg_out = C_out / groups`` (conv.groups; the weight layout is
    PyTorch's).  Equivalently: insert ``s - 1`` zeros between the inputs, pad
    by ``d*(k-1) - p`` on each side and ``output_padding`` more at the end,
    and convolve with the spatially flipped kernel, transposed per group
    (conv_transpose.zero_insertion).  The output length is
    ``(L - 1)*s - p_begin - p_end + d*(k-1) + output_padding + 1``, the least
    length that window.output_length maps back to ``L`` plus output_padding
    (conv_transpose.output_length; Dumoulin and Visin's relationships 8 to
    14, conv.arithmetic); the ``output_padding`` extra outputs are added at
    the end of each axis (conv_transpose.output_padding).  PyTorch's
    ``output_size`` is passed as the ``output_padding = output_size - m`` it
    stands for, ``m`` the length at output_padding 0
    (conv_transpose.output_size), and "SAME" padding as explicit pairs
    (conv_transpose.same); ONNX's SAME can ask for negative padding, which
    is rejected.

    With the weight of :func:`conv` and the output_padding that returns
    conv's input length, this is conv's adjoint (conv_transpose.adjoint) and
    its gradient with respect to the input (conv_transpose.gradient); with
    ``output_padding = 0`` it is the adjoint of ``conv`` on the least such
    length.  At stride ``f`` it equals a convolution followed by
    :func:`pixel_shuffle` (conv_transpose.subpixel), and a ones kernel of
    size ``f`` at stride ``f``, depthwise, is nearest upsampling by ``f``
    (conv_transpose.nearest_upsampling).  With a ones input and a ones
    kernel each output counts the (input, tap) pairs that reach it, the
    uneven overlap behind checkerboard artifacts
    (conv_transpose.checkerboard).  Dumoulin and Visin's seven transposed
    cases are its worked examples: conv_transpose.example.no_padding_no_strides,
    conv_transpose.example.arbitrary_padding_no_strides,
    conv_transpose.example.half_padding_no_strides,
    conv_transpose.example.full_padding_no_strides,
    conv_transpose.example.no_padding_strides,
    conv_transpose.example.padding_strides and
    conv_transpose.example.padding_strides_odd.

    * ``stride``, ``dilation``: an int >= 1 for every axis, or one per axis.
    * ``padding``: an int >= 0, one per axis, or one ``(begin, end)`` pair per
      axis: the outputs cropped from each end (window.padding).
    * ``output_padding``: an int or one per axis, ``0 <= output_padding <
      max(stride, dilation)`` on each axis, as PyTorch accepts
      (conv_transpose.output_padding).
    * ``bias``: None or an array of shape ``(C_out,)``.

    ``x``, ``weight`` and ``bias`` are real NumPy arrays, computed in float64;
    the result is a new float64 array ``(N, C_out, *out_lengths)``; ``N = 0``
    is valid.  Every output is a plain sum of the products that reach it, so
    a NaN input makes every output it reaches NaN, even through a weight of 0
    (conv.nan).  Evaluation: one matrix product per group gives every tap's
    products, and each tap adds its share into the strided view of the
    output it reaches (a scatter-add).

    Every invalid argument raises ``ValueError`` naming the parameter, the
    constraint and the derivation ID.

    >>> x = np.array([[[1.0, 2.0]]])
    >>> conv_transpose(x, np.array([[[1.0, 10.0, 100.0]]]), stride=2)[0, 0].tolist()
    [1.0, 10.0, 102.0, 20.0, 200.0]
    """
    x = batch_array(x, _TRANSPOSE, nonempty=True)
    channels = x.shape[1]
    w = _weight(weight, x, "(C_in, C_out / groups, *kernel)", _TRANSPOSE)
    if w.shape[0] != channels:
        raise invalid(
            "weight",
            f"must have shape (C_in, C_out / groups, *kernel) with C_in = x.shape[1] = "
            f"{channels}, got shape {w.shape}",
            _TRANSPOSE,
        )
    g = _groups(groups, channels)
    group_out, kernel = w.shape[1], w.shape[2:]
    out_channels = group_out * g
    b = _bias(bias, out_channels)
    stride_, pads, dilation_ = _window_params(x, stride, padding, dilation)
    ndim = x.ndim - 2
    extra = ints_per_axis(output_padding, ndim, "output_padding", _OUTPUT_PADDING, minimum=0)
    if any(op >= max(s, d) for op, s, d in zip(extra, stride_, dilation_, strict=True)):
        raise invalid(
            "output_padding",
            f"must be < max(stride, dilation) = "
            f"{tuple(max(s, d) for s, d in zip(stride_, dilation_, strict=True))} on every "
            f"axis, got {output_padding!r}",
            _OUTPUT_PADDING,
        )
    lengths = x.shape[2:]
    # Every output position the taps reach, before cropping: (L - 1)*s + d*(k - 1) + 1.
    reach = tuple(
        (n - 1) * s + d * (k - 1) + 1
        for n, k, s, d in zip(lengths, kernel, stride_, dilation_, strict=True)
    )
    out = tuple(r - pb - pe + op for r, (pb, pe), op in zip(reach, pads, extra, strict=True))
    if min(out) < 1:
        raise invalid(
            "padding",
            f"leaves no output: (L - 1)*s + d*(k - 1) + 1 + output_padding = "
            f"{tuple(r + op for r, op in zip(reach, extra, strict=True))} is not larger "
            f"than p_begin + p_end = {tuple(pb + pe for pb, pe in pads)} on some axis",
            _OUTPUT_PADDING,
        )

    batch = x.shape[0]
    taps = math.prod(kernel)
    with ieee():
        # (groups, C_out/groups * taps, C_in/groups) times (N, groups, C_in/groups, inputs).
        products = np.matmul(
            w.reshape(g, channels // g, group_out * taps).transpose(0, 2, 1),
            x.reshape(batch, g, channels // g, math.prod(lengths)),
        ).reshape(batch, out_channels, taps, *lengths)
        # Tap t adds input i's products into output i*s - p_begin + t*d, where that exists.
        y = np.zeros((batch, out_channels, *out))
        begins = [pb for pb, _ in pads]
        for t, at_windows, at_positions in tap_pairs(
            kernel, stride_, dilation_, begins, lengths, out
        ):
            y[spatial(at_positions)] += products[:, :, t][spatial(at_windows)]
        return _add_bias(y, b)


def _factor(value: object, parameter: str, derivation_id: str) -> int:
    if not is_int(value) or value < 1:
        raise invalid(parameter, f"must be an int >= 1, got {value!r}", derivation_id)
    return int(value)


def pixel_shuffle(x: NDArray[np.generic], upscale_factor: int) -> NDArray[np.float64]:
    """Move ``r**d`` channels into an ``r``-fold larger grid on each of the d spatial axes.

    ``(N, C * r**d, *L)`` becomes ``(N, C, *(L * r))``: on 2 axes, as PyTorch
    and ONNX DepthToSpace in CRD mode,
    ``y[n, c, h*r + i, w*r + j] = x[n, c*r*r + i*r + j, h, w]``; DepthToSpace's
    default DCR mode is another permutation
    (equiv.onnx.pixel_shuffle.depth_to_space).  On d axes
    the channel is ``c*r**d`` plus the sub-positions ``i_1 .. i_d`` read as
    the base-``r`` digits of a number, first axis most significant
    (pixel_shuffle.permutation).  PyTorch and ONNX define d = 2 only; 1 and 3
    axes extend the same order.  After a convolution with ``r**d`` times the
    channels it computes a stride-``r`` transposed convolution
    (conv_transpose.subpixel).

    ``x`` is a real NumPy array with 1 to 3 spatial axes; the result is a new
    float64 array.  A permutation moves values unchanged, NaN included.
    ``upscale_factor`` is an int >= 1 and ``r**d`` must divide the channel
    count, else ``ValueError``.

    >>> pixel_shuffle(np.arange(4.0).reshape(1, 4, 1, 1), 2)[0, 0].tolist()
    [[0.0, 1.0], [2.0, 3.0]]
    """
    x = batch_array(x, _SHUFFLE, nonempty=False)
    r = _factor(upscale_factor, "upscale_factor", _SHUFFLE)
    batch, channels, lengths = x.shape[0], x.shape[1], x.shape[2:]
    ndim = len(lengths)
    if channels % r**ndim:
        raise invalid(
            "x",
            f"channels x.shape[1] = {channels} must be divisible by upscale_factor**{ndim} = "
            f"{r**ndim}",
            _SHUFFLE,
        )
    y = np.empty((batch, channels // r**ndim, *(n * r for n in lengths)))
    # y split as (N, C, L_1, i_1, ..., L_d, i_d) receives x split as (N, C, i_1..i_d, L_1..L_d).
    source = x.reshape(batch, channels // r**ndim, *(r,) * ndim, *lengths)
    order = [0, 1, *(a for axis in range(ndim) for a in (2 + ndim + axis, 2 + axis))]
    y.reshape(batch, channels // r**ndim, *(v for n in lengths for v in (n, r)))[...] = (
        source.transpose(order)
    )
    return y


def pixel_unshuffle(x: NDArray[np.generic], downscale_factor: int) -> NDArray[np.float64]:
    """The inverse of :func:`pixel_shuffle`: ``(N, C, *(L * r))`` becomes ``(N, C * r**d, *L)``.

    ``y[n, c*r**d + digits(i_1 .. i_d), *h] = x[n, c, *(h*r + i)]`` with the
    channel order of :func:`pixel_shuffle` (pixel_shuffle.permutation); on 2 axes
    this is PyTorch's pixel_unshuffle, the inverse of ONNX DepthToSpace in CRD
    mode.  ONNX SpaceToDepth inverts the DCR mode instead, and differs from
    this function when ``C > 1`` and ``r > 1``
    (equiv.onnx.pixel_shuffle.depth_to_space).

    ``x`` is a real NumPy array with 1 to 3 spatial axes; the result is a new
    float64 array.  ``downscale_factor`` is an int >= 1 that must divide every
    spatial length, else ``ValueError``.

    >>> pixel_unshuffle(np.arange(4.0).reshape(1, 1, 2, 2), 2)[0, :, 0, 0].tolist()
    [0.0, 1.0, 2.0, 3.0]
    """
    x = batch_array(x, _UNSHUFFLE, nonempty=False)
    r = _factor(downscale_factor, "downscale_factor", _UNSHUFFLE)
    batch, channels, lengths = x.shape[0], x.shape[1], x.shape[2:]
    ndim = len(lengths)
    if any(n % r for n in lengths):
        raise invalid(
            "x",
            f"every spatial length must be divisible by downscale_factor = {r}, got shape "
            f"{x.shape}",
            _UNSHUFFLE,
        )
    small = tuple(n // r for n in lengths)
    y = np.empty((batch, channels * r**ndim, *small))
    # y split as (N, C, i_1..i_d, L_1..L_d) receives x split as (N, C, L_1, i_1, ..., L_d, i_d).
    source = x.reshape(batch, channels, *(v for n in small for v in (n, r)))
    order = [0, 1, *(3 + 2 * axis for axis in range(ndim)), *(2 + 2 * axis for axis in range(ndim))]
    y.reshape(batch, channels, *(r,) * ndim, *small)[...] = source.transpose(order)
    return y
