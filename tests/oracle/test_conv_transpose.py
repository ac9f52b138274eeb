"""oracle.conv_transpose against its index map, its identities, PyTorch, and its every ValueError.

1. A slow direct definition (conv_transpose.matrix_transpose, conv.groups,
   conv_transpose.output_padding): every output sums the inputs that reach
   it, ``o + p_begin = i*s + t*d``, in Python integers on integer-valued
   arrays, so that the oracle must match it exactly.  Named cases cover
   groups > 1, depthwise, dilation with stride, asymmetric padding,
   output_padding at its limits, length 1, N > 1, N = 0, bias and no bias,
   on 1 to 3 axes; seeded random cases add the mixtures.
2. Identities, exactly: the adjoint of oracle.conv, zero insertion with the
   flipped kernel (conv_transpose.zero_insertion), output_padding at the end,
   nearest upsampling as a ones kernel.
3. torch.nn.functional.conv_transpose{1,2,3}d at float64, asymmetric padding
   as a crop of an unpadded result, and NaN propagation (conv.nan).
4. Every invalid argument: ``ValueError`` naming the parameter and the ID.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from spec.conv import (
    checkerboard_counts,
    output_padding_for_size,
    overlap_period,
    subpixel_end_padding,
    subpixel_geometry,
    subpixel_tap,
    tf_transpose_same,
    transpose_index_map,
    transpose_output_length,
    transpose_same_padding,
)
from spec.conv.cases import CASES as SEVEN_CASES
from spec.conv.cases import ConvArithmeticCase
from tests.oracle.test_conv import TORCH_CASES as CONV_TORCH_CASES
from tests.oracle.test_conv import assert_bounded, direct_kwargs, integers, random_conv_case
from tests.spec.test_window import DV_FIGURES

Array = NDArray[np.float64]

# --------------------------------------------------------------------------------------
# 1. The direct definition
# --------------------------------------------------------------------------------------


def transposed_lengths(lengths: tuple[int, ...], kernel: tuple[int, ...], **kw: Any) -> list[int]:
    """(L - 1)*s - p_begin - p_end + d*(k - 1) + output_padding + 1 on every axis."""
    return [
        (n - 1) * s - pb - pe + d * (k - 1) + op + 1
        for n, k, s, (pb, pe), op, d in zip(
            lengths,
            kernel,
            kw["stride"],
            kw["padding"],
            kw["output_padding"],
            kw["dilation"],
            strict=True,
        )
    ]


def direct_conv_transpose(x: Array, weight: Array, bias: Array | None, **kw: Any) -> Array:
    """y[n, co, *o] = bias[co] + sum over the group's channels c, taps t and inputs i with
    o + p_begin = i*s + t*d of weight[group*C_in/groups + c, co % C_out/groups, *t] *
    x[n, group*C_in/groups + c, *i]; in Python integers."""
    batch, channels, *lengths = x.shape
    _, group_out, *kernel = weight.shape
    group_in = channels // kw["groups"]
    out = transposed_lengths(tuple(lengths), tuple(kernel), **kw)
    y = np.zeros((batch, group_out * kw["groups"], *out))
    for n, co, *o in itertools.product(range(batch), range(y.shape[1]), *map(range, out)):
        total = 0 if bias is None else int(bias[co])
        first = (co // group_out) * group_in
        for c, *t in itertools.product(range(group_in), *map(range, kernel)):
            reached = [
                oi + pb - ti * d
                for oi, ti, (pb, _), d in zip(o, t, kw["padding"], kw["dilation"], strict=True)
            ]
            if all(
                r % s == 0 and 0 <= r // s < n
                for r, s, n in zip(reached, kw["stride"], lengths, strict=True)
            ):
                i = [r // s for r, s in zip(reached, kw["stride"], strict=True)]
                total += int(weight[(first + c, co % group_out, *t)]) * int(x[(n, first + c, *i)])
        y[(n, co, *o)] = total
    return y


CASES: dict[str, dict[str, Any]] = {
    "1d": {"x": (1, 1, 4), "w": (1, 1, 3)},
    "1d-stride-bias": {"x": (2, 2, 3), "w": (2, 3, 3), "stride": 2, "bias": True},
    "stride-above-kernel": {"x": (1, 1, 4), "w": (1, 1, 2), "stride": 3},
    "output-padding-stride-limit": {
        "x": (1, 2, 3),
        "w": (2, 1, 3),
        "stride": 3,
        "output_padding": 2,
    },
    "output-padding-dilation-limit": {
        "x": (1, 1, 5),
        "w": (1, 1, 3),
        "dilation": 2,
        "output_padding": 1,
    },
    "output-padding-past-p-end": {
        "x": (1, 1, 3),
        "w": (1, 1, 2),
        "stride": 4,
        "padding": ((0, 1),),
        "output_padding": 3,
    },
    "groups": {"x": (2, 4, 3, 3), "w": (4, 3, 2, 2), "groups": 2, "stride": 2, "bias": True},
    "depthwise": {"x": (1, 3, 4, 4), "w": (3, 1, 3, 3), "groups": 3, "stride": 2, "padding": 1},
    "dilation-stride": {
        "x": (1, 2, 3, 4),
        "w": (2, 2, 3, 2),
        "stride": (2, 3),
        "dilation": (2, 1),
        "output_padding": (1, 2),
    },
    "asymmetric-padding": {
        "x": (1, 1, 4, 3),
        "w": (1, 2, 3, 3),
        "stride": 2,
        "padding": ((0, 2), (2, 1)),
    },
    "padding-beyond-kernel": {"x": (1, 1, 5), "w": (1, 1, 2), "stride": 2, "padding": ((3, 1),)},
    "length-1": {"x": (1, 2, 1), "w": (2, 1, 1), "bias": True},
    "length-1-stride": {
        "x": (2, 1, 1, 1),
        "w": (1, 1, 2, 3),
        "stride": 3,
        "output_padding": (2, 0),
    },
    "n0": {"x": (0, 2, 3, 3), "w": (2, 3, 2, 2), "stride": 2, "bias": True},
    "3d": {"x": (1, 2, 2, 3, 2), "w": (2, 1, 2, 2, 1), "groups": 2, "stride": (2, 1, 3)},
    "3d-padding-output-padding": {
        "x": (2, 1, 2, 2, 2),
        "w": (1, 1, 3, 2, 2),
        "stride": 2,
        "padding": 1,
        "output_padding": 1,
        "bias": True,
    },
}


def case_arrays(
    rng: np.random.Generator, case: dict[str, Any]
) -> tuple[Array, Array, Array | None, dict[str, Any]]:
    """The arrays of a case and its keyword arguments for ``oracle.conv_transpose``."""
    kwargs: dict[str, Any] = {
        k: case[k]
        for k in ("stride", "padding", "output_padding", "dilation", "groups")
        if k in case
    }
    bias = integers(rng, (case["w"][1] * case.get("groups", 1),)) if case.get("bias") else None
    return integers(rng, case["x"]), integers(rng, case["w"]), bias, kwargs


def full_kwargs(ndim: int, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Per-axis tuples and padding pairs for :func:`direct_conv_transpose`."""
    extra = kwargs.get("output_padding", 0)
    return {
        **direct_kwargs(ndim, kwargs),
        "output_padding": extra if isinstance(extra, tuple) else (extra,) * ndim,
    }


def random_case(seed: int) -> dict[str, Any]:
    """A random valid case: 1 to 3 axes, groups, stride, dilation, asymmetric padding,
    output_padding anywhere in its range."""
    r = random.Random(seed)
    ndim = r.randint(1, 3)
    groups = r.choice([1, 1, 2, 3])
    kernel = tuple(r.randint(1, 3) for _ in range(ndim))
    stride = tuple(r.randint(1, 3) for _ in range(ndim))
    dilation = tuple(r.randint(1, 2) for _ in range(ndim))
    extra = tuple(r.randrange(max(s, d)) for s, d in zip(stride, dilation, strict=True))
    padding = tuple((r.randint(0, 2), r.randint(0, 2)) for _ in range(ndim))
    lengths = tuple(
        1 + max(0, math.ceil((pb + pe - d * (k - 1) - op) / s)) + r.randint(0, 3 // ndim)
        for k, s, d, op, (pb, pe) in zip(kernel, stride, dilation, extra, padding, strict=True)
    )
    channels = groups * r.randint(1, 2)
    return {
        "x": (r.randint(0, 2), channels, *lengths),
        "w": (channels, r.randint(1, 2), *kernel),
        "groups": groups,
        "stride": stride,
        "dilation": dilation,
        "padding": padding,
        "output_padding": extra,
        "bias": r.random() < 0.5,
    }


def check_against_direct(seed: int, case: dict[str, Any]) -> None:
    x, w, b, kwargs = case_arrays(np.random.default_rng(seed), case)
    got = oracle.conv_transpose(x, w, b, **kwargs)
    expected = direct_conv_transpose(x, w, b, **full_kwargs(x.ndim - 2, kwargs))
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected, err_msg=f"case {case}")


@pytest.mark.spec(
    "conv_transpose.matrix_transpose",
    "conv_transpose.output_length",
    "conv_transpose.output_padding",
    "conv.groups",
)
@pytest.mark.parametrize("name", CASES)
def test_conv_transpose_matches_the_direct_definition(name: str) -> None:
    check_against_direct(0, CASES[name])


@pytest.mark.spec(
    "conv_transpose.matrix_transpose",
    "conv_transpose.output_length",
    "conv_transpose.output_padding",
    "conv.groups",
)
@pytest.mark.parametrize("seed", range(30))
def test_random_conv_transpose_matches_the_direct_definition(seed: int) -> None:
    check_against_direct(seed, random_case(seed))


# --------------------------------------------------------------------------------------
# 2. Identities
# --------------------------------------------------------------------------------------


def output_padding_back(
    lengths: tuple[int, ...], out: tuple[int, ...], kernel: tuple[int, ...], kw: dict[str, Any]
) -> tuple[int, ...]:
    """The output_padding with which conv_transpose maps conv's ``out`` lengths back to its
    input ``lengths`` (conv's other keyword arguments ``kw``)."""
    unpadded = transposed_lengths(out, kernel, **full_kwargs(len(lengths), kw))
    return tuple(n - u for n, u in zip(lengths, unpadded, strict=True))


def conv_and_transpose(
    seed: int, batch: int | None = None
) -> tuple[Array, Array, Array, dict[str, Any], Array]:
    """A random conv case on integers: ``x``, ``w``, an array ``y`` of conv's output shape,
    conv's keyword arguments, and conv_transpose(y) with the output_padding that returns
    x's shape.  ``batch`` replaces the case's batch size."""
    case = random_conv_case(seed)
    if batch is not None:
        case["x"] = (batch, *case["x"][1:])
    rng = np.random.default_rng(seed)
    x, w = integers(rng, case["x"]), integers(rng, case["w"])
    kw = {k: case[k] for k in ("stride", "padding", "dilation", "groups")}
    y = integers(rng, oracle.conv(x, w, **kw).shape)
    extra = output_padding_back(x.shape[2:], y.shape[2:], w.shape[2:], kw)
    return x, w, y, kw, oracle.conv_transpose(y, w, output_padding=extra, **kw)


@pytest.mark.spec("conv_transpose.adjoint")
@pytest.mark.parametrize("seed", range(20))
def test_adjoint_of_conv(seed: int) -> None:
    """<conv(x), y> = <x, conv_transpose(y)> with the same weight, padding, stride, dilation
    and groups, output_padding choosing conv's input length; exact on integers."""
    x, w, y, kw, back = conv_and_transpose(seed)
    assert back.shape == x.shape
    assert np.vdot(oracle.conv(x, w, **kw), y) == np.vdot(x, back)


@pytest.mark.spec("conv_transpose.zero_insertion")
@pytest.mark.parametrize("seed", range(20))
def test_zero_insertion_with_the_flipped_kernel(seed: int) -> None:
    """Insert s - 1 zeros between inputs, pad by d*(k-1) - p (plus output_padding at the
    end), convolve at stride 1 with the flipped kernel transposed per group."""
    case = random_case(seed) | {"bias": True}
    # This picture pads by d*(k-1) - p >= 0: keep p within d*(k-1) (+ output_padding at the end).
    reach = [d * (k - 1) for k, d in zip(case["w"][2:], case["dilation"], strict=True)]
    case["padding"] = tuple(
        (min(pb, r), min(pe, r + op))
        for r, (pb, pe), op in zip(reach, case["padding"], case["output_padding"], strict=True)
    )
    x, w, b, kw = case_arrays(np.random.default_rng(seed), case)
    full = full_kwargs(x.ndim - 2, kw)
    pads = tuple(
        (r - pb, r - pe + op)
        for r, (pb, pe), op in zip(reach, full["padding"], full["output_padding"], strict=True)
    )
    stride, groups = full["stride"], kw.get("groups", 1)
    spread = np.zeros(
        (*x.shape[:2], *((n - 1) * s + 1 for n, s in zip(x.shape[2:], stride, strict=True)))
    )
    spread[(slice(None), slice(None), *(slice(None, None, s) for s in stride))] = x
    # (C_in, C_out/g, *k) -> (C_out, C_in/g, *k) per group, every spatial axis reversed.
    flipped = np.flip(w, axis=tuple(range(2, w.ndim)))
    per_group = flipped.reshape(groups, -1, *w.shape[1:]).swapaxes(1, 2)
    conv_weight = per_group.reshape(-1, w.shape[0] // groups, *w.shape[2:])
    expected = oracle.conv(
        spread, conv_weight, b, padding=pads, dilation=full["dilation"], groups=groups
    )
    np.testing.assert_array_equal(oracle.conv_transpose(x, w, b, **kw), expected)


@pytest.mark.spec("conv_transpose.output_padding")
def test_the_output_padding_example() -> None:
    # k = 3, p = 0, s = 1, d = 2, output_padding = 1: length 5 becomes 10, and the
    # convolution with the same arguments maps 10 back to 6, not 5.
    w = np.ones((1, 1, 3))
    y = oracle.conv_transpose(np.ones((1, 1, 5)), w, dilation=2, output_padding=1)
    assert y.shape == (1, 1, 10)
    assert y[0, 0].tolist() == [1, 1, 2, 2, 3, 2, 2, 1, 1, 0]
    assert oracle.conv(y, w, dilation=2).shape == (1, 1, 6)


@pytest.mark.spec("conv_transpose.output_padding")
def test_output_padding_adds_outputs_at_the_end() -> None:
    rng = np.random.default_rng(5)
    x, w, b = integers(rng, (2, 2, 4, 3)), integers(rng, (2, 3, 3, 2)), integers(rng, (3,))
    base = oracle.conv_transpose(x, w, b, stride=3, padding=((1, 2), (0, 0)))
    more = oracle.conv_transpose(x, w, b, stride=3, padding=((1, 2), (0, 0)), output_padding=(2, 1))
    # Within p_end, output_padding uncrops what p_end cropped ...
    np.testing.assert_array_equal(
        more[..., :-1], oracle.conv_transpose(x, w, b, stride=3, padding=((1, 0), (0, 0)))
    )
    np.testing.assert_array_equal(more[:, :, : base.shape[2], : base.shape[3]], base)
    # ... and past every reached output it adds outputs holding the bias alone.
    np.testing.assert_array_equal(more[..., -1], np.broadcast_to(b[:, None], more[..., -1].shape))


@pytest.mark.spec("conv_transpose.nearest_upsampling")
def test_nearest_upsampling_is_a_ones_kernel_at_its_own_stride() -> None:
    x = integers(np.random.default_rng(6), (2, 3, 4, 5))
    y = oracle.conv_transpose(x, np.ones((3, 1, 2, 3)), stride=(2, 3), groups=3)
    np.testing.assert_array_equal(y, x.repeat(2, axis=2).repeat(3, axis=3))


@pytest.mark.spec("conv_transpose.gradient")
@pytest.mark.parametrize("seed", range(8))
def test_gradient_of_conv_with_respect_to_its_input(seed: int) -> None:
    """conv is linear in x, so d<conv(x), g>/dx[j] = <conv(e_j), g> for the unit array e_j;
    that is conv_transpose(g)[j], output_padding choosing conv's input length."""
    x, w, g, kw, grad = conv_and_transpose(seed, batch=1)
    for j in np.ndindex(*x.shape):
        unit = np.zeros_like(x)
        unit[j] = 1.0
        assert np.vdot(oracle.conv(unit, w, **kw), g) == grad[j], j


@pytest.mark.spec("conv_transpose.gradient")
@pytest.mark.parametrize("case", CONV_TORCH_CASES, ids=lambda c: f"{len(c['x']) - 2}d")
def test_gradient_matches_torch_autograd(case: dict[str, Any]) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(12)
    kw: dict[str, Any] = {
        k: case[k] for k in ("stride", "padding", "dilation", "groups") if k in case
    }
    x, w = rng.standard_normal(case["x"]), rng.standard_normal(case["w"])
    xt = torch.from_numpy(x).requires_grad_()
    fn = (torch.nn.functional.conv1d, torch.nn.functional.conv2d, torch.nn.functional.conv3d)
    y = fn[x.ndim - 3](xt, torch.from_numpy(w), **kw)
    g = rng.standard_normal(tuple(y.shape))
    (y * torch.from_numpy(g)).sum().backward()
    extra = output_padding_back(x.shape[2:], g.shape[2:], w.shape[2:], kw)
    np.testing.assert_allclose(
        oracle.conv_transpose(g, w, output_padding=extra, **kw),
        xt.grad.numpy(),
        rtol=1e-13,
        atol=1e-13,
    )


@pytest.mark.spec("conv.arithmetic")
@pytest.mark.parametrize(("i", "k", "s", "p", "d", "o"), DV_FIGURES)
def test_shapes_follow_dumoulin_and_visin(i: int, k: int, s: int, p: int, d: int, o: int) -> None:
    """conv gives relationship 15's o (6 at d = 1); with a = (i + 2p - k) mod s,
    conv_transpose gives relationship 14's o' = s(i' - 1) + a + k - 2p = i back."""
    assert o == (i + 2 * p - k - (k - 1) * (d - 1)) // s + 1
    y = oracle.conv(np.ones((1, 1, i, i)), np.ones((1, 1, k, k)), stride=s, padding=p, dilation=d)
    assert y.shape == (1, 1, o, o)
    if d == 1:
        a = (i + 2 * p - k) % s
        back = oracle.conv_transpose(
            y, np.ones((1, 1, k, k)), stride=s, padding=p, output_padding=a
        )
        assert (
            back.shape
            == (1, 1, i, i)
            == (1, 1, s * (o - 1) + a + k - 2 * p, s * (o - 1) + a + k - 2 * p)
        )


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.slug, marks=pytest.mark.spec(c.id)) for c in SEVEN_CASES]
)
def test_the_seven_transposed_cases(case: ConvArithmeticCase) -> None:
    """conv_arithmetic's transposed animations on 2 axes: the oracle's length is the spec's
    transpose_output_length, and every output sums the spec's index map exactly."""
    o, i, k, s, p, a = (
        case.conv_output,
        case.conv_input,
        case.kernel,
        case.stride,
        case.padding,
        case.output_padding,
    )
    rng = np.random.default_rng(13)
    x, w = integers(rng, (1, 1, o, o)), integers(rng, (1, 1, k, k))
    y = oracle.conv_transpose(x, w, stride=s, padding=p, output_padding=a)
    assert transpose_output_length(o, k, s, p, p, 1, a) == i
    assert y.shape == (1, 1, i, i)
    expected = np.zeros((i, i))
    triples = transpose_index_map(o, k, s, p, p, 1, a)
    for (x1, t1, q1), (x2, t2, q2) in itertools.product(triples, triples):
        expected[q1, q2] += w[0, 0, t1, t2] * x[0, 0, x1, x2]
    np.testing.assert_array_equal(y[0, 0], expected)
    # ... the transpose of the convolution of i x i to o x o with the same kernel.
    assert oracle.conv(y, w, stride=s, padding=p).shape == (1, 1, o, o)


@pytest.mark.spec("conv_transpose.checkerboard")
@pytest.mark.parametrize(
    ("n", "k", "s", "p", "d"),
    [(3, 3, 2, 0, 1), (4, 4, 2, 1, 1), (5, 5, 3, 1, 1), (4, 3, 2, 0, 2), (6, 3, 3, 2, 1)],
)
def test_ones_count_the_overlap(n: int, k: int, s: int, p: int, d: int) -> None:
    """A ones input and a ones kernel give, per output, the number of (input, tap) pairs
    that reach it: the spec's checkerboard counts, their outer product on 2 axes, and the
    period overlap_period in the interior."""
    counts = checkerboard_counts(n, k, s, p, p, d)
    kw: dict[str, Any] = {"stride": s, "padding": p, "dilation": d}
    assert oracle.conv_transpose(np.ones((1, 1, n)), np.ones((1, 1, k)), **kw)[
        0, 0
    ].tolist() == list(counts)
    y = oracle.conv_transpose(np.ones((1, 1, n, n)), np.ones((1, 1, k, k)), **kw)
    np.testing.assert_array_equal(y[0, 0], np.outer(counts, counts))
    period = overlap_period(k, s, d, p)
    interior = [q for q in range(len(counts)) if q + p >= d * (k - 1) and q + p <= s * (n - 1)]
    assert interior and all(counts[q] == period[q % s] for q in interior)


@pytest.mark.spec("conv_transpose.output_size")
def test_output_size_is_passed_as_its_output_padding() -> None:
    ones = np.ones((1, 1, 3))
    for size in (11, 12):
        op = output_padding_for_size(6, size, 3, 2, 1, 1)
        y = oracle.conv_transpose(np.ones((1, 1, 6)), ones, stride=2, padding=1, output_padding=op)
        assert y.shape[-1] == size
        assert oracle.conv(y, ones, stride=2, padding=1).shape[-1] == 6


@pytest.mark.spec("conv_transpose.same")
def test_same_padding_of_transposed_convolution() -> None:
    """ONNX's SAME pairs give s * L outputs, or are negative and rejected; TensorFlow's SAME
    gives s * L outputs with non-negative padding."""
    for n, k, s, d in itertools.product(range(1, 5), range(1, 5), range(1, 4), (1, 2)):
        x, w = np.ones((1, 1, n)), np.ones((1, 1, k))
        for op in range(max(s, d)):
            for mode in ("SAME_UPPER", "SAME_LOWER"):
                pair = transpose_same_padding(n, k, s, d, op, mode)
                kw: dict[str, Any] = {"stride": s, "dilation": d, "output_padding": op}
                if min(pair) < 0:
                    with pytest.raises(ValueError, match=r"^padding: .*>= 0"):
                        oracle.conv_transpose(x, w, padding=(pair,), **kw)
                else:
                    assert oracle.conv_transpose(x, w, padding=(pair,), **kw).shape[-1] == s * n
        begin, end, op = tf_transpose_same(n, k, s, d)
        y = oracle.conv_transpose(
            x, w, stride=s, dilation=d, padding=((begin, end),), output_padding=op
        )
        assert y.shape[-1] == s * n


def _digits(phases: tuple[int, ...], factor: int) -> int:
    value = 0
    for r in phases:  # first axis most significant, as pixel_shuffle
        value = value * factor + r
    return value


@pytest.mark.spec("conv_transpose.subpixel")
@pytest.mark.parametrize(
    ("lengths", "k", "f", "p"),
    [((5,), 4, 2, 1), ((3, 4), 4, 2, 1), ((4,), 3, 3, 0), ((2, 3), 2, 2, 0), ((3,), 6, 2, 2)],
)
def test_subpixel_convolution_then_pixel_shuffle(
    lengths: tuple[int, ...], k: int, f: int, p: int
) -> None:
    """A stride-f transposed convolution is conv with the spec's sub-pixel weight (f**d times
    the output channels) followed by pixel_shuffle, exactly on integers."""
    ndim, c_in, c_out = len(lengths), 2, 3
    rng = np.random.default_rng(14)
    x, w = integers(rng, (1, c_in, *lengths)), integers(rng, (c_in, c_out, *(k,) * ndim))
    size, begin = subpixel_geometry(k, f, p)
    ends = [subpixel_end_padding(n, k, f, p, p) for n in lengths]
    assert begin >= 0 and min(ends) >= 0  # the oracle takes no negative padding
    v = np.zeros((c_out * f**ndim, c_in, *(size,) * ndim))
    for c, phases, taps in itertools.product(
        range(c_out),
        itertools.product(range(f), repeat=ndim),
        itertools.product(range(size), repeat=ndim),
    ):
        sources = [subpixel_tap(r, j, k, f, p) for r, j in zip(phases, taps, strict=True)]
        if all(t is not None for t in sources):
            v[(c * f**ndim + _digits(phases, f), slice(None), *taps)] = w[
                (slice(None), c, *sources)
            ]
    got = oracle.pixel_shuffle(oracle.conv(x, v, padding=tuple((begin, e) for e in ends)), f)
    np.testing.assert_array_equal(got, oracle.conv_transpose(x, w, stride=f, padding=p))


def test_conv_transpose_reads_any_layout_and_integer_dtypes() -> None:
    rng = np.random.default_rng(11)
    x, w = integers(rng, (2, 4, 3, 5)), integers(rng, (4, 3, 2, 3))
    expected = oracle.conv_transpose(x, w, stride=2, groups=2)
    layouts: list[tuple[NDArray[Any], NDArray[Any]]] = [
        (np.asfortranarray(x), np.ascontiguousarray(w[:, :, ::-1])[:, :, ::-1]),
        (np.ascontiguousarray(x[:, ::-1])[:, ::-1], np.asfortranarray(w)),
        (x.astype(np.int8), w.astype(np.int64)),
    ]
    for xs, ws in layouts:
        np.testing.assert_array_equal(oracle.conv_transpose(xs, ws, stride=2, groups=2), expected)


def test_work_is_bounded_by_the_data_not_the_stride() -> None:
    # Taps reach 2 * 10**6 + 2 positions per axis; the padding crops all but 4 of them.
    x, w = integers(np.random.default_rng(10), (1, 1, 3, 3, 3)), np.ones((1, 1, 2, 2, 2))
    big: dict[str, Any] = {"stride": 10**6, "padding": 10**6 - 1}
    y = oracle.conv_transpose(x, w, **big)
    # Output 1 is input 1 through tap 0 and output 2 input 1 through tap 1; 0 and 3 are empty.
    expected = np.zeros((1, 1, 4, 4, 4))
    expected[:, :, 1:3, 1:3, 1:3] = x[:, :, 1, 1, 1]
    np.testing.assert_array_equal(y, expected)
    assert_bounded(lambda: oracle.conv_transpose(x, w, **big))


# --------------------------------------------------------------------------------------
# 3. PyTorch at float64, NaN
# --------------------------------------------------------------------------------------

TORCH_CASES: list[dict[str, Any]] = [
    {
        "x": (2, 4, 5),
        "w": (4, 3, 3),
        "stride": 2,
        "padding": 1,
        "output_padding": 1,
        "dilation": 2,
        "groups": 2,
        "bias": True,
    },
    {
        "x": (1, 3, 4, 5),
        "w": (3, 1, 3, 3),
        "stride": 2,
        "padding": (1, 0),
        "output_padding": (1, 0),
        "groups": 3,
    },
    {
        "x": (3, 2, 3, 4),
        "w": (2, 2, 4, 4),
        "stride": 2,
        "padding": 1,
        "bias": True,
    },  # the bench's shape
    {
        "x": (1, 2, 3, 2, 3),
        "w": (2, 2, 2, 3, 2),
        "stride": (1, 2, 3),
        "dilation": (2, 1, 1),
        "output_padding": (1, 1, 2),
    },
    {
        "x": (2, 2, 2, 3, 2),
        "w": (2, 1, 3, 3, 3),
        "stride": 2,
        "padding": 2,
        "dilation": 3,
        "output_padding": 2,
        "groups": 2,
        "bias": True,
    },
]


def torch_conv_transpose(x: Array, w: Array, b: Array | None, **kwargs: Any) -> Array:
    torch = pytest.importorskip("torch")
    f = torch.nn.functional
    fn = (f.conv_transpose1d, f.conv_transpose2d, f.conv_transpose3d)[x.ndim - 3]
    tb = None if b is None else torch.from_numpy(b)
    return fn(torch.from_numpy(x), torch.from_numpy(w), tb, **kwargs).numpy()  # type: ignore[no-any-return]


@pytest.mark.spec("conv_transpose.matrix_transpose", "conv_transpose.output_length", "conv.groups")
@pytest.mark.parametrize("case", TORCH_CASES, ids=lambda c: f"{len(c['x']) - 2}d")
def test_conv_transpose_matches_torch_float64(case: dict[str, Any]) -> None:
    rng = np.random.default_rng(7)
    kwargs = {
        k: case[k]
        for k in ("stride", "padding", "output_padding", "dilation", "groups")
        if k in case
    }
    x, w = rng.standard_normal(case["x"]), rng.standard_normal(case["w"])
    b = rng.standard_normal(case["w"][1] * case.get("groups", 1)) if case.get("bias") else None
    np.testing.assert_allclose(
        oracle.conv_transpose(x, w, b, **kwargs),
        torch_conv_transpose(x, w, b, **kwargs),
        rtol=1e-13,
        atol=1e-13,
    )


@pytest.mark.spec("window.padding")
def test_asymmetric_padding_crops_torchs_unpadded_result() -> None:
    rng = np.random.default_rng(8)
    x, w = rng.standard_normal((2, 2, 4, 3)), rng.standard_normal((2, 3, 3, 2))
    unpadded = torch_conv_transpose(x, w, None, stride=2, output_padding=1)
    got = oracle.conv_transpose(x, w, stride=2, padding=((2, 0), (1, 3)), output_padding=1)
    np.testing.assert_allclose(got, unpadded[:, :, 2:, 1:-3], rtol=1e-13, atol=1e-13)


@pytest.mark.spec("conv.nan")
def test_nan_reaches_every_output_of_its_taps_even_at_weight_zero() -> None:
    x = np.zeros((1, 1, 4))
    x[0, 0, 1] = np.nan
    w = np.array([[[1.0, 0.0, 2.0]]])  # input 1 reaches outputs 2, 3, 4 at stride 2
    y = oracle.conv_transpose(x, w, stride=2)
    assert np.isnan(y[0, 0]).tolist() == [
        False,
        False,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    np.testing.assert_array_equal(np.isnan(y), np.isnan(torch_conv_transpose(x, w, None, stride=2)))


@pytest.mark.spec("conv.nan")
def test_nan_and_infinity_match_torch() -> None:
    rng = np.random.default_rng(9)
    x, w = rng.standard_normal((2, 2, 4, 4)), rng.standard_normal((2, 2, 3, 3))
    x[0, 0, 1, 2], x[1, 1, 3, 0], x[1, 0, 0, 0] = np.nan, np.inf, -np.inf
    w[0, 1, 1, 1] = 0.0
    w[1, 0, 2, 0] = np.inf
    kwargs: dict[str, Any] = {"stride": 2, "padding": 1, "output_padding": 1, "groups": 2}
    got, expected = (
        oracle.conv_transpose(x, w, **kwargs),
        torch_conv_transpose(x, w, None, **kwargs),
    )
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-13, equal_nan=True)


# --------------------------------------------------------------------------------------
# 4. ValueError
# --------------------------------------------------------------------------------------

X2, W2 = np.zeros((1, 4, 3, 3)), np.zeros((4, 3, 2, 2))  # groups = 2: C_out = 6
ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    ("x-list", {"x": [[[1.0]]]}, "x", "conv_transpose.matrix_transpose"),
    ("x-complex", {"x": X2.astype(complex)}, "x", "conv_transpose.matrix_transpose"),
    ("x-bool", {"x": X2.astype(bool)}, "x", "conv_transpose.matrix_transpose"),
    ("x-no-spatial-axis", {"x": np.zeros((1, 4))}, "x", "conv_transpose.matrix_transpose"),
    ("x-empty-axis", {"x": np.zeros((1, 4, 3, 0))}, "x", "window.output_length"),
    ("weight-str", {"weight": "w"}, "weight", "conv_transpose.matrix_transpose"),
    (
        "weight-ndim",
        {"weight": np.zeros((4, 3, 2, 2, 2))},
        "weight",
        "conv_transpose.matrix_transpose",
    ),
    (
        "weight-empty-kernel",
        {"weight": np.zeros((4, 3, 2, 0))},
        "weight",
        "conv_transpose.matrix_transpose",
    ),
    (
        "weight-in-channels",
        {"weight": np.zeros((2, 3, 2, 2))},
        "weight",
        "conv_transpose.matrix_transpose",
    ),
    ("groups-0", {"groups": 0}, "groups", "conv.groups"),
    ("groups-not-dividing", {"groups": 3}, "groups", "conv.groups"),
    ("bias-length", {"bias": np.zeros(3)}, "bias", "conv.groups"),
    ("bias-int", {"bias": 1}, "bias", "conv.groups"),
    ("stride-0", {"stride": (0, 1)}, "stride", "window.output_length"),
    ("dilation-0", {"dilation": 0}, "dilation", "window.output_length"),
    ("padding-negative", {"padding": ((0, -1), (0, 0))}, "padding", "window.padding"),
    (
        "output-padding-negative",
        {"output_padding": -1},
        "output_padding",
        "conv_transpose.output_padding",
    ),
    (
        "output-padding-at-stride",
        {"output_padding": 1},
        "output_padding",
        "conv_transpose.output_padding",
    ),
    (
        "output-padding-at-max",
        {"stride": 2, "dilation": (3, 1), "output_padding": (3, 0)},
        "output_padding",
        "conv_transpose.output_padding",
    ),
    (
        "output-padding-second-axis",
        {"stride": 2, "output_padding": (1, 2)},
        "output_padding",
        "conv_transpose.output_padding",
    ),
    (
        "output-padding-float",
        {"stride": 2, "output_padding": 1.0},
        "output_padding",
        "conv_transpose.output_padding",
    ),
    (
        "output-padding-count",
        {"stride": 2, "output_padding": (1,)},
        "output_padding",
        "conv_transpose.output_padding",
    ),
    ("no-output", {"padding": (2, 0)}, "padding", "conv_transpose.output_padding"),
]


@pytest.mark.parametrize(
    ("change", "parameter", "derivation"),
    [pytest.param(*e[1:], id=e[0], marks=pytest.mark.spec(e[3])) for e in ERRORS],
)
def test_conv_transpose_rejects(change: dict[str, Any], parameter: str, derivation: str) -> None:
    args: dict[str, Any] = {"x": X2, "weight": W2, "groups": 2, **change}
    with pytest.raises(ValueError, match=rf"^{parameter}: .*\(see {derivation}\)$"):
        oracle.conv_transpose(args.pop("x"), args.pop("weight"), **args)


@pytest.mark.spec("conv_transpose.output_padding")
def test_output_padding_below_max_of_stride_and_dilation_is_accepted() -> None:
    # The limits of the range: max(s, d) - 1, from the stride or from the dilation.
    assert oracle.conv_transpose(X2, W2, groups=2, stride=3, output_padding=2).shape == (
        1,
        6,
        10,
        10,
    )
    assert oracle.conv_transpose(X2, W2, groups=2, dilation=3, output_padding=2).shape == (
        1,
        6,
        8,
        8,
    )
