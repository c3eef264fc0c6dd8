"""``slope``: the slope, in degrees, of a GeoTIFF elevation model given by value (base64) or by
reference (``{"href": URL}``, fetched by the server).

The result is a JSON object of the one output, ``{"slope": ...}``: by value a qualified value
(``{"value": <base64>, "encoding": "base64", "mediaType": ...}``), or, when the request's ``outputs``
ask ``{"slope": {"transmissionMode": "reference"}}``, a link (``{"href": ..., "type": ...}``) to the
GeoTIFF, served by the same server under /files. When they ask
``{"slope": {"format": {"mediaType": "image/tiff; application=geotiff"}}}`` (by value), the answer is the
GeoTIFF itself, as OGC API - Processes 1.0's ``raw`` response of one binary output is.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

import numpy
import rasterio
import requests
from pygeoapi.process.base import ProcessorExecuteError
from rasterio.io import MemoryFile
from rasterio.transform import from_origin

from .common import JOB_CONTROL, OUTPUT_TRANSMISSION, TestProcessor, required, wants_reference

GEOTIFF = "image/tiff; application=geotiff"
GEOTIFF_SCHEMA = {"type": "string", "contentEncoding": "base64", "contentMediaType": GEOTIFF}
FETCH_TIMEOUT_SECONDS = 30
SAMPLE_SIZE = 16
SAMPLE_CELL = 10.0  # metres
SAMPLE_CRS = "EPSG:32633"

PROCESS_METADATA = {
    "version": "1.0.0",
    "id": "slope",
    "title": "Slope",
    "description": "The slope of an elevation model, in degrees (cells in the units of its coordinates).",
    "jobControlOptions": JOB_CONTROL,
    "outputTransmission": OUTPUT_TRANSMISSION,
    "keywords": ["slope", "raster", "terrain"],
    "inputs": {
        "dem": {
            "title": "Elevation model",
            "description": "A single-band GeoTIFF of elevations, by value (base64) or by reference (href).",
            "schema": GEOTIFF_SCHEMA,
            "minOccurs": 1,
            "maxOccurs": 1,
        }
    },
    "outputs": {
        "slope": {
            "title": "Slope",
            "description": "The slope in degrees, a single-band float32 GeoTIFF.",
            "schema": GEOTIFF_SCHEMA,
        }
    },
}


class SlopeProcessor(TestProcessor):
    def __init__(self, processor_def: dict[str, Any]) -> None:
        super().__init__(processor_def, PROCESS_METADATA)

    def execute(self, data: dict[str, Any], outputs: dict[str, Any] | None = None) -> tuple[str, Any]:
        tiff = slope_geotiff(_dem_bytes(required(data, "dem", "an elevation model as a GeoTIFF")))
        if wants_reference(outputs, "slope"):
            href = self.serve(f"slope-{self.job_id}.tif", tiff)
            return "application/json", {"slope": {"href": href, "type": GEOTIFF, "rel": "related"}}
        if _wants_binary(outputs):
            return GEOTIFF, tiff
        value = base64.b64encode(tiff).decode("ascii")
        return "application/json", {"slope": {"value": value, "encoding": "base64", "mediaType": GEOTIFF}}


def _wants_binary(outputs: dict[str, Any] | None) -> bool:
    """Whether the request's ``outputs`` ask the slope's GeoTIFF media type (then the body is the file)."""
    requested = outputs.get("slope") if isinstance(outputs, dict) else None
    media_type = requested.get("format", {}).get("mediaType") if isinstance(requested, dict) else None
    return isinstance(media_type, str) and media_type.split(";")[0].strip() == "image/tiff"


def _dem_bytes(value: Any) -> bytes:
    """The GeoTIFF's bytes from a base64 string, a qualified value ``{"value": ...}`` or a link ``{"href": ...}``."""
    if isinstance(value, dict) and "href" in value:
        href = value["href"]
        try:
            response = requests.get(href, timeout=FETCH_TIMEOUT_SECONDS)
            response.raise_for_status()
        except requests.RequestException as error:
            raise ProcessorExecuteError(f"The elevation model could not be fetched from {href}: {error}") from error
        return response.content
    if isinstance(value, dict) and "value" in value:
        value = value["value"]
    if not isinstance(value, str):
        raise ProcessorExecuteError("The input 'dem' must be a base64 GeoTIFF or a link {\"href\": ...}.")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as error:
        raise ProcessorExecuteError(f"The input 'dem' is not valid base64: {error}") from error


def slope_geotiff(dem: bytes) -> bytes:
    """The slope in degrees of the first band of the GeoTIFF ``dem``, as a GeoTIFF on the same grid."""
    try:
        with MemoryFile(dem) as memory, memory.open() as source:
            elevation = source.read(1, masked=True).astype("float64").filled(numpy.nan)
            profile = source.profile
            cell_x, cell_y = abs(source.transform.a), abs(source.transform.e)
    except rasterio.RasterioIOError as error:
        raise ProcessorExecuteError(f"The input 'dem' is not a GeoTIFF: {error}") from error
    if min(elevation.shape) < 2:
        raise ProcessorExecuteError("The elevation model needs at least 2 x 2 cells for a slope.")
    rise_y, rise_x = numpy.gradient(elevation, cell_y, cell_x)
    slope = numpy.degrees(numpy.arctan(numpy.hypot(rise_x, rise_y))).astype("float32")
    profile.update(driver="GTiff", dtype="float32", count=1, nodata=numpy.nan, compress="deflate")
    with MemoryFile() as memory:
        with memory.open(**profile) as target:
            target.write(slope, 1)
        return memory.read()


def write_sample_dem(path: Path) -> None:
    """A small elevation model (an inclined plane, 1 m up per cell eastwards: 5.71 degrees of slope) served
    as /files/dem.tif, for inputs by reference."""
    columns = numpy.arange(SAMPLE_SIZE, dtype="float32")
    elevation = numpy.tile(columns * 1.0, (SAMPLE_SIZE, 1)) + 100.0
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=SAMPLE_SIZE,
        height=SAMPLE_SIZE,
        count=1,
        dtype="float32",
        crs=SAMPLE_CRS,
        transform=from_origin(500000.0, 4650000.0, SAMPLE_CELL, SAMPLE_CELL),
    ) as target:
        target.write(elevation, 1)
