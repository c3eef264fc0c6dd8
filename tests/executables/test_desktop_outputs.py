"""The algorithm dialog of desktop `qgis`, driven by code: what it gives for a remote task when the
user picks only the input (selected features of an EPSG:4326 layer) runs, and the buffers come back
in a temporary layer, in the layer's CRS, with the selected features' ids in ORIG_FID (issue 12,
item 3)."""

from __future__ import annotations

import json

import pytest

from test_qgis_process_outputs import BUFFER, POINTS, expected, wgs84_points

SCRIPT = """
import json, traceback
from pathlib import Path
from qgis.core import QgsApplication, QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
import processing
from processing.gui.AlgorithmDialog import AlgorithmDialog

report = {{}}
try:
    layer = QgsVectorLayer({source!r}, "points", "ogr")
    QgsProject.instance().addMapLayer(layer)
    layer.selectByIds([9])
    dialog = AlgorithmDialog(QgsApplication.processingRegistry().createAlgorithmById({algorithm!r}), False, None)
    dialog.setParameters({{"Input_Features": QgsProcessingFeatureSourceDefinition(layer.id(), True),
                           "Distance": 10, "Distance_UNIT": "Meters"}})
    parameters = dialog.mainWidget().createProcessingParameters()
    dialog.close()
    report["choices"] = [parameters["OUTPUT_CRS"], parameters["KEEP_SERVICE_CRS"]]
    buffers = processing.run({algorithm!r}, parameters)["Output_Polygons"]
    report["crs"] = buffers.crs().authid()
    report["buffers"] = {{f["Name"]: [f["ORIG_FID"], f.geometry().centroid().asPoint().x(),
                                      f.geometry().centroid().asPoint().y()] for f in buffers.getFeatures()}}
except Exception:
    report["error"] = traceback.format_exc()
finally:
    Path({result!r}).write_text(json.dumps(report))
    QTimer.singleShot(0, lambda: QgsApplication.exit(0))  # once QGIS's event loop runs
"""


def test_the_dialogs_defaults_give_a_temporary_layer_in_the_input_crs_with_the_feature_ids(installed, tmp_path):
    source = wgs84_points(tmp_path / "points.gpkg")
    result, script = tmp_path / "report.json", tmp_path / "startup.py"
    script.write_text(SCRIPT.format(source=str(source), algorithm=BUFFER, result=str(result)))
    started = installed.desktop(script)
    assert result.exists(), started.output
    report = json.loads(result.read_text())
    assert "error" not in report, report["error"]
    assert report["choices"] == [None, False] and report["crs"] == "EPSG:4326"
    name, (fid, x, y) = "T9", expected(4326)["T9"]
    assert POINTS[fid][0] == name
    assert report["buffers"] == {name: [fid, pytest.approx(x, abs=1e-9), pytest.approx(y, abs=1e-9)]}
