"""Which tests check which derivation: ``python -m tests.trace [--check]``.

A test checks a derivation ID when it carries ``pytest.mark.spec(ID, ...)``, on the
function, its module (``pytestmark``) or one of its parameters.  :func:`collect` runs
``pytest --collect-only`` in this process over ``tests/`` and ``conformance/suite/`` with a
small plugin that reads those markers, and returns ``{ID: [test node IDs]}``, sorted.
``tests/spec/test_claims.py`` is left out: it evaluates every claim and says nothing about
the oracle or a backend.

The result is published as ``docs/derivations/trace.json``, which ``spec/render.py`` reads
to list the checking tests on the derivation index.  ``python -m tests.trace`` rewrites it;
``--check`` exits 1 when it is stale.  ``tests/project/test_traceability.py`` checks it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

__all__ = ["COLLECTED", "EXCLUDED", "ROOT", "TRACE_PATH", "collect", "dumps", "write"]

ROOT = Path(__file__).resolve().parent.parent
TRACE_PATH = ROOT / "docs" / "derivations" / "trace.json"
#: The test trees whose markers count.
COLLECTED = ("tests", "conformance/suite")
#: Test files whose markers do not count.
EXCLUDED = ("tests/spec/test_claims.py",)


class _SpecMarkers:
    """A pytest plugin that records, per collected item, the IDs of its ``spec`` markers."""

    def __init__(self) -> None:
        self.trace: dict[str, set[str]] = {}
        self.errors: list[str] = []

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.errors.append(f"{report.nodeid}: {report.longreprtext}")

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            if item.nodeid.split("::", 1)[0] in EXCLUDED:
                continue
            for mark in item.iter_markers("spec"):
                for did in mark.args:
                    self.trace.setdefault(str(did), set()).add(item.nodeid)


def collect(paths: Sequence[str] = COLLECTED) -> dict[str, list[str]]:
    """``{derivation ID: sorted test node IDs}`` for the tests under ``paths`` (from ROOT).

    Raises ``RuntimeError`` naming the files that failed to collect.
    """
    plugin = _SpecMarkers()
    args = [
        "--collect-only",
        "-q",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(ROOT),
        *(str(ROOT / p) for p in paths),
    ]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = pytest.main(args, plugins=[plugin])
    if plugin.errors or code not in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        details = "\n".join(plugin.errors) or out.getvalue()[-2000:]
        raise RuntimeError(f"collection failed (exit {code}):\n{details}")
    return {did: sorted(nodes) for did, nodes in sorted(plugin.trace.items())}


def dumps(trace: dict[str, list[str]]) -> str:
    """The stable text of ``trace.json``."""
    return json.dumps(trace, indent=1, sort_keys=True) + "\n"


def write(path: Path = TRACE_PATH) -> dict[str, list[str]]:
    """Collect and write ``trace.json``; returns the trace."""
    trace = collect()
    path.write_text(dumps(trace), encoding="utf-8")
    return trace


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.trace", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report whether it is stale")
    args = parser.parse_args(argv)
    if args.check:
        fresh = dumps(collect())
        committed = TRACE_PATH.read_text(encoding="utf-8") if TRACE_PATH.exists() else ""
        if fresh != committed:
            print(f"stale: {TRACE_PATH} (run python -m tests.trace)")
            return 1
        return 0
    trace = write()
    print(f"wrote {TRACE_PATH}: {len(trace)} IDs, {sum(map(len, trace.values()))} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
