"""A generated test case: one op call with its arguments, and its reproducer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["BackendError", "Case", "ConformanceFailure"]


def _array_literal(a: NDArray[Any]) -> str:
    values = repr(a.ravel().tolist()).replace("nan", "np.nan").replace("inf", "np.inf")
    return f"np.array({values}, dtype=np.float64).reshape({tuple(a.shape)!r})"


@dataclass(frozen=True)
class Case:
    """One call of ``op`` with positional ``arrays`` and keyword ``kwargs``.

    ``arrays`` are float64 and exactly representable in the backend's dtype.
    """

    op: str
    arrays: tuple[NDArray[np.float64], ...]
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def call(self, fn: Callable[..., Any]) -> Any:
        """Call ``fn`` (an op of some backend, or of the oracle) on this case."""
        return fn(*(a.copy() for a in self.arrays), **dict(self.kwargs))

    def reproducer(self, backend: str) -> str:
        """Copy-pasteable Python that replays this case on ``backend`` and the oracle."""
        names = ["x", "indices", "weight", "bias"][: len(self.arrays)]
        lines = [
            "import numpy as np",
            "import oracle",
            "from conformance import load_backend",
            f"backend = load_backend({backend!r})",
        ]
        lines += [f"{n} = {_array_literal(a)}" for n, a in zip(names, self.arrays, strict=True)]
        lines.append(f"kwargs = {dict(self.kwargs)!r}")
        args = ", ".join(names)
        lines += [
            f"got = backend.{self.op}({args}, **kwargs)",
            f"want = oracle.{self.op}({args}, **kwargs)",
            "print(got, want, sep='\\n')",
        ]
        return "\n".join(lines)

    def describe(self) -> str:
        """A one-line summary: op, shapes and keyword arguments."""
        shapes = ", ".join(str(tuple(a.shape)) for a in self.arrays)
        return f"{self.op}({shapes}, **{dict(self.kwargs)!r})"


class ConformanceFailure(AssertionError):  # noqa: N818 - reads as a test outcome
    """A backend's result disagrees with the oracle beyond the derived tolerance.

    Carries the derivation IDs it violates and a copy-pasteable reproducer.
    """

    def __init__(self, message: str, *, spec: tuple[str, ...], reproducer: str) -> None:
        ids = ", ".join(spec)
        super().__init__(f"{message}\nviolates: {ids}\nreproducer:\n{reproducer}")
        self.spec = spec
        self.reproducer = reproducer


class BackendError(Exception):
    """The backend raised something other than ``Unsupported`` on a case.

    Reported as an error, not a failure, but with the same reproducer.
    """

    def __init__(self, message: str, *, spec: tuple[str, ...], reproducer: str) -> None:
        super().__init__(f"{message}\nreproducer:\n{reproducer}")
        self.spec = spec
        self.reproducer = reproducer
