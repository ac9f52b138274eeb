"""The reference FCN nets, one spatial axis: VGG16 FCN-32s, FCN-16s and FCN-8s as layer lists.

Each :class:`Layer` names its top blob, its kind, its bottom blobs and its window.  The
trunk is VGG16 as the reference nets build it (``voc-fcn*/net.py`` of
github.com/shelhamer/fcn.berkeleyvision.org): 3x3 convolutions with padding 1, except
``conv1_1`` with padding 100; 2x2 max pooling with stride 2, rounding up as Caffe's
pooling does; ``fc6`` a 7x7 convolution without padding; ``fc7`` and the score layers
1x1.  In-place layers (ReLU, dropout) do not change coordinates and are left out.

The heads, per variant:

* ``fcn32s``: ``upscore`` (transposed 64/32) of ``score_fr``, cropped to ``data``;
* ``fcn16s``: ``upscore2`` (4/2) of ``score_fr``; ``score_pool4`` (1x1 on ``pool4``)
  cropped to it and added (``fuse_pool4``); ``upscore16`` (32/16), cropped to ``data``;
* ``fcn8s``: as fcn16s to ``fuse_pool4``; ``upscore_pool4`` (4/2); ``score_pool3`` (1x1 on
  ``pool3``) cropped to it and added (``fuse_pool3``); ``upscore8`` (16/8), cropped to ``data``.

A crop layer's bottoms are ``(blob to crop, blob whose size it takes)``, as Caffe's Crop.
The transposed convolutions have no padding and no bias.

Derivations: ``fcn.caffe.offsets``, ``fcn.caffe.blob_sizes``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

__all__ = ["TRUNK", "VARIANTS", "Layer", "check_variant", "layers", "upsampling"]

Kind = Literal["input", "conv", "pool", "deconv", "crop", "sum"]

#: The three variants, by the names the reference nets use.
VARIANTS = ("fcn32s", "fcn16s", "fcn8s")


@dataclass(frozen=True)
class Layer:
    """One layer of a reference net: its top blob, kind, bottoms and window on one axis."""

    top: str
    kind: Kind
    bottoms: tuple[str, ...] = ()
    kernel: int = 1
    stride: int = 1
    pad: int = 0


def _vgg16() -> tuple[Layer, ...]:
    found = [Layer("data", "input")]
    bottom = "data"
    for stage, convs in enumerate((2, 2, 3, 3, 3), start=1):
        for n in range(1, convs + 1):
            top = f"conv{stage}_{n}"
            found.append(Layer(top, "conv", (bottom,), 3, 1, 100 if top == "conv1_1" else 1))
            bottom = top
        found.append(Layer(f"pool{stage}", "pool", (bottom,), 2, 2, 0))
        bottom = f"pool{stage}"
    found += [
        Layer("fc6", "conv", ("pool5",), 7, 1, 0),
        Layer("fc7", "conv", ("fc6",), 1, 1, 0),
        Layer("score_fr", "conv", ("fc7",), 1, 1, 0),
    ]
    return tuple(found)


#: The VGG16 trunk from ``data`` to ``score_fr``, shared by the three variants.
TRUNK = _vgg16()

_HEADS: dict[str, tuple[Layer, ...]] = {
    "fcn32s": (
        Layer("upscore", "deconv", ("score_fr",), 64, 32),
        Layer("score", "crop", ("upscore", "data")),
    ),
    "fcn16s": (
        Layer("upscore2", "deconv", ("score_fr",), 4, 2),
        Layer("score_pool4", "conv", ("pool4",)),
        Layer("score_pool4c", "crop", ("score_pool4", "upscore2")),
        Layer("fuse_pool4", "sum", ("upscore2", "score_pool4c")),
        Layer("upscore16", "deconv", ("fuse_pool4",), 32, 16),
        Layer("score", "crop", ("upscore16", "data")),
    ),
    "fcn8s": (
        Layer("upscore2", "deconv", ("score_fr",), 4, 2),
        Layer("score_pool4", "conv", ("pool4",)),
        Layer("score_pool4c", "crop", ("score_pool4", "upscore2")),
        Layer("fuse_pool4", "sum", ("upscore2", "score_pool4c")),
        Layer("upscore_pool4", "deconv", ("fuse_pool4",), 4, 2),
        Layer("score_pool3", "conv", ("pool3",)),
        Layer("score_pool3c", "crop", ("score_pool3", "upscore_pool4")),
        Layer("fuse_pool3", "sum", ("upscore_pool4", "score_pool3c")),
        Layer("upscore8", "deconv", ("fuse_pool3",), 16, 8),
        Layer("score", "crop", ("upscore8", "data")),
    ),
}


def check_variant(variant: object, did: str) -> str:
    """``variant`` if it is one of :data:`VARIANTS`, else ``ValueError`` citing ``did``.

    >>> check_variant("fcn8s", "fcn.caffe.offsets")
    'fcn8s'
    """
    if not isinstance(variant, str) or variant not in VARIANTS:
        raise ValueError(
            f"variant: {variant!r} is not one of {', '.join(map(repr, VARIANTS))} ({did})"
        )
    return variant


@functools.cache
def layers(variant: str) -> tuple[Layer, ...]:
    """Every layer of ``variant`` in the reference net's order, ``data`` first.

    >>> [layer.top for layer in layers("fcn32s")][-3:]
    ['score_fr', 'upscore', 'score']
    """
    return TRUNK + _HEADS[check_variant(variant, "fcn.caffe.blob_sizes")]


def upsampling(variant: str) -> tuple[tuple[str, int, int], ...]:
    """``(name, kernel, stride)`` of each transposed convolution of ``variant``, in order.

    >>> upsampling("fcn16s")
    (('upscore2', 4, 2), ('upscore16', 32, 16))
    """
    return tuple((x.top, x.kernel, x.stride) for x in layers(variant) if x.kind == "deconv")
