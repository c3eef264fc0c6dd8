"""Which Processing parameter each task parameter becomes, with its kind, default, bounds and help:
EchoTypes' parameters as the reference server describes them, and descriptions that take the branches
EchoTypes does not (defaults of every kind, several layers, outputs of every kind)."""

from __future__ import annotations

from typing import Any

import pytest
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QDateTime

from remote_gp.bridge.parameters import definitions
from remote_gp.gp_core.model import Parameter

INTEGER, DOUBLE = QgsProcessingParameterNumber.Integer, QgsProcessingParameterNumber.Double
ANY_GEOMETRY, TABLE = QgsProcessing.TypeVectorAnyGeometry, QgsProcessing.TypeVector
SEPARATE = "P (separate values with ;)"
SINK = ("sink", True, "P", "TEMPORARY_OUTPUT")
UNBOUNDED = (-1.7976931348623157e308, 1.7976931348623157e308)
POINT, LINE, POLYGON = QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorLine, QgsProcessing.TypeVectorPolygon
LINEAR_UNITS = [
    *("Millimeters", "Centimeters", "Meters", "Kilometers"),
    *("Inches", "Feet", "Yards", "Miles", "NauticalMiles", "DecimalDegrees"),
]
AREAL_UNITS = [
    *("SquareMillimeters", "SquareCentimeters", "SquareMeters", "Ares", "Hectares", "SquareKilometers"),
    *("SquareInches", "SquareFeet", "SquareYards", "Acres", "SquareMiles"),
]
TIME_UNITS = ["Milliseconds", "Seconds", "Minutes", "Hours", "Days", "Weeks", "Months", "Years", "Decades", "Centuries"]


def described(definition) -> tuple:
    """What a Processing parameter (or output) is: its kind, then for parameters whether it is optional,
    its description and default, then what its class adds (bounds, options, layer types...)."""
    shown: list[Any] = [definition.type()]
    if isinstance(definition, QgsProcessingParameterDefinition):
        shown += [
            bool(definition.flags() & QgsProcessingParameterDefinition.FlagOptional),
            definition.description(),
            definition.defaultValue(),
        ]
    if isinstance(definition, QgsProcessingParameterString):
        shown.append(definition.multiLine())
    if isinstance(definition, QgsProcessingParameterNumber):
        shown += [definition.dataType(), definition.minimum(), definition.maximum()]
    if isinstance(definition, QgsProcessingParameterEnum):
        shown += [definition.options(), definition.allowMultiple(), definition.usesStaticStrings()]
    if isinstance(definition, QgsProcessingParameterFeatureSource):
        shown.append(definition.dataTypes())
    if isinstance(definition, QgsProcessingParameterMatrix):
        shown += [definition.headers(), definition.numberRows(), definition.hasFixedNumberRows()]
    if isinstance(definition, QgsProcessingParameterField):
        shown += [definition.parentLayerParameterName(), definition.dataType(), definition.allowMultiple()]
    if isinstance(definition, QgsProcessingParameterFile):
        shown += [definition.behavior(), definition.extension(), definition.fileFilter()]
    if isinstance(definition, QgsProcessingParameterFeatureSink):
        shown += [definition.dataType(), definition.createByDefault()]
    if isinstance(definition, QgsProcessingParameterFileDestination):
        shown += [definition.fileFilter(), definition.createByDefault()]
    if isinstance(definition, QgsProcessingParameterMultipleLayers):
        shown.append(definition.layerType())
    if isinstance(definition, QgsProcessingParameterDateTime):
        shown.append(definition.dataType())
    return tuple(shown)


def test_echo_types_parameters_become_the_processing_parameters_of_their_types(qgis_app, server):
    task = server.task("GP/DataTypes", "EchoTypes")
    made = {d.name(): d for p in task.parameters for d in definitions(p)}
    outputs = {d.name() for p in task.outputs for d in definitions(p)}
    assert {name: described(d) for name, d in made.items() if name not in outputs} == {
        "in_string": ("string", True, "In String", "hello", False),
        "in_hidden": ("string", True, "In Hidden", None, False),
        "in_sql": ("string", True, "In SQL", "1=1", True),
        "in_long": ("number", True, "In Long", None, INTEGER, -1000, 1000),
        "in_double": ("number", True, "In Double", None, DOUBLE, *UNBOUNDED),
        "in_bool": ("boolean", True, "In Bool", False),
        "in_date": ("datetime", True, "In Date", None, QgsProcessingParameterDateTime.DateTime),
        "in_linear": ("number", True, "In Linear", 1, DOUBLE, *UNBOUNDED),
        "in_linear_UNIT": ("enum", False, "In Linear (unit)", "Meters", LINEAR_UNITS, False, True),
        "in_areal": ("number", True, "In Areal", None, DOUBLE, *UNBOUNDED),
        "in_areal_UNIT": ("enum", False, "In Areal (unit)", "SquareMeters", AREAL_UNITS, False, True),
        "in_time": ("number", True, "In Time", None, DOUBLE, *UNBOUNDED),
        "in_time_UNIT": ("enum", False, "In Time (unit)", "Unknown", [*TIME_UNITS, "Unknown"], False, True),
        "in_file": (
            "file",
            True,
            "In File",
            None,
            QgsProcessingParameterFile.File,
            "",
            "Accepted files (*.txt *.csv *.json);;All files (*.*)",
        ),
        "in_raster": ("raster", True, "In Raster", None),
        "in_raster_data": ("raster", True, "In Raster Data", None),
        "in_features": ("source", True, "In Features", None, [POINT, POLYGON]),
        "in_table": ("source", True, "In Table", None, [QgsProcessing.TypeVector]),
        "in_strings": ("string", True, "In Strings (separate values with ;)", None, False),
        "in_doubles": ("string", True, "In Doubles (separate values with ;)", None, False),
        "in_units": ("string", True, "In Units (separate values with ;)", None, False),
        "in_table_values": ("matrix", True, "In Table Values", None, ["label", "count", "weight"], 1, False),
        "in_composite": ("string", True, "In Composite", None, False),
        "in_sr": ("crs", True, "In SR", None),
        "in_extent": ("extent", True, "In Extent", None),
        "in_field": ("field", True, "In Field", None, "in_features", QgsProcessingParameterField.Any, False),
        "in_choice": ("enum", True, "In Choice", None, ["red", "green", "blue"], False, True),
        "in_coded": ("enum", True, "In Coded", None, ["Low", "Medium", "High"], False, True),
    }
    assert {name: described(d) for name, d in made.items() if name in outputs} == {
        "in_features_out": ("sink", True, "In Features Out", "TEMPORARY_OUTPUT", POINT, True),
        "in_table_out": ("sink", True, "In Table Out", "TEMPORARY_OUTPUT", QgsProcessing.TypeVector, True),
        "in_raster_out": ("rasterDestination", True, "In Raster Out", "TEMPORARY_OUTPUT"),
        "in_raster_data_out": ("rasterDestination", True, "In Raster Data Out", "TEMPORARY_OUTPUT"),
        "in_file_out": ("fileDestination", True, "In File Out", "TEMPORARY_OUTPUT", "All files (*.*)", True),
        **{f"{name}_out": ("outputNumber",) for name in ("in_long", "in_double", "in_coded")},
        "in_bool_out": ("outputBoolean",),
        **{
            f"{name}_out": ("outputString",)
            for name in (
                "in_string",
                "in_hidden",
                "in_sql",
                "in_date",
                "in_linear",
                "in_areal",
                "in_time",
                "in_strings",
                "in_doubles",
                "in_units",
                "in_table_values",
                "in_composite",
                "in_sr",
                "in_extent",
                "in_field",
                "in_choice",
            )
        },
        "received": ("outputString",),
    }
    assert made["in_string"].help() == "Any GPString value; echoed by in_string_out."
    assert made["in_file_out"].help() == ""  # the output has no description


def made(data_type: str, output: bool = False, **description: Any) -> list[tuple]:
    body = {
        "name": "p",
        "dataType": data_type,
        "displayName": "P",
        "parameterType": "esriGPParameterTypeOptional",
        "direction": "esriGPParameterDirectionOutput" if output else "esriGPParameterDirectionInput",
        **description,
    }
    return [described(d) for d in definitions(Parameter.from_json(body, "T"))]


CODED = {"type": "codedValue", "list": [{"name": "Low", "value": 1}, {"name": "High", "value": 3}]}
POLYGON_SCHEMA = {"geometryType": "esriGeometryPolygon", "fields": []}


@pytest.mark.parametrize(
    "data_type, description, expected",
    [
        ("GPLong", {"filter": CODED, "defaultValue": 3}, [("enum", True, "P", "High", ["Low", "High"], False, True)]),
        ("GPLong", {"filter": CODED, "defaultValue": 2}, [("enum", True, "P", None, ["Low", "High"], False, True)]),
        (
            "GPString",
            {"choiceList": ["Red", "Green"], "defaultValue": "green"},
            [("enum", True, "P", "Green", ["Red", "Green"], False, True)],
        ),
        (
            "GPString",
            {"choiceList": ["Red", "Green"], "defaultValue": "blue"},
            [("enum", True, "P", None, ["Red", "Green"], False, True)],
        ),
        ("GPString", {"defaultValue": "#"}, [("string", True, "P", None, False)]),
        ("GPString", {"defaultValue": ""}, [("string", True, "P", None, False)]),
        (
            "GPMultiValue:GPString",
            {"choiceList": ["Red", "Green"], "defaultValue": ["green", "x"]},
            [("enum", True, "P", ["Green"], ["Red", "Green"], True, True)],
        ),
        (
            "GPMultiValue:GPString",
            {"choiceList": ["Red", "Green"], "defaultValue": ["x"]},
            [("enum", True, "P", None, ["Red", "Green"], True, True)],
        ),
        ("GPMultiValue:GPString", {"defaultValue": ["a", 2]}, [("string", True, SEPARATE, "a;2", False)]),
        ("GPMultiValue:GPString", {"defaultValue": []}, [("string", True, SEPARATE, None, False)]),
        ("GPMultiValue:GPFeatureRecordSetLayer", {}, [("multilayer", True, "P", None, ANY_GEOMETRY)]),
        ("GPMultiValue:GPRasterDataLayer", {}, [("multilayer", True, "P", None, QgsProcessing.TypeRaster)]),
        ("GPBoolean", {"defaultValue": True}, [("boolean", True, "P", True)]),
        ("GPBoolean", {}, [("boolean", True, "P", False)]),
        ("GPBoolean", {"defaultValue": {"fields": []}}, [("boolean", True, "P", False)]),  # a schema is no default
        (
            "GPLong",
            {"defaultValue": 5, "filter": {"type": "range", "minimum": -5, "maximum": 10**400}},
            [("number", True, "P", 5, INTEGER, -5, UNBOUNDED[1])],
        ),
        ("GPDouble", {"defaultValue": "5"}, [("number", True, "P", None, DOUBLE, *UNBOUNDED)]),
        (
            "GPLinearUnit",
            {"defaultValue": {"distance": 2, "units": "esriFeet"}},
            [
                ("number", True, "P", 2, DOUBLE, *UNBOUNDED),
                ("enum", False, "P (unit)", "Feet", LINEAR_UNITS, False, True),
            ],
        ),
        (
            "GPLinearUnit",
            {"defaultValue": {"distance": "2", "units": "esriFurlongs"}},
            [
                ("number", True, "P", None, DOUBLE, *UNBOUNDED),
                ("enum", False, "P (unit)", None, LINEAR_UNITS, False, True),
            ],
        ),
        (
            "GPTimeUnit",
            {"defaultValue": {"time": 3, "units": "esriTimeUnitsHours"}},
            [
                ("number", True, "P", 3, DOUBLE, *UNBOUNDED),
                ("enum", False, "P (unit)", "Hours", TIME_UNITS, False, True),
            ],
        ),
        (
            "GPLinearUnit",
            {"defaultValue": {"distance": 2, "units": "esriIntFeet"}},  # a unit not offered, but the task's
            [
                ("number", True, "P", 2, DOUBLE, *UNBOUNDED),
                ("enum", False, "P (unit)", "IntFeet", [*LINEAR_UNITS, "IntFeet"], False, True),
            ],
        ),
        (
            "GPValueTable",
            {
                "parameterInfos": [{"name": "n", "dataType": "GPLong"}, {"name": "s", "dataType": "GPString"}],
                "defaultValue": [[1, "a"], "junk", [2, "b"]],
            },
            [("matrix", True, "P", [1, "a", 2, "b"], ["n", "s"], 1, False)],
        ),
        ("GPValueTable", {"defaultValue": "1 a"}, [("string", True, "P", "1 a", False)]),
        ("GPFancyNewType", {"defaultValue": 5}, [("string", True, "P", None, False)]),
        (
            "GPFeatureRecordSetLayer",
            {"defaultValue": {"geometryType": "esriGeometryEnvelope", "fields": []}},
            [("source", True, "P", None, [POLYGON])],
        ),
        (
            "GPFeatureRecordSetLayer",
            {
                "filter": {"type": "featureClass", "list": ["esriGeometryPolyline", "Other"]},
                "defaultValue": POLYGON_SCHEMA,
            },
            [("source", True, "P", None, [LINE])],
        ),
        ("GPFeatureRecordSetLayer", {}, [("source", True, "P", None, [ANY_GEOMETRY])]),
        (
            "Field",
            {"dependency": "layer", "filter": {"type": "field", "list": ["Short", "Double"]}},
            [("field", True, "P", None, "layer", QgsProcessingParameterField.Numeric, False)],
        ),
        (
            "Field",
            {"filter": {"type": "field", "list": ["Text", "Date"]}},
            [("field", True, "P", None, "", QgsProcessingParameterField.Any, False)],
        ),
    ],
)
def test_a_task_input_becomes_the_parameter_its_type_and_default_call_for(qgis_app, data_type, description, expected):
    assert made(data_type, **description) == expected


def test_a_date_default_is_the_moment_it_counts_in_milliseconds(qgis_app):
    [(kind, optional, label, default, date_kind)] = made("GPDate", defaultValue=1577934245000)
    assert default == QDateTime.fromMSecsSinceEpoch(1577934245000)
    assert date_kind == QgsProcessingParameterDateTime.DateTime


@pytest.mark.parametrize(
    "data_type, description, expected",
    [
        ("GPFeatureRecordSetLayer", {"defaultValue": POLYGON_SCHEMA}, (*SINK, POLYGON, True)),
        (
            "GPFeatureRecordSetLayer",
            {"defaultValue": {"geometryType": "esriGeometryMultipoint", "fields": []}},
            (*SINK, POINT, True),
        ),
        ("GPFeatureRecordSetLayer", {}, (*SINK, ANY_GEOMETRY, True)),
        ("GPRecordSet", {"defaultValue": POLYGON_SCHEMA}, (*SINK, TABLE, True)),
        ("GPRasterDataLayer", {}, ("rasterDestination", True, "P", "TEMPORARY_OUTPUT")),
        ("GPDataFile", {}, ("fileDestination", True, "P", "TEMPORARY_OUTPUT", "All files (*.*)", True)),
        ("GPMultiValue:GPFeatureRecordSetLayer", {}, ("folderDestination", True, "P", "TEMPORARY_OUTPUT")),
        ("GPMultiValue:GPRasterDataLayer", {}, ("folderDestination", True, "P", "TEMPORARY_OUTPUT")),
        ("GPMultiValue:GPDataFile", {}, ("folderDestination", True, "P", "TEMPORARY_OUTPUT")),
        ("GPMultiValue:GPString", {}, ("outputString",)),
        ("GPLong", {}, ("outputNumber",)),
        ("GPDouble", {}, ("outputNumber",)),
        ("GPBoolean", {}, ("outputBoolean",)),
        ("GPDate", {}, ("outputString",)),
    ],
)
def test_a_task_output_becomes_the_destination_or_output_its_type_calls_for(qgis_app, data_type, description, expected):
    assert made(data_type, output=True, **description) == [expected]


def test_a_description_is_the_help_of_each_processing_parameter_it_makes(qgis_app):
    body = {"name": "d", "dataType": "GPLinearUnit", "description": "How far."}
    number, unit = definitions(Parameter.from_json(body, "T"))
    assert (number.help(), unit.help()) == ("How far.", "How far.")
    output = definitions(
        Parameter.from_json({**body, "dataType": "GPDataFile", "direction": "esriGPParameterDirectionOutput"}, "T")
    )[0]
    assert output.help() == "How far."
    assert definitions(Parameter.from_json({"name": "d", "dataType": "GPLong"}, "T"))[0].help() == ""
