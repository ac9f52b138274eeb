"""tolerance.dot: unit roundoffs, gamma, and the bound of a sum of products."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from spec import tolerance
from spec._exact import float32, round_significand

ID = "tolerance.dot"
U32 = tolerance.unit_roundoff("float32")


@pytest.mark.spec(ID)
@pytest.mark.parametrize(
    ("name", "bits"),
    [("float64", 53), ("float32", 24), ("tf32", 11), ("float16", 11), ("bfloat16", 8)],
)
def test_unit_roundoff_is_half_the_machine_epsilon(name: str, bits: int) -> None:
    assert tolerance.unit_roundoff(name) == Fraction(1, 2**bits)


@pytest.mark.spec(ID)
def test_gamma_exact_and_float() -> None:
    # Higham 2002, Lemma 3.1: gamma_n = n u / (1 - n u).
    assert tolerance.gamma(3, Fraction(1, 8)) == Fraction(3, 5)
    assert tolerance.gamma(3, 0.125) == pytest.approx(0.6)
    assert isinstance(tolerance.gamma(3, 0.125), float)
    with pytest.raises(ValueError, match="k"):
        tolerance.gamma(-1, U32)
    with pytest.raises(ValueError, match=r"tolerance\.dot"):
        tolerance.gamma(8, Fraction(1, 8))


@pytest.mark.spec(ID)
def test_unknown_dtype_names_the_parameter() -> None:
    with pytest.raises(ValueError, match="dtype_name"):
        tolerance.unit_roundoff("int8")


@pytest.mark.spec(ID)
def test_dot_bound_is_gamma_n_times_the_absolute_sum() -> None:
    assert tolerance.dot_bound(10, 4, U32) == 10 * tolerance.gamma(4, U32)
    factor = tolerance.dot_error_factor(4, U32, rounded_operands=1)
    assert tolerance.gamma(4, U32) < factor <= tolerance.gamma(5, U32)
    tf32 = tolerance.unit_roundoff("tf32")
    assert tolerance.dot_error_factor(4, U32, rounded_operands=2, operand_u=tf32) > 2 * tf32


@pytest.mark.spec(ID)
@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_terms": 0}, "n_terms"),
        ({"n_terms": 2, "rounded_operands": 3}, "rounded_operands"),
    ],
)
def test_invalid_arguments_name_the_parameter(kwargs: dict[str, int], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        tolerance.dot_error_factor(u=U32, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="abs_weighted_sum"):
        tolerance.dot_bound(-1, 2, U32)


@pytest.mark.spec(ID)
def test_random_float32_dot_products_stay_within_the_bound() -> None:
    rng = random.Random(6)
    for _ in range(300):
        n = rng.randint(1, 40)
        w = [float32(rng.uniform(-1, 1)) for _ in range(n)]
        x = [float32(rng.uniform(-100, 100)) for _ in range(n)]
        exact = sum((Fraction(a) * Fraction(b) for a, b in zip(w, x, strict=True)), Fraction(0))
        acc = 0.0
        for a, b in zip(w, x, strict=True):
            acc = float32(acc + float32(a * b))
        scale = sum(
            (abs(Fraction(a) * Fraction(b)) for a, b in zip(w, x, strict=True)), Fraction(0)
        )
        assert abs(Fraction(acc) - exact) <= tolerance.dot_bound(scale, n, U32)


@pytest.mark.spec(ID)
def test_round_significand_matches_float32_rounding() -> None:
    rng = random.Random(7)
    for _ in range(200):
        value = rng.uniform(-1e3, 1e3)
        assert round_significand(Fraction(value), 24) == Fraction(float32(value))
