"""Outputs as Processing users expect them (issue 12, item 3), through `processing.run` in real QGIS
against the reference server: a run given no destination puts each output in a temporary layer, one
given None skips it; output features come back in the CRS of the first input layer, another chosen
CRS or the service's own, projected by the server (the job's `env:outSR`); the object ids sent are
the layer's feature ids, so the ORIG_FID a task copies from them names the layer's features."""

from __future__ import annotations

import processing
import pytest
import requests
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from qgis_helpers import alg_id
from remote_gp.bridge.algorithm import RemoteAlgorithm
from remote_gp.bridge.descriptions import Entry
from remote_gp.gp_core.model import Parameter, Service, Task

BUFFER = ("GP/BufferByVal", "BufferPoints")
ECHO = ("GP/DataTypes", "EchoTypes")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
# T1..T4, feature ids 1..4 of a memory layer
POINTS = {f"T{n}": QgsPointXY(-93.0 + n / 100, 45.0) for n in range(1, 5)}


@pytest.fixture
def points():
    """The four points in EPSG:4326, a layer of the project (selections need one)."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=Name:string", "points", "memory")
    for name, point in POINTS.items():
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(point))
        feature.setAttributes([name])
        layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def run(local, task: tuple[str, str], parameters: dict, feedback: QgsProcessingFeedback | None = None) -> dict:
    return processing.run(alg_id(local, *task), parameters, feedback=feedback or QgsProcessingFeedback())


def buffer(local, source, feedback: QgsProcessingFeedback | None = None, **choices) -> dict:
    return run(
        local, BUFFER, {"Input_Features": source, "Distance": 10, "Distance_UNIT": "Meters", **choices}, feedback
    )


def centres(layer: QgsVectorLayer) -> dict[str, QgsPointXY]:
    """Each buffer's centroid, by the name of its point."""
    return {feature["Name"]: feature.geometry().centroid().asPoint() for feature in layer.getFeatures()}


def assert_at(layer: QgsVectorLayer, crs: str, tolerance: float) -> None:
    """The layer is in `crs` and each buffer is centred on its point transformed there by QGIS."""
    assert layer.crs().authid() == crs
    transform = QgsCoordinateTransform(WGS84, QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    found = centres(layer)
    assert found.keys() == POINTS.keys()
    for name, centre in found.items():
        expected = transform.transform(POINTS[name])
        assert (centre.x(), centre.y()) == pytest.approx((expected.x(), expected.y()), abs=tolerance), name


# -- destinations -----------------------------------------------------------------------------------


def test_a_run_given_no_destination_puts_its_outputs_in_temporary_layers(plugin, local, points):
    result = run(local, ECHO, {"in_string": "x", "in_features": points})
    assert result["in_string_out"] == "x"
    assert sorted(f["Name"] for f in result["in_features_out"].getFeatures()) == sorted(POINTS)
    assert result["in_table_out"] is None  # not echoed: no input


def test_a_destination_given_none_is_skipped(plugin, local, points):
    feedback = QgsProcessingFeedback()
    result = run(local, ECHO, {"in_string": "x", "in_features": points, "in_features_out": None}, feedback)
    assert result["in_string_out"] == "x" and "in_features_out" not in result
    assert "In Features Out:" not in feedback.textLog()  # nothing written


# -- output CRS -------------------------------------------------------------------------------------


def test_output_features_come_back_in_the_input_layers_crs_projected_by_the_server(plugin, local, gp_server, points):
    feedback = QgsProcessingFeedback()
    result = buffer(local, points, feedback)
    assert_at(result["Output_Polygons"], "EPSG:4326", 1e-9)
    assert "Output features asked for in EPSG:4326." in feedback.textLog()
    job = f"{gp_server}/rest/services/{BUFFER[0]}/GPServer/{BUFFER[1]}/jobs/{result['JOB_ID']}"
    answer = requests.get(
        f"{job}/results/Output_Polygons", params={"f": "json", "returnType": "data"}, timeout=30
    ).json()
    assert answer["value"]["spatialReference"]["wkid"] == 4326  # the server's answer, not a transform here


def test_another_output_crs_can_be_chosen(plugin, local, points):
    assert_at(buffer(local, points, OUTPUT_CRS="EPSG:3857")["Output_Polygons"], "EPSG:3857", 1e-3)


def test_the_services_crs_can_be_kept(plugin, local, points):
    assert_at(buffer(local, points, KEEP_SERVICE_CRS=True)["Output_Polygons"], "EPSG:26915", 1e-3)


def test_a_chosen_crs_and_keeping_the_services_are_refused_together(plugin, local, points):
    with pytest.raises(QgsProcessingException, match=r"An output CRS \(EPSG:3857\) is given and the service's CRS"):
        buffer(local, points, OUTPUT_CRS="EPSG:3857", KEEP_SERVICE_CRS=True)


def test_a_synchronous_task_returns_features_in_the_input_crs_too(plugin, local):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3857&field=Name:string", "triangle", "memory")
    triangle = QgsGeometry.fromWkt(
        "POLYGON((-10352000 5621000, -10351900 5621000, -10351900 5621100, -10352000 5621000))"
    )
    feature = QgsFeature(layer.fields())
    feature.setGeometry(triangle)
    layer.dataProvider().addFeatures([feature])
    hull = run(local, ("GP/SummarizeSync", "Summarize"), {"Input_Features": layer})["Hull"]
    assert hull.crs().authid() == "EPSG:3857"
    box, expected = next(hull.getFeatures()).geometry().boundingBox(), triangle.boundingBox()
    assert (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()) == pytest.approx(
        (expected.xMinimum(), expected.yMinimum(), expected.xMaximum(), expected.yMaximum()), abs=1e-3
    )


def test_tasks_without_feature_outputs_have_no_output_crs(plugin, local):
    registry = QgsApplication.processingRegistry()
    slope = registry.algorithmById(alg_id(local, "SlopeByVal", "RunSlope"))
    assert slope.parameterDefinition("OUTPUT_CRS") is None and slope.parameterDefinition("KEEP_SERVICE_CRS") is None


def test_a_task_parameter_of_the_same_name_keeps_it(plugin, local):
    algorithm = made_algorithm(local, {"name": "Out", "dataType": "GPFeatureRecordSetLayer"}, "output_crs")
    assert [d.name() for d in algorithm.parameterDefinitions()] == [
        "output_crs",
        "Out",
        "REMOTEGP_OUTPUT_CRS",
        "KEEP_SERVICE_CRS",
    ]


def made_algorithm(local, output: dict, *inputs: str) -> RemoteAlgorithm:
    """The algorithm of a task of text inputs and one output."""
    service = Service("http://127.0.0.1:9/arcgis/rest/services/X/GPServer", "X")
    bodies = [{"name": name, "dataType": "GPString"} for name in inputs]
    bodies.append({**output, "direction": "esriGPParameterDirectionOutput"})
    task = Task(f"{service.url}/T", "T", service, parameters=[Parameter.from_json(body, "T") for body in bodies])
    algorithm = RemoteAlgorithm(local, Entry.of(task))
    algorithm.initAlgorithm({})
    return algorithm


# -- feature ids ------------------------------------------------------------------------------------


def orig_fids(result: dict) -> dict[str, int]:
    return {feature["Name"]: feature["ORIG_FID"] for feature in result["Output_Polygons"].getFeatures()}


def test_selected_features_keep_their_feature_ids(plugin, local, points):
    points.selectByIds([2, 4])
    assert orig_fids(buffer(local, QgsProcessingFeatureSourceDefinition(points.id(), True))) == {"T2": 2, "T4": 4}


def test_feature_ids_that_are_no_object_ids_are_numbered(plugin, local, points):
    """New features (not yet saved) have negative ids: all the features are numbered 1..n."""
    points.startEditing()
    added = QgsFeature(points.fields())
    added.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(-92.9, 45.0)))
    added.setAttributes(["new"])
    points.addFeature(added)
    try:
        assert sorted(orig_fids(buffer(local, points)).values()) == [1, 2, 3, 4, 5]
    finally:
        points.rollBack()
