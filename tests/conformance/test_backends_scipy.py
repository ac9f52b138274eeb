"""The scipy backend (scipy.ndimage.zoom): registered, reported not available without scipy, run.

scipy is installed in CI (the ``test`` dependency group), so its short run runs there.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

import oracle
from conformance import Unsupported
from tests.conformance.backend_checks import (
    assert_registered,
    assert_unavailable_without,
    short_run,
)


def test_scipy_is_registered() -> None:
    assert_registered("scipy", "float64")


def test_scipy_without_scipy_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_unavailable_without(monkeypatch, "scipy", "scipy", "scipy is not installed")


def test_scipy_maps_what_zoom_expresses_and_refuses_the_rest() -> None:
    pytest.importorskip("scipy")
    backend = assert_registered("scipy", "float64")
    x = np.arange(30.0).reshape(1, 2, 3, 5)
    for kwargs in (
        {"mode": "linear", "size": (4, 7)},
        {"mode": "linear", "coordinate_mode": "align_corners", "scale_factor": 1.7},
        {"mode": "nearest", "nearest_mode": "round_prefer_ceil", "size": (5, 2)},
    ):
        assert np.allclose(backend.resize(x, **kwargs), oracle.resize(x, **kwargs), atol=1e-12)
    with pytest.raises(Unsupported, match="out / in"):
        backend.resize(x, mode="linear", scale_factor=1.7)  # half_pixel with a scale zoom lacks
    with pytest.raises(Unsupported, match="B-spline"):
        backend.resize(x, mode="cubic", size=(4, 7))


def test_scipy_short_run() -> None:
    pytest.importorskip("scipy")
    start = time.perf_counter()
    short_run("scipy", ["resize[linear-half_pixel]", "resize[nearest-align_corners-*]"])
    assert time.perf_counter() - start < 10
