"""The reference server's GP/DataTypes (EchoTypes), Hosted/Towers feature service, foreign file host and
request size limit, checked over real HTTP with plain requests (not gp_core)."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import requests
from osgeo import gdal, osr

gdal.UseExceptions()

UTM15 = {"wkid": 26915, "latestWkid": 26915}
USER = {"username": "gpuser", "password": "gp-password-1"}
BEYOND_FORM_LIMIT = int(10.5 * 1024 * 1024)
OBJECTID = {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"}
NAME = {"name": "Name", "type": "esriFieldTypeString", "alias": "Name", "length": 50}
SEEN = {"name": "Seen", "type": "esriFieldTypeDate", "alias": "Seen", "length": 8}
CODE = {"name": "Code", "type": "esriFieldTypeBigInteger", "alias": "Code"}
BIG_CODE = 2**53 + 1  # not a float: a 64-bit value must come back exactly


# --- fixtures and helpers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(gp_server: str) -> str:
    return f"{gp_server}/rest/services/GP/DataTypes/GPServer"


@pytest.fixture(scope="module")
def echo(service: str) -> str:
    return f"{service}/EchoTypes"


@pytest.fixture(scope="module")
def towers(gp_server: str) -> str:
    return f"{gp_server}/rest/services/Hosted/Towers/FeatureServer"


def execute(http: requests.Session, echo: str, **form: Any) -> dict[str, Any]:
    answer = http.post(f"{echo}/execute", data={"f": "json", **form})
    assert answer.status_code == 200
    return answer.json()


def echoed(http: requests.Session, echo: str, **form: Any) -> dict[str, Any]:
    """The outputs of a successful run, by name (``<input>_out`` and ``received``)."""
    answer = execute(http, echo, **form)
    assert "error" not in answer, answer
    return {r["paramName"]: r["value"] for r in answer["results"]}


def refused(http: requests.Session, echo: str, **form: Any) -> list[str]:
    """The error lines of a refused run."""
    error = execute(http, echo, **form)["error"]
    assert (error["code"], error["message"]) == (400, "Error executing tool.")
    assert error["details"][-1] == "Failed to execute (EchoTypes)."
    return error["details"]


def upload(http: requests.Session, service: str, name: str, content: bytes, **params: str) -> str:
    answer = http.post(f"{service}/uploads/upload", data={"f": "json", **params}, files={"file": (name, content)})
    assert answer.status_code == 200
    return answer.json()["item"]["itemID"]


def points(*coords: tuple[float, float], fields: bool = True) -> dict[str, Any]:
    features = [
        {
            "geometry": {"x": x, "y": y},
            "attributes": {"OBJECTID": n + 1, "Name": f"p{n}", "Seen": 1714564800000 + n, "Code": BIG_CODE + n},
        }
        for n, (x, y) in enumerate(coords)
    ]
    out = {"geometryType": "esriGeometryPoint", "spatialReference": UTM15, "features": features}
    return {**out, "fields": [OBJECTID, NAME, SEEN, CODE]} if fields else out


def geotiff(path: Path) -> Path:
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), 4, 3, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((500000.0, 10.0, 0.0, 4980000.0, 0.0, -10.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(26915)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(np.arange(12, dtype=np.float32).reshape(3, 4))
    dataset = None
    return path


# --- the service and its task ---------------------------------------------------------------------


def test_the_task_describes_every_type_with_its_filters_and_infos(
    http: requests.Session, service: str, echo: str
) -> None:
    description = http.get(service, params={"f": "json"}).json()
    assert (description["executionType"], description["capabilities"]) == ("esriExecutionTypeSynchronous", "Uploads")
    params = {p["name"]: p for p in http.get(echo, params={"f": "json"}).json()["parameters"]}
    inputs = [n for n, p in params.items() if p["direction"] == "esriGPParameterDirectionInput"]
    assert len(inputs) == 25 and all(params[n]["parameterType"] == "esriGPParameterTypeOptional" for n in inputs)
    assert [n for n in params if n not in inputs] == [f"{n}_out" for n in inputs] + ["received"]
    assert all(params[f"{n}_out"]["dataType"] == params[n]["dataType"] for n in inputs)
    assert all(params[f"{n}_out"]["parameterType"] == "esriGPParameterTypeDerived" for n in inputs)
    assert {n: params[n]["defaultValue"] for n in ("in_string", "in_sql", "in_bool", "in_linear", "in_date")} == {
        "in_string": "hello",
        "in_sql": "1=1",
        "in_bool": False,
        "in_linear": {"distance": 1, "units": "esriMeters"},
        "in_date": None,
    }
    assert params["in_long"]["filter"] == {"type": "range", "minimum": -1000, "maximum": 1000}
    assert params["in_file"]["filter"] == {"type": "file", "list": ["txt", "csv", "json"]}
    assert params["in_features"]["filter"] == {
        "type": "featureClass",
        "list": ["esriGeometryPoint", "esriGeometryPolygon"],
    }
    assert params["in_features"]["defaultValue"]["fields"] == [OBJECTID, NAME, SEEN, CODE]
    assert params["in_features"]["defaultValue"]["spatialReference"] == UTM15
    assert params["in_coded"]["filter"]["list"][0] == {"name": "Low", "value": 1}
    assert params["in_choice"]["choiceList"] == ["red", "green", "blue"]
    assert params["in_field"]["dependency"] == "in_features"
    assert params["in_table_values"]["parameterInfos"] == [
        {"name": "label", "dataType": "GPString", "displayName": "Label"},
        {"name": "count", "dataType": "GPLong", "displayName": "Count"},
        {"name": "weight", "dataType": "GPDouble", "displayName": "Weight"},
    ]
    assert [i["dataType"] for i in params["in_composite"]["parameterInfos"]] == ["GPLinearUnit", "GPDouble"]
    assert params["in_units"]["parameterInfos"] == [{"name": "", "dataType": "GPLinearUnit", "displayName": ""}]
    assert params["received"]["dataType"] == "GPMultiValue:GPString"


# --- scalars, units, dates ------------------------------------------------------------------------


def test_scalars_are_echoed_and_received_lists_what_was_sent(http: requests.Session, echo: str) -> None:
    out = echoed(
        http,
        echo,
        in_string="a, b",
        in_hidden='"quoted JSON"',
        in_sql="POP > 5",
        in_long="-7",
        in_double="2.5",
        in_bool="true",
        in_date="1199145600000",
        in_choice="blue",
        in_coded="2",
        returnColumnName="false",
        **{"env:outSR": "26915"},
    )
    assert {
        n: out[f"{n}_out"]
        for n in (
            "in_string",
            "in_hidden",
            "in_sql",
            "in_long",
            "in_double",
            "in_bool",
            "in_date",
            "in_choice",
            "in_coded",
        )
    } == {
        "in_string": "a, b",
        "in_hidden": "quoted JSON",
        "in_sql": "POP > 5",
        "in_long": -7,
        "in_double": 2.5,
        "in_bool": True,
        "in_date": 1199145600000,
        "in_choice": "blue",
        "in_coded": 2,
    }
    assert out["received"] == [
        "in_bool",
        "in_choice",
        "in_coded",
        "in_date",
        "in_double",
        "in_hidden",
        "in_long",
        "in_sql",
        "in_string",
    ]  # f, returnColumnName, env:outSR are the operation's
    assert out["in_linear_out"] is None and out["in_features_out"] is None  # not sent: null, default or not

    empty = echoed(http, echo, in_string="", in_double="", in_linear_out="{}")
    assert empty["received"] == ["in_double", "in_linear_out", "in_string"]
    assert (empty["in_string_out"], empty["in_double_out"]) == ("hello", None)  # sent empty: the default


def test_a_file_or_raster_without_url_is_taken_as_not_sent(http: requests.Session, echo: str) -> None:
    """How Esri's Python client sends the file and raster inputs it leaves out."""
    out = echoed(http, echo, in_file='{"url": ""}', in_raster='{"url": ""}', in_raster_data='{"itemID": ""}')
    assert (out["in_file_out"], out["in_raster_out"], out["in_raster_data_out"]) == (None, None, None)


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        ("in_linear", {"distance": 5, "units": "esriFeet"}, {"distance": 5, "units": "esriFeet"}),
        ("in_linear", {"distance": 2.5}, {"distance": 2.5, "units": "esriMeters"}),
        ("in_areal", {"area": 2, "units": "esriHectares"}, {"area": 2, "units": "esriHectares"}),
        ("in_time", {"time": 90, "units": "esriTimeUnitsMinutes"}, {"time": 90, "units": "esriTimeUnitsMinutes"}),
        ("in_time", {"time": 3}, {"time": 3, "units": "esriTimeUnitsUnknown"}),
    ],
)
def test_unit_values_are_echoed_with_their_units(
    http: requests.Session, echo: str, param: str, value: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert echoed(http, echo, **{param: json.dumps(value)})[f"{param}_out"] == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"in_linear": json.dumps({"distance": 5, "units": "esriFurlongs"})}, "ERROR 000800: In Linear: "),
        ({"in_areal": json.dumps({"area": 5, "units": "esriSquareFurlongs"})}, "ERROR 000800: In Areal: "),
        ({"in_areal": json.dumps({"area": 5})}, "ERROR 000800: In Areal: "),
        ({"in_time": json.dumps({"time": 5, "units": "esriTimeUnitsFortnights"})}, "ERROR 000800: In Time: "),
        ({"in_linear": "5 feet"}, "ERROR 000628: Cannot set input into parameter In Linear."),
        ({"in_date": "yesterday"}, "ERROR 000628: Cannot set input into parameter In Date."),
        ({"in_date": "1.5"}, "ERROR 000628: Cannot set input into parameter In Date."),
        ({"in_bool": "maybe"}, "ERROR 000628: Cannot set input into parameter In Bool."),
        ({"in_double": "two"}, "ERROR 000628: Cannot set input into parameter In Double."),
    ],
)
def test_values_of_the_wrong_shape_are_refused_naming_the_parameter(
    http: requests.Session, echo: str, form: dict[str, str], expected: str
) -> None:
    assert refused(http, echo, **form)[0].startswith(expected)


def test_every_bad_value_is_reported_at_once(http: requests.Session, echo: str) -> None:
    details = refused(http, echo, in_long="5000", in_choice="mauve", in_strings="a,b")
    assert "ERROR 000854: In Long: The value is out of the range from -1000 to 1000." in details
    assert "ERROR 000800: In Choice: The value is not a member of red | green | blue." in details
    assert "ERROR 000628: Cannot set input into parameter In Strings." in details


# --- filters --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"in_long": "-1000"}, ("in_long_out", -1000)),
        ({"in_long": "1000"}, ("in_long_out", 1000)),
        ({"in_choice": "red"}, ("in_choice_out", "red")),
        ({"in_coded": "3"}, ("in_coded_out", 3)),
    ],
)
def test_values_inside_the_filters_pass(
    http: requests.Session, echo: str, form: dict[str, str], expected: tuple[str, Any]
) -> None:
    name, value = expected
    assert echoed(http, echo, **form)[name] == value


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"in_long": "1001"}, "ERROR 000854: In Long: The value is out of the range from -1000 to 1000."),
        ({"in_long": "-1001"}, "ERROR 000854: In Long: The value is out of the range from -1000 to 1000."),
        ({"in_choice": "RED"}, "ERROR 000800: In Choice: The value is not a member of red | green | blue."),
        ({"in_coded": "7"}, "ERROR 000800: In Coded: The value is not a member of 1 | 2 | 3."),
        ({"in_coded": "Low"}, "ERROR 000628: Cannot set input into parameter In Coded."),  # the name is never sent
    ],
)
def test_values_outside_the_filters_are_refused(
    http: requests.Session, echo: str, form: dict[str, str], expected: str
) -> None:
    assert refused(http, echo, **form)[0] == expected


# --- multivalues, value tables, composites --------------------------------------------------------


def test_multivalues_are_json_arrays(http: requests.Session, echo: str) -> None:
    units = [{"distance": 1, "units": "esriKilometers"}, {"distance": 2, "units": "esriMiles"}]
    out = echoed(http, echo, in_strings=json.dumps(["a,b", "c"]), in_doubles="[1, 2.5]", in_units=json.dumps(units))
    assert (out["in_strings_out"], out["in_doubles_out"], out["in_units_out"]) == (["a,b", "c"], [1, 2.5], units)
    assert echoed(http, echo, in_strings="[]")["in_strings_out"] == []


@pytest.mark.parametrize(
    ("param", "display", "text"),
    [
        ("in_strings", "In Strings", "a,b"),  # comma-joined
        ("in_strings", "In Strings", "['a', 'b']"),  # a Python list's repr
        ("in_strings", "In Strings", '"a,b"'),  # one JSON string, not an array
        ("in_doubles", "In Doubles", "1.5,2"),
        ("in_doubles", "In Doubles", '["x"]'),  # an array of the wrong member type
        ("in_units", "In Units", "{'distance': 5}"),  # a Python dict's repr
        ("in_units", "In Units", '{"distance": 5}'),  # one unit, not an array
    ],
)
def test_anything_but_a_json_array_is_refused_for_a_multivalue(
    http: requests.Session, echo: str, param: str, display: str, text: str
) -> None:
    assert refused(http, echo, **{param: text})[0] == f"ERROR 000628: Cannot set input into parameter {display}."


def test_value_table_rows_come_back_as_arrays_or_keyed_by_column_name(http: requests.Session, echo: str) -> None:
    rows = json.dumps([["x", 1, 0.5], {"label": "y", "count": 2}, {"weight": 3}])
    assert echoed(http, echo, in_table_values=rows)["in_table_values_out"] == [
        ["x", 1, 0.5],
        ["y", 2, None],
        ["", None, 3],
    ]  # empty: "" in a string column, null in others
    assert echoed(http, echo, in_table_values=rows, returnColumnName="true")["in_table_values_out"] == [
        {"label": "x", "count": 1, "weight": 0.5},
        {"label": "y", "count": 2, "weight": None},
        {"label": "", "count": None, "weight": 3},
    ]


@pytest.mark.parametrize("rows", [[["x", 1]], [{"label": "x", "colour": "red"}], [["x", "many", 1]], ["x"], {"a": 1}])
def test_malformed_value_tables_are_refused(http: requests.Session, echo: str, rows: Any) -> None:
    details = refused(http, echo, in_table_values=json.dumps(rows))
    assert details[0] == "ERROR 000628: Cannot set input into parameter In Table Values."


@pytest.mark.parametrize(
    ("value", "data_type", "expected"),
    [
        ({"distance": 3, "units": "esriFeet"}, "GPLinearUnit", {"distance": 3, "units": "esriFeet"}),
        (2.5, "GPDouble", 2.5),
        ({"dataType": "GPDouble", "value": 4}, "GPDouble", 4),
        (
            {"dataType": "GPLinearUnit", "value": {"distance": 1, "units": "esriMiles"}},
            "GPLinearUnit",
            {"distance": 1, "units": "esriMiles"},
        ),
    ],
)
def test_a_composite_answers_its_concrete_type(
    http: requests.Session, echo: str, value: Any, data_type: str, expected: Any
) -> None:
    results = execute(http, echo, in_composite=json.dumps(value))["results"]
    result = next(r for r in results if r["paramName"] == "in_composite_out")
    assert (result["dataType"], result["value"]) == (data_type, expected)


@pytest.mark.parametrize("value", ["three metres", {"dataType": "GPString", "value": "x"}, [1, 2]])
def test_a_composite_of_no_allowed_type_is_refused(http: requests.Session, echo: str, value: Any) -> None:
    text = value if isinstance(value, str) else json.dumps(value)
    assert refused(http, echo, in_composite=text)[0] == "ERROR 000628: Cannot set input into parameter In Composite."


# --- spatial reference, extent, field -------------------------------------------------------------


@pytest.mark.parametrize(
    "sr",
    [{"wkid": 3857}, {"latestWkid": 3857}, {"wkid": 102100, "latestWkid": 3857}, {"wkt": osr.SRS_WKT_WGS84_LAT_LONG}],
)
def test_spatial_references_are_echoed(http: requests.Session, echo: str, sr: dict[str, Any]) -> None:
    assert echoed(http, echo, in_sr=json.dumps(sr))["in_sr_out"] == sr


def test_extents_and_fields_are_echoed(http: requests.Session, echo: str) -> None:
    extent = {"xmin": 1, "ymin": 2, "xmax": 3.5, "ymax": 4, "spatialReference": UTM15}
    field = {"name": "Name", "type": "esriFieldTypeString", "alias": "Name", "editable": True, "length": 50}
    out = echoed(
        http, echo, in_extent=json.dumps(extent), in_field=json.dumps(field), in_features=json.dumps(points((1, 2)))
    )
    assert (out["in_extent_out"], out["in_field_out"]) == (extent, field)
    alone = {"name": "Anything", "type": "esriFieldTypeInteger"}  # no in_features: nothing to check it against
    assert echoed(http, echo, in_field=json.dumps(alone))["in_field_out"] == alone


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"in_sr": json.dumps({"wkid": 999999})}, "ERROR 000628: Cannot set input into parameter In SR."),
        ({"in_sr": "4326"}, "ERROR 000628: Cannot set input into parameter In SR."),
        (
            {"in_extent": json.dumps({"xmin": 3, "ymin": 2, "xmax": 1, "ymax": 4})},
            "ERROR 000628: Cannot set input into parameter In Extent.",
        ),
        (
            {"in_extent": json.dumps({"xmin": 1, "ymin": 2, "xmax": 3})},
            "ERROR 000628: Cannot set input into parameter In Extent.",
        ),
        ({"in_field": json.dumps({"name": "Name"})}, "ERROR 000628: Cannot set input into parameter In Field."),
        (
            {
                "in_field": json.dumps({"name": "Height", "type": "esriFieldTypeDouble"}),
                "in_features": json.dumps(points((1, 2))),
            },
            "ERROR 000728: In Field: Field Height does not exist within table",
        ),
    ],
)
def test_bad_spatial_references_extents_and_fields_are_refused(
    http: requests.Session, echo: str, form: dict[str, str], expected: str
) -> None:
    assert refused(http, echo, **form)[0] == expected


# --- features and records -------------------------------------------------------------------------


def test_a_feature_set_is_echoed_with_dates_and_64_bit_values(http: requests.Session, echo: str) -> None:
    sent = points((500000, 4980000), (500010.5, 4980020))
    value = echoed(http, echo, in_features=json.dumps(sent))["in_features_out"]
    assert (value["geometryType"], value["spatialReference"], value["fields"]) == (
        "esriGeometryPoint",
        UTM15,
        [OBJECTID, NAME, SEEN, CODE],
    )
    assert value["features"] == sent["features"] and value["exceededTransferLimit"] is False
    assert value["features"][0]["attributes"]["Code"] == BIG_CODE

    without_schema = echoed(http, echo, in_features=json.dumps(points((1, 2), fields=False)))["in_features_out"]
    assert without_schema["fields"] == [OBJECTID, NAME, SEEN, CODE]  # the task's schema applies


def test_a_feature_set_of_a_filtered_out_geometry_type_is_refused(http: requests.Session, echo: str) -> None:
    lines = {
        "geometryType": "esriGeometryPolyline",
        "spatialReference": UTM15,
        "features": [{"geometry": {"paths": [[[0, 0], [1, 1]]]}, "attributes": {}}],
    }
    assert refused(http, echo, in_features=json.dumps(lines))[0].startswith(
        "ERROR 000366: In Features: Invalid geometry type esriGeometryPolyline"
    )


def test_a_record_set_is_echoed_without_geometry(http: requests.Session, echo: str) -> None:
    table = {
        "fields": [
            {"name": "ObjectID", "type": "esriFieldTypeOID", "alias": "ObjectID"},
            {"name": "created", "type": "esriFieldTypeDate", "alias": "created"},
        ],
        "features": [{"attributes": {"ObjectID": 29, "created": 1345987983000}}],
    }
    assert echoed(http, echo, in_table=json.dumps(table))["in_table_out"] == {
        "displayFieldName": "",
        **table,
        "exceededTransferLimit": False,
    }
    assert refused(http, echo, in_table=json.dumps({"features": [{"geometry": {"x": 1, "y": 2}}]}))[0] == (
        "ERROR 000628: Cannot set input into parameter In Table."
    )


def test_features_by_layer_url_and_query_url(http: requests.Session, echo: str, towers: str) -> None:
    by_layer = echoed(http, echo, in_features=json.dumps({"url": f"{towers}/0"}))["in_features_out"]
    assert [f["attributes"]["Name"] for f in by_layer["features"]] == [f"Tower {n}" for n in range(1, 6)]
    assert by_layer["fields"] == [OBJECTID, NAME] and by_layer["spatialReference"] == UTM15
    assert by_layer["features"][0]["geometry"] == {"x": 500210.0, "y": 4980220.0}

    query = f"{towers}/0/query?where={urllib.parse.quote('OBJECTID < 3')}&outFields=Name"  # no f: the server adds it
    by_query = echoed(http, echo, in_features=json.dumps({"url": query}))["in_features_out"]
    assert [f["attributes"] for f in by_query["features"]] == [{"Name": "Tower 1"}, {"Name": "Tower 2"}]

    missing = refused(http, echo, in_features=json.dumps({"url": f"{towers}/7"}))[0]
    assert missing.startswith("ERROR 000732: In Features: Dataset ") and "/FeatureServer/7" in missing


def test_features_and_records_by_uploaded_json(http: requests.Session, service: str, echo: str) -> None:
    sent = points((500000, 4980000))
    item = upload(http, service, "points.json", json.dumps(sent).encode())
    out = echoed(http, echo, in_features=json.dumps({"itemID": item}), in_table=json.dumps({"itemID": item}))
    assert out["in_features_out"]["features"] == sent["features"]
    assert out["in_table_out"]["features"] == [{"attributes": sent["features"][0]["attributes"]}]
    assert "geometryType" not in out["in_table_out"]
    not_json = upload(http, service, "points.json", b"{not json")
    assert refused(http, echo, in_features=json.dumps({"itemID": not_json}))[0].startswith(
        "ERROR 000732: In Features: Dataset "
    )


# --- files and rasters ----------------------------------------------------------------------------


def test_files_and_rasters_come_back_as_copies_with_the_same_name(
    http: requests.Session, service: str, echo: str, tmp_path: Path
) -> None:
    notes = b"a,b\n1,2\n"
    tif = geotiff(tmp_path / "dem.tif").read_bytes()
    out = echoed(
        http,
        echo,
        in_file=json.dumps({"itemID": upload(http, service, "notes.csv", notes)}),
        in_raster=json.dumps({"itemID": upload(http, service, "dem.tif", tif)}),
    )
    file_url, raster = out["in_file_out"]["url"], out["in_raster_out"]
    assert list(out["in_file_out"]) == ["url"] and file_url.endswith("/in_file/notes.csv")
    assert "/rest/directories/arcgisoutput/gp/datatypes_gpserver/_ags_" in file_url
    assert http.get(file_url).content == notes
    assert raster["format"] == "tif" and raster["url"].endswith("/dem.tif")
    assert http.get(raster["url"]).content == tif

    by_url = echoed(
        http, echo, in_file=json.dumps({"url": file_url}), in_raster_data=json.dumps({"url": raster["url"]})
    )
    assert http.get(by_url["in_file_out"]["url"]).content == notes and by_url["in_file_out"]["url"] != file_url
    assert by_url["in_raster_data_out"]["format"] == "tif"
    assert http.get(by_url["in_raster_data_out"]["url"]).content == tif


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"in_file": ("setup.exe", b"MZ")}, "ERROR 000800: In File: The value is not a member of txt | csv | json"),
        ({"in_file": ("README", b"text")}, "ERROR 000800: In File: The value is not a member of txt | csv | json"),
        ({"in_raster": ("dem.tif", b"not a raster")}, "ERROR 000732: In Raster: Dataset i"),
        ({"in_raster_data": ("notes.txt", b"a,b")}, "ERROR 000732: In Raster Data: Dataset i"),
    ],
)
def test_files_of_the_wrong_kind_are_refused(
    http: requests.Session, service: str, echo: str, form: dict[str, tuple[str, bytes]], expected: str
) -> None:
    ((param, (name, content)),) = form.items()
    item = upload(http, service, name, content)
    assert refused(http, echo, **{param: json.dumps({"itemID": item})})[0].startswith(expected)


def test_a_file_that_cannot_be_had_is_refused(http: requests.Session, gp_server: str, echo: str) -> None:
    missing = f"{gp_server}/rest/directories/arcgisoutput/none.csv"
    assert refused(http, echo, in_file=json.dumps({"url": missing}))[0].startswith("ERROR 000732: In File: ")
    assert refused(http, echo, in_file=json.dumps({"itemID": "i-not-uploaded"}))[0].startswith("ERROR 000732: In File:")
    assert refused(http, echo, in_file=json.dumps({"path": "/etc/passwd"}))[0] == (
        "ERROR 000628: Cannot set input into parameter In File."
    )


# --- the feature service --------------------------------------------------------------------------


def test_the_feature_service_and_its_layer(http: requests.Session, towers: str) -> None:
    service = http.get(towers, params={"f": "json"}).json()
    assert [(layer["id"], layer["name"]) for layer in service["layers"]] == [(0, "Towers")]
    assert service["spatialReference"] == UTM15 and service["capabilities"] == "Query"
    layer = http.get(f"{towers}/0", params={"f": "json"}).json()
    assert (layer["type"], layer["geometryType"], layer["objectIdField"]) == (
        "Feature Layer",
        "esriGeometryPoint",
        "OBJECTID",
    )
    assert layer["extent"]["spatialReference"] == UTM15 and layer["fields"] == [OBJECTID, NAME]
    assert http.get(f"{towers}/1", params={"f": "json"}).json()["error"]["code"] == 404


def test_the_feature_layer_query(http: requests.Session, towers: str) -> None:
    def query(**params: str) -> dict[str, Any]:
        return http.get(f"{towers}/0/query", params={"f": "json", **params}).json()

    everything = query(where="1=1", outFields="*")
    assert (everything["geometryType"], everything["spatialReference"]) == ("esriGeometryPoint", UTM15)
    assert everything["exceededTransferLimit"] is False and everything["objectIdFieldName"] == "OBJECTID"
    assert [f["attributes"]["OBJECTID"] for f in everything["features"]] == [1, 2, 3, 4, 5]
    named = query(where="Name = 'Tower 4' AND OBJECTID >= 2", outFields="name", returnGeometry="false")
    assert named["features"] == [{"attributes": {"Name": "Tower 4"}}] and named["fields"] == [NAME]
    in_wgs84 = query(where="OBJECTID=1", outSR="4326")
    assert in_wgs84["spatialReference"]["wkid"] == 4326
    assert in_wgs84["features"][0]["geometry"]["x"] == pytest.approx(-93.0, abs=0.5)
    for bad in ({"where": "Name > 3"}, {"where": "Height = 1"}, {"where": "drop table"}, {"outFields": "Height"}):
        assert query(**bad)["error"]["code"] == 400


# --- Secure/DataTypes: files on another host ------------------------------------------------------


def test_secure_files_are_published_on_another_host_that_refuses_tokens(http: requests.Session, gp_server: str) -> None:
    token = http.post(f"{gp_server}/tokens/generateToken", data={"f": "json", **USER}).json()["token"]
    secure = f"{gp_server}/rest/services/Secure/DataTypes/GPServer"
    answer = http.post(
        f"{secure}/uploads/upload", data={"f": "json", "token": token}, files={"file": ("notes.txt", b"secret notes")}
    ).json()
    out = {
        r["paramName"]: r["value"]
        for r in http.post(
            f"{secure}/EchoTypes/execute",
            data={"f": "json", "token": token, "in_file": json.dumps({"itemID": answer["item"]["itemID"]})},
        ).json()["results"]
    }
    url = urllib.parse.urlsplit(out["in_file_out"]["url"])
    canonical = urllib.parse.urlsplit(gp_server)
    assert (url.hostname, url.port) == ("localhost", canonical.port)
    assert url.path.startswith("/arcgis/rest/directories/arcgisoutput/public/secure/datatypes_gpserver/_ags_")
    assert url.path.endswith("/in_file/notes.txt")
    assert http.get(out["in_file_out"]["url"]).content == b"secret notes"  # no token needed there

    foreign_error = {"error": {"code": 403, "message": "A token was sent to a host that did not issue it."}}
    with_token = http.get(out["in_file_out"]["url"], params={"token": token})
    assert (with_token.status_code, with_token.json()) == (403, foreign_error)
    with_header = http.get(out["in_file_out"]["url"], headers={"X-Esri-Authorization": f"Bearer {token}"})
    assert (with_header.status_code, with_header.json()) == (403, foreign_error)
    foreign_root = f"http://localhost:{canonical.port}/arcgis"
    assert http.get(f"{foreign_root}/rest/info", params={"f": "json", "token": "anything"}).status_code == 403
    assert http.get(f"{foreign_root}/rest/info", params={"f": "json"}).json()["currentVersion"] == 11.1
    assert http.get(f"{gp_server}/rest/info", params={"f": "json", "token": token}).status_code == 200


# --- request size limit ---------------------------------------------------------------------------


def test_a_form_over_10_mib_is_refused_with_413_and_an_upload_of_that_size_is_not(
    http: requests.Session, service: str, echo: str
) -> None:
    big = "x" * BEYOND_FORM_LIMIT
    too_large = http.post(f"{echo}/execute", data={"f": "json", "in_string": big})
    assert too_large.status_code == 413
    assert too_large.json() == {
        "error": {
            "code": 413,
            "message": "Request Entity Too Large",
            "details": ["The request is larger than the server accepts (10 MB). Upload large inputs first."],
        }
    }
    chunked = http.post(
        f"{echo}/execute",
        data=(part.encode() for part in ("f=json&in_string=", big)),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert chunked.status_code == 413 and chunked.json()["error"]["code"] == 413

    item = upload(http, service, "big.txt", big.encode())
    assert http.get(f"{service}/uploads/{item}", params={"f": "json"}).json()["itemName"] == "big.txt"
    assert echoed(http, echo, in_string="still here")["in_string_out"] == "still here"  # the connection lives on
