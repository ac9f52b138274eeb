"""ONNX's pooling: ``MaxPool`` (with ``Indices``), ``AveragePool``, global pooling, ``MaxUnpool``.

ONNX numbers the ``Indices`` of MaxPool and MaxUnpool over the whole tensor
(``storage_order=0``: row-major, ``(n C + c) H W + h W + w``), where the
contract numbers them within each ``(n, c)`` plane (pool.max.indices); the
adapter subtracts, or adds, each plane's offset.  AveragePool has
``count_include_pad`` but no divisor override (Unsupported).  Adaptive pooling
is expressible only to output size 1 on every axis, as GlobalAveragePool and,
for the indices, MaxPool with the kernel equal to the input (pool.global);
other output sizes are Unsupported.  ONNX Runtime refuses a pad not smaller than
the kernel; such cases are Unsupported there.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import per_axis
from conformance.backends.onnx.conv import window_attrs

__all__ = ["PoolOps", "plane_offsets"]


def plane_offsets(shape: tuple[int, ...]) -> Any:
    """``(N, C, 1, ...)`` offsets ``(n C + c) * plane size`` of each plane's first element."""
    n, c = shape[:2]
    plane = math.prod(shape[2:])
    offsets = np.arange(n * c, dtype=np.int64).reshape(n, c) * plane
    return offsets.reshape(n, c, *([1] * (len(shape) - 2)))


class PoolOps:
    """The pooling family of an ONNX backend (mixed into ``OnnxBackend``)."""

    _array: Any
    run_node: Any
    runtime: str

    def _pool_attrs(
        self, ndim: int, kernel_size: Any, stride: Any, padding: Any, dilation: Any, ceil: bool
    ) -> dict[str, Any]:
        kernel = [int(k) for k in per_axis(kernel_size, ndim)]
        attrs = window_attrs(ndim, kernel if stride is None else stride, padding, dilation)
        pads = attrs.get("pads", [0] * 2 * ndim)
        if self.runtime == "onnxruntime" and any(
            p >= k for p, k in zip(pads, kernel + kernel, strict=True)
        ):
            # pool_attributes.h: "Pad should be smaller than kernel"
            raise Unsupported("ONNX Runtime's pools take pads smaller than the kernel only")
        return {"kernel_shape": kernel, "ceil_mode": int(bool(ceil)), **attrs}

    def max_pool(
        self,
        x: Any,
        *,
        kernel_size: Any,
        stride: Any = None,
        padding: Any = 0,
        dilation: Any = 1,
        ceil_mode: bool = False,
    ) -> Any:
        """``MaxPool`` with its ``Indices`` output, renumbered within each plane."""
        shape = np.shape(x)
        attrs = self._pool_attrs(len(shape) - 2, kernel_size, stride, padding, dilation, ceil_mode)
        values, indices = self.run_node(
            "MaxPool", [("x", self._array(x))], 2, storage_order=0, **attrs
        )
        local = np.asarray(indices, dtype=np.int64) - plane_offsets(shape)
        return np.asarray(values, dtype=np.float64), local

    def avg_pool(
        self,
        x: Any,
        *,
        kernel_size: Any,
        stride: Any = None,
        padding: Any = 0,
        dilation: Any = 1,
        ceil_mode: bool = False,
        count_include_pad: bool = True,
        divisor_override: Any = None,
    ) -> Any:
        """``AveragePool``; a divisor override is Unsupported."""
        if divisor_override is not None:
            raise Unsupported("ONNX AveragePool has no divisor override")
        ndim = np.ndim(x) - 2
        attrs = self._pool_attrs(ndim, kernel_size, stride, padding, dilation, ceil_mode)
        (out,) = self.run_node(
            "AveragePool",
            [("x", self._array(x))],
            count_include_pad=int(bool(count_include_pad)),
            **attrs,
        )
        return np.asarray(out, dtype=np.float64)

    @staticmethod
    def _global(x: Any, output_size: Any) -> None:
        if any(int(o) != 1 for o in per_axis(output_size, np.ndim(x) - 2)):
            raise Unsupported("ONNX pools adaptively only to output size 1 (global pooling)")

    def adaptive_avg_pool(self, x: Any, *, output_size: Any) -> Any:
        """``GlobalAveragePool`` for output size 1 (pool.global); other sizes Unsupported."""
        self._global(x, output_size)
        (out,) = self.run_node("GlobalAveragePool", [("x", self._array(x))])
        return np.asarray(out, dtype=np.float64)

    def adaptive_max_pool(self, x: Any, *, output_size: Any) -> Any:
        """``MaxPool`` with the kernel equal to the input, for output size 1 (pool.global)."""
        self._global(x, output_size)
        return self.max_pool(x, kernel_size=tuple(np.shape(x)[2:]))

    def max_unpool(
        self,
        x: Any,
        indices: Any,
        *,
        kernel_size: Any,
        stride: Any = None,
        padding: Any = 0,
        output_size: Any = None,
    ) -> Any:
        """``MaxUnpool``, plane indices renumbered over the tensor; ``output_size`` spatial."""
        shape = np.shape(x)
        ndim = len(shape) - 2
        attrs = self._pool_attrs(ndim, kernel_size, stride, padding, 1, False)
        del attrs["dilations"], attrs["ceil_mode"]
        target = None
        if output_size is not None:
            spatial = [int(o) for o in per_axis(output_size, ndim)[-ndim:]]
            target = np.array([*shape[:2], *spatial], dtype=np.int64)
        # each plane's indices count from the start of the output plane
        if target is not None:
            out_plane = tuple(int(t) for t in target)
        else:
            out_plane = tuple(shape[:2]) + tuple(
                (i - 1) * s - b - e + k
                for i, s, k, b, e in zip(
                    shape[2:],
                    attrs["strides"],
                    attrs["kernel_shape"],
                    attrs["pads"][:ndim],
                    attrs["pads"][ndim:],
                    strict=True,
                )
            )
        flat = np.asarray(indices, dtype=np.int64) + plane_offsets(out_plane)
        (out,) = self.run_node(
            "MaxUnpool",
            [("x", self._array(x)), ("i", flat), ("output_shape", target)],
            **attrs,
        )
        return np.asarray(out, dtype=np.float64)
