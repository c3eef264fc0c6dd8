"""qgis_process.bin, QGIS's command line, lists and runs remote algorithms from the installed zip: an
asynchronous task on points, a synchronous one on polygons with holes, a raster task and a saved model."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr

from harness import CONNECTION_KEY, FromChild, FromInput, Step, algorithm_id, write_model
from layers import (
    DONUT,
    DONUT_AREA,
    HULL_AREA,
    SQUARE,
    SQUARE_AREA,
    polygons,
    read_layer,
    same_shape,
    total_area,
    write_layer,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

gdal.UseExceptions()
SUMMARIZE = algorithm_id("GP/SummarizeSync", "Summarize")


@pytest.fixture(scope="module")
def polygon_layer(tmp_path_factory) -> str:
    return polygons(tmp_path_factory.mktemp("polygons"))


def test_the_remote_algorithms_of_every_connection_are_listed(installed):
    listed = installed.qgis_process("list").stdout
    for task in (("GP/BufferByVal", "BufferPoints"), ("GP/SummarizeSync", "Summarize"), ("SlopeByVal", "RunSlope")):
        assert algorithm_id(*task) in listed
        assert algorithm_id(*task).replace(CONNECTION_KEY, "down", 1) in listed  # from its cache: no server asked


def test_an_asynchronous_task_buffers_points(installed, tmp_path):
    towers = demo_data.make_points(tmp_path / "towers.shp")
    output = tmp_path / "buffers.gpkg"
    installed.run_algorithm(
        algorithm_id("GP/BufferByVal", "BufferPoints"),
        Input_Features=towers,
        Distance=5,
        Distance_UNIT="Feet",
        Output_Polygons=output,
    )
    geometry_type, buffers = read_layer(output, key="Name")
    assert ogr.GT_Flatten(geometry_type) in (ogr.wkbPolygon, ogr.wkbMultiPolygon) and len(buffers) == 10
    radius = 5 * 1200 / 3937  # US survey feet
    for name, x, y in demo_data.TOWERS:
        assert buffers[name].Centroid().Distance(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})")) < 1e-6
        assert buffers[name].GetArea() == pytest.approx(math.pi * radius**2, rel=0.01)


def test_a_synchronous_task_summarizes_polygons_with_holes(installed, polygon_layer, tmp_path):
    results = installed.run_algorithm(SUMMARIZE, Input_Features=polygon_layer, Hull=tmp_path / "hull.gpkg")
    assert (results["Feature_Count"], results["Summary"]) == (2, "2 features, label=summary")
    assert results["Total_Area"] == pytest.approx(DONUT_AREA + SQUARE_AREA)
    _, hull = read_layer(tmp_path / "hull.gpkg")
    expected = ogr.CreateGeometryFromWkt(f"GEOMETRYCOLLECTION ({DONUT}, {SQUARE})").ConvexHull()
    assert len(hull) == 1 and same_shape(expected, next(iter(hull.values())))
    assert expected.GetArea() == HULL_AREA


def test_a_filtered_layer_sends_only_its_features(installed, polygon_layer, tmp_path):
    """qgis_process cannot select features (a project does not keep selections): a subset string is its
    way to send a part of a layer. Selections are tested in the desktop QGIS (test_desktop.py)."""
    results = installed.run_algorithm(
        SUMMARIZE,
        Input_Features=f"{polygon_layer}|subset=\"label\" = 'donut'",
        Include_Hull=False,
        Hull=tmp_path / "hull.gpkg",
    )
    assert (results["Feature_Count"], results["Total_Area"]) == (1, pytest.approx(DONUT_AREA))


def test_a_raster_task_returns_a_geotiff(installed, tmp_path):
    dem = demo_data.make_dem(tmp_path / "dem.tif")
    output = tmp_path / "slope.tif"
    installed.run_algorithm(algorithm_id("SlopeByVal", "RunSlope"), Input_DEM=dem, Output_Slope=output)
    slope = gdal.Open(str(output))
    assert (slope.RasterXSize, slope.RasterYSize) == (demo_data.COLUMNS, demo_data.ROWS)
    assert slope.GetGeoTransform() == gdal.Open(str(dem)).GetGeoTransform()
    values = slope.GetRasterBand(1).ReadAsArray()
    inner = [(row, column) for row in range(1, demo_data.ROWS - 1) for column in range(1, demo_data.COLUMNS - 1)]
    expected = np.array([demo_data.expected_slope(row, column) for row, column in inner])
    assert np.allclose([values[cell] for cell in inner], expected, atol=1e-3)


def test_a_saved_model_chains_native_algorithms_and_a_remote_task(installed, tmp_path):
    """Buffer -> Dissolve -> Summarize, saved as a .model3 and run by qgis_process."""
    squares = write_layer(
        tmp_path / "squares.gpkg",
        "squares",
        ogr.wkbPolygon,
        {
            "a": "POLYGON ((480000 4980000, 480010 4980000, 480010 4980010, 480000 4980010, 480000 4980000))",
            "b": "POLYGON ((480015 4980000, 480025 4980000, 480025 4980010, 480015 4980010, 480015 4980000))",
            "c": "POLYGON ((480100 4980100, 480110 4980100, 480110 4980110, 480100 4980110, 480100 4980100))",
        },
    )
    model = write_model(
        tmp_path / "summarize_buffers.model3",
        "Summarize buffers",
        ["squares"],
        [
            Step("buffer", "native:buffer", {"INPUT": FromInput("squares"), "DISTANCE": 3.0, "SEGMENTS": 8}),
            Step("dissolve", "native:dissolve", {"INPUT": FromChild("buffer", "OUTPUT")}, {"dissolved": "OUTPUT"}),
            Step("summarize", SUMMARIZE, {"Input_Features": FromChild("dissolve", "OUTPUT")}, {"hull": "Hull"}),
        ],
    )
    installed.run_algorithm(
        str(model),
        squares=squares,
        **{"dissolve:dissolved": tmp_path / "dissolved.gpkg", "summarize:hull": tmp_path / "hull.gpkg"},
    )
    _, dissolved = read_layer(tmp_path / "dissolved.gpkg")
    [union] = dissolved.values()
    assert union.GetGeometryCount() == 2  # a and b merged, c apart
    _, hull = read_layer(tmp_path / "hull.gpkg")
    assert len(hull) == 1 and same_shape(union.ConvexHull(), next(iter(hull.values())))
    assert total_area(tmp_path / "hull.gpkg") == pytest.approx(union.ConvexHull().GetArea())
