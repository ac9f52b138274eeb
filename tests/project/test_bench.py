"""``python -m bench`` runs every workload against both references and writes its report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_times_every_workload(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--repeat", "1", "--json", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [row["workload"] for row in rows] == [
        "nearest 128->256",
        "linear 128->256",
        "cubic 128->256",
        "antialias linear 256->64",
        "box 256->64",
        "antialias lanczos3 256->64",
        "antialias sampled_box 256->64",
        "conv_transpose 64->128 k4 s2",
        "conv 128 k3",
        "max_pool k3 s2 indices",
        "avg_pool k3 s2 p1",
        "adaptive_avg_pool 128->7",
        "fcn8s fusion 512^2 K21",
    ]
    for row in rows:
        assert row["oracle_s"] > 0 and row["torch_s"] > 0
        assert row["oracle_over_torch"] == row["oracle_s"] / row["torch_s"]
        # ONNX has no adaptive pooling, box, Lanczos or sampled box; its grouped
        # ConvTranspose would take minutes for FCN
        no_onnx = ("adaptive", "fcn", "box", "antialias lanczos", "antialias sampled_box")
        if row["workload"].startswith(no_onnx):
            assert row["onnx_reference_s"] is None and row["onnx_over_oracle"] is None
        else:
            assert row["onnx_reference_s"] > 0
    # Convolutions, pooling and FCN compare like with like: torch at float64, float32 beside it.
    # torch has no box or sampled box: the rows say which torch mode they are timed
    # against (its area, the same result at that ratio); Lanczos meets torch's own
    assert [row["torch_mode"] for row in rows[4:7]] == ["area", "lanczos", "area"]
    for row in rows[7:]:
        assert row["torch_dtype"] == "float64" and row["max_oracle_over_torch"] == 2.0
        assert row["oracle_over_torch_float32"] == row["oracle_s"] / row["torch_float32_s"]
    assert "targets:" in run.stdout
