"""Remote GP tasks as Processing algorithms, in real QGIS against the reference server."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
import requests
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from qgis_helpers import alg_id, demo_data, wait_for

FIVE_US_FEET = 5 * 1200 / 3937


class Recorder(QgsProcessingFeedback):
    """A real feedback that also keeps what it was told."""

    def __init__(self):
        super().__init__()
        self.infos, self.warnings, self.errors = [], [], []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)


def run(algorithm: str, parameters: dict, feedback: QgsProcessingFeedback | None = None) -> dict:
    import processing

    return processing.run(algorithm, parameters, feedback=feedback)


def test_every_remote_task_is_an_algorithm_with_the_parameters_its_types_call_for(plugin, local):
    registry = QgsApplication.processingRegistry()
    ids = {a.id() for a in registry.providerById("remotegp").algorithms()}
    assert {
        alg_id(local, "GP/BufferByVal", "BufferPoints"),
        alg_id(local, "SlopeByVal", "RunSlope"),
        alg_id(local, "GP/SummarizeSync", "Summarize"),
        alg_id(local, "GP/DataTypes", "EchoTypes"),
        alg_id(local, "GP/Lifecycle", "RunScenario"),
    } <= ids
    assert not any("secure" in i for i in ids)  # needs a sign-in this connection does not have
    assert all(i.split(":")[1].isalnum() and i.split(":")[1].islower() for i in ids)

    buffer = registry.algorithmById(alg_id(local, "GP/BufferByVal", "BufferPoints"))
    assert {d.name(): d.type() for d in buffer.parameterDefinitions()} == {
        "Input_Features": "source",
        "Distance": "number",
        "Distance_UNIT": "enum",
        "Output_Polygons": "sink",
        "OUTPUT_CRS": "crs",
        "KEEP_SERVICE_CRS": "boolean",
    }
    assert buffer.parameterDefinition("Input_Features").dataTypes() == [QgsProcessing.TypeVectorPoint]
    assert buffer.parameterDefinition("Distance_UNIT").options()[:3] == ["Millimeters", "Centimeters", "Meters"]
    assert buffer.group() == "Local GP — GP/BufferByVal" and "Buffers the input points" in buffer.shortHelpString()

    echo = registry.algorithmById(alg_id(local, "GP/DataTypes", "EchoTypes"))
    kinds = {d.name(): d.type() for d in echo.parameterDefinitions()}
    assert kinds == {
        "in_string": "string",
        "in_hidden": "string",
        "in_sql": "string",
        "in_long": "number",
        "in_double": "number",
        "in_bool": "boolean",
        "in_date": "datetime",
        "in_linear": "number",
        "in_linear_UNIT": "enum",
        "in_areal": "number",
        "in_areal_UNIT": "enum",
        "in_time": "number",
        "in_time_UNIT": "enum",
        "in_file": "file",
        "in_raster": "raster",
        "in_raster_data": "raster",
        "in_features": "source",
        "in_table": "source",
        "in_strings": "string",
        "in_doubles": "string",
        "in_units": "string",
        "in_table_values": "matrix",
        "in_composite": "string",
        "in_sr": "crs",
        "in_extent": "extent",
        "in_field": "field",
        "in_choice": "enum",
        "in_coded": "enum",
        "in_features_out": "sink",
        "in_table_out": "sink",
        "in_raster_out": "rasterDestination",
        "in_raster_data_out": "rasterDestination",
        "in_file_out": "fileDestination",
        "OUTPUT_CRS": "crs",
        "KEEP_SERVICE_CRS": "boolean",
    }
    assert echo.parameterDefinition("in_coded").options() == ["Low", "Medium", "High"]
    assert echo.parameterDefinition("in_long").maximum() == 1000
    assert echo.parameterDefinition("in_field").parentLayerParameterName() == "in_features"
    assert echo.parameterDefinition("in_table_values").headers() == ["label", "count", "weight"]
    assert {"in_long_out": "outputNumber", "in_bool_out": "outputBoolean", "received": "outputString"}.items() <= {
        o.name(): o.type() for o in echo.outputDefinitions()
    }.items()
    again = echo.create()
    assert [d.name() for d in again.parameterDefinitions()] == [d.name() for d in echo.parameterDefinitions()]


def test_processing_run_buffers_a_layer_in_its_own_crs(plugin, local, data, tmp_path):
    feedback = Recorder()
    result = run(
        alg_id(local, "GP/BufferByVal", "BufferPoints"),
        {
            "Input_Features": str(data / "towers.shp"),
            "Distance": 5,
            "Distance_UNIT": "Feet",
            "Output_Polygons": str(tmp_path / "buffers.gpkg"),
        },
        feedback,
    )
    buffers = QgsVectorLayer(result["Output_Polygons"], "buffers", "ogr")
    assert buffers.featureCount() == 10 and buffers.crs().authid() == "EPSG:26915"
    for feature in buffers.getFeatures():
        assert feature.geometry().area() == pytest.approx(math.pi * FIVE_US_FEET**2, rel=0.01)
    assert result["JOB_ID"].startswith("j")
    assert any("Succeeded at" in info for info in feedback.infos)  # job messages echoed


def test_a_layer_in_another_crs_is_transformed_to_the_services(plugin, local, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=Name:string", "wgs84", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(-93.0, 45.0)))
    feature.setAttributes(["here"])
    layer.dataProvider().addFeatures([feature])
    result = run(
        alg_id(local, "GP/BufferByVal", "BufferPoints"),
        {
            "Input_Features": layer,
            "Distance": 10,
            "Distance_UNIT": "Meters",
            "Output_Polygons": str(tmp_path / "moved.gpkg"),
            "KEEP_SERVICE_CRS": True,
        },
    )
    buffer = next(QgsVectorLayer(result["Output_Polygons"], "b", "ogr").getFeatures()).geometry()
    centre = buffer.centroid().asPoint()  # -93°, 45° in UTM 15N
    assert (centre.x(), centre.y()) == pytest.approx((500_000.0, 4_982_950.4), abs=2.0)
    assert buffer.area() == pytest.approx(math.pi * 100, rel=0.01)


def test_processing_run_computes_a_slope_raster(plugin, local, data, tmp_path):
    result = run(
        alg_id(local, "SlopeByVal", "RunSlope"),
        {"Input_DEM": str(data / "dem.tif"), "Output_Slope": str(tmp_path / "slope.tif")},
    )
    slope = QgsRasterLayer(result["Output_Slope"], "slope")
    assert slope.isValid() and slope.crs().authid() == "EPSG:26915"
    x, y = demo_data.cell_centre(25, 30)
    value, ok = slope.dataProvider().sample(QgsPointXY(x, y), 1)
    assert ok and value == pytest.approx(demo_data.expected_slope(25, 30), abs=1e-3)


def test_a_synchronous_task_returns_its_numbers_and_text(plugin, local):
    layer = QgsVectorLayer("Polygon?crs=EPSG:26915&field=Name:string", "squares", "memory")
    for corner in (0, 100):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(
            QgsGeometry.fromWkt(f"POLYGON(({corner} 0, {corner + 10} 0, {corner + 10} 10, {corner} 10, {corner} 0))")
        )
        feature.setAttributes(["sq"])
        layer.dataProvider().addFeatures([feature])
    result = run(
        alg_id(local, "GP/SummarizeSync", "Summarize"),
        {"Input_Features": layer, "Label": "detail", "Scale": 2, "Hull": "memory:"},
    )
    assert result["Feature_Count"] == 2 and result["Total_Area"] == pytest.approx(400)
    assert "label=detail" in result["Summary"]


def test_the_same_run_on_a_worker_thread(plugin, local, data, tmp_path):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(alg_id(local, "GP/BufferByVal", "BufferPoints"))
    context, feedback, outcome = QgsProcessingContext(), QgsProcessingFeedback(), {}
    task = QgsProcessingAlgRunnerTask(
        algorithm,
        {
            "Input_Features": str(data / "towers.shp"),
            "Distance": 2,
            "Distance_UNIT": "Meters",
            "Output_Polygons": str(tmp_path / "worker.gpkg"),
        },
        context,
        feedback,
    )
    task.executed.connect(lambda ok, results: outcome.update(ok=ok, results=results))
    QgsApplication.taskManager().addTask(task)
    wait_for(task)
    assert outcome["ok"]
    assert QgsVectorLayer(outcome["results"]["Output_Polygons"], "b", "ogr").featureCount() == 10


def test_cancelling_mid_job_cancels_the_job_on_the_server(plugin, local, gp_server):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(alg_id(local, "GP/Lifecycle", "RunScenario"))
    context, feedback, outcome = QgsProcessingContext(), Recorder(), {}
    task = QgsProcessingAlgRunnerTask(algorithm, {"scenario": "endless", "features": "memory:"}, context, feedback)
    task.executed.connect(lambda ok, results: outcome.update(ok=ok, results=results))
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + 60
    while not any(info.startswith("Job ") and "submitted" in info for info in feedback.infos):
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline
    job_id = next(info.split()[1] for info in feedback.infos if info.startswith("Job "))
    feedback.cancel()
    wait_for(task)
    status = requests.get(
        f"{gp_server}/rest/services/GP/Lifecycle/GPServer/RunScenario/jobs/{job_id}", params={"f": "json"}
    ).json()["jobStatus"]
    assert status == "esriJobCancelled"


def test_a_model_with_a_remote_task_is_saved_reloaded_and_run(plugin, local, data, tmp_path):
    model = QgsProcessingModelAlgorithm("Buffer and centroids", "Remote GP tests")
    model.addModelParameter(
        QgsProcessingParameterFeatureSource("points", "Points", [QgsProcessing.TypeVectorPoint]),
        QgsProcessingModelParameter("points"),
    )
    buffer = QgsProcessingModelChildAlgorithm(alg_id(local, "GP/BufferByVal", "BufferPoints"))
    buffer.setChildId("buffer")
    buffer.addParameterSources("Input_Features", [QgsProcessingModelChildParameterSource.fromModelParameter("points")])
    buffer.addParameterSources("Distance", [QgsProcessingModelChildParameterSource.fromStaticValue(3)])
    buffer.addParameterSources("Distance_UNIT", [QgsProcessingModelChildParameterSource.fromStaticValue("Meters")])
    model.addChildAlgorithm(buffer)
    centroids = QgsProcessingModelChildAlgorithm("native:centroids")  # chained with a local algorithm
    centroids.setChildId("centroids")
    centroids.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("buffer", "Output_Polygons")]
    )
    centroids.addParameterSources("ALL_PARTS", [QgsProcessingModelChildParameterSource.fromStaticValue(False)])
    output = QgsProcessingModelOutput("centres", "Centres")
    output.setChildOutputName("OUTPUT")
    centroids.setModelOutputs({"centres": output})
    model.addChildAlgorithm(centroids)
    path = tmp_path / "remote.model3"
    assert model.toFile(str(path))

    loaded = QgsProcessingModelAlgorithm()
    assert loaded.fromFile(str(path))
    result = run(loaded, {"points": str(data / "towers.shp"), "centroids:centres": str(tmp_path / "centres.gpkg")})
    centres = QgsVectorLayer(result["centroids:centres"], "c", "ogr")
    assert centres.featureCount() == 10
    first = next(centres.getFeatures()).geometry().asPoint()
    assert (first.x(), first.y()) == pytest.approx(demo_data.TOWERS[0][1:], abs=0.01)


def test_a_batch_of_three_runs(plugin, local, data, tmp_path):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(alg_id(local, "GP/BufferByVal", "BufferPoints"))
    dialog = BatchAlgorithmDialog(algorithm)
    panel = dialog.mainWidget()
    panel.addRow(3 - panel.batchRowCount())
    context = QgsProcessingContext()
    for row, distance in enumerate((1, 2, 3)):
        for name, value in (
            ("Input_Features", str(data / "towers.shp")),
            ("Distance", distance),
            ("Distance_UNIT", "Meters"),
        ):
            panel.wrappers[row][panel.parameter_to_column[name]].setParameterValue(value, context)
        output_column = panel.parameter_to_column["Output_Polygons"]
        panel.tblParameters.cellWidget(row + 1, output_column).setValue(str(tmp_path / f"batch{distance}.gpkg"))
    dialog.runAlgorithm()
    for distance in (1, 2, 3):
        layer = QgsVectorLayer(str(tmp_path / f"batch{distance}.gpkg"), "b", "ogr")
        assert layer.featureCount() == 10
        assert next(layer.getFeatures()).geometry().area() == pytest.approx(math.pi * distance**2, rel=0.01)


def test_a_failed_job_stops_the_algorithm_with_the_servers_message(plugin, local):
    feedback = Recorder()
    with pytest.raises(Exception, match="ERROR 999999"):
        run(alg_id(local, "GP/Lifecycle", "RunScenario"), {"scenario": "fail", "features": "memory:"}, feedback)
    assert not any("999999" in error for error in feedback.errors)  # said by the exception only


def test_progress_and_warnings_reach_the_feedback(plugin, local):
    feedback = Recorder()
    percents = []
    feedback.progressChanged.connect(percents.append)
    run(
        alg_id(local, "GP/Lifecycle", "RunScenario"),
        {"scenario": "progress", "steps": 3, "features": "memory:"},
        feedback,
    )
    assert percents[-1] == 100 and any(0 < p < 100 for p in percents)
    odd = Recorder()
    with pytest.raises(Exception, match="expectedFailure"):
        run(alg_id(local, "GP/Lifecycle", "RunScenario"), {"scenario": "unknown-state", "features": "memory:"}, odd)
    assert any("which is not one of the documented ones" in warning for warning in odd.warnings)


def test_a_raster_input_that_is_not_a_file_is_refused_clearly(plugin, local):
    wms = QgsRasterLayer(
        "contextualWMSLegend=0&crs=EPSG:4326&format=image/png&layers=x&styles&url=http://127.0.0.1:9/wms", "wms", "wms"
    )
    QgsProject.instance().addMapLayer(wms, False)
    with pytest.raises(Exception, match="not a raster file on this computer"):
        run(alg_id(local, "SlopeByVal", "RunSlope"), {"Input_DEM": wms, "Output_Slope": "TEMPORARY_OUTPUT"})
    QgsProject.instance().removeMapLayer(wms.id())


def test_crs_parameter_is_sent_as_a_spatial_reference(plugin, local):
    result = run(
        alg_id(local, "GP/DataTypes", "EchoTypes"),
        {
            "in_sr": QgsCoordinateReferenceSystem("EPSG:3857"),
            "in_linear": 5,
            "in_linear_UNIT": "Feet",
            "in_coded": "High",
            "in_strings": "a;b",
            "in_table_values": ["x", 1, 0.5, "y", 2, 1.5],
            "in_features_out": "memory:",
            "in_table_out": "memory:",
            "in_raster_out": "TEMPORARY_OUTPUT",
            "in_raster_data_out": "TEMPORARY_OUTPUT",
        },
    )
    assert '"wkid": 3857' in result["in_sr_out"]
    assert result["in_linear_out"] == "5 Feet" and result["in_coded_out"] == 3
    assert result["in_strings_out"] == '["a", "b"]'
    assert result["in_table_values_out"] == '[["x", 1, 0.5], ["y", 2, 1.5]]'


def loaded_buffers(algorithm: str, data: Path) -> list:
    """The layers a run of a buffer task loads into the project (as a run from the toolbox does)."""
    import processing

    before = set(QgsProject.instance().mapLayers())
    processing.runAndLoadResults(
        algorithm,
        {
            "Input_Features": str(data / "towers.shp"),
            "Distance": 5,
            "Distance_UNIT": "Meters",
            "Output_Polygons": "TEMPORARY_OUTPUT",
        },
    )
    return [QgsProject.instance().mapLayer(i) for i in set(QgsProject.instance().mapLayers()) - before]


def test_the_result_map_image_is_loaded_as_an_overlay(plugin, local, data):
    added = loaded_buffers(alg_id(local, "GP/BufferByVal", "BufferPoints"), data)
    image = next(layer for layer in added if layer.name().endswith("(map image)"))
    assert image.providerType() == "arcgismapserver" and "/MapServer/jobs/j" in image.source()
    assert image.isValid() and image.extent().contains(QgsPointXY(*demo_data.TOWERS[0][1:]))
    QgsProject.instance().removeMapLayers([layer.id() for layer in added])


def test_with_a_token_from_a_password_the_map_image_is_a_georeferenced_picture(plugin, gp_server, data):
    from qgis_helpers import basic_authcfg, connect

    connection = connect(plugin, "Signed GP", gp_server, basic_authcfg())
    try:
        added = loaded_buffers(alg_id(connection, "Secure/BufferByVal", "BufferPoints"), data)
        image = next(layer for layer in added if layer.name().endswith("(map image)"))
        assert image.providerType() == "gdal" and image.crs().authid() == "EPSG:26915"
        assert image.extent().contains(QgsPointXY(*demo_data.TOWERS[0][1:]))
        value, ok = image.dataProvider().sample(QgsPointXY(*demo_data.TOWERS[0][1:]), 4)  # alpha at a tower
        assert ok and value > 0
        QgsProject.instance().removeMapLayers([layer.id() for layer in added])
    finally:
        plugin.provider.store.remove(connection.key)


def test_an_invalid_geometry_is_reported_with_its_feature_id(plugin, local):
    layer = QgsVectorLayer("Polygon?crs=EPSG:26915&field=Name:string", "bowtie", "memory")
    features = []
    for wkt in ("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    bad_id = max(f.id() for f in layer.getFeatures())
    with pytest.raises(Exception, match=rf"\({bad_id}\).*invalid geometry"):
        run(alg_id(local, "GP/SummarizeSync", "Summarize"), {"Input_Features": layer, "Hull": "memory:"})


def test_a_job_started_in_the_console_is_followed_by_a_task(plugin, local):
    from remote_gp.bridge.jobtask import follow
    from remote_gp.bridge.source import Source
    from remote_gp.gp_core import submit

    server = Source.read(local).server()
    task = server.task("GP/Lifecycle", "RunScenario")
    job = submit(server, task, {"scenario": "progress", "steps": 2})
    messages, statuses, completed = [], [], []
    following = follow(job)
    following.messageReceived.connect(lambda text, severity: messages.append(text))
    following.statusChanged.connect(statuses.append)
    following.taskCompleted.connect(lambda: completed.append(True))  # queued after every other signal
    del following  # follow() keeps the task alive on its own
    deadline = time.monotonic() + 60
    while not completed:
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline
    assert job.succeeded and job.output("outcome") == "done"
    assert any(m.startswith("Step 2") for m in messages) and statuses[-1] == "esriJobSucceeded"

    endless = follow(submit(server, task, {"scenario": "endless"}))
    endless.cancel()  # before it even started: the job is cancelled on the server all the same
    deadline = time.monotonic() + 60
    while not endless.job.is_ended:
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline
    assert endless.job.status == "esriJobCancelled"


def test_a_run_on_the_main_thread_can_be_cancelled_too(plugin, local, gp_server):
    """Models run their children on the main thread in 3.22: a cancel there must still get through
    (the timer below fires only if the run lets Qt process events)."""
    from qgis.PyQt.QtCore import QTimer

    feedback = Recorder()
    QTimer.singleShot(300, feedback.cancel)
    result = run(alg_id(local, "GP/Lifecycle", "RunScenario"), {"scenario": "endless", "features": "memory:"}, feedback)
    status = requests.get(
        f"{gp_server}/rest/services/GP/Lifecycle/GPServer/RunScenario/jobs/{result['JOB_ID']}", params={"f": "json"}
    ).json()["jobStatus"]
    assert status == "esriJobCancelled"


def test_invalid_geometries_can_be_left_out_as_the_processing_setting_says(plugin, local):
    import processing
    from qgis.core import QgsFeatureRequest

    layer = QgsVectorLayer("Polygon?crs=EPSG:26915", "mixed", "memory")
    for wkt in ("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        layer.dataProvider().addFeatures([feature])
    context, feedback = QgsProcessingContext(), Recorder()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometrySkipInvalid)
    result = processing.run(
        alg_id(local, "GP/SummarizeSync", "Summarize"),
        {"Input_Features": layer, "Hull": "memory:"},
        context=context,
        feedback=feedback,
    )
    assert result["Feature_Count"] == 1 and any("left out" in warning for warning in feedback.warnings)
