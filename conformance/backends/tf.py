"""TensorFlow as a backend: ``tf.image.resize`` and ``tf.nn`` on the CPU, float32.

tensorflow (the ``tensorflow-cpu`` wheel) is imported lazily; without it the
backend reports "tensorflow is not installed".  Arrays are ``(N, C, *spatial)``
in the contract and channels-last in TensorFlow's CPU kernels, so the adapter
transposes on the way in and out.

resize is TF2's ``tf.image.resize(images, size, method, antialias)``, which
takes an output size, so every case runs with the coordinate scale
``out / in`` (a scale_factor that is not exactly ``out / in`` is Unsupported)
and half_pixel (or the modes that coincide with it).  Its methods are
(equiv.tf.resize.methods):

* ``"nearest"``: nearest, round_prefer_ceil (the legacy kernel with
  half-pixel centres takes ``floor((i + 1/2) in / out)``);
* ``"bilinear"``: linear with the clamped border, and with ``antialias`` the
  triangle kernel of scale_and_translate, stretched by ``in / out`` when
  downsampling, with exclude_outside;
* ``"bicubic"``: cubic with ``a = -1/2`` and exclude_outside (Keys' kernel,
  renormalised at the border), with or without antialias;
* ``"area"``: pixel-area weighting, the spec's box, which is also its area
  where the output length divides the input length;
* ``"lanczos3"``, ``"lanczos5"``: lanczos with ``a = 3`` or ``5`` and
  exclude_outside, with or without antialias.

Images have 1 (as height 1) or 2 spatial axes.  conv is ``tf.nn.convolution``
on the input padded with ``tf.pad`` (``VALID``, strides, dilations), without
feature groups; max_pool and avg_pool are ``tf.nn.pool`` on the padded input
(values alone; no ceil_mode).  TensorFlow refuses a stride above 1 together
with a dilation above 1, and a pooling stride longer than its window: such
cases are Unsupported.  conv_transpose, pixel_shuffle and the adaptive
pools are not offered.  Known deviations: ``conformance/deviations/tf/``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import LazyBackend, ResizeAdapter, ResizeCall, pad_pairs, per_axis

__all__ = ["TFBackend", "backend", "tf_method"]


def tf_method(call: ResizeCall) -> str:
    """The ``tf.image.resize`` method of the call's parameterisation, else Unsupported.

    equiv.tf.resize.methods.
    """
    if call.coordinate != "half_pixel" or not call.scale_is_ratio:
        raise Unsupported("tf.image.resize is half_pixel with the scale out / in")
    if call.mode == "nearest" and call.nearest_mode == "round_prefer_ceil" and not call.antialias:
        return "nearest"
    if call.mode == "linear" and call.exclude_outside == call.antialias:
        return "bilinear"
    if call.mode == "cubic" and call.cubic_a == -0.5 and call.exclude_outside:
        return "bicubic"
    if call.mode == "box":
        return "area"
    if call.mode == "lanczos" and call.lanczos_a in (3, 5) and call.exclude_outside:
        return f"lanczos{call.lanczos_a}"
    if call.mode == "area" and all(
        n % m == 0 for n, m in zip(call.in_shape, call.lengths, strict=True)
    ):
        return "area"
    raise Unsupported(f"tf.image.resize has no {call.mode} with these conventions")


def _strided_and_dilated(stride: Any, dilation: Any, ndim: int) -> None:
    """Unsupported where a stride and a dilation both exceed 1, which TensorFlow refuses."""
    if any(int(s) > 1 for s in per_axis(stride, ndim)) and any(
        int(d) > 1 for d in per_axis(dilation, ndim)
    ):
        raise Unsupported("TensorFlow refuses strides > 1 together with dilations > 1")


class TFBackend(ResizeAdapter, LazyBackend):
    """TensorFlow's CPU kernels at float32, channels-last."""

    requires = (("tensorflow", "tensorflow"),)

    @staticmethod
    def _channels_last(x: Any) -> Any:
        import tensorflow as tf

        a = np.asarray(x, dtype=np.float32)
        return tf.constant(np.moveaxis(a, 1, -1))

    @staticmethod
    def _channels_first(t: Any) -> Any:
        return np.moveaxis(np.asarray(t, dtype=np.float64), -1, 1)

    def resize_call(self, call: ResizeCall) -> Any:
        """``tf.image.resize`` on NHWC images; the rest is Unsupported."""
        import tensorflow as tf

        if call.ndim > 2:
            raise Unsupported("tf.image.resize takes images of 1 or 2 spatial axes")
        method = tf_method(call)
        x = np.asarray(call.x)
        images = x if call.ndim == 2 else x[:, :, None, :]
        size = call.lengths if call.ndim == 2 else [1, call.lengths[0]]
        out = tf.image.resize(
            self._channels_last(images), size, method=method, antialias=call.antialias
        )
        return self._channels_first(out).reshape(*call.shape[:2], *call.lengths)

    def _padded(self, x: Any, padding: Any, value: float) -> Any:
        import tensorflow as tf

        ndim = np.ndim(x) - 2
        pads = [[0, 0], *[list(p) for p in pad_pairs(padding, ndim)], [0, 0]]
        return tf.pad(self._channels_last(x), pads, constant_values=value)

    def conv(
        self,
        x: Any,
        weight: Any,
        bias: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
    ) -> Any:
        """``tf.nn.convolution(tf.pad(x), weight, "VALID")`` plus the bias; no groups."""
        import tensorflow as tf

        if groups != 1:
            raise Unsupported("TensorFlow's CPU convolutions have no feature groups")
        ndim = np.ndim(x) - 2
        _strided_and_dilated(stride, dilation, ndim)
        # (C_out, C_in, *k) -> (*k, C_in, C_out)
        filters = np.moveaxis(np.asarray(weight, dtype=np.float32), (0, 1), (-1, -2))
        out = tf.nn.convolution(
            self._padded(x, padding, 0.0),
            tf.constant(filters),
            strides=[int(s) for s in per_axis(stride, ndim)],
            padding="VALID",
            dilations=[int(d) for d in per_axis(dilation, ndim)],
        )
        if bias is not None:
            out = out + tf.constant(np.asarray(bias, dtype=np.float32))
        return self._channels_first(out)

    def _pool(
        self, x: Any, kind: str, kernel_size: Any, stride: Any, padding: Any, dilation: Any
    ) -> Any:
        import tensorflow as tf

        ndim = np.ndim(x) - 2
        kernel = [int(k) for k in per_axis(kernel_size, ndim)]
        strides = kernel if stride is None else [int(s) for s in per_axis(stride, ndim)]
        if any(s > k for s, k in zip(strides, kernel, strict=True)):
            raise Unsupported("tf.nn.pool refuses a stride longer than the window")
        _strided_and_dilated(strides, dilation, ndim)
        value = -np.inf if kind == "MAX" else 0.0
        return tf.nn.pool(
            self._padded(x, padding, value),
            window_shape=kernel,
            pooling_type=kind,
            strides=strides,
            padding="VALID",
            dilations=[int(d) for d in per_axis(dilation, ndim)],
        )

    def max_pool(
        self,
        x: Any,
        *,
        kernel_size: Any,
        stride: Any = None,
        padding: Any = 0,
        dilation: Any = 1,
        ceil_mode: bool = False,
    ) -> Any:
        """``tf.nn.pool(MAX)`` on the input padded with -inf: the values, without indices."""
        if ceil_mode:
            raise Unsupported("tf.nn.pool has no ceil_mode")
        return self._channels_first(self._pool(x, "MAX", kernel_size, stride, padding, dilation))

    def avg_pool(
        self,
        x: Any,
        *,
        kernel_size: Any,
        stride: Any = None,
        padding: Any = 0,
        dilation: Any = 1,
        ceil_mode: bool = False,
        count_include_pad: bool = True,
        divisor_override: Any = None,
    ) -> Any:
        """``tf.nn.pool(AVG)`` on the zero-padded input: every window counts its padding.

        That is count_include_pad (pool.avg.divisor); without it, and with a
        divisor override or ceil_mode, the case is Unsupported.
        """
        if ceil_mode or not count_include_pad or divisor_override is not None:
            raise Unsupported("tf.nn.pool averages whole windows of its padded input only")
        return self._channels_first(self._pool(x, "AVG", kernel_size, stride, padding, dilation))


backend = TFBackend("tf", "float32", ("tf",))
