"""``python -m conformance`` as a user runs it: exit status, output, reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cli(
    *args: str, profile: str | None = "ci", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    if env is None or "HYPOTHESIS_PROFILE" not in env:
        environment.pop("HYPOTHESIS_PROFILE", None)
    options = ["--profile", profile] if profile else []
    return subprocess.run(
        [sys.executable, "-m", "conformance", *options, *args],
        cwd=ROOT,
        env=environment,
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


def test_failure_message_prints_plain_numbers_and_names_what_it_cites() -> None:
    done = _cli("--backend", "tests.conformance.broken_backends:cubic_a_off",
                "--select", "test_resize[cubic-half_pixel]")  # fmt: skip
    assert done.returncode == 1
    assert "np.float64(" not in done.stdout
    assert "max |error| / bound" in done.stdout and "cites: " in done.stdout


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


def plain_function(x: object, **kwargs: object) -> object:
    """An op given where a backend object is expected (a usage error)."""
    return x


class NoName:
    """A backend object without ``name`` (a usage error)."""

    dtype = "float32"


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("--backend", "oracle", "--ops", "warp"), {}, "known ops: resize"),
        (("--backend", "oracle", "--max-examples", "0"), {}, "must be >= 1"),
        (("--backend", "oracle", "--select", "test_warp[*]"), {}, "no conformance test matches"),
        (("--backend", "oracle"), {"HYPOTHESIS_PROFILE": "fast"}, "HYPOTHESIS_PROFILE"),
        (("--backend", "tests.conformance.test_cli:NoName"), {}, "no string attribute 'name'"),
        (("--backend", "tests.conformance.test_cli:plain_function"), {}, "not a backend object"),
        (("--backend", "no-such-backend"), {}, "unknown name"),
    ],
    ids=["op", "max-examples", "select", "profile", "no-name", "function", "backend"],
)
def test_usage_errors_exit_two_with_a_message(
    args: tuple[str, ...], env: dict[str, str], message: str
) -> None:
    done = _cli(*args, profile=None, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_bare_run_reports_missing_cuda_as_not_available_and_exits_zero() -> None:
    done = _cli("--select", "test_resize[area]")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("seed 0, profile ci")
    assert "oracle (float64): 1 passed" in done.stdout
    if "torch-cuda (float32): not available" in done.stdout:
        # its listed deviations are named, and not mistaken for unselected ones
        assert ": listed, not run" in done.stdout.split("torch-cuda (float32)")[1]
    else:
        assert "torch-cuda (float32): 1 passed" in done.stdout
