"""Filters at their edges: a range's bounds themselves, one-value ranges, and each kind of filter
restricting only what it names (gp_core.filters; written to kill the mutants `make mutation` found
surviving)."""

from __future__ import annotations

import dataclasses

import pytest

from encoded import param, refused, sent
from remote_gp.gp_core.filters import Rules
from remote_gp.gp_core.values import encode

RANGE = {"filter": {"type": "range", "minimum": -10, "maximum": 10}}


@pytest.mark.parametrize("data_type, value", [("GPLong", -10), ("GPLong", 10), ("GPDouble", -10.0), ("GPDouble", 10)])
def test_a_range_takes_its_bounds_themselves(data_type, value):
    assert sent(data_type, value, **RANGE) == value


@pytest.mark.parametrize(
    "data_type, value, shown",
    [("GPLong", -11, "-11"), ("GPLong", 11, "11"), ("GPDouble", -10.5, "-10.5"), ("GPDouble", 10.001, "10.001")],
)
def test_a_range_refuses_what_lies_just_beyond_its_bounds(data_type, value, shown):
    assert refused(data_type, value, **RANGE) == f"Parameter 'p': {shown} is outside the accepted range -10 to 10."


def test_a_range_of_one_value_takes_that_value_only():
    one = {"filter": {"type": "range", "minimum": 5, "maximum": 5}}
    assert sent("GPLong", 5, **one) == 5
    assert refused("GPLong", 6, **one) == "Parameter 'p': 6 is outside the accepted range 5 to 5."
    assert refused("GPLong", 4, **one) == "Parameter 'p': 4 is outside the accepted range 5 to 5."


def test_a_bound_past_the_range_of_a_float_is_still_shown():
    message = refused("GPLong", -1, filter={"type": "range", "minimum": 0, "maximum": 10**400})
    assert message.startswith("Parameter 'p': -1 is outside the accepted range 0 to 1000")
    assert "..." in message and len(message) < 120


def test_a_number_past_the_range_of_a_float_is_refused_with_the_parameters_name():
    assert "is not a whole number" in refused("GPLong", 10**400)
    assert "is not a number" in refused("GPDouble", -(10**400))


def test_a_range_on_text_leaves_the_text_alone():
    assert encode(param("GPString", **RANGE), "eleven") == "eleven"
    assert encode(param("GPString", **RANGE), "20") == "20"


def test_a_filter_of_a_kind_remote_gp_does_not_know_restricts_nothing_even_with_a_list_of_codes():
    composite = {"filter": {"type": "composite", "list": [{"name": "Low", "value": 1}, {"name": "High", "value": 3}]}}
    assert sent("GPLong", 2, **composite) == 2
    assert encode(param("GPString", **composite), "High") == "High"  # never turned into the code 3


@pytest.mark.parametrize(
    "kind, listed",
    [
        ("file", ["xml", "date", "polygon"]),
        ("featureClass", ["Text"]),
        ("codedValue", [{"name": "A", "value": "csv"}]),
        ("range", ["Short"]),
        ("composite", ["esriGeometryPoint", "txt"]),
    ],
)
def test_each_list_is_read_by_its_own_kind_of_filter_only(kind, listed):
    rules = Rules("p", filter={"type": kind, "list": listed})
    own = {
        "file": rules.extensions,
        "featureClass": rules.geometry_types,
        "field": rules.field_types,
        "codedValue": [value for _, value in rules.coded_values],
    }
    others = {name: value for name, value in own.items() if name != kind}
    assert others == {name: [] for name in others}


def test_rules_name_the_lists_of_their_own_kind():
    assert Rules("p", filter={"type": "file", "list": ["*.CSV", ".txt", " ", 5]}).extensions == ["csv", "txt"]
    assert Rules("p", filter={"type": "field", "list": ["esriFieldTypeString", "Long", "nonsense"]}).field_types == [
        "Text",
        "Long",
    ]
    assert Rules("p", filter={"type": "featureClass", "list": ["esriGeometryPolygon", "circle"]}).geometry_types == [
        "esriGeometryPolygon"
    ]
    assert Rules("p", filter={"type": "range", "minimum": 1, "maximum": 2}).bounds == (1, 2)
    assert Rules("p", filter={"type": "file", "minimum": 1, "maximum": 2}).bounds == (None, None)


def test_rules_are_values_that_cannot_change():
    rules = Rules("p", ["a"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.label = "q"  # type: ignore[misc]
