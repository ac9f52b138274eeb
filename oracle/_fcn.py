"""FCN skip fusion: the reference nets' crop-and-add fusion, and the resize-and-add fusion.

:func:`fcn_fuse` is the head of the reference Caffe nets (fcn.caffe.offsets): score maps
at strides 32, 16 and 8 are upsampled by transposed convolutions whose kernel is the
bilinear kernel of each class (fcn.bilinear.kernel), cropped where the coordinate maps
say (fcn.coord_map) and added.  :func:`fcn_fuse_resize` is the modern fusion of
torchvision's FCN and of U-Net decoders: resize the running sum to the next map's size
(bilinear, half_pixel) and add it, without crops.  fcn.bilinear.identity relates the two.

The oracle computes both from :func:`oracle.conv_transpose` and :func:`oracle.resize`,
in float64.  It imports NumPy and the standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from oracle._args import invalid, is_int
from oracle._arrays import real_array
from oracle._conv import conv_transpose
from oracle._resize import resize
from oracle._window import ints_per_axis

__all__ = ["FCN_VARIANTS", "bilinear_kernel", "fcn_fuse", "fcn_fuse_resize"]

_OFFSETS = "fcn.caffe.offsets"
_SIZES = "fcn.caffe.blob_sizes"
_KERNEL = "fcn.bilinear.kernel"
_IDENTITY = "fcn.bilinear.identity"

#: The variants of :func:`fcn_fuse`, by the reference nets' names.
FCN_VARIANTS = ("fcn32s", "fcn16s", "fcn8s")

#: Per variant, the skips it adds (coarsest first) and its upsampling layers in order:
#: (blob name, kernel, stride, crop offset of what follows).  The first crop offset of
#: each upsampling is that of the skip added after it, the last that of ``score``
#: (fcn.caffe.offsets).
_HEADS: dict[str, tuple[tuple[str, int, int, int], ...]] = {
    "fcn32s": (("upscore", 64, 32, 19),),
    "fcn16s": (("upscore2", 4, 2, 5), ("upscore16", 32, 16, 27)),
    "fcn8s": (("upscore2", 4, 2, 5), ("upscore_pool4", 4, 2, 9), ("upscore8", 16, 8, 31)),
}
_SKIPS = ("score_pool4", "score_pool3")


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _expected_length(blob: str, input_length: int) -> int:
    """The length of a score map for one axis of ``input_length`` cells (fcn.caffe.blob_sizes):
    score_fr ``ceil((L + 6)/32)``, score_pool4 ``ceil((L + 198)/16)``, score_pool3
    ``ceil((L + 198)/8)``."""
    if blob == "score_fr":
        return _ceil_div(input_length + 6, 32)
    return _ceil_div(input_length + 198, 16 if blob == "score_pool4" else 8)


def bilinear_kernel(kernel_size: int, ndim: int = 2) -> NDArray[np.float64]:
    """The reference nets' bilinear kernel on ``ndim`` axes, ``kernel_size`` taps each.

    On one axis ``w[t] = 1 - |t - centre| / factor`` with ``factor = ceil(k/2)`` and
    ``centre = factor - 1`` for odd ``k``, ``factor - 1/2`` for even ``k``; on several
    axes the product of one such weight per axis (fcn.bilinear.kernel).  With stride
    ``f`` and ``k = 2f`` the taps of each phase sum to 1.

    >>> bilinear_kernel(4, 1).tolist()
    [0.25, 0.75, 0.75, 0.25]
    """
    if not is_int(kernel_size) or kernel_size < 1:
        raise invalid("kernel_size", f"must be an int >= 1, got {kernel_size!r}", _KERNEL)
    if not is_int(ndim) or not 1 <= ndim <= 3:
        raise invalid("ndim", f"must be 1, 2 or 3, got {ndim!r}", _KERNEL)
    # w[t] = (2 factor - |2t - (k - 1)|) / (2 factor): integer numerators, one division
    # per weight, so every weight is the correctly rounded value of the exact product.
    factor = (int(kernel_size) + 1) // 2
    line = 2 * factor - np.abs(2 * np.arange(kernel_size) - (kernel_size - 1))
    numerator = line
    for _ in range(int(ndim) - 1):
        numerator = np.multiply.outer(numerator, line)
    return np.asarray(numerator / (2 * factor) ** int(ndim), dtype=np.float64)


def _score_map(value: object, parameter: str, did: str) -> NDArray[np.float64]:
    """A real array ``(N, K, *spatial)`` with 1 to 3 spatial axes and K >= 1, as float64."""
    array = real_array(value, parameter, did)
    if not 3 <= array.ndim <= 5 or array.shape[1] < 1:
        raise invalid(
            parameter,
            f"must have shape (N, K, *spatial) with K >= 1 and 1 to 3 spatial axes, got shape "
            f"{array.shape}",
            did,
        )
    return array


def _same_batch(maps: Sequence[tuple[str, NDArray[np.float64]]], did: str) -> None:
    """Every map has the first map's N, K and number of spatial axes."""
    first_name, first = maps[0]
    for name, other in maps[1:]:
        if other.shape[:2] != first.shape[:2] or other.ndim != first.ndim:
            raise invalid(
                name,
                f"must have the (N, K) and the number of spatial axes of {first_name}, "
                f"{first.shape[:2]} with {first.ndim - 2}, got shape {other.shape}",
                did,
            )


def _crop(x: NDArray[np.float64], offset: int, lengths: Sequence[int]) -> NDArray[np.float64]:
    """The cells ``offset .. offset + length - 1`` of every spatial axis (Caffe's Crop)."""
    return x[(slice(None), slice(None), *(slice(offset, offset + n) for n in lengths))]


def _upsample(x: NDArray[np.float64], kernel_size: int, stride: int) -> NDArray[np.float64]:
    """Each class on its own: a transposed convolution with groups = K and the bilinear
    kernel, no padding and no bias, as the reference nets' Deconvolution layers."""
    classes, ndim = x.shape[1], x.ndim - 2
    weight = np.broadcast_to(
        bilinear_kernel(kernel_size, ndim), (classes, 1, *(kernel_size,) * ndim)
    )
    return conv_transpose(x, np.ascontiguousarray(weight), stride=stride, groups=classes)


def fcn_fuse(
    variant: str,
    score_fr: NDArray[np.generic],
    score_pool4: NDArray[np.generic] | None = None,
    score_pool3: NDArray[np.generic] | None = None,
    *,
    input_size: int | Sequence[int],
) -> NDArray[np.float64]:
    """Fuse FCN score maps as the reference Caffe nets do, cropped to ``input_size``.

    ``variant`` is ``"fcn32s"`` (``score_fr`` only), ``"fcn16s"`` (``score_fr`` and
    ``score_pool4``) or ``"fcn8s"`` (all three).  The score maps are real arrays
    ``(N, K, *spatial)``, ``K`` classes, 1 to 3 spatial axes (two in the nets), with the
    lengths the reference nets give an input of ``input_size`` cells per axis
    (fcn.caffe.blob_sizes): ``score_fr`` ``ceil((L + 6)/32)``, ``score_pool4``
    ``ceil((L + 198)/16)``, ``score_pool3`` ``ceil((L + 198)/8)``.  ``input_size`` is an
    int >= 1 for every axis or one per axis, ``(H, W)`` in 2-D.

    The fusion, as in voc-fcn8s/net.py::

        upscore2      = up(score_fr, 4, 2)                         # transposed, stride 2
        fuse_pool4    = upscore2 + crop(score_pool4, 5)
        upscore_pool4 = up(fuse_pool4, 4, 2)
        fuse_pool3    = upscore_pool4 + crop(score_pool3, 9)
        score         = crop(up(fuse_pool3, 16, 8), 31)

    fcn16s: ``crop(up(score_fr, 4, 2) + crop(score_pool4, 5) upsampled by up(., 32, 16),
    27)``; fcn32s: ``crop(up(score_fr, 64, 32), 19)``.  ``up(x, k, s)`` is
    :func:`oracle.conv_transpose` with stride ``s``, no padding, no bias and
    ``groups = K``: each class is upsampled on its own with the bilinear kernel of ``k``
    taps (fcn.bilinear.kernel), which is what the nets' full ``K x K`` weights, zero off
    the diagonal, compute.  ``crop(x, c)`` keeps, on every spatial axis, the cells from
    ``c`` on, as many as the blob it is added to (or ``input_size``) has.  The offsets
    are those the coordinate maps give (fcn.coord_map, fcn.caffe.offsets); every crop
    fits for every input length (fcn.caffe.blob_sizes).  With padding ``f/2`` instead of
    part of the crop, ``up`` would be half_pixel bilinear resize by ``f`` except at the
    first and last ``f/2`` cells (fcn.bilinear.identity).

    Returns a new float64 array ``(N, K, *input_size)``; ``N = 0`` is valid.  An unknown
    variant, a missing or superfluous skip, a map whose lengths do not match
    ``input_size``, or maps whose ``N``, ``K`` or number of axes differ raise
    ``ValueError`` naming the parameter and the derivation ID.

    >>> x = np.ones((1, 1, 2, 2))
    >>> fcn_fuse("fcn32s", x, input_size=(32, 32)).shape
    (1, 1, 32, 32)
    """
    if not isinstance(variant, str) or variant not in FCN_VARIANTS:
        raise invalid(
            "variant",
            f"must be one of {', '.join(map(repr, FCN_VARIANTS))}, got {variant!r}",
            _OFFSETS,
        )
    given = {"score_pool4": score_pool4, "score_pool3": score_pool3}
    needed = _SKIPS[: len(_HEADS[variant]) - 1]
    for name in _SKIPS:
        if name in needed and given[name] is None:
            raise invalid(name, f"is required by {variant}, got None", _OFFSETS)
        if name not in needed and given[name] is not None:
            raise invalid(name, f"must be None for {variant}, which adds no {name}", _OFFSETS)
    maps = [("score_fr", _score_map(score_fr, "score_fr", _SIZES))]
    maps += [(name, _score_map(given[name], name, _SIZES)) for name in needed]
    _same_batch(maps, _SIZES)
    size = ints_per_axis(input_size, maps[0][1].ndim - 2, "input_size", _SIZES)
    for name, array in maps:
        expected = tuple(_expected_length(name, n) for n in size)
        if array.shape[2:] != expected:
            raise invalid(
                name,
                f"must have the spatial lengths {expected} that the reference nets give "
                f"input_size {size}, got {array.shape[2:]}",
                _SIZES,
            )
    fused = maps[0][1]
    skips = [array for _, array in maps[1:]]
    for step, (_, kernel_size, stride, offset) in enumerate(_HEADS[variant]):
        up = _upsample(fused, kernel_size, stride)
        if step < len(skips):
            fused = up + _crop(skips[step], offset, up.shape[2:])
        else:
            fused = _crop(up, offset, size)
    return np.ascontiguousarray(fused)


def fcn_fuse_resize(
    score: NDArray[np.generic],
    *skips: NDArray[np.generic],
    input_size: int | Sequence[int],
) -> NDArray[np.float64]:
    """Fuse score maps of any sizes by resizing, as torchvision's FCN and U-Net decoders do.

    ``score`` and each skip are real arrays ``(N, K, *spatial)`` with the same ``N``,
    ``K`` and number of spatial axes (1 to 3), any lengths, coarsest first.  The running
    sum starts at ``score``; for each skip in turn it is resized to the skip's spatial
    size and the skip is added; finally it is resized to ``input_size`` (an int >= 1 for
    every axis, or one per axis).  Every resize is :func:`oracle.resize` with
    ``mode="linear"`` and ``coordinate_mode="half_pixel"``, no antialiasing: bilinear in
    2-D, as ``F.interpolate(..., mode="bilinear", align_corners=False)``.  Upsampling by
    an integer factor this way is the reference nets' bilinear transposed convolution
    except at the first and last ``floor(f/2)`` cells of each axis (fcn.bilinear.identity).

    Returns a new float64 array ``(N, K, *input_size)``.  Invalid maps or sizes raise
    ``ValueError`` naming the parameter and the derivation ID.

    >>> out = fcn_fuse_resize(np.ones((1, 2, 1, 1)), np.ones((1, 2, 3, 3)), input_size=5)
    >>> out.shape, float(out.min()), float(out.max())
    ((1, 2, 5, 5), 2.0, 2.0)
    """
    maps = [("score", _score_map(score, "score", _IDENTITY))]
    maps += [(f"skips[{n}]", _score_map(s, f"skips[{n}]", _IDENTITY)) for n, s in enumerate(skips)]
    _same_batch(maps, _IDENTITY)
    size = ints_per_axis(input_size, maps[0][1].ndim - 2, "input_size", _IDENTITY)
    for name, array in maps:
        if 0 in array.shape[2:]:
            raise invalid(
                name, f"every spatial length must be >= 1, got shape {array.shape}", _IDENTITY
            )
    fused = maps[0][1]
    for _, skip in maps[1:]:
        fused = _linear(fused, skip.shape[2:]) + skip
    return _linear(fused, size)


def _linear(x: NDArray[np.float64], size: Sequence[int]) -> NDArray[np.float64]:
    """Bilinear (linear on every axis) half_pixel resize to ``size``."""
    return resize(x, size=tuple(size), mode="linear", coordinate_mode="half_pixel")
