"""Deliberately broken backends, one per real bug class.

Each wraps the oracle, injects one bug that real resize kernels have shipped,
and rounds its result to float32 as a float32 kernel would.  The meta-tests
check that the conformance suite reports every one of them.
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


BROKEN = {
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


def __getattr__(name: str) -> _Broken:
    """Each broken backend by name, for ``--backend tests.conformance.broken_backends:NAME``."""
    try:
        return BROKEN[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
