"""A recorded job's results into the project (the job monitor's Load Results).

A QgsTask asks the server for the job again and fetches every output with gp_core, into a new
folder of Processing's temporary folder (which QGIS clears on exit, as it does Processing's
temporary outputs): feature outputs are written there as one GeoPackage each — on the worker
thread, which a memory layer (a QObject of the main thread) would not allow — and rasters are
downloaded there. Its `finished`, on the main thread, adds the layers to the project. Outputs that
are no layer come back as text in `notes`, with anything that went wrong.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsCoordinateTransformContext, QgsProcessingUtils, QgsProject, QgsRasterLayer, QgsTask, QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal

from ..gp_core import DataError, FeatureSet, GPError, MapImage, RasterFile, RemoteFile, ServerError, Task
from .features import crs_for, fields_for, wkb_type_for, write_features
from .gpkg_dates import restore_dates, whole_seconds
from .jobresume import job_for
from .jobstore import JobRecord
from .results import plain
from .i18n import status_name
from .source import Source

INFO, WARNING, ERROR = 0, 1, 2  # the severities of gp_core's messages


class ResultsTask(QgsTask):
    """Loads the outputs of a succeeded job; `done` is emitted once the layers are in the project."""

    done = pyqtSignal()

    def __init__(self, record: JobRecord, task: Task, source: Source):
        super().__init__(QCoreApplication.translate("RemoteGp", "Loading the results of job {}").format(
            record.job_id), QgsTask.CanCancel)
        self.record = record
        self.notes: list[tuple[int, str]] = []
        """(severity, text): the outputs that are no layer, and the problems."""
        self.layer_ids: list[str] = []
        self._job = job_for(record, task, source)  # no request yet
        self._folder = Path(QgsProcessingUtils.tempFolder())
        self._sources: list[tuple[str, str, str]] = []  # (provider, source, layer name)

    def run(self) -> bool:
        try:
            return self._fetch(Path(tempfile.mkdtemp(prefix=f"{self.record.job_id}_", dir=self._folder)))
        except ServerError as error:
            self.notes.append((ERROR, QCoreApplication.translate(
                "RemoteGp", "The server no longer keeps job {job} or its results (servers purge them after a "
                "while): {error}").format(job=self.record.job_id, error=error)))
        except Exception as error:  # noqa: BLE001 — an exception out of QgsTask.run ends QGIS itself
            self.notes.append((ERROR, str(error) if isinstance(error, GPError) else f"{type(error).__name__}: {error}"))
        return False

    def finished(self, result: bool) -> None:
        """Add what was fetched, even when a later output failed."""
        for provider, source, name in self._sources:
            layer = QgsVectorLayer(source, name, "ogr") if provider == "ogr" else QgsRasterLayer(source, name, "gdal")
            if layer.isValid():
                QgsProject.instance().addMapLayer(layer)
                self.layer_ids.append(layer.id())
            else:
                self.notes.append((ERROR, QCoreApplication.translate("RemoteGp", "{output}: QGIS cannot open {source}.")
                                   .format(output=name, source=source)))
        self.done.emit()

    def _fetch(self, folder: Path) -> bool:
        job = self._job
        job.refresh()
        if not job.succeeded:
            self.notes.append((ERROR, QCoreApplication.translate(
                "RemoteGp", "Job {job} is {status} on the server now: it has no results to load.").format(
                job=job.id, status=status_name(job.status))))
            return False
        for parameter in job.task.outputs:
            if self.isCanceled():
                return False
            self._keep(parameter.name, f"{job.task.name}: {parameter.label}", job.output(parameter.name), folder)
        return True

    def _keep(self, name: str, label: str, value: Any, folder: Path) -> None:
        if isinstance(value, FeatureSet):
            source = _geopackage(value, folder / f"{name}.gpkg")
            if not restore_dates(source, value, fields_for(value)):
                self.notes.append((WARNING, whole_seconds(label, source)))
            self._sources.append(("ogr", source, label))
            self.notes.append((INFO, QCoreApplication.translate("RemoteGp", "{output}: {count} feature(s).").format(
                output=label, count=len(value))))
        elif isinstance(value, RasterFile):
            self._sources.append(("gdal", str(value.download(folder)), label))
        elif isinstance(value, RemoteFile):
            self.notes.append((INFO, QCoreApplication.translate("RemoteGp", "{output}: saved as {path}").format(
                output=label, path=value.download(folder))))
        elif isinstance(value, MapImage):
            self.notes.append((WARNING, QCoreApplication.translate(
                "RemoteGp", "{output}: the server sent a picture of the output, not its data.").format(output=label)))
        elif isinstance(value, list) and any(isinstance(item, (FeatureSet, RemoteFile)) for item in value):
            for number, item in enumerate(value, start=1):
                self._keep(f"{name}_{number}", f"{label} {number}", item, folder)
        else:
            self.notes.append((INFO, f"{label}: {plain(value)}"))


def _geopackage(features: FeatureSet, path: Path) -> str:
    """Write the features to a new GeoPackage; returns its OGR source."""
    fields = fields_for(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = path.stem
    writer = QgsVectorFileWriter.create(str(path), fields, wkb_type_for(features), crs_for(features.spatial_reference),
                                        QgsCoordinateTransformContext(), options)
    if writer.hasError() != QgsVectorFileWriter.NoError:
        raise DataError(f"{path} could not be written: {writer.errorMessage()}")
    write_features(features, writer, fields)
    del writer  # closes the file
    return f"{path}|layername={path.stem}"
