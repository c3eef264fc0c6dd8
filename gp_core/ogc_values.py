"""Values of OGC API - Processes inputs and outputs, by the kind their schema gives (ogc_model.Kind).

Inputs are checked against their schema before anything is sent (type, enum, minimum/maximum,
minItems/maxItems, minOccurs/maxOccurs): a wrong value is a ParameterError naming the input.
Features go as a GeoJSON FeatureCollection, bounding boxes as `{"bbox": [...], "crs": ...}`,
rasters as a base64 GeoTIFF (`{"value", "mediaType"}`) from a local file or by reference
(`{"href"}`) from an URL.

Outputs are decoded by what came and by their kind: a JSON literal as it is, GeoJSON as a
FeatureSet, a base64 raster written atomically to a .tif file, a link (`{"href", "type"}`)
downloaded to a file (credentials only to the server's own origin; nothing partial left).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadResponse, DataError, MissingDependency, ParameterError, UnknownParameter, quoted
from .extent import Extent
from .featureset import FeatureSet
from .geojson_io import from_geojson, to_geojson
from .ogc_model import (
    GEOTIFF,
    RASTER_TYPES,
    Kind,
    Process,
    ProcessInput,
    ProcessOutput,
    ValueType,
    base_media_type,
    is_binary,
    is_geojson,
    is_raster,
)
from .wgs84 import in_wgs84

if TYPE_CHECKING:
    from .ogc_server import OgcServer

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
_TRANSMISSION = ("value", "reference")
_RASTER_SUFFIX = ".tif"
#: The members of a qualified value (a value with its media type).
_QUALIFIED = {"value", "mediaType", "format", "encoding", "schema"}


@dataclass(frozen=True)
class OgcLink:
    """An output sent by reference: where to download it, and its media type."""

    href: str
    type: str = ""

    def to_json(self) -> dict[str, Any]:
        """As an input of another process: the server reads it from its URL."""
        return {"href": self.href, **({"type": self.type} if self.type else {})}


# -- inputs ---------------------------------------------------------------------------------------


def encode_inputs(process: Process, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The `inputs` member of an execute request. Inputs left out (or None) are not sent; a
    required one without a default is a ParameterError."""
    encoded: dict[str, Any] = {}
    for name in inputs:
        if name not in process.inputs:
            raise UnknownParameter(
                f"Process '{process.id}' has no input '{name}' (its inputs: {', '.join(process.inputs) or 'none'})."
            )
    for name, described in process.inputs.items():
        value = inputs.get(name)
        if value is None:
            if described.is_required and described.value.default is None:
                raise ParameterError(name, f"a value is required ({_expected(described.value)}).")
            continue
        encoded[name] = encode_input(described, value)
    return encoded


def encode_input(described: ProcessInput, value: Any) -> Any:
    """One input's value, several when it may occur more than once (maxOccurs > 1)."""
    several = described.several
    if several and described.value.kind != Kind.ARRAY and isinstance(value, (list, tuple)):
        values = list(value)
        if len(values) < described.min_occurs:
            raise ParameterError(
                described.id, f"at least {described.min_occurs} values are required, not {len(values)}."
            )
        if described.max_occurs is not None and len(values) > described.max_occurs:
            raise ParameterError(described.id, f"at most {described.max_occurs} values are allowed, not {len(values)}.")
        return [encode_value(described.id, described.value, item) for item in values]
    if described.min_occurs > 1:
        raise ParameterError(described.id, f"at least {described.min_occurs} values are required (give a list).")
    return encode_value(described.id, described.value, value)


def encode_value(name: str, kind: ValueType, value: Any) -> Any:
    """A value checked against its schema and encoded as the request carries it."""
    if kind.kind in (Kind.NUMBER, Kind.INTEGER):
        return _number(name, kind, value)
    if kind.kind == Kind.BOOLEAN:
        return _boolean(name, value)
    if kind.kind == Kind.STRING:
        if not isinstance(value, str):
            raise ParameterError(name, f"expected text, not {quoted(value)}.")
        return value
    if kind.kind == Kind.ENUM:
        return _enum(name, kind, value)
    if kind.kind == Kind.BBOX:
        return _bbox(name, value)
    if kind.kind == Kind.ARRAY:
        return _array(name, kind, value)
    if kind.kind == Kind.FEATURES:
        return _features(name, value)
    if kind.kind == Kind.RASTER:
        return _raster(name, kind, value)
    return _complex(name, kind, value)


def _expected(kind: ValueType) -> str:
    if kind.kind == Kind.ENUM:
        return "one of " + ", ".join(map(str, kind.values))
    if kind.kind == Kind.ARRAY and kind.items is not None:
        return f"a list of {kind.items.kind.value} values"
    return {
        Kind.NUMBER: "a number",
        Kind.INTEGER: "a whole number",
        Kind.STRING: "text",
        Kind.BOOLEAN: "true or false",
        Kind.BBOX: "a bounding box",
        Kind.FEATURES: "features",
        Kind.RASTER: "a GeoTIFF file or its URL",
    }.get(kind.kind, "a value")


def _number(name: str, kind: ValueType, value: Any) -> float | int:
    number: float | int
    if isinstance(value, bool):
        raise ParameterError(name, f"expected {_expected(kind)}, not {value}.")
    if isinstance(value, (int, float)):
        number = value
    elif isinstance(value, str):
        try:
            number = int(value) if kind.kind == Kind.INTEGER else float(value)
        except ValueError:
            raise ParameterError(name, f"expected {_expected(kind)}, not {quoted(value)}.") from None
    else:
        raise ParameterError(name, f"expected {_expected(kind)}, not {quoted(value)}.")
    try:
        finite = math.isfinite(number)
    except OverflowError:  # an int past float's range
        finite = False
    if not finite:
        raise ParameterError(name, f"expected a finite number, not {quoted(number)}.")
    if kind.kind == Kind.INTEGER:
        if isinstance(number, float) and not number.is_integer():
            raise ParameterError(name, f"expected a whole number, not {number}.")
        number = int(number)
    _within(name, kind, number)
    return number


def _within(name: str, kind: ValueType, number: float) -> None:
    if kind.minimum is not None:
        low = number <= kind.minimum if kind.exclusive_minimum else number < kind.minimum
        if low:
            bound = "more than" if kind.exclusive_minimum else "at least"
            raise ParameterError(name, f"{number:g} is out of range: it must be {bound} {kind.minimum:g}.")
    if kind.maximum is not None:
        high = number >= kind.maximum if kind.exclusive_maximum else number > kind.maximum
        if high:
            bound = "less than" if kind.exclusive_maximum else "at most"
            raise ParameterError(name, f"{number:g} is out of range: it must be {bound} {kind.maximum:g}.")


def _boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ParameterError(name, f"expected true or false, not {quoted(value)}.")


def _enum(name: str, kind: ValueType, value: Any) -> Any:
    for allowed in kind.values:
        if value == allowed and type(value) is type(allowed):
            return allowed
    for allowed in kind.values:  # "3" for 3: a value typed in a form
        if isinstance(value, str) and not isinstance(allowed, str) and value == json.dumps(allowed):
            return allowed
    raise ParameterError(name, f"{quoted(value)} is not allowed: expected {_expected(kind)}.")


def _bbox(name: str, value: Any) -> dict[str, Any]:
    """An Extent, four or six numbers (CRS84), or the standard's object itself."""
    if isinstance(value, Extent):
        reference = value.spatial_reference
        epsg = reference.epsg if reference is not None else 4326
        if reference is not None and epsg is None:
            raise ParameterError(name, f"the extent's spatial reference ({reference}) has no EPSG code.")
        crs = CRS84 if epsg in (None, 4326) else f"http://www.opengis.net/def/crs/EPSG/0/{epsg}"
        return {"bbox": [value.xmin, value.ymin, value.xmax, value.ymax], "crs": crs}
    if isinstance(value, Mapping) and "bbox" in value:
        numbers = _bbox_numbers(name, value["bbox"])
        crs = value.get("crs", CRS84)
        if not isinstance(crs, str):
            raise ParameterError(name, f"the bounding box's crs should be a URI, not {quoted(crs)}.")
        return {"bbox": numbers, "crs": crs}
    return {"bbox": _bbox_numbers(name, value), "crs": CRS84}


def _bbox_numbers(name: str, value: Any) -> list[float]:
    if (
        not isinstance(value, (list, tuple))
        or len(value) not in (4, 6)
        or not all(isinstance(item, (int, float)) and not isinstance(item, bool) for item in value)
    ):
        raise ParameterError(name, f"a bounding box is 4 or 6 numbers (minx, miny, maxx, maxy), not {quoted(value)}.")
    half = len(value) // 2
    if any(value[i] > value[i + half] for i in range(half)):
        raise ParameterError(name, f"the bounding box {quoted(value)} has a minimum above its maximum.")
    return [float(item) for item in value]


def _array(name: str, kind: ValueType, value: Any) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise ParameterError(name, f"expected {_expected(kind)}, not {quoted(value)}.")
    if len(value) < kind.min_items:
        raise ParameterError(name, f"at least {kind.min_items} items are required, not {len(value)}.")
    if kind.max_items is not None and len(value) > kind.max_items:
        raise ParameterError(name, f"at most {kind.max_items} items are allowed, not {len(value)}.")
    items = kind.items or ValueType(Kind.COMPLEX)
    return [encode_value(f"{name}[{index}]", items, item) for index, item in enumerate(value)]


def _features(name: str, value: Any) -> Any:
    """A FeatureSet, a feature file's path, GeoJSON already (a FeatureCollection or Feature), or
    the URL of GeoJSON (an OgcLink: another process's output by reference), which the server reads."""
    if isinstance(value, FeatureSet):
        return _geojson(name, value)
    if isinstance(value, OgcLink):
        return value.to_json()
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return {"href": value, "type": "application/geo+json"}
    if isinstance(value, (str, Path)) and not str(value).lstrip().startswith("{"):
        from .featureio import read

        try:
            features = read(value)
        except DataError as error:
            raise ParameterError(name, str(error)) from None
        return _geojson(name, features)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ParameterError(name, "the text given is not GeoJSON.") from None
    if isinstance(value, Mapping) and value.get("type") in ("FeatureCollection", "Feature"):
        return dict(value)
    raise ParameterError(name, f"expected features (a FeatureSet, a file or GeoJSON), not {quoted(value)}.")


def _geojson(name: str, features: FeatureSet) -> dict[str, Any]:
    """GeoJSON of the features, in WGS 84 as RFC 7946 wants (transformed when they are not)."""
    try:
        return to_geojson(in_wgs84(features, f"the features of input '{name}'"))
    except (DataError, MissingDependency) as error:
        raise ParameterError(name, str(error)) from None


def _raster(name: str, kind: ValueType, value: Any) -> dict[str, Any]:
    """A local GeoTIFF sent by value (base64), or an URL the server reads it from."""
    if isinstance(value, OgcLink):
        return value.to_json()
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return {"href": value, "type": _raster_type(kind)}
    if isinstance(value, (str, Path)):
        path = Path(value).expanduser()
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ParameterError(name, f"cannot read the raster '{path}': {error.strerror or error}.") from None
        if not _is_tiff(data):
            raise ParameterError(name, f"'{path}' is not a GeoTIFF file.")
        return {"value": base64.b64encode(data).decode("ascii"), "mediaType": _raster_type(kind)}
    raise ParameterError(name, f"expected a GeoTIFF file or its URL, not {quoted(value)}.")


def _raster_type(kind: ValueType) -> str:
    """The schema's GeoTIFF media type (the first a raster one), else the standard's name for it."""
    for medium in kind.media_types:
        if base_media_type(medium) in ("image/tiff", "image/geotiff", "application/geotiff"):  # the common names
            return medium
    return GEOTIFF


def _complex(name: str, kind: ValueType, value: Any) -> Any:
    """JSON as it is; a file's bytes, a local file (a Path, or any path when the schema is a file's
    content) or an URL of it for binary content."""
    if isinstance(value, OgcLink):
        return value.to_json()
    if isinstance(value, Path) or (is_binary(kind.schema) and isinstance(value, str)):
        if str(value).lower().startswith(("http://", "https://")):
            return {"href": str(value), **({"type": kind.media_types[0]} if kind.media_types else {})}
        path = Path(value).expanduser()
        try:
            value = path.read_bytes()
        except OSError as error:
            raise ParameterError(name, f"cannot read '{path}': {error.strerror or error}.") from None
        if _is_tiff(value) and not kind.media_types:
            return {"value": base64.b64encode(value).decode("ascii"), "mediaType": GEOTIFF}
    if isinstance(value, bytes):
        medium = kind.media_types[0] if kind.media_types else "application/octet-stream"
        return {"value": base64.b64encode(value).decode("ascii"), "mediaType": medium}
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        raise ParameterError(name, f"{quoted(value)} cannot be sent as JSON.") from None
    return value


def requested_outputs(process: Process, outputs: Mapping[str, str] | Sequence[str]) -> dict[str, Any]:
    """The `outputs` member of an execute request: the outputs wanted, each by value or reference."""
    wanted = dict(outputs) if isinstance(outputs, Mapping) else {name: "value" for name in outputs}
    body: dict[str, Any] = {}
    for name, mode in wanted.items():
        if name not in process.outputs:
            raise UnknownParameter(
                f"Process '{process.id}' has no output '{name}' (its outputs: {', '.join(process.outputs) or 'none'})."
            )
        if mode not in _TRANSMISSION:
            raise ParameterError(name, f"an output is sent by 'value' or by 'reference', not {quoted(mode)}.")
        # Not checked against the process's outputTransmission: pygeoapi 0.21 declares ["value"] for
        # every process, whatever the process does; a server that sends a value instead of a
        # reference is read all the same.
        entry: dict[str, Any] = {"transmissionMode": mode}
        medium = process.outputs[name].media_types[:1]
        if medium:
            entry["format"] = {"mediaType": medium[0]}
        body[name] = entry
    return body


# -- outputs --------------------------------------------------------------------------------------


def results_map(process: Process | None, body: Any, where: str) -> dict[str, Any]:
    """Output id → value, from a results document: the standard's map by id; pygeoapi's
    `{"id", "value"}` of one output, or `{"outputs": [...]}` (its `response: document`); or, for a
    process of one output, the value itself (`response: raw`)."""
    outputs = list(process.outputs) if process else []
    if isinstance(body, dict) and isinstance(body.get("outputs"), list):
        merged: dict[str, Any] = {}
        for entry in body["outputs"]:
            merged.update(results_map(process, entry, where))
        return merged
    if isinstance(body, dict) and set(body) >= {"id", "value"} and body["id"] in outputs:
        return {body["id"]: body["value"]}
    if isinstance(body, dict) and body and set(body) <= set(outputs):
        return dict(body)
    if len(outputs) == 1:
        return {outputs[0]: body}
    if process is None and isinstance(body, dict):
        return dict(body)
    raise BadResponse(f"{where} answered results that name none of the process's outputs: {quoted(body)}.")


def decode_output(
    server: OgcServer, output: ProcessOutput | None, name: str, value: Any, destination: str | Path | None
) -> Any:
    """An output's value: a FeatureSet for GeoJSON, a Path for a raster or a file (written to
    `destination`, or a temporary file), an OgcLink for a reference when no `destination` is given,
    else the JSON value as it came."""
    kind = output.value.kind if output is not None else Kind.COMPLEX
    if isinstance(value, list) and kind not in (Kind.ARRAY, Kind.BBOX) and any(map(_is_wrapped, value)):
        if destination is not None:
            raise ParameterError(name, "the output has several values: read them without a destination.")
        return [decode_output(server, output, name, item, None) for item in value]  # an output of maxOccurs > 1
    if _is_link(value):
        link = OgcLink(value["href"], value.get("type") if isinstance(value.get("type"), str) else "")
        is_features = kind == Kind.FEATURES or is_geojson(link.type)
        media = (link.type,) if link.type else output.media_types if output is not None else ()
        if not is_features:
            return link if destination is None else server.download(link.href, Path(destination).expanduser(), media)
        if destination is not None and Path(destination).suffix.lower() in (".geojson", ".json"):
            return server.download(link.href, Path(destination).expanduser(), media)
        temporary = _target(None, ".geojson")
        try:
            read = from_geojson(_json_file(server.download(link.href, temporary, media), name), f"output '{name}'")
        except DataError as error:
            raise BadResponse(str(error)) from None
        finally:
            temporary.unlink(missing_ok=True)
        if destination is None:
            return read
        from .featureio import write

        return Path(write(read, destination))
    medium, encoding = "", ""
    if isinstance(value, dict) and "value" in value and set(value) <= _QUALIFIED:
        medium, encoding = _media_of(value), str(value.get("encoding") or "")
        value = value["value"]
    if kind == Kind.RASTER or is_raster(medium):
        if not isinstance(value, str):
            raise BadResponse(f"Output '{name}' should be a base64 raster, not {quoted(value)}.")
        return write_bytes(_base64(value, name), medium or GEOTIFF, output, destination)
    if medium and not is_geojson(medium) and "json" not in base_media_type(medium):
        if destination is None or not isinstance(value, str):
            return value  # GML, KML, text...: as it came
        data = _base64(value, name) if encoding.lower() == "base64" else value.encode("utf-8")
        return write_bytes(data, medium, output, destination)
    if kind == Kind.FEATURES or (isinstance(value, dict) and value.get("type") in ("FeatureCollection", "Feature")):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise BadResponse(f"Output '{name}' is not GeoJSON.") from None
        try:
            features = from_geojson(value, f"output '{name}'")
        except DataError as error:
            raise BadResponse(str(error)) from None
        if destination is not None:
            from .featureio import write

            return Path(write(features, destination))
        return features
    return value


def _media_of(qualified: dict[str, Any]) -> str:
    """A qualified value's media type: `mediaType`, or the `format` object's (the drafts)."""
    medium = qualified.get("mediaType")
    fmt = qualified.get("format")
    if not isinstance(medium, str) and isinstance(fmt, dict):
        medium = fmt.get("mediaType")
    return medium if isinstance(medium, str) else ""


def _base64(text: str, name: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        try:  # wrapped in lines, as the standard's examples are
            return base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise BadResponse(f"Output '{name}' is not valid base64.") from None


def _json_file(path: Path, name: str) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (ValueError, RecursionError):
        raise BadResponse(f"Output '{name}' is not JSON.") from None


def _is_wrapped(value: Any) -> bool:
    """A link or a qualified value: what a list of an output's several values holds."""
    return _is_link(value) or (isinstance(value, dict) and "value" in value and set(value) <= _QUALIFIED)


def _is_link(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("href"), str)
        and value.get("type") not in ("FeatureCollection", "Feature")
        and "value" not in value
    )


def write_bytes(data: bytes, media_type: str, output: ProcessOutput | None, destination: str | Path | None) -> Path:
    """A file's bytes written to `destination` (or a temporary file) through a temporary file
    beside it, renamed once whole: nothing partial is left."""
    kind = output.value.kind if output is not None else Kind.COMPLEX
    if kind == Kind.RASTER and not _is_tiff(data):
        raise BadResponse(f"Output '{output.id if output else ''}' should be a GeoTIFF, and is not one.")
    target = _target(destination, _suffix(media_type, kind))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    partial = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _is_tiff(data: bytes) -> bool:
    """TIFF's and BigTIFF's signatures, either byte order."""
    return data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")


def _target(destination: str | Path | None, suffix: str) -> Path:
    if destination is not None:
        return Path(destination).expanduser()
    handle, name = tempfile.mkstemp(prefix="ogc_output_", suffix=suffix)
    os.close(handle)
    return Path(name)


def _suffix(media_type: str, kind: Kind) -> str:
    base = base_media_type(media_type)
    if kind == Kind.RASTER or base in RASTER_TYPES:
        return _RASTER_SUFFIX
    if is_geojson(base) or kind == Kind.FEATURES:
        return ".geojson"
    return {"application/json": ".json", "image/png": ".png", "text/plain": ".txt", "text/csv": ".csv"}.get(base, "")
