"""Geometries between QGIS and shapely, through WKB.

QGIS gives (or takes) each feature's WKB; shapely reads (or writes) the whole list in one
vectorised call. Per feature, QGIS only does what the layer's type makes necessary: transform,
segmentize curves (at most one degree of arc per segment, as gp_core densifies Esri curves),
drop or add Z/M.

M values travel beside the shapely geometries (gp_core's measures.py: GEOS before 3.12, which QGIS
links on Debian 12, has no M): they are taken out of QGIS's WKB and put back into it with gp_core's
wkb module, never given to GEOS.

Parts follow gp_core's Esri JSON conventions, so a layer gives the geometries its Esri JSON
would give: a polyline or polygon of one part is single, a multipoint always a MultiPoint. Sinks
get multi types for polylines, polygons and multipoints (see features.wkb_type_for).
"""

from __future__ import annotations

import math
import struct
from functools import partial
from typing import Callable

import numpy as np
import shapely
from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsWkbTypes
from shapely.errors import ShapelyError

from ..gp_core import MULTIPOINT, POINT, GeometryError, wkb
from .i18n import tr

Step = Callable[[QgsGeometry], QgsGeometry]

_SINGLE_IDS = (0, 1, 2, 3)  # shapely type ids of Point, LineString, LinearRing, Polygon
_MULTI_POINT_ID, _MULTI_IDS = 4, (4, 5, 6)


# -- QGIS → shapely --------------------------------------------------------------------------------


def preparation(
    source_type: QgsWkbTypes.Type, transform: QgsCoordinateTransform | None, has_z: bool, has_m: bool
) -> list[Step]:
    """What each geometry of a layer of `source_type` needs before its WKB is taken.
    A failed transformation raises QgsCsException."""
    steps: list[Step] = []
    if transform is not None:
        steps.append(partial(_transformed, transform))
    if QgsWkbTypes.isCurvedType(source_type) or QgsWkbTypes.flatType(source_type) == QgsWkbTypes.Unknown:
        steps.append(_linear)
    if QgsWkbTypes.hasZ(source_type) and not has_z:
        steps.append(_without_z)
    if QgsWkbTypes.hasM(source_type) and not has_m:
        steps.append(_without_m)
    return steps


def from_wkb(
    wkbs: list[bytes | None], ids: list[int], kind: str | None, label: str
) -> tuple[np.ndarray, np.ndarray | None]:
    """Shapely geometries of the WKB (None stays None), empties as None, parts as gp_core reads
    them from Esri JSON for the Esri geometry type `kind`, and their M values (None without M).
    GeometryError naming the feature id for a geometry that cannot be read, or a
    multipoint of several points for `kind` POINT."""
    try:
        geometries, measures = wkb.from_wkb(wkbs, on_invalid="ignore")
    except GeometryError as error:
        assert error.feature is not None
        raise GeometryError(_unreadable(ids[error.feature], label, str(error.__cause__)), error.feature) from None
    unreadable = np.flatnonzero(shapely.is_missing(geometries) & np.not_equal(_object_array(wkbs), None))  # type: ignore[call-overload]  # object array
    if len(unreadable):
        index = int(unreadable[0])
        problem = _wkb_problem(wkbs[index])  # type: ignore[arg-type]  # None reads as None, never as missing
        raise GeometryError(_unreadable(ids[index], label, problem), index)
    geometries[shapely.is_empty(geometries)] = None
    types = shapely.get_type_id(geometries)
    if kind == MULTIPOINT:
        single = types == 0
        geometries[single] = shapely.multipoints(geometries[single][:, np.newaxis])
        return geometries, measures
    one_part = np.isin(types, _MULTI_IDS) & (shapely.get_num_geometries(geometries) == 1)
    geometries[one_part] = shapely.get_geometry(geometries[one_part], 0)
    several_points = np.flatnonzero((types == _MULTI_POINT_ID) & ~one_part)
    if kind == POINT and len(several_points):
        index = int(several_points[0])
        raise GeometryError(
            tr(
                "Feature {id} of '{layer}' is a multipoint of {count} points, but this input takes single points."
            ).format(id=ids[index], layer=label, count=len(geometries[index].geoms)),
            index,
        )
    return geometries, measures


def _unreadable(feature_id: int, label: str, problem: str) -> str:
    return tr("Feature {id} of '{layer}' has a geometry that cannot be read ({problem}).").format(
        id=feature_id, layer=label, problem=problem
    )


def _transformed(transform: QgsCoordinateTransform, geometry: QgsGeometry) -> QgsGeometry:
    geometry.transform(transform)
    return geometry


def _linear(geometry: QgsGeometry) -> QgsGeometry:
    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        return QgsGeometry(geometry.constGet().segmentize())
    return geometry


def _wkb_problem(wkb: bytes) -> str:
    try:
        shapely.from_wkb(wkb)
    except (ShapelyError, ValueError) as error:
        return str(error)
    return "unknown reason"


def _object_array(values: list) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


# -- shapely → QGIS --------------------------------------------------------------------------------


def for_sink(
    geometries: np.ndarray, measures: np.ndarray | None, target: QgsWkbTypes.Type
) -> tuple[list[bytes | None], list[Step]]:
    """The WKB of each geometry for a sink of type `target` (single parts made multi for a multi
    type, empties as None; with M from `measures` when the sink has M), and what each QgsGeometry
    read from it still needs to get the sink's Z (nothing, unless some geometries lack Z or have it
    unwanted)."""
    geometries = geometries.copy()
    geometries[shapely.is_empty(geometries)] = None
    present = geometries[~shapely.is_missing(geometries)]
    fixes: list[Step] = []
    has_z = QgsWkbTypes.hasZ(target)
    if (shapely.has_z(present) != has_z).any():
        fixes.append(_with_z if has_z else _without_z)
    with_m = QgsWkbTypes.hasM(target)
    if with_m and measures is None:
        measures = np.full(len(geometries), None, dtype=object)
    wkbs = wkb.to_wkb(geometries, measures if with_m else None)
    if QgsWkbTypes.isMultiType(target):
        for index in np.flatnonzero(np.isin(shapely.get_type_id(geometries), _SINGLE_IDS)).tolist():
            wkbs[index] = _one_part_multi(wkbs[index])
    return wkbs, fixes


def _one_part_multi(single: bytes) -> bytes:
    """The ISO WKB of the multi-geometry of one part `single` (Point → MultiPoint, LineString →
    MultiLineString, Polygon → MultiPolygon; Z and M kept): a header before the part's own WKB,
    which is much faster than shapely making multi-geometries to write them."""
    order = "<" if single[0] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", single, 1)
    return single[:1] + struct.pack(order + "II", kind + 3, 1) + single


def _without_z(geometry: QgsGeometry) -> QgsGeometry:
    geometry.get().dropZValue()
    return geometry


def _without_m(geometry: QgsGeometry) -> QgsGeometry:
    geometry.get().dropMValue()
    return geometry


def _with_z(geometry: QgsGeometry) -> QgsGeometry:
    """NaN Z where there is none (a null Z for gp_core); a geometry with Z is unchanged."""
    geometry.get().addZValue(math.nan)
    return geometry
