"""GeoJSON files (RFC 7946) and FeatureSet.to_geojson.

Reading: coordinates are in EPSG:4326 unless a legacy "crs" member names another system
("EPSG:3857", "urn:ogc:def:crs:EPSG::3857", "urn:ogc:def:crs:OGC:1.3:CRS84"...). Fields come
from the properties: the type of the first non-null value of each (bool → SmallInteger, int →
Integer or BigInteger, float → Double, anything else → String). Nothing is reprojected.

Writing: coordinates are written as they are, never reprojected (gp_core does not depend on a
projection library). When the spatial reference is not EPSG:4326 a legacy "crs" member names
it, which GDAL and QGIS read; with an unknown one there is no "crs" and a warning says so.
Polygons follow RFC 7946's right-hand rule (exteriors counter-clockwise). GeoJSON has no M:
M values are dropped with a warning. Dates are ISO 8601 text.

Geometries go through shapely's `shape` and `mapping`, not GEOS's GeoJSON reader and writer:
before GEOS 3.12 those know only X and Y (the writer drops Z without a word, the reader refuses it).
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import date, time
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.errors import ShapelyError
from shapely.geometry import mapping, shape

from .errors import DataError
from .featureset import DATE, FeatureSet, Field, as_utc_datetime
from .gcpause import gc_paused
from .geometry import common_geometry_type
from .rings import orient
from .spatialref import SpatialReference

WGS84 = SpatialReference(wkid=4326)
_CRS_NAME = re.compile(r"(?:urn:ogc:def:crs:)?(EPSG|ESRI|OGC)[:]+(?:[\d.]+:)?(\w+)$", re.IGNORECASE)


# -- reading -------------------------------------------------------------------------------------


def read(path: Path) -> FeatureSet:
    if not path.is_file():
        raise DataError(f"The file '{path}' does not exist.")
    try:
        with gc_paused():
            data = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        raise DataError(f"Cannot read '{path}' as JSON: {error}") from error
    if isinstance(data, dict) and ("geometryType" in data or "fields" in data) and "features" in data:
        return FeatureSet.from_json(data)  # an Esri JSON feature set saved to a file
    return _from_geojson(data, str(path))


def from_geojson(data: Any, label: str) -> FeatureSet:
    """A FeatureSet from GeoJSON already parsed (a FeatureCollection or a Feature); `label` names it in errors."""
    return _from_geojson(data, label)


def _from_geojson(data: Any, label: str) -> FeatureSet:
    """A FeatureSet from a GeoJSON FeatureCollection or Feature."""
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data], "crs": data.get("crs")}
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise DataError(f"'{label}' is neither a GeoJSON FeatureCollection nor an Esri JSON feature set.")
    features = data["features"]
    try:
        present = [i for i, feature in enumerate(features) if feature.get("geometry")]
        geometries = np.full(len(features), None, dtype=object)
        for index in present:
            geometries[index] = shape(features[index]["geometry"])
        properties = [dict(feature.get("properties") or {}) for feature in features]
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, ShapelyError) as error:
        raise DataError(f"'{label}' holds a feature that is not valid GeoJSON: {error}") from error
    fields = _fields(properties)
    has_z = bool(shapely.has_z(geometries).any())
    fs = FeatureSet(common_geometry_type(geometries), _crs(data.get("crs"), label), fields, has_z=has_z)
    fs.set_features(geometries, properties)
    return fs


def _crs(crs: Any, label: str) -> SpatialReference:
    if not crs:
        return WGS84
    name = crs.get("properties", {}).get("name", "") if isinstance(crs, dict) else ""
    match = _CRS_NAME.match(name.strip())
    if not match:
        raise DataError(f"'{label}' names a coordinate system this reader does not know: {crs!r}.")
    authority, code = match.group(1).upper(), match.group(2)
    if authority == "OGC" and code.upper() in ("CRS84", "CRS84H"):
        return WGS84
    if authority == "OGC" or not code.isdigit():
        raise DataError(f"'{label}' names a coordinate system this reader does not know: {name}.")
    return SpatialReference(wkid=int(code))


def _fields(rows: list[dict[str, Any]]) -> list[Field]:
    samples: dict[str, Any] = {}
    for row in rows:
        for key, value in row.items():
            if samples.get(key) is None:
                samples[key] = value
    return [Field(name, _field_type(value), name) for name, value in samples.items()]


def _field_type(value: Any) -> str:
    if isinstance(value, bool):
        return "esriFieldTypeSmallInteger"
    if isinstance(value, int):
        return "esriFieldTypeInteger" if -(2**31) <= value < 2**31 else "esriFieldTypeBigInteger"
    if isinstance(value, float):
        return "esriFieldTypeDouble"
    return "esriFieldTypeString"


# -- writing -------------------------------------------------------------------------------------


def to_geojson(fs: FeatureSet) -> dict[str, Any]:
    with gc_paused():
        body: dict[str, Any] = json.loads(dumps(fs))
        return body


def write(fs: FeatureSet, path: Path) -> str:
    text = dumps(fs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise DataError(f"Cannot write '{path}': {error}") from error
    return str(path)


def dumps(fs: FeatureSet) -> str:
    """The FeatureCollection as text, geometries written by GEOS in one vectorised call."""
    if fs.has_m:
        warnings.warn("GeoJSON cannot store M values: they were left out.", stacklevel=3)
    oriented, _ = orient(fs.geometries, None, exterior_clockwise=False)
    geometry_text = [json.dumps(mapping(g)) if g is not None and not g.is_empty else None for g in oriented]
    dates = {f.name for f in fs.fields if f.type == DATE}
    with gc_paused():
        features = ",".join(
            f'{{"type":"Feature","geometry":{geometry or "null"},"properties":{_properties(row, dates)}}}'
            for geometry, row in zip(geometry_text, fs.attributes)
        )
    return f'{{"type":"FeatureCollection",{_crs_member(fs.spatial_reference)}"features":[{features}]}}'


def _properties(row: dict[str, Any], dates: set[str]) -> str:
    return json.dumps({name: _property(value, name in dates) for name, value in row.items()}, ensure_ascii=False)


def _property(value: Any, is_date: bool) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None:
        return None
    if is_date and not isinstance(value, str):
        return as_utc_datetime(value).isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return value


def _crs_member(reference: SpatialReference | None) -> str:
    if reference is not None and reference.epsg == 4326:
        return ""
    if reference is None or reference.authid is None:
        known = f"the spatial reference {reference} has no EPSG or ESRI code" if reference else "it is unknown"
        warnings.warn(f"The GeoJSON names no coordinate system ({known}); readers will assume WGS 84.", stacklevel=5)
        return ""
    authority, code = reference.authid.split(":")
    return f'"crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:{authority}::{code}"}}}},'
