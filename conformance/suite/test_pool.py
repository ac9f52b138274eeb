"""Conformance of the pooling ops against the oracle.

max_pool and avg_pool are parametrised by a class of window
(:class:`~conformance.strategies.pool.PoolFeature`); the max-pooling indices
are a test of their own, so that a backend that returns values alone (as
many do) is reported unsupported there and checked everywhere else.
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance.case import Case
from conformance.features import feature_params
from conformance.harness import Target
from conformance.strategies.pool import (
    PoolFeature,
    adaptive_cases,
    pool_cases,
    pool_features,
    unpool_cases,
)


def _judge(spec: tuple[str, ...], part: str = "values") -> Any:
    """Compare the ``part`` ("values" or "indices") of a pooling result with the oracle's."""

    def judge(target: Target, case: Case, got: Any) -> None:
        target.compare(case, got, spec, part=part)

    return judge


def _check(target: Target, feature: PoolFeature, part: str = "values", **options: Any) -> None:
    spec = feature.spec_ids
    cases = pool_cases(feature, target.dtype, probe=target.probe, **options)
    target.check(feature.op, cases, spec, _judge(spec, part))


@pytest.mark.parametrize("feature", feature_params(pool_features("max_pool")))
def test_max_pool(target: Target, feature: PoolFeature) -> None:
    """The window maxima, exact; NaN wins its window (pool.max.nan)."""
    _check(target, feature)


@pytest.mark.parametrize("feature", feature_params(pool_features("max_pool")))
def test_max_pool_indices(target: Target, feature: PoolFeature) -> None:
    """The flat index of each maximum in its unpadded plane: the first of ties, the last NaN."""
    _check(target, feature, part="indices")


@pytest.mark.parametrize("feature", feature_params(pool_features("avg_pool")))
def test_avg_pool(target: Target, feature: PoolFeature) -> None:
    """Window averages with the divisor of pool.avg.divisor, within tolerance.dot."""
    _check(target, feature)


_EDGE = feature_params([PoolFeature(op) for op in ("max_pool", "avg_pool")], by_op=True)


@pytest.mark.parametrize("feature", _EDGE)
def test_pool_length_one(target: Target, feature: PoolFeature) -> None:
    """An input or output of length 1 on some axis."""
    _check(target, feature, focus="length_one")


@pytest.mark.parametrize("feature", _EDGE)
def test_pool_empty_batch(target: Target, feature: PoolFeature) -> None:
    """N = 0 is valid and returns an empty result of the right shape."""
    _check(target, feature, batch=0)


_ADAPTIVE = {
    "adaptive_avg_pool": ("pool.adaptive.windows", "pool.avg.divisor", "tolerance.dot"),
    "adaptive_max_pool": ("pool.adaptive.windows", "pool.max.ties", "pool.max.nan"),
}
_ADAPTIVE_PARAMS = [
    pytest.param(op, id=op, marks=[pytest.mark.op(op), pytest.mark.spec(*ids)])
    for op, ids in _ADAPTIVE.items()
]


@pytest.mark.parametrize("op", _ADAPTIVE_PARAMS)
def test_adaptive_pool(target: Target, op: str) -> None:
    """Windows [floor(i n / o), ceil((i + 1) n / o)), output sizes below and above the input."""
    spec = _ADAPTIVE[op]
    target.check(op, adaptive_cases(op, target.dtype, probe=target.probe), spec, _judge(spec))


@pytest.mark.parametrize("op", _ADAPTIVE_PARAMS)
def test_adaptive_pool_length_one(target: Target, op: str) -> None:
    """Input or output length 1 on some axis: global pooling and broadcasting."""
    spec = (*_ADAPTIVE[op], "pool.global")
    cases = adaptive_cases(op, target.dtype, focus="length_one", probe=target.probe)
    target.check(op, cases, spec, _judge(spec))


@pytest.mark.op("adaptive_max_pool")
@pytest.mark.spec("pool.adaptive.windows", "pool.max.indices", "pool.max.ties")
def test_adaptive_max_pool_indices(target: Target) -> None:
    """The flat index of each adaptive window's maximum."""
    spec = ("pool.adaptive.windows", "pool.max.indices", "pool.max.ties")
    cases = adaptive_cases("adaptive_max_pool", target.dtype, probe=target.probe)
    target.check("adaptive_max_pool", cases, spec, _judge(spec, "indices"))


_UNPOOL = ("pool.unpool.scatter", "pool.unpool.roundtrip")


@pytest.mark.op("max_unpool")
@pytest.mark.spec(*_UNPOOL)
@pytest.mark.parametrize("explicit", [False, True], ids=["default_size", "output_size"])
def test_max_unpool(target: Target, explicit: bool) -> None:
    """The values scattered to their indices in zeros, at the default or a given size."""
    cases = unpool_cases(target.dtype, explicit_size=explicit, probe=target.probe)
    target.check("max_unpool", cases, _UNPOOL)
