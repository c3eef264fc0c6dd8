"""Parameter values both ways, dispatched on the exact `dataType`.

`encode` turns a Python value into the form-field text a server expects (JSON text; plain
strings go bare); `decode` turns a result value into a Python object.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import GPError, ParameterError
from .featureset import FeatureSet, as_utc_datetime
from .model import DataType, Parameter
from .remote import FeatureService, ImageService, MapImage, RasterFile, RemoteFile
from .units import LinearUnit, UnitError, parse_linear_unit

if TYPE_CHECKING:
    from .server import Server

Uploader = Callable[[Path], str]
"""Uploads a local file to the service and returns its itemID; None when the service takes no uploads."""

_EMPTY = (None, "", "#")
_STRINGS = {"GPString", "GPStringHidden", "GPSQLExpression"}
_FEATURES = {"GPFeatureRecordSetLayer", "GPRecordSet"}
_FILES = {"GPRasterDataLayer", "GPRasterData", "GPDataFile"}


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in _EMPTY) or value == []


def encode(parameter: Parameter, value: Any, uploader: Uploader | None = None) -> str | None:
    """The wire text for `value`, or None when nothing is to be sent (an empty optional)."""
    if is_empty(value):
        if parameter.is_required:
            raise ParameterError(parameter.name, "a value is required.")
        return None
    try:
        encoded = _encode(parameter.data_type, parameter, value, uploader)
    except (UnitError, GPError) as error:
        if isinstance(error, ParameterError):
            raise
        raise ParameterError(parameter.name, str(error)) from None
    return encoded if isinstance(encoded, str) else json.dumps(encoded, allow_nan=False)


def _encode(data_type: DataType, parameter: Parameter, value: Any, uploader: Uploader | None) -> Any:
    base = data_type.base
    if base in _STRINGS:
        return value if isinstance(value, str) else str(value)
    if base == "GPLong":
        return _integer(parameter, value)
    if base == "GPDouble":
        return _double(parameter, value)
    if base == "GPBoolean":
        return _boolean(parameter, value)
    if base == "GPLinearUnit":
        default = parameter.default_value if isinstance(parameter.default_value, dict) else {}
        return parse_linear_unit(value, default.get("units")).to_json()
    if base in _FEATURES:
        return _features(parameter, value)
    if base in _FILES:
        return _file(parameter, value, uploader)
    if hasattr(value, "to_json"):
        return value.to_json()
    return value


def _integer(parameter: Parameter, value: Any) -> int:
    number = _number(parameter, value, "a whole number")
    if not number.is_integer():
        raise ParameterError(parameter.name, f"{value!r} is not a whole number.")
    return int(number)


def _double(parameter: Parameter, value: Any) -> float:
    return _number(parameter, value, "a number")


def _number(parameter: Parameter, value: Any, what: str) -> float:
    """A finite number from a number or numeric text; booleans are not numbers here."""
    try:
        number = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise ParameterError(parameter.name, f"{value!r} is not {what}.")
    return number


def _boolean(parameter: Parameter, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    raise ParameterError(parameter.name, f"{value!r} is not true or false.")


def _features(parameter: Parameter, value: Any) -> dict:
    if isinstance(value, FeatureSet):
        return value.to_json()
    if isinstance(value, (FeatureService, RemoteFile)):
        return value.to_json()
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return {"url": value}
    if isinstance(value, (str, Path)):
        features = schema_of(parameter)
        features.load(value)
        return features.to_json()
    raise ParameterError(
        parameter.name, f"{type(value).__name__} cannot be sent as features: give a FeatureSet, a file path or a URL."
    )


def _file(parameter: Parameter, value: Any, uploader: Uploader | None) -> dict:
    if isinstance(value, (RemoteFile, ImageService)):
        return value.to_json()
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return {"url": value}
    if not isinstance(value, (str, Path)):
        raise ParameterError(parameter.name, f"{type(value).__name__} is not a file: give a local path or a URL.")
    path = Path(value)
    if not path.exists():
        raise ParameterError(parameter.name, f"'{path}' does not exist (give a local file or a URL).")
    if uploader is None:
        raise ParameterError(
            parameter.name,
            f"'{path}' is a local file, but the service does not accept uploads: "
            "give a URL the server can read instead.",
        )
    return {"itemID": uploader(path)}


def schema_of(parameter: Parameter) -> FeatureSet:
    """An empty FeatureSet with the schema the task declares as the parameter's default."""
    default = parameter.default_value
    if isinstance(default, dict) and ("fields" in default or "Fields" in default or "geometryType" in default):
        return FeatureSet.from_json(default).empty_copy()
    return FeatureSet()


def decode(data_type: DataType, value: Any, server: Server) -> Any:
    """A result value as a Python object: FeatureSet, RasterFile, MapImage, LinearUnit, list, scalar."""
    base = data_type.base
    if base == "GPMultiValue" and isinstance(value, list):
        member = DataType(data_type.member or "GPString")
        return [decode(member, item, server) for item in value]
    if isinstance(value, dict) and isinstance(value.get("mapImage"), dict):
        image = value["mapImage"]
        return MapImage(image.get("href", ""), image.get("width"), image.get("height"), image.get("extent"), image.get("scale"))
    if base in _FEATURES and isinstance(value, dict):
        if "url" in value and "features" not in value:
            return FeatureService(value["url"])
        return FeatureSet.from_json(value)
    if base in ("GPRasterDataLayer", "GPRasterData") and isinstance(value, dict) and "url" in value:
        if value.get("type") == "ImageService":
            return ImageService(value["url"])
        return RasterFile(value["url"], server, value.get("format") or "tif")
    if base == "GPDataFile" and isinstance(value, dict) and "url" in value:
        return RemoteFile(value["url"], server)
    if base == "GPLinearUnit" and isinstance(value, dict):
        return LinearUnit.from_json(value)
    if base == "GPDate" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return as_utc_datetime(value)
    return value
