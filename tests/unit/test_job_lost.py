"""A job the server no longer knows is lost: its status request raises JobNotFound, which no retry
can help, whether the server says so with a 404 (ArcGIS, and the reference server) or with a 400
or 500 whose text says the job does not exist; any other error stays what it was."""

from __future__ import annotations

import pytest

from remote_gp.gp_core import Job, JobError, JobNotFound, RetryPolicy, Server, ServerError, Service, Task
from scripted_http import Reply, ScriptedServer

pytestmark = pytest.mark.timeout(15)


def lifecycle(server: Server) -> Task:
    return server.task("GP/Lifecycle", "RunScenario")


def test_a_job_the_reference_server_does_not_know_is_not_found(server):
    job = Job(server, lifecycle(server), "jforgotten", "esriJobExecuting")
    with pytest.raises(JobNotFound, match=r"^The server no longer knows job jforgotten of task 'RunScenario'") as lost:
        job.wait()
    assert isinstance(lost.value, JobError) and lost.value.status == "esriJobExecuting"
    assert "does not exist or is inaccessible" in str(lost.value)


def scripted_job(reply: Reply) -> tuple[ScriptedServer, Job]:
    scripted = ScriptedServer(lambda request: reply)
    service = Service.from_json({"tasks": ["T"]}, f"{scripted.url}/arcgis/rest/services/GP/S/GPServer", "GP/S")
    task = Task.from_json({"name": "T", "parameters": []}, f"{service.url}/T", service)
    server = Server(f"{scripted.url}/arcgis", retry=RetryPolicy(attempts=0))
    return scripted, Job(server, task, "j1", "esriJobSubmitted")


def error(code: int, message: str, details: list[str]) -> Reply:
    return Reply(body={"error": {"code": code, "message": message, "details": details}})


@pytest.mark.parametrize(
    "reply",
    [
        error(400, "Unable to complete operation.", ["Job 'j1' does not exist or is inaccessible."]),
        error(500, "Job 'j1' does not exist or is inaccessible.", []),
        Reply(status=404, body=b"<html>Not Found</html>", headers={"Content-Type": "text/html"}),
    ],
)
def test_every_way_a_server_says_it_has_no_such_job_is_understood(reply):
    scripted, job = scripted_job(reply)
    with scripted, pytest.raises(JobNotFound, match="no longer knows job j1"):
        job.refresh()


def test_other_errors_of_a_status_request_stay_server_errors():
    scripted, job = scripted_job(error(500, "Error performing query operation", []))
    with scripted, pytest.raises(ServerError, match="Error performing query operation"):
        job.refresh()
