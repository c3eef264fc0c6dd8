"""``buffer``: a buffer around each feature of a GeoJSON FeatureCollection, properties kept.

Returns the FeatureCollection itself (OGC API - Processes 1.0 ``raw`` response of one output) as
``application/geo+json``.
"""

from __future__ import annotations

import json
from typing import Any

from pygeoapi.process.base import ProcessorExecuteError
from shapely.geometry import mapping, shape

from .common import JOB_CONTROL, TestProcessor, integer, number, required

GEOJSON = "application/geo+json"
FEATURE_COLLECTION_SCHEMA = {
    "oneOf": [
        {"type": "string", "contentMediaType": GEOJSON},
        {
            "allOf": [
                {"format": "geojson-feature-collection"},
                {"$ref": "https://geojson.org/schema/FeatureCollection.json"},
            ]
        },
    ]
}

PROCESS_METADATA = {
    "version": "1.0.0",
    "id": "buffer",
    "title": "Buffer features",
    "description": "A buffer of the given distance around each feature; the features' properties are kept.",
    "jobControlOptions": JOB_CONTROL,
    "outputTransmission": ["value"],
    "keywords": ["buffer", "vector"],
    "inputs": {
        "features": {
            "title": "Features",
            "description": "The features to buffer, as a GeoJSON FeatureCollection.",
            "schema": FEATURE_COLLECTION_SCHEMA,
            "minOccurs": 1,
            "maxOccurs": 1,
        },
        "distance": {
            "title": "Distance",
            "description": "The buffer distance, in the units of the features' coordinates.",
            "schema": {"type": "number"},
            "minOccurs": 1,
            "maxOccurs": 1,
        },
        "segments": {
            "title": "Segments",
            "description": "Segments per quarter circle.",
            "schema": {"type": "integer", "minimum": 1, "default": 8},
            "minOccurs": 0,
            "maxOccurs": 1,
        },
    },
    "outputs": {
        "buffered": {
            "title": "Buffered features",
            "description": "The buffers, as a GeoJSON FeatureCollection, with the input features' properties.",
            "schema": {"type": "object", "contentMediaType": GEOJSON},
        }
    },
    "example": {
        "inputs": {
            "features": {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [0, 0]},
                        "properties": {"name": "a"},
                    }
                ],
            },
            "distance": 1.5,
        }
    },
}


class BufferProcessor(TestProcessor):
    def __init__(self, processor_def: dict[str, Any]) -> None:
        super().__init__(processor_def, PROCESS_METADATA)

    def execute(self, data: dict[str, Any], outputs: dict[str, Any] | None = None) -> tuple[str, Any]:
        collection = _feature_collection(required(data, "features", "the features to buffer, as GeoJSON"))
        required(data, "distance", "the buffer distance")
        distance = number(data, "distance")
        segments = integer(data, "segments", 8)
        if segments < 1:
            raise ProcessorExecuteError(f"The input 'segments' must be at least 1, not {segments}.")
        buffered = []
        for index, feature in enumerate(collection["features"]):
            try:
                geometry = shape(feature["geometry"])
            except Exception as error:
                raise ProcessorExecuteError(f"Feature {index + 1} has no valid GeoJSON geometry: {error}") from error
            buffered.append(
                {
                    "type": "Feature",
                    **({"id": feature["id"]} if "id" in feature else {}),
                    "geometry": mapping(geometry.buffer(distance, quad_segs=segments)),
                    "properties": feature.get("properties") or {},
                }
            )
        return GEOJSON, {"type": "FeatureCollection", "features": buffered}


def _feature_collection(value: Any) -> dict[str, Any]:
    """The FeatureCollection given by value: an object, GeoJSON text, or a qualified value ``{"value": ...}``."""
    if isinstance(value, dict) and "value" in value and "type" not in value:
        value = value["value"]
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise ProcessorExecuteError(f"The input 'features' is not GeoJSON: {error}") from error
    if (
        not isinstance(value, dict)
        or value.get("type") != "FeatureCollection"
        or not isinstance(value.get("features"), list)
    ):
        raise ProcessorExecuteError("The input 'features' must be a GeoJSON FeatureCollection.")
    return value
