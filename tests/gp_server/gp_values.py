"""GP parameter values on the wire: reading inputs by dataType, writing outputs, the output SR.

Every value arrives form-encoded as JSON text; plain strings may come bare. A value that cannot be
read fails the run with an ArcGIS-style error naming the parameter's display name, collected for
all parameters before the tool starts (as ArcGIS validates all parameters first).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .featureset import FeatureSet
from .model import ParamDef, TaskDef
from .spatial_ref import SpatialRef
from .tool_errors import ToolError
from .units import LINEAR_UNIT_NAMES, LinearUnit

@dataclass(frozen=True)
class DataRef:
    """A raster or file input: an uploaded item or a URL to download."""
    url: str | None = None
    item_id: str | None = None


@dataclass(frozen=True)
class RasterFile:
    """A raster output written by a tool; answered as ``{"url", "format"}``."""
    path: Path


def parse_inputs(task: TaskDef, params: Mapping[str, str]) -> dict[str, Any]:
    """Read every input of the task from the request's parameters (names matched without case)."""
    by_name = {key.lower(): value for key, value in params.items()}
    values: dict[str, Any] = {}
    errors: list[str] = []
    for param in task.inputs:
        try:
            values[param.name] = parse_value(param, by_name.get(param.name.lower()))
        except ToolError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ToolError(*errors)
    return values


def parse_value(param: ParamDef, raw: str | None) -> Any:
    """One input's value; missing (absent, empty or JSON null) means the default, or an error if required."""
    value = None if raw is None or raw.strip() == "" else _decode(param, raw)
    if value is None:
        if param.parameter_type == "esriGPParameterTypeRequired":
            raise ToolError(f"ERROR 000735: {param.display_name}: Value is required")
        return None if param.default is None else _convert(param, param.default)
    return _convert(param, value)


def sent_value(raw: str | None) -> Any:
    """What a client sent, as the job's ``inputs/<param>`` resource shows it."""
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def parse_out_sr(params: Mapping[str, str]) -> SpatialRef | None:
    """The output SR of a run: ``context={"outSR":..}`` (10.6.1+) wins over ``env:outSR``."""
    try:
        context = json.loads(params["context"]) if params.get("context", "").strip() else {}
        if not isinstance(context, dict):
            raise ValueError("context must be a JSON object")
        value = context.get("outSR") or params.get("env:outSR", "").strip()
        return SpatialRef.parse(value) if value else None
    except ValueError as exc:
        raise ToolError(f"ERROR 000622: Invalid output spatial reference (context/env:outSR): {exc}") from exc


def output_json(param: ParamDef, value: Any, *, file_url: Callable[[Path], str],
                out_sr: SpatialRef | None, max_records: int) -> Any:
    """An output value as the result resource and ``execute`` answer it."""
    if isinstance(value, FeatureSet):
        return value.to_json(out_sr, max_records)
    if isinstance(value, RasterFile):
        return {"url": file_url(value.path), "format": value.path.suffix.lstrip(".")}
    if isinstance(value, LinearUnit):
        return value.to_json()
    return value


def _decode(param: ParamDef, raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        if param.data_type in _BARE_TYPES:
            return raw  # plain strings may come bare; True/1.5 written unquoted reach the converter
        raise ToolError(f"ERROR 000628: Cannot set input into parameter {param.display_name}: "
                        f"the value is not valid JSON") from None


def _convert(param: ParamDef, value: Any) -> Any:
    converter = _CONVERTERS.get(param.data_type)
    if converter is None:
        return value
    try:
        return converter(param, value)
    except ValueError as exc:
        raise ToolError(f"ERROR 000628: Cannot set input into parameter {param.display_name}: {exc}") from None


def _string(param: ParamDef, value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    if param.choice_list is not None and text not in param.choice_list:
        raise ToolError(f"ERROR 000800: {param.display_name}: The value is not a member of "
                        f"{' | '.join(param.choice_list)}.")
    return text


def _boolean(_param: ParamDef, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(f"expected true or false, got {json.dumps(value)}")


def _double(_param: ParamDef, value: Any) -> float:
    number = float(value) if isinstance(value, str) else value
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
        raise ValueError(f"expected a number, got {json.dumps(value)}")
    return float(number)


def _long(param: ParamDef, value: Any) -> int:
    number = _double(param, value)
    if number != int(number):
        raise ValueError(f"expected an integer, got {json.dumps(value)}")
    return int(number)


def _linear_unit(param: ParamDef, value: Any) -> LinearUnit:
    if not isinstance(value, dict) or "distance" not in value:
        raise ValueError('expected {"distance": <number>, "units": "<esri unit>"}')
    distance = value["distance"]
    if isinstance(distance, bool) or not isinstance(distance, (int, float)) or not math.isfinite(distance):
        raise ValueError(f"distance must be a number, got {json.dumps(distance)}")
    units = value.get("units")
    if units is not None and units not in LINEAR_UNIT_NAMES:
        raise ToolError(f"ERROR 000800: {param.display_name}: The value is not a member of "
                        f"{' | '.join(LINEAR_UNIT_NAMES)}: {json.dumps(units)}")
    return LinearUnit(float(distance), units)


def _feature_set(param: ParamDef, value: Any) -> FeatureSet:
    schema = param.default
    if isinstance(value, dict) and ("url" in value or "itemID" in value) and "features" not in value:
        raise ToolError(f"ERROR 000732: {param.display_name}: Dataset "
                        f"{value.get('url') or value.get('itemID')} does not exist or is not supported "
                        f"(send the features as a FeatureSet)")
    default_sr = SpatialRef.parse(schema["spatialReference"])
    return FeatureSet.from_json(value, default_sr=default_sr, default_type=schema["geometryType"])


def _data_ref(_param: ParamDef, value: Any) -> DataRef:
    if isinstance(value, dict):
        url, item_id = value.get("url"), value.get("itemID")
        if isinstance(url, str) and url:
            return DataRef(url=url)
        if isinstance(item_id, str) and item_id:
            return DataRef(item_id=item_id)
    raise ValueError('expected {"url": "<http url>"} or {"itemID": "<uploaded item>"}')


# Scalar types whose value may arrive as bare text rather than JSON.
_BARE_TYPES = ("GPString", "GPBoolean", "GPDouble", "GPLong")
_CONVERTERS: dict[str, Callable[[ParamDef, Any], Any]] = {
    "GPString": _string,
    "GPBoolean": _boolean,
    "GPDouble": _double,
    "GPLong": _long,
    "GPLinearUnit": _linear_unit,
    "GPFeatureRecordSetLayer": _feature_set,
    "GPRasterDataLayer": _data_ref,
}
