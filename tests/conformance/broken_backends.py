"""Deliberately broken backends, one per real bug class.

Each wraps the oracle, injects one bug that real kernels have shipped, and
rounds its result to float32 as a float32 kernel would.  The meta-tests check
that the conformance suite reports every one of them.  Resize bugs live in
:class:`_Broken`, convolution-family bugs in :class:`_BrokenConv`, pooling bugs
in :class:`_BrokenPool`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

import oracle
from oracle import apply_plan, resize_plan
from spec.pool import PoolGeometry, input_taps

__all__ = ["BROKEN"]


def _f32(y: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(y, dtype=np.float32).astype(np.float64)


@dataclass
class _Broken:
    """A float32 backend whose ``resize`` is the oracle's with one bug."""

    name: str
    bug: str
    dtype: str = "float32"

    def resize(self, x: NDArray[np.float64], **kw: Any) -> NDArray[np.float64]:
        return _f32(getattr(self, f"_{self.bug}")(np.asarray(x, dtype=np.float64), dict(kw)))

    @staticmethod
    def _shifted_half_pixel(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # pixel centres forgotten: half_pixel computed as the asymmetric map
        if kw.get("coordinate_mode", "half_pixel") == "half_pixel":
            kw["coordinate_mode"] = "asymmetric"
        return oracle.resize(x, **kw)

    @staticmethod
    def _align_corners_swapped(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        swap = {"align_corners": "half_pixel", "half_pixel": "align_corners"}
        mode = kw.get("coordinate_mode", "half_pixel")
        if kw.get("mode", "nearest") != "area":
            kw["coordinate_mode"] = swap.get(mode, mode)
        return oracle.resize(x, **kw)

    @staticmethod
    def _length_one(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # the out == 1 special case of align_corners / pytorch_half_pixel is missing
        want = oracle.resize(x, **kw)
        if 1 in want.shape[2:] and kw.get("coordinate_mode") in (
            "align_corners",
            "pytorch_half_pixel",
        ):
            kw["coordinate_mode"] = "half_pixel"
        return oracle.resize(x, **kw)

    @staticmethod
    def _scale_recomputed(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # scale_factor only sets the length; coordinates use size / in
        if kw.get("scale_factor") is not None:
            out = oracle.resize(x, **kw).shape[2:]
            kw.pop("scale_factor")
            kw["size"] = tuple(out)
        return oracle.resize(x, **kw)

    @staticmethod
    def _cubic_a_off(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        kw["cubic_a"] = kw.get("cubic_a", -0.75) * 1.01
        return oracle.resize(x, **kw)

    @staticmethod
    def _half_precision_inside(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # claims float32 but accumulates in float16
        y = oracle.resize(x.astype(np.float16).astype(np.float64), **kw)
        return y.astype(np.float16).astype(np.float64)

    @staticmethod
    def _antialias_ignored(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        kw.pop("antialias", None)
        return oracle.resize(x, **kw)

    @staticmethod
    def _nearest_ties_wrong(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        flip = {
            "round_prefer_floor": "round_prefer_ceil",
            "round_prefer_ceil": "round_prefer_floor",
        }
        nm = kw.get("nearest_mode", "round_prefer_floor")
        kw["nearest_mode"] = flip.get(nm, nm)
        return oracle.resize(x, **kw)

    @staticmethod
    def _batch_channel_mixup(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        y = oracle.resize(x, **kw)
        return np.swapaxes(y, 0, 1).reshape(y.shape)

    @staticmethod
    def _axis_order_3d(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # per-axis parameters applied to the axes in reverse order (d, h, w) -> (w, h, d)
        if x.ndim == 5:
            for key in ("size", "scale_factor", "roi"):
                if isinstance(kw.get(key), tuple):
                    kw[key] = tuple(reversed(kw[key]))
        return oracle.resize(x, **kw)

    @staticmethod
    def _weight_off_1e4(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # one linear tap weight carries a relative error of 1e-4
        extrapolation = kw.pop("extrapolation_value", 0.0)
        plans = resize_plan(tuple(x.shape[2:]), **kw)
        if kw.get("mode") == "linear" and not kw.get("antialias"):
            scale = np.ones(plans[0].weights.shape[1])
            scale[-1] += 1e-4
            plans = tuple(replace(p, weights=p.weights * scale) for p in plans)
        return apply_plan(x, plans, extrapolation)

    @staticmethod
    def _exclude_outside_ignored(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        kw.pop("exclude_outside", None)
        return oracle.resize(x, **kw)

    @staticmethod
    def _nan_dropped(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        return oracle.resize(np.nan_to_num(x), **kw)

    @staticmethod
    def _sampled_box_unstretched(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # the sampled box never stretched: nearest's one sample where it should average
        if kw.get("mode") == "sampled_box":
            kw.pop("antialias", None)
        return oracle.resize(x, **kw)

    @staticmethod
    def _sampled_box_closed(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # the stretched box closed at both ends: a sample exactly 1/(2s) away joins the
        # average (resize.sampled_box gives it to one side only)
        extrapolation = kw.pop("extrapolation_value", 0.0)
        plans = resize_plan(tuple(x.shape[2:]), **kw)
        if kw.get("mode") == "sampled_box" and kw.get("antialias"):
            plans = tuple(_closed_box(p, kw) for p in plans)
        return apply_plan(x, plans, extrapolation)

    @staticmethod
    def _box_as_area(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # box computed as adaptive average pooling: whole samples, no fractional areas
        if kw.get("mode") == "box":
            kw["mode"] = "area"
        return oracle.resize(x, **kw)

    @staticmethod
    def _lanczos_order_off(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # the order a read as a - 1 (a lanczos3 kernel on Lanczos-4 requests, ...)
        if kw.get("mode") == "lanczos" and kw.get("lanczos_a", 3) > 1:
            kw["lanczos_a"] = kw.get("lanczos_a", 3) - 1
        return oracle.resize(x, **kw)

    @staticmethod
    def _lanczos_unnormalised(x: NDArray[np.float64], kw: dict[str, Any]) -> Any:
        # Lanczos taps used as the kernel gives them, not divided by their sum
        extrapolation = kw.pop("extrapolation_value", 0.0)
        plans = resize_plan(tuple(x.shape[2:]), **kw)
        if kw.get("mode") == "lanczos":
            plans = tuple(_unnormalised(p, kw) for p in plans)
        return apply_plan(x, plans, extrapolation)


def _closed_box(plan: Any, kw: dict[str, Any]) -> Any:
    """The plan of the stretched sampled box with every sample ``j``, ``|j - x| <= 1/(2s)``,
    averaged (edge samples replicated, or dropped with exclude_outside)."""
    n, out = plan.in_length, plan.out_length
    scale = kw.get("scale_factor")
    s = Fraction(out, n) if scale is None else Fraction(scale if np.ndim(scale) == 0 else scale[0])
    r = 1 / (2 * min(s, Fraction(1)))
    rows = []
    for x in plan.source:
        taps = range(math.ceil(x - r), math.floor(x + r) + 1)
        if kw.get("exclude_outside"):
            taps = range(max(taps.start, 0), min(taps.stop, n))
        rows.append([min(max(j, 0), n - 1) for j in taps] or [0])
    width = max(len(row) for row in rows)
    indices = np.array([row + row[-1:] * (width - len(row)) for row in rows], dtype=np.intp)
    weights = np.array([[1 / len(row)] * len(row) + [0.0] * (width - len(row)) for row in rows])
    return replace(plan, indices=indices, weights=weights, active=weights > 0)


def _unnormalised(plan: Any, kw: dict[str, Any]) -> Any:
    """The plan's Lanczos weights times the raw sum of the ``2a`` kernel values around each
    source coordinate, which the spec divides away (interp.lanczos.weights)."""
    if plan.source is None or kw.get("antialias"):
        return plan
    a = int(kw.get("lanczos_a", 3))
    x = np.array([float(c) for c in plan.source])[:, None]
    taps = np.floor(x) + np.arange(1 - a, a + 1)[None, :]
    total = oracle.kernels.lanczos(taps - x, a).sum(axis=1, keepdims=True)
    return replace(plan, weights=plan.weights * total)


def _bfloat16(a: NDArray[np.float64]) -> NDArray[np.float64]:
    """Round to bfloat16 (nearest, ties to even) through float32's top 16 bits."""
    bits = np.asarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return rounded.astype(np.uint32).view(np.float32).astype(np.float64)


def _spatial_flip(w: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.flip(w, axis=tuple(range(2, w.ndim))).copy()


@dataclass
class _BrokenConv:
    """A float32 backend whose convolution family is the oracle's with one bug."""

    name: str
    bug: str
    dtype: str = "float32"

    def conv(self, x: Any, weight: Any, bias: Any = None, **kw: Any) -> Any:
        if self.bug == "groups_share_weights" and kw.get("groups", 1) > 1:
            g = kw["groups"]
            per = weight.shape[0] // g
            weight = np.concatenate([weight[:per]] * g, axis=0)
        if self.bug == "bias_dropped":
            bias = None
        if self.bug == "dilation_ignored":
            kw["dilation"] = 1
        if self.bug == "padding_swapped":
            kw["padding"] = _swap_pairs(kw.get("padding", 0))
        if self.bug == "bfloat16_inside":
            x, weight = _bfloat16(x), _bfloat16(weight)
            bias = None if bias is None else _bfloat16(bias)
            return _bfloat16(oracle.conv(x, weight, bias, **kw))
        return _f32(oracle.conv(x, weight, bias, **kw))

    def conv_transpose(self, x: Any, weight: Any, bias: Any = None, **kw: Any) -> Any:
        if self.bug == "kernel_not_flipped":
            weight = _spatial_flip(weight)
        if self.bug == "padding_swapped":
            kw["padding"] = _swap_pairs(kw.get("padding", 0))
        if self.bug == "output_padding_at_start":
            extra = kw.get("output_padding", 0)
            y = oracle.conv_transpose(x, weight, bias, **kw)
            ndim = x.ndim - 2
            extras = extra if isinstance(extra, tuple) else (extra,) * ndim
            for axis, e in enumerate(extras, start=2):
                y = np.roll(y, e, axis=axis)  # the extra outputs moved to the start
            return _f32(y)
        if self.bug == "off_by_one_output":
            y = oracle.conv_transpose(x, weight, bias, **kw)
            return _f32(np.roll(y, 1, axis=-1))
        return _f32(oracle.conv_transpose(x, weight, bias, **kw))

    def pixel_shuffle(self, x: Any, upscale_factor: int) -> Any:
        if self.bug != "dcr_order":
            return _f32(oracle.pixel_shuffle(x, upscale_factor))
        # ONNX DepthToSpace's default DCR order: the sub-position digits come before the
        # channel, y[n, c, h*r + i, w*r + j] = x[n, (i*r + j) * C + c, h, w]
        r, d = upscale_factor, x.ndim - 2
        n, channels = x.shape[:2]
        c = channels // r**d
        crd = x.reshape(n, r**d, c, *x.shape[2:]).swapaxes(1, 2).reshape(x.shape)
        return _f32(oracle.pixel_shuffle(crd, upscale_factor))


def _swap_pairs(padding: Any) -> Any:
    if isinstance(padding, tuple) and all(isinstance(p, tuple) for p in padding):
        return tuple((end, begin) for begin, end in padding)
    return padding


CONV_BUGS = (
    "kernel_not_flipped",
    "output_padding_at_start",
    "groups_share_weights",
    "bias_dropped",
    "dilation_ignored",
    "padding_swapped",
    "bfloat16_inside",
    "dcr_order",
    "off_by_one_output",
)


def _planes(x: NDArray[np.float64]) -> Any:
    """Every (n, c) plane of x with its index."""
    return np.ndindex(*x.shape[:2])


@dataclass
class _BrokenPool:
    """A float32 backend whose pooling family is the oracle's with one bug."""

    name: str
    bug: str
    dtype: str = "float32"

    def max_pool(self, x: Any, **kw: Any) -> Any:
        values, indices = oracle.max_pool(x, **kw)
        geometry = PoolGeometry.of(
            x.ndim - 2, kw["kernel_size"], kw.get("stride"), kw.get("padding", 0),
            kw.get("dilation", 1), kw.get("ceil_mode", False),
        )  # fmt: skip
        if self.bug == "ceil_keeps_padding_window" and kw.get("ceil_mode"):
            values = _grow_to_ceil(values, x.shape[2:], geometry)
            indices = _grow_to_ceil(indices, x.shape[2:], geometry)
        if self.bug == "padded_indices" and any(p != (0, 0) for p in geometry.padding):
            padded = tuple(
                n + b + e for n, (b, e) in zip(x.shape[2:], geometry.padding, strict=True)
            )
            coords = np.unravel_index(indices, x.shape[2:])
            shifted = tuple(c + b for c, (b, _) in zip(coords, geometry.padding, strict=True))
            indices = np.ravel_multi_index(shifted, padded)
        if self.bug == "nan_ignored":
            values, indices = oracle.max_pool(np.where(np.isnan(x), -np.inf, x), **kw)
        if self.bug == "ties_last":
            indices = _last_ties(x, values, indices, geometry)
        return _f32(values), indices

    def avg_pool(self, x: Any, **kw: Any) -> Any:
        if self.bug == "count_include_pad_inverted":
            kw["count_include_pad"] = not kw.get("count_include_pad", True)
        if (
            self.bug == "divisor_counts_overhang"
            and kw.get("ceil_mode")
            and kw.get("count_include_pad", True)
            and kw.get("divisor_override") is None
        ):
            sums = oracle.avg_pool(x, **{**kw, "divisor_override": 1})
            kernel = kw["kernel_size"]
            taps = math.prod(kernel) if isinstance(kernel, tuple) else kernel ** (x.ndim - 2)
            return _f32(sums / taps)
        return _f32(oracle.avg_pool(x, **kw))

    def adaptive_avg_pool(self, x: Any, *, output_size: Any) -> Any:
        if self.bug != "adaptive_end_floored":
            return _f32(oracle.adaptive_avg_pool(x, output_size=output_size))
        ndim = x.ndim - 2
        sizes = output_size if isinstance(output_size, tuple) else (output_size,) * ndim
        out = np.empty((*x.shape[:2], *sizes))
        for pos in np.ndindex(*sizes):
            window = []
            for i, n, o in zip(pos, x.shape[2:], sizes, strict=True):
                start = i * n // o
                window.append(slice(start, max((i + 1) * n // o, start + 1)))
            out[(..., *pos)] = x[(..., *window)].mean(axis=tuple(range(2, x.ndim)))
        return _f32(out)

    def max_unpool(self, x: Any, indices: Any, **kw: Any) -> Any:
        if self.bug == "unpool_size_ignored" and kw.pop("output_size", None) is not None:
            # the default size, whatever was asked; indices beyond it are dropped
            ndim = x.ndim - 2
            geometry = PoolGeometry.of(
                ndim, kw["kernel_size"], kw.get("stride"), kw.get("padding", 0)
            )
            sizes = tuple(
                (x.shape[2 + a] - 1) * geometry.stride[a]
                - sum(geometry.padding[a])
                + geometry.kernel_size[a]
                for a in range(ndim)
            )
            flat = np.zeros((*x.shape[:2], math.prod(sizes)))
            for n, c in _planes(x):
                keep = indices[n, c].ravel() < flat.shape[2]
                flat[n, c, indices[n, c].ravel()[keep]] = x[n, c].ravel()[keep]
            return _f32(flat.reshape(*x.shape[:2], *sizes))
        return _f32(oracle.max_unpool(x, indices, **kw))


def _grow_to_ceil(a: Any, shape: Any, geometry: Any) -> Any:
    """Append, on each axis where PyTorch's rule dropped it, the window starting in the padding."""
    for axis, n in enumerate(shape):
        k, s, d = geometry.kernel_size[axis], geometry.stride[axis], geometry.dilation[axis]
        pb, pe = geometry.padding[axis]
        span = n + pb + pe - d * (k - 1) - 1
        without_rule = -(-span // s) + 1
        if without_rule > a.shape[2 + axis]:
            last = np.take(a, [-1], axis=2 + axis)
            a = np.concatenate([a, last], axis=2 + axis)
    return a


def _last_ties(x: Any, values: Any, indices: Any, geometry: Any) -> Any:
    """The flat index of the LAST maximum of each window, where the oracle takes the first."""
    shape = x.shape[2:]
    out = np.array(indices, copy=True)
    for n, c in _planes(x):
        for pos in np.ndindex(*values.shape[2:]):
            best = values[(n, c, *pos)]
            taps = input_taps(pos, shape, geometry)
            same = [t for t in taps if x[(n, c, *t)] == best]
            if same:
                out[(n, c, *pos)] = np.ravel_multi_index(same[-1], shape)
    return out


POOL_BUGS = (
    "ceil_keeps_padding_window",
    "divisor_counts_overhang",
    "count_include_pad_inverted",
    "padded_indices",
    "nan_ignored",
    "ties_last",
    "adaptive_end_floored",
    "unpool_size_ignored",
)


BROKEN: dict[str, _Broken | _BrokenConv | _BrokenPool] = {
    bug: _Broken(name=f"broken-{bug}", bug=bug)
    for bug in (
        "shifted_half_pixel",
        "align_corners_swapped",
        "length_one",
        "scale_recomputed",
        "cubic_a_off",
        "half_precision_inside",
        "antialias_ignored",
        "nearest_ties_wrong",
        "batch_channel_mixup",
        "axis_order_3d",
        "weight_off_1e4",
        "exclude_outside_ignored",
        "nan_dropped",
        "box_as_area",
        "sampled_box_unstretched",
        "sampled_box_closed",
        "lanczos_order_off",
        "lanczos_unnormalised",
    )
}
BROKEN.update({bug: _BrokenConv(name=f"broken-{bug}", bug=bug) for bug in CONV_BUGS})
BROKEN.update({bug: _BrokenPool(name=f"broken-{bug}", bug=bug) for bug in POOL_BUGS})


def __getattr__(name: str) -> _Broken | _BrokenConv | _BrokenPool:
    """Each broken backend by name, for ``--backend tests.conformance.broken_backends:NAME``."""
    try:
        return BROKEN[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
