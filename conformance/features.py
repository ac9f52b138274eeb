"""Features: the unit of the report's matrix, one op with one class of cases.

Each op family's strategies module defines its feature type (``ResizeFeature``
for resize, :class:`WindowFeature` subclasses for the sliding-window ops);
every feature has an ``op``, an ``id`` (the pytest parameter ID) and the
``spec_ids`` that fix its expected result.  :func:`feature_params` turns
features into pytest parameters that carry the ``op`` and ``spec`` markers the
runner reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import pytest

__all__ = ["Feature", "WindowFeature", "feature_params"]


class Feature(Protocol):
    """What the suite needs of a feature."""

    @property
    def id(self) -> str: ...

    @property
    def spec_ids(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class WindowFeature:
    """A sliding-window op (conv, conv_transpose, max_pool, avg_pool) with one arrangement."""

    op: str
    arrangement: str = "basic"

    @property
    def id(self) -> str:
        """The pytest parameter ID: the arrangement."""
        return self.arrangement

    @property
    def spec_ids(self) -> tuple[str, ...]:
        """The derivation IDs of every arrangement: the window's length and padding."""
        return ("window.output_length", "window.padding")


def feature_params(
    features: Iterable[Any], *extra_ids: str, op: str | None = None, by_op: bool = False
) -> list[Any]:
    """pytest parameters for ``features``, marked with their op and derivation IDs.

    ``op`` marks every parameter with that op (default: each feature's own
    ``op`` attribute, when it has one); ``by_op`` uses the op as the parameter
    ID instead of the feature's ``id``.
    """
    params = []
    for f in features:
        name = op or getattr(f, "op", None)
        marks = [pytest.mark.spec(*f.spec_ids, *extra_ids)]
        if name is not None:
            marks.append(pytest.mark.op(name))
        params.append(pytest.param(f, id=name if by_op else f.id, marks=marks))
    return params
