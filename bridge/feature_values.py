"""Field types and attribute values between QGIS and FeatureSets.

Read from QGIS (one converter per column, chosen once from the layer field's type):
- NULL → None; booleans → 0/1 (Esri has no boolean type, SmallInteger stands for it).
- QDateTime → aware UTC datetime. A QDateTime with a zone (UTC, offset, time zone) is converted;
  one without (Qt's LocalTime: what OGR, CSV and memory layers give for zone-less values) is read
  as UTC, as gp_core reads zone-less file values, so a file sends the same dates through QGIS as
  through gp_core alone, and a result written back shows the times the user sent.
- QDate → midnight UTC; QTime → ISO text (what a TimeOnly value is).
- Into DateOnly, TimeOnly, TimestampOffset and String fields, values go as text (dates in ISO
  8601): the strings a FeatureSet read from Esri JSON holds for those types.

Written to QGIS: Date → UTC QDateTime, DateOnly → QDate; TimeOnly and TimestampOffset stay text
in String fields (the server's text is kept exactly, and GeoPackage and shapefiles have no time
type); 64-bit integers go to LongLong fields.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Callable

from qgis.core import QgsField, QgsFields
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime, QVariant

from ..gp_core import (
    DATE,
    DATE_ONLY,
    EPOCH,
    OID,
    STRING,
    TIME_ONLY,
    TIMESTAMP_OFFSET,
    FeatureSet,
    Field,
    as_utc_datetime,
)

Converter = Callable[[Any], Any]

BLOB = "esriFieldTypeBlob"
_MILLISECOND = timedelta(milliseconds=1)

_ESRI_TYPES = {
    QVariant.Bool: "esriFieldTypeSmallInteger",
    QVariant.Int: "esriFieldTypeInteger",
    QVariant.UInt: "esriFieldTypeBigInteger",
    QVariant.LongLong: "esriFieldTypeBigInteger",
    QVariant.ULongLong: "esriFieldTypeBigInteger",
    QVariant.Double: "esriFieldTypeDouble",
    QVariant.Date: DATE,
    QVariant.DateTime: DATE,
    QVariant.Time: TIME_ONLY,
    QVariant.ByteArray: BLOB,
}
_QGIS_TYPES = {
    "esriFieldTypeSmallInteger": QVariant.Int,
    "esriFieldTypeInteger": QVariant.Int,
    "esriFieldTypeBigInteger": QVariant.LongLong,
    "esriFieldTypeSingle": QVariant.Double,
    "esriFieldTypeDouble": QVariant.Double,
    DATE: QVariant.DateTime,
    DATE_ONLY: QVariant.Date,
}
_TEXT_TYPES = (DATE_ONLY, TIME_ONLY, TIMESTAMP_OFFSET, STRING)


# -- fields ----------------------------------------------------------------------------------------


def esri_field(field: QgsField) -> Field:
    """The Esri field for a QGIS field (lists, maps and other types become String)."""
    esri_type = _ESRI_TYPES.get(field.type(), STRING)
    length = field.length() if esri_type == STRING and field.length() > 0 else None
    return Field(field.name(), esri_type, field.alias(), length)


def sendable_fields(fields: QgsFields) -> list[Field]:
    """The Esri fields of a layer that can go into Esri JSON (binary fields cannot)."""
    return [field for field in map(esri_field, fields) if field.type != BLOB]


def fields_for(features: FeatureSet) -> QgsFields:
    """QGIS fields for a FeatureSet's fields: OID → Int (LongLong when its length is 8, a 64-bit
    OID), Small/Integer → Int, BigInteger → LongLong, Single/Double → Double, Date → DateTime,
    DateOnly → Date; String, GUID, GlobalID, TimeOnly, TimestampOffset and unknown types → String
    (with the field's length)."""
    fields = QgsFields()
    for field in features.fields:
        kind = _QGIS_TYPES.get(field.type, QVariant.String)
        if field.type == OID:
            kind = QVariant.LongLong if field.length == 8 else QVariant.Int
        qgis_field = QgsField(field.name, kind, len=(field.length or 0) if kind == QVariant.String else 0)
        if field.alias and field.alias != field.name:
            qgis_field.setAlias(field.alias)
        fields.append(qgis_field)
    return fields


# -- values read from QGIS -------------------------------------------------------------------------


def reader(source: QgsField, target_type: str) -> Converter:
    """The converter of a layer column's values to what a FeatureSet field of `target_type` holds."""
    read = _READERS.get(source.type(), _plain)
    if target_type in _TEXT_TYPES and source.type() != QVariant.String:
        return lambda value: _as_text(read(value), target_type)
    return read


def _plain(value: Any) -> Any:
    if isinstance(value, QVariant):  # NULL, or (rarely) a value PyQt left wrapped
        return None if value.isNull() else value.value()
    return value


def _from_bool(value: Any) -> int | None:
    return int(value) if isinstance(value, bool) else _plain(value)


def _from_datetime(value: Any) -> datetime | None:
    if not isinstance(value, QDateTime) or not value.isValid():
        return None
    if value.timeSpec() == Qt.LocalTime:
        value.setTimeSpec(Qt.UTC)  # the same wall-clock time, in UTC (PyQt gave us our own copy)
    return EPOCH + value.toMSecsSinceEpoch() * _MILLISECOND


def _from_date(value: Any) -> datetime | None:
    if not isinstance(value, QDate) or not value.isValid():
        return None
    return datetime(value.year(), value.month(), value.day(), tzinfo=timezone.utc)


def _from_time(value: Any) -> str | None:
    if not isinstance(value, QTime) or not value.isValid():
        return None
    moment = time(value.hour(), value.minute(), value.second(), value.msec() * 1000)
    return moment.isoformat(timespec="milliseconds" if value.msec() else "seconds")


def _as_text(value: Any, target_type: str) -> str | None:
    """A value for a text field: dates in ISO 8601 (the date or time part alone for DateOnly and
    TimeOnly), anything else as str() gives it."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime):
        if target_type == DATE_ONLY:
            return value.date().isoformat()
        return value.time().isoformat() if target_type == TIME_ONLY else value.isoformat()
    return str(value)


_READERS: dict[int, Converter] = {
    QVariant.Bool: _from_bool,
    QVariant.DateTime: _from_datetime,
    QVariant.Date: _from_date,
    QVariant.Time: _from_time,
}


# -- values written to QGIS ------------------------------------------------------------------------


def writer(field: QgsField) -> Converter:
    """The converter of FeatureSet values to what a QGIS field of this type takes.
    TypeError or ValueError for a value that is not a date in a date field."""
    return _WRITERS.get(field.type(), same)


def same(value: Any) -> Any:
    """The converter of values a field takes as they are."""
    return value


def _to_datetime(value: Any) -> QDateTime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) and value.tzinfo is not None else as_utc_datetime(value)
    return QDateTime.fromMSecsSinceEpoch((moment - EPOCH) // _MILLISECOND, Qt.UTC)


def to_date(value: Any) -> QDate | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value.strip()[:10])
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise TypeError(f"{value!r} is not a date")
    return QDate(value.year, value.month, value.day)


_WRITERS: dict[int, Converter] = {QVariant.DateTime: _to_datetime, QVariant.Date: to_date}
