"""Feature sets written as JSON text (FeatureSet.to_text, gp_core.json_encode), with orjson and with
the standard library alone: both give exactly `json.dumps(fs.to_json())` in compact form, over the
real-world bodies (tests/fixtures/real) and generated geometries (floats of every magnitude, Z, M, nulls,
empties, holes, multi-parts), and polygons go out with exteriors clockwise, holes counter-clockwise."""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings, strategies as st

from real_bodies import REAL_BODIES
from remote_gp.gp_core import geometry, json_encode
from remote_gp.gp_core.errors import DataError, GeometryError, ParameterError
from remote_gp.gp_core.featureset import FeatureSet, Field
from remote_gp.gp_core.geometry import MULTIPOINT, POINT, POLYGON, POLYLINE, from_esri, to_esri, to_esri_text
from remote_gp.gp_core.model import Parameter
from remote_gp.gp_core.values import encode, wire

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(params=["orjson", "stdlib"])
def path(request, monkeypatch):
    """Each test runs once with orjson (where installed) and once with the standard library alone."""
    if request.param == "orjson":
        pytest.importorskip("orjson")
    else:
        monkeypatch.setattr(json_encode, "orjson", None)
    return request.param


def by_both_paths(write: Callable[[], str]) -> str:
    """What `write` gives with orjson (where installed) and with the standard library alone: the same."""
    saved = json_encode.orjson
    json_encode.orjson = None
    try:
        standard = write()
    finally:
        json_encode.orjson = saved
    assert write() == standard
    return standard


def compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def assert_text_is_the_dicts(fs: FeatureSet) -> str:
    text = fs.to_text()
    assert text == compact(fs.to_json())
    assert fs.to_bytes() == text.encode("ascii")  # what a request sends
    return text


# -- fixtures and real bodies ------------------------------------------------------------------


GEOMETRY_KEYS = {"x": POINT, "points": MULTIPOINT, "paths": POLYLINE, "curvePaths": POLYLINE, "rings": POLYGON}
GEOMETRY_KEYS["curveRings"] = POLYGON


def json_objects(value) -> Iterator[dict]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from json_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_objects(item)


def fixture_objects() -> list[tuple[str, dict]]:
    """Every JSON object of the real-world bodies (tests/fixtures/real), named by its file."""
    found = []
    for file in sorted(REAL_BODIES.glob("*.json")):
        try:
            body = json.loads(file.read_text(encoding="utf-8"))
        except ValueError:
            continue
        found += [(f"{file.name}#{n}", obj) for n, obj in enumerate(json_objects(body))]
    return found


OBJECTS = fixture_objects()
FIXTURE_SETS = [(name, obj) for name, obj in OBJECTS if isinstance(obj.get("features"), list) and obj["features"]]
FIXTURE_GEOMETRIES = [(name, obj) for name, obj in OBJECTS if not obj.keys().isdisjoint(GEOMETRY_KEYS)]


def test_the_fixtures_hold_feature_sets_and_geometries():
    """Points, lines (curves too) and tables; polygons and multipoints only come generated, below."""
    kinds = {obj.get("geometryType") for _, obj in FIXTURE_SETS}
    assert {POINT, POLYLINE, None} <= kinds and len(FIXTURE_SETS) >= 5
    assert any("curvePaths" in obj for _, obj in FIXTURE_GEOMETRIES)


@pytest.mark.parametrize("name, obj", FIXTURE_GEOMETRIES, ids=[name for name, _ in FIXTURE_GEOMETRIES])
def test_fixture_geometries_are_written_as_their_dicts(path, name, obj):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid polygons in some bodies: kept, with a warning
        try:
            geometries, measures = from_esri([obj], None)
        except GeometryError:
            pytest.skip("not read as a geometry (its own tests say why)")
        kind = next(GEOMETRY_KEYS[key] for key in obj if key in GEOMETRY_KEYS)
        has_z, has_m = shapely.has_z(geometries[0]), measures is not None
        assert to_esri_text(geometries, kind, has_z, has_m, measures) == [
            compact(to_esri(geometries, kind, has_z, has_m, measures)[0])
        ]


@pytest.mark.parametrize("name, obj", FIXTURE_SETS, ids=[name for name, _ in FIXTURE_SETS])
def test_fixture_feature_sets_are_written_as_their_dicts(path, name, obj):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid polygons in some bodies: kept, with a warning
        try:
            fs = FeatureSet.from_json(obj)
        except (DataError, GeometryError):
            pytest.skip("not read as a feature set (its own tests say why)")
        assert_text_is_the_dicts(fs)


# -- generated geometries ----------------------------------------------------------------------

#: Floats of every magnitude: those orjson writes as repr does and those it does not (below 1e-4).
coordinate = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e-3, max_value=1e-3),
    st.floats(min_value=-2e7, max_value=2e7),
    st.sampled_from([0.0, -0.0, 1e-4, 9.99e-5, 1e16, 1e-300, 5e-324, 0.1, 1 / 3]),
)


def ring(draw, center: tuple[float, float], radius: float, clockwise: bool) -> list[tuple[float, float]]:
    count = draw(st.integers(3, 8))
    angles = np.linspace(0, 2 * np.pi, count, endpoint=False) * (-1 if clockwise else 1)
    return [(center[0] + radius * math.cos(a), center[1] + radius * math.sin(a)) for a in angles]


@st.composite
def feature_sets(draw) -> FeatureSet:
    kind = draw(st.sampled_from([POINT, MULTIPOINT, POLYLINE, POLYGON]))
    has_z, has_m = draw(st.booleans()), draw(st.booleans())
    geometries = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 5)) == 0:
            geometries.append(None)
            continue
        x, y = draw(coordinate), draw(coordinate)
        if kind == POINT:
            geometries.append(shapely.Point(x, y) if draw(st.booleans()) else shapely.from_wkt("POINT EMPTY"))
        elif kind == MULTIPOINT:
            geometries.append(
                shapely.MultiPoint([(draw(coordinate), draw(coordinate)) for _ in range(draw(st.integers(0, 4)))])
            )
        elif kind == POLYLINE:
            lines = [
                [(draw(coordinate), draw(coordinate)) for _ in range(draw(st.integers(2, 4)))]
                for _ in range(draw(st.integers(1, 3)))
            ]
            geometries.append(shapely.MultiLineString(lines) if len(lines) > 1 else shapely.LineString(lines[0]))
        else:
            x, y = draw(st.floats(-1e7, 1e7)), draw(st.floats(-1e7, 1e7))
            radius = draw(st.floats(1e-3, 1e5))
            polygons = []
            for part in range(draw(st.integers(1, 2))):
                center = (x + 3 * radius * part, y)
                holes = [ring(draw, center, radius / 2, draw(st.booleans()))] if draw(st.booleans()) else []
                polygons.append(shapely.Polygon(ring(draw, center, radius, draw(st.booleans())), holes))
            geometries.append(shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0])
    if has_z:
        z_values = st.sampled_from([0.0, 12.5, math.nan, 1e-7, -3e20])
        for index, g in enumerate(geometries):
            if g is not None and not g.is_empty:
                coords = shapely.get_coordinates(g, include_z=True)
                coords[:, 2] = [draw(z_values) for _ in range(len(coords))]
                geometries[index] = shapely.set_coordinates(shapely.force_3d(g), coords)
    measures = None
    if has_m:
        values = st.one_of(coordinate, st.just(math.nan))
        measures = [
            None
            if g is None or draw(st.booleans())
            else np.array([draw(values) for _ in range(shapely.get_num_coordinates(g))])
            for g in geometries
        ]
    fs = FeatureSet(kind, None, [Field("NAME"), Field("WHEN", "esriFieldTypeDate")], has_z=has_z, has_m=has_m)
    names = st.one_of(
        st.none(), st.text(max_size=6), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False)
    )
    rows = [
        {"NAME": draw(names), "WHEN": draw(st.sampled_from([None, 0, datetime(2024, 2, 29, tzinfo=timezone.utc)]))}
        for _ in geometries
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # vertices of huge magnitude can make invalid polygons: not the point here
        fs.set_features(geometries, rows, measures)
    return fs


@PROPERTY
@given(feature_sets())
def test_generated_feature_sets_are_written_as_their_dicts_by_both_paths(fs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warning about huge or missing vertices: not the point here
        text = by_both_paths(lambda: assert_text_is_the_dicts(fs))
        assert json.loads(text) == json.loads(json.dumps(fs.to_json()))  # the values of the text sent before


@PROPERTY
@given(st.lists(st.lists(st.one_of(coordinate, st.just(math.nan)), min_size=2, max_size=2), max_size=20))
def test_vertex_text_is_the_standard_librarys_by_both_paths(vertices):
    coords = np.array(vertices, dtype=float).reshape(-1, 2)
    expected = compact([[None if math.isnan(v) else v for v in row] for row in coords.tolist()])
    assert by_both_paths(lambda: json_encode.vertex_text(coords)) == expected


def test_part_texts_cut_the_vertices_at_part_boundaries(path):
    coords = np.array([[1.0, 2.0], [3.0, math.nan], [5.5, -0.0], [1e-5, 1e300]])
    assert json_encode.part_texts(coords, np.array([1, 0, 2, 1])) == [
        "[[1.0,2.0]]",
        "[]",
        "[[3.0,null],[5.5,-0.0]]",
        "[[1e-05,1e+300]]",
    ]


# -- orientation, values, errors ---------------------------------------------------------------


def signed_area(vertices) -> float:
    x, y = np.array(vertices).T
    return float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]) / 2)


def test_polygons_go_out_with_exteriors_clockwise_and_holes_counter_clockwise(path):
    counter_clockwise = shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (2, 4), (4, 4), (4, 2)]])
    assert shapely.is_ccw(counter_clockwise.exterior) and not shapely.is_ccw(counter_clockwise.interiors[0])
    fs = FeatureSet(POLYGON, has_m=True)
    fs.set_features([counter_clockwise], [{}], [np.arange(10.0)])
    exterior, hole = json.loads(fs.to_text())["features"][0]["geometry"]["rings"]
    assert signed_area([v[:2] for v in exterior]) < 0 < signed_area([v[:2] for v in hole])
    assert [v[2] for v in exterior] == [4.0, 3.0, 2.0, 1.0, 0.0]  # M values turn with their vertices
    assert [v[2] for v in hole] == [9.0, 8.0, 7.0, 6.0, 5.0]


def esri_rings(geom, m_values) -> list[list[list[float]]]:
    """What ArcGIS wants for a polygon, found with GEOS (shapely.is_ccw), independently of the
    encoder: each part's exterior clockwise, its holes counter-clockwise, M values turned with them."""
    rings, offset = [], 0
    for part in getattr(geom, "geoms", [geom]):
        for index, ring in enumerate([part.exterior, *part.interiors] if not part.is_empty else []):
            vertices = [list(v) + [m] for v, m in zip(ring.coords, m_values[offset : offset + len(ring.coords)])]
            offset += len(ring.coords)
            rings.append(vertices[::-1] if shapely.is_ccw(ring) == (index == 0) else vertices)
    return rings


@pytest.mark.parametrize("block", [geometry._BLOCK, 1, 7])
def test_rings_are_turned_with_their_m_values_whatever_the_polygon(path, block, monkeypatch):
    """Single polygons and multipolygons, no hole, one hole, several, rings turning either way, a
    tiny ring far from the origin (its area is lost if computed from the raw coordinates), empty
    polygons and missing geometries between them: the rings of each, turned, as GEOS sees them;
    also with ring areas computed block by block (blocks of 1 and 7 vertices: several rings or one)."""
    monkeypatch.setattr(geometry, "_BLOCK", block)

    def box(x, y, size, clockwise):
        ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size)]
        return ring[::-1] if clockwise else ring

    def hole(x, y, size, clockwise):  # 4 vertices, not 5: counting a ring's vertices wrong shows
        ring = [(x, y), (x + size, y), (x, y + size)]
        return ring[::-1] if clockwise else ring

    geometries = [
        shapely.Polygon(box(0, 0, 10, False)),
        shapely.Polygon(box(0, 0, 10, True), [hole(1, 1, 2, True)]),
        None,
        shapely.Polygon(box(0, 0, 10, False), [hole(1, 1, 2, False), hole(4, 4, 2, True), box(7, 7, 2, False)]),
        shapely.from_wkt("POLYGON EMPTY"),
        shapely.MultiPolygon(
            [
                shapely.Polygon(box(20, 0, 10, False), [hole(21, 1, 2, False), hole(25, 5, 2, True)]),
                shapely.Polygon(box(40, 0, 5, True)),
                shapely.Polygon(box(50, 0, 5, False), [hole(51, 1, 1, True)]),
            ]
        ),
        shapely.Polygon(box(1e7 + 0.5, -2e7 + 0.25, 1e-3, False), [hole(1e7 + 0.5002, -2e7 + 0.2502, 1e-4, True)]),
    ]
    measures = [None if g is None else np.arange(shapely.get_num_coordinates(g), dtype=float) for g in geometries]
    fs = FeatureSet(POLYGON, has_m=True)
    fs.set_features(geometries, [{} for _ in geometries], measures)
    features = json.loads(by_both_paths(fs.to_text))["features"]
    for geom, m_values, feature in zip(geometries, measures, features):
        if geom is None:
            assert "geometry" not in feature
        else:
            assert feature["geometry"]["rings"] == esri_rings(geom, m_values.tolist())
    assert [len(f.get("geometry", {}).get("rings", [])) for f in features] == [1, 2, 0, 4, 0, 6, 2]


def test_paths_of_lines_and_multilines_keep_their_vertices_and_order(path):
    geometries = [
        shapely.MultiLineString([[(0, 0), (1, 1), (2, 0)], [(5, 5), (6, 6)]]),
        shapely.LineString([(9, 9), (8, 8)]),
        None,
        shapely.from_wkt("LINESTRING EMPTY"),
        shapely.LinearRing([(0, 0), (1, 0), (1, 1)]),
        shapely.MultiLineString([[(3, 3), (4, 4), (5, 3), (6, 4)]]),
    ]
    fs = FeatureSet(POLYLINE, has_z=True)
    fs.set_features([shapely.force_3d(g, 7.0) if g is not None else None for g in geometries], [{}] * 6)
    features = json.loads(by_both_paths(fs.to_text))["features"]
    assert [f.get("geometry", {}).get("paths") for f in features] == [
        None
        if g is None
        else [[[*v, 7.0] for v in part.coords] for part in getattr(g, "geoms", [g]) if not part.is_empty]
        for g in geometries
    ]


def test_rows_of_the_same_fields_are_written_as_the_standard_library_writes_them(path):
    """Values orjson writes otherwise (non-ASCII and DEL, floats below 1e-4 or from 1e16, integers
    beyond 64 bits) and field names it writes otherwise keep the standard library's text."""
    fs = FeatureSet(None, fields=[Field("S"), Field("F", "esriFieldTypeDouble"), Field("Zürich"), Field("D\x7f")])
    rows = [
        {"S": "Zürich \x7f \ud83d\ude00", "F": 1e-5, "Zürich": 2**64, "D\x7f": -(2**63) - 1},
        {"S": "plain", "F": 1e16, "Zürich": True, "D\x7f": [1.5e-7, "é"]},
        {"S": None, "F": 0.5, "Zürich": None, "D\x7f": {"k": 1e300}},
    ]
    fs.set_features(None, rows)
    plain = FeatureSet(None, fields=[Field("S"), Field("F", "esriFieldTypeDouble")])
    plain.set_features(None, [{"S": 'a\u001f"\\', "F": 0.0001}, {"S": "b", "F": -0.0}])
    for table in (fs, plain):
        assert by_both_paths(lambda table=table: assert_text_is_the_dicts(table))


def test_an_orjson_without_fragments_writes_through_the_standard_library_path(monkeypatch):
    """orjson before 3.9 has no Fragment: its dumps still writes coordinates, never whole documents."""
    orjson = pytest.importorskip("orjson")
    fs = FeatureSet(POLYGON, fields=[Field("S")])
    fs.set_features([shapely.box(0, 0, 1, 1), None], [{"S": "é"}, {"S": None}])
    expected = compact(fs.to_json())
    monkeypatch.setattr(
        json_encode, "orjson", SimpleNamespace(dumps=orjson.dumps, OPT_SERIALIZE_NUMPY=orjson.OPT_SERIALIZE_NUMPY)
    )
    assert not json_encode.fast()
    assert fs.to_text() == expected


def test_attributes_are_written_as_to_json_gives_them(path):
    fs = FeatureSet(
        POINT, fields=[Field("D", "esriFieldTypeDate"), Field("O", "esriFieldTypeDateOnly"), Field("S"), Field("N")]
    )
    rows = [
        {
            "D": datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=timezone.utc),
            "O": datetime(2024, 1, 2),
            "S": 'Zürich "q" \n',
        },
        {"D": "2024-01-02", "N": np.int64(7), 3: np.float32(0.5), "extra": date(2020, 1, 1), "big": 2**70, "t": True},
        {"D": None, "N": [1, {"a": None}], "S": "\ud83d\ude00"},
    ]
    fs.set_features([shapely.Point(1, 2), shapely.from_wkt("POINT EMPTY"), None], rows)
    text = assert_text_is_the_dicts(fs)
    assert '"D":1704164645006' in text and '"O":"2024-01-02"' in text and '"3":0.5' in text
    assert '"geometry":{"x":null,"y":null}' in text


def test_nan_and_infinity_are_refused_as_json_would(path):
    fs = FeatureSet(POINT, fields=[Field("V", "esriFieldTypeDouble")])
    fs.set_features([shapely.Point(1, 2)], [{"V": math.nan}])
    with pytest.raises(ValueError):
        fs.to_text()
    lines = FeatureSet(POLYLINE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warning about infinite vertices has its own test
        lines.set_features([shapely.LineString([(0, 0), (math.inf, 1)])], [{}])
        with pytest.raises(ValueError):
            lines.to_text()


def test_a_bad_date_still_names_its_feature_and_field(path):
    fs = FeatureSet(None, fields=[Field("D", "esriFieldTypeDate")])
    fs.set_features(None, [{"D": None}, {"D": "soon"}])
    with pytest.raises(DataError, match="Feature 1, field 'D': 'soon' is not a date"):
        fs.to_text()


def test_an_input_parameter_sends_the_text_and_names_what_json_cannot_carry(path):
    parameter = Parameter.from_json(
        {"name": "Input", "dataType": "GPFeatureRecordSetLayer", "direction": "esriGPParameterDirectionInput"}, "Task"
    )
    fs = FeatureSet(POLYGON, fields=[Field("V", "esriFieldTypeDouble")])
    fs.set_features([shapely.box(0, 0, 1, 1)], [{"V": 0.25}])
    assert encode(parameter, fs) == fs.to_text()
    assert wire(parameter, fs) == fs.to_bytes()
    fs.attributes[0]["V"] = math.inf
    with pytest.raises(ParameterError, match="holds NaN or an infinite number"):
        encode(parameter, fs)
    fs.fields[0].type = "esriFieldTypeDate"
    fs.attributes[0]["V"] = "soon"
    with pytest.raises(ParameterError, match="'soon' is not a date"):
        encode(parameter, fs)


def test_feature_sets_inside_a_multivalue_are_sent_as_before(path):
    parameter = Parameter.from_json(
        {
            "name": "Inputs",
            "dataType": "GPMultiValue:GPFeatureRecordSetLayer",
            "direction": "esriGPParameterDirectionInput",
        },
        "Task",
    )
    fs = FeatureSet(POINT)
    fs.set_features([shapely.Point(1, 2)], [{"A": 1}])
    assert encode(parameter, [fs, fs]) == json.dumps([fs.to_json(), fs.to_json()])


def test_to_esri_text_is_to_esri_dumped(path):
    geometries = [shapely.Polygon([(0, 0), (0, 1), (1, 1)]), None, shapely.from_wkt("POLYGON EMPTY")]
    assert to_esri_text(geometries, POLYGON) == [
        None if g is None else compact(g) for g in to_esri(geometries, POLYGON)
    ]


def test_dates_are_written_as_epoch_milliseconds_and_the_rows_are_left_as_they_were(path):
    """Rows are handed to orjson as they are where it can write them (UTC datetimes in a date field
    too), else copied with some values replaced: the feature set's own rows never change."""
    utc = [datetime(2024, 1, 2, 3, 4, 5, 6999, tzinfo=timezone.utc), None, datetime(1900, 1, 1, tzinfo=timezone.utc)]
    others = [datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2))), datetime(2024, 1, 2), None]
    zero = [utc[0], datetime(2024, 1, 2, tzinfo=timezone(timedelta(0))), None]  # equal to utc, not it
    for dates, names in [
        (utc, ["a", "b", "c"]),
        (utc, ["é", "b", "c"]),
        (others, ["a", "b", "c"]),
        (zero, list("abc")),
    ]:
        fs = FeatureSet(None, fields=[Field("OID", "esriFieldTypeOID"), Field("S"), Field("D", "esriFieldTypeDate")])
        fs.set_features(None, [{"OID": i, "S": s, "D": d} for i, (s, d) in enumerate(zip(names, dates))])
        before = [dict(row) for row in fs.attributes]
        text = by_both_paths(lambda fs=fs: assert_text_is_the_dicts(fs))
        assert fs.attributes == before and all(type(row["D"]) is type(d) for row, d in zip(fs.attributes, dates))
        assert [f["attributes"]["D"] for f in json.loads(text)["features"]] == [
            None if d is None else epoch_milliseconds(d) for d in dates
        ]


def epoch_milliseconds(value: datetime) -> int:
    """Epoch milliseconds of a datetime (a naive one is UTC), rounded down."""
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return (aware - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(milliseconds=1)
