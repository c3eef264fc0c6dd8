"""The whole job lifecycle as real servers play it (GP/Lifecycle, RunScenario)."""

from __future__ import annotations

import pytest

from gp_server.lifecycle_tool import PARTIAL_WARNING
from remote_gp.gp_core import GPWarning, JobError, PollPolicy, Severity, TransferLimitExceeded, submit
from remote_gp.gp_core.job import status_code

FAST = PollPolicy(first=0.01, factor=1.5, longest=0.05, tick=0.01)


@pytest.fixture(scope="module")
def scenario(server):
    task = server.task("GP/Lifecycle", "RunScenario")
    return lambda name, steps=2: submit(server, task, {"scenario": name, "steps": steps})


def follow(job, **wait):
    """The distinct states a wait saw, the progress reports and the messages delivered."""
    states, progress, delivered = [job.status], [], []

    def update(j, new):
        if j.status != states[-1]:
            states.append(j.status)
        if j.progress and (not progress or progress[-1] != j.progress):
            progress.append(j.progress)
        delivered.extend(new)

    final = job.wait(on_update=update, policy=FAST, **wait)
    return final, states, progress, delivered


def test_a_queued_job_waits_then_runs(scenario):
    final, states, _, _ = follow(scenario("queued"))
    assert states == ["esriJobSubmitted", "esriJobWaiting", "esriJobExecuting", "esriJobSucceeded"]
    assert final == "esriJobSucceeded"


def test_step_progress_is_reported_and_each_message_delivered_once(scenario):
    job = scenario("progress", steps=3)
    _, _, progress, delivered = follow(job)
    steps = [p for p in progress if p.type == "step"]
    assert [p.percent for p in steps] == sorted(p.percent for p in steps) and steps[-1].percent == 100
    assert len(steps) == 4 and steps[0].message.startswith("Step 1")
    assert delivered == job.messages and len({m.description for m in delivered}) == len(delivered)


@pytest.mark.parametrize(
    "name, state, code, text",
    [("fail", "esriJobFailed", 5, "ERROR 999999"), ("timeout", "esriJobTimedOut", 6, "TimedOut")],
)
def test_jobs_that_fail_or_time_out_raise_with_what_the_server_said(scenario, name, state, code, text):
    job = scenario(name)
    assert job.wait(policy=FAST) == state and status_code(state) == code
    with pytest.raises(JobError, match=text):
        job.output("outcome")


def test_a_succeeded_job_without_its_results_yet_is_polled_again(scenario):
    job = scenario("late-results", steps=3)
    assert job.wait(policy=FAST) == "esriJobSucceeded"
    assert job.result_urls is not None and job.output("outcome") == "done"


def test_an_unknown_state_ends_the_job_with_a_warning_and_keeps_its_results(scenario):
    job = scenario("unknown-state")
    with pytest.warns(GPWarning, match="'expectedFailure', which is not one of the documented"):
        assert job.wait(policy=FAST) == "expectedFailure"
    assert status_code(job.status) == 5 and job.output("outcome") == "done"  # counted as failed, results kept


def test_a_partial_success_is_a_success_with_one_warning_and_the_servers_warnings(scenario):
    job = scenario("partial")
    with pytest.warns(GPWarning) as warned:
        final, states, _, delivered = follow(job)
    assert [str(w.message) for w in warned] == [
        f"Job {job.id} of task 'RunScenario' succeeded only in part: its results are kept; "
        "its messages say what went wrong."
    ]
    assert (final, states[-1], job.succeeded, status_code(final)) == ("esriJobPartialSucceeded", final, True, 4)
    assert [m.description for m in delivered if m.severity == Severity.WARNING] == [PARTIAL_WARNING]
    job.check()  # no JobError
    assert job.output("outcome") == "done"


def test_a_result_over_the_transfer_limit_of_a_job_without_result_map_service_is_an_error(scenario):
    job = scenario("transfer-limit")
    job.wait(policy=FAST)
    with pytest.raises(TransferLimitExceeded, match="no result map service"):
        job.output("features")


def test_cancel_is_refused_while_queued_and_retried_until_the_server_takes_it(scenario):
    job = scenario("queued", steps=3)
    assert job.cancel() is False and job.status == "esriJobSubmitted"
    final, states, _, _ = follow(job, cancelled=lambda: True)
    assert final == "esriJobCancelled"
    assert "esriJobWaiting" in states and "esriJobSucceeded" not in states


def test_an_endless_job_ends_only_when_cancelled(scenario):
    job = scenario("endless")
    for _ in range(5):
        job.refresh()
    assert job.status == "esriJobExecuting"
    assert job.wait(cancelled=lambda: True, policy=FAST) == "esriJobCancelled"
