"""ogc_model's details, one by one: what its mutants showed no other test pinned down."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from remote_gp.gp_core import BadResponse, UnknownParameter
from remote_gp.gp_core.ogc_model import Kind, Process, ProcessInput, ProcessOutput, ValueType, classify

GEOJSON_FORMAT = {"format": "geojson-feature-collection"}


def _described(**members: Any) -> Process:
    return Process.from_json({"id": "p", **members}, "the server", "http://host/processes/p")


def test_kinds_read_as_their_text() -> None:
    assert str(Kind.RASTER) == "raster" and f"{Kind.BBOX}" == "bbox" and Kind("enum") is Kind.ENUM


def test_descriptions_are_frozen_with_their_defaults() -> None:
    value = ValueType(Kind.NUMBER)
    assert (value.exclusive_minimum, value.exclusive_maximum, value.min_items, value.max_items) == (
        False,
        False,
        0,
        None,
    )
    described = ProcessInput("a", "", "", value)
    assert (described.min_occurs, described.max_occurs) == (1, 1)
    for frozen in (value, described, ProcessOutput("b", "", "", value), Process("p")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            frozen.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("kind", list(Kind))
def test_literals_are_the_five_simple_kinds(kind: Kind) -> None:
    simple = {Kind.NUMBER, Kind.INTEGER, Kind.STRING, Kind.ENUM, Kind.BOOLEAN}
    assert ValueType(kind).is_literal is (kind in simple)


def test_inputs_and_outputs_show_their_schema_and_media_types() -> None:
    schema = {"type": "string", "contentMediaType": "text/csv"}
    process = _described(
        inputs={"a": {"schema": schema, "minOccurs": 0}, "b": {"schema": {"type": "number"}}},
        outputs={"c": {"schema": schema}},
    )
    a, b, c = process.input("a"), process.input("b"), process.output("c")
    assert a.schema == schema and a.media_types == ("text/csv",) and not a.is_required
    assert b.is_required and b.min_occurs == 1 and b.max_occurs == 1  # the standard's defaults
    assert c.schema == schema and c.media_types == ("text/csv",)
    with pytest.raises(UnknownParameter, match="Process 'p' has no input 'z' \\(its inputs: a, b\\)"):
        process.input("z")


@pytest.mark.parametrize(
    ("options", "sync", "asynchronous", "dismiss"),
    [
        ([], True, False, False),
        (["async-execute"], False, True, False),
        (["sync-execute", "dismiss"], True, False, True),
    ],
)
def test_job_control_options(options: list[str], sync: bool, asynchronous: bool, dismiss: bool) -> None:
    process = _described(jobControlOptions=options)
    assert (process.runs_sync, process.runs_async, process.dismissable) == (sync, asynchronous, dismiss)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ([], "lists a process that is not a JSON object"),
        ({"id": ""}, "lists a process without an id"),
        ({"id": 5}, "lists a process without an id"),
        ({"id": "p", "title": True}, "'title' should be text, not True"),
        ({"id": "p", "description": {"en": "x"}}, "'description' should be text"),
        ({"id": "p", "outputTransmission": ["value", 1]}, "'outputTransmission' should be a list of texts"),
    ],
)
def test_a_broken_summary_is_named(body: Any, words: str) -> None:
    with pytest.raises(BadResponse, match=words):
        Process.summary_from_json(body, "the server")


def test_texts_of_a_summary() -> None:
    process = Process.summary_from_json({"id": "p", "version": 2.5, "title": None}, "the server")
    assert (process.version, process.title, process.description) == ("2.5", "", "")
    titled = _described(title="Buffer", description="Buffers.", outputs={"o": {"title": "Out", "schema": {}}})
    assert (titled.title, titled.description, titled.output("o").title) == ("Buffer", "Buffers.", "Out")
    assert process.job_control_options == () and process.output_transmission == ()


def test_the_execute_link() -> None:
    linked = _described(links=[{"rel": "http://www.opengis.net/def/rel/ogc/1.0/execute", "href": "../run/p"}])
    assert linked.execute_url == "http://host/run/p"
    assert _described(links=[{"rel": "self", "href": "x"}]).execute_url == "http://host/processes/p/execution"
    assert Process.from_json({"id": "p"}, "the server").execute_url == ""


def test_inputs_listed_as_the_drafts_did() -> None:
    process = _described(inputs=[{"id": "a", "schema": {"type": "integer"}}, {"id": "b"}])
    assert list(process.inputs) == ["a", "b"]
    assert process.inputs["a"].value.kind == Kind.INTEGER and process.inputs["b"].value.kind == Kind.COMPLEX
    for broken in ([{"id": ""}], [{"title": "x"}], ["a"], "a"):
        with pytest.raises(BadResponse, match="the server: process 'p': .*'inputs'"):
            _described(inputs=broken)
    with pytest.raises(BadResponse, match="output 'o' is not described by a JSON object"):
        _described(outputs={"o": "text"})


@pytest.mark.parametrize(
    ("occurs", "expected"),
    [({"minOccurs": "2", "maxOccurs": "3"}, (2, 3)), ({"minOccurs": 0, "maxOccurs": "unbounded"}, (0, None))],
)
def test_occurrences(occurs: dict[str, Any], expected: tuple[int, int | None]) -> None:
    described = _described(inputs={"a": {"schema": {}, **occurs}}).inputs["a"]
    assert (described.min_occurs, described.max_occurs) == expected


@pytest.mark.parametrize(
    "occurs",
    [{"minOccurs": "unbounded"}, {"minOccurs": -1}, {"maxOccurs": True}, {"maxOccurs": 1.5}, {"minOccurs": "two"}],
)
def test_wrong_occurrences_are_named(occurs: dict[str, Any]) -> None:
    with pytest.raises(BadResponse, match="input 'a': 'm..Occurs'"):
        _described(inputs={"a": {"schema": {}, **occurs}})


def test_features_by_any_branch_and_geojson_first() -> None:
    either = {"oneOf": [{"contentMediaType": "application/gml+xml"}, {"contentMediaType": "application/geo+json"}]}
    assert classify(either).media_types == ("application/geo+json", "application/gml+xml")
    nested_format = {
        "oneOf": [{"type": "string", "contentMediaType": "text/xml"}, {"type": "object", **GEOJSON_FORMAT}]
    }
    assert classify(nested_format).kind == Kind.FEATURES
    by_type = {"type": "object", "properties": {"type": {"enum": ["FeatureCollection"]}, "features": {}}}
    assert classify(by_type).kind == Kind.FEATURES
    one_feature = {"type": "object", "properties": {"type": {"enum": ["Feature"]}}}
    assert classify(one_feature).kind == Kind.COMPLEX


def _all_of(depth: int) -> dict[str, Any]:
    """The GeoJSON format `depth` allOf levels down."""
    schema: dict[str, Any] = dict(GEOJSON_FORMAT)
    for _ in range(depth):
        schema = {"allOf": [schema]}
    return schema


def test_features_are_looked_for_eight_levels_down() -> None:
    assert classify(_all_of(8)).kind == Kind.FEATURES
    assert classify(_all_of(9)).kind == Kind.COMPLEX
    format_beside_ref = {"allOf": [{"$ref": "#/x"}, {"allOf": [{"type": "object"}, GEOJSON_FORMAT]}]}
    assert classify(format_beside_ref).kind == Kind.FEATURES


def test_array_sizes() -> None:
    assert classify({"type": "array", "maxItems": 0}).max_items == 0
    assert classify({"type": "array"}).min_items == 0
    for broken in ({"minItems": -1}, {"minItems": "2"}, {"minItems": True}, {"maxItems": -1}):
        with pytest.raises(BadResponse, match="Items' should be a whole number"):
            classify({"type": "array", **broken})


def test_a_bound_beside_an_exclusive_one() -> None:
    value = classify({"type": "number", "minimum": 5, "exclusiveMinimum": 3, "maximum": 9})
    assert (value.minimum, value.exclusive_minimum, value.maximum, value.exclusive_maximum) == (5, True, 9, False)
    assert classify({"type": "number", "exclusiveMaximum": 7}).maximum == 7
