"""Run the conformance suite on one backend and collect one record per test.

The suite lives in ``conformance/suite`` as ordinary pytest modules, one per
op chapter.  :func:`run` drives it in-process through a pytest plugin that
provides the ``target`` fixture, keeps only the requested ops and selected
tests, marks the backend's known deviations as expected failures, and records
each test's outcome with the derivation IDs it cites, the cases it ran and
refused, and, on failure, the reproducer.  Before the suite it replays the
minimal example of every known deviation (:func:`replay`).
"""

from __future__ import annotations

import contextlib
import io
import platform
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest

from conformance.backend import (
    KnownDeviation,
    Unsupported,
    availability,
    compute_dtype,
    glob_match,
    known_deviations,
    param_dtype,
)
from conformance.case import BackendError, ConformanceFailure
from conformance.harness import UNSUPPORTED_PREFIX, Tally, Target
from conformance.profiles import DEFAULT_SEED, suite_settings
from conformance.suite import OPS

__all__ = [
    "OUTCOMES",
    "REPLAYS",
    "SUITE_DIR",
    "BackendRun",
    "DeviationStatus",
    "Record",
    "metadata",
    "replay",
    "run",
    "test_labels",
]

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
    cases: int = 0
    supported: int = 0
    unsupported_reasons: dict[str, int] = field(default_factory=dict)
    case: dict[str, Any] | None = None

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
            "cases": self.cases,
            "supported_cases": self.supported,
            "unsupported_cases": sum(self.unsupported_reasons.values()),
            "unsupported_reasons": self.unsupported_reasons,
            "case": self.case,
        }


REPLAYS = ("still deviates", "conforms", "unsupported", "error", "no example", "not run")
"""What replaying a known deviation's minimal example can show."""


@dataclass
class DeviationStatus:
    """One known deviation after a run: its replayed example, and whether the suite reached it.

    ``replay`` is one of :data:`REPLAYS`; ``reached`` says whether a test it
    covers deviated (xfailed) in this run, ``matched`` whether any test of
    this run falls under its pattern at all.
    """

    deviation: KnownDeviation
    replay: str
    detail: str = ""
    reached: bool = False
    matched: bool = False

    def as_json(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "pattern": self.deviation.pattern,
            "spec": self.deviation.spec,
            "reason": self.deviation.reason,
            "replay": self.replay,
            "detail": self.detail,
            "reached": self.reached,
            "matched": self.matched,
        }


@dataclass
class BackendRun:
    """All records of one backend, whether it could run here, and the run's metadata."""

    name: str
    dtype: str
    available: bool
    unavailable_reason: str = ""
    records: list[Record] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    deviations: list[DeviationStatus] = field(default_factory=list)

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


def test_labels(nodeid: str) -> tuple[str, ...]:
    """Every label a report prints for a test, and so every form ``--select`` matches.

    The node ID (``conformance/suite/test_resize.py::test_resize[area]``), the
    same from the module on (``test_resize.py::test_resize[area]``), the test
    name (``test_resize[area]``) and the feature (``resize[area]``).
    """
    name = nodeid.split("::")[-1]
    return (nodeid, nodeid.rsplit("/", 1)[-1], name, _feature(nodeid))


def metadata(backend: Any, profile: str, seed: int, ops: Sequence[str] | None) -> dict[str, Any]:
    """The run's metadata: versions, backend, precision, seed, profile, ops and platform."""
    try:
        project = version("resampling-oracle")
    except PackageNotFoundError:
        project = "not installed (source checkout)"
    meta: dict[str, Any] = {
        "project": project,
        "backend": str(backend.name),
        "dtype": str(backend.dtype),
        "compute_dtype": compute_dtype(backend),
        "compute_dtypes": {op: compute_dtype(backend, op) for op in (ops or OPS)},
        "param_dtype": param_dtype(backend),
        "seed": seed,
        "profile": profile,
        "ops": list(ops) if ops else list(OPS),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    probe = getattr(backend, "versions", None)
    if probe is not None and availability(backend) is None:
        try:
            meta["versions"] = dict(probe())
        except Exception as exc:  # metadata must never break a run; say what went wrong
            meta["versions"] = {"error": f"{type(exc).__name__}: {exc}"}
    return meta


def replay(target: Target, deviation: KnownDeviation) -> DeviationStatus:
    """Replay ``deviation``'s minimal example against the backend.

    "still deviates" when the comparison with the oracle fails, "conforms"
    when it passes, "unsupported" or "error" when the backend refuses or
    raises, "no example" when the deviation has none, and "not run" when the
    backend has no such op.
    """
    case = deviation.example
    if case is None:
        return DeviationStatus(deviation, "no example")
    fn = target.resolve(case.op)
    if fn is None:
        return DeviationStatus(deviation, "not run", f"backend has no op {case.op!r}")
    try:
        got = case.call(fn)
    except Unsupported as exc:
        return DeviationStatus(deviation, "unsupported", str(exc))
    except Exception as exc:  # a crash is the backend's outcome, reported as such
        return DeviationStatus(deviation, "error", f"{type(exc).__name__}: {exc}")
    try:
        target.compare(case, got, (deviation.spec,))
    except ConformanceFailure as failure:
        return DeviationStatus(deviation, "still deviates", str(failure).split("\ncites:")[0])
    return DeviationStatus(deviation, "conforms")


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
        self.replays: dict[str, DeviationStatus] = {}
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
            wanted = self.ops is None or op in self.ops
            if self.select is not None:
                labels = test_labels(item.nodeid)
                wanted = wanted and any(glob_match(p, t) for p in self.select for t in labels)
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
                self.replays[deviation.pattern].matched = True
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
        tally: Tally = self.target_obj.tally
        if report.when == "call" or report.skipped:
            record.cases = tally.cases
            record.supported = tally.supported
            record.unsupported_reasons = dict(tally.unsupported.most_common())
        self.target_obj.tally = Tally()
        wasxfail = getattr(report, "wasxfail", None)
        exc = self.exceptions.get(report.nodeid)
        if exc is not None:
            failure = next(
                (e for e in _failures(exc) if isinstance(e, ConformanceFailure | BackendError)),
                None,
            )
            if failure is not None:
                record.counterexample = failure.reproducer
                record.case = None if failure.case is None else failure.case.as_json()
                record.spec = sorted(set(record.spec) | set(failure.spec))
            record.message = (
                str(next(iter(_failures(exc))))
                .split("\ncites:")[0]
                .split("\nreproducer:")[0][:2000]
            )
        deviation = self._deviation(record.test.split("::")[-1])
        if report.skipped and wasxfail is not None:
            record.outcome = "xfailed"
            record.reason = str(wasxfail)
            if deviation is not None:
                self.replays[deviation.pattern].reached = True
        elif report.passed and wasxfail is not None:
            record.outcome = "xpassed"
            status = self.replays[deviation.pattern].replay if deviation else "no example"
            if status == "conforms":
                record.reason = f"no longer reproduced (its example now conforms): {wasxfail}"
            else:
                record.reason = f"not reached in this run (example: {status}): {wasxfail}"
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
    tests one of whose labels (:func:`test_labels`) matches one of the
    patterns (``*`` and ``?`` wildcards).  ``seed`` defaults to
    :data:`~conformance.profiles.DEFAULT_SEED`.  Raises ``ValueError`` naming
    ``ops`` for an unknown op and ``select`` when it matches no test.
    """
    unknown = sorted(set(ops or ()) - set(OPS))
    if unknown:
        raise ValueError(f"ops: unknown op(s) {', '.join(unknown)}; known ops: {', '.join(OPS)}")
    chosen_seed = DEFAULT_SEED if seed is None else seed
    unavailable = availability(backend)
    target = Target(
        backend=backend,
        spec=backend_spec,
        settings=suite_settings(profile, max_examples),
        seed=chosen_seed,
    )
    plugin = _Plugin(target, ops, select, unavailable)
    for deviation in plugin.deviations:
        plugin.replays[deviation.pattern] = (
            replay(target, deviation)
            if unavailable is None
            else DeviationStatus(deviation, "not run", f"not available: {unavailable}")
        )
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
        raise ValueError(
            f"select: no conformance test matches ops={list(ops or OPS)} "
            f"select={list(select or [])}; --select matches a test's node ID, its name "
            "(test_resize[area]) or its feature (resize[area])"
        )
    return BackendRun(
        name=str(backend.name),
        dtype=str(backend.dtype),
        available=unavailable is None,
        unavailable_reason=unavailable or "",
        records=list(plugin.records.values()),
        meta=metadata(backend, profile, chosen_seed, ops),
        deviations=list(plugin.replays.values()),
    )
