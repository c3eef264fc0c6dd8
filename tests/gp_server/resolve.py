"""Inputs given by reference made local before the tool runs, and the filters that need the data.

* A file or raster (``{"url"}`` / ``{"itemID"}``) becomes a LocalFile: downloaded, or the uploaded item.
* Features or records (GPFeatureRecordSetLayer, GPRecordSet) given as ``{"itemID"}`` are read from the
  uploaded ``.json`` file; as ``{"url"}`` of a feature layer (``.../FeatureServer/0``) the layer is
  queried (``query?where=1=1&outFields=*&f=json``), of a query (``.../query?...``) it is asked for as
  JSON, of anything else it is downloaded as a file holding a FeatureSet.
* Then the ``file`` filter checks the file's name and the ``featureClass`` filter the geometry type.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import filters
from .converters import feature_set, record_set
from .featureset import FeatureSet
from .model import ParamDef, TaskDef
from .tool_errors import ToolError
from .value_types import DataRef, LocalFile

if TYPE_CHECKING:
    from .toolrun import ToolContext

RECORD_TYPES = ("GPFeatureRecordSetLayer", "GPRecordSet")
LAYER_PATH = re.compile(r"/(FeatureServer|MapServer)/\d+$", re.IGNORECASE)
LAYER_QUERY = {"where": "1=1", "outFields": "*"}


def resolve_inputs(task: TaskDef, inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    """The inputs with every reference resolved; ToolError with the errors of all parameters."""
    resolved: dict[str, Any] = {}
    errors: list[str] = []
    for param in task.inputs:
        try:
            resolved[param.name] = _resolve(param, inputs[param.name], ctx)
        except ToolError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ToolError(*errors)
    return resolved


def _resolve(param: ParamDef, value: Any, ctx: ToolContext) -> Any:
    if isinstance(value, DataRef) and param.data_type in RECORD_TYPES:
        value = _records(param, value, ctx)
    elif isinstance(value, DataRef):
        value = LocalFile(ctx.local_file(value, param.display_name), value.source)
        filters.check_file(param, value.path.name)
    if isinstance(value, FeatureSet):
        filters.check_geometry_type(param, value.geometry_type)
    return value


def _records(param: ParamDef, ref: DataRef, ctx: ToolContext) -> Any:
    source = ref if ref.url is None else DataRef(url=_json_url(ref.url))
    path = ctx.local_file(source, param.display_name)
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(body, dict) and "error" in body:
            raise ValueError(f"the server answered an error: {json.dumps(body['error'])}")
        if param.data_type == "GPRecordSet":
            return record_set(param, body)
        return feature_set(param, body)
    except ValueError as exc:  # UnicodeDecodeError included
        raise ToolError(
            f"ERROR 000732: {param.display_name}: Dataset {ref.source} does not exist or is not supported ({exc})"
        ) from None


def _json_url(url: str) -> str:
    """The URL answering the FeatureSet JSON: a layer's query, a query asked for JSON, or the URL as is."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    if LAYER_PATH.search(path):
        path, query = f"{path}/query", {**LAYER_QUERY, **query}
    elif not path.lower().endswith("/query"):
        return url
    query["f"] = "json"
    return urllib.parse.urlunsplit(parts._replace(path=path, query=urllib.parse.urlencode(query)))
