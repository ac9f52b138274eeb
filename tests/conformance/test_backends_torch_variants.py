"""The torch-decomp and torch-compile backends: torch's decompositions and inductor.

torch is installed in CI, so torch-decomp's short run runs there.  torch-compile
takes seconds per case and is left to the ``backends`` nox session; here only
its registration and its not-available reasons are checked.
"""

from __future__ import annotations

import pytest

from conformance.backends import torch_variants
from tests.conformance.backend_checks import (
    assert_registered,
    assert_unavailable_without,
    short_run,
)


@pytest.mark.parametrize("name", ["torch-decomp", "torch-compile"])
def test_torch_variants_are_registered(name: str) -> None:
    assert_registered(name, "float32")


@pytest.mark.parametrize("name", ["torch-decomp", "torch-compile"])
def test_torch_variants_without_torch_are_not_available(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    assert_unavailable_without(monkeypatch, name, "torch", "torch is not installed")


def test_torch_compile_without_a_compiler_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("torch")
    monkeypatch.setattr("shutil.which", lambda _: None)
    reason = torch_variants.inductor.available()
    assert reason is not None and "C++ compiler" in reason


def test_torch_decomp_short_run() -> None:
    pytest.importorskip("torch")
    short_run("torch-decomp", ["resize_integer_ratio[linear-half_pixel]", "pixel_shuffle[*]"])
