"""Run every claim once and record the results: ``python -m spec verify [--json PATH]``.

The JSON record lets a later pytest run (``tests/spec/test_claims.py``) assert the recorded
results instead of evaluating each claim a second time.  It carries a fingerprint of the spec
sources, the sha256 of every ``spec/**/*.py`` file with its path, so a record made from other
sources is never trusted.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from spec.core import all_ids, get

__all__ = ["SPEC_DIR", "ClaimRecord", "fingerprint", "read_records", "run", "write_records"]

SPEC_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ClaimRecord:
    """The outcome of one claim: derivation ID, 1-based claim number, statement, result."""

    id: str
    number: int
    statement: str
    holds: bool
    detail: str
    seconds: float

    @property
    def key(self) -> str:
        """``<id>#<number>``, the claim's name in test IDs and reports."""
        return f"{self.id}#{self.number}"


def fingerprint(root: Path = SPEC_DIR) -> str:
    """sha256 over the relative path and bytes of every ``*.py`` file under ``root``, sorted."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def run(ids: Iterable[str] | None = None) -> Iterator[ClaimRecord]:
    """Evaluate every claim of the given derivations (all when ``None``), in ID order."""
    for did in sorted(ids) if ids is not None else all_ids():
        for number, claim in enumerate(get(did).claims, start=1):
            start = time.perf_counter()
            result = claim.evaluate()
            seconds = time.perf_counter() - start
            yield ClaimRecord(did, number, claim.statement, result.holds, result.detail, seconds)


def write_records(path: Path, records: Iterable[ClaimRecord]) -> None:
    """Write ``records`` and the current :func:`fingerprint` to ``path`` as JSON."""
    payload = {
        "fingerprint": fingerprint(),
        "claims": [asdict(record) for record in records],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_records(path: Path) -> dict[str, ClaimRecord] | None:
    """The records in ``path`` by ``<id>#<number>``, or ``None`` when the file is missing,
    unreadable, or was written from other spec sources than the current ones."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("fingerprint") != fingerprint():
        return None
    records = (ClaimRecord(**entry) for entry in payload.get("claims", []))
    return {record.key: record for record in records}
