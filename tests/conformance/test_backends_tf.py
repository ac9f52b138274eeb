"""The tf backend (tf.image.resize and tf.nn): registered, and not available without tensorflow.

tensorflow is an optional extra (``tf``) that neither CI nor the machines this
project is developed on install; its backend must then say so.
"""

from __future__ import annotations

import pytest

from tests.conformance.backend_checks import assert_registered, assert_unavailable_without


def test_tf_is_registered() -> None:
    assert_registered("tf", "float32")


def test_tf_without_tensorflow_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "tensorflow is not installed"
    assert_unavailable_without(monkeypatch, "tf", "tensorflow", reason)
