"""``python -m tests.mutate``: mutate one constant or rounding of the oracle; pytest must fail.

Each :class:`Mutation` replaces one snippet of an oracle source file, a
coefficient of a kernel, a ``1/2`` of a coordinate map, a rounding or a
window end, by a wrong one.  The runner copies the repository (the files git
tracks, and the untracked ones it does not ignore) to a temporary directory,
checks that ``pytest tests/oracle`` passes there unchanged, then applies each
mutation in turn and runs

    python -m pytest tests/oracle -x -q -p no:cacheprovider

A mutation is *killed* when that run fails and *survives* when it passes; the
exit status is 1 if any survives.  This is not part of the pytest run: it runs
the oracle's test suite once per mutation (minutes).

Options: ``--list`` prints the mutations; ``-k TEXT`` runs those whose
description or file contains TEXT; ``--timeout S`` bounds each run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTEST = ["-m", "pytest", "tests/oracle", "-x", "-q", "-p", "no:cacheprovider"]

KERNELS = "oracle/kernels.py"
RESIZE = "oracle/_resize.py"


@dataclass(frozen=True)
class Mutation:
    """Replace ``original`` (which occurs exactly once in ``path``) by ``mutated``."""

    path: str
    original: str
    mutated: str
    description: str


def _inner(original: str, mutated: str, what: str) -> Mutation:
    return Mutation(KERNELS, original, mutated, f"cubic inner piece: {what}")


MUTATIONS: tuple[Mutation, ...] = (
    # interp.cubic.kernel: every coefficient of both pieces, and the support
    _inner("(a + 2, -(a + 3), 0, 1)", "(a + 1, -(a + 3), 0, 1)", "(a + 2) s^3 -> (a + 1) s^3"),
    _inner("(a + 2, -(a + 3), 0, 1)", "(a + 2, -(a + 2), 0, 1)", "(a + 3) s^2 -> (a + 2) s^2"),
    _inner("(a + 2, -(a + 3), 0, 1)", "(a + 2, -(a + 3), 0.5, 1)", "0 s -> 0.5 s"),
    _inner("(a + 2, -(a + 3), 0, 1)", "(a + 2, -(a + 3), 0, 1.5)", "1 -> 1.5"),
    Mutation(
        KERNELS,
        "(a, -5 * a, 8 * a, -4 * a)",
        "(2 * a, -5 * a, 8 * a, -4 * a)",
        "cubic outer piece: a s^3 -> 2 a s^3",
    ),
    Mutation(
        KERNELS,
        "(a, -5 * a, 8 * a, -4 * a)",
        "(a, -4 * a, 8 * a, -4 * a)",
        "cubic outer piece: -5 a s^2 -> -4 a s^2",
    ),
    Mutation(
        KERNELS,
        "(a, -5 * a, 8 * a, -4 * a)",
        "(a, -5 * a, 7 * a, -4 * a)",
        "cubic outer piece: 8 a s -> 7 a s",
    ),
    Mutation(
        KERNELS,
        "(a, -5 * a, 8 * a, -4 * a)",
        "(a, -5 * a, 8 * a, -3 * a)",
        "cubic outer piece: -4 a -> -3 a",
    ),
    Mutation(KERNELS, "Piece(2, False, (a,", "Piece(3, False, (a,", "cubic support 2 -> 3"),
    # interp.linear.weights
    Mutation(
        KERNELS,
        "Piece(1, False, (-1, 1))",
        "Piece(1, False, (-1, 1.5))",
        "linear kernel: 1 - s -> 1.5 - s",
    ),
    Mutation(
        KERNELS,
        "Piece(1, False, (-1, 1))",
        "Piece(1, False, (-0.5, 1))",
        "linear kernel: 1 - s -> 1 - s/2",
    ),
    Mutation(
        KERNELS, "Piece(1, False, (-1, 1))", "Piece(2, False, (-1, 1))", "linear support 1 -> 2"
    ),
    # nearest.rounding: ties and floor/ceil
    Mutation(
        KERNELS,
        "return floor + (twice > x.denominator)",
        "return floor + (twice >= x.denominator)",
        "round_prefer_floor: a tie goes up",
    ),
    Mutation(
        KERNELS,
        "return floor + (twice >= x.denominator)  #",
        "return floor + (twice > x.denominator)  #",
        "round_prefer_ceil: a tie goes down",
    ),
    Mutation(
        KERNELS,
        "return floor + (remainder > 0)",
        "return floor + (remainder >= 0)",
        "ceil of an integer is one more",
    ),
    Mutation(
        KERNELS,
        '    if mode == "floor":\n        return floor\n',
        '    if mode == "floor":\n        return floor + (remainder > 0)\n',
        "floor rounds up",
    ),
    # kernel_sum: the exact sums of the taps beyond an edge
    Mutation(
        KERNELS,
        "math.floor(x) + 1), right[1])",
        "math.floor(x)), right[1])",
        "kernel_sum counts the tap at j = x twice",
    ),
    Mutation(
        KERNELS,
        "m * (m - 1) * (2 * m - 1) // 6",
        "m * (m - 1) * (2 * m - 1) // 5",
        "kernel_sum: Faulhaber's sum of k^2",
    ),
    Mutation(
        KERNELS,
        "lower, lower_closed = Fraction(0), True",
        "lower, lower_closed = Fraction(0), False",
        "kernel_sum misses the tap at distance 0",
    ),
    # coord.*: offsets of the coordinate maps
    Mutation(
        RESIZE,
        "    half = Fraction(1, 2)\n",
        "    half = Fraction(1, 3)\n",
        "half-pixel offsets 1/2 -> 1/3",
    ),
    Mutation(
        RESIZE,
        "alpha, beta = 1 / scale, half / scale - half\n",
        "alpha, beta = 1 / scale, half / scale + half\n",
        "half_pixel: - 1/2 -> + 1/2",
    ),
    Mutation(
        RESIZE,
        "alpha, beta = 1 / scale, half / scale - half\n",
        "alpha, beta = 1 / scale, half / scale\n",
        "half_pixel: - 1/2 dropped",
    ),
    Mutation(
        RESIZE,
        "offset = Fraction(in_length, 2) * (1 -",
        "offset = Fraction(in_length, 3) * (1 -",
        "half_pixel_symmetric: in/2 -> in/3",
    ),
    Mutation(
        RESIZE,
        "offset + half / scale - half",
        "offset + half / scale + half",
        "half_pixel_symmetric: - 1/2 -> + 1/2",
    ),
    Mutation(
        RESIZE,
        'coordinate_mode == "pytorch_half_pixel" and out_length == 1',
        'coordinate_mode == "pytorch_half_pixel" and out_length == 2',
        "pytorch_half_pixel: the x = 0 case at out == 2",
    ),
    Mutation(
        RESIZE,
        "alpha = Fraction(in_length - 1, out_length - 1) if",
        "alpha = Fraction(in_length, out_length - 1) if",
        "align_corners: (in - 1)/(out - 1) -> in/(out - 1)",
    ),
    Mutation(
        RESIZE,
        "alpha = Fraction(in_length - 1, out_length - 1) if",
        "alpha = Fraction(in_length - 1, out_length) if",
        "align_corners: (in - 1)/(out - 1) -> (in - 1)/out",
    ),
    Mutation(
        RESIZE,
        "alpha, beta = 1 / scale, Fraction(0)",
        "alpha, beta = 1 / scale, Fraction(1, 2)",
        "asymmetric: x = i/s + 1/2",
    ),
    Mutation(
        RESIZE,
        "                start * (in_length - 1),\n",
        "                start * in_length,\n",
        "tf_crop_and_resize: start (in - 1) -> start in",
    ),
    Mutation(
        RESIZE,
        "(start + end) * (in_length - 1) / 2",
        "(start + end) * (in_length - 1) / 3",
        "tf_crop_and_resize: out == 1 samples (start + end)(in - 1)/3",
    ),
    Mutation(
        RESIZE,
        "x < 0 or x > n - 1 for x in source",
        "x < 0 or x > n for x in source",
        "tf_crop_and_resize: extrapolates only past in",
    ),
    # nearest: the clamp
    Mutation(
        RESIZE,
        "np.clip(np.array(nearest, dtype=object), 0, n - 1)",
        "np.clip(np.array(nearest, dtype=object), 1, n - 1)",
        "nearest clamps below to 1",
    ),
    # resize.area: window ends and weights
    Mutation(
        RESIZE,
        "starts = [i * in_length // out_length",
        "starts = [(i * in_length + 1) // out_length",
        "area window start rounds up",
    ),
    Mutation(
        RESIZE,
        "ends = [-((-(i + 1) * in_length) // out_length)",
        "ends = [((i + 1) * in_length) // out_length",
        "area window end rounds down",
    ),
    Mutation(
        RESIZE, "1.0 / counts[:, None]", "1.0 / (counts[:, None] + 1)", "area weight 1/(n + 1)"
    ),
    # resize.output_length, resize.coordinate_scale
    Mutation(
        RESIZE,
        "sizes = tuple(math.floor(n * f) for",
        "sizes = tuple(math.ceil(n * f) for",
        "output length ceil(in s)",
    ),
    Mutation(
        RESIZE,
        "sizes = tuple(math.floor(n * f) for",
        "sizes = tuple(round(n * f) for",
        "output length round(in s)",
    ),
    Mutation(
        RESIZE,
        "factors = tuple(Fraction(out, n) for",
        "factors = tuple(Fraction(n, out) for",
        "coordinate scale in/out",
    ),
    # interpolation windows, resize.border, resize.exclude_outside, resize.antialias
    Mutation(
        RESIZE,
        "firsts = [p // q - support + 1 for",
        "firsts = [p // q - support for",
        "plain window starts one tap early",
    ),
    Mutation(
        RESIZE,
        "lasts = [first + 2 * support - 1 for",
        "lasts = [first + 2 * support for",
        "plain window ends one tap late",
    ),
    Mutation(
        RESIZE,
        "lows = [min(max(first, 0), n - 1) for",
        "lows = [min(max(first, 1), n - 1) for",
        "border clamp below to 1",
    ),
    Mutation(
        RESIZE,
        "highs = [min(max(last, 0), n - 1) for",
        "highs = [min(max(last, 0), n - 2) for",
        "border clamp above to in - 2",
    ),
    Mutation(
        RESIZE,
        "kernels.kernel_sum(kind, first, min(last, -1), x, stretch, a)",
        "kernels.kernel_sum(kind, first, min(last, -2), x, stretch, a)",
        "left edge mass misses tap -1",
    ),
    Mutation(
        RESIZE,
        "kernels.kernel_sum(kind, max(first, n), last, x, stretch, a)",
        "kernels.kernel_sum(kind, max(first, n - 1), last, x, stretch, a)",
        "right edge mass counts tap in - 1 again",
    ),
    Mutation(
        RESIZE,
        "if not exclude_outside:  # resize.border",
        "if True:  # resize.border",
        "exclude_outside keeps the edge masses",
    ),
    Mutation(
        RESIZE,
        "active = is_tap if exclude_outside else in_row",
        "active = in_row",
        "exclude_outside keeps dropped taps in the tap set",
    ),
    Mutation(
        RESIZE,
        'if exclude_outside or stretch != 1 or kind == "lanczos":',
        'if stretch != 1 or kind == "lanczos":',
        "exclude_outside does not renormalise",
    ),
    Mutation(
        RESIZE,
        'if exclude_outside or stretch != 1 or kind == "lanczos":',
        'if exclude_outside or kind == "lanczos":',
        "antialias does not renormalise",
    ),
    Mutation(
        RESIZE,
        "stretch = scale if antialias and scale < 1 else",
        "stretch = scale / 2 if antialias and scale < 1 else",
        "antialias stretch 1/s -> 2/s",
    ),
    Mutation(
        RESIZE,
        "        radius = support / stretch\n",
        "        radius = support / stretch + 1\n",
        "antialias radius r/s + 1",
    ),
    Mutation(
        RESIZE,
        "firsts = [math.floor(x - radius) + 1 for",
        "firsts = [math.floor(x - radius) for",
        "antialias window closed at x - r/s",
    ),
    Mutation(
        RESIZE,
        "lasts = [math.ceil(x + radius) - 1 for",
        "lasts = [math.ceil(x + radius) for",
        "antialias window closed at x + r/s",
    ),
    Mutation(
        RESIZE,
        "column(starts) + k * float(stretch)",
        "column(starts) + k",
        "antialias distances not stretched",
    ),
    Mutation(
        RESIZE,
        "(low * q - p) * sn / (q * sd)",
        "(low * q - p) * sn / (q * sd) + 2.0**-40",
        "kernel argument off by 2^-40",
    ),
    # exclude_outside: the zero in-range sum is decided exactly
    Mutation(
        RESIZE,
        "if kernels.kernel_sum(kind, first, last, coordinates[tiny], stretch, a) == 0:",
        "if False:",
        "exclude_outside renormalises a rounding residue",
    ),
    # interp.lanczos.kernel: the window, the support, the sign of sin(pi q), the scale
    Mutation(
        KERNELS,
        "_sin_pi(safe) * _sin_pi(safe / order) * order",
        "_sin_pi(safe) * _sin_pi(safe / (order + 1)) * order",
        "lanczos window sinc(t/a) -> sinc(t/(a + 1))",
    ),
    Mutation(
        KERNELS, "inside = d < order\n", "inside = d < order + 1\n", "lanczos support a -> a + 1"
    ),
    Mutation(
        KERNELS,
        "value = np.sin(np.pi * (q - m))",
        "value = np.sin(np.pi * q) * (-1.0) ** m",
        "lanczos: sin(pi q) without the exact argument reduction",
    ),
    Mutation(
        KERNELS,
        "* order / (np.pi * np.pi) / safe / safe",
        "* order / (np.pi * 3.0) / safe / safe",
        "lanczos: pi^2 -> 3 pi in the denominator",
    ),
    # interp.lanczos.weights: normalised, of order lanczos_a; Gregory's formula for long runs
    Mutation(
        RESIZE,
        'if exclude_outside or stretch != 1 or kind == "lanczos":',
        "if exclude_outside or stretch != 1:",
        "lanczos weights not normalised",
    ),
    Mutation(
        RESIZE,
        "a = float(order)  # the kernel",
        "a = float(order + 1)  # the kernel",
        "lanczos order off by one",
    ),
    Mutation(
        KERNELS,
        "g[k] / (m - k + 1) for k in range(m)",
        "g[k] / (m - k + 2) for k in range(m)",
        "Gregory coefficients from the wrong series",
    ),
    Mutation(
        KERNELS, "_GREGORY_ORDER = 6", "_GREGORY_ORDER = 1", "Gregory's formula to first order"
    ),
    Mutation(
        KERNELS,
        "parts = [integral, (head[0] + tail[-1]) / 2]",
        "parts = [integral, (head[0] + tail[-1]) / 3]",
        "Gregory's end terms f/3",
    ),
    Mutation(
        KERNELS,
        "_DIRECT_STRETCH = Fraction(1, 1024)",
        "_DIRECT_STRETCH = Fraction(1, 2)",
        "Gregory's formula at stretch 1/3",
    ),
    # resize.box: the overlap, the normalisers and the edges
    Mutation(
        RESIZE,
        "row[j] = min(Fraction(j + 1), hi) - max(Fraction(j), lo)",
        "row[j] = min(Fraction(j + 1), hi) - Fraction(j)",
        "box overlap ignores the cell's start",
    ),
    Mutation(
        RESIZE,
        "lo, hi = i / scale, (i + 1) / scale\n        inside",
        "lo, hi = i / scale, (i + 1) / scale + Fraction(1, 7)\n        inside",
        "box cell 1/7 too long",
    ),
    Mutation(
        RESIZE,
        "            total = hi - lo\n",
        "            total = inside - lo\n",
        "box edge replicate divides by the length inside",
    ),
    Mutation(
        RESIZE,
        "            total = inside - lo\n",
        "            total = hi - lo\n",
        "box exclude_outside divides by the cell's length",
    ),
    Mutation(
        RESIZE,
        "row[last] = row.get(last, Fraction(0)) + hi - max(lo, Fraction(in_length))",
        "row[last] = row.get(last, Fraction(0))",
        "box drops the part of a cell right of the input",
    ),
)
"""The mutations :func:`main` tries, at least one per constant, offset and rounding."""


def _copy_tree(destination: Path) -> None:
    """Copy the files git tracks and the untracked ones it does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (raw.decode() for raw in listed)):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _run(tree: Path, timeout: float) -> tuple[bool, str, float]:
    """Run the oracle's tests in ``tree``: (passed, last line of output, seconds)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # no stale .pyc after an edit
    start = time.perf_counter()
    try:
        run = subprocess.run(
            [sys.executable, *PYTEST],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout:.0f} s", time.perf_counter() - start
    lines = (run.stdout + run.stderr).strip().splitlines() or [""]
    return run.returncode == 0, lines[-1], time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutate", description=__doc__)
    parser.add_argument("--list", action="store_true", help="print the mutations and exit")
    parser.add_argument("-k", default="", help="only mutations whose text contains this")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per pytest run")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if args.k in f"{m.path} {m.description}"]
    if args.list:
        for number, m in enumerate(chosen, 1):
            print(f"{number:3} {m.path}: {m.description}")
        return 0
    with tempfile.TemporaryDirectory(prefix="mutate-") as scratch:
        tree = Path(scratch)
        _copy_tree(tree)
        for m in chosen:  # every snippet must name exactly one place
            count = (tree / m.path).read_text(encoding="utf-8").count(m.original)
            if count != 1:
                print(f"{m.path}: {m.original!r} occurs {count} times ({m.description})")
                return 2
        passed, last, seconds = _run(tree, args.timeout)
        print(f"unmutated: {'passes' if passed else 'FAILS'} ({seconds:.0f} s): {last}")
        if not passed:
            return 2
        survivors = []
        for number, m in enumerate(chosen, 1):
            path = tree / m.path
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(m.original, m.mutated), encoding="utf-8")
            try:
                passed, last, seconds = _run(tree, args.timeout)
            finally:
                path.write_text(text, encoding="utf-8")
            verdict = "SURVIVED" if passed else "killed"
            print(f"{number:3} {verdict:8} {seconds:5.0f} s  {m.path}: {m.description}  [{last}]")
            sys.stdout.flush()
            if passed:
                survivors.append(m)
    print(f"{len(chosen) - len(survivors)} of {len(chosen)} mutations killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
