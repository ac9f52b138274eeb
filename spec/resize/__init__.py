"""Resize chapter: one module per concept.

Kernels (``linear``, ``cubic``, ``nearest``, ``antialias``, ``area``), coordinate maps
(``coordinates``), the length and scale of an axis (``length``, ``scale``), what happens at and
beyond the edges (``border``, ``exclude_outside``), NaN (``nan``), N-d as 1-D passes
(``separable``), and library equivalences (``equiv/torch.py``, ``equiv/tf.py``,
``equiv/scipy.py``, ``equiv/opencv.py``, ``equiv/pillow.py``, ``equiv/jax.py``).
Importing this package registers every resize derivation.
"""

import spec.resize.antialias
import spec.resize.area
import spec.resize.border
import spec.resize.box
import spec.resize.coordinates
import spec.resize.cubic
import spec.resize.equiv.jax
import spec.resize.equiv.opencv
import spec.resize.equiv.pillow
import spec.resize.equiv.scipy
import spec.resize.equiv.tf
import spec.resize.equiv.torch
import spec.resize.exclude_outside
import spec.resize.lanczos
import spec.resize.length
import spec.resize.linear
import spec.resize.nan
import spec.resize.nearest
import spec.resize.scale
import spec.resize.separable  # noqa: F401
