"""What the pooling ops must return: exact selections, and averages within tolerance.dot.

max_pool and adaptive_max_pool select a sample: their values are exact, NaN
where the oracle's is (pool.max.nan), and their indices are exact integers
(pool.max.indices, pool.max.ties).  max_unpool scatters values unchanged
(pool.unpool.scatter).  An average is a sum of ``n`` samples and one division:
tolerance.dot bounds it by ``gamma(n + 1)`` times the average of ``|x|``.

A pooling op's result may be a pair (values, indices); :func:`part` names the
element a test checks, and the case's ``op`` carries it as ``max_pool`` (the
values) or ``max_pool.indices``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

import oracle
from conformance.case import Case
from conformance.compare import EXPECTATIONS, Expectation
from conformance.tolerance.dot import dot_bound

__all__ = ["average_expectation", "selection_expectation"]

_LENGTH = {
    "max_pool": "window.output_length",
    "avg_pool": "window.output_length",
    "adaptive_avg_pool": "pool.adaptive.windows",
    "adaptive_max_pool": "pool.adaptive.windows",
    "max_unpool": "pool.unpool.scatter",
}


def _oracle(case: Case) -> Any:
    return case.call(getattr(oracle, case.op))


def selection_expectation(case: Case, u: Fraction) -> Expectation:
    """max_pool, adaptive_max_pool (values) and max_unpool: exact, NaN where the oracle's is."""
    want = _oracle(case)
    if isinstance(want, tuple):
        want = want[0]
    return Expectation(want, np.zeros(()), _LENGTH[case.op])


def indices_expectation(case: Case, u: Fraction) -> Expectation:
    """The indices of max_pool or adaptive_max_pool: exact integers (pool.max.indices)."""
    _, want = _oracle(case)
    return Expectation(
        np.asarray(want), np.zeros(()), _LENGTH[case.op], value_ids=("pool.max.indices",)
    )


def _window_taps(case: Case) -> int:
    x = case.x
    if case.op == "adaptive_avg_pool":
        sizes = case.kwargs["output_size"]
        sizes = sizes if isinstance(sizes, tuple) else (sizes,) * (x.ndim - 2)
        return math.prod(-(-n // o) + 1 for n, o in zip(x.shape[2:], sizes, strict=True))
    k = case.kwargs["kernel_size"]
    return math.prod(k) if isinstance(k, tuple) else k ** (x.ndim - 2)


def average_expectation(case: Case, u: Fraction) -> Expectation:
    """avg_pool and adaptive_avg_pool: within ``gamma(n + 1) * avg(|x|)`` (tolerance.dot)."""
    want = _oracle(case)
    magnitude = Case(case.op, {"x": np.abs(np.nan_to_num(case.x))}, case.kwargs)
    bound = dot_bound(_oracle(magnitude), _window_taps(case) + 1, u)
    return Expectation(want, bound, _LENGTH[case.op], value_ids=("pool.avg.divisor",))


EXPECTATIONS["max_pool"] = selection_expectation
EXPECTATIONS["adaptive_max_pool"] = selection_expectation
EXPECTATIONS["max_unpool"] = selection_expectation
EXPECTATIONS["avg_pool"] = average_expectation
EXPECTATIONS["adaptive_avg_pool"] = average_expectation
EXPECTATIONS["max_pool.indices"] = indices_expectation
EXPECTATIONS["adaptive_max_pool.indices"] = indices_expectation
