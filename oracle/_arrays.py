"""Array checks and indexing helpers shared by the window ops (convolution and pooling).

Arrays have the layout ``(N, C, *spatial)`` with 1 to 3 spatial axes.  Every
check raises :class:`ValueError` through :func:`oracle._args.invalid`, naming
the parameter, the constraint and the derivation ID.  This module imports
NumPy and the standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from oracle._args import invalid

__all__ = ["batch_array", "describe", "ieee", "real_array", "spatial"]

_LENGTH = "window.output_length"


def describe(value: object) -> str:
    """A short description of an invalid array argument, for error messages."""
    if isinstance(value, np.ndarray):
        return f"array of dtype {value.dtype} and shape {value.shape}"
    return f"{type(value).__name__} {value!r}"[:200]


def real_array(value: object, parameter: str, derivation_id: str) -> NDArray[np.float64]:
    """``value`` as float64 if it is a real numeric NumPy array (integer or float dtype)."""
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf":
        raise invalid(
            parameter,
            f"must be a real numeric numpy array (integer or float dtype), got {describe(value)}",
            derivation_id,
        )
    return np.asarray(value, dtype=np.float64)


def batch_array(value: object, derivation_id: str, *, nonempty: bool) -> NDArray[np.float64]:
    """Check ``x``: a real array ``(N, C, *spatial)`` with 1 to 3 spatial axes.

    With ``nonempty`` every spatial length must be at least 1
    (window.output_length); ``N = 0`` and ``C = 0`` are always valid.
    """
    x = real_array(value, "x", derivation_id)
    if not 3 <= x.ndim <= 5:
        raise invalid(
            "x",
            f"must have shape (N, C, *spatial) with 1 to 3 spatial axes, got shape {x.shape}",
            derivation_id,
        )
    if nonempty and 0 in x.shape[2:]:
        raise invalid("x", f"every spatial length must be >= 1, got shape {x.shape}", _LENGTH)
    return x


def spatial(selectors: Iterable[Any]) -> tuple[Any, ...]:
    """An index of ``(N, C, *spatial)`` arrays: every batch and channel, ``selectors`` in space."""
    return (slice(None), slice(None), *selectors)


def ieee() -> np.errstate:
    """Silent IEEE arithmetic: 0 * inf and inf - inf give NaN and large sums overflow to
    inf without a warning, as in PyTorch (conv.nan)."""
    return np.errstate(invalid="ignore", over="ignore")
