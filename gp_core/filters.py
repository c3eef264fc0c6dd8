"""What a parameter accepts, as its task declares it: `choiceList` and `filter` (range, codedValue,
featureClass, file, field). Checked before anything is sent; errors name the parameter and say
what it accepts.

The same rules apply to a parameter, to each member of a GPMultiValue, and to each column of a
GPValueTable (whose `parameterInfos` carry their own choiceList and filter).

A rule restricts only what it names. An empty, null, missing or malformed list, a list of values
of the wrong type, a range whose minimum is above its maximum: each of these names no value, and
restricts nothing (never "nothing is allowed", which would refuse the task's own default). Entries
a rule cannot use (a geometry or field type Remote GP does not know, a blank extension or choice, a
coded value that is not text or a number) are left out of it; a filter of a type Remote GP does not
know (`composite`) restricts nothing: the server still checks what it receives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Union
from urllib.parse import urlsplit

from .errors import ParameterError, quoted
from .geometry import NAMES
from .json_fields import text_of

Number = Union[int, float]  # not `int | float`: Python 3.9 (QGIS 3.22 on Windows) has no `|` for types


def choices_of(value: Any) -> list[str] | None:
    """A `choiceList` as the texts it offers (numbers as text); None when it offers none."""
    if not isinstance(value, list):
        return None
    choices = [str(choice) for choice in value if _is_plain(choice)]
    return choices or None


@dataclass(frozen=True)
class Rules:
    """The choice list and filter of a parameter, a multivalue member or a value-table column."""

    label: str
    choice_list: list[str] | None = None
    filter: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "choice_list", choices_of(self.choice_list))
        object.__setattr__(self, "filter", self.filter if isinstance(self.filter, dict) else None)

    @classmethod
    def of(cls, label: str, source: dict[str, Any]) -> Rules:
        return cls(label, source.get("choiceList"), source.get("filter"))

    @property
    def kind(self) -> str:
        return text_of((self.filter or {}).get("type"))

    @property
    def coded_values(self) -> list[tuple[str, Any]]:
        """(name shown, value sent) pairs of a codedValue filter; entries whose value is not text or
        a number are left out."""
        if self.kind != "codedValue":
            return []
        return [
            (_coded_name(item), item["value"])
            for item in self.listed
            if isinstance(item, dict) and _is_plain(item.get("value"))
        ]

    @property
    def listed(self) -> list[Any]:
        """The filter's `list` (coded values, geometry types, file extensions, field types)."""
        listed = (self.filter or {}).get("list")
        return listed if isinstance(listed, list) else []

    @property
    def bounds(self) -> tuple[Number | None, Number | None]:
        """A range filter's minimum and maximum, None where it sets none (or no finite number). A
        minimum above the maximum describes no value: such a range restricts nothing."""
        if self.kind != "range":
            return None, None
        low, high = (_bound_of((self.filter or {}).get(key)) for key in ("minimum", "maximum"))
        if low is not None and high is not None and low > high:
            return None, None
        return low, high

    @property
    def geometry_types(self) -> list[str]:
        """The geometry types a featureClass filter allows, by Esri's names; [] for any."""
        if self.kind != "featureClass":
            return []
        return [
            _GEOMETRY_TYPES[kind.lower()]
            for kind in self.listed
            if isinstance(kind, str) and kind.lower() in _GEOMETRY_TYPES
        ]

    @property
    def extensions(self) -> list[str]:
        """The extensions a file filter allows, in lower case without the dot ("csv" for "csv",
        ".csv" or "*.csv"); [] for any."""
        if self.kind != "file":
            return []
        cleaned = (
            extension.strip().lstrip("*").lstrip(".").lower() for extension in self.listed if isinstance(extension, str)
        )
        return [extension for extension in cleaned if extension]

    @property
    def field_types(self) -> list[str]:
        """The field types a field filter allows, by arcpy's names (`Short`, `Text`); [] for any."""
        if self.kind != "field":
            return []
        kinds = (_field_kind(kind) for kind in self.listed if isinstance(kind, str))
        return [kind for kind in kinds if kind is not None]

    def error(self, problem: str) -> ParameterError:
        return ParameterError(self.label, problem)

    def before(self, value: Any) -> Any:
        """A coded value given by its name becomes its value (the server takes values only)."""
        for name, coded in self.coded_values:
            if isinstance(value, str) and value.strip().lower() == name.lower() and value != coded:
                return coded
        return value

    def after(self, plain: Any) -> Any:
        """The encoded value checked against the choice list, codes and range; choices and text
        codes are matched without regard to case and sent as the task spells them."""
        if self.choice_list is not None and isinstance(plain, str):
            plain = self._choice(plain)
        if self.coded_values:
            plain = self._coded(plain)
        if isinstance(plain, (int, float)) and not isinstance(plain, bool):
            self._range(plain)
        return plain

    def geometry_type(self, geometry_type: str | None) -> None:
        """A featureClass filter: the geometry types a feature input may have."""
        allowed = self.geometry_types
        if allowed and geometry_type and geometry_type not in allowed:
            names = " or ".join(_plural(t) for t in allowed)
            raise self.error(f"takes {names}, not {_plural(geometry_type)}.")

    def file_name(self, name: str) -> None:
        """A file filter: the extensions a file input may have."""
        allowed = self.extensions
        file_name = PurePosixPath(urlsplit(name).path if "://" in name else name).name.lower()
        if allowed and not any(file_name.endswith("." + extension) for extension in allowed):
            raise self.error(f"takes files of type {', '.join('.' + e for e in allowed)}, not '{name}'.")

    def field_type(self, field_type: str) -> None:
        """A field filter: the field types a Field input may have, by arcpy's names (`Short`, `Text`)
        or Esri's (`esriFieldTypeSmallInteger`)."""
        allowed = self.field_types
        kind = _field_kind(field_type)
        if allowed and kind not in allowed:
            raise self.error(f"takes a field of type {', '.join(allowed)}, not {kind or quoted(field_type)}.")

    def _choice(self, plain: str) -> str:
        for choice in self.choice_list or []:
            if choice.lower() == plain.lower():
                return choice
        raise self.error(f"'{plain}' is not one of the choices: {', '.join(self.choice_list or [])}.")

    def _coded(self, plain: Any) -> Any:
        """The value as the task codes it: text as the task spells it, a number as given (a code
        written as text, "2", takes the number 2)."""
        for _, coded in self.coded_values:
            if isinstance(coded, str) and isinstance(plain, str):
                if coded.strip().lower() == plain.strip().lower():
                    return coded
            elif _number_in(coded) is not None and _number_in(coded) == _number_in(plain):
                return plain
        shown = ", ".join(f"{name} ({value})" for name, value in self.coded_values)
        raise self.error(f"{plain!r} is not one of the accepted values: {shown}.")

    def _range(self, number: Number) -> None:
        low, high = self.bounds
        if (low is not None and number < low) or (high is not None and number > high):
            raise self.error(f"{_bound(number)} is outside the accepted range {_bound(low)} to {_bound(high)}.")


_GEOMETRY_TYPES = {name.lower(): name for name in NAMES}
_ARCPY_FIELD_TYPES = (
    "Short",
    "Long",
    "BigInteger",
    "Float",
    "Double",
    "Text",
    "Date",
    "DateOnly",
    "TimeOnly",
    "TimestampOffset",
    "OID",
    "GlobalID",
    "GUID",
    "Blob",
    "Raster",
    "Geometry",
    "XML",
)
_FIELD_KINDS = {
    **{name.lower(): name for name in _ARCPY_FIELD_TYPES},
    "smallinteger": "Short",
    "integer": "Long",
    "single": "Float",
    "string": "Text",
}


def _field_kind(name: str) -> str | None:
    """arcpy's name of a field type (esriFieldTypeInteger → Long, esriFieldTypeString → Text, long →
    Long); None for a name that is neither arcpy's nor Esri's."""
    bare = name.strip()
    if bare.lower().startswith("esrifieldtype"):
        bare = bare[len("esriFieldType") :]
    return _FIELD_KINDS.get(bare.lower())


def _is_plain(value: Any) -> bool:
    """Text (not blank) or a number: what a choice or a code can be."""
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _coded_name(item: dict[str, Any]) -> str:
    name = item.get("name")
    return name if isinstance(name, str) and name.strip() else _shown(item["value"])


def _bound_of(value: Any) -> Number | None:
    """A range bound: a whole number (however large) or a finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if isinstance(value, int) or math.isfinite(value) else None


def _number_in(value: Any) -> Number | None:
    """A number, or the number text spells ("2", "2.5"); None for anything else."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    return _bound_of(value)


def _plural(geometry_type: str) -> str:
    return f"{NAMES[geometry_type]}s" if geometry_type in NAMES else geometry_type


def _shown(name: Any) -> str:
    """A coded value's name (or the value itself) as the user sees it."""
    return name if isinstance(name, str) else quoted(name)


def _bound(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "…"
    try:
        return f"{value:g}"
    except OverflowError:  # an integer past float's range
        return quoted(value)
