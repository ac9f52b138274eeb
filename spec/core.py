"""Derivation records, claims and the registry.

A derivation is a registered zero-argument function that returns a frozen
:class:`Derivation`.  Building the record performs the SymPy derivation; the
claims it carries are checked later, by :func:`verify`, so that importing the
registry stays cheap.

Two kinds of claim exist, as in docs/contract.md ("Derivations"):

* symbolic: ``simplify(lhs - rhs) == 0``.  Its sides are kept as built,
  unevaluated where the author wrote them so (``Subs``, ``Derivative``,
  ``Integral``, an ``evaluate=False`` sum), and rendered that way: the page shows
  what is compared, not ``1 = 1``.  Evaluation calls ``doit()`` first;
* exhaustive: a predicate evaluated with exact ``Rational`` arithmetic over a
  stated finite domain; it returns the counterexamples it finds.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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

    def at(self, locator: str) -> Reference:
        """The same source, cited at ``locator`` (an equation, section, function or page).

        Sources are defined once, in :mod:`spec.references`; a chapter cites one with
        ``SOURCE.at("eq. (4)")``.
        """
        return dataclasses.replace(self, locator=locator)


@dataclass(frozen=True)
class Claim:
    """One checkable statement of a derivation.

    ``kind == "symbolic"`` claims carry ``lhs`` and ``rhs``, as built (possibly
    unevaluated), and ``where``, symbols that stand for values on the page and are
    replaced by them before evaluation; the claim holds when
    ``sympy.simplify(doit(lhs) - doit(rhs)) == 0``.  ``kind == "exhaustive"``
    claims carry ``check``, which enumerates ``domain`` exactly and returns a list
    of counterexamples (empty when the claim holds).
    """

    statement: str
    kind: Literal["symbolic", "exhaustive"]
    lhs: sympy.Basic | None = None
    rhs: sympy.Basic | None = None
    check: Callable[[], Sequence[object]] | None = None
    domain: str = ""
    where: tuple[tuple[sympy.Basic, sympy.Basic], ...] = ()

    def evaluate(self) -> ClaimResult:
        """Check the claim and return its result; a check that raises makes the claim fail."""
        try:
            return self._evaluate()
        except Exception as exc:  # a broken check is a failed claim, reported as such
            return ClaimResult(self, False, f"check raised {type(exc).__name__}: {exc}")

    def _evaluate(self) -> ClaimResult:
        if self.kind == "symbolic":
            assert self.lhs is not None and self.rhs is not None
            residual = sympy.simplify(self._done(self.lhs) - self._done(self.rhs))
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

    def _done(self, side: sympy.Basic) -> sympy.Basic:
        """One side with ``where`` substituted and every held operation carried out."""
        if self.where:
            side = side.xreplace(dict(self.where))
        done = side.doit()
        if isinstance(done, sympy.MatrixExpr):
            done = _explicit(done)
        return sympy.sympify(done)


def _explicit(expr: sympy.MatrixExpr) -> sympy.ImmutableMatrix:
    """An explicit matrix for products and Kronecker products of explicit factors.

    ``MatrixExpr.as_explicit`` evaluates a product entry by entry, which is slow for the
    Kronecker operators of ``resize.separable``; multiplying the factors is not.
    """
    if isinstance(expr, sympy.MatMul):
        factors = [_explicit(f) if isinstance(f, sympy.MatrixExpr) else f for f in expr.args]
        result = factors[0]
        for factor in factors[1:]:
            result = result * factor
        return sympy.ImmutableMatrix(result)
    if isinstance(expr, sympy.KroneckerProduct):
        return sympy.ImmutableMatrix(sympy.kronecker_product(*map(_explicit, expr.args)))
    return sympy.ImmutableMatrix(expr.as_explicit())


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of :meth:`Claim.evaluate`."""

    claim: Claim
    holds: bool
    detail: str = ""


def symbolic(
    statement: str,
    lhs: object,
    rhs: object,
    where: Mapping[sympy.Basic, object] | None = None,
) -> Claim:
    """A claim that ``lhs - rhs`` simplifies to zero.

    Build the sides as they should be read: an operation that SymPy would carry out
    at once (a substitution, a derivative, an integral, a sum of numbers) is held
    with ``Subs``, ``Derivative``, ``Integral`` or ``evaluate=False``, so that the
    rendered page shows the two sides before simplification.  ``where`` maps
    symbols of the sides to the values they stand for; the page lists them and
    evaluation substitutes them.
    """
    left, right = sympy.sympify(lhs, evaluate=False), sympy.sympify(rhs, evaluate=False)
    used = [(k, v) for k, v in (where or {}).items() if left.has(k) or right.has(k)]
    return Claim(
        statement=statement,
        kind="symbolic",
        lhs=left,
        rhs=right,
        where=tuple((key, sympy.sympify(value)) for key, value in used),
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
    """The frozen record of one derivation (docs/contract.md, "Derivations").

    ``result`` maps names to the SymPy closed forms the derivation produced.
    ``implemented_by`` names, as importable dotted paths, the oracle functions that
    implement it (for a library equivalence, the spec's exact model of the
    library; for a tolerance, the function that evaluates it); each of them cites
    the ID in its docstring.  A retired record keeps its ID and sets
    ``superseded_by``.
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
