"""What the fuzzing found, each as a plain example: the typed error (or value) each now gives."""

from __future__ import annotations

from contextlib import nullcontext

import pytest
import shapely

from remote_gp.gp_core import BadResponse, DataError, FeatureSet, GPError, GPWarning, LinearUnit, Server
from remote_gp.gp_core.answers import error_of
from remote_gp.gp_core.auth import read_token, token_service_url
from remote_gp.gp_core.filters import Rules
from remote_gp.gp_core.geometry import from_esri, to_esri
from remote_gp.gp_core.job import JobState
from remote_gp.gp_core.model import DataType, Parameter, Service, Task
from remote_gp.gp_core.units import UnitError
from remote_gp.gp_core.values import read_output

SERVER = Server("https://gis.example.com/arcgis")
SERVICE = Service(f"{SERVER.rest_root}/GP/Tool/GPServer", "GP/Tool")
TASK = Task(f"{SERVICE.url}/Buffer", "Buffer", SERVICE)
POLYGONS = DataType("GPFeatureRecordSetLayer")


def output(data_type: str | DataType, value):
    return read_output(TASK, "Out", DataType(data_type) if isinstance(data_type, str) else data_type, value, SERVER)


def test_attributes_that_are_not_an_object_name_the_feature():
    body = {"geometryType": "esriGeometryPoint", "features": [{"geometry": {"x": 1, "y": 2}, "attributes": "ab"}]}
    with pytest.raises(DataError, match="Feature 0: its attributes must be a JSON object, not 'ab'"):
        FeatureSet.from_json(body)
    with pytest.raises(BadResponse, match="the output 'Out' of task 'Buffer' cannot be read: Feature 0: its attrib"):
        output(POLYGONS, body)


@pytest.mark.parametrize(
    "data_type, value, expected",
    [
        ("GPFeatureRecordSetLayer", "features", "must be a JSON object .features, or a url., not 'features'"),
        ("GPRasterDataLayer", "out.tif", "must be a JSON object with a url, not 'out.tif'"),
        ("GPDataFile", {"url": 5}, "must hold a url"),
        ("GPLong", "7", "must be a whole number, not '7'"),
        ("GPBoolean", "true", "must be true or false"),
        ("GPDate", 1e300, "must be a date"),
        ("GPString", {"a": 1}, "must be text"),
        ("GPMultiValue:GPString", "a;b", "must be a list"),
        ("GPLinearUnit", {"distance": 1, "units": ["esriMeters"]}, r"\['esriMeters'\] is not a linear unit"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_a_bad_response_naming_server_task_and_output(data_type, value, expected):
    with pytest.raises(BadResponse) as caught:
        output(data_type, value)
    assert str(caught.value).startswith(
        "https://gis.example.com/arcgis/rest/services/GP/Tool/GPServer/Buffer: the "
        "output 'Out' of task 'Buffer' cannot be read: "
    )
    caught.match(expected)


def test_valid_values_still_decode_as_before():
    assert output("GPLong", 7.0) == 7 and output("GPDouble", 2) == 2 and output("GPString", "a") == "a"
    assert output("GPDate", "2024-05-01T12:00:00+00:00").year == 2024
    assert output("GPMultiValue:GPLong", None) is None


def test_messages_quote_a_deeply_nested_body_briefly():
    deep: object = 1
    for _ in range(900):
        deep = [deep]
    with pytest.raises(BadResponse) as caught:
        Parameter.from_json({"name": deep}, "Buffer")
    assert str(caught.value).endswith("{'name': [[[...]]]}")
    assert error_of({"error": {"code": 500, "message": deep, "details": [deep]}})[1] == "[[[[...]]]]"


def test_description_keys_of_the_wrong_type_count_as_missing():
    task = Task.from_json(
        {
            "name": "T",
            "helpUrl": {"a": 1},
            "executionType": 5,
            "parameters": [
                {
                    "name": "p",
                    "dataType": "GPString",
                    "direction": ["x"],
                    "dependency": 3,
                    "parameterInfos": 7,
                    "filter": {"type": "featureClass", "list": True},
                }
            ],
        },
        f"{SERVICE.url}/T",
        SERVICE,
    )
    parameter = task.parameters[0]
    assert (task.help_url, task.execution_type, parameter.direction, parameter.dependency) == (
        "",
        SERVICE.execution_type,
        "esriGPParameterDirectionInput",
        None,
    )
    assert parameter.parameter_infos == [] and parameter.rules.listed == []
    service = Service.from_json(
        {"tasks": ["a", 5, {"b": 1}], "capabilities": 1, "maximumRecords": True, "currentVersion": 10**400},
        SERVICE.url,
        "GP/Tool",
    )
    assert (service.tasks, service.capabilities, service.maximum_records, service.current_version) == (
        ["a"],
        "",
        None,
        None,
    )


def test_a_range_filter_past_the_range_of_a_float_still_gives_its_message():
    with pytest.raises(GPError, match="outside the accepted range"):
        Rules("p", filter={"type": "range", "minimum": 10**400}).after(5)


def test_progress_outside_0_to_100_or_not_a_number():
    assert [
        JobState.from_json({"progress": {"percent": p}}).progress.percent
        for p in (float("nan"), float("inf"), 10**400, -5, 250, "50", True)
    ] == [None, None, None, 0, 100, None, None]


def test_a_quantity_with_units_that_are_not_text_is_a_unit_error_and_a_gp_error():
    with pytest.raises(UnitError) as caught:
        LinearUnit.from_json({"distance": 1, "units": {"a": 1}})
    assert isinstance(caught.value, GPError)
    with pytest.raises(UnitError, match=r"is not a linear unit \(\{'distance': number, 'units': 'esri…'\}\)\.$"):
        LinearUnit.from_json({"distance": 10**400, "units": "esriMeters"})


def test_token_answers():
    assert read_token({"token": "t", "expires": 10**400}, "https://h/arcgis/tokens/generateToken") == ("t", None)
    info_url = SERVER.rest_root.removesuffix("/services") + "/info"
    assert (
        token_service_url({"authInfo": {"tokenServicesUrl": "#"}}, info_url, SERVER.rest_root)
        == "https://gis.example.com/arcgis/tokens/generateToken"
    )
    assert (
        token_service_url(
            {"authInfo": {"tokenServicesUrl": "/portal/sharing/rest/generateToken"}}, info_url, SERVER.rest_root
        )
        == "https://gis.example.com/portal/sharing/rest/generateToken"
    )


@pytest.mark.parametrize(
    "ring, valid",
    [
        ([[0, 0, None, 1], [1, 0, None, 2], [1, 1, None, 3], [0, 0, None, 1]], True),  # closed, but with null Z
        ([[0, 0, 5, 1], [1, 1, 6, 2]], False),  # there and back: shapely pads it to four vertices, not a polygon
    ],
)
def test_m_values_stay_in_step_with_rings_shapely_closes_again(ring, valid):
    with nullcontext() if valid else pytest.warns(GPWarning, match="^Feature 0: the polygon is not valid as read"):
        geometries, measures = from_esri([{"rings": [ring]}], "esriGeometryPolygon", True, True)
    assert len(measures[0]) == shapely.get_num_coordinates(geometries[0])
    written = to_esri(geometries, "esriGeometryPolygon", True, True, measures)[0]["rings"][0]
    assert {vertex[3] for vertex in written} == {vertex[3] for vertex in ring}
