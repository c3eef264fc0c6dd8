"""The hostile world in front of the pygeoapi test server does what the OGC matrix says it does,
seen on the wire with plain HTTP (no gp_core): requests told into the OGC phases, the server's URLs
(in bodies and in a job's Location) pointing back to the world, and the OGC faults."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from .ogc_prepare import OgcPrepared, prepare_ogc
from .phases import DISCOVERY, DISMISS, DOWNLOAD, EXECUTE, POLL, RESULT, SUBMIT, ogc_phase_of
from .process import World, running_world
from .terms import TOWERS
from .test_world import Https

pytest.importorskip("pytest_qgis", reason="the fault matrix and its world run once, in .venv (make test)")

JSON = {"Accept": "application/json"}
JOB = "/jobs/2f08e9d8-f23e-11f1-a882-02fc00000001"


@pytest.mark.parametrize(
    "method, target, headers, phase",
    [
        ("GET", "/", {}, DISCOVERY),
        ("GET", "/?f=json", {}, DISCOVERY),
        ("GET", "/conformance", {}, DISCOVERY),
        ("GET", "/processes?limit=10", {}, DISCOVERY),
        ("GET", "/processes/buffer", {}, DISCOVERY),
        ("POST", "/processes/buffer/execution", {"prefer": "wait"}, EXECUTE),
        ("POST", "/processes/buffer/execution", {}, EXECUTE),
        ("POST", "/processes/slow/execution", {"prefer": "respond-async"}, SUBMIT),
        ("GET", JOB, {}, POLL),
        ("DELETE", JOB, {}, DISMISS),
        ("GET", JOB + "/results?f=json", {}, RESULT),
        ("GET", "/files/slope-1.tif", {}, DOWNLOAD),
        ("GET", "/admin/config", {}, "admin"),
        ("GET", "/jobs/x/../../admin/config", {}, "admin"),
        ("GET", "/openapi", {}, None),
        ("GET", "/jobs", {}, None),
    ],
)
def test_requests_are_told_into_ogc_phases(method, target, headers, phase):
    assert ogc_phase_of(method, target, headers) == phase


@pytest.fixture(scope="module")
def ogc_world(ogc_server, certificates) -> Iterator[World]:
    with running_world(ogc_server, certificates, None, "ogc") as running:
        yield running


@pytest.fixture(scope="module")
def ogc_prepared(ogc_server) -> OgcPrepared:
    return prepare_ogc(ogc_server)


@pytest.fixture(scope="module")
def https(certificates) -> Iterator[Https]:
    client = Https(str(certificates.ca))
    yield client
    client.close()


def test_links_and_a_jobs_location_point_back_to_the_hostile_server(ogc_world, https, ogc_prepared, ogc_server):
    ogc_world.arm("", None)
    hrefs = [link["href"] for link in https.get(ogc_world.server + "/", headers=JSON).json()["links"]]
    assert not [href for href in hrefs if href.startswith(ogc_server)]
    assert ogc_world.server + "/openapi" in hrefs
    started = https.post(
        ogc_world.server + "/processes/slow/execution",
        json={"inputs": {"seconds": 0, "steps": 1}},
        headers={"Prefer": "respond-async"},
    )
    assert started.headers["Location"].startswith(ogc_world.server + "/jobs/")
    results = https.get(f"{ogc_world.server}/jobs/{ogc_prepared.slope_job}/results", headers=JSON).json()
    assert results["slope"]["href"].startswith(ogc_world.server + "/files/")
    phases = [(request["phase"], request["forwarded"]) for request in ogc_world.report()["requests"]]
    assert phases == [(DISCOVERY, True), (SUBMIT, True), (RESULT, True)]


def test_a_problem_quotes_the_requests_headers_without_the_server_acting(ogc_world, https):
    ogc_world.arm(EXECUTE, "problem+json error")
    answer = https.post(
        ogc_world.server + "/processes/buffer/execution",
        json={"inputs": {"features": TOWERS, "distance": 1}},
        headers={"X-API-Key": "key-1"},
    )
    assert (answer.status_code, answer.headers["Content-Type"]) == (400, "application/problem+json")
    assert "x-api-key: key-1" in answer.json()["detail"]
    assert [request["forwarded"] for request in ogc_world.report()["requests"]] == [False]


def test_a_sign_in_page_where_json_was_asked(ogc_world, https, ogc_prepared):
    ogc_world.arm(DOWNLOAD, "HTML page")
    results = https.get(f"{ogc_world.server}/jobs/{ogc_prepared.slope_job}/results", headers=JSON).json()
    page = https.get(results["slope"]["href"])
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert b"Sign in" in page.content


def test_links_elsewhere_in_a_status_and_in_results(ogc_world, https, ogc_prepared):
    ogc_world.arm(POLL, "links elsewhere")
    status = https.get(f"{ogc_world.server}/jobs/{ogc_prepared.buffer_job}", headers=JSON).json()
    assert status["status"] == "successful"
    assert status["links"] and all(link["href"].startswith(ogc_world.elsewhere) for link in status["links"])
    ogc_world.arm(RESULT, "links elsewhere")
    by_value = https.get(f"{ogc_world.server}/jobs/{ogc_prepared.buffer_job}/results", headers=JSON)
    assert json.loads(by_value.content)["href"].startswith(ogc_world.elsewhere + "/files/")
    by_reference = https.get(f"{ogc_world.server}/jobs/{ogc_prepared.slope_job}/results", headers=JSON).json()
    assert by_reference["slope"]["href"].startswith(ogc_world.elsewhere + "/files/slope-")
