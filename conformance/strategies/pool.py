"""Strategies for the pooling ops: max, average and adaptive pooling, and max-unpooling.

A :class:`PoolFeature` fixes the op and one class of window that
implementations get wrong:

``basic``
    stride at most the kernel, symmetric padding at most half the effective
    kernel (what every framework accepts);
``ceil_mode``
    ``ceil_mode=True`` on lengths where the ceiling adds a window, or where
    PyTorch's rule drops the window that would start in the end padding
    (window.ceil_mode);
``dilation``
    dilation 2 or 3 together with padding;
``count_include_pad``
    avg_pool with ``count_include_pad=False``, padding on every axis
    (pool.avg.divisor);
``divisor_override``
    avg_pool with a ``divisor_override`` (pool.avg.divisor);
``asymmetric_padding``
    ``(begin, end)`` pairs that differ on some axis (window.padding);
``nonfinite``
    NaN and infinities planted in the input (pool.max.nan).

Values are drawn from small pools, so that repeated values, and with them
ties, are common (pool.max.ties).  ``focus="length_one"`` puts an input or
output length of 1 on some axis; ``batch=0`` draws empty batches.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import assume, reject
from hypothesis import strategies as st

import oracle
from conformance.backend import Unsupported
from conformance.case import Case
from conformance.features import WindowFeature
from conformance.strategies import exact_arrays, per_axis
from spec.window import output_length

__all__ = ["PoolFeature", "adaptive_cases", "pool_cases", "pool_features", "unpool_cases"]

_MAX_LENGTH = {1: 12, 2: 7, 3: 5}
_ARRANGEMENTS = {
    "max_pool": ("basic", "ceil_mode", "dilation", "asymmetric_padding", "nonfinite"),
    "avg_pool": (
        "basic",
        "ceil_mode",
        "dilation",
        "count_include_pad",
        "divisor_override",
        "asymmetric_padding",
        "nonfinite",
    ),
}


@dataclass(frozen=True)
class PoolFeature(WindowFeature):
    """A pooling op (``max_pool`` or ``avg_pool``) with one class of window."""

    @property
    def spec_ids(self) -> tuple[str, ...]:
        """The derivation IDs that fix this feature's expected result."""
        ids = ["window.output_length", "window.padding"]
        if self.arrangement == "ceil_mode":
            ids.append("window.ceil_mode")
        if self.op == "max_pool":
            ids += ["pool.max.ties", "pool.max.indices"]
            if self.arrangement == "nonfinite":
                ids.append("pool.max.nan")
        else:
            ids += ["pool.avg.divisor", "tolerance.dot"]
        return tuple(ids)


def pool_features(op: str) -> list[PoolFeature]:
    """Every arrangement of ``op``."""
    return [PoolFeature(op, a) for a in _ARRANGEMENTS[op]]


def _values(draw: Any, shape: tuple[int, ...], dtype: str, nonfinite: bool) -> Any:
    x = draw(exact_arrays(shape, dtype))
    if nonfinite and x.size:
        flat = x.ravel()
        spots = draw(st.lists(st.integers(0, flat.size - 1), min_size=1, max_size=4))
        for spot in spots:
            flat[spot] = draw(st.sampled_from([math.nan, math.inf, -math.inf, math.nan]))
        x = flat.reshape(shape)
    return x


def _probe(probe: Callable[[Case], object] | None, case: Case) -> None:
    if probe is None:
        return
    try:
        probe(case)
    except Unsupported:
        reject()


@st.composite
def pool_cases(
    draw: Any,
    feature: PoolFeature,
    dtype: str = "float64",
    focus: str | None = None,
    batch: int | None = None,
    probe: Callable[[Case], object] | None = None,
) -> Case:
    """max_pool or avg_pool cases of ``feature`` whose values are exact in ``dtype``."""
    op, arrangement = feature.op, feature.arrangement
    ndim = draw(st.integers(1, 3))
    n = draw(st.integers(1, 2)) if batch is None else batch
    c = draw(st.integers(1, 3))
    ceil = arrangement == "ceil_mode"
    lengths, kernels, strides, dilations, pads = [], [], [], [], []
    focus_axis = draw(st.integers(0, ndim - 1))
    for axis in range(ndim):
        k = draw(st.integers(1, 4 if ndim < 3 else 3))
        s = draw(st.integers(1, k + 1))
        d = draw(st.integers(2, 3)) if arrangement == "dilation" else 1
        extent = d * (k - 1) + 1
        pb = draw(st.integers(0, extent // 2))
        pe = pb
        if arrangement == "asymmetric_padding":
            # below the effective kernel, so that no window lies wholly in the padding
            pe = draw(st.integers(0, min(extent // 2 + 1, extent - 1)))
        if arrangement == "count_include_pad":
            pb = pe = draw(st.integers(1, max(1, extent // 2)))
            assume(pb <= extent // 2)
        low = max(1, extent - pb - pe)
        length = draw(st.integers(low, max(low, _MAX_LENGTH[ndim])))
        if focus == "length_one" and axis == focus_axis:
            length = low
        lengths.append(length)
        kernels.append(k)
        strides.append(s)
        dilations.append(d)
        pads.append((pb, pe))
    outs = [
        output_length(lengths[a], kernels[a], strides[a], *pads[a], dilations[a], ceil)
        for a in range(ndim)
    ]
    ones = any(lengths[a] == 1 or outs[a] == 1 for a in range(ndim))
    assume(ones == (focus == "length_one"))
    if ceil:  # the ceiling changes a length, or the rule drops a window, on some axis
        changed = [
            outs[a] != output_length(lengths[a], kernels[a], strides[a], *pads[a], dilations[a])
            or -(-(lengths[a] + sum(pads[a]) - dilations[a] * (kernels[a] - 1) - 1) // strides[a])
            + 1
            != outs[a]
            for a in range(ndim)
        ]
        assume(any(changed))
    if arrangement == "asymmetric_padding":
        assume(any(b != e for b, e in pads))
    kwargs: dict[str, Any] = {"kernel_size": per_axis(draw, kernels)}
    if draw(st.booleans()) and strides == kernels:
        pass  # stride=None: the kernel size
    else:
        kwargs["stride"] = per_axis(draw, strides)
    if any(p != (0, 0) for p in pads) or draw(st.booleans()):
        if arrangement == "asymmetric_padding":
            kwargs["padding"] = tuple(pads)
        else:
            kwargs["padding"] = per_axis(draw, [b for b, _ in pads])
    if arrangement == "dilation" or draw(st.integers(0, 4)) == 0:
        kwargs["dilation"] = per_axis(draw, dilations)
    if ceil:
        kwargs["ceil_mode"] = True
    if arrangement == "count_include_pad":
        kwargs["count_include_pad"] = False
    if arrangement == "divisor_override":
        kwargs["divisor_override"] = draw(st.integers(1, 9))
    shape = (n, c, *lengths)
    zeros = Case(op, {"x": np.zeros(shape)}, kwargs)
    try:
        zeros.call(getattr(oracle, op))
    except ValueError:
        # a combination the spec rejects: a dilated window that reads no input (window.padding)
        reject()
    _probe(probe, zeros)
    x = _values(draw, shape, dtype, arrangement == "nonfinite")
    return Case(op, {"x": x}, kwargs)


@st.composite
def adaptive_cases(
    draw: Any,
    op: str,
    dtype: str = "float64",
    focus: str | None = None,
    batch: int | None = None,
    probe: Callable[[Case], object] | None = None,
) -> Case:
    """adaptive_avg_pool or adaptive_max_pool cases: any output size from 1 to past the input."""
    ndim = draw(st.integers(1, 3))
    n = draw(st.integers(1, 2)) if batch is None else batch
    c = draw(st.integers(1, 3))
    lengths = [draw(st.integers(1, _MAX_LENGTH[ndim])) for _ in range(ndim)]
    sizes = [draw(st.integers(1, m + 2)) for m in lengths]
    ones = any(v == 1 for v in (*lengths, *sizes))
    assume(ones == (focus == "length_one"))
    kwargs = {"output_size": per_axis(draw, sizes)}
    shape = (n, c, *lengths)
    _probe(probe, Case(op, {"x": np.zeros(shape)}, kwargs))
    x = _values(draw, shape, dtype, op == "adaptive_max_pool" and draw(st.booleans()))
    return Case(op, {"x": x}, kwargs)


@st.composite
def unpool_cases(
    draw: Any,
    dtype: str = "float64",
    explicit_size: bool = False,
    batch: int | None = None,
    probe: Callable[[Case], object] | None = None,
) -> Case:
    """max_unpool cases: the values and indices of a max_pool, with or without ``output_size``.

    The indices come from the oracle's max_pool of a drawn input, so they are
    valid; ``explicit_size`` draws an ``output_size`` anywhere in the range the
    default length admits (pool.unpool.scatter).
    """
    feature = PoolFeature("max_pool", draw(st.sampled_from(["basic", "asymmetric_padding"])))
    source = draw(pool_cases(feature, dtype, batch=batch))
    values, indices = source.call(oracle.max_pool)
    kwargs = {k: v for k, v in source.kwargs.items() if k in ("kernel_size", "stride", "padding")}
    ndim = source.x.ndim - 2
    per = {
        k: kwargs.get(k, kwargs["kernel_size"] if k == "stride" else 0)
        for k in ("kernel_size", "stride", "padding")
    }
    sizes = []
    for a in range(ndim):
        k, s, p = (v if not isinstance(v, tuple) else v[a] for v in per.values())
        pb, pe = p if isinstance(p, tuple) else (p, p)
        default = (values.shape[2 + a] - 1) * s - pb - pe + k
        if explicit_size:
            sizes.append(draw(st.integers(max(default - s + 1, 1), default + s - 1)))
        else:
            sizes.append(default)
    # the indices are flat positions in the pooled input's planes: an output plane at
    # least as long on every axis holds them all
    assume(all(m >= n for m, n in zip(sizes, source.x.shape[2:], strict=True)))
    if explicit_size:
        kwargs["output_size"] = tuple(sizes)
    case = Case("max_unpool", {"x": values, "indices": indices}, kwargs)
    _probe(probe, case)
    return case
