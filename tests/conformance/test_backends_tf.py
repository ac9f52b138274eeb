"""The tf backend (tf.image.resize and tf.nn): registered, and not available without tensorflow.

tensorflow is an optional extra (``tf``) that CI does not install (``nox -s
backends`` does); without it the backend must say so, and with it a short run
must show no unexpected failure.
"""

from __future__ import annotations

import pytest

from tests.conformance.backend_checks import (
    assert_registered,
    assert_unavailable_without,
    short_run,
)


def test_tf_is_registered() -> None:
    assert_registered("tf", "float32")


def test_tf_without_tensorflow_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "tensorflow is not installed"
    assert_unavailable_without(monkeypatch, "tf", "tensorflow", reason)


def test_tf_short_run() -> None:
    pytest.importorskip("tensorflow")
    short_run(
        "tf",
        ["resize[box]", "resize[lanczos-half_pixel-antialias-exclude_outside]", "max_pool[*]"],
    )
