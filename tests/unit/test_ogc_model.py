"""JSON Schemas of process inputs and outputs, as the OGC standard's examples and servers write them,
classified into kinds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from remote_gp.gp_core import BadResponse, ParameterError
from remote_gp.gp_core.ogc_model import Kind, Process, classify
from remote_gp.gp_core.ogc_server import OgcServer
from remote_gp.gp_core.ogc_values import decode_output, encode_value, results_map

BBOX_REF = (
    "https://raw.githubusercontent.com/opengeospatial/ogcapi-processes/master/openapi/schemas/processes-core/bbox.yaml"
)


@pytest.mark.parametrize(
    ("schema", "kind"),
    [
        ({"type": "number"}, Kind.NUMBER),
        ({"type": ["number", "null"]}, Kind.NUMBER),
        ({"type": "integer", "minimum": 1}, Kind.INTEGER),
        ({"type": "string"}, Kind.STRING),
        ({"type": "string", "format": "date-time"}, Kind.STRING),
        ({"type": "string", "enum": ["a", "b"]}, Kind.ENUM),
        ({"enum": [1, 2, 3]}, Kind.ENUM),
        ({"type": "boolean"}, Kind.BOOLEAN),
        ({"allOf": [{"format": "ogc-bbox"}, {"$ref": BBOX_REF}]}, Kind.BBOX),
        (
            {
                "type": "object",
                "required": ["bbox"],
                "properties": {"bbox": {"type": "array"}, "crs": {"type": "string"}},
            },
            Kind.BBOX,
        ),
        ({"type": "array", "items": {"type": "string"}}, Kind.ARRAY),
        ({"type": "string", "contentMediaType": "application/geo+json"}, Kind.FEATURES),
        ({"$ref": "https://geojson.org/schema/FeatureCollection.json"}, Kind.FEATURES),
        ({"type": "object", "format": "geojson-feature-collection"}, Kind.FEATURES),
        (
            {
                "oneOf": [
                    {
                        "type": "string",
                        "contentEncoding": "binary",
                        "contentMediaType": "image/tiff; application=geotiff",
                    },
                    {"type": "string", "contentEncoding": "binary", "contentMediaType": "image/jp2"},
                ]
            },
            Kind.RASTER,
        ),
        ({"type": "string", "contentEncoding": "base64", "contentMediaType": "image/tiff"}, Kind.RASTER),
        ({"type": "string", "contentEncoding": "base64"}, Kind.COMPLEX),
        ({"type": "string", "contentMediaType": "application/xml"}, Kind.COMPLEX),
        ({"type": "object"}, Kind.COMPLEX),
        ({}, Kind.COMPLEX),
        (True, Kind.COMPLEX),
        ({"anyOf": [{"type": "null"}, {"type": "integer"}]}, Kind.INTEGER),
        ({"oneOf": [{"type": "integer"}, {"type": "string"}]}, Kind.COMPLEX),
    ],
)
def test_schemas_are_classified(schema: Any, kind: Kind) -> None:
    assert classify(schema).kind == kind


def test_bounds_and_items_are_read() -> None:
    number = classify({"type": "number", "exclusiveMinimum": 0, "maximum": 10, "default": 5})
    assert (number.minimum, number.exclusive_minimum, number.maximum, number.exclusive_maximum) == (0, True, 10, False)
    assert number.default == 5
    old_style = classify({"type": "number", "minimum": 0, "exclusiveMinimum": True})
    assert (old_style.minimum, old_style.exclusive_minimum) == (0, True)
    array = classify({"type": "array", "items": {"enum": ["x", "y"]}, "minItems": 1, "maxItems": 2})
    assert array.items is not None and array.items.values == ("x", "y")
    assert (array.min_items, array.max_items) == (1, 2)
    raster = classify({"oneOf": [{"contentMediaType": "image/png"}, {"contentMediaType": "image/tiff"}]})
    assert raster.media_types == ("image/tiff", "image/png")  # GeoTIFF first: what this client sends


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ("number", "should be a JSON object"),
        ({"enum": []}, "'enum' should be a non-empty list"),
        ({"type": 3}, "'type' should be text"),
        ({"type": "number", "minimum": "low"}, "'minimum' should be a number"),
        ({"type": "array", "maxItems": 1.5}, "'maxItems' should be a whole number"),
        ({"oneOf": {}}, "'oneOf' should be a non-empty list"),
        ({"allOf": 5}, "'allOf' should be a non-empty list"),
        ({"type": "array", "items": 3}, "its items\\): its schema should be a JSON object"),
    ],
)
def test_a_broken_schema_is_named(schema: Any, words: str) -> None:
    with pytest.raises(BadResponse, match=words) as caught:
        classify(schema, "process 'p', input 'x'")
    assert str(caught.value).startswith("process 'p', input 'x'")


def test_a_description_in_the_standards_form() -> None:
    process = Process.from_json(
        {
            "id": "EchoProcess",
            "version": "1.0.0",
            "jobControlOptions": ["async-execute", "sync-execute"],
            "outputTransmission": ["value", "reference"],
            "inputs": {
                "stringInput": {"schema": {"type": "string", "enum": ["Value1", "Value2"]}},
                "arrayInput": {
                    "schema": {"type": "array", "items": {"type": "integer"}},
                    "minOccurs": 2,
                    "maxOccurs": "unbounded",
                },
            },
            "outputs": {"stringOutput": {"schema": {"type": "string"}}},
        },
        "the server",
    )
    assert process.runs_sync and process.runs_async and not process.dismissable
    assert process.inputs["arrayInput"].max_occurs is None and process.inputs["arrayInput"].min_occurs == 2
    assert process.input("stringInput").value.values == ("Value1", "Value2")
    with pytest.raises(KeyError, match="no output 'x'"):
        process.output("x")


def test_max_below_min_occurs_is_refused() -> None:
    with pytest.raises(BadResponse, match="'maxOccurs' \\(1\\) is less than 'minOccurs' \\(2\\)"):
        Process.from_json({"id": "p", "inputs": {"a": {"schema": {}, "minOccurs": 2, "maxOccurs": 1}}}, "the server")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
SCHEMA_KEYS = st.sampled_from(
    [
        "type",
        "enum",
        "oneOf",
        "anyOf",
        "allOf",
        "items",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "contentMediaType",
        "contentEncoding",
        "format",
        "$ref",
        "properties",
        "default",
    ]
)
SCHEMAS = st.recursive(
    st.dictionaries(SCHEMA_KEYS, JSON, max_size=4),
    lambda children: st.dictionaries(SCHEMA_KEYS, children | st.lists(children, max_size=3) | JSON, max_size=4),
    max_leaves=12,
)
DESCRIPTIONS = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=5) | JSON},
    optional={
        "title": JSON,
        "version": JSON,
        "jobControlOptions": JSON,
        "outputTransmission": JSON,
        "inputs": st.dictionaries(
            st.text(max_size=5),
            st.fixed_dictionaries({"schema": SCHEMAS | JSON}, optional={"minOccurs": JSON, "maxOccurs": JSON}) | JSON,
            max_size=3,
        )
        | JSON,
        "outputs": st.dictionaries(st.text(max_size=5), st.fixed_dictionaries({"schema": SCHEMAS}) | JSON, max_size=3)
        | JSON,
    },
)


@settings(max_examples=400, deadline=None)
@given(DESCRIPTIONS)
def test_any_description_is_read_or_refused_with_a_bad_response(description: dict[str, Any]) -> None:
    try:
        process = Process.from_json(description, "the server")
    except BadResponse as error:
        assert str(error).startswith("the server")
        return
    for described in [*process.inputs.values(), *process.outputs.values()]:
        assert isinstance(described.value.kind, Kind)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_value_for_any_literal_is_sent_or_refused_with_a_parameter_error(value: Any) -> None:
    for schema in (
        {"type": "number", "minimum": 0, "exclusiveMaximum": 10},
        {"type": "integer"},
        {"type": "boolean"},
        {"type": "string"},
        {"enum": ["a", 1, None]},
        {"type": "array", "items": {"type": "integer"}, "minItems": 1},
        {"allOf": [{"$ref": BBOX_REF}]},
    ):
        try:
            encode_value("x", classify(schema), value)
        except ParameterError as error:
            assert str(error).startswith("Parameter 'x")


def test_numbers_past_floats_range_are_refused() -> None:
    with pytest.raises(ParameterError, match="finite number"):
        encode_value("x", classify({"type": "number"}), 10**400)


def test_the_standards_example_description_is_classified() -> None:
    """The inputs of core/examples/json/ProcessDescription.json (opengeospatial/ogcapi-processes),
    their schemas as written there."""
    gml = {"type": "string", "contentMediaType": "application/gml+xml; version=3.2"}
    kml = {"type": "string", "contentMediaType": "application/vnd.google-earth.kml+xml"}
    features = {
        "oneOf": [
            gml,
            kml,
            {
                "allOf": [
                    {"format": "geojson-feature-collection"},
                    {"$ref": "https://geojson.org/schema/FeatureCollection.json"},
                ]
            },
        ]
    }
    geometry = {
        "oneOf": [
            gml,
            {
                "allOf": [
                    {"format": "geojson-geometry"},
                    {
                        "$ref": "http://schemas.opengis.net/ogcapi/features/part1/1.0/openapi/schemas/geometryGeoJSON.yaml"
                    },
                ]
            },
        ]
    }
    images = {
        "oneOf": [
            {"type": "string", "contentEncoding": "binary", "contentMediaType": "image/jp2"},
            {"type": "string", "contentEncoding": "binary", "contentMediaType": "image/tiff; application=geotiff"},
        ]
    }
    collection = classify(features)
    assert collection.kind == Kind.FEATURES and collection.media_types[0] == "application/geo+json"
    assert classify(geometry).kind == Kind.COMPLEX  # one geometry, not features
    raster = classify(images)
    assert raster.kind == Kind.RASTER and raster.media_types == ("image/tiff; application=geotiff", "image/jp2")


def test_the_standards_example_results_are_decoded(tmp_path: Path) -> None:
    """Outputs as core/examples/json/Result.json (opengeospatial/ogcapi-processes) writes them."""
    process = Process.from_json(
        {
            "id": "EchoProcess",
            "outputs": {
                "measureOutput": {"schema": {"type": "object"}},
                "geometryOutput": {
                    "schema": {"oneOf": [{"type": "string", "contentMediaType": "application/gml+xml"}]}
                },
                "featureCollectionOutput": {
                    "schema": {
                        "oneOf": [
                            {"type": "string", "contentMediaType": "application/gml+xml; version=3.2"},
                            {"format": "geojson-feature-collection"},
                        ]
                    }
                },
                "boundingBoxOutput": {"schema": {"allOf": [{"$ref": BBOX_REF}]}},
            },
        },
        "the server",
    )
    gml = '<gml:Polygon gml:id="GID1"/>'
    results = results_map(
        process,
        {
            "measureOutput": {"value": {"measurement": "10.3", "uom": "m"}},
            "geometryOutput": [
                {"value": gml, "mediaType": "application/gml+xml; version=3.2"},
                {"value": {"type": "Polygon"}},
            ],
            "featureCollectionOutput": {
                "value": "<FeatureCollection/>",
                "mediaType": "application/gml+xml; version=3.2",
            },
            "boundingBoxOutput": {"bbox": [51.9, 7, 52, 7.1], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
        },
        "the server",
    )
    server = OgcServer("http://127.0.0.1:9")  # never asked: nothing here is by reference
    decoded = {name: decode_output(server, process.outputs[name], name, value, None) for name, value in results.items()}
    assert decoded == {
        "measureOutput": {"measurement": "10.3", "uom": "m"},
        "geometryOutput": [gml, {"type": "Polygon"}],
        "featureCollectionOutput": "<FeatureCollection/>",  # GML: as it came
        "boundingBoxOutput": {"bbox": [51.9, 7, 52, 7.1], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
    }
    output = process.outputs["featureCollectionOutput"]
    saved = decode_output(server, output, output.id, results[output.id], tmp_path / "features.gml")
    assert saved.read_text() == "<FeatureCollection/>"
