"""Operations the suite composes from a backend's own ops: FCN skip fusion.

FCN fusion is not an op of the backend protocol.  The suite builds it, as
:func:`oracle.fcn_fuse` and :func:`oracle.fcn_fuse_resize` build the oracle's,
from the backend's ``conv_transpose`` (the reference nets' crop-and-add
fusion) and ``resize`` (the resize-and-add fusion), and compares the result
with the oracle's.  Each function takes the backend first, then the oracle
function's own arguments, so that a reproducer reads
``got = compose.fcn_fuse(backend, ...)`` beside ``want = oracle.fcn_fuse(...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

import oracle
from spec.fcn import caffe_crop_offsets, upsampling

__all__ = ["COMPOSED", "crop", "fcn_fuse", "fcn_fuse_resize", "fcn_stages"]

Array = NDArray[np.float64]


def crop(x: Array, offset: int, lengths: Sequence[int]) -> Array:
    """``lengths`` cells from ``offset`` on, on every spatial axis (a Caffe Crop layer)."""
    window: tuple[Any, ...] = (..., *(slice(offset, offset + n) for n in lengths))
    cropped: Array = x[window]
    return cropped


def fcn_stages(variant: str, classes: int, ndim: int) -> list[tuple[Array, int, int, int]]:
    """Each upsampling of ``variant``: ``(weight, kernel_size, stride, crop offset)``.

    The weight is the bilinear kernel of every one of ``classes`` classes, in
    the grouped layout ``(K, 1, *k)`` (fcn.bilinear.kernel); the offset is the
    crop after the stage (fcn.caffe.offsets).
    """
    stages = []
    offsets = caffe_crop_offsets(variant).values()
    for (_, kernel_size, stride), offset in zip(upsampling(variant), offsets, strict=True):
        kernel = oracle.bilinear_kernel(kernel_size, ndim)
        weight = np.broadcast_to(kernel, (classes, 1, *kernel.shape)).copy()
        stages.append((weight, kernel_size, stride, offset))
    return stages


def _per_axis(value: Any, ndim: int) -> tuple[int, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (int(value),) * ndim


def fcn_fuse(
    backend: Any,
    variant: str,
    score_fr: Array,
    score_pool4: Array | None = None,
    score_pool3: Array | None = None,
    *,
    input_size: Any,
) -> Array:
    """The reference nets' fusion with ``backend.conv_transpose`` (fcn.caffe.offsets).

    Each upsampling is the backend's transposed convolution with stride ``s``,
    no padding, no bias, ``groups = K`` and the bilinear kernel of every class
    (fcn.bilinear.kernel, :func:`oracle.bilinear_kernel`); the crops are the
    spec's offsets, the sums plain float64 additions of the backend's results.
    """
    maps = [np.asarray(m, dtype=np.float64) for m in (score_fr, score_pool4, score_pool3)
            if m is not None]  # fmt: skip
    fused = maps[0]
    classes, ndim = fused.shape[1], fused.ndim - 2
    size = _per_axis(input_size, ndim)
    stages = fcn_stages(variant, classes, ndim)
    for step, (weight, _, stride, offset) in enumerate(stages):
        up = np.asarray(
            backend.conv_transpose(fused, weight, None, stride=stride, groups=classes),
            dtype=np.float64,
        )
        if step < len(stages) - 1:
            fused = up + crop(maps[step + 1], offset, up.shape[2:])
        else:
            fused = crop(up, offset, size)
    return fused


def fcn_fuse_resize(backend: Any, score: Array, *skips: Array, input_size: Any) -> Array:
    """The resize-and-add fusion with ``backend.resize``, linear half_pixel.

    fcn.bilinear.identity relates it to the reference nets' fusion.
    """

    def linear(x: Array, size: Sequence[int]) -> Array:
        out = backend.resize(x, size=tuple(size), mode="linear", coordinate_mode="half_pixel")
        return np.asarray(out, dtype=np.float64)

    fused = np.asarray(score, dtype=np.float64)
    for skip in skips:
        fused = linear(fused, np.shape(skip)[2:]) + np.asarray(skip, dtype=np.float64)
    return linear(fused, _per_axis(input_size, fused.ndim - 2))


COMPOSED: dict[str, tuple[Callable[..., Array], tuple[str, ...]]] = {
    "fcn_fuse": (fcn_fuse, ("conv_transpose",)),
    "fcn_fuse_resize": (fcn_fuse_resize, ("resize",)),
}
"""Composed op name to its function and the backend ops it needs."""
