"""The spec's parameter space of ``oracle.resize``, as a call ``(x, size) -> y`` can reach it.

A library call takes an output size and nothing else, so the parameters it
can implement are those of ``oracle.resize(x, size=size, ...)``:

* ``mode``: every value of :data:`oracle.MODES`, so the search grows with the
  oracle (``"box"`` and ``"lanczos"`` join it when the oracle has them);
* ``coordinate_mode``: half_pixel, align_corners, asymmetric and
  pytorch_half_pixel (coord.*).  half_pixel_symmetric is left out: with the
  coordinate scale ``out / in`` of a size-only call it is half_pixel exactly
  (coord.half_pixel_symmetric), so no call can tell the two apart;
  tf_crop_and_resize needs a roi, which a size-only call does not take;
* ``nearest_mode`` (nearest only, nearest.rounding): all four;
* ``cubic_a`` (cubic only): :data:`CUBIC_A`, the library defaults -0.75 and
  -0.5 (interp.cubic.default_a, interp.cubic.a_half) and two others;
* ``lanczos_a`` (lanczos only, when the oracle has it): 1 to 5;
* ``exclude_outside`` and ``antialias`` (resize.exclude_outside,
  resize.antialias) for the modes that accept them.

Which combinations a mode accepts is the oracle's to say: a combination that
``oracle.resize_plan`` rejects with ``ValueError`` is not in the space.

Parameterisations that give identical outputs on every probe (say linear
with and without exclude_outside, which agree wherever the source
coordinate lies in [-1, n], resize.exclude_outside) cannot be told apart by
the probes; :func:`candidate_groups` groups them, first member first.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

import oracle
from conformance.fingerprint.probes import PROBES, Probe

__all__ = [
    "COORDINATE_MODES",
    "CUBIC_A",
    "LANCZOS_A",
    "Group",
    "Parameterisation",
    "candidate_groups",
    "parameter_space",
]

COORDINATE_MODES: tuple[str, ...] = (
    "half_pixel",
    "align_corners",
    "asymmetric",
    "pytorch_half_pixel",
)
"""The coordinate modes a size-only call can implement and the probes tell apart, in
order of preference (the first of a group is the one reported)."""

CUBIC_A: tuple[float, ...] = (-0.75, -0.5, -1.0, -0.25)
"""The cubic parameters searched: the two library defaults first."""

LANCZOS_A: tuple[int, ...] = (1, 2, 3, 4, 5)
"""The Lanczos orders searched: the libraries use 3, 4 and 5."""

_MODE_IDS = {
    "nearest": ("nearest.rounding",),
    "linear": ("interp.linear.weights",),
    "cubic": ("interp.cubic.kernel",),
    "area": ("resize.area",),
    "box": ("resize.box",),
    "lanczos": ("interp.lanczos.kernel", "interp.lanczos.weights"),
    "sampled_box": ("resize.sampled_box",),
}
_CUBIC_A_IDS = {-0.75: "interp.cubic.default_a", -0.5: "interp.cubic.a_half"}
_COORDINATE_IDS = {
    "half_pixel": "coord.half_pixel",
    "align_corners": "coord.align_corners",
    "asymmetric": "coord.asymmetric",
    "pytorch_half_pixel": "coord.pytorch_half_pixel",
}


@dataclass(frozen=True)
class Parameterisation:
    """One point of the spec's parameter space: the keyword arguments of ``oracle.resize``.

    Parameters that do not apply to ``mode`` are ``None`` (``nearest_mode``,
    ``cubic_a``, ``lanczos_a``); ``coordinate_mode`` is ``None`` for a mode
    whose weights depend on the lengths only (``"area"``).
    """

    mode: str
    coordinate_mode: str | None = "half_pixel"
    nearest_mode: str | None = None
    cubic_a: float | None = None
    lanczos_a: int | None = None
    exclude_outside: bool = False
    antialias: bool = False

    def kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``oracle.resize`` (without ``size``)."""
        kwargs: dict[str, Any] = {"mode": self.mode}
        if self.coordinate_mode is not None:
            kwargs["coordinate_mode"] = self.coordinate_mode
        if self.nearest_mode is not None:
            kwargs["nearest_mode"] = self.nearest_mode
        if self.cubic_a is not None:
            kwargs["cubic_a"] = self.cubic_a
        if self.lanczos_a is not None:
            kwargs["lanczos_a"] = self.lanczos_a
        if self.exclude_outside:
            kwargs["exclude_outside"] = True
        if self.antialias:
            kwargs["antialias"] = True
        return kwargs

    @property
    def label(self) -> str:
        """A short name: ``(linear, half_pixel)``, ``(cubic, half_pixel, a=-0.5, antialias,
        exclude_outside)``, ``(nearest, asymmetric, floor)``, ``(area)``."""
        parts = [self.mode]
        if self.coordinate_mode is not None:
            parts.append(self.coordinate_mode)
        if self.nearest_mode is not None:
            parts.append(self.nearest_mode)
        if self.cubic_a is not None:
            parts.append(f"a={self.cubic_a:g}")
        if self.lanczos_a is not None:
            parts.append(f"a={self.lanczos_a}")
        if self.antialias:
            parts.append("antialias")
        if self.exclude_outside:
            parts.append("exclude_outside")
        return "(" + ", ".join(parts) + ")"

    def oracle_call(self) -> str:
        """The oracle call that computes this parameterisation, as Python source."""
        args = ", ".join(f"{k}={v!r}" for k, v in self.kwargs().items())
        return f"oracle.resize(x, size=size, {args})"

    def derivation_ids(self) -> tuple[str, ...]:
        """The derivations that define this parameterisation's weights, in order:
        the kernel or rounding, the coordinate mode, the cubic parameter, the border
        and antialias."""
        ids = list(_MODE_IDS[self.mode])
        if self.coordinate_mode is not None:
            ids.append(_COORDINATE_IDS[self.coordinate_mode])
        if self.cubic_a in _CUBIC_A_IDS:
            ids.append(_CUBIC_A_IDS[self.cubic_a])
        if self.exclude_outside:
            ids.append("resize.exclude_outside")
        elif self.mode not in ("nearest", "area", "box"):
            ids.append("resize.border")
        if self.antialias:
            ids.append("resize.antialias")
        return tuple(ids)


def _variants(mode: str) -> Iterator[Parameterisation]:
    """Every combination of the options that apply to ``mode``, before validation."""
    if mode == "area":
        yield Parameterisation("area", coordinate_mode=None)
        return
    if mode == "box":
        for exclude in (False, True):
            yield Parameterisation("box", coordinate_mode=None, exclude_outside=exclude)
        return
    flags = ((False, False), (False, True), (True, False), (True, True))  # antialias, exclude
    for coordinate in COORDINATE_MODES:
        if mode == "nearest":
            for rounding in oracle.NEAREST_MODES:
                yield Parameterisation(mode, coordinate, nearest_mode=rounding)
        elif mode == "sampled_box":  # stretched only: unstretched it is nearest
            for rounding in oracle.NEAREST_MODES:
                for exclude in (False, True):
                    yield Parameterisation(mode, coordinate, nearest_mode=rounding,
                                           antialias=True, exclude_outside=exclude)  # fmt: skip
        elif mode == "cubic":
            for a in CUBIC_A:
                for antialias, exclude in flags:
                    yield Parameterisation(mode, coordinate, cubic_a=a, antialias=antialias,
                                           exclude_outside=exclude)  # fmt: skip
        elif mode == "lanczos":
            for order in LANCZOS_A:
                for antialias, exclude in flags:
                    yield Parameterisation(mode, coordinate, lanczos_a=order, antialias=antialias,
                                           exclude_outside=exclude)  # fmt: skip
        else:  # linear
            for antialias, exclude in flags:
                yield Parameterisation(mode, coordinate, antialias=antialias,
                                       exclude_outside=exclude)  # fmt: skip


def _accepted(p: Parameterisation) -> bool:
    """Whether the oracle takes ``p`` on every probe's shape."""
    try:
        for probe in PROBES:
            oracle.resize_plan(probe.x.shape[2:], size=probe.size, **p.kwargs())
    except (ValueError, TypeError):
        return False
    return True


def _fixed_coordinate(space: list[Parameterisation]) -> list[Parameterisation]:
    """Drop the coordinate mode of a mode that accepts the default half_pixel only (as
    area does: its windows depend on the lengths alone)."""
    only_default = {
        m
        for m in {p.mode for p in space}
        if {p.coordinate_mode for p in space if p.mode == m} == {"half_pixel"}
    }
    return [replace(p, coordinate_mode=None) if p.mode in only_default else p for p in space]


@functools.cache
def parameter_space() -> tuple[Parameterisation, ...]:
    """Every parameterisation the search tries, in order of preference.

    The order is that of :data:`oracle.MODES`, then :data:`COORDINATE_MODES`,
    then the options (defaults first); within a group of parameterisations the
    probes cannot tell apart, the first is reported.
    """
    space = [p for mode in oracle.MODES for p in _variants(mode) if _accepted(p)]
    return tuple(_fixed_coordinate(space))


@dataclass(frozen=True, eq=False)
class Group:
    """Parameterisations whose oracle outputs are identical on every probe.

    ``outputs[k]`` is the oracle's float64 result on ``PROBES[k]``.
    """

    members: tuple[Parameterisation, ...]
    outputs: tuple[NDArray[np.float64], ...] = field(repr=False)

    @property
    def first(self) -> Parameterisation:
        """The member reported for the group."""
        return self.members[0]


def _key(outputs: Sequence[NDArray[np.float64]]) -> bytes:
    """Equal for outputs that agree to 1e-9 (far below any float32 bound on the probes)."""
    return b"".join((np.round(y, 9) + 0.0).tobytes() for y in outputs)


@functools.cache
def candidate_groups(probes: tuple[Probe, ...] = PROBES) -> tuple[Group, ...]:
    """The parameter space evaluated on ``probes`` by the oracle, grouped by identical outputs.

    Computed once per process: every fingerprint compares against this table.
    """
    members: dict[bytes, list[Parameterisation]] = {}
    outputs: dict[bytes, tuple[NDArray[np.float64], ...]] = {}
    for p in parameter_space():
        ys = tuple(oracle.resize(probe.x, size=probe.size, **p.kwargs()) for probe in probes)
        key = _key(ys)
        members.setdefault(key, []).append(p)
        outputs.setdefault(key, ys)
    return tuple(Group(tuple(ms), outputs[key]) for key, ms in members.items())
