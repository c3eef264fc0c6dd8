"""GeoPackage outputs keep their dates to the millisecond and in UTC, through Processing, although QGIS
3.22's file writer alone stores whole seconds without zone. Read back with OGR (the oracle: GDAL's
GeoPackage driver stores 'YYYY-MM-DDTHH:MM:SS.sssZ') and with QGIS."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from qgis_helpers import alg_id

WHEN = [
    QDateTime(QDate(2024, 5, 6), QTime(16, 2, 27, 285), Qt.UTC),
    QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 999), Qt.UTC),
    None,
]
STORED = ["2024-05-06T16:02:27.285Z", "1999-12-31T23:59:59.999Z", None]


def dated_points(fids: list[int | None] | None = None) -> QgsVectorLayer:
    """Three points labelled a, b, c with the dates of WHEN, and an integer field FID when `fids` are given
    (as ArcGIS outputs often have)."""
    uri = "Point?crs=EPSG:26915&field=label:string&field=when:datetime" + ("&field=FID:integer" if fids else "")
    layer = QgsVectorLayer(uri, "dated", "memory")
    features = []
    for n, (label, when) in enumerate(zip("abc", WHEN)):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(480000 + n, 4980000)))
        feature.setAttributes([label, when, *([fids[n]] if fids else [])])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def copied(local, layer: QgsVectorLayer, output: str):
    import processing

    return processing.run(
        alg_id(local, "GP/CopyFeatures", "CopyFeatures"), {"Input_Features": layer, "Output_Features": output}
    )["Output_Features"]


def stored(path: Path, layer: str) -> dict[str, str | None]:
    """The text the GeoPackage holds for each label's date, read with SQLite."""
    with sqlite3.connect(path) as db:
        return dict(db.execute(f'SELECT label, "when" FROM "{layer}"').fetchall())


def test_a_geopackage_output_keeps_milliseconds_and_utc(plugin, local, tmp_path, new_york_local_time):
    path = tmp_path / "copied.gpkg"
    destination = copied(local, dated_points(), str(path))
    assert stored(path, "copied") == dict(zip("abc", STORED))
    dataset = ogr.Open(str(path))
    rows = {f.GetField("label"): f for f in dataset.GetLayer(0)}
    index = rows["a"].GetFieldIndex("when")
    assert rows["a"].GetFieldAsDateTime(index) == [2024, 5, 6, 16, 2, pytest.approx(27.285), 100]
    assert rows["b"].GetFieldAsString(index) == "1999/12/31 23:59:59.999+00"
    assert not rows["c"].IsFieldSetAndNotNull(index)
    read = {f["label"]: f["when"] for f in QgsVectorLayer(destination, "back", "ogr").getFeatures()}
    # QGIS 3.22 reads the time as written, without its zone, and cuts the milliseconds from OGR's
    # single-precision seconds (27.285 is 27.28499985 there): 284, where a reader that rounds gets 285.
    assert (read["a"].date(), read["a"].time().addMSecs(1).toString("HH:mm:ss.zzz")) == (
        QDate(2024, 5, 6),
        "16:02:27.285",
    )
    assert read["b"].time() == QTime(23, 59, 59, 999) and read["c"].isNull()


def test_the_dates_land_on_their_rows_whatever_feature_ids_the_fid_field_gives(plugin, local, tmp_path):
    path = tmp_path / "numbered.gpkg"
    copied(local, dated_points([7, 3, None]), str(path))
    with sqlite3.connect(path) as db:
        rows = db.execute('SELECT fid, label, "when" FROM numbered ORDER BY fid').fetchall()
    assert rows == [(3, "b", STORED[1]), (7, "a", STORED[0]), (8, "c", None)]


def test_a_new_table_in_an_existing_geopackage_keeps_them_too(plugin, local, tmp_path):
    path = tmp_path / "several.gpkg"
    copied(local, dated_points(), str(path))
    copied(local, dated_points(), f"ogr:dbname='{path}' table=\"again\" (geom)")
    assert stored(path, "again") == stored(path, "several") == dict(zip("abc", STORED))


def test_a_memory_output_keeps_them_as_it_always_did(plugin, local):
    layer = copied(local, dated_points(), "TEMPORARY_OUTPUT")  # a memory layer in QGIS 3.22
    when = {f["label"]: f["when"] for f in layer.getFeatures()}
    assert when["a"] == WHEN[0] and when["a"].timeSpec() == Qt.UTC and when["b"] == WHEN[1]
