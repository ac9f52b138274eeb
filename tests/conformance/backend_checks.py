"""Checks every optional backend shares: registration, "not available" reporting, a short run.

The tests in ``test_backends_*.py`` call these.  Their frameworks are optional
extras: CI installs torch, onnx and scipy only, so a test that needs another
framework skips through ``pytest.importorskip``, which is acceptable only
because that framework is an extra and the backend then reports itself not
available (the registration and not-available tests run everywhere).
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from conformance import load_backend
from conformance.backend import check_backend
from conformance.registry import registered
from conformance.runner import BackendRun, run

__all__ = ["assert_registered", "assert_unavailable_without", "short_run"]


def assert_registered(name: str, dtype: str, param_dtype: str = "float64") -> Any:
    """``name`` is registered, loads without its framework, and has the protocol's attributes."""
    assert name in registered()
    backend: Any = load_backend(name)
    check_backend(backend, name)
    assert backend.name == name and backend.dtype == dtype
    assert getattr(backend, "param_dtype", "float64") == param_dtype
    return backend


def assert_unavailable_without(
    monkeypatch: pytest.MonkeyPatch, name: str, module: str, reason: str
) -> None:
    """With ``module`` made unimportable, ``name`` says ``reason`` and a run skips every test."""
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    backend: Any = load_backend(name)
    assert backend.available() == reason
    result = run(backend, name, select=["test_resize[area]"], profile="ci")
    assert not result.available and result.unavailable_reason == reason
    assert {r.outcome for r in result.records} == {"skipped"}
    assert all(d.replay == "not run" for d in result.deviations)


def short_run(name: str, select: list[str], max_examples: int = 2) -> BackendRun:
    """A run of ``name`` over the ``select``ed tests: nothing fails unexpectedly.

    Every known deviation's example is replayed at the start of the run; each
    must still deviate ("error" for a crash; a line may have no example).
    """
    backend = load_backend(name)
    result = run(backend, name, select=select, profile="ci", max_examples=max_examples)
    assert result.available
    assert not result.unexpected, [(r.test, r.message) for r in result.unexpected]
    assert {d.replay for d in result.deviations} <= {"still deviates", "error", "no example"}
    return result
