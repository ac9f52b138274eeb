"""``python -m conformance fingerprint``: it names the parameterisation of known calls.

Hand-written NumPy calls (a half_pixel linear, an align_corners linear, one
that is off at the borders) and torch's interpolate modes are fingerprinted
and the named parameterisation is asserted; cv2, Pillow and jax calls run
where those libraries are installed.  docs/conventions.md's torch rows must
match a fresh fingerprint.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
import spec
from conformance.__main__ import main
from conformance.fingerprint import BUILTINS, PROBES, fingerprint, fingerprint_builtin, report
from conformance.fingerprint.conventions import parameterisation_cell
from conformance.fingerprint.report import describe_where
from conformance.fingerprint.search import candidate_groups, parameter_space
from spec.tolerance import UNIT_ROUNDOFFS

ROOT = Path(__file__).resolve().parents[2]


def _linear_axis(
    y: NDArray[np.float64], axis: int, out: int, coordinate: str
) -> NDArray[np.float64]:
    """Linear interpolation along ``axis``, edge samples clamped."""
    n = y.shape[axis]
    i = np.arange(out, dtype=np.float64)
    if coordinate == "half_pixel":
        x = (i + 0.5) * n / out - 0.5
    else:  # align_corners
        x = i * (n - 1) / (out - 1) if out > 1 else np.zeros(1)
    x = np.clip(x, 0, n - 1)
    lo = np.floor(x).astype(np.intp)
    hi = np.minimum(lo + 1, n - 1)
    shape = [1] * y.ndim
    shape[axis] = out
    w = (x - lo).reshape(shape)
    return np.asarray(np.take(y, lo, axis=axis) * (1 - w) + np.take(y, hi, axis=axis) * w)


def half_pixel_linear(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[np.float64]:
    """Separable linear resize, half-pixel centres, in NumPy float64."""
    y = np.asarray(x, dtype=np.float64)
    for axis, out in enumerate(size, start=2):
        y = _linear_axis(y, axis, out, "half_pixel")
    return y


def align_corners_linear(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[np.float64]:
    """Separable linear resize with the corners aligned, in NumPy float64."""
    y = np.asarray(x, dtype=np.float64)
    for axis, out in enumerate(size, start=2):
        y = _linear_axis(y, axis, out, "align_corners")
    return y


def off_at_borders(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[np.float64]:
    """half_pixel linear whose first and last outputs on every axis are 1% too large."""
    y = half_pixel_linear(x, size)
    for axis in range(2, y.ndim):
        edge: list[Any] = [slice(None)] * y.ndim
        edge[axis] = [0, -1] if y.shape[axis] > 1 else [0]
        y[tuple(edge)] *= 1.01
    return y


def wrong_shape(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[np.float64]:
    """Returns its input unchanged."""
    return np.asarray(x, dtype=np.float64)


def test_half_pixel_linear_is_named() -> None:
    fp = fingerprint(half_pixel_linear, name="half_pixel_linear", dtype="float64")
    assert fp.matches and fp.matches[0].parameterisation.label == "(linear, half_pixel)"
    assert [a.label for a in fp.matches[0].aliases] == ["(linear, half_pixel, exclude_outside)"]
    evidence = fp.matches[0].evidence
    assert evidence.probes == len(PROBES) and evidence.max_ratio <= 1


def test_align_corners_linear_is_named() -> None:
    fp = fingerprint(align_corners_linear, name="align_corners_linear")
    assert [m.parameterisation.label for m in fp.matches] == ["(linear, align_corners)"]


def test_a_call_off_at_the_borders_is_closest_to_its_parameterisation_and_says_where() -> None:
    fp = fingerprint(off_at_borders, name="off_at_borders")
    assert not fp.matches and fp.closest is not None
    assert fp.closest.parameterisation.label == "(linear, half_pixel)"
    assert "the first and last outputs at 32->13, 5->8" in fp.closest.where
    assert fp.summary.startswith("no match; matches (linear, half_pixel) except the first and")


_PREFILTERED = sorted(
    {u: name for name, u in UNIT_ROUNDOFFS.items() if u <= report._PREFILTER_MAX_U}.values()
)


@pytest.mark.spec("tolerance.model")
@pytest.mark.parametrize("dtype", _PREFILTERED)
def test_every_bound_on_the_probes_is_below_the_prefilter(dtype: str) -> None:
    # The premise on which the match prefilter and the closest search skip groups: at
    # each unit roundoff they use it at, no parameterisation's bound on any probe reaches
    # report._threshold.  One dtype per distinct roundoff (tf32 has float16's).
    threshold = report._threshold(dtype)
    for p in parameter_space():
        for k in range(len(PROBES)):
            assert float(report._bound(p, PROBES, k, dtype).max()) < threshold, (p.label, k)


def test_bfloat16_and_other_probes_judge_every_group_exactly() -> None:
    assert report._threshold("bfloat16") == math.inf
    assert report._threshold("float32", PROBES[:2]) == math.inf
    assert report._threshold("float32") < math.inf


def _blur(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[np.float64]:
    """A kernel the spec does not define: half linear, half area."""
    linear = oracle.resize(x, size=size, mode="linear", antialias=True, exclude_outside=True)
    return 0.5 * linear + 0.5 * oracle.resize(x, size=size, mode="area")


def test_the_closest_is_the_exact_best_over_every_group() -> None:
    # The floor-ordered search with its early stop gives what judging every group by its
    # exact bound gives: fewest outputs beyond the bound, then smallest largest error.
    for call in (_blur, off_at_borders):
        fp = fingerprint(call, name=call.__name__)
        assert not fp.matches and fp.closest is not None
        ys = [call(probe.x.astype(np.float32), probe.size) for probe in PROBES]
        keys = []
        for order, group in enumerate(candidate_groups()):
            errors = report._errors(ys, group)
            evidence, _ = report._evidence(group.first, errors, PROBES, "float32")
            keys.append((evidence.departing, evidence.max_error, order, group.first.label))
        assert fp.closest.parameterisation.label == min(keys)[3]


def test_a_call_with_the_wrong_shape_or_an_exception_fails() -> None:
    assert "returned shape" in (fingerprint(wrong_shape, name="w").failure or "")

    def raises(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
        raise RuntimeError("boom")

    assert "RuntimeError: boom" in (fingerprint(raises, name="r").failure or "")


def test_every_builtin_cites_registered_derivations() -> None:
    """A citation the registry lacks would vanish from the conventions page unnoticed."""
    known = set(spec.all_ids())
    unregistered = {n: c for n, call in BUILTINS.items() for c in call.cites if c not in known}
    assert unregistered == {}
    assert all(
        BUILTINS[n].cites for n in ("cv2:INTER_AREA", "pillow:BOX", "scipy:order0-grid-nearest")
    )


def test_every_mode_of_the_oracle_is_searched() -> None:
    """box and lanczos join the search as soon as the oracle has them."""
    assert {p.mode for p in parameter_space()} == set(oracle.MODES)


def test_describe_where_names_lines_and_scattered_outputs() -> None:
    probe = PROBES[0]  # 32x5 -> 13x8
    mask = np.zeros(probe.size, dtype=bool)
    mask[[0, -1], :] = True
    assert describe_where([mask], [probe]) == "the first and last outputs at 32->13"
    mask[:] = False
    mask[5, 3] = True
    assert describe_where([mask], [probe]) == "1 other outputs (first: 32x5->13x8 at (5, 3))"
    assert describe_where([mask & False], [probe]) == "nowhere"


TORCH = {
    "torch:nearest": "(nearest, asymmetric, floor)",
    "torch:nearest-exact": "(nearest, half_pixel, round_prefer_ceil)",
    "torch:bilinear": "(linear, half_pixel) = (linear, half_pixel, exclude_outside)",
    "torch:bilinear-align_corners": "(linear, align_corners) = (linear, align_corners, "
    "exclude_outside)",
    "torch:bilinear-antialias": "(linear, half_pixel, antialias, exclude_outside)",
    "torch:bicubic": "(cubic, half_pixel, a=-0.75)",
    "torch:bicubic-antialias": "(cubic, half_pixel, a=-0.5, antialias, exclude_outside)",
    "torch:area": "(area)",
    "torch:lanczos-antialias": "(lanczos, half_pixel, a=3, antialias, exclude_outside)",
}


@pytest.mark.parametrize(("name", "expected"), TORCH.items())
def test_torch_calls_are_named(name: str, expected: str) -> None:
    pytest.importorskip("torch")
    assert parameterisation_cell(fingerprint_builtin(BUILTINS[name])) == expected


OTHERS = {
    "cv2:INTER_LINEAR": ("cv2", "(linear, half_pixel) = (linear, half_pixel, exclude_outside)"),
    "cv2:INTER_CUBIC": ("cv2", "(cubic, half_pixel, a=-0.75)"),
    "pillow:BILINEAR": ("PIL", "(linear, half_pixel, antialias, exclude_outside)"),
    "pillow:BICUBIC": ("PIL", "(cubic, half_pixel, a=-0.5, antialias, exclude_outside)"),
    "jax:linear": ("jax", "(linear, half_pixel, antialias, exclude_outside)"),
    "scipy:order1-grid-nearest": (
        "scipy",
        "(linear, half_pixel) = (linear, half_pixel, exclude_outside)",
    ),
    "cv2:INTER_LANCZOS4": ("cv2", "(lanczos, half_pixel, a=4)"),
    "pillow:LANCZOS": ("PIL", "(lanczos, half_pixel, a=3, antialias, exclude_outside)"),
    "jax:lanczos5": ("jax", "(lanczos, half_pixel, a=5, antialias, exclude_outside)"),
    "cv2:INTER_AREA": ("cv2", "no match; closest (box)"),
    "pillow:BOX": (
        "PIL",
        "(sampled_box, half_pixel, round_prefer_ceil, antialias)"
        " = (sampled_box, half_pixel, round_prefer_ceil, antialias, exclude_outside)",
    ),
}


@pytest.mark.parametrize(("name", "module", "expected"), [(n, *v) for n, v in OTHERS.items()])
def test_other_libraries_calls_are_named(name: str, module: str, expected: str) -> None:
    pytest.importorskip(module)
    assert parameterisation_cell(fingerprint_builtin(BUILTINS[name])) == expected


def _table_rows(text: str) -> dict[str, str]:
    """``{call: parameterisation cell text}`` of the page's tables (links stripped)."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 5 and cells[0].startswith("`") and ":" in cells[0]:
            rows[cells[0].strip("`")] = re.sub(r"^\[(.*)\]\([^)]*\)$", r"\1", cells[2])
    return rows


def test_conventions_page_torch_rows_match_a_fresh_fingerprint() -> None:
    pytest.importorskip("torch")
    rows = _table_rows((ROOT / "docs" / "conventions.md").read_text(encoding="utf-8"))
    torch_rows = {name: cell for name, cell in rows.items() if name.startswith("torch:")}
    assert set(torch_rows) == {n for n in BUILTINS if n.startswith("torch:")}
    fresh = {
        name: parameterisation_cell(fingerprint_builtin(BUILTINS[name])) for name in torch_rows
    }
    assert torch_rows == fresh, "docs/conventions.md is stale: run `nox -s conventions`"


def test_cli_names_a_builtin_and_a_module_attribute(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("torch")
    assert main(["fingerprint", "torch:nearest-exact"]) == 0
    assert "matches (nearest, half_pixel, round_prefer_ceil)" in capsys.readouterr().out
    assert main(["fingerprint", "tests.conformance.test_fingerprint:align_corners_linear"]) == 0
    out = capsys.readouterr().out
    assert "matches (linear, align_corners)" in out and "coord.align_corners" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["fingerprint"],
        ["fingerprint", "torch:no-such-mode"],
        ["fingerprint", "no_such_module_xyz:f"],
        ["fingerprint", "tests.conformance.test_fingerprint:ROOT"],
        ["fingerprint", "--all", "torch:nearest"],
        ["fingerprint", "--bogus"],
    ],
)
def test_cli_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2


def test_cli_reports_a_missing_library_as_not_available(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if BUILTINS["tf:area"].available() is None:
        pytest.skip("tensorflow is installed here")
    assert main(["fingerprint", "tf:area"]) == 4
    assert "not available: " in capsys.readouterr().out


def test_cli_failing_call_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fingerprint", "tests.conformance.test_fingerprint:wrong_shape"]) == 1
    assert "returned shape" in capsys.readouterr().out


def test_cli_existing_flags_parse_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--backend", "oracle", "--ops", "no_such_op"]) == 2
    assert "--ops: unknown op(s) no_such_op" in capsys.readouterr().err


def test_conventions_page_reproduces_every_agreement_class() -> None:
    """The committed page states each class as reproduced; where a member agrees only
    except at some outputs, the verdict says so."""
    text = (ROOT / "docs" / "conventions.md").read_text(encoding="utf-8")
    verdicts = [line for line in text.splitlines() if line.startswith("**")]
    assert len(verdicts) == 5, verdicts
    assert all(v.startswith("**Reproduced") for v in verdicts), verdicts
    area = next(v for v in verdicts if "INTER_AREA" in v)
    assert "except at some outputs of `cv2:INTER_AREA`" in area
