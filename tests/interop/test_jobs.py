"""Asynchronous tasks through arcgis's imported toolboxes and through gp_core.

A job's outputs are compared with those of gp_core's own job for the same call; a job's messages,
failure, cancel and result map with what gp_core reads of the same job, by its id.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import arcgis.layers
import pytest
from arcgis.geoprocessing import RasterData

from remote_gp.gp_core import Job, JobError, Server, submit
from remote_gp.gp_core.mapimage import export_url

from .data import TOWERS
from .esri import assert_same_features, service_url, toolbox, upload

LIFECYCLE = "GP/Lifecycle"
#: arcgis logs a job's messages under this logger, at the level of their type.
JOB_LOGGER = "arcgis.geoprocessing._support"
LEVELS = {0: "INFO", 1: "WARNING", 2: "ERROR"}
FAILURE = "ERROR 999999: Something unexpected caused the tool to fail."  # GP/Lifecycle's "fail" scenario
PNG, TIFF = b"\x89PNG\r\n\x1a\n", b"II*\x00"


def lifecycle(server: Server, session: Any, scenario: str, **inputs: Any) -> Any:
    """arcgis's GPJob (``future=True``) of a GP/Lifecycle run."""
    return toolbox(service_url(server, LIFECYCLE), session).run_scenario(
        scenario=scenario, **inputs, future=True, gis=session
    )


def same_job(server: Server, service: str, task: str, job_id: str) -> Job:
    """gp_core's view of a job arcgis submitted, followed to its end."""
    job = Job(server, server.task(service, task), job_id)
    job.wait()
    return job


def logged(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == JOB_LOGGER]


def test_a_job_s_outputs_are_those_of_gp_core_s_job(server: Server, esri_session: Any) -> None:
    esri = lifecycle(server, esri_session, "succeed", steps=3, progressor="step").result()
    core = submit(
        server, server.task(LIFECYCLE, "RunScenario"), {"scenario": "succeed", "steps": 3, "progressor": "step"}
    )
    assert core.wait() == "esriJobSucceeded"
    assert esri.outcome == core.output("outcome") == "done"
    assert_same_features(esri.features, core.output("features"))


def test_a_job_s_messages_are_logged_as_gp_core_reads_them(
    server: Server, esri_session: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=JOB_LOGGER)
    job = lifecycle(server, esri_session, "progress", steps=2)
    job.result()
    core = same_job(server, LIFECYCLE, "RunScenario", job._jobid)
    assert logged(caplog) == [(LEVELS[m.severity], m.description) for m in core.messages]
    assert [(m["type"], m["description"]) for m in job.messages] == [(m.type, m.description) for m in core.messages]
    assert {"Step 1 of 3", "Step 3 of 3"} <= {m.description for m in core.messages}


def test_a_failed_job_reports_the_server_s_error_as_gp_core_does(
    server: Server, esri_session: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=JOB_LOGGER)
    job = lifecycle(server, esri_session, "fail")
    with pytest.raises(Exception, match="^Job failed: ") as failure:
        job.result()
    core = same_job(server, LIFECYCLE, "RunScenario", job._jobid)
    with pytest.raises(JobError) as error:
        core.check()
    assert FAILURE in error.value.messages and FAILURE in str(failure.value)
    assert [text for level, text in logged(caplog) if level == "ERROR"] == error.value.messages


def test_a_cancelled_job_ends_cancelled_as_gp_core_sees_it(server: Server, esri_session: Any) -> None:
    job = lifecycle(server, esri_session, "endless")
    core = Job(server, server.task(LIFECYCLE, "RunScenario"), job._jobid)
    try:
        core.refresh()  # a job is cancellable once shown executing; this status request shows it so
        assert core.status == "esriJobExecuting"
        assert job.cancel() is True and job.cancelled()
        assert core.wait() == "esriJobCancelled" == job.status
        assert core.messages[-1].description == "Cancelled"
    finally:
        core.cancel()  # should the cancel above have failed, an endless job must not outlive the test


def test_a_buffer_job_s_result_map_draws_as_for_gp_core(
    server: Server, esri_session: Any, local_result_maps: None, tmp_path: Path
) -> None:
    """arcgis quirk: a task with a result map service and one output returns the result map layer alone
    (the output's own value is dropped); gp_core reads the same job and asks the same picture of it."""
    layer = toolbox(service_url(server, "GP/BufferByVal"), esri_session).buffer_points(
        input_features=TOWERS, distance={"distance": 50, "units": "esriMeters"}, gis=esri_session
    )
    assert isinstance(layer, arcgis.layers.MapImageLayer)
    core = same_job(server, "GP/BufferByVal", "BufferPoints", layer.url.rsplit("/", 1)[1])
    assert [sublayer.properties.name for sublayer in layer.layers] == ["Output_Polygons"]
    assert len(core.output("Output_Polygons")) == len(TOWERS["features"])
    url = urlsplit(export_url(core, "Output_Polygons", 300, 200))
    asked = dict(parse_qsl(url.query))
    # arcgis quirk: export_map(f="image") fails (a TypeError) unless it saves to a file
    saved = layer.export_map(
        bbox=asked["bbox"],
        bbox_sr=asked["bboxSR"],
        size=asked["size"],
        dpi=asked["dpi"],
        image_sr=asked["imageSR"],
        image_format=asked["format"],
        layers=asked["layers"],
        transparent=True,
        f="image",
        save_folder=str(tmp_path),
        save_file="esri.png",
    )
    picture = Path(saved).read_bytes()
    assert picture.startswith(PNG)
    assert picture == server.fetch(url._replace(query="").geturl(), asked).content


def test_an_uploaded_dem_s_slope_raster_is_gp_core_s(
    server: Server, esri_session: Any, dem: Path, tmp_path: Path
) -> None:
    url = service_url(server, "SlopeByVal")
    esri = toolbox(url, esri_session).run_slope(
        input_dem=RasterData(item_id=upload(esri_session, url, dem)), gis=esri_session
    )
    job = submit(server, server.task("SlopeByVal", "RunSlope"), {"Input_DEM": dem})  # gp_core uploads it
    assert job.wait() == "esriJobSucceeded"
    core = job.output("Output_Slope")
    assert type(esri) is RasterData and esri.format == core.format == "tif"
    slope = core.download(tmp_path).read_bytes()
    assert slope.startswith(TIFF) and esri_session.get(esri.url).content == slope
