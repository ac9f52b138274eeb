"""Resize chapter: interpolation kernels, coordinate maps, lengths, equivalences.

Importing this package registers every resize derivation.
"""

import spec.resize.antialias
import spec.resize.area
import spec.resize.coordinates
import spec.resize.cubic
import spec.resize.equivalences
import spec.resize.length
import spec.resize.linear
import spec.resize.nearest  # noqa: F401
