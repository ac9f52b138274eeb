"""Derivation records, claims and the registry.

A derivation is a registered zero-argument function that returns a frozen
:class:`Derivation`.  Building the record performs the SymPy derivation; the
claims it carries are checked later, by :func:`verify`, so that importing the
registry stays cheap.

Two kinds of claim exist, as in DESIGN.md:

* symbolic: ``simplify(lhs - rhs) == 0``;
* exhaustive: a predicate evaluated with exact ``Rational`` arithmetic over a
  stated finite domain; it returns the counterexamples it finds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import sympy

__all__ = [
    "Claim",
    "ClaimResult",
    "Derivation",
    "Reference",
    "all_ids",
    "derivation",
    "exhaustive",
    "get",
    "symbolic",
    "verify",
]

_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


@dataclass(frozen=True)
class Reference:
    """A citation: who, where, when, and the equation, table or page."""

    author: str
    title: str
    venue: str
    year: int
    locator: str = ""

    def __str__(self) -> str:
        where = f", {self.locator}" if self.locator else ""
        return f"{self.author}, *{self.title}*, {self.venue}, {self.year}{where}."


@dataclass(frozen=True)
class Claim:
    """One checkable statement of a derivation.

    ``kind == "symbolic"`` claims carry ``lhs`` and ``rhs``; the claim holds
    when ``sympy.simplify(lhs - rhs) == 0``.  ``kind == "exhaustive"`` claims
    carry ``check``, which enumerates ``domain`` exactly and returns a list of
    counterexamples (empty when the claim holds).
    """

    statement: str
    kind: Literal["symbolic", "exhaustive"]
    lhs: sympy.Basic | None = None
    rhs: sympy.Basic | None = None
    check: Callable[[], Sequence[object]] | None = None
    domain: str = ""

    def evaluate(self) -> ClaimResult:
        """Check the claim and return its result; a check that raises makes the claim fail."""
        try:
            return self._evaluate()
        except Exception as exc:  # a broken check is a failed claim, reported as such
            return ClaimResult(self, False, f"check raised {type(exc).__name__}: {exc}")

    def _evaluate(self) -> ClaimResult:
        if self.kind == "symbolic":
            assert self.lhs is not None and self.rhs is not None
            residual = sympy.simplify(sympy.sympify(self.lhs) - sympy.sympify(self.rhs))
            if isinstance(residual, sympy.MatrixBase):
                holds = all(sympy.simplify(e) == 0 for e in residual)
            else:
                holds = residual == 0
            detail = "" if holds else f"residual {sympy.sstr(residual)}"
            return ClaimResult(self, holds, detail)
        assert self.check is not None
        counterexamples = list(self.check())
        detail = "" if not counterexamples else f"counterexamples: {counterexamples[:3]!r}"
        return ClaimResult(self, not counterexamples, detail)


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of :meth:`Claim.evaluate`."""

    claim: Claim
    holds: bool
    detail: str = ""


def symbolic(statement: str, lhs: object, rhs: object) -> Claim:
    """A claim that ``lhs - rhs`` simplifies to zero."""
    return Claim(
        statement=statement,
        kind="symbolic",
        lhs=sympy.sympify(lhs),
        rhs=sympy.sympify(rhs),
    )


def exhaustive(statement: str, domain: str, check: Callable[[], Iterable[object]]) -> Claim:
    """A claim checked exactly over the finite ``domain``.

    ``check`` yields counterexamples; the claim holds when it yields none.
    """
    return Claim(
        statement=statement,
        kind="exhaustive",
        check=lambda: list(check()),
        domain=domain,
    )


@dataclass(frozen=True)
class Derivation:
    """The frozen record of one derivation (DESIGN.md, "Derivations").

    ``result`` maps names to the SymPy closed forms the derivation produced.
    ``implemented_by`` names the oracle functions that implement it, as
    dotted paths.  A retired record keeps its ID and sets ``superseded_by``.
    ``figures`` holds ``(name, svg text)`` pairs, drawn from the derivation's own
    results; each is written next to the record's page as ``<id>.<name>.svg``.
    """

    id: str
    title: str
    statement: str
    result: dict[str, sympy.Basic]
    claims: tuple[Claim, ...]
    references: tuple[Reference, ...] = ()
    implemented_by: tuple[str, ...] = ()
    superseded_by: str | None = None
    notes: tuple[str, ...] = field(default=())
    figures: tuple[tuple[str, str], ...] = ()


_REGISTRY: dict[str, Callable[[], Derivation]] = {}


def derivation(id: str) -> Callable[[Callable[[], Derivation]], Callable[[], Derivation]]:
    """Register a derivation function under the stable dotted ``id``.

    The function is cached: the record is built once per process.  The record
    it returns must carry the same ``id``.
    """
    if not _ID_PATTERN.match(id):
        raise ValueError(f"id: {id!r} is not a dotted lower-case name")
    if id in _REGISTRY:
        raise ValueError(f"id: {id!r} is registered twice; IDs are never reused")

    def register(fn: Callable[[], Derivation]) -> Callable[[], Derivation]:
        cached = functools.cache(fn)

        @functools.wraps(fn)
        def build() -> Derivation:
            record = cached()
            if record.id != id:
                raise ValueError(f"id: derivation registered as {id!r} returned {record.id!r}")
            return record

        _REGISTRY[id] = build
        return build

    return register


def _load_all() -> None:
    # Importing the chapters registers their derivations.
    from spec import chapters  # noqa: F401


def all_ids() -> list[str]:
    """Every registered derivation ID, sorted."""
    _load_all()
    return sorted(_REGISTRY)


def get(id: str) -> Derivation:
    """The record for ``id``; raises ``KeyError`` naming unknown IDs."""
    _load_all()
    try:
        return _REGISTRY[id]()
    except KeyError:
        raise KeyError(f"unknown derivation id {id!r}") from None


def verify(ids: Iterable[str] | None = None) -> Iterator[tuple[str, ClaimResult]]:
    """Evaluate every claim of the given derivations (all when ``None``)."""
    for did in sorted(ids) if ids is not None else all_ids():
        for claim in get(did).claims:
            yield did, claim.evaluate()
