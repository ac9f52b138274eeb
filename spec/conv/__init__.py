"""Convolution chapter: arithmetic, transposed convolution, groups, checkerboard, pixel shuffle.

Importing this package registers every ``conv.*``, ``conv_transpose.*``,
``pixel_shuffle.*`` and ``equiv.onnx.pixel_shuffle.*`` derivation.
"""

import spec.conv.arithmetic
import spec.conv.cases
import spec.conv.checkerboard
import spec.conv.identities
import spec.conv.output_padding
import spec.conv.pixel_shuffle
import spec.conv.transpose  # noqa: F401
