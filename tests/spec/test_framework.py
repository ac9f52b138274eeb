"""The derivation framework: registry, records, claims, rendered pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sympy

import spec
from spec.__main__ import main
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.render import render_page, stale_pages
from spec.verification import fingerprint, read_records

# A statement's sentences end at ., ! or ? before whitespace; an ellipsis and the listed
# abbreviations do not end one.
_ABBREVIATIONS = ("e.g", "i.e", "eq", "Eq", "Sec", "cf", "vs", "al", "Fig", "ed", "etc")
_END = re.compile(r"(?<!\.)[.!?](?=\s+\S)")


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences."""
    found, start = [], 0
    for match in _END.finditer(text):
        before = text[start : match.start()]
        if any(
            before.endswith(a) and (len(before) == len(a) or not before[-len(a) - 1].isalnum())
            for a in _ABBREVIATIONS
        ):
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


def test_sentence_splitter() -> None:
    assert len(sentences("One (eq. (3.4)), e.g. x. Two: 1.2 then A ... B. Three? Four")) == 4


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


@pytest.mark.parametrize("did", spec.all_ids())
def test_statement_is_at_most_three_sentences(did: str) -> None:
    found = sentences(spec.get(did).statement)
    assert len(found) <= 3, f"{did}: {len(found)} sentences; move detail into notes: {found}"


@pytest.mark.parametrize("did", spec.all_ids())
def test_symbolic_claims_render_two_different_sides(did: str) -> None:
    for number, claim in enumerate(spec.get(did).claims, start=1):
        if claim.kind == "symbolic":
            left, right = sympy.latex(claim.lhs), sympy.latex(claim.rhs)
            assert left != right, f"{did}#{number} renders as {left} = {right}"


def test_verify_json_records_every_claim_with_the_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "verify.json"
    assert main(["verify", "nearest.rounding", "--json", str(path)]) == 0
    payload = json.loads(path.read_text())
    assert payload["fingerprint"] == fingerprint()
    records = read_records(path)
    assert records is not None
    assert sorted(records) == [
        f"nearest.rounding#{n}" for n in range(1, len(spec.get("nearest.rounding").claims) + 1)
    ]
    assert all(r.holds for r in records.values())


def test_records_from_other_sources_are_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "verify.json"
    path.write_text(json.dumps({"fingerprint": "0" * 64, "claims": []}))
    assert read_records(path) is None
    assert read_records(tmp_path / "missing.json") is None


def test_render_check_reports_fresh_pages() -> None:
    assert main(["render", "--check"]) == 0
