"""torch's pooling family: ``max_pool``, ``avg_pool``, the adaptive pools and ``max_unpool``.

torch takes one padding per axis for both ends, at most half the kernel size
(``kernel_size // 2``, whatever the dilation); its average pooling has no
dilation, ``avg_pool1d`` no ``divisor_override``, and ``avg_pool3d`` refuses
an input shorter than the kernel on some axis even where the padding makes the
window fit.  Each of these raises Unsupported: torch refuses the call, it does
not compute something else.  Known deviations:
``conformance/deviations/torch/pool.txt``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends.torch.conv import symmetric_padding

__all__ = ["PoolOps"]


def _per_axis(value: Any, ndim: int) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,) * ndim


def _window(ndim: int, kernel_size: Any, stride: Any, padding: Any) -> tuple[Any, Any, Any]:
    """torch's kernel, stride and padding; padding beyond half the kernel is Unsupported."""
    kernel = _per_axis(kernel_size, ndim)
    strides = kernel if stride is None else _per_axis(stride, ndim)
    pads = _per_axis(symmetric_padding(padding, ndim), ndim)
    if any(p > k // 2 for k, p in zip(kernel, pads, strict=True)):
        raise Unsupported("torch pads at most kernel_size // 2")
    return kernel, strides, pads


class PoolOps:
    """The pooling family of the torch backend (mixed into ``TorchBackend``)."""

    _tensor: Any
    _numpy: Any
    device: str

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
        """``torch.nn.functional.max_pool{1,2,3}d`` with ``return_indices=True``."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        kernel, strides, pads = _window(ndim, kernel_size, stride, padding)
        fn = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}[ndim]
        values, indices = fn(
            self._tensor(x), kernel, strides, pads, dilation, ceil_mode=ceil_mode,
            return_indices=True,
        )  # fmt: skip
        return self._numpy(values), indices.cpu().numpy()

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
        """``torch.nn.functional.avg_pool{1,2,3}d``."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        if any(d != 1 for d in _per_axis(dilation, ndim)):
            raise Unsupported("torch's average pooling has no dilation")
        kernel, strides, pads = _window(ndim, kernel_size, stride, padding)
        if ndim == 3 and any(n < k for n, k in zip(np.shape(x)[2:], kernel, strict=True)):
            raise Unsupported("torch's avg_pool3d refuses an input shorter than the kernel")
        t = self._tensor(x)
        if ndim == 1:
            if divisor_override is not None:
                raise Unsupported("torch's avg_pool1d has no divisor_override")
            out = F.avg_pool1d(t, kernel, strides, pads, ceil_mode, count_include_pad)
        else:
            fn = F.avg_pool2d if ndim == 2 else F.avg_pool3d
            out = fn(t, kernel, strides, pads, ceil_mode, count_include_pad, divisor_override)
        return self._numpy(out)

    def adaptive_avg_pool(self, x: Any, *, output_size: Any) -> Any:
        """``torch.nn.functional.adaptive_avg_pool{1,2,3}d``."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        fn = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}[ndim]
        return self._numpy(fn(self._tensor(x), output_size))

    def adaptive_max_pool(self, x: Any, *, output_size: Any) -> Any:
        """``torch.nn.functional.adaptive_max_pool{1,2,3}d`` with ``return_indices=True``."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        fn = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}[ndim]
        values, indices = fn(self._tensor(x), output_size, return_indices=True)
        return self._numpy(values), indices.cpu().numpy()

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
        """``torch.nn.functional.max_unpool{1,2,3}d``."""
        import torch
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        kernel = _per_axis(kernel_size, ndim)
        strides = kernel if stride is None else _per_axis(stride, ndim)
        pads = symmetric_padding(padding, ndim)
        fn = {1: F.max_unpool1d, 2: F.max_unpool2d, 3: F.max_unpool3d}[ndim]
        index = torch.as_tensor(np.asarray(indices, dtype=np.int64), device=self.device)
        out = fn(self._tensor(x), index, kernel, strides, pads, output_size=output_size)
        return self._numpy(out)
