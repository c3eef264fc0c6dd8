"""The reference GP server (tests/gp_server), checked over real HTTP with plain requests.

No sleeps: job states advance at most one step per status request (see gp_server.jobs), and a job
shows its last running state until its run has ended, which a test awaits (gp_server.hooks.await_run)
before its next status request, rather than polling without end.
"""

from __future__ import annotations

import json
import math
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import requests
from osgeo import gdal, osr

from gp_server.hooks import await_run

gdal.UseExceptions()
osr.UseExceptions()

UTM15 = {"wkid": 26915, "latestWkid": 26915}
US_FOOT = 1200 / 3937
SUBMITTED, EXECUTING, SUCCEEDED = "esriJobSubmitted", "esriJobExecuting", "esriJobSucceeded"
FAILED, CANCELLING, CANCELLED = "esriJobFailed", "esriJobCancelling", "esriJobCancelled"
FINAL = {SUCCEEDED, FAILED, CANCELLED}
MAX_POLLS = 10
POINTS_UTM = [(480000.0, 4980000.0), (480100.0, 4980050.0), (480300.0, 4979900.0)]


# --- fixtures and helpers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def root(gp_server: str) -> str:
    """The server process of the session (conftest's ``gp_server``, started by ``running_server``)."""
    return gp_server


@pytest.fixture(scope="module")
def buffer_task(root: str) -> str:
    return f"{root}/rest/services/GP/BufferByVal/GPServer/BufferPoints"


@pytest.fixture(scope="module")
def slope_service(root: str) -> str:
    return f"{root}/rest/services/SlopeByVal/GPServer"


@pytest.fixture(scope="module")
def summarize_task(root: str) -> str:
    return f"{root}/rest/services/GP/SummarizeSync/GPServer/Summarize"


def get(http: requests.Session, url: str, **params: Any) -> dict[str, Any]:
    answer = http.get(url, params={"f": "json", **params})
    assert answer.status_code == 200
    return answer.json()


def post(http: requests.Session, url: str, **form: Any) -> dict[str, Any]:
    answer = http.post(url, data={"f": "json", **form})
    assert answer.status_code == 200
    return answer.json()


def feature_set(coords: list[tuple[float, float]], sr: dict[str, Any] = UTM15) -> str:
    features = [
        {"geometry": {"x": x, "y": y}, "attributes": {"OBJECTID": 10 + n, "Name": f"p{n}"}}
        for n, (x, y) in enumerate(coords)
    ]
    return json.dumps(
        {
            "geometryType": "esriGeometryPoint",
            "spatialReference": sr,
            "fields": [
                {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"},
                {"name": "Name", "type": "esriFieldTypeString", "alias": "Name"},
            ],
            "features": features,
        }
    )


FIVE_FEET = json.dumps({"distance": 5, "units": "esriFeet"})


def submit(http: requests.Session, task_url: str, **params: Any) -> str:
    answer = post(http, f"{task_url}/submitJob", **params)
    assert answer["jobStatus"] == SUBMITTED
    assert answer["jobId"].startswith("j") and len(answer["jobId"]) == 33
    return f"{task_url}/jobs/{answer['jobId']}"


def poll(http: requests.Session, job_url: str, **params: Any) -> list[str]:
    """The states shown by successive status requests, up to a final one; after an Executing or
    Cancelling answer (these jobs' last running states), the next request comes once the run has ended."""
    states: list[str] = []
    for _ in range(MAX_POLLS):
        states.append(get(http, job_url, **params)["jobStatus"])
        if states[-1] in FINAL:
            return states
        if states[-1] in (EXECUTING, CANCELLING):
            await_run(job_url)
    raise AssertionError(f"no final state after {MAX_POLLS} polls: {states[-5:]}")


def distinct(states: list[str]) -> list[str]:
    return [s for n, s in enumerate(states) if n == 0 or states[n - 1] != s]


def run_job(http: requests.Session, task_url: str, **params: Any) -> tuple[str, dict[str, Any]]:
    """Submit, poll to the end; the job URL and its final description with messages."""
    job_url = submit(http, task_url, **params)
    assert distinct(poll(http, job_url))[0] == EXECUTING
    return job_url, get(http, job_url)


def errors_of(job: dict[str, Any]) -> list[str]:
    return [m["description"] for m in job["messages"] if m["type"] == "esriJobMessageTypeError"]


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area: negative for a clockwise ring (y up). Shifted to its first vertex for precision."""
    points = np.asarray(ring) - ring[0]
    x, y = points[:, 0], points[:, 1]
    return float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]) / 2)


def read_image(content: bytes, name: str) -> np.ndarray:
    """The pixels of an encoded image, shaped (bands, rows, columns)."""
    path = f"/vsimem/test_gp_server_{uuid.uuid4().hex}_{name}"
    gdal.FileFromMemBuffer(path, content)
    try:
        dataset = gdal.Open(path)
        pixels = dataset.ReadAsArray()
        return pixels.reshape((dataset.RasterCount, dataset.RasterYSize, dataset.RasterXSize))
    finally:
        dataset = None
        gdal.Unlink(path)


def read_band(path: Path) -> np.ndarray:
    dataset = gdal.Open(str(path))
    return dataset.GetRasterBand(1).ReadAsArray()


def make_dem(path: Path, epsg: int | None, cell: float, rows: int = 12, cols: int = 15) -> Path:
    """z = 0.001 x² + 0.002 y², x and y the cell centres' distances east and north of the origin."""
    x = (np.arange(cols) + 0.5) * cell
    y = -(np.arange(rows) + 0.5) * cell
    xx, yy = np.meshgrid(x, y)
    origin = (500000.0, 4400000.0) if epsg != 4326 else (-93.0, 45.0)
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), cols, rows, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((origin[0], cell, 0.0, origin[1], 0.0, -cell))
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(0.001 * xx**2 + 0.002 * yy**2)
    dataset = None
    return path


def upload(http: requests.Session, service_url: str, path: Path) -> dict[str, Any]:
    answer = http.post(
        f"{service_url}/uploads/upload",
        data={"f": "json", "description": "test DEM"},
        files={"file": (path.name, path.read_bytes(), "image/tiff")},
    )
    assert answer.status_code == 200
    return answer.json()


# --- the process ---------------------------------------------------------------------------------


def test_running_server_reports_a_server_that_cannot_start(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from gp_server import process

    monkeypatch.setattr(process, "TESTS_DIR", tmp_path)  # where there is no gp_server package to run
    with pytest.raises(RuntimeError, match="No module named gp_server"):
        with process.running_server():
            pass


# --- catalog --------------------------------------------------------------------------------------


def test_info_and_catalog(http: requests.Session, root: str) -> None:
    assert get(http, f"{root}/rest/info") == {
        "currentVersion": 11.1,
        "fullVersion": "11.1.0",
        "authInfo": {
            "isTokenBasedSecurity": True,
            "tokenServicesUrl": f"{root}/tokens/",
            "shortLivedTokenValidity": 60,
        },
    }
    assert get(http, f"{root}/rest/services") == {
        "currentVersion": 11.1,
        "folders": ["GP", "Hosted", "Secure"],
        "services": [{"name": "SlopeByVal", "type": "GPServer"}],
    }
    folder = get(http, f"{root}/rest/services/GP")
    assert folder["folders"] == []
    assert folder["services"] == [
        {"name": "GP/BufferByVal", "type": "GPServer"},
        {"name": "GP/BufferByVal", "type": "MapServer"},
        {"name": "GP/CopyFeatures", "type": "GPServer"},
        {"name": "GP/CopyFeaturesAsync", "type": "GPServer"},
        {"name": "GP/CopyFeaturesAsync", "type": "MapServer"},
        {"name": "GP/DataTypes", "type": "GPServer"},
        {"name": "GP/Lifecycle", "type": "GPServer"},
        {"name": "GP/SummarizeSync", "type": "GPServer"},
    ]
    assert get(http, f"{root}/rest/services/Hosted")["services"] == [{"name": "Hosted/Towers", "type": "FeatureServer"}]


def test_service_resources(http: requests.Session, root: str) -> None:
    buffer = get(http, f"{root}/rest/services/GP/BufferByVal/GPServer")
    slope = get(http, f"{root}/rest/services/SlopeByVal/GPServer")
    summarize = get(http, f"{root}/rest/services/GP/SummarizeSync/GPServer")
    for service in (buffer, slope, summarize):
        assert set(service) >= {
            "currentVersion",
            "serviceDescription",
            "tasks",
            "executionType",
            "resultMapServerName",
            "maximumRecords",
            "capabilities",
        }
        assert service["maximumRecords"] == 1000
    assert (buffer["tasks"], buffer["executionType"]) == (["BufferPoints"], "esriExecutionTypeAsynchronous")
    assert (buffer["resultMapServerName"], buffer["capabilities"]) == ("BufferByVal", "")
    assert (slope["resultMapServerName"], slope["capabilities"]) == ("", "Uploads")
    assert summarize["executionType"] == "esriExecutionTypeSynchronous"
    assert summarize["resultMapServerName"] == ""


def test_task_resources(http: requests.Session, buffer_task: str, summarize_task: str) -> None:
    buffer = get(http, buffer_task)
    summarize = get(http, summarize_task)
    for task in (buffer, summarize):
        assert set(task) >= {"name", "displayName", "description", "category", "helpUrl", "executionType", "parameters"}
        for param in task["parameters"]:
            assert set(param) >= {
                "name",
                "dataType",
                "displayName",
                "description",
                "direction",
                "defaultValue",
                "parameterType",
                "category",
            }
    features, distance, output = buffer["parameters"]
    assert features["filter"] == {"type": "featureClass", "list": ["esriGeometryPoint"]}
    assert features["defaultValue"] == {
        "displayFieldName": "",
        "geometryType": "esriGeometryPoint",
        "spatialReference": UTM15,
        "fields": [
            {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"},
            {"name": "Name", "type": "esriFieldTypeString", "alias": "Name", "length": 50},
        ],
        "features": [],
        "exceededTransferLimit": False,
    }
    assert (distance["dataType"], distance["defaultValue"]) == (
        "GPLinearUnit",
        {"distance": 100, "units": "esriMeters"},
    )
    assert (output["direction"], output["parameterType"]) == (
        "esriGPParameterDirectionOutput",
        "esriGPParameterTypeDerived",
    )
    assert [f["name"] for f in output["defaultValue"]["fields"]] == [
        "OBJECTID",
        "Name",
        "BUFF_DIST",
        "ORIG_FID",
        "Shape_Length",
        "Shape_Area",
    ]
    label = next(p for p in summarize["parameters"] if p["name"] == "Label")
    assert (label["choiceList"], label["defaultValue"]) == (["summary", "detail"], "summary")
    assert [p["name"] for p in summarize["parameters"] if p["direction"].endswith("Output")] == [
        "Feature_Count",
        "Total_Area",
        "Summary",
        "Hull",
    ]


def test_formats_and_unknown_resources(http: requests.Session, root: str, buffer_task: str) -> None:
    page = http.get(f"{root}/rest/services")
    assert page.headers["Content-Type"].startswith("text/html") and "<html>" in page.text
    pretty = http.get(f"{root}/rest/info", params={"f": "pjson"})
    assert "\n  " in pretty.text and pretty.json()["currentVersion"] == 11.1
    for url in (
        f"{root}/rest/services/GP/Nope/GPServer",
        f"{root}/rest/services/GP/BufferByVal/GPServer/Nope",
        f"{root}/rest/nowhere",
    ):
        assert get(http, url)["error"]["code"] == 404
    missing_job = get(http, f"{buffer_task}/jobs/j{'0' * 32}")
    assert missing_job["error"]["code"] == 404 and "Job" in missing_job["error"]["message"]
    assert http.get(f"{root}/rest/directories/arcgisjobs/nothing.tif").status_code == 404
    assert http.get(f"{root}/rest/directories/arcgisoutput/%2E%2E/uploads/x").status_code == 404


# --- BufferPoints ---------------------------------------------------------------------------------


def test_buffer_job_lifecycle(http: requests.Session, buffer_task: str) -> None:
    job_url = submit(http, buffer_task, Input_Features=feature_set(POINTS_UTM), Distance=FIVE_FEET)
    executing = get(http, job_url)
    assert executing["jobStatus"] == EXECUTING and "results" not in executing
    assert [m["description"] for m in executing["messages"][:2]] == ["Submitted.", "Executing..."]
    assert executing["progress"] == {"type": "default", "message": "Executing..."}
    assert set(executing["inputs"]) == {"Input_Features", "Distance"}
    assert get(http, job_url, returnMessages="false")["messages"] == []
    assert distinct(poll(http, job_url))[-1] == SUCCEEDED

    job = get(http, job_url)
    assert job["results"] == {"Output_Polygons": {"paramUrl": "results/Output_Polygons"}}
    descriptions = [m["description"] for m in job["messages"]]
    assert descriptions[0] == "Submitted."
    assert any(d.startswith("Executing (BufferPoints): BufferPoints") for d in descriptions)
    assert any(d.startswith("Start Time: ") for d in descriptions)
    assert descriptions[-1].startswith("Succeeded at ") and "Elapsed Time" in descriptions[-1]
    assert get(http, job_url, returnMessages="true") == job  # true is the default
    assert get(http, job_url, returnMessages="FALSE")["messages"] == []

    result = get(http, f"{job_url}/results/Output_Polygons", returnType="data")
    assert (result["paramName"], result["dataType"]) == ("Output_Polygons", "GPFeatureRecordSetLayer")
    value = result["value"]
    assert value["geometryType"] == "esriGeometryPolygon" and value["spatialReference"] == UTM15
    assert value["exceededTransferLimit"] is False
    radius = 5 * US_FOOT
    assert len(value["features"]) == 3
    for n, feature in enumerate(value["features"]):
        ring = feature["geometry"]["rings"][0]
        assert len(feature["geometry"]["rings"]) == 1
        assert signed_area(ring) < 0  # exterior ring clockwise
        assert abs(-signed_area(ring) - math.pi * radius**2) < 0.01 * math.pi * radius**2
        attributes = feature["attributes"]
        assert (attributes["OBJECTID"], attributes["Name"], attributes["ORIG_FID"]) == (n + 1, f"p{n}", 10 + n)
        assert attributes["BUFF_DIST"] == pytest.approx(radius)
        assert attributes["Shape_Area"] == pytest.approx(-signed_area(ring))
        centre = np.mean(ring[:-1], axis=0)
        assert np.allclose(centre, POINTS_UTM[n], atol=1e-6)

    distance = get(http, f"{job_url}/inputs/Distance")
    assert distance == {
        "paramName": "Distance",
        "dataType": "GPLinearUnit",
        "value": {"distance": 5, "units": "esriFeet"},
    }


def test_buffer_map_image_and_result_map_service(http: requests.Session, root: str, buffer_task: str) -> None:
    job_url, _ = run_job(http, buffer_task, Input_Features=feature_set(POINTS_UTM), Distance=FIVE_FEET)
    job_id = job_url.rsplit("/", 1)[1]

    image = get(http, f"{job_url}/results/Output_Polygons")["value"]["mapImage"]
    assert (image["width"], image["height"]) == (400, 400) and image["scale"] > 0
    assert image["extent"]["spatialReference"] == UTM15
    fetched = http.get(image["href"])
    assert fetched.headers["Content-Type"] == "image/png"
    assert read_image(fetched.content, "map.png").shape[1:] == (400, 400)

    map_url = f"{root}/rest/services/GP/BufferByVal/MapServer/jobs/{job_id}"
    description = get(http, map_url)
    assert description["layers"] == [
        {
            "id": 0,
            "name": "Output_Polygons",
            "parentLayerId": -1,
            "defaultVisibility": True,
            "subLayerIds": None,
            "minScale": 0,
            "maxScale": 0,
        }
    ]
    assert description["spatialReference"] == UTM15 and description["units"] == "esriMeters"
    assert description["supportedImageFormatTypes"] == "PNG32,PNG24,PNG,JPG"
    extent = description["fullExtent"]
    assert extent["xmin"] < POINTS_UTM[0][0] < extent["xmax"] and extent["ymin"] < POINTS_UTM[2][1]
    layer = get(http, f"{map_url}/0")
    assert (layer["type"], layer["geometryType"]) == ("Feature Layer", "esriGeometryPolygon")
    assert get(http, f"{root}/rest/services/GP/BufferByVal/MapServer")["layers"] == []

    x, y = POINTS_UTM[0]
    bbox = f"{x - 4},{y - 3},{x + 4},{y + 3}"
    png = http.get(
        f"{map_url}/export",
        params={
            "bbox": bbox,
            "bboxSR": "26915",
            "size": "80,60",
            "format": "png32",
            "transparent": "true",
            "f": "image",
        },
    )
    assert png.headers["Content-Type"] == "image/png"
    picture = read_image(png.content, "export.png")
    assert picture.shape == (4, 60, 80)
    alpha = picture[3]
    assert alpha[30, 40] > 0 and alpha[0, 0] == 0 and alpha[59, 79] == 0  # the buffer, then empty corners

    hidden = http.get(
        f"{map_url}/export",
        params={
            "bbox": bbox,
            "size": "80,60",
            "format": "png32",
            "transparent": "true",
            "layers": "hide:0",
            "f": "image",
        },
    )
    assert read_image(hidden.content, "hidden.png")[3].max() == 0

    as_json = get(http, f"{map_url}/export", bbox=bbox, bboxSR=26915, imageSR=3857, size="120,90", format="jpg")
    assert (as_json["width"], as_json["height"]) == (120, 90)
    assert as_json["extent"]["spatialReference"]["wkid"] == 3857 and as_json["scale"] > 0
    jpeg = http.get(as_json["href"])
    assert jpeg.headers["Content-Type"] == "image/jpeg" and jpeg.content[:2] == b"\xff\xd8"
    assert read_image(jpeg.content, "export.jpg").shape == (3, 90, 120)


def test_buffer_input_and_output_spatial_references(http: requests.Session, buffer_task: str) -> None:
    lon, lat = -93.25, 44.95
    wgs84 = {"wkid": 4326}
    in_wgs84 = feature_set([(lon, lat)], sr=wgs84)
    job_url, _ = run_job(
        http,
        buffer_task,
        Input_Features=in_wgs84,
        Distance=FIVE_FEET,
        **{"env:outSR": "4326", "context": json.dumps({"outSR": wgs84})},
    )
    value = get(http, f"{job_url}/results/Output_Polygons", returnType="data")["value"]
    assert value["spatialReference"]["wkid"] == 4326
    ring = value["features"][0]["geometry"]["rings"][0]
    assert np.allclose(np.mean(ring[:-1], axis=0), (lon, lat), atol=1e-6)
    assert signed_area(ring) < 0
    assert value["features"][0]["attributes"]["Shape_Area"] == pytest.approx(math.pi * (5 * US_FOOT) ** 2, rel=0.01)

    job_url, _ = run_job(http, buffer_task, Input_Features=in_wgs84, Distance=FIVE_FEET)
    value = get(http, f"{job_url}/results/Output_Polygons", returnType="data")["value"]
    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(4326)
    target.ImportFromEPSG(26915)
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    easting, northing, _ = osr.CoordinateTransformation(source, target).TransformPoint(lon, lat)
    assert value["spatialReference"] == UTM15
    assert np.allclose(
        np.mean(value["features"][0]["geometry"]["rings"][0][:-1], axis=0), (easting, northing), atol=1e-3
    )


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (
            {
                "Input_Features": json.dumps(
                    {
                        "geometryType": "esriGeometryPolyline",
                        "spatialReference": UTM15,
                        "features": [{"geometry": {"paths": [[[0, 0], [10, 10]]]}}],
                    }
                ),
                "Distance": FIVE_FEET,
            },
            "esriGeometryPolyline",
        ),
        ({"Distance": FIVE_FEET}, "ERROR 000735: Input Features: Value is required"),
        ({"Input_Features": feature_set(POINTS_UTM), "Distance": "5 feet"}, "Distance"),
        ({"Input_Features": feature_set(POINTS_UTM), "Distance": json.dumps({"distance": -1})}, "Distance"),
        (
            {
                "Input_Features": feature_set(POINTS_UTM),
                "Distance": json.dumps({"distance": 1, "units": "esriDecimalDegrees"}),
            },
            "esriDecimalDegrees",
        ),
        (
            {
                "Input_Features": feature_set(POINTS_UTM),
                "Distance": json.dumps({"distance": 1, "units": "esriParsecs"}),
            },
            "Distance",
        ),
        ({"Input_Features": "{not json", "Distance": FIVE_FEET}, "Input Features"),
        (
            {
                "Input_Features": json.dumps({"geometryType": "esriGeometryPoint", "features": []}),
                "Distance": FIVE_FEET,
            },
            "Input Features",
        ),
    ],
)
def test_buffer_failures(http: requests.Session, buffer_task: str, form: dict[str, str], expected: str) -> None:
    job_url, job = run_job(http, buffer_task, **form)
    assert job["jobStatus"] == FAILED and "results" not in job
    errors = errors_of(job)
    assert any(expected in e for e in errors[:-1]), errors
    assert errors[-1] == "Failed to execute (BufferPoints)."
    assert get(http, f"{job_url}/results/Output_Polygons")["error"]["code"] == 400


def test_buffer_over_the_transfer_limit(http: requests.Session, buffer_task: str) -> None:
    many = [(480000.0 + 10 * n, 4980000.0) for n in range(1001)]
    job_url, job = run_job(http, buffer_task, Input_Features=feature_set(many), Distance=FIVE_FEET)
    assert job["jobStatus"] == SUCCEEDED
    value = get(http, f"{job_url}/results/Output_Polygons", returnType="data")["value"]
    assert value["exceededTransferLimit"] is True and value["features"] == []


# --- cancellation ---------------------------------------------------------------------------------


def test_cancel_on_submitted_is_refused_and_the_job_goes_on(http: requests.Session, buffer_task: str) -> None:
    job_url = submit(http, buffer_task, Input_Features=feature_set(POINTS_UTM), Distance=FIVE_FEET)
    refused = get(http, f"{job_url}/cancel")
    assert refused["error"]["code"] == 400
    assert "cancel" in " ".join(refused["error"]["details"])
    assert distinct(poll(http, job_url)) == [EXECUTING, SUCCEEDED]
    assert post(http, f"{job_url}/cancel")["error"]["code"] == 400  # a finished job cannot be cancelled


def test_cancel_on_executing(http: requests.Session, buffer_task: str) -> None:
    job_url = submit(http, buffer_task, Input_Features=feature_set(POINTS_UTM), Distance=FIVE_FEET)
    assert get(http, job_url)["jobStatus"] == EXECUTING
    job_id = job_url.rsplit("/", 1)[1]
    assert post(http, f"{job_url}/cancel") == {"jobId": job_id, "jobStatus": CANCELLING}
    assert get(http, job_url)["jobStatus"] == CANCELLING
    assert distinct(poll(http, job_url))[-1] == CANCELLED
    job = get(http, job_url)
    assert job["messages"][-1]["description"] == "Cancelled" and "results" not in job
    assert get(http, f"{job_url}/results/Output_Polygons", returnType="data")["error"]["code"] == 400


# --- RunSlope -------------------------------------------------------------------------------------


def test_slope_from_upload_then_from_url(http: requests.Session, slope_service: str, tmp_path: Path) -> None:
    cell = 30.0
    dem_path = make_dem(tmp_path / "dem.tif", 26915, cell)
    uploaded = upload(http, slope_service, dem_path)
    item = uploaded["item"]
    assert uploaded["success"] is True and item["itemID"].startswith("i")
    assert (item["itemName"], item["description"], item["committed"]) == ("dem.tif", "test DEM", True)
    assert get(http, f"{slope_service}/uploads/{item['itemID']}") == item

    job_url, job = run_job(http, f"{slope_service}/RunSlope", Input_DEM=json.dumps({"itemID": item["itemID"]}))
    assert job["jobStatus"] == SUCCEEDED, job["messages"]
    value = get(http, f"{job_url}/results/Output_Slope")["value"]
    job_id = job_url.rsplit("/", 1)[1]
    assert value["url"].endswith(f"/rest/directories/arcgisjobs/slopebyval_gpserver/{job_id}/scratch/slope.tif")
    assert value["format"] == "tif"
    tif = http.get(value["url"])
    assert tif.headers["Content-Type"] == "image/tiff"
    slope_path = tmp_path / "slope.tif"
    slope_path.write_bytes(tif.content)

    dem, slope = gdal.Open(str(dem_path)), gdal.Open(str(slope_path))
    assert slope.GetGeoTransform() == dem.GetGeoTransform()
    assert slope.GetSpatialRef().IsSame(dem.GetSpatialRef())
    band = slope.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Float32 and band.GetNoDataValue() == -9999
    values = band.ReadAsArray()
    rows, cols = values.shape
    for row, col in ((1, 1), (5, 7), (rows - 2, cols - 2)):
        x, y = (col + 0.5) * cell, -(row + 0.5) * cell
        expected = math.degrees(math.atan(math.hypot(0.002 * x, 0.004 * y)))
        assert values[row, col] == pytest.approx(expected, abs=1e-3)
    edges = np.concatenate([values[0], values[-1], values[:, 0], values[:, -1]])
    assert (edges == -9999).all()

    job_url, job = run_job(http, f"{slope_service}/RunSlope", Input_DEM=json.dumps({"url": value["url"]}))
    assert job["jobStatus"] == SUCCEEDED, job["messages"]
    again = http.get(get(http, f"{job_url}/results/Output_Slope")["value"]["url"])
    (tmp_path / "slope2.tif").write_bytes(again.content)
    twice = read_band(tmp_path / "slope2.tif")
    assert (twice[1, :] == -9999).all() and (twice[:, -2] == -9999).all()  # next to the input's nodata
    assert (twice[2:-2, 2:-2] != -9999).all()


@pytest.mark.parametrize(
    ("dem", "expected"),
    [
        ("geographic", "geographic"),
        ("no CRS", "no spatial reference"),
        ("unknown item", "Input DEM"),
        ("bad url", "Input DEM"),
    ],
)
def test_slope_failures(http: requests.Session, slope_service: str, tmp_path: Path, dem: str, expected: str) -> None:
    if dem in ("geographic", "no CRS"):
        path = make_dem(tmp_path / "dem.tif", 4326 if dem == "geographic" else None, 0.001)
        value = {"itemID": upload(http, slope_service, path)["item"]["itemID"]}
    elif dem == "unknown item":
        value = {"itemID": f"i{uuid.uuid4()}"}
    else:
        value = {"url": f"{slope_service.rsplit('/rest/', 1)[0]}/rest/directories/arcgisoutput/none.tif"}
    _, job = run_job(http, f"{slope_service}/RunSlope", Input_DEM=json.dumps(value))
    assert job["jobStatus"] == FAILED
    assert any(expected in e for e in errors_of(job)), job["messages"]


def test_uploads_need_the_capability(http: requests.Session, root: str, tmp_path: Path) -> None:
    answer = upload(http, f"{root}/rest/services/GP/BufferByVal/GPServer", make_dem(tmp_path / "d.tif", 26915, 30))
    assert answer["error"]["code"] == 400 and "not supported" in answer["error"]["details"][0]


# --- SummarizeSync --------------------------------------------------------------------------------


def squares_feature_set() -> str:
    def square(x: float, y: float) -> dict[str, Any]:
        return {"rings": [[[x, y], [x, y + 100], [x + 100, y + 100], [x + 100, y], [x, y]]]}

    return json.dumps(
        {
            "geometryType": "esriGeometryPolygon",
            "spatialReference": UTM15,
            "features": [
                {"geometry": square(480000, 4980000), "attributes": {"OBJECTID": 1}},
                {"geometry": square(480200, 4980000), "attributes": {"OBJECTID": 2}},
            ],
        }
    )


def test_summarize_execute(http: requests.Session, summarize_task: str) -> None:
    answer = post(
        http,
        f"{summarize_task}/execute",
        Input_Features=squares_feature_set(),
        Label="detail",
        Scale="2",
        Include_Hull="true",
    )
    results = {r["paramName"]: r for r in answer["results"]}
    assert [r["paramName"] for r in answer["results"]] == ["Feature_Count", "Total_Area", "Summary", "Hull"]
    assert results["Feature_Count"] == {"paramName": "Feature_Count", "dataType": "GPLong", "value": 2}
    assert results["Total_Area"]["value"] == pytest.approx(40000)
    assert results["Summary"]["value"] == "2 features, label=detail"
    hull = results["Hull"]["value"]
    assert hull["geometryType"] == "esriGeometryPolygon" and len(hull["features"]) == 1
    ring = hull["features"][0]["geometry"]["rings"][0]
    assert signed_area(ring) == pytest.approx(-30000)
    assert answer["messages"][-1]["description"].startswith("Succeeded at ")

    defaults = get(
        http,
        f"{summarize_task}/execute",
        Input_Features=squares_feature_set(),
        Include_Hull="false",
        **{"env:outSR": 4326},
    )
    values = {r["paramName"]: r["value"] for r in defaults["results"]}
    assert values["Summary"] == "2 features, label=summary" and values["Total_Area"] == pytest.approx(20000)
    assert values["Hull"]["features"] == [] and values["Hull"]["spatialReference"]["wkid"] == 4326


def test_summarize_reads_holes_by_containment_and_any_geometry(http: requests.Session, summarize_task: str) -> None:
    # A hole listed first, both rings in the "wrong" orientation: containment decides, not orientation.
    hole = [[480025, 4980025], [480075, 4980025], [480075, 4980075], [480025, 4980075], [480025, 4980025]]
    outer = [[480000, 4980000], [480100, 4980000], [480100, 4980100], [480000, 4980100], [480000, 4980000]]
    donut = json.dumps(
        {
            "geometryType": "esriGeometryPolygon",
            "spatialReference": UTM15,
            "features": [{"geometry": {"rings": [hole, outer]}, "attributes": {}}],
        }
    )
    values = {
        r["paramName"]: r["value"] for r in post(http, f"{summarize_task}/execute", Input_Features=donut)["results"]
    }
    assert values["Total_Area"] == pytest.approx(10000 - 2500)
    assert values["Hull"]["features"][0]["attributes"]["Shape_Area"] == pytest.approx(10000)

    values = {
        r["paramName"]: r["value"]
        for r in post(http, f"{summarize_task}/execute", Input_Features=feature_set(POINTS_UTM))["results"]
    }
    assert (values["Feature_Count"], values["Total_Area"]) == (3, 0)
    assert len(values["Hull"]["features"]) == 1


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"Label": "detail"}, "ERROR 000735: Input Features: Value is required"),
        ({"Input_Features": squares_feature_set(), "Label": "bogus"}, "ERROR 000800: Label"),
        ({"Input_Features": squares_feature_set(), "Include_Hull": "maybe"}, "Include Hull"),
    ],
)
def test_summarize_errors(http: requests.Session, summarize_task: str, form: dict[str, str], expected: str) -> None:
    error = post(http, f"{summarize_task}/execute", **form)["error"]
    assert (error["code"], error["message"]) == (400, "Error executing tool.")
    assert any(expected in d for d in error["details"]), error
    assert error["details"][-1] == "Failed to execute (Summarize)."


def test_execution_type_is_enforced(http: requests.Session, buffer_task: str, summarize_task: str) -> None:
    assert post(http, f"{summarize_task}/submitJob", Input_Features=squares_feature_set())["error"]["code"] == 400
    assert (
        post(http, f"{buffer_task}/execute", Input_Features=feature_set(POINTS_UTM), Distance=FIVE_FEET)["error"][
            "code"
        ]
        == 400
    )
