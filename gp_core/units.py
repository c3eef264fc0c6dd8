"""Quantities with units: linear (`"5 feet"`), areal (`"2 hectares"`) and time (`"3 hours"`).

Each takes text (`"5 Feet"`, `"5 esriFeet"`), a (number, unit) pair, its Esri JSON, or a bare
number (in the parameter's default unit, else the server's default). Esri's names are not
symmetric: `esriFeet` is the US survey foot (`esriIntFeet` the international one), while
`esriSquareFeet` is the international square foot (`esriSquareFeetUS` the survey one). Plain
"feet" means esriFeet, as arcpy's "Feet" does; plain "square feet" means esriSquareFeet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from .errors import GPError, quoted
from .json_fields import number_of

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

AREAL_UNITS: dict[str, tuple[str, ...]] = {
    "esriUnknownAreaUnits": ("unknown",),
    "esriSquareInches": ("squareinches", "squareinch", "sqin", "in2"),
    "esriSquareFeet": ("squarefeet", "squarefoot", "sqft", "ft2"),
    "esriSquareYards": ("squareyards", "squareyard", "sqyd", "yd2"),
    "esriAcres": ("acres", "acre", "ac"),
    "esriSquareMiles": ("squaremiles", "squaremile", "sqmi", "mi2"),
    "esriSquareMillimeters": ("squaremillimeters", "squaremillimetres", "sqmm", "mm2"),
    "esriSquareCentimeters": ("squarecentimeters", "squarecentimetres", "sqcm", "cm2"),
    "esriSquareDecimeters": ("squaredecimeters", "squaredecimetres", "sqdm", "dm2"),
    "esriSquareMeters": ("squaremeters", "squaremetres", "squaremeter", "squaremetre", "sqm", "m2"),
    "esriAres": ("ares", "are"),
    "esriHectares": ("hectares", "hectare", "ha"),
    "esriSquareKilometers": ("squarekilometers", "squarekilometres", "sqkm", "km2"),
    "esriSquareInchesUS": ("ussquareinches", "squareinchesus"),
    "esriSquareFeetUS": ("ussquarefeet", "squarefeetus", "ussurveysquarefeet"),
    "esriSquareYardsUS": ("ussquareyards", "squareyardsus"),
    "esriAcresUS": ("usacres", "acresus", "ussurveyacres"),
    "esriSquareMilesUS": ("ussquaremiles", "squaremilesus"),
}

TIME_UNITS: dict[str, tuple[str, ...]] = {
    "esriTimeUnitsCenturies": ("centuries", "century"),
    "esriTimeUnitsDays": ("days", "day", "d"),
    "esriTimeUnitsDecades": ("decades", "decade"),
    "esriTimeUnitsHours": ("hours", "hour", "h", "hr"),
    "esriTimeUnitsMilliseconds": ("milliseconds", "millisecond", "ms"),
    "esriTimeUnitsMinutes": ("minutes", "minute", "min"),
    "esriTimeUnitsMonths": ("months", "month"),
    "esriTimeUnitsSeconds": ("seconds", "second", "s", "sec"),
    "esriTimeUnitsWeeks": ("weeks", "week", "wk"),
    "esriTimeUnitsYears": ("years", "year", "yr"),
    "esriTimeUnitsUnknown": ("unknown",),
}

_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


class UnitError(GPError, ValueError):
    """Text or JSON that is not a quantity with a known unit; the message says what is accepted."""


def _lookup(table: dict[str, tuple[str, ...]], prefix: str) -> dict[str, str]:
    """Every spelling of every unit (aliases, the Esri name, the Esri name without its prefix)."""
    return {
        alias: esri
        for esri, aliases in table.items()
        for alias in (*aliases, esri.lower(), esri[len(prefix) :].lower())
    }


_Q = TypeVar("_Q", bound="_Quantity")


@dataclass(frozen=True)
class _Quantity:
    """A number and an Esri unit name. Subclasses name their JSON key and their unit table."""

    value: float
    units: str

    NOUN: ClassVar[str]
    KEY: ClassVar[str]
    TABLE: ClassVar[dict[str, tuple[str, ...]]]
    PREFIX: ClassVar[str]
    DEFAULT: ClassVar[str]
    EXAMPLE: ClassVar[str]
    _SPELLINGS: ClassVar[dict[str, str]]

    def __init_subclass__(cls) -> None:
        cls._SPELLINGS = _lookup(cls.TABLE, cls.PREFIX)

    def to_json(self) -> dict[str, Any]:
        return {self.KEY: self.value, "units": self.units}

    def __str__(self) -> str:
        return f"{self.value:g} {self.units[len(self.PREFIX) :]}"

    @classmethod
    def from_json(cls: type[_Q], body: Any) -> _Q:
        number = body.get(cls.KEY) if isinstance(body, dict) else None
        if number_of(number) is None:
            raise UnitError(f"{quoted(body)} is not a {cls.NOUN} ({{'{cls.KEY}': number, 'units': 'esri…'}}).")
        units = body.get("units") or cls.DEFAULT
        if not isinstance(units, str) or units not in cls.TABLE:
            raise UnitError(f"{quoted(units)} is not a {cls.NOUN}; known units: {', '.join(cls.TABLE)}.")
        return cls(number, units)  # type: ignore[arg-type]  # number_of(number) said it is a number

    @classmethod
    def parse(cls: type[_Q], value: Any, default_units: str | None = None) -> _Q:
        """From text, a (number, unit) pair, Esri JSON, or a bare number (in `default_units`,
        else the server's default unit)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            return cls.from_json(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return cls(value, default_units or cls.DEFAULT)
        if isinstance(value, (tuple, list)) and len(value) == 2:
            value = f"{value[0]} {value[1]}"
        match = _QUANTITY.match(value) if isinstance(value, str) else None
        if not match:
            raise UnitError(f"{value!r} is not a {cls.NOUN}: give e.g. '{cls.EXAMPLE}'.")
        number_text, unit = match.groups()
        number = float(number_text)
        if number.is_integer() and "." not in number_text and "e" not in number_text.lower():
            number = int(number)
        if not unit:
            return cls(number, default_units or cls.DEFAULT)
        esri = cls._SPELLINGS.get(re.sub(r"[\s_\-]", "", unit).lower())
        if esri is None:
            known = ", ".join(name[len(cls.PREFIX) :] for name in cls.TABLE)
            raise UnitError(f"'{unit}' is not a {cls.NOUN}; known units: {known}.")
        return cls(number, esri)


class LinearUnit(_Quantity):
    NOUN, KEY, TABLE, PREFIX, DEFAULT, EXAMPLE = "linear unit", "distance", LINEAR_UNITS, "esri", "esriMeters", "5 Feet"

    @property
    def distance(self) -> float:
        return self.value


class ArealUnit(_Quantity):
    NOUN, KEY, TABLE, PREFIX, DEFAULT, EXAMPLE = (
        "areal unit",
        "area",
        AREAL_UNITS,
        "esri",
        "esriSquareMeters",
        "2.5 Hectares",
    )

    @property
    def area(self) -> float:
        return self.value


class TimeUnit(_Quantity):
    NOUN, KEY, TABLE, PREFIX, DEFAULT, EXAMPLE = (
        "time unit",
        "time",
        TIME_UNITS,
        "esriTimeUnits",
        "esriTimeUnitsUnknown",
        "3 Hours",
    )

    @property
    def time(self) -> float:
        return self.value


def parse_linear_unit(value: Any, default_units: str | None = None) -> LinearUnit:
    return LinearUnit.parse(value, default_units)
