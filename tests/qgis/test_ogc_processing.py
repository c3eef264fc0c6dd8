"""OGC API - Processes processes as Processing algorithms, in real QGIS against pygeoapi
(tests/ogc_server): registered from cached descriptions under their connection, run by
processing.run (features in, features out; a GeoTIFF in, a GeoTIFF out; literals), a failure and
a cancel."""

from __future__ import annotations

import json
import math

import pytest
import requests
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeedback,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)

from qgis_helpers import alg_id, demo_data, wait_for
from remote_gp.bridge.connections import OGC


def run(algorithm: str, parameters: dict, feedback: QgsProcessingFeedback | None = None) -> dict:
    import processing

    return processing.run(algorithm, parameters, feedback=feedback)


def test_every_process_is_an_algorithm_of_its_connection_with_parameters_from_its_schemas(ogc):
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    ids = {a.id() for a in registry.algorithms() if a.id().startswith(f"remotegp:{ogc.key}")}
    assert ids == {
        alg_id(ogc, "processes", name) for name in ("buffer", "fail", "hello-world", "literals", "slope", "slow")
    }
    literals = registry.algorithmById(alg_id(ogc, "processes", "literals"))
    kinds = {p.name(): p.type() for p in literals.parameterDefinitions()}
    assert kinds["ratio"] == "number" and kinds["count"] == "number" and kinds["flag"] == "boolean"
    assert kinds["colour"] == "enum" and kinds["extent"] == "extent"
    ratio = literals.parameterDefinition("ratio")
    assert (ratio.minimum(), ratio.maximum()) == (0, 100)
    buffer = registry.algorithmById(alg_id(ogc, "processes", "buffer"))
    assert buffer.parameterDefinition("features").type() == "source"
    assert buffer.outputDefinition("buffered").type() == "outputVector"


def towers_layer() -> QgsVectorLayer:
    """The demo's towers (EPSG:26915, metres) as a memory layer."""
    layer = QgsVectorLayer("Point?crs=EPSG:26915&field=Name:string", "towers", "memory")
    features = []
    for name, x, y in demo_data.TOWERS:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes([name])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_buffer_sends_the_layer_as_wgs84_geojson_and_loads_the_buffers_as_a_polygon_layer(ogc):
    towers = towers_layer()
    result = run(alg_id(ogc, "processes", "buffer"), {"features": towers, "distance": 0.0001, "buffered": "memory:"})
    buffered = result["buffered"]
    layer = buffered if isinstance(buffered, QgsVectorLayer) else QgsVectorLayer(buffered)
    assert layer.featureCount() == len(demo_data.TOWERS)
    assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.PolygonGeometry
    assert layer.crs() == QgsCoordinateReferenceSystem("EPSG:4326")
    names = sorted(f["Name"] for f in layer.getFeatures())
    assert names == sorted(name for name, _, _ in demo_data.TOWERS)
    first = next(layer.getFeatures())
    centre = first.geometry().centroid().asPoint()
    assert -94 < centre.x() < -92 and 44 < centre.y() < 46  # the towers near 500300 E 4980250 N in UTM 15N
    assert math.isclose(first.geometry().area(), math.pi * 0.0001**2, rel_tol=0.05)
    assert result["JOB_ID"]


def test_slope_sends_a_geotiff_and_loads_the_slope_raster(ogc, tmp_path):
    dem = demo_data.make_dem(tmp_path / "dem.tif")
    target = tmp_path / "slope.tif"
    result = run(alg_id(ogc, "processes", "slope"), {"dem": str(dem), "slope": str(target)})
    assert result["slope"] == str(target)
    layer = QgsRasterLayer(str(target), "slope")
    assert layer.isValid() and layer.width() == demo_data.COLUMNS
    row, column = 10, 20
    x, y = demo_data.cell_centre(row, column)
    value, ok = layer.dataProvider().sample(QgsPointXY(x, y), 1)
    assert ok and math.isclose(value, demo_data.expected_slope(row, column), abs_tol=0.01)


def test_literals_go_with_their_schema_types_and_the_enum_as_listed(ogc):
    result = run(
        alg_id(ogc, "processes", "literals"),
        {"ratio": 12.5, "count": 3, "colour": 2, "flag": True, "weights": "1;2.5", "tags": "a;b"},
    )
    echoed = json.loads(result["echo"])
    assert echoed["ratio"] == 12.5 and echoed["count"] == 3 and echoed["colour"] == "blue" and echoed["flag"] is True
    assert echoed["weights"] == [1, 2.5] and echoed["tags"] == ["a", "b"]


def test_a_failing_process_ends_the_run_with_the_servers_message(ogc):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="always fails"):
        run(alg_id(ogc, "processes", "fail"), {"message": "on purpose"})


class CancelOnSubmit(QgsProcessingFeedback):
    """Cancels the run as soon as the job is submitted."""

    def pushInfo(self, info):  # noqa: N802
        super().pushInfo(info)
        if "submitted" in info:
            self.cancel()


def test_a_cancel_dismisses_the_job_on_the_server(ogc, ogc_server):
    result = run(alg_id(ogc, "processes", "slow"), {"seconds": 60, "steps": 60}, CancelOnSubmit())
    assert result["JOB_ID"] and "slept" not in result
    answer = requests.get(f"{ogc_server}/jobs/{result['JOB_ID']}", params={"f": "json"}, timeout=10)
    assert answer.status_code == 404  # pygeoapi forgets a dismissed job


def test_the_editor_takes_the_kind_the_url_tells_or_the_one_chosen_and_tests_the_server(qgis_app, ogc_server):
    from remote_gp.ui.connection_dialog import ConnectionEditor

    editor = ConnectionEditor()
    editor.name.setText("Local OGC")
    editor.url.setText(ogc_server)  # http://127.0.0.1:<port>: no telling
    assert editor.problem() == "The URL does not tell which kind of server it is: choose it."
    editor.url.setText(f"{ogc_server}/processes")
    assert editor.problem() == "" and editor.values()[3] == OGC
    assert editor.kind_note.text() == "The URL is that of an OGC API - Processes server."
    editor.url.setText(ogc_server)
    editor.kind.setCurrentIndex(editor.kind.findData(OGC))
    assert editor.problem() == ""
    wait_for(editor.test())
    assert editor.tester.text() == "Connected to an OGC API - Processes server: 6 process(es). No sign-in (anonymous)."


def test_connections_files_and_the_add_connection_algorithm_keep_the_kind(plugin, ogc_server, tmp_path):
    from remote_gp.bridge.connections import export_connections, read_connections_file

    store = plugin.provider.store
    result = run("remotegp:addconnection", {"NAME": "Added OGC", "URL": ogc_server, "KIND": 2})
    added = store.get(result["KEY"])
    assert added is not None and added.kind == OGC
    export_connections([added], tmp_path / "connections.json")
    assert read_connections_file(tmp_path / "connections.json") == [("Added OGC", ogc_server, "", OGC, "")]
    store.remove(added.key)
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="does not tell which kind"):
        run("remotegp:addconnection", {"NAME": "Unknown kind", "URL": ogc_server})
    with pytest.raises(QgsProcessingException, match="'X Key' is not the name of an HTTP header"):
        run("remotegp:addconnection", {"NAME": "Bad header", "URL": ogc_server, "KIND": 2, "API_KEY_HEADER": "X Key"})


def test_a_model_chains_a_gp_task_an_ogc_process_and_a_native_algorithm(ogc, local, data, tmp_path):
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    def child(algorithm: str, child_id: str, **sources) -> QgsProcessingModelChildAlgorithm:
        made = QgsProcessingModelChildAlgorithm(algorithm)
        made.setChildId(child_id)
        for name, source in sources.items():
            made.addParameterSources(name, [source])
        return made

    static = QgsProcessingModelChildParameterSource.fromStaticValue
    model = QgsProcessingModelAlgorithm("GP, OGC and native", "Remote GP tests")
    model.addModelParameter(
        QgsProcessingParameterFeatureSource("points", "Points", [QgsProcessing.TypeVectorPoint]),
        QgsProcessingModelParameter("points"),
    )
    gp = child(
        alg_id(local, "GP/BufferByVal", "BufferPoints"),
        "gp",
        Input_Features=QgsProcessingModelChildParameterSource.fromModelParameter("points"),
        Distance=static(3),
        Distance_UNIT=static("Meters"),
    )
    ogc_buffer = child(
        alg_id(ogc, "processes", "buffer"),
        "ogc",
        features=QgsProcessingModelChildParameterSource.fromChildOutput("gp", "Output_Polygons"),
        distance=static(0.00001),
    )
    centroids = child(
        "native:centroids",
        "centroids",
        INPUT=QgsProcessingModelChildParameterSource.fromChildOutput("ogc", "buffered"),
        ALL_PARTS=static(False),
    )
    output = QgsProcessingModelOutput("centres", "Centres")
    output.setChildOutputName("OUTPUT")
    centroids.setModelOutputs({"centres": output})
    for made in (gp, ogc_buffer, centroids):
        model.addChildAlgorithm(made)
    path = tmp_path / "mixed.model3"
    assert model.toFile(str(path))
    loaded = QgsProcessingModelAlgorithm()
    assert loaded.fromFile(str(path))

    import processing

    result = processing.run(
        loaded, {"points": str(data / "towers.shp"), "centroids:centres": str(tmp_path / "centres.gpkg")}
    )
    centres = QgsVectorLayer(result["centroids:centres"], "c", "ogr")
    assert centres.featureCount() == len(demo_data.TOWERS) and centres.crs().authid() == "EPSG:4326"
    from qgis.core import QgsCoordinateTransform, QgsProject

    to_wgs84 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:26915"), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    )
    expected = {name: to_wgs84.transform(QgsPointXY(x, y)) for name, x, y in demo_data.TOWERS}
    for centre in centres.getFeatures():
        point, tower = centre.geometry().asPoint(), expected[centre["Name"]]
        assert (point.x(), point.y()) == pytest.approx((tower.x(), tower.y()), abs=1e-6)


API_KEY = "remote-gp-test-key"


@pytest.fixture(scope="module")
def keyed_server():
    """pygeoapi behind an API key (X-API-Key), as some OGC API servers are."""
    from ogc_server.process import running_ogc_server

    with running_ogc_server(api_key=API_KEY) as url:
        yield url


def test_an_api_key_goes_in_its_header_from_the_authentication_database(plugin, keyed_server):
    from qgis_helpers import stored_authcfg

    store = plugin.provider.store
    keyless = store.add("Keyless OGC", keyed_server, "", OGC)
    keyed = store.add(
        "Keyed OGC", keyed_server, stored_authcfg("Basic", "API key", username="", password=API_KEY), OGC, "X-API-Key"
    )
    try:
        refresh = plugin.provider.refresh([keyless, keyed])
        wait_for(refresh)
        assert set(refresh.fetched) == {keyed.key}  # the keyless one was refused
        result = run(alg_id(keyed, "processes", "hello-world"), {"name": "key"})
        assert result["echo"] == "Hello key!"
        from remote_gp.ui.connection_dialog import ConnectionTester

        editor_test = ConnectionTester()
        wait_for(editor_test.start(keyed))
        assert editor_test.text().endswith("6 process(es). API key sent in the X-API-Key header.")
        wait_for(editor_test.start(keyless))
        assert editor_test.text().startswith("Failed: ") and "401" in editor_test.text()
        assert API_KEY not in editor_test.text()
    finally:
        store.remove(keyless.key)
        store.remove(keyed.key)


def test_a_batch_of_ogc_runs(ogc, tmp_path):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog
    from qgis.core import QgsApplication, QgsProcessingContext

    towers = demo_data.make_points(tmp_path / "towers.shp")
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(alg_id(ogc, "processes", "buffer"))
    dialog = BatchAlgorithmDialog(algorithm)
    panel = dialog.mainWidget()
    panel.addRow(2 - panel.batchRowCount())
    context = QgsProcessingContext()
    for row, distance in enumerate((0.0001, 0.0002)):
        panel.wrappers[row][panel.parameter_to_column["features"]].setParameterValue(str(towers), context)
        panel.wrappers[row][panel.parameter_to_column["distance"]].setParameterValue(distance, context)
        output_column = panel.parameter_to_column["buffered"]
        panel.tblParameters.cellWidget(row + 1, output_column).setValue(str(tmp_path / f"batch{row}.gpkg"))
    dialog.runAlgorithm()
    for row, distance in enumerate((0.0001, 0.0002)):
        layer = QgsVectorLayer(str(tmp_path / f"batch{row}.gpkg"), "b", "ogr")
        assert layer.featureCount() == len(demo_data.TOWERS)
        assert next(layer.getFeatures()).geometry().area() == pytest.approx(math.pi * distance**2, rel=0.05)
