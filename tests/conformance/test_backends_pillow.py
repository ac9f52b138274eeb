"""The pillow backend (Image.resize in mode F, the box giving the coordinate map).

Pillow is an optional extra (``pillow``), not installed in CI: the short run
skips there; registration and not-available reporting run everywhere.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from conformance.backends.pillow import affine_box
from tests.conformance.backend_checks import (
    assert_registered,
    assert_unavailable_without,
    short_run,
)


def test_pillow_is_registered() -> None:
    assert_registered("pillow", "float32")


def test_pillow_without_pil_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_unavailable_without(monkeypatch, "pillow", "PIL", "pillow is not installed")


def test_the_box_reproduces_half_pixel_and_asymmetric() -> None:
    half = Fraction(1, 2)
    # half_pixel, 4 -> 6: x = (i + 1/2) 2/3 - 1/2; the box is the whole image
    source = tuple((i + half) * Fraction(2, 3) - half for i in range(6))
    assert affine_box(source, Fraction(3, 2)) == (Fraction(0), Fraction(4), Fraction(2, 3))
    # asymmetric, 4 -> 6: x = 2 i / 3; the box starts 1/6 in
    source = tuple(Fraction(2 * i, 3) for i in range(6))
    assert affine_box(source, Fraction(3, 2)) == (Fraction(1, 6), Fraction(25, 6), Fraction(2, 3))


def test_pillow_short_run() -> None:
    pytest.importorskip("PIL")
    short_run(
        "pillow",
        [
            "resize[linear-half_pixel]",
            "resize[cubic-half_pixel-antialias-*]",
            "resize[lanczos-half_pixel-antialias-exclude_outside]",
            "resize[box]",
        ],
    )
