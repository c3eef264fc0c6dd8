"""Parameter filters, checked the way ArcGIS validates them: an ERROR naming the parameter.

Choice lists, ``range`` and ``codedValue`` filters apply to a converted value; ``file`` and
``featureClass`` filters need the data (a file's name, a feature set's geometry type), so they are
checked once references are resolved (see ``resolve``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .model import ParamDef
from .tool_errors import ToolError


def check_value(param: ParamDef, value: Any) -> None:
    if param.choice_list and isinstance(value, str) and value not in param.choice_list:  # [] restricts nothing
        raise not_a_member(param, param.choice_list)
    kind = (param.filter or {}).get("type")
    if kind == "range" and isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_range(param, value)
    elif kind == "codedValue":
        codes = [entry["value"] for entry in param.filter["list"]]
        if isinstance(value, bool) or value not in codes:
            raise not_a_member(param, [json.dumps(code) for code in codes])


def check_file(param: ParamDef, file_name: str) -> None:
    """A ``file`` filter lists the allowed extensions, without the dot."""
    if (param.filter or {}).get("type") != "file":
        return
    extensions = param.filter.get("list") or []
    if not extensions:  # [] restricts nothing
        return
    _, dot, extension = file_name.rpartition(".")
    if not dot or extension.lower() not in [e.lower() for e in extensions]:
        raise ToolError(
            f"ERROR 000800: {param.display_name}: The value is not a member of "
            f"{' | '.join(extensions)} (file {file_name})."
        )


def check_geometry_type(param: ParamDef, geometry_type: str) -> None:
    if (param.filter or {}).get("type") != "featureClass":
        return
    allowed = param.filter.get("list") or []
    if allowed and geometry_type not in allowed:  # [] restricts nothing
        raise ToolError(
            f"ERROR 000366: {param.display_name}: Invalid geometry type {geometry_type} "
            f"(allowed: {' | '.join(allowed)})."
        )


def not_a_member(param: ParamDef, members: Sequence[str]) -> ToolError:
    return ToolError(f"ERROR 000800: {param.display_name}: The value is not a member of {' | '.join(members)}.")


def _check_range(param: ParamDef, value: float) -> None:
    assert param.filter is not None
    low, high = param.filter.get("minimum"), param.filter.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ToolError(
            f"ERROR 000854: {param.display_name}: The value is out of the range from "
            f"{json.dumps(low)} to {json.dumps(high)}."
        )
