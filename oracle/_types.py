"""The string parameters of the oracle's ops, as ``Literal`` types, and their values at run time.

A type checker flags a misspelt choice in user code (``coordinate_mode="half-pixel"``
is not a :data:`CoordinateMode`); the ops still check every choice at run time and
raise ``ValueError`` naming the parameter and the derivation ID.  Each tuple of
values is read off its ``Literal``, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Literal, TypeAlias, get_args

__all__ = [
    "COORDINATE_MODES",
    "MODES",
    "NEAREST_MODES",
    "CoordinateMode",
    "NearestMode",
    "ResizeMode",
]

ResizeMode: TypeAlias = Literal[
    "nearest", "linear", "cubic", "area", "box", "lanczos", "sampled_box"
]
"""``mode`` of :func:`oracle.resize` (nearest.rounding, interp.linear.weights,
interp.cubic.kernel, resize.area, resize.box, interp.lanczos.kernel, resize.sampled_box)."""

CoordinateMode: TypeAlias = Literal[
    "half_pixel",
    "half_pixel_symmetric",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
    "tf_crop_and_resize",
]
"""``coordinate_mode`` of :func:`oracle.resize`, ONNX's spelling (coord.*)."""

NearestMode: TypeAlias = Literal["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]
"""``nearest_mode`` of :func:`oracle.resize`, ONNX's spelling (nearest.rounding)."""

MODES: tuple[ResizeMode, ...] = get_args(ResizeMode)
"""Every :data:`ResizeMode`, in the order above."""
COORDINATE_MODES: tuple[CoordinateMode, ...] = get_args(CoordinateMode)
"""Every :data:`CoordinateMode`, in the order above."""
NEAREST_MODES: tuple[NearestMode, ...] = get_args(NearestMode)
"""Every :data:`NearestMode`, in the order above."""
