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
