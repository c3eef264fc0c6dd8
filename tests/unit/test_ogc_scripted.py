"""The OGC client against scripted servers on 127.0.0.1, for what pygeoapi does not do: pages of
processes, RFC 7807 problem bodies, a server that is not OGC API - Processes, a job where results
were asked for, results on another origin, credentials."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from remote_gp.gp_core import (
    BadResponse,
    ConnectionFailed,
    InsecureConnection,
    ParameterError,
    RetryPolicy,
    ServerError,
    WaitTimedOut,
)
from remote_gp.gp_core.errors import NotOgcProcesses
from remote_gp.gp_core.job import PollPolicy
from remote_gp.gp_core.ogc_job import OgcJob
from remote_gp.gp_core.ogc_server import CORE, OgcResults, OgcServer, basic_auth, bearer
from remote_gp.gp_core.ogc_values import OgcLink
from scripted_http import Received, Reply, ScriptedServer

QUICK = PollPolicy(first=0.05, longest=0.05)
SECRET = "s3cr3t-token"
PROCESS = {
    "id": "echo",
    "version": "1",
    "jobControlOptions": ["sync-execute", "async-execute", "dismiss"],
    "inputs": {"text": {"schema": {"type": "string"}}},
    "outputs": {"file": {"schema": {"type": "string", "contentMediaType": "text/plain"}}},
}


def _landing(url: str) -> dict[str, Any]:
    return {
        "links": [
            {"rel": "conformance", "href": f"{url}/conformance?f=json", "type": "application/json"},
            {
                "rel": "http://www.opengis.net/def/rel/ogc/1.0/processes",
                "href": f"{url}/processes?f=html",
                "type": "text/html",
            },
            {
                "rel": "http://www.opengis.net/def/rel/ogc/1.0/processes",
                "href": f"{url}/processes?f=json",
                "type": "application/json",
            },
        ]
    }


class Scripted:
    """A server answering the landing page and conformance itself, and `routes` (path → reply) else."""

    def __init__(self, routes: dict[str, Any], conforms: list[str] | None = None):
        self.routes = routes
        self.conforms = conforms if conforms is not None else [CORE]
        self.server = ScriptedServer(self.handle)

    def handle(self, request: Received) -> Reply:
        url = self.server.url
        if request.path in ("", "/"):
            return Reply(body=_landing(url))
        if request.path == "/conformance":
            return Reply(body={"conformsTo": self.conforms})
        route = self.routes.get(f"{request.method} {request.path}", self.routes.get(request.path))
        if route is None:
            return Reply(404, {"type": "about:blank", "title": "Not Found", "status": 404})
        return route(request, url) if callable(route) else route


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    holder = Scripted({})
    with holder.server:
        yield holder


def test_processes_are_read_page_after_page(scripted: Scripted) -> None:
    def page(number: int, last: bool) -> Any:
        def reply(request: Received, url: str) -> Reply:
            links = (
                []
                if last
                else [{"rel": "next", "href": f"{url}/processes?page={number + 1}", "type": "application/json"}]
            )
            ids = [f"p{number}-{i}" for i in range(2)]
            return Reply(body={"processes": [{"id": i} for i in ids], "links": links})

        return reply

    pages = {1: page(1, False), 2: page(2, False), 3: page(3, True)}
    scripted.routes["/processes"] = lambda request, url: pages[int(request.fields.get("page", "1"))](request, url)
    listed = [process.id for process in OgcServer(scripted.server.url).processes()]
    assert listed == ["p1-0", "p1-1", "p2-0", "p2-1", "p3-0", "p3-1"]
    assert [r.target for r in scripted.server.received if r.path == "/processes"] == [
        "/processes",  # the JSON link, without its ?f=json: ids are appended to it
        "/processes?page=2",
        "/processes?page=3",
    ]


def test_pages_linking_back_are_not_followed_for_ever(scripted: Scripted) -> None:
    scripted.routes["/processes"] = lambda request, url: Reply(
        body={"processes": [], "links": [{"rel": "next", "href": f"{url}/processes"}]}
    )
    with pytest.raises(BadResponse, match="link back to each other"):
        OgcServer(scripted.server.url).processes()


def test_a_server_without_processes_core_is_refused() -> None:
    holder = Scripted({}, conforms=["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"])
    with holder.server, pytest.raises(NotOgcProcesses, match="not an OGC API - Processes server.*ogcapi-features"):
        OgcServer(holder.server.url).processes()


def test_a_web_page_is_a_bad_response(scripted: Scripted) -> None:
    scripted.routes["/processes/echo"] = Reply(body=b"<html>sign in</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(BadResponse, match="a web page"):
        OgcServer(scripted.server.url).process("echo")


@pytest.mark.parametrize(
    "description",
    [
        {"id": "echo", "inputs": [{"title": "no id"}]},
        {"id": "echo", "inputs": {"text": {"schema": "string"}}},
        {"id": "echo", "inputs": {"text": {"schema": {"type": "string"}, "maxOccurs": "many"}}},
        {"id": "echo", "inputs": {"text": {"schema": {"type": "array", "minItems": -1}}}},
        {"id": "echo", "jobControlOptions": "sync-execute"},
        {"title": "no id"},
    ],
)
def test_a_broken_description_says_what_is_wrong(scripted: Scripted, description: dict[str, Any]) -> None:
    scripted.routes["/processes/echo"] = Reply(body=description)
    with pytest.raises(BadResponse) as caught:
        OgcServer(scripted.server.url).process("echo")
    assert "/processes/echo" in str(caught.value)


def test_a_problem_body_is_a_server_error_in_the_servers_words(scripted: Scripted) -> None:
    scripted.routes["/processes/echo"] = Reply(body=PROCESS)
    scripted.routes["/processes/echo/execution"] = Reply(
        400,
        {
            "type": "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/invalid-parameter-value",
            "title": "Invalid parameter value",
            "status": 400,
            "detail": f"The text may not hold the token {SECRET}.",
        },
        headers={"Content-Type": "application/problem+json"},
    )
    server = OgcServer(scripted.server.url, headers=bearer(SECRET))
    with pytest.raises(ServerError) as caught:
        server.execute("echo", {"text": "x"})
    text = str(caught.value)
    assert caught.value.code == 400 and "The text may not hold the token ***." in text
    assert "invalid-parameter-value" in text and "running process 'echo'" in text and SECRET not in text


def test_a_job_where_results_were_asked_for_is_followed(scripted: Scripted) -> None:
    states = iter(["running", "successful"])
    scripted.routes["/processes/echo"] = Reply(body=PROCESS)
    scripted.routes["/processes/echo/execution"] = Reply(
        201, {"jobID": "j1", "status": "accepted"}, headers={"Location": "/jobs/j1"}
    )
    scripted.routes["GET /jobs/j1"] = lambda request, url: Reply(
        body={"jobID": "j1", "status": next(states, "successful"), "progress": 50}
    )
    scripted.routes["/jobs/j1/results"] = Reply(body={"file": {"value": "hello", "mediaType": "text/plain"}})
    server = OgcServer(scripted.server.url)
    job = server.execute("echo", {"text": "x"}, asynchronous=False)
    assert isinstance(job, OgcJob) and job.id == "j1"
    execution = next(r for r in scripted.server.received if r.path.endswith("/execution"))
    assert execution.headers["prefer"] == "wait" and json.loads(execution.body) == {"inputs": {"text": "x"}}
    assert execution.headers["content-type"] == "application/json"
    assert job.wait(policy=QUICK) == "successful"
    assert job.results().output("file") == "hello"


def test_a_job_without_location_is_found_by_its_id(scripted: Scripted) -> None:
    scripted.routes["/processes/echo"] = Reply(body=PROCESS)
    scripted.routes["/processes/echo/execution"] = Reply(200, {"jobID": "j2", "status": "running"})
    scripted.routes["DELETE /jobs/j2"] = Reply(body={"jobID": "j2", "status": "dismissed", "message": "Dismissed."})
    job = OgcServer(scripted.server.url).execute("echo", {"text": "x"}, asynchronous=True)
    assert isinstance(job, OgcJob) and job.url == f"{scripted.server.url}/jobs/j2"
    assert job.dismiss() and job.status == "dismissed" and job.message == "Dismissed."


def test_an_output_on_another_origin_is_fetched_without_credentials(scripted: Scripted, tmp_path: Path) -> None:
    with ScriptedServer(lambda request: Reply(body=b"outside", headers={"Content-Type": "text/plain"})) as other:
        elsewhere = other.url.replace("127.0.0.1", "localhost") + "/file.txt"
        scripted.routes["/processes/echo"] = Reply(body=PROCESS)
        scripted.routes["/processes/echo/execution"] = Reply(body={"file": {"href": elsewhere, "type": "text/plain"}})
        server = OgcServer(scripted.server.url, headers={"X-API-Key": SECRET})
        outcome = server.execute("echo", {"text": "x"})
        assert isinstance(outcome, OgcResults)
        assert outcome.output("file", tmp_path / "file.txt").read_text() == "outside"
        assert SECRET not in other.everything()
        assert all(r.headers.get("x-api-key") == SECRET for r in scripted.server.received)


def test_credentials_never_go_over_plain_http_to_another_computer() -> None:
    server = OgcServer("http://processes.example.invalid/ogc", headers=basic_auth("user", SECRET))
    with pytest.raises(InsecureConnection, match="plain http"):
        server.processes()
    assert SECRET in server.secrets() and base64.b64encode(f"user:{SECRET}".encode()).decode() in str(server.secrets())


def test_a_transport_that_signs_is_kept_from_plain_http_and_its_secrets_from_errors(scripted: Scripted) -> None:
    """A QGIS authentication configuration is the transport's: the OgcServer is told it is there
    (plain http to another computer refused) and what a server may quote of it (hidden)."""
    header = basic_auth("user", SECRET)["Authorization"]
    plain = OgcServer("http://processes.example.invalid/ogc", transport_signs=True)
    with pytest.raises(InsecureConnection, match="plain http"):
        plain.processes()
    scripted.routes["/processes"] = Reply(
        400,
        {"type": "about:blank", "title": "Bad request", "status": 400, "detail": f"headers: authorization: {header}"},
        headers={"Content-Type": "application/problem+json"},
    )
    server = OgcServer(scripted.server.url, transport_signs=True, secrets=[header])
    with pytest.raises(ServerError) as caught:
        server.processes()
    assert "authorization: ***" in str(caught.value) and header.split()[1] not in str(caught.value)
    assert SECRET in server.secrets()


def test_a_cut_download_leaves_nothing(scripted: Scripted, tmp_path: Path) -> None:
    scripted.routes["/processes/echo"] = Reply(body=PROCESS)
    scripted.routes["/processes/echo/execution"] = lambda request, url: Reply(
        body={"file": {"href": f"{url}/files/big.txt", "type": "text/plain"}}
    )
    scripted.routes["/files/big.txt"] = Reply(body=b"x" * 1000, headers={"Content-Type": "text/plain"}, cut_after=10)
    server = OgcServer(scripted.server.url, retry=RetryPolicy(attempts=0))
    outcome = server.execute("echo", {"text": "x"})
    assert isinstance(outcome, OgcResults)
    with pytest.raises(ConnectionFailed):
        outcome.output("file", tmp_path / "big.txt")
    assert list(tmp_path.iterdir()) == []


def test_the_execution_mode_follows_the_process(scripted: Scripted) -> None:
    only_async = {**PROCESS, "id": "later", "jobControlOptions": ["async-execute"]}
    only_sync = {**PROCESS, "id": "now", "jobControlOptions": ["sync-execute"]}
    scripted.routes["/processes/later"] = Reply(body=only_async)
    scripted.routes["/processes/now"] = Reply(body=only_sync)
    scripted.routes["/processes/later/execution"] = Reply(201, {"jobID": "j3", "status": "accepted"})
    server = OgcServer(scripted.server.url)
    assert isinstance(server.execute("later", {"text": "x"}), OgcJob)
    execution = next(r for r in scripted.server.received if r.path.endswith("/execution"))
    assert execution.headers["prefer"] == "respond-async"
    now = server.process("now")
    sent = len(scripted.server.received)
    with pytest.raises(ParameterError, match="runs only synchronously"):
        server.execute(now, {"text": "x"}, asynchronous=True)
    assert len(scripted.server.received) == sent


def test_a_raw_result_is_written_to_a_file(scripted: Scripted, tmp_path: Path) -> None:
    tiff = b"II*\x00" + bytes(60)
    scripted.routes["/processes/echo"] = Reply(body=PROCESS)
    scripted.routes["/processes/echo/execution"] = Reply(body=tiff, headers={"Content-Type": "image/tiff"})
    outcome = OgcServer(scripted.server.url).execute("echo", {"text": "x"})
    assert isinstance(outcome, OgcResults)
    assert outcome.output("file", tmp_path / "out.tif").read_bytes() == tiff
    assert [path.name for path in tmp_path.iterdir()] == ["out.tif"]


def test_features_by_reference_are_read_or_saved(scripted: Scripted, tmp_path: Path) -> None:
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"n": 1}}],
    }
    described = {
        **PROCESS,
        "outputs": {"file": {"schema": {"type": "object", "contentMediaType": "application/geo+json"}}},
    }
    scripted.routes["/processes/echo"] = Reply(body=described)
    scripted.routes["/processes/echo/execution"] = lambda request, url: Reply(
        body={"file": {"href": f"{url}/files/points.geojson", "type": "application/geo+json"}}
    )
    scripted.routes["/files/points.geojson"] = Reply(body=collection, headers={"Content-Type": "application/geo+json"})
    outcome = OgcServer(scripted.server.url).execute("echo", {"text": "x"}, outputs={"file": "reference"})
    assert isinstance(outcome, OgcResults)
    execution = next(r for r in scripted.server.received if r.path.endswith("/execution"))
    assert json.loads(execution.body)["outputs"] == {
        "file": {"transmissionMode": "reference", "format": {"mediaType": "application/geo+json"}}
    }
    features = outcome.output("file")
    assert features.attributes == [{"n": 1}] and features.geometries[0].x == 1
    saved = outcome.output("file", tmp_path / "points.geojson")
    assert json.loads(saved.read_text()) == collection
    untyped = {"file": {"href": f"{scripted.server.url}/files/points.geojson"}}  # the output's kind tells
    assert OgcResults(outcome.server, outcome.process, untyped).output("file").attributes == [{"n": 1}]
    converted = outcome.output("file", tmp_path / "points.gpkg")  # another format: read, then written
    assert converted == tmp_path / "points.gpkg/points" and (tmp_path / "points.gpkg").is_file()


def test_a_user_and_password_in_the_url_go_in_a_header_only(scripted: Scripted) -> None:
    port = scripted.server.url.rsplit(":", 1)[1]
    server = OgcServer(f"http://reader:p%40ss-{SECRET}@127.0.0.1:{port}/")
    assert server.url == scripted.server.url
    with pytest.raises(ServerError) as caught:
        server.process("missing")
    assert SECRET not in str(caught.value) and "reader" not in str(caught.value)
    expected = "Basic " + base64.b64encode(f"reader:p@ss-{SECRET}".encode()).decode()
    assert {r.headers.get("authorization") for r in scripted.server.received} == {expected}
    assert all(SECRET not in r.target for r in scripted.server.received)


def test_a_dismiss_answered_with_no_content(scripted: Scripted) -> None:
    scripted.routes["DELETE /jobs/j4"] = Reply(204, b"")
    scripted.routes["GET /jobs/j4"] = Reply(body={"jobID": "j4", "status": "running"})
    job = OgcServer(scripted.server.url).job("j4")
    assert job.status == "running"
    assert job.dismiss() and job.status == "dismissed"


def test_redirects_to_another_origin_carry_no_credentials(scripted: Scripted) -> None:
    with ScriptedServer(lambda request: Reply(body=PROCESS)) as other:
        elsewhere = other.url.replace("127.0.0.1", "localhost")
        scripted.routes["GET /processes/echo"] = Reply(302, b"", headers={"Location": f"{elsewhere}/processes/echo"})
        scripted.routes["POST /processes/echo/execution"] = Reply(
            307, b"", headers={"Location": f"{elsewhere}/processes/echo/execution"}
        )
        server = OgcServer(scripted.server.url, headers={"X-API-Key": SECRET})
        process = server.process("echo")  # read from the other origin, without the key
        assert process.id == "echo" and [r.path for r in other.received] == ["/processes/echo"]
        with pytest.raises(BadResponse, match="redirected the request to another server"):
            server.execute(process, {"text": "x"})
        assert [r.method for r in other.received] == ["GET"]  # the POST was not sent there
        assert SECRET not in other.everything()


def test_the_execute_link_of_the_description_is_followed(scripted: Scripted) -> None:
    links = [{"rel": "http://www.opengis.net/def/rel/ogc/1.0/execute", "href": "/run/echo?f=json"}]
    scripted.routes["/processes/echo"] = Reply(body={**PROCESS, "links": links})
    scripted.routes["POST /run/echo"] = Reply(body={"file": "done"})
    outcome = OgcServer(scripted.server.url).execute("echo", {"text": "x"})
    assert isinstance(outcome, OgcResults) and outcome.output("file") == "done"
    assert [r.target for r in scripted.server.received if r.method == "POST"] == ["/run/echo"]


def test_a_wait_gives_up_after_its_timeout(scripted: Scripted) -> None:
    scripted.routes["GET /jobs/j5"] = Reply(body={"jobID": "j5", "status": "running", "progress": 10})
    job = OgcServer(scripted.server.url).job("j5")
    with pytest.raises(WaitTimedOut, match="has not ended after 0.3 s"):
        job.wait(policy=QUICK, timeout=0.3)


def test_a_status_request_that_breaks_is_tried_again(scripted: Scripted, caplog: pytest.LogCaptureFixture) -> None:
    answers = iter(
        [
            Reply(body={"jobID": "j6", "status": "running"}),
            Reply(body=b'{"jobID": "j6", "status": "running", "message": "long text"}', cut_after=5),
            Reply(body={"jobID": "j6", "status": "successful"}),
        ]
    )
    scripted.routes["GET /jobs/j6"] = lambda request, url: next(answers)
    job = OgcServer(scripted.server.url, retry=RetryPolicy(attempts=0)).job("j6")
    assert job.wait(policy=QUICK) == "successful"
    assert "Status of job j6 not read" in caplog.text


@pytest.mark.parametrize(
    ("body", "words"),
    [(b"[" * 100_000 + b"]" * 100_000, "nested too deeply"), (b"  \n{broken", "not JSON"), (b"", "not JSON")],
)
def test_a_body_that_cannot_be_read_is_a_bad_response(scripted: Scripted, body: bytes, words: str) -> None:
    scripted.routes["/processes/echo"] = Reply(body=body, headers={"Content-Type": "application/json"})
    with pytest.raises(BadResponse, match=words):
        OgcServer(scripted.server.url).process("echo")


def test_features_by_reference_go_as_a_link(scripted: Scripted) -> None:
    described = {**PROCESS, "inputs": {"text": {"schema": {"format": "geojson-feature-collection"}}}}
    scripted.routes["/processes/echo"] = Reply(body=described)
    scripted.routes["/processes/echo/execution"] = Reply(body={"file": "done"})
    server = OgcServer(scripted.server.url)
    server.execute("echo", {"text": "https://data.example.org/towers.geojson"})
    server.execute("echo", {"text": OgcLink("https://data.example.org/lines.json", "application/json")})
    sent = [json.loads(r.body)["inputs"]["text"] for r in scripted.server.received if r.method == "POST"]
    assert sent == [
        {"href": "https://data.example.org/towers.geojson", "type": "application/geo+json"},
        {"href": "https://data.example.org/lines.json", "type": "application/json"},
    ]
