"""Conformance of ``resize`` against the oracle.

Each test is parametrised by a feature (a mode with its conventions) and
carries the derivation IDs that fix the expected result.  ``test_resize``
draws ordinary cases; the other tests each target one class of edge that
frameworks get wrong, so that a known deviation is confined to its own test.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import oracle
from conformance.case import Case
from conformance.harness import Target
from conformance.strategies.resize import ResizeFeature, resize_cases, resize_features
from conformance.tolerance import (
    dense_matrix,
    nan_required,
    resize_bound,
    resize_plans,
    separable_apply,
)

pytestmark = pytest.mark.op("resize")

FEATURES = resize_features()


def _params(features: list[ResizeFeature], *extra_ids: str) -> list[Any]:
    return [
        pytest.param(f, id=f.id, marks=pytest.mark.spec(*f.spec_ids, *extra_ids)) for f in features
    ]


def _pick(**fixed: Any) -> list[ResizeFeature]:
    return [f for f in FEATURES if all(getattr(f, k) == v for k, v in fixed.items())]


TORCH_LIKE = [
    ResizeFeature("nearest", "asymmetric", "floor"),
    ResizeFeature("nearest", "half_pixel", "round_prefer_ceil"),
    ResizeFeature("linear", "half_pixel"),
    ResizeFeature("linear", "align_corners"),
    ResizeFeature("cubic", "half_pixel"),
    ResizeFeature("area"),
    ResizeFeature("linear", "half_pixel", exclude_outside=True, antialias=True),
    ResizeFeature("cubic", "half_pixel", exclude_outside=True, antialias=True),
]


def _violations(
    target: Target, case: Case, got: Any, spec: tuple[str, ...], nan_rule: str = "exact"
) -> None:
    want = case.call(oracle.resize)
    got = np.asarray(got, dtype=np.float64)
    if got.shape != want.shape:
        raise target.fail(
            case,
            f"output shape {got.shape}, expected {want.shape}",
            ("resize.output_length", *spec),
        )
    x = case.arrays[0]
    bound = resize_bound(x, case.kwargs, target.dtype)
    with np.errstate(invalid="ignore"):
        wrong = ~(np.abs(got - want) <= bound)
    if nan_rule == "exact":
        wrong = np.where(np.isnan(want), ~np.isnan(got), wrong)
    else:
        # resize.nan: NaN is required where a NaN is a tap whose weight exceeds its
        # slack (nan_required) and forbidden where no NaN lies within one sample of
        # the taps; a NaN read only through a weight that may be 0, or just beside
        # the taps, allows either.
        plans = resize_plans(tuple(x.shape[2:]), case.kwargs)
        near = [
            _dilate(dense_matrix(p.indices, np.ones_like(p.weights), p.in_length)) for p in plans
        ]
        must_nan = nan_required(x, case.kwargs, target.dtype)
        may_nan = separable_apply(np.isnan(x).astype(np.float64), near) > 0
        got_nan = np.isnan(got)
        # where the oracle itself is NaN only through a zero weight, any value is accepted
        free = np.isnan(want) | (may_nan & got_nan)
        wrong = np.where(must_nan, ~got_nan, np.where(free, False, wrong))
    if wrong.any():
        where = [tuple(int(i) for i in w) for w in np.argwhere(wrong)[:5]]
        lines = [f"  at {w}: got {got[w]!r}, want {want[w]!r}, bound {bound[w]:.3g}" for w in where]
        raise target.fail(
            case,
            f"{int(wrong.sum())} of {wrong.size} outputs outside the derived bound\n"
            + "\n".join(lines),
            spec,
        )


def _dilate(m: Any) -> Any:
    """Widen each row's tap set by one sample on either side."""
    grown = m > 0
    grown[:, 1:] |= m[:, :-1] > 0
    grown[:, :-1] |= m[:, 1:] > 0
    return grown.astype(np.float64)


def _compare(spec: tuple[str, ...], nan_rule: str = "exact") -> Any:
    """The comparison for ``Target.check``: the oracle's result within the derived bound."""

    def compare(target: Target, case: Case, got: Any) -> None:
        _violations(target, case, got, spec, nan_rule)

    return compare


# align_corners sends the last output to in - 1, an integer: with floor or ceil
# every case has a boundary decision, so those features live in the boundary test.
ORDINARY = [
    f
    for f in FEATURES
    if not (f.coordinate_mode == "align_corners" and f.nearest_mode in ("floor", "ceil"))
    or f.mode != "nearest"
]


def _check(target: Target, feature: ResizeFeature, *extra: str, **options: Any) -> None:
    """Property-test ``feature`` on ``target``; ``extra`` derivation IDs join the feature's.

    ``options`` go to :func:`resize_cases`, except ``nan_rule`` for the comparison.
    """
    spec = tuple(dict.fromkeys((*feature.spec_ids, *extra)))
    nan_rule = options.pop("nan_rule", "exact")
    cases = resize_cases(feature, target.dtype, probe=target.probe, **options)
    target.check("resize", cases, _compare(spec, nan_rule), spec)


@pytest.mark.parametrize("feature", _params(ORDINARY))
def test_resize(target: Target, feature: ResizeFeature) -> None:
    """Ordinary cases: no length 1, no decision on a boundary, no float-rounded length."""
    _check(target, feature)


BOUNDARY = _pick(mode="nearest") + _pick(coordinate_mode="tf_crop_and_resize", antialias=False)


@pytest.mark.parametrize("feature", _params(BOUNDARY, "nearest.rounding"))
def test_resize_boundary(target: Target, feature: ResizeFeature) -> None:
    """Exact ties and integer source coordinates, decided in exact arithmetic."""
    _check(target, feature, "nearest.rounding", focus="boundary")


@pytest.mark.parametrize("feature", _params(TORCH_LIKE[:6], "resize.output_length"))
def test_resize_length_rounding(target: Target, feature: ResizeFeature) -> None:
    """``floor(in * scale_factor)`` on the float's exact value, not a float product."""
    _check(target, feature, "resize.output_length", focus="length_rounding")


@pytest.mark.parametrize("feature", _params(TORCH_LIKE, "resize.coordinate_scale"))
def test_resize_integer_ratio(target: Target, feature: ResizeFeature) -> None:
    """An axis kept or doubled in length still resamples with its scale, not the length ratio."""
    _check(target, feature, "resize.coordinate_scale", focus="integer_ratio")


@pytest.mark.parametrize("feature", _params(TORCH_LIKE, "resize.border"))
def test_resize_size_and_scale(target: Target, feature: ResizeFeature) -> None:
    """size and scale_factor disagree: source coordinates may leave the input."""
    _check(target, feature, "resize.border", focus="mismatched")


LENGTH_ONE = (
    _pick(mode="linear", antialias=False)
    + _pick(mode="cubic", antialias=False, exclude_outside=False)
    + _pick(mode="nearest", nearest_mode="round_prefer_floor")
    + [TORCH_LIKE[0], TORCH_LIKE[1], ResizeFeature("area"), *TORCH_LIKE[6:]]
)


@pytest.mark.parametrize("feature", _params(LENGTH_ONE))
def test_resize_length_one(target: Target, feature: ResizeFeature) -> None:
    """Input or output length 1 on some axis: the coordinate maps' special cases."""
    _check(target, feature, focus="length_one")


@pytest.mark.parametrize("feature", _params(TORCH_LIKE, "resize.nan"))
def test_resize_nan(target: Target, feature: ResizeFeature) -> None:
    """NaN inputs poison exactly the outputs whose taps read them (resize.nan)."""
    _check(target, feature, "resize.nan", nan=True, nan_rule="taps")


@pytest.mark.parametrize("feature", _params(TORCH_LIKE[:6]))
def test_resize_empty_batch(target: Target, feature: ResizeFeature) -> None:
    """N = 0 is valid and returns an empty result of the right shape."""
    _check(target, feature, batch=0)
