"""resampling-oracle's spec layer: SymPy derivations of the resampling operators.

Every derivation is a registered function returning a frozen
:class:`~spec.core.Derivation` with a stable dotted ID (for example
``interp.linear.weights``).  ``python -m spec verify`` checks every claim and
``python -m spec render`` writes ``docs/derivations/``.  The contract the
derivations serve is docs/contract.md.

Naming rule for new IDs (existing IDs are never renamed, and a retired ID stays,
marked superseded):

* ``<op>.<topic>`` for an op's own derivations, e.g. ``pool.max.ties`` or
  ``conv_transpose.matrix_transpose``;
* shared topics stay at the top level: ``window.*``, ``interp.*``, ``tolerance.*``;
* library equivalences are ``equiv.<lib>.<op>.<topic>``.

Layout: one concept per module.  Sources are defined once in
:mod:`spec.references`, exact-arithmetic helpers in :mod:`spec._exact`; a
chapter is a package (``spec/resize/``, ``spec/tolerance/``) whose ``__init__``
imports its modules, and :mod:`spec.chapters` imports every chapter.

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
