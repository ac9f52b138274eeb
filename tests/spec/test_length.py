"""resize.output_length: size, else floor(in * scale_factor) on the exact value; roi ignored."""

from __future__ import annotations

from typing import Any

import pytest
from sympy import Rational

from spec.resize.length import exact_value, float_output_length, output_length, roi_output_length


@pytest.mark.spec("resize.output_length")
def test_length_uses_the_exact_value_of_the_float() -> None:
    assert exact_value(1.2) < Rational(6, 5)
    assert output_length(5, scale_factor=1.2) == 5
    assert float_output_length(5, 1.2) == 6
    assert output_length(10, scale_factor=0.3) == 2
    assert output_length(10, scale_factor=0.1 * 3) == 3
    assert output_length(4, size=9, scale_factor=2.0) == 9


@pytest.mark.spec("resize.output_length")
@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"size": 0}, "size"),
        ({"scale_factor": -2.0}, "scale_factor"),
        ({"scale_factor": 0.2}, "scale_factor"),
        ({}, "size, scale_factor"),
        ({"scale_factor": True}, "value"),
    ],
)
def test_invalid_lengths_raise_value_error_naming_the_parameter(
    kwargs: dict[str, object], name: str
) -> None:
    with pytest.raises(ValueError, match=name):
        output_length(3, **kwargs)  # type: ignore[arg-type]


@pytest.mark.spec("resize.output_length")
def test_roi_does_not_shorten_the_output() -> None:
    # ONNX's prose floor(in * (end - start) * scale) is the variant; the spec ignores roi.
    assert output_length(8, scale_factor=2) == 16
    assert roi_output_length(8, 2, (0, 0.5)) == 8
    assert roi_output_length(8, 2, (0, 1)) == 16


@pytest.mark.spec("resize.output_length")
def test_onnx_reference_ignores_roi_in_the_length() -> None:
    np = pytest.importorskip("numpy")
    pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    node = helper.make_node(
        "Resize",
        ["X", "roi", "scales"],
        ["Y"],
        mode="linear",
        coordinate_transformation_mode="tf_crop_and_resize",
    )
    graph = helper.make_graph(
        [node],
        "roi_length",
        [
            helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 1, 8]),
            helper.make_tensor_value_info("roi", TensorProto.FLOAT, [6]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    outputs: Any = ReferenceEvaluator(model).run(
        None,
        {
            "X": np.arange(8, dtype=np.float32).reshape(1, 1, 8),
            "roi": np.array([0, 0, 0, 1, 1, 0.5], dtype=np.float32),
            "scales": np.array([1, 1, 2], dtype=np.float32),
        },
    )
    assert outputs[0].shape[-1] == output_length(8, scale_factor=2)
