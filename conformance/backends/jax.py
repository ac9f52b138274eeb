"""JAX as a backend: ``jax.image`` and ``jax.lax`` on the CPU, float32.

resize (equiv.jax.resize.scale_and_translate):

* ``scale_and_translate(x, shape, axes, scale, translation, method, antialias)``
  samples output ``i`` at ``x = (i + 1/2 - translation) / scale - 1/2``, weights
  the input samples by the kernel stretched by ``max(1 / scale, 1)`` when
  ``antialias``, renormalises the weights over the samples inside the input
  (exclude_outside) and returns 0 where ``x`` lies outside
  ``[-1/2, in - 1/2]``.  Every coordinate mode but tf_crop_and_resize is
  affine, so ``scale`` and ``translation`` reproduce its map; a case runs only
  where every source coordinate lies in that range and the stretch equals the
  spec's (``1 / scale`` with antialias, none without, resize.antialias).
  ``"linear"`` is the spec's linear with exclude_outside, which without a
  stretch is its linear with the clamped border (resize.linear_exclude_outside);
  ``"cubic"`` is cubic with ``a = -1/2`` and exclude_outside;
  ``"cubic-pytorch"`` without antialias is cubic with ``a = -3/4`` and the
  clamped border (the weights of the 2 samples it pads on each side are moved
  onto the edge), where every tap lies within those: ``-1 <= x < in``;
  ``"area"`` weights pixel overlaps, which is the spec's area where the output
  length divides the input length (equiv.jax.resize.area_integer_ratio).
* ``jax.image.resize(x, shape, "nearest")`` takes the sample
  ``floor((i + 1/2) in / out)``: nearest, half_pixel, round_prefer_ceil, with
  the scale ``out / in`` (equiv.jax.resize.nearest).

conv is ``lax.conv_general_dilated`` (weights ``OI...``, as the contract's),
plus the bias; conv_transpose is ``lax.conv_transpose`` with
``transpose_kernel=True`` and the padding of the equivalent forward
convolution, ``d (k - 1) - p`` with ``output_padding`` added at the end
(conv_transpose.zero_insertion), without feature groups (Unsupported).
max_pool (values alone) and avg_pool are ``lax.reduce_window``; ceil_mode
and the adaptive pools are Unsupported.  Known deviations:
``conformance/deviations/jax/``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from conformance.backend import Unsupported
from conformance.backends._shared import (
    LazyBackend,
    ResizeAdapter,
    ResizeCall,
    pad_pairs,
    per_axis,
)

__all__ = ["JaxBackend", "backend", "scale_translation"]

_SPECS = {1: ("NCH", "OIH", "NCH"), 2: ("NCHW", "OIHW", "NCHW"), 3: ("NCDHW", "OIDHW", "NCDHW")}


def scale_translation(source: tuple[Fraction, ...], scale: Fraction) -> tuple[Fraction, Fraction]:
    """``(scale, translation)`` of scale_and_translate whose sample map is ``source``.

    ``source`` holds the exact source coordinate of every output; with one
    output the slope is ``1 / scale``.  From ``x = (i + 1/2 - t) / s - 1/2``:
    ``s = 1 / slope`` and ``t = 1/2 - s (x(0) + 1/2)``.
    """
    slope = source[1] - source[0] if len(source) > 1 else 1 / scale
    if slope <= 0:
        raise Unsupported("jax's scale_and_translate needs a positive scale")
    s = 1 / slope
    return s, Fraction(1, 2) - s * (source[0] + Fraction(1, 2))


def _method(call: ResizeCall) -> str:
    """The jax.image method of a spec kernel and border, else Unsupported."""
    if call.mode not in ("linear", "cubic", "lanczos"):
        raise Unsupported(f"jax.image has no {call.mode} of the spec")
    if call.mode == "linear":
        if not call.exclude_outside and call.antialias and min(call.coordinate_scales) < 1:
            raise Unsupported("jax's stretched linear drops the taps outside the input")
        return "linear"
    if call.mode == "lanczos":
        if call.lanczos_a not in (3, 5) or not call.exclude_outside:
            raise Unsupported("jax's Lanczos kernels are a = 3 and a = 5 with exclude_outside")
        return f"lanczos{call.lanczos_a}"
    a, outside, antialias = call.cubic_a, call.exclude_outside, call.antialias
    if call.mode == "cubic" and a == -0.5 and outside:
        return "cubic"
    if call.mode == "cubic" and a == -0.75 and not outside and not antialias:
        from jax.image import ResizeMethod

        if not hasattr(ResizeMethod, "CUBIC_PYTORCH"):
            raise Unsupported("this jax has no 'cubic-pytorch' method")
        return "cubic-pytorch"
    raise Unsupported(
        "jax's cubic kernels are a = -0.5 with exclude_outside, or a = -0.75 "
        "with the clamped border and no antialias"
    )


class JaxBackend(ResizeAdapter, LazyBackend):
    """``jax.image`` and ``jax.lax`` on the CPU at float32."""

    requires = (("jax", "jax"), ("jaxlib", "jaxlib"))

    def versions(self) -> dict[str, str]:
        """jax's and jaxlib's versions and the device."""
        import jax

        found = super().versions()
        found["device"] = str(jax.devices("cpu")[0].device_kind)
        return found

    @staticmethod
    def _jnp(x: Any) -> Any:
        import jax
        import jax.numpy as jnp

        return jax.device_put(jnp.asarray(np.asarray(x, dtype=np.float32)), jax.devices("cpu")[0])

    def resize_call(self, call: ResizeCall) -> Any:
        """``jax.image.resize`` (nearest, area) or ``scale_and_translate``; else Unsupported."""
        import jax

        out_shape = (*call.shape[:2], *call.lengths)
        if call.coordinate_mode == "tf_crop_and_resize":
            raise Unsupported("jax does not extrapolate (tf_crop_and_resize)")
        if call.mode == "nearest":
            if (call.coordinate, call.nearest_mode) != ("half_pixel", "round_prefer_ceil"):
                raise Unsupported("jax's nearest is half_pixel, round_prefer_ceil")
            if not call.scale_is_ratio:
                raise Unsupported("jax's nearest scales by out / in only")
            out = jax.image.resize(self._jnp(call.x), out_shape, "nearest")
            return np.asarray(out, dtype=np.float64)
        if call.mode == "area":
            if any(n % m for n, m in zip(call.in_shape, call.lengths, strict=True)):
                raise Unsupported("jax's area is the spec's area at integer ratios only")
            out = jax.image.resize(self._jnp(call.x), out_shape, "area")
            return np.asarray(out, dtype=np.float64)
        method = _method(call)
        jax_scales, translations = [], []
        for source, n_in, scale in zip(
            call.sources(), call.in_shape, call.coordinate_scales, strict=True
        ):
            s, t = scale_translation(source, scale)
            half = Fraction(1, 2)
            if method != "cubic-pytorch" and not all(-half <= c <= n_in - half for c in source):
                raise Unsupported("jax returns 0 where x leaves [-1/2, in - 1/2]")
            if method == "cubic-pytorch" and not all(-1 <= c < n_in for c in source):
                raise Unsupported("jax's edge padding reaches 2 samples: x must lie in [-1, in)")
            if call.antialias and max(1 / s, Fraction(1)) != max(1 / scale, Fraction(1)):
                raise Unsupported("jax stretches its kernel by max(1 / scale, 1)")
            jax_scales.append(float(s))
            translations.append(float(t))
        out = jax.image.scale_and_translate(
            self._jnp(call.x),
            out_shape,
            tuple(range(2, 2 + call.ndim)),
            np.array(jax_scales, dtype=np.float32),
            np.array(translations, dtype=np.float32),
            method,
            antialias=call.antialias,
        )
        return np.asarray(out, dtype=np.float64)

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
        """``lax.conv_general_dilated`` with explicit ``(begin, end)`` padding, plus the bias."""
        from jax import lax

        ndim = np.ndim(x) - 2
        out = lax.conv_general_dilated(
            self._jnp(x),
            self._jnp(weight),
            window_strides=[int(s) for s in per_axis(stride, ndim)],
            padding=pad_pairs(padding, ndim),
            rhs_dilation=[int(d) for d in per_axis(dilation, ndim)],
            dimension_numbers=_SPECS[ndim],
            feature_group_count=int(groups),
            precision=lax.Precision.HIGHEST,
        )
        return self._biased(out, bias, ndim)

    def _biased(self, out: Any, bias: Any, ndim: int) -> Any:
        if bias is not None:
            out = out + self._jnp(bias).reshape(-1, *([1] * ndim))
        return np.asarray(out, dtype=np.float64)

    def conv_transpose(
        self,
        x: Any,
        weight: Any,
        bias: Any = None,
        *,
        stride: Any = 1,
        padding: Any = 0,
        output_padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
    ) -> Any:
        """``lax.conv_transpose(transpose_kernel=True)``; groups > 1 are Unsupported."""
        from jax import lax

        if groups != 1:
            raise Unsupported("lax.conv_transpose has no feature groups")
        ndim = np.ndim(x) - 2
        kernel = np.shape(weight)[2:]
        dilations = [int(d) for d in per_axis(dilation, ndim)]
        extra = [int(p) for p in per_axis(output_padding, ndim)]
        pairs = pad_pairs(padding, ndim)
        pads = [
            (d * (k - 1) - b, d * (k - 1) - e + o)
            for d, k, (b, e), o in zip(dilations, kernel, pairs, extra, strict=True)
        ]
        out = lax.conv_transpose(
            self._jnp(x),
            self._jnp(weight),
            strides=[int(s) for s in per_axis(stride, ndim)],
            padding=pads,
            rhs_dilation=dilations,
            dimension_numbers=_SPECS[ndim],
            transpose_kernel=True,
            precision=lax.Precision.HIGHEST,
        )
        return self._biased(out, bias, ndim)

    def _window(
        self, x: Any, kernel_size: Any, stride: Any, padding: Any, dilation: Any, ceil_mode: bool
    ) -> tuple[list[int], list[int], list[tuple[int, int]], list[int]]:
        if ceil_mode:
            raise Unsupported("lax.reduce_window has no ceil_mode")
        ndim = np.ndim(x) - 2
        kernel = [int(k) for k in per_axis(kernel_size, ndim)]
        strides = kernel if stride is None else [int(s) for s in per_axis(stride, ndim)]
        pairs = pad_pairs(padding, ndim)
        dilations = [int(d) for d in per_axis(dilation, ndim)]
        return (
            [1, 1, *kernel],
            [1, 1, *strides],
            [(0, 0), (0, 0), *pairs],
            [1, 1, *dilations],
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
        """``lax.reduce_window(max)`` from -inf: the values, without indices."""
        from jax import lax

        window, strides, pads, dilations = self._window(
            x, kernel_size, stride, padding, dilation, ceil_mode
        )
        out = lax.reduce_window(
            self._jnp(x), -np.inf, lax.max, window, strides, pads, window_dilation=dilations
        )
        return np.asarray(out, dtype=np.float64)

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
        """``lax.reduce_window(add)`` divided by the window's divisor (pool.avg.divisor).

        The divisor is ``divisor_override``, else the kernel's size with
        ``count_include_pad``, else the count of input samples in the window
        (``reduce_window`` over ones).
        """
        from jax import lax

        window, strides, pads, dilations = self._window(
            x, kernel_size, stride, padding, dilation, ceil_mode
        )
        total = lax.reduce_window(
            self._jnp(x), 0.0, lax.add, window, strides, pads, window_dilation=dilations
        )
        if divisor_override is not None:
            divisor: Any = float(divisor_override)
        elif count_include_pad:
            divisor = float(math.prod(window))
        else:
            ones = self._jnp(np.ones(np.shape(x)))
            divisor = lax.reduce_window(
                ones, 0.0, lax.add, window, strides, pads, window_dilation=dilations
            )
        return np.asarray(total / divisor, dtype=np.float64)


backend = JaxBackend("jax", "float32", ("jax",))
