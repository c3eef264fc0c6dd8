"""The answers of the other operations: uploads, sign-in (rest/info and generateToken), result map
images, and a downloaded file that may be an error body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from decoder_property import assert_typed, only_typed_errors
from remote_gp.gp_core import Extent, Server
from remote_gp.gp_core.auth import read_token, token_service_url
from remote_gp.gp_core.job import Job
from remote_gp.gp_core.mapimage import layer_id, map_layers
from remote_gp.gp_core.model import DataType, Parameter, Service, Task
from remote_gp.gp_core.transport import HttpResponse
from remote_gp.gp_core.uploads import item_id

SERVER = Server("https://gis.example.com/arcgis")
OUTPUT = "esriGPParameterDirectionOutput"
TASK = Task(
    f"{SERVER.rest_root}/GP/Tool/GPServer/Tool",
    "Tool",
    Service(f"{SERVER.rest_root}/GP/Tool/GPServer", "GP/Tool", result_map_server_name="Tool"),
    parameters=[
        Parameter("Output_Polygons", DataType("GPFeatureRecordSetLayer"), direction=OUTPUT),
        Parameter("Output_Raster", DataType("GPRasterDataLayer"), direction=OUTPUT),
    ],
)
JOB = Job(SERVER, TASK, "j1", "esriJobSucceeded")


@given(data=st.data())
def test_upload_answers(bodies, data):
    body = data.draw(bodies.mutated("upload"))
    assert_typed(only_typed_errors(lambda: item_id(body, "The upload of 'a.tif'")), str | None)


@given(data=st.data())
def test_sign_in_answers(bodies, data):
    info, token = data.draw(bodies.mutated("info")), data.draw(bodies.mutated("token"))
    url = token_service_url(info, SERVER.rest_root.removesuffix("/services") + "/info", SERVER.rest_root)
    assert url.startswith("http") and url.endswith("generateToken")
    answer = only_typed_errors(lambda: read_token(token, "https://gis.example.com/arcgis/tokens/generateToken"))
    assert_typed(answer, tuple[str, float | None] | None)


def drawn_extent(description: dict, layer_body: dict, output: str, size: tuple[int, int]):
    """What export_image reads of a map's answers: the layer drawing the output, and the extent to draw."""
    layer = layer_id(JOB, output, map_layers(description))
    extent = Extent.from_json(layer_body.get("extent")) or Extent.from_json(description.get("fullExtent"))
    if extent is not None:
        box = extent.fitted(*size)
        json.dumps(box.spatial_reference.to_json() if box.spatial_reference else {})
    return layer


@given(
    data=st.data(),
    output=st.sampled_from(["Output_Polygons", "Output_Raster"]),
    size=st.tuples(st.integers(1, 5000), st.integers(1, 5000)),
)
def test_map_image_answers(bodies, data, output, size):
    description, layer_body = data.draw(bodies.mutated("map")), data.draw(bodies.mutated("map"))
    assert_typed(only_typed_errors(lambda: drawn_extent(description, layer_body, output, size)), int | None)


@pytest.fixture(scope="module")
def download(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("download") / "result.json"


@given(data=st.data())
def test_a_downloaded_file_that_may_be_an_error_body(bodies, data, download):
    body = data.draw(bodies.mutated("error"))
    path = download
    path.write_text(json.dumps(body), encoding="utf-8")
    answer = HttpResponse(200, b"", "application/json", "https://gis.example.com/arcgis/rest/directories/x.json")
    only_typed_errors(lambda: SERVER._raise_error_file(path, answer))
