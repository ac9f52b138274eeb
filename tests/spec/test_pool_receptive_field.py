"""pool.receptive_field: the recurrence, the VGG16 example, argument checks."""

from __future__ import annotations

import pytest

from spec.pool import VGG16_POOL5, Layer, ReceptiveField, receptive_field


@pytest.mark.spec("pool.receptive_field")
def test_vgg16_pool5() -> None:
    # Araujo, Norris and Sim's table: vgg_16/pool5 RF 212, effective stride 32, padding 90.
    assert len(VGG16_POOL5) == 18
    assert receptive_field(VGG16_POOL5) == ReceptiveField(212, 32, -90)


@pytest.mark.spec("pool.receptive_field")
def test_dilation_and_tuple_layers() -> None:
    # Three 3x3 layers dilated 1, 2, 4 (Yu and Koltun's context module): 15 cells.
    assert receptive_field([(3, 1, 1, 1), (3, 1, 2, 2), (3, 1, 4, 4)]) == ReceptiveField(15, 1, -7)
    assert receptive_field([]) == ReceptiveField(1, 1, 0)


@pytest.mark.spec("pool.receptive_field")
@pytest.mark.parametrize(
    ("layer", "name"),
    [
        (Layer(0), "kernel_size"),
        (Layer(3, 0), "stride"),
        (Layer(3, 1, -1), "padding"),
        (Layer(3, 1, 0, 0), "dilation"),
    ],
)
def test_invalid_layers_are_named(layer: Layer, name: str) -> None:
    with pytest.raises(ValueError, match=rf"layers\[1\]\.{name}.*pool\.receptive_field"):
        receptive_field([Layer(3), layer])
