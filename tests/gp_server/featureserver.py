"""A minimal hosted feature service: ``<root>/rest/services/Hosted/Towers/FeatureServer[/0[/query]]``.

Five fixed points, enough for a GP input given as ``{"url": <layer or query URL>}``: the service and
layer resources, and ``query`` (see ``layer_query``), answered as a FeatureSet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapely.geometry import Point

from . import layer_query
from .esri_geometry import POINT
from .featureset import NAME_FIELD, OBJECTID_FIELD, Feature, FeatureSet
from .model import CURRENT_VERSION, MAXIMUM_RECORDS
from .request import Request
from .responses import not_found
from .spatial_ref import UTM_15N, envelope_json

LAYER_ID = "0"


@dataclass(frozen=True)
class FeatureServiceDef:
    folder: str
    name: str
    layer_name: str
    features: FeatureSet

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}"


TOWERS = FeatureServiceDef(
    "Hosted",
    "Towers",
    "Towers",
    FeatureSet(
        POINT,
        UTM_15N,
        (OBJECTID_FIELD, NAME_FIELD),
        tuple(
            Feature(Point(500210.0 + 40 * n, 4980220.0), {"OBJECTID": n + 1, "Name": f"Tower {n + 1}"})
            for n in range(5)
        ),
    ),
)


def handle(request: Request, service: FeatureServiceDef, rest: tuple[str, ...]) -> dict[str, Any]:
    """Dispatch ``.../FeatureServer/<rest>``."""
    if not rest:
        return _service_json(service)
    if rest[0] != LAYER_ID:
        raise not_found("Layer")
    if len(rest) == 1:
        return _layer_json(service)
    if len(rest) == 2 and rest[1].lower() == "query":
        return layer_query.query(request.params, service.features, MAXIMUM_RECORDS)
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
        "layers": [
            {
                "id": int(LAYER_ID),
                "name": service.layer_name,
                "parentLayerId": -1,
                "defaultVisibility": True,
                "subLayerIds": None,
                "minScale": 0,
                "maxScale": 0,
                "geometryType": features.geometry_type,
            }
        ],
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
