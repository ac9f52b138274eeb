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


def test_opencv_short_run_box_and_lanczos() -> None:
    pytest.importorskip("cv2")
    short_run("opencv", ["resize[box]", "resize[lanczos-half_pixel]"])


@pytest.mark.spec("equiv.opencv.resize.area")
def test_inter_area_is_box_unless_one_axis_grows_and_another_shrinks() -> None:
    cv2 = pytest.importorskip("cv2")
    import numpy as np

    import oracle
    from conformance.backend import Unsupported
    from conformance.backends.opencv import backend

    x = np.random.default_rng(0).uniform(-1, 1, (1, 1, 32, 5))
    for size in [(13, 3), (40, 9), (32, 9), (13, 5)]:
        got = backend.resize(x, size=size, mode="box")
        assert np.max(np.abs(got - oracle.resize(x, size=size, mode="box"))) < 1e-5, size
    # 32 -> 13 shrinks while 5 -> 8 grows: OpenCV runs its growing formula on both axes
    with pytest.raises(Unsupported, match="one axis grows"):
        backend.resize(x, size=(13, 8), mode="box")
    plane = np.ascontiguousarray(x[0, 0], dtype=np.float32)
    direct = cv2.resize(plane, (8, 13), interpolation=cv2.INTER_AREA)
    assert np.max(np.abs(direct - oracle.resize(x, size=(13, 8), mode="box")[0, 0])) > 0.05
