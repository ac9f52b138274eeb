"""Hypothesis strategies for conformance cases, one module per op chapter.

Shared pieces live here: exactly representable values and arrays.  Strategy
names are plural (``resize_cases()``), as in array-api-tests.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
from hypothesis import strategies as st
from numpy.typing import NDArray

__all__ = ["SIGNIFICAND_BITS", "exact_arrays", "exact_parameter", "exact_values", "per_axis"]

SIGNIFICAND_BITS = {"float64": 53, "float32": 24, "float16": 11, "bfloat16": 8}


def per_axis(draw: Any, values: Sequence[Any]) -> Any:
    """A per-axis parameter as drawn: one entry when all agree (half the time), else a tuple."""
    if len(set(values)) == 1 and draw(st.booleans()):
        return values[0]
    return tuple(values)


def exact_parameter(value: float, dtype: str) -> float:
    """``value`` rounded to the nearest ``dtype`` value (float64, float32 or float16).

    A backend that holds its float parameters in ``dtype`` (``param_dtype``)
    then sees exactly the value the oracle sees.
    """
    if dtype == "float64":
        return float(value)
    return float(np.asarray(value, dtype=np.dtype(dtype)))


@functools.cache
def exact_values(dtype: str) -> st.SearchStrategy[float]:
    """Floats k/8 that ``dtype`` represents exactly, with repeats made likely.

    ``|k| < 2**(p-1)`` for the significand width ``p`` of ``dtype`` (at most 2**11),
    so every value, and the value negated, is exact in ``dtype``.
    """
    p = SIGNIFICAND_BITS[dtype]
    bound = 2 ** min(p - 1, 11) - 1
    ints = st.integers(-bound, bound)
    small = st.sampled_from([0, 8, -8, 4, 16])
    return st.one_of(small, ints).map(lambda k: k / 8.0)


def exact_arrays(shape: tuple[int, ...], dtype: str) -> st.SearchStrategy[NDArray[np.float64]]:
    """float64 arrays of ``shape`` whose values are exact in ``dtype``.

    The values come from a seeded generator, so that hypothesis shrinks a
    failing case through a handful of choices (shape, seed, a few values)
    rather than element by element.  Half of the arrays draw from a pool of
    one to four values, so repeated values (flat regions, ties) are common;
    the others draw integers ``k/8`` with ``|k|`` up to a drawn magnitude.
    """
    return _arrays(shape, dtype)


@st.composite
def _arrays(draw: Any, shape: tuple[int, ...], dtype: str) -> NDArray[np.float64]:
    rng = np.random.default_rng(draw(_SEEDS))
    if draw(st.booleans()):
        pool = np.array(draw(st.lists(exact_values(dtype), min_size=1, max_size=4)))
        return np.asarray(pool[rng.integers(0, len(pool), size=shape)], dtype=np.float64)
    p = SIGNIFICAND_BITS[dtype]
    magnitude = draw(st.sampled_from([1, 8, 64, 2 ** min(p - 1, 11) - 1]))
    return rng.integers(-magnitude, magnitude + 1, size=shape).astype(np.float64) / 8.0


_SEEDS = st.integers(0, 2**16)
