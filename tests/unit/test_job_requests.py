"""How many requests following a job takes, and when: polling and its back-off, the give-up counters,
the cancel sent once, unknown states and wait timeouts.

The servers count the requests: the reference server (its testing/jobRequests) for what it plays on
purpose, a scripted server for answers no server gives on purpose (dropped connections, results never
listed, states no documentation has). gp_core.job reads a test clock: its pauses pass at once and move
the clock on, so every request's time is exact and no test waits. The policies use binary fractions,
so that those times add up without rounding."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Callable

import pytest

from gp_server.hooks import await_run, job_requests
from job_clock import Clock
from remote_gp.gp_core import (
    BadResponse,
    Cancelled,
    ConnectionFailed,
    GPWarning,
    Job,
    JobError,
    PollPolicy,
    RequestsTransport,
    RetryPolicy,
    Server,
    Service,
    Task,
    TransferLimitExceeded,
    WaitTimedOut,
    job as job_module,
    submit,
    warnings_to,
)
from remote_gp.gp_core.job import JobState, Message, Progress, status_code
from scripted_http import Received, Reply, ScriptedServer, in_turn

#: Each test takes well under a second; a wrong change that makes a wait endless fails it soon.
pytestmark = pytest.mark.timeout(15)
#: Doubling from 1 s to 4 s, cancels checked every quarter second, a 3 s grace after a cancel.
POLICY = PollPolicy(first=1.0, factor=2.0, longest=4.0, tick=0.25, cancel_grace=3.0)
EXECUTING = Reply(body={"jobId": "j1", "jobStatus": "esriJobExecuting"})
RESULTS = {"out": {"paramUrl": "results/out"}}
SUCCEEDED = Reply(body={"jobId": "j1", "jobStatus": "esriJobSucceeded", "results": RESULTS})
TAKEN = Reply(body={"jobId": "j1", "jobStatus": "esriJobCancelling"})
REFUSED = Reply(body={"error": {"code": 400, "message": "Job not cancelable", "details": []}})
DROPPED = Reply(body={"jobStatus": "esriJobExecuting"}, cut_after=0)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(job_module, "time", clock)
    return clock


class JobServer(ScriptedServer):
    """Job j1 of task T (one output, "out", a GPString): `status` answers its status requests, `cancel` its
    cancels, `result` the output's. `times(kind)` is when (by the test clock) each request of that kind
    ("status", "cancel", "results") came; `requests(kind)` the requests themselves."""

    def __init__(
        self,
        clock: Clock,
        status: Callable[[Received], Reply],
        cancel: Callable[[Received], Reply] | None = None,
        result: Reply | None = None,
    ):
        self.log: list[tuple[str, float, Received]] = []
        cancel = cancel or in_turn(TAKEN)  # a fresh script per server: in_turn keeps its place
        result = result or Reply(body={"paramName": "out", "value": "value"})

        def answer(request: Received) -> Reply:
            path = request.path
            kind = "cancel" if path.endswith("/cancel") else "results" if "/results/" in path else "status"
            self.log.append((kind, clock.now, request))
            if kind == "results":
                return result
            return (cancel if kind == "cancel" else status)(request)

        super().__init__(answer)

    def job(
        self, status: str = "esriJobSubmitted", outputs: bool = True, transport: RequestsTransport | None = None
    ) -> Job:
        services = f"{self.url}/arcgis/rest/services"
        service = Service.from_json({"tasks": ["T"]}, f"{services}/GP/S/GPServer", "GP/S")
        output = {"name": "out", "dataType": "GPString", "direction": "esriGPParameterDirectionOutput"}
        task = Task.from_json({"name": "T", "parameters": [output] if outputs else []}, f"{service.url}/T", service)
        server = Server(f"{self.url}/arcgis", transport=transport, retry=RetryPolicy(attempts=0))
        return Job(server, task, "j1", status)

    def times(self, kind: str) -> list[float]:
        return [time for seen, time, _ in self.log if seen == kind]

    def requests(self, kind: str) -> list[Received]:
        return [request for seen, _, request in self.log if seen == kind]


def executing(**extra) -> Reply:
    return Reply(body={"jobId": "j1", "jobStatus": "esriJobExecuting", **extra})


# -- polling and its back-off -----------------------------------------------------------------------


def test_the_default_policy_polls_after_1_s_then_backs_off_by_half_up_to_5_s(clock):
    with JobServer(clock, in_turn(EXECUTING)) as server:
        with pytest.raises(
            WaitTimedOut,
            match=r"Job j1 of task 'T' has not ended after 20 s \(it is Executing\); "
            "it goes on on the server.",
        ):
            server.job().wait(timeout=20)
    assert server.times("status") == pytest.approx([0, 1, 2.5, 4.75, 8.125, 13.125, 18.125, 20])
    assert server.times("cancel") == []


def test_by_default_a_cancel_asked_for_during_a_pause_is_sent_within_a_tenth_of_a_second(clock):
    def status(request: Received) -> Reply:
        return Reply(body={"jobStatus": "esriJobCancelled" if server.times("cancel") else "esriJobExecuting"})

    with JobServer(clock, status) as server:
        assert server.job().wait(cancelled=lambda: clock.now >= 1.25) == "esriJobCancelled"
    assert server.times("cancel") == [pytest.approx(1.3)]


def test_by_default_a_wait_gives_a_cancel_the_server_took_30_s(clock):
    with JobServer(clock, in_turn(EXECUTING)) as server:
        with pytest.warns(GPWarning, match="the job is still Executing after 30 s"):
            server.job().wait(cancelled=lambda: True)
    assert server.times("status") == pytest.approx([0, 1, 2.5, 4.75, 8.125, 13.125, 18.125, 23.125, 28.125, 33.125])


def test_policies_states_and_messages_are_values_no_caller_can_change(clock):
    assert len({PollPolicy(), PollPolicy(), Message("t", "d"), Progress("step")}) == 3  # frozen, so hashable
    for value in (PollPolicy(), Message("t", "d"), Progress("step"), JobState("j1", "esriJobNew", [], None, None)):
        with pytest.raises(dataclasses.FrozenInstanceError):  # a default PollPolicy is shared by every wait
            value.type = "changed"


def test_a_job_that_moves_is_polled_after_the_first_interval_again(clock):
    half = {"type": "step", "percent": 50}
    said = [{"type": "esriJobMessageTypeInformative", "description": "Half way"}]
    moves = in_turn(
        EXECUTING,
        EXECUTING,
        EXECUTING,
        executing(progress=half),
        executing(progress=half),
        executing(progress=half, messages=said),
        executing(progress=half, messages=said),
        SUCCEEDED,
    )
    with JobServer(clock, moves) as server:
        updates = []
        assert (
            server.job().wait(on_update=lambda job, new: updates.append((job.status, new)), policy=POLICY)
            == "esriJobSucceeded"
        )
    # moved at 0 (submitted -> executing), 7 (progress), 10 (a message), 13 (succeeded)
    assert server.times("status") == [0, 1, 3, 7, 8, 10, 11, 13] and clock.now == 13  # no pause after the end
    assert updates == [
        ("esriJobExecuting", []),
        ("esriJobExecuting", []),
        ("esriJobExecuting", [Message("esriJobMessageTypeInformative", "Half way")]),
        ("esriJobSucceeded", []),
    ]


def test_a_wait_times_out_at_its_timeout_exactly_with_a_last_poll_then(clock):
    with JobServer(clock, in_turn(EXECUTING)) as server:
        with pytest.raises(WaitTimedOut, match=r"has not ended after 2 s \(it is Executing\)") as timed_out:
            server.job().wait(policy=POLICY, timeout=2)
    assert server.times("status") == [0, 1, 2]
    assert timed_out.value.status == "esriJobExecuting"


def test_a_wait_on_an_ended_job_sends_nothing(clock):
    with JobServer(clock, in_turn(EXECUTING)) as server:
        assert server.job("esriJobFailed").wait(policy=POLICY, timeout=0) == "esriJobFailed"
    assert server.log == []


def test_a_cancelled_transport_ends_the_wait_at_once(clock):
    with JobServer(clock, in_turn(EXECUTING)) as server:
        job = server.job(transport=RequestsTransport(cancelled=lambda: True))
        with pytest.raises(Cancelled, match=r"^The request to .*/jobs/j1 was cancelled\.$"):
            job.wait(policy=POLICY)
    assert server.log == []  # not taken for a dropped connection, to be tried again


def test_a_task_without_outputs_has_succeeded_without_results(clock):
    with JobServer(clock, in_turn(Reply(body={"jobStatus": "esriJobSucceeded"}))) as server:
        job = server.job(outputs=False)
        assert job.wait(policy=POLICY) == "esriJobSucceeded" and repr(job) == "Job('j1', esriJobSucceeded)"
    assert server.times("status") == [0]


def test_the_results_a_job_listed_are_kept_when_a_later_answer_lists_none(clock):
    with JobServer(clock, in_turn(SUCCEEDED, Reply(body={"jobStatus": "esriJobSucceeded"}))) as server:
        job = server.job()
        job.refresh()
        job.refresh()
    assert job.result_urls == {"out": "results/out"}


def test_an_output_is_asked_for_as_data_with_z_and_m_once_in_the_type_the_server_names(clock):
    result = Reply(body={"paramName": "out", "dataType": "GPLong", "value": 7})
    with JobServer(clock, in_turn(SUCCEEDED), result=result) as server:
        job = server.job()
        job.wait(policy=POLICY)
        assert (job.output("out"), job.output("out")) == (7, 7)
    [asked] = server.requests("results")
    assert asked.path.endswith("/jobs/j1/results/out")
    assert {k: v for k, v in asked.fields.items() if k.startswith("return")} == {
        "returnType": "data",
        "returnZ": "true",
        "returnM": "true",
    }


def test_an_output_without_a_data_type_is_read_as_the_task_describes_it(clock):
    with JobServer(clock, in_turn(SUCCEEDED), result=Reply(body={"paramName": "out", "value": "seven"})) as server:
        job = server.job()
        job.wait(policy=POLICY)
        assert job.output("out") == "seven"  # as the task's GPString


def test_a_long_result_url_outside_the_job_is_quoted_to_200_characters(clock):
    escape = "../" + "x" * 300
    crafted = Reply(body={"jobStatus": "esriJobSucceeded", "results": {"out": {"paramUrl": escape}}})
    with JobServer(clock, in_turn(crafted)) as server:
        job = server.job()
        job.wait(policy=POLICY)
        with pytest.raises(
            BadResponse,
            match=r"lists its output 'out' at '\.\./x{197}', outside the job: it was not "
            r"fetched\.$",
        ):
            job.output("out")
    assert server.times("results") == []


def test_features_over_the_limit_of_a_job_without_result_map_service_are_not_looked_for_there(server):
    job = submit(server, server.task("GP/Lifecycle", "RunScenario"), {"scenario": "transfer-limit"})
    job.wait(policy=PollPolicy(first=0.001, longest=0.001))
    with pytest.raises(TransferLimitExceeded) as caught:
        job.output("features")
    assert str(caught.value) == (
        "Output 'features' has more features than the service returns in one answer (its limit: 1000 records, "
        "maximumRecords), so they were not returned. The service has no result map service that could return them "
        "page by page. To get them, ask for less (a smaller extent, fewer input features), or ask the service's "
        "administrator to raise its 'Maximum number of records returned by the server'."
    )


# -- polling towards the end a job's progress predicts ----------------------------------------------

#: Prediction polls at half the time left to the predicted end, down to 1/16 of the job's length.
PREDICTING = dataclasses.replace(POLICY, first=0.25, longest=8.0, precision=1 / 16)


def running(length: float, report: Callable[[float], dict], clock: Clock) -> Callable[[Received], Reply]:
    """Status answers of a job that runs from 0 to `length` s by the test clock, `report(now)` its progress."""

    def status(request: Received) -> Reply:
        if clock.now >= length:
            return SUCCEEDED
        return executing(progress=report(clock.now))

    return status


def test_a_job_reporting_steps_is_polled_towards_the_end_their_pace_predicts(clock):
    """Eight steps of 8 s: step i shows 12.5 (i - 1) percent from 8 (i - 1) s; the job ends at 64 s."""
    with JobServer(clock, running(64, lambda now: {"type": "step", "percent": 12.5 * (now // 8)}, clock)) as server:
        assert server.job().wait(policy=PREDICTING) == "esriJobSucceeded"
    # 0 % until 15.75 s: no pace, the pauses double to the longest. 12.5 % seen at 15.75 s, dated halfway
    # from the poll before (11.75 s), predicts an end at 94 s: pauses of the longest while it is far.
    # 75 % at 55.75 (dated 51.75) predicts 69 s: half the 13.25 s left; 87.5 % at 62.375 s (dated
    # 59.06) predicts 67.5 s, less than twice 1/16 of the length away: the next poll is then.
    assert server.times("status") == pytest.approx(
        [0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75, 23.75, 31.75, 39.75, 47.75, 55.75, 62.375, 67.5], abs=0.001
    )


@pytest.mark.parametrize("says_steps", [True, False])
def test_a_job_saying_step_i_of_n_in_its_messages_is_predicted_from_the_steps(clock, says_steps):
    """Four steps of 10 s, each saying "Step i of 4" as it begins (or "Working", which predicts nothing)."""

    def status(request: Received) -> Reply:
        if clock.now >= 40:
            return SUCCEEDED
        said = [f"Step {i} of 4" if says_steps else "Working" for i in range(1, int(clock.now // 10) + 2)]
        return executing(messages=[{"type": "esriJobMessageTypeInformative", "description": d} for d in said])

    with JobServer(clock, status) as server:
        assert server.job().wait(policy=PREDICTING) == "esriJobSucceeded"
    # each new message sends the polls back to `first`: 23 requests, the end seen 7 s late
    unpredicted = [0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75, 16, 16.5, 17.5, 19.5, 23.5, 23.75, 24.25, 25.25, 27.25]
    unpredicted += [31.25, 31.5, 32, 33, 35, 39, 47]
    # 13 requests, the end seen 3.8 s late: step 4 seen at 31.625 s, dated 27.69, predicts an end at
    # 36.92 s; approached, then passed, the polls go on from 1/16 of the predicted length, doubling
    predicted = [0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75, 23.75, 31.625, 34.271, 36.917, 39.224, 43.839]
    assert server.times("status") == pytest.approx(predicted if says_steps else unpredicted, abs=0.001)


def test_a_predicted_end_never_makes_the_pause_longer_than_the_longest(clock):
    """1 % in 10 s predicts an end after 1000 s: polls come every `longest` seconds, no fewer."""
    with JobServer(clock, running(100, lambda now: {"percent": now / 10}, clock)) as server:
        assert server.job().wait(policy=PREDICTING) == "esriJobSucceeded"
    pauses = [b - a for a, b in zip(server.times("status"), server.times("status")[1:])]
    assert max(pauses) == pytest.approx(8) and min(pauses) == pytest.approx(0.25)


def test_a_job_slower_than_predicted_is_polled_backing_off_from_its_predicted_end(clock):
    """5 % a second predicts an end at 20 s, then nearer 17 s; the job stays at 60 % from 12 s to its end at 45 s."""
    with JobServer(clock, running(45, lambda now: {"percent": min(5 * now, 60)}, clock)) as server:
        assert server.job().wait(policy=PREDICTING) == "esriJobSucceeded"
    times = server.times("status")
    late = [t for t in times if t >= 16.5]  # from the last poll before the predicted end
    pauses = [b - a for a, b in zip(late, late[1:])]
    # just past the predicted end (16.66 s, a length of 16.66 s) a pause of 1/16 of it, then doubling
    assert pauses[0] == pytest.approx(16.66 / 16, abs=0.01) and pauses[-3:] == pytest.approx([8, 8, 8])
    assert all(b == pytest.approx(min(2 * a, 8)) for a, b in zip(pauses, pauses[1:]))
    assert 45 < times[-1] <= 45 + 8  # the end is seen within the longest pause


@pytest.mark.parametrize(
    "progress, messages, fraction",
    [
        (Progress("step", "Working: step 3 of 4", 50.0), [], 0.5),  # the percent first
        (Progress("step", "Working: step 3 of 4"), [], 0.5),
        (Progress("default", "Executing..."), [Message("x", "Step 2 of 5 begun")], 0.2),
        (Progress("default", "Executing..."), [Message("x", "Step 1 of 5"), Message("x", "Tiled")], None),
        (Progress("step", "Step 0 of 4"), [], None),
        (Progress("step", "Step 5 of 4"), [], None),
        (None, [], None),
    ],
)
def test_the_share_done_is_the_percent_or_the_step_begun(progress, messages, fraction):
    assert job_module.done_fraction(progress, messages) == fraction


# -- the give-up counters ---------------------------------------------------------------------------


def test_five_dropped_status_requests_in_a_row_are_ridden_out_each_time(clock, caplog):
    replies = in_turn(EXECUTING, *[DROPPED] * 5, EXECUTING, *[DROPPED] * 5, SUCCEEDED)
    with JobServer(clock, replies) as server:
        assert server.job().wait(policy=POLICY) == "esriJobSucceeded"
    assert len(server.times("status")) == 13
    retried = [r.getMessage() for r in caplog.records if r.name == "remote_gp.gp_core.job"]
    assert len(retried) == 10 and retried[0].startswith("Status of job j1 not read (The connection to ")
    assert retried[0].endswith("); trying again.")


def test_a_status_request_tried_again_is_told_to_the_listener_instead_of_the_log(clock, caplog):
    """A host application (QGIS: the Processing log) hears of each retry as it happens."""
    heard: list[str] = []
    with JobServer(clock, in_turn(EXECUTING, DROPPED, DROPPED, SUCCEEDED)) as server, warnings_to(heard.append):
        assert server.job().wait(policy=POLICY) == "esriJobSucceeded"
    assert len(heard) == 2 and all(h.startswith("Status of job j1 not read (") for h in heard)
    assert not [r for r in caplog.records if r.name == "remote_gp.gp_core.job"]


def test_the_first_five_status_requests_may_drop_too(clock):
    with JobServer(clock, in_turn(*[DROPPED] * 5, SUCCEEDED)) as server:
        assert server.job().wait(policy=POLICY) == "esriJobSucceeded"
    assert server.times("status") == [0, 2, 6, 10, 14, 18]  # nothing changed: the interval grew


def test_the_sixth_dropped_status_request_in_a_row_ends_the_wait(clock):
    with JobServer(clock, in_turn(EXECUTING, DROPPED)) as server:
        with pytest.raises(ConnectionFailed, match=r"\. Job j1 may still be running on the server\.$"):
            server.job().wait(policy=POLICY)
    assert len(server.times("status")) == 7


@pytest.mark.parametrize("late, listed", [(10, True), (11, False)])
def test_a_succeeded_job_is_polled_ten_more_times_for_its_results(server, late, listed):
    job = submit(server, server.task("GP/Lifecycle", "RunScenario"), {"scenario": "late-results", "steps": late})
    await_run(job.url)  # the run has ended: the next status request shows its end
    assert job.wait(policy=PollPolicy(first=0.001, longest=0.001)) == "esriJobSucceeded"
    # executing, then 10 more answers "succeeded" without results; the 12th lists them, or is taken as is
    assert job_requests(job.url) == {"status": 12, "cancel": 0}
    assert (job.result_urls is not None) is listed


# -- cancels ----------------------------------------------------------------------------------------


def test_a_cancel_the_server_takes_is_sent_once_and_the_wait_gives_up_after_the_grace(clock):
    with JobServer(clock, in_turn(EXECUTING)) as server:
        job = server.job()
        with pytest.warns(GPWarning, match="took the cancel, but the job is still Executing after 3 s: it may go on"):
            assert job.wait(cancelled=lambda: True, policy=POLICY) == "esriJobExecuting"
    assert server.times("cancel") == [0]
    assert server.times("status") == [0, 1, 3]


def test_a_refused_cancel_is_asked_again_before_each_poll_until_the_server_takes_it(clock):
    def status(request: Received) -> Reply:
        taken = server.times("cancel")[2:]
        return Reply(body={"jobStatus": "esriJobCancelled" if taken else "esriJobWaiting"})

    with JobServer(clock, status, cancel=in_turn(REFUSED, REFUSED, TAKEN)) as server:
        assert server.job().wait(cancelled=lambda: True, policy=POLICY) == "esriJobCancelled"
    assert server.times("cancel") == [0, 1, 3]
    assert server.times("status") == [0, 1, 3]


def test_a_cancel_the_server_always_refuses_is_reported_with_its_reason(clock):
    with JobServer(clock, in_turn(EXECUTING), cancel=in_turn(REFUSED)) as server:
        with pytest.warns(
            GPWarning,
            match=r"The server refused to cancel job j1 \(Job not cancelable\); the job is "
            r"still Executing after 3 s and may go on on the server\.",
        ):
            server.job().wait(cancelled=lambda: True, policy=POLICY)
    assert server.times("cancel") == server.times("status") == [0, 1, 3]


def test_a_cancel_asked_for_during_a_pause_is_sent_at_the_next_tick(clock):
    def status(request: Received) -> Reply:
        return Reply(body={"jobStatus": "esriJobCancelled" if server.times("cancel") else "esriJobExecuting"})

    with JobServer(clock, status) as server:
        assert server.job().wait(cancelled=lambda: clock.now >= 2.1, policy=POLICY) == "esriJobCancelled"
    assert server.times("status") == [0, 1, 2.25]  # not at 3, the end of the pause
    assert server.times("cancel") == [2.25]


def test_cancel_says_whether_the_server_took_it(clock, caplog):
    caplog.set_level("INFO", "remote_gp.gp_core.job")
    with JobServer(clock, in_turn(EXECUTING), cancel=in_turn(REFUSED, Reply(body={}))) as server:
        job = server.job("esriJobExecuting")
        assert job.cancel() is False and job.status == "esriJobExecuting"
        assert [r.getMessage() for r in caplog.records if r.name == "remote_gp.gp_core.job"] == [
            "Job j1 (esriJobExecuting) could not be cancelled yet: Job not cancelable"
        ]
        assert job.cancel() is True and job.status == "esriJobCancelling"  # the answer named no state


def test_a_queued_job_refuses_the_cancel_until_it_waits_and_gets_it_once(server):
    job = submit(server, server.task("GP/Lifecycle", "RunScenario"), {"scenario": "queued", "steps": 2})
    await_run(job.url)  # the run has ended: the job is cancelled at the status request after the cancel
    assert job.wait(cancelled=lambda: True, policy=PollPolicy(first=0.001, longest=0.001)) == "esriJobCancelled"
    # refused before each of the three status requests that show Submitted, taken once the job is Waiting;
    # then Cancelling, Cancelled
    assert job_requests(job.url) == {"status": 5, "cancel": 4}


# -- unknown states ---------------------------------------------------------------------------------


def test_an_unknown_final_state_is_not_success_and_warns_once(server):
    job = submit(server, server.task("GP/Lifecycle", "RunScenario"), {"scenario": "unknown-state"})
    await_run(job.url)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", GPWarning)
        for _ in range(4):
            job.refresh()
    assert [str(w.message) for w in seen if w.category is GPWarning] == [
        f"Job {job.id} reports the state 'expectedFailure', which is not one of the documented ones: "
        "it is taken as the end of the job."
    ]
    assert (job.status, job.succeeded, job.is_ended) == ("expectedFailure", False, True)
    assert status_code(job.status) == 5
    with pytest.raises(JobError, match=rf"^Job {job.id} of task 'RunScenario' ended as expectedFailure\.$"):
        job.check()
    assert job.output("outcome") == "done"  # it listed its results


@pytest.mark.parametrize("state, words", [("esriJobWeird", "Weird"), ("", "an unknown state")])
def test_an_unknown_end_without_results_raises_on_its_outputs(clock, state, words):
    with JobServer(clock, in_turn(Reply(body={"jobStatus": state}))) as server:
        job = server.job()
        with pytest.warns(GPWarning, match=f"reports the state '{state}'"):
            assert job.wait(policy=POLICY) == state
        with pytest.raises(JobError, match=rf"^Job j1 of task 'T' ended as {words}\.$"):
            job.output("out")
    assert server.times("results") == []


def test_a_failed_job_raises_with_its_error_messages_only(clock):
    messages = [
        {"type": "esriJobMessageTypeInformative", "description": "Executing..."},
        {"type": "esriJobMessageTypeError", "description": "ERROR 1: bad."},
        {"type": "esriJobMessageTypeWarning", "description": "Careful."},
        {"type": "esriJobMessageTypeAbort", "description": "Aborted."},
    ]
    with JobServer(clock, in_turn(Reply(body={"jobStatus": "esriJobFailed", "messages": messages}))) as server:
        job = server.job()
        assert job.wait(policy=POLICY) == "esriJobFailed"
        with pytest.raises(JobError, match=r"^Job j1 of task 'T' ended as Failed: ERROR 1: bad\. Aborted\.$") as failed:
            job.output("out")
    assert [m.severity for m in job.messages] == [0, 2, 1, 2]
    assert (failed.value.status, failed.value.messages) == ("esriJobFailed", ["ERROR 1: bad.", "Aborted."])
    assert server.times("results") == []


# -- what a status answer says ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, progress",
    [
        ({"type": "step", "message": "Half", "percent": 50}, Progress("step", "Half", 50.0)),
        ({"percent": 150}, Progress("default", "", 100.0)),
        ({"percent": -5, "message": "Back"}, Progress("default", "Back", 0.0)),
        ({"type": "step", "percent": "much"}, Progress("step", "", None)),
        ("busy", None),
    ],
)
def test_progress_is_read_and_kept_within_0_and_100(raw, progress):
    assert JobState.from_json({"jobStatus": "esriJobExecuting", "progress": raw}).progress == progress


def test_messages_are_read_from_a_list_of_objects_only():
    assert JobState.from_json({"jobStatus": "esriJobExecuting", "messages": "Executing"}).messages == []
    messages = [1, {"type": "esriJobMessageTypeWarning", "description": "Careful."}, {"description": 2}]
    assert JobState.from_json({"jobId": "j3", "messages": messages}) == JobState(
        "j3", "", [Message("esriJobMessageTypeWarning", "Careful."), Message("", "")], None, None
    )


@pytest.mark.parametrize(
    "results, urls",
    [
        ({"a": {"paramUrl": "results/a"}, "b": {"paramUrl": 7}, "c": "results/c"}, {"a": "results/a"}),
        ({}, None),
        ([{"paramUrl": "results/a"}], None),
    ],
)
def test_only_the_results_a_status_answer_lists_with_a_url_are_kept(results, urls):
    assert JobState.from_json({"jobStatus": "esriJobSucceeded", "results": results}).result_urls == urls
