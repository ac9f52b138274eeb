"""Convolution chapter: arithmetic, transposed convolution, groups, checkerboard, pixel shuffle.

Importing this package registers every ``conv.*``, ``conv_transpose.*``,
``pixel_shuffle.*`` and ``equiv.onnx.pixel_shuffle.*`` derivation, and exposes the exact
helpers that the oracle's tests compare against: index maps, lengths, matrices with
symbolic weights, overlap counts and pixel-shuffle index maps.
"""

import spec.conv.arithmetic
import spec.conv.cases
import spec.conv.checkerboard
import spec.conv.identities
import spec.conv.nan
import spec.conv.output_padding
import spec.conv.pixel_shuffle
import spec.conv.transpose  # noqa: F401
from spec.conv.checkerboard import checkerboard_counts, overlap_period
from spec.conv.identities import subpixel_end_padding, subpixel_geometry, subpixel_tap
from spec.conv.maps import (
    conv_matrix,
    index_map,
    output_padding_limit,
    transpose_index_map,
    transpose_matrix,
    transpose_output_length,
    weight_symbol,
)
from spec.conv.output_padding import (
    output_padding_for_size,
    tf_transpose_same,
    transpose_same_padding,
)
from spec.conv.pixel_shuffle import (
    channel_count,
    depth_to_space_dcr_index,
    pixel_shuffle_index,
    pixel_unshuffle_index,
    space_to_depth_index,
)
from spec.conv.transpose import flipped_weight_index, stretched_length, zero_insertion_padding

__all__ = [
    "channel_count",
    "checkerboard_counts",
    "conv_matrix",
    "depth_to_space_dcr_index",
    "flipped_weight_index",
    "index_map",
    "output_padding_for_size",
    "output_padding_limit",
    "overlap_period",
    "pixel_shuffle_index",
    "pixel_unshuffle_index",
    "space_to_depth_index",
    "stretched_length",
    "subpixel_end_padding",
    "subpixel_geometry",
    "subpixel_tap",
    "tf_transpose_same",
    "transpose_index_map",
    "transpose_matrix",
    "transpose_output_length",
    "transpose_same_padding",
    "weight_symbol",
    "zero_insertion_padding",
]
