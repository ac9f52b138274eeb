"""oracle.max_unpool: the scatter, its output lengths, the round trip, PyTorch, every ValueError.

1. A direct definition (pool.unpool.scatter): zeros, then ``y[n, c].flat[i] =
   x[n, c, *o]`` for every input in C order, so that the last of repeated
   indices wins; default and explicit output sizes, padding pairs, N = 0 and
   3 axes.
2. The round trip (pool.unpool.roundtrip): max_unpool after max_pool keeps
   exactly the window maxima at their positions and zeros elsewhere.
3. The range of explicit sizes is PyTorch's: ``_unpool_output_size`` in
   torch/nn/functional.py accepts ``default - stride < size < default +
   stride`` per axis, with ``default = (L - 1)*stride - 2*padding +
   kernel_size``; the oracle accepts exactly the sizes torch accepts.
4. torch.nn.functional.max_unpool{1,2,3}d at float64, and every ValueError.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

import numpy as np
import pytest

import oracle
from oracle._window import padding_pairs
from tests.oracle.test_pool import Array, integers, torch_fn, torch_tensor


def direct_unpool(x: Array, indices: Array, out: tuple[int, ...]) -> Array:
    batch, channels = x.shape[:2]
    y = np.zeros((batch, channels, math.prod(out)))
    for n, c, *o in itertools.product(*map(range, x.shape)):
        y[n, c, int(indices[(n, c, *o)])] = x[(n, c, *o)]
    return y.reshape(batch, channels, *out)


def default_size(shape: tuple[int, ...], kwargs: dict[str, Any]) -> tuple[int, ...]:
    ndim = len(shape) - 2
    k = kwargs["kernel_size"]
    kernel = k if isinstance(k, tuple) else (k,) * ndim
    s = kwargs.get("stride") or kernel
    stride = s if isinstance(s, tuple) else (s,) * ndim
    pads = padding_pairs(kwargs.get("padding", 0), ndim, "window.padding")
    return tuple(
        (n - 1) * st - pb - pe + kk
        for n, kk, st, (pb, pe) in zip(shape[2:], kernel, stride, pads, strict=True)
    )


CASES: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {
    "1d": ((1, 2, 4), {"kernel_size": 2}),
    "1d-stride-padding": ((2, 1, 5), {"kernel_size": 3, "stride": 2, "padding": 1}),
    "1d-explicit-size": ((1, 1, 4), {"kernel_size": 2, "output_size": (9,)}),
    "1d-explicit-size-with-n-c": ((1, 3, 4), {"kernel_size": 3, "output_size": (1, 3, 13)}),
    "2d": ((2, 2, 3, 4), {"kernel_size": (2, 3), "stride": (2, 2)}),
    "2d-padding-pairs": ((1, 1, 3, 3), {"kernel_size": 3, "stride": 2,
                                        "padding": ((1, 0), (0, 2))}),
    "2d-explicit-size": ((1, 2, 3, 2), {"kernel_size": 2, "output_size": 5}),
    "n0": ((0, 2, 3, 3), {"kernel_size": 2}),
    "3d": ((1, 2, 2, 3, 2), {"kernel_size": (2, 1, 3), "stride": (1, 2, 2), "padding": (0, 0, 1)}),
}  # fmt: skip


@pytest.mark.spec("pool.unpool.scatter")
@pytest.mark.parametrize("name", CASES)
def test_max_unpool_matches_the_direct_definition(name: str) -> None:
    shape, kwargs = CASES[name]
    rng = np.random.default_rng(0)
    x = integers(rng, shape, special=True)
    out = kwargs.get("output_size") or default_size(shape, kwargs)
    out = (out,) * (len(shape) - 2) if isinstance(out, int) else out[-(len(shape) - 2) :]
    # Random positions, repeated ones included: the last in C order wins.
    indices = rng.integers(0, math.prod(out), size=shape)
    got = oracle.max_unpool(x, indices, **kwargs)
    assert got.dtype == np.float64 and got.shape == (*shape[:2], *out)
    np.testing.assert_array_equal(got, direct_unpool(x, indices, out))


@pytest.mark.spec("pool.unpool.scatter")
def test_repeated_indices_keep_the_last_entry() -> None:
    x = np.array([[[1.0, 2.0, 3.0, 4.0]]])
    y = oracle.max_unpool(x, np.array([[[1, 1, 0, 1]]]), kernel_size=2)
    assert y.tolist() == [[[3.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]]


@pytest.mark.spec("pool.unpool.roundtrip", "pool.max.indices")
@pytest.mark.parametrize("seed", range(12))
def test_unpooling_after_max_pool_keeps_exactly_the_maxima(seed: int) -> None:
    r = random.Random(seed)
    ndim = r.randint(1, 3)
    kernel = tuple(r.randint(1, 3) for _ in range(ndim))
    kwargs: dict[str, Any] = {
        "kernel_size": kernel,
        "stride": tuple(r.randint(1, 3) for _ in range(ndim)),
        "padding": tuple(r.randint(0, k // 2) for k in kernel),
    }
    shape = (r.randint(1, 2), 2, *(k + r.randint(0, 6 // ndim) for k in kernel))
    x = integers(np.random.default_rng(seed), shape, special=seed % 3 == 0)
    values, indices = oracle.max_pool(x, **kwargs, ceil_mode=r.random() < 0.5)
    y = oracle.max_unpool(values, indices, **kwargs, output_size=shape[2:])
    hit = np.zeros(x.shape, bool).reshape(*shape[:2], -1)
    np.put_along_axis(hit, indices.reshape(*shape[:2], -1), True, axis=2)
    expected = np.where(hit.reshape(x.shape), x, 0.0)
    np.testing.assert_array_equal(y, expected)


# --------------------------------------------------------------------------------------
# PyTorch
# --------------------------------------------------------------------------------------

TORCH_CASES: list[tuple[tuple[int, ...], dict[str, Any]]] = [
    ((2, 3, 9), {"kernel_size": 3, "stride": 2, "padding": 1}),
    ((1, 2, 8, 7), {"kernel_size": 2}),
    ((1, 2, 9, 8), {"kernel_size": (3, 2), "stride": (2, 1), "padding": (1, 0)}),
    ((2, 1, 5, 6, 7), {"kernel_size": 2, "stride": (2, 1, 3), "padding": (1, 0, 1)}),
]


@pytest.mark.spec("pool.unpool.scatter", "pool.unpool.roundtrip")
@pytest.mark.parametrize(("shape", "kwargs"), TORCH_CASES, ids=str)
@pytest.mark.parametrize("sized", [False, True], ids=["default-size", "input-size"])
def test_max_unpool_matches_torch_float64(
    shape: tuple[int, ...], kwargs: dict[str, Any], sized: bool
) -> None:
    ndim = len(shape) - 2
    x = integers(np.random.default_rng(3), shape, special=True)
    values, indices = torch_fn("max_pool", ndim)(torch_tensor(x), return_indices=True, **kwargs)
    size = shape[2:] if sized else None
    unpool = torch_fn("max_unpool", ndim)
    if indices.max() >= math.prod(default_size(values.shape, kwargs)) and not sized:
        # The default plane is too small for these indices: both refuse.
        with pytest.raises(RuntimeError, match="invalid max index"):
            unpool(values, indices, **kwargs)
        with pytest.raises(ValueError, match=r"^indices: every entry must lie in"):
            oracle.max_unpool(values.numpy(), indices.numpy(), **kwargs)
        return
    want = unpool(values, indices, output_size=size, **kwargs).numpy()
    got = oracle.max_unpool(values.numpy(), indices.numpy(), output_size=size, **kwargs)
    np.testing.assert_array_equal(got, want)


@pytest.mark.spec("pool.unpool.scatter")
def test_repeated_indices_match_torch_on_one_thread() -> None:
    # On several threads PyTorch's CPU kernel may keep another of the repeated entries.
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        rng = np.random.default_rng(4)
        x, indices = rng.standard_normal((2, 3, 6, 5)), rng.integers(0, 4, size=(2, 3, 6, 5))
        want = torch_fn("max_unpool", 2)(torch_tensor(x), torch.from_numpy(indices), 2).numpy()
    finally:
        torch.set_num_threads(threads)
    np.testing.assert_array_equal(oracle.max_unpool(x, indices, kernel_size=2), want)


@pytest.mark.spec("pool.unpool.scatter")
@pytest.mark.parametrize(
    ("length", "kernel", "stride", "padding"),
    [(4, 2, 2, 0), (5, 3, 2, 1), (3, 3, 1, 1), (2, 1, 3, 0), (4, 4, 3, 2), (1, 3, 2, 1)],
)
def test_explicit_sizes_are_exactly_those_torch_accepts(
    length: int, kernel: int, stride: int, padding: int
) -> None:
    x, indices = np.ones((1, 1, length)), np.zeros((1, 1, length), np.int64)
    kwargs: dict[str, Any] = {"kernel_size": kernel, "stride": stride, "padding": padding}
    default = (length - 1) * stride - 2 * padding + kernel
    for size in range(default - stride - 1, default + stride + 2):
        try:
            torch_fn("max_unpool", 1)(
                torch_tensor(x), torch_tensor(indices), output_size=[size], **kwargs
            )
            accepted = size >= 1
        except (ValueError, RuntimeError):  # a size out of range, or an empty plane
            accepted = False
        if accepted:
            assert oracle.max_unpool(x, indices, output_size=size, **kwargs).shape == (1, 1, size)
        else:
            with pytest.raises(ValueError, match=r"^output_size: .*pool\.unpool\.scatter"):
                oracle.max_unpool(x, indices, output_size=size, **kwargs)


# --------------------------------------------------------------------------------------
# ValueError
# --------------------------------------------------------------------------------------

X = np.zeros((1, 2, 3, 3))
I = np.zeros((1, 2, 3, 3), np.int64)  # noqa: E741 - the indices
ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    ("x-list", {"x": [[[1.0]]]}, "x", "pool.unpool.scatter"),
    ("x-no-spatial-axis", {"x": np.zeros((1, 2)), "indices": np.zeros((1, 2), int)}, "x",
     "pool.unpool.scatter"),
    ("x-empty-axis", {"x": np.zeros((1, 2, 0, 3)), "indices": np.zeros((1, 2, 0, 3), int)}, "x",
     "window.output_length"),
    ("indices-float", {"indices": I.astype(float)}, "indices", "pool.unpool.scatter"),
    ("indices-bool", {"indices": I.astype(bool)}, "indices", "pool.unpool.scatter"),
    ("indices-list", {"indices": I.tolist()}, "indices", "pool.unpool.scatter"),
    ("indices-shape", {"indices": np.zeros((1, 2, 3, 2), int)}, "indices", "pool.unpool.scatter"),
    ("indices-negative", {"indices": I - 1}, "indices", "pool.unpool.scatter"),
    ("indices-past-the-plane", {"indices": I + 36}, "indices", "pool.unpool.scatter"),
    ("kernel-0", {"kernel_size": 0}, "kernel_size", "pool.unpool.scatter"),
    ("kernel-count", {"kernel_size": (2, 2, 2)}, "kernel_size", "pool.unpool.scatter"),
    ("stride-0", {"stride": (2, 0)}, "stride", "pool.unpool.scatter"),
    ("padding-negative", {"padding": -1}, "padding", "window.padding"),
    ("padding-leaves-no-output", {"padding": ((0, 0), (4, 3))}, "padding", "pool.unpool.scatter"),
    ("size-0", {"output_size": 0, "kernel_size": 1, "stride": 1, "padding": 0}, "output_size",
     "pool.unpool.scatter"),
    ("size-negative", {"output_size": (6, -6)}, "output_size", "pool.unpool.scatter"),
    ("size-float", {"output_size": 6.0}, "output_size", "pool.unpool.scatter"),
    ("size-count", {"output_size": (6, 6, 6)}, "output_size", "pool.unpool.scatter"),
    ("size-too-small", {"output_size": (6, 4)}, "output_size", "pool.unpool.scatter"),
    ("size-too-large", {"output_size": (8, 6)}, "output_size", "pool.unpool.scatter"),
    ("size-prefix", {"output_size": (2, 2, 6, 6)}, "output_size", "pool.unpool.scatter"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "parameter", "derivation"),
    [pytest.param(*e[1:], id=e[0], marks=pytest.mark.spec(e[3])) for e in ERRORS],
)
def test_max_unpool_rejects(change: dict[str, Any], parameter: str, derivation: str) -> None:
    args: dict[str, Any] = {"x": X, "indices": I, "kernel_size": 2, **change}
    with pytest.raises(ValueError, match=rf"^{parameter}: .*\(see {derivation}\)$"):
        oracle.max_unpool(args.pop("x"), args.pop("indices"), **args)


def test_max_unpool_error_messages_say_why() -> None:
    with pytest.raises(ValueError, match=r"axis 1 allows \(4, 8\), got \(6, 8\)"):
        oracle.max_unpool(X, I, kernel_size=2, output_size=(6, 8))
    with pytest.raises(ValueError, match=r"must lie in \[0, 36\).* from 36 to 36"):
        oracle.max_unpool(X, I + 36, kernel_size=2)
