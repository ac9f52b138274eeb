"""oracle.resize(mode="lanczos"): the kernel, its normalised weights and the order lanczos_a.

Whole resizes against the tensor product of the spec's weights, interpolation at
integer coordinates, NaN on zero-weight taps, the order's validation, and the
unchanged defaults of the other modes (interp.lanczos.kernel, interp.lanczos.weights).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from oracle import kernels, resize_plan
from spec.resize.lanczos import lanczos_float, lanczos_weights

pytestmark = pytest.mark.spec("interp.lanczos.kernel", "interp.lanczos.weights")

RNG = np.random.default_rng(20260102)


def _spec_value(dist: Fraction, a: int) -> Fraction:
    return Fraction(lanczos_float(dist, a))


def _spec_resize(x: NDArray[np.float64], n_out: int, a: int, **kwargs: Any) -> NDArray[np.float64]:
    """One axis through the spec's weights (half_pixel, s = out/in), in float64."""
    n = x.shape[-1]
    scale = Fraction(n_out, n)
    matrix = np.zeros((n_out, n))
    for i in range(n_out):
        position = (i + Fraction(1, 2)) / scale - Fraction(1, 2)
        for j, w in lanczos_weights(position, scale, n, a, value=_spec_value, **kwargs).items():
            matrix[i, j] = float(w)
    return np.asarray(x @ matrix.T)


@pytest.mark.parametrize("a", [1, 2, 3, 4, 5])
@pytest.mark.parametrize(
    ("exclude", "antialias"), [(False, False), (True, False), (True, True), (False, True)]
)
def test_one_axis_equals_the_spec_weights(a: int, exclude: bool, antialias: bool) -> None:
    for n, out in [(7, 3), (5, 8), (9, 2), (4, 4), (3, 11)]:
        x = RNG.standard_normal((1, 2, n))
        y = oracle.resize(
            x, size=out, mode="lanczos", lanczos_a=a, exclude_outside=exclude, antialias=antialias
        )
        want = _spec_resize(x, out, a, exclude=exclude, antialias=antialias)
        np.testing.assert_allclose(y, want, rtol=0, atol=1e-13, err_msg=f"{n} -> {out}")


def test_axes_are_separable() -> None:
    x = RNG.standard_normal((1, 1, 6, 5))
    y = oracle.resize(x, size=(4, 9), mode="lanczos", lanczos_a=2)
    rows = oracle.resize(x, size=(6, 9), mode="lanczos", lanczos_a=2)
    both = oracle.resize(np.swapaxes(rows, 2, 3), size=(9, 4), mode="lanczos", lanczos_a=2)
    np.testing.assert_allclose(y, np.swapaxes(both, 2, 3), rtol=0, atol=1e-13)


@pytest.mark.parametrize("a", [1, 3, 4, 5])
def test_integer_coordinates_read_the_sample_exactly(a: int) -> None:
    # s = 1 (half_pixel) and align_corners from 5 to 9 put every output on a sample or halfway.
    x = RNG.standard_normal((2, 1, 5))
    for exclude in (False, True):
        same = oracle.resize(x, size=5, mode="lanczos", lanczos_a=a, exclude_outside=exclude)
        np.testing.assert_array_equal(same, x)
        corners = oracle.resize(
            x,
            size=9,
            mode="lanczos",
            coordinate_mode="align_corners",
            lanczos_a=a,
            exclude_outside=exclude,
        )
        np.testing.assert_array_equal(corners[..., ::2], x)


def test_weights_are_normalised_and_not_the_raw_kernel() -> None:
    (plan,) = resize_plan((8,), size=4, mode="lanczos", lanczos_a=3)  # x = 1/2 + 2i
    assert plan.taps == 6
    raw = kernels.lanczos(np.array([2.5, 1.5, 0.5, -0.5, -1.5, -2.5]), 3)
    np.testing.assert_allclose(plan.weights[1], raw / raw.sum(), rtol=0, atol=1e-16)
    assert abs(raw.sum() - 736 / (75 * np.pi**2)) < 1e-15  # interp.lanczos.weights
    assert abs(plan.weights.sum(axis=1) - 1).max() < 1e-15


@pytest.mark.spec("interp.lanczos.weights", "resize.nan")
def test_nan_at_a_zero_weight_tap_propagates() -> None:
    # At s = 1 output 3 reads samples 1..6 with weights (0, 0, 1, 0, 0, 0): the tap set holds 6.
    x = np.arange(8.0).reshape(1, 1, 8)
    x[0, 0, 6] = np.nan
    y = oracle.resize(x, size=8, mode="lanczos", lanczos_a=3)
    assert np.isnan(y[0, 0]).tolist() == [False, False, False, True, True, True, True, True]


def test_edge_replicate_and_exclude_outside_differ_at_the_border() -> None:
    x = np.array([[[1.0, 2.0, 4.0, 8.0]]])
    replicate = oracle.resize(x, size=8, mode="lanczos", lanczos_a=3)
    exclude = oracle.resize(x, size=8, mode="lanczos", lanczos_a=3, exclude_outside=True)
    assert replicate[0, 0, 0] != exclude[0, 0, 0]
    assert replicate[0, 0, 4] != exclude[0, 0, 4]


def test_antialias_changes_nothing_when_upsampling() -> None:
    x = RNG.standard_normal((1, 1, 5))
    plain = oracle.resize(x, size=12, mode="lanczos", lanczos_a=4)
    np.testing.assert_array_equal(
        plain, oracle.resize(x, size=12, mode="lanczos", lanczos_a=4, antialias=True)
    )


def test_lanczos_a_travels_through_axis_weights() -> None:
    source = [Fraction(k, 3) for k in range(-2, 10)]
    for a in (1, 2, 5):
        indices, weights = oracle.axis_weights(
            source,
            4,
            mode="lanczos",
            cubic_a=-0.75,
            exclude_outside=False,
            scale=1,
            antialias=False,
            lanczos_a=a,
        )
        assert indices.shape[1] == min(2 * a, 4)
        assert np.allclose(weights.sum(axis=1), 1)


@pytest.mark.parametrize("bad", [0, -1, 2.5, 3.0, True, "3", None])
def test_invalid_order_names_lanczos_a(bad: Any) -> None:
    with pytest.raises(
        ValueError, match=r"^lanczos_a: must be an int >= 1.*interp\.lanczos\.kernel"
    ):
        oracle.resize(np.zeros((1, 1, 4)), size=2, mode="lanczos", lanczos_a=bad)
    with pytest.raises(ValueError, match=r"^lanczos_a:"):
        oracle.resize(np.zeros((1, 1, 4)), size=2, mode="linear", lanczos_a=bad)


def test_numpy_integer_order_is_accepted() -> None:
    x = RNG.standard_normal((1, 1, 6))
    np.testing.assert_array_equal(
        oracle.resize(x, size=4, mode="lanczos", lanczos_a=np.int64(4)),
        oracle.resize(x, size=4, mode="lanczos", lanczos_a=4),
    )


def test_defaults_of_the_other_modes_are_unchanged() -> None:
    x = RNG.standard_normal((1, 2, 7))
    for mode, kwargs in itertools.product(
        ("nearest", "linear", "cubic", "area"), ({}, {"lanczos_a": 5})
    ):
        np.testing.assert_array_equal(
            oracle.resize(x, size=4, mode=mode, **kwargs),  # type: ignore[arg-type]
            oracle.resize(x, size=4, mode=mode),  # type: ignore[arg-type]
        )
    assert oracle.resize(x, size=4).tolist() == oracle.resize(x, size=4, mode="nearest").tolist()


def test_empty_batch() -> None:
    assert oracle.resize(np.zeros((0, 2, 5)), size=3, mode="lanczos").shape == (0, 2, 3)
