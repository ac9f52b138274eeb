"""Max pooling: which tap a window selects (ties, NaN) and the index that names it.

Convention (``spec.pool.geometry``): a window's candidates are its in-input taps in window
order, row-major over the taps with the first spatial axis outermost; padding taps are never
candidates.  The selected tap is the last NaN when the window holds a NaN, else the first
tap holding the maximum (``-0.0`` and ``0.0`` tie, and the first keeps its sign).  This is
the closed form of PyTorch's scan, which starts from ``-inf`` at the first candidate and
moves on ``val > best or isnan(val)``.  Its index is its row-major flat position in the
unpadded ``(n, c)`` plane.  Adaptive max pooling selects the same way in its windows
(``pool.adaptive.windows``).

Derivations: ``pool.max.ties``, ``pool.max.nan``, ``pool.max.indices``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence

from sympy import symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.pool.geometry import (
    PoolGeometry,
    Position,
    flat_index,
    input_taps,
    pool_shape,
    unflat_index,
)
from spec.references import (
    ONNX_MAX_POOL,
    ONNX_REFERENCE_MAX_POOL,
    ORT_POOL,
    TORCH_ADAPTIVE_POOLING,
    TORCH_MAX_POOL,
)
from spec.window.length import require_int

__all__ = [
    "max_pool_plane",
    "max_select",
    "onnx_max_pool_index",
    "plane_index_from_onnx",
]

_IMPL = ("oracle.max_pool", "oracle.adaptive_max_pool")
NAN = math.nan
INF = math.inf


def max_select(values: Sequence[float]) -> tuple[float, int]:
    """``(value, position)`` of the tap a max-pooling window selects among ``values``.

    ``values`` are the window's in-input taps in window order.  With a NaN among them the
    selection is the last NaN (``pool.max.nan``); otherwise it is the first maximum
    (``pool.max.ties``).

    >>> max_select([1.0, 3.0, 3.0]), max_select([1.0, math.nan, 3.0, math.nan])
    ((3.0, 1), (nan, 3))
    """
    if not values:
        raise ValueError("values: a window must read at least one input cell (pool.max.indices)")
    nans = [i for i, v in enumerate(values) if math.isnan(v)]
    if nans:
        return values[nans[-1]], nans[-1]
    best = max(values)
    first = next(i for i, v in enumerate(values) if v == best)
    return values[first], first


def max_pool_plane(
    plane: Mapping[Position, float], shape: Sequence[int], geometry: PoolGeometry
) -> dict[Position, tuple[float, int]]:
    """Max pooling of one ``(n, c)`` plane: output position to ``(value, flat index)``.

    A window with no in-input tap (possible only with dilation, ``pool.avg.divisor``) has no
    index and raises ``ValueError``.  Cites ``pool.max.ties``, ``pool.max.nan`` and
    ``pool.max.indices``.

    >>> x = {(0, 0): 1.0, (0, 1): 4.0, (1, 0): 4.0, (1, 1): 2.0}
    >>> max_pool_plane(x, (2, 2), PoolGeometry.of(2, 2))
    {(0, 0): (4.0, 1)}
    """
    out: dict[Position, tuple[float, int]] = {}
    for o in itertools.product(*(range(n) for n in pool_shape(shape, geometry))):
        taps = input_taps(o, shape, geometry)
        if not taps:
            raise ValueError(
                f"dilation, padding: window {o} reads no input cell, so it has no maximum "
                "and no index (pool.max.indices)"
            )
        value, which = max_select([plane[p] for p in taps])
        out[o] = (value, flat_index(taps[which], shape))
    return out


def _column_major(position: Sequence[int], shape: Sequence[int]) -> int:
    return flat_index(tuple(reversed(position)), tuple(reversed(shape)))


def onnx_max_pool_index(
    n: int, c: int, position: Sequence[int], shape: Sequence[int], storage_order: int = 0
) -> int:
    """ONNX MaxPool's Indices value for the tap at ``position`` of plane ``(n, c)``.

    ``shape`` is the whole ``(N, C, L_1, ..., L_m)``.  The value is ``(n C + c) prod L`` plus
    the position's flat index in the plane, row-major for ``storage_order = 0`` and
    column-major over the spatial axes for ``storage_order = 1``.  Cites ``pool.max.indices``.

    >>> shape = (2, 1, 3, 4)
    >>> onnx_max_pool_index(1, 0, (1, 3), shape), onnx_max_pool_index(1, 0, (1, 3), shape, 1)
    (19, 22)
    """
    did = "pool.max.indices"
    require_int("storage_order", storage_order, 0, did)
    if storage_order > 1:
        raise ValueError(f"storage_order: {storage_order} must be 0 or 1 ({did})")
    spatial = tuple(shape[2:])
    within = (
        flat_index(position, spatial) if storage_order == 0 else _column_major(position, spatial)
    )
    return (n * shape[1] + c) * math.prod(spatial) + within


def plane_index_from_onnx(
    index: int, shape: Sequence[int], storage_order: int = 0
) -> tuple[int, int, int]:
    """``(n, c, plane index)`` of an ONNX MaxPool Indices value: the inverse of
    :func:`onnx_max_pool_index`, with PyTorch's row-major plane index.

    Cites ``pool.max.indices``.

    >>> plane_index_from_onnx(22, (2, 1, 3, 4), 1)
    (1, 0, 7)
    """
    spatial = tuple(shape[2:])
    plane, within = divmod(index, math.prod(spatial))
    n, c = divmod(plane, shape[1])
    if storage_order == 1:
        position = tuple(reversed(unflat_index(within, tuple(reversed(spatial)))))
        within = flat_index(position, spatial)
    return n, c, within


# --- the scans that libraries run, for the claims ----------------------------------------------


def _scan(values: Sequence[float], moves: Callable[[float, float], bool]) -> tuple[float, int]:
    """Start from -inf at the first candidate; move to a tap when ``moves(val, best)``."""
    best, which = -INF, 0
    for i, v in enumerate(values):
        if moves(v, best):
            best, which = v, i
    return best, which


def _torch_scan(values: Sequence[float]) -> tuple[float, int]:
    """PyTorch's cpu_max_pool: ``(val > maxval) || isnan(val)``."""
    return _scan(values, lambda v, best: v > best or math.isnan(v))


def _last_tie_scan(values: Sequence[float]) -> tuple[float, int]:
    """A broken scan that moves on ``>=``, so ties go to the last maximum."""
    return _scan(values, lambda v, best: v >= best or math.isnan(v))


def _seeded_scan(values: Sequence[float]) -> tuple[float, int]:
    """ONNX Runtime and onnx.reference: take the first candidate, then move on ``>`` only."""
    best, which = values[0], 0
    for i, v in enumerate(values[1:], start=1):
        if v > best:
            best, which = v, i
    return best, which


def _same(a: tuple[float, int], b: tuple[float, int]) -> bool:
    """Equal selections: same index, and the same value bit for bit (NaN equals NaN)."""
    (va, ia), (vb, ib) = a, b
    if math.isnan(va) or math.isnan(vb):
        return math.isnan(va) and math.isnan(vb) and ia == ib
    return ia == ib and va == vb and math.copysign(1, va) == math.copysign(1, vb)


def _windows(alphabet: Sequence[float], longest: int = 5) -> Iterator[tuple[float, ...]]:
    for size in range(1, longest + 1):
        yield from itertools.product(alphabet, repeat=size)


_FINITE = (-INF, -1.0, -0.0, 0.0, 1.0, INF)
_FINITE_DOMAIN = "every window of 1 to 5 taps over {-inf, -1, -0.0, 0.0, 1, inf}"
_WITH_NAN = (-INF, 0.0, 1.0, INF, NAN)
_NAN_DOMAIN = "every window of 1 to 5 taps over {-inf, 0, 1, inf, NaN}"


def _check_first_maximum() -> Iterator[object]:
    for w in _windows(_FINITE):
        got = _torch_scan(w)
        first = next(i for i, v in enumerate(w) if v == max(w))
        if not (_same(got, max_select(w)) and _same(got, (w[first], first))):
            yield (w, got)


def _check_last_tie_differs() -> Iterator[object]:
    for w in _windows(_FINITE):
        repeated = sum(v == max(w) for v in w) > 1
        if _same(_last_tie_scan(w), max_select(w)) == repeated:
            yield (w, repeated)


def _geometries() -> Iterator[tuple[tuple[int, ...], PoolGeometry]]:
    for shape, kk, ss, dd, pb, pe, ceil in itertools.product(
        ((3, 4), (4, 3), (2, 3, 3)), (2, 3), (1, 2), (1, 2), range(2), range(2), (False, True)
    ):
        ndim = len(shape)
        pads = tuple((pb, pe) if a % 2 else (pe, pb) for a in range(ndim))
        try:
            g = PoolGeometry.of(ndim, kk, ss, pads, dd, ceil)
            pool_shape(shape, g)
        except ValueError:
            continue
        yield shape, g


_GEOMETRY_DOMAIN = (
    "planes (3, 4), (4, 3), (2, 3, 3); k = 2, 3; s = 1, 2; d = 1, 2; pads (p, q) / (q, p) "
    "alternating by axis, p, q = 0, 1; floor and ceil"
)


def _check_window_order() -> Iterator[object]:
    for shape, g in _geometries():
        for o in itertools.product(*(range(n) for n in pool_shape(shape, g))):
            flat = [flat_index(p, shape) for p in input_taps(o, shape, g)]
            if flat != sorted(set(flat)):
                yield (shape, g, o, flat)


@derivation("pool.max.ties")
def _ties() -> Derivation:
    return Derivation(
        id="pool.max.ties",
        title="Max pooling ties: the first maximum in window order",
        statement=(
            "A window's candidates are its in-input taps in window order, row-major over the "
            "taps with the first spatial axis outermost, and on a NaN-free window the "
            "selection is the first candidate holding the maximum (-0.0 and 0.0 tie, and the "
            "first keeps its sign). This is PyTorch's scan, which starts from -inf at the "
            "first candidate and moves only on a strictly greater value, for max_pool and "
            "adaptive_max_pool alike. Window order is increasing flat index in the plane, so "
            "the selection is the maximum with the smallest flat index."
        ),
        result={},
        claims=(
            exhaustive(
                "PyTorch's scan selects the first maximum, value and sign included",
                _FINITE_DOMAIN,
                _check_first_maximum,
            ),
            exhaustive(
                "a scan that moves on >= (ties to the last maximum) differs exactly on the "
                "windows whose maximum occurs more than once",
                _FINITE_DOMAIN,
                _check_last_tie_differs,
            ),
            exhaustive(
                "the in-input taps of every window, in window order, have strictly increasing "
                "flat indices",
                _GEOMETRY_DOMAIN,
                _check_window_order,
            ),
        ),
        references=(
            TORCH_MAX_POOL.at(
                "cpu_max_pool: maxval starts at -inf and maxindex at the first in-input tap; "
                "the loops run over d, h, w and a tap replaces the maximum when (val > maxval) "
                "|| isnan(val)"
            ),
            TORCH_ADAPTIVE_POOLING.at(
                "cpu_adaptive_max_pool: the same (val > maxval) || isnan(val) scan from -inf"
            ),
        ),
        implemented_by=_IMPL,
        notes=(
            "An all -inf window selects its first candidate: nothing is strictly greater than "
            "the starting -inf.",
        ),
    )


def _check_last_nan() -> Iterator[object]:
    for w in _windows(_WITH_NAN):
        nans = [i for i, v in enumerate(w) if math.isnan(v)]
        if nans and not (_same(_torch_scan(w), max_select(w)) and max_select(w)[1] == nans[-1]):
            yield (w, _torch_scan(w))


def _check_onnx_scan() -> Iterator[object]:
    """The seeded > scan agrees exactly when no NaN but possibly the first is in the window."""
    for w in _windows(_WITH_NAN):
        quiet = not any(math.isnan(v) for v in w[1:])
        if _same(_seeded_scan(w), max_select(w)) != quiet:
            yield (w, _seeded_scan(w))


def _nan_example() -> Iterator[object]:
    w = (1.0, NAN, 3.0, NAN)
    skipped = [v for v in w if not math.isnan(v)]
    got = (max_select(w), _torch_scan(w), _seeded_scan(w), (max(skipped), w.index(max(skipped))))
    want = ((NAN, 3), (NAN, 3), (3.0, 2), (3.0, 2))
    if not all(_same(a, b) for a, b in zip(got, want, strict=True)):
        yield got


@derivation("pool.max.nan")
def _nan() -> Derivation:
    return Derivation(
        id="pool.max.nan",
        title="Max pooling and NaN: NaN propagates, and the index is the last NaN",
        statement=(
            "A window holding a NaN selects NaN, and its index is that of the last NaN in "
            "window order, because PyTorch's scan moves to every NaN it meets and to nothing "
            "after one. For [1, NaN, 3, NaN] that is NaN at index 3, where ONNX Runtime and "
            "onnx.reference, which take the first candidate and then move on a strictly "
            "greater value, return 3 at index 2: a known deviation, and they agree with the "
            "spec exactly on the windows where no candidate after the first is NaN."
        ),
        result={},
        claims=(
            exhaustive(
                "PyTorch's scan selects NaN at the last NaN of every window holding one",
                _NAN_DOMAIN,
                _check_last_nan,
            ),
            exhaustive(
                "the ONNX Runtime / onnx.reference scan agrees with the spec exactly when no "
                "candidate after the first is NaN",
                _NAN_DOMAIN,
                _check_onnx_scan,
            ),
            exhaustive(
                "[1, NaN, 3, NaN]: the spec and PyTorch give NaN at 3; the seeded scan and a "
                "max over the non-NaN values give 3 at 2",
                "that window",
                _nan_example,
            ),
        ),
        references=(
            TORCH_MAX_POOL.at(
                "cpu_max_pool: a tap replaces the maximum when (val > maxval) || isnan(val)"
            ),
            TORCH_ADAPTIVE_POOLING.at(
                "cpu_adaptive_max_pool: the same (val > maxval) || isnan(val) scan"
            ),
            ORT_POOL.at("MaxPool2DTask: a tap replaces the maximum if (h_index < 0 || x > Yh)"),
            ONNX_REFERENCE_MAX_POOL.at(
                "a tap replaces the maximum when X > Yh, seeded with the first in-input tap; "
                "unit strides and dilations take np.max over the non-NaN values"
            ),
        ),
        implemented_by=_IMPL,
        notes=(
            "onnx.reference's unit-stride path takes np.max over the non-NaN values, which "
            "also gives 3 at index 2 here.",
            "A backend that ignores NaN (a max over the non-NaN values) differs from the "
            "spec on every window holding both a NaN and a number.",
        ),
    )


def _pattern(shape: Sequence[int]) -> dict[Position, float]:
    """Values with ties and signs: 7 times the flat index modulo 5, less 2."""
    return {
        p: float((7 * flat_index(p, shape)) % 5 - 2)
        for p in itertools.product(*(range(n) for n in shape))
    }


def _check_indices_in_plane() -> Iterator[object]:
    for shape, g in _geometries():
        plane = _pattern(shape)
        for o, (value, index) in max_pool_plane(plane, shape, g).items():
            position = unflat_index(index, shape)
            if not 0 <= index < math.prod(shape) or position not in input_taps(o, shape, g):
                yield (shape, g, o, index)
            elif plane[position] != value:
                yield (shape, g, o, index, value)


def _check_padded_coordinates() -> Iterator[object]:
    """1-D: pooling the plane padded with -inf gives the same values, indices shifted by p_begin."""
    for in_len, kk, ss, pb, pe in itertools.product(
        range(1, 7), range(1, 4), range(1, 3), range(3), range(3)
    ):
        if pb >= kk or pe >= kk or in_len + pb + pe < kk:
            continue
        plane = _pattern((in_len,))
        padded: dict[Position, float] = {
            (x + pb,): plane.get((x,), -INF) for x in range(-pb, in_len + pe)
        }
        spec = max_pool_plane(plane, (in_len,), PoolGeometry.of(1, kk, ss, ((pb, pe),)))
        naive = max_pool_plane(padded, (in_len + pb + pe,), PoolGeometry.of(1, kk, ss))
        for o, (value, index) in spec.items():
            if naive[o] != (value, index + pb):
                yield (in_len, kk, ss, pb, pe, o, naive[o], (value, index))


def _check_onnx_round_trip() -> Iterator[object]:
    for shape in ((2, 3, 5), (1, 2, 3, 4), (2, 1, 2, 3, 2)):
        spatial = shape[2:]
        seen = set()
        for n, c in itertools.product(range(shape[0]), range(shape[1])):
            for pos in itertools.product(*(range(x) for x in spatial)):
                for order in (0, 1):
                    index = onnx_max_pool_index(n, c, pos, shape, order)
                    seen.add((order, index))
                    if plane_index_from_onnx(index, shape, order) != (
                        n,
                        c,
                        flat_index(pos, spatial),
                    ):
                        yield (shape, n, c, pos, order)
        if seen != {(o, i) for o in (0, 1) for i in range(math.prod(shape))}:
            yield (shape, "not a bijection onto [0, N C prod L)")


def _onnx_example() -> Iterator[object]:
    shape, spatial = (2, 1, 3, 4), (3, 4)
    got: dict[int, list[int]] = {0: [], 1: []}
    for n in range(2):
        cells = itertools.product(*map(range, spatial))
        plane = {p: float(12 * n + flat_index(p, spatial)) for p in cells}
        for _, index in max_pool_plane(plane, spatial, PoolGeometry.of(2, 2)).values():
            for order in (0, 1):
                position = unflat_index(index, spatial)
                got[order].append(onnx_max_pool_index(n, 0, position, shape, order))
    if got != {0: [5, 7, 17, 19], 1: [4, 10, 16, 22]}:
        yield got


@derivation("pool.max.indices")
def _indices() -> Derivation:
    n, c, h, w = symbols("n c h w", integer=True, nonnegative=True)
    size_c, size_h, size_w = symbols("C H W", integer=True, positive=True)
    plane = (n * size_c + c) * size_h * size_w
    row_major = ((n * size_c + c) * size_h + h) * size_w + w
    column_major = plane + (w * size_h + h)
    return Derivation(
        id="pool.max.indices",
        title="Max pooling indices: flat positions in the unpadded plane; ONNX's Indices",
        statement=(
            "The index of a window is the row-major flat position sum_a pos_a prod_(b > a) "
            "L_b of its selected tap in the unpadded (n, c) plane, so it lies in [0, prod L) "
            "and never names a padding cell; a window with no in-input tap, possible only "
            "with dilation, has no index and is rejected, where PyTorch returns -inf and an "
            "index outside the window. ONNX MaxPool's Indices are flat over the whole tensor: "
            "(n C + c) prod L plus the plane position, row-major for storage_order 0 and "
            "column-major over the spatial axes for storage_order 1, as ONNX Runtime and "
            "onnx.reference compute them."
        ),
        result={
            "ONNX, storage_order 0 (2-D)": row_major,
            "ONNX, storage_order 1 (2-D)": column_major,
        },
        claims=(
            symbolic(
                "row-major over (N, C, H, W) is (n C + c) H W plus the plane index h W + w",
                row_major,
                plane + (h * size_w + w),
            ),
            exhaustive(
                "every index lies in [0, prod L), decodes to an in-input tap of its window, "
                "and names the selected value",
                _GEOMETRY_DOMAIN,
                _check_indices_in_plane,
            ),
            exhaustive(
                "1-D: pooling the input padded with -inf gives the same values and indices "
                "p_begin larger, so indices in padded coordinates differ whenever p_begin > 0",
                "L = 1..6, k = 1..3, s = 1, 2, p_begin, p_end < k",
                _check_padded_coordinates,
            ),
            exhaustive(
                "ONNX Indices for storage_order 0 and 1 are bijections onto [0, N C prod L) "
                "and convert back to (n, c, plane index)",
                "shapes (2, 3, 5), (1, 2, 3, 4), (2, 1, 2, 3, 2), every position",
                _check_onnx_round_trip,
            ),
            exhaustive(
                "x = arange(24) as (2, 1, 3, 4), k = s = 2: Indices 5, 7, 17, 19 for "
                "storage_order 0 and 4, 10, 16, 22 for storage_order 1",
                "that case",
                _onnx_example,
            ),
        ),
        references=(
            TORCH_MAX_POOL.at(
                "cpu_max_pool: index = id H W + ih W + iw in the (n, c) plane, from the first "
                "in-input tap"
            ),
            ONNX_MAX_POOL.at(
                "MaxPool (opset 12), output Indices: computed as a flattened 1-D tensor, not "
                "considering padding, values in [0, N x C x D1 x ... x Dn); storage_order 0 "
                "is row major, 1 column major"
            ),
            ONNX_REFERENCE_MAX_POOL.at(
                "index = c x_step + h W + w (storage_order 0) or c x_step + h + w H (1), c the "
                "flattened (n, c); the unit-stride path ignores storage_order"
            ),
            ORT_POOL.at(
                "MaxPool2DTask: index c x_step + h_index width + w_index for storage_order 0, "
                "c x_step + h_index + w_index height otherwise"
            ),
        ),
        implemented_by=_IMPL,
        notes=(
            "The storage_order 1 example is onnx.reference 1.23's output; its unit-stride "
            "path ignores storage_order and returns row-major indices, a deviation.",
            "pool.avg.divisor shows when a window misses the input: never with dilation 1 "
            "and every pad below k.",
            "The index is also the position max_unpool writes to (pool.unpool.scatter).",
        ),
    )
