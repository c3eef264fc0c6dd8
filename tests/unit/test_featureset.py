"""FeatureSet and Field: Esri JSON in and out (remote_gp.gp_core.featureset)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
import shapely

from real_bodies import real_body
from remote_gp.gp_core.errors import DataError, GeometryError
from remote_gp.gp_core.featureset import FeatureSet, Field
from remote_gp.gp_core.measures import NATIVE_M
from remote_gp.gp_core.spatialref import SpatialReference


def test_points_fixture_round_trips_to_the_same_json():
    value = real_body("input_featureset_points")
    fs = FeatureSet.from_json(value)
    assert len(fs) == 2 and fs.geometry_type == "esriGeometryPoint"
    assert fs.spatial_reference == SpatialReference(wkid=4326)
    assert [(f.name, f.type) for f in fs.fields] == [("Id", "esriFieldTypeOID"), ("Name", "esriFieldTypeString")]
    assert fs.attributes[1] == {"Id": 67, "Name": "Feature 2"}
    assert (fs.geometries[1].x, fs.geometries[1].y) == (-100.65, 33.69)
    assert fs.to_json() == value


def test_dateonly_timeonly_offset_stay_strings_and_z_is_read():
    value = real_body("input_featureset_dateonly_timeonly_offset")
    fs = FeatureSet.from_json(value)
    assert fs.has_z and fs.geometries[0].z == 10.0
    assert fs.attributes[0] == {
        "OBJECTID": 1,
        "sampletime": "10:00:00 AM",
        "sampledate": "8/2/2020",
        "sampleoffset": "8/2/2020 10:00:00.0000 AM -07:00",
    }
    assert fs.fields[0].length == 8  # 64-bit OID
    out = fs.to_json()
    assert out["hasZ"] is True and "hasM" not in out
    assert out["features"][0] == value["features"][0]
    assert out["fields"] == value["fields"]


def test_exceeded_transfer_limit_and_latest_wkid():
    fs = FeatureSet.from_json(real_body("output_GPFeatureRecordSetLayer_exceededTransferLimit")["value"])
    assert fs.exceeded_transfer_limit and len(fs) == 0
    assert fs.geometry_type == "esriGeometryPolygon"
    assert fs.spatial_reference.epsg == 3857 and fs.spatial_reference.wkid == 102100
    assert [f.name for f in fs.fields] == ["OBJECTID", "BUFF_DIST", "ORIG_FID", "shape_Length", "shape_Area"]


def test_empty_list_spatial_reference_and_record_sets():
    results = real_body("mockAllResultsRequest_GPRecordSet_results")
    routes = FeatureSet.from_json(results["out_routes"]["value"])
    assert routes.spatial_reference is None and routes.geometry_type == "esriGeometryPolyline"
    table = FeatureSet.from_json(results["out_stops"]["value"])
    assert table.geometry_type is None and len(table) == 0
    assert "geometryType" not in table.to_json()


def test_record_set_without_fields_keeps_attributes_and_has_no_geometry():
    value = real_body("ListVersions_GPRecordSet_input_and_expected")["input_Versions"]
    fs = FeatureSet.from_json(value)
    assert fs.geometry_type is None and list(fs.geometries) == [None]
    assert fs.attributes[0]["name"] == "gdb.Test" and fs.attributes[0]["created"] == 1345987983000
    assert fs.to_json()["features"] == value["features"]


def test_wkid_102113_polyline_result():
    value = real_body("polyline_featureset_result_wkid102113")["results"][0]["value"]
    fs = FeatureSet.from_json(value)
    assert fs.spatial_reference.authid == "EPSG:3857" and fs.spatial_reference.wkid == 102113
    assert shapely.get_num_coordinates(fs.geometries[0]) == 19
    assert fs.to_json()["spatialReference"] == {"wkid": 102113}


def test_task_default_schema_and_empty_copy():
    task = real_body("FeatureFiltersLinePolygon_async_task")
    schema = FeatureSet.from_json(task["parameters"][0]["defaultValue"]).empty_copy()
    assert schema.geometry_type == "esriGeometryPolygon" and schema.has_z and len(schema) == 0
    assert schema.spatial_reference.authid == "EPSG:3857"
    assert [f.type for f in schema.fields][:2] == ["esriFieldTypeOID", "esriFieldTypeSmallInteger"]
    copy = schema.empty_copy()
    copy.fields[0].extra["domain"] = None
    assert "domain" not in schema.fields[0].extra  # a real copy


def test_legacy_fields_key():
    fields = [
        {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"},
        {"name": "Name", "type": "esriFieldTypeString", "alias": "Name", "length": 50},
    ]
    both = FeatureSet.from_json({"geometryType": "esriGeometryPoint", "Fields": fields, "fields": [], "features": []})
    assert [f.name for f in both.fields] == ["OBJECTID", "Name"] and both.fields[1].length == 50
    array = FeatureSet.from_json({"geometryType": "esriGeometryPoint", "Fields": {"fieldArray": fields}})
    assert [f.name for f in array.fields] == ["OBJECTID", "Name"]


def test_field_keeps_what_it_does_not_model():
    value = real_body("output_Field")["value"]
    field = Field.from_json(value)
    assert (field.name, field.type, field.length) == ("GiPValue", "esriFieldTypeInteger", 0)
    assert field.extra == {"editable": True, "nullable": True}
    assert field.to_json() == value


def test_dates_both_ways():
    value = {
        "geometryType": "esriGeometryPoint",
        "spatialReference": {"wkid": 4326},
        "fields": [{"name": "t", "type": "esriFieldTypeDate", "alias": "t"}],
        "features": [
            {"geometry": {"x": 1, "y": 2}, "attributes": {"t": 1404360520000}},
            {"geometry": {"x": 1, "y": 2}, "attributes": {"t": -86400000}},
            {"geometry": {"x": 1, "y": 2}, "attributes": {"t": None}},
        ],
    }
    fs = FeatureSet.from_json(value)
    assert fs.attributes[0]["t"] == datetime(2014, 7, 3, 4, 8, 40, tzinfo=timezone.utc)
    assert fs.attributes[1]["t"] == datetime(1969, 12, 31, tzinfo=timezone.utc)
    assert fs.to_json()["features"] == value["features"]
    for given in (
        datetime(2014, 7, 3, 4, 8, 40),
        datetime(2014, 7, 3, 6, 8, 40, tzinfo=timezone(timedelta(hours=2))),
        "2014-07-03T04:08:40Z",
        "2014-07-03T06:08:40+02:00",
        1404360520000,
    ):
        fs.attributes[0]["t"] = given
        assert fs.to_json()["features"][0]["attributes"]["t"] == 1404360520000, given
    fs.attributes[0]["t"] = date(2014, 7, 3)
    assert fs.to_json()["features"][0]["attributes"]["t"] == 1404345600000


def test_bad_date_names_feature_and_field():
    fs = FeatureSet("esriGeometryPoint", fields=[Field("when", "esriFieldTypeDate")])
    fs.add(shapely.Point(0, 0), {"when": "yesterday"})
    with pytest.raises(DataError, match="Feature 0, field 'when'"):
        fs.to_json()


def test_64_bit_object_ids_stay_exact():
    big = 2**53 + 1
    value = {
        "geometryType": "esriGeometryPoint",
        "fields": [{"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID", "length": 8}],
        "features": [{"geometry": {"x": 1, "y": 2}, "attributes": {"OBJECTID": big}}],
    }
    fs = FeatureSet.from_json(json.loads(json.dumps(value)))
    assert fs.attributes[0]["OBJECTID"] == big
    assert json.loads(json.dumps(fs.to_json()))["features"][0]["attributes"]["OBJECTID"] == big


def test_geometry_error_in_features_names_the_feature():
    value = {
        "geometryType": "esriGeometryPolyline",
        "fields": [],
        "features": [
            {"geometry": {"paths": [[[0, 0], [1, 1]]]}, "attributes": {}},
            {"geometry": {"paths": [[[0, 0], ["x", 1]]]}, "attributes": {}},
        ],
    }
    with pytest.raises(GeometryError, match="Feature 1"):
        FeatureSet.from_json(value)


def test_not_a_feature_set():
    with pytest.raises(DataError, match=r"^A feature set must be a JSON object, not list\.$"):
        FeatureSet.from_json([1, 2])
    with pytest.raises(
        DataError,
        match=r"^A feature set's 'features' must be a list of objects with 'geometry' and "
        r"'attributes'\.$",
    ):
        FeatureSet.from_json({"features": [1]})


def test_add_and_set_features():
    fs = FeatureSet(spatial_reference=SpatialReference(wkid=2154), fields=[Field("n", "esriFieldTypeInteger")])
    fs.add(shapely.LineString([(0, 0), (1, 1)]), {"n": 1})
    fs.add(None, {"n": 2})
    assert fs.geometry_type == "esriGeometryPolyline" and len(fs) == 2
    assert fs.to_json()["features"] == [
        {"attributes": {"n": 1}, "geometry": {"paths": [[[0.0, 0.0], [1.0, 1.0]]]}},
        {"attributes": {"n": 2}},
    ]
    with pytest.raises(GeometryError, match="Point geometries cannot go into a feature set of polylines"):
        fs.add(shapely.Point(0, 0))
    with pytest.raises(DataError, match="pair up"):
        fs.set_features([shapely.LineString([(0, 0), (1, 1)])], [{}, {}])
    fs.set_features([shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3)]])], [{"n": 3}])
    assert len(fs) == 1 and len(fs.geometries) == 1


def test_points_fit_a_multipoint_schema():
    fs = FeatureSet("esriGeometryMultipoint")
    fs.add(shapely.Point(1, 2))
    assert fs.to_json()["features"][0]["geometry"] == {"points": [[1.0, 2.0]]}


def test_m_values_are_sent_with_has_m():
    fs = FeatureSet("esriGeometryPolyline", has_m=True)
    fs.add(shapely.LineString([(0, 0), (1, 1)]), measures=[5, 6])
    fs.add(shapely.LineString([(2, 2), (3, 3)]))  # no M values: null
    out = fs.to_json()
    assert out["hasM"] is True and [f["geometry"] for f in out["features"]] == [
        {"paths": [[[0, 0, 5], [1, 1, 6]]]},
        {"paths": [[[2, 2, None], [3, 3, None]]]},
    ]


def test_m_values_survive_from_json_to_json_on_any_geos():
    body = {
        "geometryType": "esriGeometryPolyline",
        "hasZ": True,
        "hasM": True,
        "fields": [],
        "features": [{"attributes": {}, "geometry": {"paths": [[[0, 0, 1, 0.1], [1, 1, None, 1e-9]]]}}],
    }
    fs = FeatureSet.from_json(body)
    assert fs.measures[0].tolist() == [0.1, 1e-9] and not hasattr(fs.geometries[0], "m")
    assert fs.to_json()["features"] == body["features"]


@pytest.mark.skipif(not NATIVE_M, reason="geometries carry M only with shapely >= 2.1 on GEOS >= 3.12")
def test_a_geometry_that_carries_m_itself_gives_its_values():
    fs = FeatureSet("esriGeometryPolyline", has_m=True)
    fs.add(shapely.from_wkt("LINESTRING M (0 0 5, 1 1 6)"))
    assert not shapely.has_m(fs.geometries[0]) and fs.measures[0].tolist() == [5, 6]
    assert fs.to_json()["features"][0]["geometry"] == {"paths": [[[0, 0, 5], [1, 1, 6]]]}


def test_to_geojson():
    fs = FeatureSet.from_json(real_body("input_featureset_points"))
    collection = fs.to_geojson()
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [-104.44, 34.83]}
    assert collection["features"][0]["properties"] == {"Id": 43, "Name": "Feature 1"}


# -- spatial references ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, {}, [], {"wkid": None}, "4326"])
def test_no_spatial_reference_is_none(value):
    assert SpatialReference.from_json(value) is None


def test_spatial_reference_codes():
    mercator = SpatialReference.from_json({"wkid": 102100, "latestWkid": 3857})
    assert (mercator.epsg, mercator.authid) == (3857, "EPSG:3857")
    assert mercator.to_json() == {"wkid": 102100, "latestWkid": 3857}
    sphere = SpatialReference.from_json({"wkid": 102113})
    assert (sphere.epsg, sphere.authid, str(sphere)) == (3857, "EPSG:3857", "EPSG:3857 (Esri wkid 102113)")
    albers = SpatialReference.from_json({"wkid": 102003, "vcsWkid": 5703})
    assert (albers.epsg, albers.authid, albers.vcs_wkid) == (None, "ESRI:102003", 5703)
    custom = SpatialReference.from_json({"wkt": 'PROJCS["My grid",GEOGCS["x"]]'})
    assert (custom.epsg, custom.authid, str(custom)) == (None, None, 'custom "My grid"')
    assert custom.to_wkt() == 'PROJCS["My grid",GEOGCS["x"]]'


def test_wkt_is_identified_through_gdal_and_unknown_stays_unknown():
    lambert = SpatialReference(wkid=2154).to_wkt(esri=True)
    assert lambert.startswith('PROJCS["RGF_1993_Lambert_93"')
    assert SpatialReference.from_wkt(lambert) == SpatialReference(wkid=2154)
    assert SpatialReference.from_wkt(SpatialReference(wkid=102003).to_wkt(esri=True)) == SpatialReference(wkid=102003)
    unknown = SpatialReference.from_wkt("not a coordinate system")
    assert unknown.wkid is None and unknown.epsg is None and unknown.wkt == "not a coordinate system"
