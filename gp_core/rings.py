"""Polygon ring orientation with shapely 2.0's API, M values kept in step with their vertices.

Esri JSON wants exterior rings clockwise and holes counter-clockwise, GeoJSON the reverse.
`shapely.orient_polygons` exists only from shapely 2.1, and gp_core runs on 2.0 too (Ubuntu 24.04's
python3-shapely); rings are therefore reversed here with `shapely.reverse` and the polygons rebuilt
from them, only for the geometries that need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .errors import GeometryError

if TYPE_CHECKING:
    from numpy.typing import NDArray

_POLYGON_ID, _MULTIPOLYGON_ID = 3, 6


def orient(
    geometries: NDArray[Any], measures: NDArray[Any] | None, exterior_clockwise: bool
) -> tuple[NDArray[Any], NDArray[Any] | None]:
    """The geometries with every polygon's exterior ring clockwise (or counter-clockwise) and its holes
    the other way, and their M values (see measures.py) reversed with the rings they belong to.
    Other geometries and None are unchanged; so are the arrays when nothing needs turning."""
    types = shapely.get_type_id(geometries)
    subject = np.flatnonzero(np.isin(types, (_POLYGON_ID, _MULTIPOLYGON_ID)) & ~shapely.is_empty(geometries))
    if not len(subject):
        return geometries, measures
    polygons, polygon_owner = shapely.get_parts(geometries[subject], return_index=True)
    rings, ring_polygon = shapely.get_rings(polygons, return_index=True)
    exterior = np.ones(len(rings), dtype=bool)
    exterior[1:] = ring_polygon[1:] != ring_polygon[:-1]
    flip = shapely.is_ccw(rings) == (exterior == exterior_clockwise)
    if not flip.any():
        return geometries, measures
    ring_owner = polygon_owner[ring_polygon]
    touched = np.isin(ring_owner, np.unique(ring_owner[flip]))
    rings = rings.copy()
    rings[flip] = shapely.reverse(rings[flip])
    polygon_ids, polygon_of_ring = np.unique(ring_polygon[touched], return_inverse=True)
    rebuilt_polygons = shapely.polygons(rings[touched], indices=polygon_of_ring)
    owners = polygon_owner[polygon_ids]
    owner_ids, owner_of_polygon = np.unique(owners, return_inverse=True)
    rebuilt = shapely.multipolygons(rebuilt_polygons, indices=owner_of_polygon)
    single = types[subject[owner_ids]] == _POLYGON_ID
    rebuilt[single] = rebuilt_polygons[np.searchsorted(owners, owner_ids[single])]
    geometries = geometries.copy()
    geometries[subject[owner_ids]] = rebuilt
    if measures is not None:
        measures = _reversed_measures(measures, subject, ring_owner, shapely.get_num_coordinates(rings), flip)
    return geometries, measures


def _reversed_measures(
    measures: NDArray[Any], subject: NDArray[Any], ring_owner: NDArray[Any], counts: NDArray[Any], flip: NDArray[Any]
) -> NDArray[Any]:
    """The M arrays with the stretch of every flipped ring reversed (rings in vertex order)."""
    ends = np.cumsum(counts)
    starts = ends - counts
    first_ring = np.searchsorted(ring_owner, ring_owner)
    offsets = starts - starts[first_ring]  # where each ring starts in its geometry's vertices
    totals = np.bincount(ring_owner, weights=counts, minlength=len(subject)).astype(np.int64)
    measures = measures.copy()
    copied: set[int] = set()
    for ring in np.flatnonzero(flip).tolist():
        index = int(subject[ring_owner[ring]])
        values = measures[index]
        if values is None:
            continue
        if len(values) != totals[ring_owner[ring]]:
            raise GeometryError(
                f"Feature {index}: {len(values)} M values for a geometry of {totals[ring_owner[ring]]} vertices."
            )
        if index not in copied:
            values = measures[index] = np.array(values, dtype=float)
            copied.add(index)
        start, stop = offsets[ring], offsets[ring] + counts[ring]
        values[start:stop] = values[start:stop][::-1]
    return measures
