"""FeatureSet.load / save: shapefile, GeoJSON, GeoPackage and file geodatabase."""

from __future__ import annotations

import json
import re
import sys
import warnings
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
import shapefile
import shapely

from real_bodies import real_body
from remote_gp.gp_core.errors import DataError, MissingDependency
from remote_gp.gp_core.featureset import FeatureSet, Field
from remote_gp.gp_core.spatialref import SpatialReference

UTC = timezone.utc


def polygons() -> FeatureSet:
    """Two polygon features with holes (one a multipolygon), one without geometry, in Web Mercator."""
    fs = FeatureSet(
        "esriGeometryPolygon",
        SpatialReference(wkid=102100, latest_wkid=3857),
        [
            Field("OBJECTID", "esriFieldTypeOID"),
            Field("name", "esriFieldTypeString", length=20),
            Field("population_total", "esriFieldTypeInteger"),
            Field("population_density", "esriFieldTypeDouble"),
            Field("surveyed", "esriFieldTypeDate"),
        ],
    )
    donut = shapely.Polygon([(0, 0), (0, 10), (10, 10), (10, 0)], [[(2, 2), (4, 2), (4, 4), (2, 4)]])
    islands = shapely.MultiPolygon([shapely.box(20, 20, 30, 30), shapely.Polygon([(40, 40), (40, 50), (50, 40)])])
    fs.add(
        donut,
        {
            "OBJECTID": 1,
            "name": "Zürich",
            "population_total": 421878,
            "population_density": 4.5,
            "surveyed": datetime(2020, 5, 17, 13, 30, tzinfo=UTC),
        },
    )
    fs.add(islands, {"OBJECTID": 2, "name": "two parts", "population_total": None, "surveyed": None})
    fs.add(None, {"OBJECTID": 3, "name": "no shape"})
    return fs


def points_z() -> FeatureSet:
    fs = FeatureSet.from_json(real_body("input_featureset_dateonly_timeonly_offset"))
    fs.add(shapely.Point(5, 6, 7), {"OBJECTID": 2, "sampletime": "11:00:00 AM"})
    return fs


def polylines() -> FeatureSet:
    fs = FeatureSet.from_json(real_body("polyline_featureset_result_wkid102113")["results"][0]["value"])
    fs.fields = [Field("FID", "esriFieldTypeInteger"), Field("Shape_Length", "esriFieldTypeDouble")]
    fs.add(shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 1)]]), {"FID": 2, "Shape_Length": 3.0})
    return fs


def loaded(path: str | Path) -> FeatureSet:
    fs = FeatureSet()
    fs.load(path)
    return fs


def same_geometries(first: FeatureSet, second: FeatureSet) -> bool:
    return all(
        (a is None and b is None) or (a is not None and b is not None and a.equals(b))
        for a, b in zip(first.geometries, second.geometries, strict=True)
    )


# -- shapefile -------------------------------------------------------------------------------------


def test_shapefile_round_trip_polygons_with_holes(tmp_path):
    source = polygons()
    written = source.save(tmp_path / "out" / "parcels.shp")
    assert written == str(tmp_path / "out" / "parcels.shp")
    assert (tmp_path / "out" / "parcels.cpg").read_text() == "UTF-8"
    assert "Mercator_Auxiliary_Sphere" in (tmp_path / "out" / "parcels.prj").read_text()
    back = loaded(written)
    assert back.geometry_type == "esriGeometryPolygon" and len(back) == 3
    assert back.spatial_reference.epsg == 3857  # the .prj is recognised
    assert same_geometries(source, back) and back.geometries[0].interiors[0].coords[0] == (2, 2)
    assert [(f.name, f.type) for f in back.fields] == [
        ("name", "esriFieldTypeString"),
        ("population", "esriFieldTypeInteger"),
        ("populati_1", "esriFieldTypeDouble"),
        ("surveyed", "esriFieldTypeDate"),
    ]
    assert back.attributes[0] == {
        "name": "Zürich",
        "population": 421878,
        "populati_1": 4.5,
        "surveyed": datetime(2020, 5, 17, tzinfo=UTC),
    }  # a shapefile keeps the day only
    assert back.attributes[1]["population"] is None


def test_shapefile_rings_are_written_clockwise(tmp_path):
    polygons().save(tmp_path / "rings.shp")
    shape = shapefile.Reader(str(tmp_path / "rings.shp")).shape(0)
    exterior, hole = shape.points[: shape.parts[1]], shape.points[shape.parts[1] :]
    assert not shapely.is_ccw(shapely.LinearRing(exterior)) and shapely.is_ccw(shapely.LinearRing(hole))


def test_shapefile_round_trip_points_with_z(tmp_path):
    source = points_z()
    back = loaded(source.save(tmp_path / "points.shp"))
    assert back.has_z and back.geometry_type == "esriGeometryPoint"
    assert [shapely.get_coordinates(g, include_z=True).tolist() for g in back.geometries] == [
        [[-104.44, 34.83, 10.0]],
        [[5, 6, 7]],
    ]
    assert back.spatial_reference == SpatialReference(wkid=4326)
    assert back.attributes[0]["sampledate"] == "8/2/2020"


def test_shapefile_round_trip_polylines_and_m(tmp_path):
    source = polylines()
    back = loaded(source.save(tmp_path / "lines.shp"))
    assert same_geometries(source, back)
    assert back.attributes[0] == {"FID": 1, "Shape_Leng": 1978374.8698808267}  # names cut to 10 characters
    measured = FeatureSet("esriGeometryPolyline", has_m=True)
    measured.add(shapely.LineString([(0, 0), (3, 4)]), measures=[5, 10])
    back = loaded(measured.save(tmp_path / "measured.shp"))
    assert back.has_m and not back.has_z
    assert shapely.get_coordinates(back.geometries[0]).tolist() == [[0, 0], [3, 4]]
    assert back.measures[0].tolist() == [5, 10]


def test_shapefile_text_encoding_from_cpg(tmp_path):
    path = tmp_path / "latin.shp"
    with shapefile.Writer(str(path), shapeType=shapefile.POINT, encoding="cp1252") as writer:
        writer.field("NAME", "C", 20)
        writer.point(1, 2)
        writer.record("Genève")
    path.with_suffix(".cpg").write_text("1252")
    assert loaded(path).attributes[0]["NAME"] == "Genève"


def test_shapefile_prj_that_gdal_cannot_name_is_kept_as_wkt(tmp_path):
    wkt = (
        'PROJCS["Local grid",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,'
        '298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
        'PARAMETER["False_Easting",123.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",7.3],'
        'PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    )
    fs = FeatureSet("esriGeometryPoint", SpatialReference(wkt=wkt))
    fs.add(shapely.Point(1, 2))
    back = loaded(fs.save(tmp_path / "local.shp"))
    assert back.spatial_reference.wkid is None and "Local_grid" in back.spatial_reference.wkt.replace(" ", "_")


def test_shapefile_without_gdal_keeps_the_stored_wkt_or_warns(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "osgeo", None)  # as if GDAL's Python bindings were not installed
    fs = FeatureSet("esriGeometryPoint", SpatialReference(wkid=2056))
    fs.add(shapely.Point(2600000, 1200000))
    with pytest.warns(UserWarning, match="without a .prj"):
        fs.save(tmp_path / "swiss.shp")
    assert not (tmp_path / "swiss.prj").exists() and len(loaded(tmp_path / "swiss.shp")) == 1
    fs.spatial_reference = SpatialReference(wkid=2056, wkt='PROJCS["CH1903+_LV95"]')
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fs.save(tmp_path / "swiss.shp")
    assert (tmp_path / "swiss.prj").read_text() == 'PROJCS["CH1903+_LV95"]'


# -- GeoJSON ---------------------------------------------------------------------------------------


def test_geojson_round_trip_with_crs_member(tmp_path):
    source = polygons()
    path = tmp_path / "parcels.geojson"
    source.save(path)
    text = json.loads(path.read_text())
    assert text["crs"] == {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    exterior = text["features"][0]["geometry"]["coordinates"][0]
    assert shapely.is_ccw(shapely.LinearRing(exterior))  # RFC 7946: exteriors counter-clockwise
    back = loaded(path)
    assert back.spatial_reference == SpatialReference(wkid=3857) and same_geometries(source, back)
    assert back.attributes[0]["surveyed"] == "2020-05-17T13:30:00+00:00"
    assert back.attributes[0]["name"] == "Zürich" and back.geometries[2] is None


def test_geojson_without_crs_is_wgs84_and_z_is_kept(tmp_path):
    path = tmp_path / "plain.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [6.1, 46.2, 400]},
                        "properties": {"n": 1},
                    }
                ],
            }
        )
    )
    fs = loaded(path)
    assert fs.spatial_reference.authid == "EPSG:4326" and fs.has_z
    assert fs.geometries[0].z == 400 and fs.fields[0].type == "esriFieldTypeInteger"


def test_esri_json_file_is_read_as_a_feature_set(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps(real_body("input_featureset_points")))
    fs = loaded(path)
    assert len(fs) == 2 and fs.attributes[0]["Name"] == "Feature 1"


# -- GeoPackage and file geodatabase -----------------------------------------------------------------


def test_geopackage_save_and_reload(tmp_path):
    source = polygons()
    written = source.save(tmp_path / "data.gpkg")
    assert written == f"{tmp_path / 'data.gpkg'}/data"
    polylines().save(tmp_path / "data.gpkg" / "lines")
    back = loaded(written)
    assert same_geometries(source, back)
    assert back.spatial_reference.epsg == 3857
    assert back.attributes[0]["surveyed"] == datetime(2020, 5, 17, 13, 30, tzinfo=UTC)
    assert [a["OBJECTID"] for a in back.attributes] == [1, 2, 3]
    assert len(loaded(tmp_path / "data.gpkg" / "lines")) == 2
    with pytest.raises(DataError, match="2 layers"):
        loaded(tmp_path / "data.gpkg")


def test_file_geodatabase_save_replaces_the_feature_class(tmp_path):
    target = tmp_path / "base.gdb" / "towers_buffer"
    source = polygons()
    assert source.save(target) == str(target)
    polylines().save(tmp_path / "base.gdb" / "roads")
    source.save(target)  # again: replaced, not appended
    back = loaded(target)
    assert len(back) == 3 and same_geometries(source, back)
    assert back.attributes[1]["name"] == "two parts"
    assert len(loaded(tmp_path / "base.gdb" / "roads")) == 2


def test_z_points_through_geopackage(tmp_path):
    back = loaded(points_z().save(tmp_path / "z.gpkg"))
    assert back.has_z and back.geometries[1].z == 7


def test_geopackage_needs_gdal(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "osgeo", None)
    with pytest.raises(MissingDependency, match=r"GDAL.*\.shp"):
        polygons().save(tmp_path / "data.gpkg")


# -- loading into a task's schema ------------------------------------------------------------------


def test_polylines_into_a_point_schema_is_an_error(tmp_path):
    path = polylines().save(tmp_path / "lines.shp")
    schema = FeatureSet.from_json(real_body("input_featureset_points")).empty_copy()
    with pytest.raises(DataError, match="lines.shp' holds polylines, but points are needed"):
        schema.load(path)


def test_multipoints_into_a_point_schema_is_an_error(tmp_path):
    fs = FeatureSet("esriGeometryMultipoint")
    fs.add(shapely.MultiPoint([(0, 0), (1, 1)]))
    path = fs.save(tmp_path / "multi.shp")
    schema = FeatureSet("esriGeometryPoint")
    with pytest.raises(DataError, match="multipoints"):
        schema.load(path)


def test_file_fields_fill_the_schema_by_name(tmp_path):
    path = tmp_path / "towers.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "EPSG:2056"}},
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [2600000, 1200000]},
                        "properties": {"NAME": "Tower A", "id": 77, "height": 12.0, "extra": "dropped"},
                    },
                    {
                        "type": "Feature",
                        "geometry": {"type": "MultiPoint", "coordinates": [[2600001, 1200001]]},
                        "properties": {},
                    },
                ],
            }
        )
    )
    schema = FeatureSet(
        "esriGeometryMultipoint",
        SpatialReference(wkid=4326),
        [
            Field("Id", "esriFieldTypeOID"),
            Field("Name", "esriFieldTypeString"),
            Field("Height", "esriFieldTypeInteger"),
            Field("Kind", "esriFieldTypeString"),
        ],
    )
    schema.load(path)
    assert schema.spatial_reference == SpatialReference(wkid=2056)  # the file's
    assert schema.attributes == [
        {"Id": 1, "Name": "Tower A", "Height": 12, "Kind": None},
        {"Id": 2, "Name": None, "Height": None, "Kind": None},
    ]
    assert schema.to_json()["features"][0]["geometry"] == {"points": [[2600000.0, 1200000.0]]}


def test_schema_without_fields_takes_the_file_fields(tmp_path):
    path = polylines().save(tmp_path / "lines.shp")
    schema = FeatureSet("esriGeometryPolyline", SpatialReference(wkid=3857))
    schema.load(path)
    assert [f.name for f in schema.fields] == ["FID", "Shape_Leng"] and len(schema) == 2


def test_seed_workflow_load_shapefile_into_task_schema_and_save_result_to_gdb(tmp_path):
    task = real_body("FeatureFiltersLinePolygon_async_task")
    in_features = FeatureSet.from_json(task["parameters"][0]["defaultValue"]).empty_copy()
    in_features.load(polygons().save(tmp_path / "base" / "roads.shp"))
    assert in_features.geometry_type == "esriGeometryPolygon" and in_features.has_z
    sent = in_features.to_json()
    assert sent["hasZ"] and len(sent["features"]) == 3
    assert sent["features"][0]["attributes"] == {
        "OBJECTID": 1,
        "countshort": None,
        "geom": None,
        "Shape_Length": None,
        "Shape_Area": None,
    }
    result = FeatureSet.from_json(sent)
    saved = result.save(tmp_path / "temp" / "base.gdb" / "towers_buffer")
    assert saved.endswith("base.gdb/towers_buffer")
    back = loaded(saved)
    assert back.has_z and shapely.get_coordinates(back.geometries[0], include_z=True)[0].tolist() == [0, 0, 0]


# -- errors ------------------------------------------------------------------------------------------


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(DataError, match="nothere.shp"):
        loaded(tmp_path / "nothere.shp")
    with pytest.raises(DataError, match="nothere.gpkg"):
        loaded(tmp_path / "nothere.gpkg")
    (tmp_path / "broken.shp").write_bytes(b"not a shapefile at all")
    with pytest.raises(DataError, match="broken.shp"):
        loaded(tmp_path / "broken.shp")
    (tmp_path / "broken.geojson").write_text("{nope")
    with pytest.raises(DataError, match="broken.geojson"):
        loaded(tmp_path / "broken.geojson")
    (tmp_path / "broken.gpkg").write_text("nope")
    with pytest.raises(DataError, match="broken.gpkg"):
        loaded(tmp_path / "broken.gpkg")


def test_unknown_output_format(tmp_path):
    with pytest.raises(DataError, match=r"\.shp, \.geojson or \.gpkg"):
        polygons().save(tmp_path / "out.xyz")


# -- M values (kept beside the geometries: GEOS before 3.12 has none) -------------------------------


def measured() -> FeatureSet:
    """Polygons with Z and M in Esri's ring orientation (a hole; two parts); each ring's closing vertex
    repeats its first, M included."""
    fs = FeatureSet("esriGeometryPolygon", SpatialReference(wkid=26915), [Field("name")], has_z=True, has_m=True)
    donut = shapely.Polygon(
        [(0, 0, 1), (0, 10, 2), (10, 10, 3), (10, 0, 4)], [[(2, 2, 5), (4, 2, 6), (4, 4, 7), (2, 4, 8)]]
    )
    islands = shapely.MultiPolygon(
        [
            shapely.Polygon([(20, 20, 0), (20, 30, 0), (30, 30, 0), (30, 20, 0)]),
            shapely.Polygon([(40, 40, 9), (50, 50, 9), (50, 40, 9)]),
        ]
    )
    fs.add(donut, {"name": "donut"}, measures=[0.25, 1.25, 2.25, 3.25, 0.25, 5.25, 6.25, 7.25, 8.25, 5.25])
    fs.add(islands, {"name": "islands"}, measures=[-1.5, 2, 3, 4, -1.5, 0.0625, 12345.5, 3.125, 0.0625])
    fs.add(None, {"name": "nothing"})
    return fs


def vertices_zm(fs: FeatureSet) -> list[list[float] | None]:
    """Per feature: x, y, z, m of every vertex, in vertex order."""
    return [
        None
        if geometry is None
        else np.column_stack([shapely.get_coordinates(geometry, include_z=True), m]).ravel().tolist()
        for geometry, m in zip(fs.geometries, fs.measures)
    ]


@pytest.mark.parametrize("target", ["m.shp", "m.gpkg", "m.gdb/measured"])
def test_m_values_round_trip_through_files(tmp_path, target):
    source = measured()
    back = loaded(source.save(tmp_path / target))
    assert back.has_m and back.has_z
    assert vertices_zm(back) == vertices_zm(source)


def test_gdal_reads_the_m_values_written_to_a_geopackage(tmp_path):
    ogr = pytest.importorskip("osgeo.ogr")
    measured().save(tmp_path / "m.gpkg")
    dataset = ogr.Open(str(tmp_path / "m.gpkg"))
    layer = dataset.GetLayer(0)
    assert layer.GetGeomType() == ogr.wkbMultiPolygonZM
    numbers = [
        [float(n) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", feature.GetGeometryRef().ExportToIsoWkt())]
        if feature.GetGeometryRef()
        else None
        for feature in layer
    ]
    assert numbers == vertices_zm(measured())


def test_m_values_written_by_gdal_are_read(tmp_path):
    ogr = pytest.importorskip("osgeo.ogr")
    path = tmp_path / "gdal.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("lines", None, ogr.wkbMultiLineStringM)
    for wkt in (
        "MULTILINESTRING M ((0 0 1.5, 1 1 2.5), (5 5 -3, 6 6 7, 7 7 11))",
        "MULTILINESTRING M ((8 8 0, 9 9 0))",
    ):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    dataset = layer = None
    back = loaded(path)
    assert back.has_m and not back.has_z
    assert [m.tolist() for m in back.measures] == [[1.5, 2.5, -3, 7, 11], [0, 0]]
    assert shapely.get_coordinates(back.geometries).tolist() == [[0, 0], [1, 1], [5, 5], [6, 6], [7, 7], [8, 8], [9, 9]]


def test_geojson_says_it_leaves_m_values_out(tmp_path):
    with pytest.warns(UserWarning, match="GeoJSON cannot store M values"):
        measured().save(tmp_path / "m.geojson")
    assert len(loaded(tmp_path / "m.geojson")) == 3
