import pytest

from remote_gp.gp_core.units import LinearUnit, UnitError, parse_linear_unit


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5 feet", LinearUnit(5, "esriFeet")),
        ("5 Feet", LinearUnit(5, "esriFeet")),
        ("2.5 kilometers", LinearUnit(2.5, "esriKilometers")),
        ("2.5 Kilometres", LinearUnit(2.5, "esriKilometers")),
        ("5 esriFeet", LinearUnit(5, "esriFeet")),
        ("5 esriIntFeet", LinearUnit(5, "esriIntFeet")),
        ("5 International Feet", LinearUnit(5, "esriIntFeet")),
        ("12 NauticalMiles", LinearUnit(12, "esriNauticalMiles")),
        ("0.5 decimal degrees", LinearUnit(0.5, "esriDecimalDegrees")),
        ("1e3 m", LinearUnit(1000.0, "esriMeters")),
        ("  7   km ", LinearUnit(7, "esriKilometers")),
    ],
)
def test_linear_unit_text_in_every_spelling(text, expected):
    parsed = parse_linear_unit(text)
    assert parsed == expected
    assert parsed.to_json() == {"distance": expected.distance, "units": expected.units}


def test_a_bare_number_takes_the_parameters_default_units_else_metres():
    assert parse_linear_unit(5, "esriFeet") == LinearUnit(5, "esriFeet")
    assert parse_linear_unit("5") == LinearUnit(5, "esriMeters")
    assert parse_linear_unit({"distance": 3}) == LinearUnit(3, "esriMeters")


@pytest.mark.parametrize("bad", ["five feet", "5 furlongs", "5,000 feet", "", True, None, [1, 2, 3]])
def test_bad_distances_are_refused_with_what_is_accepted(bad):
    with pytest.raises(UnitError) as caught:
        parse_linear_unit(bad)
    if bad == "5 furlongs":
        assert "Feet" in str(caught.value) and "furlongs" in str(caught.value)


def test_arcpy_style_text_of_a_unit():
    assert str(LinearUnit(100, "esriMeters")) == "100 Meters"
