"""The seed's 32x32 example, in the seed's simplified net and in the reference nets.

The seed text walks a 32x32 image through five poolings to a 1x1 pool5 and upsamples it 32x
back to 32x32 (FCN-32s); then it upsamples pool5 2x to pool4's size, adds pool4 and
upsamples 16x (FCN-16s); and so on with pool3 (FCN-8s).  That is a simplified net:

* convolutions keep the length (3x3 with padding 1, fc6, fc7 and the score layers as if
  1x1), pooling halves it (2x2, stride 2, rounding down), upsampling by ``f`` multiplies it
  by ``f`` (a transposed convolution with ``fcn.bilinear.identity``'s geometry), and
  nothing is cropped;
* its shapes fit only when 32 divides the input length.

The reference nets (``fcn.caffe.blob_sizes``) accept every length: conv1_1 pads 100,
pooling rounds up and fc6 is a 7x7 window; their crops (``fcn.caffe.offsets``) cut the
result back to the input.

Derivation: ``fcn.seed_example``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sympy

from spec.conv.maps import transpose_output_length
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.fcn.identity import identity_geometry
from spec.fcn.nets import VARIANTS, check_variant, layers
from spec.fcn.offsets import caffe_crop_offsets
from spec.fcn.sizes import blob_sizes
from spec.references import FCN_2015, FCN_REFERENCE_NETS
from spec.window.length import output_length, require_int

__all__ = ["SEED_LENGTH", "SHOWN", "seed_blob_sizes"]

_DID = "fcn.seed_example"

#: The seed's input length.
SEED_LENGTH = 32

#: The blobs the example shows, per variant.
SHOWN = {
    "fcn32s": ("pool5", "score_fr", "upscore", "score"),
    "fcn16s": ("pool4", "pool5", "score_fr", "upscore2", "fuse_pool4", "upscore16", "score"),
    "fcn8s": (
        "pool3",
        "pool4",
        "pool5",
        "score_fr",
        "upscore2",
        "fuse_pool4",
        "upscore_pool4",
        "fuse_pool3",
        "upscore8",
        "score",
    ),
}


def seed_blob_sizes(variant: str, input_length: int) -> dict[str, int]:
    """Every blob length of the seed's simplified net; ``ValueError`` where its shapes fail.

    Convolutions keep the length, pooling floors the half, upsampling by ``f`` gives ``f``
    times the length and sums need equal lengths; there are no crops, so ``score`` is the
    last upsampled blob.  A pooling of fewer than 2 cells, or a sum of unequal blobs,
    raises.  Cites ``fcn.seed_example``.

    >>> seed_blob_sizes("fcn16s", 32)["upscore2"], seed_blob_sizes("fcn8s", 32)["score"]
    (2, 32)
    """
    check_variant(variant, _DID)
    require_int("input_length", input_length, 1, _DID)
    sizes: dict[str, int] = {}
    for layer in layers(variant):
        first = sizes[layer.bottoms[0]] if layer.bottoms else input_length
        if layer.kind == "pool":
            if first < layer.kernel:
                raise ValueError(f"input_length: {layer.top} has no window ({_DID})")
            length = output_length(first, layer.kernel, layer.stride)
        elif layer.kind == "deconv":
            size, pad = identity_geometry(layer.stride)
            length = transpose_output_length(first, size, layer.stride, pad, pad)
        elif layer.kind == "crop":
            length = first
        elif layer.kind == "sum":
            lengths = {sizes[b] for b in layer.bottoms}
            if len(lengths) > 1:
                raise ValueError(
                    f"input_length: {layer.top} adds blobs of lengths {sorted(lengths)} ({_DID})"
                )
            length = first
        else:
            length = first
        sizes[layer.top] = length
    return sizes


def _fits(variant: str, input_length: int) -> bool:
    try:
        return seed_blob_sizes(variant, input_length)["score"] == input_length
    except ValueError:
        return False


#: The shapes of SHOWN at 32 cells, in the reference nets and in the simplified net.
_AT_32 = {
    "reference": {
        "fcn32s": (8, 2, 96, 32),
        "fcn16s": (15, 8, 2, 6, 6, 112, 32),
        "fcn8s": (29, 15, 8, 2, 6, 6, 14, 14, 120, 32),
    },
    "seed": {
        "fcn32s": (1, 1, 32, 32),
        "fcn16s": (2, 1, 1, 2, 2, 32, 32),
        "fcn8s": (4, 2, 1, 1, 2, 2, 4, 4, 32, 32),
    },
}


def _check_at_32(net: str) -> Callable[[], Iterator[object]]:
    sizes_of = blob_sizes if net == "reference" else seed_blob_sizes

    def check() -> Iterator[object]:
        for variant in VARIANTS:
            sizes = sizes_of(variant, SEED_LENGTH)
            if tuple(sizes[b] for b in SHOWN[variant]) != _AT_32[net][variant]:
                yield (variant, sizes)

    return check


def _check_divisibility() -> Iterator[object]:
    """The simplified net returns the input length exactly when 32 divides it; the reference
    nets always do."""
    for variant in VARIANTS:
        for length in range(1, 513):
            if _fits(variant, length) != (length % 32 == 0):
                yield (variant, length, "seed")
            if blob_sizes(variant, length)["score"] != length:
                yield (variant, length, "reference")


def _held(*terms: object) -> sympy.Expr:
    return sympy.Add(*map(sympy.sympify, terms), evaluate=False)


def _times(*factors: object) -> sympy.Expr:
    return sympy.Mul(*map(sympy.sympify, factors), evaluate=False)


def _shapes(sizes: dict[str, int], variant: str) -> sympy.Tuple:
    return sympy.Tuple(*(sizes[b] for b in SHOWN[variant]))


@derivation("fcn.seed_example")
def _seed() -> Derivation:
    n = sympy.Integer
    result: dict[str, sympy.Basic] = {}
    for variant in VARIANTS:
        names = ", ".join(SHOWN[variant])
        result[f"seed net, {variant} ({names})"] = _shapes(
            seed_blob_sizes(variant, SEED_LENGTH), variant
        )
        result[f"reference net, {variant} ({names})"] = _shapes(
            blob_sizes(variant, SEED_LENGTH), variant
        )
    score_fr = sympy.ceiling(sympy.Rational(SEED_LENGTH + 6, 32), evaluate=False)
    return Derivation(
        id=_DID,
        title="The seed's 32x32 example in the simplified net and in the reference nets",
        statement=(
            "The seed describes a simplified net without the reference nets' padding of 100: "
            "five poolings take 32x32 to a 1x1 pool5, which FCN-32s, the seed's worked "
            "example, upsamples 32x back to 32x32, and FCN-16s and FCN-8s first add 2x "
            "upsampled maps to pool4 (2x2) and pool3 (4x4). In the reference nets the same "
            "input gives pool5 8x8 and score_fr 2x2; FCN-32s upsamples to 96x96 and crops at "
            "19, FCN-16s upsamples to 6x6, adds score_pool4 (15x15 cropped at 5) and "
            "upsamples to 112x112, cropped at 27, and FCN-8s reaches 14x14 with score_pool3 "
            "(29x29 cropped at 9) and upsamples to 120x120, cropped at 31. The simplified "
            "net's shapes fit only when 32 divides the input length; the reference nets' fit "
            "for every length."
        ),
        result=result,
        claims=(
            symbolic(
                "seed net: five halvings take 32 cells to 1",
                _times(SEED_LENGTH, sympy.Pow(2, -5, evaluate=False)),
                n(1),
            ),
            symbolic(
                "seed net: the transposed 64/32 convolution with padding 16 takes 1 cell back "
                "to 32",
                _held(_times(32, _held(1, -1)), 64, _times(-2, 16)),
                n(SEED_LENGTH),
            ),
            symbolic(
                "reference net: score_fr has ceil((32 + 6)/32) = 2 cells, upscore "
                "32 (2 - 1) + 64 = 96, and the crop at 19 leaves 96 - 19 - 32 = 45 spare cells",
                _held(_times(32, _held(score_fr, -1)), 64, -caffe_crop_offsets("fcn32s")["score"]),
                n(SEED_LENGTH + 45),
            ),
            exhaustive(
                "the reference nets' shapes at 32: pool3 29, pool4 15, pool5 8, score_fr 2, "
                "upscore 96; upscore2 6, upscore16 112; upscore_pool4 14, upscore8 120; "
                "score 32",
                "the three variants at L = 32",
                _check_at_32("reference"),
            ),
            exhaustive(
                "the simplified net's shapes at 32: pool3 4, pool4 2, pool5 1, upscore 32; "
                "upscore2 2, upscore16 32; upscore_pool4 4, upscore8 32",
                "the three variants at L = 32",
                _check_at_32("seed"),
            ),
            exhaustive(
                "the simplified net returns an input of length L exactly when 32 divides L; "
                "the reference nets return every L",
                "L = 1..512, the three variants",
                _check_divisibility,
            ),
        ),
        references=(
            FCN_2015.at("Fig. 3: 32x, 16x and 8x upsampled predictions (FCN-32s, -16s, -8s)"),
            FCN_REFERENCE_NETS.at("voc-fcn32s, voc-fcn16s, voc-fcn8s: net.py and val.prototxt"),
        ),
        implemented_by=("spec.fcn.seed_blob_sizes",),
        notes=(
            "The seed's figure is the paper's Fig. 3; its text follows the pooling sizes of a "
            "net in which every pooling halves the length exactly.",
            "Modern implementations (torchvision's FCN, U-Net) avoid the crops by resizing "
            "each coarse map to the next one's size: oracle.fcn_fuse_resize.",
        ),
    )
