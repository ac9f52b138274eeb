"""Strategies for FCN skip fusion: score maps of the reference nets' lengths, any input size.

:func:`fcn_cases` draws a variant, an input size per axis (tiny, odd, and up to
several hundred cells), ``N`` and ``K`` classes, and score maps of the lengths
:func:`spec.fcn.blob_sizes` gives that input size.  :func:`fcn_resize_cases`
draws score maps of any sizes, coarsest first, for the resize-and-add fusion.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from conformance.case import Case
from conformance.strategies import exact_arrays
from spec.fcn import blob_sizes

__all__ = ["SKIPS", "fcn_cases", "fcn_resize_cases"]

SKIPS = {"fcn32s": (), "fcn16s": ("score_pool4",), "fcn8s": ("score_pool4", "score_pool3")}
_LENGTHS = st.one_of(
    st.integers(1, 4), st.integers(1, 40).map(lambda n: 2 * n + 1), st.integers(5, 400)
)


@st.composite
def fcn_cases(draw: Any, variant: str, dtype: str = "float64", ndim: int = 2) -> Case:
    """``fcn_fuse`` cases of ``variant``: score maps for a drawn input size on ``ndim`` axes."""
    size = tuple(draw(_LENGTHS if ndim < 3 else st.integers(1, 40)) for _ in range(ndim))
    n, k = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    arrays = {}
    for name in ("score_fr", *SKIPS[variant]):
        shape = (n, k, *(blob_sizes(variant, length)[name] for length in size))
        arrays[name] = draw(exact_arrays(shape, dtype))
    return Case("fcn_fuse", arrays, {"variant": variant, "input_size": size}, by_keyword=True)


@st.composite
def fcn_resize_cases(draw: Any, dtype: str = "float64") -> Case:
    """``fcn_fuse_resize`` cases: 1 to 3 score maps of any sizes on 1 to 3 axes."""
    ndim = draw(st.integers(1, 3))
    top = {1: 64, 2: 24, 3: 8}[ndim]
    n, k = draw(st.integers(1, 2)), draw(st.integers(1, 3))
    count = draw(st.integers(1, 3))
    arrays = {}
    for i in range(count):
        shape = (n, k, *(draw(st.integers(1, top)) for _ in range(ndim)))
        arrays["score" if i == 0 else f"skip{i}"] = draw(exact_arrays(shape, dtype))
    size = tuple(draw(st.integers(1, 2 * top)) for _ in range(ndim))
    return Case("fcn_fuse_resize", arrays, {"input_size": size})
