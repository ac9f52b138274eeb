"""``python -m spec verify [ID ...]`` and ``python -m spec render [--check]``."""

from __future__ import annotations

import argparse
import sys
import time

from spec.core import all_ids, verify
from spec.render import DOCS_DIR, stale_pages, write_pages


def _verify(ids: list[str]) -> int:
    known = set(all_ids())
    unknown = [i for i in ids if i not in known]
    if unknown:
        print(f"unknown derivation id(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    failed = total = 0
    start = time.perf_counter()
    for did, result in verify(ids or None):
        total += 1
        mark = "ok  " if result.holds else "FAIL"
        print(f"{mark} {did}: {result.claim.statement}")
        if not result.holds:
            failed += 1
            print(f"     {result.detail}")
    elapsed = time.perf_counter() - start
    print(f"{total - failed} claims hold, {failed} fail ({elapsed:.1f} s)")
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
    p_render = sub.add_parser("render", help="write docs/derivations/")
    p_render.add_argument("--check", action="store_true", help="only report stale pages")
    args = parser.parse_args(argv)
    if args.command == "verify":
        return _verify(list(args.ids))
    return _render(bool(args.check))


if __name__ == "__main__":
    sys.exit(main())
