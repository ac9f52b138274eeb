"""The jax backend (jax.image and jax.lax on the CPU).

jax is an optional extra (``jax``), not installed in CI: the short run skips
there; registration and not-available reporting run everywhere.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from conformance.backends.jax import scale_translation
from tests.conformance.backend_checks import (
    assert_registered,
    assert_unavailable_without,
    short_run,
)


def test_jax_is_registered() -> None:
    assert_registered("jax", "float32")


def test_jax_without_jax_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_unavailable_without(monkeypatch, "jax", "jax", "jax is not installed")


def test_scale_and_translation_reproduce_the_coordinate_map() -> None:
    half = Fraction(1, 2)
    source = tuple((i + half) * Fraction(2, 3) - half for i in range(6))  # half_pixel, 4 -> 6
    assert scale_translation(source, Fraction(3, 2)) == (Fraction(3, 2), Fraction(0))
    source = tuple(Fraction(2 * i, 3) for i in range(6))  # asymmetric, 4 -> 6
    assert scale_translation(source, Fraction(3, 2)) == (Fraction(3, 2), Fraction(-1, 4))


def test_jax_short_run() -> None:
    pytest.importorskip("jax")
    short_run(
        "jax",
        [
            "resize[linear-half_pixel]",
            "resize[lanczos-half_pixel-exclude_outside]",
            "conv_transpose[basic]",
        ],
    )
