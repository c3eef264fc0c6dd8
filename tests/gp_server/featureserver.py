"""A minimal hosted feature service: ``<root>/rest/services/Hosted/Towers/FeatureServer[/0[/query]]``.

Five fixed points, enough for a GP input given as ``{"url": <layer or query URL>}``: the service and
layer resources, and ``query`` with ``where``, ``outFields``, ``returnGeometry`` and ``outSR``,
answered as a FeatureSet (``exceededTransferLimit`` false: there are never more than five). ``where``
is ``1=1`` or comparisons of a field with a number or a 'string' joined by AND: ``OBJECTID < 3``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from shapely.geometry import Point

from .esri_geometry import POINT
from .featureset import NAME_FIELD, OBJECTID_FIELD, Feature, FeatureSet
from .model import CURRENT_VERSION, MAXIMUM_RECORDS
from .request import Request
from .responses import RestError, not_found
from .spatial_ref import UTM_15N, SpatialRef, envelope_json

LAYER_ID = "0"
ALL_ROWS = ("", "1=1")
COMPARISON = re.compile(r"^\s*(\w+)\s*(<=|>=|<>|!=|=|<|>)\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\s*$")
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq, "<>": operator.ne, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge}


@dataclass(frozen=True)
class FeatureServiceDef:
    folder: str
    name: str
    layer_name: str
    features: FeatureSet

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}"


TOWERS = FeatureServiceDef("Hosted", "Towers", "Towers", FeatureSet(
    POINT, UTM_15N, (OBJECTID_FIELD, NAME_FIELD),
    tuple(Feature(Point(500210.0 + 40 * n, 4980220.0), {"OBJECTID": n + 1, "Name": f"Tower {n + 1}"})
          for n in range(5))))


def handle(request: Request, service: FeatureServiceDef, rest: tuple[str, ...]) -> dict[str, Any]:
    """Dispatch ``.../FeatureServer/<rest>``."""
    if not rest:
        return _service_json(service)
    if rest[0] != LAYER_ID:
        raise not_found("Layer")
    if len(rest) == 1:
        return _layer_json(service)
    if len(rest) == 2 and rest[1].lower() == "query":
        return _query(request, service)
    raise not_found("Resource")


def _extent(service: FeatureServiceDef) -> dict[str, Any]:
    bounds = service.features.extent()
    assert bounds is not None
    return envelope_json(bounds, service.features.spatial_ref)


def _service_json(service: FeatureServiceDef) -> dict[str, Any]:
    features = service.features
    return {
        "currentVersion": CURRENT_VERSION,
        "serviceDescription": "",
        "hasVersionedData": False,
        "supportsDisconnectedEditing": False,
        "maxRecordCount": MAXIMUM_RECORDS,
        "supportedQueryFormats": "JSON",
        "capabilities": "Query",
        "description": "",
        "copyrightText": "",
        "spatialReference": features.spatial_ref.to_json(),
        "initialExtent": _extent(service),
        "fullExtent": _extent(service),
        "allowGeometryUpdates": False,
        "units": features.spatial_ref.esri_units(),
        "layers": [{"id": int(LAYER_ID), "name": service.layer_name, "parentLayerId": -1, "defaultVisibility": True,
                    "subLayerIds": None, "minScale": 0, "maxScale": 0, "geometryType": features.geometry_type}],
        "tables": [],
    }


def _layer_json(service: FeatureServiceDef) -> dict[str, Any]:
    features = service.features
    return {
        "currentVersion": CURRENT_VERSION,
        "id": int(LAYER_ID),
        "name": service.layer_name,
        "type": "Feature Layer",
        "description": "",
        "geometryType": features.geometry_type,
        "sourceSpatialReference": features.spatial_ref.to_json(),
        "extent": _extent(service),
        "objectIdField": OBJECTID_FIELD["name"],
        "displayField": NAME_FIELD["name"],
        "fields": [dict(f) for f in features.fields],
        "hasAttachments": False,
        "maxRecordCount": MAXIMUM_RECORDS,
        "supportedQueryFormats": "JSON",
        "capabilities": "Query",
    }


def _query(request: Request, service: FeatureServiceDef) -> dict[str, Any]:
    params = request.params
    matches = _where(params.get("where", ""), service.features)
    try:
        out_sr = SpatialRef.parse(params["outSR"]) if params.get("outSR", "").strip() else None
    except ValueError as exc:
        raise RestError(400, "Unable to complete operation.", [f"'outSR' parameter is invalid: {exc}"]) from exc
    fields = _out_fields(service.features, params.get("outFields", ""))
    with_geometry = params.get("returnGeometry", "true").strip().lower() != "false"
    names = [f["name"] for f in fields]
    selected = replace(service.features, fields=fields, features=tuple(
        Feature(f.geometry if with_geometry else None, {n: f.attributes[n] for n in names})
        for f in service.features.features if matches(f.attributes)))
    answer = selected.to_json(out_sr)
    del answer["displayFieldName"]
    return {"objectIdFieldName": OBJECTID_FIELD["name"], "globalIdFieldName": "", **answer}


def _where(text: str, features: FeatureSet) -> Callable[[Mapping[str, Any]], bool]:
    """The row test of a ``where`` clause; an invalid clause is the 'where' parameter error."""
    if text.strip() in ALL_ROWS:
        return lambda _row: True
    names = {f["name"].lower(): f["name"] for f in features.fields}
    tests = []
    for part in re.split(r"\s+and\s+", text.strip(), flags=re.IGNORECASE):
        match = COMPARISON.match(part)
        if match is None or match[1].lower() not in names:
            raise _invalid_where(text)
        name, literal = names[match[1].lower()], match[3]
        value = literal[1:-1].replace("''", "'") if literal.startswith("'") else float(literal)
        if any(isinstance(f.attributes[name], str) != isinstance(value, str) for f in features.features):
            raise _invalid_where(text)  # a string compared with a number, or the reverse
        tests.append((name, OPERATORS[match[2]], value))
    return lambda row: all(test(row[name], value) for name, test, value in tests)


def _invalid_where(text: str) -> RestError:
    return RestError(400, "Unable to complete operation.",
                     [f"'where' parameter is invalid: {text}", "Unable to complete Query operation."])


def _out_fields(features: FeatureSet, spec: str) -> tuple[dict[str, Any], ...]:
    """``*`` (or nothing): every field; else the named ones (without case), in the layer's order."""
    wanted = {name.strip().lower() for name in spec.split(",") if name.strip()}
    if not wanted or "*" in wanted:
        return tuple(dict(f) for f in features.fields)
    unknown = wanted - {f["name"].lower() for f in features.fields}
    if unknown:
        raise RestError(400, "Unable to complete operation.",
                        [f"'outFields' parameter is invalid: no field {sorted(unknown)[0]}"])
    return tuple(dict(f) for f in features.fields if f["name"].lower() in wanted)
