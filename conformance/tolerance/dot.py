"""The error of a sum of products computed in a dtype (tolerance.dot).

A backend that stores ``dtype`` and computes in ``compute_dtype`` rounds at
the coarser of the two unit roundoffs; :func:`roundoff` gives it.  A sum of
``n`` products evaluated in any order with unit roundoff ``u`` is within
``gamma(n) * sum |w_j| |x_j|`` of its exact value, ``gamma(n) = n u / (1 - n u)``
(Higham 2002, Lemma 3.1 and eq. 3.5); :func:`dot_bound` evaluates that on
whole arrays of ``sum |w_j| |x_j|``.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from spec.tolerance import gamma, unit_roundoff

__all__ = ["dot_bound", "roundoff"]


def roundoff(dtype: str, compute_dtype: str | None = None) -> Fraction:
    """The unit roundoff a backend computes with: the coarser of ``dtype`` and ``compute_dtype``.

    tolerance.dot: float32 storage with TF32 products rounds each product's
    inputs at ``2**-11``, so the bound takes ``max(u(dtype), u(compute_dtype))``.
    """
    u = unit_roundoff(dtype)
    return u if compute_dtype is None else max(u, unit_roundoff(compute_dtype))


def dot_bound(
    abs_products: NDArray[np.float64], n_terms: int, u: Fraction, storage: Fraction | None = None
) -> NDArray[np.float64]:
    """The admissible error of sums of ``n_terms`` products, given ``sum |w_j| |x_j|``.

    tolerance.dot: ``gamma(n_terms) * abs_products``, plus ``storage * abs_products``
    for the final rounding of the result to a storage dtype whose unit roundoff
    ``storage`` is coarser than ``u`` (``None``: the same as ``u``, already in gamma).
    """
    factor = float(gamma(max(n_terms, 1), u))
    if storage is not None and storage > u:
        factor += float(storage)
    return factor * abs_products
