"""Per-element error bounds, derived from the error models in :mod:`spec.tolerance`.

* :mod:`conformance.tolerance.dot`: the general model of a sum of ``n``
  products computed in a dtype (tolerance.dot); conv, conv_transpose and
  avg_pool use it.
* :mod:`conformance.tolerance.resize`: resize's own terms (tolerance.model):
  the coordinate rounding and kernel evaluation on top of the sum.

Each op module returns an :class:`~conformance.compare.Expectation`: the
oracle's result, the bound of every output element, and where NaN is
required or allowed.
"""

from conformance.tolerance.dot import roundoff
from conformance.tolerance.resize import (
    dense_matrix,
    nan_required,
    resize_bound,
    resize_expectation,
    resize_plans,
    separable_apply,
)

__all__ = [
    "dense_matrix",
    "nan_required",
    "resize_bound",
    "resize_expectation",
    "resize_plans",
    "roundoff",
    "separable_apply",
]
