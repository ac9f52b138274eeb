"""Hypothesis strategies for conformance cases, one module per op chapter.

Shared pieces live here: exactly representable values and arrays.  Strategy
names are plural (``resize_cases()``), as in array-api-tests.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray

__all__ = ["SIGNIFICAND_BITS", "exact_arrays", "exact_values"]

SIGNIFICAND_BITS = {"float64": 53, "float32": 24, "float16": 11, "bfloat16": 8}


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

    Half of the time the array is drawn from a pool of three values, so repeated
    values (flat regions, ties in max) are common.
    """
    return _arrays(shape, dtype)


@st.composite
def _arrays(draw: Any, shape: tuple[int, ...], dtype: str) -> NDArray[np.float64]:
    values = exact_values(dtype)
    if draw(st.booleans()):
        pool = draw(st.lists(values, min_size=1, max_size=3))
        elements: st.SearchStrategy[float] = st.sampled_from(pool)
    else:
        elements = values
    return np.asarray(draw(hnp.arrays(np.float64, shape, elements=elements)), dtype=np.float64)
