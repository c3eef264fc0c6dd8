"""remotegp:fanout in real QGIS against the reference server: one job per group of features or per
layer, all in flight at once (the server's order of events proves it, whatever the timing), merged or
kept-apart outputs, a failing group, a cancel, and the refusals."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsBrowserGuiModel
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from gp_server.hooks import job_order, job_requests
from qgis_helpers import alg_id
from remote_gp.bridge.jobstore import jobs

BUFFER = ("GP/BufferByVal", "BufferPoints")
FANOUT = "remotegp:fanout"
DISTRICTS = ("north", "south", "east", "west", "centre", "harbour")


class Recorder(QgsProcessingFeedback):
    """A real feedback that keeps its infos and errors, and cancels once `cancel_after` jobs have
    said they are executing."""

    def __init__(self, cancel_after: int = 0):
        super().__init__()
        self.infos: list[str] = []
        self.errors: list[str] = []
        self._cancel_after = cancel_after

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)
        executing = sum(text.endswith(": Executing...") for text in self.infos)
        if self._cancel_after and executing >= self._cancel_after:
            self.cancel()

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)


def towers(name: str, rows: list[tuple[str, str, bool]]) -> QgsVectorLayer:
    """Points in EPSG:26915 with fields Name and district; rows are (Name, district, has a geometry)."""
    layer = QgsVectorLayer("Point?crs=EPSG:26915", name, "memory")
    layer.dataProvider().addAttributes([QgsField("Name", QVariant.String), QgsField("district", QVariant.String)])
    layer.updateFields()
    features = []
    for number, (tower, district, located) in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([tower, district])
        if located:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500000 + 100 * number, 4980000)))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def fan_out(local, feedback: QgsProcessingFeedback | None = None, **parameters) -> dict:
    import processing

    return processing.run(
        FANOUT,
        {"ALGORITHM": alg_id(local, *BUFFER), "PARAMETERS": json.dumps({"Distance": 5}), **parameters},
        feedback=feedback,
    )


def job_urls(gp_server: str, ids: str) -> list[str]:
    task = f"{gp_server}/rest/services/GP/BufferByVal/GPServer/BufferPoints"
    return [f"{task}/jobs/{job_id}" for job_id in ids.split(",")]


def features(path: Path) -> set[tuple]:
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    names = layer.fields().names()
    return {tuple(f[name] for name in ("Name", "GROUP_NAME") if name in names) for f in layer.getFeatures()}


def test_a_group_per_field_value_makes_a_job_each_all_in_flight_together_merged(local, gp_server, tmp_path):
    rows = [(f"t{n}", DISTRICTS[n % 6], True) for n in range(12)]
    outcome = fan_out(local, INPUT=[towers("towers", rows)], GROUP_BY="district", OUTPUT=str(tmp_path))
    assert (outcome["SUCCEEDED"], outcome["FAILED"]) == (6, 0)
    orders = [job_order(url) for url in job_urls(gp_server, outcome["JOB_IDS"])]
    # every job was submitted before the server showed any of them ended: all six were in flight at once
    assert len(orders) == 6 and max(submitted for submitted, _ in orders) < min(ended for _, ended in orders)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Output_Polygons.gpkg"]
    assert features(tmp_path / "Output_Polygons.gpkg") == set(rows_as(rows))
    records = [jobs().get(job_id) for job_id in outcome["JOB_IDS"].split(",")]  # the job monitor lists them
    assert {(r.status, r.origin, r.connection) for r in records} == {("esriJobSucceeded", "processing", local.key)}


def rows_as(rows: list[tuple[str, str, bool]]) -> list[tuple[str, str]]:
    return [(tower, district) for tower, district, _ in rows]


def test_chunks_kept_apart_go_to_a_file_per_job(local, gp_server, tmp_path):
    rows = [(f"t{n}", "north", True) for n in range(7)]
    outcome = fan_out(local, INPUT=[towers("towers", rows)], CHUNK_SIZE=3, MERGE=False, OUTPUT=str(tmp_path))
    assert (outcome["SUCCEEDED"], outcome["FAILED"], len(outcome["JOB_IDS"].split(","))) == (3, 0, 3)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [
        "01_towers_part_1_Output_Polygons.gpkg",
        "02_towers_part_2_Output_Polygons.gpkg",
        "03_towers_part_3_Output_Polygons.gpkg",
    ]
    assert [features(tmp_path / name) for name in files] == [
        {("t0",), ("t1",), ("t2",)},
        {("t3",), ("t4",), ("t5",)},
        {("t6",)},
    ]


def test_a_job_per_layer_merged_names_each_feature_s_layer(local, tmp_path):
    layers = [towers(f"layer {n}", [(f"t{n}{m}", "", True) for m in range(2)]) for n in range(5)]
    outcome = fan_out(local, INPUT=layers, OUTPUT=str(tmp_path))
    assert (outcome["SUCCEEDED"], outcome["FAILED"]) == (5, 0)
    assert features(tmp_path / "Output_Polygons.gpkg") == {
        (f"t{n}{m}", f"layer {n}") for n in range(5) for m in range(2)
    }


def test_a_failing_group_is_named_and_counted_and_the_others_results_are_kept(local, tmp_path):
    rows = [("t0", "north", True), ("t1", "south", False), ("t2", "east", True), ("t3", "west", True)]
    recorder = Recorder()
    outcome = fan_out(local, recorder, INPUT=[towers("towers", rows)], GROUP_BY="district", OUTPUT=str(tmp_path))
    assert (outcome["SUCCEEDED"], outcome["FAILED"]) == (3, 1)
    assert features(tmp_path / "Output_Polygons.gpkg") == {("t0", "north"), ("t2", "east"), ("t3", "west")}
    failed = [e for e in recorder.errors if e.startswith("Group 'south' failed: ")]
    assert len(failed) == 1 and "ERROR 000735" in failed[0]
    assert recorder.errors[-1] == ("1 of 4 jobs failed ('south'); the results of the others are in the output folder.")


def test_a_cancel_cancels_every_job_on_the_server(local, gp_server, tmp_path):
    rows = [(f"t{n}", DISTRICTS[n], True) for n in range(5)]
    recorder = Recorder(cancel_after=5)
    outcome = fan_out(local, recorder, INPUT=[towers("towers", rows)], GROUP_BY="district", OUTPUT=str(tmp_path))
    urls = job_urls(gp_server, outcome["JOB_IDS"])
    assert len(urls) == 5 and all(job_requests(url)["cancel"] == 1 for url in urls)
    assert "Cancel sent to the server for 5 job(s)." in recorder.infos
    assert list(tmp_path.iterdir()) == []


def test_a_synchronous_task_is_refused_with_the_reason(local, tmp_path):
    with pytest.raises(QgsProcessingException, match="synchronous task: the server answers each run at once"):
        fan_out(
            local,
            ALGORITHM=alg_id(local, "GP/CopyFeatures", "CopyFeatures"),
            INPUT=[towers("towers", [("t0", "", True)])],
            PARAMETERS="{}",
            OUTPUT=str(tmp_path),
        )


@pytest.mark.parametrize(
    "parameters, problem",
    [
        ({"ALGORITHM": "remotegp:nosuchtask"}, "'remotegp:nosuchtask' is no remote algorithm of Remote GP"),
        ({"PARAMETERS": "[5]"}, "The other parameters must be a JSON object"),
        ({"PARAMETERS": '{"Distanse": 5}'}, "has no other parameter 'Distanse'; its parameters: Distance, "),
        ({"INPUT_PARAMETER": "Distance"}, "'Distance' is not a feature input of Buffer Points"),
        ({"GROUP_BY": "county"}, "The layer 'towers' has no field 'county' to group by."),
    ],
)
def test_values_that_cannot_run_are_refused_with_what_is_wrong(local, tmp_path, parameters, problem):
    with pytest.raises(QgsProcessingException, match=problem):
        fan_out(local, INPUT=[towers("towers", [("t0", "", True)])], OUTPUT=str(tmp_path), **parameters)


def test_the_dialog_runs_a_fan_out_and_loads_the_merged_layer(local, qgis_iface, monkeypatch, tmp_path):
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    # pytest-qgis's stand-in for QGIS's interface gets a browser model, as QGIS's has (dialogs ask it)
    monkeypatch.setattr(qgis_iface, "browserModel", QgsBrowserGuiModel, raising=False)

    layer = towers("dialog towers", [(f"t{n}", DISTRICTS[n], True) for n in range(5)])
    QgsProject.instance().addMapLayer(layer)
    dialog = AlgorithmDialog(QgsApplication.processingRegistry().createAlgorithmById(FANOUT))
    wrappers, context = dialog.mainWidget().wrappers, QgsProcessingContext()
    for name, value in (
        ("ALGORITHM", alg_id(local, *BUFFER)),
        ("INPUT", [layer]),
        ("GROUP_BY", "district"),
        ("PARAMETERS", '{"Distance": 5}'),
        ("OUTPUT", str(tmp_path)),
    ):
        wrappers[name].setParameterValue(value, context)
    dialog.runAlgorithm()
    deadline = time.monotonic() + 60
    while not QgsProject.instance().mapLayersByName("Output Polygons"):
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline, "the merged layer was never loaded"
    [merged] = QgsProject.instance().mapLayersByName("Output Polygons")
    assert {(f["Name"], f["GROUP_NAME"]) for f in merged.getFeatures()} == {(f"t{n}", DISTRICTS[n]) for n in range(5)}
    assert merged.source().startswith(str(tmp_path / "Output_Polygons.gpkg"))
    dialog.close()
    QgsProject.instance().removeAllMapLayers()


def points_4326(name: str, count: int) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=Name:string", name, "memory")
    features = []
    for number in range(count):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([f"{name}{number}"])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(-93.0 + number / 100, 45.0)))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


@pytest.mark.parametrize("keep, crs", [(False, "EPSG:4326"), (True, "EPSG:26915")])
def test_every_job_returns_its_features_in_the_first_layer_s_crs_unless_the_service_s_is_kept(
    local, tmp_path, keep, crs
):
    layers = [points_4326("a", 2), points_4326("b", 2)]
    outcome = fan_out(
        local,
        INPUT=layers,
        PARAMETERS=json.dumps({"Distance": 5, "KEEP_SERVICE_CRS": keep}),
        OUTPUT=str(tmp_path),
    )
    assert (outcome["SUCCEEDED"], outcome["FAILED"]) == (2, 0)
    merged = QgsVectorLayer(str(tmp_path / "Output_Polygons.gpkg"), "out", "ogr")
    assert merged.crs().authid() == crs
    centre = next(f for f in merged.getFeatures() if f["Name"] == "a0").geometry().centroid().asPoint()
    assert (abs(centre.x() + 93.0) < 1e-3) == (not keep)
