"""Esri JSON geometries <-> shapely geometries, vectorised over whole feature sets.

Reading gathers the vertices of many features into one numpy array (a single `np.array`
call over the flattened vertex lists) and builds geometries with shapely's array
constructors; there is no Python loop per vertex. A batch that cannot be read is split in
halves until the broken feature is found, so the GeometryError names its index.

Conventions (Esri's):
- Polygon rings are one flat list: exteriors clockwise, holes counter-clockwise. On reading,
  containment decides, not orientation or order (as GDAL's organizePolygons does): a ring is a
  hole of the smallest ring of its feature that contains it if that ring is an exterior, and an
  exterior otherwise (inside no ring, or an island in a hole), whichever way it turns. Orientation
  only breaks ties where containment cannot (rings that overlap, equal rings). A polygon that is
  still not valid (rings that cross, a ring that touches itself) is kept as the server sent it,
  with a warning naming its feature. On writing, rings are oriented and the parts of a
  multipolygon flattened.
- With hasZ the third ordinate is Z; with hasM only it is M; with both, Z then M. Null Z/M
  read as NaN and NaN writes as null. Undeclared extra ordinates are read as Z then M
  (as GDAL does) rather than dropped.
- One path / one part gives a LineString / Polygon, more give a MultiLineString /
  MultiPolygon; a multipoint is always a MultiPoint; an envelope becomes a box polygon.

`from_parts` builds geometries from flat vertex arrays; the shapefile reader uses it too.

Geometries json_decode kept raw (read with msgspec) are read from their text straight into those
flat arrays, in batches of a few megabytes of text, when they are plain rings, paths or points;
any other raw geometry is decoded into a dict first and read as above, to the same result.

M values travel beside the geometries, never inside them (see measures.py: GEOS before 3.12 has
no M): decoding gives the geometries in X Y [Z] and, when there is M, one array of M values per
geometry in vertex order; encoding takes them back. Ring reordering (holes found by containment)
and ring orientation move the M values with their vertices.

Curves (`curvePaths`/`curveRings`) are densified: circular and elliptic arcs with at most one
degree of arc per segment, cubic Béziers with at most about one degree of turning per segment
(at least 8 segments). Each densified segment ends exactly at the segment's end point, and Z/M
are interpolated linearly between its ends. When a densified `paths`/`rings` fallback is
present too, the true curves are used: they are exact and our densification is fine-grained.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, Callable, TypeVar, cast

import numpy as np
import shapely
from shapely.errors import ShapelyError

from .errors import GeometryError, quoted, warn
from .gcpause import gc_paused
from .json_decode import coordinates, is_raw, simple_key, trees
from .json_encode import dumps, fragment, nested_texts, nested_values, part_texts, part_values, writes_as_repr
from .measures import flat, split
from .validity import Check

if TYPE_CHECKING:
    from numpy.typing import NDArray

POINT = "esriGeometryPoint"
MULTIPOINT = "esriGeometryMultipoint"
POLYLINE = "esriGeometryPolyline"
POLYGON = "esriGeometryPolygon"
ENVELOPE = "esriGeometryEnvelope"
GEOMETRY_TYPES = (POINT, MULTIPOINT, POLYLINE, POLYGON, ENVELOPE)

NAMES = {POINT: "point", MULTIPOINT: "multipoint", POLYLINE: "polyline", POLYGON: "polygon", ENVELOPE: "envelope"}

# Esri type of each shapely type id (0 Point, 1 LineString, 2 LinearRing, 3 Polygon, 4 MultiPoint,
# 5 MultiLineString, 6 MultiPolygon); GeometryCollection has none.
_MULTILINESTRING_ID, _MULTIPOLYGON_ID = 5, 6
_ESRI_TYPE_OF_ID = {0: POINT, 1: POLYLINE, 2: POLYLINE, 3: POLYGON, 4: MULTIPOINT, 5: POLYLINE, 6: POLYGON}
_KEY_TYPES = (
    ("x", POINT),
    ("rings", POLYGON),
    ("curveRings", POLYGON),
    ("paths", POLYLINE),
    ("curvePaths", POLYLINE),
    ("points", MULTIPOINT),
    ("xmin", ENVELOPE),
)
_KIND_OF_KEY = {"rings": POLYGON, "paths": POLYLINE, "points": MULTIPOINT}
_KEY_OF_KIND = {kind: key for key, kind in _KIND_OF_KEY.items()}
_BAD_INPUT = (ValueError, TypeError, KeyError, IndexError, ArithmeticError, ShapelyError)
#: Raw geometries are read in batches of about this much text (see _batches).
_BATCH_BYTES = 8 << 20

_EMPTY = {
    kind: shapely.from_wkt(wkt)
    for kind, wkt in (
        (POINT, "POINT EMPTY"),
        (MULTIPOINT, "MULTIPOINT EMPTY"),
        (POLYLINE, "LINESTRING EMPTY"),
        (POLYGON, "POLYGON EMPTY"),
        (ENVELOPE, "POLYGON EMPTY"),
    )
}

_ARC_STEP = math.radians(1.0)
#: Features with up to this many rings compare every two of their rings to find holes; larger ones
#: use a spatial index.
_PAIRWISE = 64

Decoded = tuple["NDArray[Any]", "NDArray[Any] | None"]  # geometries, and their M values (None: no M)


# ----------------------------------------------------------------------------------------------
# Esri JSON -> shapely


def from_esri(
    items: Sequence[Any], geometry_type: str | None, has_z: bool = False, has_m: bool = False
) -> tuple[NDArray[Any], NDArray[Any] | None]:
    """Shapely geometries (or None) for Esri JSON geometries (dicts, or raw ones from json_decode), as
    an object array, and the M values of each geometry (None when no geometry has M; see measures.py).

    geometry_type None: each item's type comes from its keys. A geometry's own hasZ/hasM
    override the feature set's. None and {} give None.
    """
    if geometry_type is not None:
        check_geometry_type(geometry_type)
    items = list(items)
    result = np.full(len(items), None, dtype=object)
    measures: list[NDArray[Any] | None] = [None]
    read = np.zeros(len(items), dtype=bool)  # read straight from their text by _read_raw
    check = Check(result)  # the polygons' validity, checked in a thread while the next are read
    with gc_paused():
        for member, indices in _simple_raws(items, geometry_type).items():
            for batch in _batches(items, indices):
                done = _read_batch(result, measures, items, member, batch, has_z, has_m)
                read[done] = True
                if member == "rings" and done:
                    check.add(np.array(done))
    unread = [index for index, item in enumerate(items) if not read[index] and is_raw(item)]
    if unread:  # (none without msgspec)
        for index, value in zip(unread, trees([items[i] for i in unread])):
            items[index] = value
    groups: dict[tuple[str, bool, bool], list[int]] = {}
    for index, item in enumerate(items):
        if read[index]:
            continue
        if item is None or (isinstance(item, dict) and not item):
            continue
        kind = _type_of_item(item, index)
        if geometry_type is not None and kind != geometry_type:
            raise GeometryError(
                f"Feature {index}: expected {_a(NAMES[geometry_type])} geometry, got {_a(NAMES[kind])} "
                f"(keys: {', '.join(map(str, item))})."
            )
        key = (kind, bool(item.get("hasZ", has_z)), bool(item.get("hasM", has_m)))
        groups.setdefault(key, []).append(index)
    with gc_paused():
        for (kind, z, m), indices in groups.items():
            group = cast("list[dict[str, Any]]", [items[i] for i in indices])  # no None among them
            _place(result, measures, indices, _decode(kind, group, indices, z, m))
    for (kind, _, _), indices in groups.items():
        if kind == POLYGON:
            check.add(np.array(indices))
    check.report()
    return result, measures[0]


def _simple_raws(items: list[Any], geometry_type: str | None) -> dict[str, list[int]]:
    """The raw geometries json_decode.coordinates may read, by their member: all raw geometries of a
    polygon, polyline or multipoint feature set (coordinates checks them), else those whose member
    json_decode.simple_key finds."""
    raws = [index for index, item in enumerate(items) if is_raw(item)]
    member = _KEY_OF_KIND.get(geometry_type or "")
    if member is not None:
        return {member: raws} if raws else {}
    simple: dict[str, list[int]] = {}
    for index in raws if geometry_type is None else []:
        key = simple_key(items[index])
        if key is not None:
            simple.setdefault(key, []).append(index)
    return simple


def _read_batch(
    result: NDArray[Any],
    measures: list[NDArray[Any] | None],
    items: list[Any],
    member: str,
    batch: list[int],
    has_z: bool,
    has_m: bool,
) -> list[int]:
    """Read a batch of raw geometries straight from their text and place them; when some are not of the
    plain form, the others alone. The indices read (the rest are decoded as any other geometry)."""
    attempt = batch
    while attempt:
        try:
            _place(result, measures, attempt, _read_raw(member, [items[i] for i in attempt], has_z, has_m))
            return attempt
        except _BAD_INPUT:
            plain = [index for index in attempt if simple_key(items[index]) == member]
            attempt = plain if len(plain) < len(attempt) else []
    return []


def _place(result: NDArray[Any], measures: list[NDArray[Any] | None], indices: list[int], decoded: Decoded) -> None:
    """Put decoded geometries and their M values (measures[0]: made when the first M values come) at `indices`."""
    result[indices], group_measures = decoded
    if group_measures is not None:
        placed = measures[0]
        if placed is None:
            placed = measures[0] = np.full(len(result), None, dtype=object)
        placed[indices] = group_measures


def _batches(items: list[Any], indices: list[int]) -> list[list[int]]:
    """The indices cut into runs of about _BATCH_BYTES of raw geometry text, so that the text and
    arrays made while reading a batch stay small beside the body."""
    batches: list[list[int]] = [[]]
    size = 0
    for index in indices:
        if size >= _BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(index)
        size += len(items[index])
    return batches


def _read_raw(member: str, raws: list[Any], has_z: bool, has_m: bool) -> Decoded:
    """Raw geometries of one plain form (see json_decode.simple_key), read straight into arrays.
    ValueError (or another of _BAD_INPUT) when they are not plain arrays of vertices."""
    kind = _KIND_OF_KEY[member]
    coords, counts = coordinates(raws, member)
    xyzm, z, m = _dimensions(coords, has_z, has_m)
    if kind == MULTIPOINT:
        return _multipoints(xyzm, z, m, counts[0])
    return _assemble(kind, xyzm, counts[1], counts[0], z, m)


def check_geometry_type(geometry_type: Any) -> None:
    if geometry_type not in GEOMETRY_TYPES:
        raise GeometryError(
            f"Unknown geometry type {quoted(geometry_type)} (expected one of {', '.join(GEOMETRY_TYPES)})."
        )


def _a(name: str) -> str:
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _type_of_item(item: Any, index: int) -> str:
    if not isinstance(item, dict):
        raise GeometryError(f"Feature {index}: the geometry is not a JSON object but {type(item).__name__}.")
    for key, kind in _KEY_TYPES:
        if key in item:
            return kind
    raise GeometryError(
        f"Feature {index}: not an Esri JSON geometry (keys: {', '.join(map(str, item))}; "
        "expected x/y, points, paths, rings or xmin/ymin/xmax/ymax)."
    )


def _decode(kind: str, items: list[dict[str, Any]], indices: list[int], has_z: bool, has_m: bool) -> Decoded:
    """Decode a batch; on failure, halve it until the broken feature is found."""
    try:
        return _DECODERS[kind](items, has_z, has_m)
    except _BAD_INPUT as error:
        if len(items) == 1:
            raise GeometryError(
                f"Feature {indices[0]}: the {NAMES[kind]} geometry cannot be read ({error})."
            ) from error
        half = len(items) // 2
        return _joined(
            _decode(kind, items[:half], indices[:half], has_z, has_m),
            _decode(kind, items[half:], indices[half:], has_z, has_m),
        )


def _joined(first: Decoded, second: Decoded) -> Decoded:
    geometries = np.concatenate([first[0], second[0]])
    if first[1] is None and second[1] is None:
        return geometries, None
    return geometries, np.concatenate(
        [m if m is not None else np.full(len(g), None, dtype=object) for g, m in (first, second)]
    )


def _stack(vertex_lists: list[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """All vertices of many vertex lists as one (n, width) float array, and the count of each list."""
    counts = np.fromiter(map(len, vertex_lists), dtype=np.int64, count=len(vertex_lists))
    flat = list(chain.from_iterable(vertex_lists))
    coords = np.array(flat, dtype=float) if flat else np.empty((0, 2))
    if coords.ndim != 2 or coords.shape[1] < 2:
        raise ValueError("coordinates must be [x, y, ...] arrays of numbers")
    return coords, counts


def _dimensions(coords: NDArray[Any], has_z: bool, has_m: bool) -> tuple[NDArray[Any], bool, bool]:
    """The vertices as columns x, y[, z][, m] following the hasZ/hasM flags."""
    width = coords.shape[1]
    if not has_z and not has_m and width >= 3:
        has_z, has_m = True, width >= 4

    def column(i: int) -> NDArray[Any]:
        return coords[:, i] if width > i else np.full(len(coords), np.nan)

    columns = [coords[:, 0], coords[:, 1]]
    if has_z:
        columns.append(column(2))
    if has_m:
        columns.append(column(3 if has_z else 2))
    return np.column_stack(columns), has_z, has_m


def _decode_points(items: list[dict[str, Any]], has_z: bool, has_m: bool) -> Decoded:
    xyzm = np.array([(item["x"], item.get("y"), item.get("z"), item.get("m")) for item in items], dtype=float)
    has_z = has_z or bool(np.isfinite(xyzm[:, 2]).any())
    has_m = has_m or bool(np.isfinite(xyzm[:, 3]).any())
    points: NDArray[Any] = shapely.points(xyzm[:, :3] if has_z else xyzm[:, :2])  # type: ignore[assignment]
    empty = np.isnan(xyzm[:, :2]).any(axis=1)
    points[empty] = _EMPTY[POINT]
    return points, split(xyzm[~empty, 3], (~empty).astype(np.int64)) if has_m else None


def _decode_multipoints(items: list[dict[str, Any]], has_z: bool, has_m: bool) -> Decoded:
    coords, counts = _stack([item["points"] for item in items])
    return _multipoints(*_dimensions(coords, has_z, has_m), counts)


def _gather_parts(
    items: list[dict[str, Any]], key: str, curve_key: str, has_z: bool, has_m: bool
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], bool, bool]:
    """Vertices (columns x, y[, z][, m]), vertex count per path/ring and path/ring count per item."""
    paths = [[_densify_path(path) for path in item[curve_key]] if curve_key in item else item[key] for item in items]
    path_counts = np.fromiter(map(len, paths), dtype=np.int64, count=len(paths))
    coords, counts = _stack(list(chain.from_iterable(paths)))
    coords, has_z, has_m = _dimensions(coords, has_z, has_m)
    return coords, counts, path_counts, has_z, has_m


def _decode_polylines(items: list[dict[str, Any]], has_z: bool, has_m: bool) -> Decoded:
    return _assemble(POLYLINE, *_gather_parts(items, "paths", "curvePaths", has_z, has_m))


def _decode_polygons(items: list[dict[str, Any]], has_z: bool, has_m: bool) -> Decoded:
    return _assemble(POLYGON, *_gather_parts(items, "rings", "curveRings", has_z, has_m))


def _decode_envelopes(items: list[dict[str, Any]], has_z: bool, has_m: bool) -> Decoded:
    bounds = np.array(
        [(item["xmin"], item.get("ymin"), item.get("xmax"), item.get("ymax")) for item in items], dtype=float
    )
    boxes = shapely.box(bounds[:, 0], bounds[:, 1], bounds[:, 2], bounds[:, 3])
    boxes[np.isnan(bounds).any(axis=1)] = _EMPTY[ENVELOPE]
    return boxes, None


_DECODERS: dict[str, Callable[[list[dict[str, Any]], bool, bool], Decoded]] = {
    POINT: _decode_points,
    MULTIPOINT: _decode_multipoints,
    POLYLINE: _decode_polylines,
    POLYGON: _decode_polygons,
    ENVELOPE: _decode_envelopes,
}


# ----------------------------------------------------------------------------------------------
# Flat vertex arrays -> shapely (shared by Esri JSON and file readers)


def from_parts(
    geometry_type: str,
    coords: NDArray[Any],
    vertex_counts: NDArray[Any],
    part_counts: NDArray[Any],
    has_z: bool = False,
    has_m: bool = False,
) -> Decoded:
    """Geometries from flat arrays, the way Esri JSON and shapefiles structure them, and their M
    values (None without has_m).

    `coords` holds all vertices, columns x, y[, z][, m]; part j (a point, the points of a
    multipoint, a path or a ring) has `vertex_counts[j]` consecutive vertices and geometry i has
    `part_counts[i]` consecutive parts. A geometry without parts is empty. Polygon rings are
    grouped into polygons by containment (see the module docstring); unclosed rings are closed.
    Polygons that are not valid are kept, with a warning naming them by their index.
    """
    geometries, measures = _assemble(geometry_type, coords, vertex_counts, part_counts, has_z, has_m)
    if geometry_type == POLYGON:
        check = Check(geometries)
        check.add(np.arange(len(geometries)))
        check.report()
    return geometries, measures


def _assemble(
    geometry_type: str,
    coords: NDArray[Any],
    vertex_counts: NDArray[Any],
    part_counts: NDArray[Any],
    has_z: bool,
    has_m: bool,
) -> Decoded:
    """from_parts without the warning about invalid polygons."""
    count = len(part_counts)
    owner = np.repeat(np.arange(count), part_counts)
    keep = vertex_counts > 0
    vertex_counts, owner = vertex_counts[keep], owner[keep]
    if geometry_type == POLYGON and len(vertex_counts):
        coords, vertex_counts = _close_rings(coords, vertex_counts)
    xy = coords[:, : 2 + has_z]
    per_geometry = np.bincount(owner, weights=vertex_counts, minlength=count).astype(np.int64)
    m = coords[:, -1] if has_m else None
    if geometry_type == POINT:
        first = np.cumsum(vertex_counts) - vertex_counts
        out = np.full(count, _EMPTY[POINT], dtype=object)
        out[owner] = shapely.points(xy[first])
        return out, split(m[first], np.bincount(owner, minlength=count)) if m is not None else None
    if geometry_type == MULTIPOINT:
        return _multipoints(coords, has_z, has_m, per_geometry)
    if not len(vertex_counts):
        return np.full(count, _EMPTY[geometry_type], dtype=object), split(np.empty(0), per_geometry) if has_m else None
    if geometry_type == POLYLINE:
        lines: NDArray[Any] = shapely.linestrings(  # type: ignore[assignment]  # an array: indices given
            xy, indices=np.repeat(np.arange(len(vertex_counts)), vertex_counts)
        )
        lines = _collect(lines, owner, count, POLYLINE, shapely.multilinestrings)
        return lines, split(m, per_geometry) if m is not None else None
    if not np.isfinite(xy[:, :2]).all():  # GEOS cannot tell what such a ring contains
        raise ValueError("a ring has a vertex whose x or y is missing (NaN) or infinite")
    rings: NDArray[Any] = shapely.linearrings(  # type: ignore[assignment]  # an array: indices given
        xy, indices=np.repeat(np.arange(len(vertex_counts)), vertex_counts)
    )
    if m is not None:
        # shapely closes a ring once more when it has three vertices, or when its first and last
        # vertex differ in a null (NaN) Z: the M values follow.
        m, vertex_counts = _repeat_first(m, vertex_counts, shapely.get_num_coordinates(rings) - vertex_counts)
        per_geometry = np.bincount(owner, weights=vertex_counts, minlength=count).astype(np.int64)
    exterior, part = _organize_rings(rings, owner)
    order = np.lexsort((~exterior, part, owner))  # by geometry, then part, exterior first
    ring_owner, part = owner[order], part[order]
    starts_part = np.ones(len(order), dtype=bool)
    starts_part[1:] = (ring_owner[1:] != ring_owner[:-1]) | (part[1:] != part[:-1])
    polygons = shapely.polygons(rings[order], indices=np.cumsum(starts_part) - 1)
    polygons = _collect(polygons, ring_owner[starts_part], count, POLYGON, shapely.multipolygons)
    if m is None:
        return polygons, None
    ring_starts = np.cumsum(vertex_counts) - vertex_counts
    return polygons, split(m[_ranges(ring_starts[order], vertex_counts[order])], per_geometry)


def _ranges(starts: NDArray[Any], counts: NDArray[Any]) -> NDArray[Any]:
    """The indices start..start+count-1 of every (start, count), one run after the other."""
    ranges: NDArray[Any] = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    return ranges


def _multipoints(coords: NDArray[Any], has_z: bool, has_m: bool, counts: NDArray[Any]) -> Decoded:
    """Multipoints of `counts` points each (columns x, y[, z][, m]), and their M values. A point
    without x or y (null) is left out: shapely would make it an empty point, which has no
    coordinates, and the M values would no longer match."""
    located = ~np.isnan(coords[:, :2]).any(axis=1)
    if not located.all():
        counts = np.bincount(np.repeat(np.arange(len(counts)), counts)[located], minlength=len(counts))
        coords = coords[located]
    return _build_multipoints(coords[:, : 2 + has_z], counts), split(coords[:, -1], counts) if has_m else None


def _build_multipoints(coords: NDArray[Any], counts: NDArray[Any]) -> NDArray[Any]:
    """One multipoint per entry of `counts` (its number of points)."""
    out = np.full(len(counts), _EMPTY[MULTIPOINT], dtype=object)
    if len(coords):
        shapely.multipoints(shapely.points(coords), indices=np.repeat(np.arange(len(counts)), counts), out=out)
    return out


def _collect(
    parts: NDArray[Any], part_geometry: NDArray[Any], count: int, kind: str, make_multi: Callable[..., NDArray[Any]]
) -> NDArray[Any]:
    """Geometries from their parts: empty without parts, the part itself when alone, else a multi-geometry."""
    out = np.full(count, _EMPTY[kind], dtype=object)
    per_geometry = np.bincount(part_geometry, minlength=count)
    single = per_geometry[part_geometry] == 1
    out[part_geometry[single]] = parts[single]
    if not single.all():
        make_multi(parts[~single], indices=part_geometry[~single], out=out)
    return out


def _close_rings(coords: NDArray[Any], counts: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """Repeat the first vertex at the end of rings that are not closed (compared in x, y)."""
    ends = np.cumsum(counts)
    open_rings = (coords[ends - counts, :2] != coords[ends - 1, :2]).any(axis=1)
    return _repeat_first(coords, counts, open_rings.astype(np.int64))


def _repeat_first(values: NDArray[Any], counts: NDArray[Any], times: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """The values (vertices, or their M values) of consecutive rings of `counts` vertices, with each
    ring's first value repeated `times` more at its end; and the new counts."""
    if not times.any():
        return values, counts
    ends = np.cumsum(counts)
    values = np.insert(values, np.repeat(ends, times), np.repeat(values[ends - counts], times, axis=0), axis=0)
    return values, counts + times


def _organize_rings(rings: NDArray[Any], owner: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """Which rings are exteriors, and the part number (within its feature) of each ring.

    Containment decides, never orientation alone (as GDAL's organizePolygons does by default): a
    ring is a hole of the smallest ring of its feature that contains it when that ring is an
    exterior, and an exterior otherwise (inside no ring, or an island in a hole), clockwise or not.
    Exteriors are numbered in the order they come; a hole takes its exterior's number."""
    parent = _containers(rings, owner)
    hole = np.zeros(len(rings), dtype=bool)
    settled = parent < 0
    while not settled.all():  # one round per level of nesting: a ring's container is settled first
        ready = ~settled & settled[parent]
        hole[ready] = ~hole[parent[ready]]
        settled |= ready
    exterior = ~hole
    per_feature = np.bincount(owner)
    feature_start = (np.cumsum(per_feature) - per_feature)[owner]
    exteriors_before: NDArray[Any] = np.cumsum(exterior) - exterior
    part: NDArray[Any] = exteriors_before - exteriors_before[feature_start]
    part[hole] = part[parent[hole]]
    return exterior, part


def _containers(rings: NDArray[Any], owner: NDArray[Any]) -> NDArray[Any]:
    """For each ring, the index of the smallest other ring of its feature that contains it (-1: none).

    A ring contains another when it covers it. Where neither covers the other but they overlap
    (a sloppy hole that strays over its exterior's edge, an island over its hole's), Esri's
    orientation breaks the tie: a ring contains a smaller one of the other orientation when it
    contains a point inside it. Rings of equal area that cover each other: the clockwise one
    contains the counter-clockwise one."""
    parent = np.full(len(rings), -1)
    bounds = shapely.bounds(rings)
    outer, inner = _ring_pairs(owner, bounds)
    if not len(outer):
        return parent
    shapes = np.full(len(rings), None, dtype=object)
    involved = np.union1d(outer, inner)
    shapes[involved] = shapely.polygons(rings[involved])
    area, ccw = shapely.area(shapes), shapely.is_ccw(rings)
    ordered = (area[outer] > area[inner]) | ((area[outer] == area[inner]) & ~ccw[outer] & ccw[inner])
    outer, inner = outer[ordered], inner[ordered]
    shapely.prepare(shapes[np.unique(outer)])
    inside = np.zeros(len(outer), dtype=bool)
    boxed = ((bounds[outer, :2] <= bounds[inner, :2]) & (bounds[outer, 2:] >= bounds[inner, 2:])).all(axis=1)
    # A polygon without holes covers a ring exactly when it covers the polygon the ring bounds;
    # contains_properly (no contact) is the cheaper test and settles most pairs.
    inside[boxed] = shapely.contains_properly(shapes[outer[boxed]], rings[inner[boxed]])
    touching = boxed & ~inside
    inside[touching] = shapely.covers(shapes[outer[touching]], rings[inner[touching]])
    tie = ~inside & (ccw[outer] != ccw[inner])
    if tie.any():
        points = np.full(len(rings), None, dtype=object)
        loose = np.unique(inner[tie])
        points[loose] = shapely.point_on_surface(shapes[loose])
        inside[tie] = shapely.contains(shapes[outer[tie]], points[inner[tie]])
    outer, inner = outer[inside], inner[inside]
    smallest_first = np.lexsort((area[outer], inner))
    outer, inner = outer[smallest_first], inner[smallest_first]
    first = np.ones(len(inner), dtype=bool)
    first[1:] = inner[1:] != inner[:-1]
    parent[inner[first]] = outer[first]
    return parent


def _ring_pairs(owner: NDArray[Any], bounds: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """Every ordered pair (outer, inner) of two rings of the same feature whose bounding boxes meet.

    A feature of up to _PAIRWISE rings pairs each of its rings with every other; a larger one (a
    lake with thousands of islands) gets a spatial index of its own, so that its pairs grow with
    the rings that meet, not with the square of its rings."""
    _, feature, per_feature = np.unique(owner, return_inverse=True, return_counts=True)
    rings_in_feature = per_feature[feature]
    few = np.flatnonzero((rings_in_feature > 1) & (rings_in_feature <= _PAIRWISE))
    outers = [np.repeat(few, rings_in_feature[few])]
    inners = [_ranges((np.cumsum(per_feature) - per_feature)[feature[few]], rings_in_feature[few])]
    many = np.flatnonzero(rings_in_feature > _PAIRWISE)
    for members in np.split(many, np.flatnonzero(np.diff(owner[many])) + 1) if len(many) else []:
        boxes = shapely.box(*bounds[members].T)
        found = shapely.STRtree(boxes).query(boxes)
        outers.append(members[found[0]])
        inners.append(members[found[1]])
    outer, inner = np.concatenate(outers), np.concatenate(inners)
    meet = (
        (outer != inner)
        & (bounds[outer, 0] <= bounds[inner, 2])
        & (bounds[inner, 0] <= bounds[outer, 2])
        & (bounds[outer, 1] <= bounds[inner, 3])
        & (bounds[inner, 1] <= bounds[outer, 3])
    )
    return outer[meet], inner[meet]


# ----------------------------------------------------------------------------------------------
# Curves


def _densify_path(path: list[Any]) -> list[Any]:
    """A curve path — a start point, then points (straight segments) and curve segments
    {"c": ...}, {"a": ...}, {"b": ...} — as a plain list of vertices."""
    vertices = [path[0]]
    with np.errstate(all="raise"):  # an arc past float's range: FloatingPointError, bad input
        for segment in path[1:]:
            if not isinstance(segment, dict):
                vertices.append(segment)
                continue
            start = np.array(vertices[-1], dtype=float)
            if "c" in segment:
                end, interior = segment["c"][:2]
                vertices.extend(_circular_arc(start, np.array(end, dtype=float), np.array(interior, dtype=float)))
            elif "a" in segment:
                vertices.extend(_elliptic_arc(start, segment["a"]))
            elif "b" in segment:
                end, first, second = segment["b"][:3]
                vertices.extend(
                    _bezier(
                        start,
                        np.array(end, dtype=float),
                        np.array(first, dtype=float)[:2],
                        np.array(second, dtype=float)[:2],
                    )
                )
            else:
                raise ValueError(f"unknown curve segment {sorted(segment)} (expected c, a or b)")
    return vertices


def _with_extra_ordinates(
    xy: NDArray[Any], fraction: NDArray[Any], start: NDArray[Any], end: NDArray[Any]
) -> list[Any]:
    """Densified x, y plus Z/M interpolated linearly between the segment's ends; the last vertex is `end`."""
    extra_start = start[2:] if len(start) == len(end) else end[2:]
    extra = extra_start + fraction[:, None] * (end[2:] - extra_start)
    vertices = np.column_stack([xy, extra])
    vertices[-1] = end
    densified: list[Any] = vertices.tolist()
    return densified


def _arc_steps(sweep: float) -> NDArray[Any]:
    """Fractions 1/n .. 1 along an arc of `sweep` radians, n so that each step is at most one degree."""
    steps = max(1, math.ceil(abs(sweep) / _ARC_STEP - 1e-9))
    return np.arange(1, steps + 1) / steps


def _circular_arc(start: NDArray[Any], end: NDArray[Any], interior: NDArray[Any]) -> list[Any]:
    """The arc from start through interior to end ("c" segment). Worked out around the start point:
    squares of projected coordinates (millions of metres) would drown an arc of a few metres."""
    origin = start[:2]
    (ax, ay), (bx, by), (cx, cy) = start[:2] - origin, interior[:2] - origin, end[:2] - origin
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    if abs(d) <= 1e-12 * max(1.0, abs(ax), abs(ay), abs(bx), abs(by), abs(cx), abs(cy)) ** 2:
        return [end.tolist()]  # collinear: a straight segment
    a2, b2, c2 = ax * ax + ay * ay, bx * bx + by * by, cx * cx + cy * cy
    center = np.array(
        [(a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d, (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d]
    )
    radius = math.hypot(ax - center[0], ay - center[1])
    angle = [math.atan2(y - center[1], x - center[0]) for x, y in ((ax, ay), (bx, by), (cx, cy))]
    counter_clockwise = (angle[2] - angle[0]) % (2 * math.pi)
    to_interior = (angle[1] - angle[0]) % (2 * math.pi)
    sweep = counter_clockwise if to_interior <= counter_clockwise else counter_clockwise - 2 * math.pi
    fraction = _arc_steps(sweep)
    theta = angle[0] + sweep * fraction
    xy = origin + center + radius * np.column_stack([np.cos(theta), np.sin(theta)])
    return _with_extra_ordinates(xy, fraction, start, end)


def _elliptic_arc(start: NDArray[Any], spec: list[Any]) -> list[Any]:
    """An "a" segment: [end, center, minor, clockwise, rotation, semi-major axis, minor/major ratio];
    a circle when the last three are absent or the ratio is 1. Points are placed on the ellipse by
    parametric angle, with the radius blended from start to end so both end points are exact."""
    end, center = np.array(spec[0], dtype=float), np.array(spec[1], dtype=float)[:2]
    minor, clockwise = bool(spec[2]), bool(spec[3])
    rotation = float(spec[4]) if len(spec) > 4 and spec[4] is not None else 0.0
    axis = float(spec[5]) if len(spec) > 5 and spec[5] is not None else 1.0
    ratio = float(spec[6]) if len(spec) > 6 and spec[6] is not None else 1.0
    cos_r, sin_r = math.cos(rotation), math.sin(rotation)
    semi = np.array([axis, axis * ratio])

    def local(point: NDArray[Any]) -> tuple[float, float]:
        dx, dy = point[:2] - center
        u, v = (cos_r * dx + sin_r * dy, -sin_r * dx + cos_r * dy) / semi
        return math.atan2(v, u), math.hypot(u, v)

    (t0, r0), (t1, r1) = local(start), local(end)
    if np.array_equal(start[:2], end[:2]):
        sweep = 0.0 if minor else (-2 * math.pi if clockwise else 2 * math.pi)  # nothing, or the full ellipse
    else:
        sweep = (t1 - t0) % (2 * math.pi)
        if clockwise:
            sweep -= 2 * math.pi
    fraction = _arc_steps(sweep)
    t = t0 + sweep * fraction
    rho = r0 + (r1 - r0) * fraction
    u, v = semi[0] * rho * np.cos(t), semi[1] * rho * np.sin(t)
    xy = center + np.column_stack([cos_r * u - sin_r * v, sin_r * u + cos_r * v])
    return _with_extra_ordinates(xy, fraction, start, end)


def _bezier(start: NDArray[Any], end: NDArray[Any], first: NDArray[Any], second: NDArray[Any]) -> list[Any]:
    """A cubic Bézier ("b" segment: [end, control 1, control 2])."""
    control = np.array([start[:2], first, second, end[:2]])
    legs = np.diff(control, axis=0)
    headings = np.arctan2(legs[:, 1], legs[:, 0])
    turning = np.abs((np.diff(headings) + math.pi) % (2 * math.pi) - math.pi).sum()
    steps = max(8, math.ceil(math.degrees(turning)))
    t = np.arange(1, steps + 1)[:, None] / steps
    xy = (
        (1 - t) ** 3 * control[0]
        + 3 * (1 - t) ** 2 * t * control[1]
        + 3 * (1 - t) * t**2 * control[2]
        + t**3 * control[3]
    )
    return _with_extra_ordinates(xy, t[:, 0], start, end)


# ----------------------------------------------------------------------------------------------
# shapely -> Esri JSON


def geometry_type_of(geom: Any) -> str:
    """The Esri geometry type of a shapely geometry."""
    if not isinstance(geom, shapely.Geometry):
        raise GeometryError(f"{type(geom).__name__} is not a geometry.")
    kind = _ESRI_TYPE_OF_ID.get(int(shapely.get_type_id(geom)))
    if kind is None:  # (every shapely geometry has a geom_type; the stub of shapely.Geometry does not say so)
        raise GeometryError(
            f"A {geom.geom_type} has no Esri equivalent "  # type: ignore[attr-defined]
            "(point, multipoint, polyline or polygon)."
        )
    return kind


def common_geometry_type(geometries: NDArray[Any] | Sequence[Any]) -> str | None:
    """The Esri type shared by all geometries (None when all are None; multipoint for points and
    multipoints); GeometryError when they mix."""
    geoms = _as_array(geometries)
    ids = np.unique(shapely.get_type_id(geoms))
    kinds = {_ESRI_TYPE_OF_ID.get(int(i)) for i in ids if i >= 0}
    if None in kinds:
        index = int(np.flatnonzero(shapely.get_type_id(geoms) == 7)[0])
        raise GeometryError(f"Feature {index}: a GeometryCollection has no Esri equivalent.")
    if kinds == {POINT, MULTIPOINT}:
        return MULTIPOINT  # a multipoint feature set holds single points too
    if len(kinds) > 1:
        names = sorted(NAMES[k] + "s" for k in kinds if k is not None)
        raise GeometryError(f"The geometries mix {' and '.join(names)}; a feature set holds one geometry type.")
    return kinds.pop() if kinds else None


def to_esri(
    geometries: NDArray[Any] | Sequence[Any],
    geometry_type: str,
    has_z: bool = False,
    has_m: bool = False,
    measures: NDArray[Any] | None = None,
) -> list[dict[str, Any] | None]:
    """Esri JSON geometries (None stays None) of `geometry_type` for shapely geometries; with has_m,
    the M values of each geometry come from `measures` (see measures.py; none: null M)."""
    return _encoded(_ENCODERS, geometries, geometry_type, has_z, has_m, measures)


def to_esri_text(
    geometries: NDArray[Any] | Sequence[Any],
    geometry_type: str,
    has_z: bool = False,
    has_m: bool = False,
    measures: NDArray[Any] | None = None,
) -> list[str | None]:
    """The compact JSON text of each geometry of `to_esri` (None stays None), written without the
    dicts (see json_encode): `json_encode.dumps(to_esri(...)[i])`."""
    return _encoded(_TEXT_ENCODERS, geometries, geometry_type, has_z, has_m, measures)


def to_esri_values(
    geometries: NDArray[Any] | Sequence[Any],
    geometry_type: str,
    has_z: bool = False,
    has_m: bool = False,
    measures: NDArray[Any] | None = None,
) -> list[Any]:
    """What `json_encode.document_bytes` writes as the text of each geometry of `to_esri_text`
    (None stays None): dicts holding numpy views of the coordinates, or fragments of text (needs
    `json_encode.fast()`)."""
    return _encoded(_VALUE_ENCODERS, geometries, geometry_type, has_z, has_m, measures)


_Encoded = TypeVar("_Encoded")


def _encoded(
    encoders: dict[str, Callable[[NDArray[Any], NDArray[Any], bool, bool, NDArray[Any] | None], list[_Encoded]]],
    geometries: NDArray[Any] | Sequence[Any],
    geometry_type: str,
    has_z: bool,
    has_m: bool,
    measures: NDArray[Any] | None,
) -> list[_Encoded | None]:
    """What the encoder of `geometry_type` makes of the geometries that are not None, None for the others."""
    check_geometry_type(geometry_type)
    geoms = _as_array(geometries)
    result: list[_Encoded | None] = [None] * len(geoms)
    present = np.flatnonzero(~shapely.is_missing(geoms))
    if not len(present):
        return result
    _check_types(geoms, present, geometry_type)
    geoms = geoms[present]
    vertices = shapely.get_coordinates(geoms, include_z=has_z)
    _warn_non_finite(vertices, geoms, present, has_z)
    present_measures = measures[present] if has_m and measures is not None else None
    with gc_paused():
        encoded = encoders[geometry_type](geoms, vertices, has_z, has_m, present_measures)
        if len(present) == len(result):
            return list(encoded)
        for index, value in zip(present.tolist(), encoded):
            result[index] = value
    return result


def _as_array(geometries: NDArray[Any] | Sequence[Any]) -> NDArray[Any]:
    """The geometries as a 1-D object array (not copied when they are one: it is only read)."""
    if isinstance(geometries, np.ndarray) and geometries.dtype == object and geometries.ndim == 1:
        geoms = geometries
    else:
        geoms = np.empty(len(geometries), dtype=object)
        geoms[:] = list(geometries)
    bad = np.flatnonzero(~shapely.is_valid_input(geoms))
    if len(bad):
        raise GeometryError(f"Feature {bad[0]}: {type(geoms[bad[0]]).__name__} is not a shapely geometry.")
    return geoms


_ALLOWED_IDS = {POINT: {0}, MULTIPOINT: {0, 4}, POLYLINE: {1, 2, 5}, POLYGON: {3, 6}, ENVELOPE: set(range(8))}


def _check_types(geoms: NDArray[Any], present: NDArray[Any], geometry_type: str) -> None:
    ids = shapely.get_type_id(geoms[present])
    allowed = np.zeros(int(ids.max(initial=7)) + 1, dtype=bool)  # by shapely's type id (not -1: none is missing)
    allowed[list(_ALLOWED_IDS[geometry_type])] = True
    bad = ~allowed[ids]
    if bad.any():
        index = int(present[np.argmax(bad)])
        raise GeometryError(
            f"Feature {index}: a {geoms[index].geom_type} cannot be written as a {NAMES[geometry_type]} geometry."
        )


def _warn_non_finite(coords: NDArray[Any], geoms: NDArray[Any], present: NDArray[Any], has_z: bool) -> None:
    """A NaN or infinite x or y, or an infinite z, makes no vertex a server can use: said, not hidden.
    (`coords`: the vertices of `geoms`, the features `present`.)"""
    if np.isfinite(coords[:, :2].sum()) and not (has_z and np.isinf(coords[:, 2]).any()):
        return  # (a sum that overflows is checked vertex by vertex below)
    bad = ~np.isfinite(coords[:, :2]).all(axis=1)
    if has_z:
        bad |= np.isinf(coords[:, 2])
    if bad.any():
        index = np.repeat(np.arange(len(present)), shapely.get_num_coordinates(geoms))
        features = present[np.unique(index[bad])]
        warn(
            f"{len(features)} geometries have vertices with NaN or infinite coordinates (the first is feature "
            f"{features[0]}): servers reject such vertices or read them as missing."
        )


def _lists(coords: NDArray[Any]) -> list[Any]:
    """Coordinates as nested lists, NaN (null Z/M, empty points) as None."""
    missing = np.isnan(coords)
    if not missing.any():
        lists: list[Any] = coords.tolist()
        return lists
    values = coords.astype(object)
    values[missing] = None
    lists = values.tolist()
    return lists


def _split(values: list[Any], counts: NDArray[Any]) -> list[list[Any]]:
    ends = np.cumsum(counts).tolist()
    return [values[end - n : end] for n, end in zip(counts.tolist(), ends)]


def _with_m(vertices: NDArray[Any], geoms: NDArray[Any], has_m: bool, measures: NDArray[Any] | None) -> NDArray[Any]:
    """The vertices of the geometries (x, y[, z], from `shapely.get_coordinates`), with their M
    values as a last column when has_m."""
    return np.column_stack([vertices, flat(measures, geoms)]) if has_m else vertices


def _encode_points(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[dict[str, Any]]:
    rows, keys = _point_rows(geoms, vertices, has_z, has_m, measures)
    return [dict(zip(keys, row)) for row in _lists(rows)]


def _encode_multipoints(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[dict[str, Any]]:
    points = _split(_lists(_with_m(vertices, geoms, has_m, measures)), shapely.get_num_coordinates(geoms))
    return [{"points": p} for p in points]


def _nested_lists(coords: NDArray[Any], counts: NDArray[Any], groups: NDArray[Any]) -> list[list[Any]]:
    """For each geometry, the vertex lists of its parts (a layout: see `_layout`)."""
    return _split(_split(_lists(coords), counts), groups)


def _encode_polylines(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[dict[str, Any]]:
    return [{"paths": paths} for paths in _nested_lists(*_polyline_layout(geoms, vertices, has_m, measures))]


def _encode_polygons(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[dict[str, Any]]:
    return [{"rings": rings} for rings in _nested_lists(*_polygon_layout(geoms, vertices, has_m, measures))]


def _encode_envelopes(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[dict[str, Any]]:
    bounds = _lists(shapely.bounds(geoms))
    return [dict(zip(("xmin", "ymin", "xmax", "ymax"), row)) for row in bounds]


_ENCODERS: dict[str, Callable[[NDArray[Any], NDArray[Any], bool, bool, NDArray[Any] | None], list[dict[str, Any]]]] = {
    POINT: _encode_points,
    MULTIPOINT: _encode_multipoints,
    POLYLINE: _encode_polylines,
    POLYGON: _encode_polygons,
    ENVELOPE: _encode_envelopes,
}


# ----------------------------------------------------------------------------------------------
# shapely -> Esri JSON text (json_encode): the same values as the dicts above, and the same again as
# values for json_encode.document_bytes (coordinates as numpy views)


def _polyline_layout(
    geoms: NDArray[Any], vertices: NDArray[Any], has_m: bool, measures: NDArray[Any] | None
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any]]:
    """The paths of the geometries as a layout (see `_layout`)."""
    lines, owner = _parts(geoms, _MULTILINESTRING_ID)
    return _layout(geoms, vertices, has_m, measures, shapely.get_num_coordinates(lines), owner)


def _polygon_layout(
    geoms: NDArray[Any], vertices: NDArray[Any], has_m: bool, measures: NDArray[Any] | None
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any]]:
    """The rings of the geometries as a layout (see `_layout`), exteriors clockwise and holes
    counter-clockwise: the vertices of a ring that turns the other way are reversed (M values
    with them) in the array of all vertices; no geometry is built."""
    polygons, polygon_owner = _parts(geoms, _MULTIPOLYGON_ID)
    counts, ring_polygon = _ring_counts(polygons)
    coords, ring_counts, groups = _layout(geoms, vertices, has_m, measures, counts, polygon_owner[ring_polygon])
    exterior = np.ones(len(counts), dtype=bool)
    exterior[1:] = ring_polygon[1:] != ring_polygon[:-1]
    flip = (_doubled_areas(coords, counts) > 0) == exterior  # counter-clockwise exteriors, clockwise holes
    if flip.any():
        coords = _reversed(coords, counts, flip)
    return coords, ring_counts, groups


def _parts(geoms: NDArray[Any], multi_id: int) -> tuple[NDArray[Any], NDArray[Any]]:
    """The parts of the geometries (lines or polygons) and the geometry of each, in order. A single
    part is itself, not a copy as `shapely.get_parts` makes: copies cost more than the encoding."""
    multi = shapely.get_type_id(geoms) == multi_id
    if not multi.any():
        return geoms, np.arange(len(geoms))
    parts, part_owner = shapely.get_parts(geoms[multi], return_index=True)
    owner = np.concatenate([np.flatnonzero(~multi), np.flatnonzero(multi)[part_owner]])
    order = np.argsort(owner, kind="stable")
    return np.concatenate([geoms[~multi], parts])[order], owner[order]


def _ring_counts(polygons: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
    """The vertex count of each ring of the polygons (exterior first; an empty polygon has one
    ring of none) and the polygon of each. Rings are copied out of the polygons (what costs) only
    where needed: the first hole of polygons with holes (it usually has fewer vertices than the
    exterior: cheaper to copy), and all rings of those with several."""
    rings_per_polygon = shapely.get_num_interior_rings(polygons) + 1
    ring_polygon = np.repeat(np.arange(len(polygons)), rings_per_polygon)
    exteriors = np.cumsum(rings_per_polygon) - rings_per_polygon
    counts = np.empty(len(ring_polygon), dtype=np.int64)
    counts[exteriors] = shapely.get_num_coordinates(polygons)  # all of its rings: its exterior if it has no hole
    holed = np.flatnonzero(rings_per_polygon > 1)
    hole_counts = shapely.get_num_coordinates(shapely.get_interior_ring(polygons[holed], 0))
    counts[exteriors[holed] + 1] = hole_counts  # its hole, if it has one
    counts[exteriors[holed]] -= hole_counts
    several = rings_per_polygon > 2
    if several.any():
        counts[np.repeat(several, rings_per_polygon)] = shapely.get_num_coordinates(
            shapely.get_rings(polygons[several])
        )
    return counts, ring_polygon


def _layout(
    geoms: NDArray[Any],
    vertices: NDArray[Any],
    has_m: bool,
    measures: NDArray[Any] | None,
    counts: NDArray[Any],
    owner: NDArray[Any],
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any]]:
    """A layout of the geometries' vertices: all of them (columns x, y[, z][, m]), the vertex count
    of each part that has vertices, and how many of those parts each geometry has. The parts
    (`owner`: the geometry of each) have `counts` vertices, in that order."""
    coords = _with_m(vertices, geoms, has_m, measures)
    keep = counts > 0
    return coords, counts[keep], np.bincount(owner[keep], minlength=len(geoms))


_BLOCK = 1 << 18  # vertices: a block's temporary arrays (4 MB each) stay in the processor's cache


def _doubled_areas(coords: NDArray[Any], counts: NDArray[Any]) -> NDArray[Any]:
    """Twice the signed area of each closed ring of `counts` consecutive vertices (positive:
    counter-clockwise; 0 for a ring without area or vertices), by the shoelace formula with each
    ring's vertices taken relative to its first, so that large coordinates lose no precision.
    Computed in blocks of whole rings of about `_BLOCK` vertices: twice as fast for millions."""
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    cuts = np.searchsorted(offsets, np.arange(_BLOCK, offsets[-1], _BLOCK))
    bounds = np.unique(np.concatenate([[0], cuts, [len(counts)]])).tolist()
    areas = np.zeros(len(counts))
    for first, end in zip(bounds[:-1], bounds[1:]):
        areas[first:end] = _block_areas(coords[offsets[first] : offsets[end]], counts[first:end])
    return areas


def _block_areas(coords: NDArray[Any], counts: NDArray[Any]) -> NDArray[Any]:
    """`_doubled_areas` of rings whose vertices are all of `coords`."""
    if not len(coords):
        return np.zeros(len(counts))
    ends = np.cumsum(counts)
    starts = ends - counts
    filled = counts > 0
    relative = coords[:, :2] - np.repeat(coords[starts[filled], :2], counts[filled], axis=0)
    x, y = relative[:, 0], relative[:, 1]
    cross = np.zeros(len(coords))  # the edge from each vertex to the next (none from the last)
    np.multiply(x[:-1], y[1:], out=cross[:-1])
    cross[:-1] -= x[1:] * y[:-1]
    cross[ends[filled] - 1] = 0  # from a ring's last vertex to the next ring's first: no edge
    areas = np.add.reduceat(cross, np.minimum(starts, len(coords) - 1))
    areas[counts == 0] = 0
    return areas


def _reversed(coords: NDArray[Any], counts: NDArray[Any], flip: NDArray[Any]) -> NDArray[Any]:
    """The vertices (rows of `coords`, parts of `counts` consecutive vertices) with those of the
    parts where `flip` reversed in place."""
    ends = np.cumsum(counts)
    turned = np.flatnonzero(np.repeat(flip, counts))
    coords[turned] = coords[np.repeat((2 * ends - counts - 1)[flip], counts[flip]) - turned]
    return coords


def _point_rows(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> tuple[NDArray[Any], tuple[str, ...]]:
    """The coordinates of each point (NaN for an empty one) and their keys."""
    coords = _with_m(vertices, geoms, has_m, measures)
    rows = np.full((len(geoms), coords.shape[1]), np.nan)
    rows[shapely.get_num_coordinates(geoms) > 0] = coords  # empty points have none: they stay NaN (null)
    return rows, ("x", "y") + ("z",) * has_z + ("m",) * has_m


def _multipoint_texts(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[str]:
    coords = _with_m(vertices, geoms, has_m, measures)
    return [f'{{"points":{text}}}' for text in part_texts(coords, shapely.get_num_coordinates(geoms))]


def _polyline_texts(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[str]:
    return nested_texts("paths", *_polyline_layout(geoms, vertices, has_m, measures))


def _polygon_texts(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[str]:
    return nested_texts("rings", *_polygon_layout(geoms, vertices, has_m, measures))


def _dict_texts(
    encoder: Callable[[NDArray[Any], NDArray[Any], bool, bool, NDArray[Any] | None], list[dict[str, Any]]],
) -> Callable[[NDArray[Any], NDArray[Any], bool, bool, NDArray[Any] | None], list[str]]:
    """Points and envelopes (one vertex or box each): their dicts, dumped."""
    return lambda geoms, vertices, has_z, has_m, measures: [
        dumps(d) for d in encoder(geoms, vertices, has_z, has_m, measures)
    ]


_TEXT_ENCODERS: dict[str, Callable[[NDArray[Any], NDArray[Any], bool, bool, NDArray[Any] | None], list[str]]] = {
    POINT: _dict_texts(_encode_points),
    MULTIPOINT: _multipoint_texts,
    POLYLINE: _polyline_texts,
    POLYGON: _polygon_texts,
    ENVELOPE: _dict_texts(_encode_envelopes),
}


def _point_values(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[Any]:
    rows, keys = _point_rows(geoms, vertices, has_z, has_m, measures)
    dicts = [dict(zip(keys, row)) for row in _lists(rows)]
    return dicts if writes_as_repr(rows) else [fragment(dumps(d)) for d in dicts]


def _multipoint_values(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[Any]:
    coords = _with_m(vertices, geoms, has_m, measures)
    return [{"points": part} for part in part_values(coords, shapely.get_num_coordinates(geoms))]


def _polyline_values(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[Any]:
    return nested_values("paths", *_polyline_layout(geoms, vertices, has_m, measures))


def _polygon_values(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[Any]:
    return nested_values("rings", *_polygon_layout(geoms, vertices, has_m, measures))


def _envelope_values(
    geoms: NDArray[Any], vertices: NDArray[Any], has_z: bool, has_m: bool, measures: NDArray[Any] | None
) -> list[Any]:
    return [fragment(text) for text in _dict_texts(_encode_envelopes)(geoms, vertices, has_z, has_m, measures)]


_VALUE_ENCODERS: dict[str, Callable[[NDArray[Any], NDArray[Any], bool, bool, NDArray[Any] | None], list[Any]]] = {
    POINT: _point_values,
    MULTIPOINT: _multipoint_values,
    POLYLINE: _polyline_values,
    POLYGON: _polygon_values,
    ENVELOPE: _envelope_values,
}
