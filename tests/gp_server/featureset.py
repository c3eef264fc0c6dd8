"""FeatureSets and RecordSets: the GPFeatureRecordSetLayer and GPRecordSet values, decoded for tools
and written back for clients.

A FeatureSet keeps its geometries in its own spatial reference; an output spatial reference asked
for by the client (``env:outSR``/``context``/``outSR``) is applied only when it is written. Tools see
2D shapely geometries; a feature read from a client also keeps its geometry as sent, so that a tool
returning it (CopyFeatures, EchoTypes) answers its every ordinate, Z and M as ``returnZ``/``returnM`` ask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from . import esri_geometry
from .spatial_ref import Bounds, SpatialRef, projection, transform

# Field definitions the tools' schemas share.
OBJECTID_FIELD = {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"}
NAME_FIELD = {"name": "Name", "type": "esriFieldTypeString", "alias": "Name", "length": 50}
SHAPE_FIELDS = (
    {"name": "Shape_Length", "type": "esriFieldTypeDouble", "alias": "Shape_Length"},
    {"name": "Shape_Area", "type": "esriFieldTypeDouble", "alias": "Shape_Area"},
)

OID = "esriFieldTypeOID"


@dataclass(frozen=True)
class Feature:
    geometry: BaseGeometry | None
    attributes: Mapping[str, Any]
    sent: Mapping[str, Any] | None = None
    """The geometry as the client sent it; None for a feature a tool made."""


@dataclass(frozen=True)
class FeatureSet:
    geometry_type: str
    spatial_ref: SpatialRef
    fields: tuple[Mapping[str, Any], ...]
    features: tuple[Feature, ...] = ()
    has_z: bool = False
    has_m: bool = False
    """The ``hasZ``/``hasM`` of a set sent by a client: its sent geometries have Z, M."""

    @classmethod
    def from_json(
        cls,
        value: Any,
        *,
        default_sr: SpatialRef | None,
        default_type: str | None,
        default_fields: tuple[Mapping[str, Any], ...] = (),
    ) -> FeatureSet:
        """Decode a FeatureSet sent by a client; ValueError names what is wrong.

        Without a spatialReference on the set, the first geometry's is used, then the task schema's
        (``default_sr``) — what ArcGIS assumes for features loaded into the schema. Without fields,
        the schema's (``default_fields``) apply. A schema without geometry type or spatial reference
        (CopyFeatures') takes the set's.
        """
        if not isinstance(value, Mapping):
            raise ValueError("a FeatureSet must be a JSON object")
        raw_features = value.get("features")
        if not isinstance(raw_features, list):
            raise ValueError("a FeatureSet needs a 'features' array")
        geometries = [f.get("geometry") if isinstance(f, Mapping) else None for f in raw_features]
        first = next((g for g in geometries if isinstance(g, Mapping)), None)
        geometry_type = value.get("geometryType") or (esri_geometry.esri_type_of(first) if first else default_type)
        if geometry_type not in esri_geometry.GEOMETRY_TYPES:
            raise ValueError(f"unknown geometryType {geometry_type!r}")
        sr_json = value.get("spatialReference") or (first or {}).get("spatialReference")
        spatial_ref = SpatialRef.parse(sr_json) if sr_json else default_sr
        if spatial_ref is None:
            raise ValueError("the features have no spatialReference")
        fields = _fields(value, default_fields)
        features = tuple(_decode_feature(n, f, geometry_type) for n, f in enumerate(raw_features, start=1))
        return cls(geometry_type, spatial_ref, fields, features, bool(value.get("hasZ")), bool(value.get("hasM")))

    def reprojected(self, target: SpatialRef) -> FeatureSet:
        """The set in another spatial reference, for a tool: 2D, without the geometries as sent."""
        if self.spatial_ref.same_as(target):
            return self
        features = tuple(
            replace(
                f, geometry=None if f.geometry is None else transform(f.geometry, self.spatial_ref, target), sent=None
            )
            for f in self.features
        )
        return replace(self, spatial_ref=target, features=features, has_z=False, has_m=False)

    def geometries(self) -> list[BaseGeometry]:
        return [f.geometry for f in self.features if f.geometry is not None and not f.geometry.is_empty]

    def extent(self) -> Bounds | None:
        geometries = self.geometries()
        if not geometries:
            return None
        return tuple(shapely.total_bounds(geometries).tolist())

    def oid(self, feature: Feature, position: int) -> Any:
        """The feature's object id (the OID field's value), else its 1-based position."""
        name = next((f["name"] for f in self.fields if f.get("type") == OID), None)
        return feature.attributes.get(name, position) if name else position

    def to_json(
        self,
        out_sr: SpatialRef | None = None,
        max_records: int | None = None,
        *,
        return_z: bool = False,
        return_m: bool = False,
    ) -> dict[str, Any]:
        """The FeatureSet as ArcGIS answers it: over ``max_records`` features, none and the flag set;
        Z and M of sent geometries when asked for."""
        move = None if out_sr is None or self.spatial_ref.same_as(out_sr) else projection(self.spatial_ref, out_sr)
        keep_z, keep_m = self.has_z and return_z, self.has_m and return_m
        exceeded = max_records is not None and len(self.features) > max_records
        out: dict[str, Any] = {
            "displayFieldName": "",
            "geometryType": self.geometry_type,
            "spatialReference": (self.spatial_ref if move is None else out_sr).to_json(),
        }
        if keep_z:
            out["hasZ"] = True
        if keep_m:
            out["hasM"] = True
        out["fields"] = [dict(f) for f in self.fields]
        out["features"] = [] if exceeded else [self._feature_json(f, move, keep_z, keep_m) for f in self.features]
        out["exceededTransferLimit"] = exceeded
        return out

    def _feature_json(
        self, feature: Feature, move: esri_geometry.Move | None, keep_z: bool, keep_m: bool
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"attributes": dict(feature.attributes)}
        if feature.sent is not None:
            out["geometry"] = esri_geometry.rewritten(
                feature.sent, self.has_z, self.has_m, keep_z=keep_z, keep_m=keep_m, move=move
            )
        elif feature.geometry is not None:
            geometry = feature.geometry if move is None else shapely.transform(feature.geometry, move)
            out["geometry"] = esri_geometry.to_esri(geometry)
        return out


@dataclass(frozen=True)
class RecordSet:
    """A GPRecordSet: rows of attributes under fields, without geometry."""

    fields: tuple[Mapping[str, Any], ...]
    rows: tuple[Mapping[str, Any], ...] = ()

    @classmethod
    def from_json(cls, value: Any, default_fields: tuple[Mapping[str, Any], ...] = ()) -> RecordSet:
        """Decode ``{fields, features: [{attributes}]}``; geometries, if any, are ignored."""
        if not isinstance(value, Mapping) or not isinstance(value.get("features"), list):
            raise ValueError("a RecordSet must be a JSON object with a 'features' array")
        rows = []
        for number, feature in enumerate(value["features"], start=1):
            attributes = feature.get("attributes") if isinstance(feature, Mapping) else None
            if not isinstance(attributes, Mapping):
                raise ValueError(f"record {number} has no 'attributes' object")
            rows.append(dict(attributes))
        return cls(_fields(value, default_fields), tuple(rows))

    def to_json(self, max_records: int | None = None) -> dict[str, Any]:
        """As ArcGIS answers a GPRecordSet: no geometryType, no spatialReference."""
        exceeded = max_records is not None and len(self.rows) > max_records
        return {
            "displayFieldName": "",
            "fields": [dict(f) for f in self.fields],
            "features": [] if exceeded else [{"attributes": dict(row)} for row in self.rows],
            "exceededTransferLimit": exceeded,
        }


def _fields(value: Mapping[str, Any], default: tuple[Mapping[str, Any], ...]) -> tuple[Mapping[str, Any], ...]:
    """The set's ``fields`` (or the legacy ``Fields``), else the default."""
    fields = value.get("fields", value.get("Fields", list(default)))
    if not isinstance(fields, list) or not all(isinstance(f, Mapping) and "name" in f for f in fields):
        raise ValueError("'fields' must be an array of field objects with a name")
    return tuple(fields)


def _decode_feature(number: int, value: Any, geometry_type: str) -> Feature:
    if not isinstance(value, Mapping):
        raise ValueError(f"feature {number} is not a JSON object")
    attributes = value.get("attributes") or {}
    if not isinstance(attributes, Mapping):
        raise ValueError(f"feature {number}: attributes must be a JSON object")
    raw = value.get("geometry")
    if raw is None:
        return Feature(None, dict(attributes))
    try:
        if not isinstance(raw, Mapping):
            raise ValueError("a geometry must be a JSON object")
        kind = esri_geometry.esri_type_of(raw)
        if kind != geometry_type:
            raise ValueError(f"a {kind} geometry in a FeatureSet of {geometry_type}")
        geometry = esri_geometry.from_esri(raw)
    except ValueError as exc:
        raise ValueError(f"feature {number}: {exc}") from exc
    return Feature(geometry, dict(attributes), raw)
