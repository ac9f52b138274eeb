"""ONNX's resize: one ``Resize`` node (opset 19 semantics or later).

The spec's resize is ONNX's parameterisation, so the mapping is one to one:
``mode``, ``coordinate_transformation_mode`` (every coord.* mode, by the same
name), ``nearest_mode``, ``cubic_coeff_a``, ``exclude_outside``,
``antialias`` (opset 18), ``roi`` (``[starts..., ends...]`` over every axis,
N and C kept whole, in float64 for onnx-reference, whose ``roi`` may be
double, and in float32 for ONNX Runtime) and ``extrapolation_value``.  ONNX takes ``scales`` or
``sizes``, never both:

* ``scale_factor`` alone becomes ``scales`` (1 on N and C); ONNX's output
  length is then ``floor(in * scale)`` as in resize.output_length;
* ``size`` alone becomes ``sizes``, and ONNX's coordinate scale is
  ``size / in`` as in resize.coordinate_scale;
* both, where ``size`` is ``floor(in * scale_factor)``, become ``scales``;
  where it is not, tf_crop_and_resize without antialias (whose coordinates
  do not depend on the scale, coord.tf_crop_and_resize) becomes ``sizes``
  and every other case is Unsupported.

ONNX has no area mode (Unsupported).  ONNX Runtime refuses cubic on
anything but 2 spatial axes (its ``ScalesValidation``): Unsupported there.  Known deviations:
``conformance/deviations/<name>/resize.txt``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import ResizeAdapter, ResizeCall, out_lengths

__all__ = ["ResizeOps"]


class ResizeOps(ResizeAdapter):
    """The Resize node of an ONNX backend (mixed into ``OnnxBackend``)."""

    _array: Any
    run_node: Any
    runtime: str

    def resize_call(self, call: ResizeCall) -> Any:
        """One ONNX ``Resize`` node; area, box, Lanczos and inconsistent size and scale are
        Unsupported."""
        if call.mode in ("area", "box", "lanczos", "sampled_box"):
            raise Unsupported(f"ONNX Resize has no {call.mode} mode")
        ort = self.runtime == "onnxruntime"
        if call.mode == "cubic" and call.ndim != 2 and ort:
            # upsamplebase.h, ScalesValidation: cubic takes 2-D or NCHW inputs only
            raise Unsupported("ONNX Runtime's cubic Resize takes 2 spatial axes only")
        use_scales = call.scales is not None
        if call.size is not None and call.scales is not None:
            consistent = call.lengths == out_lengths(call.in_shape, None, call.scales)
            crop = call.coordinate_mode == "tf_crop_and_resize" and not call.antialias
            if not consistent and not crop:
                raise Unsupported("ONNX Resize takes scales or sizes, not both")
            use_scales = consistent
        attrs: dict[str, Any] = {
            "mode": call.mode,
            "coordinate_transformation_mode": call.coordinate_mode,
        }
        if call.mode == "nearest":
            attrs["nearest_mode"] = call.nearest_mode
        if call.mode == "cubic":
            attrs["cubic_coeff_a"] = float(call.cubic_a)
        if call.exclude_outside:
            attrs["exclude_outside"] = 1
        if call.antialias:
            attrs["antialias"] = 1
        roi = None
        if call.coordinate_mode == "tf_crop_and_resize":
            starts = [0.0, 0.0, *(float(r[0]) for r in call.roi)]
            ends = [1.0, 1.0, *(float(r[1]) for r in call.roi)]
            # roi may be double (T2); ONNX Runtime reads it as float
            roi = np.array(starts + ends, dtype=np.float32 if ort else np.float64)
            attrs["extrapolation_value"] = float(call.extrapolation_value)
        scales = sizes = None
        if use_scales:
            scales = np.array([1.0, 1.0, *(call.scales or ())], dtype=np.float32)
        else:
            sizes = np.array([*call.shape[:2], *call.lengths], dtype=np.int64)
        (out,) = self.run_node(
            "Resize",
            [("x", self._array(call.x)), ("roi", roi), ("scales", scales), ("sizes", sizes)],
            **attrs,
        )
        return np.asarray(out, dtype=np.float64)
