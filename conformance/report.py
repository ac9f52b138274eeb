"""JSON and Markdown reports of one or more backend runs.

The JSON report is a list with one record per test and backend, each with the
contract's fields ``test``, ``op``, ``spec``, ``outcome`` and
``counterexample``, followed by ``backend``, ``feature``, ``reason``,
``message``, the case counts (``cases``, ``supported_cases``,
``unsupported_cases``, ``unsupported_reasons``), ``run`` (the run's metadata:
versions, dtypes, seed, profile, ops, platform) and, where a known deviation
covers the test, ``deviation`` (its replayed example and whether the run
reached it).  A backend that could not run contributes one ``skipped`` record
per test whose reason starts with ``not available:``.

The Markdown report starts with a backend × op matrix of outcome counts, then
lists each test with its cases and citations, the unsupported reasons, the
unexpected failures with their reproducers, and every known deviation with
its replay.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conformance.runner import OUTCOMES, BackendRun, DeviationStatus, Record

__all__ = ["SYMBOLS", "markdown", "records_json", "summary_line", "write_reports"]

SYMBOLS = {
    "passed": "pass",
    "failed": "**FAIL**",
    "xfailed": "known deviation",
    "xpassed": "deviation not seen",
    "skipped": "skipped",
    "unsupported": "unsupported",
    "error": "**ERROR**",
}


def _covering(run: BackendRun, record: Record) -> DeviationStatus | None:
    name = record.test.split("::")[-1]
    return next((d for d in run.deviations if d.deviation.matches(name)), None)


def records_json(runs: Sequence[BackendRun]) -> list[dict[str, Any]]:
    """Every record of every run, in the JSON report's form."""
    out = []
    for run in runs:
        for r in run.records:
            data = r.as_json()
            data["run"] = run.meta
            status = _covering(run, r)
            if status is not None:
                data["deviation"] = status.as_json()
            out.append(data)
    return out


def summary_line(run: BackendRun) -> str:
    """One line of counts for a backend run."""
    if not run.available:
        return f"{run.name} ({run.dtype}): not available: {run.unavailable_reason}"
    counts = Counter(r.outcome for r in run.records)
    parts = [f"{counts[o]} {o}" for o in OUTCOMES if counts[o]]
    cases = sum(r.cases for r in run.records)
    refused = sum(sum(r.unsupported_reasons.values()) for r in run.records)
    return (
        f"{run.name} ({run.dtype}): "
        + (", ".join(parts) or "no tests")
        + f" ({cases} cases, {refused} unsupported)"
    )


def _counts(records: Sequence[Record]) -> str:
    counts = Counter(r.outcome for r in records)
    return ", ".join(f"{counts[o]} {SYMBOLS[o]}" for o in OUTCOMES if counts[o])


def _matrix(runs: Sequence[BackendRun]) -> list[str]:
    ops = list(dict.fromkeys(r.op for run in runs for r in run.records))
    lines = ["## Backend × op", ""]
    lines.append("| backend | " + " | ".join(ops) + " |")
    lines.append("|---|" + "---|" * len(ops))
    for run in runs:
        if not run.available:
            cells = [f"not available: {run.unavailable_reason}"] * len(ops)
        else:
            cells = [_counts([r for r in run.records if r.op == op]) for op in ops]
        lines.append(f"| {run.name} ({run.dtype}) | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _cell(run: BackendRun, record: Record | None) -> str:
    if not run.available:
        return "not available"
    if record is None:
        return ""
    refused = sum(record.unsupported_reasons.values())
    if not record.cases:
        return SYMBOLS[record.outcome]
    counts = f"{record.supported} of {record.cases}" if refused else f"{record.cases}"
    return f"{SYMBOLS[record.outcome]} ({counts})"


def _features(runs: Sequence[BackendRun]) -> list[str]:
    keys: dict[tuple[str, str], list[str]] = {}
    by_backend: dict[str, dict[tuple[str, str], Record]] = {}
    for run in runs:
        table = by_backend.setdefault(run.name, {})
        for r in run.records:
            keys.setdefault((r.op, r.feature), r.spec)
            table[(r.op, r.feature)] = r
    lines = [
        "## Matrix",
        "",
        "Each cell: the outcome, then the cases run (or supported of drawn).",
        "",
        "| op | feature | " + " | ".join(run.name for run in runs) + " | cites |",
        "|---|---|" + "---|" * len(runs) + "---|",
    ]
    for (op, feature), cites in keys.items():
        cells = [_cell(run, by_backend[run.name].get((op, feature))) for run in runs]
        ids = ", ".join(f"`{s}`" for s in cites)
        lines.append(f"| {op} | `{feature}` | " + " | ".join(cells) + f" | {ids} |")
    lines.append("")
    for run in runs:
        reasons: Counter[str] = Counter()
        for r in run.records:
            reasons.update(r.unsupported_reasons)
        if reasons:
            lines += [f"Unsupported reasons of {run.name} (cases):", ""]
            lines += [f"- {n} × {reason}" for reason, n in reasons.most_common()]
            lines.append("")
    return lines


def _deviations(run: BackendRun) -> list[str]:
    if not run.deviations:
        return []
    lines = [f"### {run.name}", ""]
    lines.append("| pattern | derivation | example replayed | reached in this run |")
    lines.append("|---|---|---|---|")
    for d in run.deviations:
        reached = "yes" if d.reached else ("no" if d.matched else "not selected")
        lines.append(f"| `{d.deviation.pattern}` | `{d.deviation.spec}` | {d.replay} | {reached} |")
    return [*lines, ""]


def markdown(runs: Sequence[BackendRun]) -> str:
    """The Markdown report of ``runs``."""
    lines = ["# Conformance report", ""]
    lines += [f"- {summary_line(run)}" for run in runs]
    meta = [run.meta for run in runs if run.meta]
    if meta:
        first = meta[0]
        lines.append(
            f"- seed {first['seed']}, profile {first['profile']}, project {first['project']}, "
            f"Python {first['python']} on {first['platform']}"
        )
    lines.append("")
    lines += _matrix(runs)
    lines += _features(runs)
    sections = [
        ("Unexpected failures", ("failed", "error")),
        ("Known deviations seen", ("xfailed",)),
        ("Known deviations not seen in this run", ("xpassed",)),
    ]
    for title, outcomes in sections:
        chosen = [(run, r) for run in runs for r in run.records if r.outcome in outcomes]
        if not chosen:
            continue
        lines += [f"## {title}", ""]
        for run, r in chosen:
            lines.append(f"### {run.name}: `{r.feature}`")
            lines.append("")
            lines.append(f"- cites: {', '.join(f'`{s}`' for s in r.spec)}")
            if r.reason:
                lines.append(f"- reason: {r.reason}")
            if r.message:
                lines += ["", "```text", r.message.strip(), "```"]
            if r.counterexample:
                lines += ["", "Reproducer:", "", "```python", r.counterexample, "```"]
            lines.append("")
    replays = [line for run in runs for line in _deviations(run)]
    if replays:
        lines += ["## Known deviations, replayed", "", *replays]
    return "\n".join(lines).rstrip() + "\n"


def write_reports(
    runs: Sequence[BackendRun], json_path: str | Path | None, md_path: str | Path | None
) -> None:
    """Write the JSON and/or Markdown report, creating parent folders."""
    if json_path is not None:
        path = Path(json_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(records_json(runs), indent=1) + "\n", encoding="utf-8")
    if md_path is not None:
        path = Path(md_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown(runs), encoding="utf-8")
