"""Every paper, standard and library source the spec cites, each defined once.

A constant here names a source (who, what, where, when); a derivation cites it at a place
with :meth:`~spec.core.Reference.at`, e.g. ``KEYS_1981.at("eq. (4)")``.  Library sources
name the file or page and the version whose behaviour was read or measured.
"""

from __future__ import annotations

from spec.core import Reference

__all__ = [
    "BURDEN_FAIRES_2011",
    "C99",
    "FCN_2015",
    "HIGHAM_2002",
    "IEEE_754_2008",
    "KEYS_1981",
    "NUMERICAL_RECIPES_1992",
    "ONNX_NODE_TESTS",
    "ONNX_REFERENCE_RESIZE",
    "ONNX_RESIZE",
    "ONNX_SHAPE_INFERENCE",
    "OPENCV_RESIZE",
    "ORT_UPSAMPLE_BASE",
    "PILLOW_RESAMPLE",
    "SCIPY_ZOOM",
    "TF1_API",
    "TF_BILINEAR",
    "TF_CROP_AND_RESIZE",
    "TF_NEAREST",
    "TF_RESIZER_STATE",
    "TORCH_ADAPTIVE_AVG_CU",
    "TORCH_ADAPTIVE_POOLING_H",
    "TORCH_INTERPOLATE",
    "TORCH_UPSAMPLE_H",
    "TORCH_UPSAMPLE_KERNEL",
    "VAN_LOAN_2000",
]

# --- papers, books and standards ------------------------------------------------------------

BURDEN_FAIRES_2011 = Reference(
    author="Burden and Faires",
    title="Numerical Analysis",
    venue="Brooks/Cole, 9th edition",
    year=2011,
)
C99 = Reference(
    author="ISO/IEC JTC1/SC22/WG14",
    title="Programming languages: C (ISO/IEC 9899:1999)",
    venue="International Standard",
    year=1999,
)
FCN_2015 = Reference(
    author="Long, Shelhamer and Darrell",
    title="Fully Convolutional Networks for Semantic Segmentation",
    venue="CVPR",
    year=2015,
)
HIGHAM_2002 = Reference(
    author="N. J. Higham",
    title="Accuracy and Stability of Numerical Algorithms, 2nd ed.",
    venue="SIAM, Philadelphia",
    year=2002,
)
IEEE_754_2008 = Reference(
    author="IEEE",
    title="IEEE Standard for Floating-Point Arithmetic (IEEE 754-2008)",
    venue="IEEE Std 754-2008",
    year=2008,
)
KEYS_1981 = Reference(
    author="R. G. Keys",
    title="Cubic convolution interpolation for digital image processing",
    venue="IEEE Transactions on Acoustics, Speech, and Signal Processing 29(6), 1153-1160",
    year=1981,
)
NUMERICAL_RECIPES_1992 = Reference(
    author="Press, Teukolsky, Vetterling and Flannery",
    title="Numerical Recipes in C: The Art of Scientific Computing",
    venue="Cambridge University Press, 2nd edition",
    year=1992,
)
VAN_LOAN_2000 = Reference(
    author="Van Loan",
    title="The ubiquitous Kronecker product",
    venue="Journal of Computational and Applied Mathematics 123",
    year=2000,
)

# --- ONNX -----------------------------------------------------------------------------------

ONNX_RESIZE = Reference(
    author="ONNX contributors",
    title="Resize (opset 19)",
    venue="ONNX operator specification, onnx/docs/Operators.md (onnx 1.23.2 schema)",
    year=2023,
)
ONNX_REFERENCE_RESIZE = Reference(
    author="ONNX contributors",
    title="Reference implementation of Resize (onnx.reference, since onnx 1.13)",
    venue="onnx/reference/ops/op_resize.py; behaviour measured with onnx 1.23.2",
    year=2022,
)
ONNX_SHAPE_INFERENCE = Reference(
    author="ONNX contributors",
    title="onnx.shape_inference.infer_shapes for Resize",
    venue="onnx 1.23.2, measured",
    year=2026,
)
ONNX_NODE_TESTS = Reference(
    author="ONNX contributors",
    title="onnx/backend/test/case/node/__init__.py",
    venue="ONNX source (onnx 1.23.2)",
    year=2026,
)
ORT_UPSAMPLE_BASE = Reference(
    author="ONNX Runtime contributors",
    title="onnxruntime/core/providers/cpu/tensor/upsamplebase.h",
    venue="ONNX Runtime source, github.com/microsoft/onnxruntime (commit 07dc282c)",
    year=2026,
)

# --- PyTorch --------------------------------------------------------------------------------

TORCH_INTERPOLATE = Reference(
    author="PyTorch contributors",
    title="torch.nn.functional.interpolate",
    venue="PyTorch documentation and torch/nn/functional.py (torch 2.13.0)",
    year=2026,
)
TORCH_UPSAMPLE_H = Reference(
    author="PyTorch contributors",
    title="aten/src/ATen/native/UpSample.h",
    venue="PyTorch source, github.com/pytorch/pytorch (behaviour checked against torch 2.13.0)",
    year=2026,
)
TORCH_UPSAMPLE_KERNEL = Reference(
    author="PyTorch contributors",
    title="aten/src/ATen/native/cpu/UpSampleKernel.cpp",
    venue="PyTorch source, github.com/pytorch/pytorch (commit bb7240c3; torch 2.13.0 agrees)",
    year=2026,
)
TORCH_ADAPTIVE_POOLING_H = Reference(
    author="PyTorch contributors",
    title="aten/src/ATen/native/AdaptivePooling.h",
    venue="PyTorch source, github.com/pytorch/pytorch (torch 2.13.0 agrees)",
    year=2026,
)
TORCH_ADAPTIVE_AVG_CU = Reference(
    author="PyTorch contributors",
    title="aten/src/ATen/native/cuda/AdaptiveAveragePooling.cu",
    venue="PyTorch source, github.com/pytorch/pytorch (commit 01f9ef32)",
    year=2026,
)

# --- TensorFlow -----------------------------------------------------------------------------

TF_RESIZER_STATE = Reference(
    author="TensorFlow authors",
    title="tensorflow/core/util/image_resizer_state.h",
    venue="TensorFlow source, github.com/tensorflow/tensorflow",
    year=2019,
)
TF_NEAREST = Reference(
    author="TensorFlow authors",
    title="tensorflow/core/kernels/image/resize_nearest_neighbor_op.cc",
    venue="TensorFlow source, github.com/tensorflow/tensorflow",
    year=2019,
)
TF_BILINEAR = Reference(
    author="TensorFlow authors",
    title="tensorflow/core/kernels/image/resize_bilinear_op.cc",
    venue="TensorFlow source, github.com/tensorflow/tensorflow",
    year=2019,
)
TF_CROP_AND_RESIZE = Reference(
    author="TensorFlow authors",
    title="tf.image.crop_and_resize",
    venue="TensorFlow API documentation",
    year=2019,
)
TF1_API = Reference(
    author="TensorFlow authors",
    title="tf.compat.v1.image.resize_bilinear, resize_nearest_neighbor",
    venue="TensorFlow 1.15 API documentation",
    year=2019,
)

# --- other libraries ------------------------------------------------------------------------

SCIPY_ZOOM = Reference(
    author="SciPy developers",
    title="scipy.ndimage.zoom",
    venue="SciPy reference guide and scipy/ndimage/_interpolation.py (SciPy >= 1.6)",
    year=2020,
)
OPENCV_RESIZE = Reference(
    author="OpenCV contributors",
    title="modules/imgproc/src/resize.cpp",
    venue="OpenCV source, github.com/opencv/opencv (commit e4d7984a)",
    year=2026,
)
PILLOW_RESAMPLE = Reference(
    author="Pillow contributors",
    title="src/libImaging/Resample.c",
    venue="Pillow source, github.com/python-pillow/Pillow (commit d3740155)",
    year=2026,
)
