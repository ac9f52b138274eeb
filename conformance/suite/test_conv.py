"""Conformance of ``conv`` and ``conv_transpose`` against the oracle, and their own identities.

Each test is parametrised by a window arrangement (``ConvFeature``); the edge
tests put a length of 1 on some axis or draw empty batches.  The identity
tests need no oracle: they check the backend's own conv against its own
conv_transpose (conv_transpose.adjoint), and its linearity.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import strategies as st

import oracle
from conformance.case import Case
from conformance.features import feature_params
from conformance.harness import Target
from conformance.strategies.conv import ConvFeature, conv_cases, conv_features
from conformance.tolerance.dot import dot_bound
from spec.tolerance import gamma


def _check(target: Target, feature: ConvFeature, *extra: str, **options: Any) -> None:
    spec = tuple(dict.fromkeys((*feature.spec_ids, *extra)))
    cases = conv_cases(feature, target.dtype, probe=target.probe, **options)
    target.check(feature.op, cases, spec)


@pytest.mark.parametrize("feature", feature_params(conv_features("conv")))
def test_conv(target: Target, feature: ConvFeature) -> None:
    """Ordinary cases of one window arrangement, 1 to 3 axes, bias or none."""
    _check(target, feature)


@pytest.mark.parametrize("feature", feature_params(conv_features("conv_transpose")))
def test_conv_transpose(target: Target, feature: ConvFeature) -> None:
    """Ordinary cases of one window arrangement, output_padding drawn up to its limit."""
    _check(target, feature)


_EDGE = feature_params([ConvFeature(op) for op in ("conv", "conv_transpose")], by_op=True)


@pytest.mark.parametrize("feature", _EDGE)
def test_conv_length_one(target: Target, feature: ConvFeature) -> None:
    """An input or output of length 1 on some axis."""
    _check(target, feature, focus="length_one")


@pytest.mark.parametrize("feature", _EDGE)
def test_conv_empty_batch(target: Target, feature: ConvFeature) -> None:
    """N = 0 is valid and returns an empty result of the right shape."""
    _check(target, feature, batch=0)


def _per_axis(value: Any, ndim: int) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, tuple) else (value,) * ndim


def _back_padding(case: Case, outs: tuple[int, ...]) -> tuple[int, ...] | None:
    """The output_padding that takes conv's output length back to x's, or None if out of range."""
    x, weight = case.arrays["x"], case.arrays["weight"]
    ndim = x.ndim - 2
    strides = _per_axis(case.kwargs.get("stride", 1), ndim)
    dilations = _per_axis(case.kwargs.get("dilation", 1), ndim)
    pads = _per_axis(case.kwargs.get("padding", 0), ndim)
    extra = []
    for a in range(ndim):
        s, d, k = strides[a], dilations[a], weight.shape[2 + a]
        pb, pe = pads[a] if isinstance(pads[a], tuple) else (pads[a], pads[a])
        missing = x.shape[2 + a] - ((outs[a] - 1) * s - pb - pe + d * (k - 1) + 1)
        if not 0 <= missing < max(s, d):
            return None
        extra.append(missing)
    return tuple(extra)


def _adjoint(target: Target, case: Case, got: Any) -> None:
    """<conv(x), y> = <x, conv_transpose(y)> for the backend's own two ops (conv_transpose.adjoint).

    Both inner products are taken in float64 over the backend's results; the
    bound is tolerance.dot's for each op plus the float64 sums.
    """
    x, weight = case.arrays["x"], case.arrays["weight"]
    got = np.asarray(got, dtype=np.float64)
    back_padding = _back_padding(case, got.shape[2:])
    if back_padding is None or got.size == 0:
        return
    y = np.random.default_rng(got.size).integers(-8, 9, size=got.shape).astype(np.float64)
    kwargs = {**case.kwargs, "output_padding": back_padding}
    back = Case("conv_transpose", {"x": y, "weight": weight}, kwargs)
    result = np.asarray(target.call(back, ("conv_transpose.adjoint",)), dtype=np.float64)
    lhs, rhs = float(np.sum(got * y)), float(np.sum(x * result))
    magnitude = Case("conv", {"x": np.abs(x), "weight": np.abs(weight)}, case.kwargs)
    total = float(np.sum(magnitude.call(oracle.conv) * np.abs(y)))
    n = weight.shape[1] * math.prod(weight.shape[2:])
    terms = int(got.size + x.size)
    bound = (
        2 * float(dot_bound(np.array(total), n, target.u(case.op))[()])
        + 2 * float(gamma(terms, 2.0**-53)) * total
    )
    if not abs(lhs - rhs) <= bound:
        raise target.fail(
            case,
            f"<conv(x), y> = {lhs!r} but <x, conv_transpose(y)> = {rhs!r}, y drawn from seed "
            f"{got.size}; |difference| {abs(lhs - rhs)!r} exceeds the bound {bound!r}",
            ("conv_transpose.adjoint", "conv_transpose.matrix_transpose"),
        )


@pytest.mark.op("conv")
@pytest.mark.spec("conv_transpose.adjoint", "conv_transpose.matrix_transpose", "tolerance.dot")
def test_conv_adjoint_identity(target: Target) -> None:
    """The backend's conv_transpose is the adjoint of its own conv: <Cx, y> = <x, C^T y>."""
    target.op("conv_transpose")
    arrangement = st.sampled_from(["basic", "grouped", "dilated_strided", "asymmetric_padding"])
    cases = arrangement.flatmap(
        lambda a: conv_cases(ConvFeature("conv", a), target.dtype, probe=target.probe)
    ).filter(lambda c: "bias" not in c.arrays)
    target.check("conv", cases, ("conv_transpose.adjoint",), _adjoint)


def _linear(target: Target, case: Case, got: Any) -> None:
    """conv(x + 2 x') = conv(x) + 2 conv(x') within tolerance.dot's bound (no bias)."""
    x = case.arrays["x"]
    other = np.flip(x, axis=-1).copy()
    mixed = Case(case.op, {**case.arrays, "x": x + 2 * other}, case.kwargs)
    second = Case(case.op, {**case.arrays, "x": other}, case.kwargs)
    lhs = np.asarray(target.call(mixed, ("tolerance.dot",)), dtype=np.float64)
    rhs = np.asarray(got, dtype=np.float64) + 2 * np.asarray(
        target.call(second, ("tolerance.dot",)), dtype=np.float64
    )
    magnitude = Case(case.op, {"x": 3 * np.abs(x) + 6 * np.abs(other),
                               "weight": np.abs(case.arrays["weight"])}, case.kwargs)  # fmt: skip
    weight = case.arrays["weight"]
    n = math.prod(weight.shape[1:])
    bound = 2 * dot_bound(magnitude.call(getattr(oracle, case.op)), n, target.u(case.op))
    if not np.all(np.abs(lhs - rhs) <= bound):
        raise target.fail(case, "conv(x + 2x') differs from conv(x) + 2 conv(x')",
                          ("tolerance.dot",))  # fmt: skip


@pytest.mark.parametrize(
    "op", [pytest.param(op, id=op, marks=pytest.mark.op(op)) for op in ("conv", "conv_transpose")]
)
@pytest.mark.spec("tolerance.dot", "window.output_length")
def test_conv_linearity(target: Target, op: str) -> None:
    """The backend's op is linear in x, judged by the backend alone."""
    cases = conv_cases(ConvFeature(op), target.dtype, probe=target.probe).filter(
        lambda c: "bias" not in c.arrays
    )
    target.check(op, cases, ("tolerance.dot",), _linear)
