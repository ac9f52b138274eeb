"""The derivation framework: registry, records, claims, rendered pages."""

from __future__ import annotations

import pytest
import sympy

import spec
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.render import render_page, stale_pages


def test_registry_is_not_empty_and_ids_are_dotted() -> None:
    ids = spec.all_ids()
    assert len(ids) >= 20
    assert all("." in i and i == i.lower() for i in ids)


@pytest.mark.parametrize("did", spec.all_ids())
def test_record_is_complete(did: str) -> None:
    record = spec.get(did)
    assert record.id == did
    assert record.title and record.statement
    assert record.claims, f"{did} proves nothing"
    assert record.references, f"{did} cites nothing"
    assert record.implemented_by, f"{did} names no implementation"
    assert record.superseded_by is None or record.superseded_by in spec.all_ids()


def test_records_are_frozen() -> None:
    record = spec.get(spec.all_ids()[0])
    with pytest.raises(AttributeError):
        record.title = "changed"  # type: ignore[misc]


def test_ids_are_never_registered_twice() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        derivation(spec.all_ids()[0])


def test_unknown_id_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match=r"no\.such\.id"):
        spec.get("no.such.id")


def test_false_symbolic_claim_is_reported_false() -> None:
    x = sympy.Symbol("x")
    result = symbolic("x + 1 = x", x + 1, x).evaluate()
    assert not result.holds
    assert "residual" in result.detail


def test_false_exhaustive_claim_lists_counterexamples() -> None:
    claim = exhaustive("every n < 5 is even", "n in 0..4", lambda: (n for n in range(5) if n % 2))
    result = claim.evaluate()
    assert not result.holds
    assert "1" in result.detail


def test_render_shows_claims_and_references() -> None:
    page = render_page(spec.get("interp.linear.weights"))
    assert page.startswith("# `interp.linear.weights`")
    assert "```math" in page and "## Claims" in page and "## References" in page


def test_committed_pages_are_fresh() -> None:
    stale = stale_pages()
    assert not stale, f"run `python -m spec render`; stale pages: {stale}"


def test_superseded_record_renders_a_pointer() -> None:
    record = Derivation(
        id="demo.old",
        title="old",
        statement="s",
        result={},
        claims=(),
        superseded_by="demo.new",
    )
    assert "Superseded by [`demo.new`]" in render_page(record)
