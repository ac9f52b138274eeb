"""The oracle's public names; its string parameters are ``Literal`` types.

A type checker flags a misspelt choice in user code.

The ops still validate every choice at run time (test_resize.py, "Every ValueError path").
"""

from __future__ import annotations

import importlib.util
import typing
from pathlib import Path

import pytest

import oracle

ROOT = Path(__file__).resolve().parents[2]

USER_CODE = """\
import numpy as np

import oracle

x = np.zeros((1, 1, 4))
oracle.resize(x, size=2, coordinate_mode="half-pixel")  # line 6
oracle.resize(x, size=2, mode="bilinear")  # line 7
oracle.resize(x, size=2, nearest_mode="round")  # line 8
oracle.resize_plan((4,), size=2, coordinate_mode="align-corners")  # line 9
oracle.resize(x, size=2, mode="linear", coordinate_mode="half_pixel", nearest_mode="floor")
mode: oracle.ResizeMode = "cubic"
oracle.resize(x, size=2, mode=mode, coordinate_mode="tf_crop_and_resize", roi=[(0.0, 1.0)])
"""


def test_choices_are_the_literal_values() -> None:
    assert (
        oracle.MODES
        == typing.get_args(oracle.ResizeMode)
        == ("nearest", "linear", "cubic", "area", "box", "lanczos", "sampled_box")
    )
    assert typing.get_args(oracle.CoordinateMode) == oracle.COORDINATE_MODES
    assert typing.get_args(oracle.NearestMode) == oracle.NEAREST_MODES
    assert "half_pixel" in oracle.COORDINATE_MODES and "half-pixel" not in oracle.COORDINATE_MODES


CONTRACT_OPS = (
    "resize",
    "max_pool",
    "avg_pool",
    "adaptive_avg_pool",
    "adaptive_max_pool",
    "max_unpool",
    "conv",
    "conv_transpose",
    "pixel_shuffle",
    "pixel_unshuffle",
)


def test_the_public_names_and_no_module_behind_the_function() -> None:
    assert set(oracle.__all__) == {
        "resize",
        "resize_plan",
        "apply_plan",
        "axis_weights",
        "AxisPlan",
        "MODES",
        "COORDINATE_MODES",
        "NEAREST_MODES",
        "ResizeMode",
        "CoordinateMode",
        "NearestMode",
        *CONTRACT_OPS,
        "fcn_fuse",
        "fcn_fuse_resize",
        "bilinear_kernel",
        "FCN_VARIANTS",
    }
    for op in CONTRACT_OPS:  # every op of docs/contract.md, and no module behind it
        assert callable(getattr(oracle, op)) and importlib.util.find_spec(f"oracle.{op}") is None


@pytest.mark.slow
def test_mypy_strict_flags_a_misspelt_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = pytest.importorskip("mypy.api")
    user = tmp_path / "user_code.py"
    user.write_text(USER_CODE, encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", str(ROOT))
    stdout, stderr, status = api.run(
        [
            str(user),
            "--strict",
            "--config-file",
            "",
            "--python-version",
            "3.11",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / "typing_check"),
        ]
    )
    assert status == 1, stdout + stderr
    flagged = sorted(int(line.split(":")[1]) for line in stdout.splitlines() if ": error:" in line)
    assert flagged == [6, 7, 8, 9], stdout
    assert "Literal['half-pixel']" in stdout and "Literal['half_pixel'," in stdout
