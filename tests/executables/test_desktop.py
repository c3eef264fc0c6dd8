"""The desktop `qgis`, started with the plugin from its zip, runs a remote task on a polygon layer from
a startup script, on all its features and on the selected ones, and quits."""

from __future__ import annotations

import json

import pytest

from harness import algorithm_id
from layers import DONUT_AREA, HULL_AREA, SQUARE_AREA, polygons

SCRIPT = """
import json, traceback
from pathlib import Path
from qgis.core import QgsApplication, QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
import processing
import remote_gp

def summary(results):
    hull = results["Hull"]
    return {{"count": results["Feature_Count"], "area": results["Total_Area"], "hulls": hull.featureCount(),
             "hull_area": sum(f.geometry().area() for f in hull.getFeatures())}}

report = {{"plugin": remote_gp.__file__}}
try:
    layer = QgsVectorLayer({source!r}, "polygons", "ogr")
    QgsProject.instance().addMapLayer(layer)
    report["all"] = summary(processing.run({algorithm!r}, {{"Input_Features": layer, "Hull": "TEMPORARY_OUTPUT"}}))
    layer.selectByExpression("label = 'donut'")
    selected = QgsProcessingFeatureSourceDefinition(layer.id(), selectedFeaturesOnly=True)
    report["selected"] = summary(processing.run({algorithm!r}, {{"Input_Features": selected,
                                                                "Hull": "TEMPORARY_OUTPUT"}}))
except Exception:
    report["error"] = traceback.format_exc()
finally:
    Path({result!r}).write_text(json.dumps(report))
    QTimer.singleShot(0, lambda: QgsApplication.exit(0))  # once QGIS's event loop runs
"""


def test_a_remote_task_runs_on_all_and_on_selected_polygons_in_desktop_qgis(installed, tmp_path):
    source = polygons(tmp_path)
    result = tmp_path / "report.json"
    script = tmp_path / "startup.py"
    script.write_text(
        SCRIPT.format(source=source, algorithm=algorithm_id("GP/SummarizeSync", "Summarize"), result=str(result))
    )
    started = installed.desktop(script)
    assert result.exists(), started.output
    report = json.loads(result.read_text())
    assert "error" not in report, report["error"]
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
