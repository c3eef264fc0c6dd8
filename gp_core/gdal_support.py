"""Optional access to GDAL's Python bindings (`osgeo`): gp_core works without them.

GDAL's global exception mode is left as the host application set it: every call made
through here checks return values AND catches RuntimeError, so both modes work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from .errors import MissingDependency


def osgeo_modules() -> tuple[ModuleType, ModuleType, ModuleType] | None:
    """(gdal, ogr, osr), or None when GDAL's Python bindings are not installed."""
    try:
        from osgeo import gdal, ogr, osr
    except ImportError:
        return None
    return gdal, ogr, osr


def require_osgeo(what: str) -> tuple[ModuleType, ModuleType, ModuleType]:
    """(gdal, ogr, osr), or MissingDependency saying that `what` needs them."""
    modules = osgeo_modules()
    if modules is None:
        raise MissingDependency(
            f"{what} needs GDAL's Python bindings (the 'osgeo' package), which are not installed. "
            "Use a shapefile (.shp) or GeoJSON (.geojson) instead, or install GDAL for Python "
            "(QGIS includes it; otherwise e.g. 'apt install python3-gdal' or 'conda install gdal')."
        )
    return modules


@contextmanager
def quiet_gdal_errors() -> Iterator[None]:
    """Keep GDAL from printing errors to stderr; read them with last_gdal_error()."""
    modules = osgeo_modules()
    if modules is None:
        yield
        return
    gdal = modules[0]
    gdal.ErrorReset()
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()


def last_gdal_error() -> str:
    modules = osgeo_modules()
    return modules[0].GetLastErrorMsg() if modules else ""
