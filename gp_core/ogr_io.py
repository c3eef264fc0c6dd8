"""Datasets read and written through GDAL/OGR (`osgeo.ogr`), which gp_core does not require.

Reading: any vector dataset GDAL opens — a GeoPackage `x.gpkg` (one layer) or `x.gpkg/layer`, a
file geodatabase `x.gdb/name`, KML, FlatGeobuf, ... Curves are linearised by GDAL. The FID
column, when the format has a named one, becomes the OID field.

Writing: GeoPackage (`x.gpkg` → layer named after the file, or `x.gpkg/layer`) and file
geodatabase (`x.gdb/name`, or `x.gdb` → layer named after the folder; OpenFileGDB driver,
GDAL ≥ 3.6). A layer of the same name is replaced, other layers are kept. Lines and polygons are
written as multi-geometries (what both formats expect), polygons with Esri's ring orientation,
empty geometries as null. The OID field becomes the FID column (numbered by GDAL); Date fields
are UTC date-times; DateOnly, TimeOnly, TimestampOffset, GUID and XML values are text. A file
geodatabase cannot store null (NaN) Z: it gets 0 there, as in shapefiles.
"""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import shapely
from shapely.errors import ShapelyError

from .errors import DataError, GeometryError
from .featureset import DATE, OID, FeatureSet, Field, as_utc_datetime
from .gdal_support import last_gdal_error, quiet_gdal_errors, require_osgeo
from .geometry import ENVELOPE, MULTIPOINT, POINT, POLYGON, POLYLINE, common_geometry_type
from .rings import orient
from .spatialref import SpatialReference
from .wkb import from_wkb, to_wkb

CONTAINERS = {".gpkg": "GPKG", ".gdb": "OpenFileGDB"}
# OGR flat linear geometry type -> Esri type
_KIND_OF_OGR_TYPE = {1: POINT, 2: POLYLINE, 3: POLYGON, 4: MULTIPOINT, 5: POLYLINE, 6: POLYGON}
# Esri type -> OGR type of a written layer (wkbPoint, wkbMultiPoint, wkbMultiLineString, wkbMultiPolygon)
_OGR_TYPE_OF_KIND = {POINT: 1, MULTIPOINT: 4, POLYLINE: 5, POLYGON: 6, ENVELOPE: 6}
_NOT_STORABLE = ("esriFieldTypeBlob", "esriFieldTypeRaster", "esriFieldTypeGeometry")


def _fail(what: str) -> DataError:
    detail = last_gdal_error()
    return DataError(f"{what}{': ' + detail if detail else '.'}")


# -- reading -------------------------------------------------------------------------------------


def read(path: Path) -> FeatureSet:
    dataset_path, layer_name = _locate(path)
    _, ogr, _ = require_osgeo(f"Reading '{path}'")
    with quiet_gdal_errors():
        try:
            dataset = ogr.Open(str(dataset_path))
            if dataset is None:
                raise _fail(f"GDAL cannot read '{dataset_path}'")
            return _read_layer(_layer(dataset, layer_name, path), ogr)
        except (RuntimeError, ShapelyError, GeometryError) as error:
            raise DataError(f"Cannot read '{path}': {error}") from error


def _locate(path: Path) -> tuple[Path, str | None]:
    """(dataset, layer name or None); `x.gpkg/name` and `x.gdb/name` name a layer in a dataset."""
    if path.exists():
        return path, None
    if path.parent.is_file() or (path.parent.is_dir() and path.parent.suffix.lower() == ".gdb"):
        return path.parent, path.name
    raise DataError(f"'{path}' does not exist.")


def _layer(dataset: Any, name: str | None, path: Path) -> Any:
    names = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    if name is None:
        if len(names) == 1:
            return dataset.GetLayerByIndex(0)
        hint = f" (e.g. '{path / names[0]}')" if names else ""
        raise DataError(f"'{path}' holds {len(names)} layers ({', '.join(names)}): name one{hint}.")
    for index, candidate in enumerate(names):
        if candidate.lower() == name.lower():
            return dataset.GetLayerByIndex(index)
    raise DataError(f"'{path.parent}' has no layer '{name}' (it has: {', '.join(names) or 'none'}).")


def _read_layer(layer: Any, ogr: ModuleType) -> FeatureSet:
    geom_type = layer.GetGeomType()
    kind = _KIND_OF_OGR_TYPE.get(ogr.GT_Flatten(ogr.GT_GetLinear(geom_type)))
    definition = layer.GetLayerDefn()
    described = [(i, _esri_field(definition.GetFieldDefn(i), ogr)) for i in range(definition.GetFieldCount())]
    columns = [(i, field) for i, field in described if field is not None]
    fid_column = layer.GetFIDColumn()
    fields = ([Field(fid_column, OID, fid_column)] if fid_column else []) + [field for _, field in columns]
    wkb: list[bytes | None] = []
    attributes: list[dict[str, Any]] = []
    layer.ResetReading()
    for feature in layer:
        geometry = feature.GetGeometryRef()
        if geometry is not None and geometry.HasCurveGeometry():
            geometry = geometry.GetLinearGeometry()
        wkb.append(bytes(geometry.ExportToIsoWkb()) if geometry is not None else None)
        row = {fid_column: feature.GetFID()} if fid_column else {}
        for index, field in columns:
            row[field.name] = _value(feature, index, field)
        attributes.append(row)
    geometries, measures = from_wkb(wkb)
    if kind is None and geom_type != ogr.wkbNone:
        kind = common_geometry_type(geometries)
    has_m = bool(ogr.GT_HasM(geom_type)) or measures is not None
    fs = FeatureSet(
        kind, _spatial_reference(layer.GetSpatialRef()), fields, has_z=bool(ogr.GT_HasZ(geom_type)), has_m=has_m
    )
    fs.set_features(geometries if kind else None, attributes, measures if kind else None)
    return fs


def _spatial_reference(srs: Any) -> SpatialReference | None:
    if srs is None:
        return None
    authority, code = srs.GetAuthorityName(None), srs.GetAuthorityCode(None)
    if authority in ("EPSG", "ESRI") and code and code.isdigit():
        return SpatialReference(wkid=int(code))
    return SpatialReference.from_wkt(srs.ExportToWkt())


def _esri_field(definition: Any, ogr: ModuleType) -> Field | None:
    """The Esri field for an OGR field; None for binary fields, which GP services cannot take."""
    name, kind, subtype = definition.GetName(), definition.GetType(), definition.GetSubType()
    alias = definition.GetAlternativeName() or name
    if kind == ogr.OFTInteger:
        esri = "esriFieldTypeSmallInteger" if subtype in (ogr.OFSTInt16, ogr.OFSTBoolean) else "esriFieldTypeInteger"
    elif kind == ogr.OFTInteger64:
        esri = "esriFieldTypeBigInteger"
    elif kind == ogr.OFTReal:
        esri = "esriFieldTypeSingle" if subtype == ogr.OFSTFloat32 else "esriFieldTypeDouble"
    elif kind in (ogr.OFTDate, ogr.OFTDateTime):
        esri = DATE
    elif kind == ogr.OFTTime:
        esri = "esriFieldTypeTimeOnly"
    elif kind == ogr.OFTBinary:
        return None
    elif kind == ogr.OFTString and subtype == ogr.OFSTUUID:
        esri = "esriFieldTypeGUID"
    else:
        return Field(name, "esriFieldTypeString", alias, length=definition.GetWidth() or None)
    return Field(name, esri, alias)


def _value(feature: Any, index: int, field: Field) -> Any:
    if not feature.IsFieldSetAndNotNull(index):
        return None
    if field.type == DATE:
        year, month, day, hour, minute, second, tz_flag = feature.GetFieldAsDateTime(index)
        # tz_flag: 0 unknown, 1 local time (both read as UTC), 100 UTC, 100 ± n: offset of n quarter hours
        offset = timedelta(minutes=15 * (tz_flag - 100)) if tz_flag > 1 else timedelta(0)
        moment = datetime(year, month, day, hour, minute, tzinfo=timezone(offset)) + timedelta(seconds=second)
        return moment.astimezone(timezone.utc)
    if field.type in ("esriFieldTypeString", "esriFieldTypeTimeOnly", "esriFieldTypeGUID"):
        return feature.GetFieldAsString(index)
    return feature.GetField(index)


# -- writing -------------------------------------------------------------------------------------


def is_container_path(path: Path) -> bool:
    """Whether `path` is (a layer in) a GeoPackage or a file geodatabase."""
    return path.suffix.lower() in CONTAINERS or path.parent.suffix.lower() in CONTAINERS


def write(fs: FeatureSet, path: Path) -> str:
    if path.parent.suffix.lower() in CONTAINERS:
        dataset_path, layer_name = path.parent, path.name
    else:
        dataset_path, layer_name = path, path.stem
    _, ogr, osr = require_osgeo(f"Saving as '{path}' ({dataset_path.suffix} format)")
    dataset_path.parent.mkdir(parents=True, exist_ok=True)
    with quiet_gdal_errors():
        try:
            _write(fs, dataset_path, layer_name, ogr, osr)
        except RuntimeError as error:
            raise DataError(f"Cannot write '{path}': {error}") from error
    return f"{dataset_path}/{layer_name}"


def _write(fs: FeatureSet, dataset_path: Path, layer_name: str, ogr: ModuleType, osr: ModuleType) -> None:
    if dataset_path.exists():
        dataset = ogr.Open(str(dataset_path), 1)
    else:
        dataset = ogr.GetDriverByName(CONTAINERS[dataset_path.suffix.lower()]).CreateDataSource(str(dataset_path))
    if dataset is None:
        raise _fail(f"GDAL cannot open '{dataset_path}' for writing")
    for index in range(dataset.GetLayerCount()):
        if dataset.GetLayerByIndex(index).GetName().lower() == layer_name.lower():
            if dataset.DeleteLayer(index) != 0:
                raise _fail(f"Cannot replace the layer '{layer_name}' of '{dataset_path}'")
            break
    geom_type = ogr.wkbNone
    if fs.geometry_type:
        geom_type = ogr.GT_SetModifier(_OGR_TYPE_OF_KIND[fs.geometry_type], int(fs.has_z), int(fs.has_m))
    oid = next((f.name for f in fs.fields if f.type == OID), None)
    layer = dataset.CreateLayer(layer_name, _osr(fs.spatial_reference, osr), geom_type, [f"FID={oid}"] if oid else [])
    if layer is None:
        raise _fail(f"Cannot create the layer '{layer_name}' in '{dataset_path}'")
    columns = _create_fields(layer, fs.fields, ogr)
    file_gdb = CONTAINERS[dataset_path.suffix.lower()] == "OpenFileGDB"
    geometries = _ogr_geometries(fs, ogr, nan_z_as_zero=file_gdb) if fs.geometry_type else [None] * len(fs)
    definition = layer.GetLayerDefn()
    layer.StartTransaction()
    for number, (geometry, row) in enumerate(zip(geometries, fs.attributes)):
        feature = ogr.Feature(definition)
        for index, field in columns:
            _set_value(feature, index, field, row.get(field.name), number)
        if geometry is not None:
            feature.SetGeometry(geometry)
        if layer.CreateFeature(feature) != 0:
            raise _fail(f"Cannot write feature {number} to '{dataset_path}/{layer_name}'")
    if layer.CommitTransaction() != 0:
        raise _fail(f"Cannot write '{dataset_path}/{layer_name}'")
    dataset.FlushCache()


def _osr(reference: SpatialReference | None, osr: ModuleType) -> Any:
    if reference is None:
        return None
    srs = osr.SpatialReference()
    failed = srs.SetFromUserInput(reference.authid) if reference.authid else srs.ImportFromWkt(reference.wkt or "")
    if failed:
        warnings.warn(
            f"GDAL does not know the spatial reference {reference}: the layer is written without one.", stacklevel=5
        )
        return None
    return srs


def _create_fields(layer: Any, fields: list[Field], ogr: ModuleType) -> list[tuple[int, Field]]:
    """Create the layer's fields; (OGR field index, field) of each one created."""
    types = {
        "esriFieldTypeSmallInteger": (ogr.OFTInteger, ogr.OFSTInt16),
        "esriFieldTypeInteger": (ogr.OFTInteger, None),
        "esriFieldTypeBigInteger": (ogr.OFTInteger64, None),
        "esriFieldTypeSingle": (ogr.OFTReal, ogr.OFSTFloat32),
        "esriFieldTypeDouble": (ogr.OFTReal, None),
        DATE: (ogr.OFTDateTime, None),
    }
    columns = []
    for field in fields:
        if field.type == OID:
            continue
        if field.type in _NOT_STORABLE:
            warnings.warn(f"Field '{field.name}' ({field.type}) cannot be written: left out.", stacklevel=5)
            continue
        kind, subtype = types.get(field.type, (ogr.OFTString, None))
        definition = ogr.FieldDefn(field.name, kind)
        if subtype is not None:
            definition.SetSubType(subtype)
        if field.type == "esriFieldTypeString" and field.length:
            definition.SetWidth(field.length)
        if field.alias and field.alias != field.name:
            definition.SetAlternativeName(field.alias)
        if layer.CreateField(definition) != 0:
            raise _fail(f"Cannot create the field '{field.name}'")
        columns.append((layer.GetLayerDefn().GetFieldCount() - 1, field))
    return columns


def _ogr_geometries(fs: FeatureSet, ogr: ModuleType, nan_z_as_zero: bool) -> list[Any]:
    """OGR geometries of the layer's type (multi for lines and polygons), None for null and empty ones.
    nan_z_as_zero: null (NaN) Z becomes 0, as a file geodatabase cannot store NaN (geometries
    that also have M keep NaN; GDAL then refuses them with a message)."""
    geoms = fs.geometries
    geoms = np.where(shapely.is_empty(geoms), None, geoms)  # type: ignore[call-overload]  # None: numpy's stubs forget object arrays
    measures = fs.measures if fs.has_m else None
    if fs.geometry_type in (POLYGON, ENVELOPE):
        geoms, measures = orient(geoms, measures, exterior_clockwise=True)
    if nan_z_as_zero and fs.has_z and not fs.has_m:
        geoms = shapely.transform(geoms, lambda xyz: np.nan_to_num(xyz, nan=0.0), include_z=True)
    target = ogr.GT_SetModifier(
        _OGR_TYPE_OF_KIND[fs.geometry_type],  # type: ignore[index]  # called when it has one
        int(fs.has_z),
        int(fs.has_m),
    )
    out = []
    for wkb in to_wkb(geoms, measures):
        geometry = ogr.CreateGeometryFromWkb(wkb) if wkb is not None else None
        out.append(ogr.ForceTo(geometry, target) if geometry is not None else None)
    return out


def set_utc_date(feature: Any, index: int, value: Any) -> None:
    """Write a date (an Esri epoch in ms, or a datetime) into an OGR feature's field with its
    milliseconds and OGR's UTC flag (100)."""
    moment = as_utc_datetime(value)
    feature.SetField(
        index,
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second + moment.microsecond / 1e6,
        100,
    )


def _set_value(feature: Any, index: int, field: Field, value: Any, number: int) -> None:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None:
        feature.SetFieldNull(index)
        return
    try:
        if field.type == DATE:
            set_utc_date(feature, index, value)
        elif field.type in ("esriFieldTypeSmallInteger", "esriFieldTypeInteger", "esriFieldTypeBigInteger"):
            feature.SetFieldInteger64(index, int(value))
        elif field.type in ("esriFieldTypeSingle", "esriFieldTypeDouble"):
            feature.SetField(index, float(value))
        else:
            feature.SetField(index, value.isoformat() if hasattr(value, "isoformat") else str(value))
    except (TypeError, ValueError, OverflowError):
        raise DataError(
            f"Feature {number}, field '{field.name}': {value!r} is not a valid "
            f"{field.type.removeprefix('esriFieldType')} value."
        ) from None
