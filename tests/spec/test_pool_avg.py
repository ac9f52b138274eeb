"""pool.avg.divisor and pool.avg.as_conv against PyTorch and onnx.reference."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import pytest

from spec.pool import PoolGeometry, avg_axis_divisor, avg_divisor, avg_pool_plane, tap_count
from spec.pool.geometry import Position


@pytest.mark.spec("pool.avg.divisor")
def test_tap_count_counts_taps_not_span() -> None:
    # k = 3, d = 2 spans 5 cells; from -2 the taps -2, 0, 2 leave one in the padding.
    assert tap_count(-2, 3, 2, 0, 10) == 2
    assert tap_count(-2, 3, 2, -2, 10) == 3


@pytest.mark.spec("pool.avg.divisor")
def test_override_replaces_both_divisors_and_must_be_positive() -> None:
    g = PoolGeometry.of(1, 3, 2, 1, ceil_mode=True)
    assert {avg_divisor((3,), (6,), g, c, 4) for c in (True, False)} == {4}
    with pytest.raises(ValueError, match=r"divisor_override.*pool\.avg\.divisor"):
        avg_divisor((0,), (6,), g, True, 0)


@pytest.mark.spec("pool.avg.divisor")
def test_ceil_overhang_is_not_counted() -> None:
    # L = 6, k = 3, s = 2, p = 1: window 3 reads cell 5, padding cell 6 and overhang 7.
    assert avg_axis_divisor(3, 6, 3, 2, 1, 1, 1, True) == 2
    assert avg_axis_divisor(3, 6, 3, 2, 1, 1, 1, False) == 1


def _torch_cases() -> list[tuple[int, int, int, int, bool, bool, int | None]]:
    cases = []
    for n, k, s, p, ceil, include, override in itertools.product(
        range(1, 8), range(1, 5), range(1, 4), range(3), (False, True), (False, True), (None, 3)
    ):
        if p <= k // 2 and n + 2 * p >= k:
            cases.append((n, k, s, p, ceil, include, override))
    return cases


@pytest.mark.spec("pool.avg.divisor")
def test_matches_torch_avg_pool() -> None:
    torch: Any = pytest.importorskip("torch")
    for n, k, s, p, ceil, include, override in _torch_cases():
        values = [(7 * i) % 5 - 2 for i in range(n)]
        x = torch.tensor(values, dtype=torch.float64).reshape(1, 1, 1, n)
        got = torch.nn.functional.avg_pool2d(
            x, (1, k), (1, s), (0, p), ceil, include, override
        ).flatten()
        plane: dict[Position, Fraction] = {(i,): Fraction(v) for i, v in enumerate(values)}
        g = PoolGeometry.of(1, k, s, p, ceil_mode=ceil)
        want = avg_pool_plane(plane, (n,), g, include, override)
        assert [float(v) for v in want.values()] == pytest.approx(got.tolist(), abs=1e-12), (
            n,
            k,
            s,
            p,
            ceil,
            include,
            override,
        )


def _onnx_average_pool(values: list[float], **attrs: Any) -> list[float]:
    np: Any = pytest.importorskip("numpy")
    onnx: Any = pytest.importorskip("onnx")
    from onnx.reference import ReferenceEvaluator

    helper, tensor = onnx.helper, onnx.TensorProto
    node = helper.make_node("AveragePool", ["X"], ["Y"], **attrs)
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info("X", tensor.DOUBLE, [1, 1, len(values)])],
        [helper.make_tensor_value_info("Y", tensor.DOUBLE, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    x = np.array(values, dtype=np.float64).reshape(1, 1, -1)
    outputs: Any = ReferenceEvaluator(model).run(None, {"X": x})
    return [float(v) for v in outputs[0].ravel()]


@pytest.mark.spec("pool.avg.divisor")
@pytest.mark.parametrize("include", [0, 1])
def test_dilated_divisor_counts_taps_as_onnx_reference(include: int) -> None:
    values = [float(v) for v in range(1, 8)]
    got = _onnx_average_pool(
        values, kernel_shape=[2], dilations=[2], pads=[1, 1], count_include_pad=include
    )
    plane: dict[Position, Fraction] = {(i,): Fraction(v) for i, v in enumerate(range(1, 8))}
    want = avg_pool_plane(plane, (7,), PoolGeometry.of(1, 2, 1, 1, 2), bool(include))
    assert [float(v) for v in want.values()] == got


@pytest.mark.spec("pool.avg.as_conv")
def test_avg_pool_is_a_constant_kernel_conv_in_torch() -> None:
    torch: Any = pytest.importorskip("torch")
    x = torch.arange(2 * 9, dtype=torch.float64).reshape(1, 2, 9) % 5
    pooled = torch.nn.functional.avg_pool1d(x, 3, 2, 1)
    kernel = torch.full((2, 1, 3), 1 / 3, dtype=torch.float64)
    conv = torch.nn.functional.conv1d(x, kernel, stride=2, padding=1, groups=2)
    assert torch.allclose(pooled, conv, rtol=0, atol=1e-12)
