"""FeatureSets and geometries: Esri JSON from the server (points, multipoints, paths, rings, curves,
envelopes; Z and M), read into shapely and written back."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import given, strategies as st

from decoder_property import only_typed_errors
from json_strategies import EDGE_SCALARS, SCALARS, mostly, one_of_these
from remote_gp.gp_core import FeatureSet
from remote_gp.gp_core.geometry import (
    ENVELOPE,
    GEOMETRY_TYPES,
    MULTIPOINT,
    POINT,
    POLYGON,
    POLYLINE,
    from_esri,
    to_esri,
)

TYPE_OF_KEY = {
    "x": POINT,
    "points": MULTIPOINT,
    "paths": POLYLINE,
    "rings": POLYGON,
    "curvePaths": POLYLINE,
    "curveRings": POLYGON,
    "xmin": ENVELOPE,
}
COORDINATE = st.floats(-1e7, 1e7) | st.integers(-(10**7), 10**7)
#: Mostly plain coordinates, sometimes anything at all (NaN, Infinity, huge numbers, text...).
ORDINATE = mostly(COORDINATE, EDGE_SCALARS | SCALARS, one_in=4)
ODD_VERTEX = st.lists(ORDINATE, min_size=2, max_size=4) | st.lists(ORDINATE, max_size=6) | SCALARS
KEYS = st.sampled_from(sorted(TYPE_OF_KEY))
GEOMETRY_TYPE = mostly(st.none(), st.sampled_from(GEOMETRY_TYPES) | SCALARS)
"""None (the type of the geometries drawn) mostly, else any type or anything."""


def vertices(width: int) -> st.SearchStrategy:
    """Vertices of `width` coordinates (x, y, and Z and/or M), now and then an odd one."""
    return mostly(st.lists(COORDINATE, min_size=width, max_size=width), ODD_VERTEX, one_in=20)


@st.composite
def segments(draw, width: int):
    """A curve segment: circular ("c"), elliptic ("a") or Bézier ("b") arc, or a straight one."""
    vertex = vertices(width)
    kind = draw(st.sampled_from(["c", "a", "b", "line"]))
    if kind == "line":
        return draw(vertex)
    if kind == "c":
        parts = [draw(vertex), draw(vertex)]
    elif kind == "b":
        parts = [draw(vertex), draw(vertex), draw(vertex)]
    else:
        parts = [
            draw(vertex),
            draw(vertex),
            draw(st.booleans() | SCALARS),
            draw(st.booleans() | SCALARS),
            draw(ORDINATE),
            draw(ORDINATE),
            draw(mostly(st.floats(0.01, 1), ORDINATE)),
        ][: draw(st.integers(2, 7))]
    return {kind: parts[: draw(st.integers(0, len(parts)))] if draw(st.booleans()) else parts}


@st.composite
def geometries(draw, key: str):
    """An Esri JSON geometry of the kind `key` says, with odd numbers, shapes and flags now and then."""
    width = draw(st.integers(2, 4))
    path = st.lists(vertices(width), max_size=8)
    if key == "x":
        geometry = {name: draw(ORDINATE) for name in ("x", "y", "z", "m") if name in "xy" or draw(st.booleans())}
    elif key == "xmin":
        geometry = {name: draw(ORDINATE) for name in ("xmin", "ymin", "xmax", "ymax")}
    elif key == "points":
        geometry = {key: draw(path)}
    elif key in ("paths", "rings"):
        geometry = {key: draw(st.lists(path, max_size=4))}
    else:
        curve = st.builds(lambda start, rest: [start, *rest], vertices(width), st.lists(segments(width), max_size=5))
        geometry = {key: draw(st.lists(curve, max_size=3))}
    for flag in ("hasZ", "hasM"):
        if draw(st.booleans()):
            geometry[flag] = draw(mostly(st.booleans(), SCALARS))
    return geometry


def read_geometries(items: list, geometry_type, has_z, has_m):
    geoms, measures = from_esri(items, geometry_type, has_z, has_m)
    assert len(geoms) == len(items)
    assert all(geometry is None or isinstance(geometry, shapely.Geometry) for geometry in geoms)
    if measures is not None:
        counts = shapely.get_num_coordinates(geoms)
        for count, values in zip(counts, measures):
            assert values is None or len(values) == count
    kind = geometry_type or next((k for k in GEOMETRY_TYPES if any(g is not None for g in geoms)), None)
    if kind in GEOMETRY_TYPES and geometry_type is not None:
        to_esri(geoms, geometry_type, bool(has_z), bool(has_m), measures)
    return geoms


@st.composite
def geometry_lists(draw) -> tuple[str, list]:
    """Geometries of one kind, now and then with one of another kind, null or not an object; and their type."""
    key = draw(KEYS)
    items = draw(
        st.lists(mostly(geometries(key), KEYS.flatmap(geometries) | st.none() | SCALARS, one_in=16), max_size=5)
    )
    return TYPE_OF_KEY[key], items


@given(geometry_list=geometry_lists(), geometry_type=GEOMETRY_TYPE, has_z=st.booleans(), has_m=st.booleans())
def test_geometries(geometry_list, geometry_type, has_z, has_m):
    kind, items = geometry_list
    only_typed_errors(lambda: read_geometries(items, geometry_type or kind, has_z, has_m))


def read_features(body) -> FeatureSet:
    """A feature set as decoded from a result, then all a client does with it."""
    features = FeatureSet.from_json(body)
    assert len(features.geometries) == len(features) == len(features.measures)
    assert all(isinstance(row, dict) for row in features.attributes)
    features.to_json()
    return features


@given(data=st.data())
def test_feature_sets(bodies, data):
    body = data.draw(bodies.mutated_inside("features", lambda obj: "features" in obj))
    only_typed_errors(lambda: read_features(body))


@pytest.fixture(scope="module")
def feature_sets(bodies) -> list[dict]:
    return bodies.inside(lambda obj: isinstance(obj.get("features"), list))


@given(data=st.data(), geometry_list=geometry_lists())
def test_feature_sets_of_generated_geometries(feature_sets, data, geometry_list):
    """Real feature sets whose geometries are replaced by generated ones."""
    body = dict(data.draw(one_of_these(feature_sets)))
    body["geometryType"], items = geometry_list
    body["features"] = [{"geometry": geometry, "attributes": {}} for geometry in items]
    only_typed_errors(lambda: read_features(body))
