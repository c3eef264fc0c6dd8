"""GP parameter values on the wire: reading inputs from form text, writing outputs, the output SR.

Every value arrives form-encoded as text: JSON, except that plain strings may come bare. A value that
cannot be read fails the run with an ArcGIS-style error naming the parameter's display name, collected
for all parameters before the tool starts (as ArcGIS validates all parameters first). What each
dataType accepts is in ``converters``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .converters import cannot_set, convert
from .featureset import FeatureSet, RecordSet
from .model import REQUIRED, ParamDef, TaskDef
from .spatial_ref import SpatialRef
from .tool_errors import ToolError
from .units import LinearUnit
from .value_types import Composite, OutputFile, RasterFile, ValueTable

# Types whose value may arrive as bare text rather than JSON: strings, and True/1.5 written unquoted.
BARE_TYPES = ("GPString", "GPStringHidden", "GPSQLExpression", "GPBoolean", "GPDouble", "GPLong")


@dataclass(frozen=True)
class OutputOptions:
    """How a request wants outputs written."""

    file_url: Callable[[Path], str]
    out_sr: SpatialRef | None
    max_records: int
    column_names: bool
    """``returnColumnName=true``: GPValueTable rows as objects keyed by column name."""
    return_z: bool = False
    return_m: bool = False
    """``returnZ=true``, ``returnM=true``: features keep their Z, M values (ArcGIS drops them otherwise)."""


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
    """One input's value; missing (absent, empty or JSON null) means the task's default, as ArcGIS uses
    it for a required input too, or an error if required and the default holds nothing."""
    value = None if raw is None or raw.strip() == "" else _decode(param, raw)
    if _blank_reference(value):
        value = None
    if value is None:
        default = None if param.default is None else convert(param, param.default)
        if param.parameter_type == REQUIRED and _is_empty(default):
            raise ToolError(f"ERROR 000735: {param.display_name}: Value is required")
        return default
    return convert(param, value)


def _blank_reference(value: Any) -> bool:
    """``{"url": ""}``: how Esri's own Python client sends a file or raster input left out; taken as
    not sent, as ArcGIS must (that client could not run a task with an optional file otherwise)."""
    return isinstance(value, dict) and set(value) <= {"url", "itemID"} and not any(value.values())


def _is_empty(value: Any) -> bool:
    """No value for a required input, as ArcGIS validates it: nothing, or features without one feature."""
    if isinstance(value, FeatureSet):
        return not value.features
    if isinstance(value, RecordSet):
        return not value.rows
    return value is None


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


def output_data_type(param: ParamDef, value: Any) -> str:
    """A GPComposite output is answered with the concrete type of its value."""
    return value.data_type if isinstance(value, Composite) else param.data_type


def output_json(value: Any, options: OutputOptions) -> Any:
    """An output value as the result resource and ``execute`` answer it; ValueError if it cannot be
    projected to the output SR."""
    if isinstance(value, FeatureSet):
        return value.to_json(options.out_sr, options.max_records, return_z=options.return_z, return_m=options.return_m)
    if isinstance(value, RecordSet):
        return value.to_json(options.max_records)
    if isinstance(value, RasterFile):
        return {"url": options.file_url(value.path), "format": value.path.suffix.lstrip(".")}
    if isinstance(value, OutputFile):
        return {"url": options.file_url(value.path)}
    if isinstance(value, LinearUnit):
        return value.to_json()
    if isinstance(value, Composite):
        return output_json(value.value, options)
    if isinstance(value, ValueTable):
        return [_row_json(value, row, options) for row in value.rows]
    if isinstance(value, list):
        return [output_json(item, options) for item in value]
    return value


def _row_json(table: ValueTable, row: tuple[Any, ...], options: OutputOptions) -> Any:
    cells = [output_json(cell, options) for cell in row]
    if options.column_names:
        return {column.name: cell for column, cell in zip(table.columns, cells)}
    return cells


def _decode(param: ParamDef, raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        if param.data_type in BARE_TYPES:
            return raw
        raise cannot_set(param, "the value is not valid JSON") from None
