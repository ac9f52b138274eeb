"""``python -m spec verify [ID ...] [--json PATH]`` and ``python -m spec render [--check]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spec.core import all_ids
from spec.render import DOCS_DIR, stale_pages, write_pages
from spec.verification import ClaimRecord, run, write_records


def _verify(ids: list[str], json_path: Path | None) -> int:
    known = set(all_ids())
    unknown = [i for i in ids if i not in known]
    if unknown:
        print(f"unknown derivation id(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    records: list[ClaimRecord] = []
    start = time.perf_counter()
    for record in run(ids or None):
        records.append(record)
        mark = "ok  " if record.holds else "FAIL"
        print(f"{mark} {record.key}: {record.statement}")
        if not record.holds:
            print(f"     {record.detail}")
    elapsed = time.perf_counter() - start
    failed = sum(not r.holds for r in records)
    print(f"{len(records) - failed} claims hold, {failed} fail ({elapsed:.1f} s)")
    if json_path is not None:
        write_records(json_path, records)
        print(f"wrote {json_path}")
    return 1 if failed else 0


def _render(check: bool) -> int:
    if check:
        stale = stale_pages()
        for name in stale:
            print(f"stale: {DOCS_DIR / name}")
        return 1 if stale else 0
    written = write_pages()
    print(f"wrote {len(written)} pages to {DOCS_DIR}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spec", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_verify = sub.add_parser("verify", help="check every claim of every derivation")
    p_verify.add_argument("ids", nargs="*", help="only these derivation IDs")
    p_verify.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="also write each claim's result and the spec sources' fingerprint to PATH",
    )
    p_render = sub.add_parser("render", help="write docs/derivations/")
    p_render.add_argument("--check", action="store_true", help="only report stale pages")
    args = parser.parse_args(argv)
    if args.command == "verify":
        return _verify(list(args.ids), args.json)
    return _render(bool(args.check))


if __name__ == "__main__":
    sys.exit(main())
