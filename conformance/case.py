"""A generated test case: one op call with its named arrays, and its reproducer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["BackendError", "Case", "ConformanceFailure", "number"]


def number(value: object) -> str:
    """A plain, round-trippable spelling of one value: ``0.08333333333333333``, ``nan``, ``-inf``.

    NumPy scalars are spelled as the Python float they hold, never as
    ``np.float64(...)``.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _array_literal(a: NDArray[Any]) -> str:
    values = repr(a.ravel().tolist()).replace("nan", "np.nan").replace("inf", "np.inf")
    dtype = "np.int64" if a.dtype.kind in "iu" else "np.float64"
    return f"np.array({values}, dtype={dtype}).reshape({tuple(a.shape)!r})"


@dataclass(frozen=True)
class Case:
    """One call of ``op`` with named ``arrays`` (passed positionally, in order) and ``kwargs``.

    ``arrays`` maps the contract's argument names (``x``, ``weight``, ``bias``,
    ``indices``, ...) to float64 arrays whose values are exactly representable
    in the backend's dtype (integer arrays such as ``indices`` stay integer).
    """

    op: str
    arrays: Mapping[str, NDArray[Any]]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    by_keyword: bool = False
    """Pass the arrays by name (for ops such as ``fcn_fuse`` whose first parameter is no array)."""

    @property
    def x(self) -> NDArray[Any]:
        """The first array, the op's input ``x``."""
        return next(iter(self.arrays.values()))

    def call(self, fn: Callable[..., Any]) -> Any:
        """Call ``fn`` (an op of some backend, or of the oracle) on this case."""
        if self.by_keyword:
            return fn(**{n: a.copy() for n, a in self.arrays.items()}, **dict(self.kwargs))
        return fn(*(a.copy() for a in self.arrays.values()), **dict(self.kwargs))

    def reproducer(self, backend: str) -> str:
        """Copy-pasteable Python that replays this case on ``backend`` and the oracle."""
        from conformance.compose import COMPOSED

        names = list(self.arrays)
        lines = [
            "import numpy as np",
            "import oracle",
            "from conformance import compose, load_backend",
            f"backend = load_backend({backend!r})",
        ]
        lines += [f"{n} = {_array_literal(a)}" for n, a in self.arrays.items()]
        lines.append(f"kwargs = {dict(self.kwargs)!r}")
        args = ", ".join(f"{n}={n}" if self.by_keyword else n for n in names)
        got = f"compose.{self.op}(backend, " if self.op in COMPOSED else f"backend.{self.op}("
        lines += [
            f"got = {got}{args}, **kwargs)",
            f"want = oracle.{self.op}({args}, **kwargs)",
            "print(got, want, sep='\\n')",
        ]
        return "\n".join(lines)

    def describe(self) -> str:
        """A one-line summary: op, named shapes and keyword arguments."""
        shapes = ", ".join(f"{n}{tuple(a.shape)}" for n, a in self.arrays.items())
        return f"{self.op}({shapes}, **{dict(self.kwargs)!r})"

    def as_json(self) -> dict[str, Any]:
        """The case as JSON data: op, arrays as ``{"dtype", "shape", "values"}``, kwargs.

        Non-finite values are spelled ``"nan"``, ``"inf"``, ``"-inf"``; tuples become lists.
        """
        return {
            "op": self.op,
            "arrays": {
                n: {
                    "dtype": "int64" if a.dtype.kind in "iu" else "float64",
                    "shape": list(a.shape),
                    "values": _json_values(a),
                }
                for n, a in self.arrays.items()
            },
            "kwargs": _jsonable(dict(self.kwargs)),
            "by_keyword": self.by_keyword,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Case:
        """The inverse of :meth:`as_json`; lists in kwargs become tuples again."""
        arrays = {
            n: np.array(
                [float(v) if isinstance(v, str) else v for v in a["values"]],
                dtype=np.dtype(a.get("dtype", "float64")),
            ).reshape(a["shape"])
            for n, a in data["arrays"].items()
        }
        return cls(
            op=str(data["op"]),
            arrays=arrays,
            kwargs=_tuples(data.get("kwargs", {})),
            by_keyword=bool(data.get("by_keyword", False)),
        )


def _json_values(a: NDArray[Any]) -> list[Any]:
    if a.dtype.kind in "iu":
        return [int(v) for v in a.ravel()]
    return [v if np.isfinite(v) else str(v) for v in a.ravel().tolist()]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _tuples(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


class ConformanceFailure(AssertionError):  # noqa: N818 - reads as a test outcome
    """A backend's result disagrees with the oracle beyond the derived tolerance.

    ``spec`` lists the derivation IDs the test cites, the one the failure
    breaks first where the comparison can tell (a wrong shape breaks the
    output length); ``reproducer`` is copy-pasteable Python and ``case`` the
    failing case itself.
    """

    def __init__(
        self, message: str, *, spec: tuple[str, ...], reproducer: str, case: Case | None = None
    ) -> None:
        ids = ", ".join(spec)
        super().__init__(f"{message}\ncites: {ids}\nreproducer:\n{reproducer}")
        self.spec = spec
        self.reproducer = reproducer
        self.case = case


class BackendError(Exception):
    """The backend raised something other than ``Unsupported`` on a case.

    Reported as an error, not a failure, but with the same reproducer.
    """

    def __init__(
        self, message: str, *, spec: tuple[str, ...], reproducer: str, case: Case | None = None
    ) -> None:
        super().__init__(f"{message}\nreproducer:\n{reproducer}")
        self.spec = spec
        self.reproducer = reproducer
        self.case = case
