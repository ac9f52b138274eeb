"""Pooling windows on a plane: their taps, in window order, and flat positions.

Convention (``window.output_length``): on each spatial axis, window ``j`` reads the taps
``t = 0 .. k - 1`` at input positions ``j*s - p_begin + t*d``.  A position outside
``0 .. L - 1`` is padding (or, for the one extra window of ``ceil_mode``, overhang past the
end padding, ``window.ceil_mode``); pooling reads only the taps inside the input.  An
N-d window is the product of its axes' taps, and *window order* is row-major over the
taps, the first spatial axis outermost, as PyTorch's loops run.  A position in an
``(n, c)`` plane of shape ``(L_1, ..., L_m)`` has the row-major flat index
``sum_a pos_a * prod_(b > a) L_b``.

Nothing here derives a length: output lengths are ``window.output_length`` and
``window.ceil_mode``, computed by :func:`spec.window.output_length`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from spec.window import output_length, padding_pairs
from spec.window.length import require_int

__all__ = [
    "PoolGeometry",
    "flat_index",
    "input_taps",
    "pool_shape",
    "unflat_index",
    "window_positions",
    "window_taps",
]

Position = tuple[int, ...]


def _ints(name: str, value: object, ndim: int, minimum: int, did: str) -> tuple[int, ...]:
    """An int or one int per axis, each ``>= minimum``, as a tuple of ``ndim`` ints."""
    if isinstance(value, (tuple, list)):
        if len(value) != ndim:
            raise ValueError(f"{name}: {value!r} must have one entry per spatial axis ({did})")
        return tuple(require_int(f"{name}[{a}]", v, minimum, did) for a, v in enumerate(value))
    return (require_int(name, value, minimum, did),) * ndim


@dataclass(frozen=True)
class PoolGeometry:
    """Kernel, stride, padding pairs, dilation and ceil_mode of a pooling, one entry per axis.

    Build it with :meth:`of`, which takes the contract's forms: an int or one int per axis,
    ``stride=None`` meaning ``stride = kernel_size``, and any padding form of
    ``window.padding``.
    """

    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[tuple[int, int], ...]
    dilation: tuple[int, ...]
    ceil_mode: bool = False

    @classmethod
    def of(
        cls,
        ndim: int,
        kernel_size: object,
        stride: object = None,
        padding: object = 0,
        dilation: object = 1,
        ceil_mode: bool = False,
    ) -> PoolGeometry:
        """Normalise the contract's argument forms for ``ndim`` spatial axes.

        Cites ``window.output_length`` and ``window.padding``.

        >>> PoolGeometry.of(2, 3, padding=((0, 1), 1))
        PoolGeometry(kernel_size=(3, 3), stride=(3, 3), padding=((0, 1), (1, 1)), \
dilation=(1, 1), ceil_mode=False)
        """
        did = "window.output_length"
        kernel = _ints("kernel_size", kernel_size, ndim, 1, did)
        strides = kernel if stride is None else _ints("stride", stride, ndim, 1, did)
        return cls(
            kernel_size=kernel,
            stride=strides,
            padding=padding_pairs(padding, ndim),
            dilation=_ints("dilation", dilation, ndim, 1, did),
            ceil_mode=bool(ceil_mode),
        )

    @property
    def ndim(self) -> int:
        """The number of spatial axes."""
        return len(self.kernel_size)


def window_taps(
    j: int, kernel_size: int, stride: int, p_begin: int = 0, dilation: int = 1
) -> tuple[int, ...]:
    """The input positions ``j*s - p_begin + t*d``, ``t = 0 .. k - 1``, of window ``j`` on one axis.

    Cites ``window.output_length``.

    >>> window_taps(0, 3, 2, 1), window_taps(2, 2, 1, 1, 3)
    ((-1, 0, 1), (1, 4))
    """
    return tuple(j * stride - p_begin + t * dilation for t in range(kernel_size))


def pool_shape(shape: Sequence[int], geometry: PoolGeometry) -> tuple[int, ...]:
    """The output shape: :func:`spec.window.output_length` on every axis.

    Cites ``window.output_length`` and ``window.ceil_mode``.

    >>> pool_shape((5, 6), PoolGeometry.of(2, 2, ceil_mode=True))
    (3, 3)
    """
    g = geometry
    return tuple(
        output_length(n, g.kernel_size[a], g.stride[a], *g.padding[a], g.dilation[a], g.ceil_mode)
        for a, n in enumerate(shape)
    )


def window_positions(out: Position, geometry: PoolGeometry) -> list[Position]:
    """Every tap position of output ``out``'s window, padding included, in window order.

    Cites ``window.output_length``.

    >>> window_positions((1,), PoolGeometry.of(1, 2, 2, 1))
    [(1,), (2,)]
    """
    g = geometry
    axes = [
        window_taps(j, g.kernel_size[a], g.stride[a], g.padding[a][0], g.dilation[a])
        for a, j in enumerate(out)
    ]
    return list(itertools.product(*axes))


def input_taps(out: Position, shape: Sequence[int], geometry: PoolGeometry) -> list[Position]:
    """The taps of output ``out``'s window that lie inside the input, in window order.

    Cites ``window.output_length``.

    >>> input_taps((0,), (4,), PoolGeometry.of(1, 3, 2, 1))
    [(0,), (1,)]
    """
    return [
        pos
        for pos in window_positions(out, geometry)
        if all(0 <= p < n for p, n in zip(pos, shape, strict=True))
    ]


def flat_index(position: Sequence[int], shape: Sequence[int]) -> int:
    """The row-major flat index of ``position`` in a plane of ``shape``.

    Cites ``pool.max.indices``.

    >>> flat_index((1, 2), (3, 4))
    6
    """
    index = 0
    for p, n in zip(position, shape, strict=True):
        index = index * n + p
    return index


def unflat_index(index: int, shape: Sequence[int]) -> Position:
    """The position whose row-major flat index in ``shape`` is ``index``.

    Cites ``pool.max.indices``.

    >>> unflat_index(6, (3, 4))
    (1, 2)
    """
    position = []
    for n in reversed(shape):
        index, p = divmod(index, n)
        position.append(p)
    return tuple(reversed(position))
