"""window.output_length, window.ceil_mode, window.padding, window.same: helpers and claims."""

from __future__ import annotations

import itertools

import pytest

import spec
from spec.window import (
    SAME_MODES,
    admitted_windows,
    effective_kernel,
    onnx_pads,
    output_length,
    padding_pairs,
    pairs_from_onnx_pads,
    same_padding,
    tf_explicit_paddings,
)

IDS = ("window.output_length", "window.ceil_mode", "window.padding", "window.same")
CLAIMS = [(did, n) for did in IDS for n in range(len(spec.get(did).claims))]


@pytest.mark.parametrize(("did", "number"), CLAIMS)
def test_claim_holds(did: str, number: int) -> None:
    result = spec.get(did).claims[number].evaluate()
    assert result.holds, f"{did} claim {number}: {result.claim.statement}: {result.detail}"


# Dumoulin and Visin, Figures 2.1-2.7 and 5.1: (i, k, s, p, d) -> o.
DV_FIGURES = [
    (4, 3, 1, 0, 1, 2),
    (5, 4, 1, 2, 1, 6),
    (5, 3, 1, 1, 1, 5),
    (5, 3, 1, 2, 1, 7),
    (5, 3, 2, 0, 1, 2),
    (5, 3, 2, 1, 1, 3),
    (6, 3, 2, 1, 1, 3),
    (7, 3, 1, 0, 2, 3),
]


@pytest.mark.spec("window.output_length", "conv.arithmetic")
@pytest.mark.parametrize(("i", "k", "s", "p", "d", "o"), DV_FIGURES)
def test_lengths_of_the_papers_figures(i: int, k: int, s: int, p: int, d: int, o: int) -> None:
    assert output_length(i, k, s, p, p, d) == o
    assert admitted_windows(i, k, s, p, p, d) == list(range(o))


@pytest.mark.spec("window.output_length")
def test_asymmetric_padding_counts_its_sum() -> None:
    assert output_length(5, 3, 2, 0, 1) == output_length(5, 3, 2, 1, 0) == 2
    assert effective_kernel(3, 2) == 5
    assert effective_kernel(1, 7) == 1


@pytest.mark.spec("window.output_length")
@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((5, 0), "kernel_size"),
        ((5, 3, 0), "stride"),
        ((5, 3, 1, -1, 0), "p_begin"),
        ((5, 3, 1, 0, -1), "p_end"),
        ((5, 3, 1, 0, 0, 0), "dilation"),
        ((-1, 1), "in_len"),
        ((2, 3), "p_begin, p_end"),
        ((True, 1), "in_len"),
        ((5, 2.0), "kernel_size"),
    ],
)
def test_invalid_arguments_name_the_parameter_and_the_id(
    args: tuple[object, ...], name: str
) -> None:
    with pytest.raises(ValueError, match=r"window\.output_length") as info:
        output_length(*args)  # type: ignore[arg-type]
    assert str(info.value).startswith(f"{name}:")


@pytest.mark.spec("window.ceil_mode")
def test_ceil_mode_examples() -> None:
    # One extra window when it starts inside the input ...
    assert output_length(5, 2, 2) == 2
    assert output_length(5, 2, 2, ceil_mode=True) == 3
    # ... none when it would start in the end padding (PyTorch's rule).
    assert output_length(4, 2, 3, 1, 1, ceil_mode=True) == 2
    # No change when the stride divides the span.
    assert output_length(5, 3, 2, 1, 1, ceil_mode=True) == 3


@pytest.mark.spec("window.ceil_mode")
def test_ceil_mode_never_shortens() -> None:
    for i, k, s, p in itertools.product(range(1, 9), range(1, 4), range(1, 4), range(2)):
        if i + 2 * p >= k and 2 * p <= k:
            floor_len = output_length(i, k, s, p, p)
            assert floor_len <= output_length(i, k, s, p, p, ceil_mode=True) <= floor_len + 1


@pytest.mark.spec("window.padding")
def test_padding_forms() -> None:
    assert padding_pairs(2, 3) == ((2, 2),) * 3
    assert padding_pairs((0, 1), 2) == ((0, 0), (1, 1))
    assert padding_pairs([(0, 1), [2, 3]], 2) == ((0, 1), (2, 3))
    assert padding_pairs(((0, 1), 4), 2) == ((0, 1), (4, 4))
    assert onnx_pads(((0, 1), (2, 3))) == (0, 2, 1, 3)
    assert pairs_from_onnx_pads([0, 2, 1, 3]) == ((0, 1), (2, 3))
    assert tf_explicit_paddings(((1, 2), (3, 4))) == ((0, 0), (0, 0), (1, 2), (3, 4))


@pytest.mark.spec("window.padding")
@pytest.mark.parametrize(
    ("padding", "ndim", "name"),
    [
        (-1, 2, "padding"),
        ((1, 2, 3), 2, "padding"),
        (((1, 2, 3), 0), 2, "padding"),
        (((1, -2), 0), 2, r"padding\[0\]\[1\]"),
        ((1, -1), 2, r"padding\[1\]"),
        ("same", 1, "padding"),
        (True, 1, "padding"),
        (1, 0, "ndim"),
    ],
)
def test_invalid_padding(padding: object, ndim: int, name: str) -> None:
    with pytest.raises(ValueError, match=rf"^{name}: .*window\.padding"):
        padding_pairs(padding, ndim)


def test_odd_onnx_pads_raise() -> None:
    with pytest.raises(ValueError, match=r"^pads: .*window\.padding"):
        pairs_from_onnx_pads((1, 2, 3))


@pytest.mark.spec("window.same")
def test_tensorflow_documented_example() -> None:
    # tf.nn notes on padding: in 13, filter 6, stride 5 -> out 3, pad 3 = 1 + 2.
    assert same_padding(13, 6, 5, mode="SAME") == (1, 2)
    assert output_length(13, 6, 5, 1, 2) == 3


@pytest.mark.spec("window.same")
def test_same_modes() -> None:
    assert same_padding(6, 4, 1, mode="SAME_UPPER") == (1, 2)
    assert same_padding(6, 4, 1, mode="SAME_LOWER") == (2, 1)
    assert same_padding(5, 1, 3) == (0, 0)
    assert same_padding(7, 3, 2, 2) == (2, 2)
    assert SAME_MODES == ("SAME_UPPER", "SAME_LOWER", "SAME")
    with pytest.raises(ValueError, match=r"^mode: .*window\.same"):
        same_padding(5, 3, 1, mode="VALID")
    with pytest.raises(ValueError, match=r"^in_len: .*window\.same"):
        same_padding(0, 3)


def test_statements_are_at_most_three_sentences() -> None:
    for did in IDS:
        assert spec.get(did).statement.count(". ") + 1 <= 3, did
