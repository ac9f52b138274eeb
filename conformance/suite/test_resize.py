"""Conformance of ``resize`` against the oracle.

Each test is parametrised by a feature (a mode with its conventions) and
carries the derivation IDs that fix the expected result.  ``test_resize``
draws ordinary cases; the other tests each target one class of edge that
frameworks get wrong, so that a known deviation is confined to its own test.
The edge-class tests run on the widespread features (``ResizeFeature.widespread``).
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance.harness import Target
from conformance.strategies.resize import ResizeFeature, resize_cases, resize_features

pytestmark = pytest.mark.op("resize")

FEATURES = resize_features()


def _params(features: list[ResizeFeature], *extra_ids: str) -> list[Any]:
    return [
        pytest.param(f, id=f.id, marks=pytest.mark.spec(*f.spec_ids, *extra_ids)) for f in features
    ]


def _pick(**fixed: Any) -> list[ResizeFeature]:
    """The features whose attributes have the given values."""
    return [f for f in FEATURES if all(getattr(f, k) == v for k, v in fixed.items())]


def _check(target: Target, feature: ResizeFeature, *extra: str, **options: Any) -> None:
    """Property-test ``feature`` on ``target``; ``extra`` derivation IDs join the feature's.

    ``options`` go to :func:`resize_cases`.
    """
    spec = tuple(dict.fromkeys((*feature.spec_ids, *extra)))
    cases = resize_cases(
        feature, target.dtype, probe=target.probe, param_dtype=target.param_dtype, **options
    )
    target.check("resize", cases, spec)


# align_corners sends the last output to in - 1, an integer: with floor or ceil
# every case has a boundary decision, so those features live in the boundary test.
ORDINARY = [
    f
    for f in FEATURES
    if not (f.coordinate_mode == "align_corners" and f.nearest_mode in ("floor", "ceil"))
    or f.mode != "nearest"
]


@pytest.mark.parametrize("feature", _params(ORDINARY))
def test_resize(target: Target, feature: ResizeFeature) -> None:
    """Ordinary cases: no length 1, no decision on a boundary, no float-rounded length."""
    _check(target, feature)


BOUNDARY = (
    _pick(mode="nearest")
    + _pick(mode="sampled_box", widespread=True)
    + _pick(coordinate_mode="tf_crop_and_resize", antialias=False)
)


@pytest.mark.parametrize("feature", _params(BOUNDARY, "nearest.rounding"))
def test_resize_boundary(target: Target, feature: ResizeFeature) -> None:
    """Exact ties, integer source coordinates and extrapolation edges, decided exactly."""
    _check(target, feature, "nearest.rounding", focus="boundary")


@pytest.mark.parametrize(
    "feature", _params(_pick(widespread=True, antialias=False), "resize.output_length")
)
def test_resize_length_rounding(target: Target, feature: ResizeFeature) -> None:
    """``floor(in * scale_factor)`` on the float's exact value, not a float product."""
    _check(target, feature, "resize.output_length", focus="length_rounding")


@pytest.mark.parametrize("feature", _params(_pick(widespread=True), "resize.coordinate_scale"))
def test_resize_integer_ratio(target: Target, feature: ResizeFeature) -> None:
    """An axis kept or doubled in length still resamples with its scale, not the length ratio."""
    _check(target, feature, "resize.coordinate_scale", focus="integer_ratio")


@pytest.mark.parametrize("feature", _params(_pick(widespread=True), "resize.border"))
def test_resize_size_and_scale(target: Target, feature: ResizeFeature) -> None:
    """size and scale_factor disagree: source coordinates may leave the input."""
    _check(target, feature, "resize.border", focus="mismatched")


LENGTH_ONE = list(
    dict.fromkeys(
        _pick(mode="linear", antialias=False)
        + _pick(mode="cubic", antialias=False, exclude_outside=False)
        + _pick(mode="nearest", nearest_mode="round_prefer_floor")
        + _pick(widespread=True)
    )
)


@pytest.mark.parametrize("feature", _params(LENGTH_ONE))
def test_resize_length_one(target: Target, feature: ResizeFeature) -> None:
    """Input or output length 1 on some axis: the coordinate maps' special cases."""
    _check(target, feature, focus="length_one")


@pytest.mark.parametrize("feature", _params(_pick(widespread=True), "resize.nan"))
def test_resize_nan(target: Target, feature: ResizeFeature) -> None:
    """NaN inputs poison exactly the outputs whose taps read them (resize.nan)."""
    _check(target, feature, "resize.nan", nan=True)


@pytest.mark.parametrize("feature", _params(_pick(widespread=True, antialias=False)))
def test_resize_empty_batch(target: Target, feature: ResizeFeature) -> None:
    """N = 0 is valid and returns an empty result of the right shape."""
    _check(target, feature, batch=0)
