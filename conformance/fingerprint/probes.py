"""The designed inputs ``fingerprint`` runs a call on.

Every probe is one ``(1, 3, H, W)`` input and one output size ``(H', W')``.
Resize is separable (resize.separable), so each probe tests two axes at
once, and the probes together cover what separates the parameterisations
of the spec:

* downsampling, non-integer (32 -> 13, the ratio at which linear resize
  splits the libraries into two agreement classes; 7 -> 3; 16 -> 6) and
  integer (12 -> 4, 10 -> 5, where area and pixel-area weighting agree);
* upsampling (5 -> 8, 3 -> 5, 6 -> 9, 9 -> 18, 2 -> 7) and an axis that keeps
  its length (5 -> 5);
* odd and even lengths on both sides;
* exact ties of nearest rounding (nearest.rounding): 4 -> 2 under half_pixel
  (every source coordinate is a half-integer), 3 -> 2 under asymmetric
  (x = 3/2), 3 -> 5 under align_corners (x = i/2);
* an output of length 1 (8 -> 1), where pytorch_half_pixel and align_corners
  read sample 0 and half_pixel reads the centre (coord.pytorch_half_pixel,
  coord.align_corners);
* the borders: upsampling puts source coordinates beyond the first and last
  sample, where edge replication (resize.border) and exclude_outside
  (resize.exclude_outside) differ, and antialiased downsampling stretches
  the kernel over the edge (resize.antialias).

The three channels of every input are: random multiples of 1/128 in
[-1, 1]; impulses at the four corners (an output then shows the weight its
axes give the border samples); and a +-1 checkerboard, the highest frequency
an axis can hold, which separates antialiased from plain downsampling.
Every value is exact in float64, float32, float16 and bfloat16, so the
probe is the same input at every dtype.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["PROBES", "Probe", "probe_input"]

_SEED = 20240610
_LEVELS = 128  # random values are k / 128, |k| <= 128: exact in bfloat16 and up


@dataclass(frozen=True, eq=False)
class Probe:
    """One designed input: ``x`` of shape ``(1, 3, H, W)`` resized to ``size = (H', W')``.

    ``purpose`` says, per axis, what the probe separates.
    """

    x: NDArray[np.float64]
    size: tuple[int, int]
    purpose: str

    @property
    def name(self) -> str:
        """``HxW->H'xW'``, for example ``32x5->13x8``."""
        h, w = self.x.shape[2:]
        return f"{h}x{w}->{self.size[0]}x{self.size[1]}"

    def axis_name(self, axis: int) -> str:
        """``in->out`` of spatial axis ``axis`` (0 or 1), for example ``32->13``."""
        return f"{self.x.shape[2 + axis]}->{self.size[axis]}"


def probe_input(height: int, width: int, seed: int) -> NDArray[np.float64]:
    """The ``(1, 3, height, width)`` input of a probe: random, corner impulses, checkerboard."""
    rng = np.random.default_rng(seed)
    x = np.zeros((1, 3, height, width))
    x[0, 0] = rng.integers(-_LEVELS, _LEVELS + 1, size=(height, width)) / _LEVELS
    corners = (
        (0, 0, 1.0),
        (0, width - 1, -0.5),
        (height - 1, 0, 0.75),
        (height - 1, width - 1, -1.0),
    )
    for h, w, value in corners:
        x[0, 1, h, w] = value
    x[0, 2] = np.where((np.arange(height)[:, None] + np.arange(width)[None, :]) % 2 == 0, 1.0, -1.0)
    x.setflags(write=False)
    return x


def _probe(shape: tuple[int, int], size: tuple[int, int], purpose: str, seed: int) -> Probe:
    return Probe(probe_input(*shape, seed=_SEED + seed), size, purpose)


PROBES: tuple[Probe, ...] = (
    _probe((32, 5), (13, 8), "32->13: linear's agreement classes; 5->8: odd to even upsampling", 0),
    _probe((4, 3), (2, 5), "4->2: half_pixel ties; 3->5: align_corners ties", 1),
    _probe((3, 7), (2, 3), "3->2: asymmetric tie at x = 3/2; 7->3: odd downsampling", 2),
    _probe((8, 9), (1, 18), "8->1: a single output; 9->18: doubling", 3),
    _probe((12, 10), (4, 5), "12->4, 10->5: integer ratios (area == pixel-area weighting)", 4),
    _probe((6, 16), (9, 6), "6->9: upsampling by 3/2; 16->6: even downsampling by 8/3", 5),
    _probe((2, 5), (7, 5), "2->7: most outputs beyond the edge samples; 5->5: same length", 6),
)
"""The probes, in the order ``fingerprint`` runs them."""
