"""oracle._window: output lengths by enumerating windows, padding forms, per-axis ints.

* window.output_length: the closed form equals a count of the windows that
  fit, exhaustively over small lengths, kernels, strides, paddings and
  dilations.
* window.ceil_mode: the rounded-up count, less a last window that would start
  past the input and its begin padding, equals PyTorch's pooling output
  length (``torch.nn.functional.max_pool1d``) and onnx.reference's, with
  asymmetric padding too.
* window.padding: the three forms of ``padding`` and every rejection.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from oracle._window import ints_per_axis, output_length, padding_pairs

LENGTHS = range(1, 9)

# Invalid stride, dilation and padding, as every window op rejects them:
# (test id, the change to valid arguments, the parameter named, the derivation ID).
WINDOW_ERRORS: list[tuple[str, dict[str, object], str, str]] = [
    ("stride-0", {"stride": 0}, "stride", "window.output_length"),
    ("stride-axis-0", {"stride": (1, 0)}, "stride", "window.output_length"),
    ("stride-count", {"stride": (1, 1, 1)}, "stride", "window.output_length"),
    ("stride-float", {"stride": 1.0}, "stride", "window.output_length"),
    ("stride-bool", {"stride": True}, "stride", "window.output_length"),
    ("dilation-0", {"dilation": 0}, "dilation", "window.output_length"),
    ("dilation-negative", {"dilation": (1, -2)}, "dilation", "window.output_length"),
    ("padding-negative", {"padding": -1}, "padding", "window.padding"),
    ("padding-pair-negative", {"padding": ((0, 0), (-1, 2))}, "padding", "window.padding"),
    ("padding-form", {"padding": (1, 1, 1, 1)}, "padding", "window.padding"),
    ("padding-string", {"padding": "same"}, "padding", "window.padding"),
]
KERNELS = range(1, 5)
STRIDES = range(1, 4)
PADS = range(3)
DILATIONS = range(1, 4)


def windows_that_fit(length: int, kernel: int, stride: int, pads: tuple[int, int], dil: int) -> int:
    """Count the windows o = 0, 1, ... whose last tap o*s + d*(k-1) lies in the padded axis."""
    padded, count = length + sum(pads), 0
    while count * stride + dil * (kernel - 1) < padded:
        count += 1
    return count


def windows_ceil_mode(
    length: int, kernel: int, stride: int, pads: tuple[int, int], dil: int
) -> int:
    """Count the windows that reach at most stride - 1 positions past the padded end (a
    partial last window), then drop the last one once if it starts past the input and
    its begin padding: PyTorch's and onnx.reference's rule."""
    padded, count = length + sum(pads), 0
    while count * stride + dil * (kernel - 1) < padded + stride - 1:
        count += 1
    if (count - 1) * stride >= length + pads[0]:
        count -= 1
    return count


@pytest.mark.spec("window.output_length")
def test_output_length_counts_the_windows_that_fit() -> None:
    for n, k, s, pb, pe, d in itertools.product(LENGTHS, KERNELS, STRIDES, PADS, PADS, DILATIONS):
        expected = windows_that_fit(n, k, s, (pb, pe), d)
        got = output_length(n, k, s, pb, pe, d)
        # A value <= 0 means "no window"; the callers raise.
        assert max(got, 0) == expected, (n, k, s, pb, pe, d)


@pytest.mark.spec("window.ceil_mode")
def test_ceil_mode_keeps_a_partial_window_that_starts_in_range() -> None:
    for n, k, s, pb, pe, d in itertools.product(LENGTHS, KERNELS, STRIDES, PADS, PADS, DILATIONS):
        if windows_that_fit(n, k, s, (pb, pe), d) == 0:
            continue
        expected = windows_ceil_mode(n, k, s, (pb, pe), d)
        assert output_length(n, k, s, pb, pe, d, ceil_mode=True) == expected, (n, k, s, pb, pe, d)


@pytest.mark.spec("window.ceil_mode")
def test_ceil_mode_matches_torch_pooling() -> None:
    torch = pytest.importorskip("torch")
    f = torch.nn.functional
    for n, k, s, p, d in itertools.product(LENGTHS, KERNELS, STRIDES, PADS, DILATIONS):
        if 2 * p > k or d * (k - 1) + 1 > n + 2 * p:  # torch: pad <= kernel / 2; a window fits
            continue
        x = torch.zeros(1, 1, n, dtype=torch.float64)
        for ceil in (False, True):
            got = f.max_pool1d(x, k, s, p, d, ceil_mode=ceil).shape[-1]
            assert output_length(n, k, s, p, p, d, ceil_mode=ceil) == got, (n, k, s, p, d, ceil)


@pytest.mark.spec("window.ceil_mode")
def test_ceil_mode_matches_onnx_reference_with_asymmetric_padding() -> None:
    pool_common = pytest.importorskip("onnx.reference.ops.op_pool_common")
    for n, k, s, pb, pe, d in itertools.product(LENGTHS, KERNELS, STRIDES, PADS, PADS, DILATIONS):
        if windows_that_fit(n, k, s, (pb, pe), d) == 0:
            continue
        for ceil in (False, True):
            (got,), _ = pool_common.get_output_shape_explicit_padding(
                [pb, pe], [n], [k], [s], [d], ceil_mode=ceil
            )
            assert output_length(n, k, s, pb, pe, d, ceil_mode=ceil) == got, (n, k, s, pb, pe, d)


@pytest.mark.spec("window.ceil_mode")
def test_ceil_mode_drops_one_window_even_a_complete_one() -> None:
    # An end padding as long as the dilated kernel: floor mode counts 3 windows, two
    # lying wholly in the end padding; the ceil rule drops the last, once.
    assert output_length(1, 1, 1, 0, 2, 1) == 3
    assert output_length(1, 1, 1, 0, 2, 1, ceil_mode=True) == 2


@pytest.mark.spec("window.padding")
@pytest.mark.parametrize(
    ("padding", "ndim", "pairs"),
    [
        (0, 1, ((0, 0),)),
        (2, 3, ((2, 2),) * 3),
        (np.int64(1), 2, ((1, 1), (1, 1))),
        ((1, 2), 2, ((1, 1), (2, 2))),
        ([3], 1, ((3, 3),)),
        (((0, 1),), 1, ((0, 1),)),
        (((1, 0), [2, 3], (0, 0)), 3, ((1, 0), (2, 3), (0, 0))),
    ],
)
def test_padding_forms(padding: object, ndim: int, pairs: tuple[tuple[int, int], ...]) -> None:
    got = padding_pairs(padding, ndim, "window.padding")
    assert got == pairs
    assert all(type(p) is int for pair in got for p in pair)


@pytest.mark.spec("window.padding")
@pytest.mark.parametrize(
    ("padding", "ndim", "why"),
    [
        (-1, 2, ">= 0"),
        ((1, -1), 2, ">= 0"),
        (((0, -2),), 1, ">= 0"),
        ((1, 2, 3), 2, "must be an int"),
        ((1, 0), 1, "must be an int"),  # a flat (begin, end) for one axis is not a form
        ((1, (0, 1)), 2, "must be an int"),  # ints and pairs mixed
        (((0, 1, 2),), 1, "must be an int"),
        (True, 1, "must be an int"),
        (1.0, 1, "must be an int"),
        ("same", 2, "must be an int"),
        (None, 1, "must be an int"),
    ],
)
def test_padding_rejections(padding: object, ndim: int, why: str) -> None:
    with pytest.raises(ValueError, match=rf"^padding: .*{why}.*\(see window\.padding\)"):
        padding_pairs(padding, ndim, "window.padding")


@pytest.mark.spec("window.output_length")
def test_ints_per_axis() -> None:
    assert ints_per_axis(3, 2, "kernel_size", "window.output_length") == (3, 3)
    assert ints_per_axis((1, np.int32(2)), 2, "stride", "window.output_length") == (1, 2)
    assert ints_per_axis(0, 1, "output_padding", "x.y", minimum=0) == (0,)
    for bad, why in [
        (0, ">= 1"),
        ((1, 0), ">= 1"),
        (1.5, "an int"),
        (True, "an int"),
        ((1,), "one entry"),
    ]:
        with pytest.raises(ValueError, match=rf"^dilation: .*{why}.*\(see window\.output_length\)"):
            ints_per_axis(bad, 2, "dilation", "window.output_length")
