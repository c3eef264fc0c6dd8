"""Linear units: `"5 feet"`, `"2.5 Kilometers"`, `"5 esriFeet"`, `{"distance": 5, "units": "esriFeet"}`.

`esriFeet` is the US survey foot and `esriIntFeet` the international foot, as in Esri's
REST API; plain "feet" means esriFeet, as arcpy's "Feet" does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

LINEAR_UNITS: dict[str, tuple[str, ...]] = {
    "esriUnknownUnits": ("unknown",),
    "esriInches": ("inches", "inch", "in", "usinches"),
    "esriPoints": ("points", "point", "pt"),
    "esriFeet": ("feet", "foot", "ft", "usfeet", "ussurveyfeet", "ussurveyfoot", "feetus"),
    "esriYards": ("yards", "yard", "yd", "usyards"),
    "esriMiles": ("miles", "mile", "mi", "usmiles", "statutemiles"),
    "esriNauticalMiles": ("nauticalmiles", "nauticalmile", "nmi", "usnauticalmiles"),
    "esriMillimeters": ("millimeters", "millimetres", "millimeter", "millimetre", "mm"),
    "esriCentimeters": ("centimeters", "centimetres", "centimeter", "centimetre", "cm"),
    "esriMeters": ("meters", "metres", "meter", "metre", "m"),
    "esriKilometers": ("kilometers", "kilometres", "kilometer", "kilometre", "km"),
    "esriDecimalDegrees": ("decimaldegrees", "degrees", "degree", "dd"),
    "esriDecimeters": ("decimeters", "decimetres", "decimeter", "decimetre", "dm"),
    "esriIntInches": ("internationalinches", "internationalinch", "intinches", "inchesint"),
    "esriIntFeet": ("internationalfeet", "internationalfoot", "intfeet", "feetint"),
    "esriIntYards": ("internationalyards", "intyards", "yardsint"),
    "esriIntMiles": ("internationalmiles", "intmiles", "milesint"),
    "esriIntNauticalMiles": ("internationalnauticalmiles", "intnauticalmiles", "nauticalmilesint"),
}

_LINEAR_LOOKUP = {
    alias: esri for esri, aliases in LINEAR_UNITS.items() for alias in (*aliases, esri.lower(), esri[4:].lower())
}
_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


class UnitError(ValueError):
    """Text that is not a quantity with a known unit; the message says what is accepted."""


@dataclass(frozen=True)
class LinearUnit:
    distance: float
    units: str = "esriMeters"

    def to_json(self) -> dict:
        return {"distance": self.distance, "units": self.units}

    @classmethod
    def from_json(cls, body: Any) -> LinearUnit:
        if not isinstance(body, dict) or not isinstance(body.get("distance"), (int, float)):
            raise UnitError(f"{body!r} is not a linear unit ({{'distance': number, 'units': 'esri…'}}).")
        return cls(body["distance"], body.get("units") or "esriMeters")

    def __str__(self) -> str:
        return f"{self.distance:g} {self.units[4:]}"


def parse_linear_unit(value: Any, default_units: str | None = None) -> LinearUnit:
    """A LinearUnit from text, a (number, unit) pair, an Esri JSON dict or a bare number.

    A bare number takes `default_units` (the parameter's default unit), else metres, which is
    what a server assumes when `units` is missing.
    """
    if isinstance(value, LinearUnit):
        return value
    if isinstance(value, dict):
        return LinearUnit.from_json(value)
    if isinstance(value, bool):
        raise UnitError(f"{value!r} is not a distance.")
    if isinstance(value, (int, float)):
        return LinearUnit(value, default_units or "esriMeters")
    if isinstance(value, (tuple, list)) and len(value) == 2:
        value = f"{value[0]} {value[1]}"
    if not isinstance(value, str):
        raise UnitError(f"{value!r} is not a distance: give e.g. '5 Feet' or '2.5 Kilometers'.")
    match = _QUANTITY.match(value)
    if not match:
        raise UnitError(f"'{value}' is not a distance: give e.g. '5 Feet' or '2.5 Kilometers'.")
    number, unit = match.groups()
    distance = float(number)
    if not unit:
        return LinearUnit(distance, default_units or "esriMeters")
    esri = _LINEAR_LOOKUP.get(re.sub(r"[\s_\-]", "", unit).lower())
    if esri is None:
        known = ", ".join(name[4:] for name in LINEAR_UNITS)
        raise UnitError(f"'{unit}' is not a linear unit; known units: {known}.")
    return LinearUnit(int(distance) if distance.is_integer() and "." not in number else distance, esri)
