"""What a conformance test calls: run a strategy of cases through a backend.

:class:`Target` bundles the backend under test with its registered name (for
reproducers), the run's hypothesis settings and seed.  :meth:`Target.check`
draws cases, calls the backend's op, and compares the result with the
oracle's through :func:`conformance.compare.compare`.

Unsupported is decided deterministically.  A case the backend raises
:class:`~conformance.backend.Unsupported` for is rejected and counted with its
reason; a test whose first :data:`GIVE_UP_AFTER` cases are all unsupported is
reported as unsupported, with the counts.  Every test is seeded with the
run's seed, so the same seed draws the same cases, and the same backend gives
the same outcomes and counts.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import errors, given, reject, seed, settings
from hypothesis import strategies as st

from conformance.backend import Unsupported, compute_dtype, param_dtype
from conformance.case import BackendError, Case, ConformanceFailure
from conformance.compare import Expectation, compare, expectation
from conformance.compose import COMPOSED
from conformance.profiles import DEFAULT_SEED
from conformance.tolerance.dot import roundoff

__all__ = ["GIVE_UP_AFTER", "UNSUPPORTED_PREFIX", "Tally", "Target"]

UNSUPPORTED_PREFIX = "unsupported: "
GIVE_UP_AFTER = 40
"""Unsupported cases in a row, with none supported yet, after which a test is unsupported."""

HINT = (
    "hint: a backend that cannot express a case should raise conformance.Unsupported, "
    "which is reported as unsupported rather than as an error"
)


class _AllUnsupported(BaseException):
    pass


@dataclass
class Tally:
    """What one test drew: cases, how many the backend supported, and why it refused the rest."""

    cases: int = 0
    supported: int = 0
    unsupported: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """``"0 of 40 cases supported; unsupported: 'no area mode' x40"``."""
        reasons = "; ".join(f"{r!r} x{n}" for r, n in self.unsupported.most_common())
        text = f"{self.supported} of {self.cases} cases supported"
        return f"{text}; unsupported: {reasons}" if reasons else text


def _hint(exc: Exception) -> str:
    wrong_keyword = isinstance(exc, TypeError) and "keyword" in str(exc)
    return f"\n{HINT}" if isinstance(exc, NotImplementedError) or wrong_keyword else ""


@dataclass
class Target:
    """The backend under test, its name for reproducers, and the run's settings and seed."""

    backend: Any
    spec: str
    settings: settings
    seed: int = DEFAULT_SEED
    tally: Tally = field(default_factory=Tally)

    @property
    def dtype(self) -> str:
        """The backend's storage dtype name."""
        return str(self.backend.dtype)

    @property
    def param_dtype(self) -> str:
        """The dtype in which the backend holds float parameters (strategies draw them exact)."""
        return param_dtype(self.backend)

    def u(self, op: str) -> Fraction:
        """The unit roundoff of ``op``'s bounds: the coarser of dtype and compute dtype.

        tolerance.dot; the compute dtype may be declared per op
        (:func:`~conformance.backend.compute_dtype`).
        """
        return roundoff(self.dtype, compute_dtype(self.backend, op))

    def op(self, name: str) -> Callable[..., Any]:
        """The backend's op ``name``; a missing op makes the test unsupported.

        A composed op (:data:`conformance.compose.COMPOSED`, e.g. ``fcn_fuse``)
        is its composition bound to the backend, when the backend has the ops
        it needs.
        """
        fn = self.resolve(name)
        if fn is None:
            missing = [n for n in COMPOSED.get(name, (None, (name,)))[1] if self.resolve(n) is None]
            pytest.skip(f"{UNSUPPORTED_PREFIX}backend has no op {', '.join(map(repr, missing))}")
        return fn

    def resolve(self, name: str) -> Callable[..., Any] | None:
        """The backend's op ``name``, or its composition for a composed op; None if missing."""
        if name in COMPOSED:
            compose, needs = COMPOSED[name]
            if any(getattr(self.backend, need, None) is None for need in needs):
                return None
            return functools.partial(compose, self.backend)
        fn = getattr(self.backend, name, None)
        return None if fn is None else fn

    def probe(self, case: Case) -> None:
        """Call the backend on ``case`` only to learn whether it is supported.

        Strategies call this before drawing values, so that an unsupported
        parameter combination costs little; Unsupported propagates, counted.
        """
        fn = self.op(case.op)
        self.tally.cases += 1
        try:
            case.call(fn)
        except Unsupported as exc:
            self._note_unsupported(str(exc))
            raise
        except Exception:
            pass
        self.tally.cases -= 1  # counted again when the case itself runs

    def call(self, case: Case, spec: tuple[str, ...] = ()) -> Any:
        """Call the backend on ``case``; Unsupported rejects the case.

        Any other exception becomes a :class:`BackendError` carrying the
        reproducer, with a hint where the backend seems to mean Unsupported.
        """
        fn = self.op(case.op)
        self.tally.cases += 1
        try:
            result = case.call(fn)
        except Unsupported as exc:
            self._note_unsupported(str(exc))
            reject()
        except Exception as exc:
            raise BackendError(
                f"{self.backend.name} raised {type(exc).__name__}: {exc}\n"
                f"case: {case.describe()}{_hint(exc)}",
                spec=spec,
                reproducer=case.reproducer(self.spec),
                case=case,
            ) from exc
        self.tally.supported += 1
        return result

    def _note_unsupported(self, message: str) -> None:
        self.tally.unsupported[message] += 1
        if self.tally.supported == 0 and self.tally.cases >= GIVE_UP_AFTER:
            raise _AllUnsupported(message)

    def fail(self, case: Case, message: str, spec: tuple[str, ...]) -> ConformanceFailure:
        """A failure for ``case`` citing ``spec`` and carrying its reproducer."""
        return ConformanceFailure(
            f"{self.backend.name}: {message}\ncase: {case.describe()}",
            spec=tuple(dict.fromkeys(spec)),
            reproducer=case.reproducer(self.spec),
            case=case,
        )

    def compare(
        self,
        case: Case,
        got: Any,
        spec: tuple[str, ...],
        expected: Expectation | None = None,
        part: str = "all",
    ) -> None:
        """Compare ``got`` with the oracle's expectation of ``case`` (conformance.compare).

        An op that returns ``(values, indices)`` (max_pool, adaptive_max_pool)
        is compared part by part: ``part="values"`` checks the values (and
        accepts a backend that returns them alone), ``"indices"`` the indices,
        ``"all"`` both where both are returned.
        """

        def fail(message: str, ids: tuple[str, ...]) -> ConformanceFailure:
            return self.fail(case, message, ids)

        if expected is not None:
            compare(case, got, expected, cited=spec, fail=fail)
            return
        pair = isinstance(got, tuple) and len(got) == 2
        if part in ("all", "values"):
            values = got[0] if pair else got
            compare(case, values, expectation(case, self.u(case.op)), cited=spec, fail=fail)
        if part == "indices" and not pair:
            self.refuse("the backend returns values alone, without indices")
        if part in ("all", "indices") and pair:
            indices = expectation(case, self.u(case.op), ".indices")
            compare(case, got[1], indices, cited=spec, fail=fail)

    def refuse(self, reason: str) -> None:
        """Count the current case as unsupported for ``reason`` and reject it."""
        self.tally.supported -= 1
        self._note_unsupported(reason)
        reject()

    def check(
        self,
        op: str,
        cases: st.SearchStrategy[Case],
        spec: tuple[str, ...],
        judge: Callable[[Target, Case, Any], None] | None = None,
    ) -> None:
        """Property-test ``op`` over ``cases``: each result must meet the oracle's expectation.

        ``spec`` names the derivations the test cites.  ``judge(target, case,
        result)``, when given, replaces the comparison with the oracle (for
        properties tested on the backend alone).
        """
        self.op(op)
        self.tally = Tally()

        def body(case: Case) -> None:
            result = self.call(case, spec)
            if judge is None:
                self.compare(case, result, spec)
            else:
                judge(self, case, result)

        test = seed(self.seed)(settings(self.settings)(given(cases)(body)))
        try:
            test()
        except _AllUnsupported:
            pytest.skip(UNSUPPORTED_PREFIX + self.tally.summary())
        except errors.Unsatisfiable:
            if self.tally.supported == 0 and self.tally.unsupported:
                pytest.skip(UNSUPPORTED_PREFIX + self.tally.summary())
            raise
