"""pool.adaptive.windows and pool.global against PyTorch."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from spec.pool import adaptive_avg_pool_plane, adaptive_window
from spec.pool.geometry import Position


@pytest.mark.spec("pool.adaptive.windows")
def test_pytorch_start_end_index_example() -> None:
    # 10 -> 4: [0, 3), [2, 5), [5, 8), [7, 10); neighbours share a cell where 4 does not
    # divide (i + 1) 10, and none after output 1 (20 / 4 = 5).
    assert [adaptive_window(i, 10, 4) for i in range(4)] == [(0, 3), (2, 5), (5, 8), (7, 10)]


@pytest.mark.spec("pool.adaptive.windows")
@pytest.mark.parametrize(("i", "n", "o"), [(3, 5, 3), (-1, 5, 3), (0, 0, 3), (0, 5, 0)])
def test_arguments_are_checked(i: int, n: int, o: int) -> None:
    with pytest.raises(ValueError, match=r"pool\.adaptive\.windows"):
        adaptive_window(i, n, o)


@pytest.mark.spec("pool.adaptive.windows", "pool.global")
@pytest.mark.parametrize(("n", "o"), [(7, 3), (5, 8), (16, 5), (12, 4), (9, 1)])
def test_adaptive_avg_pool_matches_torch(n: int, o: int) -> None:
    torch: Any = pytest.importorskip("torch")
    values = [(5 * j) % 7 - 3 for j in range(n)]
    x = torch.tensor(values, dtype=torch.float64).reshape(1, 1, n)
    got = torch.nn.functional.adaptive_avg_pool1d(x, o).flatten().tolist()
    plane: dict[Position, Fraction] = {(j,): Fraction(v) for j, v in enumerate(values)}
    want = adaptive_avg_pool_plane(plane, (n,), (o,))
    assert [float(v) for v in want.values()] == pytest.approx(got, abs=1e-12)
