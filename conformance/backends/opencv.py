"""OpenCV as a backend: ``cv2.resize`` at float32, one interpolation flag per parameterisation.

cv2.resize takes an image ``(H, W, C)``, an output size ``dsize`` or the
factors ``fx, fy``, and a flag.  The adapter resizes each batch item as one
image whose channels are the contract's ``C``; one spatial axis becomes an
image of height 1, which every flag below leaves as it is; three axes are
Unsupported.  Its coordinate scale is ``fx`` where given, else
``dsize / ssize``; from ``fx`` it takes the output length
``round(in * fx)`` (equiv.opencv.resize.output_length), so ``scale_factor``
is passed as ``fx`` only where that rounding agrees with
resize.output_length's floor, and ``size`` as ``dsize`` otherwise.

The flags and the spec parameterisations they implement
(equiv.opencv.resize.flags):

* ``INTER_NEAREST``: nearest, asymmetric, floor;
* ``INTER_NEAREST_EXACT``: nearest, half_pixel, round_prefer_ceil, with the
  scale ``dsize / ssize`` (it ignores ``fx``);
* ``INTER_LINEAR``: linear, half_pixel, clamped border;
* ``INTER_CUBIC``: cubic, half_pixel, ``a = -0.75``, clamped border;
* ``INTER_AREA``: box, with the scale ``dsize / ssize``, unless one axis
  grows while another shrinks (equiv.opencv.resize.area), and area where
  the output length divides the input length on every axis
  (equiv.opencv.resize.area_integer_ratio);
* ``INTER_LANCZOS4``: lanczos, half_pixel, ``a = 4``, clamped border, no
  antialias.

pytorch_half_pixel and half_pixel_symmetric run where they coincide with
half_pixel.  Everything else is Unsupported.  Known deviations:
``conformance/deviations/opencv/``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import LazyBackend, ResizeAdapter, ResizeCall

__all__ = ["OpenCVBackend", "backend"]

_FLAGS = {
    ("nearest", "asymmetric", "floor"): "INTER_NEAREST",
    ("nearest", "half_pixel", "round_prefer_ceil"): "INTER_NEAREST_EXACT",
    ("linear", "half_pixel", None): "INTER_LINEAR",
    ("cubic", "half_pixel", None): "INTER_CUBIC",
}


def cv2_flag(
    mode: str,
    coordinate_mode: str,
    nearest_mode: str,
    cubic_a: float,
    exclude_outside: bool,
    lanczos_a: int = 4,
) -> str:
    """The name of the ``cv2.INTER_*`` flag that implements the parameterisation, else Unsupported.

    equiv.opencv.resize.flags; box is INTER_AREA (equiv.opencv.resize.area).
    """
    if mode in ("area", "box"):
        return "INTER_AREA"
    if mode == "lanczos":
        if (coordinate_mode, lanczos_a, exclude_outside) != ("half_pixel", 4, False):
            raise Unsupported("cv2.INTER_LANCZOS4 is half_pixel, a = 4, with a clamped border")
        return "INTER_LANCZOS4"
    key = (mode, coordinate_mode, nearest_mode if mode == "nearest" else None)
    flag = _FLAGS.get(key)
    if flag is None:
        raise Unsupported(f"cv2.resize has no {mode} with {coordinate_mode}")
    if mode == "cubic" and (cubic_a != -0.75 or exclude_outside):
        raise Unsupported("cv2.INTER_CUBIC has a = -0.75 and a clamped border")
    return flag


class OpenCVBackend(ResizeAdapter, LazyBackend):
    """``cv2.resize`` per batch item, float32."""

    requires = (("cv2", "opencv-python-headless"),)

    def versions(self) -> dict[str, str]:
        """OpenCV's version and the number of threads it uses."""
        import cv2

        return {"opencv": str(cv2.__version__), "threads": str(cv2.getNumThreads())}

    def resize_call(self, call: ResizeCall) -> Any:
        """``cv2.resize`` with the flag of the parameterisation; the rest is Unsupported."""
        import cv2

        if call.ndim > 2:
            raise Unsupported("cv2.resize takes images of 1 or 2 spatial axes")
        if call.antialias:
            raise Unsupported("cv2.resize does not antialias")
        shape, lengths, ndim = call.shape, call.lengths, call.ndim
        flag = cv2_flag(
            call.mode,
            call.coordinate,
            call.nearest_mode,
            call.cubic_a,
            call.exclude_outside,
            call.lanczos_a,
        )
        pairs = list(zip(shape[2:], lengths, strict=True))
        if call.mode == "area" and any(n % m for n, m in pairs):
            raise Unsupported("cv2.INTER_AREA is the spec's area at integer ratios only")
        if call.mode == "box":
            if not call.scale_is_ratio:
                raise Unsupported("cv2.INTER_AREA's box has the scale dsize / ssize")
            if any(m > n for n, m in pairs) and any(m < n for n, m in pairs):
                # equiv.opencv.resize.area: the growing formula on a shrinking axis
                raise Unsupported("cv2.INTER_AREA is box unless one axis grows and one shrinks")
        fx: list[float] | None = None
        if call.scales is not None and flag != "INTER_AREA" and not call.scale_is_ratio:
            # the scale is not dsize / ssize: pass it as fx, fy
            if flag == "INTER_NEAREST_EXACT":
                raise Unsupported("cv2.INTER_NEAREST_EXACT scales by dsize / ssize only")
            exact = [Fraction(s) * n for s, n in zip(call.scales, shape[2:], strict=True)]
            if any(math.floor(e) != m for e, m in zip(exact, lengths, strict=True)):
                raise Unsupported("cv2.resize takes dsize or fx, fy, not both")
            if any(e - math.floor(e) >= Fraction(1, 2) for e in exact):
                raise Unsupported("cv2.resize rounds in * fx to the output length")
            fx = [float(s) for s in call.scales]
        rows = shape[2] if ndim == 2 else 1
        images = np.asarray(call.x, dtype=np.float32).reshape(*shape[:2], rows, shape[-1])
        height, width = (1, lengths[0]) if ndim == 1 else (lengths[0], lengths[1])
        outs = []
        for image in images:
            hwc = np.ascontiguousarray(image.transpose(1, 2, 0))
            if fx is None:
                got = cv2.resize(hwc, (width, height), interpolation=getattr(cv2, flag))
            else:
                fy, fw = (1.0, fx[0]) if ndim == 1 else (fx[0], fx[1])
                got = cv2.resize(hwc, (0, 0), fx=fw, fy=fy, interpolation=getattr(cv2, flag))
            outs.append(np.asarray(got).reshape(height, width, shape[1]).transpose(2, 0, 1))
        out = np.stack(outs) if outs else np.zeros((0, shape[1], height, width))
        return out.reshape(shape[0], shape[1], *lengths).astype(np.float64)


backend = OpenCVBackend("opencv", "float32", ("opencv",))
