"""pool.max.ties, pool.max.nan, pool.max.indices against PyTorch and onnx.reference."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest

from spec.pool import (
    PoolGeometry,
    adaptive_max_pool_plane,
    max_pool_plane,
    max_select,
    onnx_max_pool_index,
    plane_index_from_onnx,
)
from spec.pool.geometry import Position

NAN = math.nan


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (
        a == b and math.copysign(1, a) == math.copysign(1, b)
    )


def _values(count: int, seed: int) -> list[float]:
    """Repeated values, signed zeros, infinities and NaN, deterministically."""
    alphabet = (0.0, -0.0, 1.0, 1.0, -math.inf, math.inf, NAN, 2.0)
    return [alphabet[(5 * i + 3 * seed) % len(alphabet)] for i in range(count)]


@pytest.mark.spec("pool.max.ties", "pool.max.nan")
def test_issue_examples() -> None:
    assert repr(max_select([1.0, NAN, 3.0, NAN])) == "(nan, 3)"
    assert max_select([2.0, 5.0, 5.0]) == (5.0, 1)
    assert math.copysign(1, max_select([-0.0, 0.0])[0]) == -1
    with pytest.raises(ValueError, match=r"pool\.max\.indices"):
        max_select([])


def _cases_1d() -> list[tuple[int, int, int, int, int, bool]]:
    cases = []
    for n, k, s, p, d, ceil in itertools.product(
        range(1, 7), range(1, 4), range(1, 3), range(2), range(1, 3), (False, True)
    ):
        if p <= k // 2 and n + 2 * p >= d * (k - 1) + 1:
            cases.append((n, k, s, p, d, ceil))
    return cases


@pytest.mark.spec("pool.max.ties", "pool.max.nan", "pool.max.indices")
def test_matches_torch_max_pool1d() -> None:
    torch: Any = pytest.importorskip("torch")
    for n, k, s, p, d, ceil in _cases_1d():
        g = PoolGeometry.of(1, k, s, p, d, ceil)
        for seed in range(4):
            values = _values(n, seed)
            plane: dict[Position, float] = {(i,): v for i, v in enumerate(values)}
            x = torch.tensor(values, dtype=torch.float64).reshape(1, 1, n)
            got_v, got_i = torch.nn.functional.max_pool1d(x, k, s, p, d, ceil, True)
            try:
                want = max_pool_plane(plane, (n,), g)
            except ValueError:
                assert -math.inf in got_v.flatten().tolist()  # a window with no input cell
                continue
            for o, (value, index) in want.items():
                assert _same(value, float(got_v[0, 0, o[0]])), (n, k, s, p, d, ceil, values)
                assert index == int(got_i[0, 0, o[0]]), (n, k, s, p, d, ceil, values)


@pytest.mark.spec("pool.max.ties", "pool.max.nan", "pool.max.indices")
@pytest.mark.parametrize(
    ("shape", "k", "s", "p", "d", "ceil"),
    [((4, 5), (2, 3), (2, 1), (1, 1), (1, 2), False), ((5, 4), 3, 2, 1, 1, True)],
)
def test_matches_torch_max_pool2d(
    shape: tuple[int, int], k: Any, s: Any, p: Any, d: Any, ceil: bool
) -> None:
    torch: Any = pytest.importorskip("torch")
    g = PoolGeometry.of(2, k, s, p, d, ceil)
    cells = list(itertools.product(*map(range, shape)))
    for seed in range(4):
        values = _values(len(cells), seed)
        plane = dict(zip(cells, values, strict=True))
        x = torch.tensor(values, dtype=torch.float64).reshape(1, 1, *shape)
        got_v, got_i = torch.nn.functional.max_pool2d(x, k, s, p, d, ceil, True)
        for (a, b), (value, index) in max_pool_plane(plane, shape, g).items():
            assert _same(value, float(got_v[0, 0, a, b]))
            assert index == int(got_i[0, 0, a, b])


@pytest.mark.spec("pool.max.ties", "pool.max.nan", "pool.max.indices")
def test_matches_torch_adaptive_max_pool2d() -> None:
    torch: Any = pytest.importorskip("torch")
    shape = (5, 7)
    cells = list(itertools.product(*map(range, shape)))
    for seed, out in itertools.product(range(4), [(2, 3), (3, 4), (5, 7)]):
        values = _values(len(cells), seed)
        plane = dict(zip(cells, values, strict=True))
        x = torch.tensor(values, dtype=torch.float64).reshape(1, 1, *shape)
        got_v, got_i = torch.nn.functional.adaptive_max_pool2d(x, out, True)
        for (a, b), (value, index) in adaptive_max_pool_plane(plane, shape, out).items():
            assert _same(value, float(got_v[0, 0, a, b]))
            assert index == int(got_i[0, 0, a, b])


@pytest.mark.spec("pool.max.indices")
def test_window_without_input_cell_is_rejected() -> None:
    # L = 2, k = 2, d = 3, p = 1: the taps -1 and 2 both miss the input.
    with pytest.raises(ValueError, match=r"dilation, padding.*pool\.max\.indices"):
        max_pool_plane({(0,): 5.0, (1,): 7.0}, (2,), PoolGeometry.of(1, 2, 1, 1, 3))


def _onnx_max_pool(x: Any, **attrs: Any) -> tuple[Any, Any]:
    onnx: Any = pytest.importorskip("onnx")
    from onnx.reference import ReferenceEvaluator

    helper, tensor = onnx.helper, onnx.TensorProto
    node = helper.make_node("MaxPool", ["X"], ["Y", "I"], **attrs)
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info("X", tensor.DOUBLE, list(x.shape))],
        [
            helper.make_tensor_value_info("Y", tensor.DOUBLE, None),
            helper.make_tensor_value_info("I", tensor.INT64, None),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])
    values, indices = ReferenceEvaluator(model).run(None, {"X": x})
    return values, indices


@pytest.mark.spec("pool.max.indices")
@pytest.mark.parametrize("order", [0, 1])
def test_onnx_indices_as_onnx_reference(order: int) -> None:
    np: Any = pytest.importorskip("numpy")
    shape = (2, 1, 3, 4)
    x = np.arange(24, dtype=np.float64).reshape(shape)
    _, indices = _onnx_max_pool(x, kernel_shape=[2, 2], strides=[2, 2], storage_order=order)
    for (n, _, a, b), index in np.ndenumerate(indices):
        cells: list[Position] = list(itertools.product(range(3), range(4)))
        plane = {q: float(x[n, 0][q]) for q in cells}
        _, mine = max_pool_plane(plane, (3, 4), PoolGeometry.of(2, 2))[(a, b)]
        position = (mine // 4, mine % 4)
        assert onnx_max_pool_index(n, 0, position, shape, order) == int(index)
        assert plane_index_from_onnx(int(index), shape, order) == (n, 0, mine)


@pytest.mark.spec("pool.max.nan")
def test_onnx_reference_skips_nan_a_known_deviation() -> None:
    np: Any = pytest.importorskip("numpy")
    x = np.array([1.0, NAN, 3.0, NAN]).reshape(1, 1, 4)
    values, indices = _onnx_max_pool(x, kernel_shape=[4], strides=[2])
    assert (float(values.ravel()[0]), int(indices.ravel()[0])) == (3.0, 2)
    assert repr(max_select([1.0, NAN, 3.0, NAN])) == "(nan, 3)"


@pytest.mark.spec("pool.max.indices")
def test_storage_order_must_be_0_or_1() -> None:
    with pytest.raises(ValueError, match=r"storage_order.*pool\.max\.indices"):
        onnx_max_pool_index(0, 0, (0,), (1, 1, 3), 2)
