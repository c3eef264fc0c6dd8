"""Following a job against servers that misbehave: bounded waits, at most about one status request a
second, cancels that are never honoured, result URLs outside the job. Requests are counted."""

from __future__ import annotations

from typing import Callable

import pytest

from remote_gp.gp_core import (
    BadResponse,
    GPWarning,
    Job,
    PollPolicy,
    RetryPolicy,
    Server,
    Service,
    Task,
    WaitTimedOut,
    arcpy,
)
from scripted_http import Received, Reply, ScriptedServer, in_turn

EXECUTING = Reply(body={"jobId": "j1", "jobStatus": "esriJobExecuting"})
RESULTS = {"out": {"paramUrl": "results/out"}, "out2": {"paramUrl": "results/out2"}}
SUCCEEDED = Reply(body={"jobId": "j1", "jobStatus": "esriJobSucceeded", "results": RESULTS})
OUTPUT = {"name": "out", "dataType": "GPString", "direction": "esriGPParameterDirectionOutput"}
CANCELLING = Reply(body={"jobStatus": "esriJobCancelling"})


class GPJobServer(ScriptedServer):
    """Job j1 of task T: `status` answers its status requests, `cancel` its cancels; results are "value"."""

    def __init__(self, status: Callable[[Received], Reply], cancel: Reply = CANCELLING):
        def answer(request: Received) -> Reply:
            if request.path.endswith("/cancel"):
                return cancel
            if "/results/" in request.path:
                return Reply(
                    body={"paramName": request.path.rsplit("/", 1)[1], "dataType": "GPString", "value": "value"}
                )
            return status(request)

        super().__init__(answer)

    def job(self) -> Job:
        services = f"{self.url}/arcgis/rest/services"
        service = Service.from_json({"tasks": ["T"]}, f"{services}/GP/S/GPServer", "GP/S")
        task = Task.from_json(
            {"name": "T", "parameters": [OUTPUT, {**OUTPUT, "name": "out2"}]}, f"{service.url}/T", service
        )
        return Job(Server(f"{self.url}/arcgis", retry=RetryPolicy(sleep=lambda seconds: None)), task, "j1")

    def count(self, ending: str) -> int:
        return sum(path.endswith(ending) for path in self.paths())


@pytest.mark.timeout(30)
def test_a_wait_with_a_timeout_gives_up_and_leaves_the_job_running():
    with GPJobServer(in_turn(EXECUTING)) as server:
        with pytest.raises(WaitTimedOut, match="has not ended after 2.5 s .it is Executing.; it goes on on the server"):
            server.job().wait(timeout=2.5)
    assert 2 <= server.count("/jobs/j1") <= 4 and server.count("/cancel") == 0


@pytest.mark.timeout(30)
def test_a_job_whose_progress_changes_on_every_poll_is_polled_about_once_a_second():
    def moving(request: Received) -> Reply:
        return Reply(
            body={"jobStatus": "esriJobExecuting", "progress": {"type": "step", "percent": len(server.received)}}
        )

    with GPJobServer(moving) as server:
        with pytest.raises(
            WaitTimedOut,
            match=r"^Job j1 of task 'T' has not ended after 3 s \(it is Executing\); "
            r"it goes on on the server\.$",
        ):
            server.job().wait(timeout=3)
    assert server.count("/jobs/j1") <= 4  # one a second at most, and one at the start


@pytest.mark.timeout(30)
def test_a_cancel_the_server_takes_but_never_honours_ends_the_wait_with_a_warning():
    with GPJobServer(in_turn(EXECUTING)) as server:
        with pytest.warns(GPWarning, match="took the cancel, but the job is still Executing after 2 s"):
            status = server.job().wait(cancelled=lambda: True, policy=PollPolicy(cancel_grace=2))
    assert status == "esriJobExecuting"
    assert server.count("/cancel") == 1 and server.count("/jobs/j1") <= 3


@pytest.mark.timeout(30)
def test_a_cancel_the_server_refuses_is_asked_again_at_most_once_a_poll_and_ends_the_wait():
    refusal = Reply(body={"error": {"code": 400, "message": "Job not cancelable", "details": []}})
    with GPJobServer(in_turn(EXECUTING), cancel=refusal) as server:
        with pytest.warns(GPWarning, match=r"refused to cancel job j1 \(Job not cancelable\)"):
            server.job().wait(cancelled=lambda: True, policy=PollPolicy(cancel_grace=2))
    assert 1 <= server.count("/cancel") <= server.count("/jobs/j1") <= 3


def test_an_unavailable_status_poll_does_not_end_the_wait():
    with GPJobServer(in_turn(Reply(status=503), EXECUTING, SUCCEEDED)) as server:
        assert server.job().wait(policy=PollPolicy(first=0.01)) == "esriJobSucceeded"
    assert server.count("/jobs/j1") == 3


@pytest.mark.parametrize(
    "escape",
    [
        "../../../../../../admin/security/users",
        "/arcgis/admin/security/users",
        "http://127.0.0.2/arcgis/rest",
        "results/%2e%2e/%2E%2E/%2e%2e/x",
        "results\\..\\..\\x",
        "http://localhost/arcgis/rest/services/GP/S/GPServer/T/jobs/j1/x",
    ],
)
def test_a_result_url_outside_the_job_is_not_fetched(escape):
    crafted = Reply(body={"jobStatus": "esriJobSucceeded", "results": {"out": {"paramUrl": escape}}})
    with GPJobServer(in_turn(crafted)) as server:
        job = server.job()
        job.wait(policy=PollPolicy(first=0.01))
        with pytest.raises(BadResponse, match="outside the job: it was not fetched"):
            job.output("out")
    assert server.paths()[-1].endswith("/jobs/j1")


def test_the_outputs_of_a_finished_job_are_read_without_asking_its_status_again():
    with GPJobServer(in_turn(SUCCEEDED)) as server:
        result = arcpy.Result(server.job())
        assert (result[0], result[1], result[0]) == ("value", "value", "value")
    assert server.paths()[0].endswith("/jobs/j1") and server.count("/jobs/j1") == 1
    assert server.count("/results/out") == 1 and server.count("/results/out2") == 1
