"""Former home of the library equivalences, now one module per library in
:mod:`spec.resize.equiv`; its public names stay importable from here."""

from spec._exact import float32
from spec.resize.equiv.scipy import scipy_zoom_coordinate, scipy_zoom_length
from spec.resize.equiv.tf import tf1_bilinear_weights, tf1_nearest_index
from spec.resize.equiv.torch import torch_nearest_exact_index, torch_nearest_index

__all__ = [
    "float32",
    "scipy_zoom_coordinate",
    "scipy_zoom_length",
    "tf1_bilinear_weights",
    "tf1_nearest_index",
    "torch_nearest_exact_index",
    "torch_nearest_index",
]
