"""One placement of outputs for Processing and the job monitor's Load Results: a service output is
a layer in both when QGIS can open it (the reference server's hosted feature service answers no
`returnIdsOnly` query, which QGIS's provider needs: an image service stands for the layer case),
else its address with a warning; a list of features is a GeoPackage each."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

from qgis_helpers import alg_id
from remote_gp.bridge.jobresults import ResultsTask
from remote_gp.bridge.jobstore import CONSOLE, JobRecord
from remote_gp.bridge.placement import Output, place
from remote_gp.bridge.results import Outputs
from remote_gp.bridge.source import Source
from remote_gp.gp_core import FeatureService, FeatureSet, Field, ImageService, JobStatus, Severity, submit
from remote_gp.gp_core.mapimage import job_map_url

TASK = ("GP/DataTypes", "EchoTypes")


class Warnings(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings: list[str] = []

    def pushWarning(self, warning: str) -> None:  # noqa: N802
        self.warnings.append(warning)


@pytest.fixture(scope="module")
def job_map(local, data: Path) -> ImageService:
    """The result map of a buffer job, which QGIS's ArcGIS map service provider opens."""
    server = Source.read(local).server()
    task = server.task("GP/BufferByVal", "BufferPoints")
    job = submit(server, task, {"Input_Features": str(data / "towers.shp"), "Distance": "5 meters"})
    job.wait()
    return ImageService(job_map_url(job))


@pytest.fixture
def down() -> FeatureService:
    return FeatureService("http://127.0.0.1:9/arcgis/rest/services/Hosted/Gone/FeatureServer/0")


def processing_outputs(local, feedback: QgsProcessingFeedback, parameters: dict | None = None) -> Outputs:
    algorithm = QgsApplication.processingRegistry().algorithmById(alg_id(local, *TASK))
    return Outputs(algorithm, parameters or {}, QgsProcessingContext(), feedback)


def results_task(local) -> ResultsTask:
    server = Source.read(local).server()
    task = server.task(*TASK)
    record = JobRecord(
        "j1", local.key, TASK[0], TASK[1], task.url, CONSOLE, time.time(), time.time(), JobStatus.SUCCEEDED
    )
    return ResultsTask(record, task, Source.read(local))


def test_an_image_service_output_is_a_layer_in_processing(plugin, local, job_map):
    outputs = processing_outputs(local, Warnings())
    layer_id = place(job_map, Output("out", "Buffers"), outputs)
    assert layer_id in outputs.context.layersToLoadOnCompletion()
    layer = outputs.context.temporaryLayerStore().mapLayer(layer_id)
    assert (layer.providerType(), layer.name(), layer.isValid()) == ("arcgismapserver", "Buffers", True)


def test_an_image_service_output_is_a_layer_in_the_job_monitor(plugin, local, job_map):
    loading = results_task(local)
    place(job_map, Output("out", "BufferPoints: Buffers"), loading)
    loading.finished(True)
    [layer] = [QgsProject.instance().mapLayer(key) for key in loading.layer_ids]
    try:
        assert (layer.providerType(), layer.name(), layer.isValid()) == (
            "arcgismapserver",
            "BufferPoints: Buffers",
            True,
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_a_feature_service_qgis_cannot_open_is_its_address_with_a_warning_in_both(plugin, local, down):
    feedback = Warnings()
    assert place(down, Output("out", "Gone"), processing_outputs(local, feedback)) == f"url='{down.url}'"
    assert feedback.warnings == [f"Gone: QGIS cannot open the service url='{down.url}'."]
    loading = results_task(local)
    place(down, Output("out", "Gone"), loading)
    loading.finished(True)
    assert loading.layer_ids == [] and loading.notes == [(Severity.ERROR, f"Gone: QGIS cannot open url='{down.url}'.")]


def test_a_list_of_features_is_a_geopackage_each_in_both(plugin, local, tmp_path: Path):
    table = FeatureSet(None, None, [Field("name")])
    table.set_features(None, [{"name": "a"}, {"name": "b"}])
    values = [table, table]
    folder = tmp_path / "many"
    outputs = processing_outputs(local, Warnings(), {"in_features_out": str(folder)})
    assert place(values, Output("in_features_out", "Features"), outputs) == str(folder)
    written = sorted(folder.iterdir())
    assert [path.name for path in written] == ["in_features_out_1.gpkg", "in_features_out_2.gpkg"]
    loading = results_task(local)
    loading.folder = tmp_path
    place(values, Output("in_features_out", "Features"), loading)
    assert sorted(path.name for path in tmp_path.glob("*.gpkg")) == ["in_features_out_1.gpkg", "in_features_out_2.gpkg"]
    for path in written + sorted(tmp_path.glob("*.gpkg")):
        layer = QgsVectorLayer(f"{path}|layername={path.stem}", path.stem, "ogr")
        assert [f["name"] for f in layer.getFeatures()] == ["a", "b"]
