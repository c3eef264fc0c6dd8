"""GeoPackage outputs keep their dates to the millisecond, in UTC.

QGIS 3.22's file writer (QgsVectorFileWriter, behind Processing's file sinks) hands OGR a QDateTime as
whole seconds with an unknown time zone (TZFlag 0), whatever the QDateTime holds: 16:02:27.285 UTC
is stored as 16:02:27.000 without zone. QGIS fixed this in 3.30 and 3.28.4 (qgis/QGIS#51625); a
memory layer was never affected. So once QGIS has written and closed a GeoPackage output, its
date-time columns are written again through OGR itself, with fractional seconds and TZFlag 100
(UTC), which GDAL's GeoPackage driver stores as 'YYYY-MM-DDTHH:MM:SS.sssZ'. The new GeoPackage
layers of outputs are filled by GDAL itself (gpkg_writer), dates exact: this serves what QGIS's
writer still writes, a result appended to an existing layer.

The rows are found by their feature id. A new GeoPackage layer numbers them 1, 2... in the order
they were written, except that QGIS writes a field named like the FID column ('fid', in any case)
as the feature id itself; a row without one gets the next after the largest so far, as SQLite does.
Each row found must hold the value QGIS wrote, to the second: otherwise nothing is changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from qgis.core import QgsFields, QgsProviderRegistry
from qgis.PyQt.QtCore import QVariant

from ..gp_core import (
    DataError,
    FeatureSet,
    as_utc_datetime,
    last_gdal_error,
    quiet_gdal_errors,
    require_osgeo,
    set_utc_date,
)
from .i18n import tr

_DONE = 0  # OGRERR_NONE


def restore_dates(source: str, features: FeatureSet, fields: QgsFields) -> bool:
    """Write the date-time values of `features` again, exactly, into the GeoPackage layer `source`
    (a path, or `path|layername=name`) that QGIS has just written from them with `fields`; any
    other format is left as it is. False when the layer's rows are not the features' (then it is
    left as QGIS wrote it); DataError when the file cannot be updated."""
    date_fields = [field.name() for field in fields if field.type() == QVariant.DateTime]
    opened = _geopackage_layer(source) if date_fields else None
    if opened is None:
        return True
    dataset, layer = opened
    keys = {field.name.lower(): field.name for field in features.fields}
    fids = _feature_ids(features.attributes, keys.get(layer.GetFIDColumn().lower()))
    if fids is None:
        return False
    columns = [(layer.GetLayerDefn().GetFieldIndex(name), keys.get(name.lower(), name)) for name in date_fields]
    with quiet_gdal_errors():
        _done(dataset.StartTransaction, source)
        try:
            matched = all(
                _rewritten(layer, fid, [(index, row.get(key)) for index, key in columns if index >= 0])
                for fid, row in zip(fids, features.attributes)
            )
        except RuntimeError:  # GDAL in exception mode
            matched = False
        if not matched:
            dataset.RollbackTransaction()
            return False
        _done(dataset.CommitTransaction, source)
    return True


def whole_seconds(label: str, source: str) -> str:
    """The warning for an output whose dates `restore_dates` could not restore."""
    return tr(
        "{label}: the dates in {source} keep whole seconds, without time zone (as QGIS 3.22 writes them)."
    ).format(label=label, source=source)


def _geopackage_layer(source: str) -> tuple[Any, Any] | None:
    """The GeoPackage dataset, open for update, and its layer `source`; None for anything else (a
    memory layer, another format)."""
    location = QgsProviderRegistry.instance().decodeUri("ogr", source)
    path = location.get("path") or source
    if not Path(path).is_file():
        return None
    gdal = require_osgeo("Keeping the milliseconds of dates in a GeoPackage")[0]
    with quiet_gdal_errors():
        try:
            dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
        except RuntimeError:  # GDAL in exception mode
            return None
    if dataset is None or dataset.GetDriver().ShortName != "GPKG":
        return None
    name = location.get("layerName")
    layer = dataset.GetLayerByName(name) if name else dataset.GetLayer(0)
    return (dataset, layer) if layer is not None else None


def _done(step: Callable[[], int], source: str) -> None:
    """Run a step of the transaction; DataError when it fails (an error code, or GDAL's exception)."""
    try:
        error = step()
    except RuntimeError:
        error = -1
    if error != _DONE:
        raise DataError(
            tr("{source}: its dates could not be written to the millisecond ({error}).").format(
                source=source, error=last_gdal_error()
            )
        )


def _feature_ids(rows: list[dict], fid_key: str | None) -> list[int] | None:
    """The feature id each row got in a new GeoPackage layer; None when they cannot be told."""
    ids: list[int] = []
    top = 0
    for row in rows:
        given = row.get(fid_key) if fid_key else None
        if given is not None and not (isinstance(given, int) or isinstance(given, float) and given.is_integer()):
            return None
        fid = int(given) if given is not None else top + 1
        top = max(top, fid)
        ids.append(fid)
    return ids


def _rewritten(layer: Any, fid: int, values: list[tuple[int, Any]]) -> bool:
    """Whether the feature `fid` holds the values to the second, now written exactly."""
    feature = layer.GetFeature(fid)
    if feature is None:
        return False
    for index, value in values:
        if value is None:
            continue
        moment = as_utc_datetime(value)
        stored = feature.GetFieldAsDateTime(index) if feature.IsFieldSetAndNotNull(index) else None
        if stored is None or (*stored[:5], int(stored[5])) != (
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
        ):
            return False
        set_utc_date(feature, index, value)
    return layer.SetFeature(feature) == _DONE
