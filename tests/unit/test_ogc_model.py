"""JSON Schemas of process inputs and outputs, as the OGC standard's examples and servers write them,
classified into kinds."""

from __future__ import annotations

from typing import Any

import pytest

from remote_gp.gp_core import BadResponse
from remote_gp.gp_core.ogc_model import Kind, Process, classify

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
    assert raster.media_types == ("image/png", "image/tiff")


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ("number", "should be a JSON object"),
        ({"enum": []}, "'enum' should be a non-empty list"),
        ({"type": 3}, "'type' should be text"),
        ({"type": "number", "minimum": "low"}, "'minimum' should be a number"),
        ({"type": "array", "maxItems": 1.5}, "'maxItems' should be a whole number"),
        ({"oneOf": {}}, "'oneOf' should be a non-empty list"),
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
