"""Pool chapter: max, average and adaptive pooling, max-unpooling, receptive fields.

Window lengths, ``ceil_mode`` and SAME padding are the window chapter's
(``window.output_length``, ``window.ceil_mode``, ``window.same``); this chapter says what a
pooling does inside its windows.  Importing this package registers ``pool.avg.divisor``,
``pool.max.ties``, ``pool.max.nan``, ``pool.max.indices``, ``pool.adaptive.windows``,
``pool.avg.as_conv``, ``pool.global``, ``pool.unpool.scatter``, ``pool.unpool.roundtrip`` and
``pool.receptive_field``.  Every helper is exact and pure, for the oracle's tests to compare
against.
"""

import spec.pool.identities  # noqa: F401
from spec.pool.adaptive import adaptive_avg_pool_plane, adaptive_max_pool_plane, adaptive_window
from spec.pool.divisor import avg_axis_divisor, avg_divisor, avg_pool_plane, tap_count
from spec.pool.geometry import (
    PoolGeometry,
    Position,
    flat_index,
    input_taps,
    pool_shape,
    unflat_index,
    window_positions,
    window_taps,
)
from spec.pool.max import max_pool_plane, max_select, onnx_max_pool_index, plane_index_from_onnx
from spec.pool.receptive_field import VGG16_POOL5, Layer, ReceptiveField, receptive_field
from spec.pool.unpool import max_unpool_plane, unpool_default_length, unpool_valid_lengths

__all__ = [
    "VGG16_POOL5",
    "Layer",
    "PoolGeometry",
    "Position",
    "ReceptiveField",
    "adaptive_avg_pool_plane",
    "adaptive_max_pool_plane",
    "adaptive_window",
    "avg_axis_divisor",
    "avg_divisor",
    "avg_pool_plane",
    "flat_index",
    "input_taps",
    "max_pool_plane",
    "max_select",
    "max_unpool_plane",
    "onnx_max_pool_index",
    "plane_index_from_onnx",
    "pool_shape",
    "receptive_field",
    "tap_count",
    "unflat_index",
    "unpool_default_length",
    "unpool_valid_lengths",
    "window_positions",
    "window_taps",
]
