"""The conv chapter: arithmetic, transposed convolution, output_padding, SAME, groups,
checkerboard, pixel shuffle and sub-pixel helpers, and every claim."""

from __future__ import annotations

import itertools
import re

import pytest
import sympy

import spec
from spec.conv import (
    channel_count,
    checkerboard_counts,
    depth_to_space_dcr_index,
    flipped_weight_index,
    maps,
    output_padding_for_size,
    overlap_period,
    pixel_shuffle_index,
    pixel_unshuffle_index,
    space_to_depth_index,
    stretched_length,
    subpixel_end_padding,
    subpixel_geometry,
    subpixel_tap,
    tf_transpose_same,
    transpose_same_padding,
    zero_insertion_padding,
)
from spec.conv.cases import CASES
from spec.window import output_length

IDS = tuple(
    did
    for did in spec.all_ids()
    if did.split(".")[0] in ("conv", "conv_transpose", "pixel_shuffle")
    or did.split(".")[:3] == ["equiv", "onnx", "pixel_shuffle"]
)
CLAIMS = [(did, n) for did in IDS for n in range(len(spec.get(did).claims))]


@pytest.mark.parametrize(("did", "number"), CLAIMS)
def test_claim_holds(did: str, number: int) -> None:
    result = spec.get(did).claims[number].evaluate()
    assert result.holds, f"{did} claim {number}: {result.claim.statement}: {result.detail}"


def test_every_relationship_is_its_own_claim() -> None:
    statements = [c.statement for c in spec.get("conv.arithmetic").claims]
    numbers = [int(re.match(r"Relationship (\d+)\b", s)[1]) for s in statements]  # type: ignore[index]
    assert numbers == list(range(1, 16))


@pytest.mark.spec("conv.arithmetic")
def test_relationships_at_integer_points() -> None:
    """The paper's closed forms, evaluated in integers, against the spec's lengths."""
    for i, k, s, p, d in itertools.product(range(1, 9), range(1, 4), range(1, 4), range(3), (1, 2)):
        if i + 2 * p < d * (k - 1) + 1:
            continue
        o = (i + 2 * p - k - (k - 1) * (d - 1)) // s + 1  # relationship 15 (6 at d = 1)
        assert output_length(i, k, s, p, p, d) == o
        if d == 1:
            a = (i + 2 * p - k) % s  # relationship 14: o' = s(i' - 1) + a + k - 2p is i
            assert s * (o - 1) + a + k - 2 * p == i
            assert maps.transpose_output_length(o, k, s, p, p, 1, a) == i
            begin, end = zero_insertion_padding(k, p, p, 1, a)
            assert (begin, end) == (k - p - 1, k - p - 1 + a)
            if begin >= 0:  # the paper's p' = k - p - 1 pads; a negative one would crop
                assert output_length(stretched_length(o, s), k, 1, begin, end) == i


def test_statements_are_at_most_three_sentences() -> None:
    for did in IDS:
        text = spec.get(did).statement
        assert text.count(". ") + 1 <= 3, did


# --- index maps and lengths -------------------------------------------------------------------


@pytest.mark.spec("conv_transpose.matrix_transpose")
def test_index_maps_share_their_triples() -> None:
    conv = maps.index_map(6, 3, 2, 1, 1)
    trans = maps.transpose_index_map(3, 3, 2, 1, 1, 1, 1)
    assert set(conv) == set(trans)
    assert maps.index_map(4, 3) == tuple((o, t, o + t) for o in range(2) for t in range(3))


@pytest.mark.spec("conv_transpose.output_length")
@pytest.mark.parametrize(
    ("args", "length"),
    [
        ((2, 3), 4),
        ((6, 4, 1, 2, 2), 5),
        ((2, 3, 2), 5),
        ((3, 3, 2, 1, 1, 1, 1), 6),
        ((5, 3, 1, 0, 0, 2, 1), 10),
        ((4, 3, 1, 0, 0, 3, 2), 12),
    ],
)
def test_transpose_output_length(args: tuple[int, ...], length: int) -> None:
    assert maps.transpose_output_length(*args) == length


@pytest.mark.spec("conv_transpose.output_padding")
@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((3, 3, 2, 1, 1, 1, 2), "output_padding"),
        ((3, 3, 1, 0, 0, 1, 1), "output_padding"),
        ((3, 3, 1, 0, 0, 2, 2), "output_padding"),
        ((3, 3, 1, 0, 0, 1, -1), "output_padding"),
        ((1, 1, 1, 1, 1), "p_begin, p_end"),
        ((3, 3, 1, -1), "p_begin"),
        ((3, 3, 0), "stride"),
        ((3, 3, 1, 0, 0, 0), "dilation"),
        ((0, 3), "in_len"),
    ],
)
def test_invalid_transposed_arguments(args: tuple[int, ...], name: str) -> None:
    with pytest.raises(ValueError, match=r"\(conv_transpose\.|\(window\.") as info:
        maps.transpose_output_length(*args)
    assert str(info.value).startswith(f"{name}:")


@pytest.mark.spec("conv_transpose.matrix_transpose")
def test_matrices_transpose_with_groups_and_numbers() -> None:
    symbolic = maps.conv_matrix(5, 2, 2, 1, 0, in_channels=2, out_channels=4, groups=2)
    assert symbolic.shape == (4 * 3, 2 * 5)
    trans = maps.transpose_matrix(3, 2, 2, 1, 0, 1, 0, in_channels=4, out_channels=2, groups=2)
    assert trans == symbolic.T
    weight = [[[1, 2]], [[3, 4]], [[5, 6]], [[7, 8]]]
    numeric = maps.conv_matrix(
        5, 2, 2, 1, 0, in_channels=2, out_channels=4, groups=2, weight=weight
    )
    assert numeric.free_symbols == set()
    assert numeric == symbolic.subs(
        {maps.weight_symbol(a, 0, t): weight[a][0][t] for a in range(4) for t in range(2)}
    )


@pytest.mark.spec("conv.groups")
@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"in_channels": 3, "out_channels": 2, "groups": 2}, "groups"),
        ({"in_channels": 0}, "in_channels"),
        ({"groups": 0}, "groups"),
        ({"weight": [[[1]]]}, "weight"),
    ],
)
def test_matrix_argument_errors(kwargs: dict[str, object], name: str) -> None:
    with pytest.raises(ValueError, match=rf"^{name}: "):
        maps.conv_matrix(3, 2, **kwargs)  # type: ignore[arg-type]


def test_weight_symbols_are_named_by_their_index() -> None:
    assert maps.weight_symbol(1, 0, 2) == sympy.Symbol("w_1_0_2")
    assert maps.output_padding_limit(2, 3) == 3


# --- zero insertion ---------------------------------------------------------------------------


@pytest.mark.spec("conv_transpose.zero_insertion")
def test_zero_insertion_geometry() -> None:
    assert stretched_length(3, 2) == 5
    assert stretched_length(1, 4) == 1
    assert zero_insertion_padding(3, 0, 0) == (2, 2)
    assert zero_insertion_padding(1, 1, 1) == (-1, -1)
    assert zero_insertion_padding(3, 1, 1, 2, 1) == (3, 4)
    # groups 2, C_in 4, C_out 2: output channel 1 is in group 1 and reads W[2 + l, 0, k - 1 - t].
    assert flipped_weight_index(1, 1, (0,), (3,), 4, 2, 2) == (3, 0, (2,))
    with pytest.raises(ValueError, match=r"^stride: .*conv_transpose\.zero_insertion"):
        stretched_length(3, 0)


# --- output_padding, output_size, SAME --------------------------------------------------------


@pytest.mark.spec("conv_transpose.output_size")
def test_output_size() -> None:
    assert output_padding_for_size(6, 11, 3, 2, 1, 1) == 0
    assert output_padding_for_size(6, 12, 3, 2, 1, 1) == 1
    for bad in (10, 13):
        with pytest.raises(ValueError, match=r"^output_size: .*\[11, 12\].*conv_transpose"):
            output_padding_for_size(6, bad, 3, 2, 1, 1)


@pytest.mark.spec("conv_transpose.same")
def test_transpose_same() -> None:
    assert transpose_same_padding(5, 1, 2, mode="SAME_UPPER") == (-1, 0)
    assert transpose_same_padding(5, 1, 2, mode="SAME_LOWER") == (0, -1)
    assert transpose_same_padding(4, 4, 2) == (1, 1)
    assert transpose_same_padding(4, 3, 2, output_padding=1) == (1, 1)
    assert tf_transpose_same(5, 1, 2) == (0, 0, 1)
    assert tf_transpose_same(4, 4, 2) == (1, 1, 0)
    with pytest.raises(ValueError, match=r"^mode: .*conv_transpose\.same"):
        transpose_same_padding(5, 3, 2, mode="SAME")


# --- checkerboard -----------------------------------------------------------------------------


@pytest.mark.spec("conv_transpose.checkerboard")
def test_checkerboard_values() -> None:
    assert overlap_period(3, 2) == (2, 1)
    assert overlap_period(3, 2, p_begin=1) == (1, 2)
    assert overlap_period(5, 3) == (2, 2, 1)
    assert overlap_period(4, 2, 2) == (4, 0)
    assert overlap_period(3, 3, 2) == (1, 1, 1)
    assert checkerboard_counts(4, 4, 2, 1, 1) == (1, 2, 2, 2, 2, 2, 2, 1)
    assert sum(checkerboard_counts(4, 3, 2)) == 4 * 3
    with pytest.raises(ValueError, match=r"^kernel_size: .*conv_transpose\.checkerboard"):
        overlap_period(0, 2)


# --- the seven cases --------------------------------------------------------------------------

# conv_arithmetic's transposed animations: (name, transposed input, output, k, s, p, a).
SEVEN = [
    ("no_padding_no_strides", 2, 4, 3, 1, 0, 0),
    ("arbitrary_padding_no_strides", 6, 5, 4, 1, 2, 0),
    ("half_padding_no_strides", 5, 5, 3, 1, 1, 0),
    ("full_padding_no_strides", 7, 5, 3, 1, 2, 0),
    ("no_padding_strides", 2, 5, 3, 2, 0, 0),
    ("padding_strides", 3, 5, 3, 2, 1, 0),
    ("padding_strides_odd", 3, 6, 3, 2, 1, 1),
]


def _case_id(slug: str) -> str:
    (case,) = [c for c in CASES if c.slug == slug]
    return case.id


@pytest.mark.parametrize(
    ("slug", "i_t", "out", "k", "s", "p", "a"),
    [pytest.param(*row, id=row[0], marks=pytest.mark.spec(_case_id(row[0]))) for row in SEVEN],
)
def test_the_seven_cases(slug: str, i_t: int, out: int, k: int, s: int, p: int, a: int) -> None:
    (case,) = [c for c in CASES if c.slug == slug]
    assert (case.kernel, case.stride, case.padding) == (k, s, p)
    assert (case.conv_input, case.conv_output, case.output_padding) == (out, i_t, a)
    assert maps.transpose_output_length(i_t, k, s, p, p, 1, a) == out
    assert case.id in spec.all_ids()
    assert spec.get(case.id).figures[0][0] == "index_map"


def test_cases_follow_the_papers_figure_order() -> None:
    assert [c.figure for c in CASES] == [f"4.{n}" for n in range(1, 8)]
    assert [c.relationship for c in CASES] == list(range(8, 15))


# --- pixel shuffle ----------------------------------------------------------------------------


@pytest.mark.spec("pixel_shuffle.permutation")
def test_pixel_shuffle_indices() -> None:
    assert pixel_shuffle_index(0, (5,), 3) == (2, (1,))
    assert pixel_shuffle_index(1, (1, 0, 1), 2) == (8 + 5, (0, 0, 0))
    assert pixel_unshuffle_index(13, (0, 0, 0), 2) == (1, (1, 0, 1))
    assert channel_count(16, 2, 3) == 2
    with pytest.raises(ValueError, match=r"^in_channels: 12 .*r\^d = 8.*pixel_shuffle"):
        channel_count(12, 2, 3)
    with pytest.raises(ValueError, match=r"^upscale_factor: "):
        pixel_shuffle_index(0, (1,), 0)


@pytest.mark.spec("equiv.onnx.pixel_shuffle.depth_to_space")
def test_dcr_and_crd_differ_and_space_to_depth_inverts_dcr() -> None:
    # C = 2 output channels, blocksize 2: output (1, (1, 0)) reads channel 5 in DCR, 6 in CRD.
    assert depth_to_space_dcr_index(1, (1, 0), 2, 2) == (5, (0, 0))
    assert pixel_shuffle_index(1, (1, 0), 2) == (6, (0, 0))
    assert space_to_depth_index(5, (0, 0), 2, 2) == (1, (1, 0))


# --- sub-pixel --------------------------------------------------------------------------------


@pytest.mark.spec("conv_transpose.subpixel")
def test_subpixel_helpers() -> None:
    assert subpixel_geometry(4, 2, 1) == (3, 1)
    assert subpixel_geometry(2, 2) == (1, 0)
    assert subpixel_geometry(3, 2, 3) == (3, 0)
    assert subpixel_geometry(3, 2, 4) == (2, -1)
    assert [subpixel_tap(r, 0, 2, 2) for r in range(2)] == [0, 1]
    assert subpixel_end_padding(3, 2, 2) == 0
    with pytest.raises(ValueError, match=r"^phase, tap: .*conv_transpose\.subpixel"):
        subpixel_tap(2, 0, 4, 2)
    with pytest.raises(ValueError, match=r"^factor: .*multiple of 2"):
        subpixel_end_padding(3, 3, 2)
