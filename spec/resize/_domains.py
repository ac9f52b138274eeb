"""Finite domains shared by the resize chapter's exhaustive claims."""

from __future__ import annotations

import math
from collections.abc import Iterator

from sympy import Rational

__all__ = ["LINEAR_MODES", "MAX_IN", "MAX_OUT", "SCALES", "SCALES_TEXT", "size_cases"]

#: Input and output lengths of the exhaustive claims over sizes.
MAX_IN = 8
MAX_OUT = 16

#: Coordinate scales p/q with q <= 4 and p <= 12, in lowest terms.
SCALES = tuple(Rational(p, q) for q in range(1, 5) for p in range(1, 13) if math.gcd(p, q) == 1)
SCALES_TEXT = "s = p/q with q <= 4, p <= 12"

#: The coordinate modes that map every output into [-1, in] (all but tf_crop_and_resize).
LINEAR_MODES = (
    "half_pixel",
    "half_pixel_symmetric",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
)


def size_cases() -> Iterator[tuple[int, int]]:
    """Every ``(in, out)`` with ``in = 1..MAX_IN`` and ``out = 1..MAX_OUT``."""
    for in_len in range(1, MAX_IN + 1):
        for out_len in range(1, MAX_OUT + 1):
            yield in_len, out_len
