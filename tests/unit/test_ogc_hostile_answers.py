"""What the OGC fault matrix found (tests/faults, docs/fault-matrix.md), against scripted servers:
a web page where results or a file were expected, and a job's status that another host does not
know."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from remote_gp.gp_core import BadResponse, JobNotFound
from remote_gp.gp_core.ogc_server import OgcResults, OgcServer
from scripted_http import Received, Reply, ScriptedServer
from test_ogc_scripted import PROCESS, Scripted

PAGE = Reply(body=b"<!doctype html><html><body>Sign in</body></html>", headers={"Content-Type": "text/html"})


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    holder = Scripted({"/processes/echo": Reply(body=PROCESS)})
    with holder.server:
        yield holder


def test_a_web_page_where_results_were_asked_is_a_bad_response(scripted: Scripted, tmp_path: Path) -> None:
    scripted.routes["/processes/echo/execution"] = PAGE
    with pytest.raises(BadResponse, match="web page where results were expected"):
        OgcServer(scripted.server.url).execute("echo", {"text": "x"})


def test_a_web_page_where_a_file_was_asked_is_not_saved(scripted: Scripted, tmp_path: Path) -> None:
    scripted.routes["/processes/echo/execution"] = lambda request, url: Reply(
        body={"file": {"href": f"{url}/files/out.txt", "type": "text/plain"}}
    )
    scripted.routes["/files/out.txt"] = PAGE
    outcome = OgcServer(scripted.server.url).execute("echo", {"text": "x"})
    assert isinstance(outcome, OgcResults)
    with pytest.raises(BadResponse, match="web page where the file was expected"):
        outcome.output("file", tmp_path / "out.txt")
    assert list(tmp_path.iterdir()) == []


def test_a_web_page_is_a_file_when_the_output_is_one(scripted: Scripted, tmp_path: Path) -> None:
    scripted.routes["/processes/echo/execution"] = lambda request, url: Reply(
        body={"file": {"href": f"{url}/files/report.html", "type": "text/html"}}
    )
    scripted.routes["/files/report.html"] = PAGE
    outcome = OgcServer(scripted.server.url).execute("echo", {"text": "x"})
    assert isinstance(outcome, OgcResults)
    assert b"Sign in" in outcome.output("file", tmp_path / "report.html").read_bytes()


def test_a_status_redirected_to_a_host_that_does_not_know_the_job_names_that_host(scripted: Scripted) -> None:
    def unknown(request: Received) -> Reply:
        return Reply(404, {"title": "Not Found", "status": 404}, {"Content-Type": "application/problem+json"})

    with ScriptedServer(unknown) as other:
        elsewhere = other.url.replace("127.0.0.1", "localhost")
        scripted.routes["/processes/echo/execution"] = Reply(201, {"jobID": "j1", "status": "accepted"})
        scripted.routes["/jobs/j1"] = Reply(302, headers={"Location": f"{elsewhere}/jobs/j1"})
        job = OgcServer(scripted.server.url).execute("echo", {"text": "x"}, asynchronous=True)
        with pytest.raises(JobNotFound, match=f"The server at {elsewhere}/jobs/j1 no longer knows job j1"):
            job.refresh()
