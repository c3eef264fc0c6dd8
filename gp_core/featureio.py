"""Reading and writing feature files: the backend is chosen from the path.

- `.shp`: shapefile_io (pyshp, always available);
- `.geojson`, `.json`: geojson_io (a `.json` holding an Esri JSON feature set is read as one);
- `.gpkg`, `x.gpkg/layer`, `x.gdb/name`: ogr_io, which needs GDAL's Python bindings; any other
  existing dataset is read through GDAL too.
"""

from __future__ import annotations

from pathlib import Path

from . import geojson_io, ogr_io, shapefile_io
from .errors import DataError
from .featureset import FeatureSet

_GEOJSON = (".geojson", ".json")


def read(path: str | Path) -> FeatureSet:
    """The features of a file, with the file's own schema."""
    path = Path(path).expanduser()
    if ogr_io.is_container_path(path):
        return ogr_io.read(path)
    if path.suffix.lower() == ".shp":
        return shapefile_io.read(path)
    if path.suffix.lower() in _GEOJSON:
        return geojson_io.read(path)
    return ogr_io.read(path)


def write(fs: FeatureSet, path: str | Path) -> str:
    """Write the features to `path` (replacing a file or layer of that name); what was written."""
    path = Path(path).expanduser()
    if ogr_io.is_container_path(path):
        return ogr_io.write(fs, path)
    if path.suffix.lower() == ".shp":
        return shapefile_io.write(fs, path)
    if path.suffix.lower() in _GEOJSON:
        return geojson_io.write(fs, path)
    raise DataError(
        f"Cannot save features as '{path}': use a .shp, .geojson or .gpkg file, "
        "or a feature class in a file geodatabase (folder.gdb/name)."
    )
