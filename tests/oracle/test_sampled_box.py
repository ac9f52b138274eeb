"""oracle.resize(mode="sampled_box"): nearest's box as a kernel (resize.sampled_box).

The plans against the spec's exact weights for every coordinate mode, nearest mode,
border and stretch; unstretched or growing it is nearest; 1 to 3 axes, N > 1 and
length 1; NaN; every ValueError; and Pillow's BOX filter, the library the derivation names.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

import oracle
from oracle import resize_plan
from oracle.kernels import nearest_index, nearest_window
from spec.resize.box import stretched_box_weights

pytestmark = pytest.mark.spec("resize.sampled_box")

RNG = np.random.default_rng(20261202)
COORDINATES = (
    "half_pixel",
    "half_pixel_symmetric",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
)


def _rows(plan: oracle.AxisPlan) -> list[dict[int, float]]:
    active = np.ones(plan.indices.shape, dtype=bool) if plan.active is None else plan.active
    rows = []
    for idx, w, on in zip(plan.indices, plan.weights, active, strict=True):
        row: dict[int, float] = {}
        for j, v, a in zip(idx.tolist(), w.tolist(), on.tolist(), strict=True):
            if a:
                row[j] = row.get(j, 0.0) + v
        rows.append(row)
    return rows


@pytest.mark.parametrize("nearest_mode", oracle.NEAREST_MODES)
@pytest.mark.parametrize("exclude", [False, True])
@pytest.mark.parametrize("antialias", [False, True])
def test_plans_are_the_spec_weights_rounded_once(
    nearest_mode: str, exclude: bool, antialias: bool
) -> None:
    checked = 0
    for n, out, coordinate in itertools.product(range(1, 11), range(1, 23), COORDINATES):
        kwargs = dict(
            size=out,
            mode="sampled_box",
            coordinate_mode=coordinate,
            nearest_mode=nearest_mode,
            antialias=antialias,
            exclude_outside=exclude,
        )
        scale = Fraction(out, n)
        sources = resize_plan((n,), size=out, coordinate_mode=coordinate)[0].source  # type: ignore[arg-type]
        assert sources is not None
        try:
            want = [
                stretched_box_weights(
                    x, scale, n, nearest_mode, antialias=antialias, exclude=exclude
                )
                for x in sources
            ]
        except ValueError:
            with pytest.raises(ValueError, match="exclude_outside"):
                resize_plan((n,), **kwargs)  # type: ignore[arg-type]
            continue
        (plan,) = resize_plan((n,), **kwargs)  # type: ignore[arg-type]
        assert _rows(plan) == [{j: float(w) for j, w in row.items()} for row in want]
        checked += 1
    assert checked > 250


def test_a_worked_example() -> None:
    # 5 -> 2, half_pixel, round_prefer_ceil: x = 0.75 and 3.25, s = 2/5, so the box
    # (x - 5/4, x + 5/4] holds samples 0, 1, 2 and 3, 4 (resize.box.sampled's example).
    (plan,) = resize_plan(
        (5,), size=2, mode="sampled_box", nearest_mode="round_prefer_ceil", antialias=True
    )
    assert _rows(plan) == [{0: 1 / 3, 1: 1 / 3, 2: 1 / 3}, {3: 1 / 2, 4: 1 / 2}]
    # round_prefer_floor closes the other end: at 4 -> 2 (x = 0.5, 2.5) the boxes
    # [x - 1, x + 1) take 0, 1 and 2, 3; floor's (x - 2, x] reaches sample -1.
    (plan,) = resize_plan((4,), size=2, mode="sampled_box", antialias=True)
    assert _rows(plan) == [{0: 1 / 2, 1: 1 / 2}, {2: 1 / 2, 3: 1 / 2}]
    assert nearest_window(Fraction(1, 2), "round_prefer_floor", Fraction(1, 2)) == (0, 1)
    assert nearest_window(Fraction(1, 2), "floor", Fraction(1, 2)) == (-1, 0)


@pytest.mark.parametrize("nearest_mode", oracle.NEAREST_MODES)
def test_unstretched_window_is_the_nearest_index(nearest_mode: str) -> None:
    for k in range(-40, 41):
        x = Fraction(k, 8)
        index = nearest_index(x, nearest_mode)  # type: ignore[arg-type]
        assert nearest_window(x, nearest_mode, Fraction(1)) == (index, index)  # type: ignore[arg-type]


@pytest.mark.parametrize("coordinate", COORDINATES)
def test_unstretched_or_growing_is_nearest(coordinate: str) -> None:
    # with the edge replicated: one tap, R(x), clamped (nearest.rounding)
    x = RNG.standard_normal((2, 3, 4, 5))
    for nearest_mode, size in itertools.product(oracle.NEAREST_MODES, [(7, 5), (3, 2)]):
        common = dict(size=size, coordinate_mode=coordinate, nearest_mode=nearest_mode)
        plain = oracle.resize(x, mode="nearest", **common)  # type: ignore[arg-type]
        assert np.array_equal(oracle.resize(x, mode="sampled_box", **common), plain)  # type: ignore[arg-type]
        if size == (7, 5):
            stretched = oracle.resize(x, mode="sampled_box", antialias=True, **common)  # type: ignore[arg-type]
            assert np.array_equal(stretched, plain)


def test_integer_ratio_tiles_the_input_like_area() -> None:
    # s = out/in with out | in: every window holds in/out whole samples, as area's do
    x = RNG.standard_normal((2, 2, 12, 8, 6))
    kwargs = dict(size=(4, 2, 3), nearest_mode="round_prefer_ceil", antialias=True)
    got = oracle.resize(x, mode="sampled_box", **kwargs)  # type: ignore[arg-type]
    np.testing.assert_allclose(got, oracle.resize(x, size=(4, 2, 3), mode="area"), rtol=1e-15)


@pytest.mark.parametrize("ndim", [1, 2, 3])
def test_axes_batch_and_length_one(ndim: int) -> None:
    shape = (3, 2, *[5, 4, 3][:ndim])
    x = RNG.standard_normal(shape)
    y = oracle.resize(
        x,
        size=(1,) * ndim,
        mode="sampled_box",
        nearest_mode="round_prefer_ceil",
        antialias=True,
        exclude_outside=True,
    )
    assert y.shape == (3, 2, *(1,) * ndim)
    # one output over the whole input: the box 1/s = in long holds every sample once
    np.testing.assert_allclose(y.reshape(3, 2), x.reshape(3, 2, -1).mean(axis=-1), rtol=1e-14)
    first = x[(slice(None), slice(None), *[slice(0, 1)] * ndim)]
    one = oracle.resize(first, size=(2,) * ndim, mode="sampled_box", antialias=True)
    assert np.array_equal(one, np.broadcast_to(first, one.shape))


def test_nan_poisons_exactly_the_outputs_whose_box_holds_it() -> None:
    x = np.arange(10.0).reshape(1, 1, 10)
    x[0, 0, 4] = np.nan
    y = oracle.resize(
        x, size=3, mode="sampled_box", nearest_mode="round_prefer_ceil", antialias=True
    )
    # 10 -> 3, s = 3/10: boxes (i/s - 1/2, (i + 1)/s - 1/2] hold 0..2, 3..6, 7..9
    assert np.isnan(y[0, 0]).tolist() == [False, True, False]
    assert y[0, 0, 0] == 1.0 and y[0, 0, 2] == 8.0


def test_exclude_outside_with_no_tap_inside_names_the_parameter() -> None:
    # asymmetric 4 -> 1 at scale_factor 1/8: x = 0, s = 1/8, floor's box (-8, 0] keeps
    # sample 0 alone; at 4 -> 2 and scale_factor 1/5, output 1 (x = 5) has ceil's box
    # [5, 10), wholly beyond the input.
    (plan,) = resize_plan(
        (4,),
        size=1,
        scale_factor=0.125,
        mode="sampled_box",
        coordinate_mode="asymmetric",
        nearest_mode="floor",
        antialias=True,
        exclude_outside=True,
    )
    assert _rows(plan) == [{0: 1.0}]
    with pytest.raises(ValueError, match=r"exclude_outside.*resize\.sampled_box"):
        resize_plan(
            (4,),
            size=2,
            scale_factor=0.2,
            mode="sampled_box",
            coordinate_mode="asymmetric",
            nearest_mode="ceil",
            antialias=True,
            exclude_outside=True,
        )
    with pytest.raises(ValueError, match="antialias"):
        resize_plan((4,), size=2, mode="area", antialias=True)


def test_tf_crop_and_resize_extrapolates_outputs_without_a_tap() -> None:
    x = RNG.standard_normal((1, 1, 6))
    y = oracle.resize(
        x,
        size=3,
        mode="sampled_box",
        coordinate_mode="tf_crop_and_resize",
        roi=((-1.0, 0.4),),
        nearest_mode="round_prefer_ceil",
        antialias=True,
        exclude_outside=True,
        extrapolation_value=7.0,
    )
    assert y[0, 0, 0] == 7.0 and np.isfinite(y).all()


@pytest.mark.parametrize(("n", "out"), [(7, 3), (10, 4), (16, 5), (5, 8), (9, 2), (13, 5)])
def test_pillow_box_is_the_stretched_sampled_box(n: int, out: int) -> None:
    image_module = pytest.importorskip("PIL.Image")
    x = RNG.standard_normal((1, 1, 2, n)).astype(np.float32)
    planes = [image_module.fromarray(p, mode="F") for p in x[0]]
    got = np.stack([np.asarray(p.resize((out, 2), image_module.Resampling.BOX)) for p in planes])
    want = oracle.resize(
        x.astype(np.float64),
        size=(2, out),
        mode="sampled_box",
        nearest_mode="round_prefer_ceil",
        antialias=True,
        exclude_outside=True,
    )
    np.testing.assert_allclose(got, want[0], rtol=0, atol=4e-6)
