"""The desktop `qgis`, started with the plugin from its zip, runs a remote task on a polygon layer from
a startup script, on all its features and on the selected ones, and quits."""

from __future__ import annotations

import pytest

from harness import algorithm_id, desktop_report
from layers import DONUT_AREA, HULL_AREA, SQUARE_AREA, polygons

SCRIPT = """
from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer
import processing
import remote_gp

def summary(results):
    hull = results["Hull"]
    return {{"count": results["Feature_Count"], "area": results["Total_Area"], "hulls": hull.featureCount(),
             "hull_area": sum(f.geometry().area() for f in hull.getFeatures())}}

report["plugin"] = remote_gp.__file__
layer = QgsVectorLayer({source!r}, "polygons", "ogr")
QgsProject.instance().addMapLayer(layer)
report["all"] = summary(processing.run({algorithm!r}, {{"Input_Features": layer, "Hull": "TEMPORARY_OUTPUT"}}))
layer.selectByExpression("label = 'donut'")
selected = QgsProcessingFeatureSourceDefinition(layer.id(), selectedFeaturesOnly=True)
report["selected"] = summary(processing.run({algorithm!r}, {{"Input_Features": selected,
                                                            "Hull": "TEMPORARY_OUTPUT"}}))
"""


def test_a_remote_task_runs_on_all_and_on_selected_polygons_in_desktop_qgis(installed, tmp_path):
    body = SCRIPT.format(source=polygons(tmp_path), algorithm=algorithm_id("GP/SummarizeSync", "Summarize"))
    report = desktop_report(installed, body, tmp_path)
    assert report["plugin"].startswith(str(installed.plugins))  # the zip's copy, not the working tree
    assert report["all"] == {
        "count": 2,
        "area": pytest.approx(DONUT_AREA + SQUARE_AREA),
        "hulls": 1,
        "hull_area": pytest.approx(HULL_AREA),
    }
    assert report["selected"] == {
        "count": 1,
        "area": pytest.approx(DONUT_AREA),
        "hulls": 1,
        "hull_area": pytest.approx(100 * 100),
    }  # the donut's hull: no hole


# 5,000 squares, 3 of them bowties, read as the plugin reads an answer: enough polygons for gp_core to
# check their validity in a thread of its own, where GEOS runs inside QGIS's process.
VALIDITY = """
import json
from remote_gp.gp_core import FeatureSet, validity
from remote_gp.gp_core.answers import read_json
from remote_gp.gp_core.errors import warnings_to
from remote_gp.gp_core.transport import HttpResponse

def ring(i):
    x = 3 * i
    if i in (0, 2500, 4999):
        return [[x, 0], [x + 1, 1], [x + 1, 0], [x, 1], [x, 0]]
    return [[x, 0], [x, 1], [x + 1, 1], [x + 1, 0], [x, 0]]

threads = []
made = validity.ThreadPoolExecutor
validity.ThreadPoolExecutor = lambda workers: threads.append(workers) or made(workers)
body = {"geometryType": "esriGeometryPolygon", "fields": [],
         "features": [{"attributes": {}, "geometry": {"rings": [ring(i)]}} for i in range(5000)]}
url = "http://127.0.0.1/arcgis/rest/services/S/MapServer/0/query"
said = []
with warnings_to(said.append):
    features = FeatureSet.from_json(read_json(HttpResponse(200, json.dumps(body).encode(), "application/json", url)))
report["plugin"] = validity.__file__
report["threads"] = threads
report["count"] = len(features)
report["warnings"] = [message.split(" feature 0:")[0] for message in said]
"""


def test_a_large_answer_is_checked_for_valid_polygons_in_a_thread_inside_desktop_qgis(installed, tmp_path):
    report = desktop_report(installed, VALIDITY, tmp_path)
    assert report["plugin"].startswith(str(installed.plugins))
    assert report["threads"] == [1] and report["count"] == 5000
    assert report["warnings"] == ["3 polygons are not valid as read (features 0, 2500, 4999;"]
