"""Pillow as a backend: ``Image.resize`` in mode "F" (float32), one image per ``(n, c)`` plane.

Pillow's resampling filters weight input pixel ``j`` of an axis by
``K((j + 1/2 - center) / max(step, 1))`` with ``center = x0 + (i + 1/2) step``
and ``step = (x1 - x0) / out``, where ``(x0, x1)`` is the axis's extent in the
``box`` argument; taps outside the image are dropped and the weights
renormalised.  That is the spec's resize with the affine source coordinate
``x = x0 + (i + 1/2) step - 1/2``, exclude_outside, and the kernel stretched by
``max(step, 1)`` (equiv.pillow.resize.filters).  Every coordinate mode but
tf_crop_and_resize is affine, so the adapter sets ``box`` to give the
coordinate mode's map:

* ``BILINEAR``: linear with exclude_outside, which without a stretch is also
  linear with the clamped border (resize.linear_exclude_outside);
  ``BICUBIC``: cubic with ``a = -1/2`` and exclude_outside;
* the spec stretches by ``1 / scale`` with antialias and not at all without
  (resize.antialias), so a case runs only where that equals Pillow's
  ``max(step, 1)``;
* ``LANCZOS``: lanczos with ``a = 3`` and exclude_outside;
* ``NEAREST``: nearest with round_prefer_ceil, the sample
  ``floor(x0 + (i + 1/2) step)`` (equiv.pillow.resize.nearest);
* ``BOX``: its box kernel ``1`` on ``(-1/2, 1/2]`` sampled at the input
  samples, which is sampled_box with round_prefer_ceil, antialias and
  exclude_outside (resize.sampled_box); and box where the output length
  divides the input length or the input length divides the output length,
  the ratios at which the sampled box is pixel-area weighting
  (resize.box.sampled).

Pillow holds the box in float32 and requires ``0 <= x0 < x1 <= in``; a case
whose box is not exact in float32 or leaves the image is Unsupported, as are
three spatial axes, area, BICUBIC and stretched BILINEAR without
exclude_outside, other cubic coefficients and other nearest roundings.  One
spatial axis is an image of height 1.  Known deviations: ``conformance/deviations/pillow/``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import LazyBackend, ResizeAdapter, ResizeCall

__all__ = ["PillowBackend", "affine_box", "backend"]


def affine_box(
    source: tuple[Fraction, ...], scale: Fraction
) -> tuple[Fraction, Fraction, Fraction]:
    """``(x0, x1, step)`` of the box whose Pillow coordinate is the affine map ``source``.

    ``source`` holds the exact source coordinate of every output (from
    :func:`oracle.resize_plan`); with one output the slope is ``1 / scale``.
    Pillow's ``x = x0 + (i + 1/2) step - 1/2`` gives ``step`` the slope and
    ``x0 = x(0) + (1 - step) / 2`` (equiv.pillow.resize.filters).
    """
    step = source[1] - source[0] if len(source) > 1 else 1 / scale
    x0 = source[0] + (1 - step) / 2
    return x0, x0 + len(source) * step, step


def _filter(call: ResizeCall) -> Any:
    """Pillow's filter for the call's mode and kernel, else Unsupported."""
    from PIL import Image

    if call.mode == "nearest":
        if call.nearest_mode != "round_prefer_ceil":
            raise Unsupported("Pillow's NEAREST rounds half up (round_prefer_ceil)")
        return Image.Resampling.NEAREST
    if call.mode == "sampled_box":  # resize.sampled_box
        if call.nearest_mode != "round_prefer_ceil" or not call.exclude_outside:
            raise Unsupported("Pillow's BOX is (-1/2, 1/2] and drops the taps outside")
        return Image.Resampling.BOX
    if call.mode == "linear":
        return Image.Resampling.BILINEAR
    if call.mode == "cubic":
        if call.cubic_a != -0.5 or not call.exclude_outside:
            raise Unsupported("Pillow's BICUBIC has a = -0.5 and drops the taps outside")
        return Image.Resampling.BICUBIC
    if call.mode == "lanczos":
        if call.lanczos_a != 3 or not call.exclude_outside:
            raise Unsupported("Pillow's LANCZOS has a = 3 and drops the taps outside")
        return Image.Resampling.LANCZOS
    if call.mode == "box":
        pairs = zip(call.in_shape, call.lengths, strict=True)
        if not call.scale_is_ratio or any(n % m and m % n for n, m in pairs):
            raise Unsupported("Pillow's BOX is box where out divides in or in divides out")
        return Image.Resampling.BOX
    raise Unsupported(f"Pillow has no {call.mode} of the spec")


def _float32_exact(value: Fraction) -> bool:
    return Fraction(float(np.float32(float(value)))) == value


class PillowBackend(ResizeAdapter, LazyBackend):
    """``PIL.Image.resize`` on mode "F" images with a box, float32."""

    requires = (("PIL", "pillow"), ("PIL.Image", "pillow"))

    def resize_call(self, call: ResizeCall) -> Any:
        """``Image.resize(size, filter, box)`` per plane; the rest is Unsupported."""
        from PIL import Image

        if call.ndim > 2:
            raise Unsupported("Pillow resizes images of 1 or 2 spatial axes")
        if call.coordinate_mode == "tf_crop_and_resize":
            raise Unsupported("Pillow does not extrapolate (tf_crop_and_resize)")
        resample = _filter(call)
        boxes = []
        for source, n_in, scale in zip(
            call.sources(), call.in_shape, call.coordinate_scales, strict=True
        ):
            x0, x1, step = affine_box(source, scale)
            if not 0 <= x0 < x1 <= n_in:
                raise Unsupported("Pillow's box must lie within the image")
            if not (_float32_exact(x0) and _float32_exact(x1)):
                raise Unsupported("Pillow holds the box in float32")
            stretched = call.antialias and scale < 1
            kernel = call.mode not in ("nearest", "box")
            if kernel and max(step, Fraction(1)) != (1 / scale if stretched else 1):
                raise Unsupported("Pillow stretches its filters by max(step, 1)")
            if call.mode == "linear" and not call.exclude_outside and step > 1:
                raise Unsupported("Pillow's stretched BILINEAR drops the taps outside the image")
            boxes.append((float(x0), float(x1), len(source)))
        ndim, shape = call.ndim, call.shape
        if ndim == 1:
            boxes.insert(0, (0.0, 1.0, 1))
        (y0, y1, height), (x0f, x1f, width) = boxes
        rows = shape[2] if ndim == 2 else 1
        planes = np.asarray(call.x, dtype=np.float32).reshape(-1, rows, shape[-1])
        outs = [
            np.asarray(
                Image.fromarray(np.ascontiguousarray(p)).resize(
                    (width, height), resample, box=(x0f, y0, x1f, y1)
                ),
                dtype=np.float64,
            )
            for p in planes
        ]
        out = np.stack(outs) if outs else np.zeros((0, height, width))
        return out.reshape(*shape[:2], *call.lengths)


backend = PillowBackend("pillow", "float32", ("pillow",))
