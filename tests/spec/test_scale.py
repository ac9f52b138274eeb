"""resize.coordinate_scale: scale_factor if given, else size / in."""

from __future__ import annotations

import pytest
from sympy import Rational

from spec.resize.scale import coordinate_scale


@pytest.mark.spec("resize.coordinate_scale")
def test_coordinate_scale() -> None:
    assert coordinate_scale(3, size=4) == Rational(4, 3)
    assert coordinate_scale(3, scale_factor=1.5) == Rational(3, 2)
    assert coordinate_scale(3, size=5, scale_factor=1.5) == Rational(3, 2)
    with pytest.raises(ValueError, match="scale_factor"):
        coordinate_scale(3, scale_factor=0.0)
