"""``literals``: one input of each JSON Schema kind a client maps (number with bounds, integer,
string enum, boolean, date-time, OGC bounding box, array of numbers with bounds on its length, a
string that may occur several times); returns them as JSON, defaults filled in, so a client's
encoding can be checked against what the server received."""

from __future__ import annotations

from typing import Any

from pygeoapi.process.base import ProcessorExecuteError

from .common import JOB_CONTROL, TestProcessor, integer, number, required

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CHOICES = ["red", "green", "blue"]
# The bounding box schema of OGC API - Processes 1.0 (bbox.yaml), with the format name clients look for.
BBOX_SCHEMA = {
    "type": "object",
    "format": "ogc-bbox",
    "required": ["bbox"],
    "properties": {
        "bbox": {
            "type": "array",
            "oneOf": [{"minItems": 4, "maxItems": 4}, {"minItems": 6, "maxItems": 6}],
            "items": {"type": "number"},
        },
        "crs": {
            "type": "string",
            "format": "uri",
            "default": CRS84,
            "enum": [CRS84, "http://www.opengis.net/def/crs/OGC/0/CRS84h"],
        },
    },
}


def _input(title: str, schema: dict[str, Any], min_occurs: int = 1, max_occurs: int | str = 1) -> dict[str, Any]:
    return {"title": title, "description": title, "schema": schema, "minOccurs": min_occurs, "maxOccurs": max_occurs}


PROCESS_METADATA = {
    "version": "1.0.0",
    "id": "literals",
    "title": "Literal values",
    "description": "Echoes literal inputs of every kind as JSON.",
    "jobControlOptions": JOB_CONTROL,
    "outputTransmission": ["value"],
    "keywords": ["test", "literals"],
    "inputs": {
        "ratio": _input("A number from 0 to 100", {"type": "number", "minimum": 0, "maximum": 100}),
        "count": _input("An integer", {"type": "integer"}),
        "colour": _input("A colour", {"type": "string", "enum": CHOICES, "default": "green"}, 0),
        "flag": _input("A boolean", {"type": "boolean", "default": False}, 0),
        "when": _input("A date and time", {"type": "string", "format": "date-time"}, 0),
        "extent": _input("A bounding box", BBOX_SCHEMA, 0),
        "weights": _input(
            "Two to five numbers", {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 5}, 0
        ),
        "tags": _input("Up to three words", {"type": "string"}, 0, 3),
    },
    "outputs": {
        "echo": {
            "title": "The inputs received",
            "description": "Every input as the server read it, defaults filled in.",
            "schema": {"type": "object", "contentMediaType": "application/json"},
        }
    },
}


class LiteralsProcessor(TestProcessor):
    def __init__(self, processor_def: dict[str, Any]) -> None:
        super().__init__(processor_def, PROCESS_METADATA)

    def execute(self, data: dict[str, Any], outputs: dict[str, Any] | None = None) -> tuple[str, Any]:
        unknown = sorted(set(data) - set(PROCESS_METADATA["inputs"]))
        if unknown:
            raise ProcessorExecuteError(f"Unknown inputs: {', '.join(unknown)}.")
        required(data, "ratio", "a number from 0 to 100")
        ratio = number(data, "ratio")
        if not 0 <= ratio <= 100:
            raise ProcessorExecuteError(f"The input 'ratio' must be from 0 to 100, not {ratio:g}.")
        required(data, "count", "an integer")
        colour = data.get("colour", "green")
        if colour not in CHOICES:
            raise ProcessorExecuteError(f"The input 'colour' must be one of {', '.join(CHOICES)}, not {colour!r}.")
        flag = data.get("flag", False)
        if not isinstance(flag, bool):
            raise ProcessorExecuteError(f"The input 'flag' must be true or false, not {flag!r}.")
        echo: dict[str, Any] = {"ratio": data["ratio"], "count": integer(data, "count"), "colour": colour, "flag": flag}
        if "when" in data:
            echo["when"] = data["when"]
        if "extent" in data:
            echo["extent"] = _bbox(data["extent"])
        if "weights" in data:
            echo["weights"] = _weights(data["weights"])
        if "tags" in data:
            tags = data["tags"] if isinstance(data["tags"], list) else [data["tags"]]
            if len(tags) > 3 or not all(isinstance(tag, str) for tag in tags):
                raise ProcessorExecuteError("The input 'tags' takes up to three strings.")
            echo["tags"] = tags
        return "application/json", echo


def _bbox(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not isinstance(value.get("bbox"), list) or len(value["bbox"]) not in (4, 6):
        raise ProcessorExecuteError('The input \'extent\' must be {"bbox": [4 or 6 numbers], "crs": ...}.')
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value["bbox"]):
        raise ProcessorExecuteError("The input 'extent' must have numbers in its bbox.")
    return {"bbox": value["bbox"], "crs": value.get("crs", CRS84)}


def _weights(value: Any) -> list[float]:
    if not isinstance(value, list) or not 2 <= len(value) <= 5:
        raise ProcessorExecuteError("The input 'weights' must be an array of two to five numbers.")
    return [number({"weights": item}, "weights") for item in value]
