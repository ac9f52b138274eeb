"""FCN chapter: coordinate maps, the reference nets' crop offsets and blob lengths, the
bilinear kernel and its resize identity, the seed's example and the score maps' fields.

Importing this package registers ``fcn.coord_map``, ``fcn.caffe.offsets``,
``fcn.caffe.blob_sizes``, ``fcn.bilinear.kernel``, ``fcn.bilinear.identity``,
``fcn.seed_example`` and ``fcn.receptive_field``, and exposes the spec API that outside
checks call: :func:`caffe_crop_offsets` and :func:`blob_sizes`.
"""

import spec.fcn.bilinear
import spec.fcn.coord_map
import spec.fcn.identity
import spec.fcn.offsets
import spec.fcn.receptive_field
import spec.fcn.seed
import spec.fcn.sizes  # noqa: F401
from spec.fcn.bilinear import bilinear_factor, upsample_filt, upsample_filt_nd
from spec.fcn.coord_map import CoordMap, conv_map, crop_map, crop_offset, deconv_map
from spec.fcn.identity import edge_correction, identity_geometry
from spec.fcn.nets import VARIANTS, layers, upsampling
from spec.fcn.offsets import blob_maps, caffe_crop_offsets
from spec.fcn.receptive_field import field_of, receptive_fields
from spec.fcn.seed import seed_blob_sizes
from spec.fcn.sizes import blob_sizes, caffe_pool_length, closed_forms, crop_margins

__all__ = [
    "VARIANTS",
    "CoordMap",
    "bilinear_factor",
    "blob_maps",
    "blob_sizes",
    "caffe_crop_offsets",
    "caffe_pool_length",
    "closed_forms",
    "conv_map",
    "crop_map",
    "crop_margins",
    "crop_offset",
    "deconv_map",
    "edge_correction",
    "field_of",
    "identity_geometry",
    "layers",
    "receptive_fields",
    "seed_blob_sizes",
    "upsample_filt",
    "upsample_filt_nd",
    "upsampling",
]
