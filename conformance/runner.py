"""Run the conformance suite on one backend and collect one record per test.

The suite lives in ``conformance/suite`` as ordinary pytest modules, one per
op chapter.  :func:`run` drives it in-process through a pytest plugin that
provides the ``target`` fixture, keeps only the requested ops, marks the
backend's known deviations as expected failures, and records each test's
outcome with the derivation IDs it checks and, on failure, the reproducer.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conformance.backend import KnownDeviation, availability, glob_match, known_deviations
from conformance.case import BackendError, ConformanceFailure
from conformance.harness import UNSUPPORTED_PREFIX, Target
from conformance.profiles import suite_settings

__all__ = ["OUTCOMES", "SUITE_DIR", "BackendRun", "Record", "run"]

SUITE_DIR = Path(__file__).resolve().parent / "suite"
OUTCOMES = ("passed", "failed", "xfailed", "xpassed", "skipped", "unsupported", "error")


@dataclass
class Record:
    """One test's result, as written to the JSON report."""

    test: str
    op: str
    spec: list[str]
    outcome: str
    counterexample: str | None = None
    backend: str = ""
    feature: str = ""
    reason: str = ""
    message: str = ""

    def as_json(self) -> dict[str, Any]:
        """The JSON form: the contract's five fields first, then the extras."""
        return {
            "test": self.test,
            "op": self.op,
            "spec": self.spec,
            "outcome": self.outcome,
            "counterexample": self.counterexample,
            "backend": self.backend,
            "feature": self.feature,
            "reason": self.reason,
            "message": self.message,
        }


@dataclass
class BackendRun:
    """All records of one backend, and whether it could run here."""

    name: str
    dtype: str
    available: bool
    unavailable_reason: str = ""
    records: list[Record] = field(default_factory=list)

    @property
    def unexpected(self) -> list[Record]:
        """Records that make the run red: failures and errors."""
        return [r for r in self.records if r.outcome in ("failed", "error")]


def _failures(exc: BaseException) -> Iterator[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _failures(inner)
    else:
        yield exc


def _feature(nodeid: str) -> str:
    name = nodeid.split("::")[-1]
    return name.removeprefix("test_")


class _Plugin:
    def __init__(
        self,
        target: Target,
        ops: Sequence[str] | None,
        select: Sequence[str] | None,
        unavailable: str | None,
    ) -> None:
        self.target_obj = target
        self.ops = set(ops) if ops else None
        self.select = list(select) if select else None
        self.unavailable = unavailable
        self.deviations = known_deviations(target.backend)
        self.records: dict[str, Record] = {}
        self.items: dict[str, pytest.Item] = {}
        self.exceptions: dict[str, BaseException] = {}

    @pytest.fixture
    def target(self) -> Target:
        return self.target_obj

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "op(name): the op a conformance test checks")
        config.addinivalue_line("markers", "spec(*ids): derivation IDs a test checks")

    def _deviation(self, test_id: str) -> KnownDeviation | None:
        return next((d for d in self.deviations if d.matches(test_id)), None)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.records[report.nodeid] = Record(
                test=report.nodeid,
                op="",
                spec=[],
                outcome="error",
                backend=str(self.target_obj.backend.name),
                feature="collection",
                message=str(report.longreprtext)[-2000:],
            )

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        keep: list[pytest.Item] = []
        drop: list[pytest.Item] = []
        for item in items:
            op_marker = item.get_closest_marker("op")
            op = str(op_marker.args[0]) if op_marker else ""
            name = item.nodeid.split("::")[-1]
            wanted = self.ops is None or op in self.ops
            if self.select is not None:
                wanted = wanted and any(glob_match(p, name) for p in self.select)
            (keep if wanted else drop).append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = keep
        for item in items:
            self.items[item.nodeid] = item
            name = item.nodeid.split("::")[-1]
            if self.unavailable is not None:
                item.add_marker(pytest.mark.skip(reason=f"not available: {self.unavailable}"))
                continue
            deviation = self._deviation(name)
            if deviation is not None:
                reason = f"known deviation ({deviation.spec}): {deviation.reason}"
                item.add_marker(pytest.mark.xfail(reason=reason, strict=False))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Iterator[None]:
        if call.excinfo is not None and call.when == "call":
            self.exceptions[item.nodeid] = call.excinfo.value
        yield

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        item = self.items.get(report.nodeid)
        if item is None:
            return
        if report.when != "call" and not (report.failed or report.skipped):
            return
        if report.nodeid in self.records and report.when == "teardown" and not report.failed:
            return
        op_marker = item.get_closest_marker("op")
        spec = [str(i) for m in item.iter_markers("spec") for i in m.args]
        record = Record(
            test=report.nodeid,
            op=str(op_marker.args[0]) if op_marker else "",
            spec=sorted(set(spec)),
            outcome="passed",
            backend=str(self.target_obj.backend.name),
            feature=_feature(report.nodeid),
        )
        wasxfail = getattr(report, "wasxfail", None)
        exc = self.exceptions.get(report.nodeid)
        if exc is not None:
            failure = next(
                (e for e in _failures(exc) if isinstance(e, ConformanceFailure | BackendError)),
                None,
            )
            if failure is not None:
                record.counterexample = failure.reproducer
                record.spec = sorted(set(record.spec) | set(failure.spec))
            record.message = str(next(iter(_failures(exc)))).split("\nreproducer:")[0][:2000]
        if report.skipped and wasxfail is not None:
            record.outcome = "xfailed"
            record.reason = str(wasxfail)
        elif report.passed and wasxfail is not None:
            record.outcome = "xpassed"
            record.reason = f"no longer reproduced: {wasxfail}"
        elif report.skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
            reason = str(reason).removeprefix("Skipped: ")
            if reason.startswith(UNSUPPORTED_PREFIX):
                record.outcome = "unsupported"
                reason = reason.removeprefix(UNSUPPORTED_PREFIX)
            else:
                record.outcome = "skipped"
            record.reason = reason
        elif report.failed:
            is_conformance = exc is not None and any(
                isinstance(e, ConformanceFailure) for e in _failures(exc)
            )
            record.outcome = "failed" if report.when == "call" and is_conformance else "error"
            if not record.message:
                record.message = str(report.longreprtext)[-2000:]
        self.records[report.nodeid] = record


def run(
    backend: Any,
    backend_spec: str,
    *,
    ops: Sequence[str] | None = None,
    select: Sequence[str] | None = None,
    profile: str = "dev",
    max_examples: int | None = None,
    seed: int | None = None,
    verbose: bool = False,
) -> BackendRun:
    """Run the suite on ``backend`` and return its records.

    ``backend_spec`` is the string that loads the backend (it appears in
    reproducers).  ``ops`` keeps only those ops' tests; ``select`` keeps only
    tests whose name matches one of the patterns (``*`` and ``?`` wildcards).
    """
    unavailable = availability(backend)
    target = Target(
        backend=backend,
        spec=backend_spec,
        settings=suite_settings(profile, max_examples, seed),
        seed=seed,
    )
    plugin = _Plugin(target, ops, select, unavailable)
    args = [
        str(SUITE_DIR),
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "-o",
        "python_files=test_*.py",
        "--tb=no",
        "-q",
        "--no-header",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
    ]
    sink: Any = contextlib.nullcontext() if verbose else contextlib.redirect_stdout(io.StringIO())
    with sink:
        pytest.main(args, plugins=[plugin])
    if not plugin.records:
        wanted = ", ".join(ops or ["all"])
        plugin.records["<suite>"] = Record(
            test="<suite>",
            op=",".join(ops or []),
            spec=[],
            outcome="error",
            backend=str(backend.name),
            feature="collection",
            message=f"no conformance test matched ops={wanted} select={list(select or [])}",
        )
    return BackendRun(
        name=str(backend.name),
        dtype=str(backend.dtype),
        available=unavailable is None,
        unavailable_reason=unavailable or "",
        records=list(plugin.records.values()),
    )
