"""Layers ⇄ FeatureSets in real QGIS: memory layers and GeoPackages, Processing contexts and feedback."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsMemoryProviderUtils,
    QgsPoint,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameters,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QByteArray, QDate, QDateTime, Qt, QTime, QVariant

from remote_gp.bridge.features import (
    crs_for,
    feature_set_from_source,
    fields_for,
    reference_for,
    wkb_type_for,
    write_features,
)
from remote_gp.gp_core import Cancelled, DataError, GeometryError
from remote_gp.gp_core.featureset import FeatureSet, Field
from remote_gp.gp_core.geometry import MULTIPOINT, POINT, POLYGON, POLYLINE
from remote_gp.gp_core.spatialref import SpatialReference

UTC = timezone.utc
OID = "esriFieldTypeOID"
TM_10_5 = "+proj=tmerc +lat_0=0 +lon_0=10.5 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"


@pytest.fixture(autouse=True)
def qgis(qgis_app):
    """Every test here needs the QGIS application pytest-qgis starts."""


def layer_with(uri: str, rows: list[tuple[str | None, list]]) -> QgsVectorLayer:
    """A memory layer with one feature per (WKT or None, attribute values)."""
    layer = QgsVectorLayer(uri, "input", "memory")
    assert layer.isValid(), uri
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(values)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def read(
    source,
    schema: FeatureSet | None = None,
    feedback: QgsProcessingFeedback | None = None,
    context: QgsProcessingContext | None = None,
) -> FeatureSet:
    return feature_set_from_source(
        source,
        schema if schema is not None else FeatureSet(),
        context or QgsProcessingContext(),
        feedback or QgsProcessingFeedback(),
    )


def written(features: FeatureSet, feedback: QgsProcessingFeedback | None = None) -> QgsVectorLayer:
    """A memory layer made for the features (as an algorithm makes its sink) holding them."""
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        "result", fields_for(features), wkb_type_for(features), crs_for(features.spatial_reference)
    )
    count = write_features(features, layer.dataProvider(), layer.fields(), feedback or QgsProcessingFeedback())
    assert count == layer.featureCount()
    return layer


def coordinates(features: FeatureSet) -> np.ndarray:
    return shapely.get_coordinates(features.geometries)


def projected(crs: QgsCoordinateReferenceSystem, longitude: float, latitude: float) -> QgsPointXY:
    """A WGS 84 point in `crs`, as QGIS transforms it."""
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    return QgsCoordinateTransform(wgs84, crs, QgsProject.instance()).transform(QgsPointXY(longitude, latitude))


def same_crs(crs: QgsCoordinateReferenceSystem, other: QgsCoordinateReferenceSystem) -> bool:
    """Whether two valid CRSs put longitude/latitude points at the same place."""
    return (
        crs.isValid()
        and other.isValid()
        and all(projected(crs, x, y).distance(projected(other, x, y)) < 1e-6 for x, y in ((10.5, 50), (-93.5, 45.2)))
    )


# -- spatial references ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reference, authid",
    [
        (SpatialReference(wkid=4326), "EPSG:4326"),
        (SpatialReference(wkid=102100, latest_wkid=3857), "EPSG:3857"),
        (SpatialReference(wkid=102100), "EPSG:3857"),
        (SpatialReference(wkid=26915), "EPSG:26915"),
        (SpatialReference(wkid=54009), "ESRI:54009"),  # World Mollweide: Esri's code only, known to QGIS 3.22
        (SpatialReference(wkid=4269, latest_wkid=999999), "EPSG:4269"),  # latestWkid QGIS does not know → wkid
    ],
)
def test_crs_for_codes(reference, authid):
    crs = crs_for(reference)
    assert crs.isValid() and crs.authid() == authid


def test_crs_for_a_wkt_gives_the_same_crs():
    wkt = QgsCoordinateReferenceSystem("EPSG:26915").toWkt(QgsCoordinateReferenceSystem.WKT1_ESRI)
    assert same_crs(crs_for(SpatialReference(wkt=wkt)), QgsCoordinateReferenceSystem("EPSG:26915"))


@pytest.mark.parametrize(
    "reference",
    [None, SpatialReference(wkid=999999), SpatialReference(wkid=12345), SpatialReference(wkt="LOCAL_CS nonsense")],
)
def test_crs_for_an_unknown_reference_is_invalid_never_wgs84(reference):
    assert not crs_for(reference).isValid()


def test_reference_for_codes_wkt_and_invalid():
    assert reference_for(QgsCoordinateReferenceSystem("EPSG:4326")) == SpatialReference(wkid=4326)
    assert reference_for(QgsCoordinateReferenceSystem("ESRI:54009")) == SpatialReference(wkid=54009)
    assert reference_for(QgsCoordinateReferenceSystem()) is None
    custom = QgsCoordinateReferenceSystem.fromProj(TM_10_5)
    reference = reference_for(custom)
    assert reference.wkid is None and reference.wkt.startswith("PROJCS[")
    assert same_crs(crs_for(reference), custom)


# -- coordinate reference systems of sent features ---------------------------------------------------------


def test_points_are_transformed_to_the_schema_crs():
    layer = layer_with("Point?crs=EPSG:4326", [("Point(-93.5 45.2)", []), ("Point(-91 47.75)", [])])
    features = read(layer, FeatureSet(POINT, SpatialReference(wkid=26915)))
    assert features.spatial_reference == SpatialReference(wkid=26915)
    utm = QgsCoordinateReferenceSystem("EPSG:26915")
    expected = [projected(utm, -93.5, 45.2), projected(utm, -91, 47.75)]
    np.testing.assert_allclose(coordinates(features), [[p.x(), p.y()] for p in expected], rtol=0, atol=1e-6)


def test_a_point_that_cannot_be_transformed_names_its_feature():
    layer = layer_with("Point?crs=EPSG:4326", [("Point(-93.5 45.2)", []), ("Point(0 95)", [])])
    with pytest.raises(DataError, match="Feature 2 of 'input' cannot be transformed"):
        read(layer, FeatureSet(POINT, SpatialReference(wkid=26915)))


def test_without_schema_reference_the_layer_crs_is_sent_untouched():
    layer = layer_with("Point?crs=EPSG:4326", [("Point(-93.5 45.2)", [])])
    features = read(layer, FeatureSet(POINT))
    assert features.spatial_reference == SpatialReference(wkid=4326)
    assert coordinates(features).tolist() == [[-93.5, 45.2]]


def test_the_same_crs_under_an_esri_code_is_not_transformed_and_keeps_the_task_code():
    layer = layer_with("Point?crs=EPSG:3857", [("Point(1000.25 2000.5)", [])])
    features = read(layer, FeatureSet(POINT, SpatialReference(wkid=102100, latest_wkid=3857)))
    assert features.spatial_reference == SpatialReference(wkid=102100, latest_wkid=3857)
    assert coordinates(features).tolist() == [[1000.25, 2000.5]]


def test_a_custom_crs_is_sent_as_wkt():
    layer = layer_with("Point?crs=", [("Point(500000 5000000)", [])])
    layer.setCrs(QgsCoordinateReferenceSystem.fromProj(TM_10_5))
    features = read(layer, FeatureSet(POINT))
    assert features.spatial_reference.wkid is None
    assert "Transverse_Mercator" in features.spatial_reference.wkt
    assert same_crs(crs_for(features.spatial_reference), layer.crs())


def test_a_layer_without_crs_needs_the_task_reference():
    layer = layer_with("Point?crs=", [("Point(1 2)", [])])
    assert not layer.crs().isValid()
    with pytest.raises(DataError, match="'input' has no known coordinate reference system"):
        read(layer, FeatureSet(POINT))
    feedback = QgsProcessingFeedback()
    features = read(layer, FeatureSet(POINT, SpatialReference(wkid=26915)), feedback)
    assert features.spatial_reference == SpatialReference(wkid=26915)
    assert coordinates(features).tolist() == [[1, 2]]
    assert "no known coordinate reference system" in feedback.textLog()


# -- attributes ------------------------------------------------------------------------------------


def test_fields_map_by_name_in_any_case_oids_are_the_feature_ids_and_extras_dropped():
    layer = layer_with(
        "Point?crs=EPSG:4326&field=Name:string(30)&field=POP:integer&field=extra:string",
        [("Point(0 0)", ["gone", 0, "x"]), ("Point(1 1)", ["a", 10, "y"]), ("Point(2 2)", ["b", 20, "z"])],
    )
    layer.dataProvider().deleteFeatures([1])  # ids now start at 2: the OIDs too
    schema = FeatureSet(
        POINT,
        SpatialReference(wkid=4326),
        [
            Field("NAME", "esriFieldTypeString", length=30),
            Field("OBJECTID", OID),
            Field("pop", "esriFieldTypeInteger"),
            Field("Missing", "esriFieldTypeDouble"),
        ],
    )
    features = read(layer, schema)
    assert [f.name for f in features.fields] == ["NAME", "OBJECTID", "pop", "Missing"]
    assert features.attributes == [
        {"NAME": "a", "OBJECTID": 2, "pop": 10, "Missing": None},
        {"NAME": "b", "OBJECTID": 3, "pop": 20, "Missing": None},
    ]


def test_a_schema_without_fields_takes_the_layer_fields_with_esri_types():
    layer = layer_with(
        "Point?crs=EPSG:4326&field=s:string(12)&field=i:integer&field=l:long&field=d:double"
        "&field=day:date&field=dt:datetime&field=t:time&field=b:boolean&field=blob:binary",
        [
            (
                "Point(0 0)",
                [
                    "text",
                    7,
                    2**40,
                    0.5,
                    QDate(2021, 3, 4),
                    QDateTime(QDate(2021, 3, 4), QTime(5, 6, 7), Qt.UTC),
                    QTime(13, 45, 30),
                    True,
                    QByteArray(b"\x00\x01"),
                ],
            )
        ],
    )
    features = read(layer, FeatureSet(POINT))
    assert [(f.name, f.type, f.length) for f in features.fields] == [
        ("s", "esriFieldTypeString", 12),
        ("i", "esriFieldTypeInteger", None),
        ("l", "esriFieldTypeBigInteger", None),
        ("d", "esriFieldTypeDouble", None),
        ("day", "esriFieldTypeDate", None),
        ("dt", "esriFieldTypeDate", None),
        ("t", "esriFieldTypeTimeOnly", None),
        ("b", "esriFieldTypeSmallInteger", None),
    ]
    assert features.attributes == [
        {
            "s": "text",
            "i": 7,
            "l": 2**40,
            "d": 0.5,
            "day": datetime(2021, 3, 4, tzinfo=UTC),
            "dt": datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC),
            "t": "13:45:30",
            "b": 1,
        }
    ]


def test_dates_become_utc_datetimes_and_go_back_as_utc_qdatetimes(new_york_local_time):
    moment = QDateTime(QDate(2021, 3, 4), QTime(5, 6, 7, 89), Qt.UTC)
    layer = layer_with(
        "Point?crs=EPSG:4326&field=dt:datetime&field=day:date&field=t:time",
        [
            ("Point(0 0)", [moment, QDate(2021, 3, 4), QTime(13, 45, 30, 250)]),
            ("Point(0 0)", [QDateTime(QDate(2021, 3, 4), QTime(5, 6, 7), Qt.OffsetFromUTC, 3600), None, None]),
            ("Point(0 0)", [QDateTime(QDate(2021, 3, 4), QTime(5, 6, 7), Qt.LocalTime), None, None]),
            ("Point(0 0)", [None, None, None]),
        ],
    )
    schema = FeatureSet(
        POINT,
        None,
        [
            Field("dt", "esriFieldTypeDate"),
            Field("day", "esriFieldTypeDateOnly"),
            Field("t", "esriFieldTypeTimeOnly"),
            Field("when", "esriFieldTypeDate"),
        ],
    )
    features = read(layer, schema)
    assert [row["dt"] for row in features.attributes] == [
        datetime(2021, 3, 4, 5, 6, 7, 89000, tzinfo=UTC),
        datetime(2021, 3, 4, 4, 6, 7, tzinfo=UTC),
        datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC),
        None,
    ]  # zone-less (LocalTime) values are read as UTC
    assert [row["day"] for row in features.attributes] == ["2021-03-04", None, None, None]
    assert [row["t"] for row in features.attributes] == ["13:45:30.250", None, None, None]
    assert features.to_json()["features"][0]["attributes"]["dt"] == moment.toMSecsSinceEpoch()

    result = list(written(features).getFeatures())
    assert result[0]["dt"] == moment and result[0]["dt"].timeSpec() == Qt.UTC
    assert result[1]["dt"] == QDateTime(QDate(2021, 3, 4), QTime(4, 6, 7), Qt.UTC)
    assert result[0]["day"] == QDate(2021, 3, 4) and result[0]["t"] == "13:45:30.250"
    assert all(result[3][name].isNull() for name in ("dt", "day", "t", "when"))


def test_64_bit_integers_are_exact_both_ways():
    values = [2**53 + 1, -(2**62) + 3, None]
    layer = layer_with("None?field=big:long", [(None, [v]) for v in values])
    features = read(
        layer, FeatureSet(None, None, [Field("BIG", "esriFieldTypeBigInteger"), Field("OBJECTID", OID, length=8)])
    )
    assert [row["BIG"] for row in features.attributes] == values
    result = written(features)
    assert [f.type() for f in result.fields()] == [QVariant.LongLong, QVariant.LongLong]
    assert [f["BIG"] for f in result.getFeatures()][:2] == values[:2]
    assert read(result, features.empty_copy()).attributes == features.attributes


def test_a_table_schema_sends_attributes_only():
    layer = layer_with("Point?crs=EPSG:4326&field=name:string", [("Point(1 2)", ["a"]), (None, ["b"])])
    features = read(layer, FeatureSet(None, None, [Field("name")]))
    assert features.geometry_type is None and list(features.geometries) == [None, None]
    assert features.attributes == [{"name": "a"}, {"name": "b"}]
    assert "geometryType" not in features.to_json()


def test_a_record_set_reads_no_geometry_from_a_layer_that_has_some():
    """A table input from a layer with an invalid polygon: its geometries are neither read nor
    checked (a check would refuse this layer)."""
    layer = layer_with("Polygon?crs=EPSG:4326&field=name:string", [("Polygon((0 0, 1 1, 1 0, 0 1, 0 0))", ["bow tie"])])
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    features = feature_set_from_source(layer, FeatureSet(), context, QgsProcessingFeedback(), table=True)
    assert features.geometry_type is None and list(features.geometries) == [None]
    assert features.attributes == [{"name": "bow tie"}]
    with pytest.raises(GeometryError, match="invalid geometry: Self-intersection"):
        read(layer, FeatureSet(), context=context)


# -- geometries -------------------------------------------------------------------------------------


def test_polygons_with_holes_and_multipolygons_become_esri_rings():
    with_hole = "MultiPolygon(((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2)))"
    two_parts = "MultiPolygon(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"
    layer = layer_with("MultiPolygon?crs=EPSG:4326", [(with_hole, []), (two_parts, []), (None, [])])
    features = read(layer, FeatureSet(POLYGON))
    single, multi, missing = features.geometries
    assert single.geom_type == "Polygon" and single.equals(shapely.from_wkt(with_hole))
    assert multi.geom_type == "MultiPolygon" and multi.equals(shapely.from_wkt(two_parts))
    assert missing is None
    rings = [f.get("geometry", {}).get("rings") for f in features.to_json()["features"]]
    clockwise = [[not shapely.LinearRing(ring).is_ccw for ring in feature_rings] for feature_rings in rings[:2]]
    assert clockwise == [[True, False], [True, True]]  # exteriors clockwise, the hole counter-clockwise
    assert rings[2] is None


def test_curves_are_segmentized():
    circle = "CurvePolygon(CircularString(0 0, 10 10, 20 0, 10 -10, 0 0))"
    layer = layer_with("CurvePolygon?crs=EPSG:3857", [(circle, [])])
    polygon = read(layer, FeatureSet(POLYGON)).geometries[0]
    assert polygon.geom_type == "Polygon" and len(polygon.exterior.coords) > 300
    assert polygon.area == pytest.approx(math.pi * 100, rel=1e-3)
    arc = layer_with("CompoundCurve?crs=EPSG:3857", [("CompoundCurve(CircularString(0 0, 1 1, 2 0), (2 0, 3 0))", [])])
    line = read(arc, FeatureSet(POLYLINE)).geometries[0]
    assert line.geom_type == "LineString" and line.coords[-1] == (3, 0) and len(line.coords) > 100


def test_z_and_m_are_kept_when_wanted_and_dropped_otherwise():
    layer = layer_with("PointZM?crs=EPSG:4326", [("Point ZM (1 2 3 4)", [])])
    both = read(layer, FeatureSet(POINT, has_z=True, has_m=True))
    assert shapely.get_coordinates(both.geometries, include_z=True).tolist() == [[1, 2, 3]]
    assert both.measures[0].tolist() == [4]
    z_only = read(layer, FeatureSet(POINT, has_z=True))
    assert z_only.geometries[0].has_z and z_only.geometries[0].z == 3 and z_only.measures[0] is None
    flat = read(layer, FeatureSet(POINT)).geometries[0]
    assert not flat.has_z
    taken = read(layer)
    assert (taken.geometry_type, taken.has_z, taken.has_m) == (POINT, True, True)
    assert taken.to_json()["features"][0]["geometry"] == {"x": 1, "y": 2, "z": 3, "m": 4}


def test_empty_and_null_geometries_become_none():
    layer = layer_with("Point?crs=EPSG:4326", [("Point EMPTY", []), (None, []), ("Point(1 2)", [])])
    assert [g if g is None else g.wkt for g in read(layer).geometries] == [None, None, "POINT (1 2)"]


def test_lines_cannot_go_into_a_point_input():
    layer = layer_with("LineString?crs=EPSG:4326", [("LineString(0 0, 1 1)", [])])
    with pytest.raises(DataError, match="'input' holds LineString geometries, but this input takes points"):
        read(layer, FeatureSet(POINT))
    table = layer_with("None?field=a:integer", [(None, [1])])
    with pytest.raises(DataError, match="has no geometries, but this input takes polygons"):
        read(table, FeatureSet(POLYGON))


def test_single_and_multi_points_follow_the_schema():
    layer = layer_with("MultiPoint?crs=EPSG:4326", [("MultiPoint((1 2))", []), ("MultiPoint((3 4), (5 6))", [])])
    layer.dataProvider().deleteFeatures([2])
    assert [g.wkt for g in read(layer, FeatureSet(POINT)).geometries] == ["POINT (1 2)"]
    points = layer_with("Point?crs=EPSG:4326", [("Point(1 2)", [])])
    (multipoint,) = read(points, FeatureSet(MULTIPOINT)).geometries
    assert multipoint.geom_type == "MultiPoint" and shapely.get_coordinates(multipoint).tolist() == [[1, 2]]
    several = layer_with("MultiPoint?crs=EPSG:4326", [("MultiPoint((1 2))", []), ("MultiPoint((3 4), (5 6))", [])])
    with pytest.raises(GeometryError, match="Feature 2 of 'input' is a multipoint of 2 points"):
        read(several, FeatureSet(POINT))


def test_a_geometry_shapely_cannot_read_names_its_feature():
    layer = layer_with("LineString?crs=EPSG:4326", [("LineString(0 0, 1 1)", [])])
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry(QgsLineString([QgsPoint(1, 2)])))  # QGIS keeps a one-point line
    assert layer.dataProvider().addFeatures([feature])[0]
    with pytest.raises(GeometryError, match="Feature 2 of 'input' has a geometry that cannot be read"):
        read(layer, FeatureSet(POLYLINE))


# -- Processing sources ------------------------------------------------------------------------------


def processing_source(layer: QgsVectorLayer, context: QgsProcessingContext, selected_only: bool):
    """The source an algorithm gets from parameterAsSource for this layer."""
    context.temporaryLayerStore().addMapLayer(layer)
    definition = QgsProcessingParameterFeatureSource("INPUT")
    value = QgsProcessingFeatureSourceDefinition(layer.id(), selectedFeaturesOnly=selected_only)
    return QgsProcessingParameters.parameterAsSource(definition, {"INPUT": value}, context)


def test_selected_features_only_through_parameter_as_source():
    layer = layer_with("Point?crs=EPSG:4326&field=n:integer", [(f"Point({i} {i})", [i]) for i in range(5)])
    layer.selectByIds([2, 4])
    context = QgsProcessingContext()
    schema = FeatureSet(
        POINT, SpatialReference(wkid=4326), [Field("OBJECTID", OID), Field("n", "esriFieldTypeInteger")]
    )
    features = read(processing_source(layer, context, True), schema, context=context)
    rows = sorted(zip(features.attributes, coordinates(features).tolist()), key=lambda pair: pair[0]["n"])
    assert [(row["n"], xy) for row, xy in rows] == [(1, [1, 1]), (3, [3, 3])]
    assert sorted(row["OBJECTID"] for row in features.attributes) == [2, 4]


def test_the_context_invalid_geometry_setting_applies():
    bowtie = "Polygon((0 0, 1 1, 1 0, 0 1, 0 0))"
    layer = layer_with("Polygon?crs=EPSG:4326&field=n:integer", [("Polygon((0 0, 1 0, 1 1, 0 0))", [1]), (bowtie, [2])])
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometrySkipInvalid)
    features = read(processing_source(layer, context, False), FeatureSet(POLYGON), context=context)
    assert [row["n"] for row in features.attributes] == [1]


def test_progress_is_reported_and_cancel_stops_reading():
    layer = layer_with("Point?crs=EPSG:4326", [(f"Point({i} 0)", []) for i in range(2500)])
    feedback = QgsProcessingFeedback()
    progress: list[float] = []
    feedback.progressChanged.connect(progress.append)
    assert len(read(layer, feedback=feedback)) == 2500
    assert progress[-1] == 100 and progress == sorted(progress) and len(progress) >= 3
    feedback.progressChanged.connect(lambda value: value > 0 and feedback.cancel())
    with pytest.raises(Cancelled, match="Cancelled"):
        read(layer, feedback=feedback)


def test_cancel_stops_writing():
    features = FeatureSet(POINT, SpatialReference(wkid=4326))
    features.set_features(shapely.points(np.arange(2500), 0), [{} for _ in range(2500)])
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda value: value > 0 and feedback.cancel())
    layer = written(features, feedback)
    assert 0 < layer.featureCount() < 2500


# -- FeatureSet → sink ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "geometry_type, has_z, has_m, wkb_type",
    [
        (None, False, False, QgsWkbTypes.NoGeometry),
        (POINT, False, False, QgsWkbTypes.Point),
        (MULTIPOINT, True, False, QgsWkbTypes.MultiPointZ),
        (POLYLINE, False, False, QgsWkbTypes.MultiLineString),
        (POLYGON, False, True, QgsWkbTypes.MultiPolygonM),
        (POLYGON, True, True, QgsWkbTypes.MultiPolygonZM),
    ],
)
def test_wkb_type_for(geometry_type, has_z, has_m, wkb_type):
    assert wkb_type_for(FeatureSet(geometry_type, has_z=has_z, has_m=has_m)) == wkb_type


def test_fields_for():
    features = FeatureSet(
        None,
        None,
        [
            Field("OBJECTID", OID, length=8),
            Field("FID", OID),
            Field("short", "esriFieldTypeSmallInteger"),
            Field("long", "esriFieldTypeInteger"),
            Field("big", "esriFieldTypeBigInteger"),
            Field("single", "esriFieldTypeSingle"),
            Field("double", "esriFieldTypeDouble"),
            Field("text", "esriFieldTypeString", "Some text", length=40),
            Field("when", "esriFieldTypeDate"),
            Field("day", "esriFieldTypeDateOnly"),
            Field("clock", "esriFieldTypeTimeOnly"),
            Field("stamp", "esriFieldTypeTimestampOffset"),
            Field("guid", "esriFieldTypeGUID", length=38),
            Field("gid", "esriFieldTypeGlobalID", length=38),
            Field("odd", "esriFieldTypeSomethingNew"),
        ],
    )
    fields: QgsFields = fields_for(features)
    assert [(f.name(), f.type(), f.length()) for f in fields] == [
        ("OBJECTID", QVariant.LongLong, 0),
        ("FID", QVariant.Int, 0),
        ("short", QVariant.Int, 0),
        ("long", QVariant.Int, 0),
        ("big", QVariant.LongLong, 0),
        ("single", QVariant.Double, 0),
        ("double", QVariant.Double, 0),
        ("text", QVariant.String, 40),
        ("when", QVariant.DateTime, 0),
        ("day", QVariant.Date, 0),
        ("clock", QVariant.String, 0),
        ("stamp", QVariant.String, 0),
        ("guid", QVariant.String, 38),
        ("gid", QVariant.String, 38),
        ("odd", QVariant.String, 0),
    ]
    assert fields.field("text").alias() == "Some text"


ROUND_TRIP = {
    "geometryType": "esriGeometryPolyline",
    "spatialReference": {"wkid": 26915},
    "fields": [
        {"name": "OBJECTID", "type": OID, "length": 8},
        {"name": "NAME", "type": "esriFieldTypeString", "length": 50},
        {"name": "BIG", "type": "esriFieldTypeBigInteger"},
        {"name": "WHEN", "type": "esriFieldTypeDate"},
        {"name": "DAY", "type": "esriFieldTypeDateOnly"},
        {"name": "CLOCK", "type": "esriFieldTypeTimeOnly"},
        {"name": "STAMP", "type": "esriFieldTypeTimestampOffset"},
        {"name": "RATIO", "type": "esriFieldTypeDouble"},
        {"name": "FLAG", "type": "esriFieldTypeSmallInteger"},
    ],
    "features": [
        {
            "geometry": {"paths": [[[500000, 5000000], [500100.5, 5000200.25]]]},
            "attributes": {
                "OBJECTID": 1,
                "NAME": "één",
                "BIG": 2**62 + 1,
                "WHEN": 1614834367000,
                "DAY": "2021-03-04",
                "CLOCK": "13:45:30",
                "STAMP": "2021-03-04T05:06:07+02:00",
                "RATIO": 0.25,
                "FLAG": 1,
            },
        },
        {
            "geometry": {"paths": [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 2]]]},
            "attributes": {
                "OBJECTID": 2,
                "NAME": None,
                "BIG": None,
                "WHEN": None,
                "DAY": None,
                "CLOCK": None,
                "STAMP": None,
                "RATIO": None,
                "FLAG": None,
            },
        },
        {
            "attributes": {
                "OBJECTID": 3,
                "NAME": "no geometry",
                "BIG": -1,
                "WHEN": -86400000,
                "DAY": "1969-12-31",
                "CLOCK": "00:00:00",
                "STAMP": "1969-12-31T00:00:00-05:00",
                "RATIO": -1.5,
                "FLAG": 0,
            }
        },
    ],
}


def assert_same_features(actual: FeatureSet, expected: FeatureSet) -> None:
    assert actual.spatial_reference == expected.spatial_reference
    assert (actual.geometry_type, actual.has_z, actual.has_m) == (
        expected.geometry_type,
        expected.has_z,
        expected.has_m,
    )
    assert list(shapely.to_wkb(actual.geometries, flavor="iso")) == list(
        shapely.to_wkb(expected.geometries, flavor="iso")
    )
    assert m_lists(actual) == m_lists(expected)
    assert actual.attributes == expected.attributes


def m_lists(features: FeatureSet) -> list:
    """The M values of each feature, NaN as None (so that lists compare)."""
    return [None if m is None else [None if math.isnan(v) else v for v in m.tolist()] for m in features.measures]


def qgis_vertices(layer: QgsVectorLayer) -> list[list[tuple]]:
    """x, y, z, m of every vertex of every feature, as QGIS itself reads them (NaN as None)."""

    def value(number: float):
        return None if math.isnan(number) else number

    return [
        [(v.x(), v.y(), value(v.z()), value(v.m())) for v in feature.geometry().vertices()]
        for feature in layer.getFeatures()
    ]


def test_round_trip_through_a_memory_sink():
    features = FeatureSet.from_json(ROUND_TRIP)
    assert features.attributes[0]["WHEN"] == datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)
    layer = written(features)
    assert layer.crs().authid() == "EPSG:26915" and layer.wkbType() == QgsWkbTypes.MultiLineString
    assert all(f.geometry().wkbType() == QgsWkbTypes.MultiLineString for f in layer.getFeatures() if f.hasGeometry())
    assert_same_features(read(layer, features.empty_copy()), features)
    assert read(layer).spatial_reference == SpatialReference(wkid=26915)


def test_round_trip_of_polygons_with_z_and_m():
    features = FeatureSet.from_json(
        {
            "geometryType": "esriGeometryPolygon",
            "spatialReference": {"wkid": 54009},
            "hasZ": True,
            "hasM": True,
            "fields": [{"name": "OBJECTID", "type": OID}],
            "features": [
                {
                    "geometry": {
                        "rings": [
                            [[0, 0, 1, 5], [0, 10, 2, 6], [10, 10, 3, None], [10, 0, None, 8], [0, 0, 1, 5]],
                            [[2, 2, 0, 0], [4, 2, 0, 0], [4, 4, 0, 0], [2, 2, 0, 0]],
                            [[20, 20, 0, 0], [20, 21, 0, 0], [21, 21, 0, 0], [20, 20, 0, 0]],
                        ]
                    },
                    "attributes": {"OBJECTID": 1},
                }
            ],
        }
    )
    layer = written(features)
    assert layer.crs().authid() == "ESRI:54009" and layer.wkbType() == QgsWkbTypes.MultiPolygonZM
    assert qgis_vertices(layer) == [
        [
            (0, 0, 1, 5),
            (0, 10, 2, 6),
            (10, 10, 3, None),
            (10, 0, None, 8),
            (0, 0, 1, 5),
            (2, 2, 0, 0),
            (4, 2, 0, 0),
            (4, 4, 0, 0),
            (2, 2, 0, 0),
            (20, 20, 0, 0),
            (20, 21, 0, 0),
            (21, 21, 0, 0),
            (20, 20, 0, 0),
        ]
    ]
    assert_same_features(read(layer, features.empty_copy()), features)


def test_m_values_written_by_qgis_come_back_exactly(tmp_path):
    """QGIS's own M values (not ours) through a GeoPackage and back: lines with M only, a polygon with a
    hole whose rings QGIS keeps counter-clockwise (turned for Esri JSON, M values turned with them)."""
    path = str(tmp_path / "m.gpkg")
    for name, uri, wkt in (
        ("lines", "MultiLineStringM", "MultiLineString M ((0 0 0.5, 3 4 1e-9), (7 7 -2, 8 8 12345.75))"),
        (
            "polygons",
            "PolygonZM",
            "Polygon ZM ((0 0 1 1, 10 0 1 2, 10 10 1 3, 0 10 1 4, 0 0 1 1),(2 2 0 9, 2 4 0 8, 4 4 0 7, 2 2 0 9))",
        ),
    ):
        layer = layer_with(f"{uri}?crs=EPSG:3857", [(wkt, [])])
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.layerName = name
        options.actionOnExistingFile = (
            QgsVectorFileWriter.CreateOrOverwriteLayer
            if name == "polygons"
            else QgsVectorFileWriter.CreateOrOverwriteFile
        )
        error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), options)
        assert error[0] == QgsVectorFileWriter.NoError, error
    lines = QgsVectorLayer(f"{path}|layername=lines", "lines", "ogr")
    features = read(lines)
    assert features.has_m and not features.has_z
    assert m_lists(features) == [[0.5, 1e-9, -2, 12345.75]]
    assert qgis_vertices(written(features)) == qgis_vertices(lines)
    polygons = QgsVectorLayer(f"{path}|layername=polygons", "polygons", "ogr")
    features = read(polygons)
    (esri,) = [f["geometry"] for f in features.to_json()["features"]]
    assert esri["rings"] == [
        [[0, 0, 1, 1], [0, 10, 1, 4], [10, 10, 1, 3], [10, 0, 1, 2], [0, 0, 1, 1]],
        [[2, 2, 0, 9], [4, 4, 0, 7], [2, 4, 0, 8], [2, 2, 0, 9]],
    ]
    back = FeatureSet.from_json(features.to_json())
    assert sorted(map(tuple, qgis_vertices(written(back))[0])) == sorted(map(tuple, qgis_vertices(polygons)[0]))


def test_geometries_are_made_to_fit_the_sink_type():
    features = FeatureSet(POLYGON, SpatialReference(wkid=4326), has_z=True)
    features.set_features([shapely.from_wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))")], [{}])
    (feature,) = written(features).getFeatures()
    assert feature.geometry().wkbType() == QgsWkbTypes.MultiPolygonZ
    flat = FeatureSet(POLYLINE, SpatialReference(wkid=4326))
    flat.set_features([shapely.from_wkt("LINESTRING Z (0 0 5, 1 1 6)")], [{}])
    (feature,) = written(flat).getFeatures()
    assert feature.geometry().asWkt() == "MultiLineString ((0 0, 1 1))"


def test_a_table_goes_into_a_sink_without_geometry():
    table = FeatureSet(None, None, [Field("name"), Field("n", "esriFieldTypeInteger")])
    table.set_features(None, [{"name": "a", "n": 1}, {"NAME": "ignored", "n": None}])
    layer = written(table)
    assert layer.wkbType() == QgsWkbTypes.NoGeometry
    assert [f.attributes() for f in layer.getFeatures()] == [["a", 1], [QVariant(), QVariant()]]


def test_a_value_that_is_no_date_names_its_feature():
    features = FeatureSet(None, None, [Field("when", "esriFieldTypeDate")])
    features.set_features(None, [{"when": datetime(2020, 1, 1, tzinfo=UTC)}, {"when": "not a date"}])
    with pytest.raises(DataError, match="Feature 2: a value cannot be written"):
        written(features)


def test_round_trip_through_a_geopackage(tmp_path: Path, new_york_local_time):
    """QGIS 3.22's writer stores date-times to the second and without zone: zone-less values are
    read as UTC, so they come back unchanged."""
    features = FeatureSet.from_json(ROUND_TRIP)
    path = tmp_path / "result.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", "result"
    writer = QgsVectorFileWriter.create(
        str(path),
        fields_for(features),
        wkb_type_for(features),
        crs_for(features.spatial_reference),
        QgsProject.instance().transformContext(),
        options,
    )
    assert writer.hasError() == QgsVectorFileWriter.NoError, writer.errorMessage()
    assert write_features(features, writer, fields_for(features), QgsProcessingFeedback()) == 3
    del writer  # closes the file

    layer = QgsVectorLayer(f"{path}|layername=result", "result", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:26915"
    assert_same_features(read(layer, features.empty_copy()), features)
    taken = read(layer)
    assert [(f.name, f.type) for f in taken.fields][:3] == [
        ("fid", "esriFieldTypeBigInteger"),
        ("OBJECTID", "esriFieldTypeBigInteger"),
        ("NAME", "esriFieldTypeString"),
    ]
    assert taken.attributes[0]["WHEN"] == datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert taken.attributes[2]["WHEN"] == datetime(1970, 1, 1, tzinfo=UTC) - timedelta(days=1)
