"""Argument validation shared by the oracle's ops.

Every check raises :class:`ValueError` through :func:`invalid`, whose message
names the parameter, the constraint it broke and the derivation ID that states
the constraint (docs/contract.md).  Nothing here clips,
rounds or otherwise repairs a value: a value is accepted exactly as given or
rejected.

Numbers are converted to :class:`fractions.Fraction` exactly: a float is the
dyadic rational it stores (``Fraction(0.1) != Fraction(1, 10)``), so index
decisions made on the converted value are decisions on the parameter's exact
value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, TypeAlias, TypeGuard, TypeVar

import numpy as np

__all__ = [
    "Int",
    "Real",
    "exact",
    "invalid",
    "is_int",
    "is_real",
    "per_axis",
    "require_bool",
    "require_choice",
    "require_finite",
]


Int: TypeAlias = int | np.integer[Any]
"""A Python or NumPy integer (``bool`` is rejected at run time)."""
Real: TypeAlias = int | float | np.integer[Any] | np.floating[Any]
"""A Python or NumPy integer or float (``bool`` is rejected at run time)."""

T = TypeVar("T")
Choice = TypeVar("Choice", bound=str)


def invalid(parameter: str, constraint: str, derivation_id: str) -> ValueError:
    """Return (not raise) the ``ValueError`` for one broken constraint.

    The message reads ``"<parameter>: <constraint> (see <derivation_id>)"``,
    for example ``"scale_factor: must be > 0, got -1.0 (see
    resize.coordinate_scale)"``; ``constraint`` should end with the offending
    value (``got ...``).
    """
    return ValueError(f"{parameter}: {constraint} (see {derivation_id})")


def is_int(value: object) -> TypeGuard[Int]:
    """True for a Python or NumPy integer; False for ``bool`` and everything else."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def is_real(value: object) -> TypeGuard[Real]:
    """True for a Python or NumPy integer or float; False for ``bool`` and complex."""
    return is_int(value) or isinstance(value, float | np.floating)


def exact(value: Real) -> Fraction:
    """The exact rational value of a finite int or float (no rounding, no decimal detour).

    >>> exact(0.5), exact(3), exact(0.1) == Fraction(1, 10)
    (Fraction(1, 2), Fraction(3, 1), False)
    """
    if is_int(value):
        return Fraction(int(value))
    return Fraction(float(value))


def require_finite(value: object, parameter: str, derivation_id: str) -> Real:
    """Return ``value`` if it is a finite real number (not a bool), else raise."""
    if not is_real(value):
        raise invalid(parameter, f"must be a real number, got {value!r}", derivation_id)
    if not math.isfinite(float(value)):
        raise invalid(parameter, f"must be finite, got {value!r}", derivation_id)
    return value


def require_bool(value: object, parameter: str, derivation_id: str) -> bool:
    """Return ``value`` as a ``bool`` if it is a Python or NumPy bool, else raise."""
    if not isinstance(value, bool | np.bool_):
        raise invalid(parameter, f"must be a bool, got {value!r}", derivation_id)
    return bool(value)


def require_choice(
    value: object, parameter: str, choices: Sequence[Choice], derivation_id: str
) -> Choice:
    """Return ``value`` if it is one of the strings ``choices``, typed as one; else raise."""
    for choice in choices:
        if isinstance(value, str) and value == choice:
            return choice
    listed = ", ".join(repr(c) for c in choices)
    raise invalid(parameter, f"must be one of {listed}, got {value!r}", derivation_id)


def per_axis(
    value: object,
    ndim: int,
    parameter: str,
    derivation_id: str,
    *,
    accepts: Callable[[object], TypeGuard[T]],
    noun: str,
) -> tuple[T, ...]:
    """Normalise a per-axis parameter to a tuple of ``ndim`` entries.

    A single entry applies to every axis; a tuple (or list) must have exactly
    one entry per axis (docs/contract.md: "A per-axis parameter takes either an int,
    which applies to every spatial axis, or a tuple with one entry per spatial
    axis").  Every entry must pass ``accepts`` (:func:`is_int` or
    :func:`is_real`); ``noun`` names what it accepts in the error message.
    The entries are returned unchanged, for the caller to check their range.

    >>> per_axis(2, 3, "size", "resize.output_length", accepts=is_int, noun="an int")
    (2, 2, 2)
    """
    if isinstance(value, tuple | list):
        if len(value) != ndim:
            raise invalid(
                parameter,
                f"must have one entry per spatial axis ({ndim}), got {len(value)}: {value!r}",
                derivation_id,
            )
        entries: tuple[object, ...] = tuple(value)
    else:
        entries = (value,) * ndim
    accepted: list[T] = []
    for entry in entries:
        if not accepts(entry):
            raise invalid(
                parameter,
                f"must be {noun} or a tuple of {ndim} of them, got {value!r}",
                derivation_id,
            )
        accepted.append(entry)
    return tuple(accepted)
