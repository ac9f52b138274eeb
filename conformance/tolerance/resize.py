"""Per-element error bounds from the error model of ``tolerance.model``.

The model lives in :mod:`spec.tolerance`; this module evaluates it on whole
arrays.  For every spatial axis ``a`` and every output position on it,
:func:`spec.tolerance.axis_terms` gives the exact weights ``|w_a|`` and their
slack ``dw_a`` (coordinate rounding plus kernel evaluation).  The bound of an
output element is then the separable sum

    gamma(k) sum_j |W_j||x_j| + sum_a sum_j dw_a(j_a) prod_{b != a} (|w_b| + dw_b)(j_b) |x_j|

with ``k`` from :func:`spec.tolerance.accumulation_count`.  Nearest copies a
sample (no weight error); area's weights ``1/n``, and those of the sampled box
(resize.sampled_box), carry one rounding each.  Index decisions are
exact in all three, so they have no coordinate term.  Lanczos
weights take the kernel's evaluation error of tolerance.lanczos; box weights
the moved cell ends of tolerance.box.

:func:`resize_expectation` wraps the bound and the NaN band of resize.nan
into the :class:`~conformance.compare.Expectation` that
:func:`conformance.compare.compare` checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

import oracle
from conformance.case import Case
from conformance.compare import EXPECTATIONS, Expectation
from oracle import AxisPlan, resize_plan
from spec.tolerance import accumulation_count, axis_terms, gamma, unit_roundoff

__all__ = [
    "dense_matrix",
    "nan_required",
    "resize_bound",
    "resize_expectation",
    "resize_plans",
    "separable_apply",
]


def resize_plans(spatial_shape: tuple[int, ...], kwargs: Mapping[str, Any]) -> tuple[AxisPlan, ...]:
    """The oracle's per-axis plans for resize keyword arguments ``kwargs``.

    ``extrapolation_value`` only fills outputs after the plan, so it is left out.
    """
    return resize_plan(
        spatial_shape, **{k: v for k, v in kwargs.items() if k != "extrapolation_value"}
    )


def dense_matrix(
    indices: NDArray[np.intp], weights: NDArray[np.float64], n_in: int
) -> NDArray[np.float64]:
    """The ``(out, in)`` matrix of one axis's taps (repeated indices add up)."""
    rows = np.broadcast_to(np.arange(indices.shape[0])[:, None], indices.shape)
    dense = np.zeros((indices.shape[0], n_in))
    np.add.at(dense, (rows, indices), weights)
    return dense


def separable_apply(
    x: NDArray[np.float64], matrices: Sequence[NDArray[np.float64]]
) -> NDArray[np.float64]:
    """Apply one dense ``(out, in)`` matrix along each spatial axis of ``x``."""
    y = x
    for axis, m in enumerate(matrices, start=2):
        y = np.moveaxis(np.tensordot(y, m, axes=([axis], [1])), -1, axis)
    return y


def _scales(kwargs: Mapping[str, Any], plans: Sequence[AxisPlan]) -> list[Fraction]:
    sf = kwargs.get("scale_factor")
    if sf is None:
        return [Fraction(p.out_length, p.in_length) for p in plans]
    values = sf if isinstance(sf, tuple | list) else [sf] * len(plans)
    return [Fraction(v) for v in values]


def _axis_matrices(
    plan: AxisPlan, kwargs: Mapping[str, Any], u: Fraction, scale: Fraction
) -> tuple[NDArray[np.float64], NDArray[np.float64], int]:
    """``|w|`` and ``dw`` as dense ``(out, in)`` matrices, and the tap count ``T_a``."""
    mode = kwargs["mode"]
    absolute = dense_matrix(plan.indices, np.abs(plan.weights), plan.in_length)
    if mode == "nearest":
        return absolute, np.zeros_like(absolute), 1
    if mode in ("area", "sampled_box"):
        return absolute, float(u) * absolute, plan.taps
    assert plan.source is not None
    w = np.zeros_like(absolute)
    dw = np.zeros_like(absolute)
    taps = 0
    a_value = Fraction(kwargs.get("cubic_a", -0.75))
    order = int(kwargs.get("lanczos_a", 3))
    for i, x in enumerate(plan.source):
        if plan.outside[i]:
            continue
        terms = axis_terms(
            x,
            plan.in_length,
            mode,
            u,
            a_value,
            s=scale,
            antialias=bool(kwargs.get("antialias", False)),
            exclude=bool(kwargs.get("exclude_outside", False)),
            lanczos_a=order,
        )
        for j, value in terms.weights_abs.items():
            w[i, j] = float(value)
        for j, value in terms.slack.items():
            dw[i, j] = float(value)
        taps = max(taps, terms.taps)
    return w, dw, taps


def _every_axis(
    plans: Sequence[AxisPlan], kwargs: Mapping[str, Any], u: Fraction
) -> list[tuple[NDArray[np.float64], NDArray[np.float64], int]]:
    """:func:`_axis_matrices` of every axis, each with its coordinate scale."""
    return [
        _axis_matrices(p, kwargs, u, s) for p, s in zip(plans, _scales(kwargs, plans), strict=True)
    ]


def _roundoff(precision: str | Fraction) -> Fraction:
    return precision if isinstance(precision, Fraction) else unit_roundoff(precision)


def resize_bound(
    x: NDArray[np.float64], kwargs: Mapping[str, Any], precision: str | Fraction
) -> NDArray[np.float64]:
    """The largest admissible ``|backend - oracle|`` for each output of ``resize``.

    ``kwargs`` are the resize keyword arguments and ``precision`` the backend's
    dtype name or unit roundoff.  Evaluates tolerance.model (see the module
    docstring), with the Lanczos terms of tolerance.lanczos and the box terms of
    tolerance.box; outputs that tf_crop_and_resize extrapolates must equal the
    extrapolation value.
    """
    u = _roundoff(precision)
    plans = resize_plans(tuple(x.shape[2:]), kwargs)
    axes = _every_axis(plans, kwargs, u)
    ax = np.abs(np.nan_to_num(x))
    k = accumulation_count([taps for _, _, taps in axes])
    bound = float(gamma(k, u)) * separable_apply(ax, [w for w, _, _ in axes])
    for a, (_, dw, _) in enumerate(axes):
        mats = [dw if b == a else w + d for b, (w, d, _) in enumerate(axes)]
        bound = bound + separable_apply(ax, mats)
    return np.where(_outside(plans), 0.0, bound)


def nan_required(
    x: NDArray[np.float64], kwargs: Mapping[str, Any], precision: str | Fraction
) -> NDArray[np.bool_]:
    """Where ``resize`` must be NaN: a NaN sample is a tap of the output whose weight
    exceeds its slack on every axis (resize.nan, tolerance.model).

    A weight within its slack may be exactly 0 for a backend whose source
    coordinate is off by an admissible rounding, and such a backend may then
    not read the sample at all: a coordinate ``1 - 6.7e-17`` that rounds to 1
    reads samples 1 and 2, not 0 and 1.  Extrapolated outputs are never
    required to be NaN.
    """
    plans = resize_plans(tuple(x.shape[2:]), kwargs)
    axes = _every_axis(plans, kwargs, _roundoff(precision))
    required = [(w > dw).astype(np.float64) for w, dw, _ in axes]
    return (separable_apply(np.isnan(x).astype(np.float64), required) > 0) & ~_outside(plans)


def _dilate(m: NDArray[np.float64]) -> NDArray[np.float64]:
    """Widen each row's tap set by one sample on either side."""
    grown = m > 0
    grown[:, 1:] |= m[:, :-1] > 0
    grown[:, :-1] |= m[:, 1:] > 0
    return grown.astype(np.float64)


def resize_expectation(case: Case, u: Fraction) -> Expectation:
    """What ``resize`` must return on ``case`` for a backend with unit roundoff ``u``.

    Values lie within :func:`resize_bound` of the oracle (tolerance.model).
    NaN follows resize.nan's band: it is required where :func:`nan_required`
    says so, admissible where a NaN lies within one sample of an output's taps
    (a backend whose coordinate is off by an admissible rounding reads its
    neighbour), and any value is admissible where the oracle is NaN only
    through a weight that may be 0.  Without NaN inputs this is the plain
    comparison.
    """
    x = case.x
    want = case.call(oracle.resize)
    plans = resize_plans(tuple(x.shape[2:]), case.kwargs)
    bound = resize_bound(x, case.kwargs, u)
    if not np.isnan(x).any():
        return Expectation(want, bound, "resize.output_length")
    near = [_dilate(dense_matrix(p.indices, np.ones_like(p.weights), p.in_length)) for p in plans]
    may_nan = separable_apply(np.isnan(x).astype(np.float64), near) > 0
    must_nan = nan_required(x, case.kwargs, u)
    return Expectation(
        want,
        bound,
        "resize.output_length",
        must_nan=np.broadcast_to(must_nan, want.shape),
        may_nan=np.broadcast_to(may_nan, want.shape),
        value_ids=("resize.nan",),
    )


EXPECTATIONS["resize"] = resize_expectation


def _outside(plans: Sequence[AxisPlan]) -> NDArray[np.bool_]:
    """Outputs that tf_crop_and_resize extrapolates on some axis, over the spatial axes."""
    outside = np.zeros(tuple(p.out_length for p in plans), dtype=bool)
    for axis, plan in enumerate(plans):
        shape = [1] * len(plans)
        shape[axis] = plan.out_length
        outside = outside | plan.outside.reshape(shape)
    return outside
