"""Drawing features into a map image with GDAL: rasterize, colour, encode (PNG or JPEG).

Geometries are burnt into a class raster (background / fill / outline) with ``gdal.RasterizeLayer``
from an OGR memory layer; polygons get a fill and a darker outline, lines and points the outline
colour. The classes are then coloured for the requested format and encoded by GDAL's PNG or JPEG
driver through /vsimem/. The bbox maps exactly onto the image, whatever its aspect ratio.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, ogr, osr
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from .spatial_ref import Bounds, SpatialRef

gdal.UseExceptions()
ogr.UseExceptions()

BACKGROUND, FILL, OUTLINE = 0, 1, 2
# RGBA per class; the background's alpha depends on `transparent`.
COLOURS = {BACKGROUND: (255, 255, 255, 0), FILL: (255, 170, 0, 200), OUTLINE: (168, 84, 0, 255)}


@dataclass(frozen=True)
class ImageFormat:
    name: str
    extension: str
    content_type: str
    driver: str
    bands: int  # 1 = paletted (PNG8), 3 = RGB, 4 = RGBA


FORMATS = {
    "png": ImageFormat("png", "png", "image/png", "PNG", 1),
    "png8": ImageFormat("png8", "png", "image/png", "PNG", 1),
    "png24": ImageFormat("png24", "png", "image/png", "PNG", 3),
    "png32": ImageFormat("png32", "png", "image/png", "PNG", 4),
    "jpg": ImageFormat("jpg", "jpg", "image/jpeg", "JPEG", 3),
}


def draw(
    geometries: Sequence[BaseGeometry],
    spatial_ref: SpatialRef,
    bbox: Bounds,
    width: int,
    height: int,
    image_format: ImageFormat,
    transparent: bool,
) -> bytes:
    """The encoded image of the geometries, which are in the image's spatial reference already."""
    classes = _rasterize(geometries, spatial_ref.to_osr(), bbox, width, height)
    return _encode(classes, image_format, transparent and image_format.name != "jpg")


def _rasterize(
    geometries: Sequence[BaseGeometry], srs: osr.SpatialReference, bbox: Bounds, width: int, height: int
) -> np.ndarray:
    """Burn the classes. Raster and layers share the reference, so GDAL needs no transformer."""
    xmin, ymin, xmax, ymax = bbox
    target = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Byte)
    target.SetGeoTransform((xmin, (xmax - xmin) / width, 0.0, ymax, 0.0, -(ymax - ymin) / height))
    target.SetSpatialRef(srs)
    areas = [g for g in geometries if isinstance(g, (Polygon, MultiPolygon))]
    outlines = [g.boundary if isinstance(g, (Polygon, MultiPolygon)) else g for g in geometries]
    source = ogr.GetDriverByName("Memory").CreateDataSource("")
    gdal.RasterizeLayer(target, [1], _layer(source, "fill", srs, areas), burn_values=[FILL])
    gdal.RasterizeLayer(
        target, [1], _layer(source, "outline", srs, outlines), burn_values=[OUTLINE], options=["ALL_TOUCHED=TRUE"]
    )
    return target.GetRasterBand(1).ReadAsArray()


def _layer(
    source: ogr.DataSource, name: str, srs: osr.SpatialReference, geometries: Sequence[BaseGeometry]
) -> ogr.Layer:
    layer = source.CreateLayer(name, srs=srs, geom_type=ogr.wkbUnknown)
    for geometry in geometries:
        if geometry.is_empty:
            continue
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkb(geometry.wkb))
        layer.CreateFeature(feature)
    return layer


def _encode(classes: np.ndarray, image_format: ImageFormat, transparent: bool) -> bytes:
    colours = {k: (*rgb, 255 if k == BACKGROUND and not transparent else a) for k, (*rgb, a) in COLOURS.items()}
    height, width = classes.shape
    image = gdal.GetDriverByName("MEM").Create("", width, height, image_format.bands, gdal.GDT_Byte)
    if image_format.bands == 1:
        table = gdal.ColorTable()
        for index, colour in colours.items():
            table.SetColorEntry(index, colour)
        image.GetRasterBand(1).SetRasterColorTable(table)
        image.GetRasterBand(1).WriteArray(classes)
    else:
        lookup = np.array([colours[k] for k in sorted(colours)], dtype=np.uint8)
        for band in range(image_format.bands):
            image.GetRasterBand(band + 1).WriteArray(lookup[classes, band])
            if image_format.bands == 3 and transparent:
                # PNG24 transparency: GDAL writes the background colour as the tRNS colour.
                image.GetRasterBand(band + 1).SetNoDataValue(colours[BACKGROUND][band])
    path = f"/vsimem/gp_server_{uuid.uuid4().hex}.{image_format.extension}"
    try:
        gdal.GetDriverByName(image_format.driver).CreateCopy(path, image)
        return _read_vsimem(path)
    finally:
        gdal.Unlink(path)


def _read_vsimem(path: str) -> bytes:
    size = gdal.VSIStatL(path).size
    handle = gdal.VSIFOpenL(path, "rb")
    try:
        return bytes(gdal.VSIFReadL(1, size, handle))
    finally:
        gdal.VSIFCloseL(handle)
