"""gp_core against the reference server over real HTTP: discovery, execute, jobs, uploads, maps."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
import shapely
from osgeo import gdal

from remote_gp.gp_core import (
    ConnectionFailed,
    FeatureSet,
    JobError,
    Options,
    ParameterError,
    PollPolicy,
    RasterFile,
    RetryPolicy,
    Server,
    SpatialReference,
    execute,
    submit,
)
from remote_gp.gp_core.mapimage import export_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

FAST = PollPolicy(first=0.01, factor=1.5, longest=0.1, tick=0.01)
FIVE_US_FEET = 5 * 1200 / 3937


@pytest.fixture(scope="module")
def buffer_task(server):
    return server.task("GP/BufferByVal", "BufferPoints")


def towers(task) -> FeatureSet:
    features = FeatureSet.from_json(task.parameter("Input_Features").default_value).empty_copy()
    for name, x, y in demo_data.TOWERS[:3]:
        features.add(shapely.Point(x, y), {"Name": name})
    return features


def test_the_catalog_and_its_folder_list_every_service(server):
    root = server.catalog()
    assert root.folders == ["GP", "Hosted", "Secure"] and root.gp_services == ["SlopeByVal"]
    assert set(server.catalog("GP").gp_services) == {
        "GP/BufferByVal",
        "GP/CopyFeatures",
        "GP/CopyFeaturesAsync",
        "GP/DataTypes",
        "GP/Lifecycle",
        "GP/SummarizeSync",
    }


def test_a_server_given_by_its_rest_folder_is_read(gp_server):
    """Issue 12: `https://host/arcgis/rest`, as users copy it, asked for `.../rest/rest/services` (404)."""
    assert Server(f"{gp_server}/rest").catalog().gp_services == ["SlopeByVal"]


def test_a_service_and_its_task_are_described(server, buffer_task):
    service = buffer_task.service
    assert service.tasks == ["BufferPoints"] and not service.is_synchronous
    assert service.map_server_url.endswith("/GP/BufferByVal/MapServer")
    assert [p.name for p in buffer_task.inputs] == ["Input_Features", "Distance"]
    assert buffer_task.parameter("Distance").data_type.name == "GPLinearUnit"


def test_a_synchronous_task_runs_through_execute(server):
    task = server.task("GP/SummarizeSync", "Summarize")
    squares = FeatureSet.from_json(task.parameter("Input_Features").default_value).empty_copy()
    for corner in (0, 100):
        squares.add(shapely.box(500_000 + corner, 4_980_000, 500_010 + corner, 4_980_010), {"Name": "sq"})
    result = execute(server, task, {"Input_Features": squares, "Label": "detail", "Scale": 2})
    assert result.output("Feature_Count") == 2
    assert result.output("Total_Area") == pytest.approx(400.0)
    assert "label=detail" in result.output("Summary")
    hull = result.output("Hull")
    assert len(hull) == 1 and hull.geometries[0].area == pytest.approx(10 * 110)
    no_hull = execute(server, task, {"Input_Features": squares, "Include_Hull": False})
    assert len(no_hull.output("Hull")) == 0


def test_a_job_is_followed_through_every_state_with_each_message_once(server, buffer_task):
    job = submit(server, buffer_task, {"Input_Features": towers(buffer_task), "Distance": "5 feet"})
    seen, delivered = [job.status], []
    job.wait(on_update=lambda j, new: (seen.append(j.status), delivered.extend(new)), policy=FAST)
    assert [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]] == [
        "esriJobSubmitted",
        "esriJobExecuting",
        "esriJobSucceeded",
    ]
    assert delivered == job.messages and len(set(delivered)) == len(delivered)
    assert any("Succeeded" in m.description for m in delivered)
    polygons = job.output("Output_Polygons")
    assert polygons.spatial_reference.epsg == 26915
    assert [a["Name"] for a in polygons.attributes] == ["Tower 1", "Tower 2", "Tower 3"]
    for polygon in polygons.geometries:
        assert polygon.area == pytest.approx(math.pi * FIVE_US_FEET**2, rel=0.01)


def test_outputs_come_in_the_spatial_reference_asked_for(server, buffer_task):
    job = submit(
        server, buffer_task, {"Input_Features": towers(buffer_task), "Distance": "5 feet"}, Options(out_sr=4326)
    )
    job.wait(policy=FAST)
    polygons = job.output("Output_Polygons")
    assert polygons.spatial_reference.epsg == 4326
    centre = polygons.geometries[0].centroid
    assert -94 < centre.x < -92 and 44 < centre.y < 46  # UTM 15N around 500 km E, 4980 km N


def test_a_failed_job_raises_with_the_servers_error_messages(server, buffer_task):
    job = submit(server, buffer_task, {"Input_Features": towers(buffer_task), "Distance": "-5 feet"})
    assert job.wait(policy=FAST) == "esriJobFailed"
    with pytest.raises(JobError) as caught:
        job.output("Output_Polygons")
    assert "Failed" in str(caught.value) and "000854" in str(caught.value)


def test_a_feature_class_filter_is_checked_before_sending(server, buffer_task):
    lines = FeatureSet("esriGeometryPolyline", SpatialReference(wkid=26915))
    lines.add(shapely.LineString([(500_000, 4_980_000), (500_100, 4_980_000)]))
    with pytest.raises(ParameterError, match="Input_Features': takes points, not polylines"):
        submit(server, buffer_task, {"Input_Features": lines, "Distance": "5 feet"})


def test_cancel_is_retried_while_the_job_is_queued_and_reaches_the_server(server, buffer_task):
    job = submit(server, buffer_task, {"Input_Features": towers(buffer_task), "Distance": "5 feet"})
    assert job.status == "esriJobSubmitted"
    assert job.cancel() is False  # a queued job cannot be cancelled yet: the server says so
    assert job.wait(cancelled=lambda: True, policy=FAST) == "esriJobCancelled"
    with pytest.raises(JobError, match="Cancelled"):
        job.output("Output_Polygons")


def test_a_local_dem_is_uploaded_and_its_slope_downloaded(server, tmp_path):
    dem = demo_data.make_dem(tmp_path / "dem.tif")
    task = server.task("SlopeByVal", "RunSlope")
    job = submit(server, task, {"Input_DEM": str(dem)})
    job.wait(policy=FAST)
    slope = job.output("Output_Slope")
    assert isinstance(slope, RasterFile) and slope.format == "tif"
    saved = slope.download(tmp_path)
    assert saved.parent == tmp_path
    dataset = gdal.Open(str(saved))
    values = dataset.GetRasterBand(1).ReadAsArray()
    assert values[25, 30] == pytest.approx(demo_data.expected_slope(25, 30), abs=1e-3)
    # A result can feed another task as it is: the server reads it from its URL.
    again = submit(server, task, {"Input_DEM": slope})
    assert again.wait(policy=FAST) == "esriJobSucceeded"


def test_the_result_map_service_draws_an_output(server, buffer_task):
    job = submit(server, buffer_task, {"Input_Features": towers(buffer_task), "Distance": "5 feet"})
    job.wait(policy=FAST)
    answer = server.fetch(export_url(job, "Output_Polygons", 320, 200))
    assert answer.content_type == "image/png"
    gdal.FileFromMemBuffer("/vsimem/map.png", answer.content)
    try:
        image = gdal.Open("/vsimem/map.png")
        assert (image.GetDriver().ShortName, image.RasterXSize, image.RasterYSize) == ("PNG", 320, 200)
    finally:
        gdal.Unlink("/vsimem/map.png")


@pytest.mark.parametrize(
    "inputs, message",
    [
        ({"Distance": "5 feet"}, "Input_Features': a value is required"),
        ({"Input_Features": {"features": []}, "Distance": "5 furlongs"}, "'furlongs' is not a linear unit"),
        ({"Distance": "5 feet", "Radius": 3}, "has no such input"),
        ({"Output_Polygons": 3}, "is an output"),
        ({"Input_Features": "/nowhere/roads.shp", "Distance": "5 feet"}, "/nowhere/roads.shp"),
    ],
)
def test_bad_inputs_are_refused_before_anything_is_sent(server, buffer_task, inputs, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(")):
        submit(server, buffer_task, inputs)


def test_an_unreachable_server_is_a_clear_connection_error_after_a_few_tries():
    waits: list[float] = []
    with pytest.raises(ConnectionFailed, match=r"Could not reach http://127.0.0.1:9/arcgis") as caught:
        Server("http://127.0.0.1:9/arcgis", retry=RetryPolicy(sleep=waits.append)).catalog()
    assert not caught.value.reached
    assert sum(waits) > 0  # tried again after waiting


def test_a_local_raster_for_a_service_without_uploads_asks_for_a_url(server, tmp_path):
    task = server.task("SlopeByVal", "RunSlope")
    task.service.capabilities = ""  # as if the service had been published without uploads
    dem = demo_data.make_dem(tmp_path / "dem.tif")
    with pytest.raises(ParameterError, match="does not accept uploads: give a URL"):
        submit(server, task, {"Input_DEM": str(dem)})


def zm_lines() -> FeatureSet:
    features = FeatureSet("esriGeometryPolyline", SpatialReference(wkid=26915), has_z=True, has_m=True)
    features.add(shapely.LineString([(480000.5, 4980000.25, 1.5), (480100, 4980100, -2)]), measures=[0.125, 7])
    features.add(shapely.MultiLineString([[(0, 0, 0), (1, 1, 1)], [(2, 2, 2), (3, 3, 3)]]), measures=[1, 2, 3, 4])
    return features


def test_returned_features_keep_their_z_and_m_values(server):
    copy = server.task("GP/CopyFeatures", "CopyFeatures")
    back = execute(server, copy, {"Input_Features": zm_lines()}).output("Output_Features")
    assert back.has_z and back.has_m
    assert [shapely.get_coordinates(g, include_z=True).tolist() for g in back.geometries] == [
        shapely.get_coordinates(g, include_z=True).tolist() for g in zm_lines().geometries
    ]
    assert [m.tolist() for m in back.measures] == [[0.125, 7], [1, 2, 3, 4]]


def test_z_and_m_can_be_left_out_as_arcgis_does_by_default(server):
    copy = server.task("GP/CopyFeatures", "CopyFeatures")
    flat = execute(server, copy, {"Input_Features": zm_lines()}, Options(return_z=False, return_m=False))
    back = flat.output("Output_Features")
    assert not back.has_z and not back.has_m and not any(shapely.has_z(back.geometries))
