"""The FCN chapter's helpers: coordinate maps, offsets, blob lengths, the bilinear kernel and its
resize identity, the seed's example and the receptive fields.  The claims themselves run once,
in tests/spec/test_claims.py; these tests check the helpers that outside checks call."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

import spec
from spec.fcn import (
    VARIANTS,
    CoordMap,
    blob_maps,
    blob_sizes,
    caffe_crop_offsets,
    caffe_pool_length,
    closed_forms,
    conv_map,
    crop_map,
    crop_margins,
    crop_offset,
    deconv_map,
    edge_correction,
    field_of,
    identity_geometry,
    layers,
    receptive_fields,
    seed_blob_sizes,
    upsample_filt,
    upsample_filt_nd,
    upsampling,
)
from spec.fcn.identity import resize_rows, transpose_rows, zero_padded_resize_rows
from spec.fcn.sizes import L
from spec.window import output_length

FCN_IDS = [did for did in spec.all_ids() if did.startswith("fcn.")]

TRUNK_KEYS = [
    "data",
    "conv1_1",
    "conv1_2",
    "pool1",
    "conv2_1",
    "conv2_2",
    "pool2",
    "conv3_1",
    "conv3_2",
    "conv3_3",
    "pool3",
    "conv4_1",
    "conv4_2",
    "conv4_3",
    "pool4",
    "conv5_1",
    "conv5_2",
    "conv5_3",
    "pool5",
    "fc6",
    "fc7",
    "score_fr",
]
HEAD_KEYS = {
    "fcn32s": ["upscore", "score"],
    "fcn16s": ["upscore2", "score_pool4", "score_pool4c", "fuse_pool4", "upscore16", "score"],
    "fcn8s": [
        "upscore2",
        "score_pool4",
        "score_pool4c",
        "fuse_pool4",
        "upscore_pool4",
        "score_pool3",
        "score_pool3c",
        "fuse_pool3",
        "upscore8",
        "score",
    ],
}


def test_the_chapter_registers_its_seven_ids() -> None:
    assert FCN_IDS == [
        "fcn.bilinear.identity",
        "fcn.bilinear.kernel",
        "fcn.caffe.blob_sizes",
        "fcn.caffe.offsets",
        "fcn.coord_map",
        "fcn.receptive_field",
        "fcn.seed_example",
    ]


# --- fcn.coord_map ----------------------------------------------------------------------------


@pytest.mark.spec("fcn.coord_map")
def test_layer_maps_are_caffes() -> None:
    # coord_map.py: conv and pooling (1/s, (p - (ks - 1)/2)/s), deconv (s, (ks - 1)/2 - p).
    assert conv_map(3, 1, 100) == CoordMap(Fraction(1), Fraction(99))
    assert conv_map(2, 2) == CoordMap(Fraction(1, 2), Fraction(-1, 4))
    assert conv_map(7) == CoordMap(Fraction(1), Fraction(-3))
    assert conv_map(3, 2, 1, dilation=2) == CoordMap(Fraction(1, 2), Fraction(-1, 2))
    assert deconv_map(4, 2) == CoordMap(Fraction(2), Fraction(3, 2))
    assert deconv_map(64, 32, 16) == CoordMap(Fraction(32), Fraction(63, 2) - 16)
    assert crop_map(5) == CoordMap(Fraction(1), Fraction(-5))


@pytest.mark.spec("fcn.coord_map")
def test_composition_and_inverse() -> None:
    f, g = conv_map(2, 2), deconv_map(4, 2)
    for x in (Fraction(-3), Fraction(1, 3), Fraction(7)):
        assert f.then(g)(x) == g(f(x))
        assert f.inverse()(f(x)) == x
    assert f.then(f.inverse()) == CoordMap(Fraction(1), Fraction(0))


@pytest.mark.spec("fcn.coord_map")
def test_crop_offset_accepts_exactly_unit_scale_and_nonpositive_integer_shift() -> None:
    assert crop_offset(CoordMap(Fraction(1), Fraction(0))) == 0
    assert crop_offset(CoordMap(Fraction(1), Fraction(-31))) == 31
    with pytest.raises(ValueError, match=r"between: scale .*fcn\.coord_map"):
        crop_offset(CoordMap(Fraction(2), Fraction(-1)))
    with pytest.raises(ValueError, match=r"between: shift .*fcn\.coord_map"):
        crop_offset(CoordMap(Fraction(1), Fraction(-1, 2)))
    with pytest.raises(ValueError, match=r"between: shift .*fcn\.coord_map"):
        crop_offset(CoordMap(Fraction(1), Fraction(2)))


@pytest.mark.spec("fcn.coord_map")
@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: conv_map(0), "kernel_size"),
        (lambda: conv_map(3, 0), "stride"),
        (lambda: deconv_map(3, 1, -1), "pad"),
        (lambda: crop_map(-1), "offset"),
    ],
)
def test_invalid_layer_parameters_raise(call: object, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()  # type: ignore[operator]


# --- fcn.caffe.offsets ------------------------------------------------------------------------


@pytest.mark.spec("fcn.caffe.offsets")
def test_offsets_are_the_reference_nets() -> None:
    assert caffe_crop_offsets("fcn32s") == {"score": 19}
    assert caffe_crop_offsets("fcn16s") == {"score_pool4c": 5, "score": 27}
    assert caffe_crop_offsets("fcn8s") == {"score_pool4c": 5, "score_pool3c": 9, "score": 31}
    assert list(caffe_crop_offsets("fcn8s")) == ["score_pool4c", "score_pool3c", "score"]


@pytest.mark.spec("fcn.caffe.offsets")
def test_offsets_are_copies() -> None:
    caffe_crop_offsets("fcn32s")["score"] = 0
    assert caffe_crop_offsets("fcn32s") == {"score": 19}


@pytest.mark.spec("fcn.caffe.offsets")
@pytest.mark.parametrize("variant", ["fcn4s", "FCN8S", None, 8])
def test_unknown_variant_raises(variant: object) -> None:
    with pytest.raises(ValueError, match=r"variant: .*fcn\.caffe\.offsets"):
        caffe_crop_offsets(variant)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"variant: .*fcn\.caffe\.blob_sizes"):
        blob_sizes(variant, 32)  # type: ignore[arg-type]


@pytest.mark.spec("fcn.caffe.offsets")
def test_maps_from_data() -> None:
    maps = blob_maps("fcn8s")
    assert maps["score"] == CoordMap(Fraction(1), Fraction(0))
    assert maps["upscore8"] == CoordMap(Fraction(1), Fraction(31))
    assert maps["score_fr"] == CoordMap(Fraction(1, 32), Fraction(-25, 64))
    assert maps["score_pool4c"] == maps["upscore2"]
    assert maps["score_pool3c"] == maps["upscore_pool4"]
    assert upsampling("fcn8s") == (("upscore2", 4, 2), ("upscore_pool4", 4, 2), ("upscore8", 16, 8))


# --- fcn.caffe.blob_sizes ---------------------------------------------------------------------


@pytest.mark.spec("fcn.caffe.blob_sizes")
@pytest.mark.parametrize("variant", VARIANTS)
def test_blob_size_keys(variant: str) -> None:
    assert list(blob_sizes(variant, 100)) == TRUNK_KEYS + HEAD_KEYS[variant]
    assert [layer.top for layer in layers(variant)] == TRUNK_KEYS + HEAD_KEYS[variant]


@pytest.mark.spec("fcn.caffe.blob_sizes")
def test_blob_sizes_of_a_500_pixel_input() -> None:
    # PASCAL VOC images are at most 500 pixels on a side.
    sizes = blob_sizes("fcn8s", 500)
    expected = {
        "conv1_1": 698,
        "pool1": 349,
        "pool2": 175,
        "pool3": 88,
        "pool4": 44,
        "pool5": 22,
        "fc6": 16,
        "score_fr": 16,
        "upscore2": 34,
        "score_pool4c": 34,
        "upscore_pool4": 70,
        "score_pool3": 88,
        "upscore8": 568,
        "score": 500,
    }
    assert {k: sizes[k] for k in expected} == expected


@pytest.mark.spec("fcn.caffe.blob_sizes")
@pytest.mark.parametrize("length", [1, 2, 31, 32, 33, 187, 192, 193, 224, 500, 512, 1023])
def test_closed_forms_and_every_crop_fits(length: int) -> None:
    for variant in VARIANTS:
        sizes = blob_sizes(variant, length)
        forms = closed_forms(variant)
        assert {b: int(forms[b].subs(L, length)) for b in sizes} == sizes
        assert sizes["score"] == length
        assert min(crop_margins(variant, length).values()) >= 0


@pytest.mark.spec("fcn.caffe.blob_sizes")
def test_least_margins() -> None:
    least = {
        v: {k: min(crop_margins(v, n)[k] for n in range(1, 65)) for k in caffe_crop_offsets(v)}
        for v in VARIANTS
    }
    assert least == {
        "fcn32s": {"score": 19},
        "fcn16s": {"score_pool4c": 4, "score": 27},
        "fcn8s": {"score_pool4c": 4, "score_pool3c": 6, "score": 31},
    }


@pytest.mark.spec("fcn.caffe.blob_sizes")
@pytest.mark.parametrize("length", [0, -1, True, 3.0, "32"])
def test_invalid_input_length_raises(length: object) -> None:
    with pytest.raises(ValueError, match=r"input_length: .*fcn\.caffe\.blob_sizes"):
        blob_sizes("fcn8s", length)  # type: ignore[arg-type]


@pytest.mark.spec("fcn.caffe.blob_sizes", "window.ceil_mode")
def test_caffe_pooling_against_pytorchs_ceil_mode() -> None:
    # The nets' pooling: the same in both.
    for n in range(2, 300):
        assert caffe_pool_length(n, 2, 2) == output_length(n, 2, 2, ceil_mode=True)
    # p = 0, k < s: Caffe keeps a last window that starts past the input (cell 6 of 5).
    assert caffe_pool_length(5, 1, 3) == 3
    assert output_length(5, 1, 3, ceil_mode=True) == 2
    # p > 0: Caffe drops the last window when it would start in the end padding, as PyTorch.
    assert caffe_pool_length(4, 2, 3, 1) == output_length(4, 2, 3, 1, 1, ceil_mode=True) == 2
    with pytest.raises(ValueError, match="pad"):
        caffe_pool_length(4, 2, 2, 2)


@pytest.mark.spec("fcn.caffe.blob_sizes")
def test_without_the_padding_of_100_fc6_needs_193_cells() -> None:
    # conv1_1 with pad 1: pool5 = ceil(L/32) and fc6 needs 7 cells of it.
    pool5 = [-(-n // 32) for n in (192, 193)]
    assert [p - 6 for p in pool5] == [0, 1]


# --- fcn.bilinear.kernel ----------------------------------------------------------------------


@pytest.mark.spec("fcn.bilinear.kernel")
def test_kernels_of_the_reference_nets() -> None:
    assert [str(w) for w in upsample_filt(4)] == ["1/4", "3/4", "3/4", "1/4"]
    assert upsample_filt(16)[:8] == tuple(Fraction(2 * t + 1, 16) for t in range(8))
    assert upsample_filt(5) == tuple(map(Fraction, ("1/3", "2/3", "1", "2/3", "1/3")))
    assert upsample_filt(1) == (Fraction(1),)
    nd = upsample_filt_nd(4, 3)
    assert nd[(1, 2, 3)] == Fraction(3, 4) * Fraction(3, 4) * Fraction(1, 4)
    assert len(nd) == 64
    with pytest.raises(ValueError, match=r"kernel_size: .*fcn\.bilinear\.kernel"):
        upsample_filt(0)


# --- fcn.bilinear.identity --------------------------------------------------------------------


@pytest.mark.spec("fcn.bilinear.identity")
def test_identity_geometry_and_edges() -> None:
    assert [identity_geometry(f) for f in (1, 2, 3, 4, 8)] == [
        (1, 0),
        (4, 1),
        (5, 1),
        (8, 2),
        (16, 4),
    ]
    assert [edge_correction(4, j) for j in (0, 1)] == [Fraction(3, 8), Fraction(1, 8)]
    with pytest.raises(ValueError, match=r"factor: .*fcn\.bilinear\.identity"):
        identity_geometry(0)


@pytest.mark.spec("fcn.bilinear.identity")
@pytest.mark.parametrize(("factor", "length"), list(itertools.product((2, 3, 4, 5), (1, 2, 5))))
def test_rows_differ_only_at_the_ends(factor: int, length: int) -> None:
    conv = transpose_rows(length, factor)
    resize = resize_rows(length, length * factor)
    differing = [q for q in range(length * factor) if conv[q] != resize[q]]
    ends = factor // 2
    assert differing == [*range(ends), *range(length * factor - ends, length * factor)]
    assert conv == zero_padded_resize_rows(length, factor)
    if ends:
        assert conv[0][0] == resize[0][0] - edge_correction(factor, 0)


# --- fcn.seed_example -------------------------------------------------------------------------


@pytest.mark.spec("fcn.seed_example")
def test_the_seeds_32_by_32_example() -> None:
    seed = seed_blob_sizes("fcn32s", 32)
    assert [seed[b] for b in ("pool1", "pool2", "pool3", "pool4", "pool5")] == [16, 8, 4, 2, 1]
    assert seed["upscore"] == seed["score"] == 32
    reference = blob_sizes("fcn32s", 32)
    assert (reference["pool5"], reference["score_fr"], reference["upscore"]) == (8, 2, 96)
    assert seed_blob_sizes("fcn8s", 64)["score"] == 64
    with pytest.raises(ValueError, match=r"input_length: fuse_pool4 adds"):
        seed_blob_sizes("fcn16s", 48)
    with pytest.raises(ValueError, match=r"input_length: pool5 has no window"):
        seed_blob_sizes("fcn32s", 16)


# --- fcn.receptive_field ----------------------------------------------------------------------


@pytest.mark.spec("fcn.receptive_field")
def test_receptive_fields_of_the_score_maps() -> None:
    fields = receptive_fields()
    assert fields["score_fr"] == (404, 32)
    assert fields["score_pool4"] == (100, 16)
    assert fields["score_pool3"] == (44, 8)
    assert fields["pool5"] == (212, 32)
    assert field_of("score_fr", 1) == (Fraction(-157), Fraction(246))
    assert field_of("score_pool3", 0) == (Fraction(-117), Fraction(-74))
