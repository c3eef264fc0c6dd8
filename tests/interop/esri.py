"""What arcgis and gp_core got, made comparable.

arcgis hands back Esri JSON as the server sent it (FeatureSet dictionaries, epoch milliseconds);
gp_core decodes it (shapely geometries with M values beside them, datetimes). The Esri JSON is read
here on its own, without gp_core, so that a comparison cannot agree with gp_core by construction.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import shapely
from arcgis.geoprocessing import import_toolbox
from arcgis.geoprocessing._uploads import Uploads
from shapely.geometry import LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from remote_gp.gp_core import FeatureSet, Server

#: What every generated tool function takes besides the task's inputs.
TOOL_ARGUMENTS = ("gis", "future", "estimate")


def toolbox(url: str, session: Any) -> ModuleType:
    """arcgis's module for the GP service at ``url``, as ``import_toolbox`` builds it."""
    return import_toolbox(url, gis=session)


def service_url(server: Server, service: str) -> str:
    return f"{server.rest_root}/{service}/GPServer"


def upload(session: Any, url: str, path: Path) -> str:
    """``path`` uploaded to the GP service at ``url`` as arcgis does it; the item id."""
    item = Uploads(f"{url}/uploads", session).upload(str(path))
    return item.url.rsplit("/", 1)[1]


def plain(value: Any) -> Any:
    """An attribute or output value as the server's JSON carries it (dates as epoch milliseconds)."""
    if isinstance(value, datetime.datetime):
        return round(value.timestamp() * 1000)
    return value


def read_esri_geometry(geometry: dict, has_z: bool, has_m: bool) -> tuple[BaseGeometry, list[float] | None]:
    """A geometry of the server's Esri JSON as shapely (X Y [Z]) and its M values in vertex order.
    Polygons here have exterior rings only (clockwise, as Esri writes them): the tests send no holes."""
    width = 3 if has_z else 2

    def xyz(vertices: Sequence[Sequence[float]]) -> list[tuple[float, ...]]:
        return [tuple(vertex[:width]) for vertex in vertices]

    if "x" in geometry:
        keys = ["x", "y", *(["z"] if has_z else []), *(["m"] if has_m else [])]
        parts = [[[geometry[key] for key in keys]]]
        shape: BaseGeometry = Point(xyz(parts[0])[0])
    elif "points" in geometry:
        parts = [geometry["points"]]
        shape = MultiPoint(xyz(parts[0]))
    elif "paths" in geometry:
        parts = geometry["paths"]
        shape = LineString(xyz(parts[0])) if len(parts) == 1 else MultiLineString([xyz(p) for p in parts])
    else:
        parts = geometry["rings"]
        polygons = [Polygon(xyz(ring)) for ring in parts]
        assert not any(p.exterior.is_ccw for p in polygons), "a hole: read_esri_geometry reads exteriors only"
        shape = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
    measures = [vertex[width] for part in parts for vertex in part] if has_m else None
    return shape, measures


def assert_same_geometry(esri: BaseGeometry, core: BaseGeometry) -> None:
    """Same type and the same vertices (Z included), whatever the ring's start and direction."""
    assert esri.geom_type == core.geom_type
    np.testing.assert_array_equal(
        shapely.get_coordinates(shapely.normalize(esri), include_z=True),
        shapely.get_coordinates(shapely.normalize(core), include_z=True),
    )


def assert_same_features(esri: Any, core: FeatureSet) -> None:
    """arcgis's FeatureSet and gp_core's hold the same features (or records): schema, geometries, M
    values, attributes."""
    body = esri.to_dict()
    geometry_type = body.get("geometryType")
    assert geometry_type == core.geometry_type
    assert [(f["name"], f["type"]) for f in body["fields"]] == [(f.name, f.type) for f in core.fields]
    has_z, has_m = bool(body.get("hasZ")), bool(body.get("hasM"))
    assert (has_z, has_m) == (core.has_z, core.has_m)
    assert len(body["features"]) == len(core)
    if geometry_type:
        assert body["spatialReference"]["wkid"] == core.spatial_reference.wkid
    for feature, geometry, measures, attributes in zip(
        body["features"], core.geometries, core.measures, core.attributes
    ):
        assert feature["attributes"] == {name: plain(value) for name, value in attributes.items()}
        if not geometry_type:
            continue
        shape, esri_measures = read_esri_geometry(feature["geometry"], has_z, has_m)
        assert_same_geometry(shape, geometry)
        if has_m:
            np.testing.assert_array_equal(esri_measures, measures)
