"""The ``query`` operation of a layer, as ArcGIS's map and feature services answer it: the hosted
feature layer's and the result map service's layers share it.

Parameters: ``where`` (``1=1``, or comparisons of a field with a number or a 'string' joined by AND:
``OBJECTID < 3``), ``outFields``, ``returnGeometry``, ``outSR``, ``returnZ``/``returnM``,
``orderByFields`` (``NAME DESC, OBJECTID``), ``returnCountOnly``, and paging with ``resultOffset`` and
``resultRecordCount``. An answer holds at most the layer's ``maxRecordCount`` features, the first ones
in order (by object id unless ``orderByFields`` says otherwise); ``exceededTransferLimit`` says
whether more match after them.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from .featureset import OID, Feature, FeatureSet
from .request import is_true
from .responses import RestError
from .spatial_ref import SpatialRef

ALL_ROWS = ("", "1=1")
COMPARISON = re.compile(r"^\s*(\w+)\s*(<=|>=|<>|!=|=|<|>)\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\s*$")
ORDER = re.compile(r"^\s*(\w+)(?:\s+(ASC|DESC))?\s*$", re.IGNORECASE)
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "<>": operator.ne,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def query(params: Mapping[str, str], features: FeatureSet, max_records: int) -> dict[str, Any]:
    """The answer to a query of a layer holding ``features``, whose ``maxRecordCount`` is ``max_records``."""
    wanted = _where(params.get("where", ""), features)
    matches = [f for f in features.features if wanted(f.attributes)]
    if is_true(params.get("returnCountOnly")):
        return {"count": len(matches)}
    out_sr = _out_sr(params.get("outSR", ""))
    ordered = _ordered(matches, params.get("orderByFields", ""), features)
    offset, count = _page(params, max_records)
    page = ordered[offset : offset + count]
    fields = _out_fields(features, params.get("outFields", ""))
    with_geometry = params.get("returnGeometry", "true").strip().lower() != "false"
    names = [f["name"] for f in fields]
    selected = replace(
        features,
        fields=fields,
        features=tuple(
            Feature(
                f.geometry if with_geometry else None,
                {n: f.attributes.get(n) for n in names},
                f.sent if with_geometry else None,
            )
            for f in page
        ),
    )
    answer = selected.to_json(out_sr, return_z=is_true(params.get("returnZ")), return_m=is_true(params.get("returnM")))
    del answer["displayFieldName"]
    answer["exceededTransferLimit"] = offset + len(page) < len(ordered)
    return {"objectIdFieldName": object_id_field(features), "globalIdFieldName": "", **answer}


def object_id_field(features: FeatureSet) -> str:
    return next((f["name"] for f in features.fields if f.get("type") == OID), "")


def _invalid(parameter: str, problem: str) -> RestError:
    return RestError(
        400,
        "Unable to complete operation.",
        [f"'{parameter}' parameter is invalid: {problem}", "Unable to complete Query operation."],
    )


def _where(text: str, features: FeatureSet) -> Callable[[Mapping[str, Any]], bool]:
    """The row test of a ``where`` clause; an invalid clause is the 'where' parameter error."""
    if text.strip() in ALL_ROWS:
        return lambda _row: True
    names = {f["name"].lower(): f["name"] for f in features.fields}
    tests = []
    for part in re.split(r"\s+and\s+", text.strip(), flags=re.IGNORECASE):
        match = COMPARISON.match(part)
        if match is None or match[1].lower() not in names:
            raise _invalid("where", text)
        name, literal = names[match[1].lower()], match[3]
        value = literal[1:-1].replace("''", "'") if literal.startswith("'") else float(literal)
        present = (f.attributes.get(name) for f in features.features)
        if any(isinstance(v, str) != isinstance(value, str) for v in present if v is not None):
            raise _invalid("where", text)  # a string compared with a number, or the reverse
        tests.append((name, OPERATORS[match[2]], value))
    return lambda row: all(row.get(name) is not None and test(row[name], value) for name, test, value in tests)


def _out_sr(text: str) -> SpatialRef | None:
    try:
        return SpatialRef.parse(text) if text.strip() else None
    except ValueError as exc:
        raise _invalid("outSR", str(exc)) from exc


def _out_fields(features: FeatureSet, spec: str) -> tuple[dict[str, Any], ...]:
    """``*`` (or nothing): every field; else the named ones (without case), in the layer's order."""
    wanted = {name.strip().lower() for name in spec.split(",") if name.strip()}
    if not wanted or "*" in wanted:
        return tuple(dict(f) for f in features.fields)
    unknown = wanted - {f["name"].lower() for f in features.fields}
    if unknown:
        raise _invalid("outFields", f"no field {sorted(unknown)[0]}")
    return tuple(dict(f) for f in features.fields if f["name"].lower() in wanted)


def _ordered(matches: Sequence[Feature], spec: str, features: FeatureSet) -> list[Feature]:
    """The features sorted by ``orderByFields`` (nulls first, as ascending SQL sorts them), else as
    the layer keeps them: by object id."""
    names = {f["name"].lower(): f["name"] for f in features.fields}
    ordered = list(matches)
    keys = [part for part in spec.split(",") if part.strip()]
    for part in reversed(keys):  # a stable sort per key, the last key first
        match = ORDER.match(part)
        if match is None or match[1].lower() not in names:
            raise _invalid("orderByFields", spec)
        name = names[match[1].lower()]
        ordered.sort(key=lambda f: _sort_key(f.attributes.get(name)), reverse=(match[2] or "").upper() == "DESC")
    return ordered


def _sort_key(value: Any) -> tuple[bool, Any]:
    return (False, 0) if value is None else (True, value)


def _page(params: Mapping[str, str], max_records: int) -> tuple[int, int]:
    """The offset and size of the page asked for; no more than ``max_records`` features."""
    try:
        offset = int(params.get("resultOffset", "").strip() or 0)
        count = int(params.get("resultRecordCount", "").strip() or max_records)
    except ValueError as exc:
        raise _invalid("resultOffset/resultRecordCount", str(exc)) from exc
    if offset < 0 or count < 1:
        raise _invalid("resultOffset/resultRecordCount", "they must be at least 0 and 1")
    return offset, min(count, max_records)
