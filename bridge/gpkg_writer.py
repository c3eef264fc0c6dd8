"""Feature outputs into a GeoPackage written through GDAL itself, as QGIS's own GDAL algorithms write.

QGIS creates the layer (Processing's sink, or QgsVectorFileWriter for the plugin's own GeoPackages),
so its name, fields, types, FID column, CRS and options are exactly what QGIS makes for the
destination; the sink is closed while still empty, and `fill` then adds the features through
`osgeo.ogr` in one transaction, one OGR feature refilled for every row. For the bench's 100,000
polygons that takes about 2 s where QGIS 3.22's writer took 7, with the rewrite its dates needed:
that writer hands OGR a QDateTime as whole seconds with an unknown time zone (TZFlag 0), so
16:02:27.285 UTC was stored as 16:02:27.000 without zone (fixed in QGIS 3.28.4 and 3.30,
qgis/QGIS#51625). Here dates go in with their milliseconds and TZFlag 100 (UTC), which GDAL's
GeoPackage driver stores as 'YYYY-MM-DDTHH:MM:SS.sssZ'.

Everything else is what `features.write_features` gives QGIS: the same WKB (`for_sink`) and the
same conversions per QGIS field type (no geometry stored as an empty one, as QGIS's writer stores
it), so the file reads back as QGIS's would.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from qgis.core import QgsFields, QgsGeometry, QgsProcessingFeedback, QgsProviderRegistry, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from ..gp_core import (
    DataError,
    FeatureSet,
    last_gdal_error,
    quiet_gdal_errors,
    require_osgeo,
    set_utc_date,
)
from .feature_geometry import Step, for_sink
from .feature_values import to_date
from .features import wkb_type_for
from .i18n import tr

_BATCH = 1000  # features between two looks at cancellation and progress
_DONE = 0  # OGRERR_NONE
_NO_FID = -1  # OGRNullFID: GDAL numbers the feature

Setter = Callable[[Any, int, Any], None]


def is_geopackage(source: str) -> bool:
    """Whether an OGR source (a path, or `path|layername=name`) names a GeoPackage layer."""
    location = QgsProviderRegistry.instance().decodeUri("ogr", source)
    return str(location.get("path") or source).lower().endswith(".gpkg")


def fill(source: str, features: FeatureSet, fields: QgsFields, feedback: QgsProcessingFeedback | None = None) -> int:
    """Add the features to the empty GeoPackage layer `source` that QGIS has just created (and
    closed) with `fields` and `wkb_type_for(features)`. Returns the number written: fewer than the
    features when cancelled, which stops writing (the features written so far are kept, as a sink
    keeps them). DataError naming the file when it cannot be written (disk full, read-only...)."""
    location = QgsProviderRegistry.instance().decodeUri("ogr", source)
    path = str(location.get("path") or source)
    gdal, ogr, _ = require_osgeo("Writing a GeoPackage")
    with quiet_gdal_errors():
        try:
            dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
            name = location.get("layerName")
            layer = None if dataset is None else dataset.GetLayerByName(name) if name else dataset.GetLayer(0)
            if layer is None:
                raise _failed(path)
            return _write(dataset, layer, path, features, fields, feedback, ogr)
        except RuntimeError as error:  # GDAL in exception mode
            raise DataError(tr("{path} could not be written ({error}).").format(path=path, error=error)) from error


def _failed(path: str) -> DataError:
    return DataError(tr("{path} could not be written ({error}).").format(path=path, error=last_gdal_error()))


def _write(
    dataset: Any,
    layer: Any,
    path: str,
    features: FeatureSet,
    fields: QgsFields,
    feedback: QgsProcessingFeedback | None,
    ogr: Any,
) -> int:
    target = wkb_type_for(features)
    wkbs: list[bytes | None] = [None] * len(features)
    if target != QgsWkbTypes.NoGeometry:
        wkbs, fixes = for_sink(features.geometries, features.measures, target)
        if fixes:
            wkbs = [None if wkb is None else _fixed(wkb, fixes) for wkb in wkbs]
    definition, geometry_type = layer.GetLayerDefn(), layer.GetGeomType()
    keys = {field.name.lower(): field.name for field in features.fields}
    columns = [
        (definition.GetFieldIndex(field.name()), keys.get(field.name().lower(), field.name()), _setter(field.type()))
        for field in fields
    ]
    fid_column = layer.GetFIDColumn().lower()
    fid_key = next((key for key in keys.values() if fid_column and key.lower() == fid_column), None)
    columns = [column for column in columns if column[0] >= 0]  # not the FID column, nor a field QGIS left out
    if dataset.StartTransaction() != _DONE:
        raise _failed(path)
    feature = ogr.Feature(definition)  # making one per row costs more than writing it
    written = 0
    try:
        for start in range(0, len(features), _BATCH):
            if feedback is not None:
                if feedback.isCanceled():
                    break
                feedback.setProgress(100.0 * start / len(features))
            for index in range(start, min(start + _BATCH, len(features))):
                row = features.attributes[index]
                _set_values(feature, row, columns, index)
                given = row.get(fid_key) if fid_key is not None else None
                feature.SetFID(_NO_FID if given is None else _fid(given, index))
                wkb = wkbs[index]
                if wkb is not None:
                    feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
                elif geometry_type != ogr.wkbNone:
                    feature.SetGeometryDirectly(ogr.Geometry(geometry_type))
                if layer.CreateFeature(feature) != _DONE:
                    raise _failed(path)
                written += 1
        if dataset.CommitTransaction() != _DONE:
            raise _failed(path)
    except BaseException:
        dataset.RollbackTransaction()
        raise
    return written


def _fixed(wkb: bytes, fixes: list[Step]) -> bytes:
    """The WKB after the Z fixes `for_sink` asks QGIS geometries for (rare: mixed Z in a result)."""
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    for fix in fixes:
        geometry = fix(geometry)
    return bytes(geometry.asWkb())


def _set_values(feature: Any, row: dict, columns: list[tuple[int, str, Setter]], index: int) -> None:
    try:
        for column, key, setter in columns:
            value = row.get(key)
            if value is None:
                feature.SetFieldNull(column)
            else:
                setter(feature, column, value)
    except (TypeError, ValueError, OverflowError) as error:
        raise _unwritable(index, error) from error


def _fid(value: Any, index: int) -> int:
    """A field named like the layer's FID column gives the feature id, as QGIS's writer does."""
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError) as error:
        raise _unwritable(index, error) from error


def _unwritable(index: int, error: Exception) -> DataError:
    return DataError(
        tr("Feature {number}: a value cannot be written to the layer ({error}).").format(number=index + 1, error=error)
    )


def _setter(kind: QVariant.Type) -> Setter:
    """How a value goes into an OGR field made for a QGIS field of this type, as QGIS's writer puts
    it (numbers rounded to integers as QGIS rounds them, anything into text through str)."""
    return _SETTERS.get(kind, _set_text)


def _set_integer(feature: Any, column: int, value: Any) -> None:
    if isinstance(value, float):  # as QGIS converts a number for an Int field: halves away from zero
        value = math.copysign(math.floor(abs(value) + 0.5), value)
    feature.SetFieldInteger64(column, int(value))


def _set_long(feature: Any, column: int, value: Any) -> None:
    if isinstance(value, float):  # as Qt converts a number for a LongLong field (qRound64: halves up)
        value = math.floor(value + 0.5)
    feature.SetFieldInteger64(column, int(value))


def _set_double(feature: Any, column: int, value: Any) -> None:
    feature.SetField(column, float(value))


def _set_text(feature: Any, column: int, value: Any) -> None:
    feature.SetFieldString(column, value if isinstance(value, str) else str(value))


def _set_date(feature: Any, column: int, value: Any) -> None:
    day = to_date(value)
    if day is not None:
        feature.SetField(column, day.year(), day.month(), day.day(), 0, 0, 0, 0)


_SETTERS: dict[int, Setter] = {
    QVariant.Int: _set_integer,
    QVariant.LongLong: _set_long,
    QVariant.Double: _set_double,
    QVariant.DateTime: set_utc_date,
    QVariant.Date: _set_date,
}
