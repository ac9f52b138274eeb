"""Strategies for conv, conv_transpose, pixel_shuffle and pixel_unshuffle cases.

A :class:`ConvFeature` fixes the op and the window arrangement under test:

``basic``
    groups 1, stride 1 to 3, dilation 1 or 2, symmetric padding;
``grouped``
    2 or 3 groups, each with its own weights (conv.groups);
``depthwise``
    groups equal to the input channels (conv.groups);
``dilated_strided``
    dilation and stride both at least 2 on every axis;
``asymmetric_padding``
    ``(begin, end)`` pairs that differ on some axis (window.padding);
``output_padding``
    conv_transpose only: ``output_padding = max(stride, dilation) - 1``, its
    largest admissible value, on every axis (conv_transpose.output_padding).

The strategy draws 1 to 3 spatial axes, N of 1 or 2, 1 to 3 channels per
group, kernels of 1 to 4 taps, weights that differ tap by tap, and a bias or
none.  ``focus="length_one"`` puts an input or output length of 1 on some
axis; ``batch=0`` draws empty batches.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import assume, reject
from hypothesis import strategies as st

from conformance.backend import Unsupported
from conformance.case import Case
from conformance.features import WindowFeature
from conformance.strategies import SIGNIFICAND_BITS, exact_arrays, per_axis

__all__ = ["ARRANGEMENTS", "ConvFeature", "conv_cases", "conv_features", "shuffle_cases"]

ARRANGEMENTS = (
    "basic",
    "grouped",
    "depthwise",
    "dilated_strided",
    "asymmetric_padding",
    "output_padding",
)
_MAX_LENGTH = {1: 12, 2: 7, 3: 4}
_MAX_KERNEL = {1: 4, 2: 3, 3: 2}


@dataclass(frozen=True)
class ConvFeature(WindowFeature):
    """An op (``conv`` or ``conv_transpose``) with one window arrangement."""

    @property
    def spec_ids(self) -> tuple[str, ...]:
        """The derivation IDs that fix this feature's expected result."""
        ids = ["window.output_length", "window.padding", "tolerance.dot"]
        if self.op == "conv_transpose":
            ids += ["conv_transpose.matrix_transpose", "conv_transpose.output_padding"]
        if self.arrangement in ("grouped", "depthwise"):
            ids.append("conv.groups")
        return tuple(ids)


def conv_features(op: str) -> list[ConvFeature]:
    """Every arrangement of ``op`` (output_padding for conv_transpose only)."""
    return [
        ConvFeature(op, a) for a in ARRANGEMENTS if a != "output_padding" or op == "conv_transpose"
    ]


def _length(op: str, n: int, k: int, s: int, d: int, pb: int, pe: int, op_pad: int) -> int:
    if op == "conv":
        return (n + pb + pe - d * (k - 1) - 1) // s + 1
    return (n - 1) * s - pb - pe + d * (k - 1) + op_pad + 1


@st.composite
def conv_cases(
    draw: Any,
    feature: ConvFeature,
    dtype: str = "float64",
    focus: str | None = None,
    batch: int | None = None,
    probe: Callable[[Case], object] | None = None,
) -> Case:
    """conv or conv_transpose cases of ``feature`` whose values are exact in ``dtype``.

    ``probe``, if given, is called on the case with all-zero arrays before
    any value is drawn; if it raises Unsupported the case is rejected early.
    """
    op, arrangement = feature.op, feature.arrangement
    ndim = draw(st.integers(1, 3))
    n = draw(st.integers(1, 2)) if batch is None else batch
    if arrangement == "depthwise":
        groups = draw(st.integers(2, 4))
        in_per_group, out_per_group = 1, draw(st.integers(1, 2))
    else:
        groups = draw(st.integers(2, 3)) if arrangement == "grouped" else 1
        in_per_group, out_per_group = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    lengths, kernel, strides, dilations, pads, out_pads = [], [], [], [], [], []
    focus_axis = draw(st.integers(0, ndim - 1))
    for axis in range(ndim):
        k = draw(st.integers(1, _MAX_KERNEL[ndim]))
        if arrangement == "dilated_strided":
            s, d = draw(st.integers(2, 3)), draw(st.integers(2, 3))
        else:
            s, d = draw(st.integers(1, 3)), draw(st.integers(1, 2))
        reach = d * (k - 1)
        pb = draw(st.integers(0, reach))
        pe = pb
        if arrangement == "asymmetric_padding":
            pe = draw(st.integers(0, reach + 1))
        op_pad = 0
        if op == "conv_transpose" and arrangement == "output_padding":
            op_pad = max(s, d) - 1
        elif op == "conv_transpose":
            op_pad = draw(st.integers(0, max(s, d) - 1))
        low = max(1, reach + 1 - pb - pe) if op == "conv" else 1
        length = draw(st.integers(low, max(low, _MAX_LENGTH[ndim])))
        if focus == "length_one" and axis == focus_axis:
            length = 1 if op == "conv_transpose" or low == 1 else low
        assume(_length(op, length, k, s, d, pb, pe, op_pad) >= 1)
        lengths.append(length)
        kernel.append(k)
        strides.append(s)
        dilations.append(d)
        pads.append((pb, pe))
        out_pads.append(op_pad)
    outs = [
        _length(op, lengths[a], kernel[a], strides[a], dilations[a], *pads[a], out_pads[a])
        for a in range(ndim)
    ]
    ones = [a for a in range(ndim) if lengths[a] == 1 or outs[a] == 1]
    assume(bool(ones) == (focus == "length_one"))
    if arrangement == "dilated_strided":
        assume(any(k > 1 for k in kernel))
    if arrangement == "asymmetric_padding":
        assume(any(b != e for b, e in pads))
    if arrangement == "output_padding":
        assume(any(p > 0 for p in out_pads))

    in_channels = groups * in_per_group
    out_channels = groups * out_per_group
    if op == "conv":
        weight_shape = (out_channels, in_per_group, *kernel)
    else:
        weight_shape = (in_channels, out_per_group, *kernel)
    kwargs: dict[str, Any] = {
        "stride": per_axis(draw, strides),
        "dilation": per_axis(draw, dilations),
    }
    if arrangement == "asymmetric_padding":
        kwargs["padding"] = tuple(pads)
    else:
        kwargs["padding"] = per_axis(draw, [b for b, _ in pads])
    if op == "conv_transpose":
        kwargs["output_padding"] = per_axis(draw, out_pads)
    if groups > 1:
        kwargs["groups"] = groups
    with_bias = draw(st.booleans())
    shapes = {"x": (n, in_channels, *lengths), "weight": weight_shape}
    if with_bias:
        shapes["bias"] = (out_channels,)
    if probe is not None:
        try:
            probe(Case(op, {k: np.zeros(v) for k, v in shapes.items()}, kwargs))
        except Unsupported:
            reject()
    arrays = {k: draw(exact_arrays(v, dtype)) for k, v in shapes.items()}
    if arrangement in ("grouped", "depthwise") and math.prod(weight_shape) > groups:
        # each group its own weights: a backend that shares one group's weights must differ
        per_group = arrays["weight"].reshape(groups, -1)
        assume(len({row.tobytes() for row in per_group}) == groups)
    return Case(op, arrays, kwargs)


@st.composite
def shuffle_cases(
    draw: Any,
    op: str,
    dtype: str = "float64",
    batch: int | None = None,
    probe: Callable[[Case], object] | None = None,
) -> Case:
    """pixel_shuffle or pixel_unshuffle cases on 1 to 3 axes with distinct values."""
    ndim = draw(st.integers(1, 3))
    r = draw(st.integers(1, 3 if ndim < 3 else 2))
    n = draw(st.integers(1, 2)) if batch is None else batch
    c = draw(st.integers(1, 2))
    small = [draw(st.integers(1, 4 if ndim < 3 else 2)) for _ in range(ndim)]
    if op == "pixel_shuffle":
        shape = (n, c * r**ndim, *small)
        kwargs: dict[str, Any] = {"upscale_factor": r}
    else:
        shape = (n, c, *(m * r for m in small))
        kwargs = {"downscale_factor": r}
    if probe is not None:
        try:
            probe(Case(op, {"x": np.zeros(shape)}, kwargs))
        except Unsupported:
            reject()
    # distinct values (as far as dtype allows), so that two positions swapped show
    span = 2 ** min(SIGNIFICAND_BITS[dtype] - 1, 11)
    x = (np.arange(math.prod(shape), dtype=np.float64) % span).reshape(shape)
    if draw(st.booleans()):
        x = draw(exact_arrays(shape, dtype))
    return Case(op, {"x": x}, kwargs)
