"""Conformance of ``pixel_shuffle`` and ``pixel_unshuffle``: exact permutations on 1 to 3 axes."""

from __future__ import annotations

import pytest

from conformance.harness import Target
from conformance.strategies.conv import shuffle_cases

_IDS = {
    "pixel_shuffle": ("pixel_shuffle.permutation",),
    "pixel_unshuffle": ("pixel_shuffle.permutation",),
}
_OPS = [
    pytest.param(op, id=op, marks=[pytest.mark.op(op), pytest.mark.spec(*ids)])
    for op, ids in _IDS.items()
]


@pytest.mark.parametrize("op", _OPS)
def test_pixel_shuffle(target: Target, op: str) -> None:
    """Every value lands where the channel order says, unchanged."""
    target.check(op, shuffle_cases(op, target.dtype, probe=target.probe), _IDS[op])


@pytest.mark.parametrize("op", _OPS)
def test_pixel_shuffle_empty_batch(target: Target, op: str) -> None:
    """N = 0 is valid and returns an empty result of the right shape."""
    target.check(op, shuffle_cases(op, target.dtype, batch=0, probe=target.probe), _IDS[op])
