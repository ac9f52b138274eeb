"""``python -m conformance``: check a backend against the oracle.

``python -m conformance fingerprint CALL`` instead names the spec
parameterisation a library call implements (``fingerprint --help``).

Exit status: 0 when no test failed unexpectedly; 1 when one did; 2 on a usage
error (unknown op or backend, a backend object without ``name`` or ``dtype``,
``--max-examples`` below 1, a ``--select`` that matches nothing, an unknown
``$HYPOTHESIS_PROFILE``); 4 when a backend named with ``--backend`` is not
available here (unless ``--allow-unavailable``).  Without ``--backend`` the
default backends run, and one that is not available here is reported as such
with exit 0.  Every run is seeded (default 0, printed first), so the same
command gives the same outcomes and counts.
"""

from __future__ import annotations

import argparse
import sys

from conformance.profiles import DEFAULT_SEED, PROFILES, default_profile
from conformance.registry import DEFAULT_BACKENDS, load_backend
from conformance.report import summary_line, write_reports
from conformance.runner import BackendRun, run
from conformance.suite import OPS

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
    p.add_argument("--ops", help=f"comma-separated ops to check (default: all of {', '.join(OPS)})")
    p.add_argument("--max-examples", type=_at_least_one, help="hypothesis examples per test (>= 1)")
    p.add_argument("--seed", type=int, help=f"the run's seed (default: {DEFAULT_SEED})")
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
        help="only tests with a label matching PATTERN (* and ? wildcards): the node ID, "
        "the name test_resize[area] or the feature resize[area], as reports print them; "
        "repeatable",
    )
    p.add_argument(
        "--allow-unavailable",
        action="store_true",
        help="report a backend that cannot run here as not available, exit 0",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="show pytest's own output")
    return p


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _usage(message: object) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["fingerprint"]:  # the subcommand; the flags below parse as before
        from conformance.fingerprint.cli import main as fingerprint_main

        return fingerprint_main(arguments[1:])
    args = _parser().parse_args(arguments)
    names = args.backend or list(DEFAULT_BACKENDS)
    allow_unavailable = args.allow_unavailable or not args.backend
    ops = [o.strip() for o in args.ops.split(",") if o.strip()] if args.ops else None
    unknown = sorted(set(ops or ()) - set(OPS))
    if unknown:
        return _usage(f"--ops: unknown op(s) {', '.join(unknown)}; known ops: {', '.join(OPS)}")
    try:
        profile = args.profile or default_profile()
        backends = [(name, load_backend(name)) for name in names]
    except ValueError as exc:
        return _usage(exc)
    seed = DEFAULT_SEED if args.seed is None else args.seed
    print(f"seed {seed}, profile {profile}, ops {', '.join(ops or OPS)}")
    runs: list[BackendRun] = []
    for name, backend in backends:
        try:
            result = run(
                backend,
                name,
                ops=ops,
                select=args.select,
                profile=profile,
                max_examples=args.max_examples,
                seed=seed,
                verbose=args.verbose,
            )
        except ValueError as exc:
            return _usage(exc)
        runs.append(result)
        print(summary_line(result))
        for status in result.deviations:
            if not result.available:
                print(f"  known deviation {status.deviation.pattern}: listed, not run")
                continue
            reached = (
                "reached" if status.reached else "not reached" if status.matched else "not selected"
            )
            print(f"  known deviation {status.deviation.pattern}: {status.replay}, {reached}")
        for record in result.unexpected:
            print(f"\nFAILED {record.test}\n  cites: {', '.join(record.spec)}")
            if record.message:
                print("  " + record.message.strip().replace("\n", "\n  "))
            if record.counterexample:
                print("  reproducer:\n    " + record.counterexample.replace("\n", "\n    "))
    write_reports(runs, args.report_json, args.report_md)
    if any(r.unexpected for r in runs):
        return EXIT_FAILED
    if not allow_unavailable and any(not r.available for r in runs):
        return EXIT_UNAVAILABLE
    return 0


if __name__ == "__main__":
    sys.exit(main())
