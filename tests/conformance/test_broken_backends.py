"""Meta-tests: the suite reports every deliberately broken backend.

Each broken backend (tests/conformance/broken_backends.py) carries one real bug
class.  Its run is limited to the tests of the feature the bug lives in, so the
meta-tests stay fast; the assertion is that the suite fails it there, with a
reproducer that replays the disagreement and derivation IDs that exist.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import spec
from conformance.runner import run
from tests.conformance.broken_backends import BROKEN

# bug -> the tests of the feature it breaks
WHERE = {
    "shifted_half_pixel": ["test_resize[linear-half_pixel]", "test_resize[cubic-half_pixel]"],
    "align_corners_swapped": ["test_resize[linear-align_corners]"],
    "length_one": ["test_resize_length_one[linear-*]"],
    "scale_recomputed": ["test_resize[linear-half_pixel]", "test_resize[linear-asymmetric]"],
    "cubic_a_off": ["test_resize[cubic-half_pixel]", "test_resize[cubic-align_corners]"],
    "half_precision_inside": ["test_resize[linear-half_pixel]", "test_resize[area]"],
    "antialias_ignored": ["test_resize[linear-half_pixel-antialias]"],
    "nearest_ties_wrong": ["test_resize_boundary[nearest-half_pixel-round_prefer_*]"],
    "batch_channel_mixup": ["test_resize[linear-half_pixel]", "test_resize[area]"],
    "axis_order_3d": ["test_resize[linear-half_pixel]", "test_resize[cubic-half_pixel]"],
    "weight_off_1e4": ["test_resize[linear-half_pixel]", "test_resize[linear-align_corners]"],
    "exclude_outside_ignored": ["test_resize[cubic-half_pixel-exclude_outside]"],
    "nan_dropped": ["test_resize_nan[linear-half_pixel]", "test_resize_nan[area]"],
}


def test_every_broken_backend_has_a_target() -> None:
    assert sorted(WHERE) == sorted(BROKEN)
    assert len(BROKEN) >= 10


@pytest.mark.parametrize("bug", sorted(BROKEN))
def test_suite_reports_broken_backend(bug: str) -> None:
    backend = BROKEN[bug]
    spec_string = f"tests.conformance.broken_backends:{bug}"
    result = run(
        backend, spec_string, ops=["resize"], select=WHERE[bug], profile="ci", max_examples=30
    )
    assert result.records, "no test ran"
    failed = [r for r in result.records if r.outcome == "failed"]
    assert failed, f"suite missed {bug}: {[(r.test, r.outcome) for r in result.records]}"
    known = set(spec.all_ids())
    for record in failed:
        assert record.spec and set(record.spec) <= known
        assert record.counterexample is not None
        namespace: dict[str, Any] = {}
        exec(record.counterexample, namespace)  # the reproducer replays the disagreement
        got, want = np.asarray(namespace["got"]), np.asarray(namespace["want"])
        assert got.shape != want.shape or not np.array_equal(got, want, equal_nan=True)


def test_correct_backend_passes_the_same_tests() -> None:
    from conformance.backends.oracle import backend

    patterns = sorted({p for ps in WHERE.values() for p in ps})
    result = run(backend, "oracle", ops=["resize"], select=patterns, profile="ci")
    assert result.records
    assert {r.outcome for r in result.records} == {"passed"}
