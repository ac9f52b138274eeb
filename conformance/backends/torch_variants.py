"""torch's other execution paths as backends: ``torch-decomp`` and ``torch-compile``, CPU, float32.

Both reuse the torch backend's mapping of the spec onto ``torch.nn.functional``
(``conformance/backends/torch``) and change only how torch executes the call:

* ``torch-decomp`` runs each resampling ATen op through its Python
  decomposition in ``torch._decomp.decomposition_table`` (the code behind
  ``torch._refs`` that torch.compile, export and deterministic CUDA use),
  eagerly, under a dispatch mode that replaces every upsampling, pooling and
  pixel-shuffle op by its decomposition, recursively.  An op without one
  (antialiased upsampling, 3-D adaptive pooling) is Unsupported rather than
  run eagerly; convolutions have none, so conv and conv_transpose are not
  offered.
* ``torch-compile`` compiles each resampling call (``F.interpolate``, the
  convolutions, pixel (un)shuffle and the ATen upsample ops the adapter calls)
  with ``torch.compile(backend="inductor", fullgraph=True)`` and runs the
  compiled code.  Dynamo is reset before every call: after its recompile limit
  it would fall back to eager torch without a word, and this backend would
  test torch-cpu.  Inductor's CPU code needs a C++ compiler; without one the
  backend is not available.

Known deviations: ``conformance/deviations/torch-decomp/`` and
``conformance/deviations/torch-compile/``; torch-cpu's are not inherited.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from typing import Any

from conformance.backend import KnownDeviation, Unsupported
from conformance.backends._shared import deviations_of
from conformance.backends.torch import TorchBackend

__all__ = ["RESAMPLING_OPS", "TorchCompileBackend", "TorchDecompBackend", "decomp", "inductor"]

RESAMPLING_OPS = (
    "upsample",
    "_upsample",
    "adaptive_avg_pool",
    "_adaptive_avg_pool",
    "adaptive_max_pool",
    "max_pool",
    "avg_pool",
    "max_unpool",
    "pixel_shuffle",
    "pixel_unshuffle",
    "interpolate",
    "conv",
)
"""Name prefixes of the torch functions and ATen ops these backends treat as the resampling op."""


def _name(func: Any) -> str:
    """An op's bare name: ``upsample_bilinear2d`` for ``aten.upsample_bilinear2d.vec``."""
    name = str(getattr(func, "__name__", func))
    return name.split("::")[-1].split(".")[0]


def _resampling(func: Any) -> bool:
    return _name(func).startswith(RESAMPLING_OPS)


class _Variant(TorchBackend):
    """torch-cpu's mapping, each op run inside ``self._mode()``."""

    def __init__(self, name: str) -> None:
        super().__init__(name, "cpu")
        self.known_deviations: tuple[KnownDeviation, ...] = deviations_of(name)

    def _mode(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def resize(self, x: Any, **kwargs: Any) -> Any:
        """torch-cpu's resize, run in this backend's mode."""
        with self._mode():
            return super().resize(x, **kwargs)

    def pixel_shuffle(self, x: Any, upscale_factor: int) -> Any:
        """torch-cpu's pixel_shuffle, run in this backend's mode."""
        with self._mode():
            return super().pixel_shuffle(x, upscale_factor)

    def pixel_unshuffle(self, x: Any, downscale_factor: int) -> Any:
        """torch-cpu's pixel_unshuffle, run in this backend's mode."""
        with self._mode():
            return super().pixel_unshuffle(x, downscale_factor)


class TorchDecompBackend(_Variant):
    """torch's Python decompositions of the resampling ops, run eagerly."""

    conv = None  # type: ignore[assignment]  # no decomposition: it would test eager torch
    conv_transpose = None  # type: ignore[assignment]

    def versions(self) -> dict[str, str]:
        """torch's version and what runs the ops."""
        return {**super().versions(), "execution": "torch._decomp.decomposition_table, eager"}

    def _mode(self) -> contextlib.AbstractContextManager[Any]:
        from torch._decomp import decomposition_table
        from torch.utils._python_dispatch import TorchDispatchMode

        class Decompose(TorchDispatchMode):  # type: ignore[no-untyped-call]
            def __torch_dispatch__(
                self, func: Any, types: Any, args: Any = (), kwargs: Any = None
            ) -> Any:
                kwargs = kwargs or {}
                if not _resampling(func):
                    return func(*args, **kwargs)
                decomposition = decomposition_table.get(func)
                if decomposition is None:
                    raise Unsupported(f"torch has no Python decomposition of {func}")
                with self:
                    out = decomposition(*args, **kwargs)
                if out is NotImplemented:
                    raise Unsupported(f"torch's decomposition of {func} declines these arguments")
                return out

        return Decompose()  # type: ignore[no-untyped-call]


def compiler() -> str | None:
    """The C++ compiler inductor would use here, or None."""
    for candidate in ("g++", "c++", "clang++"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


class TorchCompileBackend(_Variant):
    """``torch.compile`` with inductor on the CPU, dynamo reset before every call."""

    def available(self) -> str | None:
        """torch's availability, and a C++ compiler for inductor."""
        reason = super().available()
        if reason is None and compiler() is None:
            return "no C++ compiler (g++, c++ or clang++) for inductor's CPU backend"
        return reason

    def versions(self) -> dict[str, str]:
        """torch's version, the C++ compiler, and what runs the ops."""
        return {
            **super().versions(),
            "compiler": str(compiler()),
            "execution": "torch.compile(backend='inductor', fullgraph=True), reset per call",
        }

    def conv(self, x: Any, weight: Any, bias: Any = None, **kwargs: Any) -> Any:
        """torch-cpu's conv, compiled."""
        with self._mode():
            return super().conv(x, weight, bias, **kwargs)

    def conv_transpose(self, x: Any, weight: Any, bias: Any = None, **kwargs: Any) -> Any:
        """torch-cpu's conv_transpose, compiled."""
        with self._mode():
            return super().conv_transpose(x, weight, bias, **kwargs)

    def _mode(self) -> contextlib.AbstractContextManager[Any]:
        return _compiling()


@contextlib.contextmanager
def _compiling() -> Iterator[None]:
    import torch
    from torch.overrides import TorchFunctionMode

    class Compile(TorchFunctionMode):
        def __torch_function__(
            self, func: Any, types: Any, args: Any = (), kwargs: Any = None
        ) -> Any:
            kwargs = kwargs or {}
            if not _resampling(func):
                return func(*args, **kwargs)
            torch._dynamo.reset()  # no recompile limit, so no silent fallback to eager

            # the leading tensor arguments are the compiled function's inputs;
            # sizes, scales and flags are constants of its graph
            lead = 0
            while lead < len(args) and isinstance(args[lead], torch.Tensor):
                lead += 1

            def call(*tensors: Any) -> Any:
                return func(*tensors, *args[lead:], **kwargs)

            compiled = torch.compile(call, backend="inductor", fullgraph=True, dynamic=False)
            return compiled(*args[:lead])

    with Compile():
        yield


decomp = TorchDecompBackend("torch-decomp")
inductor = TorchCompileBackend("torch-compile")
