"""oracle.fcn_fuse and oracle.fcn_fuse_resize against a direct composition, their identities,
PyTorch, and their every ValueError.

1. A slow direct composition built from the spec: the layer list of the variant
   (spec.fcn.layers), its crop offsets (spec.fcn.caffe_crop_offsets) and the exact
   bilinear kernel (spec.fcn.upsample_filt_nd), scattering input by input and tap by tap.
   On integer-valued maps every weight product is a dyadic rational, so the oracle must
   match it exactly.
2. Identities: the bilinear kernel is spec's; fcn32s's score is the half_pixel resize of
   score_fr shifted by 3, away from the ends (fcn.bilinear.identity, fcn.caffe.offsets);
   fcn_fuse_resize with one map is a resize.
3. torch at float64 (importorskip): F.conv_transpose{1,2,3}d with groups = K, and with the
   nets' full K x K weights, zero off the diagonal; F.interpolate for the resize fusion.
4. Every invalid argument: ``ValueError`` naming the parameter and the ID.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from spec.fcn import VARIANTS, blob_sizes, caffe_crop_offsets, layers, upsample_filt_nd

Array = NDArray[np.float64]

SKIPS = {"fcn32s": (), "fcn16s": ("score_pool4",), "fcn8s": ("score_pool4", "score_pool3")}


def score_maps(
    variant: str, size: tuple[int, ...], batch: int = 1, classes: int = 2, seed: int = 0
) -> dict[str, Array]:
    """Integer-valued score maps of the lengths blob_sizes gives ``size``."""
    rng = np.random.default_rng(seed)
    per_axis = [blob_sizes(variant, n) for n in size]
    return {
        name: rng.integers(-9, 10, (batch, classes, *(s[name] for s in per_axis))).astype(float)
        for name in ("score_fr", *SKIPS[variant])
    }


def direct_upsample(x: Array, kernel: int, stride: int) -> Array:
    """Per class, tap by tap: input i adds w[t] x[i] into output i*s + t on every axis (no
    padding), with the spec's exact weight of each tap."""
    spatial = x.shape[2:]
    out = np.zeros((*x.shape[:2], *((n - 1) * stride + kernel for n in spatial)))
    for taps, weight in upsample_filt_nd(kernel, len(spatial)).items():
        reached: tuple[Any, ...] = (
            Ellipsis,
            *(
                slice(t, t + stride * (n - 1) + 1, stride)
                for t, n in zip(taps, spatial, strict=True)
            ),
        )
        out[reached] += float(weight) * x
    return out


def direct_fuse(variant: str, maps: dict[str, Array], size: tuple[int, ...]) -> Array:
    """The variant's head, layer by layer from spec.fcn.layers."""
    blobs = dict(maps)
    offsets = caffe_crop_offsets(variant)
    for layer in layers(variant):
        if layer.top in blobs or layer.kind not in ("deconv", "crop", "sum"):
            continue
        bottom = blobs.get(layer.bottoms[0])
        if layer.kind == "deconv":
            assert bottom is not None
            blobs[layer.top] = direct_upsample(bottom, layer.kernel, layer.stride)
        elif layer.kind == "crop":
            source = blobs[layer.bottoms[0]]
            lengths = size if layer.bottoms[1] == "data" else blobs[layer.bottoms[1]].shape[2:]
            c = offsets[layer.top]
            kept: tuple[Any, ...] = (Ellipsis, *(slice(c, c + n) for n in lengths))
            blobs[layer.top] = source[kept]
        else:
            blobs[layer.top] = blobs[layer.bottoms[0]] + blobs[layer.bottoms[1]]
    return blobs["score"]


def fuse(variant: str, maps: dict[str, Array], size: tuple[int, ...]) -> Array:
    return oracle.fcn_fuse(variant, *maps.values(), input_size=size)


# --------------------------------------------------------------------------------------
# 1. The direct composition
# --------------------------------------------------------------------------------------

DIRECT_SIZES = [(1,), (7,), (33,), (64,), (1, 1), (1, 2), (5, 3), (32, 32), (33, 17)]


@pytest.mark.spec("fcn.caffe.offsets", "fcn.caffe.blob_sizes", "fcn.bilinear.kernel")
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("size", DIRECT_SIZES, ids=str)
def test_matches_the_direct_composition_exactly(variant: str, size: tuple[int, ...]) -> None:
    maps = score_maps(variant, size, batch=2, classes=3)
    got = fuse(variant, maps, size)
    assert got.shape == (2, 3, *size) and got.dtype == np.float64
    np.testing.assert_array_equal(got, direct_fuse(variant, maps, size))


@pytest.mark.spec("fcn.caffe.blob_sizes")
@pytest.mark.parametrize("variant", VARIANTS)
def test_empty_batch(variant: str) -> None:
    maps = score_maps(variant, (9, 4), batch=0)
    assert fuse(variant, maps, (9, 4)).shape == (0, 2, 9, 4)


@pytest.mark.spec("fcn.caffe.blob_sizes")
def test_integer_dtypes_and_int_input_size() -> None:
    maps = {k: v.astype(np.int32) for k, v in score_maps("fcn16s", (20, 20)).items()}
    got = oracle.fcn_fuse("fcn16s", *maps.values(), input_size=20)
    want = direct_fuse("fcn16s", {k: v.astype(float) for k, v in maps.items()}, (20, 20))
    np.testing.assert_array_equal(got, want)


# --------------------------------------------------------------------------------------
# 2. Identities
# --------------------------------------------------------------------------------------


@pytest.mark.spec("fcn.bilinear.kernel")
@pytest.mark.parametrize(("kernel", "ndim"), [(1, 1), (4, 1), (5, 2), (16, 2), (4, 3), (64, 1)])
def test_bilinear_kernel_is_the_specs(kernel: int, ndim: int) -> None:
    got = oracle.bilinear_kernel(kernel, ndim)
    assert got.shape == (kernel,) * ndim
    for taps, weight in upsample_filt_nd(kernel, ndim).items():
        assert got[taps] == float(weight)


@pytest.mark.spec("fcn.bilinear.identity", "fcn.caffe.offsets")
@pytest.mark.parametrize("length", [1, 26, 27, 58, 100, 333])
def test_fcn32s_is_a_shifted_resize_away_from_the_ends(length: int) -> None:
    # upscore with padding 16 is half_pixel resize by 32; the crop at 19 = 16 + 3.
    rng = np.random.default_rng(length)
    score_fr = rng.standard_normal((1, 2, blob_sizes("fcn32s", length)["score_fr"]))
    score = oracle.fcn_fuse("fcn32s", score_fr, input_size=length)
    m = score_fr.shape[-1]
    resized = oracle.resize(score_fr, size=32 * m, mode="linear", coordinate_mode="half_pixel")
    inside = [q for q in range(length) if 16 <= q + 3 < 32 * m - 16]
    np.testing.assert_allclose(score[..., inside], resized[..., [q + 3 for q in inside]], 0, 1e-13)
    # The first 16 outputs of the padded transposed convolution differ: q = 0..12 here.
    outside = [q for q in range(length) if q + 3 < 16]
    assert not np.allclose(score[..., outside], resized[..., [q + 3 for q in outside]])


@pytest.mark.spec("fcn.bilinear.identity")
def test_fuse_resize_of_one_map_is_a_resize() -> None:
    x = np.random.default_rng(1).standard_normal((2, 3, 5, 7))
    want = oracle.resize(x, size=(11, 4), mode="linear", coordinate_mode="half_pixel")
    np.testing.assert_array_equal(oracle.fcn_fuse_resize(x, input_size=(11, 4)), want)


@pytest.mark.spec("fcn.bilinear.identity")
def test_fuse_resize_steps() -> None:
    rng = np.random.default_rng(2)
    maps = [rng.standard_normal((1, 2, *s)) for s in ((2, 3), (5, 5), (9, 11))]
    running = maps[0]
    for skip in maps[1:]:
        running = oracle.resize(running, size=skip.shape[2:], mode="linear") + skip
    want = oracle.resize(running, size=(31, 1), mode="linear")
    np.testing.assert_array_equal(oracle.fcn_fuse_resize(*maps, input_size=(31, 1)), want)


@pytest.mark.spec("fcn.bilinear.identity")
def test_fuse_resize_reproduces_constants() -> None:
    maps = [np.full((1, 1, n), 1.0) for n in (1, 3, 8)]
    np.testing.assert_allclose(oracle.fcn_fuse_resize(*maps, input_size=17), 3.0, 0, 1e-15)


# --------------------------------------------------------------------------------------
# 3. torch
# --------------------------------------------------------------------------------------

TORCH_SIZES = [(1, 1), (1, 9), (31, 33), (97, 64), (224, 224), (333, 500), (17,), (301,)]


def torch_fuse(variant: str, maps: dict[str, Array], size: tuple[int, ...], full: bool) -> Any:
    """The head in torch at float64: grouped weights, or the nets' K x K diagonal weights."""
    torch = pytest.importorskip("torch")
    functional = torch.nn.functional
    ndim = len(size)
    up_fn = {1: functional.conv_transpose1d, 2: functional.conv_transpose2d}.get(
        ndim, functional.conv_transpose3d
    )
    t = {k: torch.from_numpy(v) for k, v in maps.items()}
    classes = maps["score_fr"].shape[1]

    def up(x: Any, kernel: int, stride: int) -> Any:
        filt = torch.from_numpy(oracle.bilinear_kernel(kernel, ndim))
        if full:
            weight = torch.zeros((classes, classes, *filt.shape), dtype=torch.float64)
            for c in range(classes):
                weight[c, c] = filt
            return up_fn(x, weight, stride=stride)
        weight = filt.expand(classes, 1, *filt.shape).contiguous()
        return up_fn(x, weight, stride=stride, groups=classes)

    def crop(x: Any, offset: int, lengths: tuple[int, ...]) -> Any:
        return x[(..., *(slice(offset, offset + n) for n in lengths))]

    offsets = list(caffe_crop_offsets(variant).values())
    heads = {
        "fcn32s": ((64, 32),),
        "fcn16s": ((4, 2), (32, 16)),
        "fcn8s": ((4, 2), (4, 2), (16, 8)),
    }[variant]
    skips = [t[name] for name in SKIPS[variant]]
    fused = t["score_fr"]
    for step, (kernel, stride) in enumerate(heads):
        upsampled = up(fused, kernel, stride)
        if step < len(skips):
            fused = upsampled + crop(skips[step], offsets[step], tuple(upsampled.shape[2:]))
        else:
            fused = crop(upsampled, offsets[step], size)
    return fused.numpy()


@pytest.mark.spec("fcn.caffe.offsets", "fcn.caffe.blob_sizes", "fcn.bilinear.kernel")
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("size", TORCH_SIZES, ids=str)
def test_matches_torch_float64(variant: str, size: tuple[int, ...]) -> None:
    maps = {
        k: v + np.random.default_rng(3).random(v.shape)
        for k, v in score_maps(variant, size, batch=2, classes=3, seed=4).items()
    }
    got = fuse(variant, maps, size)
    want = torch_fuse(variant, maps, size, full=False)
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-12)


@pytest.mark.spec("fcn.caffe.offsets", "fcn.caffe.blob_sizes")
def test_three_axes_match_the_direct_composition_and_torch() -> None:
    # fcn8s only: fcn32s's 64 x 64 x 64 kernel makes 262144 taps.
    maps = score_maps("fcn8s", (3, 4, 5), classes=2, seed=7)
    got = fuse("fcn8s", maps, (3, 4, 5))
    np.testing.assert_array_equal(got, direct_fuse("fcn8s", maps, (3, 4, 5)))
    np.testing.assert_allclose(got, torch_fuse("fcn8s", maps, (3, 4, 5), full=False), 0, 1e-12)


@pytest.mark.spec("fcn.bilinear.kernel")
@pytest.mark.parametrize("variant", VARIANTS)
def test_full_diagonal_weights_compute_the_same(variant: str) -> None:
    maps = score_maps(variant, (45, 38), classes=4, seed=5)
    np.testing.assert_allclose(
        fuse(variant, maps, (45, 38)), torch_fuse(variant, maps, (45, 38), full=True), 0, 1e-12
    )


@pytest.mark.spec("fcn.bilinear.identity")
@pytest.mark.parametrize(
    "shapes",
    [
        ((1,), (1,), (7,)),
        ((2, 3), (4, 6), (9, 12), (33, 47)),
        ((3, 1), (7, 7)),
        ((2, 2, 2), (3, 5, 4)),
    ],
    ids=str,
)
def test_fuse_resize_matches_torch_interpolate(shapes: tuple[tuple[int, ...], ...]) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(6)
    *given, out = shapes
    maps = [rng.standard_normal((2, 3, *s)) for s in given]
    mode = {1: "linear", 2: "bilinear", 3: "trilinear"}[len(out)]

    def interpolate(x: Any, size: tuple[int, ...]) -> Any:
        return torch.nn.functional.interpolate(x, size=size, mode=mode, align_corners=False)

    running = torch.from_numpy(maps[0])
    for skip in maps[1:]:
        running = interpolate(running, skip.shape[2:]) + torch.from_numpy(skip)
    want = interpolate(running, out).numpy()
    got = oracle.fcn_fuse_resize(*maps, input_size=out)
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)


# --------------------------------------------------------------------------------------
# 4. Invalid arguments
# --------------------------------------------------------------------------------------


def _maps(variant: str = "fcn8s") -> dict[str, Array]:
    return score_maps(variant, (40, 40))


@pytest.mark.spec("fcn.caffe.offsets")
@pytest.mark.parametrize("variant", ["fcn4s", "", None, "FCN8s"])
def test_unknown_variant(variant: object) -> None:
    with pytest.raises(ValueError, match=r"variant: .*fcn\.caffe\.offsets"):
        oracle.fcn_fuse(variant, _maps()["score_fr"], input_size=40)  # type: ignore[arg-type]


@pytest.mark.spec("fcn.caffe.offsets")
def test_missing_and_superfluous_skips() -> None:
    maps = _maps()
    with pytest.raises(
        ValueError, match=r"score_pool4: is required by fcn16s.*fcn\.caffe\.offsets"
    ):
        oracle.fcn_fuse("fcn16s", maps["score_fr"], input_size=40)
    with pytest.raises(ValueError, match=r"score_pool3: is required by fcn8s"):
        oracle.fcn_fuse("fcn8s", maps["score_fr"], maps["score_pool4"], input_size=40)
    with pytest.raises(ValueError, match=r"score_pool3: is required by fcn8s"):
        oracle.fcn_fuse("fcn8s", maps["score_fr"], score_pool4=maps["score_pool4"], input_size=40)
    with pytest.raises(ValueError, match=r"score_pool4: must be None for fcn32s"):
        oracle.fcn_fuse("fcn32s", maps["score_fr"], maps["score_pool4"], input_size=40)
    with pytest.raises(ValueError, match=r"score_pool3: must be None for fcn16s"):
        oracle.fcn_fuse("fcn16s", *maps.values(), input_size=40)


@pytest.mark.spec("fcn.caffe.blob_sizes")
@pytest.mark.parametrize("name", ["score_fr", "score_pool4", "score_pool3"])
@pytest.mark.parametrize("change", [-1, 1])
def test_lengths_that_do_not_match_input_size(name: str, change: int) -> None:
    maps = _maps()
    shape = list(maps[name].shape)
    shape[-1] += change
    maps[name] = np.zeros(shape)
    with pytest.raises(ValueError, match=rf"{name}: must have the spatial lengths .*blob_sizes"):
        oracle.fcn_fuse("fcn8s", *maps.values(), input_size=(40, 40))


@pytest.mark.spec("fcn.caffe.blob_sizes")
def test_input_size_must_fit_the_maps() -> None:
    maps = _maps()
    # 40 and 43 share score_fr's length 2, not score_pool4's: ceil(241/16) = 16.
    with pytest.raises(ValueError, match=r"score_pool4: .*\(15, 16\)"):
        oracle.fcn_fuse("fcn8s", *maps.values(), input_size=(40, 43))
    # 42 and 43 differ in score_pool3 too; 40 and 42 in none.
    np.testing.assert_array_equal(
        oracle.fcn_fuse("fcn8s", *maps.values(), input_size=(40, 42))[..., :40],
        oracle.fcn_fuse("fcn8s", *maps.values(), input_size=(40, 40)),
    )
    for bad in (0, (40,), (40, 40, 40), (40.0, 40), (True, 40), "40"):
        with pytest.raises(ValueError, match=r"input_size: .*fcn\.caffe\.blob_sizes"):
            oracle.fcn_fuse("fcn8s", *maps.values(), input_size=bad)  # type: ignore[arg-type]


@pytest.mark.spec("fcn.caffe.blob_sizes")
def test_maps_must_share_batch_classes_and_axes() -> None:
    maps = _maps()
    with pytest.raises(ValueError, match=r"score_pool4: must have the \(N, K\)"):
        oracle.fcn_fuse("fcn16s", maps["score_fr"], maps["score_pool4"][:, :1], input_size=40)
    with pytest.raises(ValueError, match=r"score_fr: must be a real numeric numpy array"):
        oracle.fcn_fuse("fcn32s", [[[1.0]]], input_size=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"score_fr: must have shape \(N, K, \*spatial\)"):
        oracle.fcn_fuse("fcn32s", np.zeros((1, 0, 1)), input_size=1)
    with pytest.raises(ValueError, match=r"score_fr: .*complex"):
        oracle.fcn_fuse("fcn32s", np.zeros((1, 1, 1), dtype=complex), input_size=1)


@pytest.mark.spec("fcn.bilinear.identity")
def test_fuse_resize_invalid_arguments() -> None:
    x = np.zeros((1, 2, 3, 3))
    with pytest.raises(ValueError, match=r"skips\[0\]: must have the \(N, K\)"):
        oracle.fcn_fuse_resize(x, np.zeros((1, 3, 5, 5)), input_size=9)
    with pytest.raises(ValueError, match=r"skips\[1\]: must have the \(N, K\)"):
        oracle.fcn_fuse_resize(x, x, np.zeros((1, 2, 5)), input_size=9)
    with pytest.raises(ValueError, match=r"skips\[0\]: every spatial length must be >= 1"):
        oracle.fcn_fuse_resize(x, np.zeros((1, 2, 0, 5)), input_size=9)
    with pytest.raises(ValueError, match=r"input_size: .*fcn\.bilinear\.identity"):
        oracle.fcn_fuse_resize(x, input_size=(9, 0))
    with pytest.raises(ValueError, match=r"score: must be a real numeric"):
        oracle.fcn_fuse_resize("x", input_size=9)  # type: ignore[arg-type]


@pytest.mark.spec("fcn.bilinear.kernel")
def test_bilinear_kernel_invalid_arguments() -> None:
    with pytest.raises(ValueError, match=r"kernel_size: .*fcn\.bilinear\.kernel"):
        oracle.bilinear_kernel(0)
    with pytest.raises(ValueError, match=r"ndim: .*fcn\.bilinear\.kernel"):
        oracle.bilinear_kernel(4, 4)
