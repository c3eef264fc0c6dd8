"""Unit names of GPLinearUnit, GPArealUnit and GPTimeUnit values; linear units in metres.

The names are the enums of Esri's JSON schemas of the three types (tests/fixtures/real/*_json_schema.json).

esriFeet, esriInches, esriYards are US survey units (1 ft = 1200/3937 m) and the esriInt* units are
international ones (1 ft = 0.3048 m). esriMiles is the international mile, like esriIntMiles.
A missing unit (or esriUnknownUnits) means the spatial reference's unit: metres for this server.
"""

from __future__ import annotations

from dataclasses import dataclass

US_FOOT = 1200 / 3937
INT_FOOT = 0.3048
DECIMAL_DEGREES = "esriDecimalDegrees"

METRES_PER_UNIT: dict[str, float] = {
    "esriUnknownUnits": 1.0,
    "esriInches": US_FOOT / 12,
    "esriPoints": 0.0254 / 72,
    "esriFeet": US_FOOT,
    "esriYards": US_FOOT * 3,
    "esriMiles": 1609.344,
    "esriNauticalMiles": 1852.0,
    "esriMillimeters": 0.001,
    "esriCentimeters": 0.01,
    "esriMeters": 1.0,
    "esriKilometers": 1000.0,
    "esriDecimeters": 0.1,
    "esriIntInches": INT_FOOT / 12,
    "esriIntFeet": INT_FOOT,
    "esriIntYards": INT_FOOT * 3,
    "esriIntMiles": 1609.344,
    "esriIntNauticalMiles": 1852.0,
}
# Every unit name a GPLinearUnit may carry (angular ones included: they are valid, just not here).
LINEAR_UNIT_NAMES = (*METRES_PER_UNIT, DECIMAL_DEGREES)


@dataclass(frozen=True)
class LinearUnit:
    distance: float
    units: str | None

    def to_json(self) -> dict[str, object]:
        return {"distance": self.distance, "units": self.units or "esriMeters"}

    def metres(self) -> float:
        """The distance in metres; ValueError for decimal degrees (no meaning in a projected SR)."""
        if self.units == DECIMAL_DEGREES:
            raise ValueError(
                "esriDecimalDegrees is not supported: the task works in a projected spatial reference (metres)"
            )
        return self.distance * METRES_PER_UNIT[self.units or "esriMeters"]


AREAL_UNIT_NAMES = (
    "esriUnknownAreaUnits",
    "esriSquareInches",
    "esriSquareFeet",
    "esriSquareYards",
    "esriAcres",
    "esriSquareMiles",
    "esriSquareMillimeters",
    "esriSquareCentimeters",
    "esriSquareDecimeters",
    "esriSquareMeters",
    "esriAres",
    "esriHectares",
    "esriSquareKilometers",
    "esriSquareInchesUS",
    "esriSquareFeetUS",
    "esriSquareYardsUS",
    "esriAcresUS",
    "esriSquareMilesUS",
)
TIME_UNIT_NAMES = (
    "esriTimeUnitsCenturies",
    "esriTimeUnitsDays",
    "esriTimeUnitsDecades",
    "esriTimeUnitsHours",
    "esriTimeUnitsMilliseconds",
    "esriTimeUnitsMinutes",
    "esriTimeUnitsMonths",
    "esriTimeUnitsSeconds",
    "esriTimeUnitsWeeks",
    "esriTimeUnitsYears",
    "esriTimeUnitsUnknown",
)
#: What a GPTimeUnit without units means (Esri's gp-data-types page).
UNKNOWN_TIME_UNITS = "esriTimeUnitsUnknown"
