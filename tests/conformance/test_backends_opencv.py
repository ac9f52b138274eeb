"""The opencv backend (cv2.resize, one flag per parameterisation).

opencv is an optional extra (``opencv``), not installed in CI: the short run
skips there; registration and not-available reporting run everywhere.
"""

from __future__ import annotations

import pytest

from tests.conformance.backend_checks import (
    assert_registered,
    assert_unavailable_without,
    short_run,
)


def test_opencv_is_registered() -> None:
    assert_registered("opencv", "float32")


def test_opencv_without_cv2_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "opencv-python-headless is not installed"
    assert_unavailable_without(monkeypatch, "opencv", "cv2", reason)


def test_opencv_short_run() -> None:
    pytest.importorskip("cv2")
    short_run("opencv", ["resize[linear-half_pixel]", "resize[cubic-half_pixel]", "resize[area]"])
