"""Esri JSON geometries <-> shapely (2D: Z and M are read past and never written).

Reading polygons follows the contract: rings are a flat list, holes are found by containment (not by
orientation, which clients get wrong). Writing orients rings the Esri way: exterior rings clockwise,
holes counter-clockwise. Curves (``curveRings``/``curvePaths``) are read through their densified
``rings``/``paths`` fallback only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from shapely.geometry import (LinearRing, LineString, MultiLineString, MultiPoint, MultiPolygon, Point,
                              Polygon, box)
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

POINT = "esriGeometryPoint"
MULTIPOINT = "esriGeometryMultipoint"
POLYLINE = "esriGeometryPolyline"
POLYGON = "esriGeometryPolygon"
ENVELOPE = "esriGeometryEnvelope"
GEOMETRY_TYPES = (POINT, MULTIPOINT, POLYLINE, POLYGON, ENVELOPE)


def esri_type_of(geometry: Mapping[str, Any]) -> str:
    """The geometry type an Esri JSON geometry object is written as; ValueError if none."""
    if "x" in geometry:
        return POINT
    if "points" in geometry:
        return MULTIPOINT
    if "paths" in geometry or "curvePaths" in geometry:
        return POLYLINE
    if "rings" in geometry or "curveRings" in geometry:
        return POLYGON
    if "xmin" in geometry:
        return ENVELOPE
    raise ValueError("not an Esri JSON geometry (no x, points, paths, rings or xmin)")


def from_esri(geometry: Mapping[str, Any]) -> BaseGeometry:
    """Decode one Esri JSON geometry; ValueError when it is malformed."""
    if not isinstance(geometry, Mapping):
        raise ValueError("a geometry must be a JSON object")
    kind = esri_type_of(geometry)
    if kind == POINT:
        if geometry.get("x") is None or geometry.get("y") is None:
            return Point()
        return Point(_number(geometry["x"]), _number(geometry["y"]))
    if kind == MULTIPOINT:
        return MultiPoint([_vertex(v) for v in _list(geometry.get("points"), "points")])
    if kind == POLYLINE:
        paths = _without_curves(geometry, "paths", "curvePaths")
        return MultiLineString([_path(p) for p in paths]) if len(paths) != 1 else LineString(_path(paths[0]))
    if kind == POLYGON:
        return _polygon_from_rings([_ring(r) for r in _without_curves(geometry, "rings", "curveRings")])
    return box(*(_number(geometry[k]) for k in ("xmin", "ymin", "xmax", "ymax")))


def to_esri(geometry: BaseGeometry) -> dict[str, Any]:
    """Encode a shapely geometry as Esri JSON (without spatialReference: the FeatureSet carries it)."""
    if isinstance(geometry, Point):
        return {"x": None, "y": None} if geometry.is_empty else {"x": geometry.x, "y": geometry.y}
    if isinstance(geometry, MultiPoint):
        return {"points": [[p.x, p.y] for p in geometry.geoms]}
    if isinstance(geometry, (LineString, MultiLineString)):
        lines = [geometry] if isinstance(geometry, LineString) else list(geometry.geoms)
        return {"paths": [_coords(line.coords) for line in lines if not line.is_empty]}
    if isinstance(geometry, (Polygon, MultiPolygon)):
        polygons = [geometry] if isinstance(geometry, Polygon) else list(geometry.geoms)
        rings: list[list[list[float]]] = []
        for polygon in polygons:
            if polygon.is_empty:
                continue
            oriented = orient(polygon, sign=-1.0)  # exterior clockwise, holes counter-clockwise
            rings.append(_coords(oriented.exterior.coords))
            rings.extend(_coords(hole.coords) for hole in oriented.interiors)
        return {"rings": rings}
    raise ValueError(f"cannot write a {geometry.geom_type} as Esri JSON")


def _without_curves(geometry: Mapping[str, Any], plain: str, curved: str) -> list[Any]:
    if plain in geometry:
        return _list(geometry[plain], plain)
    raise ValueError(f"true curves ({curved}) are not supported: send the densified {plain} as well")


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a JSON array")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"not a finite coordinate: {value!r}")
    return float(value)


def _vertex(value: Any) -> tuple[float, float]:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) < 2:
        raise ValueError(f"not a vertex: {value!r}")
    return _number(value[0]), _number(value[1])


def _path(value: Any) -> list[tuple[float, float]]:
    vertices = [_vertex(v) for v in _list(value, "a path")]
    if len(vertices) < 2:
        raise ValueError("a path needs at least 2 vertices")
    return vertices


def _ring(value: Any) -> LinearRing:
    vertices = [_vertex(v) for v in _list(value, "a ring")]
    if len(vertices) > 1 and vertices[0] == vertices[-1]:
        vertices.pop()
    if len(vertices) < 3:
        raise ValueError("a ring needs at least 3 distinct vertices")
    return LinearRing(vertices)


def _polygon_from_rings(rings: list[LinearRing]) -> BaseGeometry:
    """Nest rings by containment: even depth = exterior, odd depth = hole of its innermost container."""
    filled = [Polygon(r) for r in rings]
    order = sorted(range(len(rings)), key=lambda i: -filled[i].area)
    depth: dict[int, int] = {}
    holes: dict[int, list[LinearRing]] = {}
    for position, i in enumerate(order):
        probe = filled[i].representative_point()
        containers = [j for j in order[:position] if filled[j].contains(probe)]
        parent = min(containers, key=lambda j: filled[j].area, default=None)
        depth[i] = 0 if parent is None else depth[parent] + 1
        if parent is not None and depth[i] % 2 == 1:
            holes.setdefault(parent, []).append(rings[i])
    polygons = [Polygon(rings[i], holes.get(i, [])) for i in order if depth[i] % 2 == 0]
    if not polygons:
        return Polygon()
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def _coords(coords: Any) -> list[list[float]]:
    return [[x, y] for x, y, *_ in coords]
