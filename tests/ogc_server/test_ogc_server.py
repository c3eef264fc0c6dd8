"""The pygeoapi test server itself, through plain HTTP: what the OGC client's tests rely on.

pygeoapi's own ways are pinned here too, so that a change of them shows up as such and not as a
client bug: its conformance link's rel is "conformance", a 201 answer's body is ``null``, a job's
failure message starts with "InvalidParameterValue: Error executing process:", results without
``?f=json`` or ``Accept: application/json`` come as HTML, and a dismissed job is gone (404).
"""

from __future__ import annotations

import base64
import json
import math
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from ogc_server.process import OGC_PYTHON

TIMEOUT = 30
JOB_DEADLINE_SECONDS = 120  # give up waiting for a job (a failure, never a measurement)
POLL_PAUSE_SECONDS = 0.05
PROCESSES_REL = "http://www.opengis.net/def/rel/ogc/1.0/processes"
RESULTS_REL = "http://www.opengis.net/def/rel/ogc/1.0/results"
CORE = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core"
JSON = {"Accept": "application/json"}
ASYNC = {"Prefer": "respond-async", **JSON}
GEOTIFF = "image/tiff; application=geotiff"
TIFF_MAGIC = b"II*\x00"
POINTS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [10, 20]},
            "properties": {"name": "a", "n": 1},
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [30, 40]},
            "properties": {"name": "b", "n": 2},
        },
    ],
}


def execute(http: requests.Session, url: str, process: str, body: dict[str, Any], **headers: str) -> requests.Response:
    return http.post(f"{url}/processes/{process}/execution", json=body, headers={**JSON, **headers}, timeout=TIMEOUT)


def start(http: requests.Session, url: str, process: str, inputs: dict[str, Any]) -> str:
    """Execute asynchronously; the job's URL (its Location)."""
    response = execute(http, url, process, {"inputs": inputs}, **ASYNC)
    assert response.status_code == 201, response.text
    assert response.headers["Preference-Applied"] == "respond-async"
    assert response.json() is None
    location = response.headers["Location"]
    assert location.startswith(f"{url}/jobs/")
    return location


def status(http: requests.Session, job_url: str) -> dict[str, Any]:
    response = http.get(job_url, headers=JSON, timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()


def statuses(http: requests.Session, job_url: str, until: set[str]) -> list[dict[str, Any]]:
    """Every status read, polling the real server with a short pause, up to the first in ``until``."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + JOB_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        seen.append(status(http, job_url))
        if seen[-1]["status"] in until:
            return seen
        time.sleep(POLL_PAUSE_SECONDS)
    raise AssertionError(f"the job did not reach {sorted(until)}: {seen[-1]}")


def geotiff_summary(path: Path) -> dict[str, Any]:
    """CRS, type, shape and range of a GeoTIFF's first band, read by rasterio in the pygeoapi venv (the
    core venvs have no GDAL)."""
    script = (
        "import json, sys, rasterio\n"
        "with rasterio.open(sys.argv[1]) as r:\n"
        "    a = r.read(1)\n"
        "    print(json.dumps({'crs': str(r.crs), 'dtype': r.dtypes[0], 'shape': list(a.shape),"
        " 'min': float(a.min()), 'max': float(a.max())}))\n"
    )
    run = subprocess.run([str(OGC_PYTHON), "-c", script, str(path)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_landing_page_links_to_conformance_and_processes(ogc_server: str, http: requests.Session) -> None:
    response = http.get(f"{ogc_server}/", params={"f": "json"}, timeout=TIMEOUT)
    response.raise_for_status()
    links = {(link["rel"], link["type"]): link["href"] for link in response.json()["links"]}
    assert links["conformance", "application/json"] == f"{ogc_server}/conformance"
    assert links[PROCESSES_REL, "application/json"] == f"{ogc_server}/processes"


def test_conformance_declares_processes_core(ogc_server: str, http: requests.Session) -> None:
    response = http.get(f"{ogc_server}/conformance", headers=JSON, timeout=TIMEOUT)
    response.raise_for_status()
    assert CORE in response.json()["conformsTo"]


def test_process_list_has_every_test_process(ogc_server: str, http: requests.Session) -> None:
    response = http.get(f"{ogc_server}/processes", headers=JSON, timeout=TIMEOUT)
    response.raise_for_status()
    processes = {summary["id"]: summary for summary in response.json()["processes"]}
    assert set(processes) == {"hello-world", "buffer", "slope", "slow", "fail", "literals"}
    assert processes["slow"]["jobControlOptions"] == ["sync-execute", "async-execute"]
    self_links = [link["href"] for link in processes["buffer"]["links"] if link["rel"] == "self"]
    assert self_links and all(href.startswith(f"{ogc_server}/processes/buffer") for href in self_links)


def test_buffer_description_has_json_schemas(ogc_server: str, http: requests.Session) -> None:
    response = http.get(f"{ogc_server}/processes/buffer", headers=JSON, timeout=TIMEOUT)
    response.raise_for_status()
    description = response.json()
    inputs = description["inputs"]
    assert inputs["distance"] == {
        "title": "Distance",
        "description": "The buffer distance, in the units of the features' coordinates.",
        "schema": {"type": "number"},
        "minOccurs": 1,
        "maxOccurs": 1,
    }
    assert inputs["segments"]["schema"] == {"type": "integer", "minimum": 1, "default": 8}
    assert inputs["segments"]["minOccurs"] == 0
    assert {"type": "string", "contentMediaType": "application/geo+json"} in inputs["features"]["schema"]["oneOf"]
    assert description["outputs"]["buffered"]["schema"]["contentMediaType"] == "application/geo+json"
    execute_links = [link for link in description["links"] if link["rel"].endswith("/execute")]
    assert [link["href"] for link in execute_links] == [f"{ogc_server}/processes/buffer/execution?f=json"]


def test_literals_description_has_every_kind(ogc_server: str, http: requests.Session) -> None:
    inputs = http.get(f"{ogc_server}/processes/literals", headers=JSON, timeout=TIMEOUT).json()["inputs"]
    assert inputs["ratio"]["schema"] == {"type": "number", "minimum": 0, "maximum": 100}
    assert inputs["colour"]["schema"]["enum"] == ["red", "green", "blue"]
    assert inputs["flag"]["schema"]["type"] == "boolean"
    assert inputs["extent"]["schema"]["format"] == "ogc-bbox"
    assert inputs["weights"]["schema"]["minItems"] == 2
    assert (inputs["tags"]["minOccurs"], inputs["tags"]["maxOccurs"]) == (0, 3)


def test_hello_world_runs_synchronously(ogc_server: str, http: requests.Session) -> None:
    response = execute(http, ogc_server, "hello-world", {"inputs": {"name": "QGIS", "message": "Hi."}})
    assert response.status_code == 200, response.text
    assert response.json() == {"id": "echo", "value": "Hello QGIS! Hi."}


def test_buffer_returns_features_with_their_properties(ogc_server: str, http: requests.Session) -> None:
    response = execute(http, ogc_server, "buffer", {"inputs": {"features": POINTS, "distance": 2, "segments": 1}})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert [feature["properties"] for feature in features] == [{"name": "a", "n": 1}, {"name": "b", "n": 2}]
    # One segment per quarter circle: a square of diagonal 4 around each point.
    assert features[0]["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[12.0, 20.0], [10.0, 18.0], [8.0, 20.0], [10.0, 22.0], [12.0, 20.0]]],
    }


def test_buffer_without_distance_says_so(ogc_server: str, http: requests.Session) -> None:
    response = execute(http, ogc_server, "buffer", {"inputs": {"features": POINTS}})
    assert response.status_code == 400
    assert "The input 'distance' is required" in response.json()["description"]


def test_literals_echo_with_defaults(ogc_server: str, http: requests.Session) -> None:
    inputs = {"ratio": 12.5, "count": 3, "extent": {"bbox": [1, 2, 3, 4]}, "weights": [0.5, 1], "tags": ["a", "b"]}
    response = execute(http, ogc_server, "literals", {"inputs": inputs})
    assert response.status_code == 200, response.text
    assert response.json() == {
        "ratio": 12.5,
        "count": 3,
        "colour": "green",
        "flag": False,
        "extent": {"bbox": [1, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
        "weights": [0.5, 1.0],
        "tags": ["a", "b"],
    }


def test_literal_out_of_range_is_refused(ogc_server: str, http: requests.Session) -> None:
    response = execute(http, ogc_server, "literals", {"inputs": {"ratio": 101, "count": 1}})
    assert response.status_code == 400
    assert "must be from 0 to 100, not 101" in response.json()["description"]


def test_slope_by_value(ogc_server: str, http: requests.Session, tmp_path: Path) -> None:
    dem = http.get(f"{ogc_server}/files/dem.tif", timeout=TIMEOUT)
    dem.raise_for_status()
    assert dem.content.startswith(TIFF_MAGIC)
    body = {"inputs": {"dem": base64.b64encode(dem.content).decode("ascii")}}
    response = execute(http, ogc_server, "slope", body)
    assert response.status_code == 200, response.text
    slope = response.json()["slope"]
    assert (slope["encoding"], slope["mediaType"]) == ("base64", GEOTIFF)
    tiff = tmp_path / "slope.tif"
    tiff.write_bytes(base64.b64decode(slope["value"]))
    # The sample elevation model rises 1 m per 10 m cell eastwards: atan(0.1) everywhere.
    assert geotiff_summary(tiff) == {
        "crs": "EPSG:32633",
        "dtype": "float32",
        "shape": [16, 16],
        "min": pytest.approx(math.degrees(math.atan(0.1)), abs=1e-4),
        "max": pytest.approx(math.degrees(math.atan(0.1)), abs=1e-4),
    }


def test_slope_by_reference_both_ways(ogc_server: str, http: requests.Session) -> None:
    body = {
        "inputs": {"dem": {"href": f"{ogc_server}/files/dem.tif", "type": GEOTIFF}},
        "outputs": {"slope": {"transmissionMode": "reference"}},
    }
    response = execute(http, ogc_server, "slope", body)
    assert response.status_code == 200, response.text
    link = response.json()["slope"]
    assert link["type"] == GEOTIFF
    assert link["href"].startswith(f"{ogc_server}/files/slope-")
    tiff = http.get(link["href"], timeout=TIMEOUT)
    tiff.raise_for_status()
    assert tiff.content.startswith(TIFF_MAGIC)


@pytest.mark.parametrize("prefer", [{}, ASYNC])
def test_slope_as_the_geotiff_itself(ogc_server: str, http: requests.Session, prefer: dict[str, str]) -> None:
    body = {
        "inputs": {"dem": {"href": f"{ogc_server}/files/dem.tif"}},
        "outputs": {"slope": {"format": {"mediaType": GEOTIFF}, "transmissionMode": "value"}},
    }
    response = execute(http, ogc_server, "slope", body, **prefer)
    if prefer:
        assert response.status_code == 201, response.text
        job_url = response.headers["Location"]
        assert statuses(http, job_url, until={"successful", "failed"})[-1]["status"] == "successful"
        response = http.get(f"{job_url}/results", headers=JSON, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == GEOTIFF
    assert response.content.startswith(TIFF_MAGIC)


def test_slope_of_an_unreachable_reference_says_where(ogc_server: str, http: requests.Session) -> None:
    missing = f"{ogc_server}/files/no-such.tif"
    response = execute(http, ogc_server, "slope", {"inputs": {"dem": {"href": missing}}})
    assert response.status_code == 400
    assert f"The elevation model could not be fetched from {missing}" in response.json()["description"]


def test_slow_job_reports_progress_then_results(ogc_server: str, http: requests.Session) -> None:
    job_url = start(http, ogc_server, "slow", {"seconds": 2, "steps": 4})
    seen = statuses(http, job_url, until={"successful", "failed"})
    running = {(s["progress"], s["message"]) for s in seen if s["status"] == "running"}
    assert running <= {(0, "Step 1 of 4"), (25, "Step 2 of 4"), (50, "Step 3 of 4"), (75, "Step 4 of 4")}
    assert any(0 < progress < 100 for progress, _ in running), seen
    final = seen[-1]
    assert (final["status"], final["progress"], final["processID"]) == ("successful", 100, "slow")
    results = [
        link["href"] for link in final["links"] if link["rel"] == RESULTS_REL and link["type"] == "application/json"
    ]
    assert results == [f"{job_url}/results?f=json"]
    response = http.get(results[0], timeout=TIMEOUT)
    response.raise_for_status()
    assert response.json() == {"seconds": 2.0, "steps": 4}


def test_async_buffer_results_keep_their_media_type(ogc_server: str, http: requests.Session) -> None:
    job_url = start(http, ogc_server, "buffer", {"features": POINTS, "distance": 1})
    assert statuses(http, job_url, until={"successful", "failed"})[-1]["status"] == "successful"
    response = http.get(f"{job_url}/results", headers=JSON, timeout=TIMEOUT)
    response.raise_for_status()
    assert response.headers["Content-Type"] == "application/geo+json"
    assert len(response.json()["features"]) == 2


def test_dismissed_job_is_gone(ogc_server: str, http: requests.Session) -> None:
    job_url = start(http, ogc_server, "slow", {"seconds": 60, "steps": 600})
    assert statuses(http, job_url, until={"running", "successful", "failed"})[-1]["status"] == "running"
    response = http.delete(job_url, headers=JSON, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "dismissed"
    assert http.get(job_url, headers=JSON, timeout=TIMEOUT).status_code == 404
    assert http.delete(job_url, headers=JSON, timeout=TIMEOUT).status_code == 404


def test_fail_synchronously_answers_an_exception(ogc_server: str, http: requests.Session) -> None:
    response = execute(http, ogc_server, "fail", {"inputs": {"message": "on purpose"}})
    assert response.status_code == 400
    assert response.json() == {
        "type": "InvalidParameterValue",
        "code": "InvalidParameterValue",
        "description": "Error executing process: The 'fail' process always fails: on purpose.",
    }


def test_fail_asynchronously_ends_failed_with_the_message(ogc_server: str, http: requests.Session) -> None:
    job_url = start(http, ogc_server, "fail", {})
    final = statuses(http, job_url, until={"successful", "failed"})[-1]
    assert final["status"] == "failed"
    assert final["message"] == "InvalidParameterValue: Error executing process: The 'fail' process always fails."
    response = http.get(f"{job_url}/results", headers=JSON, timeout=TIMEOUT)
    assert response.status_code == 400
    assert response.json()["description"] == "job failed"


@pytest.mark.parametrize("process", ["no-such-process"])
def test_unknown_process_is_404(ogc_server: str, http: requests.Session, process: str) -> None:
    response = execute(http, ogc_server, process, {"inputs": {}})
    assert response.status_code == 404
    assert response.json()["type"] == "NoSuchProcess"


def test_process_list_pages_have_no_next_link(ogc_server: str, http: requests.Session) -> None:
    """pygeoapi 0.21 cuts /processes at ``limit`` but links no next page: a client cannot page it."""
    response = http.get(f"{ogc_server}/processes", params={"limit": 2}, headers=JSON, timeout=TIMEOUT)
    response.raise_for_status()
    assert len(response.json()["processes"]) == 2
    assert "next" not in {link["rel"] for link in response.json()["links"]}
