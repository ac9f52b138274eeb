"""interp.lanczos.kernel and interp.lanczos.weights: worked values, the libraries' forms, and
the installed libraries (OpenCV, Pillow, jax) against the spec's weights."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from numpy.typing import NDArray

from spec.resize import lanczos as lz

KERNEL = "interp.lanczos.kernel"
WEIGHTS = "interp.lanczos.weights"


@pytest.mark.spec(KERNEL)
def test_worked_values() -> None:
    pi = sympy.pi
    assert lz.lanczos_value(Fraction(1, 2), 3) == 6 / pi**2
    assert lz.lanczos_value(Fraction(3, 2), 3) == -4 / (3 * pi**2)
    assert lz.lanczos_value(Fraction(5, 2), 3) == 6 / (25 * pi**2)
    assert lz.lanczos_value(Fraction(1, 2), 1) == 4 / pi**2  # sinc(1/2)^2
    for a in lz.LANCZOS_AS:
        assert [lz.lanczos_value(Fraction(k), a) for k in range(-a, a + 1)] == [
            int(k == 0) for k in range(-a, a + 1)
        ]


@pytest.mark.spec(KERNEL)
def test_float_evaluation_is_exact_at_integers_and_close_elsewhere() -> None:
    for a in lz.LANCZOS_AS:
        for m in range(-16 * a, 16 * a + 1):
            dist = Fraction(m, 16)
            want = float(sympy.N(lz.lanczos_value(dist, a), 30))
            got = lz.lanczos_float(dist, a)
            assert abs(got - want) <= 2.0**-50 * max(abs(want), 2.0**-20), (a, dist)
            if dist.denominator == 1:
                assert got == want


def _opencv_lanczos4(fx: float) -> list[float]:
    """OpenCV's interpolateLanczos4 (imgproc's resize source), in double, normalised in double."""
    s45 = 0.70710678118654752440084436210485
    cs = [(1, 0), (-s45, -s45), (0, 1), (s45, -s45), (-1, 0), (s45, s45), (0, -1), (-s45, s45)]
    if fx < 1e-6:
        return [float(i == 3) for i in range(8)]
    y0 = -(fx + 3) * math.pi * 0.25
    s0, c0 = math.sin(y0), math.cos(y0)
    coefficients = []
    for i in range(8):
        y = -(fx + 3 - i) * math.pi * 0.25
        coefficients.append((cs[i][0] * s0 + cs[i][1] * c0) / (y * y))
    total = sum(coefficients)
    return [c / total for c in coefficients]


@pytest.mark.spec(KERNEL, WEIGHTS)
def test_opencv_formula_gives_the_normalised_lanczos4_weights() -> None:
    for m in range(0, 64):
        f = Fraction(m, 64)
        taps = list(range(-3, 5))  # floor(x) - 3 .. floor(x) + 4 for x = f
        raw = [lz.lanczos_float(f - j, 4) for j in taps]
        want = [w / sum(raw) for w in raw]
        got = _opencv_lanczos4(float(f))
        assert max(abs(g - w) for g, w in zip(got, want, strict=True)) < 1e-14, f
        assert list(lz.plain_lanczos_taps(f, 4)) == taps


def _spec_matrix(
    n: int, out: int, a: int, *, antialias: bool, exclude: bool
) -> NDArray[np.float64]:
    scale = Fraction(out, n)
    matrix = np.zeros((out, n))
    for i in range(out):
        x = (i + Fraction(1, 2)) / scale - Fraction(1, 2)
        weights = lz.lanczos_weights(
            x,
            scale,
            n,
            a,
            antialias=antialias,
            exclude=exclude,
            value=lambda d, order: Fraction(lz.lanczos_float(d, order)),
        )
        for j, w in weights.items():
            matrix[i, j] = float(w)
    return matrix


SIZES = [(7, 3), (10, 4), (5, 8), (6, 13), (13, 6), (9, 18), (8, 3), (4, 4)]


@pytest.mark.spec(WEIGHTS)
@pytest.mark.parametrize(("n", "out"), SIZES)
def test_opencv_inter_lanczos4_is_a4_half_pixel_edge_replicate(n: int, out: int) -> None:
    cv2 = pytest.importorskip("cv2")
    x = np.random.default_rng(n * 100 + out).standard_normal((3, n)).astype(np.float32)
    got = cv2.resize(x, (out, 3), interpolation=cv2.INTER_LANCZOS4)
    want = x.astype(np.float64) @ _spec_matrix(n, out, 4, antialias=False, exclude=False).T
    np.testing.assert_allclose(got, want, rtol=0, atol=2e-6 * np.abs(x).max())


@pytest.mark.spec(WEIGHTS)
@pytest.mark.parametrize(("n", "out"), SIZES)
def test_pillow_lanczos_is_a3_antialias_exclude_outside(n: int, out: int) -> None:
    image_module = pytest.importorskip("PIL.Image")
    x = np.random.default_rng(n * 100 + out).standard_normal((1, n)).astype(np.float32)
    image = image_module.fromarray(x, mode="F")
    got = np.asarray(image.resize((out, 1), image_module.Resampling.LANCZOS))
    want = x.astype(np.float64) @ _spec_matrix(n, out, 3, antialias=True, exclude=True).T
    np.testing.assert_allclose(got, want, rtol=0, atol=2e-6 * np.abs(x).max())


@pytest.mark.spec(WEIGHTS)
@pytest.mark.parametrize(("method", "a"), [("lanczos3", 3), ("lanczos5", 5)])
@pytest.mark.parametrize(("n", "out"), SIZES)
def test_jax_lanczos_is_antialias_exclude_outside(n: int, out: int, method: str, a: int) -> None:
    jax_image = pytest.importorskip("jax.image")
    x = np.random.default_rng(n * 100 + out).standard_normal(n).astype(np.float32)
    got = np.asarray(jax_image.resize(x, (out,), method))
    want = _spec_matrix(n, out, a, antialias=True, exclude=True) @ x.astype(np.float64)
    if n == out:
        want = x.astype(np.float64)  # jax skips an axis that keeps its length
    np.testing.assert_allclose(got, want, rtol=0, atol=4e-6 * np.abs(x).max())


@pytest.mark.spec("tolerance.lanczos", "tolerance.model")
def test_model_terms_for_lanczos() -> None:
    from spec import tolerance

    u = tolerance.unit_roundoff("float32")
    for a in lz.LANCZOS_AS:
        x = Fraction(7, 3)
        terms = tolerance.axis_terms(x, 9, "lanczos", u, lanczos_a=a)
        weights = lz.lanczos_weights(
            x, Fraction(1), 9, a, value=lambda d, o: Fraction(lz.lanczos_float(d, o))
        )
        assert terms.taps == 2 * a
        assert {j: abs(w) for j, w in weights.items()} == terms.weights_abs
        # every tap carries at least the evaluation term gamma(16 + T) / |S| (|S| <= 1.1)
        floor = tolerance.gamma(tolerance.LANCZOS_EVALUATION_ROUNDINGS + 2 * a, u) / Fraction(
            11, 10
        )
        assert all(terms.slack[j] >= floor for j in weights)


@pytest.mark.spec("tolerance.lanczos")
def test_jax_shortcut_is_off_by_more_than_the_evaluation_bound() -> None:
    from spec import tolerance
    from spec.tolerance import lanczos as model

    u = tolerance.unit_roundoff("float32")
    t = 1e-3
    for a in (3, 5):
        error = abs(model.jax_lanczos_f32(t, a) - lz.lanczos_float(Fraction(t), a))
        assert error > float(tolerance.gamma(tolerance.LANCZOS_EVALUATION_ROUNDINGS, u))
        assert abs(model.sinc_product_f32(t, a) - lz.lanczos_float(Fraction(t), a)) < 1e-7
