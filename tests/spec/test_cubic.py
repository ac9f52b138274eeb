"""interp.cubic.kernel, interp.cubic.a_half, interp.cubic.default_a, resize.exclude_outside."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, cast

import pytest
import sympy
from sympy import Rational

import spec.resize.cubic as cubic
from spec.resize.border import replicate_edges
from spec.resize.cubic import a, s, t
from spec.resize.exclude_outside import exclude_outside


@pytest.mark.spec("interp.cubic.kernel")
def test_keys_1981_eq_4_family_coefficients() -> None:
    # Keys 1981, Sec. III: the one-parameter family, with the outer s^3 coefficient named a.
    inner, outer = cubic.keys_pieces()
    assert sympy.Poly(inner, s).all_coeffs() == [a + 2, -a - 3, 0, 1]
    assert sympy.Poly(outer, s).all_coeffs() == [a, -5 * a, 8 * a, -4 * a]


@pytest.mark.spec("interp.cubic.kernel", "interp.cubic.a_half")
def test_keys_1981_eq_15_kernel_at_a_minus_half() -> None:
    # Keys 1981, eq. (15): u(s) = 3/2|s|^3 - 5/2|s|^2 + 1 on [0, 1),
    # -1/2|s|^3 + 5/2|s|^2 - 4|s| + 2 on [1, 2).
    inner, outer = (p.subs(a, Rational(-1, 2)) for p in cubic.keys_pieces())
    assert sympy.Poly(inner, s).all_coeffs() == [Rational(3, 2), Rational(-5, 2), 0, 1]
    assert sympy.Poly(outer, s).all_coeffs() == [Rational(-1, 2), Rational(5, 2), -4, 2]


@pytest.mark.spec("interp.cubic.kernel")
def test_constraints_leave_exactly_one_free_parameter() -> None:
    # Without fixing A2 = a the seven constraints leave a one-dimensional solution set.
    a1, b1, c1, d1, a2, b2, c2, d2 = sympy.symbols("A1 B1 C1 D1 A2 B2 C2 D2")
    inner = a1 * s**3 + b1 * s**2 + c1 * s + d1
    outer = a2 * s**3 + b2 * s**2 + c2 * s + d2
    eqs = [
        inner.subs(s, 0) - 1,
        inner.subs(s, 1),
        outer.subs(s, 1),
        outer.subs(s, 2),
        sympy.diff(inner, s).subs(s, 0),
        (sympy.diff(inner, s) - sympy.diff(outer, s)).subs(s, 1),
        sympy.diff(outer, s).subs(s, 2),
    ]
    matrix, _ = sympy.linear_eq_to_matrix(eqs, [a1, b1, c1, d1, a2, b2, c2, d2])
    assert matrix.rank() == 7


@pytest.mark.spec("interp.cubic.a_half")
def test_four_point_midpoint_weights_are_minus_one_nine_nine_minus_one_over_16() -> None:
    # The classic four-point midpoint rule (Deslauriers-Dubuc): (-1, 9, 9, -1)/16.
    assert cubic.lagrange_weights(Rational(1, 2)) == tuple(Rational(v, 16) for v in (-1, 9, 9, -1))
    assert cubic.cubic_weights(Rational(1, 2), Rational(-1, 2)) == cubic.lagrange_weights(
        Rational(1, 2)
    )


@pytest.mark.spec("interp.cubic.a_half")
def test_keys_and_lagrange_differ_off_the_midpoint() -> None:
    quarter = Rational(1, 4)
    assert cubic.cubic_weights(quarter, Rational(-1, 2)) != cubic.lagrange_weights(quarter)


@pytest.mark.spec("interp.cubic.a_half")
def test_a_minus_half_reproduces_quadratics_on_samples() -> None:
    # Cubic convolution of f(j) = j^2 - 3j + 5 at a = -1/2 returns f(x) exactly (interior).
    samples = [j * j - 3 * j + 5 for j in range(10)]
    for k in range(2 * 8, 7 * 8):
        x = Fraction(k, 8)
        taps = cubic.plain_taps(x, "cubic", cubic.A_KEYS)
        value = sum(w * samples[j] for j, w in taps.items())
        assert value == x * x - 3 * x + 5


@pytest.mark.spec("interp.cubic.default_a")
def test_default_a_midpoint_weights() -> None:
    assert cubic.cubic_weights(Rational(1, 2), Rational(-3, 4)) == (
        Rational(-3, 32),
        Rational(19, 32),
        Rational(19, 32),
        Rational(-3, 32),
    )


@pytest.mark.spec("interp.cubic.default_a")
def test_weights_match_the_published_horner_forms() -> None:
    # PyTorch UpSample.h: coeffs = (conv2(t + 1), conv1(t), conv1(1 - t), conv2(2 - t)) with
    # conv1(x) = ((A + 2) x - (A + 3)) x x + 1 and conv2(x) = ((A x - 5A) x + 8A) x - 4A.
    big_a = Fraction(-3, 4)

    def conv1(x: Fraction) -> Fraction:
        return ((big_a + 2) * x - (big_a + 3)) * x * x + 1

    def conv2(x: Fraction) -> Fraction:
        return ((big_a * x - 5 * big_a) * x + 8 * big_a) * x - 4 * big_a

    for k in range(16):
        frac = Fraction(k, 16)
        want = (conv2(frac + 1), conv1(frac), conv1(1 - frac), conv2(2 - frac))
        got = tuple(cubic.kernel_value("cubic", frac - j, big_a) for j in (-1, 0, 1, 2))
        assert got == want
        sym = cubic.cubic_weights(Rational(k, 16), Rational(-3, 4))
        assert sym == tuple(Rational(w.numerator, w.denominator) for w in want)


@pytest.mark.spec("interp.cubic.default_a")
def test_weights_are_affine_in_a() -> None:
    w = sympy.Matrix([cubic.cubic_weights()])
    assert sympy.expand(sympy.diff(w, a, 2)) == sympy.zeros(1, 4)


@pytest.mark.spec("interp.cubic.kernel")
def test_keys_kernel_piecewise_is_even_and_supported_on_minus_two_two() -> None:
    kernel = cubic.keys_kernel(Rational(-3, 4))
    for k in range(0, 25):
        v = Rational(k, 8)
        assert kernel.subs(t, v) == kernel.subs(t, -v)
    assert kernel.subs(t, Rational(9, 4)) == 0


@pytest.mark.spec("resize.exclude_outside")
def test_exclude_outside_raises_when_nothing_in_range() -> None:
    with pytest.raises(ValueError, match=r"resize\.exclude_outside"):
        exclude_outside({-2: Fraction(1), 5: Fraction(0)}, 3)


@pytest.mark.spec("resize.exclude_outside")
def test_border_example_values() -> None:
    taps = cubic.plain_taps(Fraction(-1, 4), "cubic")
    samples = [1, 2, 4, 8]
    replicate = sum(w * samples[j] for j, w in replicate_edges(taps, 4).items())
    exclude = sum(w * samples[j] for j, w in exclude_outside(taps, 4).items())
    assert (replicate, exclude) == (Fraction(229, 256), Fraction(19, 22))


@pytest.mark.spec("resize.exclude_outside", "interp.cubic.default_a")
def test_onnx_reference_resize_matches_the_border_example() -> None:
    np = pytest.importorskip("numpy")
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    def run(exclude: int) -> list[float]:
        node = helper.make_node(
            "Resize", ["X", "", "scales"], ["Y"], mode="cubic", exclude_outside=exclude
        )
        graph = helper.make_graph(
            [node],
            "g",
            [
                helper.make_tensor_value_info("X", TensorProto.FLOAT, None),
                helper.make_tensor_value_info("scales", TensorProto.FLOAT, None),
            ],
            [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
        )
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
        x = np.array([[[1, 2, 4, 8]]], dtype=np.float32)
        scales = np.array([1, 1, 2], dtype=np.float32)
        outputs = cast("list[Any]", ReferenceEvaluator(model).run(None, {"X": x, "scales": scales}))
        return [float(v) for v in outputs[0].reshape(-1)]

    assert onnx is not None
    assert run(1)[0] == pytest.approx(19 / 22, rel=1e-6)
    assert run(0)[0] == pytest.approx(229 / 256, rel=1e-6)
