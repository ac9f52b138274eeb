"""Per-element error bounds, derived from the error models in :mod:`spec.tolerance`.

* :mod:`conformance.tolerance.dot`: the general model of a sum of ``n``
  products computed in a dtype (tolerance.dot); conv, conv_transpose and
  avg_pool use it.
* :mod:`conformance.tolerance.resize`: resize's own terms (tolerance.model):
  the coordinate rounding and kernel evaluation on top of the sum.
* :mod:`conformance.tolerance.conv`: conv and conv_transpose (tolerance.dot),
  and the exact permutations pixel_shuffle and pixel_unshuffle.
* :mod:`conformance.tolerance.fcn`: FCN fusion composed from a backend's
  ops, each stage's bound carried through the later stages.
* :mod:`conformance.tolerance.pool`: exact selections (max pooling, unpooling)
  and averages (tolerance.dot).

Each op module returns an :class:`~conformance.compare.Expectation`: the
oracle's result, the bound of every output element, and where NaN is
required or allowed.
"""

from conformance.tolerance.conv import conv_expectation, permutation_expectation
from conformance.tolerance.dot import dot_bound, roundoff
from conformance.tolerance.fcn import fcn_expectation, fcn_resize_expectation
from conformance.tolerance.pool import average_expectation, selection_expectation
from conformance.tolerance.resize import (
    dense_matrix,
    nan_required,
    resize_bound,
    resize_expectation,
    resize_plans,
    separable_apply,
)

__all__ = [
    "average_expectation",
    "conv_expectation",
    "dense_matrix",
    "dot_bound",
    "fcn_expectation",
    "fcn_resize_expectation",
    "nan_required",
    "permutation_expectation",
    "resize_bound",
    "resize_expectation",
    "resize_plans",
    "roundoff",
    "selection_expectation",
    "separable_apply",
]
