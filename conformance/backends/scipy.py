"""SciPy as a backend: ``scipy.ndimage.zoom`` at float64, resize only.

zoom takes a zoom factor, not the spec's parameters: its output length is
``round(in * zoom)`` and it recomputes the coordinate ratio from the two
lengths, ``in / out`` with ``grid_mode=True`` and ``(in - 1) / (out - 1)``
with ``grid_mode=False`` (equiv.scipy.zoom_grid_mode).  The adapter zooms each
``(n, c)`` plane by ``out / in``, whose rounded product is ``out``, and maps each spec
parameterisation zoom can express onto its call:

* linear (``order=1``) with half_pixel and coordinate scale ``out / in`` on
  every axis: ``grid_mode=True, mode="nearest"`` (edge replication is the
  spec's clamped border, resize.border); pytorch_half_pixel and
  half_pixel_symmetric run where they coincide with half_pixel;
* linear with align_corners, any scale: ``grid_mode=False``;
* nearest (``order=0``) with round_prefer_ceil, half_pixel or align_corners as
  above: order 0 takes the sample ``floor(x + 1/2)``
  (equiv.scipy.resize.nearest_order0).

Everything else (cubic, whose order 3 is a B-spline and not the Keys kernel
of interp.cubic.kernel; area; antialias; another nearest rounding; a
coordinate scale other than ``out / in`` under half_pixel; the other
coordinate modes) is Unsupported.  Known deviations:
``conformance/deviations/scipy/``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import LazyBackend, ResizeAdapter, ResizeCall

__all__ = ["ScipyBackend", "backend"]


class ScipyBackend(ResizeAdapter, LazyBackend):
    """``scipy.ndimage.zoom`` with ``order`` 0 or 1, float64."""

    requires = (("scipy", "scipy"), ("scipy.ndimage", "scipy"))

    def resize_call(self, call: ResizeCall) -> Any:
        """``zoom(x, out / in, order, mode="nearest", grid_mode)``; the rest is Unsupported."""
        from scipy import ndimage

        if call.mode not in ("linear", "nearest"):
            raise Unsupported(
                f"scipy's zoom has no {call.mode} of the spec (order 3 is a B-spline)"
            )
        if call.antialias:
            raise Unsupported("scipy's zoom does not antialias")
        if call.mode == "nearest" and call.nearest_mode != "round_prefer_ceil":
            raise Unsupported("scipy's order-0 zoom rounds half up (round_prefer_ceil)")
        coord = call.coordinate
        if coord == "half_pixel" and not call.scale_is_ratio:
            raise Unsupported("scipy's zoom scales half_pixel by out / in only")
        if coord not in ("half_pixel", "align_corners"):
            raise Unsupported(f"scipy's zoom has no coordinate_mode {call.coordinate_mode!r}")
        ratios = [m / n for m, n in zip(call.lengths, call.in_shape, strict=True)]
        planes = np.asarray(call.x, dtype=np.float64).reshape(-1, *call.in_shape)
        outs = [
            ndimage.zoom(
                plane,
                ratios,
                order=1 if call.mode == "linear" else 0,
                mode="nearest",
                grid_mode=coord == "half_pixel",
                prefilter=False,
            )
            for plane in planes
        ]
        out = np.stack(outs) if outs else np.zeros((0, *call.lengths))
        return out.reshape(*call.shape[:2], *call.lengths)


backend = ScipyBackend("scipy", "float64", ("scipy",))
