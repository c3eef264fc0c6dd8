"""gp_core's OGC API - Processes client against the real pygeoapi server (tests/ogc_server)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import shapely

from remote_gp.gp_core import Extent, FeatureSet, ParameterError, ServerError, SpatialReference
from remote_gp.gp_core.errors import JobError, JobNotFound, UnknownParameter
from remote_gp.gp_core.job import PollPolicy
from remote_gp.gp_core.ogc_job import OgcJob
from remote_gp.gp_core.ogc_model import Kind, Process
from remote_gp.gp_core.ogc_server import CORE, OgcResults, OgcServer
from remote_gp.gp_core.ogc_values import OgcLink
from remote_gp.gp_core.transport import HttpResponse, RequestsTransport

#: Status requests close together, so that a few-second job is seen running.
QUICK = PollPolicy(first=0.1, longest=0.2)
PROCESSES = {"hello-world", "buffer", "slope", "slow", "fail", "literals"}


class CountingTransport(RequestsTransport):
    """The requests transport, recording each request's method and URL."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str]] = []

    def request(self, method: str, url: str, **options: Any) -> HttpResponse:
        self.sent.append((method, url))
        return super().request(method, url, **options)


@pytest.fixture(scope="module")
def ogc(ogc_server: str) -> OgcServer:
    return OgcServer(ogc_server)


def test_discovery_lists_every_process_and_checks_core_conformance(ogc: OgcServer, ogc_server: str) -> None:
    assert CORE in ogc.conformance()
    assert ogc.processes_url == f"{ogc_server}/processes"
    listed = {process.id: process for process in ogc.processes()}
    assert PROCESSES <= set(listed)
    assert listed["slow"].runs_async and listed["slow"].runs_sync
    assert listed["buffer"].title == "Buffer features"
    assert not listed["buffer"].inputs  # a summary: the description has them


def test_the_processes_url_is_taken_for_the_server(ogc_server: str) -> None:
    server = OgcServer(f"{ogc_server}/processes/")
    assert server.url == ogc_server
    assert server.process("hello-world").inputs["name"].is_required


def test_literal_inputs_are_classified_by_their_schema(ogc: OgcServer) -> None:
    literals = ogc.process("literals")
    kinds = {name: described.value.kind for name, described in literals.inputs.items()}
    assert kinds == {
        "ratio": Kind.NUMBER,
        "count": Kind.INTEGER,
        "colour": Kind.ENUM,
        "flag": Kind.BOOLEAN,
        "when": Kind.STRING,
        "extent": Kind.BBOX,
        "weights": Kind.ARRAY,
        "tags": Kind.STRING,
    }
    ratio, colour, weights, tags = (literals.inputs[name] for name in ("ratio", "colour", "weights", "tags"))
    assert (ratio.value.minimum, ratio.value.maximum, ratio.is_required) == (0, 100, True)
    assert colour.value.values and "green" in colour.value.values and colour.value.default == "green"
    assert not colour.is_required
    assert weights.value.items is not None and weights.value.items.kind == Kind.NUMBER
    assert (weights.value.min_items, weights.value.max_items) == (2, 5)
    assert (tags.min_occurs, tags.max_occurs) == (0, 3)
    assert literals.inputs["when"].value.format == "date-time"
    assert literals.outputs["echo"].value.kind == Kind.COMPLEX


def test_complex_inputs_are_classified_by_their_schema(ogc: OgcServer) -> None:
    buffer = ogc.process("buffer")
    assert buffer.inputs["features"].value.kind == Kind.FEATURES
    assert "application/geo+json" in buffer.inputs["features"].media_types
    slope = ogc.process("slope")
    # pygeoapi 0.21 may drop the media type of a schema it shows twice: then the file's encoding tells.
    assert slope.inputs["dem"].value.kind in (Kind.RASTER, Kind.COMPLEX)
    assert not slope.inputs["dem"].value.is_literal


def test_literals_go_with_their_schema_types(ogc: OgcServer) -> None:
    outcome = ogc.execute(
        "literals",
        {
            "ratio": "12.5",  # text typed in a form: sent as a number
            "count": 3.0,
            "colour": "blue",
            "flag": "true",
            "when": "2026-12-07T12:00:00Z",
            "extent": Extent(1.0, 2.0, 3.0, 4.0, SpatialReference(wkid=4326)),
            "weights": [1, 2.5],
            "tags": ["a", "b"],
        },
    )
    assert isinstance(outcome, OgcResults)
    echo = outcome.output("echo")
    assert echo == {
        "ratio": 12.5,
        "count": 3,
        "colour": "blue",
        "flag": True,
        "when": "2026-12-07T12:00:00Z",
        "extent": {"bbox": [1.0, 2.0, 3.0, 4.0], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
        "weights": [1.0, 2.5],
        "tags": ["a", "b"],
    }


@pytest.mark.parametrize(
    ("inputs", "named", "words"),
    [
        ({"ratio": 101, "count": 1}, "ratio", "at most 100"),
        ({"ratio": -1, "count": 1}, "ratio", "at least 0"),
        ({"ratio": True, "count": 1}, "ratio", "expected a number"),
        ({"ratio": 1, "count": 1.5}, "count", "whole number"),
        ({"ratio": 1, "count": 1, "colour": "purple"}, "colour", "not allowed"),
        ({"ratio": 1, "count": 1, "flag": "maybe"}, "flag", "true or false"),
        ({"ratio": 1, "count": 1, "weights": [1]}, "weights", "at least 2 items"),
        ({"ratio": 1, "count": 1, "weights": [1, 2, 3, 4, 5, 6]}, "weights", "at most 5 items"),
        ({"ratio": 1, "count": 1, "weights": [1, "x"]}, "weights[1]", "expected a number"),
        ({"ratio": 1, "count": 1, "tags": ["a", "b", "c", "d"]}, "tags", "at most 3 values"),
        ({"ratio": 1, "count": 1, "extent": [0, 0, 1]}, "extent", "4 or 6 numbers"),
        ({"ratio": 1, "count": 1, "extent": [2, 0, 1, 1]}, "extent", "minimum above its maximum"),
        ({"count": 1}, "ratio", "a value is required"),
    ],
)
def test_a_wrong_input_is_a_parameter_error_before_any_request(
    ogc_server: str, inputs: dict[str, Any], named: str, words: str
) -> None:
    transport = CountingTransport()
    server = OgcServer(ogc_server, transport=transport)
    literals = server.process("literals")
    before = list(transport.sent)
    with pytest.raises(ParameterError) as caught:
        server.execute(literals, inputs)
    assert caught.value.parameter == named and words in str(caught.value)
    assert transport.sent == before  # nothing was sent


def test_an_unknown_input_is_named(ogc: OgcServer) -> None:
    with pytest.raises(UnknownParameter, match="no input 'radius'.*features, distance, segments"):
        ogc.execute("buffer", {"radius": 1})


def _points() -> FeatureSet:
    schema = FeatureSet.from_json(
        {
            "geometryType": "esriGeometryPoint",
            "spatialReference": {"wkid": 4326},
            "fields": [{"name": "name", "type": "esriFieldTypeString"}],
            "features": [
                {"geometry": {"x": 0, "y": 0}, "attributes": {"name": "a"}},
                {"geometry": {"x": 10, "y": 5}, "attributes": {"name": "b"}},
            ],
        }
    )
    return schema


def test_sync_buffer_sends_and_returns_features(ogc: OgcServer) -> None:
    outcome = ogc.execute("buffer", {"features": _points(), "distance": 2.0, "segments": 16}, asynchronous=False)
    assert isinstance(outcome, OgcResults)
    buffered = outcome.output("buffered")
    assert isinstance(buffered, FeatureSet)
    assert [row["name"] for row in buffered.attributes] == ["a", "b"]
    circle = math.pi * 2.0**2
    for geometry, centre in zip(buffered.geometries, [(0, 0), (10, 5)]):
        assert geometry.geom_type == "Polygon"
        assert geometry.area == pytest.approx(circle, rel=0.01)  # really buffered by 2
        assert shapely.Point(centre).distance(geometry.centroid) < 1e-9


def test_buffer_output_written_to_a_file(ogc: OgcServer, tmp_path: Path) -> None:
    outcome = ogc.execute("buffer", {"features": _points(), "distance": 1})
    assert isinstance(outcome, OgcResults)
    written = outcome.output("buffered", tmp_path / "buffers.geojson")
    assert written == tmp_path / "buffers.geojson" and written.is_file()
    assert not [path for path in tmp_path.iterdir() if path.suffix == ".part"]


def test_hello_world(ogc: OgcServer) -> None:
    outcome = ogc.execute("hello-world", {"name": "QGIS", "message": "hi"})
    assert isinstance(outcome, OgcResults)
    assert "QGIS" in outcome.output()


def test_async_slow_job_reports_progress_and_its_results(ogc: OgcServer) -> None:
    job = ogc.execute("slow", {"seconds": 3, "steps": 6}, asynchronous=True)
    assert isinstance(job, OgcJob)
    assert job.url.startswith(ogc.jobs_url + "/")
    seen: list[tuple[str, float | None]] = []
    messages: list[str] = []

    def update(job: OgcJob, new: list[Any]) -> None:
        seen.append((job.status, job.progress))
        messages.extend(message.description for message in new)

    assert job.wait(on_update=update, policy=QUICK) == "successful"
    running = [progress for status, progress in seen if status == "running"]
    assert running and any(progress is not None and 0 < progress < 100 for progress in running)
    assert any(text.startswith("Step ") for text in messages)
    assert job.created and job.finished
    assert job.results().output("slept") == {"seconds": 3, "steps": 6}


def test_run_waits_for_a_job(ogc: OgcServer) -> None:
    results = ogc.run("slow", {"seconds": 0, "steps": 1}, asynchronous=True, policy=QUICK)
    assert results.output() == {"seconds": 0, "steps": 1}


def test_a_cancelled_wait_dismisses_the_job(ogc: OgcServer) -> None:
    job = ogc.execute("slow", {"seconds": 120, "steps": 120}, asynchronous=True)
    assert isinstance(job, OgcJob)
    status = job.wait(cancelled=lambda: job.status == "running", policy=QUICK)
    assert status == job.status == "dismissed"
    with pytest.raises(JobNotFound, match=f"job {job.id} of process 'slow'"):
        job.refresh()  # pygeoapi forgets a dismissed job
    with pytest.raises(JobError):
        job.results()


def test_a_job_followed_again_by_its_id(ogc: OgcServer) -> None:
    job = ogc.execute("slow", {"seconds": 0, "steps": 1}, asynchronous=True)
    assert isinstance(job, OgcJob)
    again = ogc.job(job.id)
    assert again.wait(policy=QUICK) == "successful"
    with pytest.raises(JobNotFound):
        ogc.job("no-such-job")


def test_a_failing_process_raises_the_servers_words(ogc: OgcServer) -> None:
    with pytest.raises(ServerError) as caught:
        ogc.execute("fail", {"message": "disk full"}, asynchronous=False)
    assert caught.value.code == 400 and "always fails" in str(caught.value) and "disk full" in str(caught.value)
    assert "running process 'fail'" in str(caught.value)


def test_a_failed_job_is_a_job_error_with_its_message(ogc: OgcServer) -> None:
    job = ogc.execute("fail", {"message": "disk full"}, asynchronous=True)
    assert isinstance(job, OgcJob)
    assert job.wait(policy=QUICK) == "failed"
    with pytest.raises(JobError, match="ended as failed.*disk full"):
        job.results()


def test_an_unknown_process_is_a_server_error(ogc: OgcServer) -> None:
    with pytest.raises(ServerError) as caught:
        ogc.process("no-such-process")
    assert caught.value.code == 404 and "no-such-process" in str(caught.value)


def _dem(path: Path) -> Path:
    """A GeoTIFF elevation model: an inclined plane rising 1 m per 10 m cell eastwards (5.71 degrees)."""
    from osgeo import gdal, osr

    size = 12
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), size, size, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((500000.0, 10.0, 0.0, 4650000.0, 0.0, -10.0))
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(32633)
    dataset.SetProjection(reference.ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.WriteRaster(0, 0, size, size, b"".join(float_row(size) for _ in range(size)))
    dataset = None
    return path


def float_row(size: int) -> bytes:
    import struct

    return struct.pack(f"<{size}f", *[100.0 + column for column in range(size)])


def _check_slope(path: Path) -> None:
    from osgeo import gdal

    dataset = gdal.Open(str(path))
    assert dataset is not None and dataset.GetDriver().ShortName == "GTiff"
    assert dataset.GetGeoTransform()[1] == 10.0
    assert "32633" in dataset.GetProjection()
    data = dataset.GetRasterBand(1).ReadAsArray()
    assert data[3:-3, 3:-3].min() == pytest.approx(math.degrees(math.atan(0.1)), abs=0.01)
    assert data[3:-3, 3:-3].max() == pytest.approx(math.degrees(math.atan(0.1)), abs=0.01)


@pytest.mark.parametrize("asynchronous", [False, True])
@pytest.mark.parametrize("outputs", [None, ["slope"]], ids=["JSON document", "raw GeoTIFF"])
def test_slope_by_value_both_ways(
    ogc: OgcServer, tmp_path: Path, outputs: list[str] | None, asynchronous: bool
) -> None:
    dem = _dem(tmp_path / "dem.tif")
    if outputs is None:
        outcome = ogc.execute("slope", {"dem": dem}, asynchronous=asynchronous)
        if isinstance(outcome, OgcJob):
            outcome.wait(policy=QUICK)
            outcome = outcome.results()
    else:  # the output's media type asked for: the server answers the GeoTIFF itself
        outcome = ogc.run("slope", {"dem": dem}, outputs, asynchronous=asynchronous, policy=QUICK)
        assert outcome.raw is not None and outcome.raw[1].startswith("image/tiff")
    assert isinstance(outcome, OgcResults)
    written = outcome.output("slope", tmp_path / "out" / "slope.tif")
    assert written == tmp_path / "out" / "slope.tif"
    _check_slope(written)
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["slope.tif"]  # nothing partial beside it


def test_slope_by_reference_both_ways(ogc: OgcServer, ogc_server: str, tmp_path: Path) -> None:
    job = ogc.execute(
        "slope", {"dem": f"{ogc_server}/files/dem.tif"}, outputs={"slope": "reference"}, asynchronous=True
    )
    assert isinstance(job, OgcJob)
    job.wait(policy=QUICK)
    results = job.results()
    link = results.output("slope")
    assert isinstance(link, OgcLink) and link.href.startswith(ogc_server + "/files/")
    written = results.output("slope", tmp_path / "slope.tif")
    _check_slope(written)


def test_a_file_that_is_not_a_tiff_is_refused_before_sending(ogc: OgcServer, tmp_path: Path) -> None:
    text = tmp_path / "dem.tif"
    text.write_text("not a raster")
    slope = ogc.process("slope")
    if slope.inputs["dem"].value.kind == Kind.RASTER:
        with pytest.raises(ParameterError, match="not a GeoTIFF"):
            ogc.execute(slope, {"dem": text})
    with pytest.raises(ParameterError, match="cannot read"):
        ogc.execute(slope, {"dem": tmp_path / "missing.tif"})


def test_a_description_kept_is_rebuilt_without_the_server(ogc: OgcServer) -> None:
    buffer = ogc.process("buffer")
    kept = json.loads(json.dumps(buffer.raw))  # as a cache stores it
    assert Process.from_json(kept, "the cache", buffer.url) == buffer
