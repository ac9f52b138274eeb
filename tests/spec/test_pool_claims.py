"""Every claim of the pool chapter, and the shape of its records."""

from __future__ import annotations

import re

import pytest

import spec

IDS = (
    "pool.avg.divisor",
    "pool.max.ties",
    "pool.max.nan",
    "pool.max.indices",
    "pool.adaptive.windows",
    "pool.avg.as_conv",
    "pool.global",
    "pool.unpool.scatter",
    "pool.unpool.roundtrip",
    "pool.receptive_field",
)
CLAIMS = [(did, n) for did in IDS for n in range(len(spec.get(did).claims))]
IMPLEMENTERS = {
    "oracle.max_pool",
    "oracle.avg_pool",
    "oracle.adaptive_avg_pool",
    "oracle.adaptive_max_pool",
    "oracle.max_unpool",
    "spec.pool.receptive_field",
}


@pytest.mark.parametrize(("did", "number"), CLAIMS)
def test_claim_holds(did: str, number: int) -> None:
    result = spec.get(did).claims[number].evaluate()
    assert result.holds, f"{did} claim {number}: {result.claim.statement}: {result.detail}"


def test_every_pool_id_is_listed() -> None:
    assert sorted(i for i in spec.all_ids() if i.startswith("pool.")) == sorted(IDS)


@pytest.mark.parametrize("did", IDS)
def test_record_has_short_statement_located_references_and_known_implementers(did: str) -> None:
    record = spec.get(did)
    sentences = re.findall(r"[.?!](?:\s+[A-Z(]|$)", record.statement)
    assert 1 <= len(sentences) <= 3, record.statement
    assert all(ref.locator for ref in record.references)
    assert set(record.implemented_by) <= IMPLEMENTERS
