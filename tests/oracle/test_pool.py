"""oracle.max_pool and oracle.avg_pool against a direct definition, PyTorch, and every ValueError.

1. A slow direct definition: a loop over windows and their taps in Python,
   window lengths counted by ``tests.oracle.test_window`` (window.output_length,
   window.ceil_mode), the max rule written out (pool.max.ties, pool.max.nan)
   and the divisor counted tap by tap (pool.avg.divisor).  Integer-valued
   inputs make every sum exact, so the oracle must match to the bit.  Named
   cases cover the ceil_mode rule removing a window and adding a partial
   one, the divisor modes, ties, NaN and infinities, dilation with padding,
   length 1, N > 1, N = 0, asymmetric padding pairs and 3 axes; seeded random
   cases add the mixtures, including windows wholly in the padding, which
   must be rejected.
2. torch.nn.functional.max_pool{1,2,3}d (values and indices, NaN and ties)
   and avg_pool{1,2,3}d at float64.
3. Work bounded by the data, and every ValueError.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from oracle._window import padding_pairs
from tests.oracle.test_conv import assert_bounded
from tests.oracle.test_window import WINDOW_ERRORS, windows_ceil_mode, windows_that_fit

Array = NDArray[Any]
Tap = tuple[int, float]  # (flat position in the (n, c) plane, value)

# --------------------------------------------------------------------------------------
# 1. The direct definition
# --------------------------------------------------------------------------------------


def strided_windows(
    length: int, kernel: int, stride: int, pads: tuple[int, int], dil: int, ceil: bool
) -> list[list[int]]:
    """Each window's taps on one axis, as input positions (negative or >= length in the
    padding or the ceil_mode overhang), in tap order."""
    count = (windows_ceil_mode if ceil else windows_that_fit)(length, kernel, stride, pads, dil)
    return [[o * stride - pads[0] + t * dil for t in range(kernel)] for o in range(count)]


def pool_directly(
    x: Array, windows: list[list[list[int]]], reduce: Callable[[list[Tap], list[int]], Any]
) -> Array | None:
    """``reduce(input taps, taps' positions per axis)`` of every window, in window order
    (C order over the taps); None when some window reads no input position."""
    batch, channels, *lengths = x.shape
    out = [len(w) for w in windows]
    for axis_windows, length in zip(windows, lengths, strict=True):
        if not all(any(0 <= p < length for p in taps) for taps in axis_windows):
            return None  # invalid even in an empty batch
    y = np.empty((batch, channels, *out), dtype=object)
    for n, c, *o in itertools.product(range(batch), range(channels), *map(range, out)):
        taps: list[Tap] = []
        for at in itertools.product(*(windows[axis][o[axis]] for axis in range(len(lengths)))):
            if all(0 <= p < length for p, length in zip(at, lengths, strict=True)):
                flat = int(np.ravel_multi_index(at, lengths))
                taps.append((flat, float(x[(n, c, *at)])))
        y[(n, c, *o)] = reduce(taps, o)
    return y


def max_rule(taps: list[Tap], _: object = None) -> Tap:
    """The first tap, replaced by every later tap that is strictly greater or NaN."""
    best = taps[0]
    for tap in taps[1:]:
        if tap[1] > best[1] or math.isnan(tap[1]):
            best = tap
    return best


def direct_max_pool(x: Array, windows: list[list[list[int]]]) -> tuple[Array, Array] | None:
    y = pool_directly(x, windows, max_rule)
    if y is None:
        return None
    pairs = y.reshape(-1)
    values = np.array([v for _, v in pairs], dtype=np.float64).reshape(y.shape)
    indices = np.array([i for i, _ in pairs], dtype=np.int64).reshape(y.shape)
    return values, indices


def direct_avg_pool(
    x: Array,
    windows: list[list[list[int]]],
    pads: tuple[tuple[int, int], ...],
    count_include_pad: bool,
    divisor_override: int | None,
) -> Array | None:
    """sum of the input taps / divisor: the override, else the taps inside the input and
    (with count_include_pad) its explicit padding, counted one by one."""
    lengths = x.shape[2:]

    def average(taps: list[Tap], o: list[int]) -> float:
        divisor = divisor_override
        if divisor is None:
            low = [-pb if count_include_pad else 0 for pb, _ in pads]
            high = [
                n + (pe if count_include_pad else 0)
                for n, (_, pe) in zip(lengths, pads, strict=True)
            ]
            divisor = sum(
                all(lo <= p < hi for p, lo, hi in zip(at, low, high, strict=True))
                for at in itertools.product(*(windows[a][o[a]] for a in range(len(lengths))))
            )
        return sum(v for _, v in taps) / divisor

    y = pool_directly(x, windows, average)
    return None if y is None else y.astype(np.float64)


CASES: dict[str, dict[str, Any]] = {
    "1d": {"x": (1, 1, 6), "kernel_size": 2},
    "1d-overlap": {"x": (2, 3, 7), "kernel_size": 3, "stride": 1},
    "ceil-adds-a-partial-window": {
        "x": (1, 2, 5),
        "kernel_size": 2,
        "stride": 2,
        "ceil_mode": True,
    },
    "ceil-rule-removes-the-window": {
        "x": (1, 1, 4),
        "kernel_size": 2,
        "stride": 3,
        "padding": 1,
        "ceil_mode": True,
    },
    "ceil-overhang-with-padding": {
        "x": (1, 1, 6),
        "kernel_size": 3,
        "stride": 2,
        "padding": 1,
        "ceil_mode": True,
    },
    "dilation-padding": {"x": (2, 1, 9), "kernel_size": 3, "dilation": 3, "padding": 2},
    "dilation-padding-2d": {
        "x": (1, 2, 6, 7),
        "kernel_size": (2, 3),
        "stride": (2, 1),
        "dilation": (2, 2),
        "padding": ((1, 0), (2, 1)),
        "ceil_mode": True,
    },
    "asymmetric-padding": {"x": (1, 1, 5, 4), "kernel_size": 3, "padding": ((0, 2), (2, 0))},
    "padding-beyond-half-the-kernel": {"x": (1, 1, 3), "kernel_size": 3, "stride": 1, "padding": 2},
    "more-taps-than-a-byte-counts": {"x": (1, 2, 18, 17), "kernel_size": 17, "stride": 1},
    "length-1": {"x": (2, 2, 1), "kernel_size": 1},
    "length-1-padded": {"x": (1, 1, 1, 1), "kernel_size": 3, "stride": 1, "padding": 1},
    "n0": {"x": (0, 2, 5, 5), "kernel_size": 2},
    "c0": {"x": (2, 0, 5), "kernel_size": 2},
    "3d": {"x": (2, 1, 4, 5, 3), "kernel_size": (2, 3, 1), "stride": (1, 2, 1), "padding": 1},
    "3d-dilation-ceil": {
        "x": (1, 2, 5, 4, 6),
        "kernel_size": 2,
        "stride": 2,
        "dilation": (1, 2, 1),
        "padding": ((0, 1), (1, 1), (1, 0)),
        "ceil_mode": True,
    },
}


def case_windows(shape: tuple[int, ...], kwargs: dict[str, Any]) -> list[list[list[int]]]:
    """Every axis's windows for a case's keyword arguments."""
    ndim = len(shape) - 2

    def per_axis(name: str, default: Any) -> tuple[int, ...]:
        value = kwargs.get(name, default)
        return value if isinstance(value, tuple) else (value,) * ndim

    kernel = per_axis("kernel_size", None)
    stride = per_axis("stride", None) if kwargs.get("stride") is not None else kernel
    pads = padding_pairs(kwargs.get("padding", 0), ndim, "window.padding")
    return [
        strided_windows(n, k, s, p, d, kwargs.get("ceil_mode", False))
        for n, k, s, p, d in zip(
            shape[2:], kernel, stride, pads, per_axis("dilation", 1), strict=True
        )
    ]


def integers(rng: np.random.Generator, shape: tuple[int, ...], special: bool) -> Array:
    """Few distinct small integers, so that ties are common, and with ``special`` some NaN,
    +inf and -inf."""
    x = rng.integers(-2, 3, size=shape).astype(np.float64)
    if special and x.size:
        flat = x.reshape(-1)
        for value in (np.nan, np.inf, -np.inf, np.nan):
            flat[rng.integers(flat.size, size=max(1, flat.size // 8))] = value
    return x


def check_max_pool(x: Array, kwargs: dict[str, Any]) -> None:
    expected = direct_max_pool(x, case_windows(x.shape, kwargs))
    if expected is None:
        with pytest.raises(ValueError, match=r"^padding: .*wholly in the padding"):
            oracle.max_pool(x, **kwargs)
        return
    values, indices = oracle.max_pool(x, **kwargs)
    assert values.dtype == np.float64 and indices.dtype == np.int64
    np.testing.assert_array_equal(values, expected[0], err_msg=f"{kwargs}")
    np.testing.assert_array_equal(indices, expected[1], err_msg=f"{kwargs}")


def check_avg_pool(x: Array, kwargs: dict[str, Any]) -> None:
    windows = case_windows(x.shape, kwargs)
    pads = padding_pairs(kwargs.get("padding", 0), x.ndim - 2, "window.padding")
    for include, override in [(True, None), (False, None), (True, 3), (False, -2)]:
        expected = direct_avg_pool(x, windows, pads, include, override)
        kw = {**kwargs, "count_include_pad": include, "divisor_override": override}
        if expected is None:
            with pytest.raises(ValueError, match=r"^padding: .*wholly in the padding"):
                oracle.avg_pool(x, **kw)
            continue
        got = oracle.avg_pool(x, **kw)
        assert got.dtype == np.float64
        np.testing.assert_array_equal(got, expected, err_msg=f"{kw}")


@pytest.mark.spec(
    "pool.max.ties", "pool.max.nan", "pool.max.indices", "window.output_length", "window.ceil_mode"
)
@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("special", [False, True], ids=["finite", "nan-inf"])
def test_max_pool_matches_the_direct_definition(name: str, special: bool) -> None:
    case = dict(CASES[name])
    check_max_pool(integers(np.random.default_rng(0), case.pop("x"), special), case)


@pytest.mark.spec("pool.avg.divisor", "window.output_length", "window.ceil_mode")
@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("special", [False, True], ids=["finite", "nan-inf"])
def test_avg_pool_matches_the_direct_definition(name: str, special: bool) -> None:
    case = dict(CASES[name])
    check_avg_pool(integers(np.random.default_rng(1), case.pop("x"), special), case)


def random_case(seed: int) -> tuple[tuple[int, ...], dict[str, Any]]:
    """A random case on 1 to 3 axes; a few have a window wholly in the padding."""
    r = random.Random(seed)
    ndim = r.randint(1, 3)
    kernel = tuple(r.randint(1, 3) for _ in range(ndim))
    dilation = tuple(r.randint(1, 2) for _ in range(ndim))
    # Mostly padding within the dilated kernel; every fifth case wider, where windows
    # wholly in the padding appear.
    wide = seed % 5 == 0
    padding = tuple(
        (r.randint(0, 2 if wide else d * (k - 1)), r.randint(0, 2 if wide else d * (k - 1)))
        for k, d in zip(kernel, dilation, strict=True)
    )
    lengths = tuple(
        max(1, d * (k - 1) + 1 - pb - pe) + r.randint(0, 6 // ndim)
        for k, d, (pb, pe) in zip(kernel, dilation, padding, strict=True)
    )
    kwargs = {
        "kernel_size": kernel,
        "stride": r.choice([None, tuple(r.randint(1, 3) for _ in range(ndim))]),
        "padding": padding,
        "dilation": dilation,
        "ceil_mode": r.random() < 0.5,
    }
    return (r.randint(0, 2), r.randint(1, 2), *lengths), kwargs


@pytest.mark.spec(
    "pool.max.ties",
    "pool.max.nan",
    "pool.max.indices",
    "pool.avg.divisor",
    "window.ceil_mode",
    "window.padding",
)
@pytest.mark.parametrize("seed", range(40))
def test_random_pools_match_the_direct_definition(seed: int) -> None:
    shape, kwargs = random_case(seed)
    x = integers(np.random.default_rng(seed), shape, special=seed % 2 == 1)
    check_max_pool(x, kwargs)
    check_avg_pool(x, kwargs)


@pytest.mark.spec("pool.max.ties", "pool.max.nan", "pool.max.indices")
def test_nan_index_is_the_last_nan_and_ties_go_to_the_first_maximum() -> None:
    nan = np.nan
    values, indices = oracle.max_pool(np.array([[[1.0, nan, 3.0, nan]]]), kernel_size=4)
    assert np.isnan(values).all() and indices.tolist() == [[[3]]]
    values, indices = oracle.max_pool(np.array([[[2.0, 5.0, 1.0, 5.0]]]), kernel_size=4)
    assert values.tolist() == [[[5.0]]] and indices.tolist() == [[[1]]]
    # In window order on 2 axes: row-major, the first axis most significant.
    x = np.array([[[[0.0, 7.0], [7.0, 0.0]]]])
    assert oracle.max_pool(x, kernel_size=2)[1].tolist() == [[[[1]]]]
    x = np.array([[[[nan, 0.0], [0.0, 0.0]], [[0.0, nan], [nan, 0.0]]]])
    assert oracle.max_pool(x, kernel_size=2)[1].tolist() == [[[[0]], [[2]]]]


@pytest.mark.spec("pool.max.ties", "pool.max.indices")
def test_an_all_minus_infinity_window_points_at_its_first_input_position() -> None:
    # The first window reads padding, then x[0]; padding never wins, even against -inf.
    x = np.full((1, 1, 4), -np.inf)
    values, indices = oracle.max_pool(x, kernel_size=3, stride=2, padding=1)
    assert values.tolist() == [[[-np.inf, -np.inf]]] and indices.tolist() == [[[0, 1]]]


@pytest.mark.spec("pool.max.ties", "pool.max.indices")
def test_values_are_read_at_the_indices_to_the_bit() -> None:
    x = np.array([[[-0.0, 0.0, 0.0, -0.0]]])
    values, indices = oracle.max_pool(x, kernel_size=2)
    assert indices.tolist() == [[[0, 2]]]
    assert np.signbit(values).tolist() == [[[True, False]]]


@pytest.mark.spec("pool.avg.divisor", "window.ceil_mode")
def test_avg_pool_divisor_modes() -> None:
    x = np.arange(1.0, 6.0).reshape(1, 1, 5)
    # Windows [pad, 1, 2], [2, 3, 4], [4, 5, pad] and, with ceil_mode, none more: the
    # next would start in the end padding (window.ceil_mode).
    kw: dict[str, Any] = {"kernel_size": 3, "stride": 2, "padding": 1}
    assert oracle.avg_pool(x, **kw).tolist() == [[[1.0, 3.0, 3.0]]]
    assert oracle.avg_pool(x, **kw, count_include_pad=False).tolist() == [[[1.5, 3.0, 4.5]]]
    assert oracle.avg_pool(x, **kw, divisor_override=2).tolist() == [[[1.5, 4.5, 4.5]]]
    # The ceil_mode overhang is never counted: [5, beyond] divides by 1 either way.
    x = np.arange(1.0, 6.0).reshape(1, 1, 5)
    for include in (True, False):
        y = oracle.avg_pool(x, kernel_size=2, ceil_mode=True, count_include_pad=include)
        assert y.tolist() == [[[1.5, 3.5, 5.0]]]
    # With dilation the divisor counts taps, not their span: window 0 reads the
    # padding, x[1] and x[3]; window 1 reads x[0], x[2] and x[4].
    kw = {"kernel_size": 3, "dilation": 2, "padding": 1, "stride": 1}
    assert oracle.avg_pool(x, **kw).tolist() == [[[2.0, 3.0, 2.0]]]
    assert oracle.avg_pool(x, **kw, count_include_pad=False).tolist() == [[[3.0, 3.0, 3.0]]]


def test_pools_read_any_layout_and_integer_dtypes() -> None:
    rng = np.random.default_rng(5)
    x = rng.standard_normal((2, 3, 6, 5))
    kw: dict[str, Any] = {"kernel_size": 2, "stride": 1, "padding": 1}
    for variant in (np.asfortranarray(x), np.ascontiguousarray(x[::-1])[::-1], x.copy()):
        np.testing.assert_array_equal(oracle.avg_pool(variant, **kw), oracle.avg_pool(x, **kw))
        for got, want in zip(oracle.max_pool(variant, **kw), oracle.max_pool(x, **kw), strict=True):
            np.testing.assert_array_equal(got, want)
    xi = rng.integers(-5, 5, size=(1, 2, 5)).astype(np.int16)
    assert oracle.avg_pool(xi, kernel_size=2).dtype == np.float64
    assert (
        oracle.max_pool(xi, kernel_size=2)[0].tolist()
        == oracle.max_pool(xi.astype(float), kernel_size=2)[0].tolist()
    )


AS_CONV_CASES: list[tuple[tuple[int, ...], dict[str, Any]]] = [
    ((2, 3, 9), {"kernel_size": 4, "stride": 2, "padding": 1, "dilation": 2}),
    ((1, 2, 6, 7), {"kernel_size": 2, "stride": (1, 2), "padding": ((1, 0), (1, 1))}),
    ((1, 2, 5, 4, 6), {"kernel_size": (2, 1, 2), "padding": (1, 0, 1), "dilation": (1, 1, 2)}),
]


@pytest.mark.spec("pool.avg.as_conv")
@pytest.mark.parametrize(("shape", "kwargs"), AS_CONV_CASES, ids=str)
def test_avg_pool_is_a_depthwise_conv_with_a_constant_kernel(
    shape: tuple[int, ...], kwargs: dict[str, Any]
) -> None:
    """In floor mode avg_pool is oracle.conv with groups = C: with the kernel 1/prod k when
    count_include_pad, else conv(x, 1) / conv(1_input, 1).  Kernels of 4 taps and integer
    inputs keep every product and sum exact, so both agree to the bit."""
    x = integers(np.random.default_rng(8), shape, special=False)
    kernel = kwargs["kernel_size"]
    k = kernel if isinstance(kernel, tuple) else (kernel,) * (len(shape) - 2)
    ones = np.ones((shape[1], 1, *k))
    geometry = {key: value for key, value in kwargs.items() if key != "kernel_size"}
    geometry.setdefault("stride", kernel)  # pooling's default stride is the kernel size

    def conv(data: Array, weight: Array) -> Array:
        return oracle.conv(data, weight, groups=shape[1], **geometry)

    assert math.prod(k) == 4
    np.testing.assert_array_equal(oracle.avg_pool(x, **kwargs), conv(x, ones / 4))
    counts = conv(np.ones_like(x), ones)
    np.testing.assert_array_equal(
        oracle.avg_pool(x, **kwargs, count_include_pad=False), conv(x, ones) / counts
    )


@pytest.mark.spec("pool.global")
@pytest.mark.parametrize("shape", [(2, 3, 7), (1, 2, 4, 5), (2, 1, 2, 3, 4)], ids=str)
def test_global_pooling_is_adaptive_pooling_to_size_one(shape: tuple[int, ...]) -> None:
    """A kernel equal to the input, or adaptive pooling to size 1: the plane's mean, and its
    first maximum or last NaN with that flat index."""
    x = integers(np.random.default_rng(9), shape, special=True)
    ones, whole = (1,) * (len(shape) - 2), shape[2:]
    values, indices = oracle.max_pool(x, kernel_size=whole)
    for got, want in zip(
        oracle.adaptive_max_pool(x, output_size=ones), (values, indices), strict=True
    ):
        np.testing.assert_array_equal(got, want)
    for n, c in itertools.product(*map(range, shape[:2])):
        plane = x[n, c].reshape(-1)
        nans = np.flatnonzero(np.isnan(plane))
        want_index = nans[-1] if nans.size else int(np.argmax(plane))
        assert indices[n, c].reshape(-1).tolist() == [want_index]
    mean = oracle.avg_pool(x, kernel_size=whole)
    np.testing.assert_array_equal(oracle.adaptive_avg_pool(x, output_size=ones), mean)
    with np.errstate(invalid="ignore"):
        np.testing.assert_array_equal(mean, x.mean(axis=tuple(range(2, x.ndim)), keepdims=True))


# --------------------------------------------------------------------------------------
# 2. PyTorch at float64
# --------------------------------------------------------------------------------------

TORCH_CASES: list[dict[str, Any]] = [
    {"x": (2, 3, 9), "kernel_size": 3, "stride": 2, "padding": 1, "dilation": 2},
    {"x": (1, 2, 10), "kernel_size": 4, "stride": 3, "padding": 2, "ceil_mode": True},
    {"x": (1, 2, 4), "kernel_size": 2, "stride": 3, "padding": 1, "ceil_mode": True},
    {"x": (2, 2, 7, 8), "kernel_size": (3, 2), "stride": 2, "padding": (1, 1), "ceil_mode": True},
    {"x": (1, 3, 9, 7), "kernel_size": 3, "stride": (2, 1), "dilation": (2, 3), "padding": 1},
    {"x": (1, 2, 6, 5, 7), "kernel_size": (2, 3, 2), "stride": 2, "padding": 1, "ceil_mode": True},
    {"x": (2, 1, 5, 6, 5), "kernel_size": 2, "dilation": (2, 1, 2), "padding": (1, 0, 1)},
]


def torch_fn(name: str, ndim: int) -> Callable[..., Any]:
    torch = pytest.importorskip("torch")
    return getattr(torch.nn.functional, f"{name}{ndim}d")  # type: ignore[no-any-return]


def torch_tensor(x: Array) -> Any:
    torch = pytest.importorskip("torch")
    return torch.from_numpy(x)


def case_id(case: dict[str, Any]) -> str:
    return f"{len(case['x']) - 2}d-" + "-".join(f"{k}={v}" for k, v in case.items() if k != "x")


@pytest.mark.spec("pool.max.ties", "pool.max.nan", "pool.max.indices")
@pytest.mark.parametrize("case", TORCH_CASES, ids=case_id)
@pytest.mark.parametrize("special", [False, True], ids=["finite", "nan-inf-ties"])
def test_max_pool_matches_torch_float64(case: dict[str, Any], special: bool) -> None:
    kwargs = {k: v for k, v in case.items() if k != "x"}
    rng = np.random.default_rng(6)
    x = integers(rng, case["x"], special) if special else rng.standard_normal(case["x"])
    fn = torch_fn("max_pool", x.ndim - 2)
    want_values, want_indices = fn(torch_tensor(x), return_indices=True, **kwargs)
    values, indices = oracle.max_pool(x, **kwargs)
    np.testing.assert_array_equal(values, want_values.numpy())
    np.testing.assert_array_equal(indices, want_indices.numpy())


@pytest.mark.spec("pool.avg.divisor")
@pytest.mark.parametrize(
    "case", [c for c in TORCH_CASES if "dilation" not in c], ids=case_id
)  # PyTorch's avg_pool has no dilation
@pytest.mark.parametrize(
    ("include", "override"), [(True, None), (False, None), (True, 5), (False, -3)]
)
def test_avg_pool_matches_torch_float64(
    case: dict[str, Any], include: bool, override: int | None
) -> None:
    kwargs = {k: v for k, v in case.items() if k != "x"}
    x = np.random.default_rng(7).standard_normal(case["x"])
    x.reshape(-1)[::7] = np.inf
    got = oracle.avg_pool(x, count_include_pad=include, divisor_override=override, **kwargs)
    if x.ndim == 3:  # avg_pool1d has no divisor_override: pool 2 axes, the second of length 1
        x = x[..., None]
        kwargs = {k: (v, 1 if k != "padding" else 0) for k, v in kwargs.items() if k != "ceil_mode"}
        kwargs["ceil_mode"] = case.get("ceil_mode", False)
    want = torch_fn("avg_pool", x.ndim - 2)(
        torch_tensor(x), count_include_pad=include, divisor_override=override, **kwargs
    )
    np.testing.assert_allclose(
        got, want.numpy().reshape(got.shape), rtol=1e-14, atol=1e-15, equal_nan=True
    )


@pytest.mark.spec("pool.max.nan", "pool.max.indices")
def test_max_pool_nan_rules_match_torch() -> None:
    nan = np.nan
    x = np.array([[[1.0, nan, 3.0, nan, 2.0, 2.0, -np.inf, 2.0]]])
    kws: list[dict[str, Any]] = [{"kernel_size": 4}, {"kernel_size": 3, "stride": 1, "padding": 1}]
    for kw in kws:
        values, indices = oracle.max_pool(x, **kw)
        want_values, want_indices = torch_fn("max_pool", 1)(
            torch_tensor(x), return_indices=True, **kw
        )
        np.testing.assert_array_equal(values, want_values.numpy())
        np.testing.assert_array_equal(indices, want_indices.numpy())


# --------------------------------------------------------------------------------------
# 3. Bounded work and ValueError
# --------------------------------------------------------------------------------------


def test_work_is_bounded_by_the_data_not_the_padding() -> None:
    # 4 x 4 x 4 windows over a padded input of 10**18 positions: each window reads one
    # input position through one of its 8 taps, and padding through the others.
    x = np.arange(64.0).reshape(1, 1, 4, 4, 4)
    big: dict[str, Any] = {
        "kernel_size": 2,
        "stride": 1,
        "dilation": 10**6,
        "padding": ((0, 10**6), (0, 10**6), (0, 10**6)),
    }
    values, indices = oracle.max_pool(x, **big)
    np.testing.assert_array_equal(values, x)
    np.testing.assert_array_equal(indices.reshape(-1), np.arange(64))
    np.testing.assert_array_equal(oracle.avg_pool(x, **big), x / 8)
    np.testing.assert_array_equal(oracle.avg_pool(x, **big, count_include_pad=False), x)
    assert_bounded(lambda: oracle.max_pool(x, **big))
    assert_bounded(lambda: oracle.avg_pool(x, **big))


X = np.zeros((1, 2, 5, 5))
ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    ("x-list", {"x": [[[1.0]]]}, "x", "pool"),
    ("x-complex", {"x": X.astype(complex)}, "x", "pool"),
    ("x-bool", {"x": X.astype(bool)}, "x", "pool"),
    ("x-no-spatial-axis", {"x": np.zeros((1, 2))}, "x", "pool"),
    ("x-four-spatial-axes", {"x": np.zeros((1, 1, 2, 2, 2, 2))}, "x", "pool"),
    ("x-empty-axis", {"x": np.zeros((1, 2, 0, 5))}, "x", "window.output_length"),
    ("kernel-0", {"kernel_size": 0}, "kernel_size", "window.output_length"),
    ("kernel-axis-negative", {"kernel_size": (2, -1)}, "kernel_size", "window.output_length"),
    ("kernel-count", {"kernel_size": (2, 2, 2)}, "kernel_size", "window.output_length"),
    ("kernel-float", {"kernel_size": 2.0}, "kernel_size", "window.output_length"),
    ("kernel-none", {"kernel_size": None}, "kernel_size", "window.output_length"),
    *WINDOW_ERRORS,
    ("ceil-mode-int", {"ceil_mode": 1}, "ceil_mode", "window.ceil_mode"),
    ("kernel-does-not-fit", {"kernel_size": 6}, "kernel_size", "window.output_length"),
    ("dilated-kernel-does-not-fit", {"dilation": (5, 1)}, "kernel_size", "window.output_length"),
    ("window-in-begin-padding", {"padding": ((2, 0), (0, 0))}, "padding", "window.padding"),
    ("window-in-end-padding", {"padding": ((0, 0), (0, 3))}, "padding", "window.padding"),
    ("window-between-dilated-taps", {"x": np.zeros((1, 1, 2)), "kernel_size": 2, "dilation": 3,
                                     "padding": 1, "stride": 1}, "padding", "window.padding"),
]  # fmt: skip
AVG_ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "count-include-pad-none",
        {"count_include_pad": None},
        "count_include_pad",
        "pool.avg.divisor",
    ),
    ("divisor-0", {"divisor_override": 0}, "divisor_override", "pool.avg.divisor"),
    ("divisor-float", {"divisor_override": 2.0}, "divisor_override", "pool.avg.divisor"),
    ("divisor-bool", {"divisor_override": True}, "divisor_override", "pool.avg.divisor"),
]


def spec_marks(derivation: str) -> list[pytest.MarkDecorator]:
    """The spec marker of an error case whose message names a derivation ID; none for a
    family prefix such as ``pool``, which the operation completes."""
    return [pytest.mark.spec(derivation)] if "." in derivation else []


def call(op: Callable[..., Any], change: dict[str, Any]) -> None:
    args: dict[str, Any] = {"x": X, "kernel_size": 2, **change}
    op(args.pop("x"), **args)


@pytest.mark.parametrize(
    ("change", "parameter", "derivation"),
    [pytest.param(*e[1:], id=e[0], marks=spec_marks(e[3])) for e in ERRORS],
)
@pytest.mark.parametrize("op", [oracle.max_pool, oracle.avg_pool], ids=["max", "avg"])
def test_pools_reject(
    op: Callable[..., Any], change: dict[str, Any], parameter: str, derivation: str
) -> None:
    with pytest.raises(ValueError, match=rf"^{parameter}: .*\(see {derivation}[a-z._]*\)$"):
        call(op, change)


@pytest.mark.parametrize(
    ("change", "parameter", "derivation"),
    [pytest.param(*e[1:], id=e[0], marks=spec_marks(e[3])) for e in AVG_ERRORS],
)
def test_avg_pool_rejects(change: dict[str, Any], parameter: str, derivation: str) -> None:
    with pytest.raises(ValueError, match=rf"^{parameter}: .*\(see {derivation}\)$"):
        call(oracle.avg_pool, change)


def test_pool_error_messages_say_why() -> None:
    with pytest.raises(ValueError, match=r"dilated kernel .* = \(7, 2\) must fit .* \(5, 5\)"):
        oracle.max_pool(X, kernel_size=2, dilation=(6, 1))
    with pytest.raises(ValueError, match=r"window 0 of spatial axis 1 lies wholly in the padding"):
        oracle.avg_pool(X, kernel_size=2, padding=((0, 0), (2, 0)))
    with pytest.raises(ValueError, match=r"window 4 of spatial axis 0 lies wholly in the padding"):
        oracle.max_pool(np.zeros((1, 1, 4)), kernel_size=1, padding=((0, 1),), stride=1)
