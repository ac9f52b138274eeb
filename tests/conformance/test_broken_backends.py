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

import oracle
import spec
from conformance.runner import run
from tests.conformance.broken_backends import BROKEN, _Broken

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
    "box_as_area": ["test_resize[box]"],
    "sampled_box_unstretched": [
        "test_resize[sampled_box-half_pixel-round_prefer_ceil-antialias-exclude_outside]"
    ],
    "sampled_box_closed": ["test_resize[sampled_box-half_pixel-round_prefer_ceil-antialias*]"],
    "lanczos_order_off": ["test_resize[lanczos-half_pixel]"],
    "lanczos_unnormalised": ["test_resize[lanczos-half_pixel]"],
    "kernel_not_flipped": ["test_conv_transpose[basic]"],
    "output_padding_at_start": ["test_conv_transpose[output_padding]"],
    "groups_share_weights": ["test_conv[grouped]", "test_conv[depthwise]"],
    "bias_dropped": ["test_conv[basic]"],
    "dilation_ignored": ["test_conv[dilated_strided]"],
    "padding_swapped": ["test_conv[asymmetric_padding]", "test_conv_transpose[asymmetric_padding]"],
    "bfloat16_inside": ["test_conv[basic]"],
    "dcr_order": ["test_pixel_shuffle[pixel_shuffle]"],
    "off_by_one_output": ["test_conv_transpose[basic]"],
    "ceil_keeps_padding_window": ["test_max_pool[ceil_mode]"],
    "divisor_counts_overhang": ["test_avg_pool[ceil_mode]"],
    "count_include_pad_inverted": ["test_avg_pool[count_include_pad]"],
    "padded_indices": ["test_max_pool_indices[basic]", "test_max_pool_indices[dilation]"],
    "nan_ignored": ["test_max_pool[nonfinite]"],
    "ties_last": ["test_max_pool_indices[basic]", "test_pool_length_one[max_pool]"],
    "adaptive_end_floored": ["test_adaptive_pool[adaptive_avg_pool]"],
    "unpool_size_ignored": ["test_max_unpool[output_size]"],
}


def test_every_broken_backend_has_a_target() -> None:
    assert sorted(WHERE) == sorted(BROKEN)
    assert len(BROKEN) >= 30


@pytest.mark.parametrize("bug", sorted(BROKEN))
def test_suite_reports_broken_backend(bug: str) -> None:
    backend = BROKEN[bug]
    spec_string = f"tests.conformance.broken_backends:{bug}"
    result = run(backend, spec_string, select=WHERE[bug], profile="ci", max_examples=30)
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
    result = run(backend, "oracle", select=patterns, profile="ci")
    assert result.records
    assert {r.outcome for r in result.records} == {"passed"}


def test_declared_compute_dtype_widens_the_bound_and_nothing_else() -> None:
    # the same float16 arithmetic that fails when float32 is claimed passes when the
    # backend declares it computes in float16 (tolerance.dot)
    declared: Any = _Broken(name="declared-f16", bug="half_precision_inside")
    declared.compute_dtype = "float16"
    select = WHERE["half_precision_inside"]
    result = run(declared, "declared", ops=["resize"], select=select, profile="ci")
    assert {r.outcome for r in result.records} == {"passed"}, [r.message for r in result.records]
    assert result.meta["compute_dtype"] == "float16"


class _Float32Parameters:
    """A float32 runtime that holds scales, roi and cubic_a as float32 and insists on it."""

    name = "f32-params"
    dtype = "float32"
    param_dtype = "float32"

    def resize(self, x: Any, **kwargs: Any) -> Any:
        floats = []
        for key in ("scale_factor", "roi", "cubic_a"):
            value = kwargs.get(key)
            floats += (
                list(np.ravel(np.asarray(value, dtype=np.float64))) if value is not None else []
            )
        if any(float(np.float32(v)) != v for v in floats):
            raise AssertionError(f"a parameter is not exact in float32: {floats}")
        return oracle.resize(x, **kwargs).astype(np.float32).astype(np.float64)


def test_parameters_are_drawn_exact_in_the_declared_param_dtype() -> None:
    select = [
        "test_resize[cubic-*]",
        "test_resize_boundary[linear-tf_crop_and_resize]",
        "test_resize_length_rounding[linear-half_pixel]",
    ]
    result = run(_Float32Parameters(), "f32", ops=["resize"], select=select, profile="ci")
    assert {r.outcome for r in result.records} == {"passed"}, [r.message for r in result.records]


class _Float32Lengths(_Float32Parameters):
    """A float32 runtime whose output length is the float32 product ``in * scale``, floored."""

    name = "f32-lengths"

    def resize(self, x: Any, **kwargs: Any) -> Any:
        sf = kwargs.get("scale_factor")
        if sf is not None and kwargs.get("size") is None:
            spatial = x.shape[2:]
            scales = sf if isinstance(sf, tuple) else (sf,) * len(spatial)
            kwargs["size"] = tuple(
                int(np.floor(np.float32(n) * np.float32(s)))
                for n, s in zip(spatial, scales, strict=True)
            )
        return super().resize(x, **kwargs)


@pytest.mark.spec("resize.output_length")
def test_float32_product_lengths_are_reported() -> None:
    select = ["test_resize_length_rounding[linear-half_pixel]"]
    result = run(_Float32Lengths(), "f32-lengths", ops=["resize"], select=select, profile="ci")
    (record,) = result.records
    assert record.outcome == "failed", record.message
    assert "resize.output_length" in record.spec and record.counterexample is not None


@pytest.mark.spec("fcn.caffe.offsets")
@pytest.mark.parametrize("variant", ["fcn32s", "fcn16s", "fcn8s"])
def test_fcn_fusion_reports_a_transposed_convolution_off_by_one(variant: str) -> None:
    backend = BROKEN["off_by_one_output"]
    spec_string = "tests.conformance.broken_backends:off_by_one_output"
    result = run(backend, spec_string, select=[f"test_fcn_fuse[{variant}]"], profile="ci")
    (record,) = result.records
    assert record.outcome == "failed", record.message
    assert "fcn.caffe.offsets" in record.spec and record.counterexample is not None
    namespace: dict[str, Any] = {}
    exec(record.counterexample, namespace)  # compose.fcn_fuse(backend, ...) against the oracle
    assert not np.allclose(namespace["got"], namespace["want"])
