"""``python -m conformance`` as a user runs it: exit status, output, reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "conformance", "--profile", "ci", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_broken_backend_as_module_attr_exits_nonzero_with_reproducer(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = _cli(
        "--backend",
        "tests.conformance.broken_backends:cubic_a_off",
        "--ops",
        "resize",
        "--select",
        "test_resize[cubic-half_pixel]",
        "--report-json",
        str(report),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "reproducer" in done.stdout and "interp.cubic.kernel" in done.stdout
    (record,) = json.loads(report.read_text())
    assert record["outcome"] == "failed"
    assert (
        "load_backend('tests.conformance.broken_backends:cubic_a_off')" in record["counterexample"]
    )


def test_oracle_exits_zero_and_writes_markdown(tmp_path: Path) -> None:
    md = tmp_path / "report.md"
    done = _cli("--backend", "oracle", "--ops", "resize", "--select", "test_resize[area]",
                "--report-md", str(md))  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "oracle (float64): 1 passed" in done.stdout
    assert "# Conformance report" in md.read_text()


def test_unavailable_backend_exits_four_unless_allowed() -> None:
    target = "tests.conformance.test_machinery:_Unavailable"
    args = ("--backend", target, "--select", "test_resize[area]")
    assert _cli(*args).returncode == 4
    allowed = _cli(*args, "--allow-unavailable")
    assert allowed.returncode == 0
    assert "not available: no such device here" in allowed.stdout


def test_unknown_backend_is_a_usage_error() -> None:
    done = _cli("--backend", "no-such-backend")
    assert done.returncode == 2
    assert "unknown name" in done.stderr
