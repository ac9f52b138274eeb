"""Every paper, standard and library source the spec cites, each defined once.

A constant here names a source (who, what, where, when); a derivation cites it at a place
with :meth:`~spec.core.Reference.at`, e.g. ``KEYS_1981.at("eq. (4)")``.  Library sources
name the file or page and the version whose behaviour was read or measured.
"""

from __future__ import annotations

from spec.core import Reference

__all__ = [
    "ARAUJO_RECEPTIVE_FIELDS",
    "BURDEN_FAIRES_2011",
    "C99",
    "CAFFE",
    "CONV_ARITHMETIC_ANIMATIONS",
    "DEEP_LEARNING_BOOK",
    "DUCHON_1979",
    "DUMOULIN_VISIN",
    "FCN_2015",
    "FCN_REFERENCE_NETS",
    "GOLUB_VAN_LOAN",
    "HIGHAM_2002",
    "IEEE_754_2008",
    "JAX_SCALE",
    "KERAS_DECONV_LENGTH",
    "KEYS_1981",
    "NUMERICAL_RECIPES_1992",
    "ODENA_CHECKERBOARD",
    "ONNX_AVERAGE_POOL",
    "ONNX_CONV",
    "ONNX_CONV_TRANSPOSE",
    "ONNX_DEPTH_TO_SPACE",
    "ONNX_GLOBAL_POOL",
    "ONNX_MAX_POOL",
    "ONNX_NODE_TESTS",
    "ONNX_REFERENCE_CONV_TRANSPOSE",
    "ONNX_REFERENCE_MAX_POOL",
    "ONNX_REFERENCE_RESIZE",
    "ONNX_RESIZE",
    "ONNX_SHAPE_INFERENCE",
    "OPENCV_RESIZE",
    "ORT_CONV_TRANSPOSE",
    "ORT_POOL",
    "ORT_UPSAMPLE_BASE",
    "PILLOW_GEOMETRY",
    "PILLOW_IMAGING",
    "PILLOW_RESAMPLE",
    "RECEPTIVE_FIELD_TABLE",
    "SCIPY_NI_INTERPOLATION",
    "SCIPY_ZOOM",
    "SEGNET",
    "SHI_DECONVOLUTION_NOTE",
    "SHI_SUBPIXEL",
    "SIMONYAN_VGG",
    "TF1_API",
    "TF_AREA",
    "TF_BICUBIC",
    "TF_BILINEAR",
    "TF_CONV_TRANSPOSE",
    "TF_CROP_AND_RESIZE",
    "TF_IMAGE_OPS",
    "TF_NEAREST",
    "TF_PADDING",
    "TF_RESIZER_STATE",
    "TF_SCALE_AND_TRANSLATE",
    "TORCH_ADAPTIVE_AVG_CU",
    "TORCH_ADAPTIVE_POOLING",
    "TORCH_AVG_POOL",
    "TORCH_CONV",
    "TORCH_CONV_TRANSPOSE",
    "TORCH_CONV_TRANSPOSE_OUTPUT_SIZE",
    "TORCH_INTERPOLATE",
    "TORCH_MAX_POOL",
    "TORCH_MAX_UNPOOL",
    "TORCH_OUTPUT_PADDING_CHECK",
    "TORCH_PIXEL_SHUFFLE",
    "TORCH_POOL_SHAPE",
    "TORCH_UPSAMPLE_H",
    "TORCH_UPSAMPLE_KERNEL",
    "TURKOWSKI_1990",
    "VAN_LOAN_2000",
]

# --- papers, books and standards ------------------------------------------------------------

DUCHON_1979 = Reference(
    author="C. E. Duchon",
    title="Lanczos filtering in one and two dimensions",
    venue="Journal of Applied Meteorology 18(8), 1016-1022",
    year=1979,
)
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
TURKOWSKI_1990 = Reference(
    author="K. Turkowski",
    title="Filters for common resampling tasks",
    venue="Graphics Gems (A. S. Glassner, ed.), Academic Press, 147-165",
    year=1990,
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
JAX_SCALE = Reference(
    author="JAX authors",
    title="jax/_src/image/scale.py",
    venue="JAX source, github.com/jax-ml/jax (commit 0a859453; jax 0.10.2 agrees)",
    year=2026,
)
PILLOW_RESAMPLE = Reference(
    author="Pillow contributors",
    title="src/libImaging/Resample.c",
    venue="Pillow source, github.com/python-pillow/Pillow (commit d3740155)",
    year=2026,
)

# --- convolution arithmetic ------------------------------------------------------------------

DUMOULIN_VISIN = Reference(
    author="Dumoulin and Visin",
    title="A guide to convolution arithmetic for deep learning",
    venue="arXiv:1603.07285",
    year=2016,
    locator="Relationships 1-15 (Sections 2-5); Figures 2.1-2.7 and 4.1-4.7",
)
CONV_ARITHMETIC_ANIMATIONS = Reference(
    author="Dumoulin and Visin",
    title="conv_arithmetic: a technical report on convolution arithmetic, with animations",
    venue="GitHub repository vdumoulin/conv_arithmetic, README",
    year=2016,
    locator="'Transposed convolution animations': the seven transposed cases",
)
ODENA_CHECKERBOARD = Reference(
    author="Odena, Dumoulin and Olah",
    title="Deconvolution and Checkerboard Artifacts",
    venue="Distill",
    year=2016,
    locator="'Deconvolution & Overlap': uneven overlap when the kernel size is not "
    "divisible by the stride",
)
DEEP_LEARNING_BOOK = Reference(
    author="Goodfellow, Bengio and Courville",
    title="Deep Learning",
    venue="MIT Press",
    year=2016,
    locator="Sec. 9.5: the gradient of a strided convolution with respect to its input "
    "is computed by its transpose",
)
GOLUB_VAN_LOAN = Reference(
    author="Golub and Van Loan",
    title="Matrix Computations",
    venue="Johns Hopkins University Press, 4th edition",
    year=2013,
    locator="Sec. 1.3.6, Kronecker products: (B (x) C)^T = B^T (x) C^T",
)

# --- sub-pixel convolution --------------------------------------------------------------------

SHI_SUBPIXEL = Reference(
    author="Shi, Caballero, Huszar, Totz, Aitken, Bishop, Rueckert and Wang",
    title="Real-Time Single Image and Video Super-Resolution Using an Efficient Sub-Pixel "
    "Convolutional Neural Network",
    venue="CVPR",
    year=2016,
    locator="Sec. 2.2, Eq. 4: the periodic shuffling operator PS",
)
SHI_DECONVOLUTION_NOTE = Reference(
    author="Shi, Caballero, Theis, Huszar, Aitken, Ledig and Wang",
    title="Is the deconvolution layer the same as a convolutional layer?",
    venue="arXiv:1609.07009",
    year=2016,
    locator="a stride-r deconvolution equals a convolution with r^2 times the output "
    "channels followed by periodic shuffling",
)

# --- PyTorch ----------------------------------------------------------------------------------

TORCH_CONV = Reference(
    author="PyTorch contributors",
    title="torch.nn.Conv1d, Conv2d, Conv3d",
    venue="PyTorch documentation (2.x) and torch/nn/modules/conv.py",
    year=2024,
    locator="Shape: L_out = floor((L_in + 2 padding - dilation (kernel_size - 1) - 1)/stride "
    "+ 1); weight (out_channels, in_channels/groups, *kernel_size); padding='same' pads "
    "dilation (kernel_size - 1) in total, the extra cell at the end",
)
TORCH_CONV_TRANSPOSE = Reference(
    author="PyTorch contributors",
    title="torch.nn.ConvTranspose1d, ConvTranspose2d, ConvTranspose3d",
    venue="PyTorch documentation (2.x)",
    year=2024,
    locator="Shape: L_out = (L_in - 1) stride - 2 padding + dilation (kernel_size - 1) "
    "+ output_padding + 1; weight (in_channels, out_channels/groups, *kernel_size)",
)
TORCH_OUTPUT_PADDING_CHECK = Reference(
    author="PyTorch contributors",
    title="slow_conv_transpose2d and slow_conv_transpose3d shape checks",
    venue="pytorch/pytorch, aten/src/ATen/native/NaiveConvolutionTranspose2d.cpp and 3d.cpp",
    year=2024,
    locator='"output padding must be smaller than either stride or dilation"',
)
TORCH_CONV_TRANSPOSE_OUTPUT_SIZE = Reference(
    author="PyTorch contributors",
    title="_ConvTransposeNd._output_padding",
    venue="pytorch/pytorch, torch/nn/modules/conv.py (2.x)",
    year=2024,
    locator="valid sizes range from min_size to min_size + stride - 1; output_padding = "
    "output_size - min_size; ConvTranspose2d docs example 12 -> 6 -> 12",
)
TORCH_POOL_SHAPE = Reference(
    author="PyTorch contributors",
    title="pooling_output_shape_pad_lr and pooling_output_shape",
    venue="pytorch/pytorch, aten/src/ATen/native/Pool.h (2.x); MaxPool2d documentation",
    year=2024,
    locator="ceil_mode adds stride - 1 before the division, then drops the last window when "
    "(out - 1) stride >= in + pad_l; pad <= ((kernel - 1) dilation + 1)/2",
)
TORCH_PIXEL_SHUFFLE = Reference(
    author="PyTorch contributors",
    title="torch.nn.PixelShuffle and torch.nn.PixelUnshuffle",
    venue="PyTorch documentation (2.x)",
    year=2024,
    locator="(*, C r^2, H, W) -> (*, C, H r, W r); PixelUnshuffle reverses PixelShuffle",
)

# --- ONNX and ONNX Runtime --------------------------------------------------------------------

ONNX_CONV = Reference(
    author="ONNX contributors",
    title="Conv (opset 11), MaxPool (opset 12) and AveragePool: attributes auto_pad and pads",
    venue="ONNX Operators documentation, docs/Operators.md",
    year=2019,
    locator="SAME_UPPER / SAME_LOWER: output_shape = ceil(input_shape / strides), an odd "
    "total puts the extra cell at the end (SAME_UPPER) or the beginning (SAME_LOWER); "
    "pads = [x1_begin, x2_begin, ..., x1_end, x2_end]",
)
ONNX_CONV_TRANSPOSE = Reference(
    author="ONNX contributors",
    title="ConvTranspose (opset 11)",
    venue="ONNX Operators documentation, docs/Operators.md",
    year=2019,
    locator="output_shape = stride (input_size - 1) + output_padding + ((kernel_shape - 1) "
    "dilations + 1) - pads_start - pads_end; total_padding and its SAME_UPPER / SAME_LOWER "
    "split; auto_pad SAME gives output_shape = input_shape * strides",
)
ONNX_DEPTH_TO_SPACE = Reference(
    author="ONNX contributors",
    title="DepthToSpace (opset 13) and SpaceToDepth (opset 13)",
    venue="ONNX Operators documentation, docs/Operators.md",
    year=2020,
    locator="DCR: reshape [b, bs, bs, c/bs^2, h, w], transpose [0, 3, 4, 1, 5, 2]; CRD: "
    "reshape [b, c/bs^2, bs, bs, h, w], transpose [0, 1, 4, 2, 5, 3]; SpaceToDepth: reshape "
    "[b, c, h/bs, bs, w/bs, bs], transpose [0, 3, 5, 1, 2, 4]",
)
ONNX_REFERENCE_CONV_TRANSPOSE = Reference(
    author="ONNX contributors",
    title="onnx.reference ConvTranspose",
    venue="onnx/onnx, onnx/reference/ops/op_conv_transpose.py (onnx 1.23)",
    year=2025,
    locator="SAME pads split with Python floor division: total_padding // 2",
)
ORT_CONV_TRANSPOSE = Reference(
    author="ONNX Runtime contributors",
    title="ConvTransposeAttributes::ComputeTotalPad",
    venue="microsoft/onnxruntime, onnxruntime/core/providers/cpu/nn/conv_transpose_attributes.h",
    year=2024,
    locator="total_pad = max(0, (in - 1) stride + adj + (kernel - 1) dilation + 1 - out_size)",
)

# --- TensorFlow and Keras ---------------------------------------------------------------------

TF_PADDING = Reference(
    author="TensorFlow contributors",
    title="tf.nn, Notes on padding",
    venue="TensorFlow API documentation (2.x)",
    year=2023,
    locator='"SAME": out = ceil(in / stride); pad_along = max((out - 1) stride + filter - in, '
    "0); pad_top = pad_along // 2, pad_bottom = pad_along - pad_top",
)
TF_CONV_TRANSPOSE = Reference(
    author="TensorFlow contributors",
    title="tf.nn.conv2d_transpose",
    venue="TensorFlow API documentation (2.x)",
    year=2023,
    locator="the transpose (gradient) of conv2d, with the output_shape and padding of that conv2d",
)
KERAS_DECONV_LENGTH = Reference(
    author="Keras contributors",
    title="conv_utils.deconv_output_length",
    venue="keras-team/keras, keras/src/utils/conv_utils.py",
    year=2023,
    locator="padding 'same' without output_padding: length = input_length * stride",
)

# --- pooling and receptive fields (merged) ---

TORCH_MAX_POOL = Reference(
    author="PyTorch contributors",
    title="cpu_max_pool and torch.nn.MaxPool1d, MaxPool2d, MaxPool3d",
    venue="pytorch/pytorch, aten/src/ATen/native/cpu/MaxPoolKernel.cpp; PyTorch documentation "
    "(2.x)",
    year=2024,
    locator="maxval starts at -inf and maxindex at the first in-input tap; the loops run over "
    "d, h, w and a tap replaces the maximum when (val > maxval) || isnan(val); index = "
    "id H W + ih W + iw in the (n, c) plane; padding at most half the kernel size",
)

TORCH_AVG_POOL = Reference(
    author="PyTorch contributors",
    title="cpu_avg_pool and torch.nn.AvgPool1d, AvgPool2d, AvgPool3d",
    venue="pytorch/pytorch, aten/src/ATen/native/cpu/AvgPoolKernel.cpp; PyTorch documentation "
    "(2.x)",
    year=2024,
    locator="ih1 = min(ih0 + kH, H + padH); pool_size = (ih1 - ih0)(iw1 - iw0); divide_factor "
    "= divisor_override if given, else pool_size with count_include_pad, else the in-input "
    "count after clipping to [0, H); no dilation parameter",
)

TORCH_ADAPTIVE_POOLING = Reference(
    author="PyTorch contributors",
    title="start_index, end_index and cpu_adaptive_max_pool",
    venue="pytorch/pytorch, aten/src/ATen/native/AdaptivePooling.h and "
    "aten/src/ATen/native/cpu/AdaptiveMaxPoolKernel.cpp",
    year=2024,
    locator="start_index(a, b, c) = floor(a c / b), end_index(a, b, c) = ceil((a + 1) c / b) "
    "(a output index, b output size, c input size); the adaptive max uses the same "
    "(val > maxval) || isnan(val) scan from -inf",
)

TORCH_MAX_UNPOOL = Reference(
    author="PyTorch contributors",
    title="_unpool_output_size, cpu_max_unpool and torch.nn.MaxUnpool2d",
    venue="pytorch/pytorch, torch/nn/functional.py and "
    "aten/src/ATen/native/cpu/MaxUnpoolKernel.cpp; PyTorch documentation (2.x)",
    year=2024,
    locator="default_size = (input_size - 1) stride + kernel_size - 2 padding; an explicit "
    "size must satisfy default - stride < size < default + stride and be >= 0; output[index] "
    "= input, an index outside [0, plane size) raises 'Found an invalid max index'; docs: a "
    "partial inverse in which all non-maximal values are set to zero",
)

ONNX_MAX_POOL = Reference(
    author="ONNX contributors",
    title="MaxPool (opset 12) and MaxUnpool (opset 11)",
    venue="ONNX Operators documentation, docs/Operators.md",
    year=2020,
    locator="Indices: computed as a flattened 1-D tensor, do not consider padding, values in "
    "[0, N x C x D1 x ... x Dn); storage_order: 0 is row major, 1 is column major",
)

ONNX_REFERENCE_MAX_POOL = Reference(
    author="ONNX contributors",
    title="onnx.reference MaxPool",
    venue="onnx/onnx, onnx/reference/ops/op_max_pool.py and _op_common_pool.py (onnx 1.23)",
    year=2025,
    locator="index = c x_step + h W + w (storage_order 0) or c x_step + h + w H (1), c the "
    "flattened (n, c); a tap replaces the maximum when X > Yh, seeded with the first in-input "
    "tap; unit strides and dilations take np.max over the non-NaN values and ignore "
    "storage_order",
)

ORT_POOL = Reference(
    author="ONNX Runtime contributors",
    title="MaxPool2DTask and AveragePool1DTask",
    venue="microsoft/onnxruntime, onnxruntime/core/providers/cpu/nn/pool_functors.h",
    year=2024,
    locator="max: if (h_index < 0 || x > Yh); average with dilation: hend = min(hstart + k d, "
    "H + pad_end), divisor 1 + (hend - hstart - 1)/d with count_include_pad, else the "
    "in-input taps; a window with no in-input tap gives 0",
)

ONNX_AVERAGE_POOL = Reference(
    author="ONNX contributors",
    title="AveragePool (opset 19) and onnx.reference pool",
    venue="ONNX Operators documentation, docs/Operators.md; onnx/onnx, "
    "onnx/reference/ops/op_pool_common.py (onnx 1.23)",
    year=2023,
    locator="attributes dilations, count_include_pad and ceil_mode; the reference averages the "
    "taps range(start, start + (k - 1) d + 1, d) that lie before the end padding's end",
)

ONNX_GLOBAL_POOL = Reference(
    author="ONNX contributors",
    title="GlobalAveragePool and GlobalMaxPool (opset 1)",
    venue="ONNX Operators documentation, docs/Operators.md",
    year=2017,
    locator="equivalent to AveragePool / MaxPool with kernel size equal to the spatial "
    "dimension of the input tensor; output spatial dimensions 1",
)

SEGNET = Reference(
    author="Badrinarayanan, Kendall and Cipolla",
    title="SegNet: A Deep Convolutional Encoder-Decoder Architecture for Image Segmentation",
    venue="IEEE TPAMI 39(12)",
    year=2017,
    locator="Sec. 3: the decoder upsamples with the max-pooling indices of its encoder, "
    "producing sparse feature maps",
)

ARAUJO_RECEPTIVE_FIELDS = Reference(
    author="Araujo, Norris and Sim",
    title="Computing Receptive Fields of Convolutional Neural Networks",
    venue="Distill, doi:10.23915/distill.00021",
    year=2019,
    locator="'Single-path networks': r_(l-1) = s_l r_l + (k_l - s_l), closed form r_0 = "
    "sum_l (k_l - 1) prod_(i<l) s_i + 1; the region u_(l-1) = s_l u_l - p_l; effective "
    "stride prod s_i and effective padding sum_l p_l prod_(i<l) s_i",
)

RECEPTIVE_FIELD_TABLE = Reference(
    author="Araujo, Norris and Sim",
    title="Pre-computed receptive field parameters",
    venue="google-research/receptive_field, receptive_field/RECEPTIVE_FIELD_TABLE.md",
    year=2019,
    locator="vgg_16/pool1: RF 6, stride 2, padding 2; vgg_16/pool4: 100, 16, 42; "
    "vgg_16/pool5: 212, 32, 90",
)

SIMONYAN_VGG = Reference(
    author="Simonyan and Zisserman",
    title="Very Deep Convolutional Networks for Large-Scale Image Recognition",
    venue="ICLR",
    year=2015,
    locator="Sec. 2.1 and Table 1, configuration D (VGG16): 3x3 convolutions, stride 1, "
    "padding 1; five 2x2 max-pools, stride 2",
)

# --- Caffe and the reference FCN nets ---------------------------------------------------------

CAFFE = Reference(
    author="Jia, Shelhamer, Donahue, Karayev, Long, Girshick, Guadarrama, Darrell and BVLC "
    "contributors",
    title="Caffe: Convolutional Architecture for Fast Feature Embedding",
    venue="github.com/BVLC/caffe source (commit 25a49735, read for this spec)",
    year=2017,
)
FCN_REFERENCE_NETS = Reference(
    author="Shelhamer, Long and Darrell",
    title="The reference FCN implementation",
    venue="github.com/shelhamer/fcn.berkeleyvision.org",
    year=2016,
)

# --- library resize sources (spec/resize/equiv/{opencv,pillow,jax,scipy,tf}.py) --------------

PILLOW_IMAGING = Reference(
    author="Pillow contributors",
    title="src/_imaging.c",
    venue="Pillow source, github.com/python-pillow/Pillow",
    year=2026,
)
PILLOW_GEOMETRY = Reference(
    author="Pillow contributors",
    title="src/libImaging/Geometry.c",
    venue="Pillow source, github.com/python-pillow/Pillow",
    year=2026,
)
SCIPY_NI_INTERPOLATION = Reference(
    author="SciPy developers",
    title="scipy/ndimage/src/ni_interpolation.c",
    venue="SciPy source, github.com/scipy/scipy",
    year=2024,
)
TF_IMAGE_OPS = Reference(
    author="TensorFlow authors",
    title="tensorflow/python/ops/image_ops_impl.py",
    venue="TensorFlow source, github.com/tensorflow/tensorflow",
    year=2020,
)
TF_BICUBIC = Reference(
    author="TensorFlow authors",
    title="tensorflow/core/kernels/image/resize_bicubic_op.cc",
    venue="TensorFlow source, github.com/tensorflow/tensorflow",
    year=2020,
)
TF_AREA = Reference(
    author="TensorFlow authors",
    title="tensorflow/core/kernels/image/resize_area_op.cc",
    venue="TensorFlow source, github.com/tensorflow/tensorflow",
    year=2020,
)
TF_SCALE_AND_TRANSLATE = Reference(
    author="TensorFlow authors",
    title="tensorflow/core/kernels/image/scale_and_translate_op.cc",
    venue="TensorFlow source, github.com/tensorflow/tensorflow",
    year=2020,
)
