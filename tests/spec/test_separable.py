"""resize.separable: N-d resize as 1-D passes in any order."""

from __future__ import annotations

import pytest
import sympy

from spec.resize.separable import axis_operator, linear_resize_matrix, separable_operator


@pytest.mark.spec("resize.separable")
def test_separable_operator_orders_agree_on_real_resizes() -> None:
    a = linear_resize_matrix("half_pixel", 3, 5)
    b = linear_resize_matrix("align_corners", 2, 4)
    c = linear_resize_matrix("asymmetric", 2, 3)
    first = separable_operator([a, b, c], (0, 1, 2))
    assert first == separable_operator([a, b, c], (2, 0, 1))
    assert first == sympy.kronecker_product(a, b, c)


@pytest.mark.spec("resize.separable")
def test_axis_operator_is_a_kronecker_product_with_identities() -> None:
    m = sympy.Matrix([[1, 2]])
    assert axis_operator(m, 0, (2, 3)) == sympy.kronecker_product(m, sympy.eye(3))
