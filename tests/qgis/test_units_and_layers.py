"""Unit choices and feature inputs as a QGIS user meets them (issue 12, items 1 and 2), against the
reference server's EchoTypes (which echoes what it was sent) and BufferPoints (points only):

- a unit is given as `qgis_process help` lists it (the option's number) or by its name in any case,
  and the choice offers the units a user picks from (plus the task's own default, however unusual);
- a feature input offers the layer types its task's featureClass filter takes, and sends a layer of
  any of them as it is, even where the task's schema names another;
- a layer whose coordinates cannot be in its CRS (a layer read without one gets WGS 84) is refused
  naming the layer and saying how to set its CRS, not with a failed transform of (inf, inf).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtWidgets import QComboBox

from qgis_helpers import alg_id

OFFERED_LINEAR = [
    *("Millimeters", "Centimeters", "Meters", "Kilometers"),
    *("Inches", "Feet", "Yards", "Miles", "NauticalMiles", "DecimalDegrees"),
]
DESTINATIONS = {
    "in_features_out": "memory:",
    "in_table_out": "memory:",
    "in_raster_out": "TEMPORARY_OUTPUT",
    "in_raster_data_out": "TEMPORARY_OUTPUT",
}
SQUARE = "MULTIPOLYGON (((500000 4980000, 500010 4980000, 500010 4980010, 500000 4980010, 500000 4980000)))"
NO_LONGITUDE = (
    r"^Feature \d of 'no crs' cannot be transformed to the task's coordinate reference system: its coordinates "
    r"\(500010, 4980020\) are not longitudes and latitudes, but the layer's coordinate reference system is "
    r"WGS 84 \(EPSG:4326\)\. The layer has no coordinate reference system of its own \(QGIS gives WGS 84 to a "
    r"layer read without one\) or a wrong one: set its CRS \(Layer Properties ▸ Source, or Processing's "
    r"Assign Projection\), then run the tool again\.$"
)


def echo(local, parameters: dict) -> dict:
    import processing

    return processing.run(alg_id(local, "GP/DataTypes", "EchoTypes"), {**parameters, **DESTINATIONS})


def algorithm(local, service: str, task: str):
    return QgsApplication.processingRegistry().createAlgorithmById(alg_id(local, service, task))


def layer(uri: str, name: str, wkt: str) -> QgsVectorLayer:
    made = QgsVectorLayer(uri, name, "memory")
    feature = QgsFeature(made.fields())
    feature.setGeometry(QgsGeometry.fromWkt(wkt))
    assert made.dataProvider().addFeatures([feature])
    return made


# -- units ------------------------------------------------------------------------------------------


def test_a_unit_choice_offers_the_units_a_user_picks_from(plugin, local):
    buffer = algorithm(local, "GP/BufferByVal", "BufferPoints")
    distance = buffer.parameterDefinition("Distance_UNIT")
    assert (distance.options(), distance.defaultValue()) == (OFFERED_LINEAR, "Meters")
    echo_types = algorithm(local, "GP/DataTypes", "EchoTypes")
    areal, time = (echo_types.parameterDefinition(name) for name in ("in_areal_UNIT", "in_time_UNIT"))
    assert "SquareMeters" in areal.options() and not {"UnknownAreaUnits", "SquareFeetUS"} & set(areal.options())
    assert time.options()[:4] == ["Milliseconds", "Seconds", "Minutes", "Hours"]
    assert time.options()[-1] == time.defaultValue() == "Unknown"  # the task gives no unit: gp_core's default


@pytest.mark.parametrize(
    "given, sent",
    [
        (OFFERED_LINEAR.index("Feet"), "Feet"),
        (str(OFFERED_LINEAR.index("Feet")), "Feet"),
        ("feet", "Feet"),
        (" FEET ", "Feet"),
        (0, "Millimeters"),
        ("9", "DecimalDegrees"),
    ],
)
def test_a_unit_is_given_by_its_number_or_by_its_name_in_any_case(plugin, local, given, sent):
    result = echo(local, {"in_linear": 5, "in_linear_UNIT": given})
    assert result["in_linear_out"] == f"5 {sent}" and json.loads(result["received"]) == ["in_linear"]


@pytest.mark.parametrize(
    "given", [len(OFFERED_LINEAR), -1, "-1", "²", "9" * 5000, "Furlongs", "UnknownUnits", "IntFeet"]
)
def test_a_unit_that_is_not_offered_is_refused(plugin, local, given):
    with pytest.raises(QgsProcessingException, match="Incorrect parameter value for in_linear_UNIT"):
        echo(local, {"in_linear": 5, "in_linear_UNIT": given})


def test_a_copy_of_a_unit_choice_takes_the_same_values(plugin, local):
    """QGIS copies parameters with `clone`: the copy is a unit choice too, with the same settings."""
    buffer = algorithm(local, "GP/BufferByVal", "BufferPoints")
    distance = buffer.parameterDefinition("Distance_UNIT")
    distance.setHelp("The buffer distance's unit.")
    distance.setFlags(distance.flags() | distance.FlagAdvanced)
    distance.setMetadata({"widget_wrapper": {"columns": 2}})
    copy = distance.clone()
    assert copy.checkValueIsAcceptable("feet") and copy.checkValueIsAcceptable(5)
    assert not copy.checkValueIsAcceptable("furlongs")
    assert (copy.name(), copy.description(), copy.options(), copy.defaultValue(), copy.help()) == (
        "Distance_UNIT",
        "Distance (unit)",
        OFFERED_LINEAR,
        "Meters",
        "The buffer distance's unit.",
    )
    assert copy.flags() & copy.FlagAdvanced and copy.metadata() == {"widget_wrapper": {"columns": 2}}


def test_a_model_step_given_a_unit_in_lower_case_sends_that_unit(plugin, local):
    """QGIS 3.22 checks no value of a model's steps: the run reads the unit as the check would."""
    model = QgsProcessingModelAlgorithm("units", "tests")
    step = QgsProcessingModelChildAlgorithm(alg_id(local, "GP/DataTypes", "EchoTypes"))
    step.setChildId("echo")
    for name, value in (("in_linear", 5), ("in_linear_UNIT", "nauticalmiles"), *DESTINATIONS.items()):
        step.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    echoed = QgsProcessingModelOutput("echoed")
    echoed.setChildOutputName("in_linear_out")
    step.setModelOutputs({"echoed": echoed})
    model.addChildAlgorithm(step)
    results, ok = model.run({}, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok and results["echo:echoed"] == "5 NauticalMiles"


@pytest.mark.parametrize(
    "choice, coded, sent",
    [(2, "2", ("blue", 3)), ("1", 1, ("green", 2)), ("RED", "low", ("red", 1)), (" Blue ", " MEDIUM ", ("blue", 2))],
)
def test_a_choice_or_coded_value_is_given_by_its_number_or_by_its_text_in_any_case(plugin, local, choice, coded, sent):
    result = echo(local, {"in_choice": choice, "in_coded": coded})
    assert (result["in_choice_out"], result["in_coded_out"]) == sent


def test_a_multiple_choice_takes_options_by_number_or_text_in_a_list_or_separated_by_commas(plugin, local):
    from remote_gp.bridge.parameters import Choice

    colours = Choice("colours", "Colours", ["red", "green", "blue", "1"], optional=True, multiple=True)
    assert colours.chosen([0, "BLUE"]) == colours.chosen("0,blue") == ["red", "blue"]
    assert colours.chosen("1") == ["1"]  # an option's text wins over another option's number
    assert colours.chosen("red,purple") is None and not colours.checkValueIsAcceptable("red,purple")
    assert colours.clone().chosen("2, 0") == ["blue", "red"]
    single = Choice("colour", "Colour", ["red", "green"])
    assert single.chosen("red,green") is None and not single.checkValueIsAcceptable(["red", "green"])


def test_a_model_step_given_a_choice_no_option_names_is_refused_naming_it(plugin, local):
    """QGIS 3.22 checks no value of a model's steps: the run does, as the check would."""
    model = QgsProcessingModelAlgorithm("choices", "tests")
    step = QgsProcessingModelChildAlgorithm(alg_id(local, "GP/DataTypes", "EchoTypes"))
    step.setChildId("echo")
    for name, value in (("in_choice", "purple"), *DESTINATIONS.items()):
        step.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    model.addChildAlgorithm(step)
    feedback = QgsProcessingFeedback()
    results, ok = model.run({}, QgsProcessingContext(), feedback)
    assert not ok and "In Choice: 'purple' is none of the options (red, green, blue)." in feedback.textLog()


# -- layer types ------------------------------------------------------------------------------------


@pytest.fixture
def dialog_layers(plugin, qgis_new_project, qgis_iface, monkeypatch):
    """The layers the algorithm dialog's combo of a feature input lists (an optional input's empty
    entry left out), with a point, a line and a polygon layer in the project. (pytest-qgis's iface
    has no browser model; the dialog asks for one.)"""
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.gui import QgsBrowserGuiModel

    browser = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    QgsProject.instance().addMapLayers(
        [
            layer("Point?crs=EPSG:26915", "points", "POINT (500010 4980020)"),
            layer("LineString?crs=EPSG:26915", "lines", "LINESTRING (500000 4980000, 500010 4980010)"),
            layer("MultiPolygon?crs=EPSG:26915", "polygons", SQUARE),
        ]
    )

    def listed(algorithm, name: str) -> list[str]:
        dialog = AlgorithmDialog(algorithm, False, None)
        try:
            combo = dialog.mainWidget().wrappers[name].wrappedWidget().findChild(QComboBox)
            return sorted(combo.itemText(i).split(" [")[0] for i in range(combo.count()) if combo.itemText(i))
        finally:
            dialog.close()

    return listed


def test_the_dialog_offers_the_layer_types_the_tasks_filter_takes(local, dialog_layers):
    assert dialog_layers(algorithm(local, "GP/BufferByVal", "BufferPoints"), "Input_Features") == ["points"]
    assert dialog_layers(algorithm(local, "GP/DataTypes", "EchoTypes"), "in_features") == ["points", "polygons"]


def test_a_polygon_layer_is_sent_as_polygons_where_the_filter_takes_them_and_the_schema_names_points(plugin, local):
    """EchoTypes' schema names points, its featureClass filter points and polygons."""
    result = echo(local, {"in_features": layer("MultiPolygon?crs=EPSG:26915&field=Name:string", "mp", SQUARE)})
    echoed = result["in_features_out"]
    assert QgsWkbTypes.geometryType(echoed.wkbType()) == QgsWkbTypes.PolygonGeometry
    [feature] = echoed.getFeatures()
    assert feature.geometry().area() == 100 and json.loads(result["received"]) == ["in_features"]


def test_a_layer_of_a_type_the_filter_does_not_take_is_refused_naming_it(plugin, local):
    lines = layer("LineString?crs=EPSG:26915", "lines", "LINESTRING (500000 4980000, 500010 4980010)")
    with pytest.raises(QgsProcessingException, match="^'lines' holds LineString geometries, but this input takes"):
        echo(local, {"in_features": lines})


# -- layers without a CRS ---------------------------------------------------------------------------


def test_a_memory_layer_made_without_crs_is_refused_saying_how_to_set_it(plugin, local):
    no_crs = layer("Point", "no crs", "POINT (500010 4980020)")
    with pytest.raises(QgsProcessingException, match=NO_LONGITUDE):
        echo(local, {"in_features": no_crs})


def test_a_geojson_file_without_crs_is_refused_saying_how_to_set_it(plugin, local, tmp_path: Path):
    path = tmp_path / "no crs.geojson"
    point = {"type": "Point", "coordinates": [500010, 4980020]}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": point}]}))
    with pytest.raises(QgsProcessingException, match=NO_LONGITUDE):
        echo(local, {"in_features": str(path)})
