"""resize.area."""

from __future__ import annotations

import pytest

import spec.resize.area as area

ID = "resize.area"


@pytest.mark.spec(ID)
def test_pytorch_start_end_index_examples() -> None:
    # AdaptivePooling.h: start_index(a, b, c) = floor(a c / b), end_index = ceil((a + 1) c / b).
    # 10 -> 4: [0, 3), [2, 5), [5, 8), [7, 10).
    assert [area.area_window(i, 10, 4) for i in range(4)] == [(0, 3), (2, 5), (5, 8), (7, 10)]


@pytest.mark.spec(ID)
def test_divisible_case_is_average_pooling() -> None:
    assert [area.area_window(i, 12, 4) for i in range(4)] == [(0, 3), (3, 6), (6, 9), (9, 12)]


@pytest.mark.spec(ID)
def test_float32_division_differs_for_large_sizes() -> None:
    assert area.float32_area_window(511, 65537, 512) != area.area_window(511, 65537, 512)


@pytest.mark.spec(ID)
@pytest.mark.parametrize(("n_in", "n_out"), [(7, 3), (5, 8), (16, 5), (65537, 512)])
def test_windows_match_installed_torch(n_in: int, n_out: int) -> None:
    torch = pytest.importorskip("torch")
    for i in range(max(0, n_out - 3), n_out):
        start, end = area.area_window(i, n_in, n_out)
        for j in (start - 1, start, end - 1, end):
            if not 0 <= j < n_in:
                continue
            x = torch.zeros(1, 1, n_in, dtype=torch.float64)
            x[0, 0, j] = 1.0
            y = torch.nn.functional.interpolate(x, size=n_out, mode="area")
            want = 1.0 / (end - start) if start <= j < end else 0.0
            assert float(y[0, 0, i]) == pytest.approx(want, abs=1e-15)
