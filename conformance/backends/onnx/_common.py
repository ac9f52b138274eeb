"""What the ONNX backends share: one-node models, the opset, and the two runtimes.

Every op is one ONNX node in a model of its own, built with ``onnx.helper``
at the highest opset that both ``onnx`` and the runtime accept, and run by
ONNX Runtime's CPU provider (``ort``, float32) or by
``onnx.reference.ReferenceEvaluator`` (``onnx-reference``, float64).  Every
input, the parameters included, is a graph input fed at run time, so no
constant folding stands between the test and the kernel.  ONNX holds its
float parameters (``scales``, ``roi``, ``cubic_coeff_a``) as float32
tensors and attributes, so both backends declare ``param_dtype="float32"``.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from conformance.backends._shared import LazyBackend

__all__ = ["OnnxCommon", "opset"]

_TYPES = {"float32": 1, "float64": 11, "int64": 7}  # onnx.TensorProto element types


@functools.cache
def opset(runtime: str) -> int:
    """The highest default-domain opset ``onnx`` knows and ``runtime`` accepts.

    For ONNX Runtime it is probed with a one-node Identity model, from
    ``onnx.defs.onnx_opset_version()`` down; the reference evaluator runs
    whatever ``onnx`` defines.
    """
    import onnx

    highest = int(onnx.defs.onnx_opset_version())
    if runtime != "onnxruntime":
        return highest
    import onnxruntime

    for version in range(highest, 17, -1):
        model = _model("Identity", [("x", np.zeros(1, np.float32))], 1, {}, version)
        try:
            onnxruntime.InferenceSession(
                model.SerializeToString(), providers=["CPUExecutionProvider"]
            )
        except Exception:
            continue
        return version
    return 18


def _model(op_type: str, inputs: list[tuple[str, Any]], n_outputs: int, attrs: dict[str, Any],
           version: int) -> Any:  # fmt: skip
    from onnx import helper

    names = [name if value is not None else "" for name, value in inputs]
    while names and not names[-1]:  # trailing optional inputs are left out, not named ""
        names.pop()
    outputs = [f"out{k}" for k in range(n_outputs)]
    node = helper.make_node(op_type, names, outputs, **attrs)
    graph = helper.make_graph(
        [node],
        op_type.lower(),
        [
            helper.make_tensor_value_info(name, _TYPES[str(value.dtype)], list(value.shape))
            for name, value in inputs
            if value is not None
        ],
        [helper.make_empty_tensor_value_info(o) for o in outputs],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", version)])


class OnnxCommon(LazyBackend):
    """An ONNX runtime at a dtype: availability, versions, and running one node."""

    def __init__(self, name: str, runtime: str, dtype: str) -> None:
        super().__init__(name, dtype, (name,), param_dtype="float32")
        self.runtime = runtime
        self.requires = (
            [("onnx", "onnx"), ("onnxruntime", "onnxruntime")]
            if runtime == "onnxruntime"
            else [("onnx", "onnx"), ("onnx.reference", "onnx")]
        )

    def versions(self) -> dict[str, str]:
        """onnx's and the runtime's versions, and the opset the nodes are built at."""
        found = super().versions()
        found["opset"] = str(opset(self.runtime))
        return found

    def _array(self, x: Any) -> Any:
        """``x`` in the backend's dtype."""
        return np.asarray(x, dtype=np.dtype(self.dtype))

    def run_node(
        self, op_type: str, inputs: list[tuple[str, Any]], n_outputs: int = 1, **attrs: Any
    ) -> list[Any]:
        """Run one ``op_type`` node on ``inputs`` (name, array or None for an absent input).

        Attributes are passed as ``onnx.helper.make_node`` takes them; the
        outputs come back as NumPy arrays, in order.
        """
        model = _model(op_type, inputs, n_outputs, attrs, opset(self.runtime))
        feeds = {name: value for name, value in inputs if value is not None}
        if self.runtime == "onnxruntime":
            import onnxruntime

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(
                model.SerializeToString(), options, providers=["CPUExecutionProvider"]
            )
            return list(session.run(None, feeds))
        from onnx.reference import ReferenceEvaluator

        return list(ReferenceEvaluator(model).run(None, feeds))
