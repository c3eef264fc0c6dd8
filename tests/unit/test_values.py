"""Every data type encoded as a server expects it, and checked against the task's rules first."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
import shapely

from encoded import param
from remote_gp.gp_core import (
    ArealUnit,
    Extent,
    FeatureSet,
    Field,
    GPWarning,
    ParameterError,
    Server,
    SpatialReference,
    TimeUnit,
)
from remote_gp.gp_core.model import DataType, Parameter
from remote_gp.gp_core.values import decode, encode

SERVER = Server("https://h/arcgis")


def sent(data_type: str, value, **extra):
    text = encode(param(data_type, **extra), value)
    return text if data_type in ("GPString", "GPStringHidden", "GPSQLExpression") else json.loads(text)


def refused(data_type: str, value, match: str, **extra) -> None:
    with pytest.raises(ParameterError, match=match):
        encode(param(data_type, **extra), value)


def test_strings_go_bare_and_choices_are_sent_as_the_task_spells_them():
    assert sent("GPString", "a b") == "a b"
    assert sent("GPSQLExpression", "POP > 10") == "POP > 10"
    assert sent("GPString", "GREEN", choiceList=["red", "green"]) == "green"
    refused("GPString", "mauve", r"'mauve' is not one of the choices: red, green", choiceList=["red", "green"])


def test_numbers_and_booleans():
    assert sent("GPLong", "7") == 7 and sent("GPLong", 7.0) == 7
    assert sent("GPDouble", "2.5") == 2.5
    assert sent("GPBoolean", "yes") is True and sent("GPBoolean", False) is False
    refused("GPLong", 7.5, "not a whole number")
    refused("GPLong", True, "not a whole number")
    refused("GPDouble", float("nan"), "not a number")
    refused("GPBoolean", "maybe", "not true or false")


def test_a_range_filter_names_the_range():
    refused(
        "GPLong",
        5000,
        "5000 is outside the accepted range -1000 to 1000",
        filter={"type": "range", "minimum": -1000, "maximum": 1000},
    )


def test_coded_values_are_sent_as_values_whether_given_by_value_or_by_name():
    coded = {"filter": {"type": "codedValue", "list": [{"name": "Low", "value": 1}, {"name": "High", "value": 3}]}}
    assert sent("GPLong", 3, **coded) == 3
    assert sent("GPLong", "high", **coded) == 3
    refused("GPLong", 2, r"not one of the accepted values: Low \(1\), High \(3\)", **coded)


def test_dates_as_epoch_milliseconds_utc():
    moment = datetime(2008, 1, 1, tzinfo=timezone.utc)
    for value in (moment, datetime(2008, 1, 1), date(2008, 1, 1), "2008-01-01T00:00:00Z", 1199145600000):
        assert sent("GPDate", value) == 1199145600000
    assert sent("GPDate", "2008-01-01T01:00:00+01:00") == 1199145600000
    refused("GPDate", "next tuesday", "not a date")


def test_quantities_with_units():
    assert sent("GPLinearUnit", "5 feet") == {"distance": 5, "units": "esriFeet"}
    assert sent("GPArealUnit", "2.5 hectares") == {"area": 2.5, "units": "esriHectares"}
    assert sent("GPArealUnit", "3 square feet") == {"area": 3, "units": "esriSquareFeet"}
    assert sent("GPArealUnit", "3 US square feet") == {"area": 3, "units": "esriSquareFeetUS"}
    assert sent("GPTimeUnit", "3 hours") == {"time": 3, "units": "esriTimeUnitsHours"}
    assert sent("GPLinearUnit", 4, defaultValue={"distance": 1, "units": "esriMiles"}) == {
        "distance": 4,
        "units": "esriMiles",
    }
    refused("GPTimeUnit", "3 fortnights", "'fortnights' is not a time unit")


def test_multivalues_are_json_arrays_never_comma_joined():
    assert encode(param("GPMultiValue:GPString"), ["a", "b,c"]) == '["a", "b,c"]'
    assert sent("GPMultiValue:GPString", "a;b") == ["a", "b"]  # arcpy's form
    assert sent("GPMultiValue:GPString", '["a", "b"]') == ["a", "b"]
    assert sent("GPMultiValue:GPDouble", [1, "2.5"]) == [1.0, 2.5]
    assert sent("GPMultiValue:GPLinearUnit", ["5 feet", "2 km"]) == [
        {"distance": 5, "units": "esriFeet"},
        {"distance": 2, "units": "esriKilometers"},
    ]
    refused("GPMultiValue:GPString", ["red", "mauve"], "'mauve' is not one of the choices", choiceList=["red"])


TABLE = {
    "parameterInfos": [
        {"name": "label", "dataType": "GPString"},
        {"name": "count", "dataType": "GPLong", "filter": {"type": "range", "minimum": 0, "maximum": 10}},
        {"name": "weight", "dataType": "GPDouble"},
    ]
}


def test_value_tables_by_position_or_by_column_name():
    assert sent("GPValueTable", [["a", "1", 2], {"Weight": 0.5, "label": "b"}], **TABLE) == [
        ["a", 1, 2.0],
        ["b", None, 0.5],
    ]
    refused("GPValueTable", [["a", 11]], r"p\[count\]': 11 is outside the accepted range 0 to 10", **TABLE)
    refused("GPValueTable", [["a", 1, 2, 3]], "at most 3 cells", **TABLE)
    refused("GPValueTable", [{"colour": 1}], "no column colour", **TABLE)


def test_composites_name_the_type_they_are_sent_as():
    composite = {"parameterInfos": [{"dataType": "GPLinearUnit"}, {"dataType": "GPDouble"}]}
    assert sent("GPComposite", "5 feet", **composite) == {
        "dataType": "GPLinearUnit",
        "value": {"distance": 5, "units": "esriFeet"},
    }
    assert sent("GPComposite", 5, **composite) == {"dataType": "GPDouble", "value": 5.0}
    assert sent("GPComposite", {"dataType": "GPLinearUnit", "value": "1 km"}, **composite)["value"] == {
        "distance": 1,
        "units": "esriKilometers",
    }
    refused("GPComposite", "blue", "fits none of its types", **composite)


def test_spatial_references_and_extents():
    assert sent("GPSpatialReference", 4326) == {"wkid": 4326}
    assert sent("GPSpatialReference", "EPSG:3857") == {"wkid": 3857}
    assert sent("GPSpatialReference", 'PROJCS["x"]') == {"wkt": 'PROJCS["x"]'}
    assert sent("GPSpatialReference", SpatialReference(wkid=102100, latest_wkid=3857)) == {
        "wkid": 102100,
        "latestWkid": 3857,
    }
    box = {"xmin": 1.0, "ymin": 2.0, "xmax": 3.0, "ymax": 4.0}
    default = {"defaultValue": {**box, "spatialReference": {"wkid": 26915}}}
    assert sent("GPExtent", (1, 2, 3, 4), **default) == {**box, "spatialReference": {"wkid": 26915}}
    assert sent("GPExtent", "1 2 3 4") == box
    assert sent("GPExtent", shapely.box(1, 2, 3, 4)) == box
    assert sent("GPExtent", {**box, "spatial_reference": {"wkid": 4326}}) == {**box, "spatialReference": {"wkid": 4326}}
    refused("GPExtent", (3, 2, 1, 4), "not an extent")


def test_a_field_by_name_is_described_as_the_input_it_depends_on_has_it():
    features = param(
        "GPFeatureRecordSetLayer",
        defaultValue={"geometryType": "esriGeometryPoint", "fields": [{"name": "POP", "type": "esriFieldTypeInteger"}]},
    )
    field = param("Field", dependency="p", filter={"type": "field", "list": ["Short", "Long"]})
    assert json.loads(encode(field, "pop", dependency=features))["type"] == "esriFieldTypeInteger"
    with pytest.raises(ParameterError, match="'AREA' is not a field of p .its fields: POP."):
        encode(field, "AREA", dependency=features)
    with pytest.raises(ParameterError, match="takes a field of type Short, Long, not Text"):
        encode(field, Field("NAME", "esriFieldTypeString"))


def test_files_are_checked_against_the_file_filter(tmp_path):
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ")
    refused(
        "GPDataFile",
        str(program),
        r"takes files of type .txt, .csv, not 'setup.exe'",
        filter={"type": "file", "list": ["txt", "csv"]},
    )
    assert sent("GPDataFile", "https://h/data/a.csv", filter={"type": "file", "list": ["csv"]}) == {
        "url": "https://h/data/a.csv"
    }


def test_record_sets_from_rows():
    table = sent(
        "GPRecordSet", [{"a": 1}, {"a": 2}], defaultValue={"fields": [{"name": "a", "type": "esriFieldTypeInteger"}]}
    )
    assert [f["attributes"] for f in table["features"]] == [{"a": 1}, {"a": 2}] and "geometryType" not in table


def test_empty_values_of_optional_inputs_are_not_sent_and_required_ones_are_refused():
    for empty in (None, "", "#", []):
        assert encode(param("GPString"), empty) is None
    required = Parameter.from_json({"name": "p", "dataType": "GPString"}, "T")
    with pytest.raises(ParameterError, match="a value is required"):
        encode(required, "#")


def test_an_unknown_data_type_is_sent_as_it_is_with_a_warning():
    with pytest.warns(GPWarning, match="'GPFancy', which Remote GP does not know"):
        assert encode(param("GPFancy"), "x") == "x"
    with pytest.warns(GPWarning, match="returned as the server sent it"):
        assert decode(DataType("GPFancy"), {"a": 1}, SERVER, "out") == {"a": 1}


def test_outputs_of_every_kind_are_decoded():
    assert decode(DataType("GPArealUnit"), {"area": 2, "units": "esriAcres"}, SERVER) == ArealUnit(2, "esriAcres")
    assert decode(DataType("GPTimeUnit"), {"time": 1, "units": "esriTimeUnitsDays"}, SERVER) == TimeUnit(
        1, "esriTimeUnitsDays"
    )
    assert decode(DataType("GPSpatialReference"), {"wkid": 102100}, SERVER).epsg == 3857
    assert decode(DataType("GPEnvelope"), {"xmin": 0, "ymin": 0, "xmax": 1, "ymax": 1}, SERVER) == Extent(0, 0, 1, 1)
    with pytest.warns(GPWarning, match="without a spatial reference"):
        decode(
            DataType("GPFeatureRecordSetLayer"),
            {"geometryType": "esriGeometryPoint", "features": [{"geometry": {"x": 1, "y": 2}}]},
            SERVER,
            "out",
        )
    assert isinstance(decode(DataType("GPRecordSet"), {"features": []}, SERVER), FeatureSet)


def test_an_output_spatial_reference_is_sent_both_ways_and_z_m_unless_refused():
    from remote_gp.gp_core import Options

    assert Options(out_sr=4326, return_z=True, return_m=False).fields() == {
        "env:outSR": "4326",
        "context": '{"outSR": {"wkid": 4326}}',
        "returnZ": "true",
        "returnM": "false",
    }
    assert Options(out_sr=SpatialReference(wkt='PROJCS["x"]')).fields()["env:outSR"] == '{"wkt": "PROJCS[\\"x\\"]"}'
    assert Options().fields() == {"returnZ": "true", "returnM": "true"}  # ArcGIS drops them unless asked
