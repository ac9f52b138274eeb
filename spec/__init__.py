"""resampling-oracle's spec layer: SymPy derivations of the resampling operators.

Every derivation is a registered function returning a frozen
:class:`~spec.core.Derivation` with a stable dotted ID (for example
``interp.linear.weights``).  ``python -m spec verify`` checks every claim and
``python -m spec render`` writes ``docs/derivations/``.

This package imports SymPy and the standard library only.
"""

from spec.core import (
    Claim,
    ClaimResult,
    Derivation,
    Reference,
    all_ids,
    derivation,
    exhaustive,
    get,
    symbolic,
    verify,
)

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
