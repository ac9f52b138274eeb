"""The crop offsets of the reference FCN nets, from the coordinate-map algebra.

Every blob's position is related to ``data``'s by composing the layer maps along the net
(``fcn.coord_map``).  A crop layer takes the blob ``from`` to the size of the blob ``ref``;
Caffe's ``coord_map.crop`` finds their nearest common ancestor ``A`` (walking ``from``'s
bottoms, then ``ref``'s, breadth first), composes the maps ``A -> from`` and ``A -> ref``,
and takes the offset ``-b`` of ``(A -> ref) o (A -> from)^-1``, which must have ``a = 1``
and an integer ``b <= 0``.  Any common ancestor gives the same offset, and both bottoms of
every elementwise sum are aligned (the same map), so the map from ``data`` to a blob is
well defined.

Derivation: ``fcn.caffe.offsets``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import sympy

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.fcn.coord_map import (
    IDENTITY,
    CoordMap,
    conv_map,
    crop_map,
    crop_offset,
    deconv_map,
    held_apply,
)
from spec.fcn.nets import VARIANTS, Layer, check_variant, layers
from spec.references import CAFFE, FCN_2015, FCN_REFERENCE_NETS

__all__ = [
    "PUBLISHED_OFFSETS",
    "blob_maps",
    "caffe_crop_offsets",
    "common_ancestors",
    "path_maps",
]

_DID = "fcn.caffe.offsets"

#: The offsets in the reference nets' prototxt files (voc-fcn*/val.prototxt, crop_param).
PUBLISHED_OFFSETS = {
    "fcn32s": {"score": 19},
    "fcn16s": {"score_pool4c": 5, "score": 27},
    "fcn8s": {"score_pool4c": 5, "score_pool3c": 9, "score": 31},
}

z = sympy.Symbol("z", real=True)


@functools.cache
def _by_top(variant: str) -> dict[str, Layer]:
    return {layer.top: layer for layer in layers(variant)}


def _mapped_bottoms(layer: Layer) -> tuple[str, ...]:
    """The bottoms whose coordinates a layer maps: a crop's size reference is not one."""
    return layer.bottoms[:1] if layer.kind == "crop" else layer.bottoms


def _layer_map(variant: str, layer: Layer) -> CoordMap:
    if layer.kind in ("conv", "pool"):
        return conv_map(layer.kernel, layer.stride, layer.pad)
    if layer.kind == "deconv":
        return deconv_map(layer.kernel, layer.stride, layer.pad)
    if layer.kind == "crop":
        return crop_map(_crop_offset(variant, layer.top))
    return IDENTITY


@functools.cache
def _ancestors(variant: str, blob: str) -> tuple[str, ...]:
    """``blob`` and every blob it is mapped from, breadth first (Caffe's walk)."""
    net = _by_top(variant)
    order, frontier = [blob], [blob]
    while frontier:
        following = []
        for top in frontier:
            for bottom in _mapped_bottoms(net[top]):
                if bottom not in order:
                    order.append(bottom)
                    following.append(bottom)
        frontier = following
    return tuple(order)


def common_ancestors(variant: str, first: str, second: str) -> tuple[str, ...]:
    """The blobs both ``first`` and ``second`` are mapped from, nearest to ``second`` first.

    >>> common_ancestors("fcn16s", "score_pool4", "upscore2")[:2]
    ('pool4', 'conv4_3')
    """
    mine = set(_ancestors(variant, first))
    return tuple(b for b in _ancestors(variant, second) if b in mine)


@functools.cache
def path_maps(variant: str, ancestor: str, blob: str) -> frozenset[CoordMap]:
    """The composed map ``ancestor -> blob`` along every path of the net between them.

    More than one map would mean that an elementwise sum adds misaligned blobs.

    >>> path_maps("fcn8s", "pool4", "upscore2")
    frozenset({CoordMap(a=Fraction(1, 1), b=Fraction(-5, 1))})
    """
    if blob == ancestor:
        return frozenset({IDENTITY})
    layer = _by_top(variant)[blob]
    found: set[CoordMap] = set()
    for bottom in _mapped_bottoms(layer):
        if ancestor in _ancestors(variant, bottom):
            step = _layer_map(variant, layer)
            found |= {m.then(step) for m in path_maps(variant, ancestor, bottom)}
    return frozenset(found)


def _single(variant: str, ancestor: str, blob: str) -> CoordMap:
    (only,) = path_maps(variant, ancestor, blob)
    return only


def _between(variant: str, ancestor: str, crop: Layer) -> CoordMap:
    """The map from the cropped blob to its size reference, through ``ancestor``."""
    source, reference = crop.bottoms
    return _single(variant, ancestor, source).inverse().then(_single(variant, ancestor, reference))


@functools.cache
def _crop_offset(variant: str, top: str) -> int:
    """The offset of one crop, through the nearest common ancestor of its bottoms."""
    layer = _by_top(variant)[top]
    nearest = common_ancestors(variant, *layer.bottoms)[0]
    return crop_offset(_between(variant, nearest, layer))


def _offsets(variant: str) -> dict[str, int]:
    return {x.top: _crop_offset(variant, x.top) for x in layers(variant) if x.kind == "crop"}


def caffe_crop_offsets(variant: str) -> dict[str, int]:
    """The offset of every Crop layer of ``variant``, keyed by the reference nets' layer names.

    ``variant`` is ``"fcn32s"``, ``"fcn16s"`` or ``"fcn8s"``; the keys are ``"score"``
    (fcn32s), ``"score_pool4c"`` and ``"score"`` (fcn16s), ``"score_pool4c"``,
    ``"score_pool3c"`` and ``"score"`` (fcn8s), in the nets' order.  Each offset is derived
    from the coordinate maps, as Caffe's ``coord_map.crop`` does; they do not depend on
    the input size.  An unknown variant raises ``ValueError``.  Cites ``fcn.caffe.offsets``.

    >>> caffe_crop_offsets("fcn8s")
    {'score_pool4c': 5, 'score_pool3c': 9, 'score': 31}
    """
    return dict(_offsets(check_variant(variant, _DID)))


def blob_maps(variant: str) -> dict[str, CoordMap]:
    """The map from ``data`` positions to each blob's positions, for every blob of ``variant``.

    Cites ``fcn.caffe.offsets``.

    >>> blob_maps("fcn32s")["upscore"]
    CoordMap(a=Fraction(1, 1), b=Fraction(19, 1))
    """
    check_variant(variant, _DID)
    return {layer.top: _single(variant, "data", layer.top) for layer in layers(variant)}


# --- claims -----------------------------------------------------------------------------------


def _chain(variant: str, ancestor: str, blob: str) -> list[Layer]:
    """The layers from ``ancestor`` to ``blob`` along first mapped bottoms that reach it."""
    net, chain = _by_top(variant), []
    while blob != ancestor:
        layer = net[blob]
        chain.append(layer)
        blob = next(b for b in _mapped_bottoms(layer) if ancestor in _ancestors(variant, b))
    return chain[::-1]


def _held(variant: str, ancestor: str, blob: str) -> sympy.Expr:
    """The position in ``blob`` of the ancestor's position ``z``, as held nested maps."""
    expr: sympy.Expr = z
    for layer in _chain(variant, ancestor, blob):
        expr = held_apply(_layer_map(variant, layer), expr)
    return expr


def _crop_claim(variant: str, crop: Layer) -> object:
    source, reference = crop.bottoms
    ancestor = common_ancestors(variant, source, reference)[0]
    offset = PUBLISHED_OFFSETS[variant][crop.top]
    return symbolic(
        f"{variant} {crop.top}: a position z of {ancestor} lies at z' in {source} and z' - "
        f"{offset} in {reference}, so the crop at the published offset {offset} aligns them",
        _held(variant, ancestor, source),
        sympy.Add(_held(variant, ancestor, reference), offset, evaluate=False),
    )


def _check_published() -> Iterator[object]:
    for variant in VARIANTS:
        if caffe_crop_offsets(variant) != PUBLISHED_OFFSETS[variant]:
            yield (variant, caffe_crop_offsets(variant))


def _check_any_ancestor() -> Iterator[object]:
    """Every common ancestor gives the offset, and every path between two blobs one map."""
    for variant in VARIANTS:
        for layer in layers(variant):
            for ancestor in _ancestors(variant, layer.top):
                if len(path_maps(variant, ancestor, layer.top)) != 1:
                    yield (variant, ancestor, layer.top, "paths disagree")
            if layer.kind != "crop":
                continue
            for ancestor in common_ancestors(variant, *layer.bottoms):
                if crop_offset(_between(variant, ancestor, layer)) != _offsets(variant)[layer.top]:
                    yield (variant, layer.top, ancestor)


def _check_scores_align_with_data() -> Iterator[object]:
    """Each variant's output ``score`` has ``data``'s coordinates: its map is the identity."""
    for variant in VARIANTS:
        if blob_maps(variant)["score"] != IDENTITY:
            yield (variant, blob_maps(variant)["score"])


@derivation("fcn.caffe.offsets")
def _offsets_record() -> Derivation:
    from spec.fcn.figure import FIGURE_LENGTH, check_figure, fcn8s_axis_figure

    crops = [
        _crop_claim(variant, layer)
        for variant in VARIANTS
        for layer in layers(variant)
        if layer.kind == "crop"
    ]
    return Derivation(
        id=_DID,
        title="Crop offsets of the reference FCN-32s, FCN-16s and FCN-8s nets",
        statement=(
            "Composing the layer maps of the reference VGG16 nets from each crop's nearest "
            "common ancestor gives maps with a = 1 and integer b <= 0 between every cropped "
            "blob and its reference, so every crop aligns. The offsets -b are 19 for fcn32s's "
            "score; 5 and 27 for fcn16s's score_pool4c and score; 5, 9 and 31 for fcn8s's "
            "score_pool4c, score_pool3c and score, as in the reference prototxt files."
        ),
        result={
            f"{variant} {name}": sympy.Integer(value)
            for variant in VARIANTS
            for name, value in caffe_crop_offsets(variant).items()
        },
        claims=(
            *crops,  # type: ignore[arg-type]
            exhaustive(
                "caffe_crop_offsets returns the published offsets of every variant",
                "the six crops of the three variants",
                _check_published,
            ),
            exhaustive(
                "every common ancestor of a crop's two bottoms gives the same offset, and "
                "every path between two blobs (through both bottoms of a sum) the same map",
                "every blob, every ancestor and every crop of the three variants",
                _check_any_ancestor,
            ),
            exhaustive(
                "every variant's score has data's coordinates: its composed map is the identity",
                "the three variants",
                _check_scores_align_with_data,
            ),
            exhaustive(
                "the figure draws every blob of fcn8s with its length, its cells where the "
                "composed map puts them, and each crop's kept cells over its reference's cells",
                f"the figure, input length {FIGURE_LENGTH}",
                check_figure,
            ),
        ),
        references=(
            FCN_REFERENCE_NETS.at(
                "voc-fcn32s, voc-fcn16s and voc-fcn8s: net.py (crop via caffe.coord_map) and "
                "val.prototxt (crop_param offsets 19; 5, 27; 5, 9, 31)"
            ),
            CAFFE.at("python/caffe/coord_map.py: coord_map_from_to and crop"),
            FCN_2015.at("Sec. 4.2 and Fig. 3: FCN-32s, FCN-16s and FCN-8s"),
        ),
        implemented_by=("spec.fcn.caffe_crop_offsets", "oracle.fcn_fuse"),
        notes=(
            "For fcn32s, 19 = 16 + 3: with padding 16 the 64/32 transposed convolution is "
            "half_pixel resize (fcn.bilinear.identity), which puts score_fr's cell i at data "
            "position 32i + 31/2; its composed map puts it at 32i + 25/2, and the crop's other "
            "3 cells move it there.",
            "The offsets do not depend on the input size; the lengths do (fcn.caffe.blob_sizes).",
        ),
        figures=(("axis", fcn8s_axis_figure()),),
    )
