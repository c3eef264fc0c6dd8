"""FeatureSet: the features and table rows that GP services take and return.

A FeatureSet has a schema (geometry type, spatial reference, fields, hasZ/hasM), one shapely
geometry (or None) per feature, its M values (with hasM: an array per geometry, beside it, as
measures.py explains) and one attribute dict per feature. esriFieldTypeDate values
are timezone-aware UTC datetimes; DateOnly, TimeOnly and TimestampOffset values stay the
strings the server sends; 64-bit integers are Python ints.

`load` and `save` follow arcpy: a FeatureSet that came from a task's schema keeps that schema
when a file is loaded into it (see `load`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import json_encode
from .errors import DataError, GeometryError, quoted
from .gcpause import gc_paused
from .geometry import (
    ENVELOPE,
    MULTIPOINT,
    NAMES,
    POINT,
    check_geometry_type,
    common_geometry_type,
    from_esri,
    to_esri,
    to_esri_text,
    to_esri_values,
)
from .json_decode import is_raw, tree
from .json_encode import EPOCH, MILLISECOND, PLAIN_TYPES, column_text, dumps, value_text
from .json_fields import text_of
from .measures import native
from .spatialref import SpatialReference

if TYPE_CHECKING:
    from numpy.typing import NDArray

DATE = "esriFieldTypeDate"
DATE_ONLY = "esriFieldTypeDateOnly"
TIME_ONLY = "esriFieldTypeTimeOnly"
TIMESTAMP_OFFSET = "esriFieldTypeTimestampOffset"
OID = "esriFieldTypeOID"
STRING = "esriFieldTypeString"
INTEGER_TYPES = ("esriFieldTypeSmallInteger", "esriFieldTypeInteger", "esriFieldTypeBigInteger", OID)


@dataclasses.dataclass
class Field:
    name: str
    type: str = STRING
    alias: str = ""
    length: int | None = None
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)  # domain, nullable, editable, ... as received

    @classmethod
    def from_json(cls, obj: Any) -> Field:
        if not isinstance(obj, dict) or not isinstance(obj.get("name"), str) or not obj["name"]:
            raise DataError(f"A field must be a JSON object with a name, not {quoted(obj)}.")
        length = obj.get("length")
        return cls(
            name=obj["name"],
            type=text_of(obj.get("type")) or STRING,
            alias=text_of(obj.get("alias")),
            length=length if isinstance(length, int) and not isinstance(length, bool) else None,
            extra={key: value for key, value in obj.items() if key not in ("name", "type", "alias", "length")},
        )

    def to_json(self) -> dict[str, Any]:
        obj: dict[str, Any] = {"name": self.name, "type": self.type, "alias": self.alias or self.name}
        if self.length is not None:
            obj["length"] = self.length
        obj.update(self.extra)
        return obj

    def copy(self) -> Field:
        return dataclasses.replace(self, extra=dict(self.extra))


class FeatureSet:
    """Features (or table rows, when there is no geometry type) with their schema."""

    def __init__(
        self,
        geometry_type: str | None = None,
        spatial_reference: SpatialReference | None = None,
        fields: Sequence[Field] = (),
        *,
        has_z: bool = False,
        has_m: bool = False,
        display_field_name: str = "",
    ):
        if geometry_type is not None:
            check_geometry_type(geometry_type)
        self.geometry_type = geometry_type
        self.spatial_reference = spatial_reference
        self.fields = list(fields)
        self.has_z = has_z
        self.has_m = has_m
        self.display_field_name = display_field_name
        self.exceeded_transfer_limit = False
        self.attributes: list[dict[str, Any]] = []
        self._geometries = np.empty(0, dtype=object)
        self._measures: NDArray[Any] | None = None  # None: no feature has M values
        self._added: list[Any] = []  # (geometry, M values) from add(), appended to the arrays when next read

    # -- features ------------------------------------------------------------------------------

    @property
    def geometries(self) -> NDArray[Any]:
        """One shapely geometry (or None) per feature, as an object array, in X Y [Z]."""
        self._flush()
        return self._geometries

    @property
    def measures(self) -> NDArray[Any]:
        """The M values of each feature's geometry: a float array per geometry in the vertex order
        of `shapely.get_coordinates` (NaN: no value), or None where it has none."""
        self._flush()
        if self._measures is None:
            return np.full(len(self._geometries), None, dtype=object)
        return self._measures

    def _flush(self) -> None:
        """Append the features of add() to the arrays."""
        if not self._added:
            return
        geometries = _object_array([geometry for geometry, _ in self._added])
        added_measures = _object_array([values for _, values in self._added])
        if self._measures is not None or any(values is not None for values in added_measures):
            current = (
                self._measures if self._measures is not None else np.full(len(self._geometries), None, dtype=object)
            )
            self._measures = np.concatenate([current, added_measures])
        self._geometries = np.concatenate([self._geometries, geometries])
        self._added = []

    def __len__(self) -> int:
        return len(self.attributes)

    def add(
        self, geometry: Any, attributes: dict[str, Any] | None = None, measures: Sequence[float] | None = None
    ) -> None:
        """Append one feature: a shapely geometry (or None), its attributes and, for a feature set with
        M, the M value of each of its vertices (a geometry that carries M itself gives them too)."""
        if geometry is not None:
            geoms, native_measures = native(_object_array([geometry]))
            self._check_geometries(geoms)
            geometry = geoms[0]
            if measures is None and native_measures is not None:
                measures = native_measures[0]
        self._added.append((geometry, np.asarray(measures, dtype=float) if measures is not None else None))
        self.attributes.append(dict(attributes or {}))

    def set_features(
        self,
        geometries: Sequence[Any] | NDArray[Any] | None,
        attributes: Iterable[dict[str, Any]] | None = None,
        measures: Sequence[Any] | NDArray[Any] | None = None,
    ) -> None:
        """Replace all features. geometries None: a table (or features without geometry). measures: the
        M values of each geometry (see `measures`); geometries that carry M themselves give them too."""
        attribute_list = [dict(a or {}) for a in attributes] if attributes is not None else None
        if geometries is None:
            geometries = [None] * (len(attribute_list) if attribute_list is not None else 0)
        geoms = _object_array(geometries)
        if attribute_list is None:
            attribute_list = [{} for _ in range(len(geoms))]
        if len(attribute_list) != len(geoms):
            raise DataError(f"{len(geoms)} geometries but {len(attribute_list)} attribute rows: they must pair up.")
        self._check_geometries(geoms)
        geoms, native_measures = native(geoms)
        if measures is not None:
            measures = _object_array(measures)
            if len(measures) != len(geoms):
                raise DataError(f"{len(geoms)} geometries but {len(measures)} sets of M values: they must pair up.")
        self._geometries, self._measures, self._added = geoms, measures if measures is not None else native_measures, []
        self.attributes = attribute_list

    def _check_geometries(self, geoms: NDArray[Any]) -> None:
        kind = common_geometry_type(geoms)
        if kind is None:
            return
        if self.geometry_type is None:
            self.geometry_type = kind
        elif not _fits(kind, self.geometry_type):
            raise GeometryError(
                f"{NAMES[kind].capitalize()} geometries cannot go into a feature set of {NAMES[self.geometry_type]}s."
            )

    # -- Esri JSON -----------------------------------------------------------------------------

    @classmethod
    def from_json(cls, obj: Any) -> FeatureSet:
        """A GPFeatureRecordSetLayer or GPRecordSet value (a table has no geometryType)."""
        if not isinstance(obj, dict):
            raise DataError(f"A feature set must be a JSON object, not {type(obj).__name__}.")
        features = obj.get("features") or []
        if not isinstance(features, list) or not all(isinstance(f, dict) for f in features):
            raise DataError("A feature set's 'features' must be a list of objects with 'geometry' and 'attributes'.")
        geometries = [f.get("geometry") for f in features]
        reference = SpatialReference.from_json(obj.get("spatialReference"))
        first = tree(geometries[0]) if geometries and is_raw(geometries[0]) else geometries[0] if geometries else None
        if reference is None and isinstance(first, dict):
            reference = SpatialReference.from_json(first.get("spatialReference"))
        has_z, has_m = bool(obj.get("hasZ")), bool(obj.get("hasM"))
        fs = cls(
            obj.get("geometryType") or None,
            reference,
            [Field.from_json(f) for f in _fields_json(obj)],
            has_z=has_z,
            has_m=has_m,
            display_field_name=text_of(obj.get("displayFieldName")),
        )
        fs.exceeded_transfer_limit = bool(obj.get("exceededTransferLimit"))
        geoms, measures = from_esri(geometries, fs.geometry_type, has_z, has_m)
        if fs.geometry_type is None:
            fs.geometry_type = common_geometry_type(geoms)
        dates = [f.name for f in fs.fields if f.type == DATE]
        with gc_paused():
            attributes = [_attributes(f.get("attributes"), index) for index, f in enumerate(features)]
            for row in attributes:
                for name in dates:
                    if name in row:
                        row[name] = _date_from_epoch(row[name])
        fs._geometries, fs._measures, fs.attributes = geoms, measures, attributes
        return fs

    def to_json(self) -> dict[str, Any]:
        """The Esri JSON of the feature set; dates as epoch milliseconds UTC."""
        obj = self._schema_json()
        geometries = (
            to_esri(self.geometries, self.geometry_type, self.has_z, self.has_m, self.measures)
            if self.geometry_type
            else [None] * len(self)
        )
        types = {f.name: f.type for f in self.fields}
        with gc_paused():
            features = []
            for index, (geometry, row) in enumerate(zip(geometries, self.attributes)):
                feature: dict[str, Any] = {
                    "attributes": {
                        name: _json_value(value, types.get(name), index, name) for name, value in row.items()
                    }
                }
                if geometry is not None:
                    feature["geometry"] = geometry
                features.append(feature)
        obj["features"] = features
        return obj

    def to_text(self) -> str:
        """`to_json()` as compact JSON text, written directly (see json_encode): what is sent to a
        task. ValueError for NaN or infinite values (NaN Z or M values are null)."""
        return self._fast_bytes().decode("ascii") if json_encode.fast() else self._standard_text()

    def to_bytes(self) -> bytes:
        """`to_text()` as the bytes a request carries (ASCII: other characters are escaped). With
        orjson the text is never a `str`: copying 149 MB into one costs a tenth of the encoding."""
        return self._fast_bytes() if json_encode.fast() else self._standard_text().encode("ascii")

    def _standard_text(self) -> str:
        """`to_text` by the standard library (json_encode's texts)."""
        geometries = (
            to_esri_text(self.geometries, self.geometry_type, self.has_z, self.has_m, self.measures)
            if self.geometry_type
            else [None] * len(self)
        )
        with gc_paused():
            attributes = _attribute_texts(self.attributes, {f.name: f.type for f in self.fields})
            features = [
                f'{{"attributes":{row}}}' if geometry is None else f'{{"attributes":{row},"geometry":{geometry}}}'
                for geometry, row in zip(geometries, attributes)
            ]
        schema = dumps(self._schema_json())
        return f'{schema[:-1]},"features":[{",".join(features)}]}}'

    def _fast_bytes(self) -> bytes:
        """`to_bytes` written by one orjson call, the coordinates straight from numpy (json_encode's
        `document_bytes`): the same text."""
        geometries = (
            to_esri_values(self.geometries, self.geometry_type, self.has_z, self.has_m, self.measures)
            if self.geometry_type
            else [None] * len(self)
        )
        with gc_paused():
            attributes = _attribute_values(self.attributes, {f.name: f.type for f in self.fields})
            features = [
                {"attributes": row} if geometry is None else {"attributes": row, "geometry": geometry}
                for geometry, row in zip(geometries, attributes)
            ]
            return json_encode.document_bytes(self._schema_json(), "features", features)

    def _schema_json(self) -> dict[str, Any]:
        """to_json() without the features (always with "fields")."""
        obj: dict[str, Any] = {}
        if self.display_field_name:
            obj["displayFieldName"] = self.display_field_name
        if self.geometry_type:
            obj["geometryType"] = self.geometry_type
            if self.spatial_reference:
                obj["spatialReference"] = self.spatial_reference.to_json()
            if self.has_z:
                obj["hasZ"] = True
            if self.has_m:
                obj["hasM"] = True
        obj["fields"] = [f.to_json() for f in self.fields]
        return obj

    def empty_copy(self) -> FeatureSet:
        """The same schema without features (what arcpy's GetParameterValue returns)."""
        return FeatureSet(
            self.geometry_type,
            self.spatial_reference,
            [f.copy() for f in self.fields],
            has_z=self.has_z,
            has_m=self.has_m,
            display_field_name=self.display_field_name,
        )

    # -- files ---------------------------------------------------------------------------------

    def load(self, path: str | Path) -> None:
        """Replace the features with those of a file (shapefile, GeoJSON, or anything GDAL reads:
        GeoPackage `x.gpkg` or `x.gpkg/layer`, file geodatabase `x.gdb/name`, ...), as arcpy does:

        - a feature set with a geometry type only takes that type (single- or multi-part alike;
          points into a multipoint schema too): anything else is a DataError;
        - a feature set with fields keeps them: file fields with the same name (any case) fill
          them, OID fields are numbered 1..n, other file fields are dropped; without fields, the
          file's fields (and, without a geometry type, its geometry type and Z/M) are taken;
        - the file's spatial reference replaces the feature set's when the file has one.
        """
        from . import featureio  # featureio builds FeatureSets: imported here, not at module level

        source = featureio.read(path)
        self._take(source, str(path))

    def save(self, path: str | Path) -> str:
        """Write the features to a file (.shp, .geojson/.json, .gpkg, `x.gpkg/layer`, `x.gdb/name`)
        and return what was written. An existing file (or layer) of that name is replaced."""
        from . import featureio

        return featureio.write(self, path)

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection (see geojson_io for coordinates and CRS)."""
        from .geojson_io import to_geojson

        return to_geojson(self)

    def _take(self, source: FeatureSet, label: str) -> None:
        if self.geometry_type and len(source):
            if source.geometry_type is None:
                raise DataError(f"'{label}' has no geometries, but {NAMES[self.geometry_type]}s are needed here.")
            if not _fits(source.geometry_type, self.geometry_type):
                raise DataError(
                    f"'{label}' holds {NAMES[source.geometry_type]}s, but {NAMES[self.geometry_type]}s are needed here."
                )
        if self.geometry_type is None and not self.fields:
            self.geometry_type, self.has_z, self.has_m = source.geometry_type, source.has_z, source.has_m
        if source.spatial_reference is not None:
            self.spatial_reference = source.spatial_reference
        if self.fields:
            attributes = _map_fields(source, self.fields)
        else:
            self.fields = [f.copy() for f in source.fields]
            attributes = source.attributes
        if self.geometry_type:
            self.set_features(source.geometries, attributes, source.measures if self.has_m else None)
        else:
            self.set_features(None, attributes)
        self.exceeded_transfer_limit = False

    def __repr__(self) -> str:
        kind = NAMES.get(self.geometry_type or "", "row")
        return (
            f"<FeatureSet {len(self)} {kind}s, {len(self.fields)} fields, "
            f"{self.spatial_reference or 'unknown spatial reference'}>"
        )


def _object_array(values: Sequence[Any] | NDArray[Any]) -> NDArray[Any]:
    """A 1-D object array of the values (item by item: arrays of M values must not become a 2-D array)."""
    array = np.empty(len(values), dtype=object)
    for index, value in enumerate(values):
        array[index] = value
    return array


def _fits(kind: str, schema: str) -> bool:
    return kind == schema or schema == ENVELOPE or (schema == MULTIPOINT and kind == POINT)


def _fields_json(obj: dict[str, Any]) -> list[Any]:
    """The field list: `fields`, else the legacy `Fields` (a list, or an object holding `fieldArray`)."""
    for key in ("fields", "Fields"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("fieldArray") or value.get("fields")
        if isinstance(value, list) and value:
            return value
    return []


def _attributes(value: Any, index: int) -> dict[str, Any]:
    """A feature's attributes: a JSON object (or null: none)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataError(f"Feature {index}: its attributes must be a JSON object, not {quoted(value)}.")
    return dict(value)


def _date_from_epoch(value: Any) -> Any:
    """Epoch milliseconds as an aware UTC datetime; anything else unchanged."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return EPOCH + timedelta(milliseconds=value)
        except (OverflowError, ValueError):
            return value
    return value


def as_utc_datetime(value: Any) -> datetime:
    """A date value as an aware UTC datetime: a datetime (naive = UTC), a date (midnight UTC),
    epoch milliseconds or ISO 8601 text. TypeError or ValueError for anything else."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.strip())
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return EPOCH + timedelta(milliseconds=value)
    raise TypeError(f"{type(value).__name__} is not a date")


def epoch_ms(value: Any) -> int:
    """Epoch milliseconds UTC of a date value as `as_utc_datetime` reads it; a number already is one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return (as_utc_datetime(value) - EPOCH) // MILLISECOND


def _json_value(value: Any, field_type: str | None, index: int, name: str) -> Any:
    """An attribute value as JSON wants it: dates as epoch milliseconds (Date fields, and dates
    in fields the schema does not list), other dates and times as ISO 8601 text."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None:
        return None
    if field_type == DATE or (field_type is None and isinstance(value, date)):
        try:
            return epoch_ms(value)
        except (TypeError, ValueError, OverflowError):
            raise DataError(
                f"Feature {index}, field '{name}': {quoted(value)} is not a date (give a datetime, a date, "
                "epoch milliseconds or ISO 8601 text)."
            ) from None
    if isinstance(value, (date, time)):
        if field_type == DATE_ONLY and isinstance(value, datetime):
            value = value.date()
        return value.isoformat()
    return value


def _attribute_texts(rows: list[dict[str, Any]], types: dict[str, str]) -> list[str]:
    """`dumps` of each row's attributes as to_json() gives them. Rows with the same names in the same
    order (the usual case) are written column by column."""
    names = tuple(rows[0]) if rows else ()
    if all(type(name) is str for name in names) and all(tuple(row) == names for row in rows):
        try:
            return _by_columns(rows, names, types)
        except DataError:
            pass  # raised again below for the first bad value in row order, as to_json() does
    keys: dict[str, str] = {}
    return [_attributes_text(row, types, keys, index) for index, row in enumerate(rows)]


def _by_columns(rows: list[dict[str, Any]], names: tuple[str, ...], types: dict[str, str]) -> list[str]:
    if not names:
        return ["{}"] * len(rows)
    columns = [_column_texts([row[name] for row in rows], types.get(name), name) for name in names]
    template = "{" + ",".join(f"{value_text(name).replace('%', '%%')}:%s" for name in names) + "}"
    return [template % values for values in zip(*columns)]


def _column_texts(values: list[Any], field_type: str | None, name: str) -> list[str]:
    """The text of each value of one field (`_column_json`)."""
    return column_text(_column_json(values, field_type, name))


def _column_json(values: list[Any], field_type: str | None, name: str) -> list[Any]:
    """The values of one field, through `_json_value` where it may change the value (a date field,
    values other than strings, numbers, booleans and null)."""
    if field_type == DATE:
        values = [
            (value - EPOCH) // MILLISECOND  # what _json_value gives for the dates from_json makes, faster
            if type(value) is datetime and value.tzinfo is timezone.utc
            else _json_value(value, field_type, index, name)
            for index, value in enumerate(values)
        ]
    elif not set(map(type, values)) <= PLAIN_TYPES:
        values = [_json_value(value, field_type, index, name) for index, value in enumerate(values)]
    return values


def _attribute_values(rows: list[dict[str, Any]], types: dict[str, str]) -> list[Any]:
    """What json_encode.document_bytes writes as `_attribute_texts(rows, types)`. Rows (dicts) with
    the same names in the same order (ASCII names, that orjson writes as the standard library does)
    are given as they are where document_bytes writes every value as the standard library path does
    (`_written_values`), else as copies in which the other values are replaced; other rows as
    fragments of their text. No dict is built for most rows."""
    names = tuple(rows[0]) if rows else ()
    if (
        names
        and all(type(name) is str and name.isascii() and "\x7f" not in name for name in names)
        and set(map(type, rows)) == {dict}
        and all(tuple(row) == names for row in rows)
    ):
        try:
            columns = {n: [row[n] for row in rows] for n in names}
            written = {n: _written_values(values, types.get(n), n) for n, values in columns.items()}
        except DataError:
            pass  # raised again by _attribute_texts for the first bad value in row order
        else:
            given: list[Any] = list(rows)
            for name, values in written.items():
                if values is columns[name]:
                    continue
                for index in [i for i, (new, old) in enumerate(zip(values, columns[name])) if new is not old]:
                    if given[index] is rows[index]:
                        given[index] = rows[index].copy()
                    given[index][name] = values[index]
            return given
    return list(map(json_encode.fragment, _attribute_texts(rows, types)))


def _written_values(values: list[Any], field_type: str | None, name: str) -> list[Any]:
    """What `document_bytes` writes as `_column_texts(values, field_type, name)`: `values` itself
    where it is written as it is (a date field's UTC datetimes too: see json_encode.utc_datetimes)."""
    if field_type == DATE and json_encode.utc_datetimes(values):
        return values
    return json_encode.column_values(_column_json(values, field_type, name))


def _attributes_text(row: dict[str, Any], types: dict[str, str], keys: dict[str, str], index: int) -> str:
    """`dumps` of a feature's attributes as to_json() gives them (`keys`: the text of each name, as
    it is met). Strings, numbers, booleans and null outside date fields are as they are: only other
    values go through `_json_value`."""
    items = []
    for name, value in row.items():
        if type(name) is not str:  # json.dumps writes other keys its own way
            return dumps({name: _json_value(value, types.get(name), index, name) for name, value in row.items()})
        field_type = types.get(name)
        if type(value) not in PLAIN_TYPES or (field_type == DATE and value is not None):
            value = _json_value(value, field_type, index, name)
        key = keys.get(name)
        if key is None:
            key = keys[name] = value_text(name)
        items.append(f"{key}:{value_text(value)}")
    return f"{{{','.join(items)}}}"


def _map_fields(source: FeatureSet, fields: list[Field]) -> list[dict[str, Any]]:
    """Rows for `fields` from the source's attributes: names match in any case, OIDs are 1..n."""
    names = {f.name.lower(): f.name for f in source.fields}
    rows: list[dict[str, Any]] = [{} for _ in range(len(source))]
    for field in fields:
        if field.type == OID:
            for number, row in enumerate(rows, start=1):
                row[field.name] = number
            continue
        key = names.get(field.name.lower())
        for row, source_row in zip(rows, source.attributes):
            row[field.name] = _coerce(source_row.get(key), field.type) if key is not None else None
    return rows


def _coerce(value: Any, field_type: str) -> Any:
    """Light conversion of a file value to the schema's field type; what cannot convert is left as it is."""
    if value is None:
        return None
    if field_type in INTEGER_TYPES and (isinstance(value, bool) or isinstance(value, float) and value.is_integer()):
        return int(value)
    if field_type == STRING and not isinstance(value, str):
        return value.isoformat() if isinstance(value, (date, time)) else str(value)
    if field_type == DATE and isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return value
