"""What a parameter accepts, as its task declares it: `choiceList` and `filter` (range, codedValue,
featureClass, file, field). Checked before anything is sent; errors name the parameter and say
what it accepts.

The same rules apply to a parameter, to each member of a GPMultiValue, and to each column of a
GPValueTable (whose `parameterInfos` carry their own choiceList and filter).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .errors import ParameterError, quoted
from .geometry import NAMES
from .json_fields import text_of


@dataclass(frozen=True)
class Rules:
    """The choice list and filter of a parameter, a multivalue member or a value-table column."""

    label: str
    choice_list: list[str] | None = None
    filter: dict | None = None

    @classmethod
    def of(cls, label: str, source: dict) -> Rules:
        choices = source.get("choiceList")
        spec = source.get("filter")
        return cls(label, [str(c) for c in choices] if isinstance(choices, list) else None,
                   spec if isinstance(spec, dict) else None)

    @property
    def kind(self) -> str:
        return text_of((self.filter or {}).get("type"))

    @property
    def coded_values(self) -> list[tuple[str, Any]]:
        """(name shown, value sent) pairs of a codedValue filter."""
        if self.kind != "codedValue":
            return []
        return [(_shown(item.get("name", item.get("value"))), item.get("value"))
                for item in self.listed if isinstance(item, dict) and "value" in item]

    @property
    def listed(self) -> list:
        """The filter's `list` (coded values, geometry types, file extensions, field types)."""
        listed = (self.filter or {}).get("list")
        return listed if isinstance(listed, list) else []

    def error(self, problem: str) -> ParameterError:
        return ParameterError(self.label, problem)

    def before(self, value: Any) -> Any:
        """A coded value given by its name becomes its value (the server takes values only)."""
        for name, coded in self.coded_values:
            if isinstance(value, str) and value.strip().lower() == name.lower() and value != coded:
                return coded
        return value

    def after(self, plain: Any) -> Any:
        """The encoded value checked against the choice list, codes and range; choices are
        matched without regard to case and sent as the task spells them."""
        if self.choice_list is not None and isinstance(plain, str):
            plain = self._choice(plain)
        if self.kind == "codedValue" and self.coded_values and plain not in [v for _, v in self.coded_values]:
            shown = ", ".join(f"{name} ({value})" for name, value in self.coded_values)
            raise self.error(f"{plain!r} is not one of the accepted values: {shown}.")
        if self.kind == "range" and isinstance(plain, (int, float)) and not isinstance(plain, bool):
            self._range(plain)
        return plain

    def geometry_type(self, geometry_type: str | None) -> None:
        """A featureClass filter: the geometry types a feature input may have."""
        allowed = [kind for kind in self.listed if isinstance(kind, str)] if self.kind == "featureClass" else []
        if allowed and geometry_type and geometry_type not in allowed:
            names = " or ".join(_plural(t) for t in allowed)
            raise self.error(f"takes {names}, not {_plural(geometry_type)}.")

    def file_name(self, name: str) -> None:
        """A file filter: the extensions a file input may have."""
        allowed = [e.lower().lstrip(".") for e in self.listed if isinstance(e, str)] if self.kind == "file" else []
        extension = PurePosixPath(urlsplit(name).path if "://" in name else name).suffix.lower().lstrip(".")
        if allowed and extension not in allowed:
            raise self.error(f"takes files of type {', '.join('.' + e for e in allowed)}, not '{name}'.")

    def field_type(self, field_type: str) -> None:
        """A field filter: the field types a Field input may have, by arcpy's names (`Short`, `Text`)
        or Esri's (`esriFieldTypeSmallInteger`)."""
        allowed = [kind for kind in self.listed if isinstance(kind, str)] if self.kind == "field" else []
        if allowed and _field_kind(field_type) not in [_field_kind(t) for t in allowed]:
            raise self.error(f"takes a field of type {', '.join(map(str, allowed))}, not {_field_kind(field_type)}.")

    def _choice(self, plain: str) -> str:
        for choice in self.choice_list or []:
            if choice.lower() == plain.lower():
                return choice
        raise self.error(f"'{plain}' is not one of the choices: {', '.join(self.choice_list or [])}.")

    def _range(self, number: float) -> None:
        low, high = self.filter.get("minimum"), self.filter.get("maximum")
        if (isinstance(low, (int, float)) and number < low) or (isinstance(high, (int, float)) and number > high):
            raise self.error(f"{_bound(number)} is outside the accepted range {_bound(low)} to {_bound(high)}.")


_FIELD_KINDS = {"smallinteger": "Short", "integer": "Long", "single": "Float", "string": "Text",
                "globalid": "GlobalID", "oid": "OID", "biginteger": "BigInteger"}


def _field_kind(name: str) -> str:
    """arcpy's name of a field type: esriFieldTypeInteger → Long, esriFieldTypeString → Text."""
    bare = name.replace("esriFieldType", "")
    return _FIELD_KINDS.get(bare.lower(), bare[:1].upper() + bare[1:])


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
