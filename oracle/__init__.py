"""resampling-oracle's oracle layer: readable NumPy float64 reference implementations.

Each op implements what ``spec/`` derives and cites the derivation IDs it
implements in its docstrings.  Index decisions (rounding, ties, windows,
output lengths) are exact rational arithmetic on the parameters' exact values;
values are float64.  Every invalid argument raises ``ValueError`` naming the
parameter, the constraint and the derivation ID.

This package imports NumPy and the standard library only.  Its public names
are the ones below; the modules that define them are private, except
:mod:`oracle.kernels`.

* :func:`resize`: nearest, linear, cubic and area resampling with every
  coordinate mode; its building blocks :func:`resize_plan`,
  :func:`axis_weights`, :func:`apply_plan` and :class:`AxisPlan`.
* :data:`ResizeMode`, :data:`CoordinateMode`, :data:`NearestMode`: the
  ``Literal`` types of the string parameters, and :data:`MODES`,
  :data:`COORDINATE_MODES`, :data:`NEAREST_MODES`: their values.
* :mod:`oracle.kernels`: one interpolation kernel per method.
* :func:`conv`, :func:`conv_transpose`, :func:`pixel_shuffle` and
  :func:`pixel_unshuffle` (module ``oracle._conv``), on the window arithmetic
  of ``oracle._window``.
* :func:`max_pool`, :func:`avg_pool`, :func:`adaptive_avg_pool`,
  :func:`adaptive_max_pool` and :func:`max_unpool` (module ``oracle._pool``),
  on the same window arithmetic.
* :func:`fcn_fuse` and :func:`fcn_fuse_resize` (module ``oracle._fcn``): FCN skip
  fusion, the reference nets' crop-and-add and the resize-and-add of later nets, with
  :func:`bilinear_kernel`, the kernel of the nets' upsampling layers.
"""

from oracle._conv import conv, conv_transpose, pixel_shuffle, pixel_unshuffle
from oracle._fcn import FCN_VARIANTS, bilinear_kernel, fcn_fuse, fcn_fuse_resize
from oracle._pool import adaptive_avg_pool, adaptive_max_pool, avg_pool, max_pool, max_unpool
from oracle._resize import AxisPlan, apply_plan, axis_weights, resize, resize_plan
from oracle._types import (
    COORDINATE_MODES,
    MODES,
    NEAREST_MODES,
    CoordinateMode,
    NearestMode,
    ResizeMode,
)

__all__ = [
    "COORDINATE_MODES",
    "FCN_VARIANTS",
    "MODES",
    "NEAREST_MODES",
    "AxisPlan",
    "CoordinateMode",
    "NearestMode",
    "ResizeMode",
    "adaptive_avg_pool",
    "adaptive_max_pool",
    "apply_plan",
    "avg_pool",
    "axis_weights",
    "bilinear_kernel",
    "conv",
    "conv_transpose",
    "fcn_fuse",
    "fcn_fuse_resize",
    "max_pool",
    "max_unpool",
    "pixel_shuffle",
    "pixel_unshuffle",
    "resize",
    "resize_plan",
]
