"""Parameter values both ways, dispatched on the exact `dataType` (`GPMultiValue:<T>` by its member).

`encode` turns a Python value into the form-field text a server expects (JSON text; a plain
string goes bare), after checking it against what the task declares: its type, choice list and
filters. `decode` turns a result value into a Python object. A data type this client does not
know is sent and returned as it is, with a GPWarning.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import BadResponse, GPError, ParameterError, TransferLimitExceeded, quoted, warn
from .extent import Extent
from .featureset import FeatureSet, Field, as_utc_datetime, epoch_ms
from .filters import Rules
from .json_fields import list_of, number_of, text_of
from .model import DataType, Parameter, Task
from .remote import FeatureService, ImageService, MapImage, RasterFile, RemoteFile
from .spatialref import SpatialReference
from .transport import describe_host
from .units import ArealUnit, LinearUnit, TimeUnit, UnitError

if TYPE_CHECKING:
    from .server import Server

Uploader = Callable[[Path], str]
"""Uploads a local file to the service and returns its itemID; None when the service takes no uploads."""

_EMPTY = ("", "#")
STRINGS = {"GPString", "GPStringHidden", "GPSQLExpression"}
FEATURES = {"GPFeatureRecordSetLayer", "GPRecordSet"}
RASTERS = {"GPRasterDataLayer", "GPRasterData"}
QUANTITIES = {"GPLinearUnit": LinearUnit, "GPArealUnit": ArealUnit, "GPTimeUnit": TimeUnit}
EXTENTS = {"GPExtent", "GPEnvelope"}
SPATIAL_REFERENCES = {"GPSpatialReference", "GPCoordinateSystem"}


def is_empty(value: Any) -> bool:
    """No value: null, "", "#" (arcpy's "use the default"), [] or {}."""
    return value is None or (isinstance(value, str) and value.strip() in _EMPTY) or value in ([], {})


def holds_data(data_type: DataType, value: Any) -> bool:
    """Whether `value` is something a task can run with: not empty and, for features, rasters and
    files, data (features, a url or an itemID) rather than a schema (`{"fields": [...], "features": []}`)."""
    if is_empty(value):
        return False
    base = data_type.base
    if base == "GPMultiValue":
        member = DataType(data_type.member or "GPString")
        return any(holds_data(member, item) for item in (value if isinstance(value, list) else [value]))
    if base in FEATURES or base in RASTERS or base == "GPDataFile":
        return isinstance(value, dict) and (
            bool(list_of(value.get("features"))) or any(text_of(value.get(key)).strip() for key in ("url", "itemID"))
        )
    return True


def encode(
    parameter: Parameter, value: Any, uploader: Uploader | None = None, dependency: Parameter | None = None
) -> str | None:
    """The wire text for `value`, or None when nothing is to be sent (an empty optional).
    `dependency` is the parameter this one depends on (a Field's feature input)."""
    text = wire(parameter, value, uploader, dependency)
    return text.decode("ascii") if isinstance(text, bytes) else text


def wire(
    parameter: Parameter, value: Any, uploader: Uploader | None = None, dependency: Parameter | None = None
) -> str | bytes | None:
    """`encode`, with a feature set's text as the bytes `FeatureSet.to_bytes` writes: a request
    sends them or uploads them as a file, without a copy as `str`."""
    if is_empty(value):
        if parameter.is_required:
            raise ParameterError(parameter.name, "a value is required.")
        return None
    try:
        plain = _Encoder(parameter, uploader, dependency).value(parameter.data_type, parameter.rules, value)
        if isinstance(plain, str):
            return plain
        try:
            if isinstance(plain, FeatureSet):
                return plain.to_bytes()
            return json.dumps(plain, allow_nan=False, default=_json_of)
        except ValueError:  # NaN or infinity (in features, or in a value given as JSON)
            raise ParameterError(parameter.name, "holds NaN or an infinite number, which JSON cannot carry.") from None
    except ParameterError:
        raise
    except (UnitError, GPError, ValueError, TypeError) as error:
        raise ParameterError(parameter.name, str(error)) from None


def _json_of(value: Any) -> Any:
    """What json.dumps writes for a FeatureSet inside another value (a multivalue, a composite)."""
    if isinstance(value, FeatureSet):
        return value.to_json()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _Encoder:
    """Encodes one parameter's value; nested values (multivalue members, value-table cells,
    composite values) go through `value` again with their own type and rules."""

    def __init__(self, parameter: Parameter, uploader: Uploader | None, dependency: Parameter | None):
        self.parameter = parameter
        self.uploader = uploader
        self.dependency = dependency

    def value(self, data_type: DataType, rules: Rules, value: Any) -> Any:
        value = rules.before(value)
        base = data_type.base
        if base == "GPMultiValue":
            return self.multivalue(data_type, rules, value)
        if base in STRINGS:
            return rules.after(value if isinstance(value, str) else str(value))
        if base == "GPLong":
            return rules.after(_integer(rules, value))
        if base == "GPDouble":
            return rules.after(_number(rules, value, "a number"))
        if base == "GPBoolean":
            return _boolean(rules, value)
        if base == "GPDate":
            return _epoch_ms(rules, value)
        if base in QUANTITIES:
            return QUANTITIES[base].parse(value, self.default_units()).to_json()
        if base in FEATURES:
            return self.features(rules, value)
        if base in RASTERS or base == "GPDataFile":
            return self.file(rules, value)
        if base == "GPValueTable":
            return self.value_table(value)
        if base == "GPComposite":
            return self.composite(rules, value)
        if base in SPATIAL_REFERENCES:
            return _spatial_reference(rules, value)
        if base in EXTENTS:
            return self.extent(rules, value)
        if base == "Field":
            return self.field(rules, value)
        warn(
            f"Parameter '{self.parameter.name}' has the data type '{data_type}', which "
            "Remote GP does not know: its value is sent as it is."
        )
        return value.to_json() if hasattr(value, "to_json") else value

    def default_units(self) -> str | None:
        default = self.parameter.default_value
        if isinstance(default, list) and default:
            default = default[0]
        return default.get("units") if isinstance(default, dict) else None

    def multivalue(self, data_type: DataType, rules: Rules, value: Any) -> list[Any]:
        """A JSON array (never comma-joined). Text is read as a JSON array, else as arcpy's
        semicolon-separated list."""
        if isinstance(value, str):
            value = json.loads(value) if value.lstrip().startswith("[") else [v for v in value.split(";") if v]
        elif not isinstance(value, (list, tuple)):
            value = [value]
        member = DataType(data_type.member or "GPString")
        return [self.value(member, rules, item) for item in value]

    def features(self, rules: Rules, value: Any) -> Any:
        if isinstance(value, (FeatureService, RemoteFile)):
            return value.to_json()
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            return {"url": value}
        if isinstance(value, (str, Path)):
            features = schema_of(self.parameter)
            features.load(value)
            value = features
        if isinstance(value, list) and self.parameter.data_type.base == "GPRecordSet":
            table = schema_of(self.parameter)
            table.set_features(None, value)
            value = table
        if isinstance(value, FeatureSet):
            rules.geometry_type(value.geometry_type)
            return value  # written as text by `wire` (FeatureSet.to_bytes), or as its dict when nested
        if isinstance(value, dict):
            rules.geometry_type(value.get("geometryType"))
            return value
        raise rules.error(
            f"{type(value).__name__} cannot be sent as features: give a FeatureSet, a file path, "
            "a feature layer URL or {'itemID': ...}."
        )

    def file(self, rules: Rules, value: Any) -> dict[str, Any]:
        if isinstance(value, (RemoteFile, ImageService)):
            return value.to_json()
        if isinstance(value, dict):
            return value
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            rules.file_name(value)
            return {"url": value}
        if not isinstance(value, (str, Path)):
            raise rules.error(f"{type(value).__name__} is not a file: give a local path, a URL or {{'itemID': ...}}.")
        path = Path(value).expanduser()
        if not path.exists():
            raise rules.error(f"'{path}' does not exist (give a local file or a URL).")
        rules.file_name(path.name)
        if self.uploader is None:
            raise rules.error(
                f"'{path}' is a local file, but the service does not accept uploads: "
                "give a URL the server can read instead."
            )
        return {"itemID": self.uploader(path)}

    def value_table(self, rows: Any) -> list[Any]:
        """Rows in column order; a row may be a sequence or a dict keyed by column name."""
        if not isinstance(rows, (list, tuple)):
            raise ParameterError(self.parameter.name, "a value table is a list of rows.")
        columns = self.parameter.columns
        if not columns:
            return list(rows)
        table = []
        for number, row in enumerate(rows, start=1):
            cells = self.row_cells(row, number)
            table.append(
                [
                    None if is_empty(cell) else self.value(column.data_type, column.rules, cell)
                    for column, cell in zip(columns, cells)
                ]
            )
        return table

    def row_cells(self, row: Any, number: int) -> list[Any]:
        columns = self.parameter.columns
        names = [column.name for column in columns]
        if isinstance(row, dict):
            by_name = {str(key).lower(): cell for key, cell in row.items()}
            unknown = set(by_name) - {name.lower() for name in names}
            if unknown:
                raise ParameterError(
                    self.parameter.name,
                    f"row {number} has no column {', '.join(sorted(unknown))} (the columns: {', '.join(names)}).",
                )
            return [by_name.get(name.lower()) for name in names]
        if not isinstance(row, (list, tuple)) or len(row) > len(columns):
            raise ParameterError(
                self.parameter.name, f"row {number} must have at most {len(columns)} cells ({', '.join(names)})."
            )
        return list(row) + [None] * (len(columns) - len(row))

    def composite(self, rules: Rules, value: Any) -> Any:
        """`{"dataType", "value"}` with the first allowed type the value fits (or the type given)."""
        if isinstance(value, dict) and "dataType" in value and "value" in value:
            chosen = [DataType(str(value["dataType"]))]
            value = value["value"]
        else:
            chosen = self.parameter.allowed_types
            if isinstance(value, (int, float)) and not isinstance(value, bool):  # a bare number is a number first
                chosen = sorted(chosen, key=lambda t: t.base not in ("GPLong", "GPDouble"))
        problems = []
        for data_type in chosen:
            try:
                return {"dataType": data_type.name, "value": self.value(data_type, rules, value)}
            except (ParameterError, UnitError, GPError, ValueError, TypeError) as error:
                problems.append(f"as {data_type}: {error}")
        if not chosen:
            return value.to_json() if hasattr(value, "to_json") else value
        raise ParameterError(self.parameter.name, f"{value!r} fits none of its types ({'; '.join(problems)}).")

    def extent(self, rules: Rules, value: Any) -> dict[str, Any]:
        default = self.parameter.default_value
        reference = SpatialReference.from_json(default.get("spatialReference")) if isinstance(default, dict) else None
        extent = _extent(value, reference)
        if extent is None:
            raise rules.error(
                f"{value!r} is not an extent: give an Extent, (xmin, ymin, xmax, ymax), "
                "'xmin ymin xmax ymax' or its Esri JSON."
            )
        return extent.to_json()

    def field(self, rules: Rules, value: Any) -> dict[str, Any]:
        if isinstance(value, str):
            return self.field_by_name(rules, value)
        field = value if isinstance(value, Field) else Field.from_json(value)
        rules.field_type(field.type)
        return field.to_json()

    def field_by_name(self, rules: Rules, name: str) -> dict[str, Any]:
        """A field given by name: described as the schema of the input it depends on has it."""
        fields = schema_of(self.dependency).fields if self.dependency is not None else []
        for field in fields:
            if field.name.lower() == name.lower():
                rules.field_type(field.type)
                return field.to_json()
        if fields:
            raise rules.error(
                f"'{name}' is not a field of {self.dependency.name} "  # type: ignore[union-attr]  # fields: it has one
                f"(its fields: {', '.join(f.name for f in fields)})."
            )
        return {"name": name}


def _integer(rules: Rules, value: Any) -> int:
    number = _number(rules, value, "a whole number")
    if not number.is_integer():
        raise rules.error(f"{value!r} is not a whole number.")
    return int(number)


def _number(rules: Rules, value: Any, what: str) -> float:
    """A finite number from a number or numeric text; booleans are not numbers here."""
    try:
        number = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer past float's range
        number = math.nan
    if not math.isfinite(number):
        raise rules.error(f"{value!r} is not {what}.")
    return number


def _boolean(rules: Rules, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    raise rules.error(f"{value!r} is not true or false.")


def _epoch_ms(rules: Rules, value: Any) -> int:
    """Epoch milliseconds UTC from a datetime (naive = UTC), a date, ISO 8601 text or epoch ms."""
    try:
        return epoch_ms(value)
    except (TypeError, ValueError, OverflowError):
        raise rules.error(
            f"{value!r} is not a date: give a datetime, a date, ISO 8601 text or epoch milliseconds."
        ) from None


def _spatial_reference(rules: Rules, value: Any) -> dict[str, Any]:
    if isinstance(value, SpatialReference):
        return value.to_json()
    if isinstance(value, int) and not isinstance(value, bool):
        return {"wkid": value}
    if isinstance(value, str):
        text = value.strip()
        code = text.split(":", 1)[1] if text.upper().startswith(("EPSG:", "ESRI:")) else text
        return {"wkid": int(code)} if code.isdigit() else {"wkt": text}
    reference = SpatialReference.from_json(value)
    if reference is None:
        raise rules.error(f"{value!r} is not a spatial reference: give a WKID, 'EPSG:<code>', WKT or {{'wkid': ...}}.")
    return reference.to_json()


def _extent(value: Any, default_reference: SpatialReference | None) -> Extent | None:
    if isinstance(value, Extent):
        return value
    if isinstance(value, dict):
        return Extent.from_json(value)
    if hasattr(value, "bounds") and not isinstance(value, (list, tuple, str)):
        value = value.bounds  # a shapely geometry
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if isinstance(value, (list, tuple)) and len(value) == 4:
        try:
            xmin, ymin, xmax, ymax = (float(v) for v in value)
        except (TypeError, ValueError):
            return None
        return Extent.from_json(
            {
                "xmin": xmin,
                "ymin": ymin,
                "xmax": xmax,
                "ymax": ymax,
                "spatialReference": default_reference.to_json() if default_reference else None,
            }
        )
    return None


def schema_of(parameter: Parameter) -> FeatureSet:
    """An empty FeatureSet with the schema the task declares as the parameter's default."""
    default = parameter.default_value
    if isinstance(default, dict) and ("fields" in default or "Fields" in default or "geometryType" in default):
        return FeatureSet.from_json(default).empty_copy()
    return FeatureSet()


def read_output(task: Task, name: str, data_type: DataType, value: Any, server: Server) -> Any:
    """An output's value (see `decode`); one that does not fit its data type is a BadResponse naming
    the server, the task and the output. Features cut at the server's transfer limit are a
    TransferLimitExceeded: never fewer features than the task made (a job's `output` fetches them
    from its result map service instead, see `is_pageable`)."""
    try:
        decoded = decode(data_type, value, server, name)
    except GPError as error:
        raise BadResponse(
            f"{describe_host(task.url)}: the output '{name}' of task '{task.name}' cannot be read: {error}"
        ) from None
    if any(
        isinstance(item, FeatureSet) and item.exceeded_transfer_limit
        for item in (decoded if isinstance(decoded, list) else [decoded])
    ):
        raise TransferLimitExceeded(name, task.service.maximum_records, _not_paged(task, data_type))
    return decoded


def is_pageable(task: Task, data_type: DataType) -> bool:
    """Whether an output cut at the transfer limit can be fetched page by page: a feature output of a
    job of a service with a result map service, which draws it as a layer."""
    return not _not_paged(task, data_type)


def _not_paged(task: Task, data_type: DataType) -> str:
    """Why an output cut at the transfer limit cannot be fetched page by page ("" when it can)."""
    if task.is_synchronous:
        return "The task runs synchronously: there is no job whose result map service could return them."
    if task.service.map_server_url is None:
        return "The service has no result map service that could return them page by page."
    if data_type.base != "GPFeatureRecordSetLayer":
        return "The result map service returns only feature outputs page by page, not tables or lists of them."
    return ""


def decode(data_type: DataType, value: Any, server: Server, name: str = "") -> Any:
    """A result value as a Python object: FeatureSet, RasterFile, MapImage, LinearUnit, Extent, list, ...
    None stays None; a value that does not fit its data type is a GPError (a BadResponse where it is
    of the wrong JSON type)."""
    base = data_type.base
    if isinstance(value, dict) and isinstance(value.get("mapImage"), dict):
        return _map_image(value["mapImage"])
    if value is None:
        return None
    if base == "GPMultiValue":
        member = DataType(data_type.member or "GPString")
        if member.base == "GPMultiValue":
            raise BadResponse(f"{data_type} is not a data type: a multivalue holds single values.")
        return [decode(member, item, server, name) for item in _expect(value, list, data_type, "a list")]
    if base in _SCALARS:
        return _scalar(data_type, value)
    if base in FEATURES:
        value = _expect(value, dict, data_type, "a JSON object (features, or a url)")
        if "url" in value and "features" not in value:
            return FeatureService(_url(value, data_type))
        return _features(FeatureSet.from_json(value), name)
    if base in RASTERS:
        value = _expect(value, dict, data_type, "a JSON object with a url")
        if value.get("type") == "ImageService":
            return ImageService(_url(value, data_type))
        file_format = value.get("format")
        return RasterFile(
            _url(value, data_type), server, file_format if isinstance(file_format, str) and file_format else "tif"
        )
    if base == "GPDataFile":
        return RemoteFile(_url(_expect(value, dict, data_type, "a JSON object with a url"), data_type), server)
    if base in QUANTITIES:
        return QUANTITIES[base].from_json(_expect(value, dict, data_type, "a JSON object"))
    if base in SPATIAL_REFERENCES:
        return SpatialReference.from_json(_expect(value, dict, data_type, "a JSON object"))
    if base in EXTENTS:
        return Extent.from_json(_expect(value, dict, data_type, "a JSON object"))
    if base == "Field":
        return Field.from_json(value)
    if base == "GPValueTable":
        return _expect(value, list, data_type, "a list of rows")
    if base not in _KNOWN:
        warn(
            f"Output '{name}' has the data type '{data_type}', which Remote GP does not "
            "know: its value is returned as the server sent it."
        )
    return value


def _expect(value: Any, kind: type, data_type: DataType, what: str) -> Any:
    if not isinstance(value, kind):
        raise BadResponse(f"a {data_type} value must be {what}, not {quoted(value)}.")
    return value


def _url(value: dict[str, Any], data_type: DataType) -> str:
    url = value.get("url")
    if not isinstance(url, str) or not url:
        raise BadResponse(f"a {data_type} value must hold a url, not {quoted(value)}.")
    return url


def _scalar(data_type: DataType, value: Any) -> Any:
    """Text, a whole number, a number, true or false, or a date (epoch milliseconds, or ISO 8601 text)."""
    base = data_type.base
    if base in STRINGS and isinstance(value, str):
        return value
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if base == "GPDouble" and is_number:
        return value
    if base == "GPLong" and is_number and (isinstance(value, int) or value.is_integer()):
        return int(value)
    if base == "GPBoolean" and isinstance(value, bool):
        return value
    if base == "GPDate" and (is_number or isinstance(value, str)):
        try:
            return as_utc_datetime(value)
        except (ValueError, OverflowError):
            pass
    what = {
        "GPLong": "a whole number",
        "GPDouble": "a number",
        "GPBoolean": "true or false",
        "GPDate": "a date (epoch milliseconds)",
    }.get(base, "text")
    raise BadResponse(f"a {data_type} value must be {what}, not {quoted(value)}.")


def _map_image(image: dict[str, Any]) -> MapImage:
    """What a result map service answers for an output instead of its data."""
    href, width, height, scale = (image.get(key) for key in ("href", "width", "height", "scale"))
    if not isinstance(href, str) or not href:
        raise BadResponse(f"a map image must have an href, not {quoted(image)}.")
    return MapImage(
        href,
        width if _is_size(width) else None,
        height if _is_size(height) else None,
        Extent.from_json(image.get("extent")),
        number_of(scale),
    )


def _is_size(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


_SCALARS = STRINGS | {"GPLong", "GPDouble", "GPBoolean", "GPDate"}
_KNOWN = (
    STRINGS
    | FEATURES
    | RASTERS
    | set(QUANTITIES)
    | EXTENTS
    | SPATIAL_REFERENCES
    | {
        "GPLong",
        "GPDouble",
        "GPBoolean",
        "GPDate",
        "GPDataFile",
        "GPValueTable",
        "GPComposite",
        "Field",
        "GPMultiValue",
    }
)


def _features(features: FeatureSet, name: str) -> FeatureSet:
    """A warning a user must see: a result without a spatial reference (never assumed to be WGS 84)."""
    if features.geometry_type and features.spatial_reference is None and len(features):
        warn(f"Output '{name}' came without a spatial reference: its coordinates are in an unknown coordinate system.")
    return features
