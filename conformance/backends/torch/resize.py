"""torch's resize: ``torch.nn.functional.interpolate`` and the ATen upsample kernels.

The mapping rests on the equivalences the spec proves:

* ``mode="nearest"`` is (asymmetric, floor): equiv.torch.nearest;
* ``mode="nearest-exact"`` is (half_pixel, round_prefer_ceil):
  equiv.torch.nearest_exact;
* ``align_corners=False`` is half_pixel for the linear modes and bicubic:
  equiv.torch.align_corners_false;
* ``antialias=True`` is ONNX antialias with exclude_outside=1, and its
  bicubic uses a = -1/2: equiv.torch.antialias;
* ``mode="area"`` is adaptive average pooling: resize.area;
* ``mode="lanczos"`` (torch 2.13: 4-D input, CPU, ``antialias=True`` required) is
  Lanczos with ``a = 3``, antialias and exclude_outside, as ``python -m conformance
  fingerprint torch:lanczos-antialias`` finds (interp.lanczos.weights).

When both ``size`` and ``scale_factor`` are given the adapter calls the
ATen upsample kernel, which accepts an output size and the scales used for
the coordinates.  Known deviations: ``conformance/deviations/torch/resize.txt``
and ``conformance/deviations/torch-cuda/resize.txt``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from conformance.backend import Unsupported

__all__ = ["ResizeOps"]

_LINEAR = {1: "linear", 2: "bilinear", 3: "trilinear"}


def _per_axis(value: Any, ndim: int) -> list[Any] | None:
    if value is None:
        return None
    return list(value) if isinstance(value, tuple | list) else [value] * ndim


class ResizeOps:
    """The resize family of the torch backend (mixed into ``TorchBackend``)."""

    _tensor: Any
    _numpy: Any

    def resize(
        self,
        x: Any,
        *,
        size: Any = None,
        scale_factor: Any = None,
        mode: str = "nearest",
        coordinate_mode: str = "half_pixel",
        nearest_mode: str = "round_prefer_floor",
        cubic_a: float = -0.75,
        exclude_outside: bool = False,
        antialias: bool = False,
        roi: Any = None,
        extrapolation_value: float = 0.0,
        lanczos_a: int = 3,
    ) -> Any:
        """Resize with torch; parameters torch cannot express raise Unsupported.

        torch has no box; its ``mode="lanczos"`` (4-D, CPU, antialias only) is Lanczos
        with ``a = 3`` and exclude_outside, as its antialiased bilinear and bicubic are.
        """
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        in_shape = np.shape(x)[2:]
        sizes = _per_axis(size, ndim)
        scales = _per_axis(scale_factor, ndim)
        if roi is not None:
            raise Unsupported("torch has no roi")
        out_lengths = sizes or [
            math.floor(Fraction(s) * n) for s, n in zip(scales or [], in_shape, strict=True)
        ]
        coord = coordinate_mode
        if coord == "pytorch_half_pixel" and all(n > 1 for n in out_lengths):
            coord = "half_pixel"
        if coord == "half_pixel_symmetric" and (
            scales is None
            or all(
                Fraction(s) * n == m for s, n, m in zip(scales, in_shape, out_lengths, strict=True)
            )
        ):
            coord = "half_pixel"
        align: bool | None = None
        if mode == "nearest":
            key = (coord, nearest_mode)
            table = {
                ("asymmetric", "floor"): "nearest",
                ("half_pixel", "round_prefer_ceil"): "nearest-exact",
            }
            if key not in table:
                raise Unsupported(f"torch nearest has no ({coord}, {nearest_mode})")
            torch_mode = table[key]
        elif mode == "area":
            torch_mode = "area"
        elif mode in ("linear", "cubic"):
            if coord not in ("half_pixel", "align_corners"):
                raise Unsupported(f"torch {mode} has no coordinate_mode {coord!r}")
            align = coord == "align_corners"
            if mode == "linear":
                torch_mode = _LINEAR[ndim]
                if antialias and not exclude_outside:
                    raise Unsupported("torch antialias drops outside taps (exclude_outside=True)")
            else:
                if ndim != 2:
                    raise Unsupported("torch cubic is 2-D only")
                torch_mode = "bicubic"
                if antialias and (cubic_a != -0.5 or not exclude_outside):
                    raise Unsupported("torch antialiased bicubic has a=-0.5, exclude_outside")
                if not antialias and (cubic_a != -0.75 or exclude_outside):
                    raise Unsupported("torch bicubic has a=-0.75 and edge replication")
        elif mode == "lanczos":
            if ndim != 2 or getattr(self, "device", "cpu") != "cpu":
                raise Unsupported("torch's lanczos takes 2 spatial axes, on the CPU only")
            if not antialias or lanczos_a != 3 or not exclude_outside:
                raise Unsupported("torch's lanczos is a = 3 with antialias and exclude_outside")
            if coord not in ("half_pixel", "align_corners"):
                raise Unsupported(f"torch lanczos has no coordinate_mode {coord!r}")
            align = coord == "align_corners"
            torch_mode = "lanczos"
        else:
            raise Unsupported(f"torch has no mode {mode!r}")
        if antialias and (ndim != 2 or mode not in ("linear", "cubic", "lanczos")):
            raise Unsupported("torch antialias is 2-D bilinear, bicubic and lanczos only")
        if antialias and align:
            # equiv.torch.antialias: with align_corners=True torch's window centre
            # follows no coordinate mode of the spec
            raise Unsupported("torch antialias with align_corners has no spec coordinate mode")

        t = self._tensor(x)
        if sizes is not None and scales is not None:
            out = self._aten(t, torch_mode, sizes, scales, align, antialias)
        else:
            out = F.interpolate(
                t,
                size=tuple(sizes) if sizes is not None else None,
                scale_factor=tuple(scales) if scales is not None else None,
                mode=torch_mode,
                align_corners=align,
                recompute_scale_factor=False if scales is not None else None,
                antialias=antialias,
            )
        return self._numpy(out)

    @staticmethod
    def _aten(
        t: Any, mode: str, sizes: list[int], scales: list[float], align: bool | None, aa: bool
    ) -> Any:
        import torch

        ops = torch.ops.aten
        nd = len(sizes)
        if mode == "area":
            pool = {
                1: ops.adaptive_avg_pool1d,
                2: ops._adaptive_avg_pool2d,
                3: ops._adaptive_avg_pool3d,
            }
            return pool[nd](t, sizes)
        if mode in ("nearest", "nearest-exact"):
            prefix = "upsample_nearest" if mode == "nearest" else "_upsample_nearest_exact"
            return getattr(ops, f"{prefix}{nd}d")(t, sizes, *scales)
        name = {
            "linear": "upsample_linear1d",
            "bilinear": "upsample_bilinear2d",
            "trilinear": "upsample_trilinear3d",
            "bicubic": "upsample_bicubic2d",
            "lanczos": "_upsample_lanczos2d_aa",
        }[mode]
        if aa:
            name = {
                "bilinear": "_upsample_bilinear2d_aa",
                "bicubic": "_upsample_bicubic2d_aa",
                "lanczos": "_upsample_lanczos2d_aa",
            }[mode]
        return getattr(ops, name)(t, sizes, bool(align), *scales)
