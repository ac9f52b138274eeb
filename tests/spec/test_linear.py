"""interp.linear.*: 1-D weights from the two-point line, separable N-d passes, centre of four."""

from __future__ import annotations

import itertools

import pytest
import sympy
from sympy import Rational

from spec.resize.linear import (
    corner_values,
    lerp,
    linear_tap_weights,
    linear_taps,
    linear_weights,
    nonzero_weights,
    reproduction_weights,
    separable_interpolate,
    tensor_product_weights,
    x,
    x1,
    x2,
    y,
    y1,
    y2,
)


@pytest.mark.spec("interp.linear.weights")
def test_burden_faires_example_line_through_2_4_and_5_1() -> None:
    # Burden & Faires, Numerical Analysis, Sec. 3.1, Example 1: the linear Lagrange
    # polynomial through (2, 4) and (5, 1) is P(x) = -x + 6.
    p = lerp(x, 2, 5, 4, 1)
    assert sympy.simplify(p - (6 - x)) == 0


@pytest.mark.spec("interp.linear.weights")
def test_weights_are_the_published_lagrange_form() -> None:
    w1, w2 = linear_weights()
    assert sympy.simplify(w1 - (x - x2) / (x1 - x2)) == 0
    assert sympy.simplify(w2 - (x - x1) / (x2 - x1)) == 0


@pytest.mark.spec("interp.linear.separable")
def test_numerical_recipes_unit_square_form() -> None:
    # Press et al., Numerical Recipes, Sec. 3.6: on the unit cell with t, u the fractional
    # positions, y = (1-t)(1-u) y1 + t(1-u) y2 + t u y3 + (1-t) u y4 (corners counterclockwise).
    t, u = sympy.symbols("t u")
    q = corner_values(2)
    unit = {x1: 0, x2: 1, y1: 0, y2: 1, x: t, y: u}
    got = separable_interpolate(q, (0, 1)).subs(unit)
    published = (
        (1 - t) * (1 - u) * q[(1, 1)]
        + t * (1 - u) * q[(2, 1)]
        + t * u * q[(2, 2)]
        + (1 - t) * u * q[(1, 2)]
    )
    assert sympy.expand(got - published) == 0


@pytest.mark.spec("interp.linear.separable")
@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_trilinear_order_on_numbers(order: tuple[int, int, int]) -> None:
    values = {c: sympy.Integer(v) for c, v in zip(corner_values(3), range(3, 30, 3), strict=False)}
    point = {
        x: Rational(1, 3),
        y: Rational(3, 4),
        sympy.Symbol("z", real=True): Rational(1, 5),
        x1: 0,
        x2: 1,
        y1: 0,
        y2: 1,
        sympy.Symbol("z_1", real=True): 0,
        sympy.Symbol("z_2", real=True): 1,
    }
    reference = separable_interpolate(values, (0, 1, 2)).subs(point)
    assert separable_interpolate(values, order).subs(point) == reference


@pytest.mark.spec("interp.linear.separable")
def test_separable_interpolate_rejects_an_incomplete_order() -> None:
    with pytest.raises(ValueError, match="order"):
        separable_interpolate(corner_values(2), (0,))


@pytest.mark.spec("interp.linear.separable")
def test_tensor_product_weights_in_3d_sum_to_one() -> None:
    assert sympy.simplify(sympy.Add(*tensor_product_weights(3).values()) - 1) == 0


@pytest.mark.spec("interp.linear.center_of_four")
def test_centre_of_four_is_one_quarter_each_and_not_one_half() -> None:
    centre = {x: (x1 + x2) / 2, y: (y1 + y2) / 2}
    weights = [sympy.simplify(w.subs(centre)) for w in tensor_product_weights(2).values()]
    assert weights == [Rational(1, 4)] * 4
    # The explainer's weights of 0.5 would double a constant image.
    assert sum([Rational(1, 2)] * 4) == 2


@pytest.mark.spec("interp.linear.center_of_four")
def test_reproduction_system_has_a_unique_solution() -> None:
    weights, det = reproduction_weights(2)
    assert det != 0
    for corner, weight in tensor_product_weights(2).items():
        assert sympy.simplify(weights[corner] - weight) == 0


@pytest.mark.spec("interp.linear.weights", "resize.border")
def test_tap_weights_on_a_grid() -> None:
    assert linear_tap_weights(Rational(5, 4), 4) == {1: Rational(3, 4), 2: Rational(1, 4)}
    assert linear_tap_weights(3, 4) == {3: 1}
    assert nonzero_weights(linear_tap_weights(2, 4)) == {2: 1}
    assert linear_taps(2, 4) == (2, 3)
    assert linear_taps(Rational(-1, 2), 4) == (0, 0)


@pytest.mark.spec("resize.border")
def test_exclude_outside_without_weight_raises() -> None:
    with pytest.raises(ValueError, match="position"):
        linear_tap_weights(-1, 4, exclude_outside=True)
