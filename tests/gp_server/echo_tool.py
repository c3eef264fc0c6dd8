"""EchoTypes: one optional input of every GP data type, each echoed by an output ``<input>_out``.

An output echoes its input the way ArcGIS answers a value of that type (files and rasters as a copy
under arcgisoutput), or null when the input was not sent at all -- a default does not count. The
output ``received`` lists the names of the request parameters the client sent (query string and
form), but for the operation's own (``f``, ``token``, ``context``, ``env:*``, ``return*``...), sorted:
tests check with it that a client never sends empty optionals or outputs.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from osgeo import gdal

from .esri_geometry import POINT, POLYGON
from .featureset import NAME_FIELD, OBJECTID_FIELD, FeatureSet
from .model import DERIVED, INPUT, OPTIONAL, OUTPUT, ParamDef, ParamInfo
from .spatial_ref import UTM_15N
from .tool_errors import ToolError
from .toolrun import ToolContext
from .value_types import LocalFile, OutputFile, RasterFile

gdal.UseExceptions()

SEEN_FIELD = {"name": "Seen", "type": "esriFieldTypeDate", "alias": "Seen", "length": 8}
CODE_FIELD = {"name": "Code", "type": "esriFieldTypeBigInteger", "alias": "Code"}
FEATURES_SCHEMA = FeatureSet(POINT, UTM_15N, (OBJECTID_FIELD, NAME_FIELD, SEEN_FIELD, CODE_FIELD)).to_json()
TABLE_COLUMNS = (
    ParamInfo("GPString", "label", "Label"),
    ParamInfo("GPLong", "count", "Count"),
    ParamInfo("GPDouble", "weight", "Weight"),
)
COMPOSITE_TYPES = (ParamInfo("GPLinearUnit"), ParamInfo("GPDouble"))
CODED_VALUES = {
    "type": "codedValue",
    "list": [{"name": "Low", "value": 1}, {"name": "Medium", "value": 2}, {"name": "High", "value": 3}],
}
RASTER_TYPES = ("GPRasterDataLayer", "GPRasterData")
# Parameters of the execute operation itself (Esri's execute-gp-task reference), besides env:*.
OPERATION_PARAMETERS = frozenset(
    name.lower()
    for name in (
        "f",
        "token",
        "context",
        "returnZ",
        "returnM",
        "returnTrueCurves",
        "returnFeatureCollection",
        "returnColumnName",
        "simplifyFeatures",
    )
)


def _input(name: str, data_type: str, display_name: str, default: Any = None, **options: Any) -> ParamDef:
    return ParamDef(
        name,
        data_type,
        display_name,
        f"Any {data_type} value; echoed by {name}_out.",
        INPUT,
        OPTIONAL,
        default,
        **options,
    )


INPUTS = (
    _input("in_string", "GPString", "In String", "hello"),
    _input("in_hidden", "GPStringHidden", "In Hidden"),
    _input("in_sql", "GPSQLExpression", "In SQL", "1=1"),
    _input("in_long", "GPLong", "In Long", filter={"type": "range", "minimum": -1000, "maximum": 1000}),
    _input("in_double", "GPDouble", "In Double"),
    _input("in_bool", "GPBoolean", "In Bool", False),
    _input("in_date", "GPDate", "In Date"),
    _input("in_linear", "GPLinearUnit", "In Linear", {"distance": 1, "units": "esriMeters"}),
    _input("in_areal", "GPArealUnit", "In Areal"),
    _input("in_time", "GPTimeUnit", "In Time"),
    _input("in_file", "GPDataFile", "In File", filter={"type": "file", "list": ["txt", "csv", "json"]}),
    _input("in_raster", "GPRasterDataLayer", "In Raster"),
    _input("in_raster_data", "GPRasterData", "In Raster Data"),
    _input(
        "in_features",
        "GPFeatureRecordSetLayer",
        "In Features",
        FEATURES_SCHEMA,
        filter={"type": "featureClass", "list": [POINT, POLYGON]},
    ),
    _input("in_table", "GPRecordSet", "In Table"),
    _input("in_strings", "GPMultiValue:GPString", "In Strings"),
    _input("in_doubles", "GPMultiValue:GPDouble", "In Doubles"),
    _input("in_units", "GPMultiValue:GPLinearUnit", "In Units"),
    _input("in_table_values", "GPValueTable", "In Table Values", parameter_infos=TABLE_COLUMNS),
    _input("in_composite", "GPComposite", "In Composite", parameter_infos=COMPOSITE_TYPES),
    _input("in_sr", "GPSpatialReference", "In SR"),
    _input("in_extent", "GPExtent", "In Extent"),
    _input("in_field", "Field", "In Field", dependency="in_features"),
    _input("in_choice", "GPString", "In Choice", choice_list=("red", "green", "blue")),
    _input("in_coded", "GPLong", "In Coded", filter=CODED_VALUES),
)
RECEIVED = ParamDef(
    "received",
    "GPMultiValue:GPString",
    "Received",
    "The names of the request's parameters, sorted.",
    OUTPUT,
    DERIVED,
    None,
)
OUTPUTS = (
    *(
        replace(
            p,
            name=f"{p.name}_out",
            display_name=f"{p.display_name} Out",
            description="",
            direction=OUTPUT,
            parameter_type=DERIVED,
            choice_list=None,
            filter=None,
            dependency=None,
            default=p.default if p.is_geodataset else None,
        )
        for p in INPUTS
    ),
    RECEIVED,
)


def echo_types(inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    sent = {name.lower() for name in ctx.sent_names}
    given = {p.name: inputs[p.name] for p in INPUTS if p.name.lower() in sent}
    _check_field(given)
    outputs = {f"{p.name}_out": _echo(p, given[p.name], ctx) if p.name in given else None for p in INPUTS}
    ctx.info(f"Echoed {len(given)} of {len(INPUTS)} inputs")
    return {**outputs, "received": sorted(n for n in ctx.sent_names if not _is_operation_parameter(n))}


def _is_operation_parameter(name: str) -> bool:
    return name.lower() in OPERATION_PARAMETERS or name.lower().startswith("env:")


def _echo(param: ParamDef, value: Any, ctx: ToolContext) -> Any:
    if isinstance(value, LocalFile) and param.data_type in RASTER_TYPES:
        _check_raster(param, value)
        return RasterFile(_copy(param, value, ctx))
    if isinstance(value, LocalFile):
        return OutputFile(_copy(param, value, ctx))
    return value


def _check_field(given: Mapping[str, Any]) -> None:
    """in_field must name a field of in_features, when both were sent (names match without case)."""
    field, features = given.get("in_field"), given.get("in_features")
    if field is None or features is None:
        return
    names = {f["name"].lower() for f in features.fields}
    if field["name"].lower() not in names:
        raise ToolError(f"ERROR 000728: In Field: Field {field['name']} does not exist within table")


def _check_raster(param: ParamDef, local: LocalFile) -> None:
    """GDAL must read it as a raster."""
    try:
        gdal.Open(str(local.path))
    except RuntimeError as exc:
        raise ToolError(
            f"ERROR 000732: {param.display_name}: Dataset {local.source} does not exist or is not supported ({exc})"
        ) from exc


def _copy(param: ParamDef, local: LocalFile, ctx: ToolContext) -> Path:
    """A copy with the same file name, in a folder of the parameter's own (so names cannot collide)."""
    folder = ctx.scratch() / param.name
    folder.mkdir(exist_ok=True)
    target = folder / local.path.name
    shutil.copyfile(local.path, target)
    return target
