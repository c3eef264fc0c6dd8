"""Bodies read with msgspec (geometries read straight from their text into arrays) and with the standard
library give the same values, FeatureSets, warnings and errors: the real bodies, as sent and compact,
generated feature sets and malformed geometries."""

from __future__ import annotations

import json
import math
import warnings
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings, strategies as st

from real_bodies import REAL_BODIES
from remote_gp.gp_core import FeatureSet, GPError, json_decode
from remote_gp.gp_core.answers import read_json
from remote_gp.gp_core.transport import HttpResponse

pytest.importorskip("msgspec")
URL = "https://h/arcgis/rest/services/S/GPServer/T/jobs/j1/results/out"


def read(content: bytes, fast: bool) -> Any:
    """read_json of the content with msgspec, or with the standard library only."""
    saved = json_decode.msgspec
    if not fast:
        json_decode.msgspec = None  # type: ignore[assignment]
    try:
        return read_json(HttpResponse(200, content, "application/json", URL))
    finally:
        json_decode.msgspec = saved


def feature_sets(value: Any) -> list[FeatureSet]:
    """FeatureSets of every object holding a features list in a body."""
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("features"), list):
            found.append(FeatureSet.from_json(value))
        for key, member in value.items():
            if key != "features":
                found += feature_sets(member)
    elif isinstance(value, list):
        for member in value:
            found += feature_sets(member)
    return found


def outcome(content: bytes, fast: bool) -> Any:
    """What reading a body gives: its feature sets as comparable values and the warnings, or the error."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            sets = [described(fs) for fs in feature_sets(read(content, fast))]
        except GPError as error:
            return type(error).__name__, str(error)
    return sets, [str(w.message) for w in caught]


def described(fs: FeatureSet) -> tuple[Any, ...]:
    present = ~shapely.is_missing(fs.geometries)
    wkb = [shapely.to_wkb(g, output_dimension=3).hex() if g is not None else None for g in fs.geometries]
    measures = [None if m is None else np.asarray(m).tobytes().hex() for m in fs.measures]
    return (
        fs.geometry_type,
        fs.spatial_reference,
        [(f.name, f.type, f.alias, f.length, f.extra) for f in fs.fields],
        fs.has_z,
        fs.has_m,
        fs.exceeded_transfer_limit,
        present.tolist(),
        wkb,
        measures,
        fs.attributes,
    )


def same_either_way(content: bytes) -> Any:
    fast, plain = outcome(content, True), outcome(content, False)
    assert fast == plain
    return fast


@pytest.mark.parametrize("path", sorted(REAL_BODIES.glob("*.json")), ids=lambda p: p.name[-60:])
def test_real_bodies_read_the_same_with_and_without_msgspec_as_sent_and_compact(path):
    content = path.read_bytes()
    same_either_way(content)
    same_either_way(json.dumps(json.loads(content), separators=(",", ":")).encode())


def test_a_compact_polygon_is_read_from_its_text_into_the_same_feature_set():
    body = {
        "geometryType": "esriGeometryPolygon",
        "fields": [{"name": "d", "type": "esriFieldTypeDate"}],
        "features": [
            {
                "attributes": {"d": 0},
                "geometry": {"rings": [[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]], [[2, 2], [4, 2], [4, 4], [2, 2]]]},
            },
            {"attributes": {"d": None}, "geometry": {"rings": []}},
            {"attributes": None, "geometry": None},
            {"geometry": {"rings": [[[0, 0, 1, 2], [0, 1, None, 3], [1, 1, 2, None], [0, 0, 1, 2]]]}},
        ],
    }
    (sets, warned) = same_either_way(json.dumps(body, separators=(",", ":")).encode())
    assert (
        sets[0][7][0]
        == shapely.to_wkb(
            shapely.from_wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 2))"), output_dimension=3
        ).hex()
    )
    assert not warned


@pytest.mark.parametrize(
    "geometry",
    [
        '{"rings":[[[0,0],[1,1],[1,0],[0]]]}',  # a vertex of one number
        '{"rings":[[[0,0],[1,1,5],[1,0],[0,0]]]}',  # vertices of different widths
        '{"rings":[[[0,0],[1,1],[1,0],[]]]}',  # an empty vertex
        '{"rings":[[0,0,1,1]]}',  # numbers where vertices belong
        '{"rings":5}',
        '{"rings":null}',
        '{"rings":[[[0,0],[1,1],[1,0],[null,0]]]}',  # a ring vertex without x
        '{"paths":[[[0,0],[1,1]]]}',  # the wrong type
        '{"rings":[[[0,0],[1,1],[true,0],[0,0]]]}',
        '{"rings":[[[0,0],[1,1],[1,0],[0,0]]],"hasZ":true}',
        '{"rings":[[[[0,0],[1,1],[1,0],[0,0]]]]}',
        '{"curveRings":[[[0,0],[0,1],{"c":[[0,0],[1,1]]}]]}',
        '{"rings":[[[0,0],[1,1],[1,0],[0,0]]],"spatialReference":{"wkid":4326}}',
        '{"rings": [ ]}',
    ],
)
def test_a_malformed_geometry_among_good_ones_gives_the_same_result_or_error_either_way(geometry):
    good = '{"geometry":{"rings":[[[0,0],[0,1],[1,1],[0,0]]]}}'
    features = ",".join([good] * 3 + ['{"geometry":' + geometry + "}"] + [good])
    content = ('{"geometryType":"esriGeometryPolygon","features":[' + features + "]}").encode()
    same_either_way(content)


def test_numbers_the_standard_library_reads_and_msgspec_refuses_are_read_all_the_same():
    content = b'{"geometryType":"esriGeometryPolyline","features":[{"geometry":{"paths":[[[0,1e400],[1,2]]]}}]}'
    assert same_either_way(content)[0][0][7][0] is not None


def vertex(width: int) -> Any:
    number = st.one_of(
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False, allow_infinity=False, width=64),
        st.floats(-1e7, 1e7).map(lambda x: round(x, 3)),
    )
    return st.lists(st.one_of(number, st.none()) if width > 2 else number, min_size=width, max_size=width)


@st.composite
def geometries(draw: Any, member: str) -> Any:
    width = draw(st.sampled_from([2, 3, 4]))
    points = st.lists(vertex(width), min_size=0, max_size=6)
    if member == "points":
        return {"points": draw(points)}
    return {member: draw(st.lists(st.lists(vertex(width), min_size=0, max_size=6), max_size=3))}


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        [("rings", "esriGeometryPolygon"), ("paths", "esriGeometryPolyline"), ("points", "esriGeometryMultipoint")]
    ),
    st.data(),
    st.booleans(),
    st.booleans(),
)
def test_generated_feature_sets_read_the_same_either_way(kind, data, has_z, has_m):
    member, geometry_type = kind
    items = data.draw(st.lists(st.one_of(st.none(), geometries(member)), max_size=8))
    body = {
        "geometryType": geometry_type,
        "hasZ": has_z,
        "hasM": has_m,
        "features": [{"attributes": {"i": i}, "geometry": g} for i, g in enumerate(items)],
    }
    separators = data.draw(st.sampled_from([(",", ":"), (", ", ": ")]))  # as ArcGIS sends it, as Python writes it
    same_either_way(json.dumps(body, separators=separators).encode())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-(10**30), 10**30)),
        min_size=2,
        max_size=40,
    )
)
def test_coordinates_are_the_floats_the_standard_library_reads(numbers):
    pairs = [numbers[i : i + 2] for i in range(0, len(numbers) - 1, 2)]
    text = json.dumps({"paths": [pairs]}, separators=(",", ":")).encode()
    coords, counts = json_decode.coordinates([json_decode.msgspec.Raw(text)], "paths")
    expected = np.array([[float(x) for x in pair] for pair in pairs])
    assert coords.tobytes() == expected.tobytes() and counts[0].tolist() == [1] and counts[1].tolist() == [len(pairs)]
    assert all(math.isfinite(x) for x in coords.ravel())


@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")])
def test_rings_are_read_from_their_text_with_the_count_of_every_level(separators):
    geometries = [
        {"rings": [[[0, 0], [0, 9], [9, 9], [0, 0]], [[1, 1], [2, 1], [1, 2], [1, 1]]]},
        {"rings": []},
        {"rings": [[[5, 5, None], [5, 6, 1.5], [6, 6, 2], [5, 5, 3]]]},
    ]
    raws = [json_decode.msgspec.Raw(json.dumps(g, separators=separators).encode()) for g in geometries[:2]]
    coords, (rings, vertices) = json_decode.coordinates(raws, "rings")
    assert coords.tolist() == [[0, 0], [0, 9], [9, 9], [0, 0], [1, 1], [2, 1], [1, 2], [1, 1]]
    assert rings.tolist() == [2, 0] and vertices.tolist() == [4, 4]
    third = [json_decode.msgspec.Raw(json.dumps(geometries[2], separators=separators).encode())]
    coords, (rings, vertices) = json_decode.coordinates(third, "rings")
    assert np.isnan(coords[0, 2]) and coords[1:, 2].tolist() == [1.5, 2, 3] and vertices.tolist() == [4]
    with pytest.raises(ValueError):
        json_decode.coordinates(raws + third, "rings")  # widths 2 and 3 in one batch
