"""torch's convolution family: ``conv{1,2,3}d``, ``conv_transpose{1,2,3}d``, ``pixel_(un)shuffle``.

torch takes one padding per axis for both sides, so ``(begin, end)`` pairs
that differ raise Unsupported (a converter would pad first; that tests
``F.pad``, not the convolution).  torch's pixel_shuffle and pixel_unshuffle
are 2-D; 1 and 3 axes raise Unsupported.  Known deviations:
``conformance/deviations/torch/conv.txt``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.backend import Unsupported

__all__ = ["ConvOps", "symmetric_padding"]


def symmetric_padding(padding: Any, ndim: int) -> Any:
    """torch's padding for the spec's; unequal ``(begin, end)`` pairs are Unsupported."""
    if isinstance(padding, tuple | list):
        pads = []
        for entry in padding:
            if isinstance(entry, tuple | list):
                begin, end = entry
                if begin != end:
                    raise Unsupported("torch pads both ends of an axis alike")
                pads.append(int(begin))
            else:
                pads.append(int(entry))
        return tuple(pads)
    return int(padding)


class ConvOps:
    """The convolution family of the torch backend (mixed into ``TorchBackend``)."""

    _tensor: Any
    _numpy: Any

    def _maybe(self, bias: Any) -> Any:
        return None if bias is None else self._tensor(bias)

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
        """``torch.nn.functional.conv{1,2,3}d``."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        fn = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[ndim]
        out = fn(
            self._tensor(x),
            self._tensor(weight),
            self._maybe(bias),
            stride=stride,
            padding=symmetric_padding(padding, ndim),
            dilation=dilation,
            groups=groups,
        )
        return self._numpy(out)

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
        """``torch.nn.functional.conv_transpose{1,2,3}d``, weight ``(C_in, C_out / groups, *k)``."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        ndim = np.ndim(x) - 2
        fn = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[ndim]
        out = fn(
            self._tensor(x),
            self._tensor(weight),
            self._maybe(bias),
            stride=stride,
            padding=symmetric_padding(padding, ndim),
            output_padding=output_padding,
            groups=groups,
            dilation=dilation,
        )
        return self._numpy(out)

    def pixel_shuffle(self, x: Any, upscale_factor: int) -> Any:
        """``torch.nn.functional.pixel_shuffle`` (2 spatial axes only)."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        if np.ndim(x) != 4:
            raise Unsupported("torch's pixel_shuffle takes 2 spatial axes")
        return self._numpy(F.pixel_shuffle(self._tensor(x), upscale_factor))

    def pixel_unshuffle(self, x: Any, downscale_factor: int) -> Any:
        """``torch.nn.functional.pixel_unshuffle`` (2 spatial axes only)."""
        import torch.nn.functional as F  # noqa: N812 - the conventional name

        if np.ndim(x) != 4:
            raise Unsupported("torch's pixel_unshuffle takes 2 spatial axes")
        return self._numpy(F.pixel_unshuffle(self._tensor(x), downscale_factor))
