"""Hypothesis profile for the project's own tests: ``ci`` (derandomized) unless
``$HYPOTHESIS_PROFILE`` names another, so the test command gives the same
result on every machine."""

import os

from hypothesis import settings

from conformance.profiles import register_profiles

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
