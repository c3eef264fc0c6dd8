"""The desktop `qgis`, started with the plugin from its zip, runs a remote task on a polygon layer from
a startup script, on all its features and on the selected ones, and quits."""

from __future__ import annotations

import os

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


# 45,000 squares, 3 of them bowties: enough polygons for gp_core to check their validity in threads (one
# per core, up to a chunk of 20,000 each), which GEOS runs inside QGIS's process.
VALIDITY = """
import os
from remote_gp.gp_core import FeatureSet, geometry
from remote_gp.gp_core.errors import warnings_to

def ring(i):
    x = 3 * i
    if i in (0, 22_500, 44_999):
        return [[x, 0], [x + 1, 1], [x + 1, 0], [x, 1], [x, 0]]
    return [[x, 0], [x, 1], [x + 1, 1], [x + 1, 0], [x, 0]]

body = {{"geometryType": "esriGeometryPolygon", "fields": [],
         "features": [{{"attributes": {{}}, "geometry": {{"rings": [ring(i)]}}}} for i in range({count})]}}
said = []
with warnings_to(said.append):
    features = FeatureSet.from_json(body)
report["plugin"] = geometry.__file__
report["threads"] = min(os.cpu_count() or 1, {count} // geometry._VALIDITY_CHUNK)
report["count"] = len(features)
report["warnings"] = [message.split(" feature 0:")[0] for message in said]
"""


def test_a_large_answer_is_checked_for_valid_polygons_in_threads_inside_desktop_qgis(installed, tmp_path):
    report = desktop_report(installed, VALIDITY.format(count=45_000), tmp_path)
    assert report["plugin"].startswith(str(installed.plugins))
    assert report["threads"] == min(2, os.cpu_count() or 1)  # two threads wherever there are two cores
    assert report["count"] == 45_000
    assert report["warnings"] == ["3 polygons are not valid as read (features 0, 22500, 44999;"]
