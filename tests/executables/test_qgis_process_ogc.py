"""qgis_process.bin runs OGC API - Processes processes from the installed zip, against pygeoapi
(tests/ogc_server): listed from the cached descriptions, features in and out (sent in WGS 84), a
GeoTIFF in and out, literals, and a failing process's message."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr

from harness import DOWN_URL, Profile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

gdal.UseExceptions()
KEY = "ogc"


def algorithm(process: str) -> str:
    return f"remotegp:{KEY}processes{process.replace('-', '')}"


@pytest.fixture(scope="module")
def ogc_profile(package: Path, ogc_server: str, tmp_path_factory: pytest.TempPathFactory) -> Profile:
    profile = Profile(tmp_path_factory.mktemp("qgis-profile-ogc"))
    profile.install(package)
    profile.configure(None)
    profile.connect_ogc(KEY, "Local OGC", ogc_server)
    profile.connect_ogc("ogcdown", "Down OGC", DOWN_URL, described_by=ogc_server)
    return profile


def test_the_processes_are_listed_from_the_cache(ogc_profile):
    listed = ogc_profile.qgis_process("list").stdout
    for process in ("buffer", "slope", "literals", "hello-world", "slow", "fail"):
        assert algorithm(process) in listed
        assert algorithm(process).replace(KEY, "ogcdown", 1) in listed  # from its cache: no server asked


def test_buffer_takes_a_shapefile_in_utm_and_writes_buffers_in_wgs84(ogc_profile, tmp_path):
    towers = demo_data.make_points(tmp_path / "towers.shp")
    output = tmp_path / "buffers.gpkg"
    ogc_profile.run_algorithm(algorithm("buffer"), features=towers, distance=0.0001, buffered=output)
    source = ogr.Open(str(output))
    layer = source.GetLayer()
    assert layer.GetFeatureCount() == len(demo_data.TOWERS)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "4326"
    utm, wgs84 = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(26915)
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs84 = osr.CoordinateTransformation(utm, wgs84)
    towers_at = {name: to_wgs84.TransformPoint(x, y)[:2] for name, x, y in demo_data.TOWERS}
    for feature in layer:
        centre = feature.GetGeometryRef().Centroid()
        assert (centre.GetX(), centre.GetY()) == pytest.approx(towers_at[feature.GetField("Name")], abs=1e-6)
        assert feature.GetGeometryRef().GetArea() == pytest.approx(math.pi * 0.0001**2, rel=0.05)


def test_slope_takes_a_geotiff_and_writes_the_slope(ogc_profile, tmp_path):
    dem = demo_data.make_dem(tmp_path / "dem.tif")
    target = tmp_path / "slope.tif"
    ogc_profile.run_algorithm(algorithm("slope"), dem=dem, slope=target)
    dataset = gdal.Open(str(target))
    values = dataset.GetRasterBand(1).ReadAsArray()
    row, column = 10, 20
    assert values[row, column] == pytest.approx(demo_data.expected_slope(row, column), abs=0.01)


def test_literals_are_sent_with_their_types(ogc_profile):
    results = ogc_profile.run_algorithm(
        algorithm("literals"), ratio=12.5, count=3, colour=2, flag="true", weights="1;2"
    )
    echoed = json.loads(results["echo"])
    assert (echoed["ratio"], echoed["count"], echoed["colour"], echoed["flag"], echoed["weights"]) == (
        12.5,
        3,
        "blue",
        True,
        [1, 2],
    )


def test_a_failing_process_ends_with_its_message(ogc_profile):
    ran = ogc_profile.qgis_process("run", algorithm("fail"), "--message=on purpose", check=False)
    assert ran.returncode != 0 and "always fails" in ran.stdout + ran.stderr
    assert "Traceback" not in ran.stdout + ran.stderr
