"""What FCN fusion composed from a backend's ops must return (tolerance.dot, tolerance.model).

The suite composes the fusion in float64 from the backend's results
(:mod:`conformance.compose`), so each stage's error is the backend's error on
that stage's input, carried linearly through the later stages.  With ``A`` the
stage's input magnitude and ``B`` the error bound so far, one upsampling maps
``B`` to ``up(B + u A) + e(A)``: ``u A`` for casting the float64 input to the
backend's dtype, ``e`` the stage's own bound (tolerance.dot for a transposed
convolution with ``ceil(k/s)^d`` taps per output, tolerance.model for a
resize).  The bilinear kernels and linear weights are non-negative, so the
oracle evaluates ``up`` on the magnitudes.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

import oracle
from conformance.case import Case
from conformance.compare import EXPECTATIONS, Expectation
from conformance.compose import crop, fcn_stages
from conformance.tolerance.dot import dot_bound
from conformance.tolerance.resize import resize_bound

__all__ = ["fcn_expectation", "fcn_resize_expectation"]

Array = Any


def fcn_expectation(case: Case, u: Fraction) -> Expectation:
    """``fcn_fuse``: shapes exact, values within the bound the stages carry (tolerance.dot)."""
    want = case.call(oracle.fcn_fuse)
    variant = case.kwargs["variant"]
    maps = [np.abs(a) for a in case.arrays.values()]
    size = want.shape[2:]
    magnitude, bound = maps[0], np.zeros_like(maps[0])
    classes, ndim = magnitude.shape[1], magnitude.ndim - 2
    stages = fcn_stages(variant, classes, ndim)
    for step, (weight, kernel_size, stride, offset) in enumerate(stages):

        def up(a: Array, w: Array = weight, s: int = stride) -> Array:
            return oracle.conv_transpose(a, w, stride=s, groups=classes)

        upped = up(magnitude)
        taps = math.ceil(kernel_size / stride) ** ndim
        bound = up(bound + float(u) * magnitude) + dot_bound(upped, taps, u)
        if step < len(stages) - 1:
            magnitude = upped + crop(maps[step + 1], offset, upped.shape[2:])
        else:
            magnitude, bound = crop(upped, offset, size), crop(bound, offset, size)
    return Expectation(want, bound, "fcn.caffe.blob_sizes", value_ids=("fcn.caffe.offsets",))


def fcn_resize_expectation(case: Case, u: Fraction) -> Expectation:
    """``fcn_fuse_resize``: each resize within tolerance.model, carried through the later ones."""
    want = case.call(oracle.fcn_fuse_resize)
    maps = [np.abs(a) for a in case.arrays.values()]
    sizes = [m.shape[2:] for m in maps[1:]] + [want.shape[2:]]
    magnitude, bound = maps[0], np.zeros_like(maps[0])
    for step, size in enumerate(sizes):
        kwargs = {"size": tuple(size), "mode": "linear", "coordinate_mode": "half_pixel"}

        def resized(a: Array, kw: dict[str, Any] = kwargs) -> Array:
            return oracle.resize(a, **kw)

        upped = resized(magnitude)
        bound = resized(bound + float(u) * magnitude) + resize_bound(magnitude, kwargs, u)
        magnitude = upped + maps[step + 1] if step + 1 < len(maps) else upped
    return Expectation(want, bound, "fcn.bilinear.identity", value_ids=("fcn.bilinear.identity",))


EXPECTATIONS["fcn_fuse"] = fcn_expectation
EXPECTATIONS["fcn_fuse_resize"] = fcn_resize_expectation
