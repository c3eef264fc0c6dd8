"""Values on the wire for the inputs the other tests leave aside: booleans given as text, lists of
one, files, features from a path, value tables without columns, composites, extents from anything
(gp_core.values; written to kill the mutants `make mutation` found surviving)."""

from __future__ import annotations

import json

import pytest
import shapely

from encoded import param, refused, sent
from remote_gp.gp_core import BadResponse, Extent, FeatureSet, Field, ParameterError, Server, TransferLimitExceeded
from remote_gp.gp_core.model import DataType, Service, Task
from remote_gp.gp_core.remote import FeatureService, ImageService, MapImage, RasterFile, RemoteFile
from remote_gp.gp_core.values import decode, encode, holds_data, is_pageable, read_output

SERVER = Server("https://h/arcgis")


@pytest.mark.parametrize("given", ["false", "False", " FALSE ", "no", "No", "0", 0, False])
def test_a_boolean_given_as_false_in_any_spelling_is_sent_as_false(given):
    assert encode(param("GPBoolean"), given) == "false"


@pytest.mark.parametrize("given", ["true", "TRUE", "yes", "1", 1, True])
def test_a_boolean_given_as_true_in_any_spelling_is_sent_as_true(given):
    assert encode(param("GPBoolean"), given) == "true"


@pytest.mark.parametrize("given", ["2", "off", "y", 2, 0.5])
def test_anything_else_is_no_boolean(given):
    assert refused("GPBoolean", given) == f"Parameter 'p': {given!r} is not true or false."


def test_a_single_value_for_a_multivalue_is_a_list_of_one():
    assert encode(param("GPMultiValue:GPLong"), 5) == "[5]"
    assert encode(param("GPMultiValue:GPDouble"), 2.5) == "[2.5]"


def test_a_multivalue_of_units_takes_the_default_units_of_its_first_default():
    default = {"defaultValue": [{"distance": 1, "units": "esriMiles"}, {"distance": 2, "units": "esriFeet"}]}
    assert sent("GPMultiValue:GPLinearUnit", [4, "3 km"], **default) == [
        {"distance": 4, "units": "esriMiles"},
        {"distance": 3, "units": "esriKilometers"},
    ]
    assert sent("GPMultiValue:GPLinearUnit", [4], defaultValue=[]) == [{"distance": 4, "units": "esriMeters"}]


def test_features_from_a_geojson_file(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "a"},
                        "geometry": {"type": "Point", "coordinates": [1.5, 2.5]},
                    }
                ],
            }
        )
    )
    body = sent("GPFeatureRecordSetLayer", str(path), defaultValue={"geometryType": "esriGeometryPoint"})
    assert body["geometryType"] == "esriGeometryPoint"
    assert [f["geometry"] for f in body["features"]] == [{"x": 1.5, "y": 2.5}]
    assert [f["attributes"]["name"] for f in body["features"]] == ["a"]


def test_features_are_no_list_of_rows_and_no_number():
    points = {
        "defaultValue": {"geometryType": "esriGeometryPoint", "fields": [{"name": "a", "type": "esriFieldTypeInteger"}]}
    }
    assert refused("GPFeatureRecordSetLayer", [{"a": 1}], **points) == (
        "Parameter 'p': list cannot be sent as features: give a FeatureSet, a file path, a feature layer URL or "
        "{'itemID': ...}."
    )
    assert "int cannot be sent as features" in refused("GPFeatureRecordSetLayer", 5)


def test_a_table_from_rows_takes_the_fields_its_default_declares_in_either_spelling():
    for key in ("fields", "Fields"):
        table = sent("GPRecordSet", [{"a": 1}], defaultValue={key: [{"name": "a", "type": "esriFieldTypeInteger"}]})
        assert table["fields"] == [{"name": "a", "type": "esriFieldTypeInteger", "alias": "a"}]
        assert [f["attributes"] for f in table["features"]] == [{"a": 1}]


def test_features_take_the_geometry_type_their_default_declares():
    features = FeatureSet()
    features.add(shapely.Point(1, 2), {})
    refusal = refused(
        "GPFeatureRecordSetLayer",
        features.to_json() | {"geometryType": "esriGeometryPoint"},
        defaultValue={"geometryType": "esriGeometryPolygon"},
        filter={"type": "featureClass", "list": ["esriGeometryPolygon"]},
    )
    assert refusal == "Parameter 'p': takes polygons, not points."


def test_values_given_as_json_with_nan_are_refused_not_sent():
    assert refused("GPFeatureRecordSetLayer", {"features": [{"attributes": {"a": float("nan")}}]}) == (
        "Parameter 'p': holds NaN or an infinite number, which JSON cannot carry."
    )


def test_files_given_as_remote_files_image_services_or_json_are_sent_as_they_are():
    assert sent("GPDataFile", RemoteFile("https://h/out/a.csv", SERVER)) == {"url": "https://h/out/a.csv"}
    assert sent("GPRasterDataLayer", ImageService("https://h/rest/services/dem/ImageServer")) == {
        "url": "https://h/rest/services/dem/ImageServer"
    }
    assert sent("GPDataFile", {"itemID": "i3f5"}) == {"itemID": "i3f5"}


def test_files_that_cannot_be_sent_are_refused_saying_why(tmp_path):
    assert refused("GPDataFile", 5) == "Parameter 'p': int is not a file: give a local path, a URL or {'itemID': ...}."
    missing = tmp_path / "missing.csv"
    assert refused("GPDataFile", str(missing)) == (
        f"Parameter 'p': '{missing}' does not exist (give a local file or a URL)."
    )
    present = tmp_path / "present.csv"
    present.write_text("a\n1\n")
    assert refused("GPDataFile", present) == (
        f"Parameter 'p': '{present}' is a local file, but the service does not accept uploads: give a URL the "
        "server can read instead."
    )


def test_a_local_file_is_uploaded_and_sent_by_its_item_id(tmp_path):
    present = tmp_path / "present.csv"
    present.write_text("a\n1\n")
    uploaded = []
    text = encode(param("GPDataFile"), str(present), uploader=lambda path: uploaded.append(path) or "i42")
    assert json.loads(text) == {"itemID": "i42"} and uploaded == [present]


TABLE = {"parameterInfos": [{"name": "label", "dataType": "GPString"}, {"name": "count", "dataType": "GPLong"}]}


def test_value_tables_are_lists_of_rows_numbered_from_one():
    assert refused("GPValueTable", "a 1", **TABLE) == "Parameter 'p': a value table is a list of rows."
    assert refused("GPValueTable", [["a", 1], ["b", 2, 3]], **TABLE) == (
        "Parameter 'p': row 2 must have at most 2 cells (label, count)."
    )
    assert refused("GPValueTable", [{"label": "a"}, {"size": 1}], **TABLE) == (
        "Parameter 'p': row 2 has no column size (the columns: label, count)."
    )


def test_a_value_table_without_columns_is_sent_as_given():
    assert sent("GPValueTable", [["a", 1], ["b"]]) == [["a", 1], ["b"]]


def test_a_composite_tries_its_types_in_order_for_text_and_numbers_first_for_a_number():
    composite = {"parameterInfos": [{"dataType": "GPString"}, {"dataType": "GPLong"}]}
    assert sent("GPComposite", "5", **composite) == {"dataType": "GPString", "value": "5"}
    assert sent("GPComposite", 5, **composite) == {"dataType": "GPLong", "value": 5}
    assert sent("GPComposite", True, **composite) == {"dataType": "GPString", "value": "True"}


def test_a_composite_that_fits_none_of_its_types_says_why_for_each():
    composite = {"parameterInfos": [{"dataType": "GPLong"}, {"dataType": "GPLinearUnit"}]}
    assert refused("GPComposite", "blue", **composite) == (
        "Parameter 'p': 'blue' fits none of its types (as GPLong: Parameter 'p': 'blue' is not a whole number.; "
        "as GPLinearUnit: 'blue' is not a linear unit: give e.g. '5 Feet'.)."
    )


def test_a_field_given_as_a_field_is_checked_against_the_field_filter():
    field = param("Field", filter={"type": "field", "list": ["Short", "Long"]})
    assert json.loads(encode(field, Field("POP", "esriFieldTypeInteger"))) == {
        "name": "POP",
        "type": "esriFieldTypeInteger",
        "alias": "POP",
    }
    with pytest.raises(ParameterError, match="takes a field of type Short, Long, not Text"):
        encode(field, {"name": "NAME", "type": "esriFieldTypeString"})


@pytest.mark.parametrize("given", [5, (1, 2, 3), "1 2 3", [1, 2, 3, 4, 5], object()])
def test_what_is_no_extent_is_refused_as_no_extent(given):
    assert refused("GPExtent", given).startswith(f"Parameter 'p': {given!r} is not an extent: give an Extent")


def test_an_extent_of_a_line_is_its_bounding_box():
    assert sent("GPExtent", shapely.LineString([(3, 1), (1, 4)])) == {"xmin": 1, "ymin": 1, "xmax": 3, "ymax": 4}


@pytest.mark.parametrize(
    "data_type, value, expected",
    [
        ("GPString", None, False),
        ("GPString", "", False),
        ("GPString", " # ", False),
        ("GPLong", [], False),
        ("GPLong", 0, True),
        ("GPString", "x", True),
        ("GPBoolean", False, True),
        ("GPFeatureRecordSetLayer", {"fields": [], "features": []}, False),
        ("GPFeatureRecordSetLayer", {"url": "https://h/layer/0"}, True),
        ("GPDataFile", {"itemID": "i1"}, True),
        ("GPDataFile", {"url": " "}, False),
        ("GPMultiValue:GPString", ["", "a"], True),
        ("GPMultiValue:GPString", ["", "#"], False),
    ],
)
def test_what_holds_data_a_task_can_run_with(data_type, value, expected):
    assert holds_data(DataType(data_type), value) is expected


# -- outputs -----------------------------------------------------------------------------------------


def decoded(data_type: str, value):
    return decode(DataType(data_type), value, SERVER, "out")


def test_a_null_output_is_none_whatever_its_type():
    for data_type in ("GPLong", "GPString", "GPFeatureRecordSetLayer", "GPLinearUnit", "GPMultiValue:GPLong"):
        assert decoded(data_type, None) is None


def test_an_output_drawn_by_the_result_map_service_is_a_map_image_whatever_its_type():
    image = {
        "mapImage": {
            "href": "https://h/out.png",
            "width": 400,
            "height": 0,
            "scale": 5000,
            "extent": {"xmin": 0, "ymin": 0, "xmax": 1, "ymax": 1},
        }
    }
    picture = decoded("GPFeatureRecordSetLayer", image)
    assert picture == MapImage("https://h/out.png", 400, None, Extent(0, 0, 1, 1), 5000)


def test_feature_outputs_are_features_or_a_feature_service():
    assert decoded("GPFeatureRecordSetLayer", {"url": "https://h/FeatureServer/0"}) == FeatureService(
        "https://h/FeatureServer/0"
    )
    with_features = decoded("GPFeatureRecordSetLayer", {"url": "https://h/x", "features": [{"attributes": {"a": 1}}]})
    assert isinstance(with_features, FeatureSet)
    assert [f["attributes"] for f in with_features.to_json()["features"]] == [{"a": 1}]
    assert len(decoded("GPRecordSet", {"fields": []})) == 0


@pytest.mark.parametrize(
    "data_type, value, message",
    [
        (
            "GPFeatureRecordSetLayer",
            [1],
            "a GPFeatureRecordSetLayer value must be a JSON object (features, or a url), not [1].",
        ),
        (
            "GPRasterDataLayer",
            "https://h/r.tif",
            "a GPRasterDataLayer value must be a JSON object with a url, not 'https://h/r.tif'.",
        ),
        ("GPRasterDataLayer", {"format": "tif"}, "a GPRasterDataLayer value must hold a url, not {'format': 'tif'}."),
        ("GPDataFile", {"url": ""}, "a GPDataFile value must hold a url, not {'url': ''}."),
        ("GPDataFile", {"url": 5}, "a GPDataFile value must hold a url, not {'url': 5}."),
        ("GPValueTable", {"rows": []}, "a GPValueTable value must be a list of rows, not {'rows': []}."),
        (
            "GPMultiValue:GPMultiValue:GPLong",
            [[1]],
            "GPMultiValue:GPMultiValue:GPLong is not a data type: a multivalue holds single values.",
        ),
        ("GPLong", 2.5, "a GPLong value must be a whole number, not 2.5."),
    ],
)
def test_outputs_of_the_wrong_json_type_are_bad_responses(data_type, value, message):
    with pytest.raises(BadResponse) as caught:
        decoded(data_type, value)
    assert str(caught.value) == message


def test_raster_outputs_are_image_services_or_files_of_their_format():
    assert decoded("GPRasterDataLayer", {"url": "https://h/ImageServer", "type": "ImageService"}) == ImageService(
        "https://h/ImageServer"
    )
    formats = (({"format": "png"}, "png"), ({"format": ""}, "tif"), ({"format": 5}, "tif"), ({}, "tif"))
    for value, file_format in formats:
        raster = decoded("GPRasterData", {"url": "https://h/out/r", **value})
        assert isinstance(raster, RasterFile) and raster.url == "https://h/out/r" and raster.format == file_format


def test_a_value_table_output_is_its_rows():
    assert decoded("GPValueTable", [["a", 1], ["b", 2]]) == [["a", 1], ["b", 2]]


SYNC = Service.from_json({"tasks": ["T"], "executionType": "esriExecutionTypeSynchronous"}, "https://h/S/GPServer", "S")
ASYNC = Service.from_json({"tasks": ["T"]}, "https://h/S/GPServer", "S")
MAPPED = Service.from_json(
    {"tasks": ["T"], "resultMapServerName": "S", "maximumRecords": 1000}, "https://h/S/GPServer", "S"
)


@pytest.mark.parametrize(
    "service, data_type, reason",
    [
        (
            SYNC,
            "GPFeatureRecordSetLayer",
            "The task runs synchronously: there is no job whose result map service could return them.",
        ),
        (
            ASYNC,
            "GPFeatureRecordSetLayer",
            "The service has no result map service that could return them page by page.",
        ),
        (
            MAPPED,
            "GPRecordSet",
            "The result map service returns only feature outputs page by page, not tables or lists of them.",
        ),
        (
            MAPPED,
            "GPMultiValue:GPFeatureRecordSetLayer",
            "The result map service returns only feature outputs page by page, not tables or lists of them.",
        ),
    ],
)
def test_features_cut_at_the_transfer_limit_say_why_they_cannot_be_paged(service, data_type, reason):
    task = Task.from_json({"name": "T", "parameters": []}, "https://h/S/GPServer/T", service)
    assert not is_pageable(task, DataType(data_type))
    cut = {"exceededTransferLimit": True, "features": [{"attributes": {"a": 1}}]}
    with pytest.raises(TransferLimitExceeded) as caught:
        read_output(task, "out", DataType(data_type), [cut] if data_type.startswith("GPMulti") else cut, SERVER)
    assert reason in str(caught.value)


def test_only_a_feature_output_of_a_job_with_a_result_map_service_can_be_paged():
    task = Task.from_json({"name": "T", "parameters": []}, "https://h/S/GPServer/T", MAPPED)
    assert is_pageable(task, DataType("GPFeatureRecordSetLayer"))


@pytest.mark.parametrize(
    "data_type, value, message",
    [
        ("GPLong", "5", "a GPLong value must be a whole number, not '5'."),
        ("GPDouble", "2.5", "a GPDouble value must be a number, not '2.5'."),
        ("GPDouble", True, "a GPDouble value must be a number, not True."),
        ("GPString", True, "a GPString value must be text, not True."),
        ("GPString", 5, "a GPString value must be text, not 5."),
        ("GPBoolean", "true", "a GPBoolean value must be true or false, not 'true'."),
        ("GPDate", [2008], "a GPDate value must be a date (epoch milliseconds), not [2008]."),
    ],
)
def test_single_outputs_of_another_json_type_are_bad_responses(data_type, value, message):
    with pytest.raises(BadResponse) as caught:
        decoded(data_type, value)
    assert str(caught.value) == message


def test_a_bad_output_is_named_with_its_task_and_its_address():
    task = Task.from_json({"name": "T", "parameters": []}, "https://h/S/GPServer/T", ASYNC)
    with pytest.raises(BadResponse) as caught:
        read_output(task, "out", DataType("GPLong"), "many", SERVER)
    assert str(caught.value) == (
        "https://h/S/GPServer/T: the output 'out' of task 'T' cannot be read: a GPLong "
        "value must be a whole number, not 'many'."
    )


@pytest.mark.parametrize(
    "image, message",
    [
        ({"width": 1}, "a map image must have an href, not {'width': 1}."),
        ({"href": ""}, "a map image must have an href, not {'href': ''}."),
        ({"href": 5}, "a map image must have an href, not {'href': 5}."),
    ],
)
def test_a_map_image_without_an_href_is_a_bad_response(image, message):
    with pytest.raises(BadResponse) as caught:
        decoded("GPFeatureRecordSetLayer", {"mapImage": image})
    assert str(caught.value) == message


def test_a_map_image_keeps_only_sizes_that_are_whole_positive_numbers():
    picture = decoded("GPRasterDataLayer", {"mapImage": {"href": "https://h/a.png", "width": 1, "height": True}})
    assert (picture.width, picture.height, picture.extent, picture.scale) == (1, None, None, None)
    picture = decoded("GPRasterDataLayer", {"mapImage": {"href": "https://h/a.png", "width": -3, "height": 2.5}})
    assert (picture.width, picture.height) == (None, None)


def test_only_features_with_geometries_but_no_spatial_reference_warn(recwarn):
    decoded("GPRecordSet", {"features": [{"attributes": {"a": 1}}]})
    decoded(
        "GPFeatureRecordSetLayer",
        {
            "geometryType": "esriGeometryPoint",
            "spatialReference": {"wkid": 4326},
            "features": [{"geometry": {"x": 1, "y": 2}}],
        },
    )
    decoded("GPFeatureRecordSetLayer", {"geometryType": "esriGeometryPoint", "features": []})
    assert not recwarn.list


def test_spatial_references_given_as_json():
    assert sent("GPSpatialReference", {"wkid": 4326}) == {"wkid": 4326}
    assert sent("GPCoordinateSystem", {"wkt": 'GEOGCS["x"]'}) == {"wkt": 'GEOGCS["x"]'}
    assert refused("GPSpatialReference", {"name": "WGS 84"}) == (
        "Parameter 'p': {'name': 'WGS 84'} is not a spatial reference: give a WKID, 'EPSG:<code>', WKT or "
        "{'wkid': ...}."
    )


def test_an_extent_of_four_values_that_are_not_numbers_is_no_extent():
    assert refused("GPExtent", ("a", "b", "c", "d")).startswith("Parameter 'p': ('a', 'b', 'c', 'd') is not an extent")


def test_a_field_by_name_without_an_input_to_describe_it_is_sent_by_name():
    assert sent("Field", "POP") == {"name": "POP"}


def test_a_field_by_name_is_checked_against_the_field_filter_as_its_input_describes_it():
    features = param(
        "GPFeatureRecordSetLayer",
        defaultValue={"geometryType": "esriGeometryPoint", "fields": [{"name": "NAME", "type": "esriFieldTypeString"}]},
    )
    field = param("Field", dependency="p", filter={"type": "field", "list": ["Short", "Long"]})
    with pytest.raises(ParameterError) as caught:
        encode(field, "name", dependency=features)
    assert str(caught.value) == "Parameter 'p': takes a field of type Short, Long, not Text."


def test_features_cut_at_the_limit_of_a_pageable_output_say_so_without_a_reason():
    task = Task.from_json({"name": "T", "parameters": []}, "https://h/S/GPServer/T", MAPPED)
    with pytest.raises(TransferLimitExceeded) as caught:
        read_output(
            task,
            "out",
            DataType("GPFeatureRecordSetLayer"),
            {"exceededTransferLimit": True, "features": [{"attributes": {"a": 1}}]},
            SERVER,
        )
    assert "(its limit: 1000 records, maximumRecords), so they were not returned.  To get them" in str(caught.value)


def test_a_file_of_points_is_refused_where_the_task_declares_polygons(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1.5, 2.5]}}
                ],
            }
        )
    )
    message = refused("GPFeatureRecordSetLayer", str(path), defaultValue={"geometryType": "esriGeometryPolygon"})
    assert message == f"Parameter 'p': '{path}' holds points, but polygons are needed here."
