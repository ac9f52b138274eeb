"""What the adapters of other libraries share: lazy imports, per-axis parameters, deviations.

Every adapter here imports its framework inside its methods, never at module
level, so that registering and loading a backend needs nothing but NumPy.
:class:`LazyBackend` answers ``available()`` and ``versions()`` from the list
of modules the library needs; the helpers normalise the contract's per-axis
parameters (docs/contract.md, "Arrays and parameters") into the explicit
lists that library calls take.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

import oracle
from conformance.backend import KnownDeviation, read_deviations

__all__ = [
    "DEVIATIONS_DIR",
    "LazyBackend",
    "ResizeAdapter",
    "ResizeCall",
    "deviations_of",
    "out_lengths",
    "pad_pairs",
    "per_axis",
    "resize_conventions",
    "scale_is_ratio",
]

DEVIATIONS_DIR = Path(__file__).resolve().parents[1] / "deviations"


def deviations_of(*folders: str) -> tuple[KnownDeviation, ...]:
    """Every deviation in ``deviations/<folder>/*.txt``, folder by folder, file by file."""
    paths = [p for folder in folders for p in sorted((DEVIATIONS_DIR / folder).glob("*.txt"))]
    return tuple(d for path in paths for d in read_deviations(path))


class LazyBackend:
    """A backend whose framework is imported lazily: ``name``, ``dtype``, availability, versions.

    ``requires`` maps each module the backend imports to the distribution (or
    sentence) that provides it; the first one that fails to import is the
    reason ``available()`` returns, e.g. ``"tensorflow is not installed"``.
    ``versions()`` reports each distribution's ``__version__``.
    """

    requires: Sequence[tuple[str, str]] = ()

    def __init__(
        self,
        name: str,
        dtype: str,
        deviations: Sequence[str] = (),
        *,
        param_dtype: str | None = None,
        compute_dtype: str | None = None,
    ) -> None:
        self.name = name
        self.dtype = dtype
        if param_dtype is not None:
            self.param_dtype = param_dtype
        if compute_dtype is not None:
            self.compute_dtype = compute_dtype
        self.known_deviations: tuple[KnownDeviation, ...] = deviations_of(*deviations)

    def available(self) -> str | None:
        """``None`` when every required module imports, else which one is missing."""
        for module, distribution in self.requires:
            try:
                importlib.import_module(module)
            except ImportError:
                return f"{distribution} is not installed"
            except Exception as exc:  # a broken install cannot run either; say how
                return f"{distribution} fails to import: {type(exc).__name__}: {exc}"
        return None

    def versions(self) -> dict[str, str]:
        """The version of every required distribution, for the report's metadata."""
        found: dict[str, str] = {}
        for module, distribution in self.requires:
            version = getattr(importlib.import_module(module), "__version__", None)
            if version is not None:
                found.setdefault(distribution, str(version))
        return found


def per_axis(value: Any, ndim: int) -> list[Any]:
    """A per-axis parameter as a list of ``ndim`` entries (one value applies to all)."""
    return list(value) if isinstance(value, tuple | list) else [value] * ndim


def pad_pairs(padding: Any, ndim: int) -> list[tuple[int, int]]:
    """``padding`` as one ``(begin, end)`` pair per axis (docs/contract.md, ``padding``)."""
    pairs = []
    for entry in per_axis(padding, ndim):
        if isinstance(entry, tuple | list):
            pairs.append((int(entry[0]), int(entry[1])))
        else:
            pairs.append((int(entry), int(entry)))
    return pairs


def out_lengths(in_shape: Sequence[int], size: Any, scale_factor: Any) -> list[int]:
    """The output length of each axis: ``size``, else ``floor(in * scale_factor)`` exactly.

    resize.output_length: the floor is taken on the float's exact value.
    """
    ndim = len(in_shape)
    if size is not None:
        return [int(s) for s in per_axis(size, ndim)]
    scales = per_axis(scale_factor, ndim)
    return [math.floor(Fraction(s) * n) for s, n in zip(scales, in_shape, strict=True)]


def scale_is_ratio(
    scales: Sequence[Any] | None, in_shape: Sequence[int], lengths: Sequence[int]
) -> bool:
    """Whether the coordinate scale is ``out / in`` on every axis (resize.coordinate_scale).

    It is when no ``scale_factor`` is given, or when ``scale_factor * in`` is
    exactly the output length on every axis.
    """
    return scales is None or all(
        Fraction(s) * n == m for s, n, m in zip(scales, in_shape, lengths, strict=True)
    )


def resize_conventions(
    in_shape: Sequence[int],
    lengths: Sequence[int],
    scales: Sequence[Any] | None,
    coordinate_mode: str,
) -> str:
    """``coordinate_mode`` with the modes that coincide here reduced to half_pixel.

    coord.pytorch_half_pixel is half_pixel when no output length is 1;
    coord.half_pixel_symmetric is half_pixel when the coordinate scale is
    ``out / in`` on every axis (its shift is then 0).  Libraries that only
    offer half_pixel can run those cases.
    """
    if coordinate_mode == "pytorch_half_pixel" and all(m > 1 for m in lengths):
        return "half_pixel"
    if coordinate_mode == "half_pixel_symmetric" and scale_is_ratio(scales, in_shape, lengths):
        return "half_pixel"
    return coordinate_mode


@dataclass(frozen=True)
class ResizeCall:
    """One call of the contract's resize, with what every adapter derives from it.

    The fields are the contract's parameters (docs/contract.md, "The oracle's
    ops"); the properties give the input and output lengths, the per-axis
    scale factors, and the exact coordinate scale and source coordinates.
    """

    x: Any
    size: Any = None
    scale_factor: Any = None
    mode: str = "nearest"
    coordinate_mode: str = "half_pixel"
    nearest_mode: str = "round_prefer_floor"
    cubic_a: float = -0.75
    exclude_outside: bool = False
    antialias: bool = False
    roi: Any = None
    extrapolation_value: float = 0.0
    lanczos_a: int = 3

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of ``x``, ``(N, C, *spatial)``."""
        return tuple(int(n) for n in np.shape(self.x))

    @property
    def in_shape(self) -> tuple[int, ...]:
        """The spatial lengths of ``x``."""
        return self.shape[2:]

    @property
    def ndim(self) -> int:
        """The number of spatial axes."""
        return len(self.in_shape)

    @property
    def lengths(self) -> list[int]:
        """The output length of every spatial axis (resize.output_length)."""
        return out_lengths(self.in_shape, self.size, self.scale_factor)

    @property
    def scales(self) -> list[Any] | None:
        """``scale_factor`` per axis, or None."""
        return None if self.scale_factor is None else per_axis(self.scale_factor, self.ndim)

    @property
    def coordinate_scales(self) -> list[Fraction]:
        """The exact coordinate scale of every axis: scale_factor, else out / in.

        resize.coordinate_scale.
        """
        if self.scales is not None:
            return [Fraction(s) for s in self.scales]
        return [Fraction(m, n) for m, n in zip(self.lengths, self.in_shape, strict=True)]

    @property
    def scale_is_ratio(self) -> bool:
        """Whether the coordinate scale is ``out / in`` on every axis."""
        return scale_is_ratio(self.scales, self.in_shape, self.lengths)

    @property
    def coordinate(self) -> str:
        """The coordinate mode, reduced to half_pixel where it coincides (resize_conventions)."""
        return resize_conventions(self.in_shape, self.lengths, self.scales, self.coordinate_mode)

    def sources(self) -> list[tuple[Fraction, ...]]:
        """The exact source coordinate of every output, per axis (coord.*).

        From :func:`oracle.resize_plan`, which makes the spec's index decisions.
        """
        options: dict[str, Any] = {"coordinate_mode": self.coordinate_mode}
        plans = oracle.resize_plan(
            self.in_shape, size=self.size, scale_factor=self.scale_factor, roi=self.roi, **options
        )
        return [tuple(p.source or ()) for p in plans]


class ResizeAdapter:
    """The contract's resize signature, handing a :class:`ResizeCall` to ``resize_call``."""

    def resize(
        self,
        x: Any,
        *,
        size: Any = None,
        scale_factor: Any = None,
        mode: str = "nearest",
        coordinate_mode: str = "half_pixel",
        nearest_mode: str = "round_prefer_floor",
        cubic_a: float = -0.75,
        exclude_outside: bool = False,
        antialias: bool = False,
        roi: Any = None,
        extrapolation_value: float = 0.0,
        lanczos_a: int = 3,
    ) -> Any:
        """Resize ``x`` as the contract's ``resize``; Unsupported where the library cannot."""
        call = ResizeCall(
            x,
            size,
            scale_factor,
            mode,
            coordinate_mode,
            nearest_mode,
            cubic_a,
            exclude_outside,
            antialias,
            roi,
            extrapolation_value,
            lanczos_a,
        )
        return self.resize_call(call)

    def resize_call(self, call: ResizeCall) -> Any:
        """The library's resize of ``call``; every adapter overrides it."""
        raise NotImplementedError
