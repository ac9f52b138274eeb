"""One interpolation kernel per resize method.

Each kernel is a small function of the signed distance between an input
sample and the source coordinate, measured in input pixels.  Adding a method
means adding a kernel here; :func:`oracle.resize.axis_weights` turns a kernel
into per-axis weights.

* :func:`nearest_index`: the rounding of a source coordinate to a sample index,
  exact on a :class:`~fractions.Fraction` (nearest.rounding).
* :func:`linear`: the triangle kernel of linear interpolation
  (interp.linear.weights).
* :func:`cubic`: the cubic convolution kernel of Keys (1981)
  (interp.cubic.kernel).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from oracle._args import Real, invalid, require_finite

__all__ = ["NEAREST_MODES", "cubic", "linear", "nearest_index"]

NEAREST_MODES = ("round_prefer_floor", "round_prefer_ceil", "floor", "ceil")


def nearest_index(x: Fraction, mode: str) -> int:
    """Round the exact source coordinate ``x`` to an integer sample position.

    Implements nearest.rounding.  ``mode`` is one of:

    * ``"round_prefer_floor"``: the nearest integer, a tie (``x = k + 1/2``)
      going down to ``k``;
    * ``"round_prefer_ceil"``: the nearest integer, a tie going up to ``k + 1``;
    * ``"floor"``: the largest integer ``<= x``;
    * ``"ceil"``: the smallest integer ``>= x``.

    The decision is exact: ``x`` is a rational, so a tie is a tie and nothing
    near a tie is rounded first.  The result is not clamped to the input; the
    caller clamps it to ``[0, in_length - 1]``.

    >>> [nearest_index(Fraction(k, 2), "round_prefer_floor") for k in (-3, -1, 1, 3)]
    [-2, -1, 0, 1]
    >>> [nearest_index(Fraction(k, 2), "round_prefer_ceil") for k in (-3, -1, 1, 3)]
    [-1, 0, 1, 2]
    """
    if not isinstance(x, Fraction):
        raise invalid("x", f"must be a fractions.Fraction, got {x!r}", "nearest.rounding")
    floor, remainder = divmod(x.numerator, x.denominator)
    twice = 2 * remainder  # compare the fractional part with 1/2 without dividing
    if mode == "floor":
        return floor
    if mode == "ceil":
        return floor + (remainder > 0)
    if mode == "round_prefer_floor":
        return floor + (twice > x.denominator)
    if mode == "round_prefer_ceil":
        return floor + (twice >= x.denominator)
    listed = ", ".join(repr(m) for m in NEAREST_MODES)
    raise invalid("nearest_mode", f"must be one of {listed}, got {mode!r}", "nearest.rounding")


def linear(t: ArrayLike) -> NDArray[np.float64]:
    """The triangle kernel ``max(0, 1 - |t|)`` of linear interpolation.

    Implements interp.linear.weights: a sample at distance ``t`` from the
    source coordinate gets weight ``1 - |t|`` when ``|t| < 1`` and ``0``
    otherwise, so the two samples around the coordinate get ``1 - f`` and
    ``f`` (``f`` the fractional part of the coordinate).  Vectorised over a
    float64 array of distances.

    >>> linear([0.0, 0.25, -0.25, 1.0, 1.5]).tolist()
    [1.0, 0.75, 0.75, 0.0, 0.0]
    """
    distance = np.abs(np.asarray(t, dtype=np.float64))
    return np.where(distance < 1.0, 1.0 - distance, 0.0)


def cubic(t: ArrayLike, a: Real) -> NDArray[np.float64]:
    """The cubic convolution kernel of Keys (1981) with free parameter ``a``.

    Implements interp.cubic.kernel (R. Keys, "Cubic convolution interpolation
    for digital image processing", IEEE Trans. ASSP 29(6), 1981, eq. 15 with
    ``a`` free): for ``s = |t|``

    * ``(a + 2) s^3 - (a + 3) s^2 + 1`` when ``s <= 1``;
    * ``a s^3 - 5 a s^2 + 8 a s - 4 a`` when ``1 < s < 2``;
    * ``0`` when ``s >= 2``.

    ``a = -1/2`` is Keys' third-order choice (interp.cubic.a_half); ``a = -3/4``
    is the PyTorch, ONNX and OpenCV default (interp.cubic.default_a).  Both
    pieces are evaluated in Horner form.  Vectorised over a float64 array of
    distances.

    >>> cubic([0.0, 0.5, 1.0, 1.5, 2.0], -0.5).tolist()
    [1.0, 0.5625, 0.0, -0.0625, 0.0]
    """
    a = float(require_finite(a, "cubic_a", "interp.cubic.kernel"))
    s = np.abs(np.asarray(t, dtype=np.float64))
    inner = ((a + 2.0) * s - (a + 3.0)) * s * s + 1.0
    outer = ((a * s - 5.0 * a) * s + 8.0 * a) * s - 4.0 * a
    return np.where(s <= 1.0, inner, np.where(s < 2.0, outer, 0.0))
