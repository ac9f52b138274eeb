"""Match a call against the parameter space within the derived bound, and say what was found.

:func:`fingerprint` runs a call ``(x, size) -> y`` on every probe and compares
its outputs with the oracle's under every parameterisation of the search
space.  A parameterisation *matches* when every output of every probe lies
within the bound of tolerance.model for the call's dtype
(:func:`conformance.tolerance.resize.resize_bound`), the same bound the
conformance suite applies.  The evidence of a match is the number of probes
and outputs compared, the largest ``|error|`` and the largest
``|error| / bound``.

When nothing matches, the closest parameterisation is the one with the
fewest outputs beyond their bound, then the smallest largest error, over the
whole space (ties go to the first in its order); :func:`describe_where` says
where the call departs from it: which outputs of which axes of which probes,
for example "the first and last outputs at 32->13, 5->8".
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from conformance.fingerprint.calls import LibraryCall, Resize
from conformance.fingerprint.probes import PROBES, Probe
from conformance.fingerprint.search import Group, Parameterisation, candidate_groups
from conformance.tolerance.resize import resize_bound
from spec.tolerance import unit_roundoff

__all__ = [
    "Departure",
    "Evidence",
    "Fingerprint",
    "Match",
    "describe_where",
    "fingerprint",
    "fingerprint_builtin",
    "format_fingerprint",
]

_NUMPY_DTYPES = {"float64": np.float64, "float32": np.float32, "float16": np.float16}
_PREFILTER = 2**16
"""Above ``_PREFILTER * u`` an error is beyond its bound whatever the exact bound: a test
checks that every bound on the probes, over the whole space, lies below it at every unit
roundoff up to 2^-11 (float64, float32, float16 and tf32).  bfloat16's bounds reach about
4e5 u, so there :func:`_threshold` is infinite and every group gets its exact bound."""
_PREFILTER_MAX_U = Fraction(1, 2**11)


def _threshold(dtype: str, probes: tuple[Probe, ...] = PROBES) -> float:
    """The error above which an output is surely beyond its bound (:data:`_PREFILTER`).

    A group is judged by its exact bound as a match only where no error is above it, and
    the search for the closest counts the errors above it to skip groups that cannot win.
    Infinite, so nothing is skipped, for probes other than :data:`PROBES`, where the
    premise is not tested, and for unit roundoffs above :data:`_PREFILTER_MAX_U`.
    """
    u = unit_roundoff(dtype)
    tested = probes is PROBES and u <= _PREFILTER_MAX_U
    return _PREFILTER * float(u) if tested else math.inf


@dataclass(frozen=True)
class Evidence:
    """How a call compares with one parameterisation over the probes."""

    probes: int
    outputs: int
    max_error: float
    max_ratio: float
    departing: int = 0

    def __str__(self) -> str:
        ratio = "inf" if math.isinf(self.max_ratio) else f"{self.max_ratio:.3g}"
        return (
            f"{self.probes} probes, {self.outputs} outputs, max |error| {self.max_error:.3g}, "
            f"max |error|/bound {ratio}"
        )


@dataclass(frozen=True)
class Match:
    """A parameterisation the call matches, and the others the probes cannot tell from it."""

    parameterisation: Parameterisation
    aliases: tuple[Parameterisation, ...]
    evidence: Evidence

    @property
    def label(self) -> str:
        """The parameterisation, with its aliases: ``(linear, half_pixel) = (linear,
        half_pixel, exclude_outside)``."""
        return " = ".join(p.label for p in (self.parameterisation, *self.aliases))


@dataclass(frozen=True)
class Departure:
    """The closest parameterisation when none matches, and where the call leaves it."""

    parameterisation: Parameterisation
    evidence: Evidence
    where: str

    def __str__(self) -> str:
        ratio = self.evidence.max_ratio
        by = f"by up to {self.evidence.max_error:.3g}"
        by += "" if math.isinf(ratio) else f" ({ratio:.3g} x bound)"
        departing, outputs = self.evidence.departing, self.evidence.outputs
        if 2 * departing > outputs:
            return (
                f"departs from every parameterisation at most outputs; the closest is "
                f"{self.parameterisation.label}, beyond the bound at {departing} of "
                f"{outputs} outputs, {by}"
            )
        return f"matches {self.parameterisation.label} except {self.where}, {by}"


@dataclass(frozen=True)
class Fingerprint:
    """What :func:`fingerprint` found for one call.

    Exactly one of these holds: ``unavailable`` (a built-in whose library is
    missing, with the reason), ``failure`` (the call raised or returned the
    wrong shape on a probe), ``matches`` (non-empty), or ``closest``.
    ``outputs`` are the call's float64 outputs on the probes.
    """

    call: str
    runs: str
    dtype: str
    unavailable: str | None = None
    failure: str | None = None
    matches: tuple[Match, ...] = ()
    closest: Departure | None = None
    outputs: tuple[NDArray[np.float64], ...] = field(default=(), repr=False)
    seconds: float = 0.0

    @property
    def found(self) -> tuple[Parameterisation, ...]:
        """Every matched parameterisation, aliases included."""
        return tuple(q for m in self.matches for q in (m.parameterisation, *m.aliases))

    @property
    def summary(self) -> str:
        """One line: the matches, the closest and its departure, or why there is neither."""
        if self.unavailable is not None:
            return self.unavailable
        if self.failure is not None:
            return f"the call failed: {self.failure}"
        if self.matches:
            return "matches " + "; ".join(m.label for m in self.matches)
        assert self.closest is not None
        return "no match; " + str(self.closest)


def _numpy_dtype(dtype: str) -> Any:
    """The NumPy dtype the probes are passed in (bfloat16 and tf32 travel as float32)."""
    return _NUMPY_DTYPES.get(dtype, np.float32)


@functools.lru_cache(maxsize=4096)
def _bound(
    p: Parameterisation, probes: tuple[Probe, ...], k: int, dtype: str
) -> NDArray[np.float64]:
    """The bound of every output of ``probes[k]`` under ``p`` (tolerance.model)."""
    probe = probes[k]
    return resize_bound(probe.x, {**p.kwargs(), "size": probe.size}, dtype)


def _errors(ys: Sequence[NDArray[np.float64]], group: Group) -> list[NDArray[np.float64]]:
    """``|y - oracle|`` per probe; NaN where exactly one of the two is NaN is infinite."""
    errors = []
    for y, want in zip(ys, group.outputs, strict=True):
        with np.errstate(invalid="ignore"):
            e = np.abs(y - want)
        both = np.isnan(y) & np.isnan(want)
        errors.append(np.where(both, 0.0, np.where(np.isnan(e), np.inf, e)))
    return errors


def _evidence(
    p: Parameterisation,
    errors: Sequence[NDArray[np.float64]],
    probes: tuple[Probe, ...],
    dtype: str,
) -> tuple[Evidence, list[NDArray[np.bool_]]]:
    """The evidence for ``p`` and, per probe, the outputs beyond their bound."""
    ratios, beyond = [], []
    for k, e in enumerate(errors):
        bound = _bound(p, probes, k, dtype)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios.append(np.where(e == 0, 0.0, e / bound))
        beyond.append(e > bound)
    evidence = Evidence(
        probes=len(errors),
        outputs=sum(e.size for e in errors),
        max_error=max(float(e.max(initial=0.0)) for e in errors),
        max_ratio=max(float(r.max(initial=0.0)) for r in ratios),
        departing=sum(int(b.sum()) for b in beyond),
    )
    return evidence, beyond


def _index_phrase(indices: Sequence[int], n: int) -> str:
    """Name a set of output indices of an axis of length ``n``."""
    s = sorted(indices)
    if n == 1:
        return "its only output"
    if len(s) == n:
        return "every output"
    if s == [0, n - 1]:
        return "the first and last outputs"
    if s == [0]:
        return "the first output"
    if s == [n - 1]:
        return "the last output"
    shown = ", ".join(map(str, s[:6])) + (", ..." if len(s) > 6 else "")
    near = n >= 8 and all(i < 2 or i > n - 3 for i in s)
    return f"output{'s' * (len(s) > 1)} {shown} of {n}" + " (next to the borders)" * near


def _lines(mask: NDArray[np.bool_]) -> tuple[list[int], list[int], int]:
    """Rows and columns that explain the departing outputs of a 2-D ``mask``, and how many
    outputs they leave unexplained.

    A resize is separable, so a wrong weight on output ``i`` of an axis shows on the
    whole line ``i`` of that axis; a line is taken when more than half of it departs.
    Of rows and columns, rows alone, or columns alone, the explanation that leaves
    fewest outputs unexplained, then uses fewest lines, wins.
    """
    rows = [i for i in range(mask.shape[0]) if mask[i].mean() > 0.5]
    cols = [j for j in range(mask.shape[1]) if mask[:, j].mean() > 0.5]

    def left(r: list[int], c: list[int]) -> int:
        rest = mask.copy()
        rest[r, :] = False
        rest[:, c] = False
        return int(rest.sum())

    options = [(rows, cols), (rows, []), ([], cols)]
    best = min(options, key=lambda rc: (left(*rc), len(rc[0]) + len(rc[1])))
    return best[0], best[1], left(*best)


def describe_where(masks: Sequence[NDArray[np.bool_]], probes: Sequence[Probe]) -> str:
    """Where the ``True`` outputs lie, in words, over the probes.

    ``masks[k]`` has the spatial shape of ``probes[k]``'s output (any leading axes
    are folded in).  Whole output lines are named per axis (:func:`_lines`), grouped
    by phrase: "the first and last outputs at 32->13, 5->8; every output at 4->2";
    outputs on no such line are counted, with the first of them.
    """
    phrases: dict[str, list[str]] = {}
    scattered: list[str] = []
    count = 0
    for mask, probe in zip(masks, probes, strict=True):
        m = np.asarray(np.asarray(mask).reshape(-1, *probe.size).any(axis=0), dtype=np.bool_)
        if not m.any():
            continue
        rows, cols, left = _lines(m)
        if m.all() and m.size > 1:  # every line of both axes: no axis to blame
            phrases.setdefault("all outputs", []).append(probe.name)
            continue
        for axis, lines in ((0, rows), (1, cols)):
            if lines:
                phrase = _index_phrase(lines, probe.size[axis])
                phrases.setdefault(phrase, []).append(probe.axis_name(axis))
        if left:
            count += left
            rest = m.copy()
            rest[rows, :] = False
            rest[:, cols] = False
            i, j = (int(v) for v in np.argwhere(rest)[0])
            scattered.append(f"{probe.name} at ({i}, {j})")
    parts = [f"{phrase} at {', '.join(axes)}" for phrase, axes in phrases.items()]
    if count:
        parts.append(f"{count} other outputs (first: {', '.join(scattered[:3])})")
    return "; ".join(parts) if parts else "nowhere"


def _closest(
    errors_by_group: Sequence[list[NDArray[np.float64]]],
    groups: Sequence[Group],
    probes: tuple[Probe, ...],
    dtype: str,
) -> Departure:
    """The parameterisation with the fewest outputs beyond their bound, then the smallest
    largest error, then the first in the space's order, over every group.

    A group's errors above :func:`_threshold` are beyond their bound whatever the
    bound, so their count is a floor on its outputs beyond the bound.  Groups are
    judged by their exact bounds in the order of that floor, and the search stops once
    the floor exceeds the best count found: the result is the one an exact judgement
    of every group gives.  ``errors_by_group[k]`` are :func:`_errors` for ``groups[k]``.
    """
    threshold = _threshold(dtype, probes)
    floors = [
        (sum(int((e > threshold).sum()) for e in errors), order, errors)
        for order, errors in enumerate(errors_by_group)
    ]
    best: tuple[int, float, int, Departure] | None = None
    for floor, order, errors in sorted(floors, key=lambda f: f[:2]):
        if best is not None and floor > best[0]:
            break
        p = groups[order].first
        evidence, beyond = _evidence(p, errors, probes, dtype)
        key = (evidence.departing, evidence.max_error, order)
        if best is None or key < best[:3]:
            best = (*key, Departure(p, evidence, describe_where(beyond, probes)))
    assert best is not None
    return best[3]


def fingerprint(
    call: Resize,
    *,
    name: str,
    runs: str = "",
    dtype: str = "float32",
    probes: tuple[Probe, ...] = PROBES,
) -> Fingerprint:
    """Which parameterisations of the spec ``call`` implements, within the derived bound.

    ``call(x, size)`` receives every probe's input in ``dtype`` (bfloat16 and tf32
    as float32; every probe value is exact in each) and must return an array of
    shape ``(N, C, *size)``.  The bounds are tolerance.model's for ``dtype``.
    """
    start = time.perf_counter()
    ys: list[NDArray[np.float64]] = []
    for probe in probes:
        try:
            y = np.asarray(call(probe.x.astype(_numpy_dtype(dtype)), probe.size))
        except Exception as exc:
            failure = f"raised {type(exc).__name__}: {exc} on probe {probe.name}"
            return Fingerprint(name, runs, dtype, failure=failure)
        want = (*probe.x.shape[:2], *probe.size)
        if y.shape != want:
            failure = f"returned shape {y.shape} on probe {probe.name}, not {want}"
            return Fingerprint(name, runs, dtype, failure=failure)
        ys.append(y.astype(np.float64))
    groups = candidate_groups(probes)
    threshold = _threshold(dtype, probes)
    errors_by_group = [_errors(ys, group) for group in groups]
    matches: list[Match] = []
    for group, errors in zip(groups, errors_by_group, strict=True):
        if any(float(e.max(initial=0.0)) > threshold for e in errors):
            continue
        found = []
        for p in group.members:
            evidence, _ = _evidence(p, errors, probes, dtype)
            if evidence.departing == 0:
                found.append((p, evidence))
        if found:
            matches.append(Match(found[0][0], tuple(p for p, _ in found[1:]), found[0][1]))
    closest = None if matches else _closest(errors_by_group, groups, probes, dtype)
    return Fingerprint(
        name,
        runs,
        dtype,
        matches=tuple(matches),
        closest=closest,
        outputs=tuple(ys),
        seconds=time.perf_counter() - start,
    )


def fingerprint_builtin(call: LibraryCall, probes: tuple[Probe, ...] = PROBES) -> Fingerprint:
    """:func:`fingerprint` of a built-in call, or its ``not available: <reason>``."""
    reason = call.available()
    if reason is not None:
        return Fingerprint(call.name, call.runs, call.dtype, unavailable=reason)
    return fingerprint(call.make(), name=call.name, runs=call.runs, dtype=call.dtype, probes=probes)


def format_fingerprint(fp: Fingerprint, derivations: Sequence[str] = ()) -> str:
    """The plain-text report of one fingerprint, as the command prints it."""
    lines = [f"{fp.call}: {fp.runs}" if fp.runs else fp.call]
    if fp.unavailable is not None or fp.failure is not None:
        lines.append(f"  {fp.summary}")
        return "\n".join(lines)
    for match in fp.matches:
        lines.append(f"  matches {match.parameterisation.label}: {match.evidence}")
        lines.append(f"    = {match.parameterisation.oracle_call()}")
        for alias in match.aliases:
            lines.append(f"    indistinguishable on the probes: {alias.label}")
    if fp.closest is not None:
        lines.append("  matches no parameterisation of the spec within the bound")
        lines.append(f"  closest: {fp.closest}")
        lines.append(f"    {fp.closest.evidence}")
        lines.append(f"    = {fp.closest.parameterisation.oracle_call()}")
    if derivations:
        lines.append(f"  derivations: {', '.join(derivations)}")
    lines.append(f"  ({fp.seconds:.2f} s, {fp.dtype})")
    return "\n".join(lines)
