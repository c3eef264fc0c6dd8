"""Values on the wire for the inputs the other tests leave aside: booleans given as text, lists of
one, files, features from a path, value tables without columns, composites, extents from anything
(gp_core.values; written to kill the mutants `make mutation` found surviving)."""
from __future__ import annotations

import json

import pytest
import shapely

from encoded import param, refused, sent
from remote_gp.gp_core import FeatureSet, Field, ParameterError, Server
from remote_gp.gp_core.model import DataType
from remote_gp.gp_core.remote import ImageService, RemoteFile
from remote_gp.gp_core.values import encode, holds_data

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
        {"distance": 4, "units": "esriMiles"}, {"distance": 3, "units": "esriKilometers"}]
    assert sent("GPMultiValue:GPLinearUnit", [4], defaultValue=[]) == [{"distance": 4, "units": "esriMeters"}]


def test_features_from_a_geojson_file(tmp_path):
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Point", "coordinates": [1.5, 2.5]}}]}))
    body = sent("GPFeatureRecordSetLayer", str(path), defaultValue={"geometryType": "esriGeometryPoint"})
    assert body["geometryType"] == "esriGeometryPoint"
    assert [f["geometry"] for f in body["features"]] == [{"x": 1.5, "y": 2.5}]
    assert [f["attributes"]["name"] for f in body["features"]] == ["a"]


def test_features_are_no_list_of_rows_and_no_number():
    points = {"defaultValue": {"geometryType": "esriGeometryPoint", "fields": [{"name": "a", "type": "esriFieldTypeInteger"}]}}
    assert refused("GPFeatureRecordSetLayer", [{"a": 1}], **points) == (
        "Parameter 'p': list cannot be sent as features: give a FeatureSet, a file path, a feature layer URL or "
        "{'itemID': ...}.")
    assert "int cannot be sent as features" in refused("GPFeatureRecordSetLayer", 5)


def test_a_table_from_rows_takes_the_fields_its_default_declares_in_either_spelling():
    for key in ("fields", "Fields"):
        table = sent("GPRecordSet", [{"a": 1}], defaultValue={key: [{"name": "a", "type": "esriFieldTypeInteger"}]})
        assert table["fields"] == [{"name": "a", "type": "esriFieldTypeInteger", "alias": "a"}]
        assert [f["attributes"] for f in table["features"]] == [{"a": 1}]


def test_features_take_the_geometry_type_their_default_declares():
    features = FeatureSet()
    features.add(shapely.Point(1, 2), {})
    refusal = refused("GPFeatureRecordSetLayer", features.to_json() | {"geometryType": "esriGeometryPoint"},
                      defaultValue={"geometryType": "esriGeometryPolygon"}, filter={"type": "featureClass",
                                                                                    "list": ["esriGeometryPolygon"]})
    assert refusal == "Parameter 'p': takes polygons, not points."


def test_values_given_as_json_with_nan_are_refused_not_sent():
    assert refused("GPFeatureRecordSetLayer", {"features": [{"attributes": {"a": float("nan")}}]}) == (
        "Parameter 'p': holds NaN or an infinite number, which JSON cannot carry.")


def test_files_given_as_remote_files_image_services_or_json_are_sent_as_they_are():
    assert sent("GPDataFile", RemoteFile("https://h/out/a.csv", SERVER)) == {"url": "https://h/out/a.csv"}
    assert sent("GPRasterDataLayer", ImageService("https://h/rest/services/dem/ImageServer")) == {
        "url": "https://h/rest/services/dem/ImageServer"}
    assert sent("GPDataFile", {"itemID": "i3f5"}) == {"itemID": "i3f5"}


def test_files_that_cannot_be_sent_are_refused_saying_why(tmp_path):
    assert refused("GPDataFile", 5) == "Parameter 'p': int is not a file: give a local path, a URL or {'itemID': ...}."
    missing = tmp_path / "missing.csv"
    assert refused("GPDataFile", str(missing)) == (
        f"Parameter 'p': '{missing}' does not exist (give a local file or a URL).")
    present = tmp_path / "present.csv"
    present.write_text("a\n1\n")
    assert refused("GPDataFile", present) == (
        f"Parameter 'p': '{present}' is a local file, but the service does not accept uploads: give a URL the "
        "server can read instead.")


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
        "Parameter 'p': row 2 must have at most 2 cells (label, count).")
    assert refused("GPValueTable", [{"label": "a"}, {"size": 1}], **TABLE) == (
        "Parameter 'p': row 2 has no column size (the columns: label, count).")


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
        "as GPLinearUnit: 'blue' is not a linear unit: give e.g. '5 Feet'.).")


def test_a_field_given_as_a_field_is_checked_against_the_field_filter():
    field = param("Field", filter={"type": "field", "list": ["Short", "Long"]})
    assert json.loads(encode(field, Field("POP", "esriFieldTypeInteger"))) == {
        "name": "POP", "type": "esriFieldTypeInteger", "alias": "POP"}
    with pytest.raises(ParameterError, match="takes a field of type Short, Long, not Text"):
        encode(field, {"name": "NAME", "type": "esriFieldTypeString"})


@pytest.mark.parametrize("given", [5, (1, 2, 3), "1 2 3", [1, 2, 3, 4, 5], object()])
def test_what_is_no_extent_is_refused_as_no_extent(given):
    assert refused("GPExtent", given).startswith(f"Parameter 'p': {given!r} is not an extent: give an Extent")


def test_an_extent_of_a_line_is_its_bounding_box():
    assert sent("GPExtent", shapely.LineString([(3, 1), (1, 4)])) == {"xmin": 1, "ymin": 1, "xmax": 3, "ymax": 4}


@pytest.mark.parametrize("data_type, value, expected", [
    ("GPString", None, False), ("GPString", "", False), ("GPString", " # ", False), ("GPLong", [], False),
    ("GPLong", 0, True), ("GPString", "x", True), ("GPBoolean", False, True),
    ("GPFeatureRecordSetLayer", {"fields": [], "features": []}, False),
    ("GPFeatureRecordSetLayer", {"url": "https://h/layer/0"}, True),
    ("GPDataFile", {"itemID": "i1"}, True), ("GPDataFile", {"url": " "}, False),
    ("GPMultiValue:GPString", ["", "a"], True), ("GPMultiValue:GPString", ["", "#"], False),
])
def test_what_holds_data_a_task_can_run_with(data_type, value, expected):
    assert holds_data(DataType(data_type), value) is expected
