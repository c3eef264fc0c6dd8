"""Where a finished run's outputs go: one sorting of output values for a Processing run
(`results.Outputs`) and the job monitor's Load Results (`jobresults.ResultsTask`), so an output
becomes the same thing whichever loads it:

- features: a vector layer (in Processing, written to the sink the user chose, a new GeoPackage
  layer filled by GDAL: gpkg_writer; the GeoPackages the plugin names itself by `write_geopackage`);
- a raster file (a GP task's, or an OGC process's GeoTIFF): a raster layer, downloaded;
- another file: downloaded;
- a feature or image service: a layer QGIS reads from the service when QGIS can open it, else its
  address with a warning;
- a list holding any of these (a multivalue output): each of them;
- a map image: a warning (the server sent a picture of the output, not its data);
- anything else: a value (numbers and text as they are, units as text, the rest as JSON).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsMapLayer,
    QgsRasterLayer,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from ..gp_core import (
    ArealUnit,
    DataError,
    FeatureService,
    FeatureSet,
    ImageService,
    LinearUnit,
    MapImage,
    OutputRaster,
    RasterFile,
    RemoteFile,
    TimeUnit,
)
from .features import crs_for, fields_for, wkb_type_for
from .gpkg_writer import fill
from .i18n import tr

#: The data providers of the layers outputs become, and whether each gives a vector layer.
_VECTOR_PROVIDERS = {"ogr": True, "arcgisfeatureserver": True, "gdal": False, "arcgismapserver": False}


@dataclass(frozen=True)
class Output:
    """One output value's place among the run's: `name` for files, `label` for messages and layers."""

    name: str
    label: str

    def item(self, number: int) -> Output:
        """The `number`th value of a list output."""
        return Output(f"{self.name}_{number}", f"{self.label} {number}")


class Destination(Protocol):
    """What becomes of each kind of output value (see the module's docstring)."""

    def features(self, output: Output, features: FeatureSet) -> Any: ...

    def raster(self, output: Output, raster: RasterFile | OutputRaster) -> Any: ...

    def file(self, output: Output, remote: RemoteFile) -> Any: ...

    def service(self, output: Output, provider: str, uri: str) -> Any:
        """A layer of `provider` (a QGIS data provider) with source `uri`."""

    def many(self, output: Output, values: list) -> Any: ...

    def picture(self, output: Output) -> Any: ...

    def value(self, output: Output, value: Any) -> Any:
        """`value` is already as `plain` makes it."""


def place(value: Any, output: Output, destination: Destination) -> Any:
    """Hand one output value to the `destination` method for its kind; returns what that returns."""
    if isinstance(value, FeatureSet):
        return destination.features(output, value)
    if isinstance(value, (RasterFile, OutputRaster)):
        return destination.raster(output, value)
    if isinstance(value, RemoteFile):
        return destination.file(output, value)
    if isinstance(value, FeatureService):
        return destination.service(output, "arcgisfeatureserver", f"url='{value.url}'")
    if isinstance(value, ImageService):
        return destination.service(output, "arcgismapserver", f"url='{value.url}'")
    if isinstance(value, MapImage):
        return destination.picture(output)
    if isinstance(value, list) and any(
        isinstance(item, (FeatureSet, RemoteFile, FeatureService, ImageService)) for item in value
    ):
        return destination.many(output, value)
    return destination.value(output, plain(value))


def map_layer(provider: str, uri: str, name: str) -> QgsMapLayer:
    """The layer of an output (not yet valid when QGIS cannot open it)."""
    return (QgsVectorLayer if _VECTOR_PROVIDERS[provider] else QgsRasterLayer)(uri, name, provider)


def picture_only(output: Output) -> str:
    return tr("{label}: the server sent a picture of the output, not its data.").format(label=output.label)


def write_geopackage(features: FeatureSet, path: Path) -> str:
    """Write the features to a new GeoPackage, its layer named as the file (QGIS creates it, GDAL
    fills it: gpkg_writer), dates to the millisecond in UTC; returns its OGR source."""
    fields = fields_for(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = path.stem
    writer = QgsVectorFileWriter.create(
        str(path),
        fields,
        wkb_type_for(features),
        crs_for(features.spatial_reference),
        QgsCoordinateTransformContext(),
        options,
    )
    if writer.hasError() != QgsVectorFileWriter.NoError:
        raise DataError(f"{path} could not be written: {writer.errorMessage()}")
    del writer  # closes the new, empty layer: GDAL fills it
    source = f"{path}|layername={path.stem}"
    fill(source, features, fields)
    return source


def plain(value: Any) -> Any:
    """A scalar output as Processing results hold it: numbers and text as they are, units as text
    ("5 Feet"), anything else as its JSON."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (LinearUnit, ArealUnit, TimeUnit)):
        return str(value)
    return json.dumps(_json_ready(value))


def _json_ready(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_json_ready(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    return value
