"""What every torch op family shares: the device, the dtype, conversions, deviations.

Each op family is a mixin in its own module (``resize.py``, ...) whose
methods map the spec's parameters onto ``torch.nn.functional`` and raise
:class:`~conformance.backend.Unsupported` for the rest.  Known deviations live
in ``conformance/deviations/torch/<family>.txt`` (every device) and
``conformance/deviations/<backend name>/<family>.txt`` (one device), each with
its minimal examples in ``<family>.examples.json`` beside it.
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

import numpy as np

from conformance.backend import KnownDeviation, read_deviations

__all__ = ["DEVIATIONS_DIR", "TorchCommon", "deviations_of"]

DEVIATIONS_DIR = Path(__file__).resolve().parents[2] / "deviations"


def deviations_of(*folders: str) -> tuple[KnownDeviation, ...]:
    """Every deviation listed in ``deviations/<folder>/*.txt``, for each folder in turn."""
    found: list[KnownDeviation] = []
    for folder in folders:
        for path in sorted((DEVIATIONS_DIR / folder).glob("*.txt")):
            found.extend(read_deviations(path))
    return tuple(found)


class TorchCommon:
    """A torch device at a dtype: availability, versions, and array conversions."""

    def __init__(self, name: str, device: str, dtype: str = "float32") -> None:
        self.name = name
        self.device = device
        self.dtype = dtype
        self.known_deviations: tuple[KnownDeviation, ...] = deviations_of("torch", name)
        self.compute_dtypes: dict[str, str] = {}
        if device == "cuda" and dtype == "float32" and self.available() is None:
            import torch

            if torch.backends.cudnn.allow_tf32:  # cuDNN convolutions in TF32 (tolerance.dot)
                self.compute_dtypes = {"conv": "tf32", "conv_transpose": "tf32"}

    def available(self) -> str | None:
        """``None`` when torch (and, for CUDA, a device) is present, else why not."""
        try:
            import torch
        except ImportError:
            return "torch is not installed"
        if self.device == "cuda" and not torch.cuda.is_available():
            return "no CUDA device is visible to torch"
        return None

    def versions(self) -> dict[str, str]:
        """torch's version and the device it runs on, for the report's metadata."""
        import torch

        found = {"torch": str(torch.__version__), "device": self.device}
        if self.device == "cuda":
            found["device"] = str(torch.cuda.get_device_name())
            found["cuda"] = str(torch.version.cuda)
            cudnn: Any = torch.backends.cudnn
            found["cudnn"] = str(cudnn.version())
        else:
            found["device"] = platform.processor() or platform.machine()
            found["threads"] = str(torch.get_num_threads())
        return found

    def _tensor(self, x: Any) -> Any:
        import torch

        return torch.as_tensor(np.asarray(x), device=self.device).to(getattr(torch, self.dtype))

    @staticmethod
    def _numpy(t: Any) -> Any:
        import torch

        return t.detach().to("cpu", torch.float64).numpy()
