"""Deliberately broken backends, one per real bug class.

Each wraps the oracle, injects one bug that real kernels have shipped, and
rounds its result to float32 as a float32 kernel would.  The meta-tests check
that the conformance suite reports every one of them.  Resize bugs live in
:class:`_Broken`, convolution-family bugs in :class:`_BrokenConv`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

import oracle
from oracle import apply_plan, resize_plan

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

BROKEN: dict[str, _Broken | _BrokenConv] = {
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
    )
}
BROKEN.update({bug: _BrokenConv(name=f"broken-{bug}", bug=bug) for bug in CONV_BUGS})


def __getattr__(name: str) -> _Broken | _BrokenConv:
    """Each broken backend by name, for ``--backend tests.conformance.broken_backends:NAME``."""
    try:
        return BROKEN[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
