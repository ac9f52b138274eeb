"""resize.nan: NaN through the tap set; PyTorch's linear taps against installed torch."""

from __future__ import annotations

import math

import pytest

from spec.resize.equiv.torch import torch_linear_taps


@pytest.mark.spec("resize.nan")
def test_torch_tap_model_on_the_measured_cases() -> None:
    # PyTorch 2.13, [0, NaN, 2, 3] linear, align_corners=False:
    # to 8 -> output 0 is NaN (reads samples 0 and 1); to 4 -> copy, output 0 is 0.
    assert set(torch_linear_taps(0, 4, 8, align_corners=False)) == {0, 1}
    assert set(torch_linear_taps(0, 4, 4, align_corners=False)) == {0}
    assert torch_linear_taps(7, 4, 8, align_corners=False) == {3: 1}


def _torch_nan_pattern(in_len: int, out_len: int, poisoned: int, align_corners: bool) -> list[bool]:
    torch = pytest.importorskip("torch")
    signal = torch.zeros(1, 1, in_len, dtype=torch.float64)
    signal[0, 0, poisoned] = math.nan
    out = torch.nn.functional.interpolate(
        signal, size=out_len, mode="linear", align_corners=align_corners
    )
    return [bool(v) for v in torch.isnan(out).flatten()]


@pytest.mark.spec("resize.nan")
@pytest.mark.parametrize("align_corners", [False, True])
def test_torch_tap_model_matches_torch(align_corners: bool) -> None:
    for in_len in range(1, 6):
        for out_len in range(1, 9):
            for poisoned in range(in_len):
                expected = [
                    poisoned in torch_linear_taps(o, in_len, out_len, align_corners=align_corners)
                    for o in range(out_len)
                ]
                got = _torch_nan_pattern(in_len, out_len, poisoned, align_corners)
                assert got == expected, (in_len, out_len, poisoned)
