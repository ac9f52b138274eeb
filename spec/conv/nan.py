"""How non-finite values travel through a convolution: every output is a plain IEEE sum.

An output of conv or conv_transpose is the sum of weight times sample over
its taps, the zero padding included.  In IEEE arithmetic ``0 * NaN`` and
``0 * inf`` are NaN, so a NaN sample reaches every output whose window holds
it, even through a weight of 0; an infinite sample gives an infinity, or NaN
where it meets a zero weight or an infinity of the other sign.  This is what
PyTorch's CPU convolutions return; the oracle's tests check that against torch.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from spec.core import Derivation, derivation, exhaustive
from spec.references import IEEE_754_2008, TORCH_CONV

__all__: list[str] = []

_VALUES = (0.0, 1.0, -2.0, math.nan, math.inf, -math.inf)
_DOMAIN = "weights and samples in {0, 1, -2, NaN, inf, -inf}, 1 to 3 taps"


def _ieee_sum(terms: list[tuple[float, float]]) -> float:
    total = 0.0
    for w, v in terms:
        total += w * v
    return total


def _nan_rule() -> Iterator[object]:
    """A tap set holding a NaN sample gives NaN, whatever the weights."""
    for n in range(1, 4):
        for weights in itertools.product(_VALUES, repeat=n):
            for samples in itertools.product(_VALUES, repeat=n):
                total = _ieee_sum(list(zip(weights, samples, strict=True)))
                if any(math.isnan(v) for v in samples) and not math.isnan(total):
                    yield (weights, samples, total)


def _infinity_rule() -> Iterator[object]:
    """Without NaN, an infinite product makes the sum infinite or NaN, never finite."""
    for n in range(1, 4):
        for weights in itertools.product(_VALUES[:3], repeat=n):
            for samples in itertools.product((0.0, 1.0, math.inf, -math.inf), repeat=n):
                total = _ieee_sum(list(zip(weights, samples, strict=True)))
                reached = any(math.isinf(v) for v in samples)
                if reached and math.isfinite(total):
                    yield (weights, samples, total)


@derivation("conv.nan")
def _nan() -> Derivation:
    return Derivation(
        id="conv.nan",
        title="NaN and infinities in conv and conv_transpose: a plain IEEE sum of products",
        statement=(
            "Every output of conv and conv_transpose is the IEEE sum of weight times sample "
            "over its taps, zero padding included. A NaN sample therefore makes every output "
            "whose taps read it NaN, even through a weight of 0, and an infinite sample gives "
            "an infinity or NaN, never a finite value."
        ),
        result={},
        claims=(
            exhaustive("a NaN among the samples makes the sum NaN", _DOMAIN, _nan_rule),
            exhaustive(
                "without NaN, an infinite sample makes the sum infinite or NaN",
                _DOMAIN,
                _infinity_rule,
            ),
        ),
        references=(
            IEEE_754_2008.at(
                "Sec. 6.2: an operation on a quiet NaN gives a quiet NaN; Sec. 7.2: 0 x inf "
                "and inf - inf are invalid operations and give NaN"
            ),
            TORCH_CONV.at(
                "Conv2d: out = bias + sum over the input channels of weight cross-correlated "
                "with the (zero-padded) input"
            ),
        ),
        implemented_by=("oracle.conv", "oracle.conv_transpose"),
        notes=(
            "PyTorch's CPU convolutions propagate NaN this way (tests/oracle/test_conv.py "
            "compares with torch); a backend that skips zero weights drops such NaNs.",
        ),
    )
