"""Hypothesis profiles: ``dev``, ``ci`` (derandomized, no deadline) and ``thorough``.

The suite builds each property test's settings from one of these at run
time, so a profile chosen on the command line applies even when the suite's
modules were imported before.  Every conformance run is deterministic
whatever the profile: the harness seeds every test with the run's seed
(:data:`DEFAULT_SEED` unless ``--seed`` says otherwise), so two runs with the
same seed, profile and backend draw the same cases and give the same outcomes.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

__all__ = ["DEFAULT_SEED", "PROFILES", "default_profile", "register_profiles", "suite_settings"]

DEFAULT_SEED = 0
"""The seed of every conformance run that names none."""

_QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]

PROFILES = {
    "dev": settings(max_examples=25, deadline=None, database=None, suppress_health_check=_QUIET),
    "ci": settings(
        max_examples=10,
        derandomize=True,
        deadline=None,
        database=None,
        print_blob=False,
        suppress_health_check=_QUIET,
    ),
    "thorough": settings(
        max_examples=400, deadline=None, database=None, suppress_health_check=_QUIET
    ),
}


def register_profiles() -> None:
    """Register the three profiles with hypothesis (idempotent)."""
    for name, profile in PROFILES.items():
        settings.register_profile(name, profile)


def default_profile() -> str:
    """``$HYPOTHESIS_PROFILE`` if set, else ``ci`` under CI (``$CI`` set), else ``dev``.

    Raises ``ValueError`` naming ``HYPOTHESIS_PROFILE`` when it names no profile.
    """
    chosen = os.environ.get("HYPOTHESIS_PROFILE")
    if chosen:
        if chosen not in PROFILES:
            raise ValueError(
                f"HYPOTHESIS_PROFILE: must be one of {sorted(PROFILES)}, got {chosen!r}"
            )
        return chosen
    return "ci" if os.environ.get("CI") else "dev"


def suite_settings(profile: str, max_examples: int | None = None) -> settings:
    """The settings for one conformance run: ``profile``, optionally with ``max_examples``.

    The run's seed is applied by the harness, not here (see the module docstring).
    """
    if profile not in PROFILES:
        raise ValueError(f"profile: must be one of {sorted(PROFILES)}, got {profile!r}")
    if max_examples is not None and max_examples < 1:
        raise ValueError(f"max_examples: must be >= 1, got {max_examples}")
    base = PROFILES[profile]
    if max_examples is None:
        return base
    return settings(base, max_examples=max_examples)
