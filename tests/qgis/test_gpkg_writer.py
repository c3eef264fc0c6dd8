"""GeoPackage outputs filled through GDAL (bridge.gpkg_writer) hold what QGIS's own writer wrote before
(write_features into QgsVectorFileWriter): the same layer, fields, types, CRS, feature ids, values and
geometries, read back with OGR as the oracle; dates to the millisecond in UTC where QGIS 3.22's writer
kept whole seconds without zone."""

from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import shapely
from osgeo import ogr
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsProcessingFeedback,
    QgsVectorFileWriter,
)

from real_bodies import real_body
from remote_gp.bridge.features import crs_for, fields_for, wkb_type_for, write_features
from remote_gp.bridge.gpkg_writer import fill, is_geopackage
from remote_gp.gp_core import DataError
from remote_gp.gp_core.featureset import FeatureSet, Field
from remote_gp.gp_core.geometry import MULTIPOINT, POINT, POLYGON, POLYLINE
from remote_gp.gp_core.spatialref import SpatialReference

UTC = timezone.utc
MERCATOR_WKT = (
    'PROJCS["custom",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator"],'
    'PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",7.0],'
    'PARAMETER["Standard_Parallel_1",0.0],UNIT["Meter",1.0]]'
)
ALL_TYPES = [
    Field("OBJECTID", "esriFieldTypeOID"),
    Field("small", "esriFieldTypeSmallInteger"),
    Field("whole", "esriFieldTypeInteger"),
    Field("big", "esriFieldTypeBigInteger"),
    Field("single", "esriFieldTypeSingle"),
    Field("double", "esriFieldTypeDouble"),
    Field("name", "esriFieldTypeString", "A name", length=12),
    Field("when", "esriFieldTypeDate"),
    Field("day", "esriFieldTypeDateOnly"),
    Field("clock", "esriFieldTypeTimeOnly"),
    Field("offset", "esriFieldTypeTimestampOffset"),
    Field("guid", "esriFieldTypeGUID"),
]
ROWS: list[dict[str, Any]] = [
    {
        "OBJECTID": 1,
        "small": 2,
        "whole": -7,
        "big": 2**40,
        "single": 1.5,
        "double": math.pi,
        "name": "Zürich – ü",
        "when": datetime(2024, 5, 6, 16, 2, 27, 285000, tzinfo=UTC),
        "day": "2024-05-06",
        "clock": "16:02:27",
        "offset": "2024-05-06T16:02:27+02:00",
        "guid": "{8A1F6C1E-0000-4000-8000-000000000001}",
    },
    {"OBJECTID": 2, "whole": 2.5, "big": -2.5, "double": 3, "name": 17, "when": 1714, "day": None},
    {
        "OBJECTID": 3,
        "small": 2.4999,
        "whole": -2.5,
        "big": 2.5,
        "when": datetime(1969, 12, 31, 23, 59, 59, 999000, tzinfo=UTC),
    },
    {"OBJECTID": 4},
]


def feature_sets() -> dict[str, FeatureSet]:
    """Outputs of every kind: each geometry type, Z and M, null and empty geometries, all field types,
    known and unknown spatial references, a FID field giving feature ids, a table, real bodies."""
    sets: dict[str, FeatureSet] = {}
    polygons = FeatureSet(POLYGON, SpatialReference(wkid=102100), ALL_TYPES)
    polygons.set_features(
        [
            shapely.from_wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 2))"),
            shapely.from_wkt("MULTIPOLYGON (((0 0, 0 1, 1 1, 0 0)), ((5 5, 5 6, 6 6, 5 5)))"),
            None,
            shapely.from_wkt("POLYGON EMPTY"),
        ],
        ROWS,
    )
    sets["polygons"] = polygons
    lines = FeatureSet(
        POLYLINE, SpatialReference(wkt=MERCATOR_WKT), [Field("FID", "esriFieldTypeInteger")], has_z=True, has_m=True
    )
    lines.set_features(
        [
            shapely.from_wkt("LINESTRING Z (0 0 1, 1 1 2)"),
            shapely.from_wkt("MULTILINESTRING Z ((0 0 1, 1 1 nan), (2 2 3, 3 3 4))"),
            shapely.from_wkt("LINESTRING Z (5 5 5, 6 6 6)"),
        ],
        [{"FID": 7}, {"FID": 3}, {"FID": None}],
        [[0.5, 1e-9], [-2.0, None, 4.0, 5.0], None],
    )
    sets["lines with Z, M and feature ids"] = lines
    mixed = FeatureSet(POINT, SpatialReference(wkid=4326), [Field("n", "esriFieldTypeInteger")], has_z=True)
    mixed.set_features([shapely.from_wkt("POINT Z (1 2 3)"), shapely.from_wkt("POINT (4 5)")], [{"n": 1}, {"n": 2}])
    sets["points, some without Z"] = mixed
    flat = FeatureSet(MULTIPOINT, None, [Field("n", "esriFieldTypeDouble")])
    flat.set_features([shapely.from_wkt("MULTIPOINT (1 2, 3 4)"), shapely.from_wkt("POINT (5 6)")], [{"n": 1}, {}])
    sets["multipoints without spatial reference"] = flat
    table = FeatureSet(None, None, [Field("name"), Field("when", "esriFieldTypeDate")])
    table.set_features(None, [{"name": "a", "when": 0}, {"NAME": "ignored"}])
    sets["a table"] = table
    real = real_body("polyline_featureset_result_wkid102113")["results"][0]["value"]
    sets["a real polyline result"] = FeatureSet.from_json(real)
    sets["real points"] = FeatureSet.from_json(real_body("input_featureset_points"))
    return sets


FEATURE_SETS = feature_sets()


def created(features: FeatureSet, path: Path) -> QgsVectorFileWriter:
    """A GeoPackage layer for the features, created as Processing's sink creates it."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", path.stem
    writer = QgsVectorFileWriter.create(
        str(path),
        fields_for(features),
        wkb_type_for(features),
        crs_for(features.spatial_reference),
        QgsCoordinateTransformContext(),
        options,
    )
    assert writer.hasError() == QgsVectorFileWriter.NoError, writer.errorMessage()
    return writer


def through_qgis(features: FeatureSet, path: Path) -> None:
    """The GeoPackage as the plugin wrote it before: QGIS's writer."""
    writer = created(features, path)
    assert write_features(features, writer, fields_for(features)) == len(features)
    del writer


def through_gdal(features: FeatureSet, path: Path, feedback: QgsProcessingFeedback | None = None) -> int:
    writer = created(features, path)
    del writer
    return fill(f"{path}|layername={path.stem}", features, fields_for(features), feedback)


def content(path: Path) -> dict[str, Any]:
    """What OGR reads from the GeoPackage's one layer."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    fields = [definition.GetFieldDefn(i) for i in range(definition.GetFieldCount())]
    srs = layer.GetSpatialRef()
    rows = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        values = [
            None
            if not feature.IsFieldSetAndNotNull(i)
            else feature.GetFieldAsDateTime(i)
            if field.GetType() in (ogr.OFTDate, ogr.OFTDateTime)
            else feature.GetField(i)
            for i, field in enumerate(fields)
        ]
        rows.append((feature.GetFID(), values, None if geometry is None else bytes(geometry.ExportToIsoWkb())))
    return {
        "layer": (layer.GetName(), layer.GetFIDColumn(), layer.GetGeometryColumn(), layer.GetGeomType()),
        "fields": [(f.GetName(), f.GetType(), f.GetSubType(), f.GetWidth(), f.GetAlternativeName()) for f in fields],
        "srs": None if srs is None else srs.ExportToWkt(),
        "rows": rows,
    }


def count(path: Path) -> int:
    dataset = ogr.Open(str(path))
    return dataset.GetLayer(0).GetFeatureCount()


@pytest.mark.parametrize("name", FEATURE_SETS)
def test_gdal_writes_what_qgis_wrote(qgis_app, tmp_path, name):
    features = FEATURE_SETS[name]
    (tmp_path / "qgis").mkdir()
    (tmp_path / "gdal").mkdir()
    through_qgis(features, tmp_path / "qgis" / "out.gpkg")
    assert through_gdal(features, tmp_path / "gdal" / "out.gpkg") == len(features)
    expected, got = content(tmp_path / "qgis" / "out.gpkg"), content(tmp_path / "gdal" / "out.gpkg")
    dates = [i for i, field in enumerate(got["fields"]) if field[1] == ogr.OFTDateTime]
    for (_, qgis_values, _), (_, gdal_values, _) in zip(expected["rows"], got["rows"]):
        for i in dates:
            if qgis_values[i] is not None:  # QGIS 3.22: whole seconds, no zone; GDAL: milliseconds, UTC
                assert qgis_values[i] == [*gdal_values[i][:5], int(gdal_values[i][5]), 0]
                assert gdal_values[i][6] == 100
            qgis_values[i] = gdal_values[i]
    assert got == expected
    assert len(got["rows"]) == len(features)


def test_dates_are_stored_to_the_millisecond_in_utc(qgis_app, tmp_path):
    path = tmp_path / "dated.gpkg"
    through_gdal(FEATURE_SETS["polygons"], path)
    dataset = ogr.Open(str(path))
    first = dataset.GetLayer(0).GetNextFeature()
    assert first.GetFieldAsString("when") == "2024/05/06 16:02:27.285+00"
    assert first.GetFieldAsString("day") == "2024/05/06"


def test_the_spatial_index_finds_the_features(qgis_app, tmp_path):
    path = tmp_path / "indexed.gpkg"
    through_gdal(FEATURE_SETS["polygons"], path)
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    assert layer.TestCapability(ogr.OLCFastSpatialFilter)
    layer.SetSpatialFilterRect(9.5, 9.5, 11, 11)
    assert [f.GetFID() for f in layer] == [1]
    layer.SetSpatialFilterRect(20, 20, 30, 30)
    assert [f.GetFID() for f in layer] == []
    assert layer.GetExtent() == (0, 10, 0, 10)


def test_cancelling_stops_writing_and_keeps_what_was_written(qgis_app, tmp_path):
    features = FeatureSet(POINT, SpatialReference(wkid=4326), [Field("n", "esriFieldTypeInteger")])
    features.set_features([shapely.Point(i, i) for i in range(2500)], [{"n": i} for i in range(2500)])

    class CancelledDuringFirstBatch(QgsProcessingFeedback):
        def setProgress(self, progress: float) -> None:  # noqa: N802 (Qt's name)
            super().setProgress(progress)
            self.cancel()

    path = tmp_path / "cancelled.gpkg"
    assert through_gdal(features, path, CancelledDuringFirstBatch()) == 1000
    assert count(path) == 1000


def test_a_value_that_is_no_date_names_its_feature(qgis_app, tmp_path):
    features = FeatureSet(None, None, [Field("when", "esriFieldTypeDate")])
    features.set_features(None, [{"when": datetime(2020, 1, 1, tzinfo=UTC)}, {"when": "not a date"}])
    with pytest.raises(DataError, match="Feature 2: a value cannot be written"):
        through_gdal(features, tmp_path / "bad.gpkg")
    assert count(tmp_path / "bad.gpkg") == 0  # nothing half-written


def test_a_file_that_cannot_be_written_is_named(qgis_app, tmp_path):
    path = tmp_path / "broken.gpkg"
    path.write_text("not a GeoPackage")
    with pytest.raises(DataError, match="broken.gpkg could not be written"):
        fill(str(path), FEATURE_SETS["a table"], fields_for(FEATURE_SETS["a table"]))


def test_geopackage_sources_are_told_from_others():
    assert is_geopackage("/tmp/a.gpkg") and is_geopackage("/tmp/A.GPKG|layername=b")
    assert not is_geopackage("/tmp/a.shp") and not is_geopackage("memory:x")
