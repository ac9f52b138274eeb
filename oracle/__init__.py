"""resampling-oracle's oracle layer: readable NumPy float64 reference implementations.

Each op implements what ``spec/`` derives and cites the derivation IDs it
implements in its docstrings.  Index decisions (rounding, ties, windows,
output lengths) are exact rational arithmetic on the parameters' exact values;
values are float64.  Every invalid argument raises ``ValueError`` naming the
parameter, the constraint and the derivation ID.

This package imports NumPy and the standard library only.

* :func:`resize`: nearest, linear, cubic and area resampling with every
  coordinate mode.  Its building blocks :class:`AxisPlan`,
  :func:`resize_plan`, :func:`axis_weights` and :func:`apply_plan` live in the
  module ``oracle.resize`` (``from oracle.resize import resize_plan``) and are
  re-exported here: the attribute ``oracle.resize`` is the function, which
  shadows the module of the same name.
* :mod:`oracle.kernels`: one interpolation kernel per method.
* :func:`conv`, :func:`conv_transpose`, :func:`pixel_shuffle` and
  :func:`pixel_unshuffle` (module ``oracle._conv``), on the window arithmetic
  of ``oracle._window``.
* :func:`fcn_fuse` and :func:`fcn_fuse_resize` (module ``oracle._fcn``): FCN skip
  fusion, the reference nets' crop-and-add and the resize-and-add of later nets, with
  :func:`bilinear_kernel`, the kernel of the nets' upsampling layers.
"""

from oracle._conv import conv, conv_transpose, pixel_shuffle, pixel_unshuffle
from oracle._fcn import FCN_VARIANTS, bilinear_kernel, fcn_fuse, fcn_fuse_resize
from oracle.resize import (
    COORDINATE_MODES,
    MODES,
    NEAREST_MODES,
    AxisPlan,
    apply_plan,
    axis_weights,
    resize,
    resize_plan,
)

__all__ = [
    "COORDINATE_MODES",
    "FCN_VARIANTS",
    "MODES",
    "NEAREST_MODES",
    "AxisPlan",
    "apply_plan",
    "axis_weights",
    "bilinear_kernel",
    "conv",
    "conv_transpose",
    "fcn_fuse",
    "fcn_fuse_resize",
    "pixel_shuffle",
    "pixel_unshuffle",
    "resize",
    "resize_plan",
]
