"""The seed's three scripts, run as separate Python processes against the reference server."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapefile
import shapely
from osgeo import gdal

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data
from run_demo import seed_script

gdal.UseExceptions()
FIVE_US_FEET = 5 * 1200 / 3937


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    inputs, outputs = tmp_path / "input", tmp_path / "output"
    outputs.mkdir()  # the seed writes into folders that exist (c:/base, c:/temp)
    demo_data.make_points(inputs / "towers.shp")
    demo_data.make_dem(inputs / "dem.tif")
    return inputs, outputs


#: The longest a seed script may run: it loops on result.status with no deadline of its own.
SEED_SECONDS = 120


def run_seed(name: str, root: str, places: tuple[Path, Path]) -> list[int]:
    """Run a seed script; returns the statuses it printed (the OGC workflow prints words too)."""
    try:
        finished = subprocess.run(
            [sys.executable, "-c", seed_script(name, root, *places)],
            capture_output=True,
            text=True,
            timeout=SEED_SECONDS,
        )
    except subprocess.TimeoutExpired as expired:
        pytest.fail(
            f"{name} has not ended after {SEED_SECONDS} s (its status loop never saw the job end); "
            f"it printed: {expired.stdout!r}"
        )
    assert finished.returncode == 0, finished.stderr
    return [int(word) for word in finished.stdout.split() if word.isdigit()]


def test_buffer_points_and_save_the_output(gp_server, places):
    run_seed("seed_buffer.py", gp_server, places)
    saved = places[1] / "towers_buffer.shp"
    with shapefile.Reader(str(saved)) as reader:
        shapes = [shapely.geometry.shape(s.__geo_interface__) for s in reader.shapes()]
        names = [record["Name"] for record in reader.records()]
    assert names == [name for name, _, _ in demo_data.TOWERS]
    for polygon, (_, x, y) in zip(shapes, demo_data.TOWERS):
        assert polygon.area == pytest.approx(math.pi * FIVE_US_FEET**2, rel=0.01)
        assert polygon.centroid.distance(shapely.Point(x, y)) < 1e-6
    assert "UTM_Zone_15N" in saved.with_suffix(".prj").read_text()


def test_slope_raster_comes_back_as_a_georeferenced_tiff(gp_server, places):
    statuses = run_seed("seed_slope.py", gp_server, places)
    assert statuses and set(statuses) <= {1, 2, 3}  # the loop saw the job queued or running
    tiffs = list((places[1] / "rasters").glob("*.tif"))
    assert len(tiffs) == 1
    slope, dem = gdal.Open(str(tiffs[0])), gdal.Open(str(places[0] / "dem.tif"))
    assert slope.GetGeoTransform() == pytest.approx(dem.GetGeoTransform())
    assert slope.GetSpatialRef().IsSame(dem.GetSpatialRef())
    band = slope.GetRasterBand(1)
    values = band.ReadAsArray()
    for row, column in [(5, 5), (25, 30), (40, 50), (10, 44)]:
        assert values[row, column] == pytest.approx(demo_data.expected_slope(row, column), abs=1e-3)
    assert np.all(values[0, :] == band.GetNoDataValue())


def test_map_image_of_the_result(gp_server, places):
    run_seed("seed_map_image.py", gp_server, places)
    image = gdal.Open(str(places[1] / "road_buffer.png"))
    assert image.GetDriver().ShortName == "PNG"
    assert (image.RasterXSize, image.RasterYSize) == (800, 600)
    alpha = image.GetRasterBand(image.RasterCount).ReadAsArray()
    drawn = np.count_nonzero(alpha)
    assert 0 < drawn < alpha.size / 4  # ten small buffers drawn on a transparent background


def test_the_ogc_workflow_buffers_the_towers_in_wgs84_and_computes_the_slope(ogc_server, places):
    """make demo's fourth workflow (ogc_workflow.py) with gp_core's OGC client against pygeoapi: the
    towers (UTM) go transformed to WGS 84, as GeoJSON carries them, and come back buffered there."""
    (places[1] / "rasters").mkdir()
    run_seed("ogc_workflow.py", ogc_server, places)
    saved = places[1] / "towers_buffer_ogc.shp"
    with shapefile.Reader(str(saved)) as reader:
        shapes = [shapely.geometry.shape(s.__geo_interface__) for s in reader.shapes()]
        names = [record["Name"] for record in reader.records()]
    assert names == [name for name, _, _ in demo_data.TOWERS]
    assert 'GEOGCS["GCS_WGS_1984"' in saved.with_suffix(".prj").read_text()
    from osgeo import osr

    utm, wgs84 = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(demo_data.EPSG)
    wgs84.ImportFromEPSG(4326)
    for srs in (utm, wgs84):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs84 = osr.CoordinateTransformation(utm, wgs84)
    for polygon, (_, x, y) in zip(shapes, demo_data.TOWERS):
        lon, lat, _ = to_wgs84.TransformPoint(x, y)
        assert polygon.centroid.distance(shapely.Point(lon, lat)) < 1e-9
        assert polygon.area == pytest.approx(math.pi * 0.0002**2, rel=0.01)
    dataset = gdal.Open(str(places[1] / "rasters" / "slope_ogc.tif"))  # kept: its band dies with it
    slope = dataset.GetRasterBand(1).ReadAsArray()
    for row, column in [(5, 5), (25, 30), (40, 50)]:
        assert slope[row, column] == pytest.approx(demo_data.expected_slope(row, column), abs=1e-3)
