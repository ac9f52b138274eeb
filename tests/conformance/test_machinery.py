"""The suite's machinery: registry, deviation lists, outcomes, reports, citations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import spec
from conformance import KnownDeviation, Unsupported, load_backend, read_deviations
from conformance.backend import glob_match
from conformance.backends.oracle import OracleBackend
from conformance.backends.torch import DEVIATIONS_DIR
from conformance.case import Case
from conformance.registry import DEFAULT_BACKENDS, registered
from conformance.report import markdown, records_json, write_reports
from conformance.runner import OUTCOMES, run
from conformance.suite import OPS


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
        assert record.op in OPS
    assert {r.op for r in records} == set(OPS)


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


DEVIATION_FILES = sorted(DEVIATIONS_DIR.glob("*/*.txt"))


@pytest.mark.parametrize("path", DEVIATION_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_deviation_files_parse_and_cite_registered_ids(path: Path) -> None:
    entries = read_deviations(path)
    assert entries
    known = set(spec.all_ids())
    assert all(e.spec in known and e.reason for e in entries)
    ops = {r.test.split("::")[-1]: r.op for r in _all_tests()}
    for entry in entries:
        covered = {ops[t] for t in ops if entry.matches(t)}
        assert covered, f"{entry.pattern} matches no test"
        if entry.example is not None:  # the example exercises the op of the tests it covers
            assert covered == {entry.example.op}, (entry.pattern, covered)


def test_every_cpu_deviation_of_torch_carries_its_minimal_example() -> None:
    entries = read_deviations(DEVIATIONS_DIR / "torch" / "resize.txt")
    assert all(e.example is not None for e in entries), [e.pattern for e in entries]


def test_deviation_examples_still_deviate_on_torch_cpu() -> None:
    pytest.importorskip("torch")
    from conformance.backends.torch import cpu

    result = run(cpu, "torch-cpu", select=["test_resize[area]"], profile="ci", max_examples=2)
    replays = {d.deviation.pattern: d.replay for d in result.deviations}
    assert replays and set(replays.values()) == {"still deviates"}, replays


def test_examples_without_an_entry_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "dev.txt").write_text("test_resize[area] resize.area once wrong\n")
    case = Case("resize", {"x": np.zeros((1, 1, 2))}, {"size": 1, "mode": "area"})
    (tmp_path / "dev.examples.json").write_text(
        json.dumps({"test_resize[nearest]": case.as_json()})
    )
    with pytest.raises(ValueError, match="examples of no entry"):
        read_deviations(tmp_path / "dev.txt")


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


def test_known_deviation_not_reached_is_not_called_fixed() -> None:
    result = run(_ListsAFixedDeviation(), "fixed", select=["test_resize[area]"], profile="ci")
    assert [r.outcome for r in result.records] == ["xpassed"]
    assert "not reached in this run" in result.records[0].reason
    assert [d.replay for d in result.deviations] == ["no example"]
    assert not result.unexpected


_AREA_CASE = Case("resize", {"x": np.arange(6.0).reshape(1, 1, 6)}, {"size": 4, "mode": "area"})


class _FixedWithExample(OracleBackend):
    name = "fixed-example"
    known_deviations = (
        KnownDeviation("test_resize[area]", "resize.area", "was wrong once", example=_AREA_CASE),
    )


def test_known_deviation_whose_example_conforms_is_reported_fixed() -> None:
    result = run(_FixedWithExample(), "fixed", select=["test_resize[area]"], profile="ci")
    assert [r.outcome for r in result.records] == ["xpassed"]
    assert "no longer reproduced" in result.records[0].reason
    (status,) = result.deviations
    assert (status.replay, status.reached, status.matched) == ("conforms", False, True)


class _AreaOffByOne(OracleBackend):
    name = "area-off"
    known_deviations = (
        KnownDeviation("test_resize[area]", "resize.area", "adds 1", example=_AREA_CASE),
    )

    def resize(self, x: Any, **kwargs: Any) -> Any:
        y = super().resize(x, **kwargs)
        return y + 1 if kwargs.get("mode") == "area" else y


def test_known_deviation_is_replayed_and_reached() -> None:
    result = run(_AreaOffByOne(), "area-off", select=["test_resize[area]"], profile="ci")
    assert [r.outcome for r in result.records] == ["xfailed"]
    (status,) = result.deviations
    assert (status.replay, status.reached) == ("still deviates", True)
    data = records_json([result])
    assert data[0]["deviation"]["replay"] == "still deviates"
    assert Case.from_json(data[0]["case"]).op == "resize"


class _NoArea(OracleBackend):
    name = "no-area"

    def resize(self, x: Any, **kwargs: Any) -> Any:
        if kwargs.get("mode") == "area":
            raise Unsupported("no area mode")
        return super().resize(x, **kwargs)


def test_unsupported_is_its_own_outcome_with_counts_and_reasons() -> None:
    result = run(_NoArea(), "no-area", select=["test_resize[area]"], profile="ci")
    (record,) = result.records
    assert record.outcome == "unsupported"
    assert record.supported == 0 and record.cases >= 40
    assert record.unsupported_reasons == {"no area mode": record.cases}
    assert "0 of" in record.reason and "no area mode" in record.reason
    assert not result.unexpected
    assert "no area mode" in markdown([result])


class _NotImplemented(OracleBackend):
    name = "not-implemented"

    def resize(self, x: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("area")


def test_not_implemented_error_gets_a_hint_to_raise_unsupported() -> None:
    result = run(_NotImplemented(), "ni", select=["test_resize[area]"], profile="ci")
    (record,) = result.records
    assert record.outcome == "error"
    assert "conformance.Unsupported" in record.message


def test_two_runs_with_one_seed_agree_and_another_seed_draws_other_cases() -> None:
    def outcome(seed: int | None) -> list[tuple[str, str, int, int, str | None]]:
        result = run(_NoCubic(), "no-cubic", select=["test_resize[*-half_pixel]"], seed=seed)
        return [(r.test, r.outcome, r.cases, r.supported, r.counterexample) for r in result.records]

    first = outcome(None)
    assert first == outcome(None) == outcome(0)
    assert any(cases > supported > 0 for _, _, cases, supported, _ in first)


class _NoCubic(OracleBackend):
    name = "no-cubic"

    def resize(self, x: Any, **kwargs: Any) -> Any:
        if kwargs.get("mode") == "cubic" and np.ndim(x) != 4:
            raise Unsupported("cubic is 2-D only")
        return super().resize(x, **kwargs)


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


def test_no_matching_test_is_a_usage_error_not_a_silent_pass() -> None:
    with pytest.raises(ValueError, match="select"):
        run(OracleBackend(), "oracle", select=["no_such_test"], profile="ci")
    with pytest.raises(ValueError, match="ops: unknown op"):
        run(OracleBackend(), "oracle", ops=["warp"], profile="ci")


def test_select_matches_every_label_a_report_prints() -> None:
    for label in ("resize[area]", "test_resize[area]", "test_resize.py::test_resize[area]"):
        result = run(OracleBackend(), "oracle", select=[label], profile="ci")
        assert [r.feature for r in result.records] == ["resize[area]"]


def test_suite_ops_match_the_op_markers() -> None:
    assert {r.op for r in _all_tests()} == set(OPS)


def test_reports_carry_the_contract_fields(tmp_path: Path) -> None:
    result = run(OracleBackend(), "oracle", select=["test_resize[linear-*]"], profile="ci")
    write_reports([result], tmp_path / "r.json", tmp_path / "r.md")
    data = json.loads((tmp_path / "r.json").read_text())
    assert data == records_json([result])
    for record in data:
        assert list(record)[:5] == ["test", "op", "spec", "outcome", "counterexample"]
        assert record["outcome"] in OUTCOMES
    page = markdown([result])
    assert page.index("## Backend × op") < page.index("## Matrix")
    assert "| oracle (float64) | " in page
    assert "`resize[linear-half_pixel]`" in page
    run_meta = data[0]["run"]
    for key in ("project", "backend", "dtype", "compute_dtype", "seed", "profile", "ops",
                "python", "platform"):  # fmt: skip
        assert key in run_meta
    assert run_meta["seed"] == 0 and run_meta["profile"] == "ci"
    assert all(r["cases"] >= r["supported_cases"] > 0 for r in data)
