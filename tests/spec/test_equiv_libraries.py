"""equiv.{opencv,pillow,jax,scipy,tf}.*: the spec's exact library models against the spec
parameterisations (always) and against the libraries themselves (where installed)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from spec.resize.antialias import antialias_weights
from spec.resize.coordinates import source_coordinate
from spec.resize.cubic import A_KEYS
from spec.resize.equiv._common import nonzero_fractions, spec_linear
from spec.resize.equiv.jax import jax_nearest_float32, jax_nearest_index, jax_weights
from spec.resize.equiv.opencv import (
    cv_cubic_weights,
    cv_linear_weights,
    cv_nearest_exact_index,
    cv_nearest_index,
    cv_output_length,
    pixel_area_weights,
)
from spec.resize.equiv.pillow import (
    pillow_filter_weights,
    pillow_nearest_double,
    pillow_nearest_index,
)
from spec.resize.equiv.scipy import scipy_order0_index
from spec.resize.equiv.tf import tf2_resize_weights
from spec.resize.linear import linear_tap_weights
from spec.resize.nearest import is_tie, nearest_index

SIZES = [(i, o) for i in range(1, 9) for o in range(1, 13)]
#: Fewer cases where each library call compiles (jax): downsampling, upsampling, ties.
FEW_SIZES = [(1, 3), (2, 7), (3, 7), (4, 2), (5, 3), (5, 12), (6, 4), (8, 3)]


def _spec_nearest(mode: str, rounding: str, o: int, n: int, m: int) -> int:
    return nearest_index(source_coordinate(mode, o, n, m), n, rounding)


def _apply(weights: dict[int, Fraction], signal: np.ndarray[Any, Any]) -> float:
    return float(sum(float(w) * float(signal[j]) for j, w in weights.items()))


def _signal(n: int) -> np.ndarray[Any, Any]:
    return np.asarray([(7 * j * j + 3 * j + 1) % 11 for j in range(n)], dtype=np.float32)


@pytest.mark.spec("equiv.opencv.resize.flags")
def test_opencv_models_match_spec_grid() -> None:
    for n, m in SIZES:
        for o in range(m):
            assert cv_nearest_index(o, n, m) == _spec_nearest("asymmetric", "floor", o, n, m)
            x = source_coordinate("half_pixel", o, n, m)
            if not is_tie(x):
                assert cv_nearest_exact_index(o, n, m) == nearest_index(x, n, "round_prefer_ceil")
            assert nonzero_fractions(cv_linear_weights(o, n, m)) == spec_linear(
                "half_pixel", o, n, m
            )
    assert cv_nearest_exact_index(2, 2, 5) == 0


@pytest.mark.spec("equiv.opencv.resize.flags")
def test_opencv_models_match_cv2() -> None:
    cv2 = pytest.importorskip("cv2")
    for n, m in SIZES:
        x = _signal(n)[None, :]
        got = {
            flag: cv2.resize(x, (m, 1), interpolation=getattr(cv2, flag))[0]
            for flag in ("INTER_NEAREST", "INTER_NEAREST_EXACT", "INTER_LINEAR", "INTER_CUBIC")
        }
        for o in range(m):
            assert got["INTER_NEAREST"][o] == x[0, cv_nearest_index(o, n, m)]
            if not is_tie(source_coordinate("half_pixel", o, n, m)):
                assert got["INTER_NEAREST_EXACT"][o] == x[0, cv_nearest_exact_index(o, n, m)]
            assert got["INTER_LINEAR"][o] == pytest.approx(
                _apply(cv_linear_weights(o, n, m), x[0]), abs=1e-4
            )
            assert got["INTER_CUBIC"][o] == pytest.approx(
                _apply(cv_cubic_weights(o, n, m), x[0]), abs=1e-4
            )


@pytest.mark.spec("equiv.opencv.resize.output_length")
def test_opencv_output_length() -> None:
    assert (cv_output_length(3, 0.5), cv_output_length(5, 0.5), cv_output_length(7, 0.5)) == (
        2,
        2,
        4,
    )
    cv2 = pytest.importorskip("cv2")
    for n in range(1, 13):
        for fx in (0.25, 0.5, 0.75, 1.5, 2.5):
            if n * fx >= 1:
                got = cv2.resize(np.zeros((1, n), np.float32), (0, 0), fx=fx, fy=1.0)
                assert got.shape[1] == cv_output_length(n, fx)


@pytest.mark.spec("equiv.opencv.resize.area_integer_ratio", "equiv.jax.resize.area_integer_ratio")
def test_area_models() -> None:
    for n in range(1, 13):
        for m in range(1, n + 1):
            if n % m == 0:
                for o in range(m):
                    k = n // m
                    assert pixel_area_weights(o, n, m) == {
                        j: Fraction(1, k) for j in range(o * k, o * k + k)
                    }
            for o in range(m):
                assert jax_weights(o, n, m, "area", antialias=False) == pixel_area_weights(o, n, m)
    assert pixel_area_weights(0, 5, 3) == {0: Fraction(3, 5), 1: Fraction(2, 5)}


@pytest.mark.spec("equiv.opencv.resize.area_integer_ratio")
def test_opencv_area_matches_cv2() -> None:
    cv2 = pytest.importorskip("cv2")
    for n in range(1, 13):
        for m in range(1, n + 1):
            x = _signal(n)[None, :]
            got = cv2.resize(x, (m, 1), interpolation=cv2.INTER_AREA)[0]
            for o in range(m):
                want = _apply(pixel_area_weights(o, n, m), x[0])
                assert got[o] == pytest.approx(want, abs=1e-4)


@pytest.mark.spec("equiv.pillow.resize.filters", "resize.linear_exclude_outside")
def test_pillow_models_match_spec_grid() -> None:
    for n, m in SIZES:
        s = Fraction(m, n)
        for o in range(m):
            x = (o + Fraction(1, 2)) / s - Fraction(1, 2)
            assert nonzero_fractions(
                pillow_filter_weights(o, n, m, "BILINEAR")
            ) == nonzero_fractions(antialias_weights(x, s, n, "linear", exclude=True))
            assert nonzero_fractions(pillow_filter_weights(o, n, m, "BICUBIC")) == (
                nonzero_fractions(antialias_weights(x, s, n, "cubic", A_KEYS, exclude=True))
            )
            if m >= n:  # unstretched: exclude_outside is the clamped border
                assert nonzero_fractions(pillow_filter_weights(o, n, m, "BILINEAR")) == (
                    nonzero_fractions(linear_tap_weights(x, n))
                )


@pytest.mark.spec("equiv.pillow.resize.filters")
def test_pillow_models_match_pillow() -> None:
    image = pytest.importorskip("PIL.Image")
    for n, m in SIZES:
        x = _signal(n)[None, :]
        for name in ("BILINEAR", "BICUBIC"):
            resample = getattr(image.Resampling, name)
            got = np.asarray(image.fromarray(x).resize((m, 1), resample))[0]
            for o in range(m):
                want = _apply(pillow_filter_weights(o, n, m, name), x[0])
                assert got[o] == pytest.approx(want, abs=1e-4)


@pytest.mark.spec("equiv.pillow.resize.nearest")
def test_pillow_nearest() -> None:
    for n, m in SIZES:
        for o in range(m):
            want = _spec_nearest("half_pixel", "round_prefer_ceil", o, n, m)
            assert pillow_nearest_index(o, n, m) == want
    assert (pillow_nearest_index(3, 2, 7), pillow_nearest_double(3, 2, 7)) == (1, 0)
    image = pytest.importorskip("PIL.Image")
    for n in range(1, 13):
        for m in range(1, 25):
            x = np.arange(n, dtype=np.float32)[None, :]
            got = np.asarray(image.fromarray(x).resize((m, 1), image.Resampling.NEAREST))[0]
            assert [int(v) for v in got] == [pillow_nearest_double(o, n, m) for o in range(m)]


@pytest.mark.spec("equiv.jax.resize.nearest")
def test_jax_nearest() -> None:
    for n, m in SIZES:
        for o in range(m):
            want = _spec_nearest("half_pixel", "round_prefer_ceil", o, n, m)
            assert jax_nearest_index(o, n, m) == want == jax_nearest_float32(o, n, m)
    jax = pytest.importorskip("jax")
    for n, m in FEW_SIZES:
        x = np.arange(n, dtype=np.float32)
        for antialias in (False, True):
            got = np.asarray(jax.image.resize(x, (m,), "nearest", antialias=antialias))
            assert [int(v) for v in got] == [jax_nearest_float32(o, n, m) for o in range(m)]


@pytest.mark.spec("equiv.jax.resize.scale_and_translate", "resize.linear_exclude_outside")
def test_jax_scale_and_translate_grid() -> None:
    for n, m in SIZES:
        s = Fraction(m, n)
        for o in range(m):
            x = (o + Fraction(1, 2)) / s - Fraction(1, 2)
            assert jax_weights(o, n, m, "linear", antialias=False) == nonzero_fractions(
                linear_tap_weights(x, n)
            )
            assert jax_weights(o, n, m, "cubic", antialias=True) == nonzero_fractions(
                antialias_weights(x, s, n, "cubic", A_KEYS, exclude=True)
            )


@pytest.mark.spec("equiv.jax.resize.scale_and_translate", "equiv.jax.resize.area_integer_ratio")
def test_jax_models_match_jax() -> None:
    jax = pytest.importorskip("jax")
    for n, m in FEW_SIZES:
        x = _signal(n)
        for method, kind in (("linear", "linear"), ("cubic", "cubic"), ("area", "area")):
            for antialias in (False, True):
                if method == "area" and (m > n or not antialias):
                    continue
                got = np.asarray(jax.image.resize(x, (m,), method, antialias=antialias))
                for o in range(m):
                    weights = jax_weights(o, n, m, kind, antialias=antialias)  # type: ignore[arg-type]
                    assert got[o] == pytest.approx(_apply(weights, x), abs=1e-4)


@pytest.mark.spec("equiv.scipy.resize.nearest_order0")
def test_scipy_order0() -> None:
    for n, m in SIZES:
        for o in range(m):
            assert scipy_order0_index(o, n, m, grid_mode=True) == _spec_nearest(
                "half_pixel", "round_prefer_ceil", o, n, m
            )
            assert scipy_order0_index(o, n, m, grid_mode=False) == _spec_nearest(
                "align_corners", "round_prefer_ceil", o, n, m
            )
    ndimage = pytest.importorskip("scipy.ndimage")
    for n, m in SIZES:
        x = np.arange(n, dtype=np.float64)
        for grid_mode in (True, False):
            got = ndimage.zoom(x, m / n, order=0, mode="nearest", grid_mode=grid_mode)
            assert [int(v) for v in got] == [
                scipy_order0_index(o, n, m, grid_mode=grid_mode) for o in range(m)
            ]


@pytest.mark.spec("equiv.tf.resize.methods")
def test_tf_source_models() -> None:
    for n, m in SIZES:
        s = Fraction(m, n)
        for o in range(m):
            x = (o + Fraction(1, 2)) / s - Fraction(1, 2)
            assert tf2_resize_weights(o, n, m, "nearest", antialias=False) == {
                _spec_nearest("half_pixel", "round_prefer_ceil", o, n, m): 1
            }
            assert nonzero_fractions(
                tf2_resize_weights(o, n, m, "bilinear", antialias=False)
            ) == spec_linear("half_pixel", o, n, m)
            assert tf2_resize_weights(o, n, m, "bicubic", antialias=True) == nonzero_fractions(
                antialias_weights(x, s, n, "cubic", A_KEYS, exclude=True)
            )
    tf = pytest.importorskip("tensorflow")
    table_shows = False
    for n, m in SIZES:
        signal = _signal(n)
        image = tf.constant(signal.reshape(1, 1, n, 1))
        for method in ("nearest", "bilinear", "bicubic"):
            got = np.asarray(tf.image.resize(image, [1, m], method=method)).reshape(m)
            for o in range(m):
                # bicubic reads its kernel from TensorFlow's 1024-entry table
                weights = tf2_resize_weights(o, n, m, method, antialias=False, table=True)
                assert got[o] == pytest.approx(_apply(weights, signal), abs=1e-4)
                exact = tf2_resize_weights(o, n, m, method, antialias=False)
                table_shows |= abs(got[o] - _apply(exact, signal)) > 1e-4
    assert table_shows  # the table model is needed: the exact kernel misses somewhere
