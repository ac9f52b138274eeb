"""Window chapter: the sliding window shared by convolution and pooling.

Importing this package registers ``window.output_length``, ``window.ceil_mode``,
``window.padding`` and ``window.same``.
"""

from spec.window.length import admitted_windows, effective_kernel, output_length
from spec.window.padding import (
    SAME_MODES,
    onnx_pads,
    padding_pairs,
    pairs_from_onnx_pads,
    same_padding,
    tf_explicit_paddings,
)

__all__ = [
    "SAME_MODES",
    "admitted_windows",
    "effective_kernel",
    "onnx_pads",
    "output_length",
    "padding_pairs",
    "pairs_from_onnx_pads",
    "same_padding",
    "tf_explicit_paddings",
]
