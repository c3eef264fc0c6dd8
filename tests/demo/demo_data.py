"""Small input data for the demo and the end-to-end tests, made on the spot.

Points ("towers") and a DEM in EPSG:26915 (NAD83 / UTM 15N, metres). The DEM is the quadratic
z = BASE + A*dx² + B*dy² around CENTRE, whose slope is known exactly at every cell:
central differences of a quadratic are exact, so Horn's method gives atan(hypot(2A*dx, 2B*dy)).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import shapefile
from osgeo import gdal, osr

EPSG = 26915
CENTRE = (500_300.0, 4_980_250.0)
CELL = 10.0
COLUMNS, ROWS = 60, 50
BASE, A, B = 200.0, 0.0005, 0.001
TOWERS = [(f"Tower {n + 1}", CENTRE[0] - 90 + 40 * (n % 5), CENTRE[1] - 30 + 40 * (n // 5)) for n in range(10)]

gdal.UseExceptions()


def esri_wkt(epsg: int = EPSG) -> str:
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(epsg)
    reference.MorphToESRI()
    return reference.ExportToWkt()


def make_points(path: Path) -> Path:
    """The towers as a point shapefile with a .prj."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with shapefile.Writer(str(path), shapeType=shapefile.POINT) as writer:
        writer.field("Name", "C", size=50)
        for name, x, y in TOWERS:
            writer.point(x, y)
            writer.record(name)
    path.with_suffix(".prj").write_text(esri_wkt())
    return path


def dem_origin() -> tuple[float, float]:
    """Top-left corner, chosen so that CENTRE is the corner shared by the four middle cells."""
    return CENTRE[0] - CELL * COLUMNS / 2, CENTRE[1] + CELL * ROWS / 2


def cell_centre(row: int, column: int) -> tuple[float, float]:
    left, top = dem_origin()
    return left + CELL * (column + 0.5), top - CELL * (row + 0.5)


def expected_slope(row: int, column: int) -> float:
    """Slope in degrees at a cell centre."""
    x, y = cell_centre(row, column)
    dx, dy = x - CENTRE[0], y - CENTRE[1]
    return math.degrees(math.atan(math.hypot(2 * A * dx, 2 * B * dy)))


def make_dem(path: Path) -> Path:
    """The quadratic DEM as a Float32 GeoTIFF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows, columns = np.mgrid[0:ROWS, 0:COLUMNS]
    left, top = dem_origin()
    dx = left + CELL * (columns + 0.5) - CENTRE[0]
    dy = top - CELL * (rows + 0.5) - CENTRE[1]
    heights = (BASE + A * dx**2 + B * dy**2).astype("float32")
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), COLUMNS, ROWS, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((left, CELL, 0.0, top, 0.0, -CELL))
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(EPSG)
    dataset.SetProjection(reference.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(heights)
    dataset = None
    return path
