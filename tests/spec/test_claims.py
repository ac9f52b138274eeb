"""Every claim of every registered derivation, once: one test per claim.

The test ID is ``<derivation id>#<claim number>`` (numbered from 1, as on the rendered
pages) and each test carries ``pytest.mark.spec(<derivation id>)``.  No other test module
evaluates registered claims.

A claim is evaluated once per test run.  ``python -m spec verify --json PATH`` evaluates
every claim and writes the results with a fingerprint of the spec sources (the sha256 of
every ``spec/**/*.py``).  When ``$SPEC_VERIFIED`` names such a file and its fingerprint
matches the current sources, each test here asserts the recorded result instead of
evaluating the claim again; otherwise (no variable, no file, other sources) it evaluates.
The nox ``tests`` session runs::

    python -m spec verify --json reports/spec-verify.json
    SPEC_VERIFIED=reports/spec-verify.json python -m pytest
"""

from __future__ import annotations

import functools
import os
import warnings
from pathlib import Path
from typing import Any

import pytest

import spec
from spec.verification import ClaimRecord, read_records


def _params() -> list[Any]:
    return [
        pytest.param(did, number, id=f"{did}#{number}", marks=pytest.mark.spec(did))
        for did in spec.all_ids()
        for number in range(1, len(spec.get(did).claims) + 1)
    ]


@functools.cache
def _recorded() -> dict[str, ClaimRecord]:
    name = os.environ.get("SPEC_VERIFIED")
    if not name:
        return {}
    records = read_records(Path(name))
    if records is None:
        warnings.warn(
            f"SPEC_VERIFIED={name} is missing or was written from other spec sources; "
            "every claim is evaluated here",
            stacklevel=1,
        )
        return {}
    return records


@pytest.mark.parametrize(("did", "number"), _params())
def test_claim(did: str, number: int) -> None:
    claim = spec.get(did).claims[number - 1]
    record = _recorded().get(f"{did}#{number}")
    if record is not None and record.statement == claim.statement:
        assert record.holds, f"{did}#{number}: {claim.statement}: {record.detail} (recorded)"
        return
    result = claim.evaluate()
    assert result.holds, f"{did}#{number}: {claim.statement}: {result.detail}"
