"""Hypothesis profiles for mapper's property tests.

``ci`` (default): a few hundred derandomised cases, so every run checks the
same inputs and stays fast. ``long``: at least 10,000 cases per test, random,
for hunting (``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py``).

Profiles are registered here and applied per test with :data:`PROFILE`, not
loaded globally, so other test modules keep hypothesis' defaults.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=dt.timedelta(seconds=3),
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=10_000,
    deadline=dt.timedelta(seconds=3),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "smoke",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Name of the active profile (``$HYPOTHESIS_PROFILE``, default ``ci``).
PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
#: Decorator applying the active profile to one test.
PROFILE = settings(settings.get_profile(PROFILE_NAME))
#: Hard limit on one case, in seconds: a hang fails the test instead of stalling CI.
CASE_TIMEOUT = float(os.environ.get("MAPPER_CASE_TIMEOUT", "20"))
