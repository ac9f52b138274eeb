"""resize.antialias and equiv.torch.antialias."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, cast

import pytest

import spec.resize.antialias as antialias
import spec.resize.cubic as cubic
from spec.resize.border import replicate_edges
from spec.resize.cubic import KernelKind
from spec.resize.equiv.torch import torch_antialias_weights


@pytest.mark.spec("resize.antialias")
def test_stretched_linear_window_is_the_triangle_of_half_width_one_over_s() -> None:
    # s = 1/3 at x = 4: taps 2..6 (|j - 4| < 3), weights (1 - |j - 4|/3) / 3.
    taps = antialias.antialias_taps(Fraction(4), Fraction(1, 3), "linear")
    assert taps == {j: 1 - Fraction(abs(j - 4), 3) for j in range(2, 7)}
    weights = antialias.antialias_weights(Fraction(4), Fraction(1, 3), 9, "linear")
    assert weights == {j: (1 - Fraction(abs(j - 4), 3)) / 3 for j in range(2, 7)}


@pytest.mark.spec("resize.antialias")
def test_downsampling_by_two_with_linear_is_a_one_two_one_filter() -> None:
    # s = 1/2, half_pixel x = 2i + 1/2: taps 2i-1 .. 2i+2 with (1, 3, 3, 1)/8.
    weights = antialias.antialias_weights(Fraction(5, 2), Fraction(1, 2), 8, "linear")
    assert weights == {1: Fraction(1, 8), 2: Fraction(3, 8), 3: Fraction(3, 8), 4: Fraction(1, 8)}


@pytest.mark.spec("resize.antialias")
def test_upsampling_is_the_plain_kernel() -> None:
    x = Fraction(7, 4)
    got = antialias.antialias_weights(x, Fraction(3), 6, "cubic")
    want = replicate_edges(cubic.plain_taps(x, "cubic"), 6)
    assert {j: w for j, w in got.items() if w} == {j: w for j, w in want.items() if w}


@pytest.mark.spec("equiv.torch.antialias")
def test_torch_model_uses_a_minus_half() -> None:
    # Interior output of an upsampling by 2: fraction 1/4 or 3/4, weights of a = -1/2.
    weights = torch_antialias_weights(5, 8, Fraction(2), "cubic")
    x = (5 + Fraction(1, 2)) / 2 - Fraction(1, 2)
    assert weights == {j: w for j, w in cubic.plain_taps(x, "cubic", cubic.A_KEYS).items()}


@pytest.mark.spec("equiv.torch.antialias")
@pytest.mark.parametrize("mode", ["bilinear", "bicubic"])
@pytest.mark.parametrize("size", [1, 2, 3, 4, 7, 10, 13])
def test_model_matches_installed_torch(mode: str, size: int) -> None:
    torch = pytest.importorskip("torch")
    samples = [1.0, 5.0, 2.0, 7.0, 3.0]
    x = torch.tensor([[[samples]]], dtype=torch.float64)
    got = torch.nn.functional.interpolate(
        x, size=(1, size), mode=mode, align_corners=False, antialias=True
    ).reshape(-1)
    kind: KernelKind = "linear" if mode == "bilinear" else "cubic"
    for i in range(size):
        weights = torch_antialias_weights(i, 5, Fraction(size, 5), kind)
        want = float(sum(w * Fraction(samples[j]) for j, w in weights.items()))
        assert float(got[i]) == pytest.approx(want, abs=1e-12)


@pytest.mark.spec("resize.antialias")
def test_onnx_reference_antialias_matches() -> None:
    np = pytest.importorskip("numpy")
    pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    node = helper.make_node(
        "Resize",
        ["X", "", "scales"],
        ["Y"],
        mode="cubic",
        antialias=1,
        exclude_outside=1,
        cubic_coeff_a=-0.5,
    )
    graph = helper.make_graph(
        [node],
        "g",
        [
            helper.make_tensor_value_info("X", TensorProto.FLOAT, None),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, None),
        ],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    samples = [1, 5, 2, 7, 3]
    x = np.array([[samples]], dtype=np.float32)
    scale = Fraction(3, 5)
    feeds = {"X": x, "scales": np.array([1, 1, 0.6], dtype=np.float32)}
    outputs = cast("list[Any]", ReferenceEvaluator(model).run(None, feeds))
    for i, got in enumerate(outputs[0].reshape(-1)):
        xi = (i + Fraction(1, 2)) / scale - Fraction(1, 2)
        weights = antialias.antialias_weights(xi, scale, 5, "cubic", cubic.A_KEYS, exclude=True)
        want = float(sum(w * samples[j] for j, w in weights.items()))
        assert float(got) == pytest.approx(want, rel=1e-5)
