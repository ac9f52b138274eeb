"""oracle.kernels: one kernel per method; properties and error paths.

The kernels' values are compared with the spec's closed forms in
test_matches_spec.py.  Derivations: nearest.rounding, interp.linear.weights,
interp.cubic.kernel.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from oracle import NearestMode, kernels

# --- nearest.rounding --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        # x = -3/2, -1, -1/2, -1/4, 0, 1/4, 1/2, 3/4, 1, 3/2, 5/2
        ("round_prefer_floor", [-2, -1, -1, 0, 0, 0, 0, 1, 1, 1, 2]),
        ("round_prefer_ceil", [-1, -1, 0, 0, 0, 0, 1, 1, 1, 2, 3]),
        ("floor", [-2, -1, -1, -1, 0, 0, 0, 0, 1, 1, 2]),
        ("ceil", [-1, -1, 0, 0, 0, 1, 1, 1, 1, 2, 3]),
    ],
)
def test_nearest_index_all_modes_with_exact_ties(mode: NearestMode, expected: list[int]) -> None:
    xs = [
        Fraction(n, d)
        for n, d in [
            (-3, 2),
            (-1, 1),
            (-1, 2),
            (-1, 4),
            (0, 1),
            (1, 4),
            (1, 2),
            (3, 4),
            (1, 1),
            (3, 2),
            (5, 2),
        ]
    ]
    assert [kernels.nearest_index(x, mode) for x in xs] == expected


def test_nearest_index_is_exact_next_to_a_tie() -> None:
    # The float nearest to 0.5 + 2^-60 is 0.5 itself; the rational is not a tie.
    above = Fraction(1, 2) + Fraction(1, 2**60)
    below = Fraction(1, 2) - Fraction(1, 2**60)
    assert kernels.nearest_index(above, "round_prefer_floor") == 1
    assert kernels.nearest_index(below, "round_prefer_ceil") == 0
    # 0.1 as a float is slightly above 1/10: 10 * 0.1 is slightly above 1.
    assert kernels.nearest_index(10 * Fraction(0.1), "ceil") == 2
    assert kernels.nearest_index(10 * Fraction(0.1), "floor") == 1


def test_nearest_index_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="nearest_mode"):
        kernels.nearest_index(Fraction(1, 2), "round_half_even")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^x: must be a fractions\.Fraction"):
        kernels.nearest_index(0.5, "floor")  # type: ignore[arg-type]


# --- interp.linear.weights ---------------------------------------------------------------


def test_linear_is_the_triangle_kernel() -> None:
    t = np.array([-2.0, -1.0, -0.75, -0.5, 0.0, 0.25, 0.5, 0.999, 1.0, 3.0])
    expected = np.array([0.0, 0.0, 0.25, 0.5, 1.0, 0.75, 0.5, 0.001, 0.0, 0.0])
    np.testing.assert_allclose(kernels.linear(t), expected, rtol=0, atol=1e-15)


def test_linear_weights_of_the_two_neighbours_sum_to_one() -> None:
    # The weights themselves are checked against the spec in test_matches_spec.py.
    f = np.linspace(0.0, 1.0, 1001)[:-1]
    w0, w1 = kernels.linear(-f), kernels.linear(1.0 - f)
    np.testing.assert_allclose(w0 + w1, 1.0, rtol=0, atol=2.0**-52)


def test_linear_keeps_the_shape() -> None:
    assert kernels.linear(np.zeros((3, 4))).shape == (3, 4)
    assert kernels.linear(0.5).shape == ()


# --- interp.cubic.kernel -----------------------------------------------------------------


@pytest.mark.parametrize("a", [-0.5, -0.75])
def test_cubic_interpolates_and_has_support_two(a: float) -> None:
    values = kernels.cubic(np.array([0.0, 1.0, -1.0, 2.0, -2.0, 2.5, 100.0]), a)
    assert values.tolist() == [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize("a", [-0.5, -0.75])
def test_cubic_weights_are_a_partition_of_unity(a: float) -> None:
    f = np.linspace(0.0, 1.0, 257)
    total = sum(kernels.cubic(m - f, a) for m in (-1, 0, 1, 2))
    np.testing.assert_allclose(total, 1.0, rtol=0, atol=4e-16)


def test_cubic_a_half_values_from_keys_1981() -> None:
    # Keys (1981), a = -1/2: u(1/2) = 9/16, u(3/2) = -1/16.
    assert kernels.cubic(np.array([0.5, 1.5]), -0.5).tolist() == [0.5625, -0.0625]


def test_cubic_detects_a_one_percent_change_in_a() -> None:
    assert abs(kernels.cubic(1.5, -0.75) - kernels.cubic(1.5, -0.7575)) > 1e-4


def test_cubic_rejects_non_finite_a() -> None:
    with pytest.raises(ValueError, match="cubic_a"):
        kernels.cubic(0.5, float("nan"))
    with pytest.raises(ValueError, match="cubic_a"):
        kernels.cubic(0.5, True)
