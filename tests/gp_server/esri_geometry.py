"""Esri JSON geometries <-> shapely (2D: Z and M are read past), and geometries written back as sent.

Reading polygons follows the contract: rings are a flat list, holes are found by containment (not by
orientation, which clients get wrong). Writing orients rings the Esri way: exterior rings clockwise,
holes counter-clockwise. Curves (``curveRings``/``curvePaths``) are read through their densified
``rings``/``paths`` fallback only.

A geometry a tool returns as it came (``rewritten``) keeps its vertices, Z and M included, as ArcGIS
keeps them in a feature class; the answer holds Z and M only when the client asked for them
(``returnZ``/``returnM``), and never true curves (``returnTrueCurves`` is not supported).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from shapely.geometry import LinearRing, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

Move = Callable[[np.ndarray], np.ndarray]
"""A reprojection of x, y columns (an n×2 array)."""

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


def rewritten(
    geometry: Mapping[str, Any], has_z: bool, has_m: bool, *, keep_z: bool, keep_m: bool, move: Move | None = None
) -> dict[str, Any]:
    """A geometry as a client sent it (already read by ``from_esri``, so well formed), written back in
    the plain form of its type: Z kept when ``keep_z`` (it has Z when ``has_z``), M likewise, x and y
    reprojected by ``move``. Missing or null Z and M stay null."""
    kind = esri_type_of(geometry)
    if kind == POINT and geometry.get("x") is None:
        return {"x": None, "y": None}
    groups = _vertex_groups(geometry, kind, has_z, has_m)
    flat = [vertex for group in groups for vertex in group]
    xy = np.array([vertex[:2] for vertex in flat], dtype=float).reshape(-1, 2)
    if move is not None:
        xy = move(xy)
    rebuilt = iter(
        [[x, y, *([z] if keep_z else []), *([m] if keep_m else [])] for (x, y), (_, _, z, m) in zip(xy.tolist(), flat)]
    )
    moved = [[next(rebuilt) for _ in group] for group in groups]
    if kind == POINT:
        return dict(zip(("x", "y", *("z",) * keep_z, *("m",) * keep_m), moved[0][0]))
    if kind == ENVELOPE:
        return _envelope(moved[0], keep_z, keep_m)
    key = {MULTIPOINT: "points", POLYLINE: "paths", POLYGON: "rings"}[kind]
    return {key: moved[0] if kind == MULTIPOINT else moved}


def _vertex_groups(geometry: Mapping[str, Any], kind: str, has_z: bool, has_m: bool) -> list[list[list[Any]]]:
    """The vertices as ``[x, y, z, m]`` (None where absent), by path or ring (one group for a point,
    a multipoint or an envelope's two corners)."""
    if kind == POINT:
        return [[[geometry["x"], geometry["y"], geometry.get("z"), geometry.get("m")]]]
    if kind == ENVELOPE:
        return [
            [
                [geometry[f"{axis}{end}"] if f"{axis}{end}" in geometry else None for axis in "xyzm"]
                for end in ("min", "max")
            ]
        ]
    z_at, m_at = (2 if has_z else None), ((3 if has_z else 2) if has_m else None)

    def vertex(value: Sequence[Any]) -> list[Any]:
        return [value[0], value[1], *(value[i] if i is not None and i < len(value) else None for i in (z_at, m_at))]

    if kind == MULTIPOINT:
        return [[vertex(v) for v in geometry["points"]]]
    return [[vertex(v) for v in part] for part in geometry["paths" if kind == POLYLINE else "rings"]]


def _envelope(corners: list[list[Any]], keep_z: bool, keep_m: bool) -> dict[str, Any]:
    """An envelope from its (possibly reprojected) corners: the smallest that holds them."""
    (x1, y1, *low), (x2, y2, *high) = corners
    out: dict[str, Any] = {"xmin": min(x1, x2), "ymin": min(y1, y2), "xmax": max(x1, x2), "ymax": max(y1, y2)}
    for axis, low_value, high_value in zip(("z",) * keep_z + ("m",) * keep_m, low, high):
        out[f"{axis}min"], out[f"{axis}max"] = low_value, high_value
    return out


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
