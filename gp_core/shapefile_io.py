"""Shapefiles through pyshp: .shp/.shx/.dbf, with .prj (spatial reference) and .cpg (text encoding).

Reading: shapes and their rings are turned into geometries with geometry.from_parts (shapefile
polygons follow Esri's ring orientation, so holes are found the same way as in Esri JSON). dBASE
field types map to Esri types: C → String, N/F without decimals → SmallInteger (width ≤ 6),
Integer (≤ 11) or Double, with decimals → Double, D → Date, L → SmallInteger (1/0), M → String.
Without a .cpg, text is read as UTF-8 (bytes that are not are replaced, never fatal).

Writing: field names are cut to 10 characters and kept unique; dates become D (the time of day
is lost, as in any shapefile), OID fields are left out (the record number is the shapefile's
id), BLOB/raster/geometry fields cannot be stored and are left out with a warning; Z and M
shape types follow has_z/has_m; text is UTF-8 (.cpg says so); the .prj is Esri's WKT flavour.
"""

from __future__ import annotations

import codecs
import struct
import warnings
from contextlib import ExitStack
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapefile
from shapely.errors import ShapelyError

from .errors import DataError
from .featureset import DATE, OID, FeatureSet, Field, as_utc_datetime
from .geometry import ENVELOPE, MULTIPOINT, POINT, POLYGON, POLYLINE, from_parts, to_esri
from .spatialref import SpatialReference

if TYPE_CHECKING:
    from numpy.typing import NDArray

_KIND_OF_BASE_TYPE = {1: POINT, 3: POLYLINE, 5: POLYGON, 8: MULTIPOINT}
_BASE_TYPE = {
    POINT: shapefile.POINT,
    MULTIPOINT: shapefile.MULTIPOINT,
    POLYLINE: shapefile.POLYLINE,
    POLYGON: shapefile.POLYGON,
    ENVELOPE: shapefile.POLYGON,
}
_Z_TYPES = {11, 13, 15, 18}
_M_TYPES = {21, 23, 25, 28}
_STALE_SIDECARS = (".prj", ".cpg", ".sbn", ".sbx", ".qix")
_NOT_STORABLE = ("esriFieldTypeBlob", "esriFieldTypeRaster", "esriFieldTypeGeometry")
_DBF_TYPE = {  # Esri field type -> (dBASE type, width, decimals)
    "esriFieldTypeSmallInteger": ("N", 6, 0),
    "esriFieldTypeInteger": ("N", 11, 0),
    "esriFieldTypeBigInteger": ("N", 20, 0),
    "esriFieldTypeSingle": ("N", 24, 15),
    "esriFieldTypeDouble": ("N", 24, 15),
    DATE: ("D", 8, 0),
    "esriFieldTypeGUID": ("C", 38, 0),
    "esriFieldTypeGlobalID": ("C", 38, 0),
}
_BAD_FILE = (shapefile.ShapefileException, OSError, ValueError, struct.error, UnicodeError)


def _sibling(path: Path, suffix: str) -> Path | None:
    """The file next to `path` with `suffix`, in either case."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.is_file():
            return candidate
    return None


def _encoding(path: Path) -> str:
    """The Python codec named by the .cpg file ("UTF-8", "1252", "ANSI 1252", "ISO-8859-1"...), else UTF-8."""
    cpg = _sibling(path, ".cpg")
    if cpg is None:
        return "utf-8"
    name = cpg.read_text(encoding="ascii", errors="replace").strip()
    code = name.upper().removeprefix("ANSI").strip()
    if code.isdigit():
        name = "utf-8" if code == "65001" else f"cp{code}"
    try:
        return codecs.lookup(name).name
    except LookupError:
        warnings.warn(f"'{cpg}' names an unknown encoding '{name}': reading the text as UTF-8.", stacklevel=3)
        return "utf-8"


# -- reading -------------------------------------------------------------------------------------


def read(path: Path) -> FeatureSet:
    if not path.is_file():
        raise DataError(f"The shapefile '{path}' does not exist.")
    try:
        with ExitStack() as stack:
            files = {
                suffix: stack.enter_context(open(sibling, "rb"))
                for suffix in (".shp", ".shx", ".dbf")
                if (sibling := _sibling(path, suffix))
            }
            reader = stack.enter_context(
                shapefile.Reader(
                    shp=files[".shp"],
                    shx=files.get(".shx"),
                    dbf=files.get(".dbf"),
                    encoding=_encoding(path),
                    encodingErrors="replace",
                )
            )
            shape_type = reader.shapeType
            shapes = reader.shapes()
            dbf_fields = list(reader.fields[1:]) if ".dbf" in files else []
            records = [list(record) for record in reader.iterRecords()] if ".dbf" in files else []
    except _BAD_FILE as error:
        raise DataError(f"Cannot read the shapefile '{path}': {error}") from error
    if shape_type == shapefile.MULTIPATCH:
        raise DataError(f"'{path}' holds multipatches (3D surfaces), which GP feature sets cannot carry.")
    kind = _KIND_OF_BASE_TYPE.get(shape_type % 10) if shape_type else None
    fields = [_esri_field(*field) for field in dbf_fields]
    attributes = _attributes(fields, dbf_fields, records or [[] for _ in shapes])
    prj = _sibling(path, ".prj")
    wkt = prj.read_text(errors="replace").strip() if prj else ""
    fs = FeatureSet(kind, SpatialReference.from_wkt(wkt) if wkt else None, fields, has_z=shape_type in _Z_TYPES)
    if kind is None:
        fs.set_features(None, attributes)
        return fs
    try:
        geometries, measures = _geometries(kind, shapes, shape_type)
    except (ValueError, ShapelyError) as error:
        raise DataError(f"Cannot read the shapes of '{path}': {error}") from error
    fs.has_m = measures is not None
    fs.set_features(geometries, attributes, measures)
    return fs


def _geometries(kind: str, shapes: list[Any], shape_type: int) -> tuple[NDArray[Any], NDArray[Any] | None]:
    """The shapes as geometries (None for null shapes), and their M values (None: no M)."""
    parts = [_vertex_counts(kind, shape) for shape in shapes]
    part_counts = np.fromiter(map(len, parts), dtype=np.int64, count=len(shapes))
    vertex_counts = np.array(list(chain.from_iterable(parts)), dtype=np.int64)
    columns = [np.array(list(chain.from_iterable(shape.points for shape in shapes)), dtype=float).reshape(-1, 2)]
    has_z = shape_type in _Z_TYPES
    if has_z:
        columns.append(np.array(list(chain.from_iterable(getattr(s, "z", ()) for s in shapes)), dtype=float))
    has_m = False
    if has_z or shape_type in _M_TYPES:  # Z shapefiles may carry M too; "no data" M reads as NaN
        m = np.array(list(chain.from_iterable(getattr(s, "m", ()) for s in shapes)), dtype=float)
        has_m = shape_type in _M_TYPES or bool(np.isfinite(m).any())
        if has_m:
            columns.append(m)
    geometries, measures = from_parts(kind, np.column_stack(columns), vertex_counts, part_counts, has_z, has_m)
    geometries[part_counts == 0] = None
    return geometries, measures


def _vertex_counts(kind: str, shape: shapefile.Shape) -> list[int]:
    """The number of vertices of each part of a shape; no parts for a null shape."""
    if not shape.points:
        return []
    if kind == POINT:
        return [1]
    if kind == MULTIPOINT:
        return [len(shape.points)]
    counts: list[int] = np.diff([*shape.parts, len(shape.points)]).tolist()
    return counts


def _esri_field(name: str, dbf_type: str, size: int, decimals: int) -> Field:
    if dbf_type in ("N", "F") and not decimals:
        esri_type = (
            "esriFieldTypeSmallInteger"
            if size <= 6
            else "esriFieldTypeInteger"
            if size <= 11
            else "esriFieldTypeDouble"
        )
        return Field(name, esri_type, name)
    if dbf_type in ("N", "F"):
        return Field(name, "esriFieldTypeDouble", name)
    if dbf_type == "D":
        return Field(name, DATE, name)
    if dbf_type == "L":
        return Field(name, "esriFieldTypeSmallInteger", name)
    return Field(name, "esriFieldTypeString", name, length=size)


def _attributes(fields: list[Field], dbf_fields: list[Any], records: list[list[Any]]) -> list[dict[str, Any]]:
    names = [f.name for f in fields]
    rows = [dict(zip(names, record)) for record in records]
    for field, (_, dbf_type, _, _) in zip(fields, dbf_fields):
        if dbf_type not in ("D", "L"):
            continue
        for row in rows:
            value = row[field.name]
            if dbf_type == "L":
                row[field.name] = None if value is None else int(value)
            elif value is not None:
                row[field.name] = as_utc_datetime(value) if hasattr(value, "year") else None
    return rows


# -- writing -------------------------------------------------------------------------------------


def write(fs: FeatureSet, path: Path) -> str:
    columns = _columns(fs.fields)
    kind = POLYGON if fs.geometry_type == ENVELOPE else fs.geometry_type
    shape_type = shapefile.NULL
    if kind:
        shape_type = _BASE_TYPE[kind] + (10 if fs.has_z else 20 if fs.has_m else 0)
    geometries = to_esri(fs.geometries, kind, fs.has_z, fs.has_m, fs.measures) if kind else [None] * len(fs)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in _STALE_SIDECARS:
        if stale := _sibling(path, suffix):
            stale.unlink()
    try:
        with shapefile.Writer(str(path), shapeType=shape_type, encoding="utf-8", encodingErrors="replace") as writer:
            for _, name, dbf_type, size, decimals in columns:
                writer.field(name, dbf_type, size, decimals)
            if not columns:  # a dBASE table needs a column
                writer.field("Id", "N", 11, 0)
            for index, (geometry, row) in enumerate(zip(geometries, fs.attributes)):
                _write_shape(writer, kind, geometry, fs.has_z, fs.has_m)
                values = [
                    _dbf_value(row.get(field.name), dbf_type, index, field.name) for field, _, dbf_type, _, _ in columns
                ]
                writer.record(*(values or [index + 1]))
    except _BAD_FILE as error:
        raise DataError(f"Cannot write the shapefile '{path}': {error}") from error
    path.with_suffix(".cpg").write_text("UTF-8", encoding="ascii")
    _write_prj(fs.spatial_reference, path)
    return str(path)


def _columns(fields: list[Field]) -> list[tuple[Field, str, str, int, int]]:
    """(field, dBASE name, type, width, decimals) of the fields a shapefile can store."""
    columns = []
    used: set[str] = set()
    for field in fields:
        if field.type == OID:
            continue
        if field.type in _NOT_STORABLE:
            warnings.warn(
                f"Field '{field.name}' ({field.type}) cannot be stored in a shapefile: left out.", stacklevel=4
            )
            continue
        dbf_type, size, decimals = _DBF_TYPE.get(field.type, ("C", 254, 0))
        if dbf_type == "C" and field.type == "esriFieldTypeString" and field.length:
            size = min(max(field.length, 1), 254)
        name = field.name[:10]
        suffix = 0
        while name.upper() in used:
            suffix += 1
            name = f"{field.name[: 10 - len(str(suffix)) - 1]}_{suffix}"
        used.add(name.upper())
        columns.append((field, name, dbf_type, size, decimals))
    return columns


def _dbf_value(value: Any, dbf_type: str, index: int, name: str) -> Any:
    if value is None:
        return "" if dbf_type == "C" else None
    if dbf_type == "D":
        try:
            return as_utc_datetime(value).date()
        except (TypeError, ValueError, OverflowError):
            raise DataError(f"Feature {index}, field '{name}': {value!r} is not a date.") from None
    if dbf_type == "C" and hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _write_shape(
    writer: shapefile.Writer, kind: str | None, geometry: dict[str, Any] | None, has_z: bool, has_m: bool
) -> None:
    if geometry is None:
        writer.null()
    elif kind == POINT:
        x, y = geometry["x"], geometry["y"]
        if x is None or y is None:
            writer.null()
        elif has_z:
            writer.pointz(x, y, geometry["z"] if geometry["z"] is not None else 0.0, geometry.get("m"))
        elif has_m:
            writer.pointm(x, y, geometry["m"])
        else:
            writer.point(x, y)
    else:
        parts = geometry.get("points") or geometry.get("paths") or geometry.get("rings")
        if not parts:
            writer.null()
            return
        method = {MULTIPOINT: "multipoint", POLYLINE: "line", POLYGON: "poly"}[kind]  # type: ignore[index]  # a geometry: a kind
        getattr(writer, method + ("z" if has_z else "m" if has_m else ""))(parts)


def _write_prj(reference: SpatialReference | None, path: Path) -> None:
    if reference is None:
        return
    wkt = reference.to_wkt(esri=True)
    if wkt:
        path.with_suffix(".prj").write_text(wkt, encoding="ascii", errors="replace")
    else:
        warnings.warn(
            f"'{path}' was written without a .prj: the spatial reference {reference} needs GDAL's "
            "Python bindings to be written as WKT. Other programs will not know its coordinate system.",
            stacklevel=4,
        )
