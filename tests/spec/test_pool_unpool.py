"""pool.unpool.scatter and pool.unpool.roundtrip against PyTorch."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest

from spec.pool import (
    PoolGeometry,
    max_pool_plane,
    max_unpool_plane,
    unpool_default_length,
    unpool_valid_lengths,
)
from spec.pool.geometry import Position


@pytest.mark.spec("pool.unpool.scatter")
def test_out_of_range_index_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"indices.*pool\.unpool\.scatter"):
        max_unpool_plane({(0,): 1.0}, {(0,): 4}, (4,))


@pytest.mark.spec("pool.unpool.scatter")
def test_later_write_wins() -> None:
    assert max_unpool_plane({(0,): 1.0, (1,): 2.0}, {(0,): 0, (1,): 0}, (2,)) == {
        (0,): 2.0,
        (1,): 0.0,
    }


@pytest.mark.spec("pool.unpool.scatter")
def test_default_and_valid_lengths_match_torch() -> None:
    torch: Any = pytest.importorskip("torch")
    for pooled, k, s, p in itertools.product(range(1, 4), range(1, 4), range(1, 4), range(2)):
        if p > k // 2:
            continue
        x = torch.ones(1, 1, pooled, dtype=torch.float64)
        indices = torch.zeros(1, 1, pooled, dtype=torch.int64)
        default = unpool_default_length(pooled, k, s, p, p)
        if default >= 1:
            out = torch.nn.functional.max_unpool1d(x, indices, k, s, p)
            assert out.shape[-1] == default
        valid = unpool_valid_lengths(pooled, k, s, p, p)
        for size in range(default - s - 1, default + s + 2):
            if size < 1:
                continue
            if size in valid:
                assert (
                    torch.nn.functional.max_unpool1d(x, indices, k, s, p, [size]).shape[-1] == size
                )
            else:
                with pytest.raises(ValueError, match="invalid output_size"):
                    torch.nn.functional.max_unpool1d(x, indices, k, s, p, [size])


@pytest.mark.spec("pool.unpool.roundtrip")
def test_round_trip_matches_torch() -> None:
    torch: Any = pytest.importorskip("torch")
    values = [1.0, 3.0, 3.0, math.nan, 0.0, 2.0, 2.0, -1.0]
    plane: dict[Position, float] = {(i,): v for i, v in enumerate(values)}
    x = torch.tensor(values, dtype=torch.float64).reshape(1, 1, -1)
    for k, s, ceil in itertools.product((2, 3), (1, 2, 3), (False, True)):
        pooled = max_pool_plane(plane, (8,), PoolGeometry.of(1, k, s, ceil_mode=ceil))
        got_v, got_i = torch.nn.functional.max_pool1d(x, k, s, 0, 1, ceil, True)
        back = torch.nn.functional.max_unpool1d(got_v, got_i, k, s, 0, [8]).flatten().tolist()
        mine = max_unpool_plane(
            {q: v for q, (v, _) in pooled.items()}, {q: i for q, (_, i) in pooled.items()}, (8,)
        )
        assert [repr(v) for v in mine.values()] == [repr(v) for v in back], (k, s, ceil)
