"""oracle.pixel_shuffle and pixel_unshuffle: the index map, the inverse, PyTorch, ONNX, errors.

* pixel_shuffle.permutation: ``y[n, c, *(h*r + i)] = x[n, c*r**d + digits(i), *h]``
  with the sub-positions ``i`` read as base-r digits, first axis most
  significant, on 1 to 3 axes; PyTorch's pixel_shuffle and ONNX DepthToSpace
  in CRD mode on 2 axes.
* pixel_shuffle.permutation: pixel_unshuffle undoes it, both ways round.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle

Array = NDArray[np.float64]


def direct_pixel_shuffle(x: Array, r: int) -> Array:
    """Loop over the outputs: output (h*r + i) on each axis reads channel c*r**d + digits(i)."""
    batch, channels, *lengths = x.shape
    ndim = len(lengths)
    y = np.zeros((batch, channels // r**ndim, *(n * r for n in lengths)))
    for n, c, *position in itertools.product(*map(range, y.shape)):
        h = [p // r for p in position]
        digits = 0
        for p in position:  # first axis most significant
            digits = digits * r + p % r
        y[(n, c, *position)] = x[(n, c * r**ndim + digits, *h)]
    return y


SHAPES = [
    ((2, 3, 4), 3),  # 1 axis: C = 1 * 3
    ((1, 8, 2), 2),
    ((2, 8, 2, 3), 2),  # 2 axes: PyTorch's case
    ((1, 18, 1, 2), 3),
    ((0, 4, 2, 2), 2),
    ((1, 16, 2, 1, 2), 2),  # 3 axes
    ((1, 27, 1, 2, 1), 3),
    ((2, 3, 2, 2), 1),
]


@pytest.mark.spec("pixel_shuffle.permutation")
@pytest.mark.parametrize(("shape", "r"), SHAPES)
def test_pixel_shuffle_matches_the_direct_definition(shape: tuple[int, ...], r: int) -> None:
    x = np.random.default_rng(0).standard_normal(shape)
    y = oracle.pixel_shuffle(x, r)
    np.testing.assert_array_equal(y, direct_pixel_shuffle(x, r))
    assert y.dtype == np.float64


@pytest.mark.spec("pixel_shuffle.permutation")
@pytest.mark.parametrize(("shape", "r"), SHAPES)
def test_pixel_unshuffle_is_the_inverse(shape: tuple[int, ...], r: int) -> None:
    x = np.random.default_rng(1).standard_normal(shape)
    y = oracle.pixel_shuffle(x, r)
    np.testing.assert_array_equal(oracle.pixel_unshuffle(y, r), x)
    np.testing.assert_array_equal(oracle.pixel_shuffle(oracle.pixel_unshuffle(y, r), r), y)


@pytest.mark.spec("pixel_shuffle.permutation")
def test_the_two_dimensional_order() -> None:
    # y[n, c, h*r + i, w*r + j] = x[n, c*r*r + i*r + j, h, w]
    x = np.arange(8.0).reshape(1, 8, 1, 1)
    assert oracle.pixel_shuffle(x, 2).tolist() == [
        [[[0.0, 1.0], [2.0, 3.0]], [[4.0, 5.0], [6.0, 7.0]]]
    ]


@pytest.mark.spec("pixel_shuffle.permutation")
def test_a_permutation_moves_nan_and_integers_unchanged_into_a_new_array() -> None:
    x = np.arange(16, dtype=np.int64).reshape(1, 4, 2, 2)
    y = oracle.pixel_shuffle(x, 2)
    assert y.dtype == np.float64 and sorted(y.ravel().tolist()) == list(range(16))
    z = np.full((1, 2, 3), np.nan)
    z[0, 1, 2] = 1.0
    same = oracle.pixel_shuffle(z, 1)
    np.testing.assert_array_equal(same, z)
    assert not np.shares_memory(same, z)
    assert np.isnan(oracle.pixel_unshuffle(z.reshape(1, 1, 6), 2)).sum() == 5


@pytest.mark.spec("pixel_shuffle.permutation")
def test_pixel_shuffle_matches_torch_on_two_axes() -> None:
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(2).standard_normal((2, 18, 3, 2))
    t = torch.from_numpy(x)
    np.testing.assert_array_equal(
        oracle.pixel_shuffle(x, 3), torch.nn.functional.pixel_shuffle(t, 3).numpy()
    )
    y = np.random.default_rng(3).standard_normal((2, 3, 4, 6))
    np.testing.assert_array_equal(
        oracle.pixel_unshuffle(y, 2),
        torch.nn.functional.pixel_unshuffle(torch.from_numpy(y), 2).numpy(),
    )


def _onnx_depth_to_space(x: Array, r: int, mode: str) -> Array:
    helper = pytest.importorskip("onnx.helper")
    reference = pytest.importorskip("onnx.reference")
    onnx = pytest.importorskip("onnx")
    node = helper.make_node("DepthToSpace", ["X"], ["Y"], blocksize=r, mode=mode)
    graph = helper.make_graph(
        [node],
        "depth_to_space",
        [helper.make_tensor_value_info("X", onnx.TensorProto.DOUBLE, None)],
        [helper.make_tensor_value_info("Y", onnx.TensorProto.DOUBLE, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    result: Array = reference.ReferenceEvaluator(model).run(None, {"X": x})[0]
    return result


@pytest.mark.spec("equiv.onnx.pixel_shuffle.depth_to_space")
def test_depth_to_space_crd_is_pixel_shuffle_and_dcr_is_not() -> None:
    x = np.random.default_rng(4).standard_normal((1, 8, 2, 3))
    np.testing.assert_array_equal(oracle.pixel_shuffle(x, 2), _onnx_depth_to_space(x, 2, "CRD"))
    assert not np.array_equal(oracle.pixel_shuffle(x, 2), _onnx_depth_to_space(x, 2, "DCR"))


ERRORS: list[tuple[str, str, Any, Any, str, str]] = [
    ("shuffle-list", "pixel_shuffle", [[[1.0]]], 1, "x", "pixel_shuffle.permutation"),
    (
        "shuffle-complex",
        "pixel_shuffle",
        np.zeros((1, 4, 2), complex),
        2,
        "x",
        "pixel_shuffle.permutation",
    ),
    ("shuffle-no-spatial", "pixel_shuffle", np.zeros((1, 4)), 2, "x", "pixel_shuffle.permutation"),
    (
        "shuffle-4-axes",
        "pixel_shuffle",
        np.zeros((1, 16, 1, 1, 1, 1)),
        2,
        "x",
        "pixel_shuffle.permutation",
    ),
    (
        "shuffle-channels",
        "pixel_shuffle",
        np.zeros((1, 6, 2, 2)),
        2,
        "x",
        "pixel_shuffle.permutation",
    ),
    (
        "shuffle-channels-3d",
        "pixel_shuffle",
        np.zeros((1, 4, 2, 2, 2)),
        2,
        "x",
        "pixel_shuffle.permutation",
    ),
    (
        "shuffle-factor-0",
        "pixel_shuffle",
        np.zeros((1, 4, 2)),
        0,
        "upscale_factor",
        "pixel_shuffle.permutation",
    ),
    (
        "shuffle-factor-float",
        "pixel_shuffle",
        np.zeros((1, 4, 2)),
        2.0,
        "upscale_factor",
        "pixel_shuffle.permutation",
    ),
    (
        "shuffle-factor-bool",
        "pixel_shuffle",
        np.zeros((1, 4, 2)),
        True,
        "upscale_factor",
        "pixel_shuffle.permutation",
    ),
    (
        "unshuffle-bool",
        "pixel_unshuffle",
        np.zeros((1, 1, 4), bool),
        2,
        "x",
        "pixel_shuffle.permutation",
    ),
    (
        "unshuffle-length",
        "pixel_unshuffle",
        np.zeros((1, 1, 4, 3)),
        2,
        "x",
        "pixel_shuffle.permutation",
    ),
    (
        "unshuffle-factor-negative",
        "pixel_unshuffle",
        np.zeros((1, 1, 4)),
        -2,
        "downscale_factor",
        "pixel_shuffle.permutation",
    ),
]


@pytest.mark.spec("pixel_shuffle.permutation")
@pytest.mark.parametrize(
    ("op", "x", "factor", "parameter", "derivation"),
    [e[1:] for e in ERRORS],
    ids=[e[0] for e in ERRORS],
)
def test_rejects(op: str, x: Any, factor: Any, parameter: str, derivation: str) -> None:
    with pytest.raises(ValueError, match=rf"^{parameter}: .*\(see {derivation}\)$"):
        getattr(oracle, op)(x, factor)
