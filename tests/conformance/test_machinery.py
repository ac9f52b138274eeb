"""The suite's machinery: registry, deviation lists, outcomes, reports, citations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import spec
from conformance import KnownDeviation, Unsupported, load_backend, read_deviations
from conformance.backend import glob_match
from conformance.backends.oracle import OracleBackend
from conformance.backends.torch import DEVIATIONS
from conformance.registry import DEFAULT_BACKENDS, registered
from conformance.report import markdown, records_json, write_reports
from conformance.runner import OUTCOMES, run


class _Unavailable(OracleBackend):
    name = "nowhere"

    def available(self) -> str | None:
        return "no such device here"


def _all_tests() -> list[Any]:
    """Every suite test with its derivation IDs, collected without running anything."""
    return run(_Unavailable(), "nowhere", profile="ci").records


def test_every_conformance_test_cites_registered_derivations() -> None:
    records = _all_tests()
    assert len(records) > 100
    known = set(spec.all_ids())
    for record in records:
        assert record.spec, f"{record.test} cites no derivation"
        assert set(record.spec) <= known, f"{record.test}: {set(record.spec) - known}"
        assert record.op == "resize"


def test_every_cited_derivation_has_a_rendered_page() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "derivations"
    cited = {s for r in _all_tests() for s in r.spec}
    assert all((docs / f"{did}.md").exists() for did in cited)


def test_unavailable_backend_is_reported_not_passed() -> None:
    records = run(_Unavailable(), "nowhere", select=["test_resize[area]"], profile="ci").records
    assert [r.outcome for r in records] == ["skipped"]
    assert records[0].reason == "not available: no such device here"


def test_default_backends_are_registered_by_name() -> None:
    names = registered()
    assert set(DEFAULT_BACKENDS) <= set(names)
    assert load_backend("oracle").dtype == "float64"  # type: ignore[attr-defined]
    cuda = load_backend("torch-cuda")
    assert cuda.name == "torch-cuda"  # type: ignore[attr-defined]


def test_backend_by_module_attribute_and_factory() -> None:
    assert load_backend("conformance.backends.oracle:backend").name == "oracle"  # type: ignore[attr-defined]
    made = load_backend("conformance.backends.oracle:OracleBackend")
    assert isinstance(made, OracleBackend)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-such-backend", "unknown name"),
        ("conformance.backends.oracle", "unknown name"),
        (":backend", "package.module:attribute"),
        ("conformance.backend:DTYPES", "no string attribute 'name'"),
    ],
)
def test_bad_backend_names_raise_value_error(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_backend(name)


def test_glob_treats_brackets_literally() -> None:
    assert glob_match("test_resize[linear-*]", "test_resize[linear-half_pixel]")
    assert not glob_match("test_resize[linear-*]", "test_resize[cubic-half_pixel]")
    assert not glob_match("test_resize[l]", "test_resizel")


@pytest.mark.parametrize("path", sorted(DEVIATIONS.parent.glob("*.txt")), ids=lambda p: p.name)
def test_deviation_files_parse_and_cite_registered_ids(path: Path) -> None:
    entries = read_deviations(path)
    assert entries
    known = set(spec.all_ids())
    assert all(e.spec in known and e.reason for e in entries)
    tests = {r.test.split("::")[-1] for r in _all_tests()}
    for entry in entries:
        assert any(entry.matches(t) for t in tests), f"{entry.pattern} matches no test"


def test_malformed_deviation_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "dev.txt"
    bad.write_text("# comment\ntest_resize[area] resize.area\n")
    with pytest.raises(ValueError, match=r"dev\.txt:2"):
        read_deviations(bad)


class _ListsAFixedDeviation(OracleBackend):
    name = "fixed"
    known_deviations = (
        KnownDeviation("test_resize[area]", "resize.area", "was wrong once; now fixed"),
    )


def test_known_deviation_that_no_longer_happens_is_reported_xpassed() -> None:
    result = run(_ListsAFixedDeviation(), "fixed", select=["test_resize[area]"], profile="ci")
    assert [r.outcome for r in result.records] == ["xpassed"]
    assert "no longer reproduced" in result.records[0].reason
    assert not result.unexpected


class _NoArea(OracleBackend):
    name = "no-area"

    def resize(self, x: Any, **kwargs: Any) -> Any:
        if kwargs.get("mode") == "area":
            raise Unsupported("no area mode")
        return super().resize(x, **kwargs)


def test_unsupported_is_its_own_outcome() -> None:
    result = run(_NoArea(), "no-area", select=["test_resize[area]"], profile="ci")
    assert [r.outcome for r in result.records] == ["unsupported"]
    assert result.records[0].reason == "no area mode"
    assert not result.unexpected


class _Crashes(OracleBackend):
    name = "crashes"

    def resize(self, x: Any, **kwargs: Any) -> Any:
        raise RuntimeError("kernel exploded")


def test_backend_exception_is_an_error_not_a_pass() -> None:
    result = run(_Crashes(), "crashes", select=["test_resize[area]"], profile="ci")
    (record,) = result.records
    assert record.outcome == "error"
    assert "kernel exploded" in record.message
    assert record.counterexample is not None and "load_backend('crashes')" in record.counterexample
    assert "resize.area" in record.spec


def test_no_matching_test_is_an_error_not_a_silent_pass() -> None:
    result = run(OracleBackend(), "oracle", select=["no_such_test"], profile="ci")
    assert [r.outcome for r in result.records] == ["error"]


def test_reports_carry_the_contract_fields(tmp_path: Path) -> None:
    result = run(OracleBackend(), "oracle", select=["test_resize[linear-*]"], profile="ci")
    write_reports([result], tmp_path / "r.json", tmp_path / "r.md")
    data = json.loads((tmp_path / "r.json").read_text())
    assert data == records_json([result])
    for record in data:
        assert list(record)[:5] == ["test", "op", "spec", "outcome", "counterexample"]
        assert record["outcome"] in OUTCOMES
    page = markdown([result])
    assert "| op | feature | oracle |" in page
    assert "`resize[linear-half_pixel]`" in page
