"""equiv.*: library conventions against the spec; the library models against the libraries.

The claims are proved in exact arithmetic from cited formulas.  The tests below also run
the libraries themselves where they are installed, so that a model that drifts from its
library is caught (each such test is skipped when the library is missing).
"""

from __future__ import annotations

import math
import warnings
from typing import Any, cast

import pytest
from sympy import Rational

from spec._exact import float32
from spec.resize.coordinates import source_coordinate
from spec.resize.equiv.scipy import scipy_zoom_coordinate, scipy_zoom_length
from spec.resize.equiv.tf import tf1_bilinear_weights, tf1_nearest_index
from spec.resize.equiv.torch import torch_nearest_exact_index, torch_nearest_index
from spec.resize.linear import linear_tap_weights


def _spec_linear(mode: str, signal: list[float], out_len: int, scale: object = None) -> list[float]:
    result = []
    for o in range(out_len):
        position = source_coordinate(mode, o, len(signal), out_len, scale)
        weights = linear_tap_weights(position, len(signal))
        result.append(math.fsum(float(w) * signal[k] for k, w in weights.items()))
    return result


@pytest.mark.spec("equiv.torch.nearest", "equiv.torch.nearest_exact")
def test_model_examples() -> None:
    assert [torch_nearest_index(i, 3, 7) for i in range(7)] == [0, 0, 0, 1, 1, 2, 2]
    assert [torch_nearest_exact_index(i, 4, 2) for i in range(2)] == [1, 3]
    assert float32(62.0 / 14.0) < 62 / 14


@pytest.mark.spec("equiv.tf1.legacy_resize")
def test_tf1_model_examples() -> None:
    # 2 -> 4 legacy: x = i/2, so outputs 1 and 3 are halfway; the last reads past the end.
    weights = [
        tf1_bilinear_weights(i, 2, 4, align_corners=False, half_pixel_centers=False)
        for i in range(4)
    ]
    assert [dict(w) for w in weights][3] == {1: 1}
    assert [
        tf1_nearest_index(i, 2, 4, align_corners=False, half_pixel_centers=False) for i in range(4)
    ] == [0, 0, 1, 1]


@pytest.mark.spec("equiv.scipy.zoom_grid_mode")
def test_scipy_model_examples() -> None:
    assert scipy_zoom_length(3, 1.5) == 4
    assert scipy_zoom_coordinate(0, 3, 4, grid_mode=True) == source_coordinate(
        "half_pixel", 0, 3, 4
    )


# --- the libraries themselves -----------------------------------------------------------------


@pytest.mark.spec("equiv.torch.nearest", "equiv.torch.nearest_exact")
@pytest.mark.parametrize("mode", ["nearest", "nearest-exact"])
def test_torch_nearest_matches_exact_model_in_float64(mode: str) -> None:
    torch = pytest.importorskip("torch")
    model = torch_nearest_index if mode == "nearest" else torch_nearest_exact_index
    for in_len in range(1, 13):
        signal = torch.arange(in_len, dtype=torch.float64).reshape(1, 1, in_len)
        for out_len in range(1, 25):
            out = torch.nn.functional.interpolate(signal, size=out_len, mode=mode)
            got = [int(v) for v in out.flatten().tolist()]
            assert got == [model(o, in_len, out_len) for o in range(out_len)], (in_len, out_len)


@pytest.mark.spec("equiv.torch.nearest", "equiv.torch.nearest_exact")
def test_torch_float32_rounds_the_exact_integer_down() -> None:
    torch = pytest.importorskip("torch")
    for dtype, expected in ((torch.float32, 30), (torch.float64, 31)):
        signal = torch.arange(62, dtype=dtype).reshape(1, 1, 62)
        nearest = torch.nn.functional.interpolate(signal, size=14, mode="nearest")
        exact = torch.nn.functional.interpolate(signal, size=7, mode="nearest-exact")
        assert int(nearest.flatten()[7]) == expected
        assert int(exact.flatten()[3]) == expected
    assert torch_nearest_index(7, 62, 14) == 31


@pytest.mark.spec("equiv.torch.align_corners_false")
@pytest.mark.parametrize("align_corners", [False, True])
def test_torch_linear_matches_spec_with_size(align_corners: bool) -> None:
    torch = pytest.importorskip("torch")
    mode = "align_corners" if align_corners else "half_pixel"
    for in_len in range(1, 8):
        signal = [float((7 * k) % 11) - 3.5 for k in range(in_len)]
        tensor = torch.tensor(signal, dtype=torch.float64).reshape(1, 1, in_len)
        for out_len in range(1, 15):
            out = torch.nn.functional.interpolate(
                tensor, size=out_len, mode="linear", align_corners=align_corners
            )
            expected = _spec_linear(mode, signal, out_len)
            assert out.flatten().tolist() == pytest.approx(expected, abs=1e-12)


@pytest.mark.spec("equiv.torch.align_corners_false")
def test_torch_copies_when_scale_factor_keeps_the_length() -> None:
    torch = pytest.importorskip("torch")
    signal = [0.0, 1.0, 2.0, 3.0]
    tensor = torch.tensor(signal, dtype=torch.float64).reshape(1, 1, 4)
    out = torch.nn.functional.interpolate(
        tensor, scale_factor=1.1, mode="linear", align_corners=False, recompute_scale_factor=False
    )
    assert out.flatten().tolist() == signal
    spec_values = _spec_linear("half_pixel", signal, 4, 1.1)
    assert spec_values[1] == pytest.approx(1.5 / 1.1 - 0.5)
    other = torch.nn.functional.interpolate(
        tensor, scale_factor=1.5, mode="linear", align_corners=False, recompute_scale_factor=False
    )
    assert other.flatten().tolist() == pytest.approx(_spec_linear("half_pixel", signal, 6, 1.5))


@pytest.mark.spec("equiv.scipy.zoom_grid_mode")
@pytest.mark.parametrize("grid_mode", [True, False])
def test_scipy_zoom_matches_spec(grid_mode: bool) -> None:
    ndimage = pytest.importorskip("scipy.ndimage")
    numpy = pytest.importorskip("numpy")
    mode = "half_pixel" if grid_mode else "align_corners"
    for in_len in range(1, 10):
        signal = [float((5 * k) % 7) for k in range(in_len)]
        for zoom in (0.5, 0.7, 1.3, 1.5, 2.0, 2.5, 1 / 3):
            out_len = scipy_zoom_length(in_len, zoom)
            if out_len < 1:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got = ndimage.zoom(
                    numpy.array(signal), zoom, order=1, mode="nearest", grid_mode=grid_mode
                )
            assert len(got) == out_len
            assert list(got) == pytest.approx(_spec_linear(mode, signal, out_len), abs=1e-12)


@pytest.mark.spec("equiv.torch.nearest_exact", "nearest.rounding")
def test_onnx_reference_reads_the_documented_indices() -> None:
    pytest.importorskip("onnx")
    numpy = pytest.importorskip("numpy")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    def resize(length: int, size: int, nearest_mode: str) -> list[int]:
        node = helper.make_node(
            "Resize",
            ["X", "", "", "sizes"],
            ["Y"],
            mode="nearest",
            coordinate_transformation_mode="half_pixel",
            nearest_mode=nearest_mode,
        )
        graph = helper.make_graph(
            [node],
            "resize",
            [
                helper.make_tensor_value_info("X", TensorProto.FLOAT, None),
                helper.make_tensor_value_info("sizes", TensorProto.INT64, None),
            ],
            [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
        )
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
        data = numpy.arange(length, dtype=numpy.float32).reshape(1, 1, 1, length)
        sizes = numpy.array([1, 1, 1, size], dtype=numpy.int64)
        outputs = cast(
            "list[Any]", ReferenceEvaluator(model).run(None, {"X": data, "sizes": sizes})
        )
        return [int(v) for v in numpy.asarray(outputs[0]).flatten()]

    assert resize(4, 2, "round_prefer_floor") == [0, 2]
    assert resize(4, 2, "round_prefer_ceil") == [1, 3]
    # the float64 coordinate misses the exact tie 13/2 (nearest.rounding)
    assert source_coordinate("half_pixel", 8, 14, 17) == Rational(13, 2)
    assert resize(14, 17, "round_prefer_floor")[8] == 7
