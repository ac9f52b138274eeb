"""oracle.conv against a direct evaluation of its index map, PyTorch, and its every ValueError.

1. A slow direct definition (window.output_length, conv.groups): a loop over
   outputs, channels and taps in Python integers, on integer-valued arrays so
   that the oracle's float64 result must match it exactly.  Named cases cover
   groups > 1, depthwise, dilation with stride, asymmetric padding, length 1,
   N > 1, N = 0, bias and no bias, on 1 to 3 axes; seeded random cases add
   the mixtures.
2. torch.nn.functional.conv{1,2,3}d at float64, asymmetric padding through
   ``F.pad``, and NaN and infinity propagation (conv.nan).
3. Every invalid argument: ``ValueError`` naming the parameter and the ID.
"""

from __future__ import annotations

import itertools
import random
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from oracle._window import padding_pairs
from spec.window import SAME_MODES, same_padding
from tests.oracle.test_window import WINDOW_ERRORS, windows_that_fit

Array = NDArray[np.float64]

# --------------------------------------------------------------------------------------
# 1. The direct definition
# --------------------------------------------------------------------------------------


def direct_conv(
    x: Array,
    weight: Array,
    bias: Array | None,
    *,
    stride: tuple[int, ...],
    padding: tuple[tuple[int, int], ...],
    dilation: tuple[int, ...],
    groups: int,
) -> Array:
    """y[n, co, *o] = bias[co] + sum over the group's channels c and taps t of
    weight[co, c, *t] * x[n, group*C_in/groups + c, *(o*s - p_begin + t*d)],
    positions outside x reading 0; in Python integers."""
    batch, _, *lengths = x.shape
    out_channels, group_in, *kernel = weight.shape
    group_out = out_channels // groups
    out = [
        windows_that_fit(n, k, s, pads, d)
        for n, k, s, pads, d in zip(lengths, kernel, stride, padding, dilation, strict=True)
    ]
    y = np.zeros((batch, out_channels, *out))
    for n, co, *o in itertools.product(range(batch), range(out_channels), *map(range, out)):
        total = 0 if bias is None else int(bias[co])
        first = (co // group_out) * group_in
        for c, *t in itertools.product(range(group_in), *map(range, kernel)):
            pos = [
                oi * s - pb + ti * d
                for oi, ti, s, (pb, _), d in zip(o, t, stride, padding, dilation, strict=True)
            ]
            if all(0 <= p < n for p, n in zip(pos, lengths, strict=True)):
                total += int(weight[(co, c, *t)]) * int(x[(n, first + c, *pos)])
        y[(n, co, *o)] = total
    return y


def integers(rng: np.random.Generator, shape: tuple[int, ...]) -> Array:
    """Small integer values in float64, so that every sum of products is exact."""
    return rng.integers(-3, 4, size=shape).astype(np.float64)


CONV_CASES: dict[str, dict[str, Any]] = {
    "1d": {"x": (1, 1, 5), "w": (1, 1, 3)},
    "1d-stride-padding-bias": {
        "x": (2, 2, 7),
        "w": (3, 2, 3),
        "stride": 2,
        "padding": 1,
        "bias": True,
    },
    "groups": {"x": (2, 4, 5, 4), "w": (6, 2, 3, 2), "groups": 2, "bias": True},
    "groups-3": {"x": (1, 6, 6), "w": (3, 2, 2), "groups": 3, "dilation": 2},
    "depthwise": {"x": (1, 3, 5, 5), "w": (3, 1, 3, 3), "groups": 3, "padding": 1},
    "depthwise-multiplier": {"x": (2, 2, 6), "w": (4, 1, 3), "groups": 2, "bias": True},
    "dilation-stride": {"x": (1, 2, 9, 7), "w": (2, 2, 3, 2), "stride": (2, 3), "dilation": (2, 1)},
    "asymmetric-padding": {"x": (1, 1, 4, 5), "w": (2, 1, 3, 3), "padding": ((0, 2), (1, 0))},
    "asymmetric-padding-stride": {
        "x": (1, 2, 5),
        "w": (1, 2, 2),
        "padding": ((3, 0),),
        "stride": 3,
    },
    "length-1": {"x": (1, 2, 1), "w": (1, 2, 1), "bias": True},
    "length-1-padded": {"x": (2, 1, 1, 1), "w": (1, 1, 3, 3), "padding": 1},
    "kernel-fills-padded-input": {"x": (1, 1, 3), "w": (1, 1, 5), "padding": 1},
    "n0": {"x": (0, 2, 4, 4), "w": (3, 2, 2, 2), "bias": True},
    "3d": {"x": (1, 2, 3, 4, 3), "w": (2, 1, 2, 2, 1), "groups": 2, "stride": (1, 2, 1)},
    "3d-dilation-padding": {
        "x": (2, 1, 4, 3, 3),
        "w": (1, 1, 2, 2, 2),
        "dilation": 2,
        "padding": 1,
    },
}


def conv_arrays(
    rng: np.random.Generator, case: dict[str, Any]
) -> tuple[Array, Array, Array | None, dict[str, Any]]:
    """The arrays of a case and its keyword arguments for ``oracle.conv``."""
    kwargs: dict[str, Any] = {
        k: case[k] for k in ("stride", "padding", "dilation", "groups") if k in case
    }
    bias = integers(rng, (case["w"][0],)) if case.get("bias") else None
    return integers(rng, case["x"]), integers(rng, case["w"]), bias, kwargs


def direct_kwargs(ndim: int, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of :func:`direct_conv` (per-axis tuples) for ``kwargs``."""

    def per_axis(value: int | tuple[int, ...]) -> tuple[int, ...]:
        return value if isinstance(value, tuple) else (value,) * ndim

    return {
        "stride": per_axis(kwargs.get("stride", 1)),
        "padding": padding_pairs(kwargs.get("padding", 0), ndim, "window.padding"),
        "dilation": per_axis(kwargs.get("dilation", 1)),
        "groups": kwargs.get("groups", 1),
    }


def random_conv_case(seed: int) -> dict[str, Any]:
    """A random valid case: 1 to 3 axes, groups, stride, dilation, asymmetric padding."""
    r = random.Random(seed)
    ndim = r.randint(1, 3)
    groups = r.choice([1, 1, 2, 3])
    c_in, c_out = groups * r.randint(1, 2), groups * r.randint(1, 2)
    kernel = tuple(r.randint(1, 3) for _ in range(ndim))
    dilation = tuple(r.randint(1, 2) for _ in range(ndim))
    padding = tuple((r.randint(0, 2), r.randint(0, 2)) for _ in range(ndim))
    lengths = tuple(
        max(1, d * (k - 1) + 1 - pb - pe) + r.randint(0, 6 // ndim)
        for k, d, (pb, pe) in zip(kernel, dilation, padding, strict=True)
    )
    return {
        "x": (r.randint(0, 2), c_in, *lengths),
        "w": (c_out, c_in // groups, *kernel),
        "stride": tuple(r.randint(1, 3) for _ in range(ndim)),
        "padding": padding,
        "dilation": dilation,
        "groups": groups,
        "bias": r.random() < 0.5,
    }


def check_against_direct(seed: int, case: dict[str, Any]) -> None:
    x, w, b, kwargs = conv_arrays(np.random.default_rng(seed), case)
    got = oracle.conv(x, w, b, **kwargs)
    expected = direct_conv(x, w, b, **direct_kwargs(x.ndim - 2, kwargs))
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected, err_msg=f"case {case}")


@pytest.mark.spec("window.output_length", "conv.groups", "window.padding")
@pytest.mark.parametrize("name", CONV_CASES)
def test_conv_matches_the_direct_definition(name: str) -> None:
    check_against_direct(0, CONV_CASES[name])


@pytest.mark.spec("window.output_length", "conv.groups", "window.padding")
@pytest.mark.parametrize("seed", range(30))
def test_random_conv_matches_the_direct_definition(seed: int) -> None:
    check_against_direct(seed, random_conv_case(seed))


def test_conv_does_not_flip_the_kernel() -> None:
    # Cross-correlation, as every deep-learning library: y[o] = sum_t w[t] x[o + t].
    x = np.array([[[1.0, 2.0, 3.0]]])
    assert oracle.conv(x, np.array([[[1.0, 10.0]]])).tolist() == [[[21.0, 32.0]]]


def test_conv_reads_any_layout_and_integer_dtypes() -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 2, 6, 5))
    w = rng.standard_normal((2, 2, 2, 3))
    expected = oracle.conv(x, w, stride=2)
    np.testing.assert_array_equal(
        oracle.conv(
            np.asfortranarray(x), np.ascontiguousarray(w[:, :, ::-1])[:, :, ::-1], stride=2
        ),
        expected,
    )
    np.testing.assert_array_equal(
        oracle.conv(np.ascontiguousarray(x[::-1])[::-1], np.asfortranarray(w), stride=2), expected
    )
    xi = rng.integers(-5, 5, size=(1, 2, 4)).astype(np.int32)
    wi = rng.integers(-5, 5, size=(1, 2, 2)).astype(np.int16)
    assert oracle.conv(xi, wi).dtype == np.float64
    np.testing.assert_array_equal(
        oracle.conv(xi, wi), oracle.conv(xi.astype(float), wi.astype(float))
    )


def test_conv_empty_batch_and_channels() -> None:
    y = oracle.conv(np.zeros((0, 3, 5)), np.ones((4, 3, 2)), np.ones(4), stride=2)
    assert y.shape == (0, 4, 2)
    # No input channels: every output is its bias.
    y = oracle.conv(np.zeros((2, 0, 5)), np.ones((3, 0, 2)), np.array([1.0, 2.0, 3.0]))
    np.testing.assert_array_equal(y, np.broadcast_to(np.array([1.0, 2.0, 3.0])[:, None], (2, 3, 4)))


def assert_bounded(call: Callable[[], object]) -> None:
    """The call takes under a second and under 4 MiB of traced memory."""
    start = time.perf_counter()
    call()
    assert time.perf_counter() - start < 1.0
    tracemalloc.start()
    try:
        call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_work_is_bounded_by_the_data_not_the_padding() -> None:
    # A padded input of 10**18 samples and 4 x 4 x 4 outputs, each reading one sample
    # through one of its 8 taps and padding through the others.
    x, w = np.ones((1, 1, 4, 4, 4)), np.ones((1, 1, 2, 2, 2))
    big: dict[str, Any] = {"dilation": 10**6, "padding": ((0, 10**6), (10**6, 0), (0, 10**6))}
    np.testing.assert_array_equal(oracle.conv(x, w, **big), x)
    assert_bounded(lambda: oracle.conv(x, w, **big))


# --------------------------------------------------------------------------------------
# 2. PyTorch at float64, NaN and infinity
# --------------------------------------------------------------------------------------

TORCH_CASES: list[dict[str, Any]] = [
    {
        "x": (2, 4, 9),
        "w": (6, 2, 3),
        "stride": 2,
        "padding": 1,
        "dilation": 2,
        "groups": 2,
        "bias": True,
    },
    {"x": (1, 3, 8, 7), "w": (3, 1, 3, 3), "padding": (1, 2), "groups": 3, "bias": True},
    {"x": (3, 2, 7, 6), "w": (4, 2, 2, 3), "stride": (2, 1), "dilation": (1, 2)},
    {"x": (1, 2, 5, 4, 6), "w": (4, 1, 2, 3, 2), "stride": (1, 2, 3), "padding": 1, "groups": 2},
    {"x": (2, 1, 5, 5, 5), "w": (2, 1, 3, 3, 3), "dilation": 2, "padding": 2, "bias": True},
]


def torch_conv(x: Array, w: Array, b: Array | None, **kwargs: Any) -> Array:
    torch = pytest.importorskip("torch")
    fn = (torch.nn.functional.conv1d, torch.nn.functional.conv2d, torch.nn.functional.conv3d)
    tb = None if b is None else torch.from_numpy(b)
    return fn[x.ndim - 3](torch.from_numpy(x), torch.from_numpy(w), tb, **kwargs).numpy()  # type: ignore[no-any-return]


@pytest.mark.spec("window.output_length", "conv.groups")
@pytest.mark.parametrize("case", TORCH_CASES, ids=lambda c: f"{len(c['x']) - 2}d")
def test_conv_matches_torch_float64(case: dict[str, Any]) -> None:
    rng = np.random.default_rng(2)
    kwargs = {k: case[k] for k in ("stride", "padding", "dilation", "groups") if k in case}
    x, w = rng.standard_normal(case["x"]), rng.standard_normal(case["w"])
    b = rng.standard_normal(case["w"][0]) if case.get("bias") else None
    np.testing.assert_allclose(
        oracle.conv(x, w, b, **kwargs), torch_conv(x, w, b, **kwargs), rtol=1e-13, atol=1e-13
    )


@pytest.mark.spec("window.padding")
def test_conv_asymmetric_padding_matches_torch_on_a_padded_input() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    x, w = rng.standard_normal((2, 2, 5, 6)), rng.standard_normal((3, 2, 3, 2))
    padded = torch.nn.functional.pad(torch.from_numpy(x), (2, 0, 0, 1)).numpy()  # last axis first
    np.testing.assert_allclose(
        oracle.conv(x, w, padding=((0, 1), (2, 0)), stride=(1, 2)),
        torch_conv(padded, w, None, stride=(1, 2)),
        rtol=1e-13,
        atol=1e-13,
    )


def assert_same_with_nan(got: Array, expected: Array) -> None:
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-13, equal_nan=True)


@pytest.mark.spec("conv.nan")
def test_nan_in_a_window_makes_the_output_nan_even_at_weight_zero() -> None:
    x = np.arange(10.0).reshape(1, 1, 10)
    x[0, 0, 4] = np.nan
    w = np.array([[[1.0, 0.0, 2.0]]])  # the NaN meets the 0 tap at output 3
    y = oracle.conv(x, w)
    assert np.isnan(y[0, 0]).tolist() == [False, False, True, True, True, False, False, False]
    assert_same_with_nan(y, torch_conv(x, w, None))


@pytest.mark.spec("conv.nan")
def test_nan_and_infinity_match_torch() -> None:
    rng = np.random.default_rng(4)
    x, w = rng.standard_normal((2, 2, 6, 6)), rng.standard_normal((2, 1, 3, 3))
    x[0, 0, 2, 3], x[1, 1, 0, 0], x[1, 0, 5, 5] = np.nan, np.inf, -np.inf
    w[0, 0, 1, 1] = 0.0
    w[1, 0, 0, 0] = np.inf  # times the zero padding: NaN on the borders it reaches
    kwargs: dict[str, Any] = {"padding": 1, "groups": 2}
    assert_same_with_nan(oracle.conv(x, w, **kwargs), torch_conv(x, w, None, **kwargs))


@pytest.mark.spec("window.same")
@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths")
def test_same_padding_pairs_give_ceil_of_length_over_stride() -> None:
    """The pairs of spec.window.same_padding give ceil(L / s) outputs in every mode; at
    stride 1, SAME_UPPER is torch's padding='same'."""
    for n, k, s, d in itertools.product(range(1, 7), range(1, 4), range(1, 4), range(1, 3)):
        for mode in SAME_MODES:
            pair = same_padding(n, k, s, d, mode)
            y = oracle.conv(
                np.ones((1, 1, n)), np.ones((1, 1, k)), stride=s, dilation=d, padding=(pair,)
            )
            assert y.shape[-1] == -(-n // s), (n, k, s, d, mode)
    rng = np.random.default_rng(11)
    x, w = rng.standard_normal((1, 2, 7, 6)), rng.standard_normal((3, 2, 4, 3))
    pairs = (same_padding(7, 4, 1, 1), same_padding(6, 3, 1, 2))
    np.testing.assert_allclose(
        oracle.conv(x, w, padding=pairs, dilation=(1, 2)),
        torch_conv(x, w, None, padding="same", dilation=(1, 2)),
        rtol=1e-13,
        atol=1e-13,
    )


# --------------------------------------------------------------------------------------
# 3. ValueError
# --------------------------------------------------------------------------------------

X2, W2 = np.zeros((1, 4, 5, 5)), np.zeros((2, 2, 3, 3))  # groups = 2 is valid
ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    ("x-list", {"x": [[[1.0]]]}, "x", "conv.groups"),
    ("x-complex", {"x": X2.astype(complex)}, "x", "conv.groups"),
    ("x-bool", {"x": X2.astype(bool)}, "x", "conv.groups"),
    ("x-object", {"x": X2.astype(object)}, "x", "conv.groups"),
    ("x-no-spatial-axis", {"x": np.zeros((1, 4))}, "x", "conv.groups"),
    ("x-four-spatial-axes", {"x": np.zeros((1, 4, 2, 2, 2, 2))}, "x", "conv.groups"),
    ("x-empty-axis", {"x": np.zeros((1, 4, 0, 5))}, "x", "window.output_length"),
    ("weight-none", {"weight": None}, "weight", "conv.groups"),
    ("weight-ndim", {"weight": np.zeros((2, 2, 3))}, "weight", "conv.groups"),
    ("weight-empty-kernel", {"weight": np.zeros((2, 2, 0, 3))}, "weight", "conv.groups"),
    ("weight-in-channels", {"weight": np.zeros((2, 4, 3, 3))}, "weight", "conv.groups"),
    ("weight-out-channels", {"weight": np.zeros((3, 2, 3, 3))}, "weight", "conv.groups"),
    ("groups-0", {"groups": 0}, "groups", "conv.groups"),
    ("groups-float", {"groups": 2.0}, "groups", "conv.groups"),
    ("groups-bool", {"groups": True}, "groups", "conv.groups"),
    (
        "groups-not-dividing",
        {"groups": 3, "weight": np.zeros((3, 1, 3, 3))},
        "groups",
        "conv.groups",
    ),
    ("bias-length", {"bias": np.zeros(3)}, "bias", "conv.groups"),
    ("bias-2d", {"bias": np.zeros((2, 1))}, "bias", "conv.groups"),
    ("bias-list", {"bias": [0.0, 0.0]}, "bias", "conv.groups"),
    *WINDOW_ERRORS,
    ("no-output", {"x": np.zeros((1, 4, 2, 5))}, "padding", "window.output_length"),
    ("no-output-dilated", {"dilation": (3, 1)}, "padding", "window.output_length"),
]


@pytest.mark.parametrize(
    ("change", "parameter", "derivation"),
    [pytest.param(*e[1:], id=e[0], marks=pytest.mark.spec(e[3])) for e in ERRORS],
)
def test_conv_rejects(change: dict[str, Any], parameter: str, derivation: str) -> None:
    args: dict[str, Any] = {"x": X2, "weight": W2, "groups": 2, **change}
    with pytest.raises(ValueError, match=rf"^{parameter}: .*\(see {derivation}\)$"):
        oracle.conv(args.pop("x"), args.pop("weight"), **args)


def test_conv_error_messages_say_why() -> None:
    with pytest.raises(ValueError, match=r"leaves no output: the padded lengths \(4, 5\)"):
        oracle.conv(np.zeros((1, 1, 2, 3)), np.zeros((1, 1, 3, 3)), padding=1, dilation=(2, 1))
    with pytest.raises(ValueError, match=r"C_in = x.shape\[1\] = 4, got 3"):
        oracle.conv(X2, np.zeros((3, 1, 1, 1)), groups=3)
