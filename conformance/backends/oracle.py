"""The oracle as a backend: float64, no deviations. The suite must pass it exactly."""

from __future__ import annotations

from typing import Any

import oracle
from conformance.backend import KnownDeviation

__all__ = ["OracleBackend", "backend"]


class OracleBackend:
    """Exposes the oracle's ops under the backend protocol (dtype float64)."""

    name = "oracle"
    dtype = "float64"
    known_deviations: tuple[KnownDeviation, ...] = ()

    def resize(self, x: Any, **kwargs: Any) -> Any:
        """``oracle.resize`` itself."""
        return oracle.resize(x, **kwargs)

    def conv(self, x: Any, weight: Any, bias: Any = None, **kwargs: Any) -> Any:
        """``oracle.conv`` itself."""
        return oracle.conv(x, weight, bias, **kwargs)

    def conv_transpose(self, x: Any, weight: Any, bias: Any = None, **kwargs: Any) -> Any:
        """``oracle.conv_transpose`` itself."""
        return oracle.conv_transpose(x, weight, bias, **kwargs)

    def pixel_shuffle(self, x: Any, upscale_factor: int) -> Any:
        """``oracle.pixel_shuffle`` itself."""
        return oracle.pixel_shuffle(x, upscale_factor)

    def pixel_unshuffle(self, x: Any, downscale_factor: int) -> Any:
        """``oracle.pixel_unshuffle`` itself."""
        return oracle.pixel_unshuffle(x, downscale_factor)

    def max_pool(self, x: Any, **kwargs: Any) -> Any:
        """``oracle.max_pool`` itself: values and indices."""
        return oracle.max_pool(x, **kwargs)

    def avg_pool(self, x: Any, **kwargs: Any) -> Any:
        """``oracle.avg_pool`` itself."""
        return oracle.avg_pool(x, **kwargs)

    def adaptive_avg_pool(self, x: Any, **kwargs: Any) -> Any:
        """``oracle.adaptive_avg_pool`` itself."""
        return oracle.adaptive_avg_pool(x, **kwargs)

    def adaptive_max_pool(self, x: Any, **kwargs: Any) -> Any:
        """``oracle.adaptive_max_pool`` itself: values and indices."""
        return oracle.adaptive_max_pool(x, **kwargs)

    def max_unpool(self, x: Any, indices: Any, **kwargs: Any) -> Any:
        """``oracle.max_unpool`` itself."""
        return oracle.max_unpool(x, indices, **kwargs)


backend = OracleBackend()
