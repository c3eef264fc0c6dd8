"""The reference server's GP/CopyFeatures: features of any type come back as they were sent, their Z and
M when asked for (returnZ, returnM), checked over real HTTP with plain requests."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from osgeo import osr

UTM15 = {"wkid": 26915, "latestWkid": 26915}
LABEL = {"name": "label", "type": "esriFieldTypeString", "alias": "label", "length": 20}
RANK = {"name": "rank", "type": "esriFieldTypeInteger", "alias": "rank"}
X, Y = 480000.123456789, 4980000.987654321
SQUARE = [[X, Y, 1.5, 10], [X, Y + 100, 2.5, 11], [X + 100, Y + 100, 3.5, None], [X + 100, Y, 4.5, 13], [X, Y, 1.5, 10]]
HOLE = [
    [X + 20, Y + 20, 5, 20],
    [X + 40, Y + 20, 5, 21],
    [X + 40, Y + 40, 5, 22],
    [X + 20, Y + 40, 5, 23],
    [X + 20, Y + 20, 5, 20],
]
ISLAND = [[X + 300, Y, 0, 30], [X + 300, Y + 50, 0, 31], [X + 350, Y + 50, 0, 32], [X + 300, Y, 0, 30]]


@pytest.fixture(scope="module")
def copy(gp_server: str) -> str:
    return f"{gp_server}/rest/services/GP/CopyFeatures/GPServer/CopyFeatures"


def copied(http: requests.Session, copy: str, features: dict[str, Any], **options: str) -> dict[str, Any]:
    answer = http.post(f"{copy}/execute", data={"f": "json", "Input_Features": json.dumps(features), **options})
    assert answer.status_code == 200
    body = answer.json()
    assert "error" not in body, body
    [result] = body["results"]
    assert (result["paramName"], result["dataType"]) == ("Output_Features", "GPFeatureRecordSetLayer")
    return result["value"]


def zm_polygons() -> dict[str, Any]:
    """A polygon with a hole and a multipolygon, with Z and M (one M null)."""
    return {
        "geometryType": "esriGeometryPolygon",
        "hasZ": True,
        "hasM": True,
        "spatialReference": UTM15,
        "fields": [LABEL, RANK],
        "features": [
            {"attributes": {"label": "holed", "rank": 1}, "geometry": {"rings": [SQUARE, HOLE]}},
            {"attributes": {"label": "two parts", "rank": 2}, "geometry": {"rings": [SQUARE, ISLAND]}},
        ],
    }


def without(vertex: list[Any], index: int) -> list[Any]:
    return vertex[:index] + vertex[index + 1 :]


def test_the_task_takes_features_of_any_type_and_schema(http: requests.Session, copy: str) -> None:
    task = http.get(copy, params={"f": "json"}).json()
    assert task["executionType"] == "esriExecutionTypeSynchronous"
    [features, output] = task["parameters"]
    for parameter in (features, output):
        assert parameter["dataType"] == "GPFeatureRecordSetLayer"
        assert parameter["defaultValue"] == {"displayFieldName": "", "fields": [], "features": []}
    assert (features["name"], features["parameterType"]) == ("Input_Features", "esriGPParameterTypeRequired")
    assert (output["name"], output["direction"]) == ("Output_Features", "esriGPParameterDirectionOutput")


def test_with_return_z_and_m_the_features_come_back_as_they_were_sent(http: requests.Session, copy: str) -> None:
    sent = zm_polygons()
    value = copied(http, copy, sent, returnZ="true", returnM="true")
    assert value == {"displayFieldName": "", **sent, "exceededTransferLimit": False}


def test_without_return_z_and_m_the_features_come_back_in_2d(http: requests.Session, copy: str) -> None:
    sent = zm_polygons()
    value = copied(http, copy, sent)
    assert "hasZ" not in value and "hasM" not in value
    assert value["features"][0]["geometry"] == {"rings": [[v[:2] for v in SQUARE], [v[:2] for v in HOLE]]}

    only_m = copied(http, copy, sent, returnM="true")
    assert only_m["hasM"] is True and "hasZ" not in only_m
    assert only_m["features"][1]["geometry"]["rings"][1] == [without(v, 2) for v in ISLAND]


@pytest.mark.parametrize(
    ("geometry_type", "flags", "geometry"),
    [
        ("esriGeometryPoint", {"hasZ": True}, {"x": X, "y": Y, "z": 7.25}),
        ("esriGeometryPoint", {"hasM": True}, {"x": X, "y": Y, "m": 3}),
        ("esriGeometryPoint", {"hasZ": True, "hasM": True}, {"x": X, "y": Y, "z": 7.25, "m": None}),
        ("esriGeometryMultipoint", {"hasM": True}, {"points": [[X, Y, 1], [X + 1, Y + 1, 2]]}),
        (
            "esriGeometryPolyline",
            {"hasZ": True},
            {"paths": [[[X, Y, 1], [X + 5, Y, 2]], [[X, Y + 9, 3], [X, Y + 8, 4]]]},
        ),
        ("esriGeometryPolyline", {"hasM": True}, {"paths": [[[X, Y, 0], [X + 5, Y, 5], [X + 5, Y + 5, 10]]]}),
        ("esriGeometryPolygon", {}, {"rings": [[v[:2] for v in SQUARE]]}),
    ],
)
def test_every_geometry_type_keeps_its_z_and_m(
    http: requests.Session, copy: str, geometry_type: str, flags: dict[str, bool], geometry: dict[str, Any]
) -> None:
    sent = {
        "geometryType": geometry_type,
        **flags,
        "spatialReference": UTM15,
        "fields": [LABEL],
        "features": [{"attributes": {"label": "a"}, "geometry": geometry}],
    }
    assert copied(http, copy, sent, returnZ="true", returnM="true") == {
        "displayFieldName": "",
        **sent,
        "exceededTransferLimit": False,
    }


def test_an_output_spatial_reference_moves_x_and_y_and_keeps_z_and_m(http: requests.Session, copy: str) -> None:
    value = copied(http, copy, zm_polygons(), returnZ="true", returnM="true", context=json.dumps({"outSR": 4326}))
    assert value["spatialReference"] == {"wkid": 4326, "latestWkid": 4326}
    ring = value["features"][0]["geometry"]["rings"][0]
    utm, wgs84 = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(26915)
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    expected = osr.CoordinateTransformation(utm, wgs84).TransformPoints([v[:2] for v in SQUARE])
    assert [c for v in ring for c in v[:2]] == pytest.approx([c for p in expected for c in p[:2]], abs=1e-9)
    assert [v[2:] for v in ring] == [v[2:] for v in SQUARE]


def test_features_without_a_spatial_reference_are_refused(http: requests.Session, copy: str) -> None:
    sent = {"geometryType": "esriGeometryPoint", "features": [{"attributes": {}, "geometry": {"x": X, "y": Y}}]}
    body = http.post(f"{copy}/execute", data={"f": "json", "Input_Features": json.dumps(sent)}).json()
    assert body["error"]["details"][:2] == [
        "ERROR 000628: Cannot set input into parameter Input Features.",
        "Input Features: the features have no spatialReference",
    ]
