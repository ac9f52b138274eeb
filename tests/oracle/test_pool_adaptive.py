"""oracle.adaptive_avg_pool and oracle.adaptive_max_pool: direct definition, PyTorch, errors.

1. The direct definition of :mod:`tests.oracle.test_pool` on the windows
   ``[floor(i*n/o), ceil((i+1)*n/o))`` (pool.adaptive.windows), with the max
   rule (pool.max.ties, pool.max.nan) and the mean over the window; output
   sizes below, equal to and above the input length, ties, NaN and
   infinities, N = 0 and 3 axes.  Integer-valued inputs make every sum
   exact, so the oracle must match to the bit.
2. When ``o`` divides ``n``: adaptive pooling is max_pool and avg_pool with
   ``kernel_size = stride = n / o``.
3. torch.nn.functional.adaptive_{avg,max}_pool{1,2,3}d at float64.
4. Every ValueError.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

import oracle
from tests.oracle.test_pool import (
    Array,
    Tap,
    direct_max_pool,
    integers,
    pool_directly,
    torch_fn,
    torch_tensor,
)


def adaptive_windows(n: int, o: int) -> list[list[int]]:
    """Window i reads the positions floor(i*n/o) .. ceil((i+1)*n/o) - 1."""
    return [list(range(i * n // o, -(-(i + 1) * n // o))) for i in range(o)]


def windows_of(shape: tuple[int, ...], out: tuple[int, ...]) -> list[list[list[int]]]:
    return [adaptive_windows(n, o) for n, o in zip(shape[2:], out, strict=True)]


def direct_adaptive_avg(x: Array, out: tuple[int, ...]) -> Array:
    def mean(taps: list[Tap], _: object) -> float:
        return sum(v for _, v in taps) / len(taps)

    y = pool_directly(x, windows_of(x.shape, out), mean)
    assert y is not None  # adaptive windows always read the input
    return y.astype(np.float64)


CASES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "shrink": ((2, 2, 7), (3,)),
    "shrink-overlapping": ((1, 2, 10), (4,)),
    "same": ((1, 1, 5), (5,)),
    "grow": ((1, 2, 3), (5,)),
    "grow-double": ((1, 1, 2), (7,)),
    "global": ((2, 3, 6), (1,)),
    "global-more-taps-than-a-byte-counts": ((1, 2, 17, 16), (1, 1)),
    "2d": ((1, 2, 7, 5), (3, 4)),
    "2d-grow-and-shrink": ((2, 1, 3, 8), (4, 3)),
    "length-1": ((1, 2, 1, 1), (1, 3)),
    "n0": ((0, 2, 5, 5), (2, 2)),
    "3d": ((1, 2, 4, 5, 3), (3, 2, 2)),
}


def check(x: Array, out: tuple[int, ...]) -> None:
    expected = direct_max_pool(x, windows_of(x.shape, out))
    assert expected is not None
    values, indices = oracle.adaptive_max_pool(x, output_size=out)
    assert values.dtype == np.float64 and indices.dtype == np.int64
    np.testing.assert_array_equal(values, expected[0], err_msg=f"{x.shape} -> {out}")
    np.testing.assert_array_equal(indices, expected[1], err_msg=f"{x.shape} -> {out}")
    got = oracle.adaptive_avg_pool(x, output_size=out)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, direct_adaptive_avg(x, out), err_msg=f"{x.shape} -> {out}")


@pytest.mark.spec("pool.adaptive.windows", "pool.max.ties", "pool.max.nan", "pool.max.indices")
@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("special", [False, True], ids=["finite", "nan-inf"])
def test_adaptive_pools_match_the_direct_definition(name: str, special: bool) -> None:
    shape, out = CASES[name]
    check(integers(np.random.default_rng(0), shape, special), out)


@pytest.mark.spec("pool.adaptive.windows", "pool.max.ties", "pool.max.nan", "pool.max.indices")
@pytest.mark.parametrize("seed", range(20))
def test_random_adaptive_pools_match_the_direct_definition(seed: int) -> None:
    r = random.Random(seed)
    ndim = r.randint(1, 3)
    shape = (r.randint(0, 2), r.randint(1, 2), *(r.randint(1, 9 // ndim) for _ in range(ndim)))
    out = tuple(r.randint(1, 9 // ndim) for _ in range(ndim))
    check(integers(np.random.default_rng(seed), shape, special=seed % 2 == 1), out)


@pytest.mark.spec("pool.adaptive.windows", "pool.max.ties", "pool.max.nan", "pool.max.indices")
def test_short_windows_keep_window_order() -> None:
    # 5 -> 3 gives windows [0, 2), [1, 4), [3, 5): the walk gives every window 3 taps,
    # and the short ones read their last position again.
    x = np.zeros((1, 1, 5, 5))
    x[0, 0, 1, 3] = x[0, 0, 3, 1] = 9.0  # a tie in the middle window: (1, 3) comes first
    assert oracle.adaptive_max_pool(x, output_size=3)[1].tolist() == [
        [[[0, 8, 8], [16, 8, 8], [16, 16, 18]]]
    ]
    # Window (2, 0) reads rows 3, 4 and columns 0, 1: its last NaN is (4, 0), although
    # (3, 1) is read again after it.
    x[0, 0, 3, 1] = x[0, 0, 4, 0] = np.nan
    values, indices = oracle.adaptive_max_pool(x, output_size=3)
    assert np.isnan(values[0, 0, 2, 0]) and indices[0, 0, 2, 0] == 20
    check(x, (3, 3))


@pytest.mark.spec("pool.adaptive.windows")
@pytest.mark.parametrize(("shape", "kernel"), [((2, 3, 12), 4), ((1, 2, 6, 9), (2, 3))])
def test_adaptive_pools_are_strided_pools_when_o_divides_n(
    shape: tuple[int, ...], kernel: int | tuple[int, ...]
) -> None:
    x = integers(np.random.default_rng(1), shape, special=True)
    k = kernel if isinstance(kernel, tuple) else (kernel,)
    out = tuple(n // kk for n, kk in zip(shape[2:], k, strict=True))
    np.testing.assert_array_equal(
        oracle.adaptive_avg_pool(x, output_size=out), oracle.avg_pool(x, kernel_size=kernel)
    )
    for got, want in zip(
        oracle.adaptive_max_pool(x, output_size=out),
        oracle.max_pool(x, kernel_size=kernel),
        strict=True,
    ):
        np.testing.assert_array_equal(got, want)


TORCH_CASES = [
    ((2, 3, 11), (4,)),
    ((1, 2, 3), (7,)),
    ((2, 2, 9, 7), (4, 3)),
    ((1, 1, 4, 13), (6, 5)),
    ((1, 2, 5, 6, 7), (2, 4, 3)),
    ((1, 1, 3, 2, 9), (5, 3, 1)),
]


@pytest.mark.spec("pool.adaptive.windows", "pool.max.ties", "pool.max.nan", "pool.max.indices")
@pytest.mark.parametrize(("shape", "out"), TORCH_CASES, ids=str)
@pytest.mark.parametrize("special", [False, True], ids=["finite", "nan-inf-ties"])
def test_adaptive_pools_match_torch_float64(
    shape: tuple[int, ...], out: tuple[int, ...], special: bool
) -> None:
    rng = np.random.default_rng(2)
    x = integers(rng, shape, special) if special else rng.standard_normal(shape)
    ndim = len(shape) - 2
    values, indices = oracle.adaptive_max_pool(x, output_size=out)
    want_values, want_indices = torch_fn("adaptive_max_pool", ndim)(
        torch_tensor(x), out, return_indices=True
    )
    np.testing.assert_array_equal(values, want_values.numpy())
    np.testing.assert_array_equal(indices, want_indices.numpy())
    want = torch_fn("adaptive_avg_pool", ndim)(torch_tensor(x), out).numpy()
    np.testing.assert_allclose(
        oracle.adaptive_avg_pool(x, output_size=out), want, rtol=1e-14, atol=1e-15, equal_nan=True
    )


X = np.zeros((1, 2, 5, 5))
ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    ("x-list", {"x": [[[1.0]]]}, "x", "pool.adaptive.windows"),
    ("x-bool", {"x": X.astype(bool)}, "x", "pool.adaptive.windows"),
    ("x-no-spatial-axis", {"x": np.zeros((1, 2))}, "x", "pool.adaptive.windows"),
    ("x-empty-axis", {"x": np.zeros((1, 2, 5, 0))}, "x", "window.output_length"),
    ("size-0", {"output_size": 0}, "output_size", "pool.adaptive.windows"),
    ("size-negative", {"output_size": (2, -1)}, "output_size", "pool.adaptive.windows"),
    ("size-count", {"output_size": (2,)}, "output_size", "pool.adaptive.windows"),
    ("size-float", {"output_size": 2.0}, "output_size", "pool.adaptive.windows"),
    ("size-none-entry", {"output_size": (None, 2)}, "output_size", "pool.adaptive.windows"),
    ("size-bool", {"output_size": True}, "output_size", "pool.adaptive.windows"),
]


@pytest.mark.parametrize(
    ("change", "parameter", "derivation"),
    [pytest.param(*e[1:], id=e[0], marks=pytest.mark.spec(e[3])) for e in ERRORS],
)
@pytest.mark.parametrize(
    "op", [oracle.adaptive_avg_pool, oracle.adaptive_max_pool], ids=["avg", "max"]
)
def test_adaptive_pools_reject(
    op: Any, change: dict[str, Any], parameter: str, derivation: str
) -> None:
    args: dict[str, Any] = {"x": X, "output_size": 2, **change}
    with pytest.raises(ValueError, match=rf"^{parameter}: .*\(see {derivation}\)$"):
        op(args.pop("x"), **args)
