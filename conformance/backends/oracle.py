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


backend = OracleBackend()
