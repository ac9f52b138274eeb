"""What a conformance test calls: run a strategy of cases through a backend.

:class:`Target` bundles the backend under test with its registered name (for
reproducers) and the run's hypothesis settings.  :meth:`Target.check` draws
cases, calls the backend's op, and hands the result to a comparison that
raises :class:`~conformance.case.ConformanceFailure`.  A case the backend
raises :class:`~conformance.backend.Unsupported` for is rejected; when every
drawn case is unsupported the test is reported as unsupported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import errors, given, reject, seed, settings
from hypothesis import strategies as st

from conformance.backend import Unsupported
from conformance.case import BackendError, Case, ConformanceFailure

__all__ = ["UNSUPPORTED_PREFIX", "Target"]

UNSUPPORTED_PREFIX = "unsupported: "
GIVE_UP_AFTER = 40
"""Unsupported draws in a row, with none supported yet, after which a test is unsupported."""


class _AllUnsupported(BaseException):
    pass


@dataclass
class Target:
    """The backend under test, its name for reproducers, and the run's settings."""

    backend: Any
    spec: str
    settings: settings
    seed: int | None = None
    _unsupported: list[str] = field(default_factory=list)
    _supported: int = 0

    @property
    def dtype(self) -> str:
        """The backend's dtype name."""
        return str(self.backend.dtype)

    def op(self, name: str) -> Callable[..., Any]:
        """The backend's op ``name``; a missing op is unsupported."""
        fn = getattr(self.backend, name, None)
        if fn is None:
            pytest.skip(f"{UNSUPPORTED_PREFIX}backend has no op {name!r}")
        return fn  # type: ignore[no-any-return]

    def probe(self, case: Case) -> None:
        """Call the backend on ``case`` only to learn whether it is supported.

        Strategies call this before drawing values, so that an unsupported
        parameter combination costs little; Unsupported propagates.
        """
        fn = self.op(case.op)
        try:
            case.call(fn)
        except Unsupported as exc:
            self._note_unsupported(str(exc))
            raise
        except Exception:
            return

    def call(self, case: Case, spec: tuple[str, ...] = ()) -> Any:
        """Call the backend on ``case``; Unsupported rejects the case.

        Any other exception becomes a :class:`BackendError` carrying the reproducer.
        """
        fn = self.op(case.op)
        try:
            return case.call(fn)
        except Unsupported as exc:
            self._note_unsupported(str(exc))
            reject()
        except Exception as exc:
            raise BackendError(
                f"{self.backend.name} raised {type(exc).__name__}: {exc}\ncase: {case.describe()}",
                spec=spec,
                reproducer=case.reproducer(self.spec),
            ) from exc

    def _note_unsupported(self, message: str) -> None:
        self._unsupported.append(message)
        if self._supported == 0 and len(self._unsupported) >= GIVE_UP_AFTER:
            raise _AllUnsupported(message)

    def fail(self, case: Case, message: str, spec: tuple[str, ...]) -> ConformanceFailure:
        """A failure for ``case`` naming ``spec`` and carrying its reproducer."""
        return ConformanceFailure(
            f"{self.backend.name}: {message}\ncase: {case.describe()}",
            spec=tuple(dict.fromkeys(spec)),
            reproducer=case.reproducer(self.spec),
        )

    def check(
        self,
        op: str,
        cases: st.SearchStrategy[Case],
        compare: Callable[[Target, Case, Any], None],
        spec: tuple[str, ...] = (),
    ) -> None:
        """Property-test ``compare(target, case, backend_result)`` over ``cases`` of ``op``.

        ``spec`` names the derivations a backend error is reported against.
        """
        self.op(op)
        self._unsupported.clear()
        self._supported = 0

        def body(case: Case) -> None:
            result = self.call(case, spec)
            self._supported += 1
            compare(self, case, result)

        test = settings(self.settings)(given(cases)(body))
        if self.seed is not None:
            test = seed(self.seed)(test)
        try:
            test()
        except _AllUnsupported as exc:
            pytest.skip(UNSUPPORTED_PREFIX + str(exc))
        except errors.Unsatisfiable:
            if self._supported == 0 and self._unsupported:
                pytest.skip(UNSUPPORTED_PREFIX + self._unsupported[-1])
            raise
