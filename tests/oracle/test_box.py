"""oracle.resize(mode="box"): fractional pixel-area weighting (resize.box).

The weights against the spec's cells, whole resizes against the tensor product
of the spec's weights in exact arithmetic, the border conventions, NaN, every
ValueError, and the libraries the derivation names (OpenCV INTER_AREA, PyTorch's
area mode where resize.box.area says they agree).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from oracle import resize_plan
from spec.resize.box import box_weights

pytestmark = pytest.mark.spec("resize.box")

RNG = np.random.default_rng(20260101)


def _exact_resize(
    x: NDArray[np.float64], scales: list[Fraction], outs: list[int], exclude: bool
) -> NDArray[Any]:
    """The spec's box weights, applied axis by axis in exact arithmetic."""
    values = np.vectorize(Fraction, otypes=[object])(x)
    for axis, (scale, out) in enumerate(zip(scales, outs, strict=True), start=2):
        n = values.shape[axis]
        matrix = np.zeros((out, n), dtype=object)
        matrix[:] = Fraction(0)
        for i in range(out):
            for j, w in box_weights(i, scale, n, exclude).items():
                matrix[i, j] = w
        values = np.moveaxis(np.tensordot(values, matrix, axes=([axis], [1])), -1, axis)
    result: NDArray[Any] = values
    return result


@pytest.mark.parametrize("exclude", [False, True])
def test_whole_resizes_equal_exact_evaluation(exclude: bool) -> None:
    cases: list[tuple[tuple[int, ...], Any, Any]] = [
        ((7,), 3, None),
        ((5,), 8, None),
        ((4, 6), (3, 9), None),
        ((3, 4, 5), (2, 7, 5), None),
        ((6,), 4, 0.75),
        ((5, 3), (4, 2), (1.5, 0.6)),
    ]
    for shape, size, sf in cases:
        x = RNG.integers(-9, 10, size=(2, 2, *shape)).astype(np.float64)
        y = oracle.resize(x, size=size, scale_factor=sf, mode="box", exclude_outside=exclude)
        outs = list(y.shape[2:])
        if sf is None:
            scales = [Fraction(o, n) for o, n in zip(outs, shape, strict=True)]
        else:
            factors = sf if isinstance(sf, tuple) else (sf,) * len(shape)
            scales = [Fraction(f) for f in factors]
        want = _exact_resize(x, scales, outs, exclude)
        # Each weight is rounded once and each pass sums at most a few terms of size <= 9.
        error = np.abs(y - want.astype(np.float64))
        assert (error <= 2.0**-53 * 64 * 10 * len(shape)).all(), (shape, size, error.max())


def test_box_downsampling_by_an_integer_is_the_block_mean() -> None:
    x = RNG.standard_normal((1, 2, 12, 9))
    y = oracle.resize(x, size=(4, 3), mode="box")
    blocks = x.reshape(1, 2, 4, 3, 3, 3).mean(axis=(3, 5))
    np.testing.assert_allclose(y, blocks, rtol=0, atol=1e-14)
    np.testing.assert_array_equal(y, oracle.resize(x, size=(4, 3), mode="area"))


def test_box_upsampling_by_an_integer_copies_each_sample() -> None:
    x = RNG.standard_normal((1, 1, 5))
    y = oracle.resize(x, size=15, mode="box")
    np.testing.assert_array_equal(y, np.repeat(x, 3, axis=2))
    (plan,) = resize_plan((5,), size=15, mode="box")
    assert plan.taps == 1


def test_box_is_not_area_at_non_integer_ratios() -> None:
    # resize.box.area: 3 -> 2 gives (2/3, 1/3) against adaptive pooling's (1/2, 1/2).
    x = np.array([[[0.0, 6.0, 12.0]]])
    np.testing.assert_allclose(oracle.resize(x, size=2, mode="box")[0, 0], [2.0, 10.0])
    np.testing.assert_allclose(oracle.resize(x, size=2, mode="area")[0, 0], [3.0, 9.0])


def test_box_upsampling_weights_are_fractional() -> None:
    # 2 -> 5: cells of length 2/5; output 1 covers [2/5, 4/5) inside sample 0, output 2
    # covers [4/5, 6/5), half on each sample.
    (plan,) = resize_plan((2,), size=5, mode="box")
    assert plan.active is not None
    rows = [
        dict(zip(plan.indices[i][on].tolist(), plan.weights[i][on].tolist(), strict=True))
        for i, on in enumerate(plan.active)
    ]
    assert rows[1] == {0: 1.0}
    assert rows[2] == {0: 0.5, 1: 0.5}


def test_cells_beyond_the_input_replicate_or_are_dropped() -> None:
    # 4 samples, scale 1/2 given with size 3: output 2 covers [4, 6), wholly beyond the input.
    x = np.array([[[1.0, 2.0, 3.0, 4.0]]])
    y = oracle.resize(x, size=3, scale_factor=0.5, mode="box")
    np.testing.assert_allclose(y[0, 0], [1.5, 3.5, 4.0])
    with pytest.raises(ValueError, match=r"^exclude_outside: output 2 .*resize\.box"):
        oracle.resize(x, size=3, scale_factor=0.5, mode="box", exclude_outside=True)
    # 3 samples, scale 1/2: output 1 covers [2, 4): replicate reads sample 2 twice as long.
    x3 = np.array([[[1.0, 2.0, 4.0]]])
    np.testing.assert_allclose(
        oracle.resize(x3, size=2, scale_factor=0.5, mode="box")[0, 0], [1.5, 4.0]
    )
    (plan,) = resize_plan((3,), size=2, scale_factor=0.5, mode="box", exclude_outside=True)
    assert plan.weights[1].tolist()[:1] == [1.0]


def test_source_is_the_half_pixel_coordinate() -> None:
    (plan,) = resize_plan((5,), size=3, mode="box")
    assert plan.source == tuple(
        (i + Fraction(1, 2)) * Fraction(5, 3) - Fraction(1, 2) for i in range(3)
    )


@pytest.mark.spec("resize.box", "resize.nan")
def test_nan_reaches_the_outputs_whose_cells_meet_its_sample() -> None:
    x = np.arange(7.0).reshape(1, 1, 7)
    x[0, 0, 3] = np.nan
    y = oracle.resize(x, size=3, mode="box")  # cells [0, 7/3), [7/3, 14/3), [14/3, 7)
    assert np.isnan(y[0, 0]).tolist() == [False, True, False]
    x = np.arange(6.0).reshape(1, 1, 6)
    x[0, 0, 2] = np.nan
    y = oracle.resize(x, size=3, mode="box")  # cells [0, 2), [2, 4), [4, 6): touching, no overlap
    assert np.isnan(y[0, 0]).tolist() == [False, True, False]


def test_empty_batch_int_input_and_new_array() -> None:
    assert oracle.resize(np.zeros((0, 3, 5)), size=2, mode="box").shape == (0, 3, 2)
    x = np.arange(6, dtype=np.int32).reshape(1, 1, 6)
    y = oracle.resize(x, size=4, mode="box")
    assert y.dtype == np.float64
    np.testing.assert_allclose(y[0, 0], [1 / 3, 5 / 3, 10 / 3, 14 / 3], rtol=1e-15)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"coordinate_mode": "align_corners"}, r"^coordinate_mode: mode 'box' .*resize\.box"),
        (
            {"antialias": True},
            r"^antialias: applies to mode 'linear', 'cubic', 'lanczos' or 'sampled_box'",
        ),
    ],
)
def test_invalid_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        oracle.resize(np.zeros((1, 1, 4)), size=2, mode="box", **kwargs)


def test_every_row_sums_to_one_and_reads_each_sample_once() -> None:
    for n, out, sf in itertools.product(range(1, 9), range(1, 12), [None, 0.4, 1.7]):
        for exclude in (False, True):
            try:
                (plan,) = resize_plan(
                    (n,), size=out, scale_factor=sf, mode="box", exclude_outside=exclude
                )
            except ValueError:
                assert exclude
                continue
            assert plan.active is not None
            for row, weights, on in zip(plan.indices, plan.weights, plan.active, strict=True):
                assert abs(weights[on].sum() - 1) <= 4 * 2.0**-53 * len(weights), (n, out, sf)
                assert len(set(row[on].tolist())) == int(on.sum())
                assert (weights[on] > 0).all()


@pytest.mark.parametrize(("n", "out"), [(7, 3), (10, 4), (5, 8), (6, 13), (9, 18), (16, 5)])
def test_opencv_inter_area_agrees(n: int, out: int) -> None:
    cv2 = pytest.importorskip("cv2")
    x = RNG.standard_normal((3, n)).astype(np.float32)
    got = cv2.resize(x, (out, 3), interpolation=cv2.INTER_AREA)
    want = oracle.resize(x.astype(np.float64)[None, None], size=(3, out), mode="box")[0, 0]
    np.testing.assert_allclose(got, want, rtol=0, atol=4e-6 * np.abs(x).max())


@pytest.mark.spec("resize.box.area")
@pytest.mark.parametrize(("n", "out"), [(12, 4), (2, 5), (4, 10), (3, 12), (3, 2), (5, 3)])
def test_torch_area_agrees_exactly_where_resize_box_area_says(n: int, out: int) -> None:
    torch = pytest.importorskip("torch")
    x = RNG.standard_normal((1, 1, n))
    got = torch.nn.functional.interpolate(torch.from_numpy(x), size=out, mode="area").numpy()
    box = oracle.resize(x, size=out, mode="box")
    agree = n % out == 0 or (2 * out) % n == 0
    assert np.allclose(got, box, rtol=0, atol=1e-14) == agree, (n, out)
