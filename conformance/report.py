"""JSON and Markdown reports of one or more backend runs.

The JSON report is a list with one record per test and backend, each with the
contract's fields ``test``, ``op``, ``spec``, ``outcome`` and
``counterexample``, followed by ``backend``, ``feature``, ``reason`` and
``message``.  A backend that could not run contributes one ``skipped`` record
per test whose reason starts with ``not available:``.

The Markdown report has a backend × op × feature matrix, then the unexpected
failures with their reproducers, the known deviations seen (with their
derivation IDs and a minimal example) and those no longer seen.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conformance.runner import OUTCOMES, BackendRun, Record

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


def records_json(runs: Sequence[BackendRun]) -> list[dict[str, Any]]:
    """Every record of every run, in the JSON report's form."""
    return [r.as_json() for run in runs for r in run.records]


def summary_line(run: BackendRun) -> str:
    """One line of counts for a backend run."""
    if not run.available:
        return f"{run.name} ({run.dtype}): not available: {run.unavailable_reason}"
    counts = Counter(r.outcome for r in run.records)
    parts = [f"{counts[o]} {o}" for o in OUTCOMES if counts[o]]
    return f"{run.name} ({run.dtype}): " + (", ".join(parts) or "no tests")


def _cell(run: BackendRun, record: Record | None) -> str:
    if not run.available:
        return "not available"
    if record is None:
        return ""
    return SYMBOLS[record.outcome]


def markdown(runs: Sequence[BackendRun]) -> str:
    """The Markdown report of ``runs``."""
    lines = ["# Conformance report", ""]
    lines += [f"- {summary_line(run)}" for run in runs]
    lines.append("")
    keys: dict[tuple[str, str], None] = {}
    by_backend: dict[str, dict[tuple[str, str], Record]] = {}
    for run in runs:
        table = by_backend.setdefault(run.name, {})
        for r in run.records:
            keys[(r.op, r.feature)] = None
            table[(r.op, r.feature)] = r
    lines += ["## Matrix", ""]
    lines.append("| op | feature | " + " | ".join(run.name for run in runs) + " |")
    lines.append("|---|---|" + "---|" * len(runs))
    for op, feature in keys:
        cells = [_cell(run, by_backend[run.name].get((op, feature))) for run in runs]
        lines.append(f"| {op} | `{feature}` | " + " | ".join(cells) + " |")
    lines.append("")
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
            lines.append(f"- derivations: {', '.join(f'`{s}`' for s in r.spec)}")
            if r.reason:
                lines.append(f"- reason: {r.reason}")
            if r.message:
                lines += ["", "```text", r.message.strip(), "```"]
            if r.counterexample:
                lines += ["", "Reproducer:", "", "```python", r.counterexample, "```"]
            lines.append("")
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
