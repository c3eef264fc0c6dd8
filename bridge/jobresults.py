"""A recorded job's results into the project (the job monitor's Load Results).

A QgsTask asks the server for the job again and fetches every output with gp_core, into a new
folder of Processing's temporary folder (which QGIS clears on exit, as it does Processing's
temporary outputs): feature outputs are written there as one GeoPackage each — on the worker
thread, which a memory layer (a QObject of the main thread) would not allow — and rasters are
downloaded there; feature and image service outputs are layers read from the service, as in
Processing (see `placement`). Its `finished`, on the main thread, adds the layers to the project.
Outputs that are no layer come back as text in `notes`, with anything that went wrong.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from qgis.core import QgsProcessingUtils, QgsProject, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..gp_core import (
    FeatureSet,
    GPError,
    JobNotFound,
    OutputRaster,
    RasterFile,
    RemoteFile,
    ServerError,
    Severity,
    Task,
)
from .feedback import contained, status_name
from .i18n import tr
from .jobresume import job_for
from .jobstore import JobRecord
from .placement import Output, map_layer, picture_only, place, write_geopackage
from .source import Source


class ResultsTask(QgsTask):
    """Loads the outputs of a succeeded job (a placement Destination); `done` is emitted once the
    layers are in the project."""

    done = pyqtSignal()

    def __init__(self, record: JobRecord, task: Task, source: Source):
        super().__init__(tr("Loading the results of job {}").format(record.job_id), QgsTask.CanCancel)
        self.record = record
        self.notes: list[tuple[Severity, str]] = []
        """(severity, text): the outputs that are no layer, and the problems."""
        self.layer_ids: list[str] = []
        self._job = job_for(record, task, source)  # no request yet
        self.folder = Path(QgsProcessingUtils.tempFolder())
        """Where outputs are written: a new folder of its own once the task runs."""
        self._sources: list[tuple[str, str, str]] = []  # (provider, source, layer name)

    def run(self) -> bool:
        with contained(self._failed):
            self.folder = Path(tempfile.mkdtemp(prefix=f"{self.record.job_id}_", dir=self.folder))
            return self._fetch()
        return False

    def _failed(self, error: GPError, foreseen: bool) -> None:
        if isinstance(error, (JobNotFound, ServerError)):
            self.notes.append(
                (
                    Severity.ERROR,
                    tr(
                        "The server no longer keeps job {job} or its results (servers purge them after a "
                        "while): {error}"
                    ).format(job=self.record.job_id, error=error),
                )
            )
        else:
            self.notes.append((Severity.ERROR, str(error)))

    def finished(self, result: bool) -> None:
        """Add what was fetched, even when a later output failed."""
        for provider, source, name in self._sources:
            layer = map_layer(provider, source, name)
            if layer.isValid():
                QgsProject.instance().addMapLayer(layer)
                self.layer_ids.append(layer.id())
            else:
                self.notes.append(
                    (Severity.ERROR, tr("{output}: QGIS cannot open {source}.").format(output=name, source=source))
                )
        self.done.emit()

    def _fetch(self) -> bool:
        job = self._job
        job.refresh()
        if not job.succeeded:
            self.notes.append(
                (
                    Severity.ERROR,
                    tr("Job {job} is {status} on the server now: it has no results to load.").format(
                        job=job.id, status=status_name(job.status)
                    ),
                )
            )
            return False
        for parameter in job.task.outputs:
            if self.isCanceled():
                return False
            place(job.output(parameter.name), Output(parameter.name, f"{job.task.name}: {parameter.label}"), self)
        return True

    # -- placement: layers are made in `finished`, on the main thread ----------------------------------

    def features(self, output: Output, features: FeatureSet) -> None:
        source = write_geopackage(features, self.folder / f"{output.name}.gpkg")
        self._sources.append(("ogr", source, output.label))
        self.notes.append(
            (Severity.INFO, tr("{output}: {count} feature(s).").format(output=output.label, count=len(features)))
        )

    def raster(self, output: Output, raster: RasterFile | OutputRaster) -> None:
        self._sources.append(("gdal", str(raster.download(self.folder)), output.label))

    def file(self, output: Output, remote: RemoteFile) -> None:
        self.notes.append(
            (
                Severity.INFO,
                tr("{output}: saved as {path}").format(output=output.label, path=remote.download(self.folder)),
            )
        )

    def service(self, output: Output, provider: str, uri: str) -> None:
        self._sources.append((provider, uri, output.label))

    def many(self, output: Output, values: list) -> None:
        for number, value in enumerate(values, start=1):
            place(value, output.item(number), self)

    def picture(self, output: Output) -> None:
        self.notes.append((Severity.WARNING, picture_only(output)))

    def value(self, output: Output, value: Any) -> None:
        self.notes.append((Severity.INFO, f"{output.label}: {value}"))
