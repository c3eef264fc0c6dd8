"""M values beside shapely geometries.

GEOS has M only from 3.12 (QGIS on Debian 12 links 3.11, and reading WKB there drops M without a
word) and shapely has an M API only from 2.1. So that M values survive on every platform QGIS runs
on, gp_core never asks shapely to hold them: geometries are X Y [Z], and a FeatureSet with hasM keeps
one float array of M values per geometry beside it (None: no M), in the vertex order of
`shapely.get_coordinates`. NaN is a missing M (null in Esri JSON).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .errors import GeometryError
from .wkb import strip_m

if TYPE_CHECKING:
    from numpy.typing import NDArray

# Geometries can carry M themselves only with shapely >= 2.1 on GEOS >= 3.12.
NATIVE_M = hasattr(shapely, "has_m") and shapely.geos_version >= (3, 12, 0)


def split(m: NDArray[Any], counts: NDArray[Any]) -> NDArray[Any]:
    """Per-geometry M arrays from the M values of all vertices and each geometry's vertex count."""
    out = np.empty(len(counts), dtype=object)
    for index, part in enumerate(np.split(m, np.cumsum(counts)[:-1]) if len(counts) else []):
        out[index] = part
    return out


def flat(measures: NDArray[Any] | None, geometries: NDArray[Any]) -> NDArray[Any]:
    """The M values of all vertices of `geometries` in the order of `shapely.get_coordinates`: NaN
    where a geometry has none. GeometryError when a geometry's M values do not match its vertices."""
    counts = shapely.get_num_coordinates(geometries)
    if measures is None:
        return np.full(int(counts.sum()), np.nan)
    parts = []
    for index, (count, values) in enumerate(zip(counts.tolist(), measures)):
        if values is None:
            parts.append(np.full(count, np.nan))
        elif len(values) != count:
            raise GeometryError(f"Feature {index}: {len(values)} M values for a geometry of {count} vertices.")
        else:
            parts.append(np.asarray(values, dtype=float))
    return np.concatenate(parts) if parts else np.empty(0)


def native(geometries: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any] | None]:
    """Geometries as gp_core keeps them: those that carry M themselves (possible with shapely 2.1 on
    GEOS 3.12 or later) without it, and the M values of each (None when none had M)."""
    if not NATIVE_M or not len(geometries):
        return geometries, None
    with_m = np.flatnonzero(shapely.has_m(geometries))
    if not len(with_m):
        return geometries, None
    geometries = geometries.copy()
    measures = np.full(len(geometries), None, dtype=object)
    for index, wkb in zip(with_m.tolist(), shapely.to_wkb(geometries[with_m], flavor="iso", output_dimension=4)):
        plain, measures[index] = strip_m(wkb)
        geometries[index] = shapely.from_wkb(plain)
    return geometries, measures
