"""Choice lists, filters and parameterInfos as real tasks describe them, and as they are altered in the
wild (empty, null, missing, malformed): a rule that names no value restricts nothing, and never refuses
everything, the task's own default included. A required feature input whose default holds no
features is refused before anything is sent."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import shapely
from hypothesis import given, strategies as st

from real_bodies import real_body
from remote_gp.gp_core import FeatureSet, Field, ParameterError, Server, SpatialReference
from remote_gp.gp_core.filters import Rules
from remote_gp.gp_core.model import Service, Task
from remote_gp.gp_core.run import request_form, run
from remote_gp.gp_core.transport import RequestsTransport
from remote_gp.gp_core.values import encode

URL = "https://h/arcgis/rest/services/X/GPServer"
SERVER = Server("https://h/arcgis")
SERVICE = Service.from_json({"tasks": ["FeatureFiltersLinePolygon", "filters"]}, URL, "X")
DROP = object()
"""A key left out of a description."""
# How a rule's list turns up when it names nothing usable.
NOTHING = {
    "empty": [],
    "null": None,
    "text": "red",
    "object": {"a": 1},
    "number": 5,
    "of nulls, objects and blanks": [None, {}, [], "", "  ", True],
    "missing": DROP,
}


def features_task(**changes: Any) -> Task:
    """The real FeatureFiltersLinePolygon task (a featureClass filter on polygons and polylines, a
    schema for default, an optional GPString), with its parameters' keys changed as given."""
    body = copy.deepcopy(real_body("FeatureFiltersLinePolygon_async_task"))
    for parameter in body["parameters"]:
        changed(parameter, changes.get(parameter["name"], {}))
    return Task.from_json(body, f"{URL}/FeatureFiltersLinePolygon", SERVICE)


def table_task(**column_changes: Any) -> Task:
    """The real `filters` task: a GPValueTable whose two columns (GPLong, GPDouble) have range
    filters, with the first column's keys changed as given."""
    body = copy.deepcopy(real_body("filters_sync_GPValueTable"))
    changed(body["parameters"][0]["parameterInfos"][0], column_changes)
    return Task.from_json(body, f"{URL}/filters", SERVICE)


def changed(description: dict, changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if value is DROP:
            description.pop(key, None)
        else:
            description[key] = value


def points() -> FeatureSet:
    features = FeatureSet(geometry_type="esriGeometryPoint", spatial_reference=SpatialReference(wkid=3857))
    features.add(shapely.Point(1, 2), {})
    return features


def polygons() -> FeatureSet:
    features = FeatureSet(geometry_type="esriGeometryPolygon", spatial_reference=SpatialReference(wkid=3857))
    features.add(shapely.box(0, 0, 1, 1), {})
    return features


# --- choice lists ----------------------------------------------------------------------------------


@pytest.mark.parametrize("choices", NOTHING.values(), ids=NOTHING)
def test_a_choice_list_that_offers_nothing_restricts_nothing(choices):
    change = {"defaultValue": "as is", "choiceList": choices}
    name = features_task(esri_out_feature_service_name=change).parameter("esri_out_feature_service_name")
    assert name.choice_list is None and name.rules.choice_list is None
    assert encode(name, name.default_value) == "as is"  # the task's own default
    assert encode(name, "anything else") == "anything else"


def test_a_choice_list_keeps_the_choices_it_offers_and_drops_what_is_no_choice():
    change = {"defaultValue": "Red", "choiceList": ["red", None, 5, {"a": 1}, "", "green"]}
    name = features_task(esri_out_feature_service_name=change).parameter("esri_out_feature_service_name")
    assert name.choice_list == ["red", "5", "green"]
    assert encode(name, name.default_value) == "red"
    assert encode(name, 5) == "5"
    with pytest.raises(ParameterError, match="'blue' is not one of the choices: red, 5, green"):
        encode(name, "blue")


@pytest.mark.parametrize("choices", NOTHING.values(), ids=NOTHING)
def test_a_multivalue_and_a_value_table_column_with_an_empty_choice_list_take_any_text(choices):
    strings = features_task(
        esri_out_feature_service_name={
            "dataType": "GPMultiValue:GPString",
            "defaultValue": ["a", "b"],
            "choiceList": choices,
        }
    ).parameter("esri_out_feature_service_name")
    assert json.loads(encode(strings, strings.default_value)) == ["a", "b"]
    table = table_task(dataType="GPString", filter=DROP, choiceList=choices).parameter("Input_range_filters")
    assert json.loads(encode(table, [["anything", 1.5]])) == [["anything", 1.5]]


# --- range filters ---------------------------------------------------------------------------------


def test_the_real_range_filters_of_a_value_table_still_restrict():
    table = table_task().parameter("Input_range_filters")
    assert json.loads(encode(table, table.default_value)) == [[567, -56756.567], [-6567, 67886.678]]
    with pytest.raises(
        ParameterError,
        match=r"Input_range_filters\[input long column\]': 100000 is outside "
        r"the accepted range -99999 to 99999",
    ):
        encode(table, [[100000, 1]])


@pytest.mark.parametrize(
    "range_filter",
    [
        {"type": "range", "minimum": 10, "maximum": -10},  # above its maximum: no value at all
        {"type": "range", "minimum": None, "maximum": None},
        {"type": "range", "minimum": "0", "maximum": "1"},
        {"type": "range", "minimum": True, "maximum": False},
        {"type": "range", "minimum": float("inf"), "maximum": float("-inf")},
        {"type": "range", "minimum": float("nan"), "maximum": float("nan")},
        {"type": "range"},
        {"type": None, "minimum": 0, "maximum": 1},
        {"minimum": 0, "maximum": 1},
        [],
        "range",
        None,
        DROP,
    ],
    ids=[
        "inverted",
        "nulls",
        "text",
        "booleans",
        "infinities",
        "NaN",
        "no bounds",
        "no type",
        "type missing",
        "a list",
        "text filter",
        "null filter",
        "no filter",
    ],
)
def test_a_range_that_bounds_nothing_restricts_nothing(range_filter):
    table = table_task(filter=range_filter).parameter("Input_range_filters")
    assert json.loads(encode(table, [[123456789, 1]])) == [[123456789, 1.0]]
    assert json.loads(encode(table, table.default_value))[0] == [567, -56756.567]


def test_one_bound_alone_still_bounds():
    table = table_task(filter={"type": "range", "minimum": 0, "maximum": "x"}).parameter("Input_range_filters")
    assert json.loads(encode(table, [[10**6, 1]])) == [[10**6, 1.0]]
    with pytest.raises(ParameterError, match="-1 is outside the accepted range 0 to …"):
        encode(table, [[-1, 1]])


# --- coded values ----------------------------------------------------------------------------------

CODES = [{"name": "Low", "value": 1}, {"name": "High", "value": 3}]


@pytest.mark.parametrize(
    "codes",
    [*NOTHING.values(), [{"name": "Nothing"}, {"name": "Null", "value": None}, {"name": "Object", "value": {}}, "Low"]],
    ids=[*NOTHING, "entries without a usable value"],
)
def test_coded_values_that_code_nothing_restrict_nothing(codes):
    long = table_task(filter={"type": "codedValue", "list": codes}).parameter("Input_range_filters")
    assert json.loads(encode(long, [[2, 1]])) == [[2, 1.0]]


def test_coded_values_are_matched_whatever_json_type_the_task_wrote_them_in():
    written_as_text = [{"name": "Low", "value": "1"}, {"name": "High", "value": "3"}]
    long = table_task(filter={"type": "codedValue", "list": written_as_text}).parameter("Input_range_filters")
    assert json.loads(encode(long, [[3, 1], ["low", 1]])) == [[3, 1.0], [1, 1.0]]  # sent as the numbers they are
    with pytest.raises(ParameterError, match=r"2 is not one of the accepted values: Low \(1\), High \(3\)"):
        encode(long, [[2, 1]])
    text = table_task(
        dataType="GPString", filter={"type": "codedValue", "list": [{"name": "Low", "value": "lo"}, {"value": 7}]}
    ).parameter("Input_range_filters")
    assert json.loads(encode(text, [["LO", 1], ["7", 1]])) == [["lo", 1.0], ["7", 1.0]]
    assert text.columns[0].rules.coded_values == [("Low", "lo"), ("7", 7)]  # a code without a name shows its value


# --- featureClass, file and field filters ----------------------------------------------------------


def test_the_real_feature_class_filter_still_restricts():
    features = features_task().parameter("Input_Features")
    assert json.loads(encode(features, polygons()))["geometryType"] == "esriGeometryPolygon"
    with pytest.raises(ParameterError, match="'Input_Features': takes polygons or polylines, not points"):
        encode(features, points())


@pytest.mark.parametrize(
    "listed",
    [*NOTHING.values(), ["Polygon", "esriGeometryMultiPatch"]],
    ids=[*NOTHING, "names Remote GP does not know"],
)
def test_a_feature_class_filter_that_names_no_known_type_restricts_nothing(listed):
    spec = {"type": "featureClass"} | ({} if listed is DROP else {"list": listed})
    features = features_task(Input_Features={"filter": spec}).parameter("Input_Features")
    assert json.loads(encode(features, points()))["geometryType"] == "esriGeometryPoint"


def test_feature_class_names_are_read_without_regard_to_case():
    spec = {"type": "featureClass", "list": ["ESRIGEOMETRYPOINT", "Polygon"]}
    features = features_task(Input_Features={"filter": spec}).parameter("Input_Features")
    assert features.rules.geometry_types == ["esriGeometryPoint"]
    with pytest.raises(ParameterError, match="takes points, not polygons"):
        encode(features, polygons())


@pytest.mark.parametrize("listed", [*NOTHING.values(), [".", "*.", "*"]], ids=[*NOTHING, "dots and stars"])
def test_a_file_filter_that_names_no_extension_restricts_nothing(listed):
    spec = {"type": "file"} | ({} if listed is DROP else {"list": listed})
    data_file = features_task(esri_out_feature_service_name={"dataType": "GPDataFile", "filter": spec}).parameter(
        "esri_out_feature_service_name"
    )
    assert json.loads(encode(data_file, "https://h/setup.exe")) == {"url": "https://h/setup.exe"}


def test_file_extensions_with_dots_stars_or_capitals_and_several_parts():
    data_file = features_task(
        esri_out_feature_service_name={
            "dataType": "GPDataFile",
            "filter": {"type": "file", "list": [".CSV", "*.txt", "tar.gz"]},
        }
    ).parameter("esri_out_feature_service_name")
    assert data_file.rules.extensions == ["csv", "txt", "tar.gz"]
    for url in ("https://h/a.csv", "https://h/b.TXT", "https://h/c.tar.gz?x=1"):
        assert json.loads(encode(data_file, url)) == {"url": url}
    with pytest.raises(ParameterError, match=r"takes files of type .csv, .txt, .tar.gz, not 'https://h/d.gz'"):
        encode(data_file, "https://h/d.gz")


@pytest.mark.parametrize(
    "listed", [*NOTHING.values(), ["Whatever", "esriFieldTypeNothing"]], ids=[*NOTHING, "types Remote GP does not know"]
)
def test_a_field_filter_that_names_no_known_type_restricts_nothing(listed):
    spec = {"type": "field"} | ({} if listed is DROP else {"list": listed})
    field = features_task(esri_out_feature_service_name={"dataType": "Field", "filter": spec}).parameter(
        "esri_out_feature_service_name"
    )
    assert json.loads(encode(field, Field("NAME", "esriFieldTypeString")))["name"] == "NAME"


def test_field_types_by_arcpys_or_esris_names_in_any_case():
    field = features_task(
        esri_out_feature_service_name={
            "dataType": "Field",
            "filter": {"type": "field", "list": ["short", "esriFieldTypeInteger", "GUID", "x"]},
        }
    ).parameter("esri_out_feature_service_name")
    assert field.rules.field_types == ["Short", "Long", "GUID"]
    assert json.loads(encode(field, Field("N", "esriFieldTypeSmallInteger")))["type"] == "esriFieldTypeSmallInteger"
    with pytest.raises(ParameterError, match="takes a field of type Short, Long, GUID, not Text"):
        encode(field, Field("NAME", "esriFieldTypeString"))


# --- composites and filters of other types ---------------------------------------------------------


@pytest.mark.parametrize(
    "infos",
    [
        [],
        [{"dataType": None}, {"name": "x"}, 5],
        [{"dataType": "GPComposite"}],
        [{"dataType": "GPMultiValue:GPComposite"}],
    ],
    ids=["empty", "no data types", "a composite of a composite", "a multivalue in a composite"],
)
def test_a_composite_whose_types_name_no_single_type_sends_its_value_as_it_is(infos):
    composite = features_task(
        esri_out_feature_service_name={
            "dataType": "GPComposite",
            "parameterInfos": infos,
            "filter": {"type": "composite", "list": []},
        }
    ).parameter("esri_out_feature_service_name")
    assert composite.allowed_types == []
    assert encode(composite, "5 feet") == "5 feet"


@pytest.mark.parametrize(
    "spec",
    [
        {"type": "composite", "list": ["esriGeometryPolygon"]},
        {"type": "workspace", "list": ["LocalDatabase"]},
        {"type": 5, "list": [1]},
    ],
)
def test_a_filter_of_a_type_remote_gp_does_not_know_restricts_nothing(spec):
    rules = Rules("p", filter=spec)
    rules.geometry_type("esriGeometryPoint")
    rules.file_name("a.exe")
    rules.field_type("esriFieldTypeString")
    assert rules.after(rules.before("anything")) == "anything" and rules.after(-1e300) == -1e300


def unusable(*texts: str) -> st.SearchStrategy:
    """JSON values that hold no text or number a rule can use: nulls, booleans, the texts given, and
    lists and objects of those."""
    return st.recursive(
        st.none() | st.booleans() | st.sampled_from(["", " ", *texts]),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=6,
    )


UNUSABLE = unusable()
UNUSABLE_ENTRIES = unusable("*", ".", "*.")
"""Also what no file filter's extension, geometry type or field type can be."""


@given(
    kind=st.sampled_from(["codedValue", "featureClass", "file", "field", "range"]),
    listed=st.lists(UNUSABLE_ENTRIES, max_size=5) | UNUSABLE_ENTRIES,
    choices=st.lists(UNUSABLE, max_size=5) | UNUSABLE,
    bounds=st.tuples(UNUSABLE, UNUSABLE) | st.just((10**9, -(10**9))),
    value=st.sampled_from(["Low", "", "x", 0, -2.5, 10**12]),
)
def test_no_value_is_refused_by_rules_that_name_no_usable_value(kind, listed, choices, bounds, value):
    """Whatever a rule's parts hold instead of usable values, or a range whose minimum is above its maximum."""
    rules = Rules("p", choices, {"type": kind, "list": listed, "minimum": bounds[0], "maximum": bounds[1]})
    rules.geometry_type("esriGeometryPoint")
    rules.file_name("a.exe")
    rules.field_type("esriFieldTypeString")
    assert rules.after(rules.before(value)) == value


# --- required feature inputs -----------------------------------------------------------------------

SCHEMA = real_body("FeatureFiltersLinePolygon_async_task")["parameters"][0]["defaultValue"]


@pytest.mark.parametrize(
    "default",
    [
        {},
        None,
        DROP,
        "",
        "#",
        [],
        SCHEMA,
        {**SCHEMA, "features": None},
        {"Fields": SCHEMA["fields"], "features": []},
        {"spatialReference": {"wkid": 3857}},
        {"features": {}},
        {"url": ""},
        {"itemID": 5},
    ],
    ids=[
        "{}",
        "null",
        "missing",
        "empty text",
        "#",
        "[]",
        "a schema",
        "null features",
        "a legacy schema",
        "a spatial reference alone",
        "features not a list",
        "a blank url",
        "an itemID not text",
    ],
)
def test_a_required_feature_input_left_out_whose_default_holds_no_features_is_refused(default):
    task = features_task(Input_Features={"defaultValue": default})
    with pytest.raises(ParameterError, match="^Parameter 'Input_Features': a value is required"):
        request_form(SERVER, task, {})


def test_a_required_feature_input_whose_default_is_a_dict_says_it_holds_no_features():
    with pytest.raises(ParameterError, match=r"a value is required \(the task's default holds no features\)\.$"):
        request_form(SERVER, features_task(Input_Features={"defaultValue": {}}), {})


@pytest.mark.parametrize(
    "default",
    [
        {**SCHEMA, "features": [{"geometry": {"rings": [[[0, 0], [0, 1], [1, 1], [0, 0]]]}, "attributes": {}}]},
        {"url": "https://h/arcgis/rest/services/Parcels/FeatureServer/0"},
        {"itemID": "i1"},
    ],
    ids=["features", "a layer URL", "an uploaded item"],
)
def test_a_required_feature_input_whose_default_holds_data_may_be_left_out(default):
    assert "Input_Features" not in request_form(SERVER, features_task(Input_Features={"defaultValue": default}), {})


@pytest.mark.parametrize(
    "data_type, empty, data",
    [
        ("GPRasterDataLayer", {"format": "tif"}, {"url": "https://h/dem.tif", "format": "tif"}),
        ("GPDataFile", {"url": " "}, {"itemID": "i2"}),
        ("GPMultiValue:GPFeatureRecordSetLayer", [{}, SCHEMA], [SCHEMA, {"url": "https://h/FeatureServer/0"}]),
    ],
)
def test_raster_file_and_multivalue_defaults_count_only_when_they_hold_data(data_type, empty, data):
    for default, left_out in ((empty, False), (data, True)):
        task = features_task(Input_Features={"dataType": data_type, "defaultValue": default, "filter": DROP})
        if left_out:
            assert "Input_Features" not in request_form(SERVER, task, {})
        else:
            with pytest.raises(ParameterError, match=r"^Parameter 'Input_Features': a value is required\.$"):
                request_form(SERVER, task, {})


def test_a_required_feature_input_given_as_no_value_is_refused():
    task = features_task(Input_Features={"defaultValue": {}})
    for nothing in ({}, None, "", []):
        with pytest.raises(ParameterError, match="^Parameter 'Input_Features': a value is required"):
            request_form(SERVER, task, {"Input_Features": nothing})


# --- against the reference server --------------------------------------------------------------------


class Counting:
    """A real transport that counts the requests sent through it."""

    def __init__(self) -> None:
        self.inner = RequestsTransport()
        self.sent: list[str] = []

    def request(self, method: str, url: str, **options: Any):
        self.sent.append(url)
        return self.inner.request(method, url, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_an_arcgis_style_description_runs_its_default_and_refuses_missing_features_unsent(gp_server, http):
    """GP/CopyFeatures CopySparse: its features default is {} and its note's choice list is []."""
    counting = Counting()
    server = Server(gp_server, transport=counting)
    task = server.task("GP/CopyFeatures", "CopySparse")
    described = {p["name"]: p for p in http.get(task.url, params={"f": "json"}, timeout=30).json()["parameters"]}
    assert (described["Input_Features"]["defaultValue"], described["Note"]["choiceList"]) == ({}, [])
    note = task.parameter("Note")
    assert (task.parameter("Input_Features").default_value, note.default_value, note.choice_list) == (
        {},
        "as it came",
        None,
    )

    before = len(counting.sent)
    with pytest.raises(
        ParameterError,
        match=r"^Parameter 'Input_Features': a value is required \(the task's "
        r"default holds no features\)\.$",
    ):
        run(server, task, {"Note": note.default_value})
    with pytest.raises(ParameterError, match="^Parameter 'Input_Features': a value is required"):
        run(server, task, {"Input_Features": {}})
    assert counting.sent[before:] == []  # refused before anything was sent

    features = points()
    for note_given, used in (
        (note.default_value, "as it came"),
        ("Anything at all", "Anything at all"),
        (None, "as it came"),
    ):
        execution = run(server, task, {"Input_Features": features} | ({"Note": note_given} if note_given else {}))
        assert execution.output("Note_Used") == used
        assert len(execution.output("Output_Features")) == 1
    assert counting.sent[before:] == [f"{task.url}/execute"] * 3
