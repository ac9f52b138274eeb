"""The backend protocol, ``Unsupported`` and known-deviation lists.

A backend is any object with a ``name``, a ``dtype`` and any of the oracle's op
functions with the same signatures, taking and returning NumPy arrays
(docs/contract.md, "Backends").  Optional attributes refine it:

* ``compute_dtype``: the precision it computes in where that differs from
  ``dtype`` ("float64", "float32", "tf32", "bfloat16", "float16"); the derived
  bounds use the coarser of the two (tolerance.dot);
* ``param_dtype``: the dtype in which it holds float parameters (scales, roi,
  cubic_a); strategies draw those parameters exact in it (default "float64");
* ``known_deviations``: a sequence of :class:`KnownDeviation`, each a test-ID
  pattern with the derivation it deviates from, the reason, and optionally
  its minimal example;
* ``available()``: returns ``None`` when the backend can run here, or a string
  saying why not (framework missing, no device).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from conformance.case import Case

__all__ = [
    "COMPUTE_DTYPES",
    "DTYPES",
    "Backend",
    "KnownDeviation",
    "Unsupported",
    "availability",
    "check_backend",
    "compute_dtype",
    "glob_match",
    "known_deviations",
    "param_dtype",
    "read_deviations",
]

DTYPES = ("float64", "float32", "float16", "bfloat16")
COMPUTE_DTYPES = ("float64", "float32", "tf32", "bfloat16", "float16")


class Unsupported(Exception):  # noqa: N818 - the contract's name
    """Raised by a backend for an op or parameter combination it cannot express.

    The suite reports such a case as unsupported, never as a failure.
    """


@runtime_checkable
class Backend(Protocol):
    """What the suite needs of a backend: a name and a dtype; ops are looked up by name."""

    name: str
    dtype: str


def glob_match(pattern: str, test_id: str) -> bool:
    """Whether ``test_id`` matches ``pattern``, where only ``*`` and ``?`` are wildcards.

    Brackets are literal, so ``test_resize[linear-*]`` means what it says.
    """
    regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.fullmatch(regex, test_id) is not None


@dataclass(frozen=True)
class KnownDeviation:
    """A documented way in which a backend departs from the spec.

    ``pattern`` is a :func:`glob_match` pattern over test IDs such as
    ``test_resize_integer_ratio[linear-half_pixel]``; ``spec`` is the derivation ID the
    backend deviates from; ``reason`` says why, in words.  ``example``, when
    given, is a minimal case that shows the deviation: every run replays it
    against the backend and reports whether it still deviates.
    """

    pattern: str
    spec: str
    reason: str
    example: Case | None = None

    def matches(self, test_id: str) -> bool:
        """Whether ``test_id`` (the part after ``::``) falls under this deviation."""
        return glob_match(self.pattern, test_id)


def examples_path(path: str | Path) -> Path:
    """Where the examples of deviation file ``path`` live: ``NAME.examples.json`` beside it."""
    p = Path(path)
    return p.with_name(p.stem + ".examples.json")


def read_deviations(path: str | Path) -> tuple[KnownDeviation, ...]:
    """Parse a plain deviation file: one ``PATTERN DERIVATION-ID REASON...`` per line.

    Blank lines and lines starting with ``#`` are ignored.  A line with fewer
    than three fields raises ``ValueError`` naming the file and line.  When
    ``NAME.examples.json`` lies beside ``NAME.txt`` it maps patterns to their
    minimal examples (:meth:`~conformance.case.Case.as_json` form); an example
    whose pattern is not in the file raises ``ValueError``.
    """
    entries = []
    examples: dict[str, Any] = {}
    beside = examples_path(path)
    if beside.exists():
        examples = json.loads(beside.read_text(encoding="utf-8"))
    text = Path(path).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        fields = stripped.split(maxsplit=2)
        if len(fields) < 3:
            raise ValueError(
                f"known_deviations: {path}:{number} needs PATTERN DERIVATION-ID REASON"
            )
        example = examples.get(fields[0])
        entries.append(
            KnownDeviation(
                pattern=fields[0],
                spec=fields[1],
                reason=fields[2],
                example=None if example is None else Case.from_json(example),
            )
        )
    orphans = set(examples) - {e.pattern for e in entries}
    if orphans:
        raise ValueError(f"known_deviations: {beside} has examples of no entry: {sorted(orphans)}")
    return tuple(entries)


def known_deviations(backend: object) -> tuple[KnownDeviation, ...]:
    """The backend's known deviations (empty when it declares none)."""
    found: Sequence[KnownDeviation] = getattr(backend, "known_deviations", ())
    return tuple(found)


def compute_dtype(backend: Any, op: str | None = None) -> str:
    """The precision ``backend`` computes ``op`` in.

    Its ``compute_dtypes[op]`` where it declares one for that op (a mapping
    from op names, e.g. ``{"conv": "tf32"}`` for cuDNN's TF32 convolutions),
    else its ``compute_dtype``, else its ``dtype``.
    """
    per_op = getattr(backend, "compute_dtypes", None) or {}
    if op is not None and op in per_op:
        return str(per_op[op])
    return str(getattr(backend, "compute_dtype", None) or backend.dtype)


def param_dtype(backend: object) -> str:
    """The dtype ``backend`` holds float parameters in: ``param_dtype``, else float64."""
    return str(getattr(backend, "param_dtype", None) or "float64")


def check_backend(backend: object, where: str) -> None:
    """Raise ``ValueError`` unless ``backend`` has the protocol's attributes with valid values.

    ``where`` names the backend in the message (its spec string).
    """
    if isinstance(backend, type) or (callable(backend) and not hasattr(backend, "name")):
        raise ValueError(
            f"backend: {where!r} is a {type(backend).__name__}, not a backend object; give an "
            "object with a string 'name', a 'dtype' and the ops as methods"
        )
    name = getattr(backend, "name", None)
    if not isinstance(name, str) or not name:
        raise ValueError(f"backend: {where!r} has no string attribute 'name'")
    dtype = getattr(backend, "dtype", None)
    if dtype not in DTYPES:
        raise ValueError(f"backend: {where!r} has dtype {dtype!r}; expected one of {DTYPES}")
    compute = getattr(backend, "compute_dtype", None)
    per_op = dict(getattr(backend, "compute_dtypes", None) or {})
    for value in [compute, *per_op.values()]:
        if value is not None and value not in COMPUTE_DTYPES:
            raise ValueError(
                f"backend: {where!r} has compute_dtype {value!r}; expected one of {COMPUTE_DTYPES}"
            )
    params = getattr(backend, "param_dtype", None)
    if params is not None and params not in ("float64", "float32", "float16"):
        raise ValueError(
            f"backend: {where!r} has param_dtype {params!r}; expected float64, float32 or float16"
        )


def availability(backend: object) -> str | None:
    """``None`` when the backend can run here, else the reason it cannot."""
    probe = getattr(backend, "available", None)
    if probe is None:
        return None
    reason = probe()
    return None if reason is None else str(reason)
