"""Task outputs into Processing, placed as `placement` sorts them: feature outputs written to their
sinks with their real CRS, rasters and files downloaded to their destinations, service outputs
loaded as layers, other outputs into the results; and a job's result map image loaded as an overlay
layer."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsRasterLayer,
)

from ..gp_core import (
    AnyJob,
    Execution,
    FeatureService,
    FeatureSet,
    ImageService,
    Job,
    Outcome,
    OutputRaster,
    RasterFile,
    RemoteFile,
    export_image,
    job_map_url,
    require_osgeo,
)
from .features import crs_for, fields_for, wkb_type_for, write_features
from .gpkg_writer import fill, is_geopackage
from .i18n import tr
from .placement import Output, map_layer, picture_only, place, plain, write_geopackage
from .source import Source

MAP_IMAGE_SIZE = (1600, 1200)


class Outputs:
    """Puts one finished run's outputs where the Processing parameters say (a placement Destination)."""

    def __init__(
        self,
        algorithm: QgsProcessingAlgorithm,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ):
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = context
        self.feedback = feedback

    def store(self, outcome: AnyJob | Execution | Outcome) -> dict[str, Any]:
        results: dict[str, Any] = {}
        for parameter in outcome.task.outputs:
            if self.feedback.isCanceled():
                break
            if not self.skipped(parameter.name):
                results[parameter.name] = place(
                    outcome.output(parameter.name), Output(parameter.name, parameter.label), self
                )
        return results

    def skipped(self, name: str) -> bool:
        """Whether the user skipped the output: a destination given as None or "" (`processing.run`'s
        `{name: None}`, `qgis_process`'s `--name=`). One left out takes its default, a temporary
        output (QGIS 3.22's dialog leaves out an output its user skips: it cannot be told apart)."""
        definition = self.algorithm.parameterDefinition(name)
        return (
            definition is not None
            and definition.isDestination()
            and name in self.parameters
            and self.parameters[name] in (None, "")
        )

    def features(self, output: Output, features: FeatureSet) -> str:
        crs = crs_for(features.spatial_reference)
        if features.geometry_type and not crs.isValid():
            self.feedback.pushWarning(
                tr(
                    "{label}: the server gave no coordinate reference system QGIS knows "
                    "({reference}); the layer has none."
                ).format(label=output.label, reference=features.spatial_reference or tr("none"))
            )
        fields = fields_for(features)
        sink, destination = self.algorithm.parameterAsSink(
            self.parameters, output.name, self.context, fields, wkb_type_for(features), crs
        )
        if sink is None:
            raise QgsProcessingException(self.algorithm.invalidSinkError(self.parameters, output.name))
        if is_geopackage(destination):  # a new layer: the outputs' sinks do not support appending
            del sink  # closes the new, empty layer: GDAL fills it (gpkg_writer)
            count = fill(destination, features, fields, self.feedback)
        else:
            count = write_features(features, sink, fields, self.feedback)
            del sink  # closes a file: QGIS has written it
        self.feedback.pushInfo(tr("{label}: {count} feature(s).").format(label=output.label, count=count))
        return destination

    def raster(self, output: Output, raster: RasterFile | OutputRaster) -> str:
        """A raster lands at its destination as a GeoTIFF, or converted to the format the user chose."""
        target = Path(self.algorithm.parameterAsOutputLayer(self.parameters, output.name, self.context))
        if target.suffix.lower() in (".tif", ".tiff"):
            return str(raster.download(target))
        with tempfile.TemporaryDirectory(prefix="remote_gp_") as folder:
            downloaded = raster.download(Path(folder) / raster.name)
            gdal = require_osgeo("Saving a raster output in another format than GeoTIFF")[0]
            if gdal.Translate(str(target), str(downloaded)) is None:
                raise QgsProcessingException(
                    tr("{label}: could not write {path}.").format(label=output.label, path=target)
                )
        return str(target)

    def file(self, output: Output, remote: RemoteFile) -> str:
        target = Path(self.algorithm.parameterAsFileOutput(self.parameters, output.name, self.context))
        suffix = Path(remote.name).suffix
        if suffix and target.suffix.lower() in ("", ".file"):
            target = target.with_suffix(suffix)  # a temporary destination takes the server file's type
        return str(remote.download(target))

    def service(self, output: Output, provider: str, uri: str) -> str:
        """A layer QGIS reads from a service (a feature or image service output), loaded when the run ends."""
        layer = map_layer(provider, uri, output.label)
        if not layer.isValid():
            self.feedback.pushWarning(
                tr("{label}: QGIS cannot open the service {url}.").format(label=output.label, url=layer.source())
            )
            return layer.source()
        return self.load(layer, output.label)

    def many(self, output: Output, values: list) -> Any:
        """A multivalue of files, rasters or features: each into the destination folder."""
        definition = self.algorithm.parameterDefinition(output.name)
        if definition is None or definition.isDestination() is False:
            return plain(values)
        folder = Path(self.algorithm.parameterAsString(self.parameters, output.name, self.context))
        folder.mkdir(parents=True, exist_ok=True)
        for number, value in enumerate(values, start=1):
            item = output.item(number)
            if isinstance(value, RemoteFile):
                value.download(folder)
            elif isinstance(value, FeatureSet):
                write_geopackage(value, folder / f"{item.name}.gpkg")
            elif isinstance(value, (FeatureService, ImageService)):
                place(value, item, self)
        return str(folder)

    def picture(self, output: Output) -> None:
        self.feedback.pushWarning(picture_only(output))

    def value(self, output: Output, value: Any) -> Any:
        return value

    def load(self, layer, name: str) -> str:
        self.context.temporaryLayerStore().addMapLayer(layer)
        self.context.addLayerToLoadOnCompletion(
            layer.id(), QgsProcessingContext.LayerDetails(name, self.context.project(), name)
        )
        return layer.id()

    def map_image(self, job: Job, source: Source) -> str | None:
        """The result map service's picture of the job, over the other layers. QGIS's ArcGIS map
        service provider reads `MapServer/jobs/<jobId>` itself (with the connection's authcfg);
        for a token gp_core got from a username and password, which that provider cannot send,
        a georeferenced image is drawn instead."""
        name = tr("{task} (map image)").format(task=job.task.display_name)
        if source.signs_in:
            return self.load(self.drawn_image(job), name)
        uri = f"url='{job_map_url(job)}' format='PNG32'"
        if source.connection.authcfg:
            uri += f" authcfg='{source.connection.authcfg}'"
        layer = QgsRasterLayer(uri, name, "arcgismapserver")
        return self.load(layer if layer.isValid() else self.drawn_image(job), name)

    def drawn_image(self, job: Job) -> QgsRasterLayer:
        content, box = export_image(job, *MAP_IMAGE_SIZE)
        path = Path(QgsProcessingUtils.tempFolder()) / f"{job.id}_map.png"
        path.write_bytes(content)
        width, height = MAP_IMAGE_SIZE
        dx, dy = (box.xmax - box.xmin) / width, (box.ymax - box.ymin) / height
        path.with_suffix(".pgw").write_text(f"{dx!r}\n0\n0\n{-dy!r}\n{box.xmin + dx / 2!r}\n{box.ymax - dy / 2!r}\n")
        layer = QgsRasterLayer(str(path), job.task.display_name, "gdal")
        layer.setCrs(crs_for(box.spatial_reference))
        return layer
