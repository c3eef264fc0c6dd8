"""What Processing values become on the wire: each value given to a run of GP/DataTypes' EchoTypes in
real QGIS, as the reference server received it (it echoes every input it was sent, and lists the
names sent in `received`). Values no reference task takes (several layers, several choices) are read
by the plugin's algorithm for a task that takes them, as a run reads them before sending."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsRasterLayer,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from qgis_helpers import alg_id
from remote_gp.bridge.algorithm import RemoteAlgorithm
from remote_gp.bridge.descriptions import Entry
from remote_gp.bridge.parameters import Reader
from remote_gp.gp_core import FeatureSet, Service, Task

#: EchoTypes' outputs that are layers or files, sent nowhere a test has to clean up.
DESTINATIONS = {
    "in_features_out": "memory:",
    "in_table_out": "memory:",
    "in_raster_out": "TEMPORARY_OUTPUT",
    "in_raster_data_out": "TEMPORARY_OUTPUT",
}


def echo(local, parameters: dict) -> dict:
    """The outputs of EchoTypes run with `parameters`."""
    import processing

    return processing.run(alg_id(local, "GP/DataTypes", "EchoTypes"), {**parameters, **DESTINATIONS})


def sent(result: dict) -> list[str]:
    return json.loads(result["received"])


def layer_of(uri: str, name: str = "layer", wkt: str = "POINT (500010 4980020)", count: int = 1) -> QgsVectorLayer:
    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for n in range(count):
        feature = QgsFeature(layer.fields())
        if wkt:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes([f"{name} {n + 1}", n + 1][: layer.fields().count()])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


@pytest.mark.parametrize(
    "given, received", [(True, True), (False, False), ("false", False), ("true", True), (0, False), (1, True)]
)
def test_a_boolean_is_sent_as_given_false_too(plugin, local, given, received):
    result = echo(local, {"in_bool": given})
    assert result["in_bool_out"] is received and sent(result) == ["in_bool"]


@pytest.mark.parametrize(
    "given, received",
    [
        ("1,2,3,4 [EPSG:26915]", {"xmin": 1, "ymin": 3, "xmax": 2, "ymax": 4, "spatialReference": {"wkid": 26915}}),
        (
            QgsReferencedRectangle(QgsRectangle(-10.5, 20, 30, 40.25), QgsCoordinateReferenceSystem("EPSG:3857")),
            {"xmin": -10.5, "ymin": 20, "xmax": 30, "ymax": 40.25, "spatialReference": {"wkid": 3857}},
        ),
        ("1,2,3,4", {"xmin": 1, "ymin": 3, "xmax": 2, "ymax": 4}),
    ],
)
def test_an_extent_is_sent_with_its_crs_when_it_has_one(plugin, local, given, received):
    """Processing writes an extent xmin,xmax,ymin,ymax."""
    result = echo(local, {"in_extent": given})
    assert json.loads(result["in_extent_out"]) == received and sent(result) == ["in_extent"]


def test_a_file_is_uploaded_and_comes_back_whole(plugin, local, tmp_path):
    given = tmp_path / "notes.csv"
    given.write_text("a,b\n1,2\n")
    result = echo(local, {"in_file": str(given)})
    assert sent(result) == ["in_file"]
    assert Path(result["in_file_out"]).read_text() == "a,b\n1,2\n"


def test_a_raster_is_uploaded_and_comes_back_whole(plugin, local, data):
    result = echo(local, {"in_raster": str(data / "dem.tif")})
    assert sent(result) == ["in_raster"]
    back, dem = QgsRasterLayer(result["in_raster_out"], "back"), QgsRasterLayer(str(data / "dem.tif"), "dem")
    assert back.isValid() and (back.width(), back.height(), back.extent()) == (dem.width(), dem.height(), dem.extent())


def test_a_field_is_sent_as_its_layer_describes_it(plugin, local):
    towers = layer_of("Point?crs=EPSG:26915&field=Name:string(12)&field=Code:integer", "tower")
    result = echo(local, {"in_features": towers, "in_field": "Code"})
    assert json.loads(result["in_field_out"]) == {"name": "Code", "type": "esriFieldTypeInteger", "alias": "Code"}
    result = echo(local, {"in_features": towers, "in_field": "Name"})
    assert json.loads(result["in_field_out"]) == {
        "name": "Name",
        "type": "esriFieldTypeString",
        "alias": "Name",
        "length": 12,
    }
    assert sent(result) == ["in_features", "in_field"]


def test_a_field_its_layer_does_not_have_is_looked_up_by_name_in_the_tasks_schema(plugin, local):
    towers = layer_of("Point?crs=EPSG:26915&field=Name:string(12)", "tower")
    result = echo(local, {"in_features": towers, "in_field": "code"})
    assert json.loads(result["in_field_out"]) == {"name": "Code", "type": "esriFieldTypeBigInteger", "alias": "Code"}
    with pytest.raises(
        QgsProcessingException,
        match=r"^Parameter 'in_field': 'Nope' is not a field of in_features "
        r"\(its fields: OBJECTID, Name, Seen, Code\)\.$",
    ):
        echo(local, {"in_features": towers, "in_field": "Nope"})


def test_numbers_dates_and_text_are_sent_with_their_types(plugin, local):
    moment = QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), Qt.UTC)
    result = echo(
        local,
        {
            "in_long": 7.0,
            "in_double": 2.5,
            "in_composite": "7",
            "in_date": moment,
            "in_string": "a b",
            "in_sql": "Code > 1",
            "in_choice": "green",
            "in_coded": "Medium",
            "in_areal": 3,
            "in_areal_UNIT": "Hectares",
            "in_table_values": ["x", 1, 0.5, "y", 2, 1.5],
            "in_sr": QgsCoordinateReferenceSystem("EPSG:3857"),
        },
    )
    assert sent(result) == [
        "in_areal",
        "in_choice",
        "in_coded",
        "in_composite",
        "in_date",
        "in_double",
        "in_long",
        "in_sql",
        "in_sr",
        "in_string",
        "in_table_values",
    ]
    echoed = {name: result[f"{name}_out"] for name in sent(result)}
    assert echoed == {
        "in_long": 7,
        "in_double": 2.5,
        "in_composite": 7.0,
        "in_date": '"2020-01-02T03:04:05+00:00"',
        "in_string": "a b",
        "in_sql": "Code > 1",
        "in_choice": "green",
        "in_coded": 2,
        "in_areal": "3 Hectares",
        "in_table_values": '[["x", 1, 0.5], ["y", 2, 1.5]]',
        "in_sr": '{"wkid": 3857}',
    }
    assert type(echoed["in_long"]) is int and type(echoed["in_composite"]) is float


def test_a_local_date_is_sent_as_the_moment_it_is(plugin, local, new_york_local_time):
    moment = QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), Qt.LocalTime)  # New York, UTC-5 in January
    assert echo(local, {"in_date": moment})["in_date_out"] == '"2020-01-02T08:04:05+00:00"'


def test_a_composite_that_is_no_number_is_sent_as_text(plugin, local):
    assert echo(local, {"in_composite": "5 Feet"})["in_composite_out"] == "5 Feet"


def test_empty_values_are_not_sent(plugin, local):
    result = echo(
        local,
        {
            "in_string": "",
            "in_long": None,
            "in_sr": "",
            "in_file": "",
            "in_extent": None,
            "in_field": "",
            "in_date": None,
            "in_bool": None,
        },
    )
    assert sent(result) == []


def test_a_record_set_read_from_a_point_layer_is_sent_as_a_table(plugin, local):
    points = layer_of("Point?crs=EPSG:26915&field=Name:string(12)", "point", count=3)
    table = echo(local, {"in_table": points})["in_table_out"]
    assert table.wkbType() == QgsWkbTypes.NoGeometry
    assert [f["Name"] for f in table.getFeatures()] == ["point 1", "point 2", "point 3"]


# -- values no reference task takes ---------------------------------------------------------------


def several(local) -> RemoteAlgorithm:
    """An algorithm of a task that takes several layers, record sets, rasters and choices."""
    parameters = [
        {
            "name": name,
            "dataType": data_type,
            "direction": "esriGPParameterDirectionInput",
            "parameterType": "esriGPParameterTypeOptional",
            **extra,
        }
        for name, data_type, extra in [
            ("layers", "GPMultiValue:GPFeatureRecordSetLayer", {}),
            ("tables", "GPMultiValue:GPRecordSet", {}),
            ("rasters", "GPMultiValue:GPRasterDataLayer", {}),
            ("colours", "GPMultiValue:GPString", {"choiceList": ["Red", "Green", "Blue"]}),
            ("layer", "GPFeatureRecordSetLayer", {}),
            ("raster", "GPRasterDataLayer", {}),
            ("field", "Field", {}),
            ("flag", "GPBoolean", {}),
            ("count", "GPLong", {}),
            ("ratio", "GPDouble", {}),
            ("extent", "GPExtent", {}),
        ]
    ]
    service = Service.from_json({"tasks": ["Several"]}, "http://127.0.0.1:9/arcgis/rest/services/S/GPServer", "S")
    task = Task.from_json({"name": "Several", "parameters": parameters}, f"{service.url}/Several", service)
    algorithm = RemoteAlgorithm(local, Entry.of(task))
    algorithm.initAlgorithm()
    return algorithm


def read(algorithm: RemoteAlgorithm, parameters: dict, feedback: QgsProcessingFeedback | None = None) -> dict:
    reader = Reader(algorithm, parameters, QgsProcessingContext(), feedback or QgsProcessingFeedback())
    return reader.inputs(algorithm.task)


def test_several_layers_are_read_as_feature_sets_and_record_sets_as_tables(plugin, local):
    algorithm = several(local)
    assert isinstance(algorithm.parameterDefinition("layers"), QgsProcessingParameterMultipleLayers)
    points = layer_of("Point?crs=EPSG:26915&field=Name:string(12)", "point", count=2)
    lines = layer_of("LineString?crs=EPSG:26915&field=Name:string(12)", "line", "LINESTRING (0 0, 1 1)")
    values = read(algorithm, {"layers": [points, lines], "tables": [points]})
    assert set(values) == {"layers", "tables"}
    assert [type(v) for v in values["layers"]] == [FeatureSet, FeatureSet]
    assert [v.geometry_type for v in values["layers"]] == ["esriGeometryPoint", "esriGeometryPolyline"]
    assert [len(v) for v in values["layers"]] == [2, 1]
    [table] = values["tables"]
    assert table.geometry_type is None and table.attributes == [{"Name": "point 1"}, {"Name": "point 2"}]
    assert table.geometries.tolist() == [None, None]


def test_several_rasters_are_read_as_their_files(plugin, local, data):
    dem = QgsRasterLayer(str(data / "dem.tif"), "dem")
    assert read(several(local), {"rasters": [dem, dem]}) == {"rasters": [str(data / "dem.tif")] * 2}


def test_several_choices_are_read_as_the_task_spells_them(plugin, local):
    algorithm = several(local)
    colours = algorithm.parameterDefinition("colours")
    assert isinstance(colours, QgsProcessingParameterEnum) and colours.allowMultiple()
    assert read(algorithm, {"colours": ["Blue", "Red"]}) == {"colours": ["Blue", "Red"]}


def test_a_layer_or_raster_that_cannot_be_opened_is_left_out_and_a_field_without_its_layer_goes_by_name(plugin, local):
    assert read(several(local), {"layer": "/nowhere/roads.shp", "raster": "/nowhere/dem.tif", "field": "Name"}) == {
        "field": "Name"
    }
    assert read(several(local), {"field": []}) == {}


def test_a_raster_that_is_no_file_on_this_computer_is_refused_naming_it(plugin, local):
    wms = QgsRasterLayer(
        "contextualWMSLegend=0&crs=EPSG:4326&format=image/png&layers=x&styles&url=http://127.0.0.1:9/wms",
        "remote tiles",
        "wms",
    )
    with pytest.raises(
        QgsProcessingException,
        match=r"^rasters: 'remote tiles' is not a raster file on this computer; "
        r"the service needs a file it can upload \(save the layer as a "
        r"GeoTIFF first\)\.$",
    ):
        read(several(local), {"rasters": [wms]})


@pytest.mark.parametrize(
    "given, read_as",
    [
        ({"flag": False, "count": 7.0, "ratio": 2}, {"flag": False, "count": 7, "ratio": 2.0}),
        ({"flag": "true", "count": "-3", "ratio": "0.25"}, {"flag": True, "count": -3, "ratio": 0.25}),
    ],
)
def test_booleans_and_numbers_are_read_as_python_booleans_and_numbers(plugin, local, given, read_as):
    values = read(several(local), given)
    assert values == read_as and [type(values[name]) for name in ("flag", "count", "ratio")] == [bool, int, float]


def test_a_null_extent_is_left_out(plugin, local):
    assert read(several(local), {"extent": "0,0,0,0", "count": 1}) == {"count": 1}


def test_a_gdal_raster_that_is_no_file_is_refused_too(plugin, local, data):
    from osgeo import gdal

    gdal.Translate("/vsimem/dem.tif", str(data / "dem.tif"))
    try:
        in_memory = QgsRasterLayer("/vsimem/dem.tif", "in memory", "gdal")
        assert in_memory.isValid() and in_memory.providerType() == "gdal"
        with pytest.raises(
            QgsProcessingException,
            match=r"^rasters: 'in memory' is not a raster file on this "
            r"computer",
        ):
            read(several(local), {"rasters": [in_memory]})
    finally:
        gdal.Unlink("/vsimem/dem.tif")


def test_a_cancelled_run_reads_no_more_inputs(plugin, local):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    assert read(several(local), {"colours": ["Blue"]}, feedback) == {}


def test_a_file_parameter_takes_a_file_with_the_tasks_extensions(plugin, local):
    from qgis.core import QgsApplication

    echo_types = QgsApplication.processingRegistry().algorithmById(alg_id(local, "GP/DataTypes", "EchoTypes"))
    file = echo_types.parameterDefinition("in_file")
    assert isinstance(file, QgsProcessingParameterFile) and file.behavior() == QgsProcessingParameterFile.File
    assert file.fileFilter() == "Accepted files (*.txt *.csv *.json);;All files (*.*)"
    assert file.flags() & file.FlagOptional
    assert file.help() == "Any GPDataFile value; echoed by in_file_out."
