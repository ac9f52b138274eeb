"""ONNX as backends: ``ort`` (ONNX Runtime CPU, float32) and ``onnx-reference`` (float64).

Each op is one ONNX node (``_common.py``); one module per op family maps the
spec's parameters onto the node's attributes and raises
:class:`~conformance.backend.Unsupported` for the rest: ``resize.py``
(Resize), ``conv.py`` (Conv, ConvTranspose, DepthToSpace, SpaceToDepth) and
``pool.py`` (MaxPool, AveragePool, global pooling, MaxUnpool).  onnx and
onnxruntime are imported lazily.  Install them with the ``ort`` extra.
Known deviations: ``conformance/deviations/ort/`` and
``conformance/deviations/onnx-reference/``.
"""

from __future__ import annotations

from conformance.backends.onnx._common import OnnxCommon, opset
from conformance.backends.onnx.conv import ConvOps
from conformance.backends.onnx.pool import PoolOps
from conformance.backends.onnx.resize import ResizeOps

__all__ = ["OnnxBackend", "opset", "ort", "reference"]


class OnnxBackend(ResizeOps, ConvOps, PoolOps, OnnxCommon):
    """One ONNX runtime at a dtype: every op family's mixin."""


ort = OnnxBackend("ort", "onnxruntime", "float32")
reference = OnnxBackend("onnx-reference", "reference", "float64")
