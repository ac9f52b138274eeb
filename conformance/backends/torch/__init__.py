"""PyTorch as a backend: ``torch-cpu`` and ``torch-cuda`` at float32.

One module per op family (``resize.py``, ``conv.py``, ``pool.py``), each a mixin of methods that map
the spec's parameters onto ``torch.nn.functional`` and raise
:class:`~conformance.backend.Unsupported` for the rest; ``_common.py`` holds
the device, the conversions and the deviation lists.  torch is imported
lazily, inside the methods, so that loading the backend never needs torch.
"""

from __future__ import annotations

from conformance.backends.torch._common import DEVIATIONS_DIR, TorchCommon
from conformance.backends.torch.conv import ConvOps
from conformance.backends.torch.pool import PoolOps
from conformance.backends.torch.resize import ResizeOps

__all__ = ["DEVIATIONS_DIR", "TorchBackend", "cpu", "cuda"]


class TorchBackend(ResizeOps, ConvOps, PoolOps, TorchCommon):
    """``torch.nn.functional`` on one device, at ``dtype``: every op family's mixin."""


cpu = TorchBackend("torch-cpu", "cpu")
cuda = TorchBackend("torch-cuda", "cuda")
