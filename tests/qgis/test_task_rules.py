"""Choice lists, filters and defaults as Processing parameters, from real task descriptions altered as
they come in the wild (empty, null, missing, malformed): a rule that names no value restricts nothing
in Processing either, and a task's own default is a value its parameter accepts. A required feature
input left out is refused, naming it, before anything is sent."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsNetworkAccessManager,
    QgsNetworkRequestParameters,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelParameter,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from qgis_helpers import alg_id
from real_bodies import real_body
from remote_gp.bridge.parameters import definitions
from remote_gp.gp_core.model import Parameter

DROP = object()
"""A key left out of a description."""
# How a rule's list turns up when it names nothing usable.
NOTHING = {
    "empty": [],
    "null": None,
    "text": "red",
    "object": {"a": 1},
    "of nulls, objects and blanks": [None, {}, [], "", " ", True],
    "missing": DROP,
}
SPARSE = ("GP/CopyFeatures", "CopySparse")


def real_parameter(fragment: str, index: int, **changes: Any) -> Parameter:
    """Parameter `index` of the real task `fragment`, its keys changed as given (DROP leaves one out)."""
    body = copy.deepcopy(real_body(fragment)["parameters"][index])
    for key, value in changes.items():
        if value is DROP:
            body.pop(key, None)
        else:
            body[key] = value
    return Parameter.from_json(body, "T")


def text_input(**changes: Any) -> Parameter:
    """FeatureFiltersLinePolygon's optional GPString (esri_out_feature_service_name), changed."""
    return real_parameter("FeatureFiltersLinePolygon_async_task", 2, **changes)


def feature_input(**changes: Any) -> Parameter:
    """FeatureFiltersLinePolygon's Input_Features: polygons or polylines, a polygon schema for default."""
    return real_parameter("FeatureFiltersLinePolygon_async_task", 0, **changes)


def long_column_table(**column: Any) -> Parameter:
    """The `filters` task's GPValueTable, its first column (GPLong, range -99999 to 99999) changed."""
    body = real_body("filters_sync_GPValueTable")["parameters"][0]
    infos = copy.deepcopy(body["parameterInfos"])
    infos[0].update(column)
    return real_parameter("filters_sync_GPValueTable", 0, parameterInfos=infos)


def definition(parameter: Parameter):
    (made, *_) = definitions(parameter)
    return made


def acceptable(made, value: Any) -> bool:
    return made.checkValueIsAcceptable(value, QgsProcessingContext())


# --- definitions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("choices", NOTHING.values(), ids=NOTHING)
def test_a_choice_list_that_offers_nothing_is_text_not_an_empty_enum(qgis_app, choices):
    for data_type in ("GPString", "GPMultiValue:GPString"):
        made = definition(
            text_input(
                dataType=data_type,
                defaultValue="as is",
                choiceList=choices,
                parameterType="esriGPParameterTypeRequired",
            )
        )
        assert isinstance(made, QgsProcessingParameterString)
        assert made.defaultValue() == ("as is" if data_type == "GPString" else None) and acceptable(made, "anything")


def test_a_choice_list_keeps_its_choices_and_its_default_as_the_task_spells_them(qgis_app):
    made = definition(text_input(defaultValue="RED", choiceList=["red", None, {"a": 1}, "", 5]))
    assert isinstance(made, QgsProcessingParameterEnum)
    assert (made.options(), made.defaultValue()) == (["red", "5"], "red") and acceptable(made, made.defaultValue())
    several = definition(
        text_input(dataType="GPMultiValue:GPString", defaultValue=["Red", "mauve", None, 5], choiceList=["red", "5"])
    )
    assert several.allowMultiple() and several.defaultValue() == ["red", "5"]
    unknown = definition(text_input(defaultValue="mauve", choiceList=["red"]))
    assert unknown.defaultValue() is None  # no choice: nothing chosen rather than a value the list refuses


@pytest.mark.parametrize(
    "codes",
    [*NOTHING.values(), [{"name": "x"}, {"name": "Null", "value": None}]],
    ids=[*NOTHING, "entries without a usable value"],
)
def test_coded_values_that_code_nothing_are_a_number_not_an_empty_enum(qgis_app, codes):
    made = definition(
        real_parameter(
            "filters_sync_GPValueTable",
            0,
            dataType="GPLong",
            defaultValue=2,
            filter={"type": "codedValue", "list": codes},
        )
    )
    assert isinstance(made, QgsProcessingParameterNumber) and acceptable(made, 2)


@pytest.mark.parametrize(
    "range_filter",
    [
        {"type": "range", "minimum": 10, "maximum": -10},
        {"type": "range", "minimum": "0", "maximum": None},
        {"type": "range", "minimum": True, "maximum": False},
        {"type": "range", "minimum": 10**400, "maximum": -(10**400)},
        {"type": "range", "minimum": float("nan"), "maximum": float("inf")},
        {"type": "range"},
        [],
        None,
        DROP,
    ],
    ids=[
        "inverted",
        "text and null",
        "booleans",
        "past a double",
        "NaN and infinity",
        "no bounds",
        "a list",
        "null",
        "missing",
    ],
)
def test_a_range_that_bounds_nothing_sets_no_bounds(qgis_app, range_filter):
    made = definition(
        real_parameter("filters_sync_GPValueTable", 0, dataType="GPDouble", defaultValue=5, filter=range_filter)
    )
    assert isinstance(made, QgsProcessingParameterNumber)
    assert all(acceptable(made, number) for number in (5, -1e300, 1e300))


def test_a_range_keeps_the_bounds_it_sets(qgis_app):
    made = definition(
        real_parameter(
            "filters_sync_GPValueTable",
            0,
            dataType="GPLong",
            defaultValue=5,
            filter={"type": "range", "minimum": 0, "maximum": "x"},
        )
    )
    assert made.minimum() == 0 and acceptable(made, 10**9) and not acceptable(made, -1)


@pytest.mark.parametrize(
    "listed",
    [*NOTHING.values(), ["Polygon", "esriGeometryMultiPatch"]],
    ids=[*NOTHING, "names Remote GP does not know"],
)
def test_a_feature_class_filter_that_names_no_type_restricts_layers_no_more_than_no_filter(qgis_app, listed):
    spec = {"type": "featureClass"} | ({} if listed is DROP else {"list": listed})
    schema = real_body("FeatureFiltersLinePolygon_async_task")["parameters"][0]["defaultValue"]
    assert (
        definition(feature_input(filter=spec)).dataTypes()
        == definition(feature_input(filter=DROP)).dataTypes()
        == [QgsProcessing.TypeVectorPolygon]
    )  # the geometry type of the task's schema
    no_type = {key: value for key, value in schema.items() if key != "geometryType"}
    assert definition(feature_input(filter=spec, defaultValue=no_type)).dataTypes() == [
        QgsProcessing.TypeVectorAnyGeometry
    ]
    assert definition(feature_input(filter=spec, defaultValue={})).dataTypes() == [QgsProcessing.TypeVectorAnyGeometry]


def test_the_real_feature_class_filter_restricts_layers(qgis_app):
    assert definition(feature_input()).dataTypes() == [QgsProcessing.TypeVectorLine, QgsProcessing.TypeVectorPolygon]


@pytest.mark.parametrize("listed", [*NOTHING.values(), [".", "*", "*."]], ids=[*NOTHING, "dots and stars"])
def test_a_file_filter_that_names_no_extension_offers_all_files(qgis_app, listed):
    spec = {"type": "file"} | ({} if listed is DROP else {"list": listed})
    made = definition(text_input(dataType="GPDataFile", filter=spec))
    assert isinstance(made, QgsProcessingParameterFile) and made.fileFilter() == "All files (*.*)"


def test_a_file_filter_offers_its_extensions_first(qgis_app):
    made = definition(text_input(dataType="GPDataFile", filter={"type": "file", "list": [".CSV", 5, "*.txt"]}))
    assert made.fileFilter() == "Accepted files (*.csv *.txt);;All files (*.*)"


@pytest.mark.parametrize(
    "listed",
    [*NOTHING.values(), ["Whatever"], ["Short", "Text"]],
    ids=[*NOTHING, "types Remote GP does not know", "numbers and text"],
)
def test_a_field_filter_that_names_no_single_kind_takes_any_field(qgis_app, listed):
    spec = {"type": "field"} | ({} if listed is DROP else {"list": listed})
    made = definition(text_input(dataType="Field", filter=spec))
    assert isinstance(made, QgsProcessingParameterField) and made.dataType() == QgsProcessingParameterField.Any


def test_a_field_filter_of_one_kind_by_any_name(qgis_app):
    made = definition(
        text_input(dataType="Field", filter={"type": "field", "list": ["esriFieldTypeSmallInteger", "long", 7]})
    )
    assert made.dataType() == QgsProcessingParameterField.Numeric


@pytest.mark.parametrize(
    "default", [5, "x", {"a": 1}, [[None, None], 7]], ids=["a number", "text", "an object", "a row and a number"]
)
def test_a_value_table_or_a_quantity_with_a_malformed_default_is_still_a_parameter(qgis_app, default):
    table = definition(long_column_table(choiceList=[]))
    assert isinstance(table, QgsProcessingParameterMatrix) and table.headers() == [
        "input long column",
        "input double column",
    ]
    malformed = definition(real_parameter("filters_sync_GPValueTable", 0, defaultValue=default))
    assert isinstance(malformed, QgsProcessingParameterMatrix)
    number, unit = definitions(text_input(dataType="GPLinearUnit", defaultValue={"distance": 2, "units": default}))
    meters = None if isinstance(default, str) else "Meters"  # units that are no text are none: meters
    assert (number.defaultValue(), unit.defaultValue()) == (2, meters)


# --- runs against the reference server -----------------------------------------------------------------


def points_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "points", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POINT (1 2)"))
    layer.dataProvider().addFeatures([feature])
    return layer


class Requests:
    """Counts the requests QGIS's network access managers are about to send (each thread's manager
    relays the signal to the main thread's, as for QGIS's Network Logger)."""

    def __init__(self) -> None:
        self._count = 0
        self._signal().connect(self._one)

    @property
    def count(self) -> int:
        QCoreApplication.processEvents()  # signals relayed from other threads
        return self._count

    @staticmethod
    def _signal():
        return QgsNetworkAccessManager.instance().requestAboutToBeCreated[QgsNetworkRequestParameters]

    def _one(self, _request: QgsNetworkRequestParameters) -> None:
        self._count += 1

    def close(self) -> None:
        self._signal().disconnect(self._one)


@pytest.fixture
def requests_sent():
    counter = Requests()
    yield counter
    counter.close()


class Errors(QgsProcessingFeedback):
    """A real feedback that keeps the errors it was told."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)


def run(algorithm, parameters: dict, feedback: QgsProcessingFeedback | None = None) -> dict:
    import processing

    return processing.run(algorithm, parameters, feedback=feedback)


def test_a_task_with_an_empty_choice_list_runs_with_its_own_default_and_any_text(plugin, local, requests_sent):
    algorithm = alg_id(local, *SPARSE)
    assert run(algorithm, {"Input_Features": points_layer(), "Output_Features": "memory:"})["Note_Used"] == "as it came"
    assert (
        run(algorithm, {"Input_Features": points_layer(), "Note": "Anything", "Output_Features": "memory:"})[
            "Note_Used"
        ]
        == "Anything"
    )
    assert requests_sent.count == 2  # one execute request a run: the counter sees what the plugin sends


def test_processing_run_without_the_required_features_names_them_and_sends_nothing(plugin, local, requests_sent):
    with pytest.raises(QgsProcessingException, match="Input_Features"):
        run(alg_id(local, *SPARSE), {"Note": "x", "Output_Features": "memory:"})
    assert requests_sent.count == 0


def test_a_model_that_gives_no_features_to_the_task_names_them_and_sends_nothing(plugin, local, requests_sent):
    """QGIS 3.22 does not check a model's child algorithms' values: gp_core refuses the run."""
    model = QgsProcessingModelAlgorithm("Copy sparsely", "Remote GP tests")
    model.addModelParameter(
        QgsProcessingParameterFeatureSource("layer", "Layer", [QgsProcessing.TypeVectorAnyGeometry], None, True),
        QgsProcessingModelParameter("layer"),
    )
    copy_step = QgsProcessingModelChildAlgorithm(alg_id(local, *SPARSE))
    copy_step.setChildId("copy")
    copy_step.setDescription("Copy Sparse")
    copy_step.addParameterSources(
        "Input_Features", [QgsProcessingModelChildParameterSource.fromModelParameter("layer")]
    )
    model.addChildAlgorithm(copy_step)
    assert model.validateChildAlgorithm("copy") == (True, [])  # the designer lets it be saved and run
    feedback = Errors()
    with pytest.raises(QgsProcessingException, match="Error encountered while running Copy Sparse"):
        run(model, {}, feedback)
    assert feedback.errors == [
        "Parameter 'Input_Features': a value is required (the task's default holds no features)."
    ]
    assert requests_sent.count == 0
