"""``python -m bench``: time the oracle against torch CPU and onnx.reference.

Resize workloads: 1x16x128^2 -> 256^2 for nearest, linear and cubic, and
1x16x256^2 -> 64^2 linear with antialias, box, Lanczos (a = 3) with
antialias and the sampled box with antialias.  torch runs at float32 on 2
threads; onnx.reference runs the ONNX Resize node at float32.  Target: the
oracle within 3x of torch float32.  Lanczos is timed against torch's
``mode="lanczos"`` (a = 3, antialias).  torch has neither box nor the sampled
box: box 256 -> 64 is timed against torch's area, which gives the same result
at that integer ratio (resize.box.area), as is the sampled box (Pillow's BOX,
resize.sampled_box), whose boxes tile the input in runs of 4 there.  ONNX has
none of the three, so onnx.reference does not run them.

Convolution workloads: conv_transpose 1x16x64^2, 16 -> 16 channels, kernel 4,
stride 2, padding 1; conv 1x16x128^2, 16 -> 16 channels, kernel 3, padding 1.
These are compute-bound, and float64 matrix products run at about half the
rate of float32 ones, so the target compares like with like: the oracle
within 2x of torch float64 (2 threads).  The ratio to torch float32 is
reported too; onnx.reference runs the ConvTranspose or Conv node at float64.

Pooling workloads, each on 1x16x128^2: max_pool with kernel 3, stride 2 and
its indices; avg_pool with kernel 3, stride 2, padding 1; adaptive_avg_pool to
7^2.  Pooling is memory-bound and the oracle computes in float64, so the
target is again within 2x of torch float64 (2 threads), with the ratio to
torch float32 reported beside it; onnx.reference runs MaxPool (with its
Indices output) and AveragePool at float64, and has no adaptive pooling.

FCN fusion workload: FCN-8s's head for a 512x512 input with 21 classes
(oracle.fcn_fuse: score_fr 17^2, score_pool4 45^2, score_pool3 89^2), against
the same composition in torch at float64 and float32: transposed convolutions
with groups = 21 and each class's bilinear kernel, crops and adds.  The
target is the conv one: within 2x of torch float64.  onnx.reference is not
run for it (its grouped ConvTranspose would take minutes).

torch runs on 2 threads, and so do NumPy's matrix products: the package sets
``OPENBLAS_NUM_THREADS`` (and MKL's and OpenMP's) to 2 unless already set,
before NumPy loads.  Each time is the median of ``--repeat`` runs after a
warm-up of at least 3 rounds and a quarter of a second; the oracle and torch
run in alternation.  onnx.reference, far slower, runs a third as many times,
without a warm-up, and stops early once it has run for 10 seconds.  Every
workload must also be faster in the oracle than in onnx.reference where ONNX
has the op.  With ``--check`` the exit status is 1 unless every target holds.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import oracle
from spec.fcn import blob_sizes, caffe_crop_offsets, upsampling


@dataclass(frozen=True)
class Workload:
    """One resize benchmark: input shape, output size and the resize convention."""

    name: str
    shape: tuple[int, ...]
    size: tuple[int, int]
    mode: str
    antialias: bool = False

    @property
    def torch_mode(self) -> str:
        """The ``F.interpolate`` mode timed beside the oracle (see the module docstring)."""
        return {
            "nearest": "nearest",
            "linear": "bilinear",
            "cubic": "bicubic",
            "box": "area",
            "lanczos": "lanczos",
            "sampled_box": "area",
        }[self.mode]

    @property
    def in_onnx(self) -> bool:
        """Whether ONNX's Resize has the mode."""
        return self.mode in ("nearest", "linear", "cubic")

    def oracle_kwargs(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"size": self.size, "mode": self.mode}
        if self.mode == "sampled_box":  # Pillow's BOX
            kw.update(nearest_mode="round_prefer_ceil")
        elif self.mode == "nearest":
            kw.update(coordinate_mode="asymmetric", nearest_mode="floor")
        if self.antialias:
            kw.update(antialias=True, exclude_outside=True)
        return kw


WORKLOADS = (
    Workload("nearest 128->256", (1, 16, 128, 128), (256, 256), "nearest"),
    Workload("linear 128->256", (1, 16, 128, 128), (256, 256), "linear"),
    Workload("cubic 128->256", (1, 16, 128, 128), (256, 256), "cubic"),
    Workload("antialias linear 256->64", (1, 16, 256, 256), (64, 64), "linear", True),
    Workload("box 256->64", (1, 16, 256, 256), (64, 64), "box"),
    Workload("antialias lanczos3 256->64", (1, 16, 256, 256), (64, 64), "lanczos", True),
    Workload("antialias sampled_box 256->64", (1, 16, 256, 256), (64, 64), "sampled_box", True),
)


@dataclass(frozen=True)
class ConvWorkload:
    """One 2-D convolution benchmark: ``op`` is "conv" or "conv_transpose"."""

    name: str
    op: str
    shape: tuple[int, int, int, int]
    out_channels: int
    kernel: int
    stride: int
    padding: int

    def weight_shape(self) -> tuple[int, int, int, int]:
        """PyTorch's layouts: (C_out, C_in, k, k) for conv, (C_in, C_out, k, k) transposed."""
        pair = (self.out_channels, self.shape[1])
        if self.op == "conv_transpose":
            pair = pair[::-1]
        return (*pair, self.kernel, self.kernel)


CONV_WORKLOADS = (
    ConvWorkload("conv_transpose 64->128 k4 s2", "conv_transpose", (1, 16, 64, 64), 16, 4, 2, 1),
    ConvWorkload("conv 128 k3", "conv", (1, 16, 128, 128), 16, 3, 1, 1),
)


@dataclass(frozen=True)
class FcnWorkload:
    """One FCN fusion benchmark: the variant, the input size and the number of classes."""

    name: str
    variant: str
    input_size: tuple[int, int]
    classes: int


FCN_WORKLOADS = (FcnWorkload("fcn8s fusion 512^2 K21", "fcn8s", (512, 512), 21),)

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class PoolWorkload:
    """One 2-D pooling benchmark: ``op`` is "max_pool", "avg_pool" or "adaptive_avg_pool"."""

    name: str
    op: str
    shape: tuple[int, int, int, int]
    kernel: int = 0
    stride: int = 0
    padding: int = 0
    output_size: int = 0

    def oracle_fn(self, x: Array) -> Callable[[], object]:
        if self.op == "adaptive_avg_pool":
            return functools.partial(oracle.adaptive_avg_pool, x, output_size=self.output_size)
        op = oracle.max_pool if self.op == "max_pool" else oracle.avg_pool
        return functools.partial(
            op, x, kernel_size=self.kernel, stride=self.stride, padding=self.padding
        )


POOL_WORKLOADS = (
    PoolWorkload("max_pool k3 s2 indices", "max_pool", (1, 16, 128, 128), 3, 2),
    PoolWorkload("avg_pool k3 s2 p1", "avg_pool", (1, 16, 128, 128), 3, 2, 1),
    PoolWorkload("adaptive_avg_pool 128->7", "adaptive_avg_pool", (1, 16, 128, 128), output_size=7),
)


_WARM_UP_ROUNDS = 3
_WARM_UP_S = 0.25


def _median_times(
    fns: Sequence[Callable[[], object]],
    repeat: int,
    budget_s: float = math.inf,
    *,
    warm_up: bool = True,
) -> list[float]:
    """The median time of each function over ``repeat`` rounds, after the warm-up rounds.

    The warm-up runs at least ``_WARM_UP_ROUNDS`` rounds and at least
    ``_WARM_UP_S`` seconds: the first few calls of a workload pay for the
    memory the process has not yet touched, several times over for the first
    workload of a run, and one round did not absorb that.

    Each round runs every function once, in turn, so that a slow spell of the
    machine weighs on all of them alike and the ratios stay fair.  Rounds
    stop early, after at least one, once ``budget_s`` seconds have passed
    since the first began.
    """
    began = time.perf_counter()
    warm_rounds = 0
    while warm_up and (warm_rounds < _WARM_UP_ROUNDS or time.perf_counter() - began < _WARM_UP_S):
        for fn in fns:
            fn()
        warm_rounds += 1
    began = time.perf_counter()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, times in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        if time.perf_counter() - began > budget_s:
            break
    return [statistics.median(times) for times in samples]


def _onnx_median(run: Callable[[], object], repeat: int) -> float:
    """onnx.reference is slow: a third of the rounds, within a 10-second budget.

    No warm-up round: the evaluator compiles nothing, and one of its
    convolutions takes seconds; the median absorbs a slow first run.
    """
    (median,) = _median_times([run], max(1, repeat // 3), budget_s=10.0, warm_up=False)
    return median


def _torch_resize_fn(w: Workload, x: Array) -> Callable[[], object]:
    import torch
    import torch.nn.functional as F  # noqa: N812 - the conventional name

    torch.set_num_threads(2)
    t = torch.from_numpy(x.astype(np.float32))
    mode = w.torch_mode
    align = None if mode in ("nearest", "area") else False
    antialias = w.antialias and mode != "area"  # area needs no antialias
    return lambda: F.interpolate(
        t, size=w.size, mode=mode, align_corners=align, antialias=antialias
    )


def _torch_conv_fn(w: ConvWorkload, x: Array, weight: Array, dtype: str) -> Callable[[], object]:
    import torch
    import torch.nn.functional as F  # noqa: N812 - the conventional name

    torch.set_num_threads(2)
    fn = F.conv2d if w.op == "conv" else F.conv_transpose2d
    tx, tw = (torch.from_numpy(a.astype(dtype)) for a in (x, weight))
    return lambda: fn(tx, tw, stride=w.stride, padding=w.padding)


def _fcn_maps(w: FcnWorkload, rng: np.random.Generator) -> dict[str, Array]:
    """Score maps of the lengths the reference net gives ``w.input_size`` (spec.fcn)."""
    per_axis = [blob_sizes(w.variant, n) for n in w.input_size]
    names = ["score_fr", "score_pool4", "score_pool3"][: len(upsampling(w.variant))]
    return {
        name: rng.standard_normal((1, w.classes, *(sizes[name] for sizes in per_axis)))
        for name in names
    }


def _torch_fcn_fn(w: FcnWorkload, maps: dict[str, Array], dtype: str) -> Callable[[], object]:
    """The reference head in torch: grouped transposed convolutions with the bilinear kernel,
    crops at the spec's offsets and adds."""
    import torch
    import torch.nn.functional as F  # noqa: N812 - the conventional name

    torch.set_num_threads(2)
    scores = [torch.from_numpy(a.astype(dtype)) for a in maps.values()]
    steps = []
    for (_, kernel, stride), offset in zip(
        upsampling(w.variant), caffe_crop_offsets(w.variant).values(), strict=True
    ):
        filt = torch.from_numpy(oracle.bilinear_kernel(kernel, 2).astype(dtype))
        steps.append((filt.expand(w.classes, 1, kernel, kernel).contiguous(), stride, offset))

    def run() -> object:
        fused = scores[0]
        for n, (weight, stride, offset) in enumerate(steps):
            up = F.conv_transpose2d(fused, weight, stride=stride, groups=w.classes)
            lengths = w.input_size if n == len(steps) - 1 else up.shape[2:]
            crop = (slice(offset, offset + lengths[0]), slice(offset, offset + lengths[1]))
            fused = up[(..., *crop)] if n == len(steps) - 1 else up + scores[n + 1][(..., *crop)]
        return fused

    return run


def _onnx_run(
    node: Any, feeds: dict[str, Array], extra_outputs: Sequence[tuple[str, Any]] = ()
) -> Callable[[], object]:
    """Run one ONNX node in onnx.reference, with the inputs ``feeds``, the output Y (of the
    first input's type) and ``extra_outputs``, (name, ONNX element type) pairs."""
    from onnx import helper
    from onnx.reference import ReferenceEvaluator

    inputs = [
        helper.make_tensor_value_info(name, helper.np_dtype_to_tensor_dtype(a.dtype), None)
        for name, a in feeds.items()
    ]
    outputs = [
        helper.make_tensor_value_info(name, elem_type, None)
        for name, elem_type in [("Y", inputs[0].type.tensor_type.elem_type), *extra_outputs]
    ]
    graph = helper.make_graph([node], node.op_type, inputs, outputs)
    evaluator = ReferenceEvaluator(
        helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    )
    return lambda: evaluator.run(None, feeds)


def _onnx_resize_fn(w: Workload, x: Array) -> Callable[[], object]:
    from onnx import helper

    attrs: dict[str, Any] = {"mode": w.mode, "coordinate_transformation_mode": "half_pixel"}
    if w.mode == "nearest":
        attrs.update(coordinate_transformation_mode="asymmetric", nearest_mode="floor")
    if w.antialias:
        attrs.update(antialias=1, exclude_outside=1)
    node = helper.make_node("Resize", ["X", "", "", "sizes"], ["Y"], **attrs)
    sizes = np.array([*x.shape[:2], *w.size], dtype=np.int64)
    return _onnx_run(node, {"X": x.astype(np.float32), "sizes": sizes})


def _onnx_conv_fn(w: ConvWorkload, x: Array, weight: Array) -> Callable[[], object]:
    from onnx import helper

    node = helper.make_node(
        "Conv" if w.op == "conv" else "ConvTranspose",
        ["X", "W"],
        ["Y"],
        kernel_shape=[w.kernel] * 2,
        strides=[w.stride] * 2,
        pads=[w.padding] * 4,
    )
    return _onnx_run(node, {"X": x, "W": weight})


def _torch_pool_fn(w: PoolWorkload, x: Array, dtype: str) -> Callable[[], object]:
    import torch
    import torch.nn.functional as F  # noqa: N812 - the conventional name

    torch.set_num_threads(2)
    t = torch.from_numpy(x.astype(dtype))
    if w.op == "max_pool":
        return lambda: F.max_pool2d(t, w.kernel, w.stride, w.padding, return_indices=True)
    if w.op == "avg_pool":
        return lambda: F.avg_pool2d(t, w.kernel, w.stride, w.padding)
    return lambda: F.adaptive_avg_pool2d(t, w.output_size)


def _onnx_pool_fn(w: PoolWorkload, x: Array) -> Callable[[], object] | None:
    """MaxPool with its Indices output, or AveragePool counting the padding, as torch's
    default; None for adaptive pooling, which ONNX does not have."""
    from onnx import TensorProto, helper

    attrs: dict[str, Any] = {
        "kernel_shape": [w.kernel] * 2,
        "strides": [w.stride] * 2,
        "pads": [w.padding] * 4,
    }
    if w.op == "max_pool":
        node = helper.make_node("MaxPool", ["X"], ["Y", "Indices"], **attrs)
        return _onnx_run(node, {"X": x}, [("Indices", TensorProto.INT64)])
    if w.op == "avg_pool":
        node = helper.make_node("AveragePool", ["X"], ["Y"], count_include_pad=1, **attrs)
        return _onnx_run(node, {"X": x})
    return None


def _resize_row(w: Workload, rng: np.random.Generator, repeat: int) -> dict[str, Any]:
    """Time one resize workload; the target compares with torch at float32."""
    x = rng.standard_normal(w.shape)
    t_oracle, t_torch = _median_times(
        [functools.partial(oracle.resize, x, **w.oracle_kwargs()), _torch_resize_fn(w, x)], repeat
    )
    t_onnx = _onnx_median(_onnx_resize_fn(w, x), repeat) if w.in_onnx else None
    return {
        "workload": w.name,
        "torch_mode": w.torch_mode,
        "oracle_s": t_oracle,
        "torch_s": t_torch,
        "torch_dtype": "float32",
        "onnx_reference_s": t_onnx,
        "oracle_over_torch": t_oracle / t_torch,
        "onnx_over_oracle": None if t_onnx is None else t_onnx / t_oracle,
        "max_oracle_over_torch": 3.0,
    }


def _conv_row(w: ConvWorkload, rng: np.random.Generator, repeat: int) -> dict[str, Any]:
    """Time one convolution workload; the target compares with torch at float64."""
    x, weight = rng.standard_normal(w.shape), rng.standard_normal(w.weight_shape())
    op = oracle.conv if w.op == "conv" else oracle.conv_transpose
    t_oracle, t_torch, t_torch32 = _median_times(
        [
            functools.partial(op, x, weight, stride=w.stride, padding=w.padding),
            _torch_conv_fn(w, x, weight, "float64"),
            _torch_conv_fn(w, x, weight, "float32"),
        ],
        repeat,
    )
    t_onnx = _onnx_median(_onnx_conv_fn(w, x, weight), repeat)
    return _float64_row(w.name, t_oracle, t_torch, t_torch32, t_onnx)


def _float64_row(
    name: str, t_oracle: float, t_torch: float, t_torch32: float, t_onnx: float | None
) -> dict[str, Any]:
    """A row whose target compares with torch at float64 (2x), float32 reported beside it;
    ``t_onnx`` is None where ONNX has no such op."""
    return {
        "workload": name,
        "oracle_s": t_oracle,
        "torch_s": t_torch,
        "torch_dtype": "float64",
        "onnx_reference_s": t_onnx,
        "oracle_over_torch": t_oracle / t_torch,
        "onnx_over_oracle": None if t_onnx is None else t_onnx / t_oracle,
        "max_oracle_over_torch": 2.0,
        "torch_float32_s": t_torch32,
        "oracle_over_torch_float32": t_oracle / t_torch32,
    }


def _pool_row(w: PoolWorkload, rng: np.random.Generator, repeat: int) -> dict[str, Any]:
    """Time one pooling workload; the target compares with torch at float64."""
    x = rng.standard_normal(w.shape)
    t_oracle, t_torch, t_torch32 = _median_times(
        [w.oracle_fn(x), _torch_pool_fn(w, x, "float64"), _torch_pool_fn(w, x, "float32")],
        repeat,
    )
    onnx_fn = _onnx_pool_fn(w, x)
    t_onnx = None if onnx_fn is None else _onnx_median(onnx_fn, repeat)
    return _float64_row(w.name, t_oracle, t_torch, t_torch32, t_onnx)


def _fcn_row(w: FcnWorkload, rng: np.random.Generator, repeat: int) -> dict[str, Any]:
    """Time one FCN fusion; the target compares with torch at float64, as for convolutions.

    onnx.reference is not run: its grouped ConvTranspose would take minutes."""
    maps = _fcn_maps(w, rng)
    t_oracle, t_torch, t_torch32 = _median_times(
        [
            functools.partial(oracle.fcn_fuse, w.variant, *maps.values(), input_size=w.input_size),
            _torch_fcn_fn(w, maps, "float64"),
            _torch_fcn_fn(w, maps, "float32"),
        ],
        repeat,
    )
    return _float64_row(w.name, t_oracle, t_torch, t_torch32, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--check", action="store_true", help="fail unless the targets hold")
    parser.add_argument("--json", default="reports/bench.json", help="where to write results")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    print(
        f"{'workload':30} {'oracle ms':>10} {'torch ms':>9} {'torch at':>8} {'onnx ms':>9} "
        f"{'oracle/torch':>13} {'target':>7} {'oracle/f32':>11} {'onnx/oracle':>12}"
    )
    rows = []
    for row in [
        *(_resize_row(w, rng, args.repeat) for w in WORKLOADS),
        *(_conv_row(w, rng, args.repeat) for w in CONV_WORKLOADS),
        *(_pool_row(w, rng, args.repeat) for w in POOL_WORKLOADS),
        *(_fcn_row(w, rng, args.repeat) for w in FCN_WORKLOADS),
    ]:
        rows.append(row)
        f32 = row.get("oracle_over_torch_float32", row["oracle_over_torch"])
        onnx_ms, onnx_ratio = row["onnx_reference_s"], row["onnx_over_oracle"]
        print(
            f"{row['workload']:30} {row['oracle_s'] * 1e3:10.2f} {row['torch_s'] * 1e3:9.2f} "
            f"{row['torch_dtype']:>8} {'-' if onnx_ms is None else f'{onnx_ms * 1e3:.2f}':>9} "
            f"{row['oracle_over_torch']:13.2f} {'<= ' + str(row['max_oracle_over_torch']):>7} "
            f"{f32:11.2f} {'-' if onnx_ratio is None else f'{onnx_ratio:.1f}':>12}"
        )
    ok = all(
        row["oracle_over_torch"] <= row["max_oracle_over_torch"]
        and (row["onnx_over_oracle"] is None or row["onnx_over_oracle"] > 1.0)
        for row in rows
    )
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(
        "targets: oracle/torch <= 3 (resize, torch float32), <= 2 (conv, pooling and FCN, "
        "torch float64), onnx/oracle > 1 where onnx.reference runs:",
        "met" if ok else "NOT met",
    )
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
