"""Quantities with units as they go on the wire: every way of giving one, and every way of giving a
wrong one (gp_core.units; written to kill the mutants `make mutation` found surviving)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from remote_gp.gp_core.units import ArealUnit, LinearUnit, TimeUnit, UnitError, parse_linear_unit


def sent(unit: LinearUnit | ArealUnit | TimeUnit) -> str:
    """The JSON text a unit parameter sends."""
    return json.dumps(unit.to_json())


@pytest.mark.parametrize(
    "given, expected",
    [
        ("5 feet", '{"distance": 5, "units": "esriFeet"}'),  # a whole number stays whole
        ("-2 km", '{"distance": -2, "units": "esriKilometers"}'),
        ("5.0 feet", '{"distance": 5.0, "units": "esriFeet"}'),  # as the user wrote it
        ("5. feet", '{"distance": 5.0, "units": "esriFeet"}'),
        ("1e3 m", '{"distance": 1000.0, "units": "esriMeters"}'),
        ("1E3 m", '{"distance": 1000.0, "units": "esriMeters"}'),
        ("2.5", '{"distance": 2.5, "units": "esriMeters"}'),
        ((5, "feet"), '{"distance": 5, "units": "esriFeet"}'),
        (["2.5", "Kilometers"], '{"distance": 2.5, "units": "esriKilometers"}'),
        (("12", "nmi"), '{"distance": 12, "units": "esriNauticalMiles"}'),
        ("3 US Survey Feet", '{"distance": 3, "units": "esriFeet"}'),
        ("3 international_feet", '{"distance": 3, "units": "esriIntFeet"}'),
        ({"distance": 7, "units": "esriYards"}, '{"distance": 7, "units": "esriYards"}'),
        ({"distance": 7.5, "units": None}, '{"distance": 7.5, "units": "esriMeters"}'),
    ],
)
def test_what_a_linear_unit_sends(given, expected):
    assert sent(parse_linear_unit(given)) == expected


def test_a_unit_given_as_a_unit_is_kept_as_it_is():
    unit = LinearUnit(3, "esriYards")
    assert parse_linear_unit(unit) is unit
    assert sent(parse_linear_unit(unit, "esriFeet")) == '{"distance": 3, "units": "esriYards"}'


def test_units_are_values_that_cannot_change():
    unit = LinearUnit(3, "esriYards")
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.value = 4  # type: ignore[misc]
    assert {unit: "kept"}[LinearUnit(3, "esriYards")] == "kept"


@pytest.mark.parametrize(
    "body",
    [
        {"units": "esriFeet"},
        {"distance": None, "units": "esriFeet"},
        {"distance": "5", "units": "esriFeet"},
        {"distance": True, "units": "esriFeet"},
        {"distance": float("nan"), "units": "esriFeet"},
    ],
)
def test_esri_json_without_a_number_is_refused(body):
    with pytest.raises(UnitError, match=r"is not a linear unit \(\{'distance': number, 'units': 'esri…'\}\)"):
        parse_linear_unit(body)


@pytest.mark.parametrize("units", ["esriFurlongs", "feet", 5, ["esriFeet"]])
def test_esri_json_with_units_esri_does_not_name_is_refused_with_the_known_names(units):
    with pytest.raises(UnitError) as caught:
        parse_linear_unit({"distance": 5, "units": units})
    message = str(caught.value)
    assert "is not a linear unit; known units: esriUnknownUnits, esriInches, esriPoints, esriFeet," in message
    assert message.endswith("esriIntMiles, esriIntNauticalMiles.")


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2 hectares", '{"area": 2, "units": "esriHectares"}'),
        ("2.5 Hectares", '{"area": 2.5, "units": "esriHectares"}'),
        ("10 sq ft", '{"area": 10, "units": "esriSquareFeet"}'),  # international square feet
        ("10 square feet US", '{"area": 10, "units": "esriSquareFeetUS"}'),
        ("4 km2", '{"area": 4, "units": "esriSquareKilometers"}'),
        (40, '{"area": 40, "units": "esriSquareMeters"}'),
        ({"area": 1, "units": "esriAcres"}, '{"area": 1, "units": "esriAcres"}'),
    ],
)
def test_what_an_areal_unit_sends(given, expected):
    unit = ArealUnit.parse(given)
    assert sent(unit) == expected
    assert unit.area == json.loads(expected)["area"]


@pytest.mark.parametrize(
    "given, expected",
    [
        ("3 hours", '{"time": 3, "units": "esriTimeUnitsHours"}'),
        ("3 hr", '{"time": 3, "units": "esriTimeUnitsHours"}'),
        ("90 s", '{"time": 90, "units": "esriTimeUnitsSeconds"}'),
        ("2 Weeks", '{"time": 2, "units": "esriTimeUnitsWeeks"}'),
        (90, '{"time": 90, "units": "esriTimeUnitsUnknown"}'),
    ],
)
def test_what_a_time_unit_sends(given, expected):
    unit = TimeUnit.parse(given)
    assert sent(unit) == expected
    assert unit.time == json.loads(expected)["time"]


def test_arcpy_style_text_of_areal_and_time_units():
    assert str(ArealUnit(2.5, "esriHectares")) == "2.5 Hectares"
    assert str(TimeUnit(3, "esriTimeUnitsHours")) == "3 Hours"


@pytest.mark.parametrize("bad", [(5,), (5, "feet", "x"), ("feet", 5), "5 feet 3"])
def test_pairs_of_other_sizes_and_text_after_the_unit_are_refused(bad):
    with pytest.raises(UnitError, match="is not a linear unit"):
        parse_linear_unit(bad)
