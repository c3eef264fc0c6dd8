"""Fuzzing of every decoder of server bodies, with Hypothesis.

Two profiles: "short", the default, runs in `make test` and `make test-core` (the same inputs every
run, a few seconds in all); "fuzz" is `make fuzz` (pytest tests/fuzz --hypothesis-profile=fuzz):
random inputs, at least FUZZ_MINIMUM in all, counted and timed in the run's summary. Hypothesis
keeps the inputs that failed in .hypothesis/ (not committed) and tries them first next time.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from decoder_property import TALLY
from seed_bodies import Bodies, real_bodies, reference_bodies

FUZZ_MINIMUM = 100_000

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("short", max_examples=20, derandomize=True, **_COMMON)
settings.register_profile("fuzz", max_examples=6_500, print_blob=True, **_COMMON)
if settings.get_current_profile_name() == "default":  # no --hypothesis-profile given
    settings.load_profile("short")


@pytest.fixture(scope="session")
def bodies(gp_server: str) -> Bodies:
    """The real-world bodies and the reference server's answers, by kind."""
    by_kind: dict[str, list[Any]] = real_bodies()
    for kind, found in reference_bodies(gp_server).items():
        by_kind.setdefault(kind, []).extend(found)
    return Bodies(by_kind)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if settings.get_current_profile_name() == "fuzz" and session.exitstatus == 0 and TALLY.inputs < FUZZ_MINIMUM:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TALLY.inputs:
        return
    profile = settings.get_current_profile_name()
    terminalreporter.write_sep("=", f"fuzzing ({profile} profile)")
    terminalreporter.write_line(
        f"{TALLY.inputs:,} generated inputs in {TALLY.last - TALLY.first:.0f} s ({TALLY.seconds:.1f} s of it in the "
        f"decoders); {TALLY.refused:,} refused with a typed error."
    )
    if profile == "fuzz" and TALLY.inputs < FUZZ_MINIMUM:
        terminalreporter.write_line(
            f"FAILED: fewer than the {FUZZ_MINIMUM:,} inputs `make fuzz` must run "
            "(a test stopped early, or was deselected)."
        )
