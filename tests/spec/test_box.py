"""resize.box, resize.box.area, resize.box.sampled: worked examples from the sources, and the
installed libraries (OpenCV, Pillow, PyTorch) against the spec's weights."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from numpy.typing import NDArray

from spec.resize import box

F = Fraction


@pytest.mark.spec("resize.box")
def test_tensorflow_comment_example() -> None:
    # resize_area_op.cc: in[4] -> out[3], scale 3/4: out[0] = (in[0] + in[1]/3) 3/4,
    # out[1] = (2/3 in[1] + 2/3 in[2]) 3/4, out[2] = (in[2]/3 + in[3]) 3/4.
    s = F(3, 4)
    assert box.box_weights(0, s, 4) == {0: s, 1: s / 3}
    assert box.box_weights(1, s, 4) == {1: 2 * s / 3, 2: 2 * s / 3}
    assert box.box_weights(2, s, 4) == {2: s / 3, 3: s}
    assert [box.tf_area_weights(i, 4, 3) for i in range(3)] == [
        box.box_weights(i, s, 4) for i in range(3)
    ]


@pytest.mark.spec("resize.box")
def test_cells_beyond_the_input() -> None:
    # 3 samples, s = 1/2: output 1 covers [2, 4), half of it beyond the input.
    assert box.box_weights(1, F(1, 2), 3) == {2: F(1)}
    assert box.box_taps(1, F(1, 2)) == {2: F(1, 2), 3: F(1, 2)}
    assert box.opencv_area_weights(1, 3, F(2)) == box.box_weights(1, F(1, 2), 3, exclude=True)
    with pytest.raises(ValueError):
        box.box_weights(2, F(1, 2), 3, exclude=True)  # [4, 6): nothing inside


@pytest.mark.spec("resize.box.area")
def test_half_odd_upscale_agrees_with_area_and_a_third_does_not() -> None:
    assert box.box_weights(1, F(3, 2), 2) == {0: F(1, 2), 1: F(1, 2)}
    assert box.box_weights(0, F(2, 3), 3) == {0: F(2, 3), 1: F(1, 3)}


@pytest.mark.spec("resize.box.sampled")
def test_sampled_box_examples() -> None:
    # 5 -> 2 (s = 2/5): centres 0.5, 1.5, 2.5 in (0, 5/2]; 3.5, 4.5 in (5/2, 5].
    assert box.sampled_box_weights(0, F(2, 5), 5) == {0: F(1, 3), 1: F(1, 3), 2: F(1, 3)}
    assert box.sampled_box_weights(1, F(2, 5), 5) == {3: F(1, 2), 4: F(1, 2)}
    assert box.box_weights(0, F(2, 5), 5) == {0: F(2, 5), 1: F(2, 5), 2: F(1, 5)}


def _matrix(rows: list[dict[int, Fraction]], n: int) -> NDArray[np.float64]:
    matrix = np.zeros((len(rows), n))
    for i, row in enumerate(rows):
        for j, w in row.items():
            matrix[i, j] = float(w)
    return matrix


SIZES = [(7, 3), (10, 4), (12, 4), (5, 8), (6, 13), (9, 18), (16, 5), (3, 3)]


@pytest.mark.spec("resize.box")
@pytest.mark.parametrize(("n", "out"), SIZES)
def test_opencv_inter_area_is_box(n: int, out: int) -> None:
    cv2 = pytest.importorskip("cv2")
    x = np.random.default_rng(n * 31 + out).standard_normal((2, n)).astype(np.float32)
    got = cv2.resize(x, (out, 2), interpolation=cv2.INTER_AREA)
    model = _matrix([box.opencv_area_weights(i, n, F(n, out)) for i in range(out)], n)
    want = _matrix([box.box_weights(i, F(out, n), n) for i in range(out)], n)
    np.testing.assert_array_equal(model, want)
    np.testing.assert_allclose(got, x.astype(np.float64) @ want.T, rtol=0, atol=4e-6)


@pytest.mark.spec("resize.box.sampled")
@pytest.mark.parametrize(("n", "out"), SIZES)
def test_pillow_box_is_the_sampled_box(n: int, out: int) -> None:
    image_module = pytest.importorskip("PIL.Image")
    x = np.random.default_rng(n * 37 + out).standard_normal((1, n)).astype(np.float32)
    image = image_module.fromarray(x, mode="F")
    got = np.asarray(image.resize((out, 1), image_module.Resampling.BOX))
    sampled = _matrix([box.sampled_box_weights(i, F(out, n), n) for i in range(out)], n)
    np.testing.assert_allclose(got, x.astype(np.float64) @ sampled.T, rtol=0, atol=4e-6)
    boxed = _matrix([box.box_weights(i, F(out, n), n) for i in range(out)], n)
    assert np.array_equal(sampled, boxed) == (n % out == 0 or out % n == 0)


@pytest.mark.spec("resize.box.area")
@pytest.mark.parametrize(("n", "out"), [*SIZES, (2, 5), (4, 10), (3, 2)])
def test_torch_area_equals_box_exactly_where_the_derivation_says(n: int, out: int) -> None:
    torch = pytest.importorskip("torch")
    rows = [box.box_weights(i, F(out, n), n) for i in range(out)]
    eye = torch.eye(n, dtype=torch.float64).reshape(n, 1, n)
    area = torch.nn.functional.interpolate(eye, size=out, mode="area").reshape(n, out).T.numpy()
    same = bool(np.allclose(area, _matrix(rows, n), rtol=0, atol=1e-15))
    assert same == (n % out == 0 or (2 * out) % n == 0), (n, out)


@pytest.mark.spec("tolerance.box", "tolerance.model")
def test_model_terms_for_box() -> None:
    from spec import tolerance

    u = tolerance.unit_roundoff("float32")
    # 4 -> 2 (s = 1/2): output 0 covers [0, 2) exactly; a float end may sit just past 2 and
    # reach sample 2 with a sliver, so sample 2 gets slack but no weight.
    s = F(1, 2)
    x = F(1, 2) / s - F(1, 2)
    terms = tolerance.axis_terms(x, 4, "box", u, s=s)
    assert terms.weights_abs == {0: F(1, 2), 1: F(1, 2)} and terms.taps == 2
    assert 0 < terms.slack[2] <= 2 * s * tolerance.coordinate_slack(F(2), u)
    assert terms.slack[0] >= tolerance.gamma(tolerance.EVALUATION_ROUNDINGS, u) / 2
    # exclude_outside: a cell half beyond the input, renormalised over the inside part
    terms = tolerance.axis_terms(F(5, 2), 3, "box", u, s=F(1, 2), exclude=True)
    assert terms.weights_abs == {2: F(1)}
