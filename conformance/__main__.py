"""``python -m conformance``: check a backend against the oracle.

Exit status: 0 when no test failed unexpectedly; 1 when one did; 2 on a usage
error; 4 when a requested backend is not available here (unless
``--allow-unavailable``, which reports it as not available and carries on).
"""

from __future__ import annotations

import argparse
import sys

from conformance.profiles import PROFILES, default_profile
from conformance.registry import DEFAULT_BACKENDS, load_backend
from conformance.report import summary_line, write_reports
from conformance.runner import BackendRun, run

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 4


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m conformance",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--backend",
        action="append",
        metavar="NAME|MODULE:ATTR",
        help="backend to check; repeat for several (default: the default backends)",
    )
    p.add_argument("--ops", help="comma-separated ops to check (default: all)")
    p.add_argument("--max-examples", type=int, help="hypothesis examples per test")
    p.add_argument("--seed", type=int, help="hypothesis seed (default: the profile's)")
    p.add_argument("--report-json", metavar="PATH", help="write the JSON report here")
    p.add_argument("--report-md", metavar="PATH", help="write the Markdown report here")
    p.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default=None,
        help="hypothesis profile (default: ci under CI, else dev)",
    )
    p.add_argument(
        "--select",
        action="append",
        metavar="PATTERN",
        help="only tests whose name matches this fnmatch pattern; repeatable",
    )
    p.add_argument(
        "--allow-unavailable",
        action="store_true",
        help="report a backend that cannot run here as not available, exit 0",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="show pytest's own output")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    names = args.backend or list(DEFAULT_BACKENDS)
    ops = [o.strip() for o in args.ops.split(",") if o.strip()] if args.ops else None
    profile = args.profile or default_profile()
    runs: list[BackendRun] = []
    for name in names:
        try:
            backend = load_backend(name)
        except (ValueError, ImportError, AttributeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        result = run(
            backend,
            name,
            ops=ops,
            select=args.select,
            profile=profile,
            max_examples=args.max_examples,
            seed=args.seed,
            verbose=args.verbose,
        )
        runs.append(result)
        print(summary_line(result))
        for record in result.unexpected:
            print(f"\nFAILED {record.test}\n  derivations: {', '.join(record.spec)}")
            if record.message:
                print("  " + record.message.strip().replace("\n", "\n  "))
            if record.counterexample:
                print("  reproducer:\n    " + record.counterexample.replace("\n", "\n    "))
    write_reports(runs, args.report_json, args.report_md)
    if any(r.unexpected for r in runs):
        return EXIT_FAILED
    if not args.allow_unavailable and any(not r.available for r in runs):
        return EXIT_UNAVAILABLE
    return 0


if __name__ == "__main__":
    sys.exit(main())
