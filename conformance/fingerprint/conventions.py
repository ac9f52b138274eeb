"""The convention matrix, ``docs/conventions.md``: library call x its parameterisation.

:func:`render` writes the page from fingerprints: one table per library, each
parameterisation linked to the derivation that states it, the library
versions it was made with, and a section that checks the agreement classes
the project states (:data:`CLAIMS`) against the fingerprints.

A claim groups library calls into classes, each with the parameterisation
its members should implement.  A member *agrees* when one of its matches has
that parameterisation, *agrees except* somewhere when it matches none but
its closest parameterisation is that one, and *disagrees* otherwise.  A claim
is reproduced when every member that could run agrees, partly reproduced
when some could not run here, and not reproduced when a member disagrees or
a class has no member that could run.  Between the first agreeing members
of two classes the page shows how far apart their outputs are, and where.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

import oracle
from conformance.fingerprint.calls import BUILTINS, LIBRARIES, LibraryCall
from conformance.fingerprint.probes import PROBES
from conformance.fingerprint.report import Fingerprint, describe_where
from conformance.fingerprint.search import Parameterisation

__all__ = ["CLAIMS", "AgreementClass", "Claim", "derivations_of", "parameterisation_cell", "render"]

_DIFFERENT = 2**-14
"""Two calls' outputs differ where they are further apart than this (about 1e4 float32
roundoffs on values in [-1, 1], far above either call's error bound)."""


@dataclass(frozen=True)
class AgreementClass:
    """Library calls that should implement one parameterisation, described by ``expected``."""

    label: str
    expected: str
    test: Callable[[Parameterisation], bool]
    members: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    """A statement of the project about libraries, as agreement classes.

    The classes are compared on ``PROBES[probe]`` (and, for where they differ, on
    every probe).
    """

    title: str
    statement: str
    classes: tuple[AgreementClass, ...]
    probe: int = 0


def _is(
    mode: str, coordinate: str | None = "half_pixel", **options: object
) -> Callable[[Parameterisation], bool]:
    def test(p: Parameterisation) -> bool:
        return (
            p.mode == mode
            and (coordinate is None or p.coordinate_mode == coordinate)
            and all(getattr(p, k) == v for k, v in options.items())
        )

    return test


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "Linear resize 32 -> 13: two agreement classes",
        "Linear resize 32 -> 13 on the same data splits the libraries into two agreement "
        "classes: class N (torch with antialias off, jax with antialias off, OpenCV "
        "INTER_LINEAR, scipy.ndimage.zoom with grid_mode=True, ONNX half_pixel, TF2) and "
        "class A (torch with antialias on, jax by default, Pillow, TF2 with antialias).",
        (
            AgreementClass(
                "class N",
                "(linear, half_pixel), no antialias",
                _is("linear", antialias=False),
                (
                    "torch:bilinear",
                    "jax:linear-no_antialias",
                    "cv2:INTER_LINEAR",
                    "scipy:order1-grid-nearest",
                    "ort:linear",
                    "tf:bilinear",
                ),
            ),
            AgreementClass(
                "class A",
                "(linear, half_pixel, antialias, exclude_outside)",
                _is("linear", antialias=True, exclude_outside=True),
                (
                    "torch:bilinear-antialias",
                    "jax:linear",
                    "pillow:BILINEAR",
                    "tf:bilinear-antialias",
                ),
            ),
        ),
    ),
    Claim(
        "Cubic: a = -0.75 against a = -0.5",
        "torch, OpenCV and ONNX Runtime use a = -0.75; Pillow and jax use a = -0.5.",
        (
            AgreementClass(
                "a = -0.75",
                "cubic with cubic_a = -0.75",
                _is("cubic", None, cubic_a=-0.75),
                ("torch:bicubic", "cv2:INTER_CUBIC", "ort:cubic"),
            ),
            AgreementClass(
                "a = -0.5",
                "cubic with cubic_a = -0.5",
                _is("cubic", None, cubic_a=-0.5),
                ("pillow:BICUBIC", "jax:cubic", "jax:cubic-no_antialias"),
            ),
        ),
        probe=5,
    ),
    Claim(
        "Area: pixel-area weighting against adaptive average pooling",
        "OpenCV's INTER_AREA agrees with TF2's area, and torch's area differs from both.",
        (
            AgreementClass(
                "pixel-area weighting",
                "(box)",
                _is("box", None),
                ("cv2:INTER_AREA", "tf:area"),
            ),
            AgreementClass(
                "adaptive average pooling", "(area)", _is("area", None), ("torch:area",)
            ),
        ),
    ),
    Claim(
        "Nearest: libraries split at exact ties",
        "Libraries split at exact ties of nearest rounding (nearest.rounding).",
        (
            AgreementClass(
                "floor of i in/out",
                "(nearest, asymmetric, floor)",
                _is("nearest", "asymmetric", nearest_mode="floor"),
                ("torch:nearest", "cv2:INTER_NEAREST"),
            ),
            AgreementClass(
                "half_pixel, ties up",
                "(nearest, half_pixel, round_prefer_ceil)",
                _is("nearest", nearest_mode="round_prefer_ceil"),
                (
                    "torch:nearest-exact",
                    "cv2:INTER_NEAREST_EXACT",
                    "pillow:NEAREST",
                    "jax:nearest",
                    "scipy:order0-grid-nearest",
                    "tf:nearest",
                ),
            ),
            AgreementClass(
                "half_pixel, ties down",
                "(nearest, half_pixel, round_prefer_floor)",
                _is("nearest", nearest_mode="round_prefer_floor"),
                ("ort:nearest",),
            ),
        ),
        probe=1,
    ),
    Claim(
        "Antialias at the borders",
        "ONNX antialias with exclude_outside = 0 differs from torch and Pillow at the borders.",
        (
            AgreementClass(
                "exclude_outside",
                "(linear, half_pixel, antialias, exclude_outside)",
                _is("linear", antialias=True, exclude_outside=True),
                ("torch:bilinear-antialias", "pillow:BILINEAR", "jax:linear"),
            ),
            AgreementClass(
                "edge replication",
                "(linear, half_pixel, antialias)",
                _is("linear", antialias=True, exclude_outside=False),
                ("ort:linear-antialias",),
            ),
        ),
    ),
)
"""The agreement classes the project states, checked on every run of :func:`render`."""


def registered_ids() -> frozenset[str]:
    """Every derivation ID the spec registers."""
    import spec

    return frozenset(spec.all_ids())


def derivations_of(call: LibraryCall | None, fp: Fingerprint, known: frozenset[str]) -> list[str]:
    """The registered derivations behind a fingerprint: the call's own cites, then those of
    the parameterisation it matches."""
    ids: list[str] = []
    if call is not None:
        ids.extend(call.cites)
    for p in fp.found[:1]:  # a match's own derivations; a closest one is not what it is
        ids.extend(p.derivation_ids())
    return [i for i in dict.fromkeys(ids) if i in known]


def parameterisation_cell(fp: Fingerprint) -> str:
    """The parameterisation column of the page, without links: the matches (``=`` joins
    those the probes cannot tell apart, ``;`` separates distinct ones), ``no match;
    closest ...``, ``not available``, or ``the call failed``."""
    if fp.unavailable is not None:
        return "not available"
    if fp.failure is not None:
        return "the call failed"
    if fp.matches:
        return "; ".join(m.label for m in fp.matches)
    assert fp.closest is not None
    return f"no match; closest {fp.closest.parameterisation.label}"


def _link(text: str, did: str) -> str:
    return f"[{text}](derivations/{did}.md)"


def _cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _evidence_cell(fp: Fingerprint) -> str:
    if fp.unavailable is not None:
        return _cell(fp.unavailable)
    if fp.failure is not None:
        return _cell(fp.failure)
    if fp.matches:
        return _cell(str(fp.matches[0].evidence))
    assert fp.closest is not None
    return _cell(f"{fp.closest}; {fp.closest.evidence}")


def _row(fp: Fingerprint, call: LibraryCall | None, known: frozenset[str]) -> str:
    ids = derivations_of(call, fp, known)
    cell = parameterisation_cell(fp)
    if ids and (fp.matches or fp.closest):
        cell = _link(cell, ids[0])
    links = ", ".join(_link(f"`{i}`", i) for i in ids) or "-"
    return f"| `{fp.call}` | `{_cell(fp.runs)}` | {cell} | {_evidence_cell(fp)} | {links} |"


def _member_status(fp: Fingerprint | None, cls: AgreementClass) -> tuple[str, str]:
    """``(status, text)``: status is agrees, except, disagrees, unavailable or not run."""
    if fp is None:
        return "not run", "not fingerprinted in this run"
    if fp.unavailable is not None:
        return "unavailable", fp.unavailable
    if fp.failure is not None:
        return "disagrees", f"the call failed: {fp.failure}"
    if any(cls.test(p) for p in fp.found):
        return "agrees", "matches " + next(p.label for p in fp.found if cls.test(p))
    closest = fp.closest
    if (
        closest is not None
        and cls.test(closest.parameterisation)
        and 2 * closest.evidence.departing <= closest.evidence.outputs
    ):
        return "except", str(closest)
    return "disagrees", fp.summary


def _difference(a: Fingerprint, b: Fingerprint, probe: int) -> str:
    """How far apart two calls' outputs are on the random channel of ``PROBES[probe]``, and
    on which outputs of which probes they differ (any channel)."""
    gap = float(np.max(np.abs(a.outputs[probe][:, 0] - b.outputs[probe][:, 0])))
    masks = [np.abs(x - y) > _DIFFERENT for x, y in zip(a.outputs, b.outputs, strict=True)]
    same = [p.name for p, m in zip(PROBES, masks, strict=True) if not m.any()]
    text = (
        f"`{a.call}` and `{b.call}` differ by up to {gap:.3g} on the random channel of "
        f"probe {PROBES[probe].name}. They differ at {describe_where(masks, PROBES)}"
    )
    return text + (f"; they agree on {', '.join(same)}." if same else ".")


def _claim_section(claim: Claim, fps: Mapping[str, Fingerprint]) -> list[str]:
    """The claim, each member's status, the differences between classes and the verdict."""
    lines = [f"### {claim.title}", "", f"Stated: {claim.statement}", ""]
    missing: dict[str, list[str]] = {}
    disagreeing: list[str] = []
    excepted: list[str] = []
    empty: list[str] = []
    representatives: list[Fingerprint] = []
    for cls in claim.classes:
        lines.append(f"- **{cls.label}**, expected {cls.expected}:")
        ran: list[tuple[str, Fingerprint]] = []
        for name in cls.members:
            status, text = _member_status(fps.get(name), cls)
            mark = {"agrees": "yes", "except": "yes, except at", "disagrees": "**no**"}
            lines.append(f"  - `{name}`: {mark.get(status, status)}: {text}")
            if status in ("unavailable", "not run"):
                missing.setdefault(text, []).append(name)
                continue
            ran.append((status, fps[name]))
            if status == "disagrees":
                disagreeing.append(f"`{name}` ({text})")
            if status == "except":
                excepted.append(f"`{name}`")
        if not ran:
            empty.append(cls.label)
        agreeing = [fp for status, fp in ran if status != "disagrees"]
        if agreeing or ran:
            representatives.append((agreeing or [fp for _, fp in ran])[0])
    lines.append("")
    for i, a in enumerate(representatives):
        for b in representatives[i + 1 :]:
            lines.extend([_difference(a, b, claim.probe), ""])
    not_checked = "; ".join(
        f"{', '.join(f'`{n}`' for n in names)} ({reason})" for reason, names in missing.items()
    )
    exceptions = ""
    if excepted:
        exceptions = (
            f', except at some outputs of {", ".join(excepted)} (why: see "Calls that match '
            'no parameterisation")'
        )
    if disagreeing or empty:
        problems = [f"{d} does not agree as stated" for d in disagreeing]
        problems += [f"no member of {label} could run here" for label in empty]
        verdict = "**Not reproduced**: " + "; ".join(problems) + "."
    elif missing:
        verdict = (
            f"**Reproduced**{exceptions} for the libraries installed here. "
            f"Not checked: {not_checked}."
        )
    else:
        verdict = f"**Reproduced**{exceptions}."
    lines.extend([verdict, ""])
    return lines


def _outside(fingerprints: Sequence[Fingerprint]) -> list[str]:
    """The calls that match nothing, and why where it is known."""
    lines = ["## Calls that match no parameterisation", ""]
    for fp in fingerprints:
        if fp.closest is None:
            continue
        call = BUILTINS.get(fp.call)
        closest = fp.closest
        if 2 * closest.evidence.departing <= closest.evidence.outputs:
            why = f"close to {closest.parameterisation.label}, departing at {closest.where}"
        else:
            label = closest.parameterisation.label
            why = f"far from every parameterisation (the closest is {label})"
        if call is not None and call.mismatch is not None:
            why += f". {call.mismatch}"
        lines.append(f"- `{fp.call}`: {why}.")
    return [*lines, ""] if len(lines) > 2 else []


def _versions() -> list[str]:
    rows = [
        "| library | version |",
        "| --- | --- |",
        f"| Python | {platform.python_version()} ({sys.platform}, {platform.machine()}) |",
        f"| numpy | {np.__version__} |",
    ]
    seen = set()
    for lib in LIBRARIES.values():
        if lib.distribution not in seen:
            seen.add(lib.distribution)
            rows.append(f"| {lib.distribution} | {lib.version()} |")
    return rows


_INTRO = """\
# Which convention does my library implement?

Generated by `nox -s conventions`, that is
`python -m conformance fingerprint --all --markdown docs/conventions.md`;
do not edit by hand.

Each row is one library call `(x, size) -> y` on float32 and the parameterisation of
`oracle.resize` it implements: the one whose outputs it matches on every probe within
the bound of [`tolerance.model`](derivations/tolerance.model.md) for float32, the bound
the conformance suite applies. `=` joins parameterisations the probes cannot tell
apart. Where nothing matches, the row names the closest parameterisation and where and
by how much the call departs from it. The parameterisation links to the derivation
that states it: the library equivalence where the spec has one, else the derivation of
the mode. The probes (7 inputs of shape 1 x 3 x H x W) are listed at the end; a call is
fingerprinted with `python -m conformance fingerprint CALL`.
"""


_CLASSES_INTRO = """\
The project states the agreement classes below. Each is checked against the
fingerprints above: a member agrees when it matches the parameterisation its class
expects, and agrees "except at" some outputs when that parameterisation is its closest
and it departs from it there only. Where the statement quotes a difference between
classes on its own data, the page gives the difference on the random channel of a
probe instead, and where the classes differ and agree over all the probes."""


def render(fingerprints: Sequence[Fingerprint], calls: Mapping[str, LibraryCall] = BUILTINS) -> str:
    """The page: versions, one table per library, the agreement classes, the probes."""
    known = registered_ids()
    fps = {fp.call: fp for fp in fingerprints}
    lines = [_INTRO, "## Versions", "", *_versions(), ""]
    lines.append(f"Modes of `oracle.resize` searched: {', '.join(oracle.MODES)}.")
    lines.append("")
    by_library: dict[str, list[Fingerprint]] = {}
    for fp in fingerprints:
        by_library.setdefault(fp.call.split(":", 1)[0], []).append(fp)
    lines.extend(["## The matrix", ""])
    for library, group in by_library.items():
        lines.extend([f"### {library}", ""])
        lines.append("| call | runs | parameterisation | evidence | derivations |")
        lines.append("| --- | --- | --- | --- | --- |")
        lines.extend(_row(fp, calls.get(fp.call), known) for fp in group)
        lines.append("")
    lines.extend(_outside(fingerprints))
    sections = [_claim_section(claim, fps) for claim in CLAIMS]
    lines.extend(["## The agreement classes", "", _CLASSES_INTRO, ""])
    for claim, section in zip(CLAIMS, sections, strict=True):
        lines.append(f"- {claim.title}: {section[-2]}")
    lines.append("")
    for section in sections:
        lines.extend(section)
    lines.extend(["## The probes", "", "| probe | what it separates |", "| --- | --- |"])
    lines.extend(f"| {p.name} | {p.purpose} |" for p in PROBES)
    return "\n".join(lines).rstrip() + "\n"
