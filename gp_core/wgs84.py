"""Feature sets in WGS 84 longitude and latitude: GeoJSON's coordinates (RFC 7946), which OGC API -
Processes servers read features in. A feature set in another coordinate system is transformed by
GDAL (optional: without it, such a feature set is refused with the reason, never sent as if its
coordinates were degrees)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .errors import DataError
from .featureset import FeatureSet
from .gdal_support import quiet_gdal_errors, require_osgeo
from .spatialref import SpatialReference

if TYPE_CHECKING:
    from numpy.typing import NDArray

WGS84 = SpatialReference(wkid=4326)


def in_wgs84(features: FeatureSet, what: str) -> FeatureSet:
    """`features` itself when its coordinates are WGS 84's already (or it has no spatial reference,
    taken as WGS 84, or no geometry), else a copy transformed to WGS 84. `what` names the features
    in errors: MissingDependency without GDAL, DataError for a reference GDAL does not know or
    coordinates it cannot transform."""
    reference = features.spatial_reference
    if reference is None or reference.epsg == 4326 or not features.geometry_type:
        return features
    osr = require_osgeo(f"Sending {what} in {reference} as GeoJSON (which is in WGS 84)")[2]
    source = reference.to_osr()
    if source is None:
        raise DataError(f"{what}: GDAL does not know their coordinate system ({reference}): they cannot go in WGS 84.")
    target = osr.SpatialReference()
    target.ImportFromEPSG(4326)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(source, target)
    copy = features.empty_copy()
    copy.spatial_reference = WGS84
    geometries = shapely.transform(
        features.geometries, lambda coords: _transformed(transform, coords, what), include_z=features.has_z
    )
    copy.set_features(geometries, features.attributes, features.measures)
    return copy


def _transformed(transform: Any, coords: NDArray[Any], what: str) -> NDArray[Any]:
    """x and y transformed; z, when there is one, kept as it is (a height is not a position)."""
    if not len(coords):
        return coords
    with quiet_gdal_errors():
        try:
            points = np.asarray(transform.TransformPoints(coords[:, :2]), dtype=float)[:, :2]
        except RuntimeError as error:
            raise DataError(f"{what}: coordinates could not be transformed to WGS 84 ({error}).") from None
    if not np.isfinite(points).all():
        raise DataError(f"{what}: some coordinates lie outside what WGS 84 can express.")
    return np.column_stack([points, coords[:, 2:]])
