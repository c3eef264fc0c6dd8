"""Job status answers (submitJob, status, cancel): JobState, messages, progress."""

from __future__ import annotations

from hypothesis import given, strategies as st

from decoder_property import assert_typed, only_typed_errors
from remote_gp.gp_core.job import JobState, is_ended, status_code


def read_status(body: dict) -> JobState:
    state = JobState.from_json(body)
    assert_typed(state)
    assert_typed((is_ended(state.status), status_code(state.status)), tuple[bool, int])
    assert all(message.severity in (0, 1, 2) for message in state.messages)
    if state.progress is not None and state.progress.percent is not None:
        assert 0 <= state.progress.percent <= 100
    return state


@given(data=st.data())
def test_job_status_answers(bodies, data):
    body = data.draw(bodies.mutated("job"))
    only_typed_errors(lambda: read_status(body))
