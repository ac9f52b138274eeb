"""``python -m conformance fingerprint``: name the spec parameterisation a library call implements.

Exit status: 0 when every call was fingerprinted (matched, or its closest
parameterisation and departure reported); 1 when a call raised or returned
the wrong shape on a probe; 2 on a usage error (no CALL, an unknown built-in,
a MODULE:ATTR that does not import or is not callable); 4 when a built-in
named on the command line is not available here (its library is missing).
With ``--all`` a missing library is reported and the status stays 0.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from conformance.fingerprint.calls import BUILTINS, LIBRARIES, LibraryCall, Resize, builtin
from conformance.fingerprint.report import (
    Fingerprint,
    fingerprint,
    fingerprint_builtin,
    format_fingerprint,
)

__all__ = ["main"]

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 4
DTYPES = ("float64", "float32", "float16", "bfloat16")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m conformance fingerprint",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "calls",
        nargs="*",
        metavar="CALL",
        help="a built-in such as torch:bilinear, cv2:INTER_LINEAR, pillow:BICUBIC, jax:linear "
        "(see --list), or MODULE:ATTR, a callable (x, size) -> y on NumPy arrays (N, C, H, W)",
    )
    p.add_argument("--all", action="store_true", help="every built-in call of every library")
    p.add_argument("--list", action="store_true", help="list the built-in calls and exit")
    p.add_argument(
        "--markdown",
        metavar="PATH",
        help="write the convention matrix (as docs/conventions.md) for the calls run",
    )
    p.add_argument(
        "--dtype",
        choices=DTYPES,
        help="the dtype a MODULE:ATTR call computes in, for its bounds and inputs "
        "(default: its dtype attribute, else float32)",
    )
    return p


def _usage(message: object) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _load_callable(text: str) -> object:
    """The object at ``MODULE:ATTR`` (dotted attributes allowed); ``ValueError`` if none."""
    module_name, _, attribute = text.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"CALL: {text!r} is neither a built-in nor MODULE:ATTR")
    try:
        obj: object = importlib.import_module(module_name)
    except ImportError as exc:
        raise ValueError(f"CALL: cannot import {module_name!r}: {exc}") from None
    for part in attribute.split("."):
        if not hasattr(obj, part):
            raise ValueError(f"CALL: {module_name!r} has no attribute {attribute!r}")
        obj = getattr(obj, part)
    if not callable(obj):
        raise ValueError(f"CALL: {text} is not callable (want a callable (x, size) -> y)")
    return obj


def _resolve(names: Sequence[str]) -> list[LibraryCall | tuple[str, object]]:
    """Built-ins by name, everything else as ``(MODULE:ATTR, callable)``."""
    resolved: list[LibraryCall | tuple[str, object]] = []
    for name in names:
        if name in BUILTINS or name.split(":", 1)[0] in LIBRARIES:
            resolved.append(builtin(name))
        else:
            resolved.append((name, _load_callable(name)))
    return resolved


def _list() -> None:
    for library in LIBRARIES.values():
        reason = library.available()
        print(f"{library.key} ({library.distribution}): {reason or library.version()}")
        for name, call in BUILTINS.items():
            if call.library is library:
                print(f"  {name}: {call.runs}")


def main(argv: Sequence[str]) -> int:
    """Run the ``fingerprint`` subcommand on ``argv`` (the arguments after ``fingerprint``)."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exc:  # argparse's own usage errors and --help
        return int(exc.code or 0)
    if args.list:
        _list()
        return 0
    if args.all and args.calls:
        return _usage("give CALL or --all, not both")
    if not args.all and not args.calls:
        return _usage("give at least one CALL, or --all (see --list)")
    try:
        targets = list(BUILTINS.values()) if args.all else _resolve(args.calls)
    except ValueError as exc:
        return _usage(exc)
    from conformance.fingerprint.conventions import derivations_of, registered_ids, render

    known = registered_ids()
    results: list[Fingerprint] = []
    for target in targets:
        if isinstance(target, LibraryCall):
            fp = fingerprint_builtin(target)
            ids = derivations_of(target, fp, known)
        else:
            name, obj = target
            dtype = args.dtype or getattr(obj, "dtype", "float32")
            if dtype not in DTYPES:
                return _usage(f"--dtype: {name} has dtype {dtype!r}; give one of {DTYPES}")
            runs = (getattr(obj, "__doc__", None) or "").strip().split("\n")[0]
            fp = fingerprint(cast(Resize, obj), name=name, runs=runs, dtype=dtype)
            ids = derivations_of(None, fp, known)
        results.append(fp)
        print(format_fingerprint(fp, ids), flush=True)
    if args.markdown:
        path = Path(args.markdown)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(results), encoding="utf-8")
        print(f"wrote {path}")
    if any(fp.failure is not None for fp in results):
        return EXIT_FAILED
    if not args.all and any(fp.unavailable is not None for fp in results):
        return EXIT_UNAVAILABLE
    return 0
