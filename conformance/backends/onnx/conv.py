"""ONNX's convolution family: ``Conv``, ``ConvTranspose``, ``DepthToSpace``, ``SpaceToDepth``.

Weights are laid out as in the contract (``(C_out, C_in / group, *k)`` for
Conv, ``(C_in, C_out / group, *k)`` for ConvTranspose), ``pads`` takes every
``(begin, end)`` pair (``[begins..., ends...]``), and ConvTranspose's
``output_padding`` is the contract's (conv_transpose.output_padding).  ONNX
asks output_padding to be less than "the corresponding stride/dilation";
ONNX Runtime enforces ``output_padding < stride`` and refuses the rest, which
is Unsupported there.

pixel_shuffle is ``DepthToSpace`` in CRD mode; ``SpaceToDepth`` has no mode
and inverts DCR, so pixel_unshuffle is SpaceToDepth followed by the channel
permutation from DCR to CRD order (equiv.onnx.pixel_shuffle.depth_to_space).
Both nodes take 4-D tensors only: 1 and 3 spatial axes are Unsupported.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import pad_pairs, per_axis

__all__ = ["ConvOps", "window_attrs"]


def window_attrs(ndim: int, stride: Any, padding: Any, dilation: Any) -> dict[str, Any]:
    """ONNX's ``strides``, ``pads`` and ``dilations`` for the contract's per-axis parameters."""
    pairs = pad_pairs(padding, ndim)
    return {
        "strides": [int(s) for s in per_axis(stride, ndim)],
        "pads": [b for b, _ in pairs] + [e for _, e in pairs],
        "dilations": [int(d) for d in per_axis(dilation, ndim)],
    }


class ConvOps:
    """The convolution family of an ONNX backend (mixed into ``OnnxBackend``)."""

    _array: Any
    run_node: Any
    runtime: str

    def _maybe(self, bias: Any) -> Any:
        return None if bias is None else self._array(bias)

    def conv(
        self,
        x: Any,
        weight: Any,
        bias: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
    ) -> Any:
        """One ``Conv`` node."""
        w = self._array(weight)
        (out,) = self.run_node(
            "Conv",
            [("x", self._array(x)), ("w", w), ("b", self._maybe(bias))],
            kernel_shape=list(w.shape[2:]),
            group=int(groups),
            **window_attrs(w.ndim - 2, stride, padding, dilation),
        )
        return np.asarray(out, dtype=np.float64)

    def conv_transpose(
        self,
        x: Any,
        weight: Any,
        bias: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        output_padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
    ) -> Any:
        """One ``ConvTranspose`` node, weight ``(C_in, C_out / groups, *k)``."""
        w = self._array(weight)
        ndim = w.ndim - 2
        extra = [int(p) for p in per_axis(output_padding, ndim)]
        strides = [int(s) for s in per_axis(stride, ndim)]
        too_large = any(p >= s for p, s in zip(extra, strides, strict=True))
        if self.runtime == "onnxruntime" and too_large:
            # its shape check: "output_padding (p) may be too large for stride (s)"
            raise Unsupported("ONNX Runtime's ConvTranspose needs output_padding < stride")
        (out,) = self.run_node(
            "ConvTranspose",
            [("x", self._array(x)), ("w", w), ("b", self._maybe(bias))],
            kernel_shape=list(w.shape[2:]),
            group=int(groups),
            output_padding=extra,
            **window_attrs(ndim, stride, padding, dilation),
        )
        return np.asarray(out, dtype=np.float64)

    def pixel_shuffle(self, x: Any, upscale_factor: int) -> Any:
        """``DepthToSpace`` in CRD mode (equiv.onnx.pixel_shuffle.depth_to_space)."""
        if np.ndim(x) != 4:
            raise Unsupported("ONNX DepthToSpace takes 2 spatial axes")
        (out,) = self.run_node(
            "DepthToSpace", [("x", self._array(x))], blocksize=int(upscale_factor), mode="CRD"
        )
        return np.asarray(out, dtype=np.float64)

    def pixel_unshuffle(self, x: Any, downscale_factor: int) -> Any:
        """``SpaceToDepth``, then its DCR channel order permuted into CRD order.

        SpaceToDepth puts ``in[c, h r + i, w r + j]`` at channel
        ``(i r + j) C + c``; pixel_unshuffle puts it at ``c r^2 + i r + j``
        (equiv.onnx.pixel_shuffle.depth_to_space).
        """
        if np.ndim(x) != 4:
            raise Unsupported("ONNX SpaceToDepth takes 2 spatial axes")
        r = int(downscale_factor)
        (out,) = self.run_node("SpaceToDepth", [("x", self._array(x))], blocksize=r)
        out = np.asarray(out, dtype=np.float64)
        n, channels, h, w = out.shape
        dcr = out.reshape(n, r * r, channels // (r * r), h, w)
        return dcr.transpose(0, 2, 1, 3, 4).reshape(n, channels, h, w)
