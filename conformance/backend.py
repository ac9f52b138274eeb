"""The backend protocol, ``Unsupported`` and known-deviation lists.

A backend is any object with a ``name``, a ``dtype`` and any of the oracle's op
functions with the same signatures, taking and returning NumPy arrays
(DESIGN.md, "Backends and the conformance command").  Two optional
attributes refine it:

* ``known_deviations``: a sequence of :class:`KnownDeviation`, each a test-ID
  pattern with the derivation it deviates from and the reason;
* ``available()``: returns ``None`` when the backend can run here, or a string
  saying why not (framework missing, no device).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

__all__ = [
    "DTYPES",
    "Backend",
    "KnownDeviation",
    "Unsupported",
    "availability",
    "glob_match",
    "known_deviations",
    "read_deviations",
]

DTYPES = ("float64", "float32", "float16", "bfloat16")


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
    backend deviates from; ``reason`` says why, in words.
    """

    pattern: str
    spec: str
    reason: str

    def matches(self, test_id: str) -> bool:
        """Whether ``test_id`` (the part after ``::``) falls under this deviation."""
        return glob_match(self.pattern, test_id)


def read_deviations(path: str | Path) -> tuple[KnownDeviation, ...]:
    """Parse a plain deviation file: one ``PATTERN DERIVATION-ID REASON...`` per line.

    Blank lines and lines starting with ``#`` are ignored.  A line with fewer
    than three fields raises ``ValueError`` naming the file and line.
    """
    entries = []
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
        entries.append(KnownDeviation(pattern=fields[0], spec=fields[1], reason=fields[2]))
    return tuple(entries)


def known_deviations(backend: object) -> tuple[KnownDeviation, ...]:
    """The backend's known deviations (empty when it declares none)."""
    found: Sequence[KnownDeviation] = getattr(backend, "known_deviations", ())
    return tuple(found)


def availability(backend: object) -> str | None:
    """``None`` when the backend can run here, else the reason it cannot."""
    probe = getattr(backend, "available", None)
    if probe is None:
        return None
    reason = probe()
    return None if reason is None else str(reason)
