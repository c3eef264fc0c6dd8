"""RunSlope: slope in degrees of a DEM by Horn's method (z-factor 1), written as a Float32 GeoTIFF.

Horn's method weighs the central differences of the three rows (columns) of a 3x3 window 1:2:1, so
cells on the raster's edge and cells with a nodata neighbour have no slope: they get NODATA.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import gdal

from .tool_errors import ToolError
from .toolrun import ToolContext
from .value_types import LocalFile, RasterFile

gdal.UseExceptions()

NODATA = -9999.0
OUTPUT_NAME = "slope.tif"


def run_slope(inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    dem_file: LocalFile = inputs["Input_DEM"]
    try:
        dem = gdal.Open(str(dem_file.path))
    except RuntimeError as exc:
        raise ToolError(
            f"ERROR 000732: Input DEM: Dataset {dem_file.source} does not exist or is not supported ({exc})"
        ) from exc
    srs = dem.GetSpatialRef()
    if srs is None:
        raise ToolError(
            "ERROR 000732: Input DEM: the raster has no spatial reference; slope needs a projected coordinate system"
        )
    if srs.IsGeographic():
        raise ToolError(
            f"ERROR 000732: Input DEM: the raster is in a geographic coordinate system "
            f"({srs.GetName()}, degrees); slope needs a projected coordinate system"
        )
    if dem.RasterCount != 1:
        ctx.warning(f"Input DEM has {dem.RasterCount} bands: the first one is used")
    geotransform = dem.GetGeoTransform()
    cell_x = math.hypot(geotransform[1], geotransform[4])
    cell_y = math.hypot(geotransform[2], geotransform[5])
    band = dem.GetRasterBand(1)
    ctx.info(
        f"Input DEM: {dem.RasterXSize} x {dem.RasterYSize} cells of {cell_x:g} x {cell_y:g} "
        f"{srs.GetLinearUnitsName()}, {srs.GetName()}"
    )
    ctx.check_cancelled()
    slope = horn_slope(band.ReadAsArray().astype(np.float64), band.GetNoDataValue(), cell_x, cell_y)
    ctx.check_cancelled()
    output = _write(ctx.scratch() / OUTPUT_NAME, slope, geotransform, dem.GetProjection())
    ctx.info(f"Slope written: {OUTPUT_NAME}")
    return {"Output_Slope": RasterFile(output)}


def horn_slope(z: np.ndarray, nodata: float | None, cell_x: float, cell_y: float) -> np.ndarray:
    """Slope in degrees; NODATA on edges and next to nodata cells."""
    valid = np.isfinite(z)
    if nodata is not None:
        valid &= z != nodata
    rows, cols = z.shape
    slope = np.full((rows, cols), NODATA, dtype=np.float32)
    if rows < 3 or cols < 3:
        return slope

    def window(dr: int, dc: int) -> np.ndarray:
        """The neighbour at row offset dr, column offset dc of every interior cell."""
        return z[1 + dr : rows - 1 + dr, 1 + dc : cols - 1 + dc]

    def window_valid(dr: int, dc: int) -> np.ndarray:
        return valid[1 + dr : rows - 1 + dr, 1 + dc : cols - 1 + dc]

    a, b, c = window(-1, -1), window(-1, 0), window(-1, 1)
    d, f = window(0, -1), window(0, 1)
    g, h, i = window(1, -1), window(1, 0), window(1, 1)
    with np.errstate(invalid="ignore"):
        dz_dx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * cell_x)
        dz_dy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8 * cell_y)
        degrees = np.degrees(np.arctan(np.hypot(dz_dx, dz_dy)))
    all_valid = np.logical_and.reduce([window_valid(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)])
    slope[1:-1, 1:-1] = np.where(all_valid, degrees, NODATA)
    return slope


def _write(path: Path, slope: np.ndarray, geotransform: tuple[float, ...], projection: str) -> Path:
    rows, cols = slope.shape
    out = gdal.GetDriverByName("GTiff").Create(str(path), cols, rows, 1, gdal.GDT_Float32)
    out.SetGeoTransform(geotransform)
    out.SetProjection(projection)
    band = out.GetRasterBand(1)
    band.SetNoDataValue(NODATA)
    band.WriteArray(slope)
    out.FlushCache()
    out = None  # closes the file
    return path
