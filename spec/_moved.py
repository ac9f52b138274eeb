"""Names that moved to another module stay importable from their old one."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

__all__ = ["forwarder"]


def forwarder(module: str, moved: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that looks each name of ``moved`` up in its new module.

    >>> getattr_ = forwarder("old", {"floor": "spec._exact"})
    >>> getattr_("floor").__module__
    'spec._exact'
    """

    def lookup(name: str) -> object:
        if name in moved:
            return getattr(importlib.import_module(moved[name]), name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return lookup
