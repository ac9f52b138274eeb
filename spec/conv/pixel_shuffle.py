"""pixel_shuffle, pixel_unshuffle and ONNX DepthToSpace / SpaceToDepth as index permutations.

Convention: pixel_shuffle with factor ``r`` on ``d`` spatial axes maps ``(N, C r^d, X1..Xd)``
to ``(N, C, X1 r, .., Xd r)``.  Output ``(c, x r + i)`` (``x`` and ``i`` vectors, ``0 <= i_a < r``)
reads input channel ``c r^d + phi(i)`` at ``x``, where ``phi(i) = sum_a i_a r^(d-1-a)`` numbers the
offsets in row-major order.  For ``d = 2`` this is PyTorch's
``out[n, c, h r + i, w r + j] = in[n, c r^2 + i r + j, h, w]``; the batch axis is untouched.

Every operator here is defined, as its library defines it, by a reshape, a permutation of
axes and a reshape, all in row-major order; :func:`reshape_permute_source` follows an index
through those three steps, and the claims compare it with the closed forms.

Derivations: ``pixel_shuffle.permutation``, ``equiv.onnx.pixel_shuffle.depth_to_space``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from spec.core import Derivation, derivation, exhaustive
from spec.references import ONNX_DEPTH_TO_SPACE, SHI_SUBPIXEL, TORCH_PIXEL_SHUFFLE
from spec.window.length import require_int

__all__ = [
    "channel_count",
    "depth_to_space_dcr_index",
    "pixel_shuffle_index",
    "pixel_unshuffle_index",
    "reshape_permute_source",
    "space_to_depth_index",
]

Index = tuple[int, ...]


def _ravel(index: Sequence[int], shape: Sequence[int]) -> int:
    flat = 0
    for i, n in zip(index, shape, strict=True):
        flat = flat * n + i
    return flat


def _unravel(flat: int, shape: Sequence[int]) -> Index:
    out = []
    for n in reversed(shape):
        flat, i = divmod(flat, n)
        out.append(i)
    return tuple(reversed(out))


def reshape_permute_source(
    permuted_index: Sequence[int],
    in_shape: Sequence[int],
    mid_shape: Sequence[int],
    perm: Sequence[int],
) -> Index:
    """The input index that reshape to ``mid_shape``, then ``permute(perm)``, move to an index.

    Reshapes are row-major.  ``permuted_index`` indexes the permuted array, of shape
    ``[mid_shape[a] for a in perm]``; a final row-major reshape does not move entries, so a
    caller flattens its output index into the permuted shape first.

    >>> reshape_permute_source((0, 1), (2, 2), (2, 2), (1, 0))
    (1, 0)
    """
    mid = [0] * len(mid_shape)
    for position, axis in enumerate(perm):
        mid[axis] = permuted_index[position]
    return _unravel(_ravel(mid, mid_shape), in_shape)


def _digits(value: int, base: int, count: int) -> Index:
    return _unravel(value, [base] * count)


def pixel_shuffle_index(
    channel: int, position: Sequence[int], upscale_factor: int
) -> tuple[int, Index]:
    """The input ``(channel, position)`` that pixel_shuffle moves to output ``(channel, position)``.

    Output ``(c, x r + i)`` reads input ``(c r^d + phi(i), x)``, ``phi(i) = sum_a i_a r^(d-1-a)``,
    on ``d = len(position)`` axes.  Cites ``pixel_shuffle.permutation``.

    >>> pixel_shuffle_index(1, (3, 2), 2)
    (6, (1, 1))
    """
    did = "pixel_shuffle.permutation"
    r = require_int("upscale_factor", upscale_factor, 1, did)
    channel = require_int("channel", channel, 0, did)
    offsets = [require_int("position", p, 0, did) % r for p in position]
    return channel * r ** len(offsets) + _ravel(offsets, [r] * len(offsets)), tuple(
        p // r for p in position
    )


def pixel_unshuffle_index(
    channel: int, position: Sequence[int], downscale_factor: int
) -> tuple[int, Index]:
    """The input ``(channel, position)`` pixel_unshuffle moves to output ``(channel, position)``.

    Output ``(c r^d + phi(i), x)`` reads input ``(c, x r + i)``: the inverse of pixel_shuffle.
    Cites ``pixel_shuffle.permutation``.

    >>> pixel_unshuffle_index(6, (1, 1), 2)
    (1, (3, 2))
    """
    did = "pixel_shuffle.permutation"
    r = require_int("downscale_factor", downscale_factor, 1, did)
    channel = require_int("channel", channel, 0, did)
    d = len(position)
    base, phase = divmod(channel, r**d)
    offsets = _digits(phase, r, d)
    return base, tuple(
        require_int("position", p, 0, did) * r + i for p, i in zip(position, offsets, strict=True)
    )


def depth_to_space_dcr_index(
    channel: int, position: Sequence[int], blocksize: int, out_channels: int
) -> tuple[int, Index]:
    """ONNX DepthToSpace in DCR mode: output ``(c, (h bs + i, w bs + j))`` reads channel
    ``(i bs + j) C + c`` at ``(h, w)``, ``C = out_channels``.

    Cites ``equiv.onnx.pixel_shuffle.depth_to_space``.

    >>> depth_to_space_dcr_index(1, (3, 2), 2, 2)
    (5, (1, 1))
    """
    bs = require_int("blocksize", blocksize, 1, "equiv.onnx.pixel_shuffle.depth_to_space")
    offsets = [p % bs for p in position]
    return _ravel(offsets, [bs] * len(offsets)) * out_channels + channel, tuple(
        p // bs for p in position
    )


def space_to_depth_index(
    channel: int, position: Sequence[int], blocksize: int, in_channels: int
) -> tuple[int, Index]:
    """ONNX SpaceToDepth: output ``((i bs + j) C + c, (h, w))`` reads ``(c, (h bs + i, w bs + j))``.

    ``C = in_channels``.  It inverts DepthToSpace in DCR mode.  Cites
    ``equiv.onnx.pixel_shuffle.depth_to_space``.

    >>> space_to_depth_index(5, (1, 1), 2, 2)
    (1, (3, 2))
    """
    bs = require_int("blocksize", blocksize, 1, "equiv.onnx.pixel_shuffle.depth_to_space")
    d = len(position)
    phase, c = divmod(channel, in_channels)
    offsets = _digits(phase, bs, d)
    return c, tuple(p * bs + i for p, i in zip(position, offsets, strict=True))


# --- the library definitions, as reshape-permute-reshape --------------------------------------

Map = dict[tuple[int, Index], tuple[int, Index]]


def _shuffle_by_reshape(channels: int, r: int, spatial: Sequence[int]) -> Map:
    """PyTorch's reshape (C, r, .., r, X..) -> permute to (C, X1, r, .., Xd, r) -> reshape."""
    d = len(spatial)
    in_shape = [channels * r**d, *spatial]
    mid = [channels, *([r] * d), *spatial]
    perm = [0] + [a for axis in range(d) for a in (1 + d + axis, 1 + axis)]
    out: Map = {}
    for c in range(channels):
        for pos in itertools.product(*(range(n * r) for n in spatial)):
            split = [v for p in pos for v in divmod(p, r)]
            src = reshape_permute_source((c, *split), in_shape, mid, perm)
            out[(c, pos)] = (src[0], src[1:])
    return out


def _shuffle_closed(channels: int, r: int, spatial: Sequence[int]) -> Map:
    return {
        (c, pos): pixel_shuffle_index(c, pos, r)
        for c in range(channels)
        for pos in itertools.product(*(range(n * r) for n in spatial))
    }


def _unshuffle_closed(channels: int, r: int, spatial: Sequence[int]) -> Map:
    """Over the unshuffled output (C r^d, X..) of an input (C, X r..)."""
    d = len(spatial)
    return {
        (c, pos): pixel_unshuffle_index(c, pos, r)
        for c in range(channels * r**d)
        for pos in itertools.product(*(range(n) for n in spatial))
    }


def _onnx_2d(mode: str, channels: int, bs: int, h: int, w: int) -> Map:
    """ONNX DepthToSpace (DCR, CRD) or SpaceToDepth (S2D) from the operator's reshape text."""
    if mode == "S2D":
        in_shape = [channels, h * bs, w * bs]
        mid = [channels, h, bs, w, bs]
        perm = [2, 4, 0, 1, 3]
        out_shape = [channels * bs * bs, h, w]
    else:
        in_shape = [channels * bs * bs, h, w]
        if mode == "DCR":
            mid, perm = [bs, bs, channels, h, w], [2, 3, 0, 4, 1]
        else:
            mid, perm = [channels, bs, bs, h, w], [0, 3, 1, 4, 2]
        out_shape = [channels, h * bs, w * bs]
    out: Map = {}
    for index in itertools.product(*(range(n) for n in out_shape)):
        flat = _ravel(index, out_shape)
        permuted = [mid[a] for a in perm]
        src = reshape_permute_source(_unravel(flat, permuted), in_shape, mid, perm)
        out[(index[0], index[1:])] = (src[0], src[1:])
    return out


def _shapes() -> Iterator[tuple[int, int, tuple[int, ...]]]:
    for c, r, x in itertools.product(range(1, 3), range(1, 4), range(1, 4)):
        yield c, r, (x,)
    for c, r, h, w in itertools.product(range(1, 3), range(1, 4), range(1, 3), range(1, 3)):
        yield c, r, (h, w)
    for c, r, shape in itertools.product(range(1, 3), range(1, 3), ((1, 1, 2), (2, 1, 2))):
        yield c, r, shape


_SHAPES_TEXT = (
    "C = 1..2, r = 1..3: 1-D X = 1..3; 2-D H, W = 1..2; 3-D (1, 1, 2) and (2, 1, 2) with r <= 2"
)


def _check_definition() -> Iterator[object]:
    for c, r, spatial in _shapes():
        if _shuffle_by_reshape(c, r, spatial) != _shuffle_closed(c, r, spatial):
            yield (c, r, spatial)


def _check_permutation() -> Iterator[object]:
    for c, r, spatial in _shapes():
        d = len(spatial)
        sources = list(_shuffle_closed(c, r, spatial).values())
        every_input = {
            (ch, pos)
            for ch in range(c * r**d)
            for pos in itertools.product(*(range(n) for n in spatial))
        }
        if len(set(sources)) != len(sources) or set(sources) != every_input:
            yield (c, r, spatial)


def _check_inverse() -> Iterator[object]:
    for c, r, spatial in _shapes():
        shuffle = _shuffle_closed(c, r, spatial)
        unshuffle = _unshuffle_closed(c, r, spatial)
        if any(shuffle[unshuffle[cell]] != cell for cell in unshuffle):
            yield ("unshuffle after shuffle", c, r, spatial)
        if any(unshuffle[shuffle[cell]] != cell for cell in shuffle):
            yield ("shuffle after unshuffle", c, r, spatial)


def _check_torch_formula() -> Iterator[object]:
    for c, r, spatial in _shapes():
        if len(spatial) != 2:
            continue
        for (ch, (y, x)), source in _shuffle_closed(c, r, spatial).items():
            (h, i), (w, j) = divmod(y, r), divmod(x, r)
            if source != (ch * r * r + i * r + j, (h, w)):
                yield (c, r, spatial, ch, y, x)


@derivation("pixel_shuffle.permutation")
def _permutation() -> Derivation:
    return Derivation(
        id="pixel_shuffle.permutation",
        title="pixel_shuffle is a permutation, pixel_unshuffle its inverse, on d axes",
        statement=(
            "pixel_shuffle with factor r maps (N, C r^d, X1..Xd) to (N, C, X1 r, .., Xd r) by "
            "out[n, c, x r + i] = in[n, c r^d + phi(i), x], phi(i) = sum_a i_a r^(d-1-a), which "
            "is PyTorch's reshape to (N, C, r, .., r, X1..Xd), permute to (N, C, X1, r, .., Xd, "
            "r) and reshape, carried from d = 2 to any d. Each output reads one input and "
            "each input is read once, so it is a permutation of the entries and "
            "pixel_unshuffle, out[n, c r^d + phi(i), x] = in[n, c, x r + i], is its inverse. "
            "The channel count must be divisible by r^d."
        ),
        result={},
        claims=(
            exhaustive(
                "the reshape-permute-reshape definition equals the closed form on 1, 2 and 3 axes",
                _SHAPES_TEXT,
                _check_definition,
            ),
            exhaustive(
                "every input entry is read by exactly one output: a permutation",
                _SHAPES_TEXT,
                _check_permutation,
            ),
            exhaustive(
                "pixel_unshuffle after pixel_shuffle and pixel_shuffle after pixel_unshuffle "
                "are the identity",
                _SHAPES_TEXT,
                _check_inverse,
            ),
            exhaustive(
                "for d = 2 it is PyTorch's out[n, c, h r + i, w r + j] = in[n, c r^2 + i r + j, "
                "h, w]",
                "the 2-D shapes above",
                _check_torch_formula,
            ),
        ),
        references=(
            TORCH_PIXEL_SHUFFLE.at(
                "PixelShuffle: rearranges (*, C r^2, H, W) to (*, C, H r, W r); PixelUnshuffle "
                "reverses it"
            ),
            SHI_SUBPIXEL.at("Sec. 2.2, Eq. 4: the periodic shuffling operator PS"),
        ),
        implemented_by=("oracle.pixel_shuffle", "oracle.pixel_unshuffle"),
        notes=(
            "PyTorch and ONNX define d = 2 only; a torch backend reports 1 and 3 axes as "
            "unsupported.",
            "Shi et al. call this operator periodic shuffling, PS.",
        ),
    )


def _onnx_shapes() -> Iterator[tuple[int, int, int, int]]:
    yield from itertools.product(range(1, 4), range(1, 4), range(1, 3), range(1, 3))


_ONNX_TEXT = "C = 1..3, blocksize = 1..3, H, W = 1..2"


def _check_crd() -> Iterator[object]:
    for c, bs, h, w in _onnx_shapes():
        if _onnx_2d("CRD", c, bs, h, w) != _shuffle_closed(c, bs, (h, w)):
            yield (c, bs, h, w)


def _check_dcr() -> Iterator[object]:
    for c, bs, h, w in _onnx_shapes():
        dcr = _onnx_2d("DCR", c, bs, h, w)
        for (ch, pos), source in dcr.items():
            if source != depth_to_space_dcr_index(ch, pos, bs, c):
                yield (c, bs, h, w, ch, pos)
        differs = dcr != _shuffle_closed(c, bs, (h, w))
        if differs != (c > 1 and bs > 1):
            yield ("DCR against CRD", c, bs, h, w)


def _check_space_to_depth() -> Iterator[object]:
    for c, bs, h, w in _onnx_shapes():
        s2d = _onnx_2d("S2D", c, bs, h, w)
        dcr = _onnx_2d("DCR", c, bs, h, w)
        for (ch, pos), source in s2d.items():
            if source != space_to_depth_index(ch, pos, bs, c):
                yield ("closed form", c, bs, h, w, ch, pos)
        if any(dcr[s2d[cell]] != cell for cell in s2d) or any(
            s2d[dcr[cell]] != cell for cell in dcr
        ):
            yield ("not the inverse of DCR", c, bs, h, w)
        unshuffle = _unshuffle_closed(c, bs, (h, w))
        if (s2d != unshuffle) != (c > 1 and bs > 1):
            yield ("SpaceToDepth against pixel_unshuffle", c, bs, h, w)


@derivation("equiv.onnx.pixel_shuffle.depth_to_space")
def _depth_to_space() -> Derivation:
    return Derivation(
        id="equiv.onnx.pixel_shuffle.depth_to_space",
        title="ONNX DepthToSpace: CRD is pixel_shuffle, DCR another permutation",
        statement=(
            "From ONNX's reshape and transpose text, DepthToSpace in CRD mode is pixel_shuffle, "
            "out[n, c, h bs + i, w bs + j] = in[n, c bs^2 + i bs + j, h, w], while the default "
            "DCR mode reads in[n, (i bs + j) C + c, h, w] with C the output channel count. The "
            "two differ exactly when C > 1 and bs > 1. SpaceToDepth, out[n, (i bs + j) C + c, "
            "h, w] = in[n, c, h bs + i, w bs + j], is the inverse of DCR, and pixel_unshuffle "
            "the inverse of CRD."
        ),
        result={},
        claims=(
            exhaustive(
                "DepthToSpace CRD, as ONNX's reshape [b, c/bs^2, bs, bs, h, w] and transpose "
                "[0, 1, 4, 2, 5, 3], equals pixel_shuffle",
                _ONNX_TEXT,
                _check_crd,
            ),
            exhaustive(
                "DepthToSpace DCR, as reshape [b, bs, bs, c/bs^2, h, w] and transpose "
                "[0, 3, 4, 1, 5, 2], is the closed form above, and differs from CRD exactly "
                "when C > 1 and bs > 1",
                _ONNX_TEXT,
                _check_dcr,
            ),
            exhaustive(
                "SpaceToDepth, as reshape [b, c, h/bs, bs, w/bs, bs] and transpose "
                "[0, 3, 5, 1, 2, 4], is the closed form above and inverts DCR both ways; it "
                "differs from pixel_unshuffle exactly when C > 1 and bs > 1",
                _ONNX_TEXT,
                _check_space_to_depth,
            ),
        ),
        references=(
            ONNX_DEPTH_TO_SPACE.at(
                "DepthToSpace, mode DCR: reshape [b, blocksize, blocksize, c // blocksize^2, h, "
                "w], transpose [0, 3, 4, 1, 5, 2]; mode CRD: reshape [b, c // blocksize^2, "
                "blocksize, blocksize, h, w], transpose [0, 1, 4, 2, 5, 3]"
            ),
            ONNX_DEPTH_TO_SPACE.at(
                "SpaceToDepth: reshape [b, c, h // blocksize, blocksize, w // blocksize, "
                "blocksize], transpose [0, 3, 5, 1, 2, 4]"
            ),
            TORCH_PIXEL_SHUFFLE.at("PixelShuffle and PixelUnshuffle"),
        ),
        implemented_by=("oracle.pixel_shuffle", "oracle.pixel_unshuffle"),
        notes=(
            "A backend that implements pixel_shuffle with DCR order passes every test with "
            "one output channel or factor 1 and fails otherwise; the conformance strategies "
            "must draw C > 1 and r > 1.",
            "The batch axis is left as it is by every one of these operators, so the claims "
            "drop it.",
        ),
    )


def channel_count(in_channels: int, factor: int, ndim: int) -> int:
    """``C / r^d``, the output channel count of pixel_shuffle; raises unless ``r^d`` divides ``C``.

    Cites ``pixel_shuffle.permutation``.

    >>> channel_count(12, 2, 2)
    3
    """
    did = "pixel_shuffle.permutation"
    in_channels = require_int("in_channels", in_channels, 1, did)
    factor = require_int("upscale_factor", factor, 1, did)
    ndim = require_int("ndim", ndim, 1, did)
    block: int = factor**ndim
    if in_channels % block:
        raise ValueError(
            f"in_channels: {in_channels} must be divisible by upscale_factor^d = {block} ({did})"
        )
    return in_channels // block
