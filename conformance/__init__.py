"""resampling-oracle's conformance suite: property tests of any backend against the oracle.

Plug a backend in by name (entry-point group ``resampling_oracle.backends``)
or as ``package.module:attribute`` and run ``python -m conformance``.
"""

from conformance.backend import Backend, KnownDeviation, Unsupported, read_deviations
from conformance.registry import DEFAULT_BACKENDS, load_backend

__all__ = [
    "DEFAULT_BACKENDS",
    "Backend",
    "KnownDeviation",
    "Unsupported",
    "load_backend",
    "read_deviations",
]
