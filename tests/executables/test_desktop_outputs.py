"""The algorithm dialog of desktop `qgis`, driven by code: what it gives for a remote task when the
user picks only the input (selected features of an EPSG:4326 layer) runs, and the buffers come back
in a temporary layer, in the layer's CRS, with the selected features' ids in ORIG_FID (issue 12,
item 3)."""

from __future__ import annotations

import pytest

from harness import desktop_report
from test_qgis_process_outputs import BUFFER, POINTS, expected, wgs84_points

SCRIPT = """
from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer
import processing
from processing.gui.AlgorithmDialog import AlgorithmDialog

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
"""


def test_the_dialogs_defaults_give_a_temporary_layer_in_the_input_crs_with_the_feature_ids(installed, tmp_path):
    body = SCRIPT.format(source=wgs84_points(tmp_path / "points.gpkg"), algorithm=BUFFER)
    report = desktop_report(installed, body, tmp_path)
    assert report["choices"] == [None, False] and report["crs"] == "EPSG:4326"
    name, (fid, x, y) = "T9", expected(4326)["T9"]
    assert POINTS[fid][0] == name
    assert report["buffers"] == {name: [fid, pytest.approx(x, abs=1e-9), pytest.approx(y, abs=1e-9)]}
