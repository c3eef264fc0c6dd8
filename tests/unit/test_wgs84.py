"""Feature sets in WGS 84 for GeoJSON (gp_core.wgs84): transformed by GDAL, compared with GDAL's own
transformation of the same points; heights kept; a feature set in WGS 84 already left as it is."""

from __future__ import annotations

import pytest
import shapely
from osgeo import osr

from remote_gp.gp_core import DataError, FeatureSet
from remote_gp.gp_core.spatialref import SpatialReference
from remote_gp.gp_core.wgs84 import in_wgs84

UTM_15N = SpatialReference(wkid=26915)


def gdal_wgs84(x: float, y: float) -> tuple[float, float]:
    utm, wgs84 = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(26915)
    wgs84.ImportFromEPSG(4326)
    for srs in (utm, wgs84):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(utm, wgs84).TransformPoint(x, y)[:2]


def test_features_in_utm_are_transformed_as_gdal_transforms_them():
    features = FeatureSet("esriGeometryPolyline", UTM_15N)
    features.set_features([shapely.LineString([(500000, 4980000), (501000, 4981000)])], [{"name": "a"}])
    moved = in_wgs84(features, "lines")
    assert moved.spatial_reference.epsg == 4326 and moved.attributes == [{"name": "a"}]
    assert features.spatial_reference.epsg == 26915  # the given feature set is left as it was
    coordinates = shapely.get_coordinates(moved.geometries[0])
    expected = [*gdal_wgs84(500000, 4980000), *gdal_wgs84(501000, 4981000)]
    assert coordinates.ravel().tolist() == pytest.approx(expected)


def test_heights_are_kept():
    features = FeatureSet("esriGeometryPoint", UTM_15N, has_z=True)
    features.set_features([shapely.Point(500000, 4980000, 312.5)])
    moved = in_wgs84(features, "points")
    x, y, z = shapely.get_coordinates(moved.geometries[0], include_z=True)[0]
    assert (x, y) == pytest.approx(gdal_wgs84(500000, 4980000)) and z == 312.5


@pytest.mark.parametrize("reference", [SpatialReference(wkid=4326), None])
def test_features_in_wgs84_or_without_reference_go_as_they_are(reference):
    features = FeatureSet("esriGeometryPoint", reference)
    features.set_features([shapely.Point(10, 20)])
    assert in_wgs84(features, "points") is features


def test_a_reference_gdal_does_not_know_is_refused_with_the_reason():
    features = FeatureSet("esriGeometryPoint", SpatialReference(wkt='PROJCS["made up",NOTHING]'))
    features.set_features([shapely.Point(10, 20)])
    with pytest.raises(DataError, match="points: GDAL does not know their coordinate system"):
        in_wgs84(features, "points")
