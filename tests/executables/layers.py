"""Input layers written, and output layers read, with OGR: an oracle the plugin does not share.

Geometries are in NAD83 / UTM zone 15N (EPSG:26915), the reference server's own reference, so no
input is transformed on its way.
"""

from __future__ import annotations

import math
from pathlib import Path

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

EPSG = 26915
LABEL = "label"
# A polygon with a hole (9 600 m²) and a square (2 500 m²); the convex hull of both is 21 250 m².
DONUT = (
    "POLYGON ((480000 4980000, 480100 4980000, 480100 4980100, 480000 4980100, 480000 4980000), "
    "(480020 4980020, 480020 4980040, 480040 4980040, 480040 4980020, 480020 4980020))"
)
SQUARE = "POLYGON ((480200 4980000, 480250 4980000, 480250 4980050, 480200 4980050, 480200 4980000))"
DONUT_AREA, SQUARE_AREA, HULL_AREA = 9600.0, 2500.0, 21250.0


def write_layer(
    path: Path,
    name: str,
    geometry_type: int,
    wkts: dict[str, str],
    epsg: int = EPSG,
    field: str = LABEL,
    fids: dict[str, int] | None = None,
) -> str:
    """A GeoPackage layer (created or added to) of ISO WKT geometries in EPSG:`epsg`, each with its
    label in `field` and, when `fids` gives one by label, that feature id; its QGIS source,
    `path|layername=name`."""
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(epsg)
    dataset = ogr.Open(str(path), 1) if path.exists() else ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, reference, geometry_type)
    layer.CreateField(ogr.FieldDefn(field, ogr.OFTString))
    for label, wkt in wkts.items():
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField(field, label)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        if fids and label in fids:
            feature.SetFID(fids[label])
        layer.CreateFeature(feature)
    dataset = None  # written
    return f"{path}|layername={name}"


def polygons(folder: Path) -> str:
    """The layer `polygons` of the donut and the square, labelled so."""
    return write_layer(folder / "polygons.gpkg", "polygons", ogr.wkbPolygon, {"donut": DONUT, "square": SQUARE})


def read_layer(source: Path | str, key: str = LABEL) -> tuple[int, dict[str, ogr.Geometry]]:
    """The geometry type of a layer (a file's first, or `path|layername=name`) and its geometries
    by the `key` field's value (by feature id in a layer without that field)."""
    path, _, name = str(source).partition("|layername=")
    dataset = ogr.Open(path)
    layer = dataset.GetLayerByName(name) if name else dataset.GetLayer(0)
    keyed = layer.GetLayerDefn().GetFieldIndex(key) >= 0
    geometries = {
        feature.GetField(key) if keyed else str(feature.GetFID()): feature.GetGeometryRef().Clone() for feature in layer
    }
    return layer.GetGeomType(), geometries


def total_area(path: Path) -> float:
    dataset = ogr.Open(str(path))
    return math.fsum(feature.GetGeometryRef().GetArea() for feature in dataset.GetLayer(0))


def same_shape(expected: ogr.Geometry, actual: ogr.Geometry) -> bool:
    """OGR's Equals (same type, same vertices: x, y and z exactly) of the two geometries normalised:
    ring orientation, first vertex and part order do not count. `expected` is first made the type of
    `actual` (a polygon a multipolygon of one part, say). M is not compared (see `measures`)."""
    return ogr.ForceTo(expected.Clone(), actual.GetGeometryType()).Normalize().Equals(actual.Normalize())


def measures(geometry: ogr.Geometry) -> dict[tuple[float, ...], float]:
    """The M value at each vertex position (x, y[, z]) of a measured geometry."""
    if geometry.GetGeometryCount() == 0:
        has_z = geometry.Is3D()
        return {
            (geometry.GetX(i), geometry.GetY(i), *([geometry.GetZ(i)] if has_z else [])): geometry.GetM(i)
            for i in range(geometry.GetPointCount())
        }
    return {
        position: m
        for i in range(geometry.GetGeometryCount())
        for position, m in measures(geometry.GetGeometryRef(i)).items()
    }
