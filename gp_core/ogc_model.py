"""OGC API - Processes (Part 1: Core, 1.0) process descriptions, and what kind of value each input
and output takes, told from its JSON Schema.

A schema is classified into one `Kind`: the literals (number, integer, string, enum, boolean), a
bounding box, an array of a kind, a GeoJSON feature collection, a raster (GeoTIFF) or any other
complex value (a JSON object, a file of another media type). Media types come from
`contentMediaType`, from the branches of `oneOf`/`anyOf`, and from the `format` names the
standard's examples use ("geojson-feature-collection"). A description that is not the shape the
standard gives is a BadResponse that names the process, the input or output and what was wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import urljoin

from .errors import BadResponse, UnknownParameter, quoted

JOB_CONTROL_SYNC = "sync-execute"
JOB_CONTROL_ASYNC = "async-execute"
JOB_CONTROL_DISMISS = "dismiss"

#: Media types read as GeoJSON features, and as rasters.
GEOJSON_TYPES = ("application/geo+json", "application/vnd.geo+json", "application/geojson")
RASTER_TYPES = ("image/tiff", "image/geotiff", "application/geotiff", "application/x-geotiff", "image/x-geotiff")
GEOTIFF = "image/tiff; application=geotiff"
#: `format` names of a feature collection (the standard's examples; "geojson-geometry" and
#: "geojson-feature" are one geometry or feature: other complex values).
_GEOJSON_FORMATS = ("geojson-feature-collection", "geojson")
_BBOX_REF = "bbox"


class Kind(str, Enum):
    NUMBER = "number"
    INTEGER = "integer"
    STRING = "string"
    ENUM = "enum"
    BOOLEAN = "boolean"
    BBOX = "bbox"
    ARRAY = "array"
    FEATURES = "features"
    RASTER = "raster"
    COMPLEX = "complex"

    __str__ = str.__str__
    __format__ = str.__format__  # type: ignore[assignment]  # (str's signature is the same)


@dataclass(frozen=True)
class ValueType:
    """What a schema allows, as far as a client checks and encodes values."""

    kind: Kind
    schema: Mapping[str, Any] = field(default_factory=dict, repr=False)
    values: tuple[Any, ...] = ()
    """The allowed values of an enum."""
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    items: ValueType | None = None
    """The kind of an array's items."""
    min_items: int = 0
    max_items: int | None = None
    media_types: tuple[str, ...] = ()
    """The media types a complex value may come in, the one this client prefers first (GeoJSON for
    features, GeoTIFF for rasters), then in the schema's order."""
    format: str = ""
    default: Any = None

    @property
    def is_literal(self) -> bool:
        return self.kind in (Kind.NUMBER, Kind.INTEGER, Kind.STRING, Kind.ENUM, Kind.BOOLEAN)


@dataclass(frozen=True)
class ProcessInput:
    id: str
    title: str
    description: str
    value: ValueType
    min_occurs: int = 1
    max_occurs: int | None = 1
    """None: unbounded."""

    @property
    def schema(self) -> Mapping[str, Any]:
        return self.value.schema

    @property
    def is_required(self) -> bool:
        return self.min_occurs > 0

    @property
    def several(self) -> bool:
        """Whether the input may be given more than once (its values then go as a list)."""
        return self.max_occurs is None or self.max_occurs > 1

    @property
    def media_types(self) -> tuple[str, ...]:
        return self.value.media_types


@dataclass(frozen=True)
class ProcessOutput:
    id: str
    title: str
    description: str
    value: ValueType

    @property
    def schema(self) -> Mapping[str, Any]:
        return self.value.schema

    @property
    def media_types(self) -> tuple[str, ...]:
        return self.value.media_types


@dataclass(frozen=True)
class Process:
    """A process summary (from `/processes`: no inputs nor outputs) or its whole description."""

    id: str
    title: str = ""
    description: str = ""
    version: str = ""
    job_control_options: tuple[str, ...] = ()
    output_transmission: tuple[str, ...] = ()
    inputs: dict[str, ProcessInput] = field(default_factory=dict)
    outputs: dict[str, ProcessOutput] = field(default_factory=dict)
    url: str = ""
    """Where the description was read."""
    execute_url: str = ""
    """Where the process is run: the description's `execute` link, else `<url>/execution`."""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """The description as the server sent it: what a cache keeps, to rebuild the process with
    `Process.from_json(raw, where, url)` without asking the server again."""

    @property
    def runs_sync(self) -> bool:
        """Whether the process runs synchronously (a description that lists no mode: assumed)."""
        return JOB_CONTROL_SYNC in self.job_control_options or not self.job_control_options

    @property
    def runs_async(self) -> bool:
        return JOB_CONTROL_ASYNC in self.job_control_options

    @property
    def dismissable(self) -> bool:
        return JOB_CONTROL_DISMISS in self.job_control_options

    def input(self, name: str) -> ProcessInput:
        if name not in self.inputs:
            raise UnknownParameter(f"Process '{self.id}' has no input '{name}' (its inputs: {', '.join(self.inputs)}).")
        return self.inputs[name]

    def output(self, name: str) -> ProcessOutput:
        if name not in self.outputs:
            raise UnknownParameter(
                f"Process '{self.id}' has no output '{name}' (its outputs: {', '.join(self.outputs)})."
            )
        return self.outputs[name]

    @classmethod
    def summary_from_json(cls, body: Any, where: str) -> Process:
        """A process as `/processes` lists it."""
        if not isinstance(body, dict):
            raise BadResponse(f"{where} lists a process that is not a JSON object: {quoted(body)}.")
        identifier = body.get("id")
        if not isinstance(identifier, str) or not identifier:
            raise BadResponse(f"{where} lists a process without an id: {quoted(body)}.")
        label = f"{where}: process '{identifier}'"
        return cls(
            identifier,
            _text(body.get("title"), label, "title"),
            _text(body.get("description"), label, "description"),
            _text(body.get("version"), label, "version"),
            _strings(body.get("jobControlOptions"), label, "jobControlOptions"),
            _strings(body.get("outputTransmission"), label, "outputTransmission"),
        )

    @classmethod
    def from_json(cls, body: Any, where: str, url: str = "") -> Process:
        """A whole process description (`/processes/{id}`)."""
        summary = cls.summary_from_json(body, where)
        label = f"{where}: process '{summary.id}'"
        inputs = {
            name: _input(name, value, f"{label}, input '{name}'")
            for name, value in _described(body.get("inputs"), label, "inputs")
        }
        outputs = {
            name: _output(name, value, f"{label}, output '{name}'")
            for name, value in _described(body.get("outputs"), label, "outputs")
        }
        return cls(
            summary.id,
            summary.title,
            summary.description,
            summary.version,
            summary.job_control_options,
            summary.output_transmission,
            inputs,
            outputs,
            url,
            _execute_link(body.get("links"), url),
            body,
        )


REL_EXECUTE = "http://www.opengis.net/def/rel/ogc/1.0/execute"


def _execute_link(links: Any, url: str) -> str:
    for link in links if isinstance(links, list) else ():
        if isinstance(link, dict) and link.get("rel") == REL_EXECUTE and isinstance(link.get("href"), str):
            href: str = link["href"]
            return urljoin(url, href) if url else href
    return url + "/execution" if url else ""


def _text(value: Any, label: str, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a version written as a number
    if not isinstance(value, str):
        raise BadResponse(f"{label}: '{key}' should be text, not {quoted(value)}.")
    return value


def _strings(value: Any, label: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadResponse(f"{label}: '{key}' should be a list of texts, not {quoted(value)}.")
    return tuple(value)


def _described(value: Any, label: str, key: str) -> list[tuple[str, Any]]:
    """The inputs or outputs of a description: a map by id (1.0), or a list of objects with an id
    (the drafts before it, which some servers still send)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, list):
        pairs = []
        for entry in value:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
                raise BadResponse(f"{label}: an entry of '{key}' has no id: {quoted(entry)}.")
            pairs.append((entry["id"], entry))
        return pairs
    raise BadResponse(f"{label}: '{key}' should be a JSON object (by id), not {quoted(value)}.")


def _input(name: str, body: Any, label: str) -> ProcessInput:
    if not isinstance(body, dict):
        raise BadResponse(f"{label} is not described by a JSON object: {quoted(body)}.")
    min_occurs = _occurs(body.get("minOccurs", 1), label, "minOccurs")
    max_occurs = _occurs(body.get("maxOccurs", 1), label, "maxOccurs")
    if min_occurs is None:
        raise BadResponse(f"{label}: 'minOccurs' cannot be unbounded.")
    if max_occurs is not None and max_occurs < min_occurs:
        raise BadResponse(f"{label}: 'maxOccurs' ({max_occurs}) is less than 'minOccurs' ({min_occurs}).")
    return ProcessInput(
        name,
        _text(body.get("title"), label, "title"),
        _text(body.get("description"), label, "description"),
        classify(_schema_of(body, label), label),
        min_occurs,
        max_occurs,
    )


def _output(name: str, body: Any, label: str) -> ProcessOutput:
    if not isinstance(body, dict):
        raise BadResponse(f"{label} is not described by a JSON object: {quoted(body)}.")
    return ProcessOutput(
        name,
        _text(body.get("title"), label, "title"),
        _text(body.get("description"), label, "description"),
        classify(_schema_of(body, label), label),
    )


def _schema_of(body: dict[str, Any], label: str) -> Any:
    schema = body.get("schema")
    if schema is None:  # the drafts described literals and formats without a schema
        return {}
    return schema


def _occurs(value: Any, label: str, key: str) -> int | None:
    if value == "unbounded":
        return None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadResponse(f"{label}: '{key}' should be a whole number or \"unbounded\", not {quoted(value)}.")
    return int(value)


# -- schemas --------------------------------------------------------------------------------------

_SIMPLE = {"number": Kind.NUMBER, "integer": Kind.INTEGER, "string": Kind.STRING, "boolean": Kind.BOOLEAN}


def classify(schema: Any, label: str = "a schema") -> ValueType:
    """The kind of value `schema` describes (see the module's docstring)."""
    if isinstance(schema, bool):  # JSON Schema's `true`: anything
        return ValueType(Kind.COMPLEX)
    if not isinstance(schema, dict):
        raise BadResponse(f"{label}: its schema should be a JSON object, not {quoted(schema)}.")
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema and (not isinstance(schema[key], list) or not schema[key]):
            raise BadResponse(f"{label}: its '{key}' should be a non-empty list, not {quoted(schema[key])}.")
    media = media_types_of(schema)
    default = schema.get("default")
    fmt = schema["format"] if isinstance(schema.get("format"), str) else ""
    if _is_bbox(schema):
        return ValueType(Kind.BBOX, schema, default=default)
    if _is_features(schema, media, fmt):
        geojson = tuple(medium for medium in media if is_geojson(medium)) or GEOJSON_TYPES[:1]
        others = tuple(medium for medium in media if not is_geojson(medium))
        return ValueType(Kind.FEATURES, schema, media_types=geojson + others, format=fmt, default=default)
    if any(is_raster(medium) for medium in media):
        tiff = tuple(medium for medium in media if is_raster(medium))
        others = tuple(medium for medium in media if not is_raster(medium))
        return ValueType(Kind.RASTER, schema, media_types=tiff + others, format=fmt, default=default)
    branches = _branches(schema)
    if branches:
        kinds = [classify(branch, label) for branch in branches]
        useful = [kind for kind in kinds if kind.schema.get("type") != "null"]
        if len(useful) == 1:
            return useful[0]
        return ValueType(Kind.COMPLEX, schema, media_types=media, format=fmt, default=default)
    if "enum" in schema:
        values = schema["enum"]
        if not isinstance(values, list) or not values:
            raise BadResponse(f"{label}: its 'enum' should be a non-empty list, not {quoted(values)}.")
        return ValueType(Kind.ENUM, schema, tuple(values), format=fmt, default=default)
    kind_name = _type_of(schema, label)
    if kind_name == "array":
        return _array(schema, label)
    if kind_name in _SIMPLE and not media and not is_binary(schema):
        return ValueType(
            _SIMPLE[kind_name],
            schema,
            minimum=_bound(schema, "minimum", label),
            maximum=_bound(schema, "maximum", label),
            exclusive_minimum=_exclusive(schema, "exclusiveMinimum"),
            exclusive_maximum=_exclusive(schema, "exclusiveMaximum"),
            format=fmt,
            default=default,
        )
    return ValueType(Kind.COMPLEX, schema, media_types=media, format=fmt, default=default)


def media_types_of(schema: Any) -> tuple[str, ...]:
    """The media types a schema names: its contentMediaType, and those of its oneOf/anyOf/allOf
    branches, in order, each once."""
    found: list[str] = []
    if isinstance(schema, dict):
        medium = schema.get("contentMediaType")
        if isinstance(medium, str) and medium.strip():
            found.append(medium.strip())
        for key in ("oneOf", "anyOf", "allOf"):
            branches = schema.get(key)
            for branch in branches if isinstance(branches, list) else ():
                found.extend(media_types_of(branch))
    return tuple(dict.fromkeys(found))


def is_binary(schema: Mapping[str, Any]) -> bool:
    """A string schema whose content is a file's bytes (`contentEncoding: base64` or `binary`): a
    complex value even when no media type is given (pygeoapi 0.21 drops the media type of a schema
    it shows twice)."""
    encoding = schema.get("contentEncoding")
    return isinstance(encoding, str) and encoding.lower() in ("base64", "binary")


def base_media_type(medium: str) -> str:
    """`image/tiff` of `image/tiff; application=geotiff`, in lower case."""
    return medium.split(";")[0].strip().lower()


def is_raster(medium: str) -> bool:
    return base_media_type(medium) in RASTER_TYPES


def is_geojson(medium: str) -> bool:
    return base_media_type(medium) in GEOJSON_TYPES


def _is_features(schema: dict[str, Any], media: tuple[str, ...], fmt: str) -> bool:
    """A GeoJSON feature collection: by media type, `format`, a `$ref` to a FeatureCollection schema
    or its `type` member, in the schema or any of its branches (a process that also takes GML or KML
    takes GeoJSON, which this client sends)."""
    return any(is_geojson(medium) for medium in media) or _names_features(schema, fmt, 0)


def _names_features(schema: Any, fmt: str, depth: int) -> bool:
    if not isinstance(schema, dict) or depth > 8:
        return False
    fmt = fmt or (schema["format"] if isinstance(schema.get("format"), str) else "")
    if fmt.lower() in _GEOJSON_FORMATS:
        return True
    reference = schema.get("$ref")
    if isinstance(reference, str) and "featurecollection" in reference.lower().replace("-", "").replace("_", ""):
        return True
    properties = schema.get("properties")
    if isinstance(properties, dict):
        kind = properties.get("type")
        if isinstance(kind, dict) and kind.get("enum") == ["FeatureCollection"]:
            return True
    for key in ("oneOf", "anyOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and any(_names_features(branch, "", depth + 1) for branch in branches):
            return True
    branches = schema.get("allOf")  # all at once: a format in one, the $ref in another
    if isinstance(branches, list):
        formats = [b["format"] for b in branches if isinstance(b, dict) and isinstance(b.get("format"), str)]
        return any(_names_features(branch, (formats or [fmt])[0], depth + 1) for branch in branches)
    return False


def _is_bbox(schema: dict[str, Any]) -> bool:
    """The standard's bbox.yaml (by reference, or written out: an object whose required members
    include `bbox`, with a `crs`)."""
    for candidate in [schema, *(b for b in schema.get("allOf", []) if isinstance(b, dict))]:
        reference = candidate.get("$ref")
        if isinstance(reference, str) and reference.rsplit("/", 1)[-1].lower().startswith(_BBOX_REF):
            return True
        properties = candidate.get("properties")
        if isinstance(properties, dict) and "bbox" in properties and "crs" in properties:
            return True
    return False


def _branches(schema: dict[str, Any]) -> list[Any]:
    for key in ("oneOf", "anyOf"):
        if key in schema:
            branches: list[Any] = schema[key]  # a non-empty list: see classify
            return branches
    return []


def _type_of(schema: dict[str, Any], label: str) -> str:
    kind = schema.get("type", "")
    if isinstance(kind, list):  # ["number", "null"]
        named = [item for item in kind if item != "null"]
        kind = named[0] if len(named) == 1 else "object"
    if not isinstance(kind, str):
        raise BadResponse(f"{label}: its schema's 'type' should be text, not {quoted(kind)}.")
    return kind


def _array(schema: dict[str, Any], label: str) -> ValueType:
    items = schema.get("items", {})
    min_items = schema.get("minItems", 0)
    max_items = schema.get("maxItems")
    if isinstance(min_items, bool) or not isinstance(min_items, int) or min_items < 0:
        raise BadResponse(f"{label}: its 'minItems' should be a whole number, not {quoted(min_items)}.")
    if max_items is not None and (isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 0):
        raise BadResponse(f"{label}: its 'maxItems' should be a whole number, not {quoted(max_items)}.")
    return ValueType(
        Kind.ARRAY,
        schema,
        items=classify(items, f"{label} (its items)"),
        min_items=min_items,
        max_items=max_items,
        default=schema.get("default"),
    )


def _bound(schema: dict[str, Any], key: str, label: str) -> float | None:
    value = schema.get(key)
    exclusive = schema.get("exclusiveM" + key[1:])  # 2019-09: exclusiveMinimum is the bound itself
    if value is None and _is_number(exclusive):
        value = exclusive
    if value is None:
        return None
    if not _is_number(value):
        raise BadResponse(f"{label}: its '{key}' should be a number, not {quoted(value)}.")
    return float(value)


def _exclusive(schema: dict[str, Any], key: str) -> bool:
    value = schema.get(key)
    return value is True or _is_number(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
