"""Input values by dataType: a decoded JSON value made the Python value a tool gets, filters checked.

A value of the wrong shape cannot be set into its parameter: ArcGIS answers ``ERROR 000628: Cannot
set input into parameter <displayName>.``; the line after it says why. Members of containers
(GPMultiValue, GPValueTable cells, GPComposite) are read by their own type's converter, and their
errors name the container parameter.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from . import filters
from .featureset import FeatureSet, RecordSet
from .model import ParamDef, ParamInfo
from .spatial_ref import SpatialRef
from .tool_errors import ToolError
from .units import AREAL_UNIT_NAMES, LINEAR_UNIT_NAMES, TIME_UNIT_NAMES, UNKNOWN_TIME_UNITS, LinearUnit
from .value_types import Composite, DataRef, ValueTable

SR_KEYS = ("wkid", "latestWkid", "wkt")
EXTENT_KEYS = ("xmin", "ymin", "xmax", "ymax")


def convert(param: ParamDef, value: Any) -> Any:
    """The Python value of a decoded, non-null JSON value; ToolError when it cannot be set."""
    try:
        return _checked(param, value)
    except ValueError as exc:
        raise cannot_set(param, str(exc)) from None


def cannot_set(param: ParamDef, reason: str) -> ToolError:
    return ToolError(
        f"ERROR 000628: Cannot set input into parameter {param.display_name}.", f"{param.display_name}: {reason}"
    )


def feature_set(param: ParamDef, value: Any) -> FeatureSet:
    """A FeatureSet read against the parameter's schema (its default value, which may be ``{}``);
    ValueError if malformed."""
    schema = param.default
    sr = schema.get("spatialReference")
    return FeatureSet.from_json(
        value,
        default_sr=SpatialRef.parse(sr) if sr else None,
        default_type=schema.get("geometryType"),
        default_fields=tuple(schema.get("fields", ())),
    )


def record_set(param: ParamDef, value: Any) -> RecordSet:
    schema = param.default or {}
    return RecordSet.from_json(value, default_fields=tuple(schema.get("fields", ())))


def _checked(param: ParamDef, value: Any) -> Any:
    """Convert (ValueError when the shape is wrong), then check the filters (ToolError)."""
    if param.member_type is not None:
        return _multi_value(param, value)
    converter = _CONVERTERS.get(param.data_type)
    converted = value if converter is None else converter(param, value)
    filters.check_value(param, converted)
    return converted


def _as(param: ParamDef, data_type: str) -> ParamDef:
    """The parameter as if it were of a member's type, filters kept (its errors still name the parameter)."""
    return replace(param, data_type=data_type, parameter_infos=())


def _string(_param: ParamDef, value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _boolean(_param: ParamDef, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(f"expected true or false, got {json.dumps(value)}")


def _number(value: Any, what: str = "a number") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"expected {what}, got {json.dumps(value)}")
    return value


def _double(_param: ParamDef, value: Any) -> float:
    """A JSON number, or a number written as text (bare or quoted)."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise ValueError(f"expected a number, got {json.dumps(value)}") from None
    return float(_number(value))


def _long(param: ParamDef, value: Any) -> int:
    number = _double(param, value)
    if number != int(number):
        raise ValueError(f"expected an integer, got {json.dumps(value)}")
    return int(number)


def _date(_param: ParamDef, value: Any) -> int:
    """Epoch milliseconds (UTC), a JSON integer."""
    if _number(value, "epoch milliseconds") != int(value):
        raise ValueError(f"expected epoch milliseconds (an integer), got {json.dumps(value)}")
    return int(value)


def _object(value: Any, shape: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected {shape}, got {json.dumps(value)}")
    return value


def _unit_name(param: ParamDef, units: Any, names: tuple[str, ...]) -> str:
    if units not in names:
        raise filters.not_a_member(param, names)
    return units


def _linear_unit(param: ParamDef, value: Any) -> LinearUnit:
    """``{"distance", "units"}``; without units, metres."""
    unit = _object(value, '{"distance": <number>, "units": "<esri unit>"}')
    distance = _number(unit.get("distance"), "a number as distance")
    units = unit.get("units")
    return LinearUnit(float(distance), None if units is None else _unit_name(param, units, LINEAR_UNIT_NAMES))


def _areal_unit(param: ParamDef, value: Any) -> dict[str, Any]:
    """``{"area", "units"}``, both required (Esri's JSON schema)."""
    unit = _object(value, '{"area": <number>, "units": "<esri areal unit>"}')
    return {
        "area": _number(unit.get("area"), "a number as area"),
        "units": _unit_name(param, unit.get("units"), AREAL_UNIT_NAMES),
    }


def _time_unit(param: ParamDef, value: Any) -> dict[str, Any]:
    """``{"time", "units"}``; without units, esriTimeUnitsUnknown."""
    unit = _object(value, '{"time": <number>, "units": "<esri time unit>"}')
    return {
        "time": _number(unit.get("time"), "a number as time"),
        "units": _unit_name(param, unit.get("units", UNKNOWN_TIME_UNITS), TIME_UNIT_NAMES),
    }


def _data_ref(_param: ParamDef, value: Any) -> DataRef:
    if isinstance(value, dict):
        url, item_id = value.get("url"), value.get("itemID")
        if isinstance(url, str) and url:
            return DataRef(url=url)
        if isinstance(item_id, str) and item_id:
            return DataRef(item_id=item_id)
    raise ValueError('expected {"url": "<http url>"} or {"itemID": "<uploaded item>"}')


def _is_reference(value: Any) -> bool:
    return isinstance(value, dict) and ("url" in value or "itemID" in value) and "features" not in value


def _feature_set(param: ParamDef, value: Any) -> FeatureSet | DataRef:
    return _data_ref(param, value) if _is_reference(value) else feature_set(param, value)


def _record_set(param: ParamDef, value: Any) -> RecordSet | DataRef:
    return _data_ref(param, value) if _is_reference(value) else record_set(param, value)


def _spatial_reference(_param: ParamDef, value: Any) -> dict[str, Any]:
    """``{wkid}``, ``{latestWkid}`` or ``{wkt}`` of a known reference; echoed as sent."""
    sr = _object(value, '{"wkid"}, {"latestWkid"} or {"wkt"}')
    if not any(key in sr for key in SR_KEYS):
        raise ValueError('a spatial reference needs "wkid", "latestWkid" or "wkt"')
    SpatialRef.parse(sr)
    return dict(sr)


def _extent(_param: ParamDef, value: Any) -> dict[str, Any]:
    """``{xmin, ymin, xmax, ymax[, spatialReference]}`` with min <= max; echoed as sent."""
    extent = _object(value, "{xmin, ymin, xmax, ymax, spatialReference}")
    xmin, ymin, xmax, ymax = (_number(extent.get(key), f"a number as {key}") for key in EXTENT_KEYS)
    if xmin > xmax or ymin > ymax:
        raise ValueError("an extent needs xmin <= xmax and ymin <= ymax")
    if extent.get("spatialReference") is not None:
        SpatialRef.parse(extent["spatialReference"])
    return dict(extent)


def _field(_param: ParamDef, value: Any) -> dict[str, Any]:
    """``{name, type, alias, ...}``: name and an esriFieldType are required."""
    field = _object(value, "{name, type, alias, ...}")
    name, kind = field.get("name"), field.get("type")
    if not isinstance(name, str) or not name:
        raise ValueError("a field needs a name")
    if not isinstance(kind, str) or not kind.startswith("esriFieldType"):
        raise ValueError(f"a field needs an esriFieldType* type, got {json.dumps(kind)}")
    return dict(field)


def _multi_value(param: ParamDef, value: Any) -> list[Any]:
    """A JSON array of the member type (never a comma-joined text)."""
    if not isinstance(value, list):
        raise ValueError(f"a {param.data_type} value must be a JSON array, got {json.dumps(value)}")
    member = _as(param, param.member_type or "")
    return [_checked(member, item) for item in value]


def _value_table(param: ParamDef, value: Any) -> ValueTable:
    """Rows as arrays in column order, or as objects keyed by column name (absent = empty)."""
    columns = param.parameter_infos
    if not isinstance(value, list):
        raise ValueError("a GPValueTable value must be a JSON array of rows")
    rows = []
    for number, row in enumerate(value, start=1):
        if isinstance(row, list):
            if len(row) != len(columns):
                raise ValueError(f"row {number} has {len(row)} values for {len(columns)} columns")
            cells = row
        elif isinstance(row, dict):
            unknown = sorted(set(row) - {c.name for c in columns})
            if unknown:
                raise ValueError(f"row {number}: no column is named {unknown[0]!r}")
            cells = [row.get(c.name) for c in columns]
        else:
            raise ValueError(f"row {number} is neither an array nor an object")
        rows.append(tuple(_cell(param, column, cell, number) for column, cell in zip(columns, cells)))
    return ValueTable(columns, tuple(rows))


def _cell(param: ParamDef, column: ParamInfo, value: Any, row: int) -> Any:
    """An empty cell is "" in a string column, None in any other."""
    if value is None or value == "":
        return "" if column.data_type == "GPString" else None
    try:
        return _checked(
            replace(param, data_type=column.data_type, choice_list=None, filter=None, parameter_infos=()), value
        )
    except ValueError as exc:
        raise ValueError(f"row {row}, column {column.name!r}: {exc}") from None


def _composite(param: ParamDef, value: Any) -> Composite:
    """``{"dataType", "value"}`` of an allowed type, or a bare value read as the first type it fits."""
    allowed = [info.data_type for info in param.parameter_infos]
    if isinstance(value, dict) and "dataType" in value and "value" in value:
        if value["dataType"] not in allowed:
            raise ValueError(f"dataType {json.dumps(value['dataType'])} is not one of {' | '.join(allowed)}")
        return Composite(value["dataType"], _checked(_as(param, value["dataType"]), value["value"]))
    for data_type in allowed:
        try:
            return Composite(data_type, _checked(_as(param, data_type), value))
        except (ValueError, ToolError):
            continue
    raise ValueError(f"the value is none of {' | '.join(allowed)}")


_CONVERTERS: dict[str, Callable[[ParamDef, Any], Any]] = {
    "GPString": _string,
    "GPStringHidden": _string,
    "GPSQLExpression": _string,
    "GPBoolean": _boolean,
    "GPDouble": _double,
    "GPLong": _long,
    "GPDate": _date,
    "GPLinearUnit": _linear_unit,
    "GPArealUnit": _areal_unit,
    "GPTimeUnit": _time_unit,
    "GPDataFile": _data_ref,
    "GPRasterDataLayer": _data_ref,
    "GPRasterData": _data_ref,
    "GPFeatureRecordSetLayer": _feature_set,
    "GPRecordSet": _record_set,
    "GPSpatialReference": _spatial_reference,
    "GPExtent": _extent,
    "Field": _field,
    "GPValueTable": _value_table,
    "GPComposite": _composite,
}
