"""Hypothesis profiles for the project's own tests: ``ci`` under CI, else ``dev``."""

from hypothesis import settings

from conformance.profiles import default_profile, register_profiles

register_profiles()
settings.load_profile(default_profile())
