"""The ONNX backends, ``ort`` and ``onnx-reference``: one node per op, float32 parameters.

onnx is installed in CI, onnxruntime is not: the ort run skips there, which is
acceptable only because onnxruntime is an optional extra (the ``ort`` extra);
its registration and not-available tests run everywhere.
"""

from __future__ import annotations

import numpy as np
import pytest

import oracle
from conformance import Unsupported
from tests.conformance.backend_checks import (
    assert_registered,
    assert_unavailable_without,
    short_run,
)


@pytest.mark.parametrize("name, dtype", [("ort", "float32"), ("onnx-reference", "float64")])
def test_onnx_backends_are_registered_with_float32_parameters(name: str, dtype: str) -> None:
    assert_registered(name, dtype, param_dtype="float32")


def test_ort_without_onnxruntime_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_unavailable_without(monkeypatch, "ort", "onnxruntime", "onnxruntime is not installed")


def test_onnx_reference_without_onnx_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_unavailable_without(monkeypatch, "onnx-reference", "onnx", "onnx is not installed")


def test_onnx_reference_pixel_unshuffle_permutes_space_to_depth_into_crd_order() -> None:
    pytest.importorskip("onnx")
    backend = assert_registered("onnx-reference", "float64", param_dtype="float32")
    x = np.arange(2 * 3 * 4 * 6, dtype=np.float64).reshape(2, 3, 4, 6)
    assert np.array_equal(backend.pixel_unshuffle(x, 2), oracle.pixel_unshuffle(x, 2))
    y = np.arange(2 * 8 * 2 * 3, dtype=np.float64).reshape(2, 8, 2, 3)
    assert np.array_equal(backend.pixel_shuffle(y, 2), oracle.pixel_shuffle(y, 2))
    with pytest.raises(Unsupported):
        backend.pixel_shuffle(np.zeros((1, 4, 2)), 2)  # DepthToSpace is 4-D only


def test_onnx_reference_short_run() -> None:
    pytest.importorskip("onnx")
    short_run("onnx-reference", ["pixel_unshuffle[*]", "resize[nearest-asymmetric-floor]"])


def test_ort_short_run() -> None:
    pytest.importorskip("onnxruntime")
    short_run("ort", ["resize[linear-half_pixel]", "conv[basic]", "pixel_shuffle[*]"])


def test_onnx_reference_pools_agree_with_torch() -> None:
    """The pooling adapters, checked against torch until the suite has pooling tests."""
    pytest.importorskip("onnx")
    torch = pytest.importorskip("torch")
    functional = torch.nn.functional
    backend = assert_registered("onnx-reference", "float64", param_dtype="float32")
    x = np.random.default_rng(0).integers(-8, 9, size=(2, 3, 6, 7)).astype(np.float64)
    t = torch.from_numpy(x)
    kwargs = {"kernel_size": 3, "stride": 2, "padding": 1}
    values, indices = backend.max_pool(x, **kwargs)
    want_values, want_indices = functional.max_pool2d(t, return_indices=True, **kwargs)
    assert np.array_equal(values, want_values.numpy())
    assert np.array_equal(indices, want_indices.numpy())  # flat in each plane
    for include in (True, False):
        got = backend.avg_pool(x, count_include_pad=include, **kwargs)
        want = functional.avg_pool2d(t, count_include_pad=include, **kwargs).numpy()
        assert np.allclose(got, want, rtol=0, atol=1e-12)
    mean = x.mean(axis=(2, 3), keepdims=True)
    assert np.allclose(backend.adaptive_avg_pool(x, output_size=1), mean)
    # onnx.reference scatters into the inferred shape and pads it to output_shape, so the
    # round trip is checked where the two agree: kernel 2, stride 2, even lengths
    even = torch.from_numpy(x[:, :, :, :6].copy())
    values, indices = backend.max_pool(even.numpy(), kernel_size=2)
    want = functional.max_unpool2d(*functional.max_pool2d(even, 2, return_indices=True), 2)
    assert np.array_equal(backend.max_unpool(values, indices, kernel_size=2), want.numpy())
    with pytest.raises(Unsupported):
        backend.adaptive_avg_pool(x, output_size=(2, 3))
