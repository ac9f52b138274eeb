"""``python -m bench``: time oracle.resize against torch CPU and onnx.reference.

Workloads (issue targets in brackets): 1x16x128^2 -> 256^2 for nearest, linear
and cubic, and 1x16x256^2 -> 64^2 linear with antialias.  torch runs at
float32 on 2 threads; onnx.reference runs the ONNX Resize node at float32.
Each time is the median of ``--repeat`` runs after one warm-up; the oracle
and torch run in alternation.  With ``--check`` the exit status is 1 unless
the oracle is within 3x of torch and faster than onnx.reference on every
workload.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import oracle


@dataclass(frozen=True)
class Workload:
    """One benchmark: input shape, output size and the resize convention."""

    name: str
    shape: tuple[int, ...]
    size: tuple[int, int]
    mode: str
    antialias: bool = False

    def oracle_kwargs(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"size": self.size, "mode": self.mode}
        if self.mode == "nearest":
            kw.update(coordinate_mode="asymmetric", nearest_mode="floor")
        if self.antialias:
            kw.update(antialias=True, exclude_outside=True)
        return kw


WORKLOADS = (
    Workload("nearest 128->256", (1, 16, 128, 128), (256, 256), "nearest"),
    Workload("linear 128->256", (1, 16, 128, 128), (256, 256), "linear"),
    Workload("cubic 128->256", (1, 16, 128, 128), (256, 256), "cubic"),
    Workload("antialias linear 256->64", (1, 16, 256, 256), (64, 64), "linear", True),
)


def _median_times(fns: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """The median time of each function over ``repeat`` rounds, after one warm-up round.

    Each round runs every function once, in turn, so that a slow spell of the
    machine weighs on all of them alike and the ratios stay fair.
    """
    for fn in fns:
        fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, times in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in samples]


def _torch_fn(w: Workload, x: np.ndarray[Any, Any]) -> Callable[[], object]:
    import torch
    import torch.nn.functional as F  # noqa: N812 - the conventional name

    torch.set_num_threads(2)
    t = torch.from_numpy(x.astype(np.float32))
    mode = {"nearest": "nearest", "linear": "bilinear", "cubic": "bicubic"}[w.mode]
    align = None if w.mode == "nearest" else False
    return lambda: F.interpolate(
        t, size=w.size, mode=mode, align_corners=align, antialias=w.antialias
    )


def _onnx_fn(w: Workload, x: np.ndarray[Any, Any]) -> Callable[[], object]:
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    attrs: dict[str, Any] = {"mode": w.mode, "coordinate_transformation_mode": "half_pixel"}
    if w.mode == "nearest":
        attrs.update(coordinate_transformation_mode="asymmetric", nearest_mode="floor")
    if w.antialias:
        attrs.update(antialias=1, exclude_outside=1)
    node = helper.make_node("Resize", ["X", "", "", "sizes"], ["Y"], **attrs)
    graph = helper.make_graph(
        [node],
        "resize",
        [
            helper.make_tensor_value_info("X", TensorProto.FLOAT, None),
            helper.make_tensor_value_info("sizes", TensorProto.INT64, [4]),
        ],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    evaluator = ReferenceEvaluator(model)
    feeds = {"X": x.astype(np.float32), "sizes": np.array([*x.shape[:2], *w.size], dtype=np.int64)}
    return lambda: evaluator.run(None, feeds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--check", action="store_true", help="fail unless the targets hold")
    parser.add_argument("--json", default="reports/bench.json", help="where to write results")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    rows = []
    ok = True
    print(
        f"{'workload':28} {'oracle ms':>10} {'torch ms':>9} {'onnx ms':>9} "
        f"{'oracle/torch':>13} {'onnx/oracle':>12}"
    )
    for w in WORKLOADS:
        x = rng.standard_normal(w.shape)
        kw = w.oracle_kwargs()
        t_oracle, t_torch = _median_times(
            [functools.partial(oracle.resize, x, **kw), _torch_fn(w, x)], args.repeat
        )
        (t_onnx,) = _median_times([_onnx_fn(w, x)], max(1, args.repeat // 3))
        vs_torch, vs_onnx = t_oracle / t_torch, t_onnx / t_oracle
        ok = ok and vs_torch <= 3.0 and vs_onnx > 1.0
        rows.append(
            {
                "workload": w.name,
                "oracle_s": t_oracle,
                "torch_s": t_torch,
                "onnx_reference_s": t_onnx,
                "oracle_over_torch": vs_torch,
                "onnx_over_oracle": vs_onnx,
            }
        )
        print(
            f"{w.name:28} {t_oracle * 1e3:10.2f} {t_torch * 1e3:9.2f} {t_onnx * 1e3:9.2f} "
            f"{vs_torch:13.2f} {vs_onnx:12.1f}"
        )
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print("targets: oracle/torch <= 3, onnx/oracle > 1:", "met" if ok else "NOT met")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
