"""Results over the server's transfer limit in real QGIS: every feature through Processing and the job
monitor's Load Results (from the job's result map service), or a failed run naming the limit.

GP/CopyFeaturesAsync returns at most 100 features a result; its result map service, 250 a page.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingContext, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from qgis_helpers import alg_id, wait_for
from remote_gp.bridge.features import feature_set_from_source
from remote_gp.bridge.jobresults import ResultsTask
from remote_gp.bridge.jobstore import CONSOLE, JobRecord
from remote_gp.bridge.jobtask import follow
from remote_gp.bridge.source import Source
from remote_gp.gp_core import JobStatus, submit
from remote_gp.gp_core.values import schema_of

START = QDateTime(QDate(2024, 5, 6), QTime(16, 2, 27, 285), Qt.UTC)


def numbered_points(count: int) -> QgsVectorLayer:
    """`count` points labelled p1..pN, each with a date a second after the one before (milliseconds .285)."""
    layer = QgsVectorLayer("Point?crs=EPSG:26915&field=label:string&field=when:datetime", "points", "memory")
    features = []
    for n in range(count):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(480000 + n, 4980000)))
        feature.setAttributes([f"p{n + 1}", START.addSecs(n)])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def stored(path: Path, layer: str) -> dict[str, str]:
    """Each label's date as the GeoPackage holds it."""
    with sqlite3.connect(path) as db:
        return dict(db.execute(f'SELECT label, "when" FROM "{layer}"').fetchall())


def expected(count: int) -> dict[str, str]:
    return {f"p{n + 1}": START.addSecs(n).toString("yyyy-MM-ddTHH:mm:ss.zzzZ") for n in range(count)}


def test_processing_returns_every_feature_of_a_result_over_the_limit(plugin, local, tmp_path):
    import processing

    path = tmp_path / "copied.gpkg"
    processing.run(
        alg_id(local, "GP/CopyFeaturesAsync", "CopyFeatures"),
        {"Input_Features": numbered_points(1000), "Output_Features": str(path)},
    )
    assert stored(path, "copied") == expected(1000)  # each label once, with its date to the millisecond


def test_a_result_over_the_limit_without_result_map_service_fails_the_run(plugin, local):
    import processing

    with pytest.raises(
        Exception,
        match=r"Output 'features' has more features than the service returns in one "
        r"answer \(its limit: 1000 records, maximumRecords\).*no result map service",
    ):
        processing.run(
            alg_id(local, "GP/Lifecycle", "RunScenario"), {"scenario": "transfer-limit", "features": "memory:"}
        )


def test_load_results_gets_every_feature_of_a_result_over_the_limit(plugin, local):
    server = Source.read(local).server()
    task = server.task("GP/CopyFeaturesAsync", "CopyFeatures")
    points = feature_set_from_source(
        numbered_points(300), schema_of(task.parameter("Input_Features")), QgsProcessingContext()
    )
    job = submit(server, task, {"Input_Features": points})
    wait_for(follow(job))
    record = JobRecord(
        job.id,
        local.key,
        "GP/CopyFeaturesAsync",
        "CopyFeatures",
        task.url,
        CONSOLE,
        time.time(),
        time.time(),
        JobStatus.SUCCEEDED,
    )
    loading = ResultsTask(record, task, Source.read(local))
    assert loading.run()
    loading.finished(True)
    [layer] = [QgsProject.instance().mapLayer(key) for key in loading.layer_ids]
    assert layer.featureCount() == 300 and not [text for severity, text in loading.notes if severity > 0]
    path, _, name = layer.source().partition("|layername=")
    assert stored(Path(path), name) == expected(300)
    QgsProject.instance().removeMapLayer(layer.id())
