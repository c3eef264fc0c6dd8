"""Geometries between QGIS and shapely, through WKB.

QGIS gives (or takes) each feature's WKB; shapely reads (or writes) the whole list in one
vectorised call. Per feature, QGIS only does what the layer's type makes necessary: transform,
segmentize curves (at most one degree of arc per segment, as gp_core densifies Esri curves),
drop or add Z/M.

Parts follow gp_core's Esri JSON conventions, so a layer gives the geometries its Esri JSON
would give: a polyline or polygon of one part is single, a multipoint always a MultiPoint. Sinks
get multi types for polylines, polygons and multipoints (see features.wkb_type_for).
"""
from __future__ import annotations

import math
from functools import partial
from typing import Callable

import numpy as np
import shapely
from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsProcessingException, QgsWkbTypes
from shapely.errors import ShapelyError

from ..gp_core.geometry import MULTIPOINT, POINT
from .i18n import tr

Step = Callable[[QgsGeometry], QgsGeometry]

# shapely type id of a single geometry -> the function making it a one-part multi-geometry
_MAKE_MULTI = {0: shapely.multipoints, 1: shapely.multilinestrings, 2: shapely.multilinestrings,
               3: shapely.multipolygons}
_MULTI_POINT_ID, _MULTI_IDS = 4, (4, 5, 6)


# -- QGIS → shapely --------------------------------------------------------------------------------


def preparation(source_type: QgsWkbTypes.Type, transform: QgsCoordinateTransform | None,
                has_z: bool, has_m: bool) -> list[Step]:
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


def from_wkb(wkbs: list[bytes | None], ids: list[int], kind: str | None, label: str) -> np.ndarray:
    """Shapely geometries of the WKB (None stays None), empties as None, parts as gp_core reads
    them from Esri JSON for the Esri geometry type `kind`. QgsProcessingException naming the
    feature id for a geometry shapely cannot read, or a multipoint of several points for `kind`
    POINT."""
    data = _object_array(wkbs)
    geometries = shapely.from_wkb(data, on_invalid="ignore")
    unreadable = np.flatnonzero(shapely.is_missing(geometries) & np.not_equal(data, None))
    if len(unreadable):
        index = int(unreadable[0])
        raise QgsProcessingException(tr("Feature {id} of '{layer}' has a geometry that cannot be read ({problem}).")
                                     .format(id=ids[index], layer=label, problem=_wkb_problem(wkbs[index])))
    geometries[shapely.is_empty(geometries)] = None
    types = shapely.get_type_id(geometries)
    if kind == MULTIPOINT:
        single = types == 0
        geometries[single] = shapely.multipoints(geometries[single][:, np.newaxis])
        return geometries
    one_part = np.isin(types, _MULTI_IDS) & (shapely.get_num_geometries(geometries) == 1)
    geometries[one_part] = shapely.get_geometry(geometries[one_part], 0)
    several_points = np.flatnonzero((types == _MULTI_POINT_ID) & ~one_part)
    if kind == POINT and len(several_points):
        index = int(several_points[0])
        raise QgsProcessingException(tr("Feature {id} of '{layer}' is a multipoint of {count} points, but this input "
                                        "takes single points.").format(id=ids[index], layer=label,
                                                                       count=len(geometries[index].geoms)))
    return geometries


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


def for_sink(geometries: np.ndarray, target: QgsWkbTypes.Type, with_m: bool) -> tuple[list[bytes | None], list[Step]]:
    """The WKB of each geometry for a sink of type `target` (single parts made multi for a multi
    type, empties as None), and what each QgsGeometry read from it still needs to get the sink's
    Z and M (nothing, unless some geometries lack them or have them unwanted)."""
    geometries = geometries.copy()
    geometries[shapely.is_empty(geometries)] = None
    if QgsWkbTypes.isMultiType(target):
        types = shapely.get_type_id(geometries)
        for type_id, make_multi in _MAKE_MULTI.items():
            single = types == type_id
            geometries[single] = make_multi(geometries[single][:, np.newaxis])
    present = geometries[~shapely.is_missing(geometries)]
    fixes = []
    has_z, has_m = QgsWkbTypes.hasZ(target), QgsWkbTypes.hasM(target)
    if (shapely.has_z(present) != has_z).any():
        fixes.append(_with_z if has_z else _without_z)
    if (shapely.has_m(present) != has_m).any():
        fixes.append(_with_m if has_m else _without_m)
    # Four dimensions only for a feature set that declares M (`with_m`), not asked of GEOS: inside
    # QGIS, shapely may run on QGIS's own older GEOS (the executable loads it first), whose WKB
    # writer takes at most three and which does not know M.
    return shapely.to_wkb(geometries, flavor="iso", output_dimension=4 if with_m else 3).tolist(), fixes


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


def _with_m(geometry: QgsGeometry) -> QgsGeometry:
    geometry.get().addMValue(math.nan)
    return geometry
